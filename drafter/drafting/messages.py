"""The sentences a translator translates: one message per drafted sentence (english.md).

`context` is the entry's id (`<id>#point-N` for an item of its list, `<id>#fait-saillant` for
a highlight bullet written as a string of its own); `msgid` is the French sentence as drafted,
typography applied, with `{date}` / `{Date}` where drafter wrote the date phrase, so that a
corrected date never invalidates a translation. Messages come in document order.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafter.drafting.composition import Paragraph, Section, compose
from drafter.drafting.sentences import (
    drafted_sentence,
    finish_sentence,
    first_words,
    point_items,
)
from drafter.drafting.typography import apply_typography
from drafter.model import DateSpec, Entry, Workspace

POINT, HIGHLIGHT = "#point-", "#fait-saillant"


@dataclass(frozen=True)
class Message:
    """One sentence to translate: where it goes, its French, what the translator is told."""

    context: str
    msgid: str
    entry: Entry
    area: str
    notes: tuple[str, ...]

    @property
    def occurrence(self) -> tuple[str, str]:
        """Return the `#:` reference: the entry's file and line."""
        return (self.entry.location.path, str(self.entry.location.line))


def placeholder(spec: DateSpec, initial: bool) -> str:
    """Write a date as the catalogue does: `{date}`, `{Date}`, nothing when undated."""
    if spec.undated:
        return ""
    return "{Date}" if initial else "{date}"


def sentence_msgid(entry: Entry, apostrophe: str) -> str:
    """Return the entry's French sentence with its date phrase as a placeholder."""
    return apply_typography(drafted_sentence(entry, placeholder), apostrophe)


def point_msgids(entry: Entry, apostrophe: str) -> list[str]:
    """Return the French items of the entry's list, as drafted, without the « ; » or « . »
    that closes each: that is its place in the list, and adding an item changes no other."""
    return [
        apply_typography(item.removesuffix(" ;").removesuffix("."), apostrophe)
        for item in point_items(entry)
    ]


def highlight_msgid(entry: Entry, apostrophe: str) -> str | None:
    """Return the French highlight bullet written as a string of its own, if any."""
    if entry.highlight_text is None:
        return None
    return apply_typography(finish_sentence(entry.highlight_text), apostrophe)


def extract_messages(workspace: Workspace) -> list[Message]:
    """Return every message of the draft, in document order."""
    return messages_of(workspace, compose(workspace))


def messages_of(workspace: Workspace, sections: list[Section]) -> list[Message]:
    """Return the messages of composed sections, in document order."""
    apostrophe = workspace.cycle.apostrophe
    found: list[Message] = []
    for section in sections:
        area = f"{section.area.title_en or section.area.title} ({section.area.id})"
        for paragraph in section.paragraphs:
            found += _paragraph_messages(paragraph, area, apostrophe)
    return found


def _paragraph_messages(paragraph: Paragraph, area: str, apostrophe: str) -> list[Message]:
    found: list[Message] = []
    before: Message | None = None
    for entry in paragraph.entries:
        notes = _entry_notes(entry, area, before)
        sentence = Message(entry.id, sentence_msgid(entry, apostrophe), entry, area, notes)
        found.append(sentence)
        for number, item in enumerate(point_msgids(entry, apostrophe), start=1):
            where = f"item {number} of the list after the sentence {entry.id}"
            found.append(Message(f"{entry.id}{POINT}{number}", item, entry, area, (where,)))
        bullet = highlight_msgid(entry, apostrophe)
        if bullet is not None:
            where = f"highlight bullet (start of the report) for the sentence {entry.id}"
            found.append(Message(entry.id + HIGHLIGHT, bullet, entry, area, (where,)))
        before = sentence
    return found


def _entry_notes(entry: Entry, area: str, before: Message | None) -> tuple[str, ...]:
    notes = [f"area: {area}"]
    if entry.sub_topic:
        notes.append(f"sub-topic: {entry.sub_topic}")
    notes.append(f"contributor: {entry.contributor}")
    if before is None:
        notes.append("first sentence of its paragraph")
    else:
        notes.append(f"after: {before.context} “{first_words(before.msgid)}”")
    if entry.planned:
        notes.append("planned event: the French uses the future tense")
    if entry.source:
        notes.append(f"source: {entry.source}")
    return tuple(notes)
