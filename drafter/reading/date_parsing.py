"""Contributors' date values -> date specs (entries.md, "Dates"); French messages."""

from __future__ import annotations

import datetime as dt
import re

from drafter.model import DateKind, DatePoint, DateSpec

UNDATED = "periode"
_SEASONS = {
    "printemps": "printemps",
    "ete": "ete",
    "été": "ete",
    "automne": "automne",
    "hiver": "hiver",
}
_PARTS = {"debut": "debut", "début": "debut", "fin": "fin"}
_SEMESTERS = ("S1", "S2")
_LISTABLE = {DateKind.MONTH, DateKind.SEASON, DateKind.YEAR}

MIN_YEAR, MAX_YEAR = 1900, 2199
_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_YEAR = re.compile(r"\d{4}")
_NAMED = re.compile(r"(\w+)\s+(\d{4})")
_MID = re.compile(r"mi-(\d{4})")
# French ways of typing a date, accepted in YAML as in spreadsheets: 14/02/2023, 02/2023,
# février 2023, 1er mars 2024
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("janvier",),
            ("février", "fevrier"),
            ("mars",),
            ("avril",),
            ("mai",),
            ("juin",),
            ("juillet",),
            ("août", "aout"),
            ("septembre",),
            ("octobre",),
            ("novembre",),
            ("décembre", "decembre"),
        ],
        start=1,
    )
    for name in names
}


def month_number(name: str) -> int | None:
    """Return the month a French month name (accents optional, any case) designates."""
    return _MONTHS.get(name.lower())


_SLASH_DAY = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")
_SLASH_MONTH = re.compile(r"(\d{1,2})[/.](\d{4})")
_WORD_DATE = re.compile(r"(?:(\d{1,2})(?:er)?\s+)?([^\W\d_]+)\s+(\d{4})")


class DateSpecError(ValueError):
    """A date value that cannot be read; the message is French and says what is expected."""


def parse_point(value: str) -> DatePoint:
    """Return the point a single written date designates, or raise DateSpecError."""
    point = _parse_point(value.strip())
    if not MIN_YEAR <= point.year <= MAX_YEAR:
        raise DateSpecError(f"année hors limites « {point.year} » : entre {MIN_YEAR} et {MAX_YEAR}")
    return point


def _parse_point(text: str) -> DatePoint:
    written, text = text, normalise_date(text)
    if m := _DAY.fullmatch(text):
        return _day(written, *map(int, m.groups()))
    if m := _MONTH.fullmatch(text):
        year, month = map(int, m.groups())
        _check_month(written, month)
        return DatePoint(year, month, kind=DateKind.MONTH)
    if _YEAR.fullmatch(text):
        return DatePoint(int(text), kind=DateKind.YEAR)
    return _named_point(text)


def _check_month(text: str, month: int) -> None:
    if not 1 <= month <= 12:
        raise DateSpecError(f"date impossible « {text} » : le mois doit aller de 01 à 12")


def _day(text: str, year: int, month: int, day: int) -> DatePoint:
    _check_month(text, month)
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
        f"date illisible « {text} » : formes acceptées 2023-01-10, 14/02/2023, 2023-02, "
        "février 2023, 2023, printemps 2023, S1 2023, début 2021, mi-2024, periode, "
        "ou une liste [2022-06, 2022-12]"
    )


def normalise_date(text: str) -> str:
    """Return French ways of typing a date (14/02/2023, février 2023) in the contract's form."""
    if m := _SLASH_DAY.fullmatch(text):
        return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    if m := _SLASH_MONTH.fullmatch(text):
        return f"{m.group(2)}-{int(m.group(1)):02d}"
    m = _WORD_DATE.fullmatch(text)
    month = _MONTHS.get(m.group(2).lower()) if m else None
    if m is None or month is None:
        return text
    if m.group(1):
        return f"{m.group(3)}-{month:02d}-{int(m.group(1)):02d}"
    return f"{m.group(3)}-{month:02d}"


def parse_spec(value: str | list[str]) -> DateSpec:
    """Return the date spec of a written value (a string or a list of strings)."""
    if isinstance(value, str):
        if value.strip() == UNDATED:
            return DateSpec()
        return DateSpec((parse_point(value),))
    # calendar order: a season has no month, so the points sort by the first day they cover
    points = sorted(set(map(parse_point, value)), key=lambda p: (p.first_day(), p.label))
    if not points:
        raise DateSpecError("liste de dates vide : indiquez au moins une date, ou periode")
    kinds = {p.kind for p in points}
    if len(points) > 1 and (len(kinds) > 1 or not kinds <= _LISTABLE):
        raise DateSpecError(
            "une liste de dates contient soit des mois, soit des saisons, soit des années, "
            "d'une seule sorte"
        )
    return DateSpec(tuple(points))


_YEAR_MONTH = re.compile(r"(\d{4})-(\d{2})")


def parse_month(text: str) -> tuple[int, int] | None:
    """Return (year, month) for `AAAA-MM` within the years drafter accepts, else None."""
    match = _YEAR_MONTH.fullmatch(text.strip())
    if match is None:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    return (year, month) if 1 <= month <= 12 and MIN_YEAR <= year <= MAX_YEAR else None


_WRITTEN_LABELS = {"ete": "été", "debut": "début"}


def format_spec(spec: DateSpec) -> str:
    """Return a date spec as a contributor writes it in a cell (`2023-02`, `été 2023`, …)."""
    if spec.undated:
        return UNDATED
    return " ; ".join(_format_point(point) for point in spec.points)


def _format_point(point: DatePoint) -> str:
    """Return one point as written: the inverse of parse_point."""
    if point.kind is DateKind.DAY:
        return f"{point.year}-{point.month:02d}-{point.day:02d}"
    if point.kind is DateKind.MONTH:
        return f"{point.year}-{point.month:02d}"
    if point.kind is DateKind.YEAR:
        return str(point.year)
    if point.label == "mi":
        return f"mi-{point.year}"
    return f"{_WRITTEN_LABELS.get(point.label, point.label)} {point.year}"
