"""Contributors' text made literal in the Markdown drafter renders."""

from __future__ import annotations

import re

# Characters that would turn contributors' text into markup (emphasis, links, HTML, code,
# entities); `!` is left alone because typography puts a thin space before it.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~])")
# Only ASCII white space is folded: no-break spaces are typography and must survive.
_WHITESPACE = re.compile(r"[ \t\r\n]+")
_BLOCK_START = re.compile(r"^([#+=:-]|\d+[.)])")
# Between two lines of a Word comment in a sentence mark: U+2029 PARAGRAPH SEPARATOR, which no
# entry text holds (the reader turns it into a space); the Word writer makes each line a
# paragraph of the comment (writing/docx/bodytext.py, which spells it the same).
COMMENT_LINE_BREAK = "\u2029"


def escape(text: str) -> str:
    """Return text that Markdown shows literally, on one line.

    Each substitution runs only when a search says it has something to do: a text is
    escaped for every sentence of a draft, and `sub` rewriting each space with itself, or
    expanding a template for nothing, was 2 % of a large build."""
    if "  " in text or "\t" in text or "\n" in text or "\r" in text:
        text = _WHITESPACE.sub(" ", text)
    text = text.strip()
    if _INLINE_SPECIAL.search(text) is not None:
        text = _INLINE_SPECIAL.sub(r"\\\1", text)
    return _BLOCK_START.sub(r"\\\1", text) if _BLOCK_START.match(text) else text
