"""python-docx's private APIs that drafter uses, in one place (python-docx >= 1.2, < 2):
should a release move them, this is the one module to change."""

from __future__ import annotations

from collections.abc import Iterable

from docx.document import Document
from docx.opc.part import Part
from docx.opc.pkgwriter import _ContentTypesItem
from docx.oxml.xmlchemy import BaseOxmlElement


def content_types_xml(parts: Iterable[Part]) -> bytes:
    """Return `[Content_Types].xml` for the parts, as python-docx's own save writes it."""
    blob: bytes = _ContentTypesItem.from_parts(parts).blob  # type: ignore[no-untyped-call]
    return blob


def comments_element(document: Document) -> BaseOxmlElement:
    """Return the `w:comments` element of the document's comments part (created if none)."""
    element: BaseOxmlElement = document.part._comments_part.element
    return element
