"""Running the yearly cycle: status, coverage, the annex, rolling over, the pre-commit hook."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import Result

from tests.conftest import REPO

ENTRIES = {
    "inputs/cyber/a.yaml": """\
        - {date: 2023-07, texte: Un, contributeur: SEAE, a_souligner: true, propositions: [P17-MM]}
        - {date: 2024-02, texte: Deux, contributeur: AED, propositions: [P17-MM, P17-CT]}
        """,
    "inputs/cyber/sous-dossier/b.yaml": "{date: 2023-09, texte: Trois, contributeur: SEAE}\n",
    "inputs/dialogue-politique/c.yaml": """\
        - {date: 2023-10, texte: Exposé, contributeur: EMUE, type: expose-croise}
        - {date: 2023-11, texte: Exposé bis, contributeur: EMUE, type: expose-croise}
        """,
    "inputs/cyber/notes.txt": "à relire\n",
}
CYCLE = (
    "numero: 9\nperiode: {debut: 2023-06, fin: 2024-05}\ndate: 2024-06-14\n"
    "chiffres:\n  exposes_croises: {valeur: 215, depuis: 2016-07}\n"
    "mention: BROUILLON\n"
)


def test_status_table(workspace: Callable[..., Path], cli_invoke: Callable[..., Result]) -> None:
    """One aligned row per area in report order, totals, and the empty areas."""
    result = cli_invoke("status", "--workspace", workspace(ENTRIES, cycle=CYCLE))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["domaine", "entrées", "saillants"]
    cyber = next(line for line in lines if line.startswith("cyber "))
    assert cyber.split()[1:3] == ["3", "1"]
    assert "AED, SEAE" in cyber
    assert "juillet\u00a02023 – février\u00a02024" in cyber
    assert [line.split()[0] for line in lines[1:9]][2] == "cyber"
    assert "total : 5 entrées, 1 faits saillants" in result.stdout
    assert "domaines sans entrée : menaces-hybrides" in result.stdout
    assert "\x1b[" not in result.stdout  # no colour when not a terminal


def test_status_json(workspace: Callable[..., Path], cli_invoke: Callable[..., Result]) -> None:
    """--format json gives the same figures for scripts."""
    result = cli_invoke(
        "status", "--format", "json", "--workspace", workspace(ENTRIES, cycle=CYCLE)
    )
    data = json.loads(result.stdout)
    cyber = next(row for row in data["domaines"] if row["id"] == "cyber")
    assert cyber["entrees"] == 3
    assert cyber["contributeurs"] == ["AED", "SEAE"]
    assert data["total"]["entrees"] == 5
    assert "exercices" in data["domaines_vides"]


def test_coverage_of_proposals(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """--propositions counts entries per proposal and names those with none."""
    root = workspace(ENTRIES, cycle=CYCLE)
    data = json.loads(
        cli_invoke("status", "--propositions", "--format", "json", "--workspace", root).stdout
    )
    assert data["P17-MM"] == 2
    assert data["P17-CT"] == 1
    assert data["P17-FPS"] == 0
    assert len(data) >= 46
    text = cli_invoke("status", "--propositions", "--workspace", root).stdout
    assert "sans activité cette période" in text
    assert "P17-FPS" in text.splitlines()[-1]


def test_annex_table(workspace: Callable[..., Path], cli_invoke: Callable[..., Result]) -> None:
    """--annexe appends a real Word table: repeated header row, one row per proposal."""
    root = workspace(ENTRIES, cycle=CYCLE)
    assert cli_invoke("build", "--annexe", "--workspace", root).exit_code == 0
    document = docx.Document(str(root / "outputs" / "rapport-etape-09.docx"))
    table = document.tables[0]
    header = [cell.text for cell in table.rows[0].cells]
    assert header == ["Proposition", "Intitulé", "Activités rapportées"]
    assert "w:tblHeader" in table.rows[0]._tr.xml
    rows = {row.cells[0].text: row.cells[2].text for row in table.rows[1:]}
    assert rows["P17-MM"] == "2"
    assert rows["P16-1.01"] == "0"
    assert len(table.rows) - 1 == len(rows) >= 46


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "outputs" not in p.parts
    }


def test_next_archives_everything_and_prepares_the_next_cycle(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """Every file moves to archive/09 unchanged; rapport.yaml becomes report 10."""
    root = workspace(ENTRIES, cycle=CYCLE)
    before = {
        k: v
        for k, v in _files(root).items()
        if k.startswith("inputs/") and k != "inputs/rapport.yaml"
    }
    result = cli_invoke("next", "--workspace", root)
    assert result.exit_code == 0
    after = _files(root)
    for rel, content in before.items():
        assert after["archive/09/" + rel.removeprefix("inputs/")] == content
        assert rel not in after
    assert after["archive/09/rapport.yaml"] == CYCLE.encode()
    cycle = yaml.safe_load(after["inputs/rapport.yaml"])
    assert cycle["numero"] == 10
    assert cycle["periode"] == {"debut": "2024-06", "fin": "2025-05"}
    assert cycle["chiffres"]["exposes_croises"] == {"valeur": 217, "depuis": "2016-07"}
    assert cycle["mention"] == "BROUILLON"
    assert "date" not in cycle
    assert (root / "inputs" / "cyber").is_dir()
    assert (root / "inputs" / "exercices").is_dir()  # every area folder, even one never created
    assert cli_invoke("check", "--workspace", root).exit_code == 0


def test_next_dry_run_changes_nothing(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """--dry-run prints the plan and leaves every file as it was."""
    root = workspace(ENTRIES, cycle=CYCLE)
    before = _files(root)
    result = cli_invoke("next", "--dry-run", "--workspace", root)
    assert result.exit_code == 0
    assert "inputs/cyber/a.yaml -> archive/09/cyber/a.yaml" in result.stdout
    assert "numero: 10" in result.stdout
    assert _files(root) == before


def test_next_refuses_on_errors(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """With an error in an entry, next refuses (exit 1) unless --force."""
    files = {**ENTRIES, "inputs/exercices/x.yaml": "date: 2023-13\ntexte: x\ncontributeur: X\n"}
    root = workspace(files, cycle=CYCLE)
    before = _files(root)
    refused = cli_invoke("next", "--workspace", root)
    assert refused.exit_code == 1
    assert "inputs/exercices/x.yaml:1:7" in refused.stderr
    assert "cycle non clos" in refused.stderr
    assert _files(root) == before
    assert cli_invoke("next", "--force", "--workspace", root).exit_code == 0
    assert (root / "archive" / "09" / "exercices" / "x.yaml").is_file()


def test_interrupted_next_loses_no_entry(
    workspace: Callable[..., Path],
    cli_invoke: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A crash in the middle leaves each entry in inputs/ or archive/; a rerun finishes."""
    root = workspace(ENTRIES, cycle=CYCLE)
    names = [
        k.removeprefix("inputs/")
        for k in _files(root)
        if k.startswith("inputs/") and k != "inputs/rapport.yaml"
    ]
    import drafter.commands.next_cycle as rollover

    real_move, calls = rollover._move, []

    def flaky(*args: Path) -> None:
        calls.append(args)
        if len(calls) == 3:
            raise KeyboardInterrupt
        real_move(*args)

    monkeypatch.setattr(rollover, "_move", flaky)
    with pytest.raises(KeyboardInterrupt):
        rollover.apply_plan(root, rollover.plan_next(root, _load(root)))
    for name in names:
        assert (root / "inputs" / name).exists() or (root / "archive" / "09" / name).exists()
    assert b"numero: 9" in (root / "inputs" / "rapport.yaml").read_bytes()
    monkeypatch.setattr(rollover, "_move", real_move)
    assert cli_invoke("next", "--workspace", root).exit_code == 0
    assert all((root / "archive" / "09" / name).exists() for name in names)


def _load(root: Path):  # type: ignore[no-untyped-def]
    from drafter.reading.workspace import load_workspace

    return load_workspace(root)[0]


def test_pre_commit_hook_definition() -> None:
    """The shipped hook runs `drafter check --strict` once per commit on inputs/ changes."""
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "drafter-check")
    assert hook["entry"] == "drafter check --strict"
    assert hook["pass_filenames"] is False
    assert hook["language"] == "python"
    assert "inputs" in hook["files"]
