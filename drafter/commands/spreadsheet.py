"""`drafter tableur`: the contribution workbook, for services that do not write YAML (the
import is `drafter importer`, commands/spreadsheet_import.py). The workbook is described
here; openpyxl stays in reading/ and writing/."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

import click

from drafter.commands.common import workspace_option
from drafter.commands.spreadsheet_import import GUIDE_TITLE, column_keys
from drafter.commands.spreadsheet_services import slug
from drafter.drafting.languages import source_dates
from drafter.errors import DrafterError, Problem, UsageError, unlocated
from drafter.model import Area, Cycle, Entry
from drafter.reading.date_parsing import format_spec
from drafter.reading.wording import wording_of
from drafter.reading.workspace import load_catalogue, load_cycle_only, load_workspace
from drafter.writing.entry_files import field_comments
from drafter.writing.workbook_writer import Column, SheetSpec, WorkbookSpec, write_workbook

REQUIRED = ("date", "contributeur")
MAX_SHEET_TITLE = 31  # Excel's limit: a longer title makes a workbook it will not open
# Column widths (characters) and wrapped columns; other columns get the default width.
_WIDTHS = {"action": 60, "texte": 60, "but": 40, "points": 40, "acteurs": 32, "source": 30}
_WIDTHS |= {"id": 26, "apres": 26, "avant": 26}
_WRAPPED = frozenset({"action", "texte", "but", "points", "acteurs", "source"})
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
    guide, headings = _guide(cycle, service)
    spec = WorkbookSpec(GUIDE_TITLE, guide, sheets, _lists(root, cycle), headings, service)
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
    words = _words()
    required = words["obligatoire"] if key in REQUIRED else ""
    hint = words["indications"].get(key, "")
    comment = f"{key}\n{required}{field_comments()[key]}{hint}"
    choices, strict = _choices(key, area)
    width = _WIDTHS.get(key, max(14, len(key) + 4))
    error = words["liste"].format(champ=key)
    return Column(key, comment, width, choices, strict, key in _WRAPPED, error)


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


def _guide(cycle: Cycle, service: str) -> tuple[tuple[tuple[str, ...], ...], frozenset[int]]:
    """Return the rows of the « Mode d'emploi » sheet (data/classeur.yaml) and the numbers
    of its heading rows: the title, the example's and the dates' table headings."""
    words = _words()
    dates = source_dates()
    period = f"{dates.month(*cycle.period_start)} – {dates.month(*cycle.period_end)}"
    example, forms = words["exemple"], words["dates"]
    rows: list[tuple[str, ...]] = [(words["titre"].format(numero=cycle.number, periode=period),)]
    rows += [(line,) for line in words["consignes"]] + [()]
    headings = {1, len(rows) + 1}
    rows += [tuple(example["titre"]), *map(tuple, example["lignes"]), tuple(example["resultat"])]
    rows.append(())
    headings.add(len(rows) + 1)
    rows += [tuple(forms["titre"]), *map(tuple, forms["lignes"])]
    rows += [(words["service"].format(service=service),)] if service else []
    return tuple(rows), frozenset(headings)


def _words() -> Any:
    """Return what drafter tableur writes in the workbook (data/classeur.yaml)."""
    return wording_of("classeur.yaml")


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
