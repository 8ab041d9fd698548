"""Safe writing, in one place: a temporary file beside the target, fsync, `os.replace`.

Every file drafter writes goes through here, so a reader (or a rerun after a crash) sees the
old file or the new one, never half of it. Two ways to name the temporary:
- unnamed (`mkstemp`, `.name.XXXX.tmp`): concurrent writers never share one, and a failure
  removes it; drafts' folders sweep the ones a killed run left (writing/outputs.py);
- named by the caller (`drafter next`): a killed run's leftover has a known name, so the rerun
  writes it again and the result is the same whatever the instant of the interruption.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from drafter.errors import DrafterError, os_problem

TEMPORARY = ".tmp"


def write_file(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Replace path with data (bytes, or pieces written as they come) atomically; an OSError
    becomes a French problem naming the path."""
    try:
        replace_file(path, data)
    except OSError as exc:
        raise DrafterError([os_problem(path, exc, "écriture impossible")]) from None


def replace_file(path: Path, data: bytes | Iterable[bytes], temporary: Path | None = None) -> None:
    """Replace path with data through a temporary (named, or unnamed); raise OSError."""
    with replacing(path, temporary) as stream:
        stream.writelines([data] if isinstance(data, bytes) else data)


@contextlib.contextmanager
def replacing(path: Path, temporary: Path | None = None) -> Iterator[BinaryIO]:
    """Yield a stream on a temporary beside path; once it is written, fsync it and put it in
    place of path. On any failure the temporary goes and path is untouched."""
    name = None
    try:
        handle, name = _create(path, temporary)
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(name, path)
    except BaseException:  # pieces may fail as they are made: no temporary left
        if name is not None:
            with contextlib.suppress(OSError):
                os.unlink(name)
        raise


def _create(path: Path, temporary: Path | None) -> tuple[int, str]:
    """Open a new temporary with a normal file's permissions (mkstemp makes 0600)."""
    if temporary is None:
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMPORARY)
        os.chmod(name, 0o666 & ~_umask())
        return handle, name
    temporary.unlink(missing_ok=True)  # a leftover of an interrupted run
    return os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), str(temporary)


def copy_file(source: Path, target: Path, temporary: Path) -> None:
    """Copy source (a file, or a link as a link) to target through the temporary, keep its
    times and mode, and make the new name durable (fsync of the folder); raise OSError."""
    if source.is_symlink():
        temporary.unlink(missing_ok=True)
        os.symlink(os.readlink(source), temporary)
        os.replace(temporary, target)
    else:
        with open(source, "rb") as reading, replacing(target, temporary) as writing:
            shutil.copyfileobj(reading, writing)
            writing.flush()
            shutil.copystat(source, temporary)
    _flush_folder(target.parent)


def rename_folder(written: Path, target: Path) -> None:
    """Give a folder written under a hidden name its real name, durably; raise OSError
    (never over an existing folder's files: os.rename refuses a non-empty one)."""
    os.rename(written, target)
    _flush_folder(target.parent)


def _flush_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
