"""Workbooks that know their service (issue 28, point 11): `drafter tableur --service` writes
the service into the workbook (a document property, kept by LibreOffice), `drafter importer`
reads it back, and a row never replaces an entry of another service: the same file name in
two folders writes beside, an id of another service's entry is refused at its cell; names
are compared without case or accents."""

from __future__ import annotations

from pathlib import Path

from tests.test_spreadsheet import (
    GOOD,
    Invoke,
    Workspace,
    cell,
    convert,
    entry_files,
    fill,
)

NAME = "contributions-rapport-09.xlsx"


def service_workbook(cli_invoke: Invoke, root: Path, folder: Path, service: str) -> Path:
    """Return the workbook `drafter tableur --service` writes, moved to a folder of its own
    under the name every copy gets."""
    folder.mkdir(parents=True, exist_ok=True)
    result = cli_invoke("tableur", "menaces-hybrides", "--service", service, "-w", root)
    assert result.exit_code == 0
    made = next((root / "outputs").glob("contributions-rapport-09-*.xlsx"))
    return made.rename(folder / NAME)


def test_tableur_names_the_workbook_after_its_service(
    workspace: Workspace, cli_invoke: Invoke
) -> None:
    """`--service « DG DÉFIS »` writes outputs/contributions-rapport-09-dg-defis.xlsx."""
    root = workspace()
    result = cli_invoke("tableur", "--service", "DG DÉFIS", "-w", root)
    assert result.exit_code == 0
    assert (root / "outputs" / "contributions-rapport-09-dg-defis.xlsx").is_file()


def test_two_services_one_file_name_keep_both_entries(
    workspace: Workspace, cli_invoke: Invoke, tmp_path: Path
) -> None:
    """SEAE's and AED's workbooks, both named contributions-rapport-09.xlsx in two folders,
    row 2 each: the second import writes beside the first's entry, and each re-import
    updates its own."""
    root = workspace()
    seae = service_workbook(cli_invoke, root, tmp_path / "seae", "SEAE")
    aed = service_workbook(cli_invoke, root, tmp_path / "aed", "AED")
    fill(seae, "menaces-hybrides", [GOOD | {"action": "ont agi (SEAE)"}])
    fill(aed, "menaces-hybrides", [GOOD | {"action": "ont agi (AED)", "contributeur": "AED"}])
    assert cli_invoke("importer", seae, "-w", root).exit_code == 0
    assert cli_invoke("importer", aed, "-w", root).exit_code == 0
    texts = entry_files(root)
    assert len(texts) == 2
    joined = "".join(texts.values())
    assert "(SEAE)" in joined
    assert "(AED)" in joined
    assert f"source_tableur: {NAME} [SEAE], menaces-hybrides, 2" in joined
    fill(seae, "menaces-hybrides", [GOOD | {"action": "ont agi encore (SEAE)"}])
    result = cli_invoke("importer", seae, "-w", root)
    assert "1 fichiers d'entrées écrits, 0 inchangés" in result.stdout
    assert "(AED)" in "".join(entry_files(root).values())


def test_an_id_of_another_service_s_entry_is_refused_at_its_cell(
    workspace: Workspace, cli_invoke: Invoke, tmp_path: Path
) -> None:
    """AED's workbook carries the id of an entry SEAE contributed: an error at the id cell,
    exit 1, no file written; the same row from « Séae »'s workbook updates it."""
    root = workspace(
        {
            "inputs/menaces-hybrides/seae.yaml": """
                id: hy-001
                date: 2023-10
                acteurs: les services
                action: ont agi
                contributeur: SEAE
            """
        }
    )
    before = entry_files(root)
    aed = service_workbook(cli_invoke, root, tmp_path / "aed", "AED")
    fill(aed, "menaces-hybrides", [GOOD | {"id": "hy-001", "action": "ont tout changé"}])
    result = cli_invoke("importer", aed, "-w", root)
    assert result.exit_code == 1
    expected = (
        f"{aed}:'menaces-hybrides'!{cell('id', 2)}: l'entrée « hy-001 » est celle du service "
        "« SEAE », cette ligne celle de « AED »"
    )
    assert expected in result.stderr
    assert entry_files(root) == before
    seae = service_workbook(cli_invoke, root, tmp_path / "seae", "Séae")
    fill(seae, "menaces-hybrides", [GOOD | {"id": "hy-001", "action": "ont tout changé"}])
    assert cli_invoke("importer", seae, "-w", root).exit_code == 0
    assert "ont tout changé" in entry_files(root)["inputs/menaces-hybrides/seae.yaml"]


def test_the_service_survives_a_libreoffice_save(
    workspace: Workspace, cli_invoke: Invoke, soffice: str, tmp_path: Path
) -> None:
    """A workbook re-saved by LibreOffice still says its service: its rows are SEAE's."""
    root = workspace()
    seae = service_workbook(cli_invoke, root, tmp_path / "seae", "SEAE")
    fill(seae, "menaces-hybrides", [GOOD])
    resaved = convert(soffice, seae, tmp_path / "lo", "xlsx")
    assert cli_invoke("importer", resaved, "-w", root).exit_code == 0
    assert f"{NAME} [SEAE], menaces-hybrides, 2" in "".join(entry_files(root).values())
