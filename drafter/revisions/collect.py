"""The sentences of a generation: what drafter marked in the blocks it writes."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from typing import Protocol

from drafter.revisions.tracking import Sentence
from drafter.writing.docx.places import FOOTNOTE
from drafter.writing.markdown import Block

# What a new sentence's paragraph is styled with, by kind of block (as in the writer).
KIND_STYLES = {"paragraph": "Body Text", "bullet": "List Bullet", "number": "List Number"}
# What follows an entry's id in the id of one of its list items (the templates'
# `marque_point`), as in the English catalogue's contexts.
ITEM = "#point-"


def entry_id(sentence_id: str) -> str:
    """Return the entry a sentence id stands for: a highlight's (`fait-saillant:ID`) or a
    list item's (`ID#point-N`) is its entry's."""
    return sentence_id.removeprefix("fait-saillant:").partition(ITEM)[0]


class Found(Protocol):
    """Where the sentences go as they are found: a list, or the base's packed lines."""

    def extend(self, sentences: Iterable[Sentence], /) -> None:
        """Add sentences, in document order."""


def sentences_of(blocks: Iterable[Block], sources: dict[str, str]) -> list[Sentence]:
    """Return the sentences drafter marked in the blocks, in document order."""
    found: list[Sentence] = []
    deque(collecting(blocks, sources, found), maxlen=0)
    return found


def collecting(blocks: Iterable[Block], sources: dict[str, str], found: Found) -> Iterator[Block]:
    """Yield the blocks, adding the sentences drafter marked in each to `found` as it passes:
    the blocks of a large draft go on to the writer without ever being all held."""
    area = ""
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            area = block.text
        found.extend(_block_sentences(block, index, area, sources))
        yield block


def _block_sentences(
    block: Block, index: int, area: str, sources: dict[str, str]
) -> list[Sentence]:
    style = block.style or KIND_STYLES.get(block.kind, "Body Text")
    found: list[Sentence] = []
    parts: list[tuple[str, str | None]] = []
    for inline in block.inlines:
        if inline.sentence is not None and parts:
            text = "".join(p[0] for p in parts)
            source = sources.get(entry_id(inline.sentence), "")
            comment = inline.comment or ""
            found.append(
                Sentence(inline.sentence, text, index, area, style, comment, source, tuple(parts))
            )
        if inline.sentence is not None or inline.gap:
            parts = []
        elif inline.note is not None:
            parts.append(("", FOOTNOTE))
        elif inline.text:
            parts.append((inline.text, inline.span))
    return found
