"""`drafter importer`: filled workbooks -> one YAML entry file per row, in inputs/<area>/.

Each row becomes the same Node tree a YAML entry would, and goes through the same
`read_entry`: one validation, two readers, every problem at its cell. A row finds its file
again on re-import, by its id or by its origin (`source_tableur`), so nothing is duplicated.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import click

from drafter.commands.common import echo_problems, exit_failed, workspace_option
from drafter.commands.import_texts import Row, same_file, texts_of
from drafter.commands.spreadsheet_services import owner, slug
from drafter.errors import DrafterError, Problem, UsageError, unlocated
from drafter.model import Area, Entry, Workspace, same_name
from drafter.reading.entries import DRAFTER_KEYS, ENTRY_KEYS, FileContext, read_entry
from drafter.reading.rows import (
    Cell,
    at_cells,
    at_missing_columns,
    cell_name,
    cell_text,
    node_values,
    row_node,
)
from drafter.reading.values import Reader
from drafter.reading.workbook_reader import Sheet, read_workbook
from drafter.reading.workspace import load_workspace, read_yaml
from drafter.reading.yaml_nodes import MAPPING, SCALAR, SEQUENCE, Node
from drafter.writing.entry_files import field_comments
from drafter.writing.outputs import workspace_lock
from drafter.writing.safe_write import write_file
from drafter.writing.workbook_writer import LISTS_SHEET

GUIDE_TITLE = "Mode d'emploi"
IMPORT_WAIT = 30.0  # seconds: saves of the form take an instant; a `next` is refused
_BUSY = (
    "import refusé : « drafter next », un autre import ou un enregistrement du formulaire est "
    "en cours sur cet espace de travail ; rien n'a été importé : relancez dans un instant"
)


def column_keys() -> tuple[str, ...]:
    """Return the entry fields a workbook has a column for, in the order files write them."""
    return tuple(k for k in field_comments() if k in ENTRY_KEYS - DRAFTER_KEYS)


_EXPLICIT_ID = re.compile(r"[a-z0-9-]+")


@dataclass
class ImportResult:
    """What an import did (or would do): files written, problems, rows refused."""

    written: list[tuple[Path, bool]] = field(default_factory=list)  # (path, existed)
    problems: list[Problem] = field(default_factory=list)
    rejected: int = 0
    unchanged: int = 0  # files the rows would write exactly as they are

    @property
    def has_errors(self) -> bool:
        """Return True when any row, sheet or workbook had an error."""
        return any(p.is_error for p in self.problems)


@dataclass(frozen=True)
class _Book:
    """What reading one workbook needs: the workspace, its entries, the file."""

    root: Path
    workspace: Workspace
    by_id: dict[str, Entry]
    by_origin: dict[str, Entry]
    path: Path
    shown: str
    claimed: set[Path]  # new files the rows of every workbook of this import will write
    service: str = ""  # the service the workbook says it is for (drafter tableur --service)


def import_workbooks(
    root: Path, paths: tuple[Path, ...], dry_run: bool, partial: bool
) -> ImportResult:
    """Read every workbook, then write (unless dry_run) the rows, all or (partial) the good:
    read and written under the workspace's lock, so that no save of the form, nor `next`,
    comes in between."""
    _check_names(paths)
    if dry_run:
        return _import(root, paths, dry_run, partial)
    with workspace_lock(root, _BUSY, IMPORT_WAIT):
        return _import(root, paths, dry_run, partial)


def _import(root: Path, paths: tuple[Path, ...], dry_run: bool, partial: bool) -> ImportResult:
    workspace, _ = load_workspace(root, allow_errors=True)
    result, rows, claimed = ImportResult(), [], set[Path]()
    for path in paths:
        rows += _read_book(_book(root, workspace, path, claimed), result)
    rows = _without_duplicates(rows, result)
    if result.has_errors and not partial:
        raise DrafterError(result.problems)
    every = texts_of(rows)
    texts = {path: text for path, text in every.items() if not same_file(path, text)}
    result.written = [(path, path.exists()) for path in texts]
    result.unchanged = len(every) - len(texts)
    if not dry_run:
        for path, text in texts.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            write_file(path, text.encode("utf-8"))
    return result


def _check_names(paths: tuple[Path, ...]) -> None:
    """Refuse two workbooks of the same name: the name identifies a row's origin."""
    names = [p.name for p in paths]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise UsageError(
            [unlocated(f"classeur donné deux fois : {', '.join(twice)} ; renommez l'un d'eux")]
        )


def _book(root: Path, workspace: Workspace, path: Path, claimed: set[Path]) -> _Book:
    """Return the reading context of one workbook."""
    by_origin = {e.spreadsheet: e for e in workspace.entries if e.spreadsheet}
    by_id = {e.id: e for e in workspace.entries}
    return _Book(root, workspace, by_id, by_origin, path, str(path), claimed)


def _read_book(book: _Book, result: ImportResult) -> list[Row]:
    """Return the valid rows of a workbook; record problems and refused rows in result."""
    try:
        workbook = read_workbook(book.path, book.shown)
    except DrafterError as exc:
        result.problems += exc.problems
        result.rejected += 1
        return []
    result.problems += workbook.problems
    book = replace(book, service=workbook.service)
    rows: list[Row] = []
    for sheet in workbook.sheets:
        if sheet.title not in (GUIDE_TITLE, LISTS_SHEET) and (sheet.rows or sheet.problems):
            rows += _read_sheet(book, sheet, result)
    return rows


def _read_sheet(book: _Book, sheet: Sheet, result: ImportResult) -> list[Row]:
    """Return the valid rows of an area's sheet; a sheet-wide problem refuses them all."""
    area = book.workspace.cycle.area(sheet.title)
    if area is None:
        result.problems.append(_unknown_sheet(book, sheet))
        result.rejected += len(sheet.rows)
        return []
    sheet_problems = [p for p in sheet.problems if p.line == 1] + _hidden_sheet(book, sheet)
    keys, header_problems = _header(book, sheet) if not sheet_problems else ({}, [])
    sheet_problems += header_problems
    result.problems += sheet_problems
    context = _SheetContext(book, sheet, area, keys)
    rows = [
        _read_row(context, n, cells, result) for n, cells in sorted(sheet.rows.items()) if n > 1
    ]
    valid = [row for row in rows if row is not None]
    if any(p.is_error for p in sheet_problems):
        result.rejected += len(valid)
        return []
    return valid


def _hidden_sheet(book: _Book, sheet: Sheet) -> list[Problem]:
    """Return the problem of an area's sheet the workbook hides: nobody may have read it."""
    if not sheet.hidden:
        return []
    message = (
        f"feuille « {sheet.title} » masquée : affichez-la (clic droit sur un onglet › "
        "Afficher), vérifiez-la, puis réimportez le classeur ; ou supprimez-la"
    )
    return [Problem(book.shown, 1, 1, message, cell=cell_name(sheet.title, 1, 1))]


def _unknown_sheet(book: _Book, sheet: Sheet) -> Problem:
    """Return the problem of a sheet whose title names no area."""
    known = ", ".join(a.id for a in book.workspace.cycle.areas)
    message = (
        f"feuille « {sheet.title} » : domaine inconnu ; "
        f"une feuille porte l'identifiant d'un domaine ({known})"
    )
    return Problem(book.shown, 1, 1, message, cell=cell_name(sheet.title, 1, 1))


def _header(book: _Book, sheet: Sheet) -> tuple[dict[int, str], list[Problem]]:
    """Return the field of each column, from the header row, and the header's problems."""
    cells = sheet.rows.get(1, [])
    pairs = [(Node(SCALAR, c.row, c.column, cell_text(c, "")), Node(SCALAR, 1, 1)) for c in cells]
    reader = Reader(book.shown)
    known = reader.mapping(Node(MAPPING, 1, 1, pairs=pairs), column_keys(), "l'en-tête")
    if not cells:
        reader.error(
            Node(SCALAR, 1, 1), "ligne d'en-tête absente : recopiez celle du classeur envoyé"
        )
    keys = {c.column: cell_text(c, "") for c in cells if known and cell_text(c, "") in known}
    return keys, at_cells(reader.problems, sheet.title)


@dataclass(frozen=True)
class _SheetContext:
    """What reading the rows of one area's sheet needs."""

    book: _Book
    sheet: Sheet
    area: Area
    keys: dict[int, str]  # column -> field

    def origin(self, number: int) -> str:
        """Return the `source_tableur` of a row: workbook name (and its service), sheet, row
        number."""
        service = f" [{self.book.service}]" if self.book.service else ""
        return f"{self.book.path.name}{service}, {self.sheet.title}, {number}"


def _read_row(
    context: _SheetContext, number: int, cells: list[Cell], result: ImportResult
) -> Row | None:
    """Return a row checked by the entry reader, or None (problems recorded in result)."""
    formulas = [p for p in context.sheet.problems if p.line == number]
    node = row_node(context.keys, cells, number)
    if node is None and not formulas:
        return None
    node = node or Node(MAPPING, number, min(context.keys, default=1))
    reader = Reader(context.book.shown)
    target, index = _target(context, number, _existing(context, reader, node, number))
    entry = _validated(context, reader, node, target)
    # A formula's cell is already refused: « champ manquant » there would only repeat it.
    refused = {p.cell for p in formulas}
    problems = formulas + [p for p in _at_cells(context, reader.problems) if p.cell not in refused]
    result.problems += problems
    if entry is None or any(p.is_error for p in problems):
        result.rejected += 1
        return None
    return _row(context, node, number, (target, index), entry)


def _validated(context: _SheetContext, reader: Reader, node: Node, target: Path) -> Entry | None:
    """Return the entry the row describes, read as if it were in its target file."""
    rel = target.relative_to(context.book.root).as_posix()
    workspace = context.book.workspace
    file = FileContext(rel, context.area, workspace.cycle, frozenset(workspace.proposals))
    default_id = rel.removeprefix("inputs/").rsplit(".", 1)[0]
    return read_entry(reader, node, file, default_id, node.line)


def _at_cells(context: _SheetContext, problems: list[Problem]) -> list[Problem]:
    """Return a row's problems at their cells (a missing field at its column)."""
    columns = {key: column for column, key in context.keys.items()}
    return at_cells(at_missing_columns(problems, columns), context.sheet.title)


def _row(
    context: _SheetContext,
    node: Node,
    number: int,
    place: tuple[Path, int | None],
    entry: Entry,
) -> Row:
    """Return a valid row: its file, and its values (a cleared cell removes its field)."""
    target, index = place
    origin = context.origin(number)
    values = dict.fromkeys(context.keys.values()) | node_values(node)
    values["source_tableur"] = origin
    first = cell_name(context.sheet.title, number, node.column)
    rel = target.relative_to(context.book.root).as_posix()
    identity = entry.id if index is None else f"{rel}#{index}"
    return Row(context.book.shown, origin, target, index, values, first, identity)


def _existing(context: _SheetContext, reader: Reader, node: Node, number: int) -> Entry | None:
    """Return the workspace entry this row updates: by its id, else by its origin; never an
    entry of another service (an id: an error at its cell; an origin: the row goes beside)."""
    id_node = next((v for k, v in node.pairs if k.text == "id" and v.kind == SCALAR), None)
    entry = context.book.by_id.get(id_node.text) if id_node is not None else None
    if entry is None or id_node is None:
        # the origin names the workbook's service: another service's row never matches it
        return context.book.by_origin.get(context.origin(number))
    if not _EXPLICIT_ID.fullmatch(id_node.text):
        # A default id (path#n): the file keeps naming the entry, the row must not write it.
        node.pairs = [(k, v) for k, v in node.pairs if k.text != "id"]
    if entry.area != context.area.id:
        reader.error(
            id_node,
            f"l'entrée « {entry.id} » est dans le domaine « {entry.area} » : "
            f"corrigez-la dans la feuille « {entry.area} »",
        )
    elif not _owner_agrees(context, entry):
        reader.error(
            id_node,
            f"l'entrée « {entry.id} » est celle du service « {owner(entry)} », cette ligne "
            f"celle de « {context.book.service} » : une ligne ne remplace pas l'entrée "
            "d'un autre service ; videz la cellule id pour en faire une entrée nouvelle",
        )
    return entry


def _owner_agrees(context: _SheetContext, entry: Entry) -> bool:
    """Return True unless the workbook is another service's than the entry's (names compared
    without case, accents or spacing: « Séae » is « SEAE »). A workbook that names no
    service (made before `--service`) may correct any entry, its contributor included."""
    service = context.book.service
    return not service or same_name(service) == same_name(owner(entry))


def _target(context: _SheetContext, number: int, existing: Entry | None) -> tuple[Path, int | None]:
    """Return the file of the row's entry and the entry's index in it (None: a new file)."""
    root = context.book.root
    if existing is not None:
        path = root / existing.location.path
        return path, _index_in_file(path, existing.location.path, existing.location.line)
    stem = f"{slug(context.book.path.stem) or 'tableur'}-l{number}"
    return _free(context, root / "inputs" / context.area.id, stem), None


def _free(context: _SheetContext, folder: Path, stem: str) -> Path:
    """Return `stem.yaml` in folder, numbered when a file is there (another workbook's row:
    seae.xlsx and SEAE.xlsx share a name) or another row of this import claimed it."""
    number, path = 1, folder / f"{stem}.yaml"
    while path in context.book.claimed or os.path.lexists(path):
        number += 1
        path = folder / f"{stem}-{number}.yaml"
    context.book.claimed.add(path)
    return path


def _index_in_file(path: Path, rel: str, line: int) -> int:
    """Return the index of the entry that starts at `line` in an entry file."""
    root = read_yaml(path, rel, [])
    if root is None or root.kind != SEQUENCE:
        return 0
    return next((i for i, item in enumerate(root.items) if item.line == line), 0)


def _without_duplicates(rows: list[Row], result: ImportResult) -> list[Row]:
    """Return the rows, refusing a second row for the same entry (same id or same file)."""
    seen: dict[str, Row] = {}
    kept = []
    for row in rows:
        first = seen.setdefault(row.identity, row)
        if first is row:
            kept.append(row)
            continue
        message = (
            f"cette ligne reprend l'entrée « {row.identity} » de {first.shown}:{first.cell} : "
            "gardez une seule ligne par entrée"
        )
        result.problems.append(Problem(row.shown, 0, 0, message, cell=row.cell))
        result.rejected += 1
    return kept


@click.command()
@click.argument(
    "files",
    nargs=-1,
    required=True,
    metavar="CLASSEUR.xlsx...",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option("--dry-run", is_flag=True, help="Vérifie les classeurs sans rien écrire.")
@click.option(
    "--partiel",
    "partial",
    is_flag=True,
    help="Écrit les lignes correctes même si d'autres ont des erreurs (listées).",
)
@workspace_option
def importer(files: tuple[Path, ...], dry_run: bool, partial: bool, workspace: Path) -> None:
    """Importe des classeurs remplis : un fichier YAML par ligne dans inputs/<domaine>/."""
    result = import_workbooks(workspace, files, dry_run, partial)
    for path, existed in result.written:
        click.echo(f"{_VERBS[dry_run, existed]} : {path}")
    echo_problems(result.problems)
    click.echo(
        f"{len(result.written)} fichiers d'entrées écrits, {result.unchanged} inchangés, "
        f"{result.rejected} lignes refusées"
    )
    if result.has_errors:
        exit_failed()


_VERBS = {
    (True, True): "mettrait à jour",
    (True, False): "écrirait",
    (False, True): "mis à jour",
    (False, False): "écrit",
}
