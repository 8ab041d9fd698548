"""What `drafter traductions`, check, status and build read and write of `traductions/`: the
catalogue of the English edition, its update, its checks, its counts, and the archived
catalogues that serve as a translation memory."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from drafter.drafting.english_draft import FromCatalogue
from drafter.drafting.messages import extract_messages
from drafter.drafting.translations import (
    FUZZY,
    TRANSLATED,
    UNTRANSLATED,
    active_index,
    counts,
    counts_line,
    placeholder_problems,
    translation_memory,
    translation_of,
    updated_catalogue,
    usable_index,
)
from drafter.errors import DrafterError, Problem, Severity
from drafter.model import LANGUAGES as ALL_LANGUAGES
from drafter.model import SOURCE_LANGUAGE, TRANSLATIONS, Catalogue, Entry, Workspace
from drafter.reading.catalogue_reader import catalogue_header, read_catalogue
from drafter.reading.entries import is_positional_id
from drafter.reading.workspace import load_workspace
from drafter.writing.catalogue_writer import catalogue_text
from drafter.writing.safe_write import write_file

FOLDER = TRANSLATIONS
TEMPLATE = "drafter.pot"
# the languages translated from the source one (model.LANGUAGES): a catalogue each
LANGUAGES = tuple(language for language in ALL_LANGUAGES if language != SOURCE_LANGUAGE)


@dataclass(frozen=True)
class UpdateResult:
    """What `drafter traductions` did: the catalogue, whether it changed, its counts."""

    path: Path
    written: bool
    counts: Counter[str]
    warnings: list[Problem]

    def line(self) -> str:
        """Return « 12 à traduire, 3 à revoir, 140 à jour — traductions/en.po écrit »."""
        what = "écrit" if self.written else "inchangé"
        return f"{counts_line(self.counts)} — {FOLDER}/{self.path.name} {what}"

    def template_line(self) -> str:
        """Return « 155 messages — traductions/drafter.pot écrit »."""
        what = "écrit" if self.written else "inchangé"
        return f"{self.counts.total()} messages — {FOLDER}/{self.path.name} {what}"


def catalogue_path(root: Path, language: str = "en") -> Path:
    """Return `traductions/en.po`."""
    return root / FOLDER / f"{language}.po"


def shown(root: Path, path: Path) -> str:
    """Return a path as problems name it (relative to the workspace)."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def read_language(root: Path, language: str = "en") -> Catalogue | None:
    """Return the workspace's catalogue, None when there is none; a file drafter cannot read
    is a DrafterError, a faulty translation is not (its sentence stays French; `check` says
    why), so that a translator's slip never blocks the English draft."""
    path = catalogue_path(root, language)
    if not path.is_file():
        return None
    return read_catalogue(path, shown(root, path))


def update_translations(root: Path, language: str = "en") -> UpdateResult:
    """Create or update the catalogue from the entries; write it only when it changed."""
    workspace, warnings = load_workspace(root)
    messages = extract_messages(workspace)
    path = catalogue_path(root, language)
    old = read_catalogue(path, shown(root, path)) if path.is_file() else None
    memory = translation_memory(archived_catalogues(root, language))
    metadata = _metadata(workspace, old, {"Language": language})
    number = workspace.cycle.number
    header = old.header if old and old.header else catalogue_header(language).format(numero=number)
    catalogue = updated_catalogue(messages, old, memory, metadata, header)
    changed = _write_if_changed(path, catalogue)
    found = counts(messages, active_index(catalogue))
    return UpdateResult(path, changed, found, warnings)


def update_template(root: Path) -> UpdateResult:
    """Write `traductions/drafter.pot`, the catalogue's template (every message, untranslated)
    for Weblate's or msgmerge's own update of the catalogues; only when it changed."""
    workspace, warnings = load_workspace(root)
    messages = extract_messages(workspace)
    path = root / FOLDER / TEMPLATE
    header = catalogue_header().format(numero=workspace.cycle.number)
    template = updated_catalogue(messages, None, {}, _metadata(workspace, None, {}), header)
    changed = _write_if_changed(path, template)
    return UpdateResult(path, changed, counts(messages, {}), warnings)


def _write_if_changed(path: Path, catalogue: Catalogue) -> bool:
    """Write a catalogue as msgcat would (UTF-8), unless the file already says the same."""
    text = catalogue_text(catalogue.messages, catalogue.metadata, catalogue.header)
    data = text.encode("utf-8")
    changed = not path.is_file() or path.read_bytes() != data
    if changed:
        path.parent.mkdir(exist_ok=True)
        write_file(path, data)
    return changed


def _metadata(workspace: Workspace, old: Catalogue | None, extra: dict[str, str]) -> dict[str, str]:
    """Return the header fields: the old catalogue's, in their order (a PO editor's
    Last-Translator, PO-Revision-Date, Language-Team, Plural-Forms, X-Generator survive),
    with drafter's own fields set (the file is written in UTF-8)."""
    fields = dict(old.metadata) if old else {}
    fields.update(
        {
            "Project-Id-Version": f"rapport-etape-{workspace.cycle.number:02d}",
            **extra,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
        }
    )
    fields.setdefault("X-Generator", "drafter")
    return fields


def archived_catalogues(root: Path, language: str) -> list[Catalogue]:
    """Return the catalogues of earlier cycles (`archive/NN/traductions/`), newest first; one
    that cannot be read is skipped (it is the past, not this cycle's input)."""
    found = []
    paths = (root / "archive").glob(f"*/{FOLDER}/{language}.po")
    for path in sorted(paths, key=lambda p: p.parent.parent.name, reverse=True):
        try:
            found.append(read_catalogue(path, shown(root, path)))
        except DrafterError:
            continue
    return found


def catalogue_problems(root: Path, workspace: Workspace | None) -> list[Problem]:
    """Return the problems of every catalogue under `traductions/` (for `drafter check`):
    unknown language, PO syntax, placeholders (errors); the counts (a warning)."""
    folder = root / FOLDER
    if not folder.is_dir():
        return []
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.po")):
        problems += _file_problems(root, path, workspace)
    return problems


def _file_problems(root: Path, path: Path, workspace: Workspace | None) -> list[Problem]:
    name = shown(root, path)
    if path.stem not in LANGUAGES:
        known = ", ".join(f"{lang}.po" for lang in LANGUAGES)
        message = f"langue inconnue « {path.stem} » : drafter ne connaît que {known}"
        return [Problem(name, 1, 1, message)]
    try:
        catalogue = read_catalogue(path, name)
    except DrafterError as exc:
        return exc.problems
    problems = placeholder_problems(catalogue, name)
    if workspace is not None:
        problems += positional_id_warnings(workspace, name)
        found = counts(extract_messages(workspace), active_index(catalogue))
        if found[UNTRANSLATED] or found[FUZZY]:
            advice = "lancez drafter traductions, puis faites traduire ou revoir"
            message = f"édition anglaise incomplète : {counts_line(found)} ({advice})"
            problems.append(Problem(name, 1, 1, message, Severity.WARNING))
    return problems


def positional_id_warnings(workspace: Workspace, catalogue: str) -> list[Problem]:
    """Return a warning for each entry without `id` in a file of several entries: its id is
    its place (`cyber/seae#2`), which moves when an entry before it is withdrawn."""
    by_file: dict[str, list[Entry]] = {}
    for entry in workspace.entries:
        by_file.setdefault(entry.location.path, []).append(entry)
    problems = []
    for path, entries in by_file.items():
        for entry in entries if len(entries) > 1 else []:
            if is_positional_id(path, entry.id):
                message = (
                    f"entrée sans « id » dans un fichier de {len(entries)} entrées : son "
                    f"identifiant ({entry.id}) est sa place, que le retrait d'une entrée "
                    f"précédente change ; ajoutez « id: … » pour que sa traduction "
                    f"({catalogue}) la suive sûrement"
                )
                where = entry.location
                problems.append(Problem(path, where.line, where.column, message, Severity.WARNING))
    return problems


def area_counts(workspace: Workspace, catalogue: Catalogue | None) -> dict[str, Counter[str]]:
    """Return, per area id, how many sentences are translated, fuzzy, untranslated."""
    index = active_index(catalogue)
    result: dict[str, Counter[str]] = {a.id: Counter() for a in workspace.cycle.areas}
    for message in extract_messages(workspace):
        result[message.entry.area][translation_of(message, index).state] += 1
    return result


def state_names() -> tuple[str, str, str]:
    """Return the three states, in the order status shows them."""
    return TRANSLATED, FUZZY, UNTRANSLATED


def catalogue_sentences(root: Path, language: str) -> FromCatalogue:
    """Return a translated edition's sentences: the workspace's catalogue (none yet: all
    French), without the translations whose placeholders are faulty."""
    index = usable_index(read_language(root, language))
    return FromCatalogue(index, f"{FOLDER}/{language}.po", language)
