"""Translation catalogues (`traductions/en.po`) written as GNU gettext's `msgcat` writes them,
byte for byte: a Poedit or Weblate save (gettext's own writer) followed by `drafter
traductions` changes nothing in a shared repository. Takes any object with a catalogue
message's attributes: writing does not see the model.

gettext wraps strings at 79 columns where Unicode's line-breaking rules (UAX #14, as
libunistring applies them) allow a break: after a space, after a hyphen, never inside a word,
before a closing mark or next to a no-break space. Comments are never wrapped, so an entry id
in a `#.` line is never cut at its hyphen; `#:` references are, between references only.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from typing import Protocol

PAGE_WIDTH = 79
_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v"}
_ESCAPES |= {"\\": "\\", '"': '"'}


class MessageLike(Protocol):
    """What the writer reads of a message (model.CatalogueMessage has it)."""

    @property
    def context(self) -> str: ...
    @property
    def msgid(self) -> str: ...
    @property
    def msgstr(self) -> str: ...
    @property
    def fuzzy(self) -> bool: ...
    @property
    def previous(self) -> str | None: ...
    @property
    def obsolete(self) -> bool: ...
    @property
    def translator(self) -> str: ...
    @property
    def extracted(self) -> str: ...
    @property
    def occurrences(self) -> tuple[tuple[str, str], ...]: ...
    @property
    def flags(self) -> tuple[str, ...]: ...


def catalogue_text(
    messages: Iterable[MessageLike], metadata: Mapping[str, str], header: str
) -> str:
    """Return the PO text of a catalogue, messages in the given order, as msgcat writes it."""
    fields = "".join(f"{name}: {value}\n" for name, value in metadata.items())
    blocks = [_comments("#", header) + _string("", "msgid", "") + _string("", "msgstr", fields)]
    blocks += [_message(message) for message in messages]
    return "\n".join("".join(f"{line}\n" for line in block) for block in blocks)


def _message(message: MessageLike) -> list[str]:
    """Return the lines of one message, in gettext's order."""
    lines = _comments("#", message.translator)
    if not message.obsolete:
        lines += _comments("#.", message.extracted) + _references(message.occurrences)
    flags = (["fuzzy"] if message.fuzzy else []) + list(message.flags)
    lines += [f"#, {', '.join(flags)}"] if flags else []
    mark = "#~ " if message.obsolete else ""
    if message.fuzzy and message.previous is not None:
        lines += _string(mark.strip() + "| " if mark else "#| ", "msgid", message.previous)
    lines += _string(mark, "msgctxt", message.context) if message.context else []
    return lines + _string(mark, "msgid", message.msgid) + _string(mark, "msgstr", message.msgstr)


def _comments(mark: str, text: str) -> list[str]:
    """Return comment lines as gettext writes them: `# text`, `#` alone for an empty line."""
    if not text:
        return []
    return [f"{mark} {line}" if line else mark for line in text.split("\n")]


def _references(occurrences: tuple[tuple[str, str], ...]) -> list[str]:
    """Return the `#:` lines, a new line when a reference would reach the page width."""
    lines, line = [], "#:"
    for path, number in occurrences:
        reference = f"{path}:{number}" if number else path
        if len(line) > 2 and len(line) + len(reference) >= PAGE_WIDTH:
            lines.append(line)
            line = "#:"
        line += " " + reference
    return [*lines, line] if len(line) > 2 else lines


def _string(prefix: str, keyword: str, value: str) -> list[str]:
    """Return `keyword "value"` on one line when it fits, else `keyword ""` and the value's
    lines, each cut after a `\\n` and where UAX #14 allows, within the page width."""
    portions = _portions(value)
    first = f"{prefix}{keyword} "
    if len(portions) == 1:
        pieces = _pieces(portions[0])
        if sum(width for _, width in pieces) <= PAGE_WIDTH - len(first) - 2:
            return [f'{first}"{portions[0]}"']
    lines = [f'{first}""']
    for portion in portions:
        lines += [f'{prefix}"{line}"' for line in _lines(portion, PAGE_WIDTH - len(prefix) - 2)]
    return lines


def _portions(value: str) -> list[str]:
    """Return the escaped value cut after each newline (one empty portion for "")."""
    parts = value.split("\n")
    portions = [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
    return [_escape(p) for p in portions] or [""]


def _escape(text: str) -> str:
    return "".join("\\" + _ESCAPES[c] if c in _ESCAPES else c for c in text)


def _lines(portion: str, limit: int) -> list[str]:
    """Return an escaped portion cut into lines of at most `limit` columns where possible."""
    lines: list[str] = []
    line, used = "", 0
    for piece, width in _pieces(portion):
        if line and used + width > limit:
            lines.append(line)
            line, used = "", 0
        line, used = line + piece, used + width
    return [*lines, line]


def _pieces(portion: str) -> list[tuple[str, int]]:
    """Return the portion's unbreakable pieces (each with its trailing spaces) and widths."""
    classes = _classes(portion)
    pieces, start = [], 0
    for index in range(1, len(portion)):
        if _breaks(classes, index):
            pieces.append(portion[start:index])
            start = index
    pieces.append(portion[start:])
    return [(piece, _width(piece)) for piece in pieces]


def _width(text: str) -> int:
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


_CLASS = {
    " ": "SP",
    "\u00a0": "GL",
    "\u202f": "GL",
    "\u2007": "GL",
    "\u2011": "GL",
    "\u2060": "WJ",
    "\ufeff": "WJ",
    "\t": "BA",
    "\u00ad": "BA",
    "\u2010": "BA",
    "\u2013": "BA",
    "|": "BA",
    "\u2014": "B2",
    "-": "HY",
    "}": "CL",
    ")": "CP",
    "]": "CP",
    "(": "OP",
    "[": "OP",
    "{": "OP",
    "\u00a1": "OP",
    "\u00bf": "OP",
    '"': "QU",
    "'": "QU",
    "\u00ab": "QU",
    "\u00bb": "QU",
    "\u2018": "QU",
    "\u2019": "QU",
    "\u201c": "QU",
    "\u201d": "QU",
    "\u2039": "QU",
    "\u203a": "QU",
    "!": "EX",
    "?": "EX",
    ",": "IS",
    ".": "IS",
    ":": "IS",
    ";": "IS",
    "/": "SY",
    "$": "PR",
    "+": "PR",
    "\\": "PR",
    "\u00a3": "PR",
    "\u20ac": "PR",
    "\u00a5": "PR",
    "%": "PO",
    "\u00b0": "PO",
    "\u2030": "PO",
    "\u00a2": "PO",
    "\u2026": "IN",
}


def _classes(portion: str) -> list[str]:
    """Return each character's line-breaking class, "WJ" (no break before) for the second
    character of an escape and for the backslash of a final newline: gettext keeps escapes
    whole and never puts `\\n` alone on a line."""
    classes, escaped = [], False
    for char in portion:
        kind = _CLASS.get(char, "NU" if char.isdigit() and char.isascii() else "AL")
        classes.append("ESC" + kind if escaped else kind)
        escaped = not escaped and char == "\\"
    if portion.endswith("\\n") and classes[-1] == "ESCAL":
        classes[-2] = "ESC" + classes[-2]
    return classes


_NEVER_BEFORE = {"CL", "CP", "EX", "IS", "SY", "SP", "WJ"}
_NEVER_PAIR = {
    ("AL", "NU"),
    ("NU", "AL"),
    ("AL", "PR"),
    ("AL", "PO"),
    ("PR", "AL"),
    ("PO", "AL"),
    ("CL", "PO"),
    ("CP", "PO"),
    ("CL", "PR"),
    ("CP", "PR"),
    ("NU", "PO"),
    ("NU", "PR"),
    ("PO", "OP"),
    ("PO", "NU"),
    ("PR", "OP"),
    ("PR", "NU"),
    ("HY", "NU"),
    ("IS", "NU"),
    ("NU", "NU"),
    ("SY", "NU"),
    ("AL", "AL"),
    ("AL", "OP"),
    ("NU", "OP"),
    ("CP", "AL"),
    ("CP", "NU"),
}


def _breaks(classes: list[str], index: int) -> bool:
    """Return True if a line may start at `index` (UAX #14's rules that French and English
    text meets; ESC marks the second character of an escape)."""
    if classes[index].startswith("ESC"):
        return False
    before, after = (c.removeprefix("ESC") for c in classes[index - 1 : index + 1])
    if after in _NEVER_BEFORE or before in ("GL", "WJ"):
        return False
    if after == "GL" and before not in ("SP", "BA", "HY"):
        return False
    last = next((c.removeprefix("ESC") for c in reversed(classes[:index]) if c != "SP"), "")
    if last == "OP" or (last == "QU" and after == "OP") or (last == "B2" == after):
        return False
    if before == "SP":
        return True
    if "QU" in (before, after) or after in ("BA", "HY", "IN"):
        return False
    return (before, after) not in _NEVER_PAIR
