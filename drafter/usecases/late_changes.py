"""Late contributions into an edited draft: the new generation is compared with the base
drafter kept, and only the differences reach the editors' document, as tracked changes.

The comparison and the merge are imported by the functions that use them: a build whose
draft nobody edited (every first build, every --force) never loads them."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.model import Edition, Workspace
from drafter.revisions.base import base_path, load_base, save_base
from drafter.revisions.tracking import Change, Sentence, is_placeholder
from drafter.writing.outputs import Written, free_name, is_edited, write_output

if TYPE_CHECKING:
    from drafter.revisions.merging import MergeResult, Outcome

# How the summary line names each result, singular and plural.
_WORDS: dict[MergeResult, tuple[str, str]] = {
    "ajoutée": ("phrase ajoutée", "phrases ajoutées"),
    "modifiée": ("modifiée", "modifiées"),
    "retirée": ("retirée", "retirées"),
    "conflit": ("conflit", "conflits"),
}


@dataclass(frozen=True)
class Merge:
    """A merged draft: the editors' file it started from, where it went, each change's fate."""

    editors: Path
    written: Written | None
    outcomes: list[Outcome]
    edited: bool = True

    def notice(self) -> str:
        """Return the warning that the editors' draft is kept and merged into."""
        why = "a été modifié depuis que drafter l'a écrit" if self.edited else "est le plus récent"
        return (
            f"{self.editors} {why} : il est conservé tel quel ; les changements des entrées y "
            "sont ajoutés en modifications suivies « drafter » (--force pour repartir d'un "
            "brouillon neuf)."
        )

    def lines(self) -> list[str]:
        """Return one line per change (result, entry, why), then the summary."""
        return [
            f"  {o.result:<9} {_entry(o.change.sentence)}{f' : {o.note}' if o.note else ''}"
            for o in self.outcomes
            if not is_placeholder(o.change.sentence.id)
        ] + [self.summary()]

    def summary(self) -> str:
        """Return « 3 phrases ajoutées, 1 modifiée, 1 conflit — brouillon fusionné écrit : … »."""
        shown = [o for o in self.outcomes if not is_placeholder(o.change.sentence.id)]
        counts = [(sum(o.result == kind for o in shown), kind) for kind in _WORDS]
        parts = [f"{n} {_WORDS[kind][n > 1]}" for n, kind in counts if n]
        if self.written is None:
            return f"aucun changement dans les entrées : {self.editors} est à jour, rien écrit"
        done = ", ".join(parts) or "aucune phrase à changer"
        return f"{done} — brouillon fusionné écrit : {self.written.path}"


def entry_sources(workspace: Workspace) -> dict[str, str]:
    """Return `file:line` for each entry id."""
    return {e.id: f"{e.location.path}:{e.location.line}" for e in workspace.entries}


def editors_draft(target: Path) -> Path | None:
    """Return the draft to merge into: the most recently modified of the draft (if edited
    since drafter wrote it) and its numbered copies (edited, or merges drafter wrote); None
    when the draft itself is the newest and untouched (a plain build replaces it)."""
    copies = target.parent.glob(f"{_glob_escape(target.stem)} (*){target.suffix}")
    candidates = [p for p in copies if is_edited(p) or (_regular(p) and base_path(p).is_file())]
    if is_edited(target):
        candidates.append(target)
    newest = max(candidates, key=lambda p: (p.stat().st_mtime_ns, p.name), default=None)
    if newest is None or (target.exists() and _mtime(target) > _mtime(newest)):
        return None
    return newest


def _regular(path: Path) -> bool:
    """Return True for a regular file itself (a link, even to a draft, is never followed)."""
    return not path.is_symlink() and path.is_file()


def _mtime(path: Path) -> int:
    return path.stat().st_mtime_ns


def _glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)


def merge_timestamp() -> dt.datetime:
    """Return the date of drafter's tracked changes and comments in a merge: the moment of
    the merge (later than the editors' own edits, so sorting changes by date tells the
    truth), or SOURCE_DATE_EPOCH when set (reproducible runs)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def merge_if_edited(
    target: Path, sentences: list[Sentence], edition: Edition, protected: Path | None = None
) -> Merge | None:
    """Merge the new generation into the newest draft (see `editors_draft`) and write it to
    the next free numbered copy, its comments in the edition's words; None when there is
    none or drafter kept no base for it."""
    from drafter.revisions.compare import compare
    from drafter.revisions.merging import merge_docx

    editors = editors_draft(target)
    base = None if editors is None else load_base(editors)
    if editors is None or base is None:
        return None
    changes = compare(base, sentences)
    edited = is_edited(editors)
    if not changes:
        return Merge(editors, None, [], edited)
    data, outcomes = merge_docx(
        editors, changes, merge_timestamp(), str(editors), edition.section("fusion")
    )
    written = write_output(free_name(target), data, protected=protected)
    save_base(written.path, sentences)
    return Merge(editors, Written(written.path, editors), outcomes, edited)


@dataclass(frozen=True)
class Pending:
    """What changed since the last build, without writing: the draft compared, the changes,
    and where each stands (area, paragraph)."""

    draft: Path | None
    changes: list[Change]
    places: list[str]

    def lines(self) -> list[str]:
        """Return the draft compared, one line per change (kind, entry, place), a count."""
        if self.draft is None:
            return ["aucun brouillon construit par drafter : lancez d'abord drafter build"]
        lines = [f"depuis le brouillon {self.draft} :"]
        shown = [
            (change, place)
            for change, place in zip(self.changes, self.places, strict=True)
            if not is_placeholder(change.sentence.id)
        ]
        for change, place in shown:
            kind = f"{change.kind} (nouveau paragraphe)" if change.new_paragraph else change.kind
            lines.append(f"  {kind:<9} {_entry(change.sentence)} — {place}")
        count = len(shown)
        return [*lines, f"{count or 'aucun'} changement{'s' * (count > 1)}"]


def _entry(sentence: Sentence) -> str:
    return f"{sentence.id} ({sentence.source or '-'})"


def pending_changes(target: Path, sentences: list[Sentence]) -> Pending:
    """Return the changes since the generation kept for the draft (edited or not)."""
    from drafter.revisions.compare import compare, paragraph_label

    draft = editors_draft(target) or (target if target.exists() else None)
    base = None if draft is None else load_base(draft)
    if draft is None or base is None:
        return Pending(None, [], [])
    changes = compare(base, sentences)
    places = [
        paragraph_label(c.sentence, base if c.kind == "retirée" else sentences) for c in changes
    ]
    return Pending(draft, changes, places)
