"""`drafter status`: where the cycle stands, per area, and coverage of the common proposals."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import click

from drafter.commands.common import workspace_option
from drafter.commands.translate import area_counts, catalogue_path, read_language, state_names
from drafter.drafting.composition import proposal_counts
from drafter.drafting.date_phrases import month_phrase
from drafter.errors import Problem
from drafter.model import Entry, Workspace
from drafter.reading.workspace import load_workspace


@dataclass
class AreaStatus:
    """One row of the status table."""

    id: str
    titre: str
    entrees: int = 0
    faits_saillants: int = 0
    contributeurs: list[str] = field(default_factory=list)
    debut: str | None = None
    fin: str | None = None
    avertissements: int = 0
    # the English edition, when the workspace has traductions/en.po: sentences per state
    traduction: dict[str, int] | None = None


def area_statuses(workspace: Workspace, warnings: list[Problem]) -> list[AreaStatus]:
    """Return one row per area, in report order."""
    rows = {a.id: AreaStatus(a.id, a.title) for a in workspace.cycle.areas}
    spans: dict[str, list[dt.date]] = {a: [] for a in rows}
    contributors: dict[str, set[str]] = {a: set() for a in rows}
    for entry in workspace.entries:
        row = rows[entry.area]
        row.entrees += 1
        row.faits_saillants += 1 if entry.highlighted else 0
        contributors[entry.area].add(entry.contributor)
        spans[entry.area] += _days(entry)
    for area_id, row in rows.items():
        row.contributeurs = sorted(contributors[area_id])
        if spans[area_id]:
            first, last = min(spans[area_id]), max(spans[area_id])
            row.debut, row.fin = (
                month_phrase(first.year, first.month),
                month_phrase(last.year, last.month),
            )
        row.avertissements = sum(1 for w in warnings if _area_of(w.path) == area_id)
    return list(rows.values())


def _days(entry: Entry) -> list[dt.date]:
    return [day for p in entry.date.points for day in (p.first_day(), p.last_day())]


def _area_of(path: str) -> str | None:
    parts = path.split("/")
    return parts[1] if len(parts) > 1 and parts[0] == "inputs" else None


def as_json(rows: list[AreaStatus], workspace: Workspace) -> dict[str, object]:
    """Return the status as plain data for `--format json`."""
    return {
        "numero": workspace.cycle.number,
        "domaines": [asdict(r) for r in rows],
        "total": {
            "entrees": sum(r.entrees for r in rows),
            "faits_saillants": sum(r.faits_saillants for r in rows),
            "contributeurs": sorted({c for r in rows for c in r.contributeurs}),
            "avertissements": sum(r.avertissements for r in rows),
        },
        "domaines_vides": [r.id for r in rows if not r.entrees],
    }


@dataclass(frozen=True)
class CycleStatus:
    """Everything `drafter status` shows: rows per area, proposal coverage."""

    workspace: Workspace
    rows: list[AreaStatus]
    counts: dict[str, int]

    @property
    def labels(self) -> dict[str, str]:
        """Return the proposals' titles by id."""
        return self.workspace.proposals

    def as_json(self) -> dict[str, object]:
        """Return the per-area status as plain data."""
        return as_json(self.rows, self.workspace)


def cycle_status(root: Path) -> CycleStatus:
    """Return the status of the workspace's cycle."""
    loaded, warnings = load_workspace(root)
    rows = area_statuses(loaded, warnings)
    if catalogue_path(root).is_file():
        counted = area_counts(loaded, read_language(root))
        for row in rows:
            row.traduction = {state: counted[row.id][state] for state in state_names()}
    return CycleStatus(loaded, rows, proposal_counts(loaded))


@click.command()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["texte", "json"]),
    default="texte",
    show_default=True,
    help="texte : tableau ; json : pour un script.",
)
@click.option(
    "--propositions",
    "proposals",
    is_flag=True,
    help="Couverture des propositions communes : activités par proposition.",
)
@workspace_option
def status(output_format: str, proposals: bool, workspace: Path) -> None:
    """Montre l'état du cycle : entrées, faits saillants, contributeurs par domaine."""
    report = cycle_status(workspace)
    if output_format == "json":
        data = report.counts if proposals else report.as_json()
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
    elif proposals:
        _echo_proposals(report.counts, report.labels)
    else:
        _echo_status(report.rows)


def _echo_status(rows: list[AreaStatus]) -> None:
    header: tuple[str, ...] = ("domaine", "entrées", "saillants", "contributeurs")
    header += ("période couverte", "avert.")
    english = any(row.traduction is not None for row in rows)
    header += ("anglais",) if english else ()
    table = [header] + [_cells(row) + (_english(row) if english else ()) for row in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for index, row in enumerate(table):
        line = "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        empty = index > 0 and row[1] == "0"
        click.echo(click.style(line.rstrip(), bold=index == 0, fg="yellow" if empty else None))
    total = sum(r.entrees for r in rows)
    click.echo(f"total : {total} entrées, {sum(r.faits_saillants for r in rows)} faits saillants")
    if english:
        click.echo("anglais : phrases traduites / à revoir / à traduire (traductions/en.po)")
    empty_areas = [r.id for r in rows if not r.entrees]
    if empty_areas:
        click.echo(click.style(f"domaines sans entrée : {', '.join(empty_areas)}", fg="yellow"))


def _cells(row: AreaStatus) -> tuple[str, ...]:
    return (
        row.id,
        str(row.entrees),
        str(row.faits_saillants),
        ", ".join(row.contributeurs) or "-",
        f"{row.debut} – {row.fin}" if row.debut else "-",
        str(row.avertissements),
    )


def _english(row: AreaStatus) -> tuple[str]:
    counts = row.traduction or {}
    return (" / ".join(str(counts.get(state, 0)) for state in state_names()),)


def _echo_proposals(counts: dict[str, int], labels: dict[str, str]) -> None:
    width = max((len(k) for k in counts), default=0)
    for proposal, count in counts.items():
        click.echo(f"{proposal.ljust(width)}  {count:>3}  {labels.get(proposal, '')}")
    missing = [p for p, c in counts.items() if not c]
    click.echo(f"{len(missing)} propositions sans activité cette période : {', '.join(missing)}")
