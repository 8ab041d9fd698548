"""Safe reads from a workspace shared by many services: every file drafter reads goes through here.

Only regular files are opened (a named pipe would block forever, a device never ends), their
size is checked from `stat` and again by a bounded read (sparse or growing files), and symbolic
links are followed only when they stay inside the workspace; loops and dangling links are
reported, never a traceback. YAML nesting is bounded by a cheap scan before the parser sees
the text (PyYAML takes quadratic time on deep flow collections).
"""

from __future__ import annotations

import errno
import os
import re
import stat
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from drafter.errors import os_problem
from drafter.writing.outside import REFERENCE

MAX_FILE = 1_000_000
MAX_REFERENCE = REFERENCE.file  # templates/reference.docx: a Word file with its images
MAX_DEPTH = 40
_KINDS = (
    (stat.S_ISFIFO, "un tube nommé"),
    (stat.S_ISSOCK, "une socket"),
    (stat.S_ISCHR, "un périphérique"),
    (stat.S_ISBLK, "un périphérique"),
    (stat.S_ISDIR, "un dossier"),
)
_QUOTED_OR_COMMENT = re.compile(r"'[^'\n]*'|\"(?:[^\"\\\n]|\\.)*\"|(?:^|\s)#[^\n]*", re.M)


class Unreadable(Exception):
    """A file drafter will not read; the message (French) says why and what to do."""


def read_bounded(path: Path, root: Path, limit: int = MAX_FILE) -> bytes:
    """Return the bytes of a regular file inside root, at most `limit`; raise Unreadable."""
    real, reason = _resolved(path, root)
    if reason:
        raise Unreadable(reason)
    status = os.stat(real)
    _check_regular(status.st_mode)
    if status.st_size > limit:
        raise Unreadable(_too_big(status.st_size, limit))
    with open(real, "rb", opener=_non_blocking) as handle:
        _check_regular(os.fstat(handle.fileno()).st_mode)  # swapped since the stat
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise Unreadable(_too_big(len(data), limit))
    return data


def read_head(path: Path, root: Path, size: int = 4096) -> bytes:
    """Return the first bytes of a readable regular file, or b"" for anything else."""
    try:
        return read_bounded(path, root)[:size]
    except (Unreadable, OSError):
        return b""


def _non_blocking(name: str, flags: int) -> int:
    return os.open(name, flags | os.O_NONBLOCK)


def resolve_inside(path: Path, root: Path) -> Path:
    """Return path with its links resolved, when it stays inside root; raise Unreadable."""
    real, reason = _resolved(path, root)
    if reason:
        raise Unreadable(reason)
    return Path(real)


def link_problem(path: Path, root: Path) -> str | None:
    """Return why the links on path must not be followed (loop, dangling, outside), or None."""
    return _resolved(path, root)[1]


def _resolved(path: Path, root: Path) -> tuple[str, str | None]:
    """Return path's real path (resolved once) and why it must not be followed, or None."""
    try:
        real = os.path.realpath(path, strict=True)
    except OSError as exc:
        return "", _broken_link(path, exc)
    if not _inside(real, root):
        return real, "lien symbolique vers l'extérieur de l'espace de travail : non suivi"
    return real, None


def _inside(real: str, root: Path) -> bool:
    """Return True when a resolved path lies under root, resolving root only when needed.

    A resolved path holds no link, no `.` and no `..`: when root as written is one of its
    ancestors, root is resolved already (the common case, and the cost of a second
    `realpath` for each file read); otherwise root itself goes through links."""
    if real.startswith(os.path.join(root, "")):  # "/ws/" for /ws, "/" for /
        return True
    # A relative root (".", the usual workspace) as an absolute path: a string operation,
    # where resolving it went through each folder from / for every file read. Without "..",
    # a root that starts a resolved path is resolved as written, as above.
    if ".." not in root.parts and real.startswith(os.path.join(os.path.abspath(root), "")):
        return True
    return Path(real).is_relative_to(os.path.realpath(root))


def _broken_link(path: Path, exc: OSError) -> str:
    """Return why a path that does not resolve is skipped; raise Unreadable for other errors."""
    if exc.errno == errno.ELOOP:
        return "boucle de liens symboliques : corrigez ou supprimez le lien"
    if os.path.islink(path):
        return "lien symbolique cassé (sa cible n'existe pas) : ignoré"
    raise Unreadable(describe(exc)) from None


def _check_regular(mode: int) -> None:
    if stat.S_ISREG(mode):
        return  # the common case, one test
    for test, kind in _KINDS:
        if test(mode):
            raise Unreadable(f"ce n'est pas un fichier ordinaire mais {kind} : non lu")


def _too_big(size: int, limit: int) -> str:
    return f"fichier trop gros ({size} octets ; limite {limit}) : scindez-le ou allégez-le"


def describe(exc: OSError) -> str:
    """Return a French reason for a system error (strerror is in English)."""
    return os_problem("", exc, "lecture impossible").message


def folder_problems(folder: Path, root: Path) -> Iterator[tuple[Path, str]]:
    """Yield each file under folder (templates/) that drafter must not read, with the reason."""
    if not os.path.isdir(folder):
        return
    for dirpath, dirnames, filenames in os.walk(folder, onerror=_raise):
        for name in sorted(filenames + [d for d in dirnames if os.path.islink(f"{dirpath}/{d}")]):
            path = Path(dirpath) / name
            reason = _file_reason(path, root)
            if reason:
                yield path, reason


def _raise(exc: OSError) -> None:
    raise exc


def _file_reason(path: Path, root: Path) -> str | None:
    limit = MAX_REFERENCE if path.suffix == ".docx" else MAX_FILE
    try:
        status = os.stat(resolve_inside(path, root))
        _check_regular(status.st_mode)
        size = status.st_size
    except Unreadable as exc:
        return str(exc)
    except OSError as exc:
        return describe(exc)
    return _too_big(size, limit) if size > limit else None


def nesting_problem(text: str) -> tuple[int, str] | None:
    """Return (line, message) when flow collections nest deeper than MAX_DEPTH, else None."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None  # the common case, decided at C speed
    bare = _QUOTED_OR_COMMENT.sub(_blank, text)
    depth = 0
    for bracket in re.finditer(r"[\[\]{}]", bare):
        depth = max(depth + (1 if bracket.group() in "[{" else -1), 0)
        if depth > MAX_DEPTH:
            line = bare.count("\n", 0, bracket.start()) + 1
            message = (
                f"listes ou dictionnaires imbriqués sur plus de {MAX_DEPTH} niveaux : "
                "simplifiez le fichier"
            )
            return line, message
    return None


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group())


# Invisible or private characters: a value holding them looks valid in every message.
_HIDDEN = re.compile(
    "[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\ue000-\uf8ff\U000f0000-\U0010ffff]"
)


def normalise(text: str) -> str:
    """Return the text in NFC, with the Unicode line and paragraph separators as spaces.

    PDF copies give decomposed accents (e + U+0301) that compare unequal to typed ones; U+2028
    and U+2029 would start a new line (a title, a bullet) in the draft.
    """
    flat = text.replace("\u2028", " ").replace("\u2029", " ")  # translate() is 100x slower
    return unicodedata.normalize("NFC", flat)


def hidden_characters(text: str) -> list[tuple[int, int, str]]:
    """Return (line, column, message) for each invisible or private-use character."""
    found = []
    for match in _HIDDEN.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - text.rfind("\n", 0, match.start())
        char = match.group()
        kind = "à usage privé" if unicodedata.category(char) == "Co" else "invisible"
        name = unicodedata.name(char, "").lower()
        label = f"U+{ord(char):04X}{f' ({name})' if name else ''}"
        found.append((line, column, f"caractère {kind} {label} : supprimez-le"))
    return found


_BAD_NAME = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def name_problem(name: str) -> str | None:
    """Return why a file name cannot be shown or traced (control or non-UTF-8 bytes), or None."""
    if _BAD_NAME.search(name):
        return "nom de fichier avec un caractère de contrôle ou non UTF-8 : renommez-le (non lu)"
    return None


def printable(text: str) -> str:
    """Return text with control characters and undecodable bytes as \\xNN escapes."""
    raw = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return _BAD_NAME.sub(lambda m: f"\\x{ord(m.group()):02x}", raw)
