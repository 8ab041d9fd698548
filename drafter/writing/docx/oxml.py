"""Word fields and the small XML elements the writer assembles (paragraphs, runs)."""

from __future__ import annotations

import re
from functools import cache

from docx.document import Document
from docx.opc.part import Part
from docx.oxml.ns import NamespacePrefixedTag, nsdecls
from docx.oxml.ns import qn as _qn
from docx.oxml.parser import oxml_parser
from docx.oxml.xmlchemy import BaseOxmlElement
from lxml import etree

from drafter.writing.docx import bodytext

# python-docx parses "w:p" into a namespaced name on every call; a draft makes about twenty
# elements per sentence, so names are resolved once.
qn = cache(_qn)
_W_DECLARATION = nsdecls("w")


@cache
def _names(tag: str) -> tuple[str, dict[str, str]]:
    name = NamespacePrefixedTag(tag)
    return name.clark_name, name.nsmap


def make(tag: str) -> BaseOxmlElement:
    """Return a new element ("w:p"), of python-docx's class for it when there is one."""
    clark, nsmap = _names(tag)
    made: BaseOxmlElement = oxml_parser.makeelement(clark, nsmap=nsmap)
    return made


# The elements that follow w:updateFields in CT_Settings (ECMA-376 Part 1, 17.15.1.78).
_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
)
_FIELD = re.compile(r"\{(PAGE|NUMPAGES)\}")


def update_fields_on_open(document: Document) -> None:
    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is not None:
        return
    update = make("w:updateFields")
    update.set(qn("w:val"), "true")
    # Word is strict about the order of settings (ECMA-376's CT_Settings sequence):
    # python-docx's own helper puts updateFields before the first of its successors.
    settings.insert_element_before(update, *(f"w:{tag}" for tag in _AFTER_UPDATE_FIELDS))


def from_text(xml: str) -> BaseOxmlElement:
    """Return the element of Word XML text written by bodytext.py, of python-docx's class:
    each element is spelt once, as text, whether a fresh draft writes it or the merge
    inserts it into an edited one."""
    wrapper = etree.fromstring(f"<w:body {_W_DECLARATION}>{xml}</w:body>", oxml_parser)
    element: BaseOxmlElement = wrapper[0]
    wrapper.remove(element)
    return element


def paragraph_element(style_id: str) -> BaseOxmlElement:
    """Return an empty paragraph in a style."""
    return from_text(bodytext.paragraph(style_id, []))


def text_runs(text: str, superscript_id: str | None) -> list[BaseOxmlElement]:
    """Return the runs of a text, ordinal suffixes (1er, 18e) in the superscript style."""
    return [from_text(run) for run in bodytext.text_runs(text, superscript_id)]


def run_element(text: str, style_id: str | None = None) -> BaseOxmlElement:
    """Return a run of text, in a character style when one is given."""
    return from_text(bodytext.run(text, style_id))


def text_with_fields(p: BaseOxmlElement, text: str) -> None:
    position = 0
    for match in _FIELD.finditer(text):
        if text[position : match.start()]:
            p.append(run_element(text[position : match.start()]))
        p.append(field_element(match.group(1)))
        position = match.end()
    if text[position:]:
        p.append(run_element(text[position:]))


def field_element(instruction: str) -> BaseOxmlElement:
    field = make("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    field.append(run_element("1"))
    return field


def marked_element(tag: str, mark_id: int, name: str | None = None) -> BaseOxmlElement:
    """Return a range mark (`w:bookmarkStart`, `w:commentRangeEnd`…) with its id."""
    return from_text(bodytext.marked(tag, mark_id, name))


def comment_reference_run(comment_id: int) -> BaseOxmlElement:
    """Return the run that shows a comment's mark, right after its range."""
    return from_text(bodytext.comment_reference_run(comment_id))


# Where the body's paragraphs, written as text, go when the package is saved.
BODY_MARKER = b"<!--drafter:body-->"
_DECLARATION = re.compile(r' xmlns:\w+="[^"]*"')


def body_marker() -> BaseOxmlElement:
    """Return the comment the saved body's paragraphs replace."""
    marker: BaseOxmlElement = etree.Comment(BODY_MARKER[4:-3].decode())
    return marker


def detached_xml(element: BaseOxmlElement) -> bytes:
    """Return an element's XML to go inside the body, without the namespace declarations
    lxml repeats on a detached element (the document declares them)."""
    xml: str = etree.tostring(element, encoding="unicode")
    head, _, rest = xml.partition(">")
    return (_DECLARATION.sub("", head) + ">" + rest).encode("utf-8")


def replace_part(document: Document, reltype: str, part: Part | None) -> None:
    """Drop the document's part of this kind (the reference document's), and relate `part`
    in its place when there is one."""
    main = document.part
    for rel_id, rel in list(main.rels.items()):
        if rel.reltype == reltype:
            del main.rels[rel_id]
    if part is not None:
        main.relate_to(part, reltype)
