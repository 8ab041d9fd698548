"""Translation catalogues (`traductions/en.po`) read as GNU PO, into the model. polib is
owned by this module (reading) and writing/catalogue_writer.py (writing).

Why polib: Babel 2.19's `read_po` ignores `#|` lines and its `write_po` wraps a long previous
msgid into broken comment lines, so a Babel round trip loses the French a fuzzy translation was
made from; polib reads and writes `#| msgid` as GNU gettext does (`msgfmt` accepts its output).
polib lets an unclosed string pass, so each line is checked first.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib

from drafter.errors import DrafterError, Problem
from drafter.model import Catalogue, CatalogueMessage

_SYNTAX_LINE = re.compile(r"\(line (\d+)\)")


def read_catalogue(path: Path, shown: str) -> Catalogue:
    """Read a PO file; a syntax error is a DrafterError at `shown:LINE:1`."""
    text = path.read_text(encoding="utf-8")
    return parse_catalogue(text, shown)


def parse_catalogue(text: str, shown: str) -> Catalogue:
    """Parse the text of a PO file (`shown` names it in problems)."""
    problem = syntax_problem(text, shown)
    if problem is not None:
        raise DrafterError([problem])
    try:
        po = polib.pofile(text)
    except (OSError, ValueError, UnicodeError) as exc:
        match = _SYNTAX_LINE.search(str(exc))
        detail = str(exc).split(": ", 1)[-1] if match else str(exc)
        message = f"catalogue illisible (syntaxe PO) : {detail}"
        raise DrafterError(
            [Problem(shown, int(match.group(1)) if match else 1, 1, message)]
        ) from None
    lines = text.splitlines()
    messages = tuple(_message(entry, lines) for entry in po)
    return Catalogue(messages, dict(po.metadata), po.header)


_STRING = r'"(?:[^"\\\n]|\\.)*"'
_KEYWORD = r"(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)"
_PO_LINE = re.compile(rf"(?:{_KEYWORD}[ \t]+)?{_STRING}[ \t]*")
_KEYWORD_START = re.compile(rf"{_KEYWORD}[ \t]+")


def syntax_problem(text: str, shown: str) -> Problem | None:
    """Return the first line that is not PO (polib lets an unclosed string pass), at its
    column: each line is a comment, or a keyword and a closed string, or a closed string."""
    for number, line in enumerate(text.splitlines(), start=1):
        body, column = _line_body(line)
        if body and not _PO_LINE.fullmatch(body):
            keyword = _KEYWORD_START.match(body)
            column += keyword.end() if keyword else 0
            what = "chaîne non fermée ou mal échappée" if keyword else "ligne non reconnue"
            return Problem(shown, number, column, f"catalogue illisible (syntaxe PO) : {what}")
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


def _message(entry: polib.POEntry, lines: list[str]) -> CatalogueMessage:
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
