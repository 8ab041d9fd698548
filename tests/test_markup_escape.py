"""Escaping contributors' text for the Markdown draft: the fast path (substitutions only when
a search finds something to do) gives what the plain substitutions give, for any text."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from drafter.drafting.markup import escape

SPECIAL = r"\`*_[]<>&|~#+=:-.)!0123456789"
WHITE = " \t\r\n\u00a0\u202f\u2029\x0b\x0c\x85"
TEXTS = st.text(st.sampled_from(list(SPECIAL + WHITE + "aé’Z")), max_size=30) | st.text()


def _plain(text: str) -> str:
    """Return the escape as three unconditional substitutions (what it always meant)."""
    text = re.sub(r"([\\`*_\[\]<>&|~])", r"\\\1", re.sub(r"[ \t\r\n]+", " ", text).strip())
    return re.sub(r"^([#+=:-]|\d+[.)])", r"\\\1", text)


@given(TEXTS)
def test_escape_is_the_plain_substitutions(text: str) -> None:
    """Runs of spaces, no-break spaces at the ends, specials, a list or heading start."""
    assert escape(text) == _plain(text)


def test_escape_examples() -> None:
    """A few texts by hand: folded spaces, stripped ends, escaped specials and starts."""
    assert escape("  a \t b\n") == "a b"
    assert escape("\u00a0a\u00a0") == "a"
    assert escape("1. *x* <b> & [y]") == "\\1. \\*x\\* \\<b\\> \\& \\[y\\]"
    assert escape("- point") == "\\- point"
