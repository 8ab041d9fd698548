"""The proposals' catalogue: both languages, the 2017 set's detailed proposals a secretariat
adds in inputs/propositions.yaml, counted under their theme; the annex in each edition."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import docx
from click.testing import Result

from drafter.data import data_file
from drafter.errors import Problem
from drafter.reading.proposals import read_proposals
from drafter.reading.yaml_nodes import read_documents

DETAILED = """\
    P17-MM-01:
      titre: "Exigences militaires de la mobilité militaire"
      titre_en: "Military requirements for military mobility"
      groupe: P17-MM
    P17-MM-02:
      titre: "Infrastructures de transport à double usage"
      groupe: P17-MM
    """
ENTRIES = {
    "inputs/propositions.yaml": DETAILED,
    "inputs/cyber/a.yaml": """\
        - {date: 2023-07, texte: Un, contributeur: SEAE, propositions: [P17-MM]}
        - {date: 2023-08, texte: Deux, contributeur: SEAE, propositions: [P17-MM-01]}
        - {date: 2023-09, texte: Trois, contributeur: SEAE, propositions: [P17-MM-02, P17-MM]}
        - {date: 2023-10, texte: Quatre, contributeur: SEAE, propositions: [P16-3.01]}
        """,
}


def _annex_rows(path: Path) -> dict[str, list[str]]:
    """Return the annex table's rows of a .docx, by their first cell, and its header row."""
    table = docx.Document(str(path)).tables[-1]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    return {"header": rows[0], **{row[0]: row[1:] for row in rows[1:]}}


def _built(root: Path, invoke: Callable[..., Result], *options: str) -> dict[str, list[str]]:
    out = root / "brouillon.docx"
    result = invoke("build", "--annexe", *options, "-o", out, "--workspace", root)
    assert result.exit_code == 0
    return _annex_rows(out)


def _catalogue_size() -> int:
    node = read_documents(data_file("propositions.yaml").read_text(encoding="utf-8"), "x")
    assert node is not None
    return len(node.pairs)


def test_french_annex_counts_detailed_proposals_under_their_theme(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """French annex: a row per proposal (shipped and added); the theme counts each entry
    tagged with it or with one of its detailed proposals, once."""
    rows = _built(workspace(ENTRIES), cli_invoke)
    assert rows["header"] == ["Proposition", "Intitulé", "Activités rapportées"]
    assert len(rows) - 1 == _catalogue_size() + 2
    assert rows["P17-MM"] == ["Mobilité militaire", "3"]
    assert rows["P17-MM-01"] == ["Exigences militaires de la mobilité militaire", "1"]
    assert rows["P17-MM-02"] == ["Infrastructures de transport à double usage", "1"]
    assert rows["P16-3.01"][1] == "1"
    assert rows["P17-CT"] == ["Lutte contre le terrorisme", "0"]


def test_english_annex_has_english_titles_only(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """English annex: English titles, no French column; a detailed proposal without an
    English title shows its French one; same counts as the French annex."""
    rows = _built(workspace(ENTRIES), cli_invoke, "--langue", "en")
    assert rows["header"] == ["Proposal", "Title", "Activities reported"]
    assert len(rows) - 1 == _catalogue_size() + 2
    assert rows["P17-MM"] == ["Military mobility", "3"]
    assert rows["P17-CT"] == ["Counter-terrorism", "0"]
    assert rows["P17-FPS"] == ["Women, peace and security", "0"]
    assert rows["P17-MM-01"] == ["Military requirements for military mobility", "1"]
    assert rows["P17-MM-02"] == ["Infrastructures de transport à double usage", "1"]
    assert rows["P16-3.01"] == [
        "Exchange of concepts on cyber defence in missions and operations",
        "1",
    ]


def test_status_counts_detailed_proposals_under_their_theme(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """status --propositions counts as the annex does; check warns of the missing English."""
    root = workspace(ENTRIES)
    result = cli_invoke("status", "--propositions", "--format", "json", "--workspace", root)
    assert result.exit_code == 0
    counts = json.loads(result.stdout)
    assert (counts["P17-MM"], counts["P17-MM-01"], counts["P17-MM-02"]) == (3, 1, 1)
    checked = cli_invoke("check", "--workspace", root)
    assert checked.exit_code == 0
    warning = "propositions.yaml:5:1: avertissement : « P17-MM-02 » sans « titre_en »"
    assert warning in checked.output


def test_archived_cycle_counts_detailed_proposals_under_their_theme(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """After next, the annex's column of the archived cycle and status --historique count a
    theme as the period's column did."""
    root = workspace(ENTRIES)
    assert cli_invoke("next", "--force", "--workspace", root).exit_code == 0
    rows = _built(root, cli_invoke, "--langue", "en")
    assert rows["header"] == ["Proposal", "Title", "Report 9", "Activities reported"]
    assert rows["P17-MM"] == ["Military mobility", "3", "0"]
    assert rows["P17-MM-01"][1:] == ["1", "0"]
    result = cli_invoke("status", "--historique", "--format", "json", "--workspace", root)
    assert json.loads(result.stdout)["propositions"]["P17-MM"] == [3, 0]


def test_unknown_group_is_an_error_at_its_place(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """A `groupe` that is no theme of the catalogue: path:line:col, exit 1, no draft."""
    bad = DETAILED.replace("groupe: P17-MM\n    P17-MM-02", "groupe: P17-M\n    P17-MM-02")
    root = workspace({**ENTRIES, "inputs/propositions.yaml": bad})
    result = cli_invoke("build", "--annexe", "-o", root / "x.docx", "--workspace", root)
    assert result.exit_code == 1
    assert "inputs/propositions.yaml:4:11: « P17-MM-01 » : groupe inconnu « P17-M »" in (
        result.output
    )
    assert "vouliez-vous dire « P17-MM » ?" in result.output
    assert not (root / "x.docx").exists()


def test_old_form_still_read_and_fields_checked() -> None:
    """`id: libellé` still reads; a mapping without `titre` or with an unknown key is an error."""
    text = 'P17-MM-03: "Ancienne forme"\nP17-MM-04:\n  titre_en: "No French"\n  grope: P17-MM\n'
    problems: list[Problem] = []
    shipped = read_documents(data_file("propositions.yaml").read_text(encoding="utf-8"), "x")
    local = read_documents(text, "p.yaml")
    catalogue = read_proposals([(shipped, "x"), (local, "p.yaml")], problems)
    assert catalogue.titles["P17-MM-03"] == "Ancienne forme"
    assert catalogue.translated["en"]["P16-8.03"] == (
        "Cross briefings to each other's committees and councils"
    )
    errors = sorted((p.line, p.column, p.message) for p in problems if p.is_error)
    assert errors[0][:2] == (3, 3)
    assert "« titre » manquant" in errors[0][2]
    assert errors[1][:2] == (4, 3)
    assert "clé inconnue « grope »" in errors[1][2]
