"""Golden test: the demo draft, dumped as (style, text) per paragraph, comments, notes, margins.

Regenerate after an intended change with `DRAFTER_UPDATE_GOLDEN=1 python -m pytest
tests/test_golden.py`, and review the diff of tests/golden/ like any other change.
"""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import docx
from click.testing import CliRunner

from drafter.cli import main
from tests.conftest import REPO

GOLDEN = REPO / "tests" / "golden" / "demo.txt"
GOLDEN_EN = REPO / "tests" / "golden" / "demo-en.txt"


def dump(path: Path) -> str:
    """Return a readable, stable dump of everything an editor sees in the draft."""
    document = docx.Document(str(path))
    lines = [f"[{p.style.name}] {p.text}" for p in document.paragraphs]
    lines += [
        f"[table] {' | '.join(c.text for c in row.cells)}"
        for table in document.tables
        for row in table.rows
    ]
    lines += [f"[comment {c.comment_id}] {c.text}" for c in document.comments]
    with zipfile.ZipFile(path) as package:
        if "word/footnotes.xml" in package.namelist():
            notes = package.read("word/footnotes.xml").decode()
            lines += [f"[footnote] {t}" for t in re.findall(r"<w:t[^>]*> ?([^<]+)</w:t>", notes)]
    section = document.sections[0]
    lines.append(f"[header] {section.header.paragraphs[0].text}")
    lines.append(f"[footer] {section.footer.paragraphs[0]._p.xml.count('<w:fldSimple')} fields")
    return "\n".join(line.replace("\u00a0", "⍽").replace("\u202f", "⸱") for line in lines) + "\n"


def test_demo_draft_matches_golden(tmp_path: Path) -> None:
    """The demo draft's paragraphs, styles, comments and notes are exactly the reviewed ones."""
    out = tmp_path / "demo.docx"
    result = CliRunner().invoke(main, ["build", "--workspace", str(REPO), "-o", str(out)])
    assert result.exit_code == 0, result.output
    actual = dump(out)
    if os.environ.get("DRAFTER_UPDATE_GOLDEN"):
        GOLDEN.write_text(actual, encoding="utf-8")
    assert actual == GOLDEN.read_text(encoding="utf-8")


def test_english_demo_draft_matches_golden(tmp_path: Path) -> None:
    """The demo's English draft (traductions/en.po), with its annex: paragraphs, styles,
    comments and notes exactly the reviewed ones."""
    out = tmp_path / "demo-en.docx"
    options = ["--langue", "en", "--annexe", "-o", str(out)]
    result = CliRunner().invoke(main, ["build", "--workspace", str(REPO), *options])
    assert result.exit_code == 0, result.output
    actual = dump(out)
    if os.environ.get("DRAFTER_UPDATE_GOLDEN"):
        GOLDEN_EN.write_text(actual, encoding="utf-8")
    assert actual == GOLDEN_EN.read_text(encoding="utf-8")
