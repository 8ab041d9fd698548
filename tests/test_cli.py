"""The commands as a secretariat uses them: init, new, check, build, help."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from click.testing import Result

from drafter.cli import COMMANDS, main
from tests.conftest import REPO


def test_init_creates_a_workspace(tmp_path: Path, cli_invoke: Callable[..., Result]) -> None:
    """init writes rapport.yaml with the period shifted to May, and one folder per area."""
    result = cli_invoke("init", tmp_path / "w", "--numero", "10", "--debut", "2024-06")
    assert result.exit_code == 0
    text = (tmp_path / "w" / "inputs" / "rapport.yaml").read_text(encoding="utf-8")
    assert "numero: 10\nperiode: {debut: 2024-06, fin: 2025-05}" in text
    assert (tmp_path / "w" / "inputs" / "dialogue-politique").is_dir()
    assert (tmp_path / "w" / "outputs").is_dir()
    assert cli_invoke("check", "--workspace", tmp_path / "w").exit_code == 0


def test_init_refuses_an_existing_workspace(
    tmp_path: Path, cli_invoke: Callable[..., Result]
) -> None:
    """init never overwrites a cycle file."""
    assert cli_invoke("init", tmp_path, "--numero", "9", "--debut", "2023-06").exit_code == 0
    again = cli_invoke("init", tmp_path, "--numero", "10", "--debut", "2024-06")
    assert again.exit_code == 1
    assert "existe déjà" in again.stderr
    assert "numero: 9" in (tmp_path / "inputs" / "rapport.yaml").read_text(encoding="utf-8")


def test_init_bad_month_is_a_usage_error(tmp_path: Path, cli_invoke: Callable[..., Result]) -> None:
    """--debut must be a month: exit 2."""
    assert cli_invoke("init", tmp_path, "--numero", "9", "--debut", "juin").exit_code == 2


def test_new_skeleton_passes_check_once_filled(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """The skeleton fails on its blanks, and passes once acteurs/action/contributeur are set."""
    root = workspace()
    result = cli_invoke("new", "cyber", "--date", "2024-03", "--workspace", root)
    assert result.exit_code == 0
    path = root / "inputs" / "cyber" / "2024-03-entree.yaml"
    text = path.read_text(encoding="utf-8")
    assert "# Qui a agi" in text
    assert cli_invoke("check", "--workspace", root).exit_code == 1
    text = re.sub(r"acteurs: >-\n  \n", "acteurs: >-\n  les services : tous\n", text)
    text = re.sub(
        r"action: >-\n  \n", "action: >-\n  ont agi : ensemble # sans commentaire\n", text
    )
    path.write_text(text.replace("contributeur: \n", "contributeur: SEAE\n"), encoding="utf-8")
    assert cli_invoke("check", "--workspace", root).exit_code == 0
    built = cli_invoke("build", "--format", "md", "-o", "-", "--workspace", root)
    assert (
        "En mars\u00a02024, les services\u00a0: tous ont agi\u00a0: ensemble # sans commentaire."
        in built.stdout
    )


def test_new_picks_a_free_name(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """A second skeleton for the same date does not overwrite the first."""
    root = workspace()
    cli_invoke("new", "cyber", "--date", "2024-03", "--workspace", root)
    cli_invoke("new", "cyber", "--date", "2024-03", "--workspace", root)
    assert sorted(p.name for p in (root / "inputs" / "cyber").iterdir()) == [
        "2024-03-entree-2.yaml",
        "2024-03-entree.yaml",
    ]


def test_new_unknown_area(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """An unknown area is a usage error that lists the known ones."""
    result = cli_invoke("new", "cyberr", "--workspace", workspace())
    assert result.exit_code == 2
    assert "menaces-hybrides" in result.stderr


def test_build_markdown_to_file_and_stdout(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """--format md writes the same draft to a file, or to stdout with -o -."""
    root = workspace()
    to_stdout = cli_invoke("build", "--format", "md", "-o", "-", "--workspace", root)
    assert to_stdout.stdout.startswith("# Neuvième rapport")
    assert cli_invoke("build", "--format", "md", "--workspace", root).exit_code == 0
    written = (root / "outputs" / "rapport-etape-09.md").read_text(encoding="utf-8")
    assert written == to_stdout.stdout


def test_check_github_format(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """--format github prints one annotation line per problem."""
    root = workspace({"inputs/cyber/a.yaml": "date: 2023-13\ntexte: x\ncontributeur: X\n"})
    result = cli_invoke("check", "--format", "github", "--workspace", root)
    assert result.exit_code == 1
    assert "::error file=inputs/cyber/a.yaml,line=1,col=7::date impossible" in result.stdout


def test_every_command_has_help_and_is_in_readme(cli_invoke: Callable[..., Result]) -> None:
    """Each command has a help text and appears in README.md."""
    from drafter.cli import main

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name, command in main.commands.items():
        assert command.help, name
        assert f"drafter {name}" in readme, name
        assert cli_invoke(name, "--help").exit_code == 0


def test_ci_runs_the_readme_test_command() -> None:
    """.ci/run runs exactly the test command README.md gives newcomers."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.S)
    test_command = next(b for b in blocks if "pytest" in b)
    assert test_command in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert "pip install . && drafter build" in blocks


def test_acronym_used_before_its_expansion(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """check warns, naming the entry, when an acronym comes before its expansion."""
    root = workspace(
        {
            "inputs/cyber/a.yaml": "date: 2023-07\ntexte: L'AED et l'UE ont agi\ncontributeur: X\n",
            "inputs/exercices/b.yaml": "date: 2023-08\ntexte: L'Agence européenne de défense (AED)"
            " et l'OTAN ont agi\ncontributeur: X\n",
        }
    )
    result = cli_invoke("check", "--workspace", root)
    assert result.exit_code == 0
    lines = [x for x in result.stderr.splitlines() if "sigle" in x]
    assert lines == [
        "inputs/cyber/a.yaml:1:1: avertissement : sigle « AED » employé avant d'être "
        "développé : écrivez « Agence européenne de défense (AED) » à sa première mention "
        "(entrée « cyber/a »)"
    ]
    assert cli_invoke("check", "--strict", "--workspace", root).exit_code == 1


def test_acronym_expanded_first_is_fine(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """An expansion earlier in document order (area order) satisfies later uses."""
    root = workspace(
        {
            "inputs/menaces-hybrides/a.yaml": "date: 2023-09\ntexte: Le Service européen pour "
            "l'action extérieure (SEAE) a agi\ncontributeur: X\n",
            "inputs/cyber/b.yaml": "date: 2023-07\ntexte: Le SEAE a agi\ncontributeur: X\n",
            "inputs/glossaire.yaml": 'XYZ: "Groupe fictif"\n',
            "inputs/exercices/c.yaml": "date: 2023-07\ntexte: Le XYZ a agi\ncontributeur: X\n",
        }
    )
    result = cli_invoke("check", "--workspace", root)
    assert "« SEAE »" not in result.stderr
    assert "sigle « XYZ » employé avant d'être développé" in result.stderr


def test_a_bug_is_one_internal_error_line_for_users(
    workspace: Callable[..., Path],
    cli_invoke: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without DRAFTER_DEBUG, a bug of drafter is one « erreur interne » line, exit 70."""
    import drafter.usecases.drafts as build

    def broken(*_: object) -> bytes:
        raise TypeError("boum")

    monkeypatch.setattr(build, "docx_and_sentences", broken)
    monkeypatch.delenv("DRAFTER_DEBUG")
    result = cli_invoke("build", "--workspace", workspace())
    assert result.exit_code == 70
    assert "erreur interne de drafter (TypeError : boum)" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_failing_shipped_template_is_a_bug_not_a_user_error(
    workspace: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A TypeError in a shipped template keeps its traceback (not « modèle refusé »)."""
    from dataclasses import replace

    from drafter.drafting import edition
    from drafter.reading.workspace import load_workspace
    from drafter.usecases.drafts import BuildOptions, build_markdown

    broken = replace(edition.grammar_of("fr"), ordinal=lambda n: n + "x")
    monkeypatch.setitem(edition.GRAMMARS, "fr", lambda: broken)
    loaded, _ = load_workspace(workspace())
    with pytest.raises(TypeError):
        build_markdown(loaded, workspace(), BuildOptions())


def test_glossary_follows_the_published_forms() -> None:
    """Each glossary form that the 6th report defines reads as the report writes it there."""
    import yaml

    glossary = yaml.safe_load((REPO / "drafter" / "data" / "glossaire.yaml").read_text("utf-8"))
    seed = (REPO / "tests" / "data" / "rapport-6" / "rapport-publie.md").read_text("utf-8")
    seed = re.sub(r"\s+", " ", seed.replace("\u2019", "'"))
    for acronym, expansion in glossary.items():
        first = seed.find(f"({acronym})")
        if first >= 0:
            assert seed[:first].rstrip().lower().endswith(expansion.lower()), acronym


def _console(*code: str) -> subprocess.CompletedProcess[str]:
    """Run the console entry (`drafter.cli.run`) in a process of its own, after `code`."""
    program = "\n".join([*code, "from drafter.cli import run", "run()"])
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    return subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        check=False,
        env=buffered,
    )


@pytest.mark.parametrize(
    ("argv", "status", "stream", "expected"),
    [
        (["drafter", "--version"], 0, "stdout", "drafter "),
        (["drafter", "--inconnu"], 2, "stderr", "L'option '--inconnu' n'existe pas."),
        (["drafter", "check", "-w", "absent"], 1, "stderr", "fichier du cycle introuvable"),
    ],
)
def test_the_console_entry_keeps_statuses_and_output(
    argv: list[str], status: int, stream: str, expected: str
) -> None:
    """The quick exit keeps the status click chose and flushes what was printed (the
    output goes to a pipe here: block-buffered, lost if not flushed)."""
    done = _console("import sys", "print('printed, not flushed')", f"sys.argv = {argv!r}")
    assert done.returncode == status
    assert expected in getattr(done, stream)
    assert done.stdout.startswith("printed, not flushed\n")


def test_the_console_entry_runs_exit_handlers() -> None:
    """Handlers registered with atexit (a library's, coverage's) still run."""
    done = _console(
        "import atexit, sys",
        "atexit.register(print, 'handler ran')",
        "sys.argv = ['drafter', '--version']",
    )
    assert done.returncode == 0
    assert done.stdout.splitlines()[-1] == "handler ran"


def test_the_console_entry_waits_for_a_working_thread() -> None:
    """A thread still at work when the command ends (a server's) is waited for, as by the
    interpreter's usual exit, not cut short."""
    done = _console(
        "import sys, threading, time",
        "threading.Thread(target=lambda: (time.sleep(0.3), print('thread done'))).start()",
        "sys.argv = ['drafter', '--version']",
    )
    assert done.returncode == 0
    assert "thread done" in done.stdout


def test_a_systemexit_message_is_printed_with_status_1() -> None:
    """`sys.exit("text")` ends as the interpreter would end it: the text, status 1."""
    done = _console(
        "import sys, drafter.cli",
        "drafter.cli.main = lambda: sys.exit('arrêt demandé')",
    )
    assert (done.returncode, done.stderr.strip()) == (1, "arrêt demandé")


def test_help_imports_no_command_module() -> None:
    """`drafter --help` lists every command without importing one (the group is lazy)."""
    code = (
        "import sys, contextlib, io\n"
        "from drafter.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    main(['--help'], standalone_mode=False)\n"
        "loaded = [m for m in sys.modules if m.startswith('drafter.commands.')]\n"
        "print(sorted(loaded), 'importer' in out.getvalue())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert (
        done.stdout.strip() == "['drafter.commands.click_french', 'drafter.commands.common'] True"
    )


@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_listed_help_is_the_command_s_own(name: str) -> None:
    """The short help `drafter --help` lists for a command is its docstring's first line."""
    command = main.get_command(click.Context(main), name)
    assert command is not None
    assert command.name == name
    assert COMMANDS[name][1] == (command.help or "").split("\n\n")[0]
