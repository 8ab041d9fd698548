"""Regenerate templates/reference.docx: the styles of the draft, from readable settings.

Run from the repository root: `python scripts/make_reference.py`. Editors and secretariats
restyle the draft by editing the resulting file in Word (or by supplying their own
`templates/reference.docx` in a workspace); this script is the readable source of the default.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from drafter.writing.docx import save_deterministic, set_language

OUT = Path(__file__).resolve().parent.parent / "templates" / "reference.docx"
# The institutions' usual body font; LibreOffice shows it with the metric-compatible
# Liberation Serif (Debian's fonts-liberation).
FONT = "Times New Roman"
INK = RGBColor(0x1A, 0x1A, 0x1A)  # headings: near black, no colour, no rule
DASH = "\u2013"  # the reports' list mark


def main() -> None:
    """Write templates/reference.docx."""
    document = docx.Document()
    _drop_thumbnail(document)
    set_language(document, "fr-FR")
    _page(document)
    styles = document.styles
    _fonts(document)
    _base(styles)
    _dashed_bullets(document)
    _paragraph_style(styles, "Date du rapport", WD_ALIGN_PARAGRAPH.CENTER, size=12, italic=True)
    _paragraph_style(styles, "Séparateur", WD_ALIGN_PARAGRAPH.CENTER, size=12, bold=True)
    _table_styles(styles)
    placeholder = styles.add_style("À compléter", WD_STYLE_TYPE.CHARACTER)
    placeholder.font.highlight_color = WD_COLOR_INDEX.YELLOW
    _shade(placeholder, "FFF200")  # LibreOffice shows shading where it ignores a style highlight
    suffix = styles.add_style("Exposant", WD_STYLE_TYPE.CHARACTER)
    suffix.font.superscript = True
    note = styles.add_style("footnote text", WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = styles["Normal"]
    note.font.size = Pt(9)
    note.paragraph_format.space_after = Pt(0)
    call = styles.add_style("footnote reference", WD_STYLE_TYPE.CHARACTER)
    call.font.superscript = True
    comment = styles.add_style("annotation text", WD_STYLE_TYPE.PARAGRAPH)
    comment.base_style = styles["Normal"]
    comment.font.size = Pt(10)
    comment.element.set(qn("w:styleId"), "CommentText")
    mark = styles.add_style("annotation reference", WD_STYLE_TYPE.CHARACTER)
    mark.font.size = Pt(8)
    mark.element.set(qn("w:styleId"), "CommentReference")
    document.core_properties.title = "Rapport d'étape"
    OUT.write_bytes(save_deterministic(document, None))
    print(f"écrit : {OUT}")


def _page(document: docx.document.Document) -> None:
    """A4, 2.5 cm margins all round."""
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    section.header_distance = section.footer_distance = Cm(1.25)


def _fonts(document: docx.document.Document) -> None:
    """One explicit font everywhere: theme fonts (Calibri, Cambria) are dropped."""
    for r_fonts in document.styles.element.iter(qn("w:rFonts")):
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            r_fonts.attrib.pop(qn(attribute), None)
        for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
            r_fonts.set(qn(attribute), FONT)


def _ink(style: docx.styles.style.BaseStyle) -> None:
    """Near-black text, no theme colour, no border under the paragraph."""
    style.font.color.rgb = INK
    color = style.element.rPr.find(qn("w:color"))
    for attribute in ("w:themeColor", "w:themeShade", "w:themeTint"):
        color.attrib.pop(qn(attribute), None)
    p_pr = style.element.pPr
    if p_pr is not None and p_pr.find(qn("w:pBdr")) is not None:
        p_pr.remove(p_pr.find(qn("w:pBdr")))


def _dashed_bullets(document: docx.document.Document) -> None:
    """The List Bullet style's list uses an en dash, as the published reports do."""
    num_id = document.styles["List Bullet"].element.pPr.numPr.numId.val
    numbering = document.part.numbering_part.element
    num = numbering.num_having_numId(num_id)
    abstract_id = num.abstractNumId.val
    abstract = next(
        a
        for a in numbering.findall(qn("w:abstractNum"))
        if a.get(qn("w:abstractNumId")) == str(abstract_id)
    )
    level = abstract.find(qn("w:lvl"))
    level.find(qn("w:lvlText")).set(qn("w:val"), DASH)
    r_pr = level.find(qn("w:rPr"))
    if r_pr is not None:
        level.remove(r_pr)


def _base(styles: docx.styles.styles.Styles) -> None:
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(12)
    body = styles["Body Text"]
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.paragraph_format.space_after = Pt(8)
    bullet = styles["List Bullet"]
    bullet.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    bullet.paragraph_format.space_after = Pt(4)
    title = styles["Title"]
    title.font.size = Pt(15)
    title.font.bold = True
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(18)
    _ink(title)
    heading = styles["Heading 1"]
    heading.font.size = Pt(13)
    heading.paragraph_format.space_before = Pt(18)
    heading.paragraph_format.space_after = Pt(6)
    _ink(heading)
    styles["Footer"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styles["Header"].font.size = Pt(9)


def _paragraph_style(
    styles: docx.styles.styles.Styles,
    name: str,
    align: WD_ALIGN_PARAGRAPH,
    size: int,
    italic: bool = False,
    bold: bool = False,
) -> None:
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    style.next_paragraph_style = styles["Body Text"]
    style.paragraph_format.alignment = align
    style.paragraph_format.space_before = Pt(6)
    style.paragraph_format.space_after = Pt(12)
    style.font.size = Pt(size)
    style.font.italic = italic
    style.font.bold = bold


def _table_styles(styles: docx.styles.styles.Styles) -> None:
    """Cells: a bold header, text left-aligned (no justification), numbers right-aligned."""
    for name, align, bold in (
        ("Tableau en-tête", WD_ALIGN_PARAGRAPH.LEFT, True),
        ("Tableau texte", WD_ALIGN_PARAGRAPH.LEFT, False),
        ("Tableau nombre", WD_ALIGN_PARAGRAPH.RIGHT, False),
    ):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.font.size = Pt(10)
        style.font.bold = bold
        style.paragraph_format.alignment = align
        style.paragraph_format.space_after = Pt(2)


def _shade(style: docx.styles.style.BaseStyle, fill: str) -> None:
    shading = OxmlElement("w:shd")
    for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)):
        shading.set(qn(key), value)
    style.element.get_or_add_rPr().append(shading)


def _drop_thumbnail(document: docx.document.Document) -> None:
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rel_id]


if __name__ == "__main__":
    main()
