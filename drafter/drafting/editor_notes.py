"""What the editors must check, per entry: the remarks of its Word comment, phrased for someone
who works in Word (not in the YAML files), and the highlights that repeat their sentence.

`drafter check` says the same things to contributors, with the YAML fix (« ajoutez apres: »,
« écrivez a_souligner: "…" »); the comment says what to look at in the text."""

from __future__ import annotations

import re

from drafter.drafting import composition, date_phrases
from drafter.drafting.acronyms import acronym_findings
from drafter.drafting.narrative import back_references
from drafter.drafting.sentences import entry_sentence, point_items
from drafter.errors import Problem, Severity
from drafter.model import Entry, Workspace

_WORDS = re.compile(r"\w+")


def editor_notes(workspace: Workspace, sections: list[composition.Section]) -> dict[str, list[str]]:
    """Return the remarks for the editors per entry id, in a fixed order: the period, the
    sub-topic, acronyms used before their expansion, sentences that refer back out of place."""
    notes: dict[str, list[str]] = {}
    for entry in workspace.entries:
        for note in (_period_note(workspace, entry), _sub_topic_note(workspace, entry)):
            if note:
                notes.setdefault(entry.id, []).append(note)
    for finding in acronym_findings(workspace, sections):
        notes.setdefault(finding.entry.id, []).append(finding.note())
    for reference in back_references(workspace, sections):
        notes.setdefault(reference.entry.id, []).append(reference.note(editor=True))
    return notes


def _period_note(workspace: Workspace, entry: Entry) -> str | None:
    start, end = workspace.cycle.period_days()
    if entry.planned or entry.date.undated or entry.date.meets(start, end):
        return None
    period = (
        f"{date_phrases.month_phrase(*workspace.cycle.period_start)} – "
        f"{date_phrases.month_phrase(*workspace.cycle.period_end)}"
    )
    return (
        f"activité datée hors de la période du rapport ({period}) : vérifiez la date "
        "auprès du service, ou retirez la phrase si elle relève d'un autre rapport"
    )


def _sub_topic_note(workspace: Workspace, entry: Entry) -> str | None:
    area = workspace.cycle.area(entry.area)
    if not entry.sub_topic or area is None or entry.sub_topic in area.sub_topics:
        return None
    return (
        f"sous-thème « {entry.sub_topic} » inconnu dans ce domaine : la phrase forme un "
        "paragraphe en fin de domaine ; déplacez-la si elle a sa place ailleurs"
    )


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


def highlight_note(entry: Entry) -> list[str]:
    """Return the remarks of a highlight bullet's comment."""
    if not repeats_its_sentence(entry):
        return []
    return [
        "ce fait saillant reprend mot pour mot sa phrase : dans les rapports publiés, un fait "
        "saillant la résume ; résumez-le ici"
    ]


def highlight_warnings(workspace: Workspace) -> list[Problem]:
    """Return one warning per highlight that repeats its sentence word for word."""
    return [
        Problem(
            e.location.path,
            e.location.line,
            e.location.column,
            "ce fait saillant reprend mot pour mot la phrase de l'entrée : un fait saillant "
            'la résume ; écrivez le résumé dans a_souligner: "…"',
            Severity.WARNING,
        )
        for e in workspace.entries
        if repeats_its_sentence(e)
    ]
