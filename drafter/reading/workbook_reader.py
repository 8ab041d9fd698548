"""A contributors' workbook (.xlsx) -> its sheets' cells, refusing what is hostile.

Workbooks come from outside the secretariat: the zip is checked (size, members, macros,
XML entity declarations) before openpyxl opens it, formulas are refused rather than
evaluated, and rows and columns are bounded. The only openpyxl importer on the reading side.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.errors import DrafterError, Problem
from drafter.reading.rows import Cell, cell_name

MAX_FILE = 10_000_000
MAX_UNPACKED = 50_000_000
MAX_MEMBERS = 1_000
MAX_SHEETS = 30
MAX_ROWS = 5_000
MAX_COLUMNS = 40
MAX_CELLS = (MAX_ROWS + 1) * MAX_COLUMNS
_CHUNK = 1 << 20
_ROW_OR_CELL = re.compile(rb"<(?:\w+:)?(row|c)[\s>/]")
# LibreOffice stores a boolean cell as the formula TRUE() or FALSE(): a value, not a calculation.
_BOOLEANS = ("=TRUE()", "=FALSE()", "=TRUE", "=FALSE")
_MACROS = "classeur avec macros refusé : enregistrez-le au format .xlsx (Classeur Excel)"
_UNREADABLE = "classeur illisible ({}) : ouvrez-le et enregistrez-le au format .xlsx"
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


def read_workbook(path: Path, shown: str) -> list[Sheet]:
    """Return the sheets of a workbook; raise DrafterError when it is refused or unreadable."""
    check_container(path, shown)
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except (*_OPENPYXL_FAILURES, InvalidFileException) as exc:
        raise _refused(shown, _UNREADABLE.format(type(exc).__name__)) from None
    try:
        return [_read_sheet(sheet, shown) for sheet in book.worksheets[:MAX_SHEETS]]
    except _OPENPYXL_FAILURES as exc:
        raise _refused(shown, _UNREADABLE.format(type(exc).__name__)) from None
    finally:
        book.close()


def check_container(path: Path, shown: str) -> None:
    """Refuse, before any XML is parsed, a workbook that is too big, has macros or entities."""
    suffix = path.suffix.lower()
    if suffix in (".xlsm", ".xltm", ".xlam"):
        raise _refused(shown, _MACROS)
    if suffix != ".xlsx":
        raise _refused(
            shown,
            f"format « {suffix or path.name} » non pris en charge : "
            "enregistrez le classeur au format .xlsx",
        )
    size = path.stat().st_size
    if size > MAX_FILE:
        raise _refused(shown, f"classeur trop gros ({size} octets ; limite {MAX_FILE})")
    try:
        with zipfile.ZipFile(path) as archive:
            _check_members(archive, shown)
    except zipfile.BadZipFile:
        raise _refused(shown, _UNREADABLE.format("pas une archive .xlsx")) from None


def _check_members(archive: zipfile.ZipFile, shown: str) -> None:
    """Refuse too many or too big members (a zip bomb), macros and XML entity declarations."""
    members = archive.infolist()
    unpacked = sum(info.file_size for info in members)
    if len(members) > MAX_MEMBERS or unpacked > MAX_UNPACKED:
        raise _refused(
            shown,
            f"classeur refusé : {len(members)} parties, {unpacked} octets une fois "
            f"décompressé (limites {MAX_MEMBERS} et {MAX_UNPACKED})",
        )
    for info in members:
        if info.filename.lower().endswith("vbaproject.bin"):
            raise _refused(shown, _MACROS)
        if info.filename.lower().endswith((".xml", ".rels")):
            _check_xml(archive, info, shown)


def _check_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo, shown: str) -> None:
    """Refuse XML with entity declarations, and a worksheet past the row limit (counted here
    because openpyxl parses a whole sheet that has no dimension tag just to size it)."""
    entities, rows, cells = _scan(archive, info)
    if entities:
        raise _refused(
            shown,
            f"classeur refusé : « {info.filename} » déclare des entités XML "
            "(DOCTYPE), ce qu'un tableur n'écrit jamais",
        )
    if _too_big(rows, cells) and info.filename.startswith("xl/worksheets/"):
        raise _refused(
            shown,
            f"classeur refusé : une feuille ({info.filename}) dépasse {MAX_ROWS} lignes "
            f"d'entrées ou {MAX_CELLS} cellules : scindez-la",
        )


def _too_big(rows: int, cells: int) -> bool:
    """Return True past the row or cell limit of a sheet (the header row is extra)."""
    return rows > MAX_ROWS + 1 or cells > MAX_CELLS


def _scan(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[bool, int, int]:
    """Return whether an XML member declares entities, and its numbers of rows and cells."""
    tail, counts = b"", {b"row": 0, b"c": 0}
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            window = tail + chunk
            if b"<!DOCTYPE" in window.upper() or b"<!ENTITY" in window.upper():
                return True, 0, 0
            # A tag split by the chunk boundary is counted once: where it ends past the tail.
            for match in _ROW_OR_CELL.finditer(window):
                if match.end() > len(tail):
                    counts[match.group(1)] += 1
            tail = chunk[-16:]
            if _too_big(counts[b"row"], counts[b"c"]):
                break  # refused anyway: the rest need not be read
    return False, counts[b"row"], counts[b"c"]


def _read_sheet(sheet: Any, shown: str) -> Sheet:
    """Return a sheet's non-empty cells, refusing formulas and bounding rows and columns."""
    result = Sheet(str(sheet.title), sheet.sheet_state != "visible")
    if (sheet.max_row or 0) > MAX_ROWS + 1 or (sheet.max_column or 0) > MAX_COLUMNS:
        result.problems.append(_too_large(shown, result.title))
        return result
    rows = sheet.iter_rows(min_row=1, max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS)
    for number, row in enumerate(rows, start=1):
        cells = [_cell(result, shown, number, col, c) for col, c in enumerate(row, start=1)]
        filled = [cell for cell in cells if cell is not None]
        if filled and number > MAX_ROWS:
            result.problems.append(_too_large(shown, result.title))
        elif filled:
            result.rows[number] = filled
    return result


def _cell(sheet: Sheet, shown: str, row: int, column: int, cell: Any) -> Cell | None:
    """Return a cell's value, or None when empty; a formula is recorded as a problem."""
    value = cell.value
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if getattr(cell, "data_type", None) == "f" and str(value).upper() in _BOOLEANS:
        return Cell(row, column, str(value).upper().startswith("=TRUE"))
    if getattr(cell, "data_type", None) == "f":
        sheet.problems.append(
            Problem(
                shown,
                row,
                column,
                "formule refusée : drafter ne calcule pas les formules ; remplacez-la "
                "par sa valeur (copier, puis collage spécial « valeurs »)",
                cell=cell_name(sheet.title, row, column),
            )
        )
        return None
    return Cell(row, column, value, str(getattr(cell, "number_format", "General")))


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


def _refused(shown: str, message: str) -> DrafterError:
    """Return the error of a whole workbook refused."""
    return DrafterError([Problem(shown, 1, 1, message, cell="")])
