"""Reading the workspace in a child process while the build imports its libraries."""

from __future__ import annotations

import functools
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from drafter.commands import beside
from drafter.errors import DrafterError
from drafter.reading.workspace import finish, load_workspace, survey

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the child is forked on Linux")

ENTRIES = {
    "inputs/cyber/a.yaml": """\
    date: 2023-10
    acteurs: [le SEAE, l'OTAN]
    action: ont tenu un atelier sur la cyberdéfense
    contributeur: SEAE
    """,
    "inputs/exercices/b.yaml": """\
    date: 2024-02
    acteurs: [l'UE]
    action: a observé l'exercice Steadfast Defender 2024
    contributeur: EMUE
    """,
}


@pytest.fixture
def allowed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Allow the fork in this test; return the pids of the children started."""
    pids: list[int] = []
    start = beside._start

    def recorded(root: Path, head_start: int) -> beside._Child | None:
        child = start(root, head_start)
        if child is not None:
            pids.append(child.pid)
        return child

    monkeypatch.setattr(beside, "_start", recorded)
    return pids


def test_the_workspace_comes_from_the_child(
    workspace: Callable[..., Path], allowed: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The child reads the workspace and the parent gets the same one, without reading."""
    root = workspace(ENTRIES)
    expected = load_workspace(root)
    with beside.loading_beside(root, fork=True) as load:
        monkeypatch.setattr(beside, "load_workspace", _no_reading_here)
        assert load(root) == expected
    assert len(allowed) == 1
    _assert_reaped(allowed[0])


def test_a_large_workspace_is_read_by_both_as_by_one(
    workspace: Callable[..., Path], allowed: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the child's head start, the parent reads the last files itself: the workspace
    is the very one a plain read gives (entries numbered in file order), problems included."""
    files = {f"inputs/cyber/{n:02d}.yaml": ENTRIES["inputs/cyber/a.yaml"] for n in range(12)}
    for bad in ("03", "11"):  # one in each share
        files[f"inputs/cyber/{bad}.yaml"] = "date: 2023-13\ntexte: X\ncontributeur: SEAE\n"
    root = workspace({**files, **ENTRIES})
    monkeypatch.setattr(beside, "HEAD_START", 0)
    found = survey(root)
    assert 0 < beside._split(found.files, 0) < len(found.files)
    expected = load_workspace(root, allow_errors=True)
    monkeypatch.setattr(beside, "finish", functools.partial(finish, allow_errors=True))
    with beside.loading_beside(root, fork=True) as load:
        monkeypatch.setattr(beside, "load_workspace", _no_reading_here)
        assert load(root) == expected
    assert [e.order for e in expected[0].entries] == list(range(len(expected[0].entries)))
    _assert_reaped(allowed[0])


@pytest.mark.parametrize(
    "files",
    [
        {**ENTRIES, "inputs/cyber/c.yaml": "date: 2023-13\ntexte: X\ncontributeur: SEAE\n"},
        {**ENTRIES, "inputs/rapport.yaml": "numero: [\n"},  # no survey: the parent reads
    ],
)
def test_problems_are_reported_as_by_a_plain_read(
    workspace: Callable[..., Path], allowed: list[int], files: dict[str, str]
) -> None:
    """Problems in an entry (read by the child) or in the cycle file (the child gives up and
    the parent reads): the same problems as a plain read."""
    root = workspace(files)
    with pytest.raises(DrafterError) as plain:
        load_workspace(root)
    with pytest.raises(DrafterError) as beside_read, beside.loading_beside(root, fork=True) as load:
        load(root)
    assert beside_read.value.problems == plain.value.problems
    _assert_reaped(allowed[0])


def test_a_child_killed_by_a_signal_is_read_again_here(
    workspace: Callable[..., Path], allowed: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A child that dies (killed, out of memory) is replaced by a read in the parent."""
    root = workspace(ENTRIES)
    parent = os.getpid()

    def dies_in_the_child(path: Path) -> object:
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return load_workspace(path)

    monkeypatch.setattr(beside, "load_workspace", dies_in_the_child)
    with beside.loading_beside(root, fork=True) as load:
        assert load(root) == load_workspace(root)
    _assert_reaped(allowed[0])


def test_a_child_ending_in_failure_is_not_trusted(
    workspace: Callable[..., Path], allowed: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A child that sent everything but did not end well (killed while writing, say) is not
    trusted: the parent reads the workspace itself."""
    root = workspace(ENTRIES)
    real_exit, parent = os._exit, os.getpid()
    monkeypatch.setattr(os, "_exit", lambda status: real_exit(3 if os.getpid() != parent else 0))
    with beside.loading_beside(root, fork=True) as load:
        monkeypatch.setattr(beside, "load_workspace", lambda path: "read by the parent")
        assert load(root) == "read by the parent"
    _assert_reaped(allowed[0])


def test_the_child_never_outlives_a_failing_command(
    workspace: Callable[..., Path], allowed: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command fails before taking the workspace: the child, still reading (a large
    workspace, here a slow one), is stopped at once and reaped."""
    root = workspace(ENTRIES)
    parent = os.getpid()

    def slow_in_the_child(path: Path) -> object:
        if os.getpid() != parent:
            time.sleep(20)
        return load_workspace(path)

    monkeypatch.setattr(beside, "load_workspace", slow_in_the_child)
    start = time.monotonic()
    with pytest.raises(RuntimeError), beside.loading_beside(root, fork=True):
        raise RuntimeError("an import failed")
    assert time.monotonic() - start < 5
    _assert_reaped(allowed[0])


def test_no_fork_unless_allowed_nor_beside_threads(
    workspace: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the console entry allows the fork (tests and `drafter serve` read in-process),
    and never in a process with other threads (a server's)."""
    monkeypatch.setattr(os, "fork", _no_fork)
    root = workspace(ENTRIES)
    with beside.loading_beside(root, fork=False) as load:
        assert load(root) == load_workspace(root)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        with beside.loading_beside(root, fork=True) as load:
            assert load(root) == load_workspace(root)
    finally:
        stop.set()
        thread.join()


def test_a_fork_that_fails_is_a_read_here_and_leaks_nothing(
    workspace: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """No process to spare (fork fails): the workspace is read here, and the pipe made for
    the child is closed."""
    root = workspace(ENTRIES)
    expected = load_workspace(root)

    def no_process() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_process)
    before = len(os.listdir("/proc/self/fd"))
    with beside.loading_beside(root, fork=True) as load:
        assert load(root) == expected
    assert len(os.listdir("/proc/self/fd")) == before


def test_the_console_command_reads_in_the_child_and_writes_the_same_draft(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """`drafter build` as a user runs it reads the workspace in the child only, and writes
    the very bytes of an in-process build (no child)."""
    root = workspace(ENTRIES)
    assert cli_invoke("build", "-w", root, "-o", root / "in-process.docx").exit_code == 0
    argv = ["drafter", "build", "-w", str(root), "-o", "console.docx"]
    program = f"""
import os, sys
from drafter.commands import beside
parent, read = os.getpid(), beside.load_workspace
def in_the_child_only(root):
    if os.getpid() == parent:
        sys.exit("the parent read the workspace")
    return read(root)
beside.load_workspace = in_the_child_only
sys.argv = {argv!r}
from drafter.cli import run
run()
"""
    done = subprocess.run(
        [sys.executable, "-c", program], cwd=root, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert (root / "console.docx").read_bytes() == (root / "in-process.docx").read_bytes()


def _no_reading_here(path: Path) -> object:
    raise AssertionError("the parent read the workspace")


def _no_fork() -> int:
    raise AssertionError("forked")


def _assert_reaped(pid: int) -> None:
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def test_check_shares_the_reading_and_reports_the_same(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """`drafter check` as a user runs it: the child reads the first half of the files, the
    parent the rest; the report is the in-process check's, line for line."""
    files = {f"inputs/cyber/{n:02d}.yaml": ENTRIES["inputs/cyber/a.yaml"] for n in range(8)}
    files["inputs/cyber/06.yaml"] = "date: 2023-13\ntexte: X\ncontributeur: SEAE\n"
    root = workspace({**files, **ENTRIES})
    in_process = cli_invoke("check", "-w", root)
    program = f"""
import os, sys
from drafter.commands import beside
parent, read = os.getpid(), beside.read_entry_files
def noted(found, files):
    if os.getpid() == parent:
        print("parent reads", len(files), "of", len(found.files), file=sys.stderr)
    return read(found, files)
beside.read_entry_files = noted
sys.argv = {["drafter", "check", "-w", str(root)]!r}
from drafter.cli import run
run()
"""
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=False
    )
    assert done.returncode == in_process.exit_code == 1
    noted, *report = done.stderr.splitlines()
    assert noted.startswith("parent reads ")
    assert 0 < int(noted.split()[2]) < int(noted.split()[4])
    assert report == in_process.stderr.splitlines()
