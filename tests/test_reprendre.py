"""`drafter reprendre`: the 6th report, laid out like the published ones, taken into archive/06/."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
import yaml
from click.testing import Result

from drafter.commands import reprendre
from drafter.model import SourceParagraph
from drafter.reading.published_report import PublishedReport, read_report, wording
from drafter.writing.pdf import convert_to_pdf
from tests.conftest import REPO
from tests.published import published_markdown, write_published
from tests.test_reconstruction import FIGURE, Unit, build, seed_sections

RAPPORT_6 = REPO / "tests" / "data" / "rapport-6"
AREAS = {
    "Lutte contre les menaces hybrides": "menaces-hybrides",
    "Coopération opérationnelle, y compris sur les questions maritimes": "cooperation-operationnelle",
    "Cybersécurité et cyberdéfense": "cyber",
    "Capacités de défense": "capacites-defense",
    "Industrie de défense et recherche en matière de défense": "industrie-recherche",
    "Exercices": "exercices",
    "Renforcement des capacités de défense et de sécurité": "renforcement-capacites",
    "Renforcement du dialogue politique entre l’UE et l’OTAN": "dialogue-politique",
}


def plain(text: str) -> str:
    """Fold what typography changes and print does not show: spaces and apostrophes."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).replace("'", "’").strip()


def _garbled(text: str) -> bool:
    return not text[:1].isupper() or "<sup>" in text


def _folded(text: str) -> str:
    text = plain(re.sub(r"</?sup>", "", text))
    return text[:1].lower() + text[1:]


# The sentences of the centres of excellence paragraph that the conversion of the report
# garbled (one starts in lowercase, one holds raw HTML; tests/data/rapport-6/README.md):
# drafter capitalises a sentence's first letter, and Word shows the HTML as a superscript.
GARBLED = {_folded(u.text) for us in seed_sections("’").values() for u in us if _garbled(u.text)}


def kept(unit: Unit) -> bool:
    """Tell the published units the rebuilt report must give back: all but the figure
    (written by the template) and the garbled ones."""
    return not unit.text.startswith(FIGURE) and _folded(unit.text) not in GARBLED


def expected() -> dict[str, list[Unit]]:
    """Return the published units of each area, typography restored."""
    return {
        AREAS[t]: [u for u in units if kept(u)]
        for t, units in seed_sections("’").items()
        if t in AREAS
    }


@pytest.fixture(scope="module")
def report_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the 6th report as a published-looking .docx."""
    return write_published(
        published_markdown(), tmp_path_factory.mktemp("publie") / "rapport-6.docx"
    )


def workspace_6(tmp_path: Path, cycle: bool = True) -> Path:
    """Return a copy of the 6th report's workspace (its cycle file only when `cycle`)."""
    root = tmp_path / "ws"
    shutil.copytree(RAPPORT_6 / "inputs", root / "inputs")
    cycle_file = root / "inputs" / "rapport.yaml"
    if not cycle:
        cycle_file.unlink()
    else:  # the cycle being prepared is the next one: the 6th report is published
        text = cycle_file.read_text(encoding="utf-8").replace("numero: 6", "numero: 7")
        cycle_file.write_text(
            text.replace("2020-06, fin: 2021-05", "2021-06, fin: 2022-05"), encoding="utf-8"
        )
    return root


def archive_files(root: Path) -> dict[str, bytes]:
    """Return every file under the workspace, by relative path."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def rebuilt(root: Path, tmp_path: Path) -> dict[str, list[Unit]]:
    """Copy the archived cycle into a fresh workspace's inputs/, build it, read it back."""
    fresh = tmp_path / "rebuilt"
    shutil.copytree(
        root / "archive" / "06", fresh / "inputs", ignore=shutil.ignore_patterns("*.txt")
    )
    draft = build(fresh, tmp_path / "rebuilt.docx")
    return {
        AREAS[t]: [u for u in units if not u.text.startswith(FIGURE)]
        for t, units in draft.areas.items()
    }


def test_number_period_date_and_figure(
    report_docx: Path, tmp_path: Path, cli_invoke: Callable[..., Result]
) -> None:
    """The archived cycle file has the title's number, the date line, the period and the figure."""
    root = workspace_6(tmp_path)
    result = cli_invoke("reprendre", report_docx, "-w", root)
    assert result.exit_code == 0
    cycle = yaml.safe_load((root / "archive" / "06" / "rapport.yaml").read_text(encoding="utf-8"))
    assert cycle["numero"] == 6
    assert str(cycle["date"]) == "2021-06-03"
    assert cycle["periode"] == {"debut": "2020-06", "fin": "2021-05"}
    assert cycle["chiffres"]["exposes_croises"] == {"valeur": 125, "depuis": "2016-07"}
    assert "dialogue-politique" in result.stdout
    assert "phrases reprises" in result.stdout


def test_every_sentence_in_its_area_in_order(
    report_docx: Path, tmp_path: Path, cli_invoke: Callable[..., Result]
) -> None:
    """Rebuilding the archived cycle gives back each area's published sentences, lists and
    paragraphs, in order."""
    root = workspace_6(tmp_path)
    assert cli_invoke("reprendre", report_docx, "-w", root).exit_code == 0
    got, wanted = rebuilt(root, tmp_path), expected()
    for area, units in wanted.items():
        assert [(plain(u.text), u.item) for u in got[area] if kept(u)] == [
            (plain(u.text), u.item) for u in units
        ], area
        assert _breaks(got[area]) == _breaks(units), area
    assert sum(len(u) for u in wanted.values()) == 180


def _breaks(units: list[Unit]) -> list[bool]:
    """Return, for each unit that is no list item, whether it opens a paragraph."""
    prose = [u for u in units if not u.item and kept(u)]
    return [i == 0 or u.paragraph != prose[i - 1].paragraph for i, u in enumerate(prose)]


def test_nothing_dropped(
    report_docx: Path, tmp_path: Path, cli_invoke: Callable[..., Result]
) -> None:
    """Sentences outside the areas, the figure and unmatched highlights go to a file that says so."""
    root = workspace_6(tmp_path)
    assert cli_invoke("reprendre", report_docx, "-w", root).exit_code == 0
    unplaced = plain((root / "archive" / "06" / "non-placees.txt").read_text(encoding="utf-8"))
    assert "n’a placées" in unplaced
    assert (
        "Depuis la signature de la déclaration conjointe de Varsovie en juillet 2016, 125"
        in unplaced
    )
    assert "Cette année est celle du cinquième anniversaire" in unplaced  # the introduction
    assert "processus de long terme, est en cours." in unplaced  # the conclusion
    assert "Les éléments suivants méritent" in unplaced
    assert "fait saillant : aucune phrase du corps ne lui correspond" in unplaced


def test_dates_become_placeholders(
    report_docx: Path, tmp_path: Path, cli_invoke: Callable[..., Result]
) -> None:
    """A sentence that states its date gets `date:` and `{Date}`/`{date}` where drafter writes
    that very phrase; entries never go to inputs/<domaine>/."""
    root = workspace_6(tmp_path)
    before = archive_files(root / "inputs")
    assert cli_invoke("reprendre", report_docx, "-w", root).exit_code == 0
    entries = yaml.safe_load(
        (root / "archive" / "06" / "cooperation-operationnelle" / "rapport-publie.yaml").read_text(
            encoding="utf-8"
        )
    )
    irini = next(e for e in entries if "IRINI, opération qu" in e["texte"])
    assert irini["texte"].startswith("{Date}, l’UE a fait un exposé")
    assert str(irini["date"]) == "2020-10"
    assert entries[0]["date"] == "periode"
    assert "{" not in entries[0]["texte"]
    assert archive_files(root / "inputs") == before
    # the highlights that summarise one sentence are on it, in their own words
    dialogue = yaml.safe_load(
        (root / "archive" / "06" / "dialogue-politique" / "rapport-publie.yaml").read_text(
            encoding="utf-8"
        )
    )
    marked = {e["id"]: e["a_souligner"] for e in dialogue if "a_souligner" in e}
    assert list(marked) == ["r06-dialogue-politique-001", "r06-dialogue-politique-004"]
    assert plain(marked["r06-dialogue-politique-004"]).startswith(
        "En décembre 2020, le secrétaire général de l’OTAN a participé pour la première fois"
    )


def test_without_cycle_file_writes_the_next(
    report_docx: Path, tmp_path: Path, cli_invoke: Callable[..., Result]
) -> None:
    """Without inputs/rapport.yaml, the shipped areas are matched (« Renforcement du dialogue
    politique… » holds « Dialogue politique ») and the next report's cycle file is written."""
    root = workspace_6(tmp_path, cycle=False)
    assert cli_invoke("reprendre", report_docx, "-w", root).exit_code == 0
    following = yaml.safe_load((root / "inputs" / "rapport.yaml").read_text(encoding="utf-8"))
    assert following["numero"] == 7
    assert following["periode"] == {"debut": "2021-06", "fin": "2022-05"}
    assert following["chiffres"]["exposes_croises"]["valeur"] == 125
    dialogue = (root / "archive" / "06" / "dialogue-politique" / "rapport-publie.yaml").read_text(
        encoding="utf-8"
    )
    assert dialogue.count("- date:") == len(expected()["dialogue-politique"])
    assert cli_invoke("check", "-w", root).exit_code == 0


def test_existing_archive_refused(
    report_docx: Path, tmp_path: Path, cli_invoke: Callable[..., Result]
) -> None:
    """An existing archive/06 is refused with the path, nothing written; --dry-run writes nothing."""
    root = workspace_6(tmp_path)
    dry = cli_invoke("reprendre", report_docx, "--dry-run", "-w", root)
    assert dry.exit_code == 0
    assert "écrirait" in dry.stdout
    assert not (root / "archive").exists()
    (root / "archive" / "06").mkdir(parents=True)
    before = archive_files(root)
    result = cli_invoke("reprendre", report_docx, "-w", root)
    assert result.exit_code == 1
    assert f"{report_docx}:1:1: archive/06 existe déjà : rien n'a été écrit" in result.stderr
    assert archive_files(root) == before
    assert not list((root / "archive").glob(".*"))


def test_bad_reports(tmp_path: Path, cli_invoke: Callable[..., Result]) -> None:
    """An unreadable .docx, a title without ordinal, an unknown format: a French message with
    the path, exit 1, nothing written."""
    root = workspace_6(tmp_path)
    broken = tmp_path / "casse.docx"
    broken.write_bytes(b"PK\x03\x04 pas un zip")
    untitled = write_published(
        "# Rapport d'étape\n\n3 juin 2021\n\nRien entre deux dates.\n", tmp_path / "sans.docx"
    )
    text = tmp_path / "rapport.odt"
    text.write_text("x", encoding="utf-8")
    for path, message in [
        (broken, "rapport illisible (ce n'est pas un document Word (.docx))"),
        (
            untitled,
            "numéro introuvable : le titre ne commence pas par un ordinal (« Rapport d'étape »)",
        ),
        (text, "format « .odt » non reconnu"),
        (tmp_path / "absent.docx", "rapport introuvable"),
    ]:
        result = cli_invoke("reprendre", path, "-w", root)
        assert result.exit_code == 1
        assert f"{path}:1:1: {message}" in result.stderr
        assert "Traceback" not in result.output
    assert "période introuvable" in cli_invoke("reprendre", untitled, "-w", root).stderr
    assert not (root / "archive").exists()


def test_word_reports_do_not_import_pdfplumber(report_docx: Path, tmp_path: Path) -> None:
    """The core CLI never imports the PDF extra for a Word report."""
    root = workspace_6(tmp_path)
    code = (
        "import sys\nfrom drafter.cli import main\n"
        f"main(['reprendre', {str(report_docx)!r}, '-w', {str(root)!r}], standalone_mode=False)\n"
        "print('pdfplumber' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("False")


def test_pdf_without_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli_invoke: Callable[..., Result]
) -> None:
    """A PDF without pdfplumber installed: a French message naming the extra, exit 1."""
    pdf = tmp_path / "rapport.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    monkeypatch.delitem(sys.modules, "drafter.reading.pdf_text", raising=False)
    result = cli_invoke("reprendre", pdf, "-w", workspace_6(tmp_path))
    assert result.exit_code == 1
    assert 'pip install "drafter[pdf]"' in result.stderr


@pytest.fixture(scope="module")
def report_pdf(report_docx: Path) -> Path:
    """Return the 6th report as a PDF made by LibreOffice (its own profile: writing/pdf.py)."""
    if shutil.which("soffice") is None and not os.environ.get("CI"):
        pytest.skip("LibreOffice is not installed")
    pytest.importorskip("pdfplumber")
    return convert_to_pdf(report_docx, report_docx.with_suffix(".pdf"))


@pytest.mark.slow
def test_pdf_gives_the_word_archive(
    report_docx: Path, report_pdf: Path, tmp_path: Path, cli_invoke: Callable[..., Result]
) -> None:
    """The PDF (footer « Page 2 sur 16 », footnote and its call, list indents, page breaks
    inside paragraphs) gives the Word archive, spaces aside; rebuilt, the published sentences."""
    assert (
        "Page 2 sur"
        in subprocess.run(
            ["pdftotext", report_pdf, "-"], capture_output=True, text=True, check=True
        ).stdout
    )
    from_word, from_pdf = workspace_6(tmp_path / "word"), workspace_6(tmp_path / "pdf")
    assert cli_invoke("reprendre", report_docx, "-w", from_word).exit_code == 0
    assert cli_invoke("reprendre", report_pdf, "-w", from_pdf).exit_code == 0
    word, pdf = archive_files(from_word / "archive"), archive_files(from_pdf / "archive")
    assert word.keys() == pdf.keys()
    for name, data in word.items():
        same = plain(data.decode()).replace(report_docx.name, report_pdf.name)
        assert same == plain(pdf[name].decode()), name
    got = rebuilt(from_pdf, tmp_path)
    for area, units in expected().items():
        assert [plain(u.text) for u in got[area] if kept(u)] == [plain(u.text) for u in units], area


def test_unreadable_pdf(tmp_path: Path, cli_invoke: Callable[..., Result]) -> None:
    """A file named .pdf that is no PDF: « rapport illisible » with its path, exit 1."""
    pytest.importorskip("pdfplumber")
    pdf = tmp_path / "rapport.pdf"
    pdf.write_bytes(b"%PDF-1.4\nrien\n")
    result = cli_invoke("reprendre", pdf, "-w", workspace_6(tmp_path))
    assert result.exit_code == 1
    assert f"{pdf}:1:1: rapport illisible" in result.stderr


def test_line_end_hyphens() -> None:
    """A word cut at a line's end is joined whole when the document writes it whole
    elsewhere; a compound keeps its hyphen; no space is left before a point."""
    pytest.importorskip("pdfplumber")
    from drafter.reading.pdf_text import _join

    assert _join("la coopé-", "ration des", {"coopération"}) == "la coopération des"
    assert _join("le Moyen-", "Orient", {"moyen", "orient"}) == "le Moyen-Orient"
    assert _join("au Kosovo", ". Puis", set()) == "au Kosovo. Puis"


ENGLISH = RAPPORT_6 / "progress-report-partiel.md"


def test_english_partial_edition_aligned(
    report_docx: Path, tmp_path: Path, cli_invoke: Callable[..., Result]
) -> None:
    """A partial English edition: each translated sentence paired with its French entry
    (msgctxt = id, the date as {Date}), the sentences it leaves out empty and none shifted;
    drafter traductions then takes them as translation memory, like next's archives."""
    english = write_published(
        ENGLISH.read_text(encoding="utf-8"), tmp_path / "progress-report-6.docx"
    )
    root = workspace_6(tmp_path)
    assert cli_invoke("reprendre", report_docx, "--anglais", english, "-w", root).exit_code == 0
    catalogue = polib.pofile(str(root / "archive" / "06" / "traductions" / "en.po"))
    found = {m.msgctxt: m for m in catalogue}
    irini = found["r06-cooperation-operationnelle-002"]
    assert irini.msgid.startswith("{Date}, l’UE a fait un exposé au Comité des orientations")
    assert (
        irini.msgstr
        == "{Date}, the EU briefed NATO's Operations Policy Committee (OPC) on EUNAVFOR MED IRINI, its operation in the Mediterranean."
    )
    assert found["r06-cooperation-operationnelle-004"].msgstr == ""  # left out of the English
    assert found["r06-cooperation-operationnelle-005"].msgstr.startswith(
        "{Date}, the ninth SHADE MED conference"
    )
    assert found["r06-cooperation-operationnelle-006"].msgstr == ""
    assert found["r06-cooperation-operationnelle-007"].msgstr.startswith(
        "The two organisations also continued"
    )
    assert found["r06-cooperation-operationnelle-008"].msgstr.startswith(
        "{Date}, the NATO-led Balkans"
    )
    assert (
        found["r06-cyber-004"].msgstr
        == "{Date}, the annual staff-to-staff meeting on cyber security and defence took place."
    )
    assert [m.msgctxt for m in catalogue if m.msgstr] == [
        *(f"r06-cooperation-operationnelle-00{n}" for n in (1, 2, 3, 5, 7, 8)),
        *(f"r06-cyber-00{n}" for n in (1, 2, 3, 4)),
    ]
    assert not any(m.fuzzy for m in catalogue)
    # what the English edition holds beyond the French entries is kept, with its reason
    unplaced = (root / "archive" / "06" / "non-placees.txt").read_text(encoding="utf-8")
    english_part = unplaced.split("Édition anglaise (progress-report-6.docx)", 1)[1]
    assert (
        "# édition anglaise : aucune phrase française de ce domaine ne lui correspond\nThis partial edition leaves a sentence out here."
        in english_part
    )
    assert "This partial English edition covers two areas" in english_part
    # the next cycle's catalogue takes a translation of the same French from the archive
    assert cli_invoke("traductions", "-w", root).exit_code == 0
    current = {m.msgid: m for m in polib.pofile(str(root / "traductions" / "en.po"))}
    assert current[irini.msgid].msgstr == irini.msgstr


def test_not_earlier_than_the_current_cycle(
    report_docx: Path, tmp_path: Path, cli_invoke: Callable[..., Result]
) -> None:
    """The report of the cycle being prepared (or a later one) is refused, nothing written."""
    root = workspace_6(tmp_path)
    cycle_file = root / "inputs" / "rapport.yaml"
    cycle_file.write_text(
        cycle_file.read_text(encoding="utf-8").replace("numero: 7", "numero: 6"), encoding="utf-8"
    )
    result = cli_invoke("reprendre", report_docx, "-w", root)
    assert result.exit_code == 1
    assert (
        f"{report_docx}:1:1: le rapport n° 6 n'est pas antérieur au cycle en cours (n° 6"
        in result.stderr
    )
    assert not (root / "archive").exists()


def test_interrupted_writing_leaves_no_archive(
    report_docx: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cli_invoke: Callable[..., Result],
) -> None:
    """A disk full while the archive is written: a French message, no archive/06 and no
    half-written folder beside it; the next run writes it whole."""
    root = workspace_6(tmp_path)
    written: list[Path] = []
    original = reprendre.write_file

    def full(path: Path, data: bytes) -> None:
        if len(written) == 3:
            raise OSError(28, "No space left on device", str(path))
        written.append(path)
        original(path, data)

    monkeypatch.setattr(reprendre, "write_file", full)
    result = cli_invoke("reprendre", report_docx, "-w", root)
    assert result.exit_code == 1
    assert "archive non écrite : disque plein" in result.stderr
    assert list((root / "archive").iterdir()) == []
    monkeypatch.undo()
    assert cli_invoke("reprendre", report_docx, "-w", root).exit_code == 0
    assert len(list((root / "archive" / "06").rglob("*.yaml"))) == 9


def test_qualified_figure() -> None:
    """« plus de 210 exposés croisés » : the value and its qualifier, with the month since."""
    paragraphs = [
        SourceParagraph("Vingt et unième rapport d'étape", 0),
        SourceParagraph("Il présente les résultats obtenus entre juin 2035 et mai 2036."),
        SourceParagraph(
            "Depuis la signature de la déclaration conjointe de Varsovie, en juillet 2016, plus de 210 exposés croisés ont eu lieu."
        ),
    ]
    report = read_report(paragraphs, (), reprendre._ordinals())
    assert report.number == 21
    assert report.figure == (210, "plus de", (2016, 7))


def test_the_archived_cycle_file_s_heading_is_reprise_wording(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The comment atop an archived rapport.yaml is data/reprise.yaml's, as drafter writes it."""
    report = PublishedReport(number=6, period=((2020, 6), (2021, 5)))
    text = reprendre._cycle_text(report, 6, None)
    assert text.startswith(
        "# Rapport d'étape n° 6, repris du rapport publié par « drafter reprendre ».\nnumero: 6\n"
    )
    monkeypatch.setitem(wording(), "entete_cycle", "Repris : n° {numero}.")
    assert reprendre._cycle_text(report, 6, None).startswith("# Repris : n° 6.\nnumero: 6\n")
