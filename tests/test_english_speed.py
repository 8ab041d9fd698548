"""The English build's shortcuts keep its results (issue 27, point 6): the catalogue's syntax
checked in one search says what the line by line check says."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from drafter.reading.catalogue_reader import _first_problem, syntax_problem

SAMPLE = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    '# translator\n#. area: cyber\n#, fuzzy, python-brace-format\n#| msgid "{Date}, avant."\n'
    'msgctxt "cy-001"\nmsgid "{Date}, « après »."\nmsgstr ""\n"{Date}, \\"after\\"."\n\n'
    '  #~ msgctxt "cy-002"\n#~ msgid "Retirée."\n\t#~| msgid "x"\n#~ msgstr "Withdrawn."\n'
)
# What a translator's editor may leave: quotes, escapes, marks, and what str.splitlines()
# also ends a line at (carriage returns, form feeds, U+2028…), which the one search does not.
PIECES = ['"', "\\", '\\"', "\n", " ", "\t", "#", "~", "|", "msgid ", "msgstr[0] ", "x", "é"]
PIECES += ["\r", "\x0c", "\x1c", "\x85", "\u2028", "\u00a0"]


@given(
    st.lists(
        st.tuples(st.integers(0, len(SAMPLE)), st.lists(st.sampled_from(PIECES), max_size=3)),
        max_size=4,
    )
)
def test_the_one_search_finds_the_line_by_line_problem(edits: list[tuple[int, list[str]]]) -> None:
    """Whatever is inserted, the syntax check names the line and column the line by line
    check names (or none), as str.splitlines() counts lines."""
    text = SAMPLE
    for offset, inserted in edits:
        text = text[:offset] + "".join(inserted) + text[offset:]
    assert syntax_problem(text, "en.po") == _first_problem(text.splitlines(), 0, "en.po")


def test_a_problem_after_other_line_breaks_is_at_its_line() -> None:
    """A form feed ends a line for the check (str.splitlines()), in the one search as line by
    line: the unclosed string after a comment holding one is on line 3."""
    text = '# a\x0c# b\nmsgid "a\nmsgstr ""\n'
    problem = syntax_problem(text, "en.po")
    assert problem is not None
    assert (problem.line, problem.column) == (3, 7)


def test_a_line_the_search_doubts_is_checked_and_so_are_the_next() -> None:
    """A comment after a no-break space, a bare `#~`: lines the one search leaves to the line
    by line check, which finds them right and the unclosed string two lines on."""
    for doubted in ("\u00a0# a", "#~"):
        problem = syntax_problem(f'msgid ""\nmsgstr ""\n{doubted}\n\nmsgid "a\n', "en.po")
        assert problem is not None
        assert (problem.line, problem.column) == (5, 7)
