"""The base drafter keeps under `outputs/.drafter/` after every build: the sentences it wrote
into a draft, what the next merge compares with."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator
from json.encoder import encode_basestring as _json_string
from pathlib import Path

from drafter.revisions.tracking import Sentence
from drafter.writing.safe_write import write_file

BASES = ".drafter"
VERSION = 1


def base_path(draft: Path) -> Path:
    """Return where the base of a draft is kept: `outputs/.drafter/<draft name>.json`."""
    return draft.parent / BASES / f"{draft.name}.json"


class PackedSentences:
    """The sentences of a generation as they are collected, kept as the lines of their base,
    deflated as they come: what the base will say, at a twentieth of its size. As Sentence
    objects, the 40,000 sentences of a large draft were 28 MB of a build's peak memory, held
    while the draft was written. Lines are deflated by the batch (a zlib call per sentence
    cost more than the encoding)."""

    def __init__(self) -> None:
        self._deflate = zlib.compressobj(1)
        self._chunks: list[bytes] = []
        self._batch: list[bytes] = []
        self._batch_size = 0
        self._count = 0

    def extend(self, sentences: Iterable[Sentence]) -> None:
        """Add sentences, in document order."""
        for sentence in sentences:
            line = _line(sentence)
            self._batch.append(b",\n" + line if self._count else line)
            self._batch_size += len(line)
            self._count += 1
        if self._batch_size > BATCH:
            self._deflate_batch()

    def _deflate_batch(self) -> None:
        chunk = self._deflate.compress(b"".join(self._batch))
        if chunk:
            self._chunks.append(chunk)
        self._batch, self._batch_size = [], 0

    def lines(self) -> Iterator[bytes]:
        """Yield the sentences' lines, joined by `,\\n` (once: the chunks go as they are read)."""
        self._deflate_batch()
        self._chunks.append(self._deflate.flush())
        self._chunks.reverse()
        inflate = zlib.decompressobj()
        while self._chunks:
            yield inflate.decompress(self._chunks.pop())
        yield inflate.flush()


BATCH = 1 << 16  # bytes of lines deflated at once


def save_base(draft: Path, sentences: list[Sentence] | PackedSentences) -> None:
    """Keep the sentences drafter wrote into `draft` (what the next merge compares with)."""
    path = base_path(draft)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_file(path, _base_lines(draft, sentences))


def _base_lines(draft: Path, sentences: list[Sentence] | PackedSentences) -> Iterator[bytes]:
    """Yield the base as JSON with a sentence a line, each encoded by the C encoder (an
    indented dump runs the pure-Python one, 0.4 s and 36 MB at 10,000 entries) and written
    as it comes (the whole text was another 24 MB at the end of a large build)."""
    head = json.dumps({"version": VERSION, "draft": draft.name}, ensure_ascii=False)[:-1]
    yield f'{head}, "sentences": [\n'.encode()
    if isinstance(sentences, PackedSentences):
        yield from sentences.lines()
    else:
        for index, sentence in enumerate(sentences):
            yield b",\n" + _line(sentence) if index else _line(sentence)
    yield b"\n]}\n"


def _line(sentence: Sentence) -> bytes:
    """Return a sentence's line of the base: `json.dumps(vars(sentence), ensure_ascii=False)`,
    spelt out with the C encoder's own string escaping (json.dumps with an option makes a new
    encoder at each call: twice the time, and this runs once per sentence of a draft)."""
    s, text = sentence, _json_string
    parts = ", ".join(f"[{text(t)}, {_json_or_null(span)}]" for t, span in s.parts)
    return (
        f'{{"id": {text(s.id)}, "text": {text(s.text)}, "paragraph": {s.paragraph:d}, '
        f'"area": {text(s.area)}, "style": {text(s.style)}, "comment": {text(s.comment)}, '
        f'"source": {text(s.source)}, "parts": [{parts}]}}'
    ).encode()


def _json_or_null(value: str | None) -> str:
    return "null" if value is None else str(_json_string(value))


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
