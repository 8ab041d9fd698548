"""`drafter next`: archive this cycle's entries and prepare the next cycle, losing nothing.

A transaction: everything is planned first (conflicts in the archive, special files, the next
cycle file and its limits), and nothing moves when the plan finds a problem. Each file is
copied to a hidden temporary name in `archive/<numero>/`, flushed, renamed, and only then removed
from `inputs/`. Interrupted at any instant, every entry is in `inputs/`, in the archive, or in
both, and running the command again finishes the job with exactly the same result: the next
cycle's figures count the entries already archived, and a partial copy (always under its
temporary name) is simply written again. The new `rapport.yaml` is written last.
"""

from __future__ import annotations

import dataclasses
import filecmp
import os
import stat
from dataclasses import dataclass
from pathlib import Path

import click

from drafter.commands.common import workspace_option
from drafter.drafting.composition import period_cross_briefings
from drafter.drafting.templates import render_plain
from drafter.errors import DrafterError, Problem, os_problem
from drafter.model import Workspace
from drafter.reading import files
from drafter.reading.workspace import cycle_text_problems, load_workspace, read_entries_under
from drafter.reading.yaml_nodes import Node, dump_plain, read_documents, to_plain
from drafter.writing.outputs import workspace_lock
from drafter.writing.safe_write import copy_file, replace_file

PARTIAL = ".drafter-partiel"
TRANSLATIONS = "traductions"
UNTOUCHED = "rien n'a été déplacé"


@dataclass(frozen=True)
class Plan:
    """What `next` will do."""

    moves: list[tuple[Path, Path]]
    archive: Path
    cycle_text: str
    number: int
    areas: tuple[str, ...] = ()
    cycle_bytes: bytes = b""


def prepare_next(root: Path, force: bool) -> Plan:
    """Return the plan of `next`; refuse when entries have errors, unless forced."""
    loaded, problems = load_workspace(root, allow_errors=True)
    errors = [p for p in problems if p.is_error]
    if errors and not force:
        refusal = "cycle non clos : corrigez ces erreurs (drafter check) ou utilisez --force"
        raise DrafterError([*errors, Problem("", 0, 0, refusal)])
    return plan_next(root, loaded)


def plan_next(root: Path, workspace: Workspace) -> Plan:
    """Return the moves and the next cycle file, touching nothing; raise on any conflict."""
    number = workspace.cycle.number
    archive = root / "archive" / f"{number:02d}"
    problems: list[Problem] = []
    moves = _moves(root, archive, workspace, problems)
    cycle_file = root / "inputs" / "rapport.yaml"
    problems += _conflicts(root, [*moves, (cycle_file, archive / "rapport.yaml")])
    text = _next_cycle(root, _with_archived(root, archive, workspace))
    problems += [_beyond_limits(p) for p in cycle_text_problems(text)]
    if problems:
        raise DrafterError(sorted(set(problems)))  # one blocked folder: said once
    areas = tuple(area.id for area in workspace.cycle.areas)
    return Plan(moves, archive, text, number + 1, areas, cycle_file.read_bytes())


def _moves(
    root: Path, archive: Path, workspace: Workspace, problems: list[Problem]
) -> list[tuple[Path, Path]]:
    inputs = root / "inputs"
    moves = []
    for area in workspace.cycle.areas:
        for path in _area_files(inputs / area.id, root, problems):
            moves.append((path, archive / path.relative_to(inputs)))
    # the catalogues of the English edition go with the entries (archive/NN/traductions/):
    # the next cycle's `drafter traductions` reads them as a translation memory
    for path in _area_files(root / TRANSLATIONS, root, problems):
        moves.append((path, archive / path.relative_to(root)))
    return moves


def _area_files(folder: Path, root: Path, problems: list[Problem]) -> list[Path]:
    """Return the files and links of an area folder, hidden ones left where they are."""
    if not folder.is_dir() or files.link_problem(folder, root):
        return []  # an area linked inside the workspace is read by check, so archived too
    found: list[Path] = []

    def unreadable(exc: OSError) -> None:
        problems.append(_located(os_problem(exc.filename, exc, "dossier illisible"), root))

    for dirpath, dirnames, filenames in os.walk(folder, onerror=unreadable):
        here = Path(dirpath)
        links = [d for d in dirnames if (here / d).is_symlink()]
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in links)
        found += [here / n for n in sorted(filenames + links) if not n.startswith(".")]
    return sorted(found)


def _conflicts(root: Path, moves: list[tuple[Path, Path]]) -> list[Problem]:
    problems = []
    for source, target in moves:
        conflict = _conflict(source, target)
        if conflict:
            path, message = conflict
            problems.append(Problem(_rel(path, root), 1, 1, f"{message} : {UNTOUCHED}"))
    return problems


def _conflict(source: Path, target: Path) -> tuple[Path, str] | None:
    """Return where and why source cannot be archived to target, or None."""
    try:
        if not _movable(source):
            return source, "fichier spécial (tube, socket ou périphérique) : retirez-le"
        blocked = _not_a_folder(target.parent)
        if blocked:
            return blocked, "n'est pas un dossier : l'archive ne peut pas y être écrite"
        if not os.path.lexists(target) or _same(source, target):
            return None
    except OSError as exc:
        return source, os_problem(source, exc).message
    return target, "un fichier différent existe déjà dans l'archive : comparez-les"


def _not_a_folder(folder: Path) -> Path | None:
    """Return the first existing element of folder's path that is not a folder, if any."""
    for candidate in (folder, *folder.parents):
        if os.path.lexists(candidate):
            return None if candidate.is_dir() else candidate
    return None


def _movable(path: Path) -> bool:
    mode = path.lstat().st_mode
    return stat.S_ISREG(mode) or stat.S_ISLNK(mode)


def _same(source: Path, target: Path) -> bool:
    if source.is_symlink() or target.is_symlink():
        both = source.is_symlink() and target.is_symlink()
        return both and os.readlink(source) == os.readlink(target)
    return _movable(target) and filecmp.cmp(source, target, shallow=False)


def _beyond_limits(problem: Problem) -> Problem:
    message = f"le rapport suivant serait refusé par check ({problem.message}) : {UNTOUCHED}"
    return Problem("inputs/rapport.yaml", 1, 1, message)


def _with_archived(root: Path, archive: Path, workspace: Workspace) -> Workspace:
    """Return the workspace with the cycle's entries already archived by an interrupted run."""
    archived = [
        entry
        for entry in read_entries_under(archive, root, workspace)
        if not os.path.lexists(root / "inputs" / _rel(root / entry.location.path, archive))
    ]
    return dataclasses.replace(workspace, entries=(*workspace.entries, *archived))


def _next_cycle(root: Path, workspace: Workspace) -> str:
    path = root / "inputs" / "rapport.yaml"
    return next_cycle_text(root, path.read_text(encoding="utf-8"), workspace)


def next_cycle_text(root: Path, text: str, workspace: Workspace) -> str:
    """Return the next report's cycle file: this cycle's file text (`text`), numero + 1,
    period shifted one year, the cross-briefings figure carried with this cycle's entries."""
    node = read_documents(text, "inputs/rapport.yaml")
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
    figure = cycle.cross_briefings
    carried = {"valeur": figure.value + new, "depuis": f"{figure.since[0]}-{figure.since[1]:02d}"}
    # « plus de 129 » and one more is still « plus de 130 »
    carried |= {"qualificatif": figure.qualifier} if figure.qualifier else {}
    data["chiffres"] = {**(data.get("chiffres") or {}), "exposes_croises": carried}
    header = render_plain(
        root, "rapport-suivant.yaml.j2", {"numero": cycle.number + 1, "precedent": cycle.number}
    )
    return header + dump_plain(data)


def apply_plan(root: Path, plan: Plan) -> None:
    """Archive every file, then write the next cycle file (atomically, last)."""
    busy = (
        "un autre « drafter next » est en cours sur cet espace de travail (ou un import, un "
        "enregistrement du formulaire, un build) : attendez sa fin"
    )
    try:
        with workspace_lock(root, busy):
            _check_unchanged(root, plan)
            _apply(root, plan)
    except OSError as exc:
        where = _rel(Path(exc.filename), root) if exc.filename else "inputs"
        problem = os_problem(where, exc, "archivage interrompu")
        advice = "rien n'est perdu : corrigez la cause puis relancez drafter next"
        message = f"{problem.message} ; {advice}"
        raise DrafterError([dataclasses.replace(problem, message=message)]) from None


def _check_unchanged(root: Path, plan: Plan) -> None:
    """Refuse a plan made before another run changed the cycle file (two next at once), or
    the entry files (a save of the form, an import): an entry added since would be left in
    the next cycle."""
    cycle_file = root / "inputs" / "rapport.yaml"
    if plan.cycle_bytes and cycle_file.read_bytes() != plan.cycle_bytes:
        message = "le fichier du cycle a changé depuis le plan (un autre next ?) : relancez"
        raise DrafterError([Problem("inputs/rapport.yaml", 1, 1, message)])
    problems: list[Problem] = []
    now = [
        source
        for area in plan.areas
        for source in _area_files(root / "inputs" / area, root, problems)
    ]
    added = sorted(set(now) - {source for source, _ in plan.moves})
    if added:
        message = (
            "des fichiers d'entrées sont apparus depuis le plan (formulaire, import ?) : "
            f"{UNTOUCHED} ; relancez drafter next"
        )
        raise DrafterError([Problem(_rel(added[0], root), 1, 1, message)])


def _apply(root: Path, plan: Plan) -> None:
    for source, target in plan.moves:
        _move(root, source, target)
    cycle_file = root / "inputs" / "rapport.yaml"
    _move(root, cycle_file, plan.archive / "rapport.yaml", keep=True)
    _remove_emptied(root / "inputs", plan.archive, plan.areas)
    for area in plan.areas:
        if not os.path.lexists(root / "inputs" / area):  # a link stays as the user made it
            (root / "inputs" / area).mkdir()
    temporary = cycle_file.with_name(".rapport.yaml.next")
    replace_file(cycle_file, plan.cycle_text.encode("utf-8"), temporary)


def _move(root: Path, source: Path, target: Path, keep: bool = False) -> None:
    """Archive one file: copy (unless an identical copy is there), then remove the source."""
    conflict = _conflict(source, target)
    if conflict:  # changed since the plan: stop before touching this file
        raise DrafterError([Problem(_rel(conflict[0], root), 1, 1, conflict[1])])
    _copy_once(source, target)
    if not keep:
        source.unlink()


def _copy_once(source: Path, target: Path) -> None:
    """Copy source to target through a temporary name, unless target already holds it."""
    if os.path.lexists(target) and _same(source, target):
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    copy_file(source, target, target.with_name(f".{target.name}{PARTIAL}"))


def _remove_emptied(inputs: Path, archive: Path, areas: tuple[str, ...]) -> None:
    """Remove the empty sub-folders of areas whose files went to the archive, and no other.

    Hidden folders are never touched; a folder counts as emptied by `next` when the archive has
    its counterpart, so a rerun after an interruption removes the same folders.
    """
    for area in areas:
        for dirpath, dirnames, _ in os.walk(inputs / area, topdown=False):
            for name in dirnames:
                folder = Path(dirpath) / name
                if _emptied(folder, inputs, archive):
                    folder.rmdir()


def _emptied(folder: Path, inputs: Path, archive: Path) -> bool:
    rel = folder.relative_to(inputs)
    if any(part.startswith(".") for part in rel.parts) or folder.is_symlink():
        return False
    return (archive / rel).is_dir() and not any(folder.iterdir())


def _located(problem: Problem, root: Path) -> Problem:
    return dataclasses.replace(problem, path=_rel(Path(problem.path), root))


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


@click.command(name="next")
@click.option("--dry-run", is_flag=True, help="Montre ce qui serait fait, sans rien toucher.")
@click.option("--force", is_flag=True, help="Clôt le cycle même si des entrées ont des erreurs.")
@workspace_option
def next_cycle(dry_run: bool, force: bool, workspace: Path) -> None:
    """Clôt le cycle : archive les entrées et prépare le rapport suivant."""
    plan = prepare_next(workspace, force)
    verb = "archiverait" if dry_run else "archive"
    click.echo(f"{verb} {len(plan.moves)} fichiers dans {plan.archive}")
    for source, target in plan.moves:
        click.echo(f"  {source.relative_to(workspace)} -> {target.relative_to(workspace)}")
    if dry_run:
        click.echo(f"écrirait inputs/rapport.yaml pour le rapport n° {plan.number} :")
        click.echo(plan.cycle_text)
        return
    apply_plan(workspace, plan)
    click.echo(f"inputs/rapport.yaml : rapport n° {plan.number} prêt ; dossiers de domaine vides")
