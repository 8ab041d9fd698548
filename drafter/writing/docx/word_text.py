"""The body paragraphs of a published report in Word (`drafter reprendre`): text, heading
level and list membership, in document order. Headers, footers and footnotes live in parts of
their own and are never read; a footnote's call is a run without text."""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path
from typing import NamedTuple

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from drafter.errors import DrafterError, Problem
from drafter.writing.docx.package_check import checked_draft

# a heading in bold that is not a heading style: deeper than any Word heading level
BOLD_LINE = 9
_HEADING = re.compile(r"(?:heading|titre)\s*(\d)", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\n\r\f\v]+")


class WordParagraph(NamedTuple):
    """A body paragraph: its text, its heading level (None: body text), a list item or not."""

    text: str
    level: int | None
    item: bool


def word_paragraphs(path: Path, shown: str) -> list[WordParagraph]:
    """Return the body paragraphs of a .docx; raise « rapport illisible » with its path."""
    try:
        data = checked_draft(path, shown)
    except DrafterError as exc:  # the package checks speak of an editors' draft
        raise DrafterError([_as_report(p) for p in exc.problems]) from None
    try:
        document = docx.Document(io.BytesIO(data))
    except (KeyError, ValueError) as exc:
        raise DrafterError([Problem(shown, 1, 1, f"rapport illisible ({exc})")]) from None
    found = [_paragraph(p) for p in document.paragraphs]
    return [p for p in found if p.text]


def _as_report(problem: Problem) -> Problem:
    message = problem.message.replace("brouillon illisible", "rapport illisible")
    return dataclasses.replace(problem, message=message.split(" : --force")[0])


def _paragraph(paragraph: Paragraph) -> WordParagraph:
    text = _SPACES.sub(" ", paragraph.text).strip()
    style = paragraph.style.name if paragraph.style is not None else ""
    properties = paragraph._p.pPr
    numbered = properties is not None and properties.find(qn("w:numPr")) is not None
    item = numbered or "list" in style.lower() or "liste" in style.lower()
    return WordParagraph(text, _level(paragraph, style), item)


def _level(paragraph: Paragraph, style: str) -> int | None:
    """Return 0 for a title, N for a heading N (style or outline level), BOLD_LINE for a
    paragraph all in bold, None for body text."""
    if style.lower() in ("title", "titre"):
        return 0
    heading = _HEADING.search(style)
    if heading:
        return int(heading.group(1))
    outline = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
    if outline is not None and outline.get(qn("w:val"), "9").isdigit():
        level = int(outline.get(qn("w:val"), "9")) + 1
        return level if level < BOLD_LINE else None
    runs = [r for r in paragraph.runs if r.text.strip()]
    return BOLD_LINE if runs and all(r.bold for r in runs) else None
