"""Saving a python-docx document deterministically: fixed zip timestamps and member order,
parts spliced in as they are written (same content, same bytes)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator

from docx.document import Document
from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI

from drafter.writing.docx.compat import content_types_xml
from drafter.writing.zip_stamps import FIXED_STAMP, member

# Extended properties of our own: the template's claim a Mac Word wrote it is not true.
APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    b' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Application>drafter</Application></Properties>"
)


def save_deterministic(
    document: Document,
    timestamp: dt.datetime | None,
    app_xml: bytes | None = APP_XML,
    splices: dict[str, tuple[bytes, list[bytes]]] | None = None,
) -> bytes:
    """Return the saved document with fixed zip timestamps, so equal content gives equal bytes
    (`app_xml` None keeps the document's own extended properties). `splices` gives, by part,
    a marker in it and the pieces of XML text that take its place (emptied as written)."""
    stamp = timestamp or FIXED_STAMP
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, data in _package_members(document):
            entry = member(name, stamp)
            if app_xml is not None and name == "docProps/app.xml":
                data = app_xml
            if splices and name in splices:
                _write_spliced(target, entry, data, *splices[name])
            else:
                target.writestr(entry, data)
    return out.getvalue()


def _package_members(document: Document) -> Iterator[tuple[str, bytes]]:
    """Yield the package's members as python-docx's save writes them, same names and order,
    without its own zip: each part is deflated once, by the deterministic writer (the
    reference's styles alone are 800 KB of XML)."""
    package = document.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    yield CONTENT_TYPES_URI.membername, content_types_xml(parts)
    yield PACKAGE_URI.rels_uri.membername, package.rels.xml
    for part in parts:
        yield part.partname.membername, part.blob
        if len(part.rels):
            yield part.partname.rels_uri.membername, part.rels.xml


def _write_spliced(
    target: zipfile.ZipFile, entry: zipfile.ZipInfo, data: bytes, marker: bytes, pieces: list[bytes]
) -> None:
    """Write a part with the pieces in place of its marker, one by one (the whole is never
    one more copy in memory)."""
    head, found, tail = data.partition(marker)
    if not found:
        raise ValueError(f"{marker!r} is missing from {entry.filename}")
    pieces.reverse()
    with target.open(entry, "w") as stream:
        stream.write(head)
        while pieces:
            stream.write(b"".join(_chunk(pieces)))
        stream.write(tail)


def _chunk(pieces: list[bytes], size: int = 1 << 20) -> Iterator[bytes]:
    """Pop pieces (from the end) up to about `size` bytes: deflated in large writes, not one
    zlib call per paragraph."""
    total = 0
    while pieces and total < size:
        piece = pieces.pop()
        total += len(piece)
        yield piece
