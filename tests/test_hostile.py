"""Hostile or unlucky files in a shared workspace: reported with their path, never a hang or a traceback."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import REPO

ENTRY = "date: 2023-07\ntexte: Un\ncontributeur: SEAE\n"
ENTRIES = {"inputs/cyber/a.yaml": ENTRY}


def _drafter(root: Path, *args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """Run drafter in a subprocess, so that a hang fails the test instead of blocking it."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "drafter", *args, "--workspace", str(root)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.mark.parametrize(
    "fifo", ["inputs/cyber/tube.yaml", "inputs/cyber/notes", "inputs/glossaire.yaml"]
)
def test_named_pipe_is_reported_never_opened(workspace: Callable[..., Path], fifo: str) -> None:
    """A FIFO where drafter reads (entry, any area file, glossary) is reported, within seconds."""
    root = workspace(ENTRIES)
    os.mkfifo(root / fifo)
    done = _drafter(root, "check")
    assert "Traceback" not in done.stderr
    if fifo.endswith(".yaml"):
        assert done.returncode == 1
        assert f"{fifo}:1:1: ce n'est pas un fichier ordinaire mais un tube nommé" in done.stderr


def test_named_pipe_as_cycle_file_is_reported(workspace: Callable[..., Path]) -> None:
    """inputs/rapport.yaml as a FIFO: a located error, not an endless wait."""
    root = workspace(ENTRIES)
    (root / "inputs" / "rapport.yaml").unlink()
    os.mkfifo(root / "inputs" / "rapport.yaml")
    done = _drafter(root, "build")
    assert done.returncode == 1
    assert "inputs/rapport.yaml:1:1: ce n'est pas un fichier ordinaire" in done.stderr


def test_named_pipe_in_an_area_blocks_next_before_any_move(
    workspace: Callable[..., Path],
) -> None:
    """next with a FIFO among the files to archive: refused, the FIFO never opened."""
    root = workspace(ENTRIES)
    os.mkfifo(root / "inputs" / "cyber" / "tube")
    done = _drafter(root, "next")
    assert done.returncode == 1
    assert "inputs/cyber/tube:1:1: fichier spécial" in done.stderr
    assert (root / "inputs" / "cyber" / "a.yaml").is_file()


def test_character_device_is_not_read(workspace: Callable[..., Path]) -> None:
    """A link to /dev/zero inside an area is never read whole (it never ends)."""
    root = workspace(ENTRIES)
    os.symlink("/dev/zero", root / "inputs" / "cyber" / "zero.yaml")
    done = _drafter(root, "check", timeout=20)
    assert "Traceback" not in done.stderr
    assert "inputs/cyber/zero.yaml" in done.stderr


def test_sparse_huge_file_refused_from_its_size(workspace: Callable[..., Path]) -> None:
    """A 10 GB sparse entry is refused from stat, at once, without reading it."""
    root = workspace(ENTRIES)
    with open(root / "inputs" / "cyber" / "gros.yaml", "wb") as handle:
        handle.truncate(10 * 1024**3)
    started = time.monotonic()
    done = _drafter(root, "check")
    assert time.monotonic() - started < 10
    assert "inputs/cyber/gros.yaml:1:1: fichier trop gros" in done.stderr


@pytest.mark.parametrize(
    ("rel", "target"),
    [
        ("inputs/glossaire.yaml", "/etc/passwd"),
        ("inputs/rapport.yaml", "/etc/hostname"),
        ("templates/rapport.md.j2", "/etc/passwd"),
        ("templates/reference.docx", "/etc/passwd"),
    ],
)
def test_links_leaving_the_workspace_are_not_followed(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result], rel: str, target: str
) -> None:
    """Cycle file, glossary, templates, reference: a link outside is reported, not read."""
    root = workspace(ENTRIES)
    (root / rel).parent.mkdir(exist_ok=True)
    (root / rel).unlink(missing_ok=True)
    os.symlink(target, root / rel)
    result = cli_invoke("build", "--format", "md", "-o", "-", "--workspace", root)
    assert result.exit_code == 1
    assert f"{rel}:1:1: lien symbolique vers l'extérieur" in result.stderr
    assert "root:" not in result.stdout


def test_link_into_a_sibling_named_like_the_workspace_is_outside(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """A link to ws-voisin/ from ws/ leaves the workspace, though « ws » begins its path."""
    root = workspace(ENTRIES)
    sibling = root.parent / f"{root.name}-voisin"
    sibling.mkdir()
    (sibling / "b.yaml").write_text(ENTRY.replace("Un", "Secret"), encoding="utf-8")
    os.symlink(sibling / "b.yaml", root / "inputs" / "cyber" / "b.yaml")
    result = cli_invoke("check", "--workspace", root)
    assert "inputs/cyber/b.yaml:1:1: avertissement : lien symbolique vers l'extérieur" in (
        result.stderr
    )
    built = cli_invoke("build", "--format", "md", "-o", "-", "--workspace", root)
    assert "Un" in built.stdout
    assert "Secret" not in built.stdout


def test_workspace_reached_through_a_link_is_read(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """A workspace named by a path through a link (a shared drive mounted by a link) reads
    as itself: its files are inside it, not « outside »."""
    root = workspace(ENTRIES)
    linked = root.parent / "raccourci"
    os.symlink(root, linked)
    result = cli_invoke("build", "--format", "md", "-o", "-", "--workspace", linked)
    assert result.exit_code == 0, result.stderr
    assert "extérieur" not in result.stderr
    assert "Un" in result.stdout


def test_symlink_loops_and_dangling_links_are_reported(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """Loops and dangling links (files and folders) give located messages in check and next."""
    root = workspace(ENTRIES)
    cyber = root / "inputs" / "cyber"
    os.symlink("boucle.yaml", cyber / "boucle.yaml")
    os.symlink("absent.yaml", cyber / "casse.yaml")
    os.symlink("dossier", cyber / "dossier")
    os.symlink("rien", root / "inputs" / "menaces-hybrides")
    for command in ("check", "status"):
        result = cli_invoke(command, "--workspace", root)
        assert result.exception is None or isinstance(result.exception, SystemExit)
    check = cli_invoke("check", "--workspace", root)
    assert "inputs/cyber/boucle.yaml:1:1: avertissement : boucle de liens" in check.stderr
    assert "inputs/cyber/casse.yaml:1:1: avertissement : lien symbolique cassé" in check.stderr
    result = cli_invoke("next", "--workspace", root)
    assert result.exit_code == 0
    assert os.path.islink(root / "archive" / "09" / "cyber" / "boucle.yaml")


def test_area_folder_linked_inside_the_workspace_is_read(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """An area folder linked inside the workspace is read and archived, not dropped."""
    root = workspace({"partage/cyber/a.yaml": ENTRY})
    os.symlink(root / "partage" / "cyber", root / "inputs" / "cyber")
    result = cli_invoke("status", "--format", "json", "--workspace", root)
    assert result.exit_code == 0
    assert '"entrees": 1' in result.stdout
    assert cli_invoke("next", "--workspace", root).exit_code == 0
    assert (root / "archive" / "09" / "cyber" / "a.yaml").is_file()
    assert not (root / "partage" / "cyber" / "a.yaml").exists()


def test_deep_flow_nesting_refused_before_parsing(workspace: Callable[..., Path]) -> None:
    """200 KB of nested brackets: refused at once with its line, not minutes of parsing."""
    root = workspace({"inputs/cyber/b.yaml": "texte: " + "[" * 100_000 + "]" * 100_000 + "\n"})
    started = time.monotonic()
    done = _drafter(root, "check")
    assert time.monotonic() - started < 10
    assert "inputs/cyber/b.yaml:1:1: listes ou dictionnaires imbriqués" in done.stderr


def test_unreadable_subfolder_is_reported_not_skipped(
    workspace: Callable[..., Path],
    cli_invoke: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A sub-folder drafter may not list is an error with its path (root reads all: simulated)."""
    root = workspace({**ENTRIES, "inputs/cyber/prive/b.yaml": ENTRY})
    real_scandir = os.scandir

    def denied(path: object) -> object:
        if str(path).endswith("prive"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", denied)
    result = cli_invoke("check", "--workspace", root)
    assert result.exit_code == 1
    assert "inputs/cyber/prive:1:1: dossier illisible : " in result.stderr
    assert "permission refusée" in result.stderr


@pytest.mark.parametrize("name", [b"a\x01b.yaml", b"\xff\xfe.yaml"])
def test_file_names_with_control_or_non_utf8_bytes_are_reported(
    workspace: Callable[..., Path], name: bytes
) -> None:
    """A control character or invalid UTF-8 in a file name: a located, printable error."""
    root = workspace(ENTRIES)
    with open(os.path.join(os.fsencode(root / "inputs" / "cyber"), name), "wb") as handle:
        handle.write(ENTRY.encode())
    for command in ("check", "build"):
        done = _drafter(root, command)
        assert done.returncode == 1
        assert "Traceback" not in done.stderr
        assert "nom de fichier avec un caractère de contrôle ou non UTF-8" in done.stderr


def test_catalogue_key_with_a_control_character_is_an_error(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """A proposal id with U+0001 is refused at its line, not carried into the draft."""
    root = workspace({**ENTRIES, "inputs/propositions.yaml": '"P\\x01X": libellé\n'})
    result = cli_invoke("build", "--workspace", root)
    assert result.exit_code == 1
    assert "inputs/propositions.yaml:1:1: caractère de contrôle interdit (U+0001)" in result.stderr
