"""Merging into drafts the editors reworked hard: a lost or mutated marker, a split or joined
paragraph, a whole area deleted. Each gives a clear outcome (a tracked change, or a conflict
comment), never a crash, never a lost edit."""

from __future__ import annotations

import copy
import textwrap
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result
from docx.oxml.xmlchemy import BaseOxmlElement
from lxml import etree

from drafter.cli import main
from drafter.writing.docx.bookmarks import bookmark_name
from tests.test_merge import DRAFT, ENTRIES, LATE, MERGED, A, build, merge, write_workspace
from tests.wordxml import (
    NS,
    body_bytes,
    bookmark,
    comments,
    editors_body,
    part,
    reject_all,
    text_of,
    w,
)

SECOND = textwrap.dedent(
    """\
    date: 2024-02
    sous_theme: reunion-annuelle
    texte: La réunion annuelle s'est tenue {date}
    contributeur: SEAE
    """
)


@pytest.fixture
def drafted(tmp_path: Path) -> Path:
    """Return a built workspace: cyber has two paragraphs (a, a#2 | e), then exercices."""
    write_workspace(tmp_path, {**ENTRIES, "inputs/cyber/e.yaml": SECOND})
    build(tmp_path)
    return tmp_path


def edit(root: Path, change: Callable[[BaseOxmlElement], None]) -> None:
    """Apply an editor's change to the body of the draft, saved by python-docx."""
    path = root / "outputs" / DRAFT
    document = docx.Document(str(path))
    change(document.element.body)
    document.save(str(path))


def write(root: Path, rel: str, text: str) -> None:
    """Replace an entry file."""
    (root / rel).write_text(text, encoding="utf-8")


def assert_rejects_to_editors(root: Path) -> None:
    """Rejecting drafter's changes and comments gives back the editors' body exactly."""
    merged, editors = root / "outputs" / MERGED, root / "outputs" / DRAFT
    added = set(comments(merged)) - set(comments(editors))
    rejected = reject_all(part(merged, "document"), "drafter", added)
    assert body_bytes(rejected) == body_bytes(editors_body(editors, merged))


def drafter_notes(root: Path) -> list[str]:
    """Return the texts of the comments drafter added in the merge."""
    merged, editors = root / "outputs" / MERGED, root / "outputs" / DRAFT
    return [text for i, (a, text) in comments(merged).items() if i not in comments(editors)]


# -- editors' edits, on the XML as Word or LibreOffice would leave it ------------------


def _ends(body: BaseOxmlElement, sentence_id: str) -> tuple[BaseOxmlElement, BaseOxmlElement]:
    start = bookmark(body, sentence_id)
    assert start is not None
    end = next(e for e in body.iter(w("bookmarkEnd")) if e.get(w("id")) == start.get(w("id")))
    return start, end


def drop_marker(sentence_id: str) -> Callable[[BaseOxmlElement], None]:
    """Return an edit deleting a sentence's bookmark (as retyping over its start does)."""

    def change(body: BaseOxmlElement) -> None:
        for mark in _ends(body, sentence_id):
            mark.getparent().remove(mark)

    return change


def mutate_marker(sentence_id: str) -> Callable[[BaseOxmlElement], None]:
    """Return an edit renaming a sentence's bookmark (another tool's marker in its place)."""

    def change(body: BaseOxmlElement) -> None:
        _ends(body, sentence_id)[0].set(w("name"), "_Ref123456789")

    return change


def reword(sentence_id: str) -> Callable[[BaseOxmlElement], None]:
    """Return an edit that rewords a sentence and drops its bookmark."""

    def change(body: BaseOxmlElement) -> None:
        start, _ = _ends(body, sentence_id)
        run = next(r for r in start.itersiblings() if r.tag == w("r"))
        run.find(w("t")).text = run.find(w("t")).text.replace("activité", "action")
        drop_marker(sentence_id)(body)

    return change


def split_in(sentence_id: str) -> Callable[[BaseOxmlElement], None]:
    """Return an edit pressing Enter in the middle of a sentence."""

    def change(body: BaseOxmlElement) -> None:
        start, _ = _ends(body, sentence_id)
        run = next(r for r in start.itersiblings() if r.tag == w("r"))
        second = copy.deepcopy(run)
        text = run.find(w("t")).text
        run.find(w("t")).text, second.find(w("t")).text = text[:10], text[10:]
        run.addnext(second)
        p = run.getparent()
        new = etree.SubElement(body, w("p"))
        new.append(copy.deepcopy(p.find(w("pPr"))))
        moving = [second, *second.itersiblings()]
        new.extend(moving)
        p.addnext(new)

    return change


def join_paragraphs(first: str, second: str) -> Callable[[BaseOxmlElement], None]:
    """Return an edit deleting the paragraph mark between two sentences' paragraphs."""

    def change(body: BaseOxmlElement) -> None:
        p1 = _ends(body, first)[1].getparent()
        p2 = _ends(body, second)[0].getparent()
        assert p1 is not p2
        p1.extend([c for c in p2 if c.tag != w("pPr")])
        p2.getparent().remove(p2)

    return change


def delete_area(heading: str) -> Callable[[BaseOxmlElement], None]:
    """Return an edit deleting an area: its heading and every paragraph up to the next one."""

    def change(body: BaseOxmlElement) -> None:
        p = next(p for p in body.iter(w("p")) if text_of(p) == heading)
        style = p.find("w:pPr/w:pStyle", NS).get(w("val"))
        doomed = [p]
        for sibling in p.itersiblings():
            found = sibling.find("w:pPr/w:pStyle", NS)
            if found is not None and found.get(w("val")) == style:
                break
            doomed.append(sibling)
        for element in doomed:
            body.remove(element)

    return change


# -- the outcomes --------------------------------------------------------------------------

CHANGED_A2 = A.replace("Une seconde activité a eu lieu", "Une seconde activité s'est tenue")


@pytest.mark.parametrize("lose", [drop_marker, mutate_marker], ids=["deleted", "mutated"])
def test_lost_marker_sentence_found_by_its_text(
    drafted: Path, lose: Callable[[str], Callable[[BaseOxmlElement], None]]
) -> None:
    """A sentence whose bookmark was deleted or renamed is found by its text and changed."""
    edit(drafted, lose("cyber/a#2"))
    write(drafted, "inputs/cyber/a.yaml", CHANGED_A2)
    merged, result = merge(drafted)
    document = part(merged, "document")
    deleted = document.xpath("//w:del[@w:author='drafter']", namespaces=NS)
    inserted = document.xpath("//w:ins[@w:author='drafter']", namespaces=NS)
    assert "Une seconde activité a eu lieu" in "".join("".join(d.itertext()) for d in deleted)
    assert "s’est tenue" in "".join(text_of(i) for i in inserted)
    assert "1 modifiée" in result.stdout
    assert_rejects_to_editors(drafted)


def test_lost_marker_and_reworded_sentence_is_a_conflict(drafted: Path) -> None:
    """A reworded sentence without bookmark: a conflict comment near it, their words stay."""
    edit(drafted, reword("cyber/a#2"))
    write(drafted, "inputs/cyber/a.yaml", CHANGED_A2)
    merged, result = merge(drafted)
    assert not part(merged, "document").xpath("//w:del[@w:author='drafter']", namespaces=NS)
    (note,) = drafter_notes(drafted)
    assert "n'est plus dans le brouillon" in note
    assert "s’est tenue" in note
    assert "cyber/a#2 (inputs/cyber/a.yaml:6)" in note
    assert "Une seconde action a eu lieu" in text_of(part(merged, "document"))
    assert "1 conflit" in result.stdout
    assert_rejects_to_editors(drafted)


def test_split_paragraph_change_is_a_conflict_and_additions_follow(drafted: Path) -> None:
    """A split sentence is edited (conflict); a new one goes after its end, 2nd paragraph."""
    edit(drafted, split_in("cyber/a#2"))
    write(drafted, "inputs/cyber/a.yaml", CHANGED_A2 + LATE)
    merged, result = merge(drafted)
    document = part(merged, "document")
    added = bookmark(document, "cyber/a#3")
    assert added is not None
    end = _ends(document, "cyber/a#2")[1]
    assert added.getparent().getparent() is end.getparent()
    assert "1 phrase ajoutée, 1 conflit" in result.stdout
    assert any("a changé depuis que vous avez retouché" in n for n in drafter_notes(drafted))
    assert_rejects_to_editors(drafted)


def test_joined_paragraphs_still_take_changes(drafted: Path) -> None:
    """Joined paragraphs: a change and an addition land in the joined one, tracked."""
    edit(drafted, join_paragraphs("cyber/a#2", "cyber/e"))
    write(drafted, "inputs/cyber/e.yaml", SECOND.replace("s'est tenue", "a eu lieu"))
    write(
        drafted, "inputs/cyber/a.yaml", A + LATE.replace("echanges-politiques", "reunion-annuelle")
    )
    merged, result = merge(drafted)
    document = part(merged, "document")
    joined = _ends(document, "cyber/a#2")[1].getparent()
    assert bookmark(document, "cyber/a#3").getparent().getparent() is joined
    assert joined.xpath("w:del[@w:author='drafter']", namespaces=NS)
    assert "1 phrase ajoutée, 1 modifiée" in result.stdout
    assert_rejects_to_editors(drafted)


def test_deleted_area_does_not_come_back(drafted: Path) -> None:
    """A deleted area stays deleted: conflict comments, its new entry tracked at the end."""
    edit(drafted, delete_area("Exercices"))
    write(
        drafted,
        "inputs/exercices/b.yaml",
        textwrap.dedent(ENTRIES["inputs/exercices/b.yaml"]).replace("PACE23", "PACE24"),
    )
    write(
        drafted, "inputs/exercices/g.yaml", LATE.replace("sous_theme: echanges-politiques\n  ", "")
    )
    merged, result = merge(drafted)
    texts = [text_of(p) for p in part(merged, "document").iter(w("p"))]
    assert "Exercices" not in texts
    assert not any("PACE23" in t or "PACE24" in t for t in texts)
    notes = drafter_notes(drafted)
    assert any("PACE24" in n and "n'est plus dans le brouillon" in n for n in notes)
    assert any("exercices/g" in n and "fin de document" in n for n in notes)
    assert "2 conflits" in result.stdout
    assert_rejects_to_editors(drafted)


def test_withdrawn_from_a_deleted_area_is_already_done(drafted: Path) -> None:
    """A withdrawn entry whose sentence the editors already deleted changes nothing."""
    edit(drafted, delete_area("Exercices"))
    (drafted / "inputs/exercices/b.yaml").unlink()
    merged, result = merge(drafted)
    assert "déjà supprimée par les rédacteurs" in result.stdout
    assert not part(merged, "document").xpath("//w:del[@w:author='drafter']", namespaces=NS)
    assert_rejects_to_editors(drafted)


def retouch(sentence_id: str) -> Callable[[BaseOxmlElement], None]:
    """Return an edit that rewords a sentence inside its bookmark."""

    def change(body: BaseOxmlElement) -> None:
        start, _ = _ends(body, sentence_id)
        run = next(r for r in start.itersiblings() if r.tag == w("r"))
        run.find(w("t")).text = run.find(w("t")).text.replace("activité", "action")

    return change


def test_withdrawn_but_retouched_sentence_is_a_conflict(drafted: Path) -> None:
    """A withdrawn entry whose sentence the editors retouched stays, with a comment."""
    edit(drafted, retouch("cyber/a#2"))
    write(drafted, "inputs/cyber/a.yaml", A.split("- date: 2024-04")[0])
    merged, result = merge(drafted)
    assert not part(merged, "document").xpath("//w:del[@w:author='drafter']", namespaces=NS)
    (note,) = drafter_notes(drafted)
    assert "cyber/a#2 (inputs/cyber/a.yaml:6) a été retirée" in note
    assert "1 conflit" in result.stdout
    assert_rejects_to_editors(drafted)


def test_withdrawn_sentence_takes_its_space_along(drafted: Path) -> None:
    """Withdrawing the last sentence of a paragraph deletes the space before it too."""
    edit(drafted, delete_area("Exercices"))
    write(drafted, "inputs/cyber/a.yaml", A.split("- date: 2024-04")[0])
    merged, _ = merge(drafted)
    p = _ends(part(merged, "document"), "cyber/a")[0].getparent()
    assert text_of(p).endswith("cours commun.")
    assert_rejects_to_editors(drafted)


def test_sentence_inside_the_editors_pending_change_is_theirs(drafted: Path) -> None:
    """A sentence inside the editors' own tracked insertion (a move) is theirs: a conflict."""

    def wrap(body: BaseOxmlElement) -> None:
        start, end = _ends(body, "cyber/a#2")
        ins = etree.Element(
            w("ins"), {w("id"): "950", w("author"): "R", w("date"): "2024-06-20T00:00:00Z"}
        )
        start.addprevious(ins)
        ins.extend(
            [start, *list(start.itersiblings())[: list(start.itersiblings()).index(end) + 1]]
        )

    edit(drafted, wrap)
    write(drafted, "inputs/cyber/a.yaml", CHANGED_A2)
    merged, result = merge(drafted)
    assert not part(merged, "document").xpath("//w:del[@w:author='drafter']", namespaces=NS)
    assert "1 conflit" in result.stdout
    assert_rejects_to_editors(drafted)


def test_sentence_already_in_the_draft_is_not_added_twice(drafted: Path) -> None:
    """A merged draft saved under the draft's name and merged again gets no duplicate."""
    edit(drafted, delete_area("Exercices"))
    write(drafted, "inputs/cyber/a.yaml", A + LATE)
    merged, _ = merge(drafted)
    merged.replace(drafted / "outputs" / DRAFT)
    result = build(drafted)
    assert "déjà dans le brouillon" in result.stdout
    again = part(drafted / "outputs" / MERGED, "document")
    assert (
        len(
            again.xpath(f"//w:bookmarkStart[@w:name='{bookmark_name('cyber/a#3')}']", namespaces=NS)
        )
        == 1
    )


def test_new_wording_already_typed_by_the_editors_is_left_alone(drafted: Path) -> None:
    """A change the editors already made by hand (same words) needs nothing more."""
    edit(drafted, retouch("cyber/a#2"))
    write(drafted, "inputs/cyber/a.yaml", A.replace("seconde activité", "seconde action"))
    _merged, result = merge(drafted)
    assert "nouvelle formulation déjà dans le brouillon" in result.stdout
    assert not drafter_notes(drafted)
    assert_rejects_to_editors(drafted)


def test_emptied_bookmark_of_a_withdrawn_entry_is_already_done(drafted: Path) -> None:
    """A sentence the editors erased (its empty bookmark left) is not withdrawn again."""

    def erase(body: BaseOxmlElement) -> None:
        start, end = _ends(body, "cyber/a#2")
        for run in [r for r in start.itersiblings() if r.tag == w("r")]:
            if run.find(w("commentReference")) is None and end in run.itersiblings():
                run.getparent().remove(run)

    edit(drafted, erase)
    write(drafted, "inputs/cyber/a.yaml", A.split("- date: 2024-04")[0])
    _, result = merge(drafted)
    assert "déjà supprimée par les rédacteurs" in result.stdout
    assert not drafter_notes(drafted)


def test_marker_lost_in_a_joined_run_is_found_by_splitting_it(drafted: Path) -> None:
    """A lost bookmark whose sentence now shares a run (a re-save joins runs) still works."""

    def join_runs(body: BaseOxmlElement) -> None:
        start, _end = _ends(body, "cyber/a#2")
        space = start.getprevious()
        sentence = next(r for r in start.itersiblings() if r.tag == w("r"))
        sentence.find(w("t")).text = " " + sentence.find(w("t")).text
        space.getparent().remove(space)
        drop_marker("cyber/a#2")(body)

    edit(drafted, join_runs)
    write(drafted, "inputs/cyber/a.yaml", CHANGED_A2)
    merged, result = merge(drafted)
    assert "1 modifiée" in result.stdout
    document = part(merged, "document")
    deleted = document.xpath("//w:del[@w:author='drafter']", namespaces=NS)
    assert "".join("".join(d.itertext()) for d in deleted).startswith("Une seconde")
    editors = [text_of(p) for p in part(drafted / "outputs" / DRAFT, "document").iter(w("p"))]
    added = set(comments(merged)) - set(comments(drafted / "outputs" / DRAFT))
    rejected = reject_all(document, "drafter", added)
    assert [text_of(p) for p in rejected.iter(w("p"))] == editors


def test_lost_marker_text_is_not_matched_across_the_editors_insertion(drafted: Path) -> None:
    """Text matching never spans the editors' pending insertion: that sentence is theirs."""

    def insert_word(body: BaseOxmlElement) -> None:
        start, _ = _ends(body, "cyber/a#2")
        run = next(r for r in start.itersiblings() if r.tag == w("r"))
        second = copy.deepcopy(run)
        text = run.find(w("t")).text
        run.find(w("t")).text, second.find(w("t")).text = text[:12], text[12:]
        ins = etree.Element(
            w("ins"), {w("id"): "960", w("author"): "R", w("date"): "2024-06-20T00:00:00Z"}
        )
        word = copy.deepcopy(run)
        word.find(w("t")).text = "grande "
        ins.append(word)
        run.addnext(ins)
        ins.addnext(second)
        drop_marker("cyber/a#2")(body)

    edit(drafted, insert_word)
    write(drafted, "inputs/cyber/a.yaml", CHANGED_A2)
    merged, result = merge(drafted)
    assert not part(merged, "document").xpath("//w:del[@w:author='drafter']", namespaces=NS)
    assert "1 conflit" in result.stdout
    assert_rejects_to_editors(drafted)


def test_unreadable_edited_draft_is_a_clean_error(drafted: Path) -> None:
    """An edited draft that is not a Word file gives its path and the fix, not a crash."""
    (drafted / "outputs" / DRAFT).write_bytes(b"not a zip")
    write(drafted, "inputs/cyber/a.yaml", A + LATE)
    result = CliRunner().invoke(main, ["build", "--workspace", str(drafted)])
    assert result.exit_code == 1
    assert f"{DRAFT}:1:1: brouillon illisible" in result.stderr
    assert "--force" in result.stderr


def _two_rounds(root: Path, first: str, second: str) -> tuple[Path, Result]:
    """Merge `first` entries, let the editors rework that copy, merge `second` into it."""
    edit(root, delete_area("Exercices"))
    write(root, "inputs/cyber/a.yaml", first)
    merged, _ = merge(root)
    document = docx.Document(str(merged))
    document.add_paragraph("Conclusion des rédacteurs.", style="Body Text")
    document.save(str(merged))
    write(root, "inputs/cyber/a.yaml", second)
    return merged, build(root)


def _rejected(path: Path, drop: set[str]) -> bytes:
    return body_bytes(reject_all(part(path, "document"), "drafter", drop))


def test_drafter_pending_change_changed_again_is_replaced(drafted: Path) -> None:
    """A sentence drafter changed in the last merge, still pending, changes again: no conflict."""
    third = CHANGED_A2.replace("s'est tenue", "a été organisée")
    second, result = _two_rounds(drafted, CHANGED_A2, third)
    assert "1 modifiée — brouillon fusionné écrit" in result.stdout
    merged = drafted / "outputs" / "rapport-etape-09 (3).docx"
    document = part(merged, "document")
    deleted = "".join("".join(d.itertext()) for d in document.xpath("//w:del", namespaces=NS))
    inserted = text_of(document.xpath("//w:body", namespaces=NS)[0])
    assert "Une seconde activité a eu lieu" in deleted
    assert "a été organisée" in inserted
    assert "activité s’est tenue" not in inserted + deleted
    assert not document.xpath("//w:del//w:del | //w:ins//w:ins", namespaces=NS)
    added = set(comments(merged)) - set(comments(second))
    drop = {i for i, (a, _) in comments(merged).items() if a == "drafter"} - set(comments(second))
    assert _rejected(merged, added | drop) == _rejected(second, set())


def test_drafter_pending_sentence_changed_or_withdrawn(drafted: Path) -> None:
    """A sentence drafter added in the last merge, still pending, is rewritten or removed."""
    changed = A + LATE.replace("tardive", "très tardive")
    _, result = _two_rounds(drafted, A + LATE, changed)
    assert "1 modifiée" in result.stdout
    merged = drafted / "outputs" / "rapport-etape-09 (3).docx"
    start = bookmark(part(merged, "document"), "cyber/a#3")
    ins = start.getparent()
    assert text_of(ins) == " Une activité très tardive a eu lieu en mai 2024."
    assert not part(merged, "document").xpath("//w:ins//w:ins", namespaces=NS)
    write(drafted, "inputs/cyber/a.yaml", A)
    merged.unlink()
    result = build(drafted)
    assert "1 retirée" in result.stdout
    again = part(drafted / "outputs" / "rapport-etape-09 (3).docx", "document")
    assert "tardive" not in "".join(again.itertext())
    assert bookmark(again, "cyber/a#3") is None
    assert bookmark(again, "cyber/a#2") is not None
    third = drafted / "outputs" / "rapport-etape-09 (3).docx"
    assert not any("cyber/a#3" in text for _, text in comments(third).values())
    second = drafted / "outputs" / MERGED
    orphans = set(comments(second)) - {
        r.get(w("id")) for r in part(second, "document").iter(w("commentReference"))
    }
    references = {r.get(w("id")) for r in again.iter(w("commentReference"))}
    assert set(comments(third)) - references == orphans  # the editors' deleted area's


def test_drafter_pending_paragraph_withdrawn_goes_whole(drafted: Path) -> None:
    """A paragraph drafter inserted in the last merge, still pending, is removed if withdrawn."""
    new = LATE.replace("echanges-politiques", "concepts-doctrines-formation")
    _, result = _two_rounds(drafted, A + new, A)
    assert "1 retirée" in result.stdout
    document = part(drafted / "outputs" / "rapport-etape-09 (3).docx", "document")
    assert bookmark(document, "cyber/a#3") is None
    assert not document.xpath("//w:pPr/w:rPr/w:ins[@w:author='drafter']", namespaces=NS)
    assert not document.xpath("//w:pPr/w:rPr/w:del[@w:author='drafter']", namespaces=NS)


def test_new_wording_never_lands_inside_a_deletion(drafted: Path) -> None:
    """A sentence whose last run is drafter's pending deletion gets its new text after it."""
    edit(drafted, delete_area("Exercices"))
    write(drafted, "inputs/cyber/a.yaml", CHANGED_A2)
    merged, _ = merge(drafted)
    document = docx.Document(str(merged))
    start = bookmark(document.element.body, "cyber/a#2")
    deleted = next(e for e in start.itersiblings() if e.tag == w("del"))
    inserted = deleted.getnext()
    deleted.addprevious(inserted)  # as a re-save may order them: insertion, then deletion
    document.save(str(merged))
    write(drafted, "inputs/cyber/a.yaml", CHANGED_A2.replace("s'est tenue", "a été organisée"))
    result = build(drafted)
    assert "1 modifiée" in result.stdout
    third = part(drafted / "outputs" / "rapport-etape-09 (3).docx", "document")
    assert not third.xpath("//w:del//w:ins | //w:ins//w:ins", namespaces=NS)
    assert "a été organisée" in text_of(third)


def test_new_paragraph_goes_before_the_next_one_when_the_previous_is_gone(
    drafted: Path,
) -> None:
    """A new paragraph whose predecessor was deleted goes before its successor (even empty)."""

    def rework(body: BaseOxmlElement) -> None:
        body.remove(_ends(body, "cyber/a")[0].getparent())
        start, end = _ends(body, "cyber/e")
        for run in [r for r in start.itersiblings() if r.tag == w("r")]:
            if r_is_text(run) and end in run.itersiblings():
                run.getparent().remove(run)

    edit(drafted, rework)
    late = LATE.replace("- date: 2024-05\n", "- date: 2024-05\n  nouveau_paragraphe: true\n")
    write(drafted, "inputs/cyber/a.yaml", A + late)
    merged, result = merge(drafted)
    assert "nouveau paragraphe" in result.stdout
    document = part(merged, "document")
    p = bookmark(document, "cyber/a#3").getparent().getparent()
    assert bookmark(document, "cyber/e") in list(p.getnext().iter())
    assert_rejects_to_editors(drafted)


def r_is_text(run: BaseOxmlElement) -> bool:
    """Return whether a run holds text (not a comment reference)."""
    return run.find(w("t")) is not None


def test_stray_full_stop_in_the_editors_insertion_stays_theirs(drafted: Path) -> None:
    """The last characters are taken back past a bookmark, but never out of the editors' text."""

    def drift(body: BaseOxmlElement) -> None:
        start, end = _ends(body, "cyber/a#2")
        run = next(r for r in start.itersiblings() if r_is_text(r))
        run.find(w("t")).text = run.find(w("t")).text.removesuffix(".")
        ins = etree.Element(
            w("ins"), {w("id"): "970", w("author"): "R", w("date"): "2024-06-20T00:00:00Z"}
        )
        stop = copy.deepcopy(run)
        stop.find(w("t")).text = "."
        ins.append(stop)
        end.addnext(ins)

    edit(drafted, drift)
    write(drafted, "inputs/cyber/a.yaml", CHANGED_A2)
    merged, result = merge(drafted)
    assert "1 conflit" in result.stdout
    assert not part(merged, "document").xpath("//w:ins//w:del", namespaces=NS)
    assert_rejects_to_editors(drafted)
