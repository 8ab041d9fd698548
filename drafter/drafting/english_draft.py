"""Where a translated edition's sentences come from: the translators' catalogue
(traductions/en.po), each sentence with its state; drafter's own English dates in its
`{date}` placeholders; the French sentence, as a visible placeholder, where a sentence is
not translated yet (english.md)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from drafter.drafting.edition import Piece
from drafter.drafting.languages import dates_of, source_dates
from drafter.drafting.messages import (
    HIGHLIGHT,
    POINT,
    Message,
    highlight_msgid,
    point_msgids,
    sentence_msgid,
)
from drafter.drafting.sentences import close_item, entry_sentence, finish_sentence, point_items
from drafter.drafting.translations import (
    FUZZY,
    TRANSLATED,
    UNTRANSLATED,
    Translation,
    fill_dates,
    translation_of,
)
from drafter.drafting.typography import apply_typography
from drafter.model import CatalogueMessage, Entry

_WORST = (UNTRANSLATED, FUZZY, TRANSLATED)


@dataclass(frozen=True)
class FromCatalogue:
    """The sentences of a catalogue's live messages, by context; `catalogue` is its name as
    comments cite it."""

    index: dict[str, CatalogueMessage]
    catalogue: str = "traductions/en.po"
    language: str = "en"  # whose date phrases fill the translations' {date}

    def sentence(self, entry: Entry, apostrophe: str) -> Piece:
        """Return the entry's sentence in English, or its French as a placeholder."""
        msgid = sentence_msgid(entry, apostrophe)
        return self._piece(entry, entry.id, msgid, entry_sentence(entry), apostrophe)

    def points(self, entry: Entry, apostrophe: str) -> list[Piece]:
        """Return the items of the entry's list, each in English (closed by its place) or
        its French."""
        points = self._items(entry, apostrophe)
        return [_closed(p, n == len(points)) for n, p in enumerate(points, start=1)]

    def _items(self, entry: Entry, apostrophe: str) -> list[Piece]:
        items = zip(point_msgids(entry, apostrophe), point_items(entry), strict=True)
        pieces = [
            self._piece(entry, f"{entry.id}{POINT}{n}", item_id, french, apostrophe)
            for n, (item_id, french) in enumerate(items, start=1)
        ]
        return [self._as_printed(entry, n, p, apostrophe) for n, p in enumerate(pieces, start=1)]

    def _as_printed(self, entry: Entry, number: int, piece: Piece, apostrophe: str) -> Piece:
        """Return an item to review with its old French as the French draft printed it:
        closed by « . » when it was the last item the catalogue knows, else by « ; » (the
        msgids have no closing: it is the item's place)."""
        if not piece.previous:
            return piece
        last = f"{entry.id}{POINT}{number + 1}" not in self.index
        return replace(
            piece, previous=apply_typography(close_item(piece.previous, last), apostrophe)
        )

    def highlight(self, entry: Entry, bullet: str, apostrophe: str) -> Piece:
        """Return the highlight bullet: its own message when written apart, else the
        sentence and its items joined, in the state of the least translated."""
        msgid = highlight_msgid(entry, apostrophe)
        if msgid is not None and entry.highlight_text is not None:
            french = finish_sentence(entry.highlight_text)
            return self._piece(entry, entry.id + HIGHLIGHT, msgid, french, apostrophe)
        pieces = [self.sentence(entry, apostrophe), *self._items(entry, apostrophe)]
        state = next(s for s in _WORST if any(p.state == s for p in pieces))
        return Piece(
            " ".join(p.text for p in pieces),
            state,
            " ".join(p.french for p in pieces),
            " ".join(p.previous or p.french for p in pieces),
        )

    def _piece(self, entry: Entry, context: str, msgid: str, french: str, apostrophe: str) -> Piece:
        """Return the English of one message, or its French as a placeholder."""
        message = Message(context, msgid, entry, entry.area, ())
        found: Translation = translation_of(message, self.index)
        french = apply_typography(french, apostrophe)
        if found.state == UNTRANSLATED:
            return Piece(french, UNTRANSLATED, french)
        previous = fill_dates(
            found.previous, lambda initial: source_dates().phrase(entry.date, initial)
        )
        return Piece(self._dated(found.msgstr, entry), found.state, french, previous)

    def _dated(self, text: str, entry: Entry) -> str:
        """Return a translation with drafter's date, in the edition's words, in its
        placeholders."""
        dates = dates_of(self.language)
        return fill_dates(text, lambda initial: dates.phrase(entry.date, initial))


def _closed(piece: Piece, last: bool) -> Piece:
    """Return a list item's English closed by « ; », or « . » when last (the catalogue's
    msgid has neither); the French placeholder keeps its own."""
    if piece.state == UNTRANSLATED:
        return piece
    return replace(piece, text=piece.text.rstrip().rstrip(".;").rstrip() + ("." if last else ";"))
