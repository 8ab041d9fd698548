"""The sentences of a generation, as drafter finds them again in a draft: the base it keeps
under `outputs/.drafter/` after every build, and the changes it merges into an edited draft.

No python-docx here: the Word side is `writing/docx/merge.py`.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from drafter.writing.markdown import Block
from drafter.writing.outputs import write_file

BASES = ".drafter"
VERSION = 1
# What a new sentence's paragraph is styled with, by kind of block (as in the writer).
KIND_STYLES = {"paragraph": "Body Text", "bullet": "List Bullet", "number": "List Number"}


@dataclass(frozen=True)
class Sentence:
    """One drafted sentence: its id, text, paragraph (index in the generation) and area
    (heading text, "" before the first heading), with what rebuilding it takes."""

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

    kind: str  # "ajoutée", "modifiée" or "retirée"
    sentence: Sentence
    base: Sentence | None = None
    new_paragraph: bool = False
    previous: str | None = None
    following: str | None = None
    earlier: str | None = None
    later: str | None = None


def sentences_of(blocks: Iterable[Block], sources: dict[str, str]) -> list[Sentence]:
    """Return the sentences drafter marked in the blocks, in document order."""
    found: list[Sentence] = []
    deque(collecting(blocks, sources, found), maxlen=0)
    return found


def collecting(
    blocks: Iterable[Block], sources: dict[str, str], found: list[Sentence]
) -> Iterator[Block]:
    """Yield the blocks, adding the sentences drafter marked in each to `found` as it passes:
    the blocks of a large draft go on to the writer without ever being all held."""
    area = ""
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            area = block.text
        found += _block_sentences(block, index, area, sources)
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
            source = sources.get(inline.sentence.removeprefix("fait-saillant:"), "")
            comment = inline.comment or ""
            found.append(
                Sentence(inline.sentence, text, index, area, style, comment, source, tuple(parts))
            )
        if inline.sentence is not None or inline.gap:
            parts = []
        elif inline.note is None and inline.text:
            parts.append((inline.text, inline.span))
    return found


def base_path(draft: Path) -> Path:
    """Return where the base of a draft is kept: `outputs/.drafter/<draft name>.json`."""
    return draft.parent / BASES / f"{draft.name}.json"


def save_base(draft: Path, sentences: list[Sentence]) -> None:
    """Keep the sentences drafter wrote into `draft` (what the next merge compares with)."""
    path = base_path(draft)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_file(path, _base_lines(draft, sentences))


def _base_lines(draft: Path, sentences: list[Sentence]) -> Iterator[bytes]:
    """Yield the base as JSON with a sentence a line, each encoded by the C encoder (an
    indented dump runs the pure-Python one, 0.4 s and 36 MB at 10,000 entries) and written
    as it comes (the whole text was another 24 MB at the end of a large build)."""
    head = json.dumps({"version": VERSION, "draft": draft.name}, ensure_ascii=False)[:-1]
    yield f'{head}, "sentences": [\n'.encode()
    for index, sentence in enumerate(sentences):
        line = json.dumps(vars(sentence), ensure_ascii=False).encode("utf-8")
        yield b",\n" + line if index else line
    yield b"\n]}\n"


def load_base(draft: Path) -> list[Sentence] | None:
    """Return the sentences drafter last wrote into `draft`, or None if it kept none."""
    try:
        data = json.loads(base_path(draft).read_text(encoding="utf-8"))
        return [_sentence(item) for item in data["sentences"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _sentence(item: dict[str, object]) -> Sentence:
    raw_parts = item.get("parts") or []
    assert isinstance(raw_parts, list)
    parts = tuple((str(p[0]), None if p[1] is None else str(p[1])) for p in raw_parts)
    return Sentence(
        id=str(item["id"]),
        text=str(item["text"]),
        paragraph=int(str(item["paragraph"])),
        area=str(item.get("area", "")),
        style=str(item.get("style", "Body Text")),
        comment=str(item.get("comment", "")),
        source=str(item.get("source", "")),
        parts=parts,
    )
