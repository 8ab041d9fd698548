"""Word comments, added in constant time each, to a fresh draft or an editors' one.

python-docx's `Document.add_comment` scans every existing comment for the next id, which
makes a draft with thousands of commented paragraphs quadratic; here ids are counted.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from lxml import etree

from drafter.writing.docx import bodytext
from drafter.writing.docx.oxml import (
    comment_reference_run,
    from_text,
    marked_element,
    replace_part,
)


class Comments:
    """The comments part of the editors' draft, kept as its bytes: new comments are text,
    joined to it when the draft is saved (`finish`), ids counted. As python-docx's tree, a
    10,000-entry draft's comments part was some 70 MB of a merge's peak memory."""

    def __init__(self, document: Document, author: str, timestamp: dt.datetime) -> None:
        self.document = document
        self.author = author
        self.date = timestamp.strftime("%Y-%m-%dT%H:%M:%SZ")
        part = next(
            (r.target_part for r in document.part.rels.values() if r.reltype == RT.COMMENTS),
            None,
        )
        self._blob: bytes = part.blob if part is not None else _EMPTY
        self._authors = _authors(self._blob)  # comment id -> author, read once
        ids = [int(i) for i in self._authors if i.isdigit()]
        self._next_id = max(ids, default=-1) + 1
        self._added: dict[str, bytes] = {}
        self._removed: set[str] = set()

    def add(
        self, first: BaseOxmlElement, last: BaseOxmlElement, text: str, author: str | None = None
    ) -> tuple[BaseOxmlElement, list[BaseOxmlElement]]:
        """Add a comment; return the range start to put before `first` and the range end and
        reference to put after `last` (the caller nests them with other marks)."""
        comment_id = self._new(text, author or self.author)
        end = [marked_element("w:commentRangeEnd", comment_id), comment_reference_run(comment_id)]
        return marked_element("w:commentRangeStart", comment_id), end

    def point(self, text: str, author: str | None = None) -> BaseOxmlElement:
        """Add a comment anchored at a point, without range; return its reference run."""
        return comment_reference_run(self._new(text, author or self.author))

    def is_own(self, comment_id: str | None) -> bool:
        """Return whether a comment of the document is by this author."""
        return self._authors.get(comment_id or "") == self.author

    def remove(self, comment_id: int) -> None:
        """Remove a comment from the comments part (its marks are the caller's)."""
        key = str(comment_id)
        if self._added.pop(key, None) is None:
            self._removed.add(key)
        self._authors.pop(key, None)

    def finish(self) -> None:
        """Relate the comments part with the comments added and without those removed."""
        if not self._added and not self._removed:
            return
        blob, added = self._blob, b"".join(self._added.values())
        at = blob.rfind(b"</w:comments>")
        if self._removed or at < 0:
            blob = _rewritten(blob, self._removed, added)
        else:
            blob = blob[:at] + added + blob[at:]
        package = self.document.part.package
        part = Part(PackURI(f"/{PART}"), COMMENTS_CONTENT_TYPE, blob, package)
        replace_part(self.document, RT.COMMENTS, part)

    def _new(self, text: str, author: str) -> int:
        comment_id, self._next_id = self._next_id, self._next_id + 1
        xml = bodytext.comment(comment_id, author, self.date, text)
        self._added[str(comment_id)] = xml.encode("utf-8")
        self._authors[str(comment_id)] = author
        return comment_id


def _authors(blob: bytes) -> dict[str, str]:
    """Return each comment's author by id, the part read as a stream."""
    return {
        comment.get(qn("w:id")) or "": comment.get(qn("w:author")) or ""
        for comment in _streamed(blob, qn("w:comment"))
    }


def _streamed(blob: bytes, tag: str) -> Iterator[etree._Element]:
    """Yield the elements of this tag in a part read as a stream, each freed once seen."""
    for _, element in etree.iterparse(io.BytesIO(blob), events=("end",), tag=tag, **_SAFE):
        yield element
        element.clear(keep_tail=True)
        parent = element.getparent()
        while parent is not None and element.getprevious() is not None:
            del parent[0]


def _rewritten(blob: bytes, removed: set[str], added: bytes) -> bytes:
    """Return the comments part parsed, without the `removed` ids, with `added` (the rare
    case: a comment of an earlier merge pruned, or a part of an unusual spelling)."""
    root = etree.fromstring(blob, etree.XMLParser(**_SAFE))
    for comment in list(root.iterchildren(qn("w:comment"))):
        if comment.get(qn("w:id")) in removed:
            root.remove(comment)
    root.extend(from_text(f"<w:x>{added.decode('utf-8')}</w:x>"))
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


PART, MARKER = "word/comments.xml", b"<!--drafter:comments-->"
_EMPTY = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments {nsdecls("w")}>'
    "</w:comments>"
).encode()
_SAFE = {"resolve_entities": False, "no_network": True, "huge_tree": False}
COMMENTS_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
)


class DraftComments:
    """The comments of a fresh draft, kept as text and written as one part at the end.

    A draft has a comment per sentence; as lxml elements they were half the document's
    tree (and of a build's peak memory), as text they are a few bytes each.
    """

    def __init__(self, document: Document, author: str, timestamp: dt.datetime) -> None:
        self.document = document
        self.author = author
        self.date = timestamp.strftime("%Y-%m-%dT%H:%M:%SZ")
        self._texts: list[bytes] = []  # UTF-8 at once: half the size of Python's strings

    def add(self, text: str, author: str | None = None) -> tuple[str, list[str]]:
        """Add a comment; return its range start, and its range end with the reference run,
        as XML text (the caller nests them with other marks)."""
        comment_id = len(self._texts)
        self._texts.append(
            bodytext.comment(comment_id, author or self.author, self.date, text).encode("utf-8")
        )
        end = [bodytext.marked("w:commentRangeEnd", comment_id)]
        end.append(bodytext.comment_reference_run(comment_id))
        return bodytext.marked("w:commentRangeStart", comment_id), end

    def finish(self) -> None:
        """Relate the comments part (replacing any the reference document had): a marker
        that `pieces` replaces when the package is saved (compressed once, never joined)."""
        if not self._texts:
            replace_part(self.document, RT.COMMENTS, None)
            return
        xml = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments {nsdecls("w")}>'
        )
        self._texts.insert(0, xml.encode("utf-8"))
        self._texts.append(b"</w:comments>")
        package = self.document.part.package
        part = Part(PackURI(f"/{PART}"), COMMENTS_CONTENT_TYPE, MARKER, package)
        replace_part(self.document, RT.COMMENTS, part)

    @property
    def pieces(self) -> list[bytes]:
        """Return the comments part's XML, in pieces (after `finish`)."""
        return self._texts
