"""Entries -> the report's sections, paragraphs and highlights, in the spec's order."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from drafter.drafting.sentences import entry_sentence, finish_sentence
from drafter.model import Area, Entry, Workspace

CROSS_BRIEFING = "expose-croise"
FIGURE_AREA, FIGURE_TOPIC = "dialogue-politique", "exposes-croises"


@dataclass(frozen=True)
class Paragraph:
    """Consecutive sentences of one sub-topic; `figure` opens it with the cross-briefings count."""

    entries: tuple[Entry, ...]
    sub_topic: str | None = None
    figure: bool = False


@dataclass(frozen=True)
class Section:
    """One area with its paragraphs (none: the template shows a placeholder)."""

    area: Area
    paragraphs: tuple[Paragraph, ...]

    @property
    def entries(self) -> tuple[Entry, ...]:
        """Return the section's entries in document order."""
        return tuple(e for p in self.paragraphs for e in p.entries)


def compose(workspace: Workspace) -> list[Section]:
    """Return one section per area of the cycle, in order."""
    by_area: dict[str, list[Entry]] = {}
    for entry in workspace.entries:
        by_area.setdefault(entry.area, []).append(entry)
    return [_section(area, by_area.get(area.id, [])) for area in workspace.cycle.areas]


def _section(area: Area, entries: list[Entry]) -> Section:
    rank = {topic: index for index, topic in enumerate(area.sub_topics)}
    unknown = len(rank)

    def topic_key(entry: Entry) -> tuple[int, str]:
        if entry.sub_topic is None:
            return (unknown + 1, "")
        return (rank.get(entry.sub_topic, unknown), entry.sub_topic)

    ordered = sorted(entries, key=lambda e: (topic_key(e), e.date.sort_key(), e.order))
    paragraphs: list[Paragraph] = []
    for (_, topic), group in groupby(ordered, key=topic_key):
        paragraphs += _paragraphs(list(group), topic or None)
    if area.id == FIGURE_AREA:
        paragraphs = _with_figure(paragraphs, rank)
    return Section(area, tuple(paragraphs))


def _paragraphs(entries: list[Entry], topic: str | None) -> list[Paragraph]:
    if topic is None:
        return [Paragraph((entry,)) for entry in entries]
    paragraphs: list[list[Entry]] = []
    for entry in entries:
        if not paragraphs or entry.new_paragraph:
            paragraphs.append([])
        paragraphs[-1].append(entry)
    return [Paragraph(tuple(group), topic) for group in paragraphs]


def _with_figure(paragraphs: list[Paragraph], rank: dict[str, int]) -> list[Paragraph]:
    for index, paragraph in enumerate(paragraphs):
        if paragraph.sub_topic == FIGURE_TOPIC:
            paragraphs[index] = Paragraph(paragraph.entries, FIGURE_TOPIC, figure=True)
            return paragraphs
    place = rank.get(FIGURE_TOPIC, len(rank))
    at = next((i for i, p in enumerate(paragraphs) if _rank(p, rank) > place), len(paragraphs))
    return [*paragraphs[:at], Paragraph((), FIGURE_TOPIC, figure=True), *paragraphs[at:]]


def _rank(paragraph: Paragraph, rank: dict[str, int]) -> int:
    if paragraph.sub_topic is None:
        return len(rank) + 1
    return rank.get(paragraph.sub_topic, len(rank))


def highlights(sections: list[Section]) -> list[tuple[Entry, str]]:
    """Return the highlighted entries in document order, with their highlight sentence."""
    found = []
    for entry in (e for s in sections for e in s.entries):
        if isinstance(entry.highlight, str):
            found.append((entry, finish_sentence(entry.highlight)))
        elif entry.highlight:
            found.append((entry, entry_sentence(entry)))
    return found


def period_cross_briefings(workspace: Workspace) -> list[Entry]:
    """Return this period's realised cross-briefings (type expose-croise), from any area."""
    start, end = workspace.cycle.period_days()
    return [
        e
        for e in workspace.entries
        if e.kind == CROSS_BRIEFING and not e.planned and e.date.meets(start, end)
    ]


def cross_briefings(workspace: Workspace, rounded: bool = True) -> int:
    """Return the running count of cross-briefings, rounded down to a ten unless asked not to."""
    carried = workspace.cycle.cross_briefings.value
    new = len(period_cross_briefings(workspace))
    return (carried + new) // 10 * 10 if rounded else carried + new


def proposal_counts(workspace: Workspace) -> dict[str, int]:
    """Return, per proposal of the catalogue, how many entries of the period reference it."""
    counts = dict.fromkeys(workspace.proposals, 0)
    for entry in workspace.entries:
        for proposal in entry.proposals:
            counts[proposal] = counts.get(proposal, 0) + 1
    return counts
