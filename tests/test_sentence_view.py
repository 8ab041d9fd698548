"""A sentence as the templates see it: made once for the text, state and comment read in a
row (a translated edition's costs a catalogue look-up and typography each time), never
another view's."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from drafter.drafting.context import report_context
from drafter.drafting.edition import FromEntries, Piece, edition_of
from drafter.model import Entry
from drafter.reading.editions import load_edition
from drafter.reading.workspace import load_workspace

ENTRIES = {
    "inputs/cyber/a.yaml": "date: 2023-10\ntexte: Un exercice.\ncontributeur: SEAE\n",
    "inputs/cyber/b.yaml": "date: 2023-11\ntexte: Une réunion.\ncontributeur: EMUE\n",
}


class _Counted(FromEntries):
    """The entries' sentences, counting how many times each is asked for."""

    def __init__(self) -> None:
        super().__init__()
        object.__setattr__(self, "asked", [])

    def sentence(self, entry: Entry, apostrophe: str) -> Piece:
        """Return the entry's sentence, noting the request."""
        self.asked.append(entry.id)  # type: ignore[attr-defined]
        return super().sentence(entry, apostrophe)


def test_a_sentence_is_made_once_for_what_the_templates_read(
    workspace: Callable[..., Path],
) -> None:
    """Text, state, comment and id of one view: one request; two views read in turns each
    give their own sentence."""
    loaded, _ = load_workspace(workspace(ENTRIES))
    counted = _Counted()
    context = report_context(loaded, edition_of(load_edition("fr"), counted))
    area = next(a for a in context["domaines"] if a["id"] == "cyber")
    first, second = [view for p in area["paragraphes"] for view in p["phrases"]]
    assert (first.texte, first.etat, first.source["id"], first.id) == (
        "Un exercice.",
        "traduite",
        "cyber/a",
        "cyber/a",
    )
    assert counted.asked == ["cyber/a"]  # type: ignore[attr-defined]
    assert [second.texte, first.texte, second.texte] == [
        "Une réunion.",
        "Un exercice.",
        "Une réunion.",
    ]
