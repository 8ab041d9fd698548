"""The body of a fresh draft as XML text: styled paragraphs, runs, sentence and comment marks.

A draft has a bookmark and a comment per sentence: as lxml elements its body was most of a
build's writing time and of its peak memory; as UTF-8 text it is a few hundred bytes a
sentence, spliced into `word/document.xml` when the package is saved. The merge, which edits
existing drafts, makes its elements from the same text (`oxml.from_text`): each element is
spelt here only.
"""

from __future__ import annotations

import re

# What XML 1.0 cannot hold (the reading refuses it in entries; a workspace template might not).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Abbreviated ordinals, whose suffix is set in superscript: `\b(\d+)(er|re|e)\b`, spelt to
# start with the digit so that `re` skips to digits (a leading `\b` is tried everywhere).
ORDINAL = re.compile(r"(\d(?<!\w\d)\d*)(er|re|e)\b")


def text(value: str) -> str:
    """Return value escaped as an element's text (as lxml escapes it)."""
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value or ">" in value:
        value = value.replace("<", "&lt;").replace(">", "&gt;")
    return value.replace("\r", "&#13;") if "\r" in value else value


def attribute(value: str) -> str:
    """Return value escaped inside a double-quoted attribute (as lxml escapes it)."""
    value = text(value).replace('"', "&quot;")
    if "\n" in value or "\t" in value:
        value = value.replace("\n", "&#10;").replace("\t", "&#9;")
    return value


def paragraph(style_id: str, content: list[str]) -> str:
    """Return a paragraph in a style, holding the content (runs and marks)."""
    return f'<w:p><w:pPr><w:pStyle w:val="{attribute(style_id)}"/></w:pPr>{"".join(content)}</w:p>'


def run(value: str, style_id: str | None = None) -> str:
    """Return a run of text, in a character style when one is given."""
    style = f'<w:rPr><w:rStyle w:val="{attribute(style_id)}"/></w:rPr>' if style_id else ""
    space = ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() else ""
    return f"<w:r>{style}<w:t{space}>{text(value)}</w:t></w:r>"


def text_runs(value: str, superscript_id: str | None) -> list[str]:
    """Return the runs of a text, ordinal suffixes (1er, 18e) in the superscript style."""
    if ORDINAL.search(value) is None:  # most texts: one run
        return [run(value)] if value else []
    runs = []
    position = 0
    for match in ORDINAL.finditer(value):
        if match.start() > position:
            runs.append(run(value[position : match.start()]))
        runs += [run(match.group(1)), run(match.group(2), superscript_id)]
        position = match.end()
    return [*runs, run(value[position:])] if value[position:] else runs


def marked(tag: str, mark_id: int, name: str | None = None) -> str:
    """Return a range mark (`w:bookmarkStart`, `w:commentRangeEnd`…) with its id."""
    named = f' w:name="{attribute(name)}"' if name is not None else ""
    return f'<{tag} w:id="{mark_id}"{named}/>'


def comment_reference_run(comment_id: int) -> str:
    """Return the run that shows a comment's mark, right after its range."""
    return (
        '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
        f'<w:commentReference w:id="{comment_id}"/></w:r>'
    )


def footnote_reference_run(note_id: int, style_id: str | None) -> str:
    """Return the body run that calls a footnote (superscript without a reference style)."""
    look = (
        f'<w:rStyle w:val="{attribute(style_id)}"/>'
        if style_id
        else '<w:vertAlign w:val="superscript"/>'
    )
    return f'<w:r><w:rPr>{look}</w:rPr><w:footnoteReference w:id="{note_id}"/></w:r>'


def checked(xml: str) -> str:
    """Return xml, or fail on a character XML cannot hold (Word would not open the file).

    Entries and workspace templates are refused earlier, at their line: reaching this is a
    bug in drafter, not the user's input (lxml failed the same way)."""
    found = _NOT_XML.search(xml)
    if found is not None:
        raise ValueError(f"U+{ord(found.group()):04X} cannot be written in XML")
    return xml


# Between two lines of a comment, in the draft's Markdown: U+2029 PARAGRAPH SEPARATOR, which
# no entry text holds (the reader turns it into a space); drafting/markup.py writes it.
COMMENT_LINE_BREAK = "\u2029"
_COMMENT_LINE = '<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>{mark}{run}</w:p>'
_ANNOTATION_MARK = (
    '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>'
)


def comment(comment_id: int, author: str, date: str, value: str) -> str:
    """Return a `w:comment` of the comments part, by author at date: a paragraph per line of
    the text (lines cut at COMMENT_LINE_BREAK), the first with the annotation mark."""
    lines = "".join(
        _COMMENT_LINE.format(
            mark=_ANNOTATION_MARK if index == 0 else "",
            run=f'<w:r><w:t xml:space="preserve">{text(line)}</w:t></w:r>',
        )
        for index, line in enumerate(value.split(COMMENT_LINE_BREAK))
    )
    return (
        f'<w:comment w:id="{comment_id}" w:author="{attribute(author)}" w:initials="" '
        f'w:date="{attribute(date)}">{lines}</w:comment>'
    )
