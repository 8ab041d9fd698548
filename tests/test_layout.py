"""The architecture stays visible: stages import downward only, each library has one owner."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "drafter"
# Who may import whom: a stage sees itself, the model, the errors and the stages below it
# (cli → commands → reading / drafting / revisions → model → writing). The one exception:
# the Word merge (writing) speaks of the tracked sentences, `revisions/tracking.py`, a leaf
# that imports nothing of drafter.
ALLOWED = {
    "model": {"model"},
    "errors": {"errors"},
    "data": {"data"},
    "reading": {"reading", "model", "errors", "data"},
    "drafting": {"drafting", "model", "errors", "data"},
    "revisions": {"revisions", "model", "errors", "writing", "data"},
    "writing": {"writing", "errors", "data", "revisions.tracking"},
    "commands": {"commands", "reading", "drafting", "revisions", "writing", "model", "errors"}
    | {"data", "web", "__init__"},
}
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
    "polib": ("reading/catalogue_reader.py", "writing/catalogue_writer.py"),
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


def _stage(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.name)
def test_stages_import_downward_only(path: Path) -> None:
    """reading, drafting and writing never import a stage above them (nor commands or cli)."""
    stage = _stage(path)
    if stage not in ALLOWED:
        return
    for name in _imports(path):
        parts = name.split(".")
        if parts[0] == "drafter" and len(parts) > 1:
            allowed = ALLOWED[stage]
            assert parts[1] in allowed or ".".join(parts[1:3]) in allowed, f"{path} imports {name}"


def test_the_tracked_sentences_import_nothing_of_drafter() -> None:
    """revisions/tracking.py, which the Word merge may import, stands on nothing of drafter."""
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
