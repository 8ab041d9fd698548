"""Entries -> the report's sections, paragraphs and highlights, in the spec's order."""

from __future__ import annotations

from dataclasses import dataclass

from drafter.drafting.sentences import entry_sentence, finish_sentence, point_items
from drafter.model import Area, Entry, Workspace


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
    figure = workspace.cycle.cross_briefings
    return [
        _section(
            area, by_area.get(area.id, []), figure.sub_topic if area.id == figure.area else None
        )
        for area in workspace.cycle.areas
    ]


def _section(area: Area, entries: list[Entry], figure_topic: str | None) -> Section:
    runs, placed = _runs(entries)
    paragraphs = _base_paragraphs(area, placed)
    tails: dict[str, str] = {}
    for run in _in_dependency_order(runs, {e.id for e in placed}):
        _insert_run(paragraphs, run, tails)
    result = [Paragraph(tuple(p), _topic(p)) for p in paragraphs if p]
    if figure_topic is not None:
        result = _with_figure(result, area.sub_topics, figure_topic)
    return Section(area, tuple(result))


def _runs(entries: list[Entry]) -> tuple[list[list[Entry]], list[Entry]]:
    """Split entries into runs that follow an `apres`/`avant` and those placed by their block.

    A run is an anchored entry and the entries after it in its file, of the same sub-topic,
    without an anchor of their own (entries.md, « Paragraphs and order », 3).
    """
    known = {e.id for e in entries}
    runs: list[list[Entry]] = []
    placed: list[Entry] = []
    for entry in entries:
        if entry.anchor is not None and entry.anchor.target in known:
            runs.append([entry])
        elif runs and _continues(runs[-1], entry):
            runs[-1].append(entry)
        else:
            placed.append(entry)
    return runs, placed


def _continues(run: list[Entry], entry: Entry) -> bool:
    head = run[0]
    return entry.file == head.file and entry.sub_topic == head.sub_topic and entry.anchor is None


def _base_paragraphs(area: Area, entries: list[Entry]) -> list[list[Entry]]:
    """Return the paragraphs of the entries placed by sub-topic, then file block, then date."""
    rank = {topic: index for index, topic in enumerate(area.sub_topics)}
    topics: dict[str | None, list[Entry]] = {}
    for entry in entries:
        topics.setdefault(entry.sub_topic, []).append(entry)
    paragraphs: list[list[Entry]] = []
    for topic in sorted(topics, key=lambda t: _topic_rank(t, rank)):
        ordered = _blocks_in_order(topics[topic])
        paragraphs += _split(ordered) if topic is not None else [[e] for e in ordered]
    return paragraphs


def _topic_rank(topic: str | None, rank: dict[str, int]) -> tuple[int, str]:
    if topic is None:
        return (len(rank) + 1, "")
    return (rank.get(topic, len(rank)), topic)


def _blocks_in_order(entries: list[Entry]) -> list[Entry]:
    """Return the entries block by block: one block per file, in file order, by earliest date."""
    blocks: dict[str, list[Entry]] = {}
    for entry in entries:
        blocks.setdefault(entry.file, []).append(entry)

    def key(path: str) -> tuple[tuple[int, object], str]:
        # undated-only blocks first; a block with dated entries goes by its earliest day
        dated = [e.date.sort_key() for e in blocks[path] if not e.date.undated]
        return (min(dated) if dated else blocks[path][0].date.sort_key(), path)

    return [entry for path in sorted(blocks, key=key) for entry in blocks[path]]


def _split(entries: list[Entry]) -> list[list[Entry]]:
    paragraphs: list[list[Entry]] = []
    for entry in entries:
        if not paragraphs or entry.new_paragraph:
            paragraphs.append([])
        paragraphs[-1].append(entry)
    return paragraphs


def _in_dependency_order(runs: list[list[Entry]], placed: set[str]) -> list[list[Entry]]:
    """Return runs so that each comes after the run holding its target; by file path otherwise."""
    pending = sorted(runs, key=lambda r: (r[0].file, r[0].order))
    ordered: list[list[Entry]] = []
    while pending:
        ready = [r for r in pending if r[0].anchor is not None and r[0].anchor.target in placed]
        if not ready:  # a cycle (reported by check): keep these runs where their file put them
            ready = pending[:1]
        for run in ready:
            pending.remove(run)
            ordered.append(run)
            placed.update(e.id for e in run)
    return ordered


def _insert_run(paragraphs: list[list[Entry]], run: list[Entry], tails: dict[str, str]) -> None:
    """Put a run right after (or before) its target; runs after one target keep their order."""
    anchor = run[0].anchor
    assert anchor is not None
    after = tails.get(anchor.target, anchor.target) if anchor.after else anchor.target
    where = _find(paragraphs, after)
    if where is None:
        paragraphs.append(run)
        return
    index, position = where
    position += 1 if anchor.after else 0
    if anchor.after:
        tails[anchor.target] = run[-1].id
    paragraph = paragraphs[index]
    if run[0].new_paragraph and position > 0:
        paragraphs[index : index + 1] = [paragraph[:position], run + paragraph[position:]]
    else:
        paragraph[position:position] = run


def _find(paragraphs: list[list[Entry]], entry_id: str) -> tuple[int, int] | None:
    for index, paragraph in enumerate(paragraphs):
        for position, entry in enumerate(paragraph):
            if entry.id == entry_id:
                return index, position
    return None


def _topic(paragraph: list[Entry]) -> str | None:
    return paragraph[0].sub_topic


def _with_figure(
    paragraphs: list[Paragraph], topics: tuple[str, ...], figure_topic: str
) -> list[Paragraph]:
    rank = {topic: index for index, topic in enumerate(topics)}
    for index, paragraph in enumerate(paragraphs):
        if paragraph.sub_topic == figure_topic:
            paragraphs[index] = Paragraph(paragraph.entries, figure_topic, figure=True)
            return paragraphs
    place = rank.get(figure_topic, len(rank))
    at = next((i for i, p in enumerate(paragraphs) if _rank(p, rank) > place), len(paragraphs))
    return [*paragraphs[:at], Paragraph((), figure_topic, figure=True), *paragraphs[at:]]


def _rank(paragraph: Paragraph, rank: dict[str, int]) -> int:
    if paragraph.sub_topic is None:
        return len(rank) + 1
    return rank.get(paragraph.sub_topic, len(rank))


def highlights(
    sections: list[Section], first: tuple[tuple[str, object], ...] = ()
) -> list[tuple[Entry, str]]:
    """Return the highlighted entries with their bullet: `first` ids in order, then the others
    in document order."""
    marked = [e for s in sections for e in s.entries if e.highlighted]
    rank = {entry_id: index for index, (entry_id, _) in enumerate(first)}
    ordered = sorted(marked, key=lambda e: rank.get(e.id, len(rank)))
    return [(e, _bullet(e)) for e in ordered]


def _bullet(entry: Entry) -> str:
    """Return a highlight bullet: the given text, else the sentence with its points inline."""
    if entry.highlight_text is not None:
        return finish_sentence(entry.highlight_text)
    return " ".join([entry_sentence(entry), *point_items(entry)])


def period_cross_briefings(workspace: Workspace) -> list[Entry]:
    """Return this period's realised cross-briefings (type expose-croise), from any area."""
    start, end = workspace.cycle.period_days()
    figure = workspace.cycle.cross_briefings
    return [
        e
        for e in workspace.entries
        if e.kind == figure.kind and not e.planned and e.date.meets(start, end)
    ]


def cross_briefings(workspace: Workspace, rounded: bool = True) -> int:
    """Return the running count of cross-briefings, rounded down to a ten unless asked not to."""
    carried = workspace.cycle.cross_briefings.value
    new = len(period_cross_briefings(workspace))
    return (carried + new) // 10 * 10 if rounded else carried + new


def proposal_counts(workspace: Workspace) -> dict[str, int]:
    """Return, per proposal of the catalogue, how many entries of the period reference it; a
    theme counts each entry tagged with it or with one of its detailed proposals, once."""
    counts = dict.fromkeys(workspace.proposals, 0)
    groups = workspace.catalogue.groups
    for entry in workspace.entries:
        themes = {groups[p] for p in entry.proposals if p in groups} - set(entry.proposals)
        for proposal in (*entry.proposals, *sorted(themes)):
            counts[proposal] = counts.get(proposal, 0) + 1
    return counts
