"""A report laid out like the published ones, made from the 6th report's published text
(tests/data/rapport-6/rapport-publie.md): the title over two lines, a date line, highlights,
area headings at mixed levels and one in bold only, a footnote, a footer « Page 2 sur 15 ».
Written as .docx by drafter's own Markdown -> Word writer, then as PDF by LibreOffice."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx

from drafter.writing.docx import DocxOptions, write_docx
from drafter.writing.markdown import parse_parts, split_parts
from tests.conftest import REPO
from tests.test_reconstruction import _SEED_REPAIRS, SEED, _fold_seed, joined_blocks

APOSTROPHE = "’"
# the headings the layout sets at another level than the others, and the one in bold only
SECOND_LEVEL = ("Cybersécurité et cyberdéfense", "Capacités de défense")
BOLD_ONLY = "Exercices"


def published_markdown(english: dict[str, list[str]] | None = None) -> str:
    """Return the published report as drafter's Markdown (the French edition)."""
    text = SEED.read_text(encoding="utf-8")
    note = re.search(r"^<sup>&</sup>lt;sup>1</sup> (.*)$", text, flags=re.M)
    assert note is not None
    text = re.sub(r"^<sup>&</sup>.*$", "", text, flags=re.M)
    text = re.sub(r"[¹²]", "", text)
    lines = [_block(b) for b in joined_blocks(text)]
    body = "\n\n".join(line for line in lines if line)
    # the Kosovo note, as a real footnote on the first sentence that names Kosovo
    body = body.replace("Kosovo", "Kosovo[^kosovo]", 1)
    return body + f"\n\n[^kosovo]: {_fold_seed(note.group(1), APOSTROPHE)}\n"


def _block(block: str) -> str:
    if not re.search(r"\w", block):
        return "*****"
    if block.startswith("# "):
        title = _fold_seed(block[2:], APOSTROPHE)
        first, rest = title.split(" sur les suites", 1)
        return f"# {first}\n\n# sur les suites{rest}"
    if block.startswith("## "):  # the date line
        return block[3:]
    if block.startswith("#"):
        title = _fold_seed(block.lstrip("#").replace("**", "").strip(), APOSTROPHE)
        return f"**{title}**" if title == BOLD_ONLY else f"## {title}"
    block = re.sub(r"[^\S\n]+", " ", block)
    for garbled, repaired in _SEED_REPAIRS:
        block = block.replace(garbled, repaired)
    return _fold_seed(block, APOSTROPHE).replace("*", "\\*")


def write_published(markdown: str, target: Path) -> Path:
    """Write the Markdown as a published-looking .docx (footer with page numbers)."""
    options = DocxOptions(
        reference=REPO / "templates" / "reference.docx",
        timestamp=dt.datetime(2021, 6, 3, tzinfo=dt.UTC),
        footer="Page {PAGE} sur {NUMPAGES}",
        trusted=True,
    )
    target.write_bytes(write_docx(parse_parts(split_parts(markdown)), options))
    document = docx.Document(str(target))
    for paragraph in document.paragraphs:
        if paragraph.text in SECOND_LEVEL:
            paragraph.style = document.styles["Heading 2"]
        if paragraph.text == f"**{BOLD_ONLY}**":  # drafter's writer keeps ** as text
            paragraph.runs[0].text = BOLD_ONLY
            paragraph.runs[0].bold = True
    document.save(str(target))
    return target
