"""`drafter init` and `drafter new`: files a secretariat and its contributors start from."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import click

from drafter.commands.common import workspace_option
from drafter.drafting import templates as rendering
from drafter.drafting.date_phrases import NBSP
from drafter.drafting.languages import source_dates
from drafter.errors import DrafterError, Problem, UsageError, unlocated
from drafter.model import Cycle
from drafter.reading.date_parsing import DateSpecError, parse_month, parse_spec
from drafter.reading.workspace import cycle_text_problems, load_cycle_only
from drafter.writing.safe_write import write_file


def create_workspace(directory: Path, number: int, start: str) -> list[Path]:
    """Create inputs/rapport.yaml, one folder per default area and outputs/; return them."""
    first = parse_month(start)
    if first is None:
        raise UsageError(
            [unlocated(f"--debut attend un mois AAAA-MM (par exemple 2023-06), pas « {start} »")]
        )
    cycle_file = directory / "inputs" / "rapport.yaml"
    if cycle_file.exists():
        raise DrafterError(
            [
                Problem(
                    str(cycle_file),
                    1,
                    1,
                    "un espace de travail existe déjà ici : rien n'a été modifié",
                )
            ]
        )
    year, month = first
    end_year, end_month = year + (month + 10) // 12, (month + 10) % 12 + 1
    text = rendering.render_plain(
        None,
        "rapport.yaml.j2",
        {
            "numero": number,
            "debut": start,
            "fin": f"{end_year}-{end_month:02d}",
            "fin_annee": end_year,
        },
    )
    if cycle_text_problems(text):  # what check would refuse is never written
        raise UsageError(
            [
                unlocated(
                    f"--numero ou --debut hors limites : {cycle_text_problems(text)[0].message}"
                )
            ]
        )
    cycle_file.parent.mkdir(parents=True, exist_ok=True)
    write_file(cycle_file, text.encode("utf-8"))  # never half a cycle file that blocks a rerun
    created = [cycle_file]
    for area in load_cycle_only(directory).areas:
        created.append(directory / "inputs" / area.id)
        created[-1].mkdir(exist_ok=True)
    (directory / "outputs").mkdir(exist_ok=True)
    (directory / "outputs" / ".gitkeep").touch()
    return [*created, directory / "outputs"]


def new_entry(
    root: Path, area_id: str, date_text: str | None, today: dt.date | None = None
) -> tuple[Path, str | None]:
    """Write a commented entry skeleton into inputs/AREA/ under a free name; return its path,
    and a note when the date was not given and today is outside the report's period."""
    cycle = load_cycle_only(root)
    area = cycle.area(area_id)
    if area is None:
        known = ", ".join(a.id for a in cycle.areas)
        raise UsageError([unlocated(f"domaine inconnu « {area_id} » ; domaines : {known}")])
    note = None
    if date_text is None:
        date_text, note = default_date(cycle, today or dt.date.today())
    try:
        parse_spec(date_text)
    except DateSpecError as exc:
        raise UsageError([unlocated(f"--date : {exc}")]) from None
    text = rendering.render_plain(
        root,
        "entree.yaml.j2",
        {"titre": area.title, "date": date_text, "sous_themes": list(area.sub_topics)},
    )
    folder = root / "inputs" / area.id
    folder.mkdir(parents=True, exist_ok=True)
    path = _free_path(folder, re.sub(r"[^a-z0-9-]+", "-", date_text.lower()).strip("-"))
    write_file(path, text.encode("utf-8"))
    return path, note


def default_date(cycle: Cycle, today: dt.date) -> tuple[str, str | None]:
    """Return the month to date a new entry with: today's, or, when today is outside the
    report's period, the nearest month of the period, with a note that says so."""
    month = (today.year, today.month)
    chosen = min(max(month, cycle.period_start), cycle.period_end)
    written = f"{chosen[0]}-{chosen[1]:02d}"
    if chosen == month:
        return written, None
    edge = "le premier" if chosen == cycle.period_start else "le dernier"
    dates = source_dates()
    period = f"{dates.month(*cycle.period_start)} – {dates.month(*cycle.period_end)}"
    return written, (
        f"aujourd'hui ({dates.month(*month)}) est hors de la période du rapport ({period}) : "
        f"l'entrée est datée {written}, {edge} mois de la période ; corrigez « date: » "
        "ou donnez --date"
    ).replace(NBSP, " ")


def _free_path(folder: Path, stem: str) -> Path:
    number = 1
    while (
        path := folder / f"{stem}-entree{'-' + str(number) if number > 1 else ''}.yaml"
    ).exists():
        number += 1
    return path


@click.command()
@click.argument("directory", metavar="DOSSIER", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--numero",
    type=click.IntRange(min=1, max=999),
    metavar="NOMBRE",
    required=True,
    help="Numéro du rapport à préparer (9 pour le neuvième).",
)
@click.option(
    "--debut",
    required=True,
    metavar="AAAA-MM",
    help="Premier mois de la période couverte (juin, en général : 2023-06).",
)
def init(directory: Path, numero: int, debut: str) -> None:
    """Crée un espace de travail : inputs/rapport.yaml, un dossier par domaine, outputs/."""
    created = create_workspace(directory, numero, debut)
    click.echo(f"espace de travail créé : {directory}")
    for path in created:
        click.echo(f"  {path}")


@click.command()
@click.argument("area", metavar="DOMAINE")
@click.option(
    "--date",
    "date_text",
    metavar="DATE",
    default=None,
    help="Date de l'activité (2024-03, 2024-03-15, printemps 2024…) ; "
    "par défaut, le mois en cours, ou le mois de la période du rapport le plus proche.",
)
@workspace_option
def new(area: str, date_text: str | None, workspace: Path) -> None:
    """Écrit dans inputs/DOMAINE/ une entrée à compléter, commentée champ par champ."""
    path, note = new_entry(workspace, area, date_text)
    if note:
        click.echo(f"remarque : {note}")
    click.echo(f"entrée à compléter : {path}")
