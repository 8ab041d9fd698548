"""Every unit of the draft survives a merge round, in drafts edited in LibreOffice Writer
itself (through UNO) and then accepted or rejected there: list items, footnotes, comment
ranges, the editors' pending deletions, the placeholder of an empty area (issue 30).

For each scenario, accepting all gives every new wording, and rejecting all gives back the
editors' document: its text, paragraph styles, comments with their anchors, its redlines.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.usecases.catalogue import update_translations
from tests.test_english_draft import translate
from tests.test_merge import ENTRIES, build, write_workspace
from tests.test_merge_libreoffice import EDITOR, Run, paragraphs
from tests.wordxml import NS, bookmark, part, text_of, w

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


def assert_rejected_is_theirs(seen: dict[str, dict[str, Any]]) -> None:
    """Reject all: the editors' paragraphs and styles, their comments with their anchors."""
    assert paragraphs(seen["rejected"]) == paragraphs(seen["editors-rejected"])
    assert sorted(seen["rejected"]["comments"]) == sorted(seen["editors-rejected"]["comments"])


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
    assert_rejected_is_theirs(seen)
