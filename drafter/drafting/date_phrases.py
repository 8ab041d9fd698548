"""French date phrases for date specs (entries.md, "Dates"). The only Babel importer."""

from __future__ import annotations

import datetime as dt
from functools import cache
from itertools import groupby

from babel.dates import get_month_names
from babel.lists import format_list

from drafter.model import DateKind, DatePoint, DateSpec

NBSP = "\u00a0"
_SEASON_PHRASES = {
    "printemps": "au printemps",
    "ete": "à l'été",
    "automne": "à l'automne",
    "hiver": "à l'hiver",
}
_SEMESTERS = {"S1": "au premier semestre de", "S2": "au second semestre de"}


@cache
def month_name(month: int, locale: str = "fr") -> str:
    """Return the name of a month in the locale (Babel's CLDR data): lowercase in French,
    capitalised in British English."""
    return str(get_month_names("wide", locale=locale)[month])


def phrase(spec: DateSpec, initial: bool = False) -> str:
    """Return the French date phrase (`en février 2023`), capitalised at a sentence start."""
    text = _phrase(spec)
    return text[:1].upper() + text[1:] if initial else text


def _phrase(spec: DateSpec) -> str:
    if spec.undated:
        return ""
    kind = spec.points[0].kind
    if kind is DateKind.MONTH:
        return _months_phrase(spec.points)
    if kind is DateKind.YEAR:
        return "en " + join_words([str(p.year) for p in spec.points])
    return join_words([_point_phrase(p) for p in spec.points])


def _point_phrase(point: DatePoint) -> str:
    if point.kind is DateKind.DAY:
        return "le " + day_phrase(point.first_day())
    if point.kind is DateKind.SEASON:
        return f"{_SEASON_PHRASES[point.label]}{NBSP}{point.year}"
    if point.kind is DateKind.SEMESTER:
        return f"{_SEMESTERS[point.label]}{NBSP}{point.year}"
    if point.label == "mi":
        return f"mi-{point.year}"
    return f"{'début' if point.label == 'debut' else 'fin'}{NBSP}{point.year}"


def _months_phrase(points: tuple[DatePoint, ...]) -> str:
    groups = [list(g) for _, g in groupby(points, key=lambda p: p.year)]
    parts = [join_words([month_name(p.month) for p in g]) + f"{NBSP}{g[0].year}" for g in groups]
    if len(parts) == 1:
        return "en " + parts[0]
    last_sep = ", et en " if any(len(g) > 1 for g in groups) else " et en "
    return "en " + ", en ".join(parts[:-1]) + last_sep + parts[-1]


def join_words(words: list[str], locale: str = "fr") -> str:
    """Join words as the locale does (Babel's CLDR data): `a, b et c`, `a, b and c`."""
    if len(words) <= 1:
        return "".join(words)
    return str(format_list(words, locale=locale))


def day_phrase(day: dt.date) -> str:
    """Return `14 juin 2024`, `1er juin 2024` (no-break spaces inside)."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number}{NBSP}{month_name(day.month)}{NBSP}{day.year}"


def month_phrase(year: int, month: int) -> str:
    """Return `juin 2023`."""
    return f"{month_name(month)}{NBSP}{year}"


def period_phrase(start: tuple[int, int], end: tuple[int, int]) -> str:
    """Return `entre juin 2023 et mai 2024`."""
    return f"entre {month_phrase(*start)} et {month_phrase(*end)}"
