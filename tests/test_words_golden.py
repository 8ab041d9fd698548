"""The date phrases and number words drafter wrote before they moved to the editions' words
files, frozen in tests/golden/words.tsv (written by the Python tables' code): every one is
written the same from the data, in both languages."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest

from drafter.drafting.date_phrases import DatePhrases
from drafter.drafting.languages import dates_of, numbers_of
from drafter.reading.date_parsing import parse_spec
from tests.conftest import REPO

ROWS = [
    line.split("\t")
    for line in (REPO / "tests" / "golden" / "words.tsv").read_text("utf-8").splitlines()
]


def _written(language: str, kind: str, arg: Any) -> str:
    """Return what the engines write today for one frozen row."""
    dates, numbers = dates_of(language), numbers_of(language)
    kinds: dict[str, Callable[[Any], str]] = {
        "cardinal": lambda a: numbers.cardinal(a[0], feminine=a[1]),
        "ordinal": lambda a: numbers.ordinal(a[0], feminine=a[1]),
        "date": lambda a: dates.phrase(parse_spec(a[0]), a[1]),
        "day": lambda a: dates.day(dt.date.fromisoformat(a)),
        "month": lambda a: dates.month(*a),
        "period": lambda a: dates.period(tuple(a[0]), tuple(a[1])),
        "list": dates.join,
        "month_name": dates.month_name,
    }
    return kinds[kind](arg)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_frozen_phrase_and_number_is_written_the_same(language: str) -> None:
    """0-999 in both genders, cardinal and ordinal, and every kind of date: as before."""
    rows = [r for r in ROWS if r[0] == language]
    differ = [
        (kind, arg, text, _written(language, kind, json.loads(arg)))
        for _, kind, arg, text in rows
        if _written(language, kind, json.loads(arg)) != text
    ]
    assert differ == []
    assert {r[1] for r in rows} == {
        "cardinal",
        "ordinal",
        "date",
        "day",
        "month",
        "period",
        "list",
        "month_name",
    }
    assert sum(r[1] == "ordinal" for r in rows) == 2_000


def test_the_engines_are_one_per_language() -> None:
    """French and English are two instances of the one date engine."""
    assert type(dates_of("fr")) is type(dates_of("en")) is DatePhrases
