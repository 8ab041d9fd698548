"""A workbook's zip checked part by part before any XML parser sees it (no openpyxl here).

Every part is read, whatever its name: openpyxl follows the package's relationships, which may
point anywhere. Refused: too many or too big parts (a zip bomb), macros, a part in UTF-16 or
UTF-32 or declaring another encoding than UTF-8 (a spreadsheet writes UTF-8; anything else
could hide an entity declaration from a byte scan), any DOCTYPE or ENTITY, and a part holding
more rows or cells than a sheet may (counted here, never taken from the sheet's dimension).
The rows marked hidden are noted, by part, for the reader to report.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from drafter.errors import DrafterError, Problem
from drafter.writing.outside import DECLARATIONS, WORKBOOK, open_package

MAX_ROWS = 5_000
MAX_COLUMNS = 40
MAX_CELLS = (MAX_ROWS + 1) * MAX_COLUMNS
_CHUNK = 1 << 20
_TAIL = 256  # bytes kept across chunks: longer than any tag looked for
_ROW_OR_CELL = re.compile(rb"<(?:\w+:)?(row|c)[\s>/]")
_HIDDEN_ROW = re.compile(rb"<(?:\w+:)?row\s[^>]*?\bhidden=[\"'](?:1|true)[\"'][^>]*>")
_ROW_NUMBER = re.compile(rb"\sr=[\"'](\d{1,7})[\"']")
# How a part in UTF-16 or UTF-32 begins: a byte order mark, or « < » on two or four bytes.
_WIDE = (b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<", b"\x00\x00\x00<", b"\x00\x00\xfe\xff")
_ENCODING = re.compile(rb"^\s*<\?xml[^>]*?encoding=[\"']([^\"']*)[\"']", re.IGNORECASE)
_MACROS = "classeur avec macros refusé : enregistrez-le au format .xlsx (Classeur Excel)"
_ENTITIES = (
    "classeur refusé : « {} » déclare des entités XML (DOCTYPE), ce qu'un tableur n'écrit jamais"
)
_TOO_BIG = (
    f"classeur refusé : une feuille ({{}}) dépasse {MAX_ROWS} lignes d'entrées ou {MAX_CELLS} "
    "cellules : scindez-la"
)
UNREADABLE = "classeur illisible ({}) : ouvrez-le et enregistrez-le au format .xlsx"


@dataclass
class Package:
    """What the scan learnt: the rows marked hidden, by part name."""

    hidden_rows: dict[str, list[int]] = field(default_factory=dict)


def check_container(path: Path, shown: str) -> Package:
    """Refuse, before any XML is parsed, a workbook that is too big, has macros or entities,
    or a part in another encoding than UTF-8; return the hidden rows of its parts."""
    suffix = path.suffix.lower()
    if suffix in (".xlsm", ".xltm", ".xlam"):
        raise refused(shown, _MACROS)
    if suffix != ".xlsx":
        raise refused(
            shown,
            f"format « {suffix or path.name} » non pris en charge : "
            "enregistrez le classeur au format .xlsx",
        )
    size = path.stat().st_size
    if size > WORKBOOK.file:
        raise refused(shown, f"classeur trop gros ({size} octets ; limite {WORKBOOK.file})")

    def refuse(reason: str) -> NoReturn:
        raise refused(shown, f"classeur refusé : {reason}")

    if not zipfile.is_zipfile(path):
        raise refused(shown, UNREADABLE.format("pas une archive .xlsx"))
    with open_package(path, WORKBOOK, refuse) as archive:
        return _check_members(archive, shown)


def _check_members(archive: zipfile.ZipFile, shown: str) -> Package:
    """Refuse macros, then check every member (the package's size is checked already)."""
    package = Package()
    for info in archive.infolist():
        if info.filename.lower().endswith("vbaproject.bin"):
            raise refused(shown, _MACROS)
        hidden = _check_member(archive, info, shown)
        if hidden:
            package.hidden_rows[info.filename] = hidden
    return package


def _check_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, shown: str) -> list[int]:
    """Refuse a member in a wide or foreign encoding, with declarations, or past the row or
    cell limit of a sheet; return the rows it marks hidden."""
    tail, counts, hidden = b"", {b"row": 0, b"c": 0}, list[int]()
    with archive.open(info) as member:
        chunk = member.read(_CHUNK)
        _check_encoding(chunk, info.filename, shown)
        while chunk:
            window = tail + chunk
            if DECLARATIONS.search(window):
                raise refused(shown, _ENTITIES.format(info.filename))
            _count(window, len(tail), counts, hidden)
            if counts[b"row"] > MAX_ROWS + 1 or counts[b"c"] > MAX_CELLS:
                raise refused(shown, _TOO_BIG.format(info.filename))
            tail, chunk = window[-_TAIL:], member.read(_CHUNK)
    return hidden


def _count(window: bytes, skip: int, counts: dict[bytes, int], hidden: list[int]) -> None:
    """Count the row and cell tags of a window, and note hidden rows; a tag split by the
    chunk boundary is counted once: where it ends past the tail kept from the last chunk."""
    for match in _ROW_OR_CELL.finditer(window):
        if match.end() > skip:
            counts[match.group(1)] += 1
    for match in _HIDDEN_ROW.finditer(window):
        number = _ROW_NUMBER.search(match.group(0))
        if match.end() > skip and number is not None:
            hidden.append(int(number.group(1)))


def _check_encoding(head: bytes, name: str, shown: str) -> None:
    """Refuse a part written in UTF-16/32 or declaring an encoding other than UTF-8."""
    declared = _ENCODING.match(head.removeprefix(b"\xef\xbb\xbf"))
    encoding = declared.group(1).decode("ascii", "replace").lower() if declared else "utf-8"
    if head.startswith(_WIDE) or encoding not in ("utf-8", "utf8", "us-ascii", "ascii"):
        shown_encoding = encoding if declared else "UTF-16 ou UTF-32"
        raise refused(
            shown,
            f"classeur refusé : « {name} » est écrit en {shown_encoding}, pas en UTF-8 comme "
            "l'écrivent Excel et LibreOffice : ouvrez-le et enregistrez-le au format .xlsx",
        )


def refused(shown: str, message: str) -> DrafterError:
    """Return the error of a whole workbook refused."""
    return DrafterError([Problem(shown, 1, 1, message, cell="")])
