"""The paragraphs of a published report in PDF (`drafter reprendre`), through pdfplumber (MIT;
the optional extra `drafter[pdf]`, imported only when a PDF is given). The only pdfplumber
importer.

A PDF has lines, not paragraphs. Page headers and footers (« Page 2 sur 15 ») fall in a band
cropped off each page; footnotes and their calls are smaller than the body text and filtered
out by font size; larger or bold lines are headings; a wider gap between lines, a bullet or a
heading starts a paragraph; a paragraph cut by a page break goes on; a word cut by a line-end
hyphen is joined again when the document writes it whole elsewhere.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from drafter.errors import DrafterError, Problem
from drafter.model import SourceParagraph

BAND = 0.075  # share of the page height cropped at the top and at the bottom
SMALL = 0.85  # characters smaller than this share of the body size are footnotes
LARGE = 1.05  # lines larger than this share of the body size are headings
BOLD_LINE = 9  # a heading in bold at the body size (as writing/docx/word_text.py)
_BULLET = re.compile(r"^[–•\-▪◦●]\s+")
_ENDED = re.compile(r"[.:;!?»]$")
# French puts no space before these: one left there stood before a footnote call filtered out
_NO_SPACE_BEFORE = re.compile(r"\s+([.,)])")


@dataclass
class _Line:
    text: str
    x0: float
    top: float
    bottom: float
    size: float
    bold: bool
    page: int


def pdf_paragraphs(path: Path, shown: str) -> list[SourceParagraph]:
    """Return the body paragraphs of a PDF report; raise « rapport illisible » with its path."""
    try:
        with pdfplumber.open(path) as pdf:
            body = _body_size(pdf.pages)
            lines = [line for i, p in enumerate(pdf.pages) for line in _lines(p, i, body)]
    except (PdfminerException, PDFSyntaxError, PSException, ValueError, KeyError) as exc:
        message = f"rapport illisible (ce n'est pas un PDF lisible : {exc.__class__.__name__})"
        raise DrafterError([Problem(shown, 1, 1, message)]) from None
    return _paragraphs(lines, body)


def _body_size(pages: list[Any]) -> float:
    """Return the size of most characters: the body text's."""
    sizes: Counter[float] = Counter()
    for page in pages:
        sizes.update(round(char["size"], 1) for char in page.chars)
    return sizes.most_common(1)[0][0] if sizes else 12.0


def _lines(page: Any, number: int, body: float) -> list[_Line]:
    band = page.height * BAND
    cropped = page.crop((0, band, page.width, page.height - band), strict=False)
    small = _footnote_chars(cropped.chars, body)
    kept = cropped.filter(lambda o: o.get("object_type") != "char" or _key(o) not in small)
    found = []
    for line in kept.extract_text_lines(return_chars=True):
        text = _NO_SPACE_BEFORE.sub(r"\1", line["text"].strip())
        chars = [c for c in line["chars"] if c["text"].strip()]
        if not text or not chars:
            continue
        size = statistics.median(c["size"] for c in chars)
        bold = all("bold" in c["fontname"].lower() for c in chars)
        found.append(_Line(text, line["x0"], line["top"], line["bottom"], size, bold, number))
    return found


def _footnote_chars(chars: list[dict[str, Any]], body: float) -> set[tuple[float, float, str]]:
    """Return the characters of footnotes and their calls: smaller than the body text, except
    the letters of an ordinal after its number (the « e » of « 4e »)."""
    found = set()
    suffix = False
    previous = ""
    for char in chars:
        if char["size"] >= body * SMALL:
            suffix, previous = False, char["text"]
            continue
        suffix = char["text"].isalpha() and (previous.isdigit() or suffix)
        if not suffix:
            found.add(_key(char))
        previous = char["text"]
    return found


def _key(char: dict[str, Any]) -> tuple[float, float, str]:
    return (round(char["x0"], 2), round(char["top"], 2), char["text"])


def _paragraphs(lines: list[_Line], body: float) -> list[SourceParagraph]:
    levels = _heading_levels(lines, body)
    spacing = _spacing(lines)
    paragraphs: list[list[str | int | bool | None]] = []  # text, level, item
    words = _whole_words(lines)
    previous: _Line | None = None
    for line in lines:
        level = levels.get(round(line.size, 1)) if line.size > body * LARGE else None
        level = BOLD_LINE if level is None and line.bold else level
        item = bool(_BULLET.match(line.text))
        text = _BULLET.sub("", line.text)
        if previous is not None and _goes_on(previous, line, level, item, paragraphs, spacing):
            paragraphs[-1][0] = _join(str(paragraphs[-1][0]), text, words)
        else:
            paragraphs.append([text, level, item])
        previous = line
    return [
        SourceParagraph(str(t), lv if isinstance(lv, int) else None, bool(i))
        for t, lv, i in paragraphs
    ]


def _heading_levels(lines: list[_Line], body: float) -> dict[float, int]:
    """Return a level per heading size, the largest first (0: the title)."""
    sizes = sorted({round(x.size, 1) for x in lines if x.size > body * LARGE}, reverse=True)
    return {size: index for index, size in enumerate(sizes)}


def _spacing(lines: list[_Line]) -> float:
    gaps = [
        b.top - a.top for a, b in itertools.pairwise(lines) if a.page == b.page and b.top > a.top
    ]
    return statistics.median(gaps) if gaps else 14.0


def _goes_on(
    previous: _Line,
    line: _Line,
    level: int | None,
    item: bool,
    paragraphs: list[list[str | int | bool | None]],
    spacing: float,
) -> bool:
    """Tell whether the line continues the paragraph before it."""
    current_level = paragraphs[-1][1]
    if item or level != current_level or (level == BOLD_LINE):
        return False
    if line.page != previous.page:  # a page break cuts a paragraph that does not end
        return level is None and not _ENDED.search(str(paragraphs[-1][0]))
    if paragraphs[-1][2] and line.x0 < previous.x0 - 2:  # back from a list item's indent
        return False
    return line.top - previous.top < spacing * 1.3


def _whole_words(lines: list[_Line]) -> set[str]:
    return {w.lower() for line in lines for w in re.findall(r"[^\W\d_]+", line.text)}


def _join(text: str, line: str, words: set[str]) -> str:
    """Join a line to its paragraph; a word cut by a line-end hyphen is joined whole when
    the document writes it whole elsewhere, else its hyphen is kept (`euro-atlantique`)."""
    cut = re.search(r"([^\W\d_]+)-$", text)
    if cut:
        head = re.match(r"[^\W\d_]+", line)
        whole = cut.group(1) + (head.group(0) if head else "")
        if head and whole.lower() in words:
            return text[:-1] + line
        return text + line
    return _NO_SPACE_BEFORE.sub(r"\1", f"{text} {line}")
