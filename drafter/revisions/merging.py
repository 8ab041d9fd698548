"""A new generation merged into the editors' draft as tracked changes by « drafter »: what
the merge does with each change (its policy), the Word side being writing/docx/merge.py's.

Only drafter's differences are written, each as a `w:ins`/`w:del` the editors accept or
reject; the rest of their document (text, styles, comments, their own pending changes) is
left as it is. Where they edited a sentence whose entry changed, their text stays and a
comment carries the new wording: a conflict for a human, never a silent choice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from drafter.revisions.tracking import Change, Sentence, is_placeholder, same_text
from drafter.writing.docx.locate import Found, pending_deletion
from drafter.writing.docx.merge import Draft, open_draft

MergeResult = Literal["ajoutée", "modifiée", "retirée", "conflit", "déjà"]
ADDED: MergeResult = "ajoutée"
CHANGED: MergeResult = "modifiée"
WITHDRAWN: MergeResult = "retirée"
CONFLICT: MergeResult = "conflit"
DONE: MergeResult = "déjà"


@dataclass(frozen=True)
class Outcome:
    """What the merge did with one change: its result (one of the kinds above) and why."""

    change: Change
    result: MergeResult
    note: str = ""


def merge_docx(
    editors: Path,
    changes: list[Change],
    timestamp: dt.datetime,
    label: str,
    words: Mapping[str, str],
) -> tuple[bytes, list[Outcome]]:
    """Return the editors' draft with the changes applied as tracked changes, and what each
    change became. `words` are the comments' wordings in the draft's language (the
    edition's `fusion` words: `retouchee`, `supprimee`, `absente`, `retiree`, `introuvable`,
    with {entree}, {texte}, {domaine})."""
    draft = open_draft(editors, timestamp, label)
    merger = _Merger(draft, words)
    outcomes = [merger.apply(change) for change in changes]
    return draft.save(), outcomes


class _Merger:
    """Decides, change by change, what the draft gets."""

    def __init__(self, draft: Draft, words: Mapping[str, str]) -> None:
        self.draft = draft
        self.words = words

    def apply(self, change: Change) -> Outcome:
        """Apply one change; return its outcome."""
        if change.kind == ADDED:
            return self._add(change)
        found = self.draft.find(change.sentence.id, change.base.text if change.base else "")
        if change.kind == CHANGED:
            return self._change(change, found)
        return self._withdraw(change, found)

    def _add(self, change: Change) -> Outcome:
        sentence = change.sentence
        if self.draft.has(sentence.id):
            return Outcome(change, DONE, "déjà dans le brouillon")
        beside = (change.previous, change.following)
        alone = is_placeholder(sentence.id) or any(map(is_placeholder, beside))
        if self.draft.add_inline(change, gap=not alone):
            return Outcome(change, ADDED)
        if is_placeholder(sentence.id):
            return Outcome(change, DONE, "texte à compléter : aucune phrase à remplacer")
        if self.draft.add_paragraph(change):
            return Outcome(change, ADDED, "nouveau paragraphe")
        self.draft.append_paragraph(sentence, self._note("introuvable", sentence))
        return Outcome(change, CONFLICT, "domaine introuvable : phrase placée en fin de document")

    def _change(self, change: Change, found: Found | None) -> Outcome:
        assert change.base is not None
        new, base = change.sentence.text, change.base.text
        if found is None:
            self.draft.comment_near(change, self._note("absente", change.sentence))
            return Outcome(change, CONFLICT, "phrase introuvable (supprimée ou réécrite)")
        if not found.edited and same_text(found.text, new):
            return Outcome(change, DONE, "nouvelle formulation déjà dans le brouillon")
        if found.runs and pending_deletion(found):
            self.draft.comment_on(found, self._note("supprimee", change.sentence))
            return Outcome(change, CONFLICT, "phrase supprimée par les rédacteurs")
        if found.edited or not same_text(found.text, base) or not found.runs:
            self.draft.comment_on(found, self._note("retouchee", change.sentence))
            return Outcome(change, CONFLICT, "phrase retouchée par les rédacteurs")
        stale = change.sentence.comment != change.base.comment
        if stale:
            self.draft.uncomment(found, collapse=True)
        self.draft.replace(found, change.sentence, stale)
        return Outcome(change, CHANGED)

    def _withdraw(self, change: Change, found: Found | None) -> Outcome:
        if found is None or not found.runs or pending_deletion(found):
            return Outcome(change, DONE, "déjà supprimée par les rédacteurs")
        if found.edited or not same_text(found.text, change.sentence.text):
            self.draft.comment_on(found, self._note("retiree", change.sentence))
            return Outcome(change, CONFLICT, "phrase retouchée par les rédacteurs")
        self.draft.withdraw(found, every=is_placeholder(change.sentence.id))
        return Outcome(change, WITHDRAWN)

    def _note(self, key: str, sentence: Sentence) -> str:
        """Return a comment's wording, in the draft's language, for this sentence."""
        entry = f"{sentence.id} ({sentence.source})" if sentence.source else sentence.id
        return self.words[key].format(entree=entry, texte=sentence.text, domaine=sentence.area)
