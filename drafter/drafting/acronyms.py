"""Acronyms used before their first expansion, in document order (french.md, issue #3)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from drafter.drafting import composition
from drafter.drafting.sentences import entry_sentence
from drafter.model import Entry, Workspace

NEVER_EXPANDED = frozenset({"UE", "OTAN"})


# A sigle defined in the text itself: « … (PACE23) ».
_WORD_OR_DASH = re.compile(r"[\w-]")
_DEFINED = re.compile(r"\((?P<name>[A-Z][A-Z0-9-]*[A-Z0-9][a-z]?)\)")


@dataclass(frozen=True)
class Finding:
    """An acronym used before its expansion, in an entry's sentence."""

    entry: Entry
    acronym: str
    expansion: str | None


def acronym_findings(
    workspace: Workspace, sections: list[composition.Section] | None = None
) -> list[Finding]:
    """Return, per acronym (glossary or defined in the text), a use before its expansion."""
    sentences = list(_document_sentences(workspace, sections or composition.compose(workspace)))
    glossary = {k: v for k, v in workspace.glossary.items() if k not in NEVER_EXPANDED}
    known: dict[str, str | None] = {**dict.fromkeys(_defined(sentences)), **glossary}
    if not known:
        return []
    pattern = _pattern(known)
    expanded: set[str] = set()
    found: dict[str, Finding] = {}
    for entry, sentence in sentences:
        for acronym, in_parentheses in _uses(pattern, sentence):
            if in_parentheses:
                expanded.add(acronym)
            elif acronym not in expanded and acronym not in found:
                found[acronym] = Finding(entry, acronym, known[acronym])
    return list(found.values())


def _defined(sentences: list[tuple[Entry, str]]) -> list[str]:
    names = {m.group("name") for _, s in sentences for m in _DEFINED.finditer(s)}
    return sorted(names - NEVER_EXPANDED)


def _pattern(glossary: dict[str, str | None]) -> re.Pattern[str]:
    """Return the pattern of the acronyms, whole, and of a closing parenthesis after one.

    It starts with the names, so that `re` skips to their first letters (a pattern opening
    with a lookbehind was tried at every position of every sentence); what comes before a
    name is checked by `_uses`."""
    names = sorted(glossary, key=len, reverse=True)
    alternatives = "|".join(re.escape(name) for name in names)
    return re.compile(rf"({alternatives})(\))?(?![\w-])")


def _uses(pattern: re.Pattern[str], sentence: str) -> Iterator[tuple[str, bool]]:
    """Yield each acronym the sentence uses (not inside a word or a compound) and whether it
    stands in parentheses, as in « Organisation du traité de l'Atlantique Nord (OTAN) »."""
    position = 0
    while (match := pattern.search(sentence, position)) is not None:
        start = match.start()
        before = sentence[start - 1 : start]
        if before != "(" and before and _WORD_OR_DASH.match(before):
            position = start + 1  # inside a word: the next position may start one
            continue
        opened = before == "(" and not _WORD_OR_DASH.match(sentence[max(start - 2, 0) : start - 1])
        yield match.group(1), opened and match.group(2) is not None
        position = match.end()


def _document_sentences(
    workspace: Workspace, sections: list[composition.Section]
) -> Iterator[tuple[Entry, str]]:
    yield from composition.highlights(sections, workspace.cycle.highlights)
    for section in sections:
        for entry in section.entries:
            yield entry, entry_sentence(entry)
