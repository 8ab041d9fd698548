"""A workspace on disk -> a validated Workspace, or every problem at once."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from drafter.data import data_file
from drafter.errors import DrafterError, Problem, Severity
from drafter.model import (
    LANGUAGES,
    SOURCE_LANGUAGE,
    Area,
    Cycle,
    Entry,
    ProposalCatalogue,
    ServiceNames,
    Workspace,
    same_name,
)
from drafter.reading import cycle as cycle_reading
from drafter.reading import entries as entry_reading
from drafter.reading import files
from drafter.reading.anchors import anchor_problems, highlight_problems
from drafter.reading.entries import FileContext
from drafter.reading.proposals import read_proposals
from drafter.reading.values import Reader, suggest
from drafter.reading.yaml_nodes import MAPPING, SCALAR, SEQUENCE, Node, YamlProblem, read_documents

MAX_FILE = files.MAX_FILE
ENTRY_SUFFIXES = (".yaml", ".yml")
# The services' names in each other language: drafter's, completed by the workspace's.
SERVICE_FILES = {lang: f"services-{lang}.yaml" for lang in LANGUAGES if lang != SOURCE_LANGUAGE}
# Workspace files allowed directly in inputs/ besides the cycle file.
WORKSPACE_FILES = ("rapport.yaml", "glossaire.yaml", "propositions.yaml", *SERVICE_FILES.values())
_LOOKS_LIKE_ENTRY = re.compile(r"^\s*(date|acteurs|action|texte|contributeur)\s*:", re.M)


def load_workspace(root: Path, allow_errors: bool = False) -> tuple[Workspace, list[Problem]]:
    """Return the workspace and its warnings; raise DrafterError listing every problem.

    With allow_errors, entries with errors are left out and the errors returned too (only an
    unreadable cycle file still raises).
    """
    problems: list[Problem] = []
    cycle = _load_cycle(root, problems)
    if cycle is None:
        raise DrafterError(sorted(problems))
    catalogue = load_proposals(root, problems)
    proposals = catalogue.titles
    glossary = load_glossary(root, problems)
    services = load_service_names(root, problems)
    files = list(_entry_files(root, cycle, problems))
    entries = _read_files(files, cycle, frozenset(proposals), problems)
    problems += _empty_areas(cycle, {area.id for _, _, area in files})
    problems += (
        _cross_checks(entries) + anchor_problems(entries) + highlight_problems(cycle, entries)
    )
    if any(p.is_error for p in problems) and not allow_errors:
        raise DrafterError(sorted(problems))
    found = Workspace(cycle, tuple(entries), glossary, proposals, catalogue, services)
    return found, sorted(problems)


def _read_files(
    files: list[tuple[Path, str, Area]],
    cycle: Cycle,
    proposals: frozenset[str],
    problems: list[Problem],
) -> list[Entry]:
    """Return the valid entries of `files` (numbered in file order from 0), adding their
    problems to `problems`."""
    entries: list[Entry] = []
    for path, rel, area in files:
        entries += _read_file(
            path, FileContext(rel, area, cycle, proposals), len(entries), problems
        )
    return entries


def load_cycle_only(root: Path) -> Cycle:
    """Return the cycle of a workspace, without reading the entries."""
    problems: list[Problem] = []
    cycle = _load_cycle(root, problems)
    if cycle is None:
        raise DrafterError(sorted(problems))
    return cycle


def cycle_text_problems(text: str) -> list[Problem]:
    """Return the problems `check` would find in a cycle file of this text (none: valid)."""
    return cycle_from_text(text)[1]


def cycle_from_text(text: str) -> tuple[Cycle | None, list[Problem]]:
    """Return the cycle a cycle file of this text describes (None with its problems)."""
    problems: list[Problem] = []
    defaults = read_yaml(_shipped("defaults.yaml"), "defaults.yaml", problems)
    try:
        node = read_documents(text, cycle_reading.REL)
    except YamlProblem as exc:
        return None, [exc.problem]
    if node is None or defaults is None:
        return None, problems
    return cycle_reading.read_cycle(node, defaults, problems), problems


def shipped_areas() -> tuple[Area, ...]:
    """Return the areas of the shipped defaults, for a workspace without its cycle file."""
    defaults = read_yaml(_shipped("defaults.yaml"), "defaults.yaml", [])
    return cycle_reading.shipped_areas(defaults) if defaults is not None else ()


def read_entries_under(folder: Path, root: Path, workspace: Workspace) -> list[Entry]:
    """Return the valid entries of the files under `folder` (an archive of this cycle's areas)."""
    entries: list[Entry] = []
    for area in workspace.cycle.areas:
        for path in _walk(folder / area.id, root, []) if (folder / area.id).is_dir() else ():
            if path.name.endswith(ENTRY_SUFFIXES) and not path.is_symlink():
                rel = path.relative_to(root).as_posix()
                context = FileContext(rel, area, workspace.cycle, frozenset(workspace.proposals))
                entries += _read_file(path, context, len(entries), [])
    return entries


def _load_cycle(root: Path, problems: list[Problem]) -> Cycle | None:
    path = root / "inputs" / "rapport.yaml"
    problems += _template_problems(root)
    if not os.path.lexists(path):
        problems.append(
            Problem(
                "inputs/rapport.yaml",
                1,
                1,
                "fichier du cycle introuvable : lancez « drafter init » ou indiquez --workspace",
            )
        )
        return None
    defaults = read_yaml(_shipped("defaults.yaml"), "defaults.yaml", problems)
    node = read_yaml(path, "inputs/rapport.yaml", problems)
    if node is None or defaults is None:
        if node is None and not problems:
            problems.append(
                Problem(
                    "inputs/rapport.yaml",
                    1,
                    1,
                    "fichier du cycle vide : indiquez au moins numero et periode",
                )
            )
        return None
    return cycle_reading.read_cycle(node, defaults, problems)


def read_yaml(path: Path, rel: str, problems: list[Problem]) -> Node | None:
    """Return the root node of a YAML file, recording a problem (and None) when unreadable."""
    try:
        data = files.read_bounded(path, _root_of(path, rel))
    except files.Unreadable as exc:
        problems.append(Problem(rel, 1, 1, str(exc)))
        return None
    except OSError as exc:
        problems.append(Problem(rel, 1, 1, files.describe(exc)))
        return None
    text = _decode(data, rel, problems)
    hidden = files.hidden_characters(text or "")
    problems += [Problem(rel, line, column, message) for line, column, message in hidden]
    text = None if text is None or hidden else files.normalise(text)
    deep = None if text is None else files.nesting_problem(text)
    if deep:
        problems.append(Problem(rel, deep[0], 1, deep[1]))
        return None
    try:
        return None if text is None else read_documents(text, rel)
    except YamlProblem as exc:
        problems.append(exc.problem)
        return None


def _root_of(path: Path, rel: str) -> Path:
    """Return the folder `rel` is relative to (the workspace, or drafter's data folder)."""
    return Path(*path.parts[: len(path.parts) - len(Path(rel).parts)])


def _template_problems(root: Path) -> list[Problem]:
    """Return the files of templates/ drafter will not read (special files, links outside)."""
    try:
        found = list(files.folder_problems(root / "templates", root))
    except OSError as exc:
        return [Problem("templates", 1, 1, files.describe(exc))]
    return [Problem(path.relative_to(root).as_posix(), 1, 1, why) for path, why in found]


def _decode(data: bytes, rel: str, problems: list[Problem]) -> str | None:
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.append(
            Problem(
                rel,
                line,
                column,
                f"texte non UTF-8 (octet 0x{data[exc.start]:02x}"
                f" à la position {exc.start}) : enregistrez le fichier en UTF-8",
            )
        )
        return None


def _shipped(name: str) -> Path:
    return data_file(name)


def load_catalogue(root: Path, problems: list[Problem]) -> dict[str, str]:
    """Return the common proposals' French titles by id (shipped, then the workspace's)."""
    return load_proposals(root, problems).titles


def load_proposals(root: Path, problems: list[Problem]) -> ProposalCatalogue:
    """Return the common proposals: the shipped catalogue, extended by the workspace's."""
    found = []
    for path in (_shipped("propositions.yaml"), root / "inputs" / "propositions.yaml"):
        if os.path.lexists(path):
            rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
            found.append((read_yaml(path, rel, problems), rel))
    return read_proposals(found, problems)


def load_glossary(root: Path, problems: list[Problem]) -> dict[str, str]:
    """Return acronym -> expansion: the shipped glossary, extended by the workspace's."""
    return _labels(_shipped("glossaire.yaml"), root / "inputs" / "glossaire.yaml", root, problems)


def load_service_names(root: Path, problems: list[Problem]) -> ServiceNames:
    """Return the services' names in each other language: drafter's list (data/), completed
    or corrected by the workspace's (inputs/), found whatever the case or accents."""
    by_language = {}
    for language, name in SERVICE_FILES.items():
        labels = _labels(_shipped(name), root / "inputs" / name, root, problems)
        by_language[language] = {same_name(french): form for french, form in labels.items()}
    return ServiceNames(by_language)


def _labels(shipped: Path, local: Path, root: Path, problems: list[Problem]) -> dict[str, str]:
    labels: dict[str, str] = {}
    for path in (shipped, local):
        if os.path.lexists(path):
            rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
            labels.update(_label_map(read_yaml(path, rel, problems), rel, problems))
    return labels


def _label_map(node: Node | None, rel: str, problems: list[Problem]) -> dict[str, str]:
    if node is None:
        return {}
    reader = Reader(rel)
    if node.kind != MAPPING:
        reader.error(node, "attendu : une liste « identifiant: libellé »")
    labels = {
        k.text: reader.text(v, k.text) or ""
        for k, v in node.pairs
        if k.kind == SCALAR and reader.text(k, "identifiant") is not None
    }
    problems += reader.problems
    return labels


def _entry_files(
    root: Path, cycle: Cycle, problems: list[Problem]
) -> Iterator[tuple[Path, str, Area]]:
    inputs = root / "inputs"
    found: list[tuple[str, Path, Area]] = []
    for child in sorted(inputs.iterdir()):
        rel = f"inputs/{child.name}"
        if child.name.startswith("."):
            continue
        if child.is_dir() and not files.link_problem(child, root):
            found += _area_files(root, child, cycle, problems)
        elif child.name not in WORKSPACE_FILES and child.suffix in ENTRY_SUFFIXES:
            problems.append(
                Problem(
                    rel,
                    1,
                    1,
                    "fichier hors de tout domaine : placez-le dans "
                    "le dossier de son domaine (inputs/<domaine>/)",
                )
            )
        elif child.is_symlink():
            problems.append(_symlink_warning(rel, files.link_problem(child, root)))
    for rel, path, area in sorted(found, key=lambda item: item[0]):
        yield path, rel, area


def _area_files(
    root: Path, folder: Path, cycle: Cycle, problems: list[Problem]
) -> list[tuple[str, Path, Area]]:
    area = cycle.area(folder.name)
    if area is None:
        problems += _unknown_area(root, folder, cycle)
        return []
    found = []
    for path in _walk(folder, root, problems):
        rel = path.relative_to(root).as_posix()
        if path.name.startswith("."):  # editors' lock and swap files, hidden on purpose
            continue
        if files.name_problem(rel):
            problems.append(Problem(files.printable(rel), 1, 1, files.name_problem(rel) or ""))
            continue
        if path.is_symlink() and files.link_problem(path, root):
            problems.append(_symlink_warning(rel, files.link_problem(path, root)))
        elif path.name.endswith(ENTRY_SUFFIXES):
            found.append((rel, path, area))
        elif _looks_like_entry(path, root):
            problems.append(
                Problem(
                    rel,
                    1,
                    1,
                    "ce fichier ressemble à une entrée mais n'est pas lu : renommez-le en .yaml",
                    Severity.WARNING,
                )
            )
    return found


def _unknown_area(root: Path, folder: Path, cycle: Cycle) -> list[Problem]:
    """Report an unknown area folder on each entry file inside (where a CI annotation can
    land), with the closest known area; on the folder itself when it holds none."""
    ids = [a.id for a in cycle.areas]
    message = (
        f"dossier de domaine inconnu « {folder.name} »{suggest(folder.name, ids)} ; "
        f"domaines : {', '.join(ids)}"
    )
    found = [p for p in _walk(folder, root, []) if p.name.endswith(ENTRY_SUFFIXES)]
    rels = [p.relative_to(root).as_posix() for p in found] or [f"inputs/{folder.name}"]
    return [Problem(rel, 1, 1, message) for rel in rels]


def _walk(folder: Path, root: Path, problems: list[Problem]) -> Iterator[Path]:
    def unreadable(exc: OSError) -> None:
        rel = Path(exc.filename).relative_to(root).as_posix()
        problems.append(Problem(rel, 1, 1, f"dossier illisible : {files.describe(exc)}"))

    for dirpath, dirnames, filenames in os.walk(folder, onerror=unreadable):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            yield Path(dirpath) / name
        for name in dirnames:
            if (Path(dirpath) / name).is_symlink():
                yield Path(dirpath) / name


def _symlink_warning(rel: str, reason: str | None = None) -> Problem:
    reason = reason or "lien symbolique vers l'extérieur de l'espace de travail : ignoré"
    return Problem(rel, 1, 1, reason, Severity.WARNING)


def _looks_like_entry(path: Path, root: Path) -> bool:
    head = files.read_head(path, root).decode("utf-8", errors="replace")
    return bool(_LOOKS_LIKE_ENTRY.search(head))


def _read_file(
    path: Path, context: FileContext, start: int, problems: list[Problem]
) -> list[Entry]:
    before = len(problems)
    root = read_yaml(path, context.rel, problems)
    if len(problems) > before:
        return []
    reader = Reader(context.rel)
    nodes = _entry_nodes(root, reader)
    entries = []
    for index, node in enumerate(nodes):
        default_id = entry_reading.default_entry_id(context.rel, index)
        entry = entry_reading.read_entry(reader, node, context, default_id, start + index)
        if entry is not None:
            entries.append(entry)
    problems += reader.problems
    return entries


def _entry_nodes(root: Node | None, reader: Reader) -> list[Node]:
    if root is None or root.kind == SCALAR or (root.kind == SEQUENCE and not root.items):
        node = root or Node(SCALAR, 1, 1)
        reader.error(
            node,
            "ce fichier ne contient aucune entrée (il est vide, ne contient que "
            "des commentaires ou un simple texte) : lancez « drafter new »",
        )
        return []
    return root.items if root.kind == SEQUENCE else [root]


def _cross_checks(entries: list[Entry]) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, Entry] = {}
    for entry in entries:
        if entry.id in seen:
            first = seen[entry.id].location
            problems.append(
                Problem(
                    entry.location.path,
                    entry.location.line,
                    1,
                    f"identifiant « {entry.id} » déjà utilisé "
                    f"({first.path}:{first.line}) : choisissez-en un autre",
                )
            )
        seen.setdefault(entry.id, entry)
    return problems


def _empty_areas(cycle: Cycle, filled: set[str]) -> list[Problem]:
    problems = []
    for area in cycle.areas:
        if area.id not in filled:
            problems.append(
                Problem(
                    f"inputs/{area.id}",
                    1,
                    1,
                    f"le domaine « {area.title} » n'a "
                    "aucune entrée : le brouillon aura un texte à compléter",
                    Severity.WARNING,
                )
            )
    return problems
