"""Safe writing lives in one module: no other code replaces or syncs files by itself."""

from __future__ import annotations

import ast
import errno
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from drafter.writing.safe_write import copy_file, replace_file
from tests.conftest import REPO

SAFE_WRITE = Path("drafter/writing/safe_write.py")
REPLACING = {
    ("os", "replace"),
    ("os", "rename"),
    ("os", "fsync"),
    ("os", "fdatasync"),
    ("tempfile", "mkstemp"),
    ("tempfile", "NamedTemporaryFile"),
    ("shutil", "move"),
}


def _replacing_calls(path: Path) -> list[str]:
    """Return `path:line: module.name` for each use (or import) of a function that replaces,
    moves or syncs a file, or makes a temporary beside one."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            used = [(node.value.id, node.attr)]
        elif isinstance(node, ast.ImportFrom):
            used = [(node.module or "", alias.name) for alias in node.names]
        else:
            continue
        found += [f"{path}:{node.lineno}: {'.'.join(u)}" for u in used if u in REPLACING]
    return found


def test_only_safe_write_replaces_or_syncs_files() -> None:
    """os.replace, fsync, shutil.move and temporaries beside a target are in safe_write.py
    alone: every writer of drafter goes through it."""
    sources = sorted(p.relative_to(REPO) for p in (REPO / "drafter").rglob("*.py"))
    elsewhere = [call for s in sources if s != SAFE_WRITE for call in _replacing_calls(REPO / s)]
    assert elsewhere == []
    assert len(_replacing_calls(REPO / SAFE_WRITE)) >= 4  # the guard sees what it is about


def test_guard_sees_a_second_writer(tmp_path: Path) -> None:
    """A module that syncs and replaces on its own, or imports fsync, is reported."""
    rogue = tmp_path / "rogue.py"
    rogue.write_text(
        "import os\nfrom os import fsync\nos.fsync(3)\nos.replace('a', 'b')\n'a'.replace('a', 'b')\n",
        encoding="utf-8",
    )
    found = sorted(c.split(": ")[1] for c in _replacing_calls(rogue))
    assert found == ["os.fsync", "os.fsync", "os.replace"]


def test_failed_copy_leaves_the_target_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk full during a copy: the former target stays whole, the temporary goes."""
    source, target = tmp_path / "source.yaml", tmp_path / "target.yaml"
    source.write_bytes(b"texte: nouveau\n")
    target.write_bytes(b"texte: ancien\n")
    temporary = tmp_path / ".target.yaml.partiel"

    def full_disk(reading: Any, writing: Any, *_: Any) -> None:
        writing.write(reading.read(3))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copyfileobj", full_disk)
    with pytest.raises(OSError, match="No space left"):
        copy_file(source, target, temporary)
    assert target.read_bytes() == b"texte: ancien\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["source.yaml", "target.yaml"]


def test_named_temporary_leftover_is_written_again(tmp_path: Path) -> None:
    """A leftover under the caller's temporary name (a killed run) is replaced, not kept."""
    target, temporary = tmp_path / "rapport.yaml", tmp_path / ".rapport.yaml.next"
    temporary.write_bytes(b"numero: 1")
    os.chmod(temporary, 0o400)
    replace_file(target, b"numero: 10\n", temporary)
    assert target.read_bytes() == b"numero: 10\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapport.yaml"]
