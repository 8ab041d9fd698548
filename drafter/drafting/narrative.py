"""Sentences that refer back (« Dans ce contexte », « Ce dialogue ») but do not follow the
sentence they were written after (entries.md, « Paragraphs and order », 6)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from drafter.data import read_data
from drafter.drafting import composition
from drafter.drafting.sentences import entry_sentence, first_words
from drafter.model import Entry, Workspace

EXCERPT = 8  # words of the previous sentence quoted in the remark


@dataclass(frozen=True)
class BackReference:
    """A sentence that refers back, and what it follows instead (None: it opens a paragraph)."""

    entry: Entry
    previous: Entry | None


def back_references(
    workspace: Workspace, sections: list[composition.Section] | None = None
) -> list[BackReference]:
    """Return the sentences that refer back to a sentence they do not follow."""
    found = []
    for paragraph in _paragraphs(sections or composition.compose(workspace)):
        previous: Entry | None = None
        for entry in paragraph:
            # an entry placed with apres/avant was put there on purpose
            out_of_place = previous is None or previous.file != entry.file
            if out_of_place and entry.anchor is None and _refers_back(entry):
                found.append(BackReference(entry, previous))
            previous = entry
    return found


def _paragraphs(sections: list[composition.Section]) -> Iterator[tuple[Entry, ...]]:
    for section in sections:
        for paragraph in section.paragraphs:
            yield paragraph.entries


def _refers_back(entry: Entry) -> bool:
    return bool(entry.link) or _CONNECTIVE().match(entry_sentence(entry)) is not None


@cache
def _CONNECTIVE() -> re.Pattern[str]:
    text = read_data("connecteurs.txt")
    words = [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:{alternatives})(?=[\s,\u00a0’'])")


def excerpt(entry: Entry) -> str:
    """Return the first words of an entry's sentence, as a warning quotes it."""
    return first_words(entry_sentence(entry), EXCERPT)
