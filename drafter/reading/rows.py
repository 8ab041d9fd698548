"""Workbook rows -> the same positioned Node trees as YAML, so one validation reads both.

A node's line is the cell's row and its column the cell's column: every problem the entry
reader records can then be shown at its cell (`fichier.xlsx:'cyber'!C12`). No openpyxl here:
cells arrive as plain values with their number format.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from drafter.errors import Problem
from drafter.reading.date_parsing import normalise_date
from drafter.reading.yaml_nodes import MAPPING, SCALAR, SEQUENCE, Node

# Keys whose cell may hold several values, one per line (Alt+Entrée) or separated by « ; ».
LIST_KEYS = frozenset({"acteurs", "propositions", "points"})
BOOLEAN_KEYS = frozenset({"nouveau_paragraphe", "a_souligner"})
_SEPARATORS = re.compile(r"\s*(?:\n|;)\s*")
_DATE_SEPARATORS = re.compile(r"\s*(?:\n|;|,)\s*")
_MISSING = re.compile(r"champ obligatoire « (\w+) » manquant")
# How .xlsx files store a control character (XML cannot hold it): _x000B_. openpyxl leaves
# the escape as is; decoded, the entry reader refuses the character like in YAML.
_CONTROL_ESCAPE = re.compile(r"_x(00[01][0-9A-Fa-f]|007[Ff]|00[89][0-9A-Fa-f])_")


@dataclass(frozen=True)
class Cell:
    """One non-empty cell: 1-based row and column, its value and Excel number format."""

    row: int
    column: int
    value: object
    number_format: str = "General"


def column_letter(column: int) -> str:
    """Return the spreadsheet name of a 1-based column: 1 -> A, 27 -> AA."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell_name(sheet: str, row: int, column: int) -> str:
    """Return a cell reference as spreadsheets write it: `'cyber'!C12`."""
    quoted = sheet.replace("'", "''")
    return f"'{quoted}'!{column_letter(column)}{row}"


def at_cells(problems: Iterable[Problem], sheet: str) -> list[Problem]:
    """Return the problems of a sheet with their cell named (row = line, column = column)."""
    return [replace(p, cell=cell_name(sheet, p.line, p.column)) for p in problems]


def cell_text(cell: Cell, key: str) -> str:
    """Return what a cell says as the text a YAML entry would hold."""
    value = cell.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime | dt.date):
        return _date_value(value, cell.number_format)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = _CONTROL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), str(value)).strip()
    return normalise_date(text) if key == "date" else text


def _date_value(value: dt.date, number_format: str) -> str:
    """Return an Excel date as a day, or as a month when its format shows no day."""
    day = value.date() if isinstance(value, dt.datetime) else value
    shown = re.sub(r'\[[^]]*\]|"[^"]*"', "", number_format).lower()
    month_only = ("m" in shown or "y" in shown) and not re.search("[dj]", shown)
    return day.strftime("%Y-%m") if month_only else day.isoformat()


def value_node(cell: Cell, key: str) -> Node:
    """Return the node a YAML entry would have for this cell: a scalar, or a list of them."""
    text = cell_text(cell, key)
    if key == "date":
        parts = _DATE_SEPARATORS.split(text.strip().removeprefix("[").removesuffix("]"))
    elif key in LIST_KEYS:
        parts = _SEPARATORS.split(text)
    else:
        return _scalar(cell, text, plain=key in BOOLEAN_KEYS)
    parts = [part for part in parts if part]
    if len(parts) == 1:
        return _scalar(cell, parts[0], plain=False)
    items = [_scalar(cell, part, plain=False) for part in parts]
    return Node(SEQUENCE, cell.row, cell.column, items=items)


def _scalar(cell: Cell, text: str, plain: bool) -> Node:
    """Return a scalar at the cell; only booleans are plain (so `true` means true)."""
    return Node(SCALAR, cell.row, cell.column, text, plain=plain)


def row_node(keys: dict[int, str], cells: list[Cell], row: int) -> Node | None:
    """Return the entry mapping of one row (None for a blank row), keyed by column headers."""
    pairs = []
    for cell in cells:
        key = keys.get(cell.column)
        if key is not None and cell_text(cell, key):
            key_node = Node(SCALAR, cell.row, cell.column, key)
            pairs.append((key_node, value_node(cell, key)))
    if not pairs:
        return None
    return Node(MAPPING, row, min(keys, default=1), pairs=pairs)


def at_missing_columns(problems: list[Problem], columns: dict[str, int]) -> list[Problem]:
    """Return problems with « champ obligatoire … manquant » moved to that field's column."""
    moved = []
    for problem in problems:
        m = _MISSING.match(problem.message)
        if m and m.group(1) in columns:
            problem = replace(problem, column=columns[m.group(1)])
        moved.append(problem)
    return moved


def node_values(node: Node) -> dict[str, object]:
    """Return a row's values as an entry file holds them: text, lists of text, booleans."""
    values: dict[str, object] = {}
    for key, value in node.pairs:
        if value.kind == SEQUENCE:
            values[key.text] = [item.text for item in value.items]
        elif key.text in BOOLEAN_KEYS and value.text in ("true", "false"):
            values[key.text] = value.text == "true"
        elif key.text == "propositions":
            values[key.text] = [value.text]
        else:
            values[key.text] = value.text
    return values
