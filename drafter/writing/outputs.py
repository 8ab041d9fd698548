"""Writing drafts safely: atomic replace, and never over a file an editor has changed."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: builds are not serialised there
    fcntl = None  # type: ignore[assignment]

from drafter.errors import DrafterError, Problem

MANIFEST = ".drafter-manifest.json"
LOCK = ".drafter.lock"


@dataclass(frozen=True)
class Written:
    """Where a draft went, and whether an editor's file was kept aside."""

    path: Path
    kept: Path | None = None


def write_output(path: Path, data: bytes, force: bool = False) -> Written:
    """Write data to path atomically, or beside it when the file there was changed by hand."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with _locked(path.parent):
            return _write_locked(path, data, force)
    except OSError as exc:
        raise DrafterError(
            [Problem(str(path), 1, 1, f"écriture impossible : {exc.strerror}")]
        ) from None


def _write_locked(path: Path, data: bytes, force: bool) -> Written:
    manifest = _read_manifest(path.parent)
    target = path
    if path.exists() and not force and not _unchanged(path, manifest):
        target = _free_name(path)
    _atomic_write(target, data)
    manifest[target.name] = _digest(data)
    text = json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    _atomic_write(path.parent / MANIFEST, text.encode())
    return Written(target, path if target != path else None)


def is_edited(path: Path) -> bool:
    """Return whether the file at path was changed since drafter wrote it (or not by it)."""
    return path.exists() and not _unchanged(path, _read_manifest(path.parent))


def free_name(path: Path) -> Path:
    """Return the first `name (k).docx` beside path that does not exist yet (k from 2)."""
    return _free_name(path)


def _unchanged(path: Path, manifest: dict[str, str]) -> bool:
    return manifest.get(path.name) == _digest(path.read_bytes())


def _free_name(path: Path) -> Path:
    number = 2
    while (candidate := path.with_name(f"{path.stem} ({number}){path.suffix}")).exists():
        number += 1
    return candidate


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_manifest(folder: Path) -> dict[str, str]:
    try:
        value = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def _atomic_write(path: Path, data: bytes) -> None:
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; a draft is a normal file
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(temporary)
        raise DrafterError(
            [Problem(str(path), 1, 1, f"écriture impossible : {exc.strerror}")]
        ) from None


def write_file(path: Path, data: bytes) -> None:
    """Replace path with data atomically, without the drafts' manifest (entry files)."""
    _atomic_write(path, data)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    with open(folder / LOCK, "a+b") as lock:
        if fcntl is not None:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        yield
