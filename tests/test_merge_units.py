"""Every unit of the draft survives a merge round, in drafts edited in LibreOffice Writer
itself (through UNO) and then accepted or rejected there: list items, footnotes, comment
ranges, the editors' pending deletions, the placeholder of an empty area (issue 30).

For each scenario, accepting all gives every new wording, and rejecting all gives back the
editors' document: its text, paragraph styles, comments with their anchors, its redlines.
"""

from __future__ import annotations

import textwrap
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.revisions.base import load_base, save_base
from drafter.usecases.catalogue import update_translations
from tests.test_english_draft import translate
from tests.test_merge import ENTRIES, LATE, build, write_workspace
from tests.test_merge_edits import assert_rejects_to_editors
from tests.test_merge_libreoffice import EDITOR, Run, paragraphs
from tests.wordxml import (
    NS,
    accept_all,
    bookmark,
    comments,
    edit_with_python_docx,
    part,
    text_of,
    w,
)

FR, EN = "rapport-etape-09", "progress-report-09"
ITEMS = textwrap.dedent(
    """\
    - date: 2024-02
      sous_theme: echanges-politiques
      texte: Trois ateliers ont eu lieu {date}
      points:
        - sur la menace
        - sur la résilience
        - sur la formation
      contributeur: SEAE
    - date: 2024-03
      sous_theme: echanges-politiques
      texte: Deux exercices ont eu lieu {date}
      points:
        - en mer
        - à terre
      contributeur: SEAE
    """
)
ITEMS_LATE = (
    ITEMS.replace("sur la menace\n", "sur la menace des réseaux\n")
    .replace("sur la formation\n", "sur la formation\n    - sur la désinformation\n")
    .replace("    - à terre\n", "")
)


def edit_in_libreoffice(libreoffice: Run, draft: Path, *actions: list[str]) -> None:
    """Make the editors' changes in LibreOffice, changes recorded, and save the draft."""
    job = {"input": str(draft), "output": str(draft), "author": EDITOR}
    libreoffice([{**job, "actions": [["record"], *actions]}])


def late(root: Path, files: dict[str, str], *options: str) -> None:
    """Write late entry files and build (the merge)."""
    for rel, text in files.items():
        (root / rel).write_text(text, encoding="utf-8")
    build(root, *options)


def settled(libreoffice: Run, editors: Path, merged: Path) -> dict[str, dict[str, Any]]:
    """Accept all and reject all in LibreOffice, in the editors' draft and in the merge."""
    jobs = [
        {"input": str(path), "output": "", "actions": [[action]]}
        for path in (editors, merged)
        for action in ("accept_all", "reject_all")
    ]
    names = ("editors-accepted", "editors-rejected", "accepted", "rejected")
    return dict(zip(names, libreoffice(jobs), strict=True))


def not_translated(message: str) -> str:
    """Return how drafter's comment on a message not translated yet starts."""
    return (
        "Not translated yet: the French sentence stands in its place; translate it in "
        f"traductions/en.po (msgctxt “{message}”)"
    )


def assert_rejected_is_theirs(
    seen: dict[str, dict[str, Any]], collapsed: str | tuple[str, ...] = "\0"
) -> None:
    """Reject all: the editors' paragraphs and styles, their comments with their anchors
    (and drafter's notes of a conflict, for a human: no tracked change takes them away);
    the comments starting with `collapsed` with no anchor."""
    assert paragraphs(seen["rejected"]) == paragraphs(seen["editors-rejected"])
    rejected = [c for c in seen["rejected"]["comments"] if not c[1].startswith("drafter")]
    theirs = [
        [a, t, "" if t.startswith(collapsed) else anchor]
        for a, t, anchor in seen["editors-rejected"]["comments"]
    ]
    assert sorted(rejected) == sorted(theirs)


def around(seen: dict[str, Any], first: str, count: int) -> list[tuple[str, str]]:
    """Return `count` paragraphs (style, text) from the one starting with `first`."""
    found = paragraphs(seen)
    at = next(i for i, (_, text) in enumerate(found) if text.startswith(first))
    return found[at : at + count]


# -- 1. list items ------------------------------------------------------------------------


@pytest.fixture
def listed(tmp_path: Path) -> Path:
    """Return a built workspace whose cyber area has two entries with list items."""
    write_workspace(tmp_path, {**ENTRIES, "inputs/cyber/p.yaml": ITEMS})
    build(tmp_path)
    return tmp_path


def test_items_added_changed_removed_reach_an_edited_french_draft(
    libreoffice: Run, listed: Path
) -> None:
    """An item changed, one added, one removed: `drafter changes` lists them, the merge
    tracks them (a new item is a List Bullet paragraph); accept all gives the new list,
    reject all the editors' document."""
    draft = listed / "outputs" / f"{FR}.docx"
    edit_in_libreoffice(libreoffice, draft, ["type_over", "un cours commun", "une formation"])
    (listed / "inputs/cyber/p.yaml").write_text(ITEMS_LATE, encoding="utf-8")
    listing = CliRunner().invoke(main, ["changes", "--workspace", str(listed)]).output
    lines = [line.split() for line in listing.splitlines() if "cyber/p" in line]
    kinds: dict[str, list[str]] = {}
    for words in lines:
        kinds.setdefault(words[0], []).extend(w for w in words if w.startswith("cyber/"))
    assert kinds["modifiée"] == ["cyber/p#point-1", "cyber/p#point-3", "cyber/p#2#point-1"]
    assert (kinds["ajoutée"], kinds["retirée"]) == (["cyber/p#point-4"], ["cyber/p#2#point-2"])
    assert "cyber/p#point-4 (inputs/cyber/p.yaml:1)" in listing
    late(listed, {})
    merged = listed / "outputs" / f"{FR} (2).docx"
    new = bookmark(part(merged, "document"), "cyber/p#point-4")
    assert new is not None
    p = new.getparent().getparent()
    assert text_of(p) == "sur la désinformation."
    # as if typed: Enter at the end of the item before (its mark inserted), then the text
    assert p.getprevious().find("w:pPr/w:rPr/w:ins", NS).get(w("author")) == "drafter"
    assert p.find("w:pPr/w:numPr", NS) is not None, "no bullet"
    seen = settled(libreoffice, draft, merged)
    assert around(seen["accepted"], "Trois ateliers", 7) == [
        ("Text body", "Trois ateliers ont eu lieu en février 2024 :"),
        ("List Bullet", "sur la menace des réseaux ;"),
        ("List Bullet", "sur la résilience ;"),
        ("List Bullet", "sur la formation ;"),
        ("List Bullet", "sur la désinformation."),
        ("Text body", "Deux exercices ont eu lieu en mars 2024 :"),
        ("List Bullet", "en mer."),
    ]
    assert_rejected_is_theirs(seen)


def test_items_translated_late_reach_an_edited_english_draft(
    libreoffice: Run, listed: Path
) -> None:
    """The English draft, edited: its items are French (untranslated) until their
    translation arrives; accept all gives the English items, reject all the editors'."""
    build(listed, "--langue", "en")
    draft = listed / "outputs" / f"{EN}.docx"
    edit_in_libreoffice(libreoffice, draft, ["type_over", "un cours commun", "a joint course"])
    update_translations(listed)
    translate(listed, {"cyber/p#point-1": "on the threat;", "cyber/p#point-2": "on resilience;"})
    late(listed, {}, "--langue", "en")
    merged = listed / "outputs" / f"{EN} (2).docx"
    seen = settled(libreoffice, draft, merged)
    assert around(seen["accepted"], "Trois ateliers", 4)[1:] == [
        ("List Bullet", "on the threat;"),
        ("List Bullet", "on resilience;"),
        ("List Bullet", "sur la formation."),
    ]
    # an item not translated has its comment, as a sentence: stale once translated, a point
    items = (not_translated("cyber/p#point-1"), not_translated("cyber/p#point-2"))
    assert_rejected_is_theirs(seen, collapsed=items)


# -- 2. footnotes -----------------------------------------------------------------------

KOSOVO = textwrap.dedent(
    """\
    date: 2024-03
    sous_theme: echanges-politiques
    texte: Une mission d'experts au Kosovo a eu lieu {date}
    contributeur: SEAE
    """
)


def test_footnote_goes_with_the_new_wording(libreoffice: Run, tmp_path: Path) -> None:
    """The sentence carrying the Kosovo footnote gets a new date: the new text carries the
    footnote's reference (accept all keeps the footnote, after « Kosovo »); reject all
    gives back the editors' document, footnote included."""
    write_workspace(tmp_path, {**ENTRIES, "inputs/cyber/k.yaml": KOSOVO})
    build(tmp_path)
    draft = tmp_path / "outputs" / f"{FR}.docx"
    edit_in_libreoffice(libreoffice, draft, ["type_over", "un cours commun", "une formation"])
    late(tmp_path, {"inputs/cyber/k.yaml": KOSOVO.replace("2024-03", "2024-04")})
    merged = tmp_path / "outputs" / f"{FR} (2).docx"
    seen = settled(libreoffice, draft, merged)
    ((before, note),) = seen["accepted"]["footnotes"]
    assert before.replace("\u2019", "'").endswith("2024. Une mission d'experts au Kosovo")
    assert "résolution 1244" in note
    assert any(" a eu lieu en avril 2024." in text for _, text in paragraphs(seen["accepted"]))
    assert seen["rejected"]["footnotes"] == seen["editors-rejected"]["footnotes"]
    assert_rejected_is_theirs(seen)
    accepted = accept_all(part(merged, "document"))  # as Word does
    (reference,) = accepted.iter(w("footnoteReference"))
    assert text_of(reference.getparent().getparent()).endswith("avril 2024.")
    assert_rejects_to_editors(tmp_path)


# -- 3, 5. withdrawn sentences keep their comments' anchors; headings keep their style ------

SECOND = textwrap.dedent(
    """\
    date: 2024-02
    sous_theme: reunion-annuelle
    texte: La réunion annuelle s'est tenue {date}
    contributeur: SEAE
    """
)
A_ONLY = ENTRIES["inputs/cyber/a.yaml"].split("- date: 2024-04")[0]


@pytest.fixture
def commented(libreoffice: Run, tmp_path: Path) -> Path:
    """Return a built workspace (cyber: a, a#2 | e; exercices: b) whose editors commented
    on a few words of a#2, of e and of b, in LibreOffice."""
    write_workspace(tmp_path, {**ENTRIES, "inputs/cyber/e.yaml": SECOND})
    build(tmp_path)
    draft = tmp_path / "outputs" / f"{FR}.docx"
    words = ("seconde activité", "réunion annuelle", "exercice PACE23")
    edit_in_libreoffice(libreoffice, draft, *[["comment", w, f"À vérifier : {w}"] for w in words])
    return tmp_path


def assert_settles(
    libreoffice: Run, root: Path, gone: list[str], placeholder: str = ""
) -> dict[str, Any]:
    """Accept all: the editors' paragraphs without the `gone` sentences, each in its style
    (no heading restyled), the one holding `placeholder` now the placeholder; reject all:
    the editors' document, every comment on its words."""
    draft, merged = (root / "outputs" / f"{FR}{n}.docx" for n in ("", " (2)"))
    seen = settled(libreoffice, draft, merged)
    theirs = [
        (style, PLACEHOLDER if placeholder and placeholder in text else _cut(text, gone))
        for style, text in paragraphs(seen["editors-accepted"])
    ]
    assert [p for p in paragraphs(seen["accepted"]) if p[1]] == [p for p in theirs if p[1]]
    assert_rejected_is_theirs(seen)
    assert_rejects_to_editors(root)
    return seen


def assert_one_by_one(libreoffice: Run, root: Path, seen: dict[str, Any]) -> None:
    """Accepting, or rejecting, the changes one by one in LibreOffice ends as all at once."""
    merged = str(root / "outputs" / f"{FR} (2).docx")
    jobs = [
        {"input": merged, "output": "", "actions": [[a]]} for a in ("accept_each", "reject_each")
    ]
    accepted, rejected = libreoffice(jobs)
    assert paragraphs(accepted) == paragraphs(seen["accepted"])
    assert paragraphs(rejected) == paragraphs(seen["rejected"])


def _cut(text: str, sentences: list[str]) -> str:
    for sentence in sentences:
        text = text.replace(f" {sentence}", "").replace(sentence, "")
    return text


def test_withdrawn_sentence_with_comments_gets_them_back_on_reject(
    libreoffice: Run, commented: Path
) -> None:
    """A withdrawn sentence carries drafter's comment and an editor's: accept all takes the
    sentence away, reject all gives it back with both comments on their words."""
    late(commented, {"inputs/cyber/a.yaml": A_ONLY})
    seen = assert_settles(libreoffice, commented, ["Une seconde activité a eu lieu en avril 2024."])
    kept = [p for _, p in paragraphs(seen["accepted"]) if p.startswith("Le 1er mars")]
    assert kept == ["Le 1er mars 2024, les services ont organisé un cours commun."]
    # What no markup avoids (README, « Limites connues »): LibreOffice 7.4's « Accept all »
    # keeps a comment whose range it deleted, anchored on nothing (Word deletes it with its
    # reference); a comment without range would go, but rejecting would not restore its words.
    left = [c for c in seen["accepted"]["comments"] if "Entrée\u00a0: cyber/a#2\n" in c[1]]
    assert [anchor for _, _, anchor in left] == [""]


def test_withdrawn_paragraph_before_a_heading_restyles_nothing(
    libreoffice: Run, commented: Path
) -> None:
    """A whole paragraph withdrawn (an editor's comment on its words) right before the next
    area's heading: accepting all, or one by one, leaves the heading a heading, in
    LibreOffice too."""
    (commented / "inputs/cyber/e.yaml").unlink()
    build(commented)
    gone = ["La réunion annuelle s’est tenue en février 2024."]
    assert_one_by_one(libreoffice, commented, assert_settles(libreoffice, commented, gone))


# -- 5, 7. an area's placeholder takes the place of its only paragraph, and the other way --

PLACEHOLDER = "[À compléter : aucune contribution reçue pour ce domaine]"


def test_area_only_paragraph_withdrawn_before_the_next_heading(
    libreoffice: Run, commented: Path
) -> None:
    """The area's only paragraph (an editor's comment on its words) is withdrawn, right
    before the next heading: it keeps its mark and takes the area's placeholder; accept all
    gives the placeholder under the heading, every heading a heading; reject all theirs."""
    (commented / "inputs/exercices/b.yaml").unlink()
    build(commented)
    seen = assert_settles(libreoffice, commented, [], placeholder="exercice PACE23")
    assert_one_by_one(libreoffice, commented, seen)
    assert around(seen["accepted"], "Exercices", 3) == [
        ("Heading 1", "Exercices"),
        ("Text body", PLACEHOLDER),
        ("Heading 1", "Renforcement des capacités de défense et de sécurité"),
    ]


def test_first_entry_of_an_empty_area_replaces_its_placeholder(
    libreoffice: Run, commented: Path
) -> None:
    """The first entry of an empty area arrives: the placeholder is deleted, tracked, in the
    same round, the new sentence in its paragraph; reject all brings the placeholder back."""
    entry = "date: 2024-05\ntexte: Une activité tardive a eu lieu {date}\ncontributeur: SEAE\n"
    (commented / "inputs/menaces-hybrides").mkdir()
    late(commented, {"inputs/menaces-hybrides/h.yaml": entry})
    draft, merged = (commented / "outputs" / f"{FR}{n}.docx" for n in ("", " (2)"))
    seen = settled(libreoffice, draft, merged)
    assert around(seen["accepted"], "Lutte contre", 3) == [
        ("Heading 1", "Lutte contre les menaces hybrides"),
        ("Text body", "Une activité tardive a eu lieu en mai 2024."),
        ("Heading 1", "Coopération opérationnelle, y compris sur les questions maritimes"),
    ]
    placeholders = [
        sum("aucune contribution" in anchor for _, _, anchor in seen[name]["comments"])
        for name in ("accepted", "editors-accepted")
    ]
    assert placeholders[0] == placeholders[1] - 1, "the placeholder's comment stays"
    assert_rejected_is_theirs(seen)
    assert_rejects_to_editors(commented)


# -- 4. the editors' pending deletions are theirs -------------------------------------------


def test_sentence_the_editors_deleted_then_changed_keeps_their_deletion(
    libreoffice: Run, tmp_path: Path
) -> None:
    """An editor deleted a sentence (tracked, not accepted); its entry then changes: their
    deletion is left as it was (its text, its author), a comment gives the new wording."""
    write_workspace(tmp_path, {**ENTRIES, "inputs/cyber/e.yaml": SECOND})
    build(tmp_path)
    draft = tmp_path / "outputs" / f"{FR}.docx"
    old = "Une seconde activité a eu lieu en avril\u00a02024."
    edit_in_libreoffice(libreoffice, draft, ["delete_text", old])
    a = ENTRIES["inputs/cyber/a.yaml"].replace("2024-04", "2024-05")
    late(tmp_path, {"inputs/cyber/a.yaml": a})
    merged = tmp_path / "outputs" / f"{FR} (2).docx"
    theirs = [
        (d.get(w("author")), "".join(d.itertext())) for d in part(draft, "document").iter(w("del"))
    ]
    assert theirs == [(EDITOR, old)]
    mine = [
        (d.get(w("author")), "".join(d.itertext())) for d in part(merged, "document").iter(w("del"))
    ]
    assert mine == theirs
    seen = settled(libreoffice, draft, merged)
    (note,) = [c for c in seen["accepted"]["comments"] if "supprimé cette phrase" in c[1]]
    assert "cyber/a#2" in note[1]
    assert "Une seconde activité a eu lieu en mai\u00a02024." in note[1]
    assert_rejected_is_theirs(seen)
    assert_rejects_to_editors(tmp_path)


# -- 6. stale comments ----------------------------------------------------------------------


def test_translation_arriving_replaces_the_not_translated_comment(
    libreoffice: Run, listed: Path
) -> None:
    """A sentence of the English draft marked « Not translated yet » gets its translation:
    its comment is replaced by the sentence's normal one; after accept all no comment says
    it is untranslated, after reject all the editors' comments are back on their words."""
    build(listed, "--langue", "en")
    draft = listed / "outputs" / f"{EN}.docx"
    edit_in_libreoffice(libreoffice, draft, ["type_over", "un cours commun", "a joint course"])
    update_translations(listed)
    translate(listed, {"cyber/a#2": "A second activity took place {date}."})
    late(listed, {}, "--langue", "en")
    merged = listed / "outputs" / f"{EN} (2).docx"
    seen = settled(libreoffice, draft, merged)
    notes = [text for _, text, _ in seen["accepted"]["comments"] if "cyber/a#2\n" in text]
    assert notes
    assert not [n for n in notes if n.startswith("Not translated yet")], notes
    assert [n for n in notes if n.startswith("Entry: cyber/a#2\nFile: ")], notes
    accepted = [text for _, text in paragraphs(seen["accepted"])]
    assert any("A second activity took place in April 2024." in text for text in accepted)
    # LibreOffice keeps a comment whose range is deleted: the stale one must be a point
    assert_rejected_is_theirs(seen, collapsed=not_translated("cyber/a#2"))


def test_a_draft_built_before_placeholders_were_marked_gets_none(tmp_path: Path) -> None:
    """A draft whose base has no placeholder (built before they were marked): the merge
    adds none under its empty areas' headings, which have theirs, untracked."""
    write_workspace(tmp_path, ENTRIES)
    build(tmp_path)
    draft = tmp_path / "outputs" / f"{FR}.docx"
    sentences = load_base(draft)
    assert sentences is not None
    save_base(draft, [s for s in sentences if not s.id.startswith("a-completer:")])
    edit_with_python_docx(draft)
    late(tmp_path, {"inputs/cyber/a.yaml": ENTRIES["inputs/cyber/a.yaml"] + LATE})
    merged = tmp_path / "outputs" / f"{FR} (2).docx"
    document = part(merged, "document")
    inserted = [text_of(i) for i in document.xpath("//w:ins[@w:author='drafter']", namespaces=NS)]
    assert inserted == [" Une activité tardive a eu lieu en mai 2024."]


# -- 8. the comments part read as a stream --------------------------------------------------


def test_ids_of_a_tracked_change_in_a_comment_are_not_reused(tmp_path: Path) -> None:
    """The comments part is read as a stream (not python-docx's tree): a tracked change the
    editors made in a comment still counts, no new revision takes its id, and the comments
    part keeps theirs and gets drafter's."""
    write_workspace(tmp_path, ENTRIES)
    build(tmp_path)
    draft = tmp_path / "outputs" / f"{FR}.docx"
    edit_with_python_docx(draft)
    with zipfile.ZipFile(draft) as package:
        members = {name: package.read(name) for name in package.namelist()}
    body = part(draft, "document")
    taken = max(int(i) for i in body.xpath("//@w:id", namespaces=NS) if i.isdigit()) + 1
    start = members["word/comments.xml"].index(b"<w:r>")
    revised = (
        f'<w:ins w:id="{taken}" w:author="Ed" w:date="2024-06-01T00:00:00Z">'
        "<w:r><w:t>vu</w:t></w:r></w:ins>"
    ).encode()
    comments_xml = members["word/comments.xml"]
    members["word/comments.xml"] = comments_xml[:start] + revised + comments_xml[start:]
    with zipfile.ZipFile(draft, "w") as package:
        for name, data in members.items():
            package.writestr(name, data)
    late(tmp_path, {"inputs/cyber/a.yaml": ENTRIES["inputs/cyber/a.yaml"] + LATE})
    merged = tmp_path / "outputs" / f"{FR} (2).docx"
    ids = [
        e.get(w("id"))
        for e in part(merged, "document").iter(w("ins"), w("del"), w("bookmarkStart"))
    ]
    assert str(taken) not in ids
    assert len(ids) == len(set(ids))
    notes = comments(merged)
    assert len(notes) == len(comments(draft)) + 1
    assert f'w:id="{taken}"'.encode() in zipfile.ZipFile(merged).read("word/comments.xml")


def test_items_added_changed_removed_reach_an_edited_english_draft(
    libreoffice: Run, listed: Path
) -> None:
    """The English draft, edited, its items untranslated: an item changed, one added, one
    removed reach it, as in the French one; reject all gives back the editors' draft."""
    build(listed, "--langue", "en")
    draft = listed / "outputs" / f"{EN}.docx"
    edit_in_libreoffice(libreoffice, draft, ["type_over", "un cours commun", "a joint course"])
    late(listed, {"inputs/cyber/p.yaml": ITEMS_LATE}, "--langue", "en")
    merged = listed / "outputs" / f"{EN} (2).docx"
    seen = settled(libreoffice, draft, merged)
    assert around(seen["accepted"], "Trois ateliers", 7)[1:] == [
        ("List Bullet", "sur la menace des réseaux ;"),
        ("List Bullet", "sur la résilience ;"),
        ("List Bullet", "sur la formation ;"),
        ("List Bullet", "sur la désinformation."),
        ("Text body", "Deux exercices ont eu lieu en mars 2024 :"),
        ("List Bullet", "en mer."),
    ]
    # LibreOffice keeps a comment whose range is deleted: that of « en mer ; » is a point
    changed = ("cyber/p#2#point-1",)
    assert_rejected_is_theirs(seen, collapsed=tuple(not_translated(m) for m in changed))


def test_late_entry_with_items_arrives_whole(libreoffice: Run, listed: Path) -> None:
    """A late entry with `points:` arrives with its items, each a List Bullet paragraph;
    reject all gives back the editors' draft."""
    draft = listed / "outputs" / f"{FR}.docx"
    edit_in_libreoffice(libreoffice, draft, ["type_over", "un cours commun", "une formation"])
    entry = textwrap.dedent(
        """\
        date: 2024-05
        sous_theme: reunion-annuelle
        texte: Deux réunions tardives ont eu lieu {date}
        points:
          - à Bruxelles
          - à Mons
        contributeur: SEAE
        """
    )
    late(listed, {"inputs/cyber/t.yaml": entry})
    merged = listed / "outputs" / f"{FR} (2).docx"
    seen = settled(libreoffice, draft, merged)
    assert around(seen["accepted"], "Deux réunions tardives", 3) == [
        ("Text body", "Deux réunions tardives ont eu lieu en mai 2024 :"),
        ("List Bullet", "à Bruxelles ;"),
        ("List Bullet", "à Mons."),
    ]
    assert_rejected_is_theirs(seen)
    assert_rejects_to_editors(listed)  # as Word does
