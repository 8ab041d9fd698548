"""French typography (french.md), applied to every text that reaches the document. Idempotent."""

from __future__ import annotations

import re
from collections.abc import Callable

NBSP = "\u00a0"
NNBSP = "\u202f"
SPACES = " \u00a0\u202f"

# Runs that typography must never touch: Markdown comments and fences, URLs, e-mail
# addresses, times (10:30).
_PROTECTED = re.compile(
    r"<!--.*?-->|^:::.*$"
    r"|(?:https?|ftp)://[^\s<>«»\"]+[^\s<>«»\".,;:!?)]"
    r"|www\.[^\s<>«»\"]+[^\s<>«»\".,;:!?)]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b\d{1,2}:\d{2}\b",
    re.MULTILINE,
)
_SLOT = re.compile("\ue000(\\d+)\ue001")

_RULES: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    # straight double quotes around a phrase become French guillemets
    (re.compile(r'"\s*([^"\n]*?)\s*"'), "« \\1 »"),
    (re.compile(f"«[{SPACES}]*"), f"«{NBSP}"),
    (re.compile(f"[{SPACES}]*»"), f"{NBSP}»"),
    # an existing space before a colon becomes no-break; a missing one is not added
    (re.compile(f"[{SPACES}]+:"), f"{NBSP}:"),
    # narrow no-break space before ; ! ? (an existing space becomes one; added when missing)
    (re.compile(f"[{SPACES}]+([;!?])"), f"{NNBSP}\\1"),
    (re.compile(f"(?<=[^{SPACES}\\n;!?\\\\])([;!?])"), f"{NNBSP}\\1"),
    # abbreviated ordinals: 18ème -> 18e, 1ère -> 1re
    (re.compile(r"\b(\d+)(?:ème|eme)\b"), "\\1e"),
    (re.compile(r"\b1(?:ère|ere)\b"), "1re"),
    # no-break space between a short number and what it counts (not years)
    (re.compile(r"(?<![\d.,])(\d{1,3}(?:er|re|e)?) (?=[a-zà-ÿœ])"), f"\\1{NBSP}"),
    # no double spaces between words, no space before . or ,
    (re.compile(r"(?<=\S) {2,}(?=\S)"), " "),
    (re.compile(r"(?<=\w) +(?=[.,](?:\s|$))"), ""),
]


def apply_typography(text: str, apostrophe: str = "\u2019") -> str:
    """Return text with French typographic rules applied; applying it twice changes nothing."""
    protected: list[str] = []

    def hide(match: re.Match[str]) -> str:
        protected.append(match.group(0))
        return f"\ue000{len(protected) - 1}\ue001"

    text = _PROTECTED.sub(hide, text)
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    text = re.sub("['\u2019]", apostrophe, text)
    return _SLOT.sub(lambda m: protected[int(m.group(1))], text)
