"""Word tracked changes (`w:ins`, `w:del`, tracked paragraph marks), built in one place.

Every element carries the same author and date; ids come from one counter that starts above
every id the editors' document already uses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from docx.document import Document
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
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


def other_parts(document: Document) -> list[BaseOxmlElement]:
    """Return the XML of the document's parts but its body (comments, footnotes, headers…;
    python-docx loads some, the footnotes among them, as bytes only)."""
    notes = ("wordprocessingml.footnotes+xml", "wordprocessingml.endnotes+xml")
    others = [p for p in document.part.package.iter_parts() if p is not document.part]
    return [
        part.element if isinstance(part, XmlPart) else parse_xml(part.blob)
        for part in others
        if isinstance(part, XmlPart) or part.content_type.endswith(notes)
    ]


class Revisions:
    """Builds tracked changes by one author, at one date, with fresh ids."""

    def __init__(
        self,
        body: BaseOxmlElement,
        author: str,
        timestamp: dt.datetime,
        others: Iterable[BaseOxmlElement] = (),
    ) -> None:
        """`others`: the document's other XML parts (footnotes, comments, headers…), whose
        tracked changes and bookmarks share the body's ids."""
        self.author = author
        self.date = timestamp.strftime("%Y-%m-%dT%H:%M:%SZ")
        roots = (body, *others)
        ids = [int(i) for r in roots for i in _IDS(r) if str(i).lstrip("-").isdigit()]
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
