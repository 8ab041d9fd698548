"""Comments an editor can read, and highlights that summarise (issue 24, points 3 and 6)."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from click.testing import Result
from lxml import etree

from drafter.writing.docx.comments import Comments

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
ENTRIES = {
    "inputs/cyber/a.yaml": """\
        - date: 2024-03-01
          sous_theme: echanges-politiques
          acteurs: les services
          action: ont organisé un atelier
          contributeur: SEAE
          source: Note 12
          propositions: [P16-3.01]
          a_souligner: true
        - date: 2022-10
          sous_theme: echanges-politiques
          texte: Une activité ancienne
          contributeur: AED
        """,
    "inputs/cyber/b.yaml": """\
        date: 2024-04
        sous_theme: echanges-politiques
        texte: Par ailleurs, une réunion a eu lieu
        contributeur: EMUE
        a_souligner: "La réunion annuelle a eu lieu"
        """,
}


@pytest.fixture
def comments(workspace: Callable[..., Path], cli_invoke: Callable[..., Result]) -> etree._Element:
    """Return the comments part of a draft built from ENTRIES."""
    root = workspace(ENTRIES)
    assert cli_invoke("build", "--workspace", root).exit_code == 0
    with zipfile.ZipFile(root / "outputs" / "rapport-etape-09.docx") as package:
        return etree.fromstring(package.read("word/comments.xml"))


def _lines(comment: etree._Element) -> list[str]:
    """Return a comment's paragraphs' text, spaces made plain."""
    return [
        "".join(p.itertext()).replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'")
        for p in comment.findall("w:p", NS)
    ]


def _by_first_line(comments: etree._Element) -> dict[str, list[str]]:
    found = {}
    for comment in comments.findall("w:comment", NS):
        lines = _lines(comment)
        found[lines[0]] = lines
    return found


def test_one_fact_per_paragraph_then_what_to_check(comments: etree._Element) -> None:
    """Entry, file and line, service, source, proposals: a Word paragraph each, the first
    one holding the annotation mark; then « À vérifier : » and one remark per line."""
    by_first = _by_first_line(comments)
    assert by_first["Entrée : cyber/a"] == [
        "Entrée : cyber/a",
        "Fichier : inputs/cyber/a.yaml, ligne 1",
        "Service : SEAE",
        "Source : Note 12",
        "Propositions : P16-3.01",
    ]
    first = comments.find("w:comment/w:p", NS)
    assert first is not None
    assert first.find(".//w:annotationRef", NS) is not None
    old = by_first["Entrée : cyber/a#2"]
    assert old[:3] == [
        "Entrée : cyber/a#2",
        "Fichier : inputs/cyber/a.yaml, ligne 9",
        "Service : AED",
    ]
    assert old[3] == "À vérifier :"
    # the entry's warnings are in its comment, phrased for an editor
    assert old[4].startswith(
        "– Activité datée hors de la période du rapport (juin 2023 – mai 2024)"
    )
    assert len(old) == 5


def test_no_yaml_advice_in_word_comments(comments: etree._Element) -> None:
    """« ajoutez apres: », « statut: prevu », « a_souligner: » are for contributors (check)."""
    text = " ".join(" ".join(_lines(c)) for c in comments.findall("w:comment", NS))
    assert "Cette phrase renvoie à la phrase précédente" in text
    for advice in ("apres:", "statut: prevu", "a_souligner:", "ajoutez"):
        assert advice not in text


def test_a_highlight_does_not_repeat_its_sentence_comment(comments: etree._Element) -> None:
    """The bullet's comment says where its sentence is; the facts stay on the sentence. A
    bullet that repeats its sentence word for word is flagged; a summary is not."""
    by_first = _by_first_line(comments)
    bullet = by_first["Fait saillant tiré de l'entrée cyber/a"]
    assert bullet[1] == (
        "Sa phrase, avec sa source et son service, est dans le domaine « Cybersécurité et "
        "cyberdéfense »."
    )
    assert not any(line.startswith(("Fichier", "Service", "Source")) for line in bullet)
    assert bullet[2:] == [
        "À vérifier :",
        "– Ce fait saillant reprend mot pour mot sa phrase : dans les rapports publiés, un fait "
        "saillant la résume ; résumez-le ici.",
    ]
    assert by_first["Fait saillant tiré de l'entrée cyber/b"][2:] == []


def test_check_warns_when_a_highlight_repeats_its_sentence(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """`a_souligner: true`, or a text that says the sentence again, is warned with the fix;
    a summary is not."""
    files = dict(ENTRIES)
    files["inputs/cyber/c.yaml"] = """\
        date: 2023-12
        sous_theme: reunion-annuelle
        texte: Une autre réunion a eu lieu
        contributeur: EMUE
        a_souligner: "une autre réunion a eu lieu."
        """
    result = cli_invoke("check", "--workspace", workspace(files))
    warned = [line for line in result.stderr.splitlines() if "fait saillant" in line]
    assert [line.split(":")[0] for line in warned] == ["inputs/cyber/a.yaml", "inputs/cyber/c.yaml"]
    assert all('écrivez le résumé dans a_souligner: "…"' in line for line in warned)
    assert all("avertissement : ce fait saillant reprend mot pour mot" in line for line in warned)


def test_merge_comments_have_their_lines_too(tmp_path: Path) -> None:
    """A comment added by the merge has one Word paragraph per line."""
    document = docx.Document()
    paragraph = document.add_paragraph("Une phrase.")
    run = paragraph.runs[0]._r
    adder = Comments(document, "drafter", dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    adder.add(run, run, "Entrée : x\u2029Service : SEAE")
    adder.finish()  # the merge's comments are text, joined to the part when it is saved
    path = tmp_path / "m.docx"
    document.save(str(path))
    with zipfile.ZipFile(path) as package:
        part = etree.fromstring(package.read("word/comments.xml"))
    assert _lines(part.find("w:comment", NS)) == ["Entrée : x", "Service : SEAE"]


def test_drafting_and_writing_spell_the_line_break_alike() -> None:
    """The mark's line separator (drafting) is the one the Word writer cuts at."""
    from drafter.drafting.markup import COMMENT_LINE_BREAK as drafted
    from drafter.writing.docx.bodytext import COMMENT_LINE_BREAK as written

    assert drafted == written == "\u2029"
