"""Ids in a merged draft after the editors deleted some (issue 27, point 7): comments,
bookmarks, footnotes and tracked changes (comments.py, tracked.py, merge.py) keep ids that are
unique and that never take one still in use anywhere in the editors' document.

The editors delete drafter's comments (the first and the last), a whole paragraph with its
bookmark and its comment, make a tracked change of their own in a footnote and add a comment
of theirs; then entries are added, changed and withdrawn, and drafter merges.
"""

from __future__ import annotations

import textwrap
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from tests.test_merge import MERGED, build, write_workspace
from tests.wordxml import EDITOR, EDITOR_DATE, NS, w

DRAFT = "rapport-etape-09.docx"
CYBER = textwrap.dedent(
    """\
    - date: 2023-09
      sous_theme: echanges-politiques
      acteurs: les services
      action: ont évoqué la situation au Kosovo
      contributeur: SEAE
    - date: 2023-10
      sous_theme: echanges-politiques
      acteurs: les états-majors
      action: ont échangé sur la KFOR
      contributeur: EMUE
    - date: 2023-11
      sous_theme: echanges-politiques
      acteurs: les experts
      action: se sont réunis
      contributeur: SEAE
      nouveau_paragraphe: true
    """
)
ENTRIES = {
    "inputs/cyber/a.yaml": CYBER,
    "inputs/exercices/b.yaml": """\
        date: 2023-11
        acteurs: les deux organisations
        action: ont mené l'exercice PACE23
        contributeur: EMUE
        """,
    "inputs/dialogue-politique/c.yaml": """\
        date: 2023-09
        acteurs: les secrétaires généraux
        action: se sont rencontrés à Bruxelles
        contributeur: SEAE
        """,
}
ANNOTATIONS = ("ins", "del", "moveFrom", "moveTo", "pPrChange", "rPrChange")
PARTS = ("document", "comments", "footnotes", "endnotes")


def _parts(path: Path) -> dict[str, etree._Element]:
    """Return the parsed XML parts of a draft that carry ids."""
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        return {
            name: etree.fromstring(archive.read(f"word/{name}.xml"))
            for name in PARTS
            if f"word/{name}.xml" in names
        }


def _write_parts(path: Path, parts: dict[str, etree._Element]) -> None:
    """Rewrite the draft with these parts, the others as they were (as Word saves it)."""
    with zipfile.ZipFile(path) as archive:
        members = {i.filename: archive.read(i) for i in archive.infolist()}
    for name, root in parts.items():
        members[f"word/{name}.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def _ids(root: etree._Element, *tags: str) -> list[str]:
    return [e.get(w("id")) for tag in tags for e in root.iter(w(tag))]


def _delete_comment(parts: dict[str, etree._Element], comment_id: str) -> None:
    """Delete a comment as Word does: the comment and every mark of it in the body."""
    for comment in parts["comments"].findall(f"w:comment[@w:id='{comment_id}']", NS):
        comment.getparent().remove(comment)
    body = parts["document"]
    for tag in ("commentRangeStart", "commentRangeEnd"):
        for mark in body.findall(f".//w:{tag}[@w:id='{comment_id}']", NS):
            mark.getparent().remove(mark)
    for reference in body.findall(f".//w:commentReference[@w:id='{comment_id}']", NS):
        run = reference.getparent()
        run.getparent().remove(run)


def _edit_like_the_editors(draft: Path) -> dict[str, set[str]]:
    """Delete comments, a paragraph, add a footnote revision and a comment of theirs; return
    the ids the edited draft still uses, by kind."""
    parts = _parts(draft)
    comment_ids = sorted(_ids(parts["comments"], "comment"), key=int)
    for comment_id in (comment_ids[0], comment_ids[-1], comment_ids[len(comment_ids) // 2]):
        _delete_comment(parts, comment_id)
    body = parts["document"]
    gone = next(p for p in body.iter(w("p")) if "les experts" in "".join(p.itertext()))
    for mark in gone.iter(w("commentRangeStart")):
        _delete_comment(parts, mark.get(w("id")))
    gone.getparent().remove(gone)
    used = [int(i) for root in parts.values() for i in root.xpath(".//@w:id", namespaces=NS)]
    top = max(used)
    footnote = parts["footnotes"].findall("w:footnote", NS)[-1]
    ins = etree.SubElement(footnote.find("w:p", NS), w("ins"))
    ins.attrib.update({w("id"): str(top + 9), w("author"): EDITOR, w("date"): EDITOR_DATE})
    etree.SubElement(etree.SubElement(ins, w("r")), w("t")).text = " (précision)"
    theirs = etree.SubElement(parts["comments"], w("comment"))
    theirs.attrib.update({w("id"): str(top + 7), w("author"): EDITOR, w("date"): EDITOR_DATE})
    etree.SubElement(etree.SubElement(etree.SubElement(theirs, w("p")), w("r")), w("t")).text = "?"
    first = next(p for p in body.iter(w("p")) if "Kosovo" in "".join(p.itertext()))
    first.append(_reference_run(str(top + 7)))
    _write_parts(draft, parts)
    return _kinds(_parts(draft))


def _reference_run(comment_id: str) -> etree._Element:
    run = etree.Element(w("r"))
    etree.SubElement(run, w("commentReference")).set(w("id"), comment_id)
    return run


def _kinds(parts: dict[str, etree._Element]) -> dict[str, set[str]]:
    """Return every id in use, by kind: comments, bookmarks, footnotes, revisions."""
    revisions = {i for root in parts.values() for i in _ids(root, *ANNOTATIONS)}
    return {
        "comments": set(_ids(parts["comments"], "comment")),
        "bookmarks": set(_ids(parts["document"], "bookmarkStart")),
        "footnotes": set(_ids(parts["footnotes"], "footnote")),
        "revisions": revisions,
    }


@pytest.fixture(scope="module")
def merged(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, set[str]]]:
    """Return the merged draft and the ids the editors' draft used before the merge."""
    root = tmp_path_factory.mktemp("ids")
    write_workspace(root, ENTRIES)
    build(root)
    before = _edit_like_the_editors(root / "outputs" / DRAFT)
    late = CYBER.replace("les états-majors", "les états-majors conjoints")
    late += "- date: 2024-01\n  sous_theme: echanges-politiques\n  acteurs: les juristes\n"
    late += "  action: ont travaillé\n  contributeur: SEAE\n"
    (root / "inputs/cyber/a.yaml").write_text(late, encoding="utf-8")
    (root / "inputs/exercices/b.yaml").unlink()
    (root / "inputs/exercices/d.yaml").write_text(
        "date: 2024-02\nacteurs: les équipes\naction: se sont exercées\ncontributeur: EMUE\n",
        encoding="utf-8",
    )
    build(root)
    return root / "outputs" / MERGED, before


def test_the_merge_added_comments_bookmarks_and_revisions(
    merged: tuple[Path, dict[str, set[str]]],
) -> None:
    """The merge did allocate ids of every kind (the guards below are not vacuous)."""
    path, before = merged
    after = _kinds(_parts(path))
    for kind in ("comments", "bookmarks", "revisions"):
        assert after[kind] - before[kind], kind


def test_comment_ids_are_unique_and_every_mark_has_its_comment(
    merged: tuple[Path, dict[str, set[str]]],
) -> None:
    """One w:comment per id; each reference and range mark names an existing comment, once."""
    parts = _parts(merged[0])
    ids = _ids(parts["comments"], "comment")
    assert len(ids) == len(set(ids))
    references = Counter(_ids(parts["document"], "commentReference"))
    assert set(references) <= set(ids)
    assert all(count == 1 for count in references.values()), references
    for tag in ("commentRangeStart", "commentRangeEnd"):
        marks = _ids(parts["document"], tag)
        assert len(marks) == len(set(marks)), tag
        assert set(marks) <= set(ids), tag


def test_new_comments_take_no_id_still_in_use(
    merged: tuple[Path, dict[str, set[str]]],
) -> None:
    """drafter's new comments take ids above every comment id the editors' draft has."""
    path, before = merged
    new = _kinds(_parts(path))["comments"] - before["comments"]
    assert min(int(i) for i in new) > max(int(i) for i in before["comments"])


def test_bookmark_ids_are_unique_and_paired(merged: tuple[Path, dict[str, set[str]]]) -> None:
    """Each bookmark id starts once and ends once, and no two bookmarks share a name."""
    document = _parts(merged[0])["document"]
    starts = _ids(document, "bookmarkStart")
    assert len(starts) == len(set(starts))
    assert Counter(_ids(document, "bookmarkEnd")) == Counter(starts)
    names = [b.get(w("name")) for b in document.iter(w("bookmarkStart"))]
    assert len(names) == len(set(names))


def test_footnotes_resolve_after_the_merge(merged: tuple[Path, dict[str, set[str]]]) -> None:
    """Footnote ids stay unique and each reference in the body has its footnote."""
    parts = _parts(merged[0])
    notes = _ids(parts["footnotes"], "footnote")
    assert len(notes) == len(set(notes))
    references = _ids(parts["document"], "footnoteReference")
    assert references
    assert set(references) <= set(notes)


def test_revision_ids_are_unique_in_the_whole_document(
    merged: tuple[Path, dict[str, set[str]]],
) -> None:
    """No two tracked changes share an id, in the body, the footnotes or the comments."""
    parts = _parts(merged[0])
    ids = [i for root in parts.values() for i in _ids(root, *ANNOTATIONS)]
    assert len(ids) == len(set(ids)), sorted(i for i, n in Counter(ids).items() if n > 1)


def test_new_ids_are_above_every_id_the_editors_used(
    merged: tuple[Path, dict[str, set[str]]],
) -> None:
    """drafter's new bookmarks and tracked changes take ids no annotation of the editors'
    document has, in any part: one counter above them all (tracked.py)."""
    path, before = merged
    after = _kinds(_parts(path))
    used = {int(i) for kind in ("bookmarks", "revisions") for i in before[kind]}
    new = {int(i) for kind in ("bookmarks", "revisions") for i in after[kind] - before[kind]}
    assert min(new) > max(used)
