"""The fresh draft's body is written as text: the same XML the element builders write."""

from __future__ import annotations

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


def _xml(element: etree._Element) -> str:
    """Return an element's XML without the namespace declarations of a detached element."""
    return oxml.detached_xml(element).decode("utf-8")


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("style", [None, "Àcompléter", 'Style "odd" & <co>'])
def test_runs_are_the_xml_of_the_element_builders(text: str, style: str | None) -> None:
    """Same escaping, same edge-space preservation, same character style as lxml writes."""
    assert bodytext.run(text, style) == _xml(oxml.run_element(text, style))


@pytest.mark.parametrize("text", [t for t in TEXTS if t] + ["Le 1er et le 18e sommet, 2e"])
def test_ordinal_runs_match(text: str) -> None:
    """Ordinal suffixes go to the superscript style, as in the element builders."""
    expected = "".join(_xml(r) for r in oxml.text_runs(text, "Exposant"))
    assert "".join(bodytext.text_runs(text, "Exposant")) == expected


def test_paragraph_and_marks_match() -> None:
    """Paragraph, range marks and the comment reference run: the element builders' XML."""
    p = oxml.paragraph_element("BodyText")
    p.append(oxml.marked_element("w:bookmarkStart", 3, name="_drafter_ab&c"))
    p.append(oxml.run_element("x"))
    p.append(oxml.marked_element("w:commentRangeEnd", 4))
    p.append(oxml.comment_reference_run(4))
    content = [
        bodytext.marked("w:bookmarkStart", 3, "_drafter_ab&c"),
        bodytext.run("x"),
        bodytext.marked("w:commentRangeEnd", 4),
        bodytext.comment_reference_run(4),
    ]
    assert bodytext.paragraph("BodyText", content) == _xml(p)


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
