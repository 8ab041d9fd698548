"""Merging into drafts with the editors' pending changes as LibreOffice writes them, built
here on the XML (tests/test_merge_libreoffice.py makes the same edits in LibreOffice itself):
a paragraph deleted with tracking, a paragraph moved with tracking (its copy's bookmark
renamed), comment ranges ending after the bookmark; and where drafter's comments go."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import pytest
from docx.oxml.xmlchemy import BaseOxmlElement
from lxml import etree

from drafter.writing.docx.bookmarks import bookmark_name
from tests.test_merge import ENTRIES, LATE, A, build, merge, write_workspace
from tests.test_merge_edits import SECOND, _ends, assert_rejects_to_editors, edit, write
from tests.wordxml import (
    NS,
    about,
    accept_all,
    bookmark,
    comments,
    part,
    styled_paragraphs,
    text_of,
    w,
)

EDITOR = {w("author"): "Rédactrice B", w("date"): "2024-06-20T10:00:00Z"}
TARDIVE = "Une activité tardive a eu lieu en mai 2024."
REUNION_LATE = LATE.replace("echanges-politiques", "reunion-annuelle")
Edit = Callable[[BaseOxmlElement], None]


@pytest.fixture
def drafted(tmp_path: Path) -> Path:
    """Return a built workspace: cyber has two paragraphs (a, a#2 | e), then exercices (b)."""
    write_workspace(tmp_path, {**ENTRIES, "inputs/cyber/e.yaml": SECOND})
    build(tmp_path)
    return tmp_path


def _tracked(tag: str, mark_id: int, children: list[BaseOxmlElement]) -> BaseOxmlElement:
    element = etree.Element(w(tag), {w("id"): str(mark_id), **EDITOR})
    children[0].addprevious(element)
    element.extend(children)
    return element


def _mark(p: BaseOxmlElement, tag: str, mark_id: int) -> None:
    """Track a paragraph's mark (inserted, deleted, moved) by the editor."""
    r_pr = p.find("w:pPr", NS).find("w:rPr", NS)
    if r_pr is None:
        r_pr = etree.SubElement(p.find("w:pPr", NS), w("rPr"))
    r_pr.insert(0, etree.Element(w(tag), {w("id"): str(mark_id), **EDITOR}))


def delete_paragraph(sentence_id: str) -> Edit:
    """Return an edit deleting a whole paragraph with tracking, its mark too, as LibreOffice
    does (one w:del for its content)."""

    def change(body: BaseOxmlElement) -> None:
        p = _ends(body, sentence_id)[0].getparent()
        for t in p.iter(w("t")):
            t.tag = w("delText")
        _tracked("del", 801, [c for c in p if c.tag != w("pPr")])
        _mark(p, "del", 802)

    return change


def move_paragraph_after(sentence_id: str, after: str) -> Edit:
    """Return an edit moving a paragraph with tracking, as LibreOffice saves it: the source
    in w:moveFrom, the copy in w:moveTo with its bookmarks renamed `…_Copy_1`."""

    def change(body: BaseOxmlElement) -> None:
        source = _ends(body, sentence_id)[0].getparent()
        copied = copy.deepcopy(source)
        _tracked("moveFrom", 811, [c for c in source if c.tag != w("pPr")])
        _mark(source, "moveFrom", 812)
        for mark in [*copied.iter(w("bookmarkStart")), *copied.iter(w("bookmarkEnd"))]:
            mark.set(w("id"), f"9{mark.get(w('id'))}")
            if mark.get(w("name")):
                mark.set(w("name"), mark.get(w("name")) + "_Copy_1")
        for mark in [*copied.iter(w("commentRangeStart")), *copied.iter(w("commentRangeEnd"))]:
            mark.getparent().remove(mark)
        for reference in list(copied.iter(w("commentReference"))):
            reference.getparent().getparent().remove(reference.getparent())
        _tracked("moveTo", 814, [c for c in copied if c.tag != w("pPr")])
        _mark(copied, "moveTo", 815)
        _ends(body, after)[0].getparent().addnext(copied)

    return change


def comment_after_bookmark(sentence_id: str) -> Edit:
    """Return an edit putting the sentence's comment range end and reference after its
    bookmark end, as LibreOffice saves them."""

    def change(body: BaseOxmlElement) -> None:
        _, end = _ends(body, sentence_id)
        range_end = next(
            e for e in end.itersiblings(preceding=True) if e.tag == w("commentRangeEnd")
        )
        reference = range_end.getnext()
        end.addnext(range_end)
        range_end.addnext(reference)

    return change


def retype_whole(sentence_id: str, text: str) -> Edit:
    """Return an edit retyping a whole sentence, changes recorded, as LibreOffice saves it:
    the old text deleted inside the bookmark, the new one inserted with the bookmark end."""

    def change(body: BaseOxmlElement) -> None:
        start, end = _ends(body, sentence_id)
        run = next(r for r in start.itersiblings() if r.find(w("t")) is not None)
        typed = copy.deepcopy(run)
        typed.find(w("t")).text = text
        run.find(w("t")).tag = w("delText")
        deleted = _tracked("del", 821, [run])
        deleted.addnext(typed)
        _tracked("ins", 822, [typed]).insert(0, end)

    return change


def test_new_sentence_follows_a_sentence_retyped_whole(drafted: Path) -> None:
    """The previous sentence retyped whole (its bookmark holds deleted text only): its
    paragraph stays, so the new sentence follows the retyped text, in that paragraph."""
    edit(drafted, retype_whole("cyber/a#2", "Une deuxième action a eu lieu en avril 2024."))
    write(drafted, "inputs/cyber/a.yaml", A + LATE)
    merged, result = merge(drafted)
    assert "nouveau paragraphe" not in result.stdout
    ins = bookmark(part(merged, "document"), "cyber/a#3").getparent()
    assert text_of(ins.getparent()).endswith(f"action a eu lieu en avril 2024. {TARDIVE}")
    assert_rejects_to_editors(drafted)


def delete_sentences(*sentence_ids: str) -> Edit:
    """Return an edit deleting sentences of a paragraph with tracking, one w:del each (with
    the space before it), the paragraph's mark kept."""

    def change(body: BaseOxmlElement) -> None:
        for number, sentence_id in enumerate(sentence_ids):
            start, end = _ends(body, sentence_id)
            runs = [r for r in start.itersiblings() if r.find(w("t")) is not None]
            runs = [r for r in runs if end in r.itersiblings()]
            before = start.getprevious()
            if before is not None and before.find(w("t")) is not None:
                runs.insert(0, before)
            for run in runs:
                run.find(w("t")).tag = w("delText")
            _tracked("del", 830 + number, runs)

    return change


def test_new_sentence_never_splits_the_editors_deletion(drafted: Path) -> None:
    """The previous sentence and the next one are pending deletion in their paragraph (its
    mark stays): the new sentence goes after both deletions, not between them."""
    edit(drafted, delete_sentences("cyber/a", "cyber/a#2"))
    between = "date: 2024-03-15\napres: cyber/a\ntexte: Une étape intermédiaire a eu lieu {date}\n"
    write(drafted, "inputs/cyber/m.yaml", between + "contributeur: SEAE\n")
    merged, result = merge(drafted)
    assert "nouveau paragraphe" not in result.stdout
    ins = bookmark(part(merged, "document"), "cyber/m").getparent()
    assert not [e for e in ins.itersiblings() if e.tag == w("del")]
    assert [e.get(w("id")) for e in ins.itersiblings(preceding=True) if e.tag == w("del")] == [
        "831",
        "830",
    ]
    assert_rejects_to_editors(drafted)


def test_new_sentence_beside_a_deleted_paragraph_is_a_paragraph(drafted: Path) -> None:
    """The paragraph of its previous sentence is deleted (its mark too): the new sentence is
    a new paragraph before it, never inside the editors' deletion, which stays one piece."""
    edit(drafted, delete_paragraph("cyber/e"))
    write(drafted, "inputs/cyber/f.yaml", REUNION_LATE)
    merged, result = merge(drafted)
    assert "nouveau paragraphe" in result.stdout
    document = part(merged, "document")
    (deleted,) = [d for d in document.iter(w("del")) if d.get(w("id")) == "801"]
    assert "La réunion annuelle" in "".join(deleted.itertext())
    assert not [e for e in deleted.iter() if e.get(w("author")) == "drafter"]
    p = bookmark(document, "cyber/f").getparent().getparent()
    assert text_of(p) == TARDIVE
    assert p.getnext() is deleted.getparent()
    accepted = styled_paragraphs(accept_all(document))
    assert ("BodyText", TARDIVE) in accepted
    assert_rejects_to_editors(drafted)


def test_new_sentence_goes_into_the_live_copy_of_a_moved_paragraph(drafted: Path) -> None:
    """A moved paragraph's copy (bookmark `…_Copy_1`, after the source) takes the new
    sentence, not the source pending as w:moveFrom."""
    edit(drafted, move_paragraph_after("cyber/a", "cyber/e"))
    write(drafted, "inputs/cyber/a.yaml", A + LATE)
    merged, _ = merge(drafted)
    document = part(merged, "document")
    p = bookmark(document, "cyber/a#3").getparent().getparent()
    assert p.xpath("w:moveTo", namespaces=NS)
    names = [b.get(w("name")) for b in p.iter(w("bookmarkStart"))]
    assert bookmark_name("cyber/a#2") + "_Copy_1" in names
    assert text_of(p).endswith(f"Une seconde activité a eu lieu en avril 2024. {TARDIVE}")
    assert_rejects_to_editors(drafted)


def test_new_sentence_starts_after_the_comment_range_of_the_previous(drafted: Path) -> None:
    """Range end and reference after the bookmark end: the new sentence starts after them."""
    edit(drafted, comment_after_bookmark("cyber/a#2"))
    write(drafted, "inputs/cyber/a.yaml", A + LATE)
    merged, _ = merge(drafted)
    ins = bookmark(part(merged, "document"), "cyber/a#3").getparent()
    assert ins.getprevious().find("w:commentReference", NS) is not None
    assert ins.getprevious().getprevious().tag == w("commentRangeEnd")
    assert_rejects_to_editors(drafted)


def test_comments_of_new_and_withdrawn_sentences_are_points(drafted: Path) -> None:
    """A new sentence's comment is a point inside drafter's insertion; a withdrawn sentence's
    comment (drafter's) keeps its range and its reference is deleted with it: accepting
    takes the comment along, rejecting gives it back on its words (issue 30, point 3)."""
    write(drafted, "inputs/cyber/a.yaml", A + LATE)
    (drafted / "inputs/exercices/b.yaml").unlink()
    edit(drafted, lambda body: None)
    merged, _ = merge(drafted)
    document = part(merged, "document")
    notes = comments(merged)
    for prefix, tag in (("cyber/a#3", "ins"), ("exercices/b", "del")):
        (comment_id,) = [i for i, (_, text) in notes.items() if about(text, prefix)]
        ranges = [*document.iter(w("commentRangeStart")), *document.iter(w("commentRangeEnd"))]
        kept = [m for m in ranges if m.get(w("id")) == comment_id]
        assert len(kept) == (2 if tag == "del" else 0)
        (reference,) = [
            r for r in document.iter(w("commentReference")) if r.get(w("id")) == comment_id
        ]
        holder = reference.getparent().getparent()
        assert holder.tag == w(tag)
        assert holder.get(w("author")) == "drafter"
    assert_rejects_to_editors(drafted)


def test_new_paragraph_beside_a_deleted_one_goes_before_it(drafted: Path) -> None:
    """The area's only paragraph deleted (its mark too): a new paragraph of the area goes
    before it, right after the heading, not after it (where its deleted mark would join them)."""
    edit(drafted, delete_paragraph("exercices/b"))
    late = "date: 2024-05\ntexte: Un exercice tardif a eu lieu {date}\ncontributeur: EMUE\n"
    write(drafted, "inputs/exercices/g.yaml", late)
    merged, result = merge(drafted)
    assert "nouveau paragraphe" in result.stdout
    document = part(merged, "document")
    p = bookmark(document, "exercices/g").getparent().getparent()
    assert text_of(p.getprevious()) == "Exercices"
    assert p.getnext() is bookmark(document, "exercices/b").getparent().getparent()
    accepted = styled_paragraphs(accept_all(document))
    at = accepted.index(("Heading1", "Exercices"))
    assert accepted[at + 1] == ("BodyText", "Un exercice tardif a eu lieu en mai 2024.")
    assert_rejects_to_editors(drafted)
