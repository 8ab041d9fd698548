"""Translation catalogues (`traductions/en.po`) read as GNU PO, into the model. polib is
owned by this module; writing/catalogue_writer.py writes as msgcat does, without it.

Why polib: Babel 2.19's `read_po` ignores `#|` lines, so the French a fuzzy translation was
made from would be lost; polib reads `#| msgid` as GNU gettext does. polib lets an unclosed
string pass, so each line is checked first. A catalogue as gettext's tools and drafter write
it is read by po_file.py, polib's reading in one pass (a third of its time); polib itself
(imported then) reads the rest, and says in its words what is wrong with it.

drafter reads what GNU gettext reads (`msgfmt -c`): the encoding its `charset` header names,
one message per context, no plural forms; anything else is an error at its line and column,
so that `drafter traductions` never rewrites (and loses) what it did not understand.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from drafter.data import read_data
from drafter.errors import DrafterError, Problem
from drafter.model import Catalogue, CatalogueMessage
from drafter.reading.po_file import PoEntry, PoFile, read_po
from drafter.reading.yaml_nodes import read_documents, to_plain
from drafter.writing.outside import CATALOGUE, read_regular

if TYPE_CHECKING:
    import polib

_SYNTAX_LINE = re.compile(r"\(line (\d+)\)")
_CHARSET = re.compile(rb"charset=([^\s\\\"]*)")
_BOM = codecs.BOM_UTF8
_SYNTAX = "catalogue illisible (syntaxe PO)"


def catalogue_header(language: str = "") -> str:
    """Return the header drafter writes atop a new catalogue of this language, or atop the
    template (drafter.pot) without one: data/traductions.yaml, its {numero} to fill."""
    wording = to_plain(read_documents(read_data("traductions.yaml"), "traductions.yaml"))  # type: ignore[arg-type]
    assert isinstance(wording, dict)
    return str(wording["entete"][language] if language else wording["entete_modele"])


def read_catalogue(path: Path, shown: str) -> Catalogue:
    """Read a PO file (a regular file of reasonable size: writing/outside.py); a syntax
    error is a DrafterError at `shown:LINE:COL`."""

    def refuse(reason: str) -> NoReturn:
        raise DrafterError([Problem(shown, 1, 1, f"catalogue illisible ({reason})")])

    data = read_regular(path, CATALOGUE.file, refuse, links=True)
    return parse_catalogue(decode_catalogue(data, shown), shown)


def decode_catalogue(data: bytes, shown: str) -> str:
    """Return the text of a PO file in the encoding its header names (UTF-8 when it names
    none), as gettext reads it; a BOM, an unknown encoding or a byte outside it is an error."""
    if data.startswith(_BOM):
        message = (
            "catalogue illisible : le fichier commence par une marque d'ordre des octets (BOM), "
            "que gettext refuse ; enregistrez-le en UTF-8 sans BOM"
        )
        raise DrafterError([Problem(shown, 1, 1, message)])
    charset = _CHARSET.search(data)
    name = charset.group(1).decode("ascii", "replace") if charset else "UTF-8"
    encoding = _encoding(name, data, charset.start(1) if charset else 0, shown)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        message = (
            f"catalogue illisible : l'octet 0x{data[exc.start]:02X} n'est pas du {name}, "
            f"l'encodage que déclare son en-tête (charset) ; enregistrez-le en UTF-8"
        )
        raise DrafterError([Problem(shown, line, column, message)]) from None


def _encoding(name: str, data: bytes, offset: int, shown: str) -> str:
    """Return Python's codec for a gettext charset name; ASCII for a template's `CHARSET`."""
    if name == "CHARSET":
        return "ascii"
    try:
        codec = codecs.lookup(name).name
        readable = 'msgid ""\n'.encode(codec) == b'msgid ""\n'
    except LookupError:
        codec, readable = "", False
    if not readable:  # gettext reads only encodings that keep ASCII as it is
        line, column = _position(data, offset)
        message = f"catalogue illisible : encodage inconnu « {name} » (charset de l'en-tête)"
        raise DrafterError([Problem(shown, line, column, message)])
    return codec


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """Return the 1-based line and column (in characters) of a byte offset."""
    start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[start:offset].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def parse_catalogue(text: str, shown: str) -> Catalogue:
    """Parse the text of a PO file (`shown` names it in problems)."""
    problem = syntax_problem(text, shown)
    if problem is not None:
        raise DrafterError([problem])
    read = read_po(text)
    po = read if read is not None else _polib_read(text, shown)
    lines = text.splitlines()
    entries = po.entries
    problems = _plural_problems(entries, lines, shown)
    problems += _duplicate_problems(entries, lines, shown)
    if problems:
        raise DrafterError(sorted(problems))
    messages = tuple(_message(entry, lines) for entry in entries)
    return Catalogue(messages, dict(po.metadata), po.header)


def _polib_read(text: str, shown: str) -> PoFile:
    """Return what polib reads of a catalogue po_file.py leaves to it; its syntax error is
    a DrafterError at its line."""
    import polib

    try:
        po = polib.pofile(text)
    except (OSError, ValueError, UnicodeError) as exc:
        match = _SYNTAX_LINE.search(str(exc))
        detail = str(exc).split(": ", 1)[-1] if match else str(exc)
        message = f"{_SYNTAX} : {detail}"
        raise DrafterError(
            [Problem(shown, int(match.group(1)) if match else 1, 1, message)]
        ) from None
    return PoFile([_entry(e) for e in po], dict(po.metadata), po.header)


def _entry(entry: polib.POEntry) -> PoEntry:
    """Return a polib entry's fields that drafter reads."""
    fields = ("msgctxt", "msgid", "msgid_plural", "msgstr", "previous_msgctxt")
    found = PoEntry(entry.linenum, **{name: getattr(entry, name) for name in fields})
    found.previous_msgid, found.obsolete = entry.previous_msgid, entry.obsolete
    found.tcomment, found.comment = entry.tcomment, entry.comment
    found.occurrences, found.flags = list(entry.occurrences), list(entry.flags)
    return found


_STRING = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'  # an escape, or any character but these
_KEYWORD = r"(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)"
_PO_LINE = re.compile(rf"(?:{_KEYWORD}[ \t]+)?{_STRING}[ \t]*")
_KEYWORD_START = re.compile(rf"{_KEYWORD}[ \t]+")


# A line that is not PO, found in one search of the whole text (`_line_body`'s marks, then
# `_PO_LINE`): the line by line check below runs only from the line it is on.
_BAD_LINE = re.compile(
    rf"^(?![ \t]*(?:(?:#~\||#~|#\|)[ \t]*{_PO_LINE.pattern}|{_PO_LINE.pattern}|#(?![~|]).*|)$)",
    re.MULTILINE,
)
# What str.splitlines() ends a line at besides "\n" (the search above knows "\n" only).
_OTHER_BREAKS = re.compile("[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def syntax_problem(text: str, shown: str) -> Problem | None:
    """Return the first line that is not PO (polib lets an unclosed string pass), at its
    column: each line is a comment, or a keyword and a closed string, or a closed string."""
    if _OTHER_BREAKS.search(text) is None:
        bad = _BAD_LINE.search(text)
        if bad is None:
            return None
        first = text.count("\n", 0, bad.start())
        return _first_problem(text[bad.start() :].splitlines(), first, shown)
    return _first_problem(text.splitlines(), 0, shown)


def _first_problem(lines: list[str], before: int, shown: str) -> Problem | None:
    """Return the first of these lines that is not PO (`before` lines precede them)."""
    for number, line in enumerate(lines, start=before + 1):
        body, column = _line_body(line)
        if body and not _PO_LINE.fullmatch(body):
            keyword = _KEYWORD_START.match(body)
            column += keyword.end() if keyword else 0
            what = "chaîne non fermée ou mal échappée" if keyword else "ligne non reconnue"
            return Problem(shown, number, column, f"{_SYNTAX} : {what}")
    return None


def _line_body(line: str) -> tuple[str, int]:
    """Return what a PO line holds past its obsolete (`#~`) or previous (`#|`) mark, with the
    1-based column it starts at; an empty body for blank and comment lines."""
    stripped = line.lstrip()
    column = len(line) - len(stripped) + 1
    for mark in ("#~|", "#~", "#|"):
        if stripped.startswith(mark):
            rest = stripped[len(mark) :]
            body = rest.lstrip()
            return body, column + len(mark) + len(rest) - len(body)
    return ("", column) if not stripped or stripped.startswith("#") else (stripped, column)


def _plural_problems(po: list[PoEntry], lines: list[str], shown: str) -> list[Problem]:
    """Return an error for each message with plural forms: drafter's sentences have none, and
    `drafter traductions` would not keep them."""
    message = (
        "formes plurielles (msgid_plural, msgstr[n]) : les phrases du rapport n'en ont pas ; "
        "gardez un seul msgid et un seul msgstr"
    )
    return [
        Problem(shown, _keyword_line(lines, e, "msgid_plural"), 1, message)
        for e in po
        if e.msgid_plural
    ]


def _duplicate_problems(po: list[PoEntry], lines: list[str], shown: str) -> list[Problem]:
    """Return an error at each line of a context that two live (or two obsolete) messages
    share, as `msgfmt -c` does: drafter would take one and drop the other."""
    seen: dict[tuple[bool, str], list[PoEntry]] = {}
    for entry in po:
        key = (bool(entry.obsolete), entry.msgctxt or "\x00" + entry.msgid)
        seen.setdefault(key, []).append(entry)
    problems = []
    for (_, context), entries in seen.items():
        found = [_keyword_line(lines, e, "msgctxt") for e in entries] if len(entries) > 1 else []
        for line in found:
            others = ", ".join(str(n) for n in found if n != line)
            what = f"« {context} »" if not context.startswith("\x00") else "sans msgctxt"
            message = f"message {what} en double (aussi ligne {others}) : gardez-en un seul"
            problems.append(Problem(shown, line, 1, message))
    return problems


def _keyword_line(lines: list[str], entry: PoEntry, keyword: str) -> int:
    """Return the line of an entry's keyword, searched up to its `msgstr` (the line of its
    `msgid` when it has no such keyword)."""
    start = max(int(entry.linenum or 1), 1)
    found = start
    for index in range(start - 1, len(lines)):
        body = lines[index].lstrip("#~| ")
        if body.startswith(keyword + " "):
            return index + 1
        if body.startswith("msgid "):
            found = index + 1
        if body.startswith("msgstr"):
            break
    return found


def _message(entry: PoEntry, lines: list[str]) -> CatalogueMessage:
    flags = tuple(f for f in entry.flags if f != "fuzzy")
    start = max(int(entry.linenum or 1), 1)
    return CatalogueMessage(
        context=entry.msgctxt or "",
        msgid=entry.msgid,
        msgstr=entry.msgstr,
        fuzzy="fuzzy" in entry.flags,
        previous=entry.previous_msgid,
        obsolete=bool(entry.obsolete),
        translator=entry.tcomment or "",
        extracted=entry.comment or "",
        occurrences=tuple((str(a), str(b)) for a, b in entry.occurrences),
        flags=flags,
        line=start,
        msgstr_line=_msgstr_line(lines, start),
    )


def _msgstr_line(lines: list[str], start: int) -> int:
    """Return the line of the message's `msgstr` (or `#~ msgstr`), searched from its start."""
    for index in range(start - 1, len(lines)):
        if lines[index].lstrip("#~ ").startswith("msgstr"):
            return index + 1
    return start
