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
import re
import zipfile
from pathlib import Path
from typing import NoReturn

from lxml import etree

from drafter.errors import DrafterError, Problem
from drafter.writing.outside import DRAFT, REFERENCE, open_package, parse_xml, read_regular

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

    def refuse(reason: str) -> NoReturn:
        _refuse(shown, f"document de référence illisible ({reason}) : enregistrez-le en .docx")

    data = read_regular(path, REFERENCE.file, refuse, links=True)
    if not zipfile.is_zipfile(io.BytesIO(data)):
        _refuse(shown, "ce n'est pas un document Word (.docx) lisible : enregistrez-le en .docx")
    with open_package(data, REFERENCE, refuse) as package:
        parts = _checked_parts(package, shown)
    return _repacked(parts)


def _checked_parts(package: zipfile.ZipFile, shown: str) -> dict[str, bytes]:
    names = [i.filename for i in package.infolist()]
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

    def refuse(reason: str) -> NoReturn:
        _refuse(shown, f"document de référence illisible ({reason}) : réenregistrez-le")

    parse_xml(name, data, refuse)
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
    (no link followed), not a zip bomb, every part well-formed XML without DTD, a body,
    comment ids that are numbers; raise « brouillon illisible » otherwise."""

    def refuse(reason: str) -> NoReturn:
        unreadable_draft(shown, reason)

    data = read_regular(path, DRAFT.file, refuse)
    if not zipfile.is_zipfile(io.BytesIO(data)):
        refuse("ce n'est pas un document Word (.docx)")
    with open_package(data, DRAFT, refuse) as package:
        _check_draft_parts(package, shown)
    return data


def _check_draft_parts(package: zipfile.ZipFile, shown: str) -> None:
    """Refuse a missing or malformed part, a missing body, a comment id not a number."""
    infos = package.infolist()
    names = {i.filename for i in infos}
    for name in ("[Content_Types].xml", "word/document.xml"):
        if name not in names:
            unreadable_draft(shown, f"partie {name} absente")
    for info in infos:
        if info.filename.endswith((".xml", ".rels")):
            _check_draft_part(info.filename, package.read(info), shown)


def _check_draft_part(name: str, data: bytes, shown: str) -> None:
    """Refuse a malformed part, a document without body, a comment id that is no number."""
    parse_xml(name, data, lambda reason: unreadable_draft(shown, reason))
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
