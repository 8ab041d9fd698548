"""The demo workspace of the repository, built and opened as a user would."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from click.testing import Result

from tests.conftest import REPO

HEADINGS = [
    "Lutte contre les menaces hybrides",
    "Coopération opérationnelle, y compris sur les questions maritimes",
    "Cybersécurité et cyberdéfense",
    "Capacités de défense",
    "Industrie de défense et recherche en matière de défense",
    "Exercices",
    "Renforcement des capacités de défense et de sécurité",
    "Dialogue politique",
]
ARTIFACTS = REPO / "tests" / "artifacts"


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2019", "'")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the demo draft, built from the repository's inputs/ into a temporary folder."""
    from click.testing import CliRunner

    from drafter.cli import main

    out = tmp_path_factory.mktemp("demo") / "rapport-etape-09.docx"
    result = CliRunner().invoke(main, ["build", "--workspace", str(REPO), "-o", str(out)])
    assert result.exit_code == 0, result.output + result.stderr
    return out


def test_demo_checks_clean(cli_invoke: Callable[..., Result]) -> None:
    """The bundled entries have no error (empty areas are warnings)."""
    result = cli_invoke("check", "--workspace", REPO)
    assert result.exit_code == 0
    assert "erreur" not in result.stderr.replace("0 erreur", "")


def test_demo_draft_content(demo: Path) -> None:
    """Title with its ordinal, the eight headings in order, the period, placeholders."""
    document = docx.Document(str(demo))
    paragraphs = [(p.style.name, _plain(p.text)) for p in document.paragraphs]
    assert paragraphs[0][0] == "Title"
    assert paragraphs[0][1].startswith(
        "Neuvième rapport d'étape sur les suites données aux propositions communes"
    )
    assert [text for style, text in paragraphs if style == "Heading 1"] == HEADINGS
    body = "\n".join(text for _, text in paragraphs)
    assert "entre juin 2023 et mai 2024" in body
    assert "[À compléter : aucune contribution reçue pour ce domaine]" in body
    assert "[À compléter : contexte politique de la période]" in body


def test_demo_entries_keep_their_sources(demo: Path) -> None:
    """Every demo entry names its source document, on a line of its Word comment; the two
    highlights say where their sentence is instead of repeating its comment."""
    comments = [c.text for c in docx.Document(str(demo)).comments]
    traced = [c for c in comments if "Fichier\u00a0: inputs/" in c]
    assert len(traced) == 5
    assert all("\nSource\u00a0: " in c for c in traced)
    highlights = [c for c in comments if c.startswith("Fait saillant tiré de l’entrée")]
    assert len(highlights) == 2
    assert not any("Fichier" in c for c in highlights)


def test_libreoffice_opens_the_draft(demo: Path, tmp_path: Path, soffice: str) -> None:
    """LibreOffice converts the draft to a PDF whose text has the title, a heading, pages."""
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(demo),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "rapport-etape-09.pdf"
    assert pdf.is_file(), "LibreOffice exits 0 even when it fails: no PDF came out"
    text = _plain(
        subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
    )
    assert "Neuvième rapport d'étape" in text
    assert "Cybersécurité et cyberdéfense" in text
    assert "Page 1 sur" in text
    # A dated sentence: whole on one line of the PDF, with no-break spaces in the draft.
    assert "Le 11 juillet 2023, lors du sommet de Vilnius" in text
    assert any(
        "Le 11\u00a0juillet\u00a02023, lors du sommet" in p.text
        for p in docx.Document(str(demo)).paragraphs
    )
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(pdf, ARTIFACTS / pdf.name)
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "1",
                str(pdf),
                str(ARTIFACTS / "page"),
            ],
            check=True,
            timeout=60,
        )


def test_libreoffice_opens_the_english_draft(tmp_path: Path, soffice: str) -> None:
    """The demo's English draft, with its contents and annex: LibreOffice converts it to a
    PDF whose text has the English title, an English heading, the annex, English pages."""
    from click.testing import CliRunner

    from drafter.cli import main

    out = tmp_path / "progress-report-09.docx"
    options = ["--langue", "en", "--toc", "--annexe", "-o", str(out)]
    result = CliRunner().invoke(main, ["build", "--workspace", str(REPO), *options])
    assert result.exit_code == 0, result.output + result.stderr
    command = [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless"]
    command += ["--convert-to", "pdf", "--outdir", str(tmp_path), str(out)]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "progress-report-09.pdf"
    assert pdf.is_file(), "LibreOffice exits 0 even when it fails: no PDF came out"
    done = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True)
    text = _plain(done.stdout)
    assert "Ninth progress report on the implementation" in text
    assert "Cyber security and defence" in text
    assert "Annex: common proposals and activities of the period" in text
    assert "Page 1 of" in text


def test_build_pdf_for_reviewers(
    tmp_path: Path, cli_invoke: Callable[..., Result], soffice: str
) -> None:
    """build --pdf writes a real PDF beside the draft."""
    out = tmp_path / "rapport.docx"
    result = cli_invoke("build", "--pdf", "-o", out, "--workspace", REPO)
    assert result.exit_code == 0
    pdf = tmp_path / "rapport.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert f"PDF écrit : {pdf}" in result.stdout


def test_build_pdf_without_libreoffice(
    tmp_path: Path, cli_invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without LibreOffice, --pdf says so clearly (exit 1), and the .docx is still written."""
    monkeypatch.setattr("drafter.writing.pdf.shutil.which", lambda _: None)
    out = tmp_path / "rapport.docx"
    result = cli_invoke("build", "--pdf", "-o", out, "--workspace", REPO)
    assert result.exit_code == 1
    assert "LibreOffice est introuvable" in result.stderr
    assert out.is_file()
