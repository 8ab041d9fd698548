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
from docx.oxml.ns import nsdecls
from docx.oxml.xmlchemy import BaseOxmlElement

from drafter.writing.docx import bodytext
from drafter.writing.docx.compat import comments_element
from drafter.writing.docx.oxml import (
    comment_reference_run,
    make,
    marked_element,
    qn,
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

    def add(
        self, first: BaseOxmlElement, last: BaseOxmlElement, text: str, author: str | None = None
    ) -> tuple[BaseOxmlElement, list[BaseOxmlElement]]:
        """Add a comment; return the range start to put before `first` and the range end and
        reference to put after `last` (the caller nests them with other marks)."""
        comment_id = self._new_id()
        self._comments().append(self._comment(comment_id, text, author or self.author))
        end = [marked_element("w:commentRangeEnd", comment_id), comment_reference_run(comment_id)]
        return marked_element("w:commentRangeStart", comment_id), end

    def remove(self, comment_id: int) -> None:
        """Remove a comment from the comments part (its marks are the caller's)."""
        for comment in self._comments().xpath(f"./w:comment[@w:id='{comment_id}']"):
            self._comments().remove(comment)

    def _comments(self) -> BaseOxmlElement:
        if self._element is None:
            self._element = comments_element(self.document)
            ids = [int(i) for i in self._element.xpath("./w:comment/@w:id")]
            self._next_id = max(ids, default=-1) + 1
        return self._element

    def _new_id(self) -> int:
        self._comments()
        self._next_id += 1
        return self._next_id - 1

    def _comment(self, comment_id: int, text: str, author: str) -> BaseOxmlElement:
        comment = make("w:comment")
        for key, value in (
            ("w:id", str(comment_id)),
            ("w:author", author),
            ("w:initials", ""),
            ("w:date", self.date),
        ):
            comment.set(qn(key), value)
        p = make("w:p")
        p.append(_element("w:pPr", _styled("w:pStyle", "CommentText")))
        mark = _element("w:r", _element("w:rPr", _styled("w:rStyle", "CommentReference")))
        mark.append(make("w:annotationRef"))
        body = make("w:r")
        t = make("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = text
        body.append(t)
        p.extend([mark, body])
        comment.append(p)
        return comment


def _element(tag: str, child: BaseOxmlElement) -> BaseOxmlElement:
    element = make(tag)
    element.append(child)
    return element


def _styled(tag: str, style_id: str) -> BaseOxmlElement:
    element = make(tag)
    element.set(qn("w:val"), style_id)
    return element


PART, MARKER = "word/comments.xml", b"<!--drafter:comments-->"
COMMENTS_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
)
_COMMENT_XML = (
    '<w:comment w:id="{id}" w:author="{author}" w:initials="" w:date="{date}">'
    '<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>'
    '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>'
    '<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:comment>'
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
            _COMMENT_XML.format(
                id=comment_id,
                author=bodytext.attribute(author or self.author),
                date=self.date,
                text=bodytext.text(text),
            ).encode("utf-8")
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
