"""Outputs: one writer at a time, never into inputs/, never over a draft open in Word."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result

from drafter.writing.outputs import LOCK, write_output
from tests.conftest import REPO

ENTRIES = {"inputs/cyber/a.yaml": "date: 2023-07\ntexte: Un\ncontributeur: SEAE\n"}
HOLD = """
import sys, time, filelock
with filelock.FileLock(sys.argv[1]):
    print("pris", flush=True)
    time.sleep(1.5)
"""


def test_second_process_waits_for_the_lock(tmp_path: Path) -> None:
    """While another process holds the outputs lock, a write waits for it (filelock)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path / LOCK)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "pris"
    started = time.monotonic()
    write_output(tmp_path / "a.docx", b"brouillon")
    waited = time.monotonic() - started
    holder.communicate(timeout=10)
    assert waited > 0.8
    assert (tmp_path / "a.docx").read_bytes() == b"brouillon"


def test_output_inside_inputs_is_refused(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """-o inputs/rapport.yaml would replace the cycle file: refused, nothing written."""
    root = workspace(ENTRIES)
    before = (root / "inputs" / "rapport.yaml").read_bytes()
    for target in ("inputs/rapport.yaml", "inputs/x.docx"):
        result = cli_invoke("build", "-o", root / target, "--workspace", root)
        assert result.exit_code == 1
        assert "ne s'écrit pas dans inputs/" in result.stderr
    assert (root / "inputs" / "rapport.yaml").read_bytes() == before
    assert not (root / "inputs" / "x.docx").exists()


def test_draft_open_in_word_or_libreoffice_is_never_replaced(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """With ~$… or .~lock…# beside the draft, even --force writes a numbered copy and says why."""
    root = workspace(ENTRIES)
    outputs = root / "outputs"
    assert cli_invoke("build", "--workspace", root).exit_code == 0
    draft = outputs / "rapport-etape-09.docx"
    for lock in ("~$pport-etape-09.docx", ".~lock.rapport-etape-09.docx#"):
        (outputs / lock).write_text("verrou")
        draft.write_bytes(b"ouvert")
        result = cli_invoke("build", "--force", "--workspace", root)
        assert result.exit_code == 0
        assert draft.read_bytes() == b"ouvert"
        assert "ouvert dans Word ou LibreOffice" in result.stderr
        assert (outputs / "rapport-etape-09 (2).docx").is_file()
        (outputs / lock).unlink()


def test_unchanged_numbered_copy_is_reused(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """Rebuilding beside an edited draft reuses the numbered copy instead of piling up copies."""
    root = workspace(ENTRIES)
    outputs = root / "outputs"
    assert cli_invoke("build", "--workspace", root).exit_code == 0
    (outputs / "rapport-etape-09.docx").write_bytes(b"edited")
    # Without the base drafter keeps for a merge, an edited draft gets a fresh copy beside it.
    shutil.rmtree(outputs / ".drafter")
    for _ in range(3):
        assert cli_invoke("build", "--workspace", root).exit_code == 0
    assert sorted(p.name for p in outputs.glob("*.docx")) == [
        "rapport-etape-09 (2).docx",
        "rapport-etape-09.docx",
    ]


def test_stale_temporaries_are_cleaned(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """A temporary left by a killed build disappears at the next build."""
    root = workspace(ENTRIES)
    (root / "outputs").mkdir()
    stale = root / "outputs" / ".rapport-etape-09.docx.abc123.tmp"
    stale.write_bytes(b"moiti")
    assert cli_invoke("build", "--workspace", root).exit_code == 0
    assert not stale.exists()


def test_fifo_in_place_of_the_draft_or_manifest_never_blocks(
    workspace: Callable[..., Path], tmp_path: Path
) -> None:
    """A named pipe as the draft or the manifest: the build finishes, the pipe is not opened."""
    root = workspace(ENTRIES)
    (root / "outputs").mkdir()
    os.mkfifo(root / "outputs" / "rapport-etape-09.docx")
    os.mkfifo(root / "outputs" / ".drafter-manifest.json")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "drafter", "build", "--workspace", str(root)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "rapport-etape-09 (2).docx" in done.stdout


def test_huge_sparse_file_in_place_of_the_draft_is_not_read(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """A 10 GB sparse file named like the draft is kept aside at once, never read whole."""
    root = workspace(ENTRIES)
    (root / "outputs").mkdir()
    with open(root / "outputs" / "rapport-etape-09.docx", "wb") as handle:
        handle.truncate(10 * 1024**3)
    started = time.monotonic()
    result = cli_invoke("build", "--workspace", root)
    assert result.exit_code == 0
    assert time.monotonic() - started < 10
    assert (root / "outputs" / "rapport-etape-09 (2).docx").is_file()


def test_a_file_written_in_pieces_is_whole_or_untouched(tmp_path: Path) -> None:
    """Pieces are written as they come (the merge base of a large draft); if making one
    fails, the file keeps its former content and no temporary is left beside it."""
    from drafter.writing.safe_write import write_file

    target = tmp_path / "base.json"
    write_file(target, iter([b"un ", b"deux"]))
    assert target.read_bytes() == b"un deux"

    def failing() -> Iterator[bytes]:
        yield b"trois"
        raise ValueError("boum")

    with pytest.raises(ValueError, match="boum"):
        write_file(target, failing())
    assert target.read_bytes() == b"un deux"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["base.json"]
