"""Sentence marks skip markdown-it's html_inline rule: the blocks must not change for it."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from drafter.writing.markdown import _is_sentence, _parser, _sentence
from tests.conftest import parsed_blocks, whole_blocks

# The regex that told sentence marks from other inline HTML before the string searches.
SENTENCE_MARK = re.compile(r"^<!--§ (?P<id>.+?)(?: § (?P<comment>.*?))?-->$", re.S)

# Line starts that open every block the drafts and the workspace templates may write.
STARTS = ["", "", "# ", "## ", "- ", "  - ", "1. ", "> ", "    ", "[^n]: ", "^[", "| ", "|---|\n| "]
# Whole lines that change the context of the lines after them.
LINES = [
    "",
    '::: {custom-style="Style X"}',
    "::: {.toc}",
    ":::",
    "```",
    "---",
    "<!-- commentaire -->",
    "<!--§ bloc § ligne-->",
    "| a | b |\n|:--|--:|",
]
PIECES = [
    "Texte",
    " ",
    "  ",
    "\n",
    "  \n",
    "\\",
    ".",
    "-",
    "<!--§ a § c-->",
    "<!--§ id-1-->",
    "<!--§ a § b § c-->",
    "<!--§  § c-->",
    "<!--§ -->",
    "<!--§ a-->-->",
    "<!--§ a--b-->",
    "<!--§ a--->",
    "<!--§ a\nb § c\nd-->",
    "<!--§ [^n] ] { -->",
    "<!--§ ",
    "<!--",
    "-->",
    "<!-- autre -->",
    '<span title="<!--§ t-->">',
    "<b>",
    "[^n]",
    "^[",
    "[",
    "]",
    "]{.classe}",
    "[ce que <!--§ s--> dit]{.classe}",
    "{.c}",
    "`",
    "|",
    "*",
    "&amp;",
]
lines = st.one_of(
    st.sampled_from(LINES),
    st.builds(
        lambda start, pieces: start + "".join(pieces),
        st.sampled_from(STARTS),
        st.lists(st.sampled_from(PIECES), max_size=10),
    ),
)
REFERENCE = _parser()
REFERENCE.disable("sentence_mark")


@given(st.lists(lines, max_size=12))
def test_marks_give_the_blocks_html_inline_gave(document_lines: list[str]) -> None:
    """Wherever a mark stands (code, table, footnote, heading, list, container, other HTML),
    taking it into the text gives the blocks that html_inline's token gave."""
    document = "\n".join(document_lines) + "\n\n[^n]: Note <!--§ n § c--> fin.\n"
    assert parsed_blocks(document) == whole_blocks(document, REFERENCE)


@given(st.text(st.sampled_from("§ -<!>a\n"), max_size=14))
@example(" § c")
def test_marks_read_as_the_regex_read_them(inside: str) -> None:
    """Sentence id and comment come out as the former regex cut them."""
    for html in (inside, "<!--§ " + inside + "-->", "<!--§" + inside + "-->"):
        match = SENTENCE_MARK.match(html)
        assert _is_sentence(html) == bool(match)
        if match:
            mark = _sentence(html)
            assert (mark.sentence, mark.comment) == (match["id"], match["comment"])


def test_a_mark_closes_a_sentence_in_a_list_item() -> None:
    """The space after a mark is a gap, and the mark keeps its id and comment."""
    [block] = parsed_blocks("- Une phrase.<!--§ e#1 § source--> Une autre.<!--§ e#2-->\n")
    assert block.kind == "bullet"
    assert [(i.text, i.sentence, i.comment, i.gap) for i in block.inlines] == [
        ("Une phrase.", None, None, False),
        ("", "e#1", "source", False),
        (" ", None, None, True),
        ("Une autre.", None, None, False),
        ("", "e#2", None, False),
    ]
