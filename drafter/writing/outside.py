"""One guard for every file that comes from outside the secretariat's own hands: a
contributor's workbook (.xlsx), a ministry's reference document and the editors' draft
(.docx), a translator's catalogue (.po). Each kind has its limits here, in one table; the
reading is the same for all: a regular file (never a link, a pipe or a device), bounded
before it is read whole; a zip bounded in parts and unpacked size before any part is read;
XML parsed by defusedxml (no DTD, no entity: billion laughs and external entities refused)
before lxml, openpyxl or python-docx see it.

Each caller says how a refusal reads to its user (`refuse`): « classeur refusé », « brouillon
illisible », « document de référence… », at the file's own name.
"""

from __future__ import annotations

import io
import os
import re
import stat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

Refuse = Callable[[str], NoReturn]


@dataclass(frozen=True)
class Limits:
    """How big a file of one kind may be: on disk, in parts, unpacked, one XML part."""

    file: int
    parts: int = 1_000
    unpacked: int = 0
    part: int = 0


WORKBOOK = Limits(file=10_000_000, parts=1_000, unpacked=50_000_000, part=50_000_000)
REFERENCE = Limits(file=20_000_000, parts=1_000, unpacked=100_000_000, part=100_000_000)
# an editors' draft, its images included; XML: 10,000 rich entries make 12 Mo (136 Mo as a tree)
DRAFT = Limits(file=100_000_000, parts=1_000, unpacked=200_000_000, part=50_000_000)
CATALOGUE = Limits(file=20_000_000)  # a .po: 10,000 sentences and their English make 5 Mo
# Entity declarations in any encoding a parser might be talked into (UTF-8 and ASCII-like,
# UTF-16 and UTF-32 either way round): refused wherever they are, by a scan of the bytes.
DECLARATIONS = re.compile(
    b"|".join(
        re.escape(word.encode(encoding))
        for word in ("<!DOCTYPE", "<!ENTITY")
        for encoding in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
    ),
    re.IGNORECASE,
)
_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def read_regular(path: Path, limit: int, refuse: Refuse, links: bool = False) -> bytes:
    """Return a regular file's bytes, refusing a pipe or device, more than limit, and a link
    unless `links` (a path the workspace's reader already resolved inside it)."""
    flags = _FLAGS & ~getattr(os, "O_NOFOLLOW", 0) if links else _FLAGS
    try:
        if path.is_symlink() and not links:
            refuse("c'est un lien symbolique, que drafter ne suit pas")
        with open(path, "rb", opener=lambda name, _: os.open(name, flags)) as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                refuse("ce n'est pas un fichier ordinaire")
            data = handle.read(limit + 1)
    except OSError as exc:
        refuse(exc.strerror or exc.__class__.__name__)
    if len(data) > limit:
        refuse(f"plus de {limit} octets")
    return data


def open_package(source: bytes | Path, limits: Limits, refuse: Refuse) -> zipfile.ZipFile:
    """Return a zip whose parts are few and small enough, unpacked, for its kind: a zip bomb
    is refused before a part is read. The caller closes it."""
    try:
        package = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError):
        refuse("ce n'est pas une archive lisible")
    infos = package.infolist()
    unpacked = sum(info.file_size for info in infos)
    if len(infos) > limits.parts or unpacked > limits.unpacked:
        package.close()
        refuse(f"démesuré une fois décompressé : {len(infos)} parties, {unpacked} octets")
    large = next((i for i in infos if i.file_size > limits.part and _is_xml(i.filename)), None)
    if large is not None:
        package.close()
        refuse(f"partie {large.filename} de {large.file_size} octets")
    return package


def parse_xml(name: str, data: bytes, refuse: Refuse) -> Element:
    """Return an XML part parsed by defusedxml: a DTD or an entity is refused, as malformed
    XML is, with the part's name and line."""
    try:
        root: Element = fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        refuse(f"partie {name} : déclarations XML (DOCTYPE, ENTITY) refusées")
    except ParseError as exc:
        refuse(f"partie {name} mal formée, ligne {exc.position[0]}")
    return root


def _is_xml(name: str) -> bool:
    return name.endswith((".xml", ".rels"))
