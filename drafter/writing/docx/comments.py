"""Word comments, added in constant time each.

python-docx's `Document.add_comment` scans every existing comment for the next id, which
makes a draft with thousands of commented paragraphs quadratic; here ids are counted.
"""

from __future__ import annotations

import datetime as dt

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement

from drafter.writing.docx import bodytext
from drafter.writing.docx.compat import comments_element
from drafter.writing.docx.oxml import (
    comment_reference_run,
    from_text,
    marked_element,
    replace_part,
)


class Comments:
    """Appends comments to the document's comments part (created on first use)."""

    def __init__(self, document: Document, author: str, timestamp: dt.datetime) -> None:
        self.document = document
        self.author = author
        self.date = timestamp.strftime("%Y-%m-%dT%H:%M:%SZ")
        self._element: BaseOxmlElement | None = None
        self._next_id = 0
        self._authors: dict[str, str] = {}  # comment id -> author, read with the part

    def add(
        self, first: BaseOxmlElement, last: BaseOxmlElement, text: str, author: str | None = None
    ) -> tuple[BaseOxmlElement, list[BaseOxmlElement]]:
        """Add a comment; return the range start to put before `first` and the range end and
        reference to put after `last` (the caller nests them with other marks)."""
        comment_id = self._new_id()
        self._append(comment_id, text, author or self.author)
        end = [marked_element("w:commentRangeEnd", comment_id), comment_reference_run(comment_id)]
        return marked_element("w:commentRangeStart", comment_id), end

    def point(self, text: str, author: str | None = None) -> BaseOxmlElement:
        """Add a comment anchored at a point, without range; return its reference run."""
        comment_id = self._new_id()
        self._append(comment_id, text, author or self.author)
        return comment_reference_run(comment_id)

    def is_own(self, comment_id: str | None) -> bool:
        """Return whether a comment of the document is by this author (looked up in the
        authors read once with the part: a merge asks for each sentence it withdraws)."""
        self._comments()
        return self._authors.get(comment_id or "") == self.author

    def remove(self, comment_id: int) -> None:
        """Remove a comment from the comments part (its marks are the caller's)."""
        for comment in self._comments().xpath(f"./w:comment[@w:id='{comment_id}']"):
            self._comments().remove(comment)
        self._authors.pop(str(comment_id), None)

    def _append(self, comment_id: int, text: str, author: str) -> None:
        """Add a comment to the part, and its author to those known."""
        self._comments().append(self._comment(comment_id, text, author))
        self._authors[str(comment_id)] = author

    def _comments(self) -> BaseOxmlElement:
        if self._element is None:
            self._element = comments_element(self.document)
            ids = [int(i) for i in self._element.xpath("./w:comment/@w:id")]
            self._next_id = max(ids, default=-1) + 1
            for comment in self._element.iterchildren(qn("w:comment")):
                self._authors[comment.get(qn("w:id")) or ""] = comment.get(qn("w:author")) or ""
        return self._element

    def _new_id(self) -> int:
        self._comments()
        self._next_id += 1
        return self._next_id - 1

    def _comment(self, comment_id: int, text: str, author: str) -> BaseOxmlElement:
        return from_text(bodytext.comment(comment_id, author, self.date, text))


PART, MARKER = "word/comments.xml", b"<!--drafter:comments-->"
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
