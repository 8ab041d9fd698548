"""What the editors must check, per entry: the remarks of its Word comment, phrased for someone
who works in Word (not in the YAML files), in each edition's words (`remarques` in
data/editions/), and the highlights that repeat their sentence.

`drafter check` says the same remarks to contributors, worded by the same file, with the YAML
fix where theirs differs (`verification`: « ajoutez apres: », « écrivez a_souligner: "…" »);
the comment says what to look at in the text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from drafter.drafting import composition
from drafter.drafting.acronyms import Finding, acronym_findings
from drafter.drafting.narrative import BackReference, back_references, excerpt
from drafter.drafting.sentences import entry_sentence, point_items
from drafter.errors import Problem, Severity
from drafter.model import Entry, Workspace

if TYPE_CHECKING:
    from drafter.drafting.edition import Edition

_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class Note:
    """A remark for the editors, in no language yet: its key among the edition's words
    (`remarques.<key>`), its values, the months each edition writes in its own words, and
    the name of its fix (`correction_<fix>`, its {correction}), which differs per reader."""

    key: str
    values: tuple[tuple[str, str], ...] = ()
    months: tuple[tuple[str, tuple[int, int]], ...] = ()
    fix: str = ""


def editor_notes(
    workspace: Workspace, sections: list[composition.Section]
) -> dict[str, list[Note]]:
    """Return the remarks for the editors per entry id, in a fixed order: the period, the
    sub-topic, acronyms used before their expansion, sentences that refer back out of place."""
    notes: dict[str, list[Note]] = {}
    for entry in workspace.entries:
        for note in (_period_note(workspace, entry), _sub_topic_note(workspace, entry)):
            if note:
                notes.setdefault(entry.id, []).append(note)
    for finding in acronym_findings(workspace, sections):
        notes.setdefault(finding.entry.id, []).append(_acronym_note(finding))
    for reference in back_references(workspace, sections):
        notes.setdefault(reference.entry.id, []).append(_reference_note(reference))
    return notes


def _period_note(workspace: Workspace, entry: Entry) -> Note | None:
    start, end = workspace.cycle.period_days()
    if entry.planned or entry.date.undated or entry.date.meets(start, end):
        return None
    cycle = workspace.cycle
    return Note("periode", months=(("debut", cycle.period_start), ("fin", cycle.period_end)))


def _sub_topic_note(workspace: Workspace, entry: Entry) -> Note | None:
    area = workspace.cycle.area(entry.area)
    if not entry.sub_topic or area is None or entry.sub_topic in area.sub_topics:
        return None
    return Note("sous_theme", (("sous_theme", entry.sub_topic),))


def _acronym_note(finding: Finding) -> Note:
    values = (("sigle", finding.acronym), ("forme", finding.expansion or ""))
    return Note("sigle" if finding.expansion else "sigle_sans_forme", values)


def _reference_note(reference: BackReference) -> Note:
    if reference.previous is None:
        return Note("renvoi_en_tete", fix="renvoi")
    return Note("renvoi_autre_fichier", (("extrait", excerpt(reference.previous)),), fix="renvoi")


def repeats_its_sentence(entry: Entry) -> bool:
    """Return True when the entry's highlight bullet says word for word what its sentence
    (with its points) says: a highlight should summarise it."""
    if not entry.highlighted:
        return False
    if entry.highlight_text is None:
        return True
    body = " ".join([entry_sentence(entry), *point_items(entry)])
    return _words(entry.highlight_text) == _words(body)


def _words(text: str) -> list[str]:
    return _WORDS.findall(text.casefold())


def highlight_note(entry: Entry) -> list[Note]:
    """Return the remarks of a highlight bullet's comment."""
    return [Note("fait_saillant_repete")] if repeats_its_sentence(entry) else []


def check_warnings(
    workspace: Workspace, sections: list[composition.Section], edition: Edition
) -> list[Problem]:
    """Return `drafter check`'s warnings on the text, the remarks the editors get too:
    acronyms used before their expansion, sentences that refer back out of place, highlights
    that repeat their sentence; in the edition's words for contributors."""
    found = [(f.entry, _acronym_note(f)) for f in acronym_findings(workspace, sections)]
    found += [(r.entry, _reference_note(r)) for r in back_references(workspace, sections)]
    found += [(e, note) for e in workspace.entries for note in highlight_note(e)]
    return [_warning(entry, edition.check_note(note, entry.id)) for entry, note in found]


def _warning(entry: Entry, message: str) -> Problem:
    location = entry.location
    return Problem(location.path, location.line, location.column, message, Severity.WARNING)
