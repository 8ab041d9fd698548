"""`drafter next` is a transaction: planned first, interrupted at any instant, rerun to the same end."""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result

from tests.conftest import REPO

CYCLE = (
    "numero: 9\nperiode: {debut: 2023-06, fin: 2024-05}\n"
    "chiffres:\n  exposes_croises: {valeur: 200, depuis: 2016-07}\n"
)
AREAS = ("cyber", "dialogue-politique", "exercices", "menaces-hybrides")


def _many_entries(count: int = 60) -> dict[str, str]:
    files = {}
    for index in range(count):
        area = AREAS[index % len(AREAS)]
        kind = ", type: expose-croise" if index % 3 == 0 else ""
        sub = f"sous-{index % 5}/" if index % 2 else ""
        text = f"{{date: 2023-{index % 12 + 1:02d}, texte: Activité {index}, contributeur: SEAE{kind}}}\n"
        period = "2024" if index % 12 + 1 <= 5 else "2023"
        files[f"inputs/{area}/{sub}e{index:03d}.yaml"] = text.replace("2023-", f"{period}-", 1)
    return files


def _tree(root: Path) -> dict[str, bytes]:
    """Return every file and link under root (links as their target), outputs aside."""
    found = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            found[rel] = b"-> " + os.readlink(path).encode()
        elif path.is_file() and not rel.startswith("outputs"):
            found[rel] = path.read_bytes()
        elif path.is_dir():
            found[rel + "/"] = b""
    return found


def _run_next(root: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "drafter", "next", "--force", "--workspace", str(root)]
    return subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def _finish(process: subprocess.Popen[bytes]) -> tuple[int, str]:
    _, err = process.communicate(timeout=60)
    return process.returncode, err.decode()


def test_kill_loop_then_rerun_gives_the_uninterrupted_result(
    workspace: Callable[..., Path], tmp_path: Path
) -> None:
    """SIGKILL at random instants, then a rerun: same archive bytes, same next rapport.yaml."""
    template = workspace(_many_entries(), cycle=CYCLE)
    reference = tmp_path / "reference"
    shutil.copytree(template, reference, symlinks=True)
    started = time.monotonic()
    assert _finish(_run_next(reference)) == (0, "")
    duration = time.monotonic() - started
    expected = _tree(reference)
    assert yaml.safe_load(expected["inputs/rapport.yaml"])["chiffres"]["exposes_croises"] == {
        "valeur": 220,
        "depuis": "2016-07",
    }
    chance, deadline, killed = random.Random(10), time.monotonic() + 30, 0
    for trial in range(20):
        if time.monotonic() > deadline:
            break
        root = tmp_path / f"trial-{trial}"
        shutil.copytree(template, root, symlinks=True)
        process = _run_next(root)
        time.sleep(chance.uniform(0.5, 1.1) * duration)
        killed += process.poll() is None
        process.send_signal(signal.SIGKILL)
        _finish(process)
        if b"numero: 9" in (root / "inputs" / "rapport.yaml").read_bytes():  # not finished
            assert _finish(_run_next(root)) == (0, ""), f"trial {trial}"
        assert _tree(root) == expected, f"trial {trial}"
    assert killed, "no run was interrupted: the loop tested nothing"


def test_full_disk_stops_with_a_message_and_a_rerun_finishes(
    workspace: Callable[..., Path],
    cli_invoke: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """A disk full half-way through a copy: exit 1 in French, no partial file; rerun completes."""
    root = workspace(_many_entries(12), cycle=CYCLE)
    reference = tmp_path / "reference"
    shutil.copytree(root, reference)
    assert cli_invoke("next", "--workspace", reference).exit_code == 0
    real_copy, calls = shutil.copyfileobj, []

    def full_disk(source: Any, target: Any, *args: Any) -> None:
        calls.append(1)
        if len(calls) == 5:
            target.write(source.read(3))
            raise OSError(errno.ENOSPC, "No space left on device", str(target.name))
        real_copy(source, target, *args)

    monkeypatch.setattr(shutil, "copyfileobj", full_disk)
    failed = cli_invoke("next", "--workspace", root)
    assert failed.exit_code == 1
    assert "disque plein" in failed.stderr
    assert "relancez drafter next" in failed.stderr
    assert "Traceback" not in failed.output
    monkeypatch.setattr(shutil, "copyfileobj", real_copy)
    assert cli_invoke("next", "--workspace", root).exit_code == 0
    assert _tree(root) == _tree(reference)


def test_interrupted_after_the_moves_the_rerun_counts_archived_entries(
    workspace: Callable[..., Path],
    cli_invoke: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Entries already archived still count in the next cycle's cross-briefings figure."""
    root = workspace(_many_entries(12), cycle=CYCLE)
    import drafter.commands.next_cycle as rollover

    def stop(*args: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(rollover, "_remove_emptied", stop)
    with pytest.raises(KeyboardInterrupt):
        rollover.apply_plan(root, rollover.prepare_next(root, force=False))
    monkeypatch.undo()
    assert cli_invoke("next", "--workspace", root).exit_code == 0
    cycle = yaml.safe_load((root / "inputs" / "rapport.yaml").read_text(encoding="utf-8"))
    assert cycle["chiffres"]["exposes_croises"]["valeur"] == 204


def test_archive_conflict_refused_before_the_first_move(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """A different file in the archive: nothing moves, and --dry-run announces it too."""
    files = {**_many_entries(8), "archive/09/cyber/e004.yaml": "autre\n"}
    root = workspace(files, cycle=CYCLE)
    before = _tree(root)
    for options in (["--dry-run"], []):
        result = cli_invoke("next", *options, "--workspace", root)
        assert result.exit_code == 1
        assert "archive/09/cyber/e004.yaml:1:1: un fichier différent" in result.stderr
        assert "rien n'a été déplacé" in result.stderr
        assert _tree(root) == before


def test_archived_cycle_file_never_overwritten(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """archive/09/rapport.yaml holding another text is a conflict, not overwritten."""
    root = workspace({**_many_entries(4), "archive/09/rapport.yaml": "numero: 9\n"}, cycle=CYCLE)
    result = cli_invoke("next", "--workspace", root)
    assert result.exit_code == 1
    assert "archive/09/rapport.yaml:1:1" in result.stderr
    assert (root / "archive" / "09" / "rapport.yaml").read_text() == "numero: 9\n"


def test_hidden_folders_and_files_stay_untouched(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """inputs/.git and hidden files of an area survive next (git gc needs its empty folders)."""
    root = workspace(_many_entries(4), cycle=CYCLE)
    for rel in ("inputs/.git/refs/tags", "inputs/cyber/.cache/vide"):
        (root / rel).mkdir(parents=True)
    (root / "inputs" / "cyber" / ".gitkeep").write_text("")
    assert cli_invoke("next", "--workspace", root).exit_code == 0
    assert (root / "inputs" / ".git" / "refs" / "tags").is_dir()
    assert (root / "inputs" / "cyber" / ".cache" / "vide").is_dir()
    assert (root / "inputs" / "cyber" / ".gitkeep").is_file()
    assert not (root / "archive" / "09" / "cyber" / ".gitkeep").exists()


def test_next_beyond_the_limits_is_refused(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """Report 999 has no successor check would accept: next refuses before moving anything."""
    root = workspace(_many_entries(4), cycle=CYCLE.replace("numero: 9", "numero: 999"))
    before = _tree(root)
    result = cli_invoke("next", "--workspace", root)
    assert result.exit_code == 1
    assert "inputs/rapport.yaml:1:1: le rapport suivant serait refusé" in result.stderr
    assert _tree(root) == before


def test_partial_copy_is_repaired_on_rerun(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result], tmp_path: Path
) -> None:
    """A leftover partial copy (its temporary name) does not block the rerun, and disappears."""
    root = workspace(_many_entries(4), cycle=CYCLE)
    reference = tmp_path / "reference"
    shutil.copytree(root, reference)
    assert cli_invoke("next", "--workspace", reference).exit_code == 0
    partial = root / "archive" / "09" / "cyber" / ".e000.yaml.drafter-partiel"
    partial.parent.mkdir(parents=True)
    partial.write_bytes(b"{da")
    assert cli_invoke("next", "--workspace", root).exit_code == 0
    assert _tree(root) == _tree(reference)


def test_two_next_at_once_the_second_is_refused(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """While one next holds the workspace, another is refused cleanly, touching nothing."""
    import filelock

    root = workspace(_many_entries(4), cycle=CYCLE)
    (root / "outputs").mkdir()
    before = _tree(root)
    with filelock.FileLock(str(root / "outputs" / ".drafter.lock")):
        holder = _run_next(root)
        code, err = _finish(holder)
    assert code == 1
    assert "un autre « drafter next » est en cours" in err
    assert _tree(root) == before


def test_plan_made_before_another_run_is_not_applied(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """A plan whose cycle file changed since (another next finished) is refused, not replayed."""
    import drafter.commands.next_cycle as rollover

    root = workspace(_many_entries(4), cycle=CYCLE)
    stale = rollover.prepare_next(root, force=False)
    assert cli_invoke("next", "--workspace", root).exit_code == 0
    after = _tree(root)
    with pytest.raises(rollover.DrafterError, match="a changé depuis le plan"):
        rollover.apply_plan(root, stale)
    assert _tree(root) == after


def test_archive_path_blocked_by_a_file_is_refused_in_the_plan(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """archive/ (or archive/09/cyber) being a file or a pipe is announced by --dry-run too."""
    root = workspace(_many_entries(4), cycle=CYCLE)
    (root / "archive" / "09").mkdir(parents=True)
    os.mkfifo(root / "archive" / "09" / "cyber")
    before = _tree(root)
    for options in (["--dry-run"], []):
        result = cli_invoke("next", *options, "--workspace", root)
        assert result.exit_code == 1
        assert "archive/09/cyber:1:1: n'est pas un dossier" in result.stderr
        assert _tree(root) == before
