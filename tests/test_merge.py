"""Late contributions merged into the editors' draft as tracked changes by « drafter ».

Each kind of change runs on a draft edited with python-docx and on one re-saved by
LibreOffice Writer; every merge must give back the editors' document exactly when all of
drafter's changes are rejected.
"""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from lxml import etree

from drafter.cli import main
from drafter.writing.docx.bookmarks import bookmark_name
from tests.conftest import CYCLE_9
from tests.wordxml import (
    EDITOR,
    EDITOR_DATE,
    NS,
    body_bytes,
    bookmark,
    comments,
    convert_to_pdf,
    edit_with_python_docx,
    editors_body,
    part,
    reject_all,
    resave_with_libreoffice,
    text_of,
    w,
)

# The moment of every merge in these tests (SOURCE_DATE_EPOCH): the date of drafter's changes.
MERGE_EPOCH, DATE = "1718700000", "2024-06-18T08:40:00Z"
DRAFT, MERGED = "rapport-etape-09.docx", "rapport-etape-09 (2).docx"
A = textwrap.dedent(
    """\
    - date: 2024-03-01
      sous_theme: echanges-politiques
      acteurs: les services
      action: ont organisé un cours commun
      contributeur: SEAE
    - date: 2024-04
      sous_theme: echanges-politiques
      texte: Une seconde activité a eu lieu {date}
      contributeur: AED
    """
)
ENTRIES = {
    "inputs/cyber/a.yaml": A,
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
LATE = textwrap.dedent(
    """\
    - date: 2024-05
      sous_theme: echanges-politiques
      texte: Une activité tardive a eu lieu {date}
      contributeur: SEAE
    """
)


@pytest.fixture(autouse=True)
def _merge_moment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every merge of these tests happens at the same moment."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", MERGE_EPOCH)


def write_workspace(root: Path, files: dict[str, str]) -> None:
    """Write the cycle and the entry files under root."""
    (root / "inputs").mkdir(parents=True, exist_ok=True)
    (root / "inputs" / "rapport.yaml").write_text(CYCLE_9, encoding="utf-8")
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(textwrap.dedent(text), encoding="utf-8")


def build(root: Path, *args: str) -> Result:
    """Run `drafter build` on root and show what happened."""
    result = CliRunner().invoke(main, ["build", "--workspace", str(root), *args])
    print(result.output)
    assert result.exit_code == 0, result.output
    return result


def _soffice() -> str | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None and os.environ.get("CI"):
        pytest.fail("LibreOffice is required in CI (.ci/run installs it)")
    return found


@pytest.fixture(scope="module", params=["python-docx", "libreoffice"])
def edited(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a built workspace whose draft the editors reworked (they retouched cyber/a),
    with python-docx, or then re-saved with LibreOffice Writer."""
    root = tmp_path_factory.mktemp(f"edited-{request.param}")
    write_workspace(root, ENTRIES)
    build(root)
    draft = root / "outputs" / DRAFT
    edit_with_python_docx(draft, retouch="cyber/a")
    if request.param == "libreoffice":
        soffice = _soffice()
        if soffice is None:
            pytest.skip("LibreOffice is not installed")
        resave_with_libreoffice(draft, soffice, tmp_path_factory.mktemp("lo-profile"))
    return root


@pytest.fixture
def late(edited: Path, tmp_path: Path) -> Path:
    """Return a copy of the edited workspace, for one test's late contributions."""
    root = tmp_path / "ws"
    shutil.copytree(edited, root)
    return root


def merge(root: Path) -> tuple[Path, Result]:
    """Build again; return the merged draft (the editors' one must be left as it was)."""
    draft = root / "outputs" / DRAFT
    before = draft.read_bytes()
    result = build(root)
    assert draft.read_bytes() == before, "the editors' file was written"
    merged = root / "outputs" / MERGED
    assert merged.exists()
    return merged, result


def assert_editors_work_kept(root: Path, merged: Path) -> None:
    """Rejecting every change by « drafter » (and its new comments) gives back the editors'
    body exactly; their comment and their own tracked change are there, author and date."""
    editors = root / "outputs" / DRAFT
    added = set(comments(merged)) - set(comments(editors))
    assert all(comments(merged)[i][0] == "drafter" for i in added)
    rejected = reject_all(part(merged, "document"), "drafter", added)
    assert body_bytes(rejected) == body_bytes(editors_body(editors, merged))
    assert any(
        author == EDITOR and text.strip() == "À raccourcir ?"
        for author, text in comments(merged).values()
    )
    theirs = part(merged, "document").xpath("//w:ins[@w:author=$a]", namespaces=NS, a=EDITOR)
    assert theirs
    assert theirs[0].get(w("date")).startswith(EDITOR_DATE[:16])


def drafter_marks(merged: Path | etree._Element, tag: str) -> list[etree._Element]:
    """Return drafter's w:ins or w:del elements, checking each has an id and the build date."""
    document = part(merged, "document") if isinstance(merged, Path) else merged
    marks = document.xpath(f"//w:{tag}[@w:author='drafter']", namespaces=NS)
    for mark in marks:
        assert mark.get(w("date")) == DATE
        assert mark.get(w("id"))
    return marks


def test_added_sentence_is_a_tracked_insertion_in_its_paragraph(late: Path) -> None:
    """A new sentence is a w:ins by drafter beside its neighbour, with bookmark and comment."""
    (late / "inputs/cyber/a.yaml").write_text(A + LATE, encoding="utf-8")
    merged, result = merge(late)
    document = part(merged, "document")
    start = bookmark(document, "cyber/a#3")
    assert start is not None
    ins = start.getparent()
    assert ins.tag == w("ins")
    assert ins.get(w("author")) == "drafter"
    assert ins.getparent() is bookmark(document, "cyber/a#2").getparent()
    assert text_of(ins) == " Une activité tardive a eu lieu en mai 2024."
    assert [t for t in (text_of(m) for m in drafter_marks(merged, "ins")) if t.strip()]
    assert any("cyber/a#3" in text for a, text in comments(merged).values() if a == "drafter")
    assert "1 phrase ajoutée — brouillon fusionné écrit" in result.stdout
    assert_editors_work_kept(late, merged)


def test_a_merge_writes_no_fresh_draft_beside_the_editors_one(
    late: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Merging needs the new sentences, not a new Word draft: none is written (time, and
    memory beside the editors' document)."""
    import drafter.usecases.drafts as build_command

    def no_fresh_draft(*_: object) -> None:
        raise AssertionError("a fresh draft was written")

    monkeypatch.setattr(build_command, "docx_and_sentences", no_fresh_draft)
    (late / "inputs/cyber/a.yaml").write_text(A + LATE, encoding="utf-8")
    _, result = merge(late)
    assert "1 phrase ajoutée" in result.stdout


def test_changed_sentence_is_a_tracked_deletion_and_insertion(late: Path) -> None:
    """A changed entry's old sentence is a w:del and its new one a w:ins, inside its bookmark."""
    changed = A.replace("Une seconde activité a eu lieu", "Une seconde activité s'est tenue")
    (late / "inputs/cyber/a.yaml").write_text(changed, encoding="utf-8")
    merged, result = merge(late)
    document = part(merged, "document")
    deleted = drafter_marks(document, "del")
    inserted = drafter_marks(document, "ins")
    old = "".join("".join(d.itertext()) for d in deleted)
    assert "Une seconde activité a eu lieu en avril 2024." in old.replace("\u00a0", " ")
    assert "Une seconde activité s’est tenue" in "".join(text_of(i) for i in inserted)
    assert inserted[0].getparent() is deleted[0].getparent()
    assert not any(d.find(".//w:commentReference", NS) is not None for d in deleted)
    assert "1 modifiée" in result.stdout
    assert_editors_work_kept(late, merged)


def test_withdrawn_entry_is_a_tracked_deletion(late: Path) -> None:
    """A withdrawn entry's sentence is a w:del by drafter; its paragraph, the area's only
    one, right after the heading, keeps its mark and takes the area's placeholder, inserted
    (deleting the mark would join it to the next area's heading; issue 30, points 5, 7)."""
    (late / "inputs/exercices/b.yaml").unlink()
    merged, result = merge(late)
    deleted = drafter_marks(merged, "del")
    (sentence,) = [d for d in deleted if "PACE23" in "".join(d.itertext())]
    assert not any(d.getparent().tag == w("rPr") for d in deleted), "a paragraph mark deleted"
    p = sentence.getparent()
    assert text_of(p.getprevious()) == "Exercices"
    (placeholder,) = [i for i in p.iterfind("w:ins", NS) if i.get(w("author")) == "drafter"]
    assert text_of(placeholder) == "[À compléter : aucune contribution reçue pour ce domaine]"
    assert "1 retirée" in result.stdout
    assert_editors_work_kept(late, merged)


def test_new_paragraph_is_inserted_with_its_mark_tracked(late: Path) -> None:
    """An entry of a new sub-topic is a new paragraph whose runs are by drafter, put as if
    typed: Enter at the end of the paragraph before (its mark by drafter), then the text."""
    extra = LATE.replace("echanges-politiques", "reunion-annuelle")
    (late / "inputs/cyber/d.yaml").write_text(extra, encoding="utf-8")
    merged, result = merge(late)
    document = part(merged, "document")
    start = bookmark(document, "cyber/d")
    p = start.getparent().getparent()
    assert p.tag == w("p")
    assert p.find("w:pPr/w:rPr/w:ins", NS) is None
    mark = p.getprevious().find("w:pPr/w:rPr/w:ins", NS)
    assert mark is not None
    assert mark.get(w("author")) == "drafter"
    assert mark.get(w("date")) == DATE
    previous = p.getprevious()
    assert bookmark(document, "cyber/a#2") in list(previous.iter()), "not after its area's text"
    assert "nouveau paragraphe" in result.stdout
    assert_editors_work_kept(late, merged)


def test_first_entry_of_an_empty_area_goes_after_its_heading(late: Path) -> None:
    """The first entry of an area with none yet takes the place of its placeholder, in its
    paragraph right after the heading; the placeholder is deleted (issue 30, point 7)."""
    entry = LATE.replace("sous_theme: echanges-politiques\n  ", "")
    (late / "inputs/menaces-hybrides/h.yaml").parent.mkdir(parents=True, exist_ok=True)
    (late / "inputs/menaces-hybrides/h.yaml").write_text(entry, encoding="utf-8")
    merged, _ = merge(late)
    document = part(merged, "document")
    p = bookmark(document, "menaces-hybrides/h").getparent().getparent()
    assert text_of(p.getprevious()) == "Lutte contre les menaces hybrides"
    deleted = [d for d in p.iterfind("w:del", NS) if d.get(w("author")) == "drafter"]
    placeholder = "[À compléter\u00a0: aucune contribution reçue pour ce domaine]"
    assert "".join("".join(d.itertext()) for d in deleted) == placeholder
    assert text_of(p) == "Une activité tardive a eu lieu en mai 2024."
    assert_editors_work_kept(late, merged)


def test_conflict_keeps_the_editors_text_and_comments_the_new_wording(late: Path) -> None:
    """Entry changed + sentence retouched: their text stays; a comment quotes the new one."""
    changed = A.replace("ont organisé un cours commun", "ont organisé deux cours communs")
    (late / "inputs/cyber/a.yaml").write_text(changed, encoding="utf-8")
    merged, result = merge(late)
    assert not drafter_marks(merged, "del")
    assert not drafter_marks(merged, "ins")
    notes = [text for a, text in comments(merged).values() if a == "drafter" and "conserv" in text]
    assert len(notes) == 1
    assert "deux cours communs" in notes[0]
    assert "cyber/a (inputs/cyber/a.yaml:1)" in notes[0]
    assert "Selon la rédaction" in text_of(part(merged, "document"))
    assert "1 conflit" in result.stdout
    assert_editors_work_kept(late, merged)


def test_every_kind_at_once_converts_to_pdf(late: Path, tmp_path: Path) -> None:
    """All kinds of change in one merge: the summary counts them, LibreOffice makes a PDF."""
    soffice = _soffice()
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    both = (A + LATE).replace("ont organisé un cours commun", "ont organisé deux cours")
    both = both.replace("Une seconde activité a eu lieu", "Une seconde activité s'est tenue")
    (late / "inputs/cyber/a.yaml").write_text(both, encoding="utf-8")
    (late / "inputs/exercices/b.yaml").unlink()
    merged, result = merge(late)
    assert (
        "1 phrase ajoutée, 1 modifiée, 1 retirée, 1 conflit — brouillon fusionné écrit"
        in result.stdout
    )
    assert_editors_work_kept(late, merged)
    convert_to_pdf(merged, soffice, tmp_path / "lo-pdf")


def test_changes_lists_without_writing(late: Path) -> None:
    """`drafter changes` lists kind, entry, file:line and paragraph, and writes nothing."""
    (late / "inputs/cyber/a.yaml").write_text(A + LATE, encoding="utf-8")
    (late / "inputs/exercices/b.yaml").unlink()
    extra = LATE.replace("echanges-politiques", "reunion-annuelle")
    (late / "inputs/cyber/d.yaml").write_text(extra, encoding="utf-8")
    before = sorted(p.name for p in (late / "outputs").iterdir())
    result = CliRunner().invoke(main, ["changes", "--workspace", str(late)])
    print(result.output)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert any(
        "ajoutée" in line
        and "cyber/a#3 (inputs/cyber/a.yaml:10)" in line
        and "Cybersécurité et cyberdéfense, paragraphe 1" in line
        for line in lines
    )
    assert any("retirée" in line and "exercices/b" in line for line in lines)
    assert any("ajoutée (nouveau paragraphe) cyber/d" in line for line in lines)
    assert not any("nouveau paragraphe) cyber/a#3" in line for line in lines)
    assert lines[-1] == "3 changements"
    assert sorted(p.name for p in (late / "outputs").iterdir()) == before


def test_force_still_writes_a_fresh_draft(late: Path) -> None:
    """--force replaces the edited draft with a fresh one, as before: no merge."""
    (late / "inputs/cyber/a.yaml").write_text(A + LATE, encoding="utf-8")
    result = build(late, "--force")
    document = part(late / "outputs" / DRAFT, "document")
    assert not document.xpath("//w:ins", namespaces=NS)
    assert "Selon la rédaction" not in text_of(document)
    assert not (late / "outputs" / MERGED).exists()
    assert "brouillon écrit" in result.stdout


def test_each_build_keeps_its_base(tmp_path: Path) -> None:
    """Every build keeps the sentences it wrote (id, text, paragraph, area, source)."""
    write_workspace(tmp_path, ENTRIES)
    build(tmp_path)
    import json

    base = json.loads((tmp_path / "outputs/.drafter/rapport-etape-09.docx.json").read_text())
    by_id = {s["id"]: s for s in base["sentences"]}
    assert by_id["exercices/b"]["area"] == "Exercices"
    assert by_id["exercices/b"]["source"] == "inputs/exercices/b.yaml:1"
    assert by_id["cyber/a#2"]["paragraph"] == by_id["cyber/a"]["paragraph"]
    assert by_id["cyber/a#2"]["text"].startswith("Une seconde activité a eu lieu")


def test_next_round_merges_into_the_newest_edited_draft(late: Path) -> None:
    """The editors' latest edited draft (the merged copy) is the one merged next, once."""
    (late / "inputs/cyber/a.yaml").write_text(A + LATE, encoding="utf-8")
    first, _ = merge(late)
    edit_with_python_docx(first)
    extra = LATE.replace("tardive", "encore plus tardive").replace("2024-05", "2024-05-20")
    (late / "inputs/cyber/a.yaml").write_text(A + LATE + extra, encoding="utf-8")
    result = build(late)
    third = late / "outputs" / "rapport-etape-09 (3).docx"
    assert f"{first} a été modifié" in result.output
    assert "1 phrase ajoutée — brouillon fusionné écrit" in result.stdout
    document = part(third, "document")
    for sentence_id in ("cyber/a#3", "cyber/a#4"):
        assert (
            len(
                document.xpath(
                    f"//w:bookmarkStart[@w:name='{bookmark_name(sentence_id)}']", namespaces=NS
                )
            )
            == 1
        )


def test_rebuild_after_a_merge_starts_from_the_merged_copy(late: Path) -> None:
    """Building again after a merge writes nothing, then merges into (and over) that copy."""
    (late / "inputs/cyber/a.yaml").write_text(A + LATE, encoding="utf-8")
    merged, _ = merge(late)
    again = build(late)
    assert f"{merged} est le plus récent" in again.output
    assert "est à jour, rien écrit" in again.stdout
    extra = LATE.replace("tardive", "encore plus tardive").replace("2024-05", "2024-05-20")
    (late / "inputs/cyber/a.yaml").write_text(A + LATE + extra, encoding="utf-8")
    assert "1 phrase ajoutée — brouillon fusionné écrit" in build(late).stdout
    # The merged copy nobody touched is drafter's own: the new merge replaces it.
    assert not (late / "outputs" / "rapport-etape-09 (3).docx").exists()
    document = part(merged, "document")
    for sentence_id in ("cyber/a#3", "cyber/a#4"):
        assert bookmark(document, sentence_id) is not None
    assert "Selon la rédaction" in text_of(document)


def test_merged_copy_resaved_by_libreoffice_merges_again(late: Path, tmp_path: Path) -> None:
    """A merged copy re-saved by LibreOffice keeps drafter's marks: the next merge reuses them."""
    soffice = _soffice()
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    changed = A.replace("Une seconde activité a eu lieu", "Une seconde activité s'est tenue")
    (late / "inputs/cyber/a.yaml").write_text(changed + LATE, encoding="utf-8")
    merged, _ = merge(late)
    resave_with_libreoffice(merged, soffice, tmp_path / "lo-again")
    third = changed.replace("s'est tenue", "a été organisée") + LATE.replace("tardive", "finale")
    (late / "inputs/cyber/a.yaml").write_text(third, encoding="utf-8")
    result = build(late)
    assert "2 modifiées — brouillon fusionné écrit" in result.stdout
    document = part(late / "outputs" / "rapport-etape-09 (3).docx", "document")
    text = text_of(document)
    assert "Une seconde activité a été organisée" in text
    assert "Une activité finale" in text
    assert "activité tardive" not in text


def test_changes_are_dated_at_the_merge(late: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """drafter's changes and comments are dated the moment of the merge (later than the
    editors' edits), not the report's date, when SOURCE_DATE_EPOCH is not set."""
    import datetime as dt

    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    (late / "inputs/cyber/a.yaml").write_text(A + LATE, encoding="utf-8")
    (late / "inputs/exercices/b.yaml").unlink()
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    merged, _ = merge(late)
    after = dt.datetime.now(dt.UTC)
    document = part(merged, "document")
    marks = document.xpath(
        "//w:ins[@w:author='drafter'] | //w:del[@w:author='drafter']", namespaces=NS
    )
    notes = part(merged, "comments").xpath("//w:comment[@w:author='drafter']", namespaces=NS)
    new = {c.get(w("date")) for c in notes if "cyber/a#3" in "".join(c.itertext())}
    dates = {m.get(w("date")) for m in marks} | new
    assert len(dates) == 1
    (date,) = dates
    assert before <= dt.datetime.fromisoformat(date) <= after
    assert date > EDITOR_DATE


def test_changes_are_dated_source_date_epoch_when_set(late: Path) -> None:
    """With SOURCE_DATE_EPOCH, every merge dates drafter's changes the same: same bytes."""
    (late / "inputs/cyber/a.yaml").write_text(A + LATE, encoding="utf-8")
    merged, _ = merge(late)
    assert {m.get(w("date")) for m in drafter_marks(merged, "ins")} == {DATE}
    first = merged.read_bytes()
    merged.unlink()
    build(late)
    assert merged.read_bytes() == first
