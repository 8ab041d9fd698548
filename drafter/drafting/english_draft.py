"""The English edition: the French draft's structure (composition.py) with the translators'
sentences, drafter's own English dates, and a visible placeholder where a sentence is not
translated or must be reviewed (english.md)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from drafter.drafting import composition, english
from drafter.drafting.date_phrases import phrase
from drafter.drafting.english_typography import english_typography
from drafter.drafting.markup import escape
from drafter.drafting.messages import (
    HIGHLIGHT,
    POINT,
    Message,
    highlight_msgid,
    point_msgids,
    sentence_msgid,
)
from drafter.drafting.sentences import entry_sentence, finish_sentence, point_items
from drafter.drafting.templates import FIGURE_ID, HIGHLIGHT_PREFIX
from drafter.drafting.translations import (
    FUZZY,
    TRANSLATED,
    UNTRANSLATED,
    Translation,
    fill_dates,
    translation_of,
)
from drafter.drafting.typography import apply_typography
from drafter.model import CatalogueMessage, Entry, Workspace

_WORST = (UNTRANSLATED, FUZZY, TRANSLATED)


@dataclass(frozen=True)
class Piece:
    """A sentence or list item of the English draft: its text and its translation state,
    with the French it stands for (and, when fuzzy, the French its English was made from)."""

    text: str
    state: str
    french: str = ""
    previous: str = ""


@dataclass(frozen=True)
class EnglishEdition:
    """The English edition of a workspace: its catalogue's live messages by context, and the
    catalogue's name as comments cite it."""

    index: dict[str, CatalogueMessage]
    catalogue: str = "traductions/en.po"
    language: str = "en"

    def context(self, workspace: Workspace) -> dict[str, Any]:
        """Return what the English templates see (the French templates' names)."""
        cycle = workspace.cycle
        sections = composition.compose(workspace)
        figure = composition.cross_briefings
        counted = composition.period_cross_briefings(workspace)
        return {
            "numero": cycle.number,
            "date": english.day_phrase(cycle.date) if cycle.date else None,
            "debut": english.month_phrase(*cycle.period_start),
            "fin": english.month_phrase(*cycle.period_end),
            "periode": english.period_phrase(cycle.period_start, cycle.period_end),
            "propositions": cycle.proposals,
            "declarations_conjointes": cycle.joint_declarations,
            "exposes_croises": figure(workspace),
            "exposes_croises_exact": figure(workspace, rounded=False),
            "exposes_croises_reporte": cycle.cross_briefings.value,
            "exposes_croises_periode": [e.id for e in counted],
            "exposes_croises_depuis": english.month_phrase(*cycle.cross_briefings.since),
            "exposes_croises_id": FIGURE_ID,
            "catalogue": self.catalogue,
            "mention": cycle.mark,
            "domaines": [self._section(s, workspace) for s in sections],
            "faits_saillants": [
                self._highlight(entry, workspace)
                for entry, _ in composition.highlights(sections, cycle.highlights)
            ],
        }

    def typography(self, text: str) -> str:
        """Return text with English typography."""
        return english_typography(text)

    def _section(self, section: composition.Section, workspace: Workspace) -> dict[str, Any]:
        return {
            "id": section.area.id,
            "titre": escape(section.area.title_en or section.area.title),
            "vide": not section.entries,
            "paragraphes": [
                {
                    "phrases": [self._sentence(e, workspace) for e in p.entries],
                    "chiffre": p.figure,
                    "sous_theme": p.sub_topic,
                }
                for p in section.paragraphs
            ],
        }

    def _sentence(self, entry: Entry, workspace: Workspace) -> dict[str, Any]:
        apostrophe = workspace.cycle.apostrophe
        msgid = sentence_msgid(entry, apostrophe)
        piece = self._piece(entry, entry.id, msgid, entry_sentence(entry), apostrophe)
        items = zip(point_msgids(entry, apostrophe), point_items(entry), strict=True)
        points = [
            self._piece(entry, f"{entry.id}{POINT}{n}", item_id, french, apostrophe)
            for n, (item_id, french) in enumerate(items, start=1)
        ]
        closed = [_closed(p, n == len(points)) for n, p in enumerate(points, start=1)]
        return _view(entry, entry.id, piece, closed)

    def _highlight(self, entry: Entry, workspace: Workspace) -> dict[str, Any]:
        apostrophe = workspace.cycle.apostrophe
        bullet = highlight_msgid(entry, apostrophe)
        if bullet is not None and entry.highlight_text is not None:
            french = finish_sentence(entry.highlight_text)
            piece = self._piece(entry, entry.id + HIGHLIGHT, bullet, french, apostrophe)
            return _view(entry, HIGHLIGHT_PREFIX + entry.id, piece, [])
        sentence = self._sentence(entry, workspace)
        pieces: list[Piece] = [sentence["piece"], *sentence["pieces"]]
        state = next(s for s in _WORST if any(p.state == s for p in pieces))
        joined = Piece(
            " ".join(p.text for p in pieces),
            state,
            " ".join(p.french for p in pieces),
            " ".join(p.previous or p.french for p in pieces),
        )
        return _view(entry, HIGHLIGHT_PREFIX + entry.id, joined, [])

    def _piece(self, entry: Entry, context: str, msgid: str, french: str, apostrophe: str) -> Piece:
        """Return the English of one message, or its French as a placeholder."""
        message = Message(context, msgid, entry, entry.area, ())
        found: Translation = translation_of(message, self.index)
        french = apply_typography(french, apostrophe)
        if found.state == UNTRANSLATED:
            return Piece(french, UNTRANSLATED, french)
        previous = fill_dates(found.previous, lambda initial: phrase(entry.date, initial))
        return Piece(_dated(found.msgstr, entry), found.state, french, previous)


def _closed(piece: Piece, last: bool) -> Piece:
    """Return a list item's English closed by « ; », or « . » when last (the catalogue's
    msgid has neither); the French placeholder keeps its own."""
    if piece.state == UNTRANSLATED:
        return piece
    return replace(piece, text=piece.text.rstrip().rstrip(".;").rstrip() + ("." if last else ";"))


def _dated(text: str, entry: Entry) -> str:
    """Return a translation with drafter's English date in its placeholders."""
    return fill_dates(text, lambda initial: english.date_phrase(entry.date, initial))


def _view(entry: Entry, mark: str, piece: Piece, points: list[Piece]) -> dict[str, Any]:
    return {
        "id": mark,
        "texte": escape(piece.text),
        "etat": piece.state,
        "piece": piece,
        "pieces": points,
        "points": [{"texte": escape(p.text), "etat": p.state} for p in points],
        "source": {
            "id": entry.id,
            "debut": _first_words(piece.text),
            "fichier": entry.location.path,
            "ligne": entry.location.line,
            "contributeur": entry.contributor,
            "source": entry.source,
            "tableur": entry.spreadsheet,
            "propositions": list(entry.proposals),
            "etat": piece.state,
            "francais": piece.french,
            "ancien_francais": piece.previous,
        },
    }


def _first_words(text: str, count: int = 6) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")
