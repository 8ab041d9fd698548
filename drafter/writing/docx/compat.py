"""python-docx's private APIs that drafter uses, in one place (python-docx >= 1.2, < 2):
should a release move them, this is the one module to change."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.part import Part, PartFactory
from docx.opc.pkgwriter import _ContentTypesItem


def content_types_xml(parts: Iterable[Part]) -> bytes:
    """Return `[Content_Types].xml` for the parts, as python-docx's own save writes it."""
    blob: bytes = _ContentTypesItem.from_parts(parts).blob  # type: ignore[no-untyped-call]
    return blob


@contextmanager
def comments_as_bytes() -> Iterator[None]:
    """Within, python-docx opens a comments part as plain bytes, not as its tree (the merge
    reads the editors' comments as a stream: comments.Comments)."""
    kinds = PartFactory.part_type_for
    before = kinds.pop(CT.WML_COMMENTS, None)
    try:
        yield
    finally:
        if before is not None:
            kinds[CT.WML_COMMENTS] = before
