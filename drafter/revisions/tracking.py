"""The vocabulary of tracked changes: a drafted sentence as drafter finds it again in a
draft, and a difference between two generations. Imports nothing of drafter: the Word merge
(writing/docx/merge.py) takes them as what it writes (places.Text, places.Placing)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ChangeKind = Literal["ajoutée", "modifiée", "retirée"]
# What starts the id of an empty area's placeholder (the templates' `marque_vide`).
PLACEHOLDER = "a-completer:"


@dataclass(frozen=True)
class Sentence:
    """One drafted sentence: its id, text, paragraph (index in the generation) and area
    (heading text, "" before the first heading), with what rebuilding it takes: its parts
    (text and span; an empty part where a footnote's reference is, writing/docx/places.py)."""

    id: str
    text: str
    paragraph: int
    area: str = ""
    style: str = "Body Text"
    comment: str = ""
    source: str = ""
    parts: tuple[tuple[str, str | None], ...] = ()


@dataclass(frozen=True)
class Change:
    """A difference between the base and the new generation, with the neighbours that place
    it: `previous`/`following` in its paragraph, `earlier`/`later` in the paragraphs of its
    area (the nearest sentence of each)."""

    kind: ChangeKind
    sentence: Sentence
    base: Sentence | None = None
    new_paragraph: bool = False
    previous: str | None = None
    following: str | None = None
    earlier: str | None = None
    later: str | None = None


def same_text(a: str, b: str) -> bool:
    """Return whether two sentences read the same (white space of any kind folded)."""
    return " ".join(a.split()) == " ".join(b.split())


def is_placeholder(sentence_id: str | None) -> bool:
    """Return whether a sentence id is an empty area's placeholder's."""
    return sentence_id is not None and sentence_id.startswith(PLACEHOLDER)
