"""Where a merge puts new content in the editors' draft: beside a sentence of its paragraph,
else as a paragraph beside one of its area, else under its area's heading; never in a
paragraph the editors deleted or moved away, never inside their pending deletion, never
inside a range that ends or starts with its neighbour."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from drafter.writing.docx.locate import (
    BookmarkIndex,
    Found,
    by_bookmark,
    in_paragraph,
    leaving,
    paragraph_of,
    paragraph_text,
)

# What closes the ranges that end with a sentence (the editors' bookmarks, comments, their
# reference runs), and what opens those that start with one.
_CLOSING = frozenset(qn(f"w:{tag}") for tag in ("bookmarkEnd", "commentRangeEnd"))
_OPENING = frozenset(qn(f"w:{tag}") for tag in ("bookmarkStart", "commentRangeStart"))
_GONE = frozenset({qn("w:del"), qn("w:moveFrom")})
_MARK_ONLY = frozenset(qn(f"w:{tag}") for tag in ("rPr", "commentReference"))


# The span of the empty part that stands where a footnote's reference is in a text's parts.
FOOTNOTE = "note"


class Text(Protocol):
    """A sentence as the merge writes it: its id (its bookmark's name), its text and its
    parts (text and span: « a-completer », or FOOTNOTE where a footnote's reference is),
    the style of a paragraph of its own, its comment, its area (its heading's text)."""

    @property
    def id(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def parts(self) -> tuple[tuple[str, str | None], ...]: ...
    @property
    def style(self) -> str: ...
    @property
    def comment(self) -> str: ...
    @property
    def area(self) -> str: ...


class Placing(Protocol):
    """A new sentence with the ids of its neighbours: `previous`/`following` in its
    paragraph, `earlier`/`later` in the paragraphs of its area; `new_paragraph` when its
    paragraph is new."""

    @property
    def sentence(self) -> Text: ...
    @property
    def previous(self) -> str | None: ...
    @property
    def following(self) -> str | None: ...
    @property
    def earlier(self) -> str | None: ...
    @property
    def later(self) -> str | None: ...
    @property
    def new_paragraph(self) -> bool: ...


@dataclass(frozen=True)
class Spot:
    """Where new content goes: beside a paragraph child (`inline`), or beside a paragraph."""

    element: BaseOxmlElement
    after: bool
    inline: bool


class Places:
    """Finds where each new sentence or paragraph goes in a document's body."""

    def __init__(self, body: BaseOxmlElement, bookmarks: BookmarkIndex) -> None:
        self.body = body
        self.bookmarks = bookmarks
        self._headings: dict[str, BaseOxmlElement | None] = {}

    def inline(self, change: Placing) -> Spot | None:
        """Return the place after the previous sentence of its paragraph (and after every
        range that ends with it), else before the next one (unless the paragraph is new:
        its next sentences are not there yet); never in a paragraph going away."""
        previous = self.located(change.previous, live=True)
        if previous is not None:
            child = in_paragraph(previous.end if previous.end is not None else previous.runs[-1])
            if child is not None:
                return Spot(_past_ranges(child), after=True, inline=True)
        following = None if change.new_paragraph else self.located(change.following, live=True)
        if following is not None:
            first = following.start if following.start is not None else following.runs[0]
            child = in_paragraph(first)
            if child is not None:
                return Spot(_before_ranges(child), after=False, inline=True)
        return None

    def block(self, change: Placing) -> Spot | None:
        """Return the place after the paragraph of the sentence before it in its area (before
        it, if that paragraph is going away), else before the paragraph of the one after it,
        else after the area's heading."""
        for sentence_id, after in ((change.earlier, True), (change.later, False)):
            found = self.located(sentence_id)
            if found is not None:
                mark = found.end if after else found.start
                p = None if mark is None else paragraph_of(mark)
                if p is not None:
                    return Spot(p, after=after and not leaving(found), inline=False)
        heading = self.heading(change.sentence.area)
        return None if heading is None else Spot(heading, after=True, inline=False)

    def located(self, sentence_id: str | None, live: bool = False) -> Found | None:
        """Return a sentence found by its bookmark; with `live`, not if it goes away with its
        paragraph (a new sentence beside it would go too, or be glued to the next one)."""
        if sentence_id is None:
            return None
        found = by_bookmark(self.bookmarks, sentence_id)
        if found is None or not (found.runs or found.end is not None):
            return None
        return None if live and leaving(found) else found

    def heading(self, area: str) -> BaseOxmlElement | None:
        """Return the paragraph that reads the area's heading (looked for once per area)."""
        if not area:
            return None
        if area not in self._headings:
            wanted = " ".join(area.split())
            self._headings[area] = next(
                (
                    p
                    for p in self.body.iter(qn("w:p"))
                    if " ".join(paragraph_text(p).split()) == wanted
                ),
                None,
            )
        return self._headings[area]


def insert_at(spot: Spot, element: BaseOxmlElement) -> None:
    """Put `element` at the spot."""
    if spot.after:
        spot.element.addnext(element)
    else:
        spot.element.addprevious(element)


def _past_ranges(child: BaseOxmlElement) -> BaseOxmlElement:
    """Return the last of the range ends (and comment reference runs) right after `child`,
    and of the pending deletions after them (a deletion stays in one piece)."""
    while (sibling := child.getnext()) is not None and (
        sibling.tag in _CLOSING
        or sibling.tag in _GONE
        or (sibling.tag == qn("w:r") and all(c.tag in _MARK_ONLY for c in sibling))
    ):
        child = sibling
    return child


def _before_ranges(child: BaseOxmlElement) -> BaseOxmlElement:
    """Return the first of the range starts right before `child`."""
    while (sibling := child.getprevious()) is not None and sibling.tag in _OPENING:
        child = sibling
    return child
