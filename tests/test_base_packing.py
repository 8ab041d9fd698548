"""The merge base of a fresh build: its sentences are held deflated while Word is written
(peak memory), and written out byte for byte as json.dumps writes each sentence."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from drafter.revisions.base import PackedSentences, load_base, save_base
from drafter.revisions.tracking import Sentence

TEXTS = st.text(max_size=40)
SENTENCES = st.builds(
    Sentence,
    id=TEXTS,
    text=TEXTS,
    paragraph=st.integers(min_value=0, max_value=10**9),
    area=TEXTS,
    style=TEXTS,
    comment=TEXTS,
    source=TEXTS,
    parts=st.lists(st.tuples(TEXTS, st.one_of(st.none(), TEXTS)), max_size=4).map(tuple),
)


def _dumped(sentences: list[Sentence]) -> bytes:
    """Return the lines as the base always wrote them: json.dumps of each sentence's fields."""
    lines = [json.dumps(vars(s), ensure_ascii=False).encode("utf-8") for s in sentences]
    return b",\n".join(lines)


@given(st.lists(SENTENCES, max_size=6))
def test_packed_lines_are_what_json_dumps_writes(sentences: list[Sentence]) -> None:
    """Any text (quotes, backslashes, controls, U+2028, astral), a null or empty span: the
    packed lines are json.dumps's, byte for byte."""
    packed = PackedSentences()
    packed.extend(sentences[:2])
    packed.extend(sentences[2:])
    assert b"".join(packed.lines()) == _dumped(sentences)


def _sentence(index: int) -> Sentence:
    text = (
        f"Le {index % 28 + 1} mars 2024, les services de l'UE et de l'OTAN ont tenu leur "
        f"réunion no {index} sur la cyberdéfense, avec {index % 7 + 2} experts de chaque côté."
    )
    comment = f"Entrée : cyber/e{index}\u2029Fichier : inputs/cyber/e{index}.yaml:1 · SEAE"
    return Sentence(
        f"cyber/e{index}#point-{index % 3}",
        text,
        index // 3,
        "Cyber",
        "List Bullet",
        comment,
        f"inputs/cyber/e{index}.yaml:1",
        ((text, None),),
    )


def test_packed_sentences_hold_a_fraction_of_their_lines() -> None:
    """10,000 sentences held packed take less than a fifth of the lines they stand for (as
    Sentence objects, or lines kept whole, they were more than the lines)."""
    sentences = [_sentence(i) for i in range(10_000)]
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        packed = PackedSentences()
        for index in range(0, len(sentences), 4):
            packed.extend(sentences[index : index + 4])
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    size = len(_dumped(sentences))
    assert size > 5_000_000
    assert held < size / 5, (held, size)
    assert b"".join(packed.lines()) == _dumped(sentences)


def test_a_packed_base_is_the_base_of_its_sentences(tmp_path: Path) -> None:
    """save_base writes the same file from packed sentences as from the list, and reads back
    the same sentences."""
    sentences = [_sentence(i) for i in range(300)]
    packed = PackedSentences()
    packed.extend(sentences)
    save_base(tmp_path / "a.docx", packed)
    save_base(tmp_path / "b.docx", sentences)
    a = (tmp_path / ".drafter" / "a.docx.json").read_bytes()
    b = (tmp_path / ".drafter" / "b.docx.json").read_bytes()
    assert a.replace(b'"a.docx"', b'"b.docx"', 1) == b
    assert load_base(tmp_path / "a.docx") == sentences
