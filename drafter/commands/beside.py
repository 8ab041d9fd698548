"""Reading the workspace on another core while the command imports the libraries of the draft.

A build first reads and checks every entry, then needs Jinja2, markdown-it, Babel and
python-docx: importing them takes about as long as reading 1,000 entries, and neither needs
the other. So the console command forks: the child surveys the workspace and reads the entry
files, sending back what it read pickled, while the parent imports. In a large workspace the
parent, its imports done, reads the last files itself, so that both end about together (a
check, with little to import, shares the files half and half); the checks across files are
made once all is read. Only the console command's own process does this (`fork`): tests and
`drafter serve` call the commands in-process and read as usual.

The child's work is only ever a shortcut. Whenever it cannot give its share (the cycle file
unreadable, a bug, a signal, cut data, no `fork` on this system), the parent reads the whole
workspace itself, as if nothing had been tried: messages, exit codes and tracebacks are those
of a plain read."""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NoReturn

from drafter.errors import Problem
from drafter.model import Entry
from drafter.reading.workspace import (
    EntryFile,
    Loaded,
    Survey,
    finish,
    load_workspace,
    read_entry_files,
    survey,
)

# Bytes of entry files the child reads while the parent imports the draft's libraries (both
# take about 0.15 s here): a workspace up to this size is read by the child alone.
HEAD_START = 400_000
PIPE_SIZE = 1 << 20


@dataclass
class _Child:
    pid: int
    pipe: int  # the read end


@contextlib.contextmanager
def loading_beside(
    root: Path, *, fork: bool, head_start: int | None = None
) -> Iterator[Callable[[Path], Loaded]]:
    """Start reading root's workspace in a child process when `fork` allows it (a process of
    its own: the console command's); yield the function that returns the workspace (read by
    the child, and here), else read here. The child never outlives the block.

    `head_start`: bytes of entries the child reads alone before the parent can join in
    (HEAD_START while a build imports; 0 for a check, which has almost nothing to import)."""
    share = HEAD_START if head_start is None else head_start
    child = _start(root, share) if fork and _may_fork() else None
    try:
        yield lambda path: _received(child, path)
    finally:
        if child is not None:
            _end(child)


def _may_fork() -> bool:
    """Fork only a single-threaded process, on Linux (elsewhere a fork can leave system
    libraries' locks held in the child)."""
    return sys.platform == "linux" and threading.active_count() == 1


def _start(root: Path, head_start: int) -> _Child | None:
    try:
        reading, writing = os.pipe()
    except OSError:  # out of file descriptors: read here
        return None
    _widen(writing)
    try:
        pid = os.fork()
    except OSError:  # out of processes or memory: read here
        os.close(reading)
        os.close(writing)
        return None
    if pid == 0:  # the child
        os.close(reading)
        _read_and_send(root, writing, head_start)
    os.close(writing)
    return _Child(pid, reading)


def _widen(pipe: int) -> None:
    """Let the pipe hold the survey (171 KB for 2,000 files) while the parent imports: with
    Linux's default 64 KB, the child would wait for the parent instead of reading."""
    import fcntl  # here: on Linux only (the module does not exist on Windows)

    with contextlib.suppress(OSError):  # past /proc/sys/fs/pipe-max-size: the child waits
        fcntl.fcntl(pipe, fcntl.F_SETPIPE_SZ, PIPE_SIZE)


def _read_and_send(root: Path, pipe: int, head_start: int) -> NoReturn:
    """In the child: send the survey of the workspace and how many of its files the child
    reads, then what they hold; end at once (os._exit: no exit handlers, and no flush of
    output the parent buffered before the fork)."""
    status = 1
    try:
        gc.disable()
        with open(pipe, "wb") as out:
            found = survey(root)
            split = _split(found.files, head_start)
            out.write(pickle.dumps((found, split), protocol=pickle.HIGHEST_PROTOCOL))
            out.flush()
            read = read_entry_files(found, found.files[:split])
            out.write(pickle.dumps(read, protocol=pickle.HIGHEST_PROTOCOL))
        status = 0
    except BaseException:  # the parent reads the workspace itself, and reports
        pass
    finally:
        os._exit(status)


def _split(files: list[EntryFile], head_start: int) -> int:
    """Return how many of the files (the first ones) the child reads: all of a workspace of
    up to about `head_start` bytes, else its head start and half of the rest."""
    sizes = [_size(path) for path, _, _ in files]
    share, taken = (sum(sizes) + head_start) / 2, 0
    for index, size in enumerate(sizes):
        if taken >= share:
            return index
        taken += size
    return len(files)


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # reading it will say why


def _received(child: _Child | None, root: Path) -> Loaded:
    """Return the workspace the child read (with the parent's share of the files), or read
    it all here when the child could not."""
    if child is not None and child.pipe >= 0:
        shared = _shared(child)
        if shared is not None:
            found, entries, problems = shared
            return finish(found, entries, problems)
    return load_workspace(root)


def _shared(child: _Child) -> tuple[Survey, list[Entry], list[Problem]] | None:
    """Return the survey and every entry read by the child and here, or None."""
    with open(child.pipe, "rb") as pipe:
        child.pipe = -1
        try:
            found, split = pickle.load(pipe)  # our own child's bytes
        except (EOFError, pickle.UnpicklingError):
            _status(child)
            return None
        mine, my_problems = read_entry_files(found, found.files[split:])
        rest = pipe.read()
    if _status(child) != 0:  # killed while writing, say: what came may be cut
        return None
    try:
        theirs, problems = pickle.loads(rest)
    except (EOFError, pickle.UnpicklingError):
        return None
    renumbered = [replace(entry, order=entry.order + len(theirs)) for entry in mine]
    return found, theirs + renumbered, problems + my_problems


def _end(child: _Child) -> None:
    """Stop a child whose work was not all taken (the command failed first), and reap it."""
    if child.pipe >= 0:
        os.close(child.pipe)
        child.pipe = -1
    if child.pid >= 0:
        with contextlib.suppress(ProcessLookupError):
            os.kill(child.pid, signal.SIGKILL)
        _status(child)


def _status(child: _Child) -> int:
    """Wait for the child once; return its exit status (negative: killed by that signal)."""
    if child.pid < 0:
        return -1
    _, status = os.waitpid(child.pid, 0)
    child.pid = -1
    return os.waitstatus_to_exitcode(status)
