"""What changed between two generations of the draft, sentence by sentence."""

from __future__ import annotations

from dataclasses import replace

from drafter.revisions.tracking import Change, ChangeKind, Sentence, is_placeholder, same_text


def compare(base: list[Sentence], new: list[Sentence]) -> list[Change]:
    """Return the added and changed sentences in the new generation's order, then the
    withdrawn ones in the base's order."""
    old = {s.id: s for s in base}
    kept_paragraphs = {s.paragraph for s in new if s.id in old}
    changes: list[Change] = []
    for index, sentence in enumerate(new):
        before = old.get(sentence.id)
        if before is not None and same_text(before.text, sentence.text):
            continue
        kind: ChangeKind = "ajoutée" if before is None else "modifiée"
        fresh = before is None and sentence.paragraph not in kept_paragraphs
        changes.append(_placed(Change(kind, sentence, before, fresh), new, index))
    current = {s.id for s in new}
    for index, sentence in enumerate(base):
        if sentence.id not in current:
            changes.append(_placed(Change("retirée", sentence, sentence), base, index))
    return _in_place(changes)


def _in_place(changes: list[Change]) -> list[Change]:
    """Return the changes where an area's placeholder and its first sentences take each
    other's place: the first sentence of an area that had none goes beside its withdrawn
    placeholder, in its paragraph; the placeholder of an area that has none left goes
    before its first withdrawn sentence. Deleted as a whole paragraph, each would leave an
    empty paragraph, or take a heading's style in LibreOffice."""
    withdrawn: dict[str, Change] = {}
    for change in changes:
        if change.kind == "retirée":
            withdrawn.setdefault(change.sentence.area, change)
    done: set[str] = set()
    placed = []
    for change in changes:
        gone = withdrawn.get(change.sentence.area)
        area = change.sentence.area
        if change.kind == "ajoutée" and gone is not None and area not in done:
            change = _beside(change, gone)
            done.add(area)
        placed.append(change)
    return placed


def _beside(change: Change, gone: Change) -> Change:
    """Return an added sentence placed in the paragraph of a withdrawn one, when one of the
    two is the area's placeholder and the added one starts its area."""
    if is_placeholder(change.sentence.id) and gone.earlier is None and gone.previous is None:
        return replace(change, new_paragraph=False, following=gone.sentence.id)
    if is_placeholder(gone.sentence.id) and change.earlier is None and change.previous is None:
        return replace(change, new_paragraph=False, previous=gone.sentence.id)
    return change


def _placed(change: Change, sentences: list[Sentence], index: int) -> Change:
    """Return the change with its neighbours in `sentences` (where `index` is its own)."""
    me = sentences[index]
    earlier = [s for s in sentences[:index] if s.area == me.area]
    later = [s for s in sentences[index + 1 :] if s.area == me.area]
    return Change(
        change.kind,
        change.sentence,
        change.base,
        change.new_paragraph,
        previous=next((s.id for s in reversed(earlier) if s.paragraph == me.paragraph), None),
        following=next((s.id for s in later if s.paragraph == me.paragraph), None),
        earlier=next((s.id for s in reversed(earlier) if s.paragraph != me.paragraph), None),
        later=next((s.id for s in later if s.paragraph != me.paragraph), None),
    )


def paragraph_label(sentence: Sentence, sentences: list[Sentence]) -> str:
    """Return where a sentence is, for a reader: its area and paragraph number in the area."""
    numbers = sorted({s.paragraph for s in sentences if s.area == sentence.area})
    number = numbers.index(sentence.paragraph) + 1 if sentence.paragraph in numbers else 1
    return f"{sentence.area or 'introduction'}, paragraphe {number}"
