"""`drafter check`: every problem of the workspace, errors and warnings, at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from drafter.commands.collector import without_cycle_collection
from drafter.drafting.acronyms import acronym_warnings
from drafter.drafting.composition import compose
from drafter.drafting.narrative import narrative_warnings
from drafter.errors import DrafterError, Problem
from drafter.reading.workspace import Loader, load_workspace


@dataclass(frozen=True)
class CheckResult:
    """What a check found: entries read, and problems (errors first when there are any)."""

    entries: int
    problems: list[Problem]

    @property
    def has_errors(self) -> bool:
        """Return True when any problem is an error."""
        return any(p.is_error for p in self.problems)


def check_workspace(root: Path, load: Loader = load_workspace) -> CheckResult:
    """Return the problems of the workspace (read by `load`): reading errors, else the
    warnings."""
    with without_cycle_collection():
        try:
            loaded, warnings = load(root)
        except DrafterError as exc:
            return CheckResult(0, exc.problems)
        sections = compose(loaded)  # once, for both drafting checks
        drafting = acronym_warnings(loaded, sections) + narrative_warnings(loaded, sections)
        return CheckResult(len(loaded.entries), sorted(warnings + drafting))
