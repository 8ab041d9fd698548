"""python-docx's private APIs that drafter uses, in one place (python-docx >= 1.2, < 2):
should a release move them, this is the one module to change."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import cast

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.package import Unmarshaller
from docx.opc.packuri import PackURI
from docx.opc.part import Part, PartFactory
from docx.opc.pkgreader import PackageReader
from docx.opc.pkgwriter import _ContentTypesItem
from docx.package import Package
from docx.parts.document import DocumentPart


def content_types_xml(parts: Iterable[Part]) -> bytes:
    """Return `[Content_Types].xml` for the parts, as python-docx's own save writes it."""
    blob: bytes = _ContentTypesItem.from_parts(parts).blob  # type: ignore[no-untyped-call]
    return blob


def open_comments_as_bytes(data: bytes) -> Document:
    """Return the document of a .docx whose comments part is left as its bytes, not parsed
    into a tree (the merge reads the editors' comments as a stream: comments.Comments).

    As `docx.Document` does, but with this load's own part factory: python-docx's global one
    (`PartFactory.part_type_for`) is never changed, so a .docx opened meanwhile in another
    thread (`drafter serve` serves requests in a pool of threads) gets its comments as usual."""
    package = Package()
    reader = PackageReader.from_file(io.BytesIO(data))  # type: ignore[no-untyped-call]
    Unmarshaller.unmarshal(reader, package, _comments_as_bytes)  # type: ignore[no-untyped-call]
    part = package.main_document_part
    if not isinstance(part, DocumentPart) or part.content_type != CT.WML_DOCUMENT_MAIN:
        raise ValueError(f"not a Word document: its main part is {part.content_type}")
    document: Document = part.document
    return document


def _comments_as_bytes(
    partname: PackURI, content_type: str, reltype: str, blob: bytes, package: Package
) -> Part:
    """Return a part as python-docx makes it, but a comments part as plain bytes."""
    if content_type == CT.WML_COMMENTS:
        return Part(partname, content_type, blob, package)
    part = PartFactory(partname, content_type, reltype, blob, package)
    return cast(Part, part)  # PartFactory() returns the part its class loaded
