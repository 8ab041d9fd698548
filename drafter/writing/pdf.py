"""PDFs through LibreOffice when it is installed: for reviewers (the Word comments in the
margin) or for printing (the page alone); and the page of each heading, read back from a
PDF with poppler's pdftotext, for the table of contents."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from drafter.errors import DrafterError, unlocated
from drafter.writing.safe_write import write_file

# Writer's print setting « Commentaires : dans les marges » (SwPostItMode::InMargins), which
# its PDF export follows; set in the conversion's own fresh profile, nowhere else.
_COMMENTS_IN_MARGIN = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Writer/Print/Content">
<prop oor:name="Note" oor:op="fuse"><value>4</value></prop></item>
</oor:items>
"""
# Newer LibreOffice versions also take it as a PDF export option (older ones ignore it); no
# comment as a PDF annotation on top of the margin.
_MARGIN_FILTER = (
    'pdf:writer_pdf_Export:{"ExportNotesInMargin":{"type":"boolean","value":"true"},'
    '"ExportNotes":{"type":"boolean","value":"false"}}'
)
_SPACES = re.compile(r"\s+")


def convert_to_pdf(document: Path, target: Path | None = None, comments: bool = False) -> Path:
    """Convert a .docx to a PDF (beside it unless `target`), with the Word comments in the
    margin when `comments`; raise DrafterError if LibreOffice cannot."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise DrafterError(
            [
                unlocated(
                    "LibreOffice est introuvable : le .docx est écrit, mais pas le PDF "
                    "(installez LibreOffice, par exemple libreoffice-writer-nogui)"
                )
            ]
        )
    target = target or document.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="drafter-lo-") as work:
        # Each conversion gets its own profile, so parallel builds do not share a lock.
        profile = Path(work) / "profil"
        if comments:
            (profile / "user").mkdir(parents=True)
            (profile / "user" / "registrymodifications.xcu").write_text(
                _COMMENTS_IN_MARGIN, encoding="utf-8"
            )
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            _MARGIN_FILTER if comments else "pdf",
            "--outdir",
            work,
            str(document),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=300, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise DrafterError(
                [unlocated(f"LibreOffice n'a pas pu convertir {document.name} : {exc}")]
            ) from None
        produced = Path(work) / f"{document.stem}.pdf"
        if not produced.is_file():  # LibreOffice exits 0 even when loading fails
            raise DrafterError(
                [unlocated(f"LibreOffice n'a pas produit de PDF pour {document.name}")]
            )
        write_file(target, produced.read_bytes())  # never half a PDF, even on a full disk
    return target


def heading_pages(pdf: Path, titles: list[str]) -> dict[str, int]:
    """Return the page of each heading in the PDF (those it can find): the page where its
    title appears after the table of contents. Empty without pdftotext."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        return {}
    try:
        done = subprocess.run(
            [pdftotext, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, timeout=120
        )
    except (OSError, subprocess.TimeoutExpired):
        return {}
    pages = [_lines(page) for page in done.stdout.decode("utf-8", "replace").split("\f")]
    found = {}
    for title in titles:
        wanted = _plain(title)
        seen = [n for n, lines in enumerate(pages, 1) for _ in range(_count(lines, wanted))]
        if seen:  # the first is the table of contents' own line
            found[title] = seen[1] if len(seen) > 1 else seen[0]
    return found


def _lines(page: str) -> list[str]:
    return [line for line in map(_plain, page.splitlines()) if line]


def _count(lines: list[str], title: str) -> int:
    """Return how many times the title is a whole line, or two lines (a heading that wraps)."""
    pairs = zip(lines, [*lines[1:], ""], strict=False)  # no page: no line
    return sum(1 for line, after in pairs if title in (line, f"{line} {after}"))


def _plain(text: str) -> str:
    """Return text with every run of white space (no-break ones too) made one space."""
    return _SPACES.sub(" ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()
