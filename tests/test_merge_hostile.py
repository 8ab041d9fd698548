"""The editors' draft a late merge reads is a file from outside: checked like the reference
document before python-docx opens it, « brouillon illisible » with its path (exit 1), and
never read through a symbolic link."""

from __future__ import annotations

import shutil
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.test_merge import ENTRIES, LATE, write_workspace
from tests.wordxml import edit_with_python_docx

Invoke = Callable[..., Result]
DRAFT = "rapport-etape-09.docx"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _rezip(path: Path, replace: dict[str, bytes]) -> None:
    """Rewrite a .docx with some parts replaced or added (the editors' file, tampered)."""
    with zipfile.ZipFile(path) as old:
        parts = {info.filename: old.read(info) for info in old.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in {**parts, **replace}.items():
            new.writestr(name, data)


def _document(path: Path) -> bytes:
    """Return the document part of a .docx."""
    with zipfile.ZipFile(path) as package:
        return package.read("word/document.xml")


def _huge_comment(path: Path) -> dict[str, bytes]:
    """Return a comments part whose one comment holds 12 million characters."""
    text = b"x" * 12_000_000
    comments = b'<w:comments %s><w:comment w:id="0"><w:p><w:r><w:t>%s</w:t></w:r></w:p>' % (
        W.encode(),
        text,
    )
    return {"word/comments.xml": comments + b"</w:comment></w:comments>"}


HOSTILE: dict[str, tuple[Callable[[Path], dict[str, bytes]], str]] = {
    "bombe": (
        lambda p: {"word/document.xml": _document(p) + b" " * 60_000_000},
        "partie word/document.xml de 6",
    ),
    "xml-mal-forme": (
        lambda p: {"word/document.xml": _document(p)[:-40]},
        "partie word/document.xml mal formée",
    ),
    "sans-corps": (
        lambda p: {"word/document.xml": b"<w:document %s/>" % W.encode()},
        "le document n'a pas de corps (w:body)",
    ),
    "id-de-commentaire": (
        lambda p: {
            "word/document.xml": _document(p).replace(
                b"<w:body>", b'<w:body><w:p><w:commentRangeStart w:id="un"/></w:p>', 1
            )
        },
        "identifiant de commentaire « un »",
    ),
    "commentaire-immense": (_huge_comment, "partie word/comments.xml mal formée"),
    "entites": (
        lambda p: {
            "word/document.xml": _document(p).replace(
                b"?>", b'?><!DOCTYPE w:document [<!ENTITY rire "ha">]>', 1
            )
        },
        "partie word/document.xml : déclarations XML (DOCTYPE, ENTITY) refusées",
    ),
    "pas-un-zip": (lambda p: {}, "ce n'est pas un document Word (.docx)"),
}


@pytest.fixture
def built(tmp_path: Path, cli_invoke: Invoke) -> Path:
    """Return a workspace whose draft was built, then edited by the editors."""
    root = tmp_path / "ws"
    write_workspace(root, ENTRIES)
    assert cli_invoke("build", "-w", root).exit_code == 0
    edit_with_python_docx(root / "outputs" / DRAFT)
    return root


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_editors_draft_is_unreadable_not_a_crash(
    built: Path, cli_invoke: Invoke, kind: str
) -> None:
    """A bomb, malformed XML, no body, a comment id that is no number, a huge comment, not a
    zip: « brouillon illisible » with the draft's path, exit 1, in seconds, nothing written."""
    draft = built / "outputs" / DRAFT
    make, words = HOSTILE[kind]
    if kind == "pas-un-zip":
        draft.write_bytes(b"PK\x03\x04 ce n'est pas un zip")
    else:
        _rezip(draft, make(draft))
    (built / "inputs" / "cyber" / "tardive.yaml").write_text(LATE, encoding="utf-8")
    before = sorted(p.name for p in draft.parent.iterdir())
    start = time.perf_counter()
    result = cli_invoke("build", "-w", built)
    assert time.perf_counter() - start < 20
    assert result.exit_code == 1
    assert f"{draft}:1:1: brouillon illisible (" in result.stderr
    assert words in result.stderr
    assert "erreur interne" not in result.stderr
    assert sorted(p.name for p in draft.parent.iterdir()) == before


def test_numbered_copy_linked_outside_is_not_followed(
    built: Path, cli_invoke: Invoke, tmp_path: Path
) -> None:
    """A numbered copy that is a link to a file outside the workspace (with a base beside
    it) is neither read nor merged into: the editors' own draft is."""
    outputs = built / "outputs"
    outside = tmp_path / "ailleurs.docx"
    shutil.copy(outputs / DRAFT, outside)
    _rezip(outside, {"word/document.xml": _document(outside).replace(b"Contexte", b"SECRET")})
    link = outputs / "rapport-etape-09 (2).docx"
    link.symlink_to(outside)
    bases = outputs / ".drafter"
    shutil.copy(bases / f"{DRAFT}.json", bases / f"{link.name}.json")
    time.sleep(0.01)
    outside.touch()  # the newest of all
    (built / "inputs" / "cyber" / "tardive.yaml").write_text(LATE, encoding="utf-8")
    result = cli_invoke("build", "-w", built)
    assert result.exit_code == 0, result.stderr
    merged = outputs / "rapport-etape-09 (3).docx"
    assert merged.is_file()
    assert b"SECRET" not in _document(merged)
    assert b"Contexte" in _document(merged)
    assert link.is_symlink()
