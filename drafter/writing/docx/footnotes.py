"""Real Word footnotes, which python-docx does not write: a footnotes part built by hand."""

from __future__ import annotations

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.oxml.xmlchemy import BaseOxmlElement

from drafter.writing.docx.bodytext import footnote_reference_run
from drafter.writing.docx.oxml import make, qn, replace_part

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_SEPARATORS = (
    f"<w:footnotes {nsdecls('w')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    "</w:r></w:p></w:footnote></w:footnotes>"
)


class Footnotes:
    """Collects footnotes while the body is written; adds the part only if there is one."""

    def __init__(
        self, document: Document, text_style: str | None, reference_style: str | None
    ) -> None:
        """`text_style` and `reference_style`: the ids of the reference document's footnote
        styles, when it has them."""
        self.document = document
        self.notes: list[str] = []
        self.text_style = text_style
        self.reference_style = reference_style

    def reference(self, text: str) -> str:
        """Return the body run (XML text) that calls a new footnote with this text."""
        self.notes.append(text)
        return footnote_reference_run(len(self.notes), self.reference_style)

    def finish(self) -> None:
        """Write the footnotes part (replacing any the reference document had)."""
        if not self.notes:
            replace_part(self.document, RT.FOOTNOTES, None)
            return
        element = parse_xml(_SEPARATORS)
        for number, text in enumerate(self.notes, start=1):
            element.append(self._footnote(number, text))
        package = self.document.part.package
        part = XmlPart(PackURI("/word/footnotes.xml"), CONTENT_TYPE, element, package)
        replace_part(self.document, RT.FOOTNOTES, part)

    def _footnote(self, number: int, text: str) -> BaseOxmlElement:
        note = make("w:footnote")
        note.set(qn("w:id"), str(number))
        p = make("w:p")
        if self.text_style:
            p_pr = make("w:pPr")
            p_style = make("w:pStyle")
            p_style.set(qn("w:val"), self.text_style)
            p_pr.append(p_style)
            p.append(p_pr)
        mark = self._styled_run()
        mark.append(make("w:footnoteRef"))
        body = make("w:r")
        t = make("w:t")
        t.text, _ = " " + text, t.set(qn("xml:space"), "preserve")
        body.append(t)
        p.extend([mark, body])
        note.append(p)
        return note

    def _styled_run(self) -> BaseOxmlElement:
        run = make("w:r")
        r_pr = make("w:rPr")
        if self.reference_style:
            style = make("w:rStyle")
            style.set(qn("w:val"), self.reference_style)
            r_pr.append(style)
        else:
            align = make("w:vertAlign")
            align.set(qn("w:val"), "superscript")
            r_pr.append(align)
        run.append(r_pr)
        return run
