"""A contribution workbook described in plain data -> an .xlsx file (openpyxl).

The command layer says what the sheets hold (columns, their comments and drop-down lists,
rows); this module only knows how a spreadsheet shows it. The only openpyxl importer on the
writing side.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.writing.outputs import Written, write_output
from drafter.writing.zip_stamps import FIXED_STAMP, restamped

LISTS_SHEET = "listes"
FIRST_ROWS = 500  # rows that get the drop-down lists and the text format
_HEADER_FILL = "DCE6F1"
_TEXT = "@"
_CALCULATED = ("=", "+", "-", "@")  # what a spreadsheet reads as the start of a formula
GUIDE_WIDTHS = (46, 100)
# The custom document property where `drafter tableur` writes the service a workbook is for
# (kept by Excel and LibreOffice), read back by `drafter importer`.
WORKBOOK_SERVICE = "drafter-service"


@dataclass(frozen=True)
class Column:
    """One field: its header (the entry key), the header comment, width and drop-down list."""

    key: str
    comment: str
    width: int = 20
    choices: str | None = None  # name of a list of the hidden « listes » sheet
    strict: bool = True  # refuse values outside the list (else only warn)
    wrap: bool = False
    error: str = ""  # what the drop-down says of a value outside its list


@dataclass(frozen=True)
class SheetSpec:
    """A sheet of entries: title (the area id), columns, rows of cell texts."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class WorkbookSpec:
    """The whole workbook: the guide's rows (first sheet), the entry sheets, the lists."""

    guide_title: str
    guide: tuple[tuple[str, ...], ...]
    sheets: tuple[SheetSpec, ...]
    lists: dict[str, tuple[str, ...]] = field(default_factory=dict)
    headings: frozenset[int] = frozenset()  # guide rows shown in bold
    service: str = ""  # the service the workbook is for (a document property)


def write_workbook(path: Path, spec: WorkbookSpec, protected: Path | None = None) -> Written:
    """Write the workbook atomically; beside `path` when the file there is not drafter's
    untouched copy (a workbook a service filled in is never replaced)."""
    from openpyxl import Workbook
    from openpyxl.packaging.custom import StringProperty

    book = Workbook()
    book.properties.created = book.properties.modified = FIXED_STAMP
    if spec.service:
        book.custom_doc_props.append(StringProperty(name=WORKBOOK_SERVICE, value=spec.service))
    _guide(book.active, spec)
    ranges = _lists(book.create_sheet(LISTS_SHEET), spec.lists)
    for sheet in spec.sheets:
        _entries_sheet(book.create_sheet(sheet.title), sheet, ranges)
    book.move_sheet(LISTS_SHEET, offset=len(spec.sheets))
    buffer = io.BytesIO()
    _save(book, buffer)
    return write_output(path, restamped(buffer.getvalue()), protected=protected)


def _save(book: Any, buffer: io.BytesIO) -> None:
    """Save as `Workbook.save` does, without its stamping the clock into the properties."""
    from zipfile import ZIP_DEFLATED, ZipFile

    from openpyxl.writer.excel import ExcelWriter

    ExcelWriter(book, ZipFile(buffer, "w", ZIP_DEFLATED, allowZip64=True)).save()


def _guide(sheet: Any, spec: WorkbookSpec) -> None:
    """Fill the first sheet: instructions, an example row and the date forms."""
    from openpyxl.styles import Alignment, Font

    sheet.title = spec.guide_title
    for number, row in enumerate(spec.guide, start=1):
        for column, text in enumerate(row, start=1):
            cell = sheet.cell(number, column)
            put_text(cell, text)
            # A sentence alone on its row spills over the empty cells; table cells wrap.
            cell.alignment = Alignment(wrap_text=len(row) > 1, vertical="top")
            cell.font = Font(bold=number in spec.headings)
    sheet.column_dimensions["A"].width = GUIDE_WIDTHS[0]
    sheet.column_dimensions["B"].width = GUIDE_WIDTHS[1]
    for number, row in enumerate(spec.guide, start=1):
        if len(row) > 1:
            _fit_height(sheet, number, row, GUIDE_WIDTHS)
    _landscape(sheet)


def _fit_height(sheet: Any, number: int, texts: tuple[str, ...], widths: tuple[int, ...]) -> None:
    """Give a row of wrapped cells the height of its longest cell (spreadsheets opening an
    .xlsx do not always measure it themselves)."""
    lines = max(
        (
            sum(1 + len(part) // int(width * 1.2) for part in text.split("\n"))
            for text, width in zip(texts, widths, strict=False)
            if text
        ),
        default=1,
    )
    if lines > 1:
        sheet.row_dimensions[number].height = 15 * lines


def _lists(sheet: Any, lists: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Write each list in a column of the hidden sheet; return list name -> range formula."""
    from openpyxl.utils import get_column_letter

    ranges = {}
    for column, (name, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(column)
        put_text(sheet.cell(1, column), name)
        for row, value in enumerate(values, start=2):
            put_text(sheet.cell(row, column), value)
        ranges[name] = f"{LISTS_SHEET}!${letter}$2:${letter}${max(2, len(values) + 1)}"
    sheet.sheet_state = "hidden"
    return ranges


def _entries_sheet(sheet: Any, spec: SheetSpec, ranges: dict[str, str]) -> None:
    """Fill an area's sheet: commented headers, rows, drop-downs, frozen header."""
    from openpyxl.utils import get_column_letter

    for column, field_ in enumerate(spec.columns, start=1):
        letter = get_column_letter(column)
        _header(sheet.cell(1, column, field_.key), field_)
        sheet.column_dimensions[letter].width = field_.width
        _text_cells(sheet, column, len(spec.rows), field_.wrap)
        if field_.choices in ranges:
            _drop_down(sheet, letter, field_, ranges[field_.choices])
    widths = tuple(c.width if c.wrap else 10_000 for c in spec.columns)
    for number, row in enumerate(spec.rows, start=2):
        for column, text in enumerate(row, start=1):
            if text:
                put_text(sheet.cell(number, column), text)
        _fit_height(sheet, number, row, widths)
    sheet.freeze_panes = "A2"
    sheet.page_setup.orientation = "landscape"
    sheet.print_title_rows = "1:1"  # every printed page repeats the field names


def put_text(cell: Any, text: str) -> None:
    """Write text as text: never a formula (`=…`), and marked so that a spreadsheet keeps
    `=`, `+`, `-`, `@` at its start as typed rather than calculating it when edited."""
    cell.value = text
    cell.data_type = "s"
    if text.startswith(_CALCULATED):
        cell.quotePrefix = True


def _landscape(sheet: Any) -> None:
    """Print the guide landscape, one page wide."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _header(cell: Any, column: Column) -> None:
    """Style a header cell and attach the field's explanation as a comment."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    cell.font = Font(bold=True)
    cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
    comment = Comment(column.comment, "drafter")
    comment.width, comment.height = 320, 140
    cell.comment = comment


def _text_cells(sheet: Any, column: int, filled: int, wrap: bool) -> None:
    """Format a column as text, so « 2023-02 » or « 012 » stay as typed: the column's style
    applies to the cells a contributor types; the prefilled cells get it themselves."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    alignment = Alignment(wrap_text=wrap, vertical="top")
    dimension = sheet.column_dimensions[get_column_letter(column)]
    dimension.number_format, dimension.alignment = _TEXT, alignment
    for row in range(2, filled + 2):
        cell = sheet.cell(row, column)
        cell.number_format, cell.alignment = _TEXT, alignment


def _drop_down(sheet: Any, letter: str, column: Column, formula: str) -> None:
    """Attach a drop-down list to a column's data rows."""
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        errorStyle="stop" if column.strict else "warning",
        errorTitle=column.key,
        error=column.error,
        showErrorMessage=True,
    )
    validation.add(f"{letter}2:{letter}{FIRST_ROWS}")
    sheet.add_data_validation(validation)
