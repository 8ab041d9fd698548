"""The table of contents: a TOC field whose result is already in the file.

Word regenerates a TOC field when it updates fields, but LibreOffice (and any viewer) shows
the field's stored result as it is: an empty field is an empty table. So the result is
written here: one paragraph per heading, a link to a hidden `_Toc…` bookmark around the
heading, and a PAGEREF field for its page, with the page number when the build knows it (a
first conversion by LibreOffice, see writing/pdf.py). The field is marked dirty and the
document asks Word to update fields on opening: Word recomputes it all.
"""

from __future__ import annotations

import hashlib
import html
import io
import re
import zipfile

from drafter.writing.docx import bodytext

# A4 with 2.5 cm margins: the text is 16 cm wide; page numbers are right-aligned there.
_RIGHT_EDGE_TWIPS = 9070


def bookmark_name(title: str) -> str:
    """Return the hidden bookmark of a heading (Word's `_Toc` prefix; 40 characters at most)."""
    return "_Toc" + hashlib.sha1(title.encode("utf-8")).hexdigest()[:16]


def toc_xml(titles: list[str], pages: dict[str, int], style_id: str) -> str:
    """Return the paragraphs of the table of contents, the field around them."""
    if not titles:
        return bodytext.paragraph(style_id, [*_field_start(), _char("end")])
    paragraphs = []
    for index, title in enumerate(titles):
        content = _field_start() if index == 0 else []
        content.append(_entry(title, pages.get(title)))
        if index == len(titles) - 1:
            content.append(_char("end"))
        paragraphs.append(_paragraph(style_id, content))
    return "".join(paragraphs)


def _paragraph(style_id: str, content: list[str]) -> str:
    tabs = f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{_RIGHT_EDGE_TWIPS}"/></w:tabs>'
    style = f'<w:pStyle w:val="{bodytext.attribute(style_id)}"/>'
    return f"<w:p><w:pPr>{style}{tabs}</w:pPr>{''.join(content)}</w:p>"


def _field_start() -> list[str]:
    """Return the runs that open the TOC field (dirty: Word updates it when it opens)."""
    return [
        '<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>',
        _instruction(' TOC \\o "1-1" \\h \\z \\u '),
        _char("separate"),
    ]


def _entry(title: str, page: int | None) -> str:
    """Return a link to the heading: its title, a tab, and a PAGEREF field for its page (no
    tab while the page is not known: no dot leader to nothing)."""
    name = bookmark_name(title)
    reference = _instruction(" PAGEREF " + name + " \\h ")
    return (
        f'<w:hyperlink w:anchor="{name}" w:history="1">'
        f"{bodytext.run(title)}{'<w:r><w:tab/></w:r>' if page is not None else ''}"
        f"{_char('begin')}{reference}{_char('separate')}"
        f"{bodytext.run(str(page)) if page is not None else ''}{_char('end')}"
        "</w:hyperlink>"
    )


def _char(kind: str) -> str:
    return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'


def _instruction(text: str) -> str:
    return f'<w:r><w:instrText xml:space="preserve">{bodytext.text(text)}</w:instrText></w:r>'


_ENTRY = re.compile(
    r'<w:hyperlink w:anchor="_Toc[0-9a-f]+" w:history="1"><w:r><w:t[^>]*>([^<]*)</w:t>'
)


def headings(docx: bytes) -> list[str]:
    """Return the titles listed in the table of contents of a draft drafter wrote."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        body = package.read("word/document.xml").decode("utf-8")
    return [html.unescape(title) for title in _ENTRY.findall(body)]
