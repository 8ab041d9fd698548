"""The editions' words files: a third language is a words file, not code; a file that lacks
a key is a clear error naming the file and the key."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.commands import common
from drafter.drafting.date_phrases import DatePhrases
from drafter.drafting.languages import dates_of, numbers_of
from drafter.drafting.numbers import NumberWords
from drafter.drafting.word_tables import WordTable, read_words_with
from drafter.errors import DrafterError
from drafter.reading.date_parsing import parse_spec
from drafter.reading.editions import load_edition, read_edition
from tests.conftest import REPO
from tests.test_dates import specs

SPANISH = read_edition(REPO / "tests" / "data" / "editions" / "es.yaml", "editions/es.yaml")


def _dates(words: dict[str, str], source: str = "editions/es.yaml") -> DatePhrases:
    return DatePhrases(WordTable(words, "dates", source))


def _numbers(words: dict[str, str], source: str = "editions/es.yaml") -> NumberWords:
    return NumberWords(WordTable(words, "nombres", source))


@pytest.mark.parametrize(
    ("written", "phrase"),
    [
        ("2023-01-10", "el 10 de enero de 2023"),
        ("2023-02", "en febrero de 2023"),
        (["2022-06", "2022-12"], "en junio y diciembre de 2022"),
        (
            ["2022-06", "2022-09", "2023-03", "2023-04"],
            "en junio y septiembre de 2022, y en marzo y abril de 2023",
        ),
        (["2022-12", "2023-04"], "en diciembre de 2022 y en abril de 2023"),
        (["2022", "2023", "2024"], "en 2022, 2023 y 2024"),
        (["automne 2022", "printemps 2023"], "en el otoño de 2022 y en la primavera de 2023"),
        ("S1 2023", "en el primer semestre de 2023"),
        ("début 2021", "a principios de 2021"),
        ("mi-2024", "a mediados de 2024"),
    ],
)
def test_a_third_language_writes_its_dates_from_its_words_file(
    written: str | list[str], phrase: str
) -> None:
    """Spanish date phrases, every kind, from tests/data/editions/es.yaml alone."""
    dates = _dates(SPANISH.words)
    assert dates.phrase(parse_spec(written)) == phrase
    assert dates.phrase(parse_spec(written), initial=True) == phrase[0].upper() + phrase[1:]


def test_a_third_language_writes_its_days_months_and_periods() -> None:
    """Days, months and the report's period in Spanish (Babel's `es` month names)."""
    dates = _dates(SPANISH.words)
    assert dates.day(dt.date(2024, 6, 1)) == "1 de junio de 2024"
    assert dates.month(2023, 9) == "septiembre de 2023"
    assert dates.period((2023, 6), (2024, 5)) == "entre junio de 2023 y mayo de 2024"
    assert dates.period((2022, 6), (2022, 12)) == "entre junio y diciembre de 2022"
    assert dates.join(["SEAE", "DGRIS", "EMA"]) == "SEAE, DGRIS y EMA"


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "cero"),
        (16, "dieciséis"),
        (21, "veintiuno"),
        (30, "treinta"),
        (31, "treinta y uno"),
        (99, "noventa y nueve"),
        (100, "cien"),
        (101, "ciento uno"),
        (200, "doscientos"),
        (555, "quinientos cincuenta y cinco"),
        (742, "setecientos cuarenta y dos"),
        (999, "novecientos noventa y nueve"),
    ],
)
def test_a_third_language_writes_its_numbers_from_its_words_file(number: int, words: str) -> None:
    """Spanish cardinals from the words file: fused twenties, « y », « cien » alone."""
    assert _numbers(SPANISH.words).cardinal(number) == words


def test_a_third_language_has_its_ordinals_and_feminines() -> None:
    """Spanish ordinals of titles and feminine agreement, from the words file."""
    numbers = _numbers(SPANISH.words)
    assert [numbers.ordinal(n) for n in (1, 3, 10)] == ["primero", "tercero", "décimo"]
    assert numbers.ordinal(1, feminine=True) == "primera"
    assert numbers.cardinal(21, feminine=True) == "veintiuna"
    assert numbers.cardinal(41, feminine=True) == "cuarenta y una"


@pytest.mark.parametrize(
    ("section", "key"),
    [
        ("dates", "dates.phrase.saisons.ete"),
        ("dates", "dates.periode"),
        ("dates", "dates.cldr"),
        ("nombres", "nombres.centaines.et_reste"),
        ("nombres", "nombres.ordinaux.suffixe"),
        ("nombres", "nombres.unites.7"),
    ],
)
def test_a_missing_key_names_the_file_and_the_key(section: str, key: str) -> None:
    """A words file without one of its keys: a DrafterError naming the file and that key."""
    words = {k: v for k, v in load_edition("fr").words.items() if k != key}
    make = _dates if section == "dates" else _numbers
    with pytest.raises(DrafterError) as raised:
        make(words, "editions/xx.yaml")
    assert [str(p.message) for p in raised.value.problems] == [
        f"editions/xx.yaml : clé « {key} » absente : chaque édition a les clés de "
        "editions/fr.yaml (réinstallez drafter si c'est le sien)"
    ]


def test_every_missing_key_is_named_at_once() -> None:
    """Several keys missing, wherever they are in the section: one problem for each, in one
    error."""
    gone = ("dates.cldr", "dates.phrase.saisons.ete", "dates.phrase.mois.dernier")
    words = {
        k: v
        for k, v in load_edition("en").words.items()
        if k not in gone and not k.startswith("dates.phrase.listes")
    }
    with pytest.raises(DrafterError) as raised:
        _dates(words, "editions/en.yaml")
    named = [p.message.split("« ")[1].split(" »")[0] for p in raised.value.problems]
    listes = [f"dates.phrase.listes.{k}" for k in ("jour", "annee", "saison", "semestre", "partie")]
    assert sorted(named) == sorted([*gone, *listes])
    assert all(p.message.startswith("editions/en.yaml : clé « ") for p in raised.value.problems)


def test_a_words_file_without_its_units_says_which() -> None:
    """Units 0-9 are required at once (a number needs them), each missing one named."""
    words = {
        k: v
        for k, v in load_edition("en").words.items()
        if k not in ("nombres.unites.3", "nombres.unites.8")
    }
    with pytest.raises(DrafterError) as raised:
        _numbers(words, "editions/en.yaml")
    assert [p.message.split("« ")[1].split(" »")[0] for p in raised.value.problems] == [
        "nombres.unites.3",
        "nombres.unites.8",
    ]


def test_a_missing_ten_is_named_when_a_number_needs_it() -> None:
    """A tens word left out is named when a number needs it, not a ValueError of max()."""
    words = {k: v for k, v in load_edition("en").words.items() if k != "nombres.dizaines.20"}
    numbers = _numbers(words, "editions/en.yaml")
    assert numbers.cardinal(35) == "thirty-five"
    with pytest.raises(DrafterError, match=r"clé « nombres\.dizaines\.20 » absente"):
        numbers.cardinal(25)


@pytest.fixture
def fresh_engines() -> Iterator[None]:
    """The engines and the reader of a damaged words file are not kept for the next tests."""
    dates_of.cache_clear()
    numbers_of.cache_clear()
    yield
    read_words_with(load_edition)
    dates_of.cache_clear()
    numbers_of.cache_clear()


@pytest.mark.usefixtures("fresh_engines")
def test_a_build_with_a_words_file_missing_a_key_says_which(
    workspace: Callable[..., Path],
    cli_invoke: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`drafter build` with fr.yaml lacking a key: exit 1, the file and the key named, no
    traceback, no draft."""
    french = load_edition("fr")
    words = {k: v for k, v in french.words.items() if k != "dates.phrase.saisons.hiver"}
    damaged = replace(french, words=words)
    monkeypatch.setattr(common, "_edition_words", lambda language: damaged)
    root = workspace(
        {"inputs/cyber/a.yaml": "date: 2023-10\ntexte: Un exercice.\ncontributeur: SEAE\n"}
    )
    result = cli_invoke("build", "--workspace", root)
    assert result.exit_code == 1
    assert "editions/fr.yaml : clé « dates.phrase.saisons.hiver » absente" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list((root / "outputs").glob("*.docx"))


@settings(max_examples=200, deadline=None)
@given(specs, st.sampled_from(["fr", "en", "es"]))
def test_every_edition_fills_every_pattern(written: str | list[str], language: str) -> None:
    """Any valid date, in any edition (Spanish from its words file alone): a phrase with
    every pattern filled, each year of the date in it, the same asked twice."""
    words = SPANISH.words if language == "es" else load_edition(language).words
    dates = DatePhrases(WordTable(words, "dates", f"editions/{language}.yaml"))
    spec = parse_spec(written)
    text = dates.phrase(spec, initial=True)
    assert "{" not in text
    assert "}" not in text
    assert all(str(point.year) in text for point in spec.points)
    assert dates.phrase(spec, initial=True) == text
