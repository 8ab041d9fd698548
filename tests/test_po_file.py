"""drafter's own reading of a PO file is polib's (issue 27, point 6): for every catalogue
that passes the syntax check, po_file.read_po gives what polib.pofile gives, or leaves the
file to polib; it never answers where polib refuses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polib
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.reading.catalogue_reader import syntax_problem
from drafter.reading.po_file import read_po

SAMPLE = (
    "# Traduction du rapport.\n#\n## notes\n"
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"X-Team: a\\n"\n'
    '"continued\\n"\n\n'
    "# translator\n#  indented\n#. area: cyber\n#.\n#: a.yaml:3 b.yaml c:d:x  e:12\n"
    '#, fuzzy, python-brace-format\n#| msgctxt "old"\n#| msgid "{Date}, avant."\n#| "suite"\n'
    'msgctxt "cy-001"\nmsgid "{Date}, « après »."\nmsgstr ""\n"{Date}, \\"after\\"\\n\\t."\n\n'
    '  #~ msgctxt "cy-002"\n#~ msgid "Retirée."\n\t#~| msgid "x"\n#~ msgstr "Withdrawn."\n'
    '#~ "more"\n'
)
# What may be typed into a line: marks, keywords, quotes, escapes, separators, blank lines.
PIECES = ['"', "\\", '\\"', "\\n", "\n", " ", "\t", "#", "#~ ", "#| ", "#. ", "#: ", "#, "]
PIECES += ["# ", "~", "|", "msgid ", "msgstr ", "msgctxt ", 'msgid ""\n', 'msgstr ""\n']
PIECES += ["msgstr[0] ", "msgid_plural ", "x", "é", ":", "1", ",", "\u00a0"]
EDITS = st.lists(
    st.tuples(
        st.integers(0, SAMPLE.count("\n")),
        st.integers(0, 80),
        st.lists(st.sampled_from(PIECES), min_size=0, max_size=3),
        st.integers(0, 2),
    ),
    max_size=5,
)


def _fields(e: Any) -> tuple[Any, ...]:
    """Return the fields drafter reads of an entry, polib's or po_file's."""
    return (
        *(e.linenum, e.msgctxt, e.msgid, e.msgid_plural, e.msgstr, e.previous_msgctxt),
        *(e.previous_msgid, bool(e.obsolete), e.tcomment, e.comment, e.occurrences, e.flags),
    )


def polib_read(text: str) -> Any:
    """Return polib's entries (the fields drafter reads), metadata and header, or None when
    polib refuses the text."""
    try:
        po = polib.pofile(text)
    except OSError:
        return None
    entries = [_fields(e) for e in po]
    return entries, dict(po.metadata), po.header


def own_read(text: str) -> Any:
    """Return the same from po_file.read_po, or None when it leaves the text to polib."""
    found = read_po(text)
    if found is None:
        return None
    entries = [_fields(e) for e in found.entries]
    return entries, found.metadata, found.header


def edited(edits: list[tuple[int, int, list[str], int]]) -> str:
    """Return SAMPLE with pieces typed into its lines (each edit: line, column, pieces, how
    many characters they replace)."""
    lines = SAMPLE.split("\n")
    for line, column, pieces, replaced in edits:
        text = lines[line]
        at = min(column, len(text))
        lines[line] = text[:at] + "".join(pieces) + text[at + replaced :]
    return "\n".join(lines)


@settings(max_examples=400)
@given(EDITS)
def test_read_as_polib_reads_or_left_to_it(edits: list[tuple[int, int, list[str], int]]) -> None:
    """Whatever is typed into a catalogue that stays PO, drafter's reader gives polib's
    messages, header fields and header comment, or leaves the file to polib; never an
    answer where polib refuses the file."""
    text = edited(edits)
    if syntax_problem(text, "en.po") is not None:
        return
    own = own_read(text)
    if own is not None:
        assert own == polib_read(text)


def test_gettext_s_and_drafter_s_catalogues_are_read_without_polib() -> None:
    """The demo's catalogue and the sample (header comments, translator and extracted
    comments, references, flags, previous strings, obsolete messages, escapes) are read by
    drafter's reader, as polib reads them."""
    demo = (Path(__file__).resolve().parent.parent / "traductions" / "en.po").read_text("utf-8")
    for text in (demo, SAMPLE):
        own = own_read(text)
        assert own is not None
        assert own == polib_read(text)
    assert own[1] == {"Content-Type": "text/plain; charset=UTF-8", "X-Team": "a\ncontinued"}
    assert own[0][-1][7]
    assert own[0][-1][4] == "Withdrawn.more"


# Files polib reads in its own way: what drafter's reader gives for them (None: left to polib).
CASES = {
    "ends in a comment": SAMPLE + "# the end\n",
    "ends in a previous string": SAMPLE + '#| msgid "x"',
    "ends in an obsolete message": 'msgid "a"\nmsgstr "b"\n"c"\n#~ msgid "d"\n#~ msgstr "e"',
    "obsolete only": '#~ msgid "a"\n#~ msgstr "b"\n',
    "odd references": '#: a:b:1 :2 c: d:\u0661 e:\u00b2\nmsgid "a"\nmsgstr ""\n',
    "comments only": "# a\n#\n\n## b\n",
    "empty": "",
    "a comment after msgctxt": 'msgctxt "a"\n# c\nmsgid "a"\nmsgstr ""\n',
    "a previous string before msgstr": 'msgid "a"\n#| msgid "b"\nmsgstr ""\n',
    "flags without a space": '#,fuzzy\nmsgid "a"\nmsgstr ""\n',
    "msgstr first": 'msgstr "a"\nmsgid "b"\n',
}
LEFT_TO_POLIB = {"a comment after msgctxt", "a previous string before msgstr"}
LEFT_TO_POLIB |= {"flags without a space", "msgstr first"}


def test_polib_s_own_ways_are_kept_or_left_to_it() -> None:
    """A file ending in a comment loses its last comments' entry, references are split at
    their last colon when a line number follows, a comment after msgctxt is an error: as
    polib reads them, or left to polib (every file polib refuses is)."""
    for name, text in CASES.items():
        own = own_read(text)
        assert (own is None) == (name in LEFT_TO_POLIB), name
        assert own is None or own == polib_read(text), name
    assert own_read(CASES["ends in a comment"]) == own_read(SAMPLE)
    references = own_read(CASES["odd references"])[0][0][10]
    assert references == [("a:b", "1"), ("", "2"), ("c:", ""), ("d", "\u0661"), ("e", "\u00b2")]


def test_plural_forms_and_two_headers_are_left_to_polib() -> None:
    """Plural forms (drafter refuses them, in polib's reading) and a second header (polib
    keeps one of them as a message) are polib's to read."""
    header = 'msgid ""\nmsgstr "Language: en\\n"\n\n'
    assert read_po(header + 'msgid "a"\nmsgid_plural "b"\nmsgstr[0] ""\n') is None
    assert read_po(header + 'msgid ""\nmsgstr "X-Other: 1\\n"\n') is None
    assert read_po(header + 'msgid "a"\nmsgstr "b"\n') is not None
