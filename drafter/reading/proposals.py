"""The catalogue of common proposals (`propositions.yaml`, shipped and the workspace's), read
into titles in each language and the theme a detailed proposal belongs to (`groupe`).

Each id maps to its French title (the old form, `P17-MM-01: "libellé"`) or to a mapping:
`titre` (French), `titre_en` (English), `groupe` (the id of the theme it counts under)."""

from __future__ import annotations

from dataclasses import dataclass, field

from drafter.errors import Problem, Severity
from drafter.model import ProposalCatalogue
from drafter.reading.values import Reader, suggest
from drafter.reading.yaml_nodes import MAPPING, SCALAR, Node

_KEYS = ("titre", "titre_en", "groupe")


@dataclass
class _Found:
    """What the files said so far, with where they said it (for the problems)."""

    titles: dict[str, str] = field(default_factory=dict)
    english: dict[str, str] = field(default_factory=dict)
    groups: dict[str, tuple[str, Problem]] = field(default_factory=dict)
    places: dict[str, Problem] = field(default_factory=dict)


def read_proposals(
    files: list[tuple[Node | None, str]], problems: list[Problem]
) -> ProposalCatalogue:
    """Return the catalogue from its files in order (a later id overrides an earlier one);
    an unknown `groupe` is an error, a missing English title a warning (the English edition
    shows the French one)."""
    found = _Found()
    for node, rel in files:
        if node is not None:
            reader = Reader(rel)
            _read_file(node, reader, found)
            problems += reader.problems
    problems += _group_problems(found) + _english_warnings(found)
    groups = {pid: group for pid, (group, _) in found.groups.items()}
    return ProposalCatalogue(found.titles, {"en": found.english}, groups)


def _read_file(node: Node, reader: Reader, found: _Found) -> None:
    if node.kind != MAPPING:
        reader.error(node, "attendu : une liste « identifiant: libellé »")
    for key, value in node.pairs:
        if key.kind == SCALAR and reader.text(key, "identifiant") is not None:
            found.places[key.text] = Problem(reader.path, key.line, key.column, "")
            if value.kind == MAPPING:
                _read_fields(key.text, value, reader, found)
            else:
                found.titles[key.text] = reader.text(value, key.text) or ""


def _read_fields(pid: str, node: Node, reader: Reader, found: _Found) -> None:
    """Read `titre`, `titre_en` and `groupe` of one proposal."""
    fields = {key.text: value for key, value in node.pairs}
    for key, _ in node.pairs:
        if key.text not in _KEYS:
            reader.error(key, f"clé inconnue « {key.text} »{suggest(key.text, _KEYS)}")
    if "titre" not in fields:
        reader.error(node, f"« {pid} » : « titre » manquant (son titre en français)")
    found.titles[pid] = reader.text(fields["titre"], "titre") or "" if "titre" in fields else ""
    if "titre_en" in fields:
        found.english[pid] = reader.text(fields["titre_en"], "titre_en") or ""
    if "groupe" in fields:
        group = fields["groupe"]
        where = Problem(reader.path, group.line, group.column, "")
        found.groups[pid] = (reader.text(group, "groupe") or "", where)


def _group_problems(found: _Found) -> list[Problem]:
    """Return an error for each `groupe` that is not a theme of the catalogue (an id that
    is itself in no group)."""
    themes = [pid for pid in found.titles if pid not in found.groups]
    problems = []
    for pid, (group, where) in found.groups.items():
        if group not in themes:
            message = (
                f"« {pid} » : groupe inconnu « {group} »{suggest(group, themes)} ; "
                f"le groupe est l'identifiant d'un thème du catalogue (P17-MM…)"
            )
            problems.append(Problem(where.path, where.line, where.column, message))
    return problems


def _english_warnings(found: _Found) -> list[Problem]:
    """Return a warning for each proposal without an English title."""
    problems = []
    for pid in found.titles:
        if not found.english.get(pid):
            where = found.places[pid]
            message = (
                f"« {pid} » sans « titre_en » : l'annexe de l'édition anglaise "
                f"reprendra son titre français"
            )
            problems.append(
                Problem(where.path, where.line, where.column, message, Severity.WARNING)
            )
    return problems
