"""Acronyms used before their first expansion, in document order (french.md, issue #3)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from drafter.drafting import composition
from drafter.drafting.sentences import entry_sentence
from drafter.errors import Problem, Severity
from drafter.model import Entry, Workspace

NEVER_EXPANDED = frozenset({"UE", "OTAN"})


# A sigle defined in the text itself: « … (PACE23) ».
_DEFINED = re.compile(r"\((?P<name>[A-Z][A-Z0-9-]*[A-Z0-9][a-z]?)\)")


@dataclass(frozen=True)
class Finding:
    """An acronym used before its expansion, in an entry's sentence."""

    entry: Entry
    acronym: str
    expansion: str | None

    def note(self) -> str:
        """Return the remark for the editors, as it appears in the sentence's Word comment."""
        expected = (
            f"« {self.expansion} ({self.acronym}) »" if self.expansion else "sa forme développée"
        )
        return (
            f"sigle « {self.acronym} » employé avant d'être développé : "
            f"écrivez {expected} à sa première mention"
        )


def acronym_warnings(
    workspace: Workspace, sections: list[composition.Section] | None = None
) -> list[Problem]:
    """Return one warning per acronym whose first use in the draft is not its expansion."""
    return [_warning(f) for f in acronym_findings(workspace, sections)]


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
        for match in pattern.finditer(sentence):
            acronym = match.group(2)
            if match.group(1) and match.group(3):
                expanded.add(acronym)
            elif acronym not in expanded and acronym not in found:
                found[acronym] = Finding(entry, acronym, known[acronym])
    return list(found.values())


def _defined(sentences: list[tuple[Entry, str]]) -> list[str]:
    names = {m.group("name") for _, s in sentences for m in _DEFINED.finditer(s)}
    return sorted(names - NEVER_EXPANDED)


def _pattern(glossary: dict[str, str | None]) -> re.Pattern[str]:
    names = sorted(glossary, key=len, reverse=True)
    alternatives = "|".join(re.escape(name) for name in names)
    return re.compile(rf"(?<![\w-])(\()?({alternatives})(\))?(?![\w-])")


def _document_sentences(
    workspace: Workspace, sections: list[composition.Section]
) -> Iterator[tuple[Entry, str]]:
    yield from composition.highlights(sections, workspace.cycle.highlights)
    for section in sections:
        for entry in section.entries:
            yield entry, entry_sentence(entry)


def _warning(finding: Finding) -> Problem:
    location = finding.entry.location
    return Problem(
        location.path,
        location.line,
        location.column,
        f"{finding.note()} (entrée « {finding.entry.id} »)",
        Severity.WARNING,
    )
