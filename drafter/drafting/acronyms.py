"""Acronyms used before their first expansion, in document order (french.md, issue #3)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.drafting import composition
from drafter.drafting.sentences import entry_sentence
from drafter.errors import Problem, Severity
from drafter.model import Entry, Workspace

NEVER_EXPANDED = frozenset({"UE", "OTAN"})


def acronym_warnings(workspace: Workspace) -> list[Problem]:
    """Return one warning per acronym whose first use in the draft is not its expansion."""
    glossary = {k: v for k, v in workspace.glossary.items() if k not in NEVER_EXPANDED}
    if not glossary:
        return []
    pattern = _pattern(glossary)
    expanded: set[str] = set()
    warned: set[str] = set()
    problems = []
    for entry, sentence in _document_sentences(workspace):
        for match in pattern.finditer(sentence):
            acronym = match.group(2)
            if match.group(1) and match.group(3):
                expanded.add(acronym)
            elif acronym not in expanded and acronym not in warned:
                warned.add(acronym)
                problems.append(_warning(entry, acronym, glossary[acronym]))
    return problems


def _pattern(glossary: dict[str, str]) -> re.Pattern[str]:
    names = sorted(glossary, key=len, reverse=True)
    alternatives = "|".join(re.escape(name) for name in names)
    return re.compile(rf"(?<![\w-])(\()?({alternatives})(\))?(?![\w-])")


def _document_sentences(workspace: Workspace) -> Iterator[tuple[Entry, str]]:
    sections = composition.compose(workspace)
    yield from composition.highlights(sections)
    for section in sections:
        for entry in section.entries:
            yield entry, entry_sentence(entry)


def _warning(entry: Entry, acronym: str, expansion: str) -> Problem:
    location = entry.location
    return Problem(
        location.path,
        location.line,
        location.column,
        f"sigle « {acronym} » employé avant d'être développé (entrée « {entry.id} ») :"
        f" écrivez « {expansion} ({acronym}) » à sa première mention",
        Severity.WARNING,
    )
