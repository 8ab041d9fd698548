"""Contributions by spreadsheet: `tableur` writes the workbook, `importer` reads it back through
the same validation as YAML entries, every problem at its cell, hostile workbooks refused."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from click.testing import Result

from drafter.commands.spreadsheet import column_keys
from drafter.reading.entries import DRAFTER_KEYS, ENTRY_KEYS
from drafter.reading.rows import Cell, cell_text, column_letter, normalise_date
from drafter.reading.wording import wording_of
from tests.conftest import CYCLE_9

Invoke = Callable[..., Result]
Workspace = Callable[..., Path]

# The same four entries, as a service fills the workbook and as a contributor writes YAML
# (in the files an import of seae.xlsx writes, so that default ids agree too).
ROWS = [
    {
        "date": "février 2024",
        "position_date": "fin",
        "sous_theme": "lutte-terrorisme",
        "acteurs": "des représentants de l'UE",
        "action": "ont participé aux travaux du groupe de travail de l'OTAN chargé de la "
        "lutte contre les systèmes aériens sans pilote (C-UAS)",
        "contributeur": "SEAE",
        "propositions": "P16-1.04 ; P17-MM",
        "points": "la détection\nla neutralisation",
    },
    {
        "date": dt.datetime(2023, 10, 12),
        "sous_theme": "resilience",
        "acteurs": "les services de l'UE\nles services de l'OTAN",
        "action": "ont tenu une réunion : « résilience # 3 »",
        "but": "afin de renforcer la coordination",
        "contributeur": "NO",
        "a_souligner": True,
        "type": "expose-croise",
    },
    {
        "date": "2023-09 ; 2023-12",
        "texte": "{Date}, les deux organisations ont organisé des exposés croisés : bilan",
        "contributeur": "AED",
        "lien": "Par ailleurs",
    },
    {
        "date": "S1 2024",
        "statut": "prevu",
        "acteurs": "les deux organisations",
        "action": "tiendront un atelier commun",
        "contributeur": "EMI",
        "nouveau_paragraphe": "true",
        "id": "atelier-commun",
        "apres": "menaces-hybrides/seae-l3",
    },
]
YAML = {
    "inputs/menaces-hybrides/seae-l2.yaml": """
        date: 2024-02
        position_date: fin
        sous_theme: lutte-terrorisme
        acteurs: des représentants de l'UE
        action: >-
          ont participé aux travaux du groupe de travail de l'OTAN chargé de la
          lutte contre les systèmes aériens sans pilote (C-UAS)
        contributeur: SEAE
        propositions: [P16-1.04, P17-MM]
        points: [la détection, la neutralisation]
        """,
    "inputs/menaces-hybrides/seae-l3.yaml": """
        date: 2023-10-12
        sous_theme: resilience
        acteurs: [les services de l'UE, les services de l'OTAN]
        action: "ont tenu une réunion : « résilience # 3 »"
        but: afin de renforcer la coordination
        contributeur: "NO"
        a_souligner: true
        type: expose-croise
        """,
    "inputs/menaces-hybrides/seae-l4.yaml": """
        date: [2023-09, 2023-12]
        texte: "{Date}, les deux organisations ont organisé des exposés croisés : bilan"
        contributeur: AED
        lien: Par ailleurs
        """,
    "inputs/menaces-hybrides/seae-l5.yaml": """
        date: S1 2024
        statut: prevu
        acteurs: les deux organisations
        action: tiendront un atelier commun
        contributeur: EMI
        nouveau_paragraphe: true
        id: atelier-commun
        apres: menaces-hybrides/seae-l3
        """,
}


def cell(key: str, row: int) -> str:
    """Return the name of a field's cell in a row (columns follow column_keys())."""
    return f"{column_letter(column_keys().index(key) + 1)}{row}"


def fill(path: Path, sheet: str, rows: list[dict[str, object]], first: int = 2) -> None:
    """Fill rows of a sheet by header name, as a contributor does in Excel."""
    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    columns = {cell.value: cell.column for cell in ws[1]}
    for number, row in enumerate(rows, start=first):
        for key, value in row.items():
            ws.cell(number, columns[key]).value = value
    book.save(path)


def blank_workbook(cli_invoke: Invoke, root: Path, name: str = "seae.xlsx") -> Path:
    """Return a fresh workbook written by `drafter tableur` for the menaces-hybrides area."""
    path = root / name
    result = cli_invoke("tableur", "menaces-hybrides", "-o", path, "-w", root)
    assert result.exit_code == 0
    return path


def draft(cli_invoke: Invoke, root: Path) -> str:
    """Return the Markdown draft of a workspace, without traceability comments."""
    result = cli_invoke("build", "--format", "md", "-o", "-", "--sans-commentaires", "-w", root)
    assert result.exit_code == 0
    return result.stdout


def entry_files(root: Path) -> dict[str, str]:
    """Return every entry file of a workspace: relative path -> text."""
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted((root / "inputs").rglob("*.yaml"))
        if p.name != "rapport.yaml"
    }


@pytest.fixture
def yaml_draft(tmp_path: Path, cli_invoke: Invoke) -> str:
    """Return the draft of the reference entries written in YAML."""
    root = tmp_path / "yaml"
    (root / "inputs").mkdir(parents=True)
    (root / "inputs" / "rapport.yaml").write_text(CYCLE_9, encoding="utf-8")
    for rel, text in YAML.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    assert cli_invoke("check", "-w", root).exit_code == 0
    return draft(cli_invoke, root)


# --- round trip -------------------------------------------------------------------------


def test_round_trip_gives_the_same_draft_as_yaml(
    workspace: Workspace, cli_invoke: Invoke, yaml_draft: str
) -> None:
    """tableur -> fill -> importer -> check -> build gives the draft of the same YAML entries."""
    root = workspace()
    book = blank_workbook(cli_invoke, root)
    fill(book, "menaces-hybrides", ROWS)
    result = cli_invoke("importer", book, "-w", root)
    assert result.exit_code == 0
    assert "4 fichiers d'entrées écrits, 0 inchangés, 0 lignes refusées" in result.stdout
    assert cli_invoke("check", "-w", root).exit_code == 0
    assert draft(cli_invoke, root) == yaml_draft
    text = (root / "inputs/menaces-hybrides/seae-l3.yaml").read_text(encoding="utf-8")
    assert "source_tableur: seae.xlsx, menaces-hybrides, 3" in text
    assert "# Qui a agi" in text or "# Qui" in text.replace("\n", " ")


def test_word_comment_points_back_to_the_row(workspace: Workspace, cli_invoke: Invoke) -> None:
    """The draft's traceability comment names the workbook, sheet and row of an imported entry."""
    root = workspace()
    book = blank_workbook(cli_invoke, root)
    fill(book, "menaces-hybrides", ROWS[:1])
    assert cli_invoke("importer", book, "-w", root).exit_code == 0
    result = cli_invoke("build", "--format", "md", "-o", "-", "-w", root)
    assert " · Tableur\u202f: seae.xlsx, menaces-hybrides, 2" in result.stdout.replace(
        "\xa0", "\u202f"
    )


def test_libreoffice_resaved_workbook_imports_the_same(
    workspace: Workspace, cli_invoke: Invoke, soffice: str, tmp_path: Path, yaml_draft: str
) -> None:
    """A filled workbook re-saved by LibreOffice (dates become real dates) gives the same draft."""
    root = workspace()
    book = blank_workbook(cli_invoke, root)
    fill(book, "menaces-hybrides", ROWS)
    resaved = convert(soffice, book, tmp_path / "lo", "xlsx")
    result = cli_invoke("importer", resaved, "-w", root)
    assert result.exit_code == 0
    assert draft(cli_invoke, root) == yaml_draft


def test_libreoffice_workbook_from_csv_imports(
    workspace: Workspace, cli_invoke: Invoke, soffice: str, tmp_path: Path
) -> None:
    """A workbook LibreOffice makes from a CSV (ISO dates typed as dates) imports and checks."""
    root = workspace()
    csv = tmp_path / "csv" / "cyber.csv"
    csv.parent.mkdir()
    csv.write_text(
        "date;acteurs;action;contributeur;propositions\n"
        "2023-10-12;les services de l'UE;ont échangé : bilan;SEAE;P16-1.04\n"
        "14/02/2024;les experts;ont tenu un atelier;AED;\n",
        encoding="utf-8",
    )
    made = convert(soffice, csv, tmp_path / "lo", "xlsx", "--infilter=CSV:59,34,76,1")
    result = cli_invoke("importer", made, "-w", root)
    assert result.exit_code == 0
    assert "date: 2023-10-12" in _one(root, "cyber-l2.yaml").replace("'", "")
    assert "date: 2024-02-14" in _one(root, "cyber-l3.yaml").replace("'", "")
    assert cli_invoke("check", "-w", root).exit_code == 0


def convert(soffice: str, source: Path, outdir: Path, to: str, *options: str) -> Path:
    """Convert a file with LibreOffice headless (its own profile); return the new file."""
    profile = f"-env:UserInstallation=file://{outdir}/profile"
    command = [
        soffice,
        profile,
        "--headless",
        *options,
        "--convert-to",
        to,
        "--outdir",
        str(outdir),
    ]
    subprocess.run([*command, str(source)], check=True, capture_output=True, timeout=120)
    made = outdir / f"{source.stem}.{to}"
    assert made.is_file(), "LibreOffice did not write the file"
    return made


def _one(root: Path, name: str) -> str:
    """Return the text of the one entry file of that name."""
    (path,) = (root / "inputs").rglob(name)
    return path.read_text(encoding="utf-8")


# --- the workbook ------------------------------------------------------------------------


def test_workbook_has_guide_commented_headers_and_drop_downs(
    workspace: Workspace, cli_invoke: Invoke
) -> None:
    """tableur: guide first, a sheet per area, commented frozen header, lists from the cycle."""
    root = workspace()
    result = cli_invoke("tableur", "-w", root)
    assert result.exit_code == 0
    book = openpyxl.load_workbook(root / "outputs" / "contributions-rapport-09.xlsx")
    assert book.sheetnames[0] == "Mode d'emploi"
    guide = [c for row in book["Mode d'emploi"].iter_rows(values_only=True) for c in row if c]
    assert "S1 2023, S2 2020" in guide
    assert "des représentants de l'UE" in guide  # the example row
    assert "cyber" in book.sheetnames
    assert book["listes"].sheet_state == "hidden"
    sheet = book["cyber"]
    headers = [cell.value for cell in sheet[1]]
    assert headers == list(column_keys())
    assert "Obligatoire" in sheet["A1"].comment.text
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions[cell("action", 2)[:-1]].width == 60
    assert sheet.column_dimensions["A"].number_format == "@"  # « 2023-02 » stays text
    lists = {str(v.sqref)[0]: v for v in sheet.data_validations.dataValidation}
    sub_topics = lists["C"].formula1.split("!")[1].replace("$", "").split(":")
    values = [c.value for row in book["listes"][sub_topics[0] : sub_topics[1]] for c in row]
    assert values[:2] == ["echanges-politiques", "reunion-annuelle"]
    listed = ("position_date", "sous_theme", "statut", "a_souligner", "nouveau_paragraphe")
    listed += ("propositions", "type", "domaine")
    assert {cell(key, 2)[:-1] for key in listed} <= set(lists)


def test_every_entry_key_has_a_column() -> None:
    """A key added to the entry contract gets its column (source_tableur is drafter's own)."""
    assert set(column_keys()) == ENTRY_KEYS - DRAFTER_KEYS


def test_tableur_with_entries_prefills_rows_with_their_id(
    workspace: Workspace, cli_invoke: Invoke
) -> None:
    """--avec-entrees writes one row per existing entry, with its id and its date as written."""
    root = workspace(YAML | {"inputs/menaces-hybrides/casse.yaml": "date: 2023-13\n"})
    path = root / "t.xlsx"
    result = cli_invoke("tableur", "menaces-hybrides", "--avec-entrees", "-o", path, "-w", root)
    assert result.exit_code == 0
    assert "4 entrées reprises" in result.stdout
    assert "1 fichiers d'entrées ont des erreurs" in result.stderr
    sheet = openpyxl.load_workbook(path)["menaces-hybrides"]
    rows = list(sheet.iter_rows(min_row=2, max_row=5, values_only=True))
    assert [r[-1] for r in rows] == [
        "menaces-hybrides/seae-l2",
        "menaces-hybrides/seae-l3",
        "menaces-hybrides/seae-l4",
        "atelier-commun",
    ]
    assert rows[2][0] == "2023-09 ; 2023-12"
    assert rows[3][column_keys().index("apres")] == "menaces-hybrides/seae-l3"
    assert rows[0][column_keys().index("points")] == "la détection\nla neutralisation"


def test_tableur_writes_the_same_bytes_whatever_the_day(
    workspace: Workspace, cli_invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two workbooks of the same inputs, written on other days, are the same bytes."""
    root = workspace(YAML)
    first, second = root / "a.xlsx", root / "b.xlsx"
    assert cli_invoke("tableur", "menaces-hybrides", "-o", first, "-w", root).exit_code == 0
    later = time.time() + 86_400 * 400
    monkeypatch.setattr(time, "time", lambda: later)
    monkeypatch.setattr(time, "localtime", lambda *_: time.gmtime(later))
    assert cli_invoke("tableur", "menaces-hybrides", "-o", second, "-w", root).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as package:
        assert {info.date_time for info in package.infolist()} == {(2016, 12, 6, 0, 0, 0)}
        core = package.read("docProps/core.xml").decode()
    assert core.count("2016-12-06T00:00:00Z") == 2  # created and modified


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("inconnu",), "domaine inconnu « inconnu »"),
        (("-o", "x.ods"), "le classeur s'écrit en .xlsx"),
    ],
)
def test_tableur_usage_errors(
    workspace: Workspace, cli_invoke: Invoke, args: tuple[str, ...], message: str
) -> None:
    """An unknown area or a non-.xlsx output is a usage error (exit 2)."""
    result = cli_invoke("tableur", *args, "-w", workspace())
    assert result.exit_code == 2
    assert message in result.stderr


def test_help_does_not_import_openpyxl() -> None:
    """`drafter --help` stays fast: openpyxl is imported by the spreadsheet commands only."""
    code = "import sys, drafter.cli; print(any(m.startswith('openpyxl') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- cells -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("14/02/2023", "2023-02-14"),
        ("1/3/2024", "2024-03-01"),
        ("02/2023", "2023-02"),
        ("février 2023", "2023-02"),
        ("Fevrier 2023", "2023-02"),
        ("1er mars 2024", "2024-03-01"),
        ("14 juillet 2023", "2023-07-14"),
        ("S1 2023", "S1 2023"),
        ("printemps 2023", "printemps 2023"),
        ("bientôt 2023", "bientôt 2023"),
    ],
)
def test_dates_typed_as_text_are_understood(typed: str, read: str) -> None:
    """French ways of typing a date become the contract's form; others go to the date reader."""
    assert normalise_date(typed) == read


@pytest.mark.parametrize(
    ("value", "number_format", "read"),
    [
        (dt.datetime(2023, 2, 14), "dd/mm/yyyy", "2023-02-14"),
        (dt.datetime(2023, 2, 14), "yyyy-mm-dd", "2023-02-14"),
        (dt.datetime(2023, 2, 1), "mmm-yy", "2023-02"),
        (dt.datetime(2023, 2, 1), "[$-40C]mmmm\\ yyyy;@", "2023-02"),
        (dt.date(2023, 2, 14), "General", "2023-02-14"),
        (2023, "General", "2023"),
        (2023.0, "General", "2023"),
        (44986, "General", "44986"),
        (True, "General", "true"),
    ],
)
def test_excel_values_are_read_as_text(value: object, number_format: str, read: str) -> None:
    """Excel dates keep their precision (a month format means a month); numbers stay numbers."""
    assert cell_text(Cell(2, 1, value, number_format), "date") == read


def test_column_letters() -> None:
    """Cells are named as spreadsheets name them."""
    assert [column_letter(n) for n in (1, 17, 26, 27, 52, 703)] == [
        "A",
        "Q",
        "Z",
        "AA",
        "AZ",
        "AAA",
    ]


# --- errors at their cell ----------------------------------------------------------------

GOOD = {"date": "2023-10", "acteurs": "les services", "action": "ont agi", "contributeur": "SEAE"}


@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        (
            {"date": "2023-13"},
            cell("date", 2),
            "date impossible « 2023-13 » : le mois doit aller de 01 à 12",
        ),
        (
            {"date": "31/02/2023"},
            cell("date", 2),
            "date impossible « 2023-02-31 » : ce jour n'existe pas",
        ),
        ({"date": 44986}, cell("date", 2), "date illisible « 44986 » : formes acceptées"),
        (
            {"date": "2023-09 ; printemps 2024"},
            cell("date", 2),
            "une liste de dates contient soit des mois",
        ),
        (
            {"position_date": "milieu"},
            cell("position_date", 2),
            "« position_date » vaut debut ou fin ou aucune, pas « milieu »",
        ),
        (
            {"contributeur": None},
            cell("contributeur", 2),
            "champ obligatoire « contributeur » manquant",
        ),
        (
            {"acteurs": None},
            cell("acteurs", 2),
            "champ obligatoire « acteurs » manquant (ou bien « texte »)",
        ),
        ({"texte": "{Date}, tout"}, cell("acteurs", 2), "« acteurs » et « texte » ensemble"),
        (
            {"but": "x" * 10_001},
            cell("but", 2),
            "« but » dépasse la limite de 10000 caractères (10001)",
        ),
        (
            {"nouveau_paragraphe": "oui"},
            cell("nouveau_paragraphe", 2),
            "« nouveau_paragraphe » vaut true ou false",
        ),
        (
            {"propositions": "P16-1.04 ; P99-9"},
            cell("propositions", 2),
            "proposition commune inconnue « P99-9 »",
        ),
        ({"domaine": "cyber"}, cell("domaine", 2), "« domaine » vaut « cyber »"),
        ({"id": "Mon Id"}, cell("id", 2), "« id » : identifiant « Mon Id » invalide"),
        ({"action": '=CONCATENATE("a";"b")'}, cell("action", 2), "formule refusée"),
    ],
)
def test_every_error_names_its_cell(
    workspace: Workspace, cli_invoke: Invoke, change: dict[str, object], where: str, message: str
) -> None:
    """Each kind of bad value is reported as file.xlsx:'Sheet'!C2 with check's message; nothing is written."""
    root = workspace()
    book = blank_workbook(cli_invoke, root)
    fill(book, "menaces-hybrides", [GOOD | change])
    result = cli_invoke("importer", book, "-w", root)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert any(line.startswith(f"{book}:'menaces-hybrides'!{where}: {message}") for line in lines)
    assert entry_files(root) == {}


def test_control_character_is_refused_at_its_cell(
    workspace: Workspace, cli_invoke: Invoke, tmp_path: Path
) -> None:
    """A control character Word cannot store (saved by Excel as _x000B_) is refused at its cell."""
    import zipfile

    root = workspace()
    base = small_workbook(tmp_path / "base.xlsx")
    with zipfile.ZipFile(base) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").replace(b"ont agi", b"ont_x000B_agi")
    book = rezip(base, tmp_path / "seae", {"xl/worksheets/sheet1.xml": sheet})
    result = cli_invoke("importer", book, "-w", root)
    assert result.exit_code == 1
    expected = (
        f"{book}:'menaces-hybrides'!C2: caractère de contrôle interdit (U+000B) dans « action »"
    )
    assert expected in result.stderr
    assert entry_files(root) == {}


def test_warnings_name_their_cell_and_do_not_block(
    workspace: Workspace, cli_invoke: Invoke
) -> None:
    """An unknown sub-topic is a warning at its cell, as in check; the row is imported."""
    root = workspace()
    book = blank_workbook(cli_invoke, root)
    fill(book, "menaces-hybrides", [GOOD | {"sous_theme": "autre"}])
    result = cli_invoke("importer", book, "-w", root)
    assert result.exit_code == 0
    assert (
        f"{book}:'menaces-hybrides'!C2: avertissement : sous-thème inconnu « autre »"
        in result.stderr
    )
    assert len(entry_files(root)) == 1


def test_header_and_sheet_errors_name_their_cell(workspace: Workspace, cli_invoke: Invoke) -> None:
    """A misspelt header and a sheet that names no area are reported at their cell, all at once."""
    root = workspace()
    book = blank_workbook(cli_invoke, root)
    fill(book, "menaces-hybrides", [GOOD])
    wb = openpyxl.load_workbook(book)
    wb["menaces-hybrides"]["E1"] = "acteur"
    wb.create_sheet("Feuil1")["A1"] = "notes"
    wb["menaces-hybrides"]["U1"] = "date"
    wb.save(book)
    result = cli_invoke("importer", book, "-w", root)
    assert result.exit_code == 1
    assert (
        f"{book}:'menaces-hybrides'!E1: clé inconnue « acteur » : vouliez-vous dire « acteurs » ?"
        in result.stderr
    )
    assert f"{book}:'Feuil1'!A1: feuille « Feuil1 » : domaine inconnu" in result.stderr
    assert f"{book}:'menaces-hybrides'!U1: clé « date » en double" in result.stderr
    assert entry_files(root) == {}


def test_two_rows_with_one_id_are_refused(workspace: Workspace, cli_invoke: Invoke) -> None:
    """Two rows with the same id would be one entry twice: the second is refused at its cell."""
    root = workspace()
    book = blank_workbook(cli_invoke, root)
    fill(book, "menaces-hybrides", [GOOD | {"id": "x"}, GOOD | {"id": "x"}])
    result = cli_invoke("importer", book, "-w", root)
    assert result.exit_code == 1
    assert (
        f"{book}:'menaces-hybrides'!A3: cette ligne reprend l'entrée « x » de {book}:'menaces-hybrides'!A2"
        in result.stderr
    )


def test_partial_writes_the_good_rows_and_lists_the_rest(
    workspace: Workspace, cli_invoke: Invoke
) -> None:
    """Without --partiel one bad row blocks everything; with it the good rows are written."""
    root = workspace()
    book = blank_workbook(cli_invoke, root)
    fill(book, "menaces-hybrides", [GOOD, GOOD | {"date": "2023-13"}, GOOD])
    assert cli_invoke("importer", book, "-w", root).exit_code == 1
    assert entry_files(root) == {}
    result = cli_invoke("importer", book, "--partiel", "-w", root)
    assert result.exit_code == 1
    assert f"{book}:'menaces-hybrides'!A3: date impossible" in result.stderr
    assert "2 fichiers d'entrées écrits, 0 inchangés, 1 lignes refusées" in result.stdout
    assert sorted(entry_files(root)) == [
        "inputs/menaces-hybrides/seae-l2.yaml",
        "inputs/menaces-hybrides/seae-l4.yaml",
    ]


def test_dry_run_checks_without_writing(workspace: Workspace, cli_invoke: Invoke) -> None:
    """--dry-run says what it would write and writes nothing."""
    root = workspace()
    book = blank_workbook(cli_invoke, root)
    fill(book, "menaces-hybrides", [GOOD])
    result = cli_invoke("importer", book, "--dry-run", "-w", root)
    assert result.exit_code == 0
    assert "écrirait" in result.stdout
    assert entry_files(root) == {}


# --- re-import ---------------------------------------------------------------------------


def test_reimport_updates_the_same_files(workspace: Workspace, cli_invoke: Invoke) -> None:
    """Importing a workbook again rewrites the same files (same text); an edited cell updates its file."""
    root = workspace()
    book = blank_workbook(cli_invoke, root)
    fill(book, "menaces-hybrides", ROWS)
    assert cli_invoke("importer", book, "-w", root).exit_code == 0
    first = entry_files(root)
    assert len(first) == 4
    second = cli_invoke("importer", book, "-w", root)
    assert second.exit_code == 0
    assert "0 fichiers d'entrées écrits, 4 inchangés, 0 lignes refusées" in second.stdout
    assert entry_files(root) == first
    fill(book, "menaces-hybrides", [{"contributeur": "AED", "but": None}])
    result = cli_invoke("importer", book, "-w", root)
    assert "mis à jour" in result.stdout
    again = entry_files(root)
    assert sorted(again) == sorted(first)
    changed = again["inputs/menaces-hybrides/seae-l2.yaml"]
    assert "contributeur: AED" in changed
    assert cli_invoke("check", "-w", root).exit_code == 0


def test_prefilled_rows_update_their_entries_in_place(
    workspace: Workspace, cli_invoke: Invoke
) -> None:
    """A row of --avec-entrees updates its entry inside its file; comments and neighbours stay."""
    files = {
        "inputs/menaces-hybrides/liste.yaml": """
            # Contributions du SEAE
            - date: 2023-10
              acteurs: les services  # à préciser
              action: ont agi
              contributeur: SEAE
            - date: 2023-11
              acteurs: les experts
              action: ont échangé
              contributeur: SEAE
            """
    }
    root = workspace(files)
    book = root / "t.xlsx"
    assert (
        cli_invoke(
            "tableur", "menaces-hybrides", "--avec-entrees", "-o", book, "-w", root
        ).exit_code
        == 0
    )
    fill(book, "menaces-hybrides", [{"action": "ont échangé des informations"}], first=3)
    result = cli_invoke("importer", book, "-w", root)
    assert result.exit_code == 0
    ((path, text),) = entry_files(root).items()
    assert path == "inputs/menaces-hybrides/liste.yaml"
    assert "# Contributions du SEAE" in text
    assert "# à préciser" in text
    assert "ont échangé des informations" in text
    assert "action: ont agi" in text
    assert "source_tableur: t.xlsx, menaces-hybrides, 3" in text
    assert cli_invoke("check", "-w", root).exit_code == 0


# --- hostile workbooks -------------------------------------------------------------------


def small_workbook(path: Path) -> Path:
    """Write a one-sheet workbook with a header and one good row."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "menaces-hybrides"
    sheet.append(list(GOOD))
    sheet.append(list(GOOD.values()))
    book.save(path)
    return path


def rezip(source: Path, target: Path, replace: dict[str, bytes], suffix: str = ".xlsx") -> Path:
    """Copy a workbook's zip with some members replaced or added."""
    import zipfile

    target = target.with_suffix(suffix)
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename not in replace:
                new.writestr(info, old.read(info.filename))
        for name, data in replace.items():
            new.writestr(name, data)
    return target


def million_rows(dimension: bool) -> bytes:
    """Return a worksheet XML of a million rows (with or without its dimension tag)."""
    rows = b"".join(
        b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (n, n) for n in range(1, 1_000_001)
    )
    head = b'<dimension ref="A1:A1000000"/>' if dimension else b""
    ns = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    return b"<worksheet %s>%s<sheetData>%s</sheetData></worksheet>" % (ns, head, rows)


def wide_row() -> bytes:
    """Return a worksheet XML of one row of 600,000 cells, without dimension tag."""
    cells = b"".join(b"<c><v>1</v></c>" for _ in range(600_000))
    ns = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    return b'<worksheet %s><sheetData><row r="1">%s</row></sheetData></worksheet>' % (ns, cells)


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (n, b"&lol%d;" % (n - 1) * 10) for n in range(1, 10))
    + b']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>'
)


def hostile(kind: str, tmp_path: Path) -> Path:
    """Return a hostile workbook of the given kind."""
    base = small_workbook(tmp_path / "base.xlsx")
    target = tmp_path / kind
    if kind == "bombe":
        return rezip(base, target, {"xl/media/zeros.bin": b"\0" * 60_000_000})
    if kind == "entites":
        return rezip(base, target, {"xl/sharedStrings.xml": LAUGHS})
    if kind in ("million", "million-sans-dimension"):
        return rezip(base, target, {"xl/worksheets/sheet1.xml": million_rows(kind == "million")})
    if kind == "colonnes":
        return rezip(base, target, {"xl/worksheets/sheet1.xml": wide_row()})
    if kind == "dimension":
        sheet = million_rows(True).split(b"<sheetData>")[0] + b"<sheetData/></worksheet>"
        return rezip(base, target, {"xl/worksheets/sheet1.xml": sheet})
    if kind == "macros":
        return rezip(base, target, {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0"})
    if kind == "xlsm":
        return rezip(base, target, {}, ".xlsm")
    if kind == "pas-un-zip":
        target.with_suffix(".xlsx").write_bytes(b"PK\x03\x04 pas vraiment")
        return target.with_suffix(".xlsx")
    book = openpyxl.load_workbook(base)
    book.active["B2"] = '=WEBSERVICE("http://exemple.invalid/")'
    book.save(target.with_suffix(".xlsx"))
    return target.with_suffix(".xlsx")


@pytest.mark.parametrize(
    ("kind", "where", "message"),
    [
        ("bombe", "", "classeur refusé : "),
        ("entites", "", "classeur refusé : « xl/sharedStrings.xml » déclare des entités XML"),
        (
            "million",
            "",
            "classeur refusé : une feuille (xl/worksheets/sheet1.xml) dépasse 5000 lignes",
        ),
        (
            "million-sans-dimension",
            "",
            "classeur refusé : une feuille (xl/worksheets/sheet1.xml) dépasse 5000 lignes",
        ),
        (
            "colonnes",
            "",
            "classeur refusé : une feuille (xl/worksheets/sheet1.xml) dépasse 5000 lignes",
        ),
        ("macros", "", "classeur avec macros refusé"),
        ("xlsm", "", "classeur avec macros refusé"),
        ("pas-un-zip", "", "classeur illisible"),
        ("formules", ":'menaces-hybrides'!B2", "formule refusée"),
    ],
)
def test_hostile_workbooks_are_refused_fast(
    workspace: Workspace, cli_invoke: Invoke, tmp_path: Path, kind: str, where: str, message: str
) -> None:
    """A bomb, entities, a million rows, macros or a formula: refused in under 5 s, nothing written."""
    import time

    root = workspace()
    book = hostile(kind, tmp_path)
    start = time.perf_counter()
    result = cli_invoke("importer", book, "-w", root)
    elapsed = time.perf_counter() - start
    print(f"{kind}: {elapsed:.2f} s, {book.stat().st_size} bytes")
    assert result.exit_code == 1
    assert f"{book}{where}: {message}" in result.stderr
    assert elapsed < 5
    assert len(result.stderr.splitlines()) == 1  # the refusal alone, no follow-on noise
    assert entry_files(root) == {}


def test_several_workbooks_at_once_report_every_problem(
    workspace: Workspace, cli_invoke: Invoke
) -> None:
    """Two workbooks are read together: the problems of both are listed, nothing is written."""
    root = workspace()
    seae = blank_workbook(cli_invoke, root, "seae.xlsx")
    aed = blank_workbook(cli_invoke, root, "aed.xlsx")
    fill(seae, "menaces-hybrides", [GOOD | {"statut": "fait"}])
    fill(aed, "menaces-hybrides", [GOOD, GOOD | {"contributeur": None}])
    result = cli_invoke("importer", seae, aed, "-w", root)
    assert result.exit_code == 1
    assert (
        f"{seae}:'menaces-hybrides'!{cell('statut', 2)}: « statut » vaut realise ou prevu"
        in result.stderr
    )
    assert (
        f"{aed}:'menaces-hybrides'!{cell('contributeur', 3)}: champ obligatoire « contributeur » manquant"
        in result.stderr
    )
    assert entry_files(root) == {}


def test_same_workbook_name_twice_is_a_usage_error(
    workspace: Workspace, cli_invoke: Invoke, tmp_path: Path
) -> None:
    """Two workbooks with one name would share their rows' origins: refused (exit 2)."""
    root = workspace()
    first = blank_workbook(cli_invoke, root)
    second = tmp_path / "autre" / "seae.xlsx"
    second.parent.mkdir()
    second.write_bytes(first.read_bytes())
    result = cli_invoke("importer", first, second, "-w", root)
    assert result.exit_code == 2
    assert "classeur donné deux fois : seae.xlsx" in result.stderr


def test_an_id_from_another_area_is_refused_at_its_cell(
    workspace: Workspace, cli_invoke: Invoke
) -> None:
    """A row may not move an entry to another area: the id cell says where to correct it."""
    root = workspace(
        {"inputs/cyber/x.yaml": "date: 2023-10\ntexte: t\ncontributeur: SEAE\nid: x\n"}
    )
    book = blank_workbook(cli_invoke, root)
    fill(book, "menaces-hybrides", [GOOD | {"id": "x"}])
    result = cli_invoke("importer", book, "-w", root)
    assert result.exit_code == 1
    assert (
        f"{book}:'menaces-hybrides'!{cell('id', 2)}: l'entrée « x » est dans le domaine « cyber »"
        in result.stderr
    )


def test_reimport_finds_a_moved_file_by_its_origin(
    workspace: Workspace, cli_invoke: Invoke
) -> None:
    """An imported file moved by the secretariat is still the row's file: found by source_tableur."""
    root = workspace()
    book = blank_workbook(cli_invoke, root)
    fill(book, "menaces-hybrides", [GOOD])
    assert cli_invoke("importer", book, "-w", root).exit_code == 0
    moved = root / "inputs/menaces-hybrides/seae/premiere.yaml"
    moved.parent.mkdir()
    (root / "inputs/menaces-hybrides/seae-l2.yaml").rename(moved)
    fill(book, "menaces-hybrides", [{"contributeur": "AED"}])
    assert cli_invoke("importer", book, "-w", root).exit_code == 0
    assert list(entry_files(root)) == ["inputs/menaces-hybrides/seae/premiere.yaml"]
    assert "contributeur: AED" in moved.read_text(encoding="utf-8")


def test_the_workbook_s_words_are_data_classeur_yaml(
    workspace: Callable[..., Path],
    cli_invoke: Callable[..., Result],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The guide sheet, the columns' hints and the drop-downs' message follow
    data/classeur.yaml; the guide's table headings stay bold where its rows put them."""
    words = wording_of("classeur.yaml")
    monkeypatch.setitem(words, "consignes", ["PREMIÈRE", "SECONDE"])
    monkeypatch.setitem(words, "liste", "CHOIX DANS « {champ} »")
    monkeypatch.setitem(words, "indications", {"date": " INDICATION."})
    path = tmp_path / "c.xlsx"
    assert cli_invoke("tableur", "cyber", "-o", path, "-w", workspace()).exit_code == 0
    book = openpyxl.load_workbook(path)
    guide = book["Mode d'emploi"]
    assert [guide.cell(n, 1).value for n in (2, 3, 4)] == ["PREMIÈRE", "SECONDE", None]
    bold = [row[0].value for row in guide.iter_rows() if row[0].font.b]
    assert bold == [
        guide["A1"].value,
        "Exemple : une ligne de la feuille menaces-hybrides",
        "Comment écrire la date",
    ]
    sheet = book["cyber"]
    assert sheet["A1"].comment.text.endswith(" INDICATION.")
    errors = {v.error for v in sheet.data_validations.dataValidation}
    assert "CHOIX DANS « position_date »" in errors
