"""The editions' own words (data/editions/): one file per language, the same keys in each."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from drafter.drafting.edition import grammar_of
from drafter.errors import DrafterError
from drafter.model import LANGUAGES, SOURCE_LANGUAGE
from drafter.reading.date_parsing import parse_spec
from drafter.reading.editions import load_edition
from tests.test_english_draft import english
from tests.test_english_draft import translated as translated  # the fixture

DC = {"dc": "http://purl.org/dc/elements/1.1/"}


# The date and number words: tables of a language's own exceptions (« vingt et un », « 1er »)
# that another language has not; the engines require the rest (test_every_edition_has_its_grammar).
GRAMMAR = ("dates.", "nombres.")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_edition_has_the_words_of_the_source_one(language: str) -> None:
    """An edition's file has every key the French one has, no other, each a non-empty text."""
    edition, source = load_edition(language), load_edition(SOURCE_LANGUAGE)
    assert edition.language == language
    assert _words(edition.words) == _words(source.words)
    assert all(text.strip() for text in edition.words.values())


def _words(words: dict[str, str]) -> list[str]:
    return sorted(k for k in words if not k.startswith(GRAMMAR))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_edition_has_its_grammar(language: str) -> None:
    """Each edition's words file has every key its date and number engines require."""
    grammar = grammar_of(language)
    words = [grammar.ordinal(9), grammar.cardinal(21), grammar.month(2024, 6)]
    words.append(grammar.date(parse_spec(["été 2023", "hiver 2023"]), True))
    assert all(word.strip() for word in words)


def test_an_unknown_language_is_a_clear_error() -> None:
    """A language without an edition is reported in French, not a traceback."""
    with pytest.raises(DrafterError) as caught:
        load_edition("de")
    assert "langue inconnue « de »" in str(caught.value.problems[0])


def test_the_english_draft_is_signed_by_the_secretariat_in_english(translated: Path) -> None:
    """The shipped author « Secrétariat » becomes « Secretariat » in the English draft."""
    with zipfile.ZipFile(english(translated)) as archive:
        core = etree.fromstring(archive.read("docProps/core.xml"))
    assert core.xpath("//dc:creator/text()", namespaces=DC) == ["Secretariat"]
