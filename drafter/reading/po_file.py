"""A PO file's messages read in one pass, as polib 1.2 reads them, for the files gettext's
tools and drafter write: no plural forms, one header. Anything else (a line polib refuses,
plural forms, several headers) is left to polib (catalogue_reader.py), which says what is
wrong in its own words: this reader only answers when its answer is polib's.

Why: polib's state machine was two thirds of reading a 1,000-sentence catalogue, the most
an English build pays that a French build does not (issue 27, point 6). The transitions,
the handling of each line and the header are polib's (_POFileParser), step for step; a test
compares both readers on hostile catalogues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ESCAPE = re.compile(r'\\(\\|n|t|r|v|b|f|")')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "\\": "\\"}
_UNESCAPED_QUOTE = re.compile(r'([^\\]|^)"')
_KEYWORDS = {"msgctxt": "ct", "msgid": "mi", "msgstr": "ms"}
_PREVIOUS = {"msgid": "pm", "msgctxt": "pc"}
_ALL = ("st", "he", "gc", "oc", "fl", "ct", "pc", "pm", "tc", "ms", "mi")
# polib's transitions without plural forms: symbol → the states it may come from
_FROM = {
    "gc": _ALL,
    "oc": _ALL,
    "fl": _ALL,
    "pc": _ALL,
    "pm": _ALL,
    "ct": ("st", "he", "gc", "oc", "fl", "tc", "pc", "pm", "ms"),
    "mi": ("st", "he", "gc", "oc", "fl", "ct", "tc", "pc", "pm", "ms"),
    "ms": ("mi", "tc"),
    "mc": ("ct", "mi", "ms", "pm", "pc"),
}
_ALLOWED = {(symbol, state) for symbol, states in _FROM.items() for state in states}
_ALLOWED |= {("tc", "st"), ("tc", "he")}
_ALLOWED |= {("tc", s) for s in ("gc", "oc", "fl", "tc", "pc", "pm", "ms", "mi")}
_CONTINUED = {"ct": "msgctxt", "mi": "msgid", "ms": "msgstr", "pm": "previous_msgid"}
_CONTINUED["pc"] = "previous_msgctxt"


class Refused(Exception):
    """A line or a file this reader leaves to polib."""


@dataclass
class PoEntry:
    """One message as polib's POEntry holds it (the fields drafter reads)."""

    linenum: int
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str = ""  # only as polib read it (this reader refuses plural forms)
    msgstr: str = ""
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    obsolete: int = 0
    tcomment: str = ""
    comment: str = ""
    occurrences: list[tuple[str, str]] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


@dataclass
class PoFile:
    """The messages, the header's fields and its comment, as polib gives them."""

    entries: list[PoEntry]
    metadata: dict[str, str]
    header: str


def unescape(text: str) -> str:
    """Return a PO string's text, its escapes read as polib reads them."""
    if "\\" not in text:
        return text
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(1)), text)


def read_po(text: str) -> PoFile | None:
    """Return the file as polib reads it, or None when polib must read it."""
    if text.startswith("\ufeff"):
        return None
    try:
        return _Reader().read(text)
    except Refused:
        return None


class _Reader:
    """polib's _POFileParser, for the lines it handles here."""

    def __init__(self) -> None:
        self.entries: list[PoEntry] = []
        self.entry = PoEntry(0)
        self.state = "st"
        self.header = ""

    def read(self, text: str) -> PoFile:
        """Read every line; then take the header out, as polib does."""
        last = "#"  # the first word of the last line (past an obsolete mark)
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.strip()
            if line[:3] == "#. ":  # the most frequent lines, as _line would read them
                last = "#."
                self._comment("gc", line, number)
            elif line[:1] == '"':
                last = '"'
                self._string(line, "mc", number, 0)
            elif line:
                last = self._line(line, line.split(None, 2), number)
        if not last.startswith("#"):  # the last entry, unless the file ends in comments
            self.entries.append(self.entry)
        return self._file()

    def _line(self, line: str, tokens: list[str], number: int) -> str:
        """Read one line (stripped, and its first three words); return its first word."""
        first = tokens[0]
        if first == "#~|":
            return first
        obsolete = 0
        if first == "#~" and len(tokens) > 1:
            line, tokens, obsolete = line[3:].strip(), tokens[1:], 1
            first = tokens[0]
        symbol = _KEYWORDS.get(first) if len(tokens) > 1 else None
        if symbol is not None:
            line = line[len(first) :].lstrip()
            self._string(line, symbol, number, obsolete)
        elif first == "#:":
            if len(tokens) > 1:
                self._occurrences(line, number)
        elif line[:1] == '"':
            self._string(line, "mc", number, obsolete)
        elif first == "#,":
            if len(tokens) > 1:
                self._comment("fl", line, number)
        elif first == "#" or first.startswith("##"):
            self._comment("tc", line, number)
        elif first == "#.":
            if len(tokens) > 1:
                self._comment("gc", line, number)
        elif first == "#|" and len(tokens) == 3 and tokens[1] in _PREVIOUS:
            rest = line[2:].lstrip()
            value = rest[len(tokens[1]) :].lstrip()
            self._string(value, _PREVIOUS[tokens[1]], number, obsolete, checked=False)
        elif first == "#|" and len(tokens) > 1 and tokens[1].startswith('"'):
            self._string(line[2:].lstrip(), "mc", number, obsolete, checked=False)
        else:
            raise Refused  # plural forms, polib's syntax errors
        return first

    def _enter(self, symbol: str, number: int) -> None:
        """Follow polib's transition; a comment or a keyword after a msgstr starts an entry."""
        if (symbol, self.state) not in _ALLOWED:
            raise Refused
        if self.state == "ms" and symbol not in ("ms", "mc"):
            self.entries.append(self.entry)
            self.entry = PoEntry(number)

    def _string(
        self, token: str, symbol: str, number: int, obsolete: int, checked: bool = True
    ) -> None:
        """Read a string line: a keyword's first string (`symbol`), or a continuation ("mc")."""
        content = token[1:-1]
        if checked and '"' in content and _UNESCAPED_QUOTE.search(content):
            raise Refused
        state = self.state
        if (symbol, state) not in _ALLOWED:
            raise Refused
        value = unescape(content) if "\\" in content else content
        entry = self.entry
        if symbol == "mc":
            name = _CONTINUED[state]
            setattr(entry, name, getattr(entry, name) + value)
            return
        if state == "ms" and symbol != "ms":
            self.entries.append(self.entry)
            entry = self.entry = PoEntry(number)
        if symbol == "mi":
            entry.obsolete, entry.msgid = obsolete, value
        elif symbol == "ms":
            entry.msgstr = value
        else:
            setattr(entry, _CONTINUED[symbol], value)
        self.state = symbol

    def _occurrences(self, token: str, number: int) -> None:
        self._enter("oc", number)
        for occurrence in token[3:].split():
            place, _, line = occurrence.rpartition(":")
            if not _ or not line.isdigit():
                place, line = occurrence, ""
            self.entry.occurrences.append((place, line))
        self.state = "oc"

    def _comment(self, symbol: str, token: str, number: int) -> None:
        if symbol == "tc" and self.state in ("st", "he"):
            self.header += ("\n" if self.header else "") + token[2:]
            self.state = "he"
            return
        self._enter(symbol, number)
        entry = self.entry
        if symbol == "fl":
            entry.flags += [flag.strip() for flag in token[3:].split(",")]
        elif symbol == "gc":
            entry.comment += ("\n" if entry.comment else "") + token[3:]
        else:
            comment = token.lstrip("#")
            entry.tcomment += ("\n" if entry.tcomment else "") + comment.removeprefix(" ")
        self.state = symbol

    def _file(self) -> PoFile:
        """Return the file without its header entry, the header's fields read from it."""
        headers = [e for e in self.entries if not e.obsolete and e.msgid == ""]
        if len(headers) > 1:
            raise Refused
        metadata: dict[str, str] = {}
        if headers:
            self.entries.remove(headers[0])
            metadata = _metadata(headers[0].msgstr)
        return PoFile(self.entries, metadata, self.header)


def _metadata(msgstr: str) -> dict[str, str]:
    """Return the header's fields: `Name: value` lines, a line without colon continuing the
    field before it."""
    fields: dict[str, str] = {}
    key = None
    for line in msgstr.splitlines():
        name, colon, value = line.partition(":")
        if colon:
            key = name
            fields[key] = value.strip()
        elif key is not None:
            fields[key] += "\n" + line.strip()
    return fields
