"""A table of contents that shows, and PDFs for reviewers and for printing (issue 24, 1-2)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from lxml import etree

from drafter.writing.pdf import heading_pages

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
ENTRIES = {
    "inputs/cyber/a.yaml": """\
        date: 2024-03
        sous_theme: echanges-politiques
        texte: Les services ont tenu une réunion
        contributeur: SEAE
        source: Note 12
        """,
}
TITLES = [
    "Lutte contre les menaces hybrides",
    "Coopération opérationnelle, y compris sur les questions maritimes",
    "Cybersécurité et cyberdéfense",
    "Capacités de défense",
    "Industrie de défense et recherche en matière de défense",
    "Exercices",
    "Renforcement des capacités de défense et de sécurité",
    "Dialogue politique",
    "Annexe : propositions communes et activités de la période",
]


def _body(docx: Path) -> etree._Element:
    with zipfile.ZipFile(docx) as package:
        return etree.fromstring(package.read("word/document.xml")).find("w:body", NS)


def _text(element: etree._Element) -> str:
    """Return the text Word shows (w:t), not field instructions."""
    shown = "".join(element.xpath(".//w:t/text()", namespaces=NS))
    return shown.replace("\u00a0", " ").replace("’", "'")


def test_the_entries_are_in_the_file(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """--toc writes the field's result: one paragraph per heading, each a link to a hidden
    `_Toc` bookmark around that heading and a PAGEREF field; the field is dirty (Word
    recomputes it on opening) and ends after the last entry."""
    root = workspace(ENTRIES)
    assert cli_invoke("build", "--toc", "--annexe", "--workspace", root).exit_code == 0
    body = _body(root / "outputs" / "rapport-etape-09.docx")
    links = body.findall(".//w:hyperlink", NS)
    assert [_text(link).strip() for link in links] == TITLES
    begin = body.find(".//w:fldChar[@w:fldCharType='begin']", NS)
    assert begin is not None
    assert begin.get(f"{{{W}}}dirty") == "true"
    assert "TOC" in body.find(".//w:instrText", NS).text
    headings = {
        _text(p): p
        for p in body.findall("w:p", NS)
        if p.find("w:pPr/w:pStyle", NS).get(f"{{{W}}}val") == "Heading1"
    }
    for link in links:
        anchor = link.get(f"{{{W}}}anchor")
        assert anchor.startswith("_Toc")
        instructions = "".join(link.xpath(".//w:instrText/text()", namespaces=NS))
        assert "PAGEREF " + anchor in instructions
        marked = [
            t
            for t, p in headings.items()
            if p.find(f".//w:bookmarkStart[@w:name='{anchor}']", NS) is not None
        ]
        assert marked == [_text(link).strip()]
    entries = [p for p in body.findall("w:p", NS) if p.find("w:hyperlink", NS) is not None]
    assert entries[-1].findall("w:r/w:fldChar", NS)[-1].get(f"{{{W}}}fldCharType") == "end"


def test_heading_pages_come_after_the_table_of_contents(tmp_path: Path) -> None:
    """The page of a heading is where its title is a line after the table of contents'
    own line; a sentence that merely contains the words does not count."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = tmp_path / "t.txt"
    text.write_text(
        "Table des matières\nExercices\nDialogue politique\n\fExercices conjoints menés.\n"
        "Exercices\nTexte.\n\fDialogue\npolitique\n",
        encoding="utf-8",
    )
    pdf = _pdf_of(text, tmp_path)
    assert heading_pages(pdf, ["Exercices", "Dialogue politique"]) == {
        "Exercices": 2,
        "Dialogue politique": 3,
    }


def _pdf_of(text: Path, work: Path) -> Path:
    """Return a PDF of a plain text file, one page per form feed (LibreOffice)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{work}/p",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(text),
        ],
        capture_output=True,
        check=True,
        timeout=300,
    )
    return work / "t.pdf"


def _pdftotext(pdf: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8").replace("\u00a0", " ")


def test_pdf_shows_the_table_of_contents_with_pages_and_the_comments(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result], soffice: str
) -> None:
    """--toc --pdf: the PDF lists every heading with its page; `--pdf` (relecture) shows
    the Word comments in the margin, `--pdf impression` the page alone."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    root = workspace(ENTRIES)
    result = cli_invoke("build", "--toc", "--annexe", "--pdf", "--workspace", root)
    assert result.exit_code == 0
    reviewed = _pdftotext(root / "outputs" / "rapport-etape-09.pdf")
    for title in TITLES:
        assert re.search(re.escape(title) + r"\.{5,}\s*\d+", reviewed), title
    assert "Service : SEAE" in reviewed  # a comment, in the margin
    # the page numbers are in the Word file too, as the PAGEREF fields' results
    links = _body(root / "outputs" / "rapport-etape-09.docx").findall(".//w:hyperlink", NS)
    assert all(re.search(r"\d+$", _text(link)) for link in links)
    printed = cli_invoke("build", "--toc", "--pdf", "impression", "--force", "--workspace", root)
    assert printed.exit_code == 0
    plain = _pdftotext(root / "outputs" / "rapport-etape-09.pdf")
    assert "Table des matières" in plain
    assert "Service : SEAE" not in plain


def test_annex_rows_never_split_across_pages(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """Every row of the annex table says w:cantSplit; the header row repeats on each page."""
    root = workspace(ENTRIES)
    assert cli_invoke("build", "--annexe", "--workspace", root).exit_code == 0
    rows = _body(root / "outputs" / "rapport-etape-09.docx").findall("w:tbl/w:tr", NS)
    assert len(rows) > 40
    assert all(row.find("w:trPr/w:cantSplit", NS) is not None for row in rows)
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
