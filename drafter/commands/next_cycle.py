"""`drafter next`: archive this cycle's entries and prepare the next cycle, losing nothing.

Each file is copied to `archive/<numero>/`, checked byte for byte, and only then removed from
`inputs/`: interrupted at any point, every entry is in `inputs/`, in the archive, or in both,
and running the command again finishes the job. The new `rapport.yaml` is written last.
"""

from __future__ import annotations

import filecmp
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from drafter.drafting.composition import period_cross_briefings
from drafter.drafting.templates import render_plain
from drafter.errors import DrafterError, Problem
from drafter.model import Workspace
from drafter.reading.workspace import load_workspace
from drafter.reading.yaml_nodes import Node, dump_plain, read_documents, to_plain


@dataclass(frozen=True)
class Plan:
    """What `next` will do."""

    moves: list[tuple[Path, Path]]
    archive: Path
    cycle_text: str
    number: int
    areas: tuple[str, ...] = ()


def prepare_next(root: Path, force: bool) -> Plan:
    """Return the plan of `next`; refuse when entries have errors, unless forced."""
    loaded, problems = load_workspace(root, allow_errors=True)
    errors = [p for p in problems if p.is_error]
    if errors and not force:
        refusal = "cycle non clos : corrigez ces erreurs (drafter check) ou utilisez --force"
        raise DrafterError([*errors, Problem("", 0, 0, refusal)])
    return plan_next(root, loaded)


def plan_next(root: Path, workspace: Workspace) -> Plan:
    """Return the moves and the next cycle file, touching nothing."""
    number = workspace.cycle.number
    archive = root / "archive" / f"{number:02d}"
    inputs = root / "inputs"
    moves = []
    for area in workspace.cycle.areas:
        folder = inputs / area.id
        if folder.is_dir():
            for path in sorted(p for p in folder.rglob("*") if p.is_file() or p.is_symlink()):
                moves.append((path, archive / path.relative_to(inputs)))
    areas = tuple(area.id for area in workspace.cycle.areas)
    return Plan(moves, archive, _next_cycle(root, workspace), number + 1, areas)


def _next_cycle(root: Path, workspace: Workspace) -> str:
    path = root / "inputs" / "rapport.yaml"
    node = read_documents(path.read_text(encoding="utf-8"), "inputs/rapport.yaml")
    data = to_plain(node) if isinstance(node, Node) else {}
    assert isinstance(data, dict)
    cycle = workspace.cycle
    data["numero"] = cycle.number + 1
    start, end = cycle.period_start, cycle.period_end
    data["periode"] = {
        "debut": f"{start[0] + 1}-{start[1]:02d}",
        "fin": f"{end[0] + 1}-{end[1]:02d}",
    }
    data.pop("date", None)
    new = len(period_cross_briefings(workspace))
    since = cycle.cross_briefings.since
    data["chiffres"] = {
        **(data.get("chiffres") or {}),
        "exposes_croises": {
            "valeur": cycle.cross_briefings.value + new,
            "depuis": f"{since[0]}-{since[1]:02d}",
        },
    }
    header = render_plain(
        root, "rapport-suivant.yaml.j2", {"numero": cycle.number + 1, "precedent": cycle.number}
    )
    return header + dump_plain(data)


def apply_plan(root: Path, plan: Plan) -> None:
    """Archive every file, then write the next cycle file (atomically, last)."""
    for source, target in plan.moves:
        _move(root, source, target)
    cycle_file = root / "inputs" / "rapport.yaml"
    plan.archive.mkdir(parents=True, exist_ok=True)
    shutil.copy2(cycle_file, plan.archive / "rapport.yaml")
    _remove_empty_subfolders(root / "inputs")
    for area in plan.areas:
        (root / "inputs" / area).mkdir(exist_ok=True)
    temporary = cycle_file.with_name(".rapport.yaml.next")
    temporary.write_text(plan.cycle_text, encoding="utf-8")
    os.replace(temporary, cycle_file)


def _move(root: Path, source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() and not filecmp.cmp(source, target, shallow=False):
        raise DrafterError(
            [
                Problem(
                    str(target.relative_to(root)),
                    1,
                    1,
                    "un fichier différent "
                    "existe déjà dans l'archive : rien n'a été écrasé ; "
                    "comparez-les avant de relancer",
                )
            ]
        )
    if not target.exists():
        shutil.copy2(source, target, follow_symlinks=False)
        with open(target, "rb") as handle:
            os.fsync(handle.fileno())
    source.unlink()


def _remove_empty_subfolders(inputs: Path) -> None:
    for folder in sorted((p for p in inputs.rglob("*") if p.is_dir()), reverse=True):
        if folder.parent != inputs and not any(folder.iterdir()):
            folder.rmdir()
