"""A PDF for reviewers, through LibreOffice when it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from drafter.errors import DrafterError, unlocated


def convert_to_pdf(document: Path) -> Path:
    """Convert a .docx to a PDF beside it; raise DrafterError if LibreOffice cannot."""
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
    target = document.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="drafter-lo-") as work:
        # Each conversion gets its own profile, so parallel builds do not share a lock.
        command = [
            soffice,
            f"-env:UserInstallation=file://{work}/profil",
            "--headless",
            "--convert-to",
            "pdf",
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
        shutil.move(str(produced), target)
    return target
