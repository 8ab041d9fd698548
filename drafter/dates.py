"""Date specs: parsing contributors' values and French phrases. The only Babel importer."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from itertools import groupby

from babel.dates import get_month_names

from drafter.entries import DateKind, DatePoint, DateSpec

NBSP = "\u00a0"
UNDATED = "periode"
_SEASONS = {
    "printemps": "printemps",
    "ete": "ete",
    "été": "ete",
    "automne": "automne",
    "hiver": "hiver",
}
_PARTS = {"debut": "debut", "début": "debut", "fin": "fin"}
_SEASON_PHRASES = {
    "printemps": "au printemps",
    "ete": "à l'été",
    "automne": "à l'automne",
    "hiver": "à l'hiver",
}
_SEMESTERS = {"S1": "au premier semestre de", "S2": "au second semestre de"}
_LISTABLE = {DateKind.MONTH, DateKind.SEASON, DateKind.YEAR}

MIN_YEAR, MAX_YEAR = 1900, 2199
_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_YEAR = re.compile(r"\d{4}")
_NAMED = re.compile(r"(\w+)\s+(\d{4})")
_MID = re.compile(r"mi-(\d{4})")


class DateSpecError(ValueError):
    """A date value that cannot be read; the message is French and says what is expected."""


@cache
def month_name(month: int) -> str:
    """Return the French name of a month, lowercase (Babel's CLDR data)."""
    return str(get_month_names("wide", locale="fr")[month])


def parse_point(value: str) -> DatePoint:
    """Return the point a single written date designates, or raise DateSpecError."""
    point = _parse_point(value.strip())
    if not MIN_YEAR <= point.year <= MAX_YEAR:
        raise DateSpecError(f"année hors limites « {point.year} » : entre {MIN_YEAR} et {MAX_YEAR}")
    return point


def _parse_point(text: str) -> DatePoint:
    if m := _DAY.fullmatch(text):
        return _day(text, *map(int, m.groups()))
    if m := _MONTH.fullmatch(text):
        year, month = map(int, m.groups())
        if not 1 <= month <= 12:
            raise DateSpecError(f"date impossible « {text} » : le mois doit aller de 01 à 12")
        return DatePoint(year, month, kind=DateKind.MONTH)
    if _YEAR.fullmatch(text):
        return DatePoint(int(text), kind=DateKind.YEAR)
    return _named_point(text)


def _day(text: str, year: int, month: int, day: int) -> DatePoint:
    try:
        dt.date(year, month, day)
    except ValueError:
        raise DateSpecError(f"date impossible « {text} » : ce jour n'existe pas") from None
    return DatePoint(year, month, day, kind=DateKind.DAY)


def _named_point(text: str) -> DatePoint:
    if m := _MID.fullmatch(text):
        return DatePoint(int(m.group(1)), label="mi", kind=DateKind.PART)
    m = _NAMED.fullmatch(text)
    word = m.group(1) if m else ""
    if m and word.lower() in _SEASONS:
        return DatePoint(int(m.group(2)), label=_SEASONS[word.lower()], kind=DateKind.SEASON)
    if m and word.upper() in _SEMESTERS:
        return DatePoint(int(m.group(2)), label=word.upper(), kind=DateKind.SEMESTER)
    if m and word.lower() in _PARTS:
        return DatePoint(int(m.group(2)), label=_PARTS[word.lower()], kind=DateKind.PART)
    raise DateSpecError(
        f"date illisible « {text} » : formes acceptées 2023-01-10, 2023-02, 2023, "
        "printemps 2023, S1 2023, début 2021, mi-2024, periode, ou une liste [2022-06, 2022-12]"
    )


def parse_spec(value: str | list[str]) -> DateSpec:
    """Return the date spec of a written value (a string or a list of strings)."""
    if isinstance(value, str):
        if value.strip() == UNDATED:
            return DateSpec()
        return DateSpec((parse_point(value),))
    points = sorted(set(map(parse_point, value)))
    if not points:
        raise DateSpecError("liste de dates vide : indiquez au moins une date, ou periode")
    kinds = {p.kind for p in points}
    if len(points) > 1 and (len(kinds) > 1 or not kinds <= _LISTABLE):
        raise DateSpecError(
            "une liste de dates contient soit des mois, soit des saisons, soit des années, "
            "d'une seule sorte"
        )
    return DateSpec(tuple(points))


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


def join_words(words: list[str]) -> str:
    """Join words the French way: `a, b et c`."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " et " + words[-1]


def day_phrase(day: dt.date) -> str:
    """Return `14 juin 2024`, `1er juin 2024` (no-break spaces inside)."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number}{NBSP}{month_name(day.month)}{NBSP}{day.year}"


def month_phrase(year: int, month: int) -> str:
    """Return `juin 2023`."""
    return f"{month_name(month)}{NBSP}{year}"
