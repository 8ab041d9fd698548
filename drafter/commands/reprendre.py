"""`drafter reprendre`: a published report (Word or PDF) -> `archive/NN/` in the layout
`drafter next` leaves: the cycle file, one entry per published sentence in its area's folder,
`traductions/en.po` from the English edition; the next report's cycle file when the workspace
has none. Planned whole first, written in a hidden folder beside, renamed last: an archive
is there complete or not at all."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import click

from drafter.commands.common import workspace_option
from drafter.commands.next_cycle import PARTIAL, TRANSLATIONS, next_cycle_text
from drafter.commands.published_entries import english_messages, entry_values, place_highlights
from drafter.drafting.languages import numbers_of
from drafter.errors import DrafterError, Problem, os_problem
from drafter.model import SOURCE_LANGUAGE, Area, Cycle, Entry, SourceParagraph, Workspace
from drafter.reading.published_report import PublishedReport, read_report, wording
from drafter.reading.workspace import (
    cycle_from_text,
    load_cycle_only,
    read_entries_under,
    shipped_areas,
)
from drafter.reading.yaml_nodes import dump_plain, read_documents, to_plain
from drafter.writing.catalogue_writer import catalogue_text
from drafter.writing.docx.word_text import word_paragraphs
from drafter.writing.entry_files import entry_list_text
from drafter.writing.outputs import workspace_lock
from drafter.writing.safe_write import rename_folder, write_file

ENTRY_FILE = "rapport-publie.yaml"
_PDF_EXTRA = 'la lecture des PDF demande l\'extra « pdf » : pip install "drafter[pdf]"'


@dataclass(frozen=True)
class AreaSummary:
    """What the archive holds for one area."""

    id: str
    sentences: int
    dated: int
    items: int
    highlights: int
    elsewhere: int = 0  # what stood in the area but is no entry (sub-heading, figure)


@dataclass(frozen=True)
class Reprise:
    """Everything `reprendre` writes, planned before anything is."""

    number: int
    archive: Path
    files: dict[str, str]  # path under the archive -> text
    next_cycle: str | None  # inputs/rapport.yaml, when the workspace has none
    areas: list[AreaSummary] = field(default_factory=list)
    unplaced: int = 0


def plan_reprise(root: Path, report_path: Path, english_path: Path | None) -> Reprise:
    """Return what taking in the published report writes; raise with every problem."""
    cycle_file = root / "inputs" / "rapport.yaml"
    has_cycle = os.path.lexists(cycle_file)
    current = load_cycle_only(root) if has_cycle else None
    areas = current.areas if current else shipped_areas()
    report = read_report(source_paragraphs(report_path), areas, _ordinals())
    number = _checked(report, str(report_path), root, current.number if current else None)
    place_highlights(report)
    cycle_text = _cycle_text(report, number, root if has_cycle else None)
    cycle = _cycle(cycle_text)
    files = _entry_files(report, cycle, number, report_path.name)
    entries = _read_back(files, cycle)
    files["rapport.yaml"] = cycle_text
    unplaced = _unplaced_text(report, number, report_path.name)
    if english_path is not None:
        catalogue, english = _catalogue(report, english_path, entries, cycle)
        files[f"{TRANSLATIONS}/en.po"] = catalogue
        unplaced += _english_unplaced(english, english_path.name)
    files[str(wording()["non_placees"])] = unplaced
    empty = Workspace(cycle, (), {}, {})
    following = None if has_cycle else next_cycle_text(root, cycle_text, empty)
    summary = [_summary(a.id, entries, report) for a in cycle.areas]
    archive = root / "archive" / f"{number:02d}"
    return Reprise(number, archive, files, following, summary, len(report.unplaced))


def source_paragraphs(path: Path) -> list[SourceParagraph]:
    """Return the paragraphs of a published report, Word or PDF."""
    shown = str(path)
    if not path.is_file():
        raise DrafterError([Problem(shown, 1, 1, "rapport introuvable (fichier .docx ou .pdf)")])
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return [SourceParagraph(*p) for p in word_paragraphs(path, shown)]
    if suffix == ".pdf":
        try:
            from drafter.reading import pdf_text
        except ModuleNotFoundError as exc:
            if exc.name != "pdfplumber":
                raise
            raise DrafterError([Problem(shown, 1, 1, _PDF_EXTRA)]) from None
        return pdf_text.pdf_paragraphs(path, shown)
    message = f"format « {suffix or path.name} » non reconnu : un rapport .docx ou .pdf"
    raise DrafterError([Problem(shown, 1, 1, message)])


def _ordinals() -> dict[str, int]:
    ordinal = numbers_of(SOURCE_LANGUAGE).ordinal
    words = {ordinal(n): n for n in range(1, 100)}
    return (
        words | {ordinal(1, feminine=True): 1} | {w.replace("-", " "): n for w, n in words.items()}
    )


def _checked(report: PublishedReport, shown: str, root: Path, current: int | None) -> int:
    """Return the report's number; raise when number or period cannot be read, when its
    archive exists, or when it is not earlier than the cycle being prepared."""
    problems = []
    if report.number is not None and current is not None and report.number >= current:
        message = (
            f"le rapport n° {report.number} n'est pas antérieur au cycle en cours "
            f"(n° {current}, inputs/rapport.yaml) : seuls les rapports déjà publiés se reprennent"
        )
        problems.append(Problem(shown, 1, 1, message))
    if report.number is None:
        text = report.title[:80] or "aucun titre avant le corps du texte"
        message = f"numéro introuvable : le titre ne commence pas par un ordinal (« {text} »)"
        problems.append(Problem(shown, 1, 1, message))
    if report.period is None:
        message = "période introuvable : aucune phrase « … entre juin 2022 et mai 2023 »"
        problems.append(Problem(shown, 1, 1, message))
    archive = root / "archive" / f"{report.number or 0:02d}"
    if report.number is not None and os.path.lexists(archive):
        message = f"{archive.relative_to(root)} existe déjà : rien n'a été écrit"
        problems.append(Problem(shown, 1, 1, message))
    if problems:
        raise DrafterError(problems)
    assert report.number is not None
    return report.number


def _cycle_text(report: PublishedReport, number: int, root: Path | None) -> str:
    """Return the archived cycle file: number, period, date, figure (and the workspace's
    areas, when it declares its own)."""
    assert report.period is not None
    (y1, m1), (y2, m2) = report.period
    data: dict[str, object] = {
        "numero": number,
        "periode": {"debut": f"{y1}-{m1:02d}", "fin": f"{y2}-{m2:02d}"},
    }
    if report.day is not None:
        data["date"] = report.day.isoformat()
    if report.figure is not None:
        value, qualifier, since = report.figure
        figure: dict[str, object] = {"valeur": value}
        figure |= {"depuis": f"{since[0]}-{since[1]:02d}"} if since else {}
        figure |= {"qualificatif": qualifier} if qualifier else {}
        data["chiffres"] = {"exposes_croises": figure}
    data |= _own_areas(root) if root is not None else {}
    heading = str(wording()["entete_cycle"]).format(numero=number)
    return f"# {heading}\n" + dump_plain(data)


def _own_areas(root: Path) -> dict[str, object]:
    node = read_documents((root / "inputs" / "rapport.yaml").read_text(encoding="utf-8"), "")
    plain = to_plain(node) if node is not None else None
    return (
        {"domaines": plain["domaines"]} if isinstance(plain, dict) and "domaines" in plain else {}
    )


def _cycle(text: str) -> Cycle:
    cycle, problems = cycle_from_text(text)
    if cycle is None:
        raise DrafterError(problems)
    return cycle


def _entry_files(report: PublishedReport, cycle: Cycle, number: int, name: str) -> dict[str, str]:
    source = str(wording()["source"]).format(numero=number)
    heading = str(wording()["entete"]).format(numero=number, fichier=name)
    files = {}
    for area in cycle.areas:
        values = entry_values(report, area, number, source)
        if values:
            files[f"{area.id}/{ENTRY_FILE}"] = entry_list_text(values, heading)
    return files


def _read_back(files: dict[str, str], cycle: Cycle) -> list[Entry]:
    """Return the entries as drafter reads them (the catalogue's French is drafted from them)."""
    with tempfile.TemporaryDirectory(prefix="drafter-reprise-") as work:
        for rel, text in files.items():
            (Path(work) / rel).parent.mkdir(parents=True, exist_ok=True)
            (Path(work) / rel).write_text(text, encoding="utf-8")
        return read_entries_under(Path(work), Path(work), Workspace(cycle, (), {}, {}))


def _unplaced_text(report: PublishedReport, number: int, name: str) -> str:
    heading = str(wording()["non_placees_entete"]).format(numero=number, fichier=name)
    lines = [f"# {line}" for line in heading.splitlines()]
    for item in report.unplaced:
        lines += ["", f"# {item.why}", item.text]
    return "\n".join(lines) + "\n"


def _english_unplaced(english: PublishedReport, name: str) -> str:
    """Return the part of the unplaced file that holds what the English edition left over."""
    lines = ["", f"# {str(wording()['anglais_entete']).format(fichier=name)}"]
    for item in english.unplaced:
        lines += ["", f"# {item.why}", item.text]
    return "\n".join(lines) + "\n"


def _catalogue(
    report: PublishedReport, english_path: Path, entries: list[Entry], cycle: Cycle
) -> tuple[str, PublishedReport]:
    english_areas = tuple(Area(a.id, a.title_en or a.title) for a in cycle.areas)
    english = read_report(source_paragraphs(english_path), english_areas, {})
    messages = english_messages(entries, report, english, cycle.apostrophe)
    metadata = {
        "Project-Id-Version": f"rapport-etape-{cycle.number:02d}",
        "Language": "en",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": "drafter",
    }
    header = f"Édition anglaise du rapport n° {cycle.number}, alignée par drafter reprendre."
    return catalogue_text(messages, metadata, header), english


def _summary(area: str, entries: list[Entry], report: PublishedReport) -> AreaSummary:
    own = [e for e in entries if e.area == area]
    return AreaSummary(
        area,
        len(own),
        sum(1 for e in own if not e.date.undated),
        sum(len(e.points) for e in own),
        sum(1 for e in own if e.highlighted),
        sum(1 for u in report.unplaced if u.area == area),
    )


def apply_reprise(root: Path, plan: Reprise) -> None:
    """Write the archive in a hidden folder beside it, rename it, then the next cycle file."""
    busy = "un autre drafter (next, import, build) travaille sur cet espace : attendez sa fin"
    partial = plan.archive.with_name(f".{plan.archive.name}{PARTIAL}")
    try:
        with workspace_lock(root, busy):
            _write_archive(plan, partial)
            if plan.next_cycle is not None:
                (root / "inputs").mkdir(exist_ok=True)
                write_file(root / "inputs" / "rapport.yaml", plan.next_cycle.encode("utf-8"))
    except OSError as exc:
        shutil.rmtree(partial, ignore_errors=True)
        where = exc.filename or plan.archive
        raise DrafterError([os_problem(where, exc, "archive non écrite")]) from None


def _write_archive(plan: Reprise, partial: Path) -> None:
    if os.path.lexists(plan.archive):
        message = f"{plan.archive} existe déjà : rien n'a été écrit"
        raise DrafterError([Problem(str(plan.archive), 1, 1, message)])
    shutil.rmtree(partial, ignore_errors=True)  # ours, left by an interrupted run
    for rel, text in plan.files.items():
        (partial / rel).parent.mkdir(parents=True, exist_ok=True)
        write_file(partial / rel, text.encode("utf-8"))
    rename_folder(partial, plan.archive)


@click.command()
@click.argument("rapport", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--anglais",
    type=click.Path(path_type=Path, dir_okay=False),
    help="L'édition anglaise publiée (.docx ou .pdf) : archive/NN/traductions/en.po.",
)
@click.option("--dry-run", is_flag=True, help="Montre ce qui serait écrit, sans rien écrire.")
@workspace_option
def reprendre(rapport: Path, anglais: Path | None, dry_run: bool, workspace: Path) -> None:
    """Reprend un rapport publié (.docx ou .pdf) dans archive/NN/, comme drafter next."""
    plan = plan_reprise(workspace, rapport, anglais)
    shown = plan.archive.relative_to(workspace)
    verb = "écrirait" if dry_run else "écrit"
    click.echo(f"rapport n° {plan.number} : {verb} {len(plan.files)} fichiers dans {shown}")
    for rel in plan.files:
        click.echo(f"  {shown}/{rel}")
    _echo_summary(plan)
    if plan.next_cycle is not None:
        click.echo(f"{verb} inputs/rapport.yaml pour le rapport n° {plan.number + 1}")
    if dry_run:
        return
    apply_reprise(workspace, plan)


def _echo_summary(plan: Reprise) -> None:
    width = max((len(a.id) for a in plan.areas), default=0)
    for area in plan.areas:
        click.echo(
            f"  {area.id.ljust(width)}  {area.sentences:>3} phrases, {area.dated:>3} datées, "
            f"{area.items:>2} points, {area.highlights:>2} faits saillants, "
            f"{area.elsewhere} placées ailleurs"
        )
    total = sum(a.sentences for a in plan.areas)
    name = wording()["non_placees"]
    click.echo(f"{total} phrases reprises ; {plan.unplaced} placées ailleurs ({name})")
