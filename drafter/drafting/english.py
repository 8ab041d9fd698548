"""The English grammar of the English edition (drafting/edition.py): date phrases in British
English (Babel's `en_GB` month names and list joining, through drafting/date_phrases.py),
numbers and ordinals in words."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from drafter.drafting import date_phrases
from drafter.drafting.date_phrases import month_name
from drafter.model import DateKind, DatePoint, DateSpec

LOCALE = "en_GB"
_SEASONS = {"printemps": "spring", "ete": "summer", "automne": "autumn", "hiver": "winter"}
_SEMESTERS = {"S1": "the first half of", "S2": "the second half of"}
_PARTS = {"debut": "early", "fin": "late"}

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORDINAL_WORDS = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}


def english_month(month: int) -> str:
    """Return the English name of a month, capitalised (`September`)."""
    return month_name(month, LOCALE)


def date_phrase(spec: DateSpec, initial: bool = False) -> str:
    """Return the English date phrase (`in September 2022`), capitalised at a sentence start."""
    text = _phrase(spec)
    return text[:1].upper() + text[1:] if initial else text


def _phrase(spec: DateSpec) -> str:
    if spec.undated:
        return ""
    kind = spec.points[0].kind
    if kind is DateKind.MONTH:
        return _months_phrase(spec.points)
    if kind is DateKind.YEAR:
        return "in " + join_words([str(p.year) for p in spec.points])
    if kind is DateKind.SEASON:
        return "in " + join_words([f"{_SEASONS[p.label]} {p.year}" for p in spec.points])
    return join_words([_point_phrase(p) for p in spec.points])


def _point_phrase(point: DatePoint) -> str:
    if point.kind is DateKind.DAY:
        return "on " + day_phrase(point.first_day())
    if point.kind is DateKind.SEMESTER:
        return f"in {_SEMESTERS[point.label]} {point.year}"
    if point.label == "mi":
        return f"in mid-{point.year}"
    return f"in {_PARTS[point.label]} {point.year}"


def _months_phrase(points: tuple[DatePoint, ...]) -> str:
    """`in June and December 2022`; over two years `in June, September and December 2022, and
    in March and April 2023` (the comma when a year lists several months, as in French)."""
    groups = [list(g) for _, g in groupby(points, key=lambda p: p.year)]
    parts = [join_words([english_month(p.month) for p in g]) + f" {g[0].year}" for g in groups]
    if len(parts) == 1:
        return "in " + parts[0]
    last_sep = ", and in " if any(len(g) > 1 for g in groups) else " and in "
    return "in " + ", in ".join(parts[:-1]) + last_sep + parts[-1]


def join_words(words: list[str]) -> str:
    """Join words the British way, without a serial comma: `a, b and c`."""
    return date_phrases.join_words(words, LOCALE)


def day_phrase(day: dt.date) -> str:
    """Return `8 September 2022` (British order, no ordinal suffix)."""
    return f"{day.day} {english_month(day.month)} {day.year}"


def month_phrase(year: int, month: int) -> str:
    """Return `June 2023`."""
    return f"{english_month(month)} {year}"


def period_phrase(start: tuple[int, int], end: tuple[int, int]) -> str:
    """Return `between June 2023 and May 2024`, or `between June and December 2022` within a
    year."""
    if start[0] == end[0]:
        return f"between {english_month(start[1])} and {month_phrase(*end)}"
    return f"between {month_phrase(*start)} and {month_phrase(*end)}"


def cardinal(n: int, feminine: bool = False) -> str:
    """Return n (0-999) in English words: `three`, `twenty-one`, `one hundred and five`."""
    if not 0 <= n <= 999:
        raise ValueError(f"nombre hors limites : {n}")
    hundreds, rest = divmod(n, 100)
    if not hundreds:
        return _below_hundred(n)
    head = f"{_UNITS[hundreds]} hundred"
    return f"{head} and {_below_hundred(rest)}" if rest else head


def _below_hundred(n: int) -> str:
    if n < 20:
        return _UNITS[n]
    tens, unit = divmod(n, 10)
    return _TENS[tens] + (f"-{_UNITS[unit]}" if unit else "")


def ordinal(n: int, feminine: bool = False) -> str:
    """Return the ordinal in words, lowercase: `first`, `ninth`, `twelfth`, `twenty-first`."""
    words = cardinal(n)
    cut = max(words.rfind(" "), words.rfind("-")) + 1
    head, last = words[:cut], words[cut:]
    if last in _ORDINAL_WORDS:
        return head + _ORDINAL_WORDS[last]
    return head + (last[:-1] + "ieth" if last.endswith("y") else last + "th")
