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
from docx.shared import Pt, RGBColor

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from drafter.writing.docx import save_deterministic, set_language

OUT = Path(__file__).resolve().parent.parent / "templates" / "reference.docx"
FONT = "Calibri"


def main() -> None:
    """Write templates/reference.docx."""
    document = docx.Document()
    _drop_thumbnail(document)
    set_language(document, "fr-FR")
    styles = document.styles
    _base(styles)
    _paragraph_style(styles, "Date du rapport", WD_ALIGN_PARAGRAPH.CENTER, size=12, italic=True)
    _paragraph_style(styles, "Séparateur", WD_ALIGN_PARAGRAPH.CENTER, size=12, bold=True)
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


def _base(styles: docx.styles.styles.Styles) -> None:
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    body = styles["Body Text"]
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.paragraph_format.space_after = Pt(8)
    bullet = styles["List Bullet"]
    bullet.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    bullet.paragraph_format.space_after = Pt(4)
    title = styles["Title"]
    title.font.size = Pt(16)
    title.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading = styles["Heading 1"]
    heading.font.size = Pt(13)
    heading.paragraph_format.space_before = Pt(18)


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
