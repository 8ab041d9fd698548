"""Coverage across cycles (`drafter status --historique`, the form's status page, the annex):
entries per area, per proposal and without proposal, for each archived cycle
(`archive/NN/`, as `next` and `reprendre` leave them) and the current one."""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from drafter.model import Area, Cycle, Entry, Workspace
from drafter.reading.wording import wording_of
from drafter.reading.workspace import cycle_from_text, load_workspace, read_entries_under
from drafter.writing.coverage_svg import Cell, Row, grid_svg

_NUMBER = re.compile(r"\d{1,3}")


@dataclass(frozen=True)
class History:
    """Counts per cycle, in cycle order (the current cycle last)."""

    cycles: tuple[int, ...]
    current: int
    areas: tuple[Area, ...]
    by_area: dict[str, tuple[int, ...]]
    by_proposal: dict[str, tuple[int, ...]] = field(default_factory=dict)
    untagged: tuple[int, ...] = ()
    totals: tuple[int, ...] = ()
    labels: dict[str, str] = field(default_factory=dict)  # the proposals' titles

    def untagged_shares(self) -> tuple[float, ...]:
        """Return the share of each cycle's entries that name no proposal (0 when none)."""
        return tuple(u / t if t else 0.0 for u, t in zip(self.untagged, self.totals, strict=True))

    def as_json(self) -> dict[str, object]:
        """Return the history as plain data for `--format json`."""
        return {
            "cycles": list(self.cycles),
            "en_cours": self.current,
            "domaines": [
                {"id": a.id, "titre": a.title, "entrees": list(self.by_area[a.id])}
                for a in self.areas
            ],
            "propositions": {p: list(c) for p, c in self.by_proposal.items()},
            "sans_proposition": list(self.untagged),
            "total": list(self.totals),
        }


def archived_cycles(root: Path) -> list[tuple[int, Path]]:
    """Return the archives of earlier cycles (`archive/NN/`), oldest first."""
    folder = root / "archive"
    if not folder.is_dir():
        return []
    found = [
        (int(p.name), p)
        for p in folder.iterdir()
        if _NUMBER.fullmatch(p.name) and p.is_dir() and not p.is_symlink()
    ]
    return sorted(found)


def cycle_history(root: Path, workspace: Workspace | None = None) -> History:
    """Return the coverage of every archived cycle and of the current one."""
    current = workspace or load_workspace(root)[0]
    cycles = [(n, _archived_entries(root, path, current)) for n, path in archived_cycles(root)]
    cycles = [(n, e) for n, e in cycles if n != current.cycle.number]
    cycles.append((current.cycle.number, list(current.entries)))
    counted = _counted(cycles, current.cycle, current.catalogue.groups)
    return dataclasses.replace(counted, labels=current.proposals)


def _archived_entries(root: Path, path: Path, current: Workspace) -> list[Entry]:
    """Return an archive's entries, read with its own cycle's areas when it has a readable
    cycle file (an archived area the current cycle dropped still counts)."""
    cycle = _archived_cycle(path) or current.cycle
    known = {a.id for a in cycle.areas}
    areas = cycle.areas + tuple(a for a in current.cycle.areas if a.id not in known)
    context = Workspace(dataclasses.replace(cycle, areas=areas), (), {}, current.proposals)
    return read_entries_under(path, root, context)


def _archived_cycle(path: Path) -> Cycle | None:
    cycle_file = path / "rapport.yaml"
    if not cycle_file.is_file() or os.path.islink(cycle_file):
        return None
    try:
        return cycle_from_text(cycle_file.read_text(encoding="utf-8"))[0]
    except (OSError, UnicodeDecodeError):
        return None


def _tags(entry: Entry, groups: dict[str, str]) -> set[str]:
    """Return the proposals an entry counts under: those it names and their themes."""
    return set(entry.proposals) | {groups[p] for p in entry.proposals if p in groups}


def _counted(
    cycles: list[tuple[int, list[Entry]]], current: Cycle, groups: dict[str, str]
) -> History:
    areas = list(current.areas)
    seen = {a.id for a in areas}
    for _, entries in cycles:
        for entry in entries:
            if entry.area not in seen:
                seen.add(entry.area)
                areas.append(Area(entry.area, entry.area))
    tags = [(n, [_tags(e, groups) for e in entries]) for n, entries in cycles]
    proposals = sorted({p for _, found in tags for t in found for p in t})
    return History(
        cycles=tuple(n for n, _ in cycles),
        current=current.number,
        areas=tuple(areas),
        by_area={a.id: tuple(sum(e.area == a.id for e in es) for _, es in cycles) for a in areas},
        by_proposal={p: tuple(sum(p in t for t in found) for _, found in tags) for p in proposals},
        untagged=tuple(sum(not e.proposals for e in es) for _, es in cycles),
        totals=tuple(len(es) for _, es in cycles),
    )


def annex_history(root: Path, workspace: Workspace) -> tuple[tuple[int, dict[str, int]], ...]:
    """Return, for the annex, each archived cycle's number and entries per proposal."""
    if not archived_cycles(root):
        return ()
    found = cycle_history(root, workspace)
    return tuple(
        (number, {p: counts[index] for p, counts in found.by_proposal.items()})
        for index, number in enumerate(found.cycles)
        if number != found.current
    )


def column_names(history: History) -> list[str]:
    """Return the cycles' column headings: « n° 6 », the current one « n° 7 (en cours) »."""
    return [
        _word("colonne_en_cours" if n == history.current else "colonne", numero=n)
        for n in history.cycles
    ]


def _word(key: str, **values: object) -> str:
    """Return one of the history's words (data/historique.yaml), its {names} filled."""
    return str(wording_of("historique.yaml")[key]).format(**values)


def history_lines(history: History) -> list[str]:
    """Return the text table of `status --historique`."""
    rows = [("domaine", column_names(history))]
    rows += [(a.id, [str(c) for c in history.by_area[a.id]]) for a in history.areas]
    rows.append(("total", [str(t) for t in history.totals]))
    rows.append(("sans proposition", [f"{round(s * 100)} %" for s in history.untagged_shares()]))
    if history.by_proposal:
        rows.append(("proposition", []))
        rows += [(p, [str(c) for c in counts]) for p, counts in history.by_proposal.items()]
    width = max(len(label) for label, _ in rows)
    cells = [max(len(c[i]) for _, c in rows if c) for i in range(len(history.cycles))]
    return [
        "  ".join(
            [label.ljust(width), *(c.rjust(w) for c, w in zip(cs, cells, strict=False))]
        ).rstrip()
        for label, cs in rows
    ]


def history_svg(history: History) -> str:
    """Return the grid of `status --historique --format svg`: areas (then proposals) × cycles."""
    columns = column_names(history)
    rows = [Row(_word("par_domaine"))]
    largest = max((n for counts in history.by_area.values() for n in counts), default=0)
    rows += [_counts_row(a.title, history.by_area[a.id], columns, largest) for a in history.areas]
    rows.append(
        _counts_row(_word("total"), history.totals, columns, max(history.totals, default=0))
    )
    shares = history.untagged_shares()
    rows.append(
        Row(
            _word("sans_proposition"),
            tuple(
                Cell(
                    f"{round(s * 100)} %",
                    None,
                    _word("sans_proposition_bulle", colonne=c, sans=u, total=t),
                )
                for s, c, u, t in zip(
                    shares, columns, history.untagged, history.totals, strict=True
                )
            ),
        )
    )
    if history.by_proposal:
        rows.append(Row(_word("par_proposition")))
        most = max((n for counts in history.by_proposal.values() for n in counts), default=0)
        rows += [
            _counts_row(_proposal(p, history.labels), c, columns, most)
            for p, c in history.by_proposal.items()
        ]
    words = wording_of("historique.yaml")
    notes, legend = words["notes"], words["legende"]
    assert isinstance(notes, list)
    assert isinstance(legend, list)
    title = _word("titre", premier=history.cycles[0], courant=history.current)
    shades = (str(legend[0]), str(legend[1]))
    return grid_svg(title, columns, rows, [str(n) for n in notes], shades)


def _proposal(proposal: str, labels: dict[str, str], width: int = 48) -> str:
    """Return a proposal's row label: its id and the start of its title."""
    title = labels.get(proposal, "")
    short = title if len(title) <= width else title[: width - 1].rstrip() + "…"
    return f"{proposal} {short}".rstrip()


def _counts_row(label: str, counts: tuple[int, ...], columns: list[str], largest: int) -> Row:
    return Row(
        label,
        tuple(
            Cell(
                str(n),
                n / (largest or 1),
                _word("bulle_pluriel" if n > 1 else "bulle", ligne=label, colonne=c, nombre=n),
            )
            for n, c in zip(counts, columns, strict=True)
        ),
    )
