"""One entry in the form: open it from its file, preview it, save it. No Flask here.

Everything goes through the CLI's own code: `read_entry` validates, `entry_sentence`,
`compose` and `apply_typography` write the French, `entry_files` writes the YAML.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from drafter.drafting.composition import compose
from drafter.drafting.sentences import entry_sentence
from drafter.drafting.typography import apply_typography
from drafter.errors import DrafterError, Problem, unlocated
from drafter.model import Entry, Location, Workspace
from drafter.reading.anchors import entry_problems
from drafter.reading.entries import FileContext, read_entry
from drafter.reading.files import MAX_FILE
from drafter.reading.values import Reader
from drafter.reading.workspace import read_yaml
from drafter.reading.yaml_nodes import MAPPING, SEQUENCE, Node, YamlProblem, read_documents
from drafter.web.forms import FIELD_KEYS, FormData, entry_node, plain_values, problems_by_field
from drafter.web.loaded import loaded_workspace
from drafter.writing.entry_files import new_entry_text, update_entry_text
from drafter.writing.outputs import workspace_lock
from drafter.writing.safe_write import write_file

NEW_FILE = "(nouveau fichier)"
SAVE_WAIT = 10.0  # seconds: a save waits for another; a `next` or an import takes longer
BUSY = (
    "enregistrement refusé : « drafter next », « drafter importer » ou un autre enregistrement "
    "est en cours sur cet espace de travail ; rien n'a été écrit et votre saisie est conservée "
    "ci-dessous : réessayez dans un instant"
)
CYCLE_CHANGED = (
    "enregistrement refusé : le cycle a changé depuis l'ouverture du formulaire (« drafter "
    "next » l'a clos ?) ; rien n'a été écrit : rechargez la page"
)


@dataclass(frozen=True)
class Target:
    """Which entry the form edits: a file under inputs/ and the entry's rank, or a new file."""

    area: str
    path: Path | None = None
    index: int = 0

    def rel(self, root: Path) -> str:
        """Return the file's path relative to the workspace, as problems name it."""
        if self.path is None:
            return f"inputs/{self.area}/{NEW_FILE}"
        return self.path.relative_to(root.resolve()).as_posix()


@dataclass
class Preview:
    """What the form shows beside the fields: sentence, paragraph, problems by field."""

    sentence: str | None = None
    paragraph: list[tuple[str, bool]] = field(default_factory=list)  # (sentence, is this one)
    problems: dict[str, list[Problem]] = field(default_factory=dict)

    @property
    def has_errors(self) -> bool:
        """Return True when the entry has an error (a warning does not stop a save)."""
        return any(p.is_error for ps in self.problems.values() for p in ps)


def fingerprint(path: Path | None) -> str:
    """Return the digest of a file's bytes as the form opened it ('' for a new file)."""
    if path is None or not path.exists():
        return ""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def file_entries(path: Path, rel: str) -> list[Node]:
    """Return the entry nodes of a file, in order (an unreadable file has none)."""
    problems: list[Problem] = []
    root = read_yaml(path, rel, problems)
    if root is None or problems:
        raise DrafterError(problems or [unlocated(f"{rel} : fichier vide")])
    return root.items if root.kind == SEQUENCE else [root]


def entry_at(root: Path, target: Target) -> Node:
    """Return the node of the entry the target names, or raise when there is none."""
    assert target.path is not None
    nodes = file_entries(target.path, target.rel(root))
    if not 0 <= target.index < len(nodes) or nodes[target.index].kind != MAPPING:
        raise DrafterError(
            [unlocated(f"{target.rel(root)} : entrée n° {target.index + 1} introuvable")]
        )
    return nodes[target.index]


def preview(root: Path, target: Target, form: FormData) -> tuple[Preview, Entry | None]:
    """Return the preview of the form's entry and the entry itself (None when it has errors)."""
    workspace, _ = loaded_workspace(root)
    area = workspace.cycle.area(target.area)
    if area is None:
        raise DrafterError([unlocated(f"domaine inconnu « {target.area} »")])
    rel = target.rel(root)
    context = FileContext(rel, area, workspace.cycle, frozenset(workspace.proposals))
    reader = Reader(rel)
    entry = read_entry(reader, entry_node(form), context, _default_id(rel, target), 10**9)
    result = Preview(problems=problems_by_field(reader.problems))
    if entry is not None:
        old = _existing(root, workspace, target)
        result.problems = problems_by_field(reader.problems + _across(workspace, old, entry))
        entry = _placed(entry, old)
        result.sentence = _typeset(workspace, entry)
        result.paragraph = _paragraph(workspace, entry)
    return result, entry


def _default_id(rel: str, target: Target) -> str:
    """Return the id the CLI gives an entry without `id`: its path, and #n after the first."""
    stem = rel.removeprefix("inputs/").rsplit(".", 1)[0]
    return stem + (f"#{target.index + 1}" if target.index else "")


def _across(workspace: Workspace, old: Entry | None, entry: Entry) -> list[Problem]:
    """Return what `check` would find across files once the entry replaces `old` (or joins)."""
    others = [e for e in workspace.entries if e is not old]
    id_at = Location(entry.location.path, FIELD_KEYS.index("id") + 1, 1)
    return entry_problems(entry, others, id_at, None if old is None else old.id)


def _placed(entry: Entry, old: Entry | None) -> Entry:
    """Return the entry with the location and file order of the one it replaces, if any."""
    if old is None:
        return entry
    fields = {k: getattr(entry, k) for k in entry.__dataclass_fields__}
    return Entry(**{**fields, "location": old.location, "order": old.order})


def _existing(root: Path, workspace: Workspace, target: Target) -> Entry | None:
    """Return the workspace's entry at the target's place (None for a new or broken one)."""
    if target.path is None:
        return None
    line = entry_at(root, target).line
    where = (target.rel(root), line)
    return next((e for e in workspace.entries if (e.location.path, e.location.line) == where), None)


def _with(workspace: Workspace, entry: Entry) -> Workspace:
    """Return the workspace of the entry's area only (each section is composed on its own),
    with the entry in place of the one at its location, or added."""
    others = tuple(
        e for e in workspace.entries if e.area == entry.area and e.location != entry.location
    )
    return Workspace(workspace.cycle, (*others, entry), workspace.glossary, workspace.proposals)


def _typeset(workspace: Workspace, entry: Entry) -> str:
    """Return the entry's sentence as the draft prints it (French typography)."""
    return _typeset_kept(entry, workspace.cycle.apostrophe)


@functools.lru_cache(maxsize=20_000)
def _typeset_kept(entry: Entry, apostrophe: str) -> str:
    """Return a sentence typeset, kept: a paragraph's other sentences do not change while
    one entry is typed (an entry is frozen, hashed by id and place, equal field by field)."""
    return apply_typography(entry_sentence(entry), apostrophe)


def _paragraph(workspace: Workspace, entry: Entry) -> list[tuple[str, bool]]:
    """Return the sentences of the paragraph the entry joins, marking the entry's own."""
    for section in compose(_with(workspace, entry)):
        for paragraph in section.paragraphs:
            if any(e is entry for e in paragraph.entries):
                return [(_typeset(workspace, e), e is entry) for e in paragraph.entries]
    return []


def entry_text(root: Path, target: Target, form: FormData) -> str:
    """Return the file text saving the form writes: a new file, or the file with one entry set."""
    values = plain_values(entry_node(form))
    if target.path is None:
        return new_entry_text(
            values, f"Entrée du domaine « {target.area} », écrite par le formulaire."
        )
    cleared: dict[str, object] = dict.fromkeys(FIELD_KEYS)
    current = target.path.read_text(encoding="utf-8")
    return update_entry_text(current, target.index, {**cleared, **values})


def size_problems(root: Path, target: Target, text: str) -> list[Problem]:
    """Return the error of a file the save would make larger than `check` accepts."""
    size = len(text.encode("utf-8"))
    if size <= MAX_FILE:
        return []
    message = (
        f"le fichier ferait {size} octets, au-delà de la limite de {MAX_FILE} : "
        "écrivez cette entrée dans un nouveau fichier"
    )
    return [Problem(target.rel(root), 0, 0, message)]


def cycle_print(root: Path) -> str:
    """Return the digest of the cycle file: a form opened before `next` must not save after."""
    try:
        return hashlib.sha256((root / "inputs" / "rapport.yaml").read_bytes()).hexdigest()[:32]
    except OSError:
        return ""


@contextlib.contextmanager
def saving(root: Path) -> Iterator[None]:
    """Hold the workspace's lock (shared with `next`, `importer` and builds) while a save
    checks and writes; raise Busy after SAVE_WAIT seconds."""
    with workspace_lock(root, BUSY, SAVE_WAIT):
        yield


def save(root: Path, target: Target, text: str) -> Path:
    """Write the entry file atomically (a new one under a free name); return its path."""
    path = target.path or free_path(root / "inputs" / target.area, text)
    try:
        read_documents(text, target.rel(root))
    except YamlProblem as exc:  # a bug of the writer, never the user's: keep the file intact
        raise AssertionError(f"texte YAML illisible : {exc.problem}") from None
    path.parent.mkdir(parents=True, exist_ok=True)
    write_file(path, text.encode("utf-8"))
    return path


def free_path(folder: Path, text: str) -> Path:
    """Return `<date>-entree.yaml` in the folder, numbered when taken (as `drafter new`)."""
    match = re.search(r"^date: *'?([^'\n#]*)", text, re.M)
    stem = re.sub(r"[^a-z0-9-]+", "-", (match.group(1) if match else "").lower()).strip("-")
    number = 1
    while (path := folder / f"{stem or 'entree'}-entree{_suffix(number)}.yaml").exists():
        number += 1
    return path


def _suffix(number: int) -> str:
    """Return the numbering of a taken name: '', -2, -3…"""
    return f"-{number}" if number > 1 else ""
