"""The fresh draft's body is written as text: the same XML the element builders write."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from lxml import etree

from drafter.writing.docx import bodytext, oxml

TEXTS = [
    "Plain text",
    " leading and trailing ",
    "Escapes: R&D <b> 5 > 3 \"quoted\" 'single'",
    "Retour\rchariot",
    "Tab\tinside",
    "Français : « l’UE » — 18e\u00a0sommet",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("style", [None, "Àcompléter", 'Style "odd" & <co>'])
def test_a_run_reads_back_as_its_text_and_style(text: str, style: str | None) -> None:
    """Escaping is right: the run parses (as python-docx's CT_R) back to the same text and
    character style, edge spaces preserved."""
    run = oxml.from_text(bodytext.run(text, style))
    assert type(run).__name__ == "CT_R"
    assert run.xpath("string(.)") == text
    assert run.xpath("string(./w:rPr/w:rStyle/@w:val)") == (style or "")
    preserved = run.xpath("string(./w:t/@xml:space)") == "preserve"
    assert preserved == (text != text.strip())


def test_runs_escape_as_lxml_does() -> None:
    """The text is escaped as lxml would write it (what Word reads)."""
    assert bodytext.run('R&D <b> 5 > 3 "q"\r', 'S "o" & <c>') == (
        '<w:r><w:rPr><w:rStyle w:val="S &quot;o&quot; &amp; &lt;c&gt;"/></w:rPr>'
        '<w:t xml:space="preserve">R&amp;D &lt;b&gt; 5 &gt; 3 "q"&#13;</w:t></w:r>'
    )


@pytest.mark.parametrize("text", [t for t in TEXTS if t] + ["Le 1er et le 18e sommet, 2e"])
def test_ordinal_suffixes_are_superscript_runs(text: str) -> None:
    """Ordinal suffixes go to the superscript style; the runs read back as the text."""
    runs = oxml.text_runs(text, "Exposant")
    assert "".join(r.xpath("string(.)") for r in runs) == text
    superscript = [r for r in runs if r.xpath("string(./w:rPr/w:rStyle/@w:val)") == "Exposant"]
    assert [r.xpath("string(.)") for r in superscript] == re.findall(r"\d(er|e)\b", text)


def test_paragraph_marks_and_comments_are_python_docx_elements() -> None:
    """Paragraph, range marks, the comment reference run and a comment are parsed into
    python-docx's classes, with their ids, names and text."""
    p = oxml.paragraph_element("BodyText")
    p.append(oxml.marked_element("w:bookmarkStart", 3, name="_drafter_ab&c"))
    p.append(oxml.comment_reference_run(4))
    assert type(p).__name__ == "CT_P"
    assert p.xpath("string(./w:pPr/w:pStyle/@w:val)") == "BodyText"
    assert p.xpath("string(./w:bookmarkStart/@w:name)") == "_drafter_ab&c"
    assert p.xpath("string(./w:r/w:commentReference/@w:id)") == "4"
    comment = oxml.from_text(bodytext.comment(7, "A & B", "2024-06-01T00:00:00Z", "x < y"))
    assert (comment.get(oxml.qn("w:author")), comment.xpath("string(.)")) == ("A & B", "x < y")


def test_a_character_xml_cannot_hold_is_a_bug_not_a_corrupt_file() -> None:
    """Entries and templates refuse control characters at their line; the writer never lets
    one through into a file Word would refuse to open."""
    with pytest.raises(ValueError, match="U\\+000B"):
        bodytext.checked(bodytext.paragraph("BodyText", [bodytext.run("a\x0bb")]))
    assert bodytext.checked("<w:p/>") == "<w:p/>"


def test_the_body_is_spliced_once_with_its_tables_and_fields(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """The marker is gone, the namespace is declared once, the annex table and the table of
    contents are in the body, and the section properties are still its last child."""
    root = workspace({"inputs/cyber/a.yaml": "date: 2023-07\ntexte: Un\ncontributeur: SEAE\n"})
    assert cli_invoke("build", "--toc", "--annexe", "--workspace", root).exit_code == 0
    with zipfile.ZipFile(root / "outputs" / "rapport-etape-09.docx") as package:
        xml = package.read("word/document.xml")
    assert b"drafter:body" not in xml
    assert xml.count(b'xmlns:w="') == 1
    body = etree.fromstring(xml)[0]
    tags = [etree.QName(child).localname for child in body]
    assert "tbl" in tags
    assert tags[-1] == "sectPr"
    assert b" TOC " in xml
