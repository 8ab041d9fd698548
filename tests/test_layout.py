"""The architecture stays visible: stages import downward only, each library has one owner."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "drafter"
# Each third-party library is imported by one unit of the package only (openpyxl: one per
# side, reading and writing, which must not import each other).
OWNERS: dict[str, str | tuple[str, ...]] = {
    "yaml": "reading/yaml_nodes.py",
    "docx": "writing/docx",
    "markdown_it": "writing/markdown.py",
    "mdit_py_plugins": "writing/markdown.py",
    "jinja2": "drafting/templates.py",
    "babel": "drafting/date_phrases.py",
    "openpyxl": ("reading/workbook_reader.py", "writing/workbook_writer.py"),
    "ruamel": "writing/entry_files.py",
    "flask": "web/",
    "werkzeug": "web/",
    "waitress": "web/",
    "filelock": "writing/outputs.py",
    "polib": ("reading/catalogue_reader.py",),
    "defusedxml": "writing/outside.py",
}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter on the package under `root` (its pyproject.toml's contracts)."""
    run = "from importlinter.cli import lint_imports_command as c; c(['--no-cache', '--no-logo'])"
    command = [sys.executable, "-c", run]
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)


def _layers() -> list[str]:
    """Return the layers of pyproject.toml's layers contract, top first."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["id"] == "layers")
    return list(contract["layers"])


def test_layers_are_kept() -> None:
    """Each layer imports only those below it (import-linter's contract in pyproject.toml)."""
    result = _lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 1 kept, 0 broken." in result.stdout


def test_no_package_is_outside_the_layers() -> None:
    """Every module and package of drafter is a layer: none escapes the contract."""
    named = {name.strip() for layer in _layers() for name in layer.split("|")}
    found = {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    found |= {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert found == named


def test_the_web_form_and_the_commands_are_siblings() -> None:
    """web and commands share one layer, so neither imports the other; both stand over usecases."""
    layers = [[name.strip() for name in layer.split("|")] for layer in _layers()]
    siblings = next(layer for layer in layers if "web" in layer)
    assert sorted(siblings) == ["commands", "web"]
    assert layers[layers.index(siblings) + 1] == ["usecases"]


def test_an_upward_import_breaks_the_contract(tmp_path: Path) -> None:
    """The guard is not vacuous: a copy whose reading imports a use case fails."""
    shutil.copytree(PACKAGE, tmp_path / "drafter", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path)
    model = tmp_path / "drafter" / "reading" / "cycle.py"
    model.write_text(model.read_text(encoding="utf-8") + "\nimport drafter.usecases.drafts\n")
    result = _lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout
    assert "drafter.reading.cycle -> drafter.usecases.drafts" in result.stdout


def test_the_tracked_sentences_import_nothing_of_drafter() -> None:
    """revisions/tracking.py, which the Word merge still imports (pyproject.toml's
    ignore_imports), stands on nothing of drafter: the exception can make no cycle."""
    names = _imports(PACKAGE / "revisions" / "tracking.py")
    assert not [n for n in names if n.startswith("drafter")], names


def test_no_two_modules_share_a_name() -> None:
    """The name alone says which module it is: no two modules of different folders share one."""
    names = [p.name for p in PACKAGE.rglob("*.py") if p.name != "__init__.py"]
    assert sorted({n for n in names if names.count(n) > 1}) == []


@pytest.mark.parametrize("library", sorted(OWNERS))
def test_each_library_has_one_owner(library: str) -> None:
    """A third-party library is imported in its owner module (or package) and nowhere else."""
    users = {
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if any(name.split(".")[0] == library for name in _imports(path))
    }
    assert users, f"{library} is not used: drop it from OWNERS"
    assert all(user.startswith(OWNERS[library]) for user in users), users


def test_cli_stays_thin() -> None:
    """cli.py parses options and calls commands: of drafter it imports errors and commands."""
    names = [n for n in _imports(PACKAGE / "cli.py") if n.startswith("drafter.")]
    assert names
    allowed = ("drafter.errors", "drafter.commands", "drafter.web")
    assert all(n.startswith(allowed) for n in names), names


def _top_level_imports(path: Path) -> list[str]:
    """Return the modules a file imports when it is imported (not inside its functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.name)
def test_core_never_needs_the_web_extra(path: Path) -> None:
    """Outside drafter/web, no module imports drafter.web, flask or werkzeug at import time."""
    if path.relative_to(PACKAGE).parts[0] == "web":
        return
    for name in _top_level_imports(path):
        assert name.split(".")[0] not in ("flask", "werkzeug"), f"{path.name} imports {name}"
        assert not name.startswith("drafter.web"), f"{path.name} imports {name}"


def test_the_serve_command_loads_without_the_web_extra() -> None:
    """web/serve.py, which cli imports for `drafter serve`, imports Flask only when it runs."""
    names = _top_level_imports(PACKAGE / "web" / "serve.py")
    assert not [n for n in names if n.split(".")[0] in ("flask", "werkzeug", "waitress")]
    assert not [n for n in names if n.startswith("drafter.web")], names
