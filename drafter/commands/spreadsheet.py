"""`drafter tableur`: the contribution workbook, for services that do not write YAML (the
import is `drafter importer`, commands/spreadsheet_import.py). The workbook is described
here; openpyxl stays in reading/ and writing/."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import click

from drafter.commands.common import workspace_option
from drafter.commands.spreadsheet_import import GUIDE_TITLE, column_keys
from drafter.commands.spreadsheet_services import slug
from drafter.drafting.languages import source_dates
from drafter.errors import DrafterError, Problem, UsageError, unlocated
from drafter.model import Area, Cycle, Entry
from drafter.reading.date_parsing import format_spec
from drafter.reading.workspace import load_catalogue, load_cycle_only, load_workspace
from drafter.writing.entry_files import field_comments
from drafter.writing.workbook_writer import Column, SheetSpec, WorkbookSpec, write_workbook

REQUIRED = ("date", "contributeur")
MAX_SHEET_TITLE = 31  # Excel's limit: a longer title makes a workbook it will not open
# Column widths (characters) and wrapped columns; other columns get the default width.
_WIDTHS = {"action": 60, "texte": 60, "but": 40, "points": 40, "acteurs": 32, "source": 30}
_WIDTHS |= {"id": 26, "apres": 26, "avant": 26}
_WRAPPED = frozenset({"action", "texte", "but", "points", "acteurs", "source"})
_CELL_HINTS = {
    "date": " Dans le tableur, 14/02/2023, février 2023 ou une date Excel conviennent aussi ; "
    "plusieurs mois séparés par « ; ».",
    "acteurs": " Plusieurs acteurs : un par ligne (Alt+Entrée) ou séparés par « ; ».",
    "propositions": " Plusieurs propositions : séparées par « ; ».",
    "points": " Un point par ligne de la cellule (Alt+Entrée) ou séparés par « ; ».",
    "apres": " L'identifiant est celui de la colonne id (ou le nom du fichier : cyber/seae-l4).",
    "id": " Laissez vide pour une nouvelle activité ; ne modifiez pas celui d'une entrée "
    "déjà reçue : il permet de la mettre à jour.",
}
# Drop-down lists: list name -> (values, strict); the per-area lists are added per sheet.
_FIXED_LISTS = {
    "position_date": (("debut", "fin", "aucune"), True),
    "statut": (("realise", "prevu"), True),
    "type": (("expose-croise",), False),
    "nouveau_paragraphe": (("true", "false"), True),
    "a_souligner": (("true",), False),
}


class WrittenWorkbook(NamedTuple):
    """A workbook written: where, how many entries it repeats, how many files were skipped,
    and why it went beside the file asked for (None when it did not)."""

    path: Path
    rows: int
    skipped: int  # files with errors, whose entries could not be repeated
    kept: str | None = None


def make_workbook(
    root: Path,
    area_ids: tuple[str, ...],
    output: Path | None,
    with_entries: bool,
    service: str = "",
) -> WrittenWorkbook:
    """Write the contribution workbook (with the workspace's entries, if asked), for a
    service when one is named: the workbook says it, and its name carries it."""
    cycle = load_cycle_only(root)
    areas = _chosen_areas(cycle, area_ids)
    service = " ".join(service.split())
    suffix = f"-{slug(service)}" if slug(service) else ""
    name = f"contributions-rapport-{cycle.number:02d}{suffix}.xlsx"
    target = output or root / "outputs" / name
    if target.suffix.lower() != ".xlsx":
        raise UsageError([unlocated(f"-o : le classeur s'écrit en .xlsx, pas « {target.name} »")])
    entries, skipped = _entries(root) if with_entries else ((), 0)
    sheets = tuple(_sheet(area, [e for e in entries if e.area == area.id]) for area in areas)
    guide = _guide(cycle) + (((_SERVICE_LINE.format(service),),) if service else ())
    spec = WorkbookSpec(GUIDE_TITLE, guide, sheets, _lists(root, cycle), _HEADINGS, service)
    written = write_workbook(target, spec, protected=root / "inputs")
    kept = None
    if written.kept is not None:
        kept = (
            f"{written.kept} {written.why} (un classeur déjà rempli ?) : il est conservé tel "
            f"quel ; le nouveau classeur est dans {written.path}"
        )
    return WrittenWorkbook(written.path, sum(len(sheet.rows) for sheet in sheets), skipped, kept)


def _chosen_areas(cycle: Cycle, area_ids: tuple[str, ...]) -> tuple[Area, ...]:
    """Return the areas asked for (all by default), refusing an unknown one."""
    for area_id in area_ids:
        if cycle.area(area_id) is None:
            known = ", ".join(a.id for a in cycle.areas)
            raise UsageError([unlocated(f"domaine inconnu « {area_id} » ; domaines : {known}")])
    chosen = tuple(a for a in cycle.areas if not area_ids or a.id in area_ids)
    too_long = [a.id for a in chosen if len(a.id) > MAX_SHEET_TITLE]
    if too_long:
        message = (
            f"domaine « {too_long[0]} » : le nom d'une feuille de tableur a au plus "
            f"{MAX_SHEET_TITLE} caractères ; raccourcissez son identifiant"
        )
        raise DrafterError([Problem("inputs/rapport.yaml", 1, 1, message)])
    return chosen


def _entries(root: Path) -> tuple[tuple[Entry, ...], int]:
    """Return the readable entries of the workspace, and how many files have errors."""
    workspace, problems = load_workspace(root, allow_errors=True)
    return workspace.entries, len({p.path for p in problems if p.is_error})


def _sheet(area: Area, entries: list[Entry]) -> SheetSpec:
    """Return an area's sheet: one column per field, one row per existing entry."""
    columns = tuple(_column(key, area) for key in column_keys())
    rows = tuple(
        tuple(entry_cells(entry).get(key, "") for key in column_keys()) for entry in entries
    )
    return SheetSpec(area.id, columns, rows)


def _column(key: str, area: Area) -> Column:
    """Return a field's column: comment, width and drop-down list."""
    required = "Obligatoire. " if key in REQUIRED else ""
    comment = f"{key}\n{required}{field_comments()[key]}{_CELL_HINTS.get(key, '')}"
    choices, strict = _choices(key, area)
    width = _WIDTHS.get(key, max(14, len(key) + 4))
    return Column(key, comment, width, choices, strict, key in _WRAPPED)


def _choices(key: str, area: Area) -> tuple[str | None, bool]:
    """Return the drop-down list of a field (its name on the lists sheet) and its strictness."""
    if key == "sous_theme":
        return f"sous_theme {area.id}", False
    if key == "domaine":
        return "domaine", True
    if key == "propositions":
        return "propositions", False
    return (key, _FIXED_LISTS[key][1]) if key in _FIXED_LISTS else (None, True)


def _lists(root: Path, cycle: Cycle) -> dict[str, tuple[str, ...]]:
    """Return every drop-down list: fixed ones, areas, sub-topics, proposals of the catalogue."""
    lists = {name: values for name, (values, _) in _FIXED_LISTS.items()}
    lists["domaine"] = tuple(a.id for a in cycle.areas)
    lists["propositions"] = tuple(load_catalogue(root, []))
    for area in cycle.areas:
        lists[f"sous_theme {area.id}"] = area.sub_topics
    return lists


def entry_cells(entry: Entry) -> dict[str, str]:
    """Return an entry as the texts of its cells (defaults left empty)."""
    cells = {
        "date": format_spec(entry.date),
        "acteurs": "\n".join(entry.actors),
        "position_date": "" if entry.date_position == "debut" else entry.date_position,
        "statut": "prevu" if entry.planned else "",
        "a_souligner": entry.highlight_text or ("true" if entry.highlighted else ""),
        "nouveau_paragraphe": "true" if entry.new_paragraph else "",
        "propositions": " ; ".join(entry.proposals),
        "points": "\n".join(entry.points),
        "id": entry.id,
    }
    texts = {"action": entry.action, "texte": entry.text, "contributeur": entry.contributor}
    texts |= {"sous_theme": entry.sub_topic, "lien": entry.link, "but": entry.purpose}
    texts |= {"type": entry.kind, "source": entry.source}
    if entry.anchor is not None:
        texts["apres" if entry.anchor.after else "avant"] = entry.anchor.target
    return cells | {key: value or "" for key, value in texts.items()}


_EXAMPLE = (
    ("date", "2023-02"),
    ("position_date", "fin"),
    ("sous_theme", "lutte-terrorisme"),
    ("acteurs", "des représentants de l'UE"),
    (
        "action",
        "ont participé aux travaux du groupe de travail de l'OTAN chargé de la lutte "
        "contre les systèmes aériens sans pilote (C-UAS)",
    ),
    ("contributeur", "SEAE"),
)
_DATE_FORMS = (
    ("2023-01-10, 10/01/2023 ou une date Excel", "un jour : « le 10 janvier 2023 »"),
    ("2023-02, 02/2023 ou février 2023", "un mois : « en février 2023 »"),
    ("2023", "une année : « en 2023 »"),
    ("2022-06 ; 2022-12", "plusieurs mois : « en juin et décembre 2022 »"),
    ("printemps 2023, été 2023, automne 2022, hiver 2023", "une saison : « au printemps 2023 »"),
    ("S1 2023, S2 2020", "un semestre : « au premier semestre de 2023 »"),
    ("début 2021, mi-2024, fin 2020", "une partie de l'année : « début 2021 »"),
    ("periode", "sans date : une phrase d'ensemble"),
)
_HEADINGS = frozenset({1, 9, 18})


_SERVICE_LINE = (
    "Classeur du service {} : gardez-le pour ce service (« drafter importer » le reconnaît)."
)


def _guide(cycle: Cycle) -> tuple[tuple[str, ...], ...]:
    """Return the rows of the « Mode d'emploi » sheet."""
    dates = source_dates()
    period = f"{dates.month(*cycle.period_start)} – {dates.month(*cycle.period_end)}"
    return (
        (f"Contributions au rapport d'étape n° {cycle.number} ({period})",),
        ("Une feuille par domaine ; une ligne par activité de la période.",),
        (
            "Obligatoire : date, contributeur, et soit acteurs et action, soit texte "
            "(la phrase entière).",
        ),
        (
            "Survolez l'en-tête d'une colonne pour lire ce qu'elle attend ; les listes "
            "déroulantes proposent les valeurs admises.",
        ),
        (
            "Ne renommez ni les feuilles ni les en-têtes ; pas de formules (elles sont "
            "refusées) ; enregistrez au format .xlsx.",
        ),
        (
            "Le secrétariat importe le classeur avec « drafter importer » : chaque problème "
            "est signalé avec sa cellule, par exemple 'cyber'!C12.",
        ),
        ("Une entrée déjà reçue garde son identifiant (colonne id) : corrigez-la sur sa ligne.",),
        (),
        ("Exemple : une ligne de la feuille menaces-hybrides", "valeur"),
        *_EXAMPLE,
        (
            "… devient dans le rapport",
            "Des représentants de l'UE ont participé aux travaux du groupe de travail de "
            "l'OTAN chargé de la lutte contre les systèmes aériens sans pilote (C-UAS), "
            "en février 2023.",
        ),
        (),
        ("Comment écrire la date", "ce qu'elle devient dans le rapport"),
        *_DATE_FORMS,
    )


@click.command()
@click.argument("areas", nargs=-1, metavar="[DOMAINE]...")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Classeur à écrire (.xlsx) ; par défaut outputs/contributions-rapport-NN.xlsx.",
)
@click.option(
    "--avec-entrees",
    "with_entries",
    is_flag=True,
    help="Reprend les entrées déjà reçues (une ligne chacune, avec leur id) pour correction.",
)
@click.option(
    "--service",
    default="",
    metavar="NOM",
    help="Le service à qui le classeur est envoyé (SEAE, AED…) : le classeur le garde, son "
    "nom le porte, et « drafter importer » ne laisse pas ses lignes remplacer les entrées "
    "d'un autre service.",
)
@workspace_option
def tableur(
    areas: tuple[str, ...], output: Path | None, with_entries: bool, service: str, workspace: Path
) -> None:
    """Écrit le classeur à envoyer aux services : une feuille par domaine, une ligne par entrée."""
    written = make_workbook(workspace, areas, output, with_entries, service)
    if written.kept:
        click.echo(written.kept, err=True)
    repeated = f" ({written.rows} entrées reprises)" if with_entries else ""
    click.echo(f"classeur écrit : {written.path}{repeated}")
    if written.skipped:
        click.echo(
            f"{written.skipped} fichiers d'entrées ont des erreurs : leurs entrées ne sont pas "
            "dans le classeur (lancez « drafter check »)",
            err=True,
        )
