"""What the pages list: the entries of an area as they will read, and the cycle's status."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from drafter.drafting.composition import compose, proposal_counts
from drafter.drafting.languages import source_dates
from drafter.drafting.sentences import entry_sentence
from drafter.drafting.typography import apply_typography
from drafter.errors import Problem
from drafter.model import Entry, Workspace
from drafter.usecases.cycle_history import archived_cycles, cycle_history, history_svg
from drafter.usecases.progress import AreaStatus, area_statuses
from drafter.web.editing import file_entries
from drafter.web.loaded import loaded_workspace


@dataclass(frozen=True)
class Row:
    """One entry of an area page: its sentence, date, contributor, problems, where to edit it."""

    sentence: str
    date: str
    contributor: str
    file: str  # under inputs/
    index: int
    problems: list[Problem]


@dataclass(frozen=True)
class Overview:
    """The workspace as the pages show it."""

    workspace: Workspace
    problems: list[Problem]
    statuses: list[AreaStatus]
    proposals: dict[str, int]


def overview(root: Path) -> Overview:
    """Return the workspace (entries with errors left out), its problems and its status."""
    workspace, problems = loaded_workspace(root)
    warnings = [p for p in problems if not p.is_error]
    return Overview(
        workspace, problems, area_statuses(workspace, warnings), proposal_counts(workspace)
    )


def history_picture(root: Path, workspace: Workspace) -> str | None:
    """Return the coverage grid across cycles (SVG), when earlier cycles are archived."""
    if not archived_cycles(root):
        return None
    return history_svg(cycle_history(root, workspace))


def area_rows(root: Path, view: Overview, area_id: str) -> list[Row]:
    """Return the area's entries in the order of the draft."""
    section = next(s for s in compose(view.workspace) if s.area.id == area_id)
    return [_row(root, view, entry) for entry in section.entries]


def _row(root: Path, view: Overview, entry: Entry) -> Row:
    """Return the row of one entry."""
    rel = entry.location.path
    lines = [n.line for n in file_entries(root / rel, rel)]
    sentence = apply_typography(entry_sentence(entry), view.workspace.cycle.apostrophe)
    return Row(
        sentence,
        source_dates().phrase(entry.date) or "sans date",
        entry.contributor,
        rel.removeprefix("inputs/"),
        lines.index(entry.location.line),
        [p for p in view.problems if p.path == rel],
    )


def area_problems(view: Overview, area_id: str) -> list[Problem]:
    """Return the errors of the area's files (their entries are missing from the list)."""
    prefix = f"inputs/{area_id}/"
    return [p for p in view.problems if p.is_error and p.path.startswith(prefix)]


def bar_width(value: int, largest: int, width: int = 240) -> int:
    """Return the length in pixels of a bar of the status chart."""
    return round(width * value / largest) if largest else 0
