"""The workspace as the pages read it, kept between requests while no file changes.

The live preview runs on every keystroke; reading 3,000 entries takes a second. The loaded
workspace is kept with the signature of what it was read from (path, size, change time and
inode of every file under inputs/ and templates/, links followed, walked without reading
them: a few milliseconds) and read again as soon as the signature differs: a save, an
import, `next`, an edit by hand. A signature taken before the reading is stored with it, so
a file changed during the reading only makes the next request read again.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from drafter.errors import Problem
from drafter.model import Workspace
from drafter.reading.workspace import load_workspace

Signature = tuple[tuple[str, int, int, int], ...]
_lock = threading.Lock()
_kept: dict[Path, tuple[Signature, Workspace, list[Problem]]] = {}


def loaded_workspace(root: Path) -> tuple[Workspace, list[Problem]]:
    """Return the workspace and its problems (errors included), read again only when a file
    under inputs/ or templates/ changed since the last reading."""
    signature = _signature(root)
    with _lock:
        kept = _kept.get(root)
        if kept is not None and kept[0] == signature:
            return kept[1], list(kept[2])
    workspace, problems = load_workspace(root, allow_errors=True)
    with _lock:
        _kept[root] = (signature, workspace, problems)
    return workspace, list(problems)


def _signature(root: Path) -> Signature:
    """Return what identifies the state of the files a workspace is read from."""
    found: list[tuple[str, int, int, int]] = []
    seen: set[tuple[int, int]] = set()
    for folder in (root / "inputs", root / "templates"):
        _walk(str(folder), found, seen)
    return tuple(sorted(found))


def _walk(folder: str, found: list[tuple[str, int, int, int]], seen: set[tuple[int, int]]) -> None:
    """Add every file and folder under folder, links followed, each folder once (no loop)."""
    try:
        info = os.stat(folder)
        if (info.st_dev, info.st_ino) in seen:
            return
        seen.add((info.st_dev, info.st_ino))
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        try:
            info = entry.stat()
        except OSError:  # a broken link: its name is enough
            found.append((entry.path, -1, -1, -1))
            continue
        found.append((entry.path, info.st_size, info.st_mtime_ns, info.st_ino))
        if entry.is_dir():
            _walk(entry.path, found, seen)
