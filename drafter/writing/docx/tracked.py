"""Word tracked changes (`w:ins`, `w:del`, tracked paragraph marks), built in one place.

Every element carries the same author and date; ids come from one counter that starts above
every id the editors' document already uses.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Iterator

from docx.document import Document
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement
from docx.oxml.ns import nsmap, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from lxml import etree

# Text elements and their deleted counterparts: a deleted run holds w:delText.
_DELETED_TEXT = {qn("w:t"): qn("w:delText"), qn("w:instrText"): qn("w:delInstrText")}
# Children of w:pPr that must follow its w:rPr.
_AFTER_RPR = (qn("w:sectPr"), qn("w:pPrChange"))
_MARK_CHANGES = (qn("w:ins"), qn("w:del"), qn("w:moveFrom"), qn("w:moveTo"))
# every w:id of a part, whatever element class python-docx gave its root
_IDS = etree.XPath(".//@w:id", namespaces={"w": nsmap["w"]})
_SAFE = {"resolve_entities": False, "no_network": True, "huge_tree": False}


def other_ids(document: Document) -> list[int]:
    """Return the ids of the document's parts but its body (comments, footnotes, headers…):
    of a parsed part by XPath; of one python-docx loads as bytes (the footnotes; the merge's
    comments, comments.Comments) read as a stream, each element freed once seen."""
    notes = ("footnotes+xml", "endnotes+xml", "comments+xml")
    ids: list[int] = []
    for part in document.part.package.iter_parts():
        if part is document.part:
            continue
        if isinstance(part, XmlPart):
            ids += _numbers(_IDS(part.element))
        elif part.content_type.endswith(notes):
            ids += _numbers(_streamed_ids(part.blob))
    return ids


def _numbers(values: Iterable[object]) -> list[int]:
    return [int(str(v)) for v in values if str(v).lstrip("-").isdigit()]


def _streamed_ids(blob: bytes) -> Iterator[str]:
    """Yield every w:id of a part read as a stream."""
    key = qn("w:id")
    for _, element in etree.iterparse(io.BytesIO(blob), events=("end",), **_SAFE):
        if key in element.attrib:
            yield element.attrib[key]
        parent = element.getparent()
        if parent is not None and parent.getparent() is None:  # one of the root's children
            element.clear(keep_tail=True)
            while element.getprevious() is not None:
                del parent[0]


class Revisions:
    """Builds tracked changes by one author, at one date, with fresh ids."""

    def __init__(
        self,
        body: BaseOxmlElement,
        author: str,
        timestamp: dt.datetime,
        others: Iterable[int] = (),
    ) -> None:
        """`others`: the ids of the document's other XML parts (footnotes, comments,
        headers…), whose tracked changes and bookmarks share the body's ids."""
        self.author = author
        self.date = timestamp.strftime("%Y-%m-%dT%H:%M:%SZ")
        ids = [*_numbers(_IDS(body)), *others]
        self._next_id = max(ids, default=0) + 1

    def new_id(self) -> int:
        """Return an id no other annotation of the document has."""
        self._next_id += 1
        return self._next_id - 1

    def mark(self, tag: str) -> BaseOxmlElement:
        """Return an empty `w:ins` or `w:del` with id, author and date."""
        element = OxmlElement(tag)
        element.set(qn("w:id"), str(self.new_id()))
        element.set(qn("w:author"), self.author)
        element.set(qn("w:date"), self.date)
        return element

    def inserted(self, children: list[BaseOxmlElement]) -> BaseOxmlElement:
        """Return a `w:ins` holding these runs (and range marks)."""
        ins = self.mark("w:ins")
        ins.extend(children)
        return ins

    def delete_run(self, run: BaseOxmlElement) -> BaseOxmlElement:
        """Wrap a run, where it stands, in a `w:del`; its text becomes deleted text."""
        for element in run.iter(*_DELETED_TEXT):
            element.tag = _DELETED_TEXT[element.tag]
        deleted = self.mark("w:del")
        run.addprevious(deleted)
        deleted.append(run)
        return deleted

    def paragraph_mark(self, p: BaseOxmlElement, tag: str) -> bool:
        """Track p's paragraph mark as inserted or deleted; False if it already is tracked."""
        p_pr = p.find(qn("w:pPr"))
        if p_pr is None:
            p_pr = OxmlElement("w:pPr")
            p.insert(0, p_pr)
        r_pr = p_pr.find(qn("w:rPr"))
        if r_pr is None:
            r_pr = OxmlElement("w:rPr")
            successor = next((c for c in p_pr if c.tag in _AFTER_RPR), None)
            if successor is None:
                p_pr.append(r_pr)
            else:
                successor.addprevious(r_pr)
        if any(child.tag in _MARK_CHANGES for child in r_pr):
            return False
        r_pr.insert(0, self.mark(tag))
        return True
