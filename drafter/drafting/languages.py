"""Each edition's date phrases and number words, made once per language from its words file
(data/editions/<language>.yaml): a new language needs a words file, not code."""

from __future__ import annotations

from functools import cache

from drafter.drafting.date_phrases import DatePhrases
from drafter.drafting.numbers import NumberWords
from drafter.drafting.word_tables import WordTable, edition_words
from drafter.model import SOURCE_LANGUAGE


@cache
def dates_of(language: str) -> DatePhrases:
    """Return the date phrases of an edition."""
    return DatePhrases(_table(language, "dates"))


@cache
def numbers_of(language: str) -> NumberWords:
    """Return the number words of an edition."""
    return NumberWords(_table(language, "nombres"))


def source_dates() -> DatePhrases:
    """Return the date phrases of the source edition, in which the entries are written."""
    return dates_of(SOURCE_LANGUAGE)


def _table(language: str, section: str) -> WordTable:
    return WordTable(edition_words(language).words, section, f"editions/{language}.yaml")
