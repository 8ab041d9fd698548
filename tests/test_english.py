"""The English edition's words: every date form of docs/entrees.md in British English, the
ordinals of the title up to the twenty-first, and English typography rule by rule."""

from __future__ import annotations

import datetime as dt

import pytest

from drafter.drafting.languages import dates_of, numbers_of
from drafter.drafting.typography import typography_of
from drafter.reading.date_parsing import parse_spec

# Every row of the French table (tests/test_dates.py, docs/entrees.md), in English.
TABLE = [
    ("2022-09-08", "on 8 September 2022", "On 8 September 2022"),
    ("2024-03-01", "on 1 March 2024", "On 1 March 2024"),
    ("2022-09", "in September 2022", "In September 2022"),
    ("2022", "in 2022", "In 2022"),
    (["2022-06", "2022-12"], "in June and December 2022", "In June and December 2022"),
    (["2023-03", "2023-04"], "in March and April 2023", "In March and April 2023"),
    (
        ["2022-06", "2022-09", "2022-12", "2023-03", "2023-04"],
        "in June, September and December 2022, and in March and April 2023",
        "In June, September and December 2022, and in March and April 2023",
    ),
    (
        ["2022-12", "2023-04"],
        "in December 2022 and in April 2023",
        "In December 2022 and in April 2023",
    ),
    (["2022", "2023"], "in 2022 and 2023", "In 2022 and 2023"),
    ("printemps 2023", "in spring 2023", "In spring 2023"),
    ("été 2023", "in summer 2023", "In summer 2023"),
    ("automne 2022", "in autumn 2022", "In autumn 2022"),
    ("hiver 2023", "in winter 2023", "In winter 2023"),
    (
        ["automne 2022", "printemps 2023"],
        "in autumn 2022 and spring 2023",
        "In autumn 2022 and spring 2023",
    ),
    ("S1 2023", "in the first half of 2023", "In the first half of 2023"),
    ("S2 2020", "in the second half of 2020", "In the second half of 2020"),
    ("début 2021", "in early 2021", "In early 2021"),
    ("fin 2020", "in late 2020", "In late 2020"),
    ("mi-2024", "in mid-2024", "In mid-2024"),
    ("2023-01-10", "on 10 January 2023", "On 10 January 2023"),
    (
        ["2023-04", "2022-12"],
        "in December 2022 and in April 2023",
        "In December 2022 and in April 2023",
    ),
    (
        ["printemps 2023", "automne 2023"],
        "in spring 2023 and autumn 2023",
        "In spring 2023 and autumn 2023",
    ),
    ("ete 2023", "in summer 2023", "In summer 2023"),
    ("debut 2021", "in early 2021", "In early 2021"),
    ("periode", "", ""),
]


@pytest.mark.parametrize(("written", "inside", "initial"), TABLE)
def test_english_date_phrases(written: str | list[str], inside: str, initial: str) -> None:
    """Each date form reads in British English inside a sentence and at its start."""
    spec = parse_spec(written)
    assert dates_of("en").phrase(spec) == inside
    assert dates_of("en").phrase(spec, initial=True) == initial


def test_period_and_day_lines() -> None:
    """The series sentence's period and the date line under the title."""
    assert dates_of("en").period((2023, 6), (2024, 5)) == "between June 2023 and May 2024"
    assert dates_of("en").period((2022, 6), (2022, 12)) == "between June and December 2022"
    assert dates_of("en").day(dt.date(2024, 6, 14)) == "14 June 2024"


ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "twenty-first",
]


@pytest.mark.parametrize(("number", "word"), list(enumerate(ORDINALS, start=1)))
def test_ordinals_up_to_twenty_first(number: int, word: str) -> None:
    """The title's ordinal, lowercase inside a sentence (« The present, ninth report »)."""
    assert numbers_of("en").ordinal(number) == word


def test_larger_ordinals_and_cardinals() -> None:
    """Tens, hundreds and the small counts spelt out (« the three Joint Declarations »)."""
    assert numbers_of("en").ordinal(30) == "thirtieth"
    assert numbers_of("en").ordinal(42) == "forty-second"
    assert numbers_of("en").ordinal(100) == "one hundredth"
    assert numbers_of("en").ordinal(112) == "one hundred and twelfth"
    assert numbers_of("en").cardinal(3) == "three"
    assert numbers_of("en").cardinal(21) == "twenty-one"


TYPOGRAPHY = [
    ("no space before a colon", "agenda : energy", "agenda: energy"),
    ("no space before ; ! ?", "Jordan\u202f; Tunisia ! Why ?", "Jordan; Tunisia! Why?"),
    ("double quotes", 'the "Beyond Disinformation" event', "the “Beyond Disinformation” event"),
    ("French quotes", "the «\u00a0cyber\u00a0» strand", "the “cyber” strand"),
    ("single quotes", "the 'cyber' strand", "the ‘cyber’ strand"),
    ("apostrophe", "the EU's partners", "the EU’s partners"),
    (
        "thousands",
        "10\u00a0000 participants and 210 briefings",
        "10,000 participants and 210 briefings",
    ),
    ("years untouched", "in 2023 and 2024", "in 2023 and 2024"),
    ("space before a period", "the end .", "the end."),
    ("etc", "ships, aircraft, etc...", "ships, aircraft, etc."),
    ("double spaces", "two  spaces", "two spaces"),
]


def english_typography(text: str) -> str:
    """Return text with the English table's rules applied."""
    return typography_of("en")(text)


@pytest.mark.parametrize(("rule", "before", "after"), TYPOGRAPHY, ids=[t[0] for t in TYPOGRAPHY])
def test_english_typography(rule: str, before: str, after: str) -> None:
    """Each English rule, and applying the rules twice changes nothing."""
    assert english_typography(before) == after
    assert english_typography(after) == after


def test_untranslated_french_and_comments_keep_their_typography() -> None:
    """A French placeholder span, a comment, a URL and a time are left as written."""
    text = (
        "See https://x.eu/a?b=c at 10:30 "
        "[Les services\u00a0: «\u00a0oui\u00a0» \\[x\\]]{.a-completer}<!--§ a § old French : « x »-->"
    )
    assert english_typography(text) == text
