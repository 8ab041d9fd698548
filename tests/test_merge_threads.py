"""Opening the editors' draft for a merge changes nothing global in python-docx: `drafter serve`
(waitress, a pool of threads) may open another .docx at the same moment, and that one must
get its comments part as python-docx always gives it."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.opc.pkgreader import PackageReader

from drafter.writing.docx.merge import Draft, open_draft

STAMP = dt.datetime(2024, 6, 1, tzinfo=dt.UTC)
SECONDS = 1.5  # each side opens drafts over and over for this long


@pytest.fixture
def commented(tmp_path: Path) -> Path:
    """Return a .docx with a comment (python-docx's own, in its comments part)."""
    document = docx.Document()
    paragraph = document.add_paragraph("Une phrase commentée.")
    document.add_comment(paragraph.runs, text="À vérifier", author="Rédactrice A")
    path = tmp_path / "commente.docx"
    document.save(str(path))
    return path


def _comment_texts(path: Path) -> list[str]:
    """Return the comments' texts, through python-docx's own comments API."""
    return [comment.text for comment in docx.Document(str(path)).comments]


def _comments_part(draft: Draft) -> Part:
    """Return the comments part of a draft opened for merging."""
    return next(
        r.target_part for r in draft.document.part.rels.values() if r.reltype == RT.COMMENTS
    )


def _looping(work: Callable[[], None], stop: float, failures: list[BaseException]) -> None:
    """Run `work` until `stop` (a monotonic time), keeping its first failure."""
    while time.monotonic() < stop and not failures:
        try:
            work()
        except BaseException as exc:  # collected, raised in the test's own thread
            failures.append(exc)


def test_a_draft_opened_beside_a_merge_keeps_its_comments(commented: Path) -> None:
    """While threads open the editors' draft for merges (its comments kept as bytes), another
    thread opening a .docx with python-docx reads its comments through python-docx's API."""
    failures: list[BaseException] = []
    stop = time.monotonic() + SECONDS

    def merging() -> None:
        draft = open_draft(commented, STAMP, "brouillon.docx")
        part = _comments_part(draft)
        assert type(part) is Part, type(part)  # the merge's stream of bytes, not a tree

    def reading() -> None:
        assert _comment_texts(commented) == ["À vérifier"]

    threads = [
        threading.Thread(target=_looping, args=(work, stop, failures))
        for work in (merging, merging, reading)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures[0]


def test_a_draft_opened_while_the_merge_opens_its_own_keeps_its_comments(
    commented: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same interleaving made certain: a .docx opened with python-docx while the merge
    is opening the editors' draft (as it reads the package) has its comments as usual."""
    seen: list[list[str]] = []
    real = PackageReader.from_file

    def from_file(pkg_file: object) -> PackageReader:
        if not seen:  # the merge's own reading: open another draft right now
            seen.append([])
            seen[0] = _comment_texts(commented)
        return real(pkg_file)  # type: ignore[arg-type]

    monkeypatch.setattr(PackageReader, "from_file", staticmethod(from_file))
    draft = open_draft(commented, STAMP, "brouillon.docx")
    assert seen == [["À vérifier"]]
    assert type(_comments_part(draft)) is Part
