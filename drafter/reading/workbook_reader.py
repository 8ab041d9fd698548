"""A contributors' workbook (.xlsx) -> its sheets' cells, refusing what is hostile.

Workbooks come from outside the secretariat: the zip is checked (size, members, macros,
XML entity declarations) before openpyxl opens it, formulas are refused rather than
evaluated, and rows and columns are bounded. The only openpyxl importer on the reading side.
"""

from __future__ import annotations

import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.errors import Problem, Severity
from drafter.reading.rows import Cell, cell_name
from drafter.reading.xlsx_package import (
    MAX_COLUMNS,
    MAX_ROWS,
    UNREADABLE,
    Package,
    check_container,
    refused,
)
from drafter.writing.workbook_writer import WORKBOOK_SERVICE

MAX_SHEETS = 30
# LibreOffice stores a boolean cell as the formula TRUE() or FALSE(): a value, not a calculation.
_BOOLEANS = ("=TRUE()", "=FALSE()", "=TRUE", "=FALSE")
_FORMULA = (
    "formule refusée : drafter ne calcule pas les formules ; remplacez-la par sa valeur "
    "(copier, puis collage spécial « valeurs »)"
)
_ERROR_CELL = (
    "cellule en erreur « {} » (une formule qui n'a pas abouti ?) : remplacez-la par la "
    "valeur voulue"
)
_IGNORED = (
    "le classeur contient des éléments que drafter ne lit pas (mise en forme ou validation "
    "étendues, dessins, noms définis) : sans effet sur les entrées"
)
# What openpyxl raises on a damaged workbook: input to report, not a drafter bug.
_OPENPYXL_FAILURES = (
    KeyError,
    ValueError,
    TypeError,
    IndexError,
    AttributeError,
    SyntaxError,
    OSError,
    zipfile.BadZipFile,
)


@dataclass
class Sheet:
    """One sheet: its title, visibility, non-empty cells by row, and cell problems."""

    title: str
    hidden: bool
    rows: dict[int, list[Cell]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class Workbook:
    """The sheets of a workbook, and what reading it found about the whole (warnings); the
    service `drafter tableur` wrote it for ("" for a workbook that does not say)."""

    sheets: list[Sheet]
    problems: list[Problem] = field(default_factory=list)
    service: str = ""


def read_workbook(path: Path, shown: str) -> Workbook:
    """Return the sheets of a workbook; raise DrafterError when it is refused or unreadable.
    openpyxl's own warnings are caught and said once, in French."""
    package = check_container(path, shown)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sheets, service = _read_checked(path, shown, package)
    ignored = [Problem(shown, 1, 1, _IGNORED, Severity.WARNING, cell="")] if caught else []
    return Workbook(sheets, ignored, service)


def _read_checked(path: Path, shown: str, package: Package) -> tuple[list[Sheet], str]:
    """Return the sheets of a workbook whose package was checked, and its service."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except (*_OPENPYXL_FAILURES, InvalidFileException) as exc:
        raise refused(shown, UNREADABLE.format(type(exc).__name__)) from None
    try:
        _check_sheet_count(book.worksheets, shown)
        sheets = [_read_sheet(sheet, shown, package) for sheet in book.worksheets]
        return sheets, _service(book)
    except _OPENPYXL_FAILURES as exc:
        raise refused(shown, UNREADABLE.format(type(exc).__name__)) from None
    finally:
        book.close()


def _service(book: Any) -> str:
    """Return the service the workbook says it is for (its document property), or ""."""
    properties = getattr(getattr(book, "custom_doc_props", None), "props", [])
    found = [p.value for p in properties if p.name == WORKBOOK_SERVICE]
    return " ".join(str(found[0]).split())[:200] if found and found[0] else ""


def _check_sheet_count(sheets: list[Any], shown: str) -> None:
    """Refuse a workbook with more sheets than are read, naming those that would be left."""
    if len(sheets) > MAX_SHEETS:
        left = ", ".join(f"« {sheet.title} »" for sheet in sheets[MAX_SHEETS:])
        raise refused(
            shown,
            f"classeur de {len(sheets)} feuilles : drafter en lit au plus {MAX_SHEETS}, "
            f"et {left} ne seraient pas lues : scindez le classeur",
        )


def _read_sheet(sheet: Any, shown: str, package: Package) -> Sheet:
    """Return a sheet's non-empty cells, refusing formulas, error cells and hidden rows.
    The rows are those of the sheet's data: its dimension tag is not trusted (the package
    check bounded rows and cells already)."""
    result = Sheet(str(sheet.title), sheet.sheet_state != "visible")
    sheet.reset_dimensions()
    for row in sheet.iter_rows(max_row=MAX_ROWS + 1):
        cells = [_cell(result, shown, c) for c in row if getattr(c, "row", None) is not None]
        filled = [cell for cell in cells if cell is not None]
        if any(c.column > MAX_COLUMNS for c in filled):
            result.problems.append(_too_large(shown, result.title))
            return result
        if filled:
            result.rows[filled[0].row] = filled
    hidden = package.hidden_rows.get(getattr(sheet, "_worksheet_path", ""), [])
    result.problems += [_hidden_row(shown, result.title, n) for n in hidden if n in result.rows]
    return result


def _cell(sheet: Sheet, shown: str, cell: Any) -> Cell | None:
    """Return a cell's value, or None when empty; a formula or an error is a problem."""
    value, kind = cell.value, getattr(cell, "data_type", None)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if kind == "f" and str(value).upper() in _BOOLEANS:
        return Cell(cell.row, cell.column, str(value).upper().startswith("=TRUE"))
    if kind in ("e", "f"):
        message = _ERROR_CELL.format(value) if kind == "e" else _FORMULA
        sheet.problems.append(
            Problem(
                shown,
                cell.row,
                cell.column,
                message,
                cell=cell_name(sheet.title, cell.row, cell.column),
            )
        )
        return None
    return Cell(cell.row, cell.column, value, str(getattr(cell, "number_format", "General")))


def _too_large(shown: str, title: str) -> Problem:
    """Return the problem of a sheet past the row or column limit."""
    return Problem(
        shown,
        1,
        1,
        f"feuille trop grande : au plus {MAX_ROWS} lignes d'entrées et {MAX_COLUMNS} "
        "colonnes ; scindez-la",
        cell=cell_name(title, 1, 1),
    )


def _hidden_row(shown: str, title: str, row: int) -> Problem:
    """Return the problem of a filled row the sheet hides: nobody may have read it."""
    return Problem(
        shown,
        row,
        1,
        "ligne masquée : affichez-la (clic droit sur les numéros de ligne › Afficher), "
        "vérifiez-la, puis réimportez le classeur ; ou supprimez-la",
        cell=cell_name(title, row, 1),
    )
