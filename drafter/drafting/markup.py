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
    """Return text that Markdown shows literally, on one line."""
    text = _INLINE_SPECIAL.sub(r"\\\1", _WHITESPACE.sub(" ", text).strip())
    return _BLOCK_START.sub(r"\\\1", text)
