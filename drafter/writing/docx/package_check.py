"""A reference document checked before python-docx opens it: it comes from outside, often a
ministry's Word template, and everything in it is carried into every draft.

Refused, with `templates/reference.docx:1:1: …`: what is not a zip, a zip that inflates past
100 Mo (a zip bomb) or holds thousands of parts, missing or malformed parts, no section, a
header or footer without a paragraph, macros. Removed: relationships to external targets
(attached template, linked images, frames), which would make Word fetch them from each draft.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import NoReturn

from lxml import etree

from drafter.errors import DrafterError, Problem

MAX_FILE = 20_000_000
MAX_INFLATED = 100_000_000
MAX_PARTS = 1000
REQUIRED = ("[Content_Types].xml", "word/document.xml", "word/styles.xml")
_MACROS = re.compile(r"vbaProject|vbaData|activeX|macroEnabled", re.IGNORECASE)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_HYPERLINK = "/hyperlink"
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


def _refuse(shown: str, message: str) -> NoReturn:
    raise DrafterError([Problem(shown, 1, 1, message)])
