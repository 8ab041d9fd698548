"""English typography (english.md), applied to the English draft's Markdown. Idempotent.

No space before `: ; ! ?`; quotation marks “ ” and ‘ ’; apostrophe ’; numbers grouped with
commas (`10,000`, where a French text grouped them with spaces). Never touched: Markdown
comments and sentence marks (their text is written by drafter), fence lines, URLs, e-mail
addresses, times, and the French text of an untranslated sentence (a `.a-completer` span),
which keeps its French typography.
"""

from __future__ import annotations

import re
from collections.abc import Callable

SPACES = " \u00a0\u202f"
_PROTECTED = re.compile(
    "|".join(
        (
            r"<!--.*?-->",
            r"^:::.*$",
            r"\[(?:\\.|[^\]\\\n])*\]\{\.a-completer\}",
            r"(?:https?|ftp)://[^\s<>\"]+[^\s<>\".,;:!?)]",
            r"www\.[^\s<>\"]+[^\s<>\".,;:!?)]",
            r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
            r"\b\d{1,2}:\d{2}\b",
        )
    ),
    re.M | re.S,
)
Replacement = str | Callable[[re.Match[str]], str]
RULES: tuple[tuple[str, re.Pattern[str], Replacement], ...] = (
    ("double spaces", re.compile(r"(?<=\S) {2,}(?=\S)"), " "),
    ("French quotation marks", re.compile(f"«[{SPACES}]*([^»\n]*?)[{SPACES}]*»"), "“\\1”"),
    ("straight double quotes", re.compile(r'"\s*([^"\n]*?)\s*"'), "“\\1”"),
    ("single quotes around words", re.compile(r"(?<![\w'’])'([^'’\n]{1,60}?)'(?![\w'’])"), "‘\\1’"),
    ("apostrophe", re.compile("'"), "’"),
    ("no space before : ; ! ?", re.compile(f"(?<=\\S)[{SPACES}]+(?=[:;!?](?:\\s|$))"), ""),
    (
        "thousands with commas",
        re.compile(f"(?<![\\d,.])(\\d{{1,3}}(?:[{SPACES[1:]} ]\\d{{3}})+)(?![\\d,])"),
        lambda m: re.sub(f"[{SPACES}]", ",", m.group(1)),
    ),
    ("no space before . or ,", re.compile(r"(?<=\w) +(?=[.,](?:\s|$))"), ""),
    ("etc...", re.compile(r"\betc(?:\.{2,}|…)"), "etc."),
)


def english_typography(text: str) -> str:
    """Return text with the English rules applied outside the protected runs."""
    pieces = _PROTECTED.split(text) if "\n" in text or "<" in text else [text]
    if len(pieces) == 1:
        return _apply(text)
    kept = _PROTECTED.findall(text)
    out = [_apply(pieces[0])]
    for run, piece in zip(kept, pieces[1:], strict=True):
        out += [run, _apply(piece)]
    return "".join(out)


def _apply(text: str) -> str:
    for _, pattern, replacement in RULES:
        text = pattern.sub(replacement, text)
    return text
