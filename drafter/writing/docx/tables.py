"""Tables of the draft (the annex): proportional columns, a header repeated on every page,
rows never split across pages, numbers right-aligned, no justification in narrow cells — all
through paragraph styles."""

from __future__ import annotations

from docx.document import Document
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Length

from drafter.writing.docx.oxml import make, paragraph_element, qn, run_element

TEXT_WIDTH = Cm(16)  # A4 less two 2.5 cm margins
# The longest text a column is sized for, and the narrowest share it gets.
LONGEST, NARROWEST = 60, 0.08
PADDING = 3  # characters: cell margins, and a bold header is wider


def add_table(
    document: Document, rows: list[list[str]], aligns: list[str], styles: dict[str, str]
) -> BaseOxmlElement:
    """Append a table and return it; `styles` gives the paragraph style ids of header, text
    and number cells."""
    columns = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=columns)
    table.autofit = False
    if "grid" in styles:
        table.style = document.styles.get_by_id(styles["grid"], 3)  # WD_STYLE_TYPE.TABLE
    widths = column_widths(rows, columns)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid LibreOffice reads; Word reads each cell's width
    for index, (row, cells) in enumerate(zip(table.rows, rows, strict=True)):
        for column, (cell, text) in enumerate(zip(row.cells, cells, strict=False)):
            cell.width = widths[column]
            kind = "header" if index == 0 else _kind(aligns, column)
            _fill(cell._tc, styles[kind], text)
    for row in table.rows:  # a row is never cut across two pages
        row._tr.get_or_add_trPr().append(make("w:cantSplit"))
    header = make("w:tblHeader")
    header.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(header)
    element: BaseOxmlElement = table._tbl
    return element


def column_widths(rows: list[list[str]], columns: int) -> list[Length]:
    """Return widths proportional to each column's longest text (bounded both ways); a header
    wraps, so it counts by its longest word."""
    header = [max((len(w) for w in cell.split()), default=1) for cell in rows[0]]
    longest = [
        max(
            [header[c] if c < len(header) else 1]
            + [min(len(r[c]), LONGEST) for r in rows[1:] if c < len(r)]
        )
        for c in range(columns)
    ]
    total = sum(n + PADDING for n in longest)
    shares = [max((n + PADDING) / total, NARROWEST) for n in longest]
    scale = 1 / sum(shares)
    return [Length(int(TEXT_WIDTH * share * scale)) for share in shares]


def _kind(aligns: list[str], column: int) -> str:
    return "number" if column < len(aligns) and aligns[column] == "right" else "text"


def _fill(tc: object, style_id: str, text: str) -> None:
    """Replace the cell's empty paragraph with a styled one holding the text."""
    for p in tc.findall(qn("w:p")):  # type: ignore[attr-defined]
        tc.remove(p)  # type: ignore[attr-defined]
    p = paragraph_element(style_id)
    p.append(run_element(text))
    tc.append(p)  # type: ignore[attr-defined]
