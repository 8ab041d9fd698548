"""An edition of the report, French or a translation, as one value: its words (drafter's
own, data/editions/<language>.yaml), its grammar (dates, numbers, lists, typography) and
where its sentences come from (the entries, or a translation catalogue with each sentence's
state). The context builder and the templates know no language: they ask the edition."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from drafter.drafting.editor_notes import Note
from drafter.drafting.languages import dates_of, numbers_of
from drafter.drafting.sentences import entry_sentence, point_items
from drafter.drafting.translations import TRANSLATED
from drafter.drafting.typography import typography_of
from drafter.model import Area, DateSpec, Entry
from drafter.model import Edition as EditionWords

Month = tuple[int, int]
REMARKS, CHECK = "remarques", "verification"  # the editors' remarks; check's, for contributors


@dataclass(frozen=True)
class Grammar:
    """How a language writes dates, numbers and lists, and its typography."""

    date: Callable[[DateSpec, bool], str]
    day: Callable[[dt.date], str]
    month: Callable[[int, int], str]
    period: Callable[[Month, Month], str]
    cardinal: Callable[..., str]
    ordinal: Callable[..., str]
    typography: Callable[[str, str], str]  # (text, the report's apostrophe)


def _grammar(language: str) -> Grammar:
    """Return a language's grammar: its dates and numbers from its words file
    (data/editions/), its typography from its rule table (data/typographie/), compiled when
    first applied (a check makes the grammar, and applies no typography)."""
    dates, numbers = dates_of(language), numbers_of(language)
    return Grammar(
        dates.phrase,
        dates.day,
        dates.month,
        dates.period,
        numbers.cardinal,
        numbers.ordinal,
        lambda text, apostrophe: typography_of(language)(text, apostrophe),
    )


# A language's grammar made otherwise than from its data (none: a seam for the tests).
GRAMMARS: dict[str, Callable[[], Grammar]] = {}


def grammar_of(language: str) -> Grammar:
    """Return the grammar of a language, made from its data files."""
    made = GRAMMARS.get(language)
    return made() if made else _grammar(language)


@dataclass(frozen=True)
class Piece:
    """A sentence or list item of a draft: its text and its state, with the French it
    stands for (and, when fuzzy, the French its translation was made from)."""

    text: str
    state: str = TRANSLATED  # the source edition's sentences are all up to date
    french: str = ""
    previous: str = ""


class Sentences(Protocol):
    """Where an edition's sentences come from."""

    @property
    def catalogue(self) -> str:
        """Return the catalogue the sentences are translated in (`traductions/en.po`), or ""."""
        ...

    def sentence(self, entry: Entry, apostrophe: str) -> Piece:
        """Return the entry's sentence."""
        ...

    def points(self, entry: Entry, apostrophe: str) -> list[Piece]:
        """Return the items of the entry's list."""
        ...

    def highlight(self, entry: Entry, bullet: str, apostrophe: str) -> Piece:
        """Return the entry's highlight bullet (`bullet`: the French one)."""
        ...


@dataclass(frozen=True)
class FromEntries:
    """The source edition's sentences: the entries' own (typography comes later, on the
    whole draft)."""

    catalogue: str = ""

    def sentence(self, entry: Entry, apostrophe: str) -> Piece:
        """Return the entry's sentence."""
        return Piece(entry_sentence(entry))

    def points(self, entry: Entry, apostrophe: str) -> list[Piece]:
        """Return the items of the entry's list."""
        return [Piece(item) for item in point_items(entry)]

    def highlight(self, entry: Entry, bullet: str, apostrophe: str) -> Piece:
        """Return the highlight bullet as composed."""
        return Piece(bullet)


@dataclass(frozen=True)
class Edition:
    """One edition: its words, its grammar, its sentences."""

    words: EditionWords
    grammar: Grammar
    sentences: Sentences

    @property
    def language(self) -> str:
        """Return the edition's language (the folder of its templates)."""
        return self.words.language

    def area_title(self, area: Area) -> str:
        """Return an area's heading in this edition (the French one until translated)."""
        return (area.title_en if self.words.translated else "") or area.title

    def note(self, note: Note) -> str:
        """Return a remark for the editors in the edition's words (`remarques`)."""
        return self._remark(note, REMARKS)

    def check_note(self, note: Note, entry_id: str) -> str:
        """Return the same remark as `drafter check` says it to the contributors: in the
        words of `verification` where theirs differ, key by key (the fix they make in the
        YAML), {remarque} being the editors' remark and {id} the entry."""
        return self._remark(note, CHECK, remarque=self.note(note), id=entry_id)

    def _remark(self, note: Note, reader: str, **extra: str) -> str:
        months = {name: self.grammar.month(*month) for name, month in note.months}
        values = {**dict(note.values), **months, **extra}
        if note.fix:
            values["correction"] = self.word(self._remark_key(reader, "correction_" + note.fix))
        return self.word(self._remark_key(reader, note.key), **values)

    def _remark_key(self, reader: str, key: str) -> str:
        """Return the key of a remark's word for this reader: their own, else the editors'."""
        own = f"{reader}.{key}"
        return own if own in self.words.words else f"{REMARKS}.{key}"

    def word(self, key: str, **values: Any) -> str:
        """Return one of the edition's words (`commentaire.entree`), its {names} filled."""
        text = self.words.words[key]
        return text.format(**values) if values else text


def edition_of(words: EditionWords, sentences: Sentences | None = None) -> Edition:
    """Return the edition of these words, its sentences from the entries unless given."""
    return Edition(words, grammar_of(words.language), sentences or FromEntries())
