"""Writing drafts (through writing/safe_write.py), never over a file an editor changed or opened.

Builds into one folder are serialised by a `filelock` lock (portable: Windows shares too).
A draft open in Word (`~$…`) or LibreOffice (`.~lock…#`) is never replaced, even with --force:
Word would keep its copy and save it over ours. Numbered copies are reused when drafter wrote
them and nobody changed them, so identical copies do not pile up.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import filelock

from drafter.errors import DrafterError, Problem, os_problem
from drafter.writing.outside import DRAFT
from drafter.writing.safe_write import TEMPORARY, write_file

MANIFEST = ".drafter-manifest.json"
LOCK = ".drafter.lock"
LOCK_WAIT = 120.0  # seconds: a build takes a few; longer means another run is stuck
MAX_MANIFEST = 1_000_000
EDITED = "a été modifié depuis que drafter l'a écrit"


@dataclass(frozen=True)
class Written:
    """Where a draft went, and whether (and why) the file there was kept aside."""

    path: Path
    kept: Path | None = None
    why: str = EDITED

    @property
    def message(self) -> str:
        """Return the sentence telling the user why the draft went under another name."""
        advice = "(--force pour le remplacer)" if self.why == EDITED else "(fermez-le d'abord)"
        return (
            f"{self.kept} {self.why} : il est conservé tel quel et le nouveau brouillon est "
            f"dans {self.path} {advice}."
        )


def write_output(
    path: Path, data: bytes, force: bool = False, protected: Path | None = None
) -> Written:
    """Write data to path atomically, or beside it when the file there is edited or open."""
    _refuse_inside(path, protected)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with _locked(path.parent):
            _clean_temporaries(path.parent)
            return _write_locked(path, data, force)
    except OSError as exc:
        raise DrafterError([os_problem(path, exc, "écriture impossible")]) from None


def _refuse_inside(path: Path, protected: Path | None) -> None:
    """Refuse an output inside `protected` (inputs/): a draft must never replace an entry."""
    if protected is None:
        return
    if path.resolve().is_relative_to(protected.resolve()):
        message = (
            "un brouillon ne s'écrit pas dans inputs/ (il y remplacerait une entrée ou le "
            "fichier du cycle) : choisissez un fichier dans outputs/"
        )
        raise DrafterError([Problem(str(path), 1, 1, message)])


def _write_locked(path: Path, data: bytes, force: bool) -> Written:
    manifest = _read_manifest(path.parent)
    target, why = _target(path, data, force, manifest)
    write_file(target, data)
    manifest[target.name] = _digest(data)
    text = json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    write_file(path.parent / MANIFEST, text.encode())
    return Written(target, path if target != path else None, why)


def _target(path: Path, data: bytes, force: bool, manifest: dict[str, str]) -> tuple[Path, str]:
    """Return where to write, and why not at path when it is elsewhere."""
    lock = _open_by_editor(path)
    if lock is not None:
        why = f"est ouvert dans Word ou LibreOffice (verrou {lock.name})"
        return _free_name(path, data, manifest), why
    if not _regular_or_absent(path):
        return _free_name(path, data, manifest), "n'est pas un fichier ordinaire"
    if path.exists() and not force and not _unchanged(path, manifest):
        return _free_name(path, data, manifest), EDITED
    return path, EDITED


def _open_by_editor(path: Path) -> Path | None:
    """Return the lock file Word or LibreOffice keeps beside an open document, if any."""
    names = (f"~${path.name}", f"~${path.name[2:]}", f".~lock.{path.name}#")
    return next((path.with_name(n) for n in names if os.path.lexists(path.with_name(n))), None)


def _regular_or_absent(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except FileNotFoundError:
        return True


def is_edited(path: Path) -> bool:
    """Return whether the regular file at path was changed since drafter wrote it (or was
    not written by it); anything else there (a FIFO, a folder) is no draft: False."""
    if not path.is_file() or not _regular_or_absent(path):
        return False
    return not _unchanged(path, _read_manifest(path.parent))


def free_name(path: Path) -> Path:
    """Return the first `name (k).docx` beside path that is free or drafter's untouched copy."""
    return _free_name(path, b"", _read_manifest(path.parent))


def _unchanged(path: Path, manifest: dict[str, str]) -> bool:
    if path.stat().st_size > DRAFT.file:  # not drafter's: never read a huge (sparse) file whole
        return False
    return manifest.get(path.name) == _digest(path.read_bytes())


def _free_name(path: Path, data: bytes, manifest: dict[str, str]) -> Path:
    """Return the first numbered name that is free, or that holds drafter's untouched copy."""
    number = 2
    while True:
        candidate = path.with_name(f"{path.stem} ({number}){path.suffix}")
        if not os.path.lexists(candidate) or _reusable(candidate, manifest):
            return candidate
        number += 1


def _reusable(candidate: Path, manifest: dict[str, str]) -> bool:
    if _open_by_editor(candidate) is not None or not _regular_or_absent(candidate):
        return False
    return _unchanged(candidate, manifest)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_manifest(folder: Path) -> dict[str, str]:
    try:
        value = json.loads(_read_small(folder / MANIFEST).decode("utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def _read_small(path: Path) -> bytes:
    """Return a regular file's bytes (never opening a pipe), or raise OSError."""
    with open(path, "rb", opener=lambda p, f: os.open(p, f | os.O_NONBLOCK)) as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError(f"{path} n'est pas un fichier ordinaire")
        return handle.read(MAX_MANIFEST)


def _clean_temporaries(folder: Path) -> None:
    """Remove the temporaries a killed run left (under the lock, no run is writing them)."""
    for leftover in folder.glob(f".*{TEMPORARY}"):
        if leftover.is_file() and not leftover.is_symlink():
            leftover.unlink(missing_ok=True)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    try:
        with filelock.FileLock(str(folder / LOCK), timeout=LOCK_WAIT):
            yield
    except filelock.Timeout:
        message = "un autre drafter écrit dans ce dossier depuis trop longtemps : réessayez"
        raise DrafterError([Problem(str(folder / LOCK), 1, 1, message)]) from None


class Busy(DrafterError):
    """Another process (or thread) holds the lock: nothing was done."""


@contextlib.contextmanager
def exclusive(folder: Path, busy: str, wait: float = 0.0) -> Iterator[None]:
    """Hold the folder's lock, waiting at most `wait` seconds; raise Busy with the `busy`
    message when it stays taken. One lock across processes: `next`, `importer`, the form's
    saves and the builds into that folder exclude one another."""
    lock = filelock.FileLock(str(folder / LOCK), timeout=wait, thread_local=False)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise Busy([Problem(str(folder / LOCK), 1, 1, busy)]) from None
    try:
        yield
    finally:
        lock.release()


@contextlib.contextmanager
def workspace_lock(root: Path, busy: str, wait: float = 0.0) -> Iterator[None]:
    """Hold the lock of a workspace's entries (in outputs/, drafter's own folder): `next`,
    `importer` and the form's saves change inputs/ one at a time."""
    try:
        (root / "outputs").mkdir(exist_ok=True)
    except OSError as exc:
        raise DrafterError([os_problem(root / "outputs", exc, "dossier impossible")]) from None
    with exclusive(root / "outputs", busy, wait):
        yield
