"""Word comments, added in constant time each.

python-docx's `Document.add_comment` scans every existing comment for the next id, which
makes a draft with thousands of commented paragraphs quadratic; here ids are counted.
"""

from __future__ import annotations

import datetime as dt

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from drafter.writing.docx.oxml import comment_reference_run, marked_element, wrap_range


class Comments:
    """Appends comments to the document's comments part (created on first use)."""

    def __init__(self, document: Document, author: str, timestamp: dt.datetime) -> None:
        self.document = document
        self.author = author
        self.date = timestamp.strftime("%Y-%m-%dT%H:%M:%SZ")
        self._element: BaseOxmlElement | None = None
        self._next_id = 0

    def add(
        self, first: BaseOxmlElement, last: BaseOxmlElement, text: str, author: str | None = None
    ) -> tuple[BaseOxmlElement, list[BaseOxmlElement]]:
        """Add a comment; return the range start to put before `first` and the range end and
        reference to put after `last` (the caller nests them with other marks)."""
        comment_id = self._new_id()
        self._comments().append(self._comment(comment_id, text, author or self.author))
        end = [marked_element("w:commentRangeEnd", comment_id), comment_reference_run(comment_id)]
        return marked_element("w:commentRangeStart", comment_id), end

    def anchor(self, first: BaseOxmlElement, last: BaseOxmlElement, text: str) -> None:
        """Anchor a comment with this text on the runs from `first` to `last`."""
        start, end = self.add(first, last, text)
        wrap_range(first, last, [start], end)

    def remove(self, comment_id: int) -> None:
        """Remove a comment from the comments part (its marks are the caller's)."""
        for comment in self._comments().xpath(f"./w:comment[@w:id='{comment_id}']"):
            self._comments().remove(comment)

    def _comments(self) -> BaseOxmlElement:
        if self._element is None:
            self._element = self.document.part._comments_part.element
            ids = [int(i) for i in self._element.xpath("./w:comment/@w:id")]
            self._next_id = max(ids, default=-1) + 1
        return self._element

    def _new_id(self) -> int:
        self._comments()
        self._next_id += 1
        return self._next_id - 1

    def _comment(self, comment_id: int, text: str, author: str) -> BaseOxmlElement:
        comment = OxmlElement("w:comment")
        for key, value in (
            ("w:id", str(comment_id)),
            ("w:author", author),
            ("w:initials", ""),
            ("w:date", self.date),
        ):
            comment.set(qn(key), value)
        p = OxmlElement("w:p")
        p.append(_element("w:pPr", _styled("w:pStyle", "CommentText")))
        mark = _element("w:r", _element("w:rPr", _styled("w:rStyle", "CommentReference")))
        mark.append(OxmlElement("w:annotationRef"))
        body = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = text
        body.append(t)
        p.extend([mark, body])
        comment.append(p)
        return comment


def _element(tag: str, child: BaseOxmlElement) -> BaseOxmlElement:
    element = OxmlElement(tag)
    element.append(child)
    return element


def _styled(tag: str, style_id: str) -> BaseOxmlElement:
    element = OxmlElement(tag)
    element.set(qn("w:val"), style_id)
    return element
