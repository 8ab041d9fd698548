"""Checks across files: `apres`/`avant` name an entry of the same area, without a cycle; one
entry checked among the others before the form saves it (ids unique, anchors sound)."""

from __future__ import annotations

from drafter.errors import Problem
from drafter.model import Anchor, Cycle, Entry, Location
from drafter.reading.values import suggest


def anchor_problems(entries: list[Entry]) -> list[Problem]:
    """Return one error per anchor naming an unknown entry, another area, itself, or a cycle."""
    by_id = {entry.id: entry for entry in entries}
    problems = []
    for entry in entries:
        if entry.anchor is not None:
            message = _target_problem(entry, entry.anchor, by_id)
            if message:
                problems.append(_at(entry.anchor, message))
    return problems or _cycles(entries, by_id)


def _target_problem(entry: Entry, anchor: Anchor, by_id: dict[str, Entry]) -> str | None:
    key = "apres" if anchor.after else "avant"
    target = by_id.get(anchor.target)
    if anchor.target == entry.id:
        return f"« {key} » désigne l'entrée elle-même ({entry.id}) : indiquez une autre entrée"
    if target is None:
        hint = suggest(anchor.target, [e.id for e in by_id.values() if e.area == entry.area])
        return f"« {key} » : aucune entrée n'a l'identifiant « {anchor.target} »{hint}"
    if target.area != entry.area:
        return (
            f"« {key} » : l'entrée « {anchor.target} » est dans le domaine « {target.area} », "
            f"pas « {entry.area} » : une entrée se place seulement dans son domaine"
        )
    return None


def _cycles(entries: list[Entry], by_id: dict[str, Entry]) -> list[Problem]:
    problems = []
    reported: set[str] = set()
    for entry in entries:
        chain = _chain(entry, by_id)
        if chain and entry.id not in reported and entry.anchor is not None:
            reported.update(chain)
            problems.append(_at(entry.anchor, f"placement circulaire : {' -> '.join(chain)}"))
    return problems


def _chain(entry: Entry, by_id: dict[str, Entry]) -> list[str]:
    """Return the ids of a cycle of anchors through this entry, or nothing."""
    seen = [entry.id]
    current = entry
    while current.anchor is not None:
        following = by_id.get(current.anchor.target)
        if following is None:  # reported as an unknown target, not as a cycle
            return []
        current = following
        if current.id == entry.id:
            return [*seen, entry.id]
        if current.id in seen:
            return []
        seen.append(current.id)
    return []


def entry_problems(
    entry: Entry, others: list[Entry], id_at: Location, old_id: str | None = None
) -> list[Problem]:
    """Return what `check` would report across files about one entry among the others: its
    id taken, its anchor unsound, or its id (`old_id` before) changed under another entry's
    anchor. `id_at`: where the problems about its id are shown."""
    messages = _id_problems(entry, others) + _renamed(old_id, entry.id, others)
    problems = [_at_id(id_at, message) for message in messages]
    if entry.anchor is None:
        return problems
    by_id = {**{e.id: e for e in others}, entry.id: entry}
    message = _target_problem(entry, entry.anchor, by_id)
    chain = [] if message else _chain(entry, by_id)
    if chain:
        message = f"placement circulaire : {' -> '.join(chain)}"
    return problems + ([_at(entry.anchor, message)] if message else [])


def _id_problems(entry: Entry, others: list[Entry]) -> list[str]:
    """Return the problems of an entry's id among the others."""
    twin = next((e for e in others if e.id == entry.id), None)
    if twin is None:
        return []
    where = f"{twin.location.path}:{twin.location.line}"
    return [f"identifiant « {entry.id} » déjà utilisé ({where}) : choisissez-en un autre"]


def _renamed(old_id: str | None, new_id: str, others: list[Entry]) -> list[str]:
    """Return an error per entry whose anchor still names the id an entry no longer has."""
    if old_id is None or old_id == new_id:
        return []
    return [
        f"l'entrée {e.location.path}:{e.location.line} se place par rapport à « {old_id} » : "
        "gardez cet identifiant, ou corrigez d'abord son placement (apres/avant)"
        for e in others
        if e.anchor is not None and e.anchor.target == old_id
    ]


def _at_id(location: Location, message: str) -> Problem:
    return Problem(location.path, location.line, location.column, message)


def _at(anchor: Anchor, message: str) -> Problem:
    return Problem(anchor.location.path, anchor.location.line, anchor.location.column, message)


def highlight_problems(cycle: Cycle, entries: list[Entry]) -> list[Problem]:
    """Return an error per `faits_saillants` id that is unknown or not marked `a_souligner`."""
    by_id = {entry.id: entry for entry in entries}
    problems = []
    for entry_id, location in cycle.highlights:
        entry = by_id.get(entry_id)
        if entry is None:
            hint = suggest(entry_id, by_id)
            message = f"« faits_saillants » : aucune entrée n'a l'identifiant « {entry_id} »{hint}"
        elif not entry.highlighted:
            message = (
                f"« faits_saillants » : l'entrée « {entry_id} » n'est pas marquée "
                "« a_souligner » : ajoutez « a_souligner: true » à l'entrée"
            )
        else:
            continue
        problems.append(Problem(location.path, location.line, location.column, message))
    return problems
