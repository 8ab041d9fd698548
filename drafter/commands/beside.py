"""Reading the workspace on another core while the command imports the libraries of the draft.

A build first reads and checks every entry, then needs Jinja2, markdown-it, Babel and
python-docx: importing them takes about as long as reading 1,000 entries, and neither needs
the other. So the console command forks: the child reads the workspace and sends it back
pickled, while the parent imports. Only a process of its own does this (`allow`, called by the
console entry): tests and `drafter serve` call the commands in-process and read as usual.

The child's work is only ever a shortcut. Whenever it cannot give a workspace (a problem in
the files, a bug, a signal, no `fork` on this system), the parent reads the workspace itself,
as if nothing had been tried: messages, exit codes and tracebacks are those of a plain read.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from drafter.errors import Problem
from drafter.model import Workspace
from drafter.reading.workspace import load_workspace

Loaded = tuple[Workspace, list[Problem]]
_allowed = [False]


def allow() -> None:
    """Let this process fork to read workspaces (the console entry: a process of its own)."""
    _allowed[0] = True


@dataclass
class _Child:
    pid: int
    pipe: int  # the read end


@contextlib.contextmanager
def loading_beside(root: Path) -> Iterator[Callable[[Path], Loaded]]:
    """Start reading root's workspace in a child process when allowed; yield the function
    that returns it (the child's, else read here). The child never outlives the block."""
    child = _start(root) if _may_fork() else None
    try:
        yield lambda path: _received(child, path)
    finally:
        if child is not None:
            _end(child)


def _may_fork() -> bool:
    """Fork only a single-threaded process of its own, on Linux (elsewhere a fork can leave
    system libraries' locks held in the child)."""
    return _allowed[0] and sys.platform == "linux" and threading.active_count() == 1


def _start(root: Path) -> _Child | None:
    try:
        reading, writing = os.pipe()
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # the child
        os.close(reading)
        _read_and_send(root, writing)
    os.close(writing)
    return _Child(pid, reading)


def _read_and_send(root: Path, pipe: int) -> NoReturn:
    """In the child: read the workspace, write it pickled to the pipe, and end at once
    (os._exit: no exit handlers, and no flush of output the parent buffered before the fork)."""
    status = 1
    try:
        gc.disable()
        data = pickle.dumps(load_workspace(root), protocol=pickle.HIGHEST_PROTOCOL)
        with open(pipe, "wb") as out:
            out.write(data)
        status = 0
    except BaseException:  # the parent reads the workspace itself, and reports
        pass
    finally:
        os._exit(status)


def _received(child: _Child | None, root: Path) -> Loaded:
    """Return the workspace the child read, or read it here when it could not."""
    if child is not None and child.pipe >= 0:
        with open(child.pipe, "rb") as pipe:
            data = pipe.read()
        child.pipe = -1
        if _status(child) == 0 and data:
            loaded: Loaded = pickle.loads(data)  # our own child's bytes
            return loaded
    return load_workspace(root)


def _end(child: _Child) -> None:
    """Stop a child whose workspace was not taken (the command failed first), and reap it."""
    if child.pipe >= 0:
        os.close(child.pipe)
        with contextlib.suppress(ProcessLookupError):
            os.kill(child.pid, signal.SIGKILL)
        _status(child)


def _status(child: _Child) -> int:
    """Wait for the child once; return its exit status (-1 when killed by a signal)."""
    if child.pid < 0:
        return -1
    _, status = os.waitpid(child.pid, 0)
    child.pid = -1
    return os.waitstatus_to_exitcode(status)
