"""Blocks of the draft -> a .docx, styled by a reference document: the body written as XML
text, Word fields, comments and footnotes from their modules."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.xmlchemy import BaseOxmlElement

from drafter.errors import DrafterError, Problem
from drafter.writing.docx import bodytext, comments, package_check
from drafter.writing.docx.bookmarks import Bookmarks
from drafter.writing.docx.comments import DraftComments
from drafter.writing.docx.contents import bookmark_name as toc_bookmark
from drafter.writing.docx.contents import toc_xml
from drafter.writing.docx.footnotes import Footnotes
from drafter.writing.docx.oxml import (
    BODY_MARKER,
    body_marker,
    detached_xml,
    make,
    qn,
    text_with_fields,
    update_fields_on_open,
)
from drafter.writing.docx.package import save_deterministic
from drafter.writing.docx.tables import add_table
from drafter.writing.markdown import Block, Inline

PARAGRAPH_STYLES = {
    "title": "Title",
    "heading": "Heading 1",
    "paragraph": "Body Text",
    "bullet": "List Bullet",
    "number": "List Number",
    "separator": "Séparateur",
}
PLACEHOLDER_STYLE, SUPERSCRIPT_STYLE = "À compléter", "Exposant"
# Optional in a workspace's reference document (Body Text stands in for a missing one).
TABLE_STYLES = {"header": "Tableau en-tête", "text": "Tableau texte", "number": "Tableau nombre"}
# Span classes of the drafted Markdown and the character style each gets.
SPAN_STYLES = {"a-completer": PLACEHOLDER_STYLE}
GENERATOR = "drafter"


# Extended properties of our own: the template's claim a Mac Word wrote it is not true.
@dataclass(frozen=True)
class DocxOptions:
    """What the writer needs besides the blocks (the title is the first title block's)."""

    reference: Path
    timestamp: dt.datetime
    subject: str = ""
    author: str = ""
    header: str = ""
    footer: str = ""
    language: str = "fr-FR"
    # drafter's own reference document, shipped with it: not checked again at every build
    trusted: bool = False
    # the page of each heading, when a first conversion told it: the table of contents shows it
    toc_pages: tuple[tuple[str, int], ...] = ()


def write_docx(blocks: Iterable[Block], options: DocxOptions) -> bytes:
    """Return the bytes of the .docx: same blocks and options, same bytes.

    Each block is written as it comes (`blocks` may parse them as it goes): a large draft's
    blocks need never be all held (peak memory).
    """
    document = _open_reference(options.reference, options.trusted)
    styles = _Styles(document, options.reference)
    writer = _BodyWriter(document, styles, options)
    for block in blocks:
        writer.add(block)
    writer.finish()
    _set_properties(document, options, writer.title or "")
    set_language(document, options.language)
    _header_footer(document, styles, options)
    splices = {"word/document.xml": (BODY_MARKER, writer.body)}
    if writer.comments.pieces:
        splices[comments.PART] = (comments.MARKER, writer.comments.pieces)
    return save_deterministic(document, options.timestamp, splices=splices)


def _open_reference(path: Path, trusted: bool) -> Document:
    try:
        document = docx.Document(str(path) if trusted else package_check.checked_reference(path))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise DrafterError(
            [Problem(str(path), 1, 1, f"document de référence illisible : {exc}")]
        ) from None
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    sect_pr = body.find(qn("w:sectPr"))
    if sect_pr is None:
        body.append(body_marker())
    else:
        sect_pr.addprevious(body_marker())
    _drop_thumbnail(document)
    return document


class _Styles:
    """Style ids resolved once by name (what Word and LibreOffice keep when they re-save)."""

    def __init__(self, document: Document, reference: Path) -> None:
        by_name = {style_key(s.name): s for s in document.styles if s.name}
        self.ids: dict[str, str] = {}
        missing = []
        wanted = [
            *PARAGRAPH_STYLES.values(),
            PLACEHOLDER_STYLE,
            SUPERSCRIPT_STYLE,
            "Header",
            "Footer",
            "Date du rapport",
        ]
        for name in wanted:
            style = by_name.get(style_key(name))
            if style is None:
                missing.append(name)
            else:
                self.ids[name] = style.style_id
        if missing:
            raise DrafterError(
                [
                    Problem(
                        str(reference),
                        1,
                        1,
                        f"style « {name} » absent du document de référence : ajoutez-le dans Word",
                    )
                    for name in missing
                ]
            )
        self.by_name = by_name

    def optional(self, name: str) -> str | None:
        """Return the id of a paragraph style the reference may lack."""
        style = self.by_name.get(style_key(name))
        return str(style.style_id) if style is not None else None

    def paragraph(self, name: str, reference: Path) -> str:
        """Return the id of a paragraph style named in the draft (a custom style)."""
        if name in self.ids:
            return self.ids[name]
        style = self.by_name.get(style_key(name))
        if style is None or style.type != WD_STYLE_TYPE.PARAGRAPH:
            raise DrafterError(
                [
                    Problem(
                        str(reference),
                        1,
                        1,
                        f"style « {name} » absent du document de référence : ajoutez-le dans Word",
                    )
                ]
            )
        self.ids[name] = str(style.style_id)
        return self.ids[name]


def style_key(name: str) -> str:
    """Return how a style name is matched: case and spaces ignored, as Word does."""
    return name.casefold().replace(" ", "")


class _BodyWriter:
    """Writes the body's paragraphs as UTF-8 XML text, spliced in when the package is saved."""

    def __init__(self, document: Document, styles: _Styles, options: DocxOptions) -> None:
        self.document = document
        self.styles = styles
        self.options = options
        self.body: list[bytes] = []
        self.footnotes = Footnotes(
            document, styles.optional("footnote text"), styles.optional("footnote reference")
        )
        self.comments = DraftComments(document, options.author or GENERATOR, options.timestamp)
        self.bookmarks = Bookmarks()
        self.toc_titles: set[str] = set()  # headings listed in the table of contents
        self.title: str | None = None  # the first title's text

    def add(self, block: Block) -> None:
        """Append one block as a paragraph with its style, runs, sentences and comment."""
        if block.kind == "title" and self.title is None:
            self.title = block.text
        if block.kind == "table":
            self._table(block)
            return
        if block.kind == "toc":
            self.toc_titles = {row[0] for row in block.rows}
            style = self.styles.paragraph("Body Text", self.options.reference)
            titles = [row[0] for row in block.rows]
            self.body.append(toc_xml(titles, dict(self.options.toc_pages), style).encode())
            update_fields_on_open(self.document)
            return
        name = block.style or PARAGRAPH_STYLES[block.kind]
        paragraph = _Paragraph()
        self._sentences(paragraph, block.inlines)
        if block.comment and paragraph.runs:
            start, end = self.comments.add(block.comment)
            paragraph.wrap(0, len(paragraph.runs) - 1, [start], end)
        if block.kind == "heading" and block.text in self.toc_titles and paragraph.runs:
            starts, ends = self.bookmarks.named(toc_bookmark(block.text))
            paragraph.wrap(0, len(paragraph.runs) - 1, starts, ends)
        style = self.styles.paragraph(name, self.options.reference)
        xml = bodytext.paragraph(style, paragraph.content())
        self.body.append(bodytext.checked(xml).encode("utf-8"))

    def _sentences(self, paragraph: _Paragraph, inlines: list[Inline]) -> None:
        """Add the runs; each drafted sentence (the runs before its mark) is wrapped in a
        hidden bookmark and, when it has one, its comment."""
        first = 0
        for inline in inlines:
            runs = self._runs(inline)
            if inline.sentence is not None or inline.gap:
                self._mark_sentence(inline, paragraph, first)
                first = len(paragraph.runs) + (len(runs) if inline.gap else 0)
            paragraph.runs += runs

    def _mark_sentence(self, mark: Inline, paragraph: _Paragraph, first: int) -> None:
        last = len(paragraph.runs) - 1
        if mark.sentence is None or last < first:
            return
        starts, ends = self.bookmarks.around(mark.sentence)
        if mark.comment:
            start, end = self.comments.add(mark.comment, GENERATOR)
            starts, ends = [*starts, start], [*end, *ends]
        paragraph.wrap(first, last, starts, ends)

    def _table(self, block: Block) -> None:
        """Append a table (the annex) styled by the reference document's table styles."""
        body = self.styles.ids["Body Text"]
        styles = {kind: self.styles.optional(name) or body for kind, name in TABLE_STYLES.items()}
        grid = self.styles.by_name.get(style_key("Table Grid"))
        if grid is not None:
            styles["grid"] = str(grid.style_id)
        self._element(add_table(self.document, block.rows, block.aligns, styles))

    def _element(self, element: BaseOxmlElement) -> None:
        """Append an element built as a tree (a table, a field), detached from the document."""
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
        self.body.append(detached_xml(element))

    def _runs(self, inline: Inline) -> list[str]:
        if inline.note is not None:
            return [self.footnotes.reference(inline.note)]
        if inline.span in SPAN_STYLES:
            return [bodytext.run(inline.text, self.styles.ids[SPAN_STYLES[inline.span]])]
        return bodytext.text_runs(inline.text, self.styles.ids[SUPERSCRIPT_STYLE])

    def finish(self) -> None:
        """Write the parts that collect content as the body grows (footnotes, comments)."""
        self.footnotes.finish()
        self.comments.finish()


class _Paragraph:
    """A paragraph's runs as XML text, with range marks put before and after some of them."""

    def __init__(self) -> None:
        self.runs: list[str] = []
        self.before: dict[int, list[str]] = {}
        self.after: dict[int, list[str]] = {}

    def wrap(self, first: int, last: int, starts: list[str], ends: list[str]) -> None:
        """Put `starts` right before run `first` and `ends` right after run `last`: a later
        range nests inside the earlier ones it shares a run with."""
        self.before.setdefault(first, []).extend(starts)
        self.after[last] = ends + self.after.get(last, [])

    def content(self) -> list[str]:
        """Return the runs with their marks, in order."""
        content: list[str] = []
        for index, run in enumerate(self.runs):
            content += self.before.get(index, [])
            content.append(run)
            content += self.after.get(index, [])
        return content


def _set_properties(document: Document, options: DocxOptions, title: str) -> None:
    props = document.core_properties
    props.title, props.subject = title, options.subject
    props.author = props.last_modified_by = options.author
    props.comments = props.keywords = props.category = ""
    props.language = options.language
    props.revision = 1
    props.created = props.modified = options.timestamp.replace(tzinfo=None)
    props.last_printed = options.timestamp.replace(tzinfo=None)


def set_language(document: Document, language: str) -> None:
    """Make `language` the language of every style (Word spell-checks in it)."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = make("w:docDefaults")
        styles.insert(0, defaults)
    r_pr = _child(_child(defaults, "w:rPrDefault"), "w:rPr")
    lang = _child(r_pr, "w:lang")
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), language)
    for lang_element in styles.iter(qn("w:lang")):
        lang_element.set(qn("w:val"), language)
    font_lang = document.settings.element.find(qn("w:themeFontLang"))
    if font_lang is not None:
        font_lang.set(qn("w:val"), language)


def _child(parent: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    found: BaseOxmlElement | None = parent.find(qn(tag))
    if found is None:
        found = make(tag)
        parent.append(found)
    return found


def _header_footer(document: Document, styles: _Styles, options: DocxOptions) -> None:
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.style = document.styles.get_by_id(styles.ids["Header"], WD_STYLE_TYPE.PARAGRAPH)
    header.text = options.header
    footer = section.footer.paragraphs[0]
    footer.style = document.styles.get_by_id(styles.ids["Footer"], WD_STYLE_TYPE.PARAGRAPH)
    text_with_fields(footer._p, options.footer)


def _drop_thumbnail(document: Document) -> None:
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rel_id]
