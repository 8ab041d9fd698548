"""A workspace named by a relative path (`.`, the usual case): its files are inside it without
resolving it again for each file, and a link out of it is still refused."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from drafter.reading import files

ENTRY = "date: 2023-07\ntexte: Un\ncontributeur: SEAE\n"


def test_a_relative_workspace_reads_inside_and_refuses_outside(
    workspace: Callable[..., Path],
    cli_invoke: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`--workspace .`: its entries are read, a link to a sibling « ws-voisin » is outside."""
    root = workspace({"inputs/cyber/a.yaml": ENTRY})
    sibling = root.parent / f"{root.name}-voisin"
    sibling.mkdir()
    (sibling / "b.yaml").write_text(ENTRY.replace("Un", "Secret"), encoding="utf-8")
    os.symlink(sibling / "b.yaml", root / "inputs" / "cyber" / "b.yaml")
    monkeypatch.chdir(root)
    built = cli_invoke("build", "--format", "md", "-o", "-", "--workspace", ".")
    assert "Un" in built.stdout
    assert "Secret" not in built.stdout
    assert "inputs/cyber/b.yaml:1:1: avertissement : lien symbolique vers l'extérieur" in (
        built.stderr
    )


def test_a_root_going_back_through_a_link_is_resolved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`lien/..` names the parent of the link's target, not the current folder: a file that
    leads into the current folder is outside that root, though its path starts like it."""
    here, there = tmp_path / "ici", tmp_path / "ailleurs"
    (there / "fond").mkdir(parents=True)
    here.mkdir()
    (here / "secret.yaml").write_text("secret\n", encoding="utf-8")
    os.symlink(here / "secret.yaml", there / "a.yaml")
    os.symlink(there / "fond", here / "lien")
    monkeypatch.chdir(here)
    root = Path("lien/..")
    with pytest.raises(files.Unreadable, match="extérieur"):
        files.read_bounded(root / "a.yaml", root)
    assert files.read_bounded(Path("secret.yaml"), Path(".")) == b"secret\n"
