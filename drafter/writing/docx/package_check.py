"""Word documents from outside checked before python-docx opens them.

The reference document (often a ministry's template; everything in it is carried into every
draft) is refused, with `templates/reference.docx:1:1: …`, when it is not a zip, inflates past
100 Mo (a zip bomb) or holds thousands of parts, has missing or malformed parts, no section,
a header or footer without a paragraph, or macros; relationships to external targets
(attached template, linked images, frames) are removed, so Word does not fetch them from each
draft. The editors' draft a merge reads gets the same package checks, a body and numeric
comment ids, and is never read through a symbolic link: « brouillon illisible » with its path.
"""

from __future__ import annotations

import io
import os
import re
import stat
import zipfile
from pathlib import Path
from typing import NoReturn

from lxml import etree

from drafter.errors import DrafterError, Problem

MAX_FILE = 20_000_000
MAX_DRAFT = 100_000_000  # an editors' draft, its images included
MAX_DRAFT_INFLATED = 200_000_000
MAX_DRAFT_PART = 50_000_000  # XML: 10,000 rich entries make 12 Mo (136 Mo as a tree)
MAX_INFLATED = 100_000_000
MAX_PARTS = 1000
REQUIRED = ("[Content_Types].xml", "word/document.xml", "word/styles.xml")
_MACROS = re.compile(r"vbaProject|vbaData|activeX|macroEnabled", re.IGNORECASE)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_HYPERLINK = "/hyperlink"
_COMMENT_MARKS = tuple(
    f"{{{_W}}}{tag}"
    for tag in ("comment", "commentRangeStart", "commentRangeEnd", "commentReference")
)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def checked_reference(path: Path) -> io.BytesIO:
    """Return the reference document, checked and without external relationships."""
    shown = f"templates/{path.name}"
    try:
        with zipfile.ZipFile(io.BytesIO(_read(path, shown))) as package:
            parts = _checked_parts(package, shown)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError):
        _refuse(shown, "ce n'est pas un document Word (.docx) lisible : enregistrez-le en .docx")
    return _repacked(parts)


def _read(path: Path, shown: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE + 1)
    except OSError as exc:
        _refuse(shown, f"document de référence illisible ({exc.__class__.__name__})")
    if len(data) > MAX_FILE:
        _refuse(shown, f"document de référence trop gros (limite {MAX_FILE} octets)")
    return data


def _checked_parts(package: zipfile.ZipFile, shown: str) -> dict[str, bytes]:
    infos = package.infolist()
    if len(infos) > MAX_PARTS or sum(i.file_size for i in infos) > MAX_INFLATED:
        _refuse(shown, f"document de référence démesuré une fois décompressé (> {MAX_INFLATED})")
    names = [i.filename for i in infos]
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        _refuse(shown, f"partie {missing[0]} absente : ce n'est pas un document Word complet")
    parts = {name: package.read(name) for name in names}
    if any(_MACROS.search(name) for name in names) or _MACROS.search(
        parts["[Content_Types].xml"].decode("utf-8", "replace")
    ):
        _refuse(shown, "le document de référence contient des macros : enregistrez-le en .docx")
    return {name: _checked_part(name, data, shown) for name, data in parts.items()}


def _checked_part(name: str, data: bytes, shown: str) -> bytes:
    if not name.endswith((".xml", ".rels")):
        return data
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        _refuse(shown, f"partie {name} mal formée (XML, ligne {exc.lineno}) : réenregistrez-le")
    if name == "word/document.xml" and root.find(f".//{{{_W}}}sectPr") is None:
        _refuse(shown, "le document de référence n'a aucune section (w:sectPr)")
    if re.fullmatch(r"word/(header|footer)\d*\.xml", name) and root.find(f"{{{_W}}}p") is None:
        _refuse(shown, f"{name} : en-tête ou pied de page sans paragraphe (un tableau seul ?)")
    return _without_external(root) if name.endswith(".rels") else data


def _without_external(rels: etree._Element) -> bytes:
    """Return the relationships without external targets (hyperlinks aside)."""
    for rel in list(rels):
        if rel.get("TargetMode") == "External" and not rel.get("Type", "").endswith(_HYPERLINK):
            rels.remove(rel)
    return bytes(etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True))


def _repacked(parts: dict[str, bytes]) -> io.BytesIO:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as package:  # read once, in memory
        for name, data in parts.items():
            package.writestr(name, data)
    out.seek(0)
    return out


def checked_draft(path: Path, shown: str) -> bytes:
    """Return the bytes of the editors' draft once its package is checked: a regular file
    (no link followed), not a zip bomb, every part well-formed XML, a body, comment ids that
    are numbers; raise « brouillon illisible » otherwise."""
    data = _read_draft(path, shown)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            _check_draft_parts(package, shown)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError):
        unreadable_draft(shown, "ce n'est pas un document Word (.docx)")
    return data


def _read_draft(path: Path, shown: str) -> bytes:
    """Return a draft's bytes, refusing a link, a special file, or a file past the limit."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        if path.is_symlink():
            unreadable_draft(shown, "c'est un lien symbolique, que drafter ne suit pas")
        with open(path, "rb", opener=lambda name, _: os.open(name, flags)) as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                unreadable_draft(shown, "ce n'est pas un fichier ordinaire")
            data = handle.read(MAX_DRAFT + 1)
    except OSError as exc:
        unreadable_draft(shown, exc.strerror or exc.__class__.__name__)
    if len(data) > MAX_DRAFT:
        unreadable_draft(shown, f"plus de {MAX_DRAFT} octets")
    return data


def _check_draft_parts(package: zipfile.ZipFile, shown: str) -> None:
    """Refuse a bomb, a missing or malformed part, a missing body, a comment id not a number."""
    infos = package.infolist()
    inflated = sum(i.file_size for i in infos)
    if len(infos) > MAX_PARTS or inflated > MAX_DRAFT_INFLATED:
        unreadable_draft(shown, f"{len(infos)} parties, {inflated} octets une fois décompressé")
    names = {i.filename for i in infos}
    for name in ("[Content_Types].xml", "word/document.xml"):
        if name not in names:
            unreadable_draft(shown, f"partie {name} absente")
    for info in infos:
        if info.filename.endswith((".xml", ".rels")) and info.file_size > MAX_DRAFT_PART:
            unreadable_draft(shown, f"partie {info.filename} de {info.file_size} octets")
        if info.filename.endswith((".xml", ".rels")):
            _check_draft_part(info.filename, package.read(info), shown)


def _check_draft_part(name: str, data: bytes, shown: str) -> None:
    """Refuse a malformed part, a document without body, a comment id that is no number."""
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        unreadable_draft(shown, f"partie {name} mal formée, ligne {exc.lineno}")
    if name == "word/document.xml" and root.find(f"{{{_W}}}body") is None:
        unreadable_draft(shown, "le document n'a pas de corps (w:body)")
    for element in root.iter(*_COMMENT_MARKS):
        number = element.get(f"{{{_W}}}id", "")
        if not (number.isascii() and number.isdigit() and len(number) < 10):
            unreadable_draft(shown, f"partie {name} : identifiant de commentaire « {number[:20]} »")


def unreadable_draft(shown: str, reason: str) -> NoReturn:
    message = f"brouillon illisible ({reason}) : --force pour écrire un brouillon neuf"
    raise DrafterError([Problem(shown, 1, 1, message)])


def _refuse(shown: str, message: str) -> NoReturn:
    raise DrafterError([Problem(shown, 1, 1, message)])
