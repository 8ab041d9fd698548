"""Where the cycle stands, per area, and coverage of the common proposals (`drafter status`
and the web form's overview)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from pathlib import Path

from drafter.drafting.composition import proposal_counts
from drafter.drafting.languages import source_dates
from drafter.errors import Problem
from drafter.model import Entry, Workspace
from drafter.reading.workspace import load_workspace
from drafter.usecases.catalogue import area_counts, catalogue_path, read_language, state_names


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
                source_dates().month(first.year, first.month),
                source_dates().month(last.year, last.month),
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
