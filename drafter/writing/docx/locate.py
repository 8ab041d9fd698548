"""Finding drafter's sentences again in a draft the editors have reworked: by hidden bookmark
first, else by the text drafter wrote (when an edit swallowed the bookmark)."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field

from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from drafter.writing.docx.bookmarks import PREFIX, bookmark_name
from drafter.writing.docx.writer import GENERATOR

# Marks of revisions: a sentence holding one of the editors' (or inside one) was edited;
# drafter's own, still pending from an earlier merge, are not edits.
REVISIONS = frozenset(
    qn(f"w:{tag}") for tag in ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange")
)
# ... and so was one that now spans a paragraph boundary.
EDITS = REVISIONS | {qn("w:p")}
_R, _T, _P, _AUTHOR = qn("w:r"), qn("w:t"), qn("w:p"), qn("w:author")
_INS, _RPR = qn("w:ins"), qn("w:rPr")
_START, _NAME = qn("w:bookmarkStart"), qn("w:name")
_NAMED = len(bookmark_name(""))  # a bookmark name without the suffix of a copy
# Run children that carry no text of their own (split and compared freely).
_PLAIN = frozenset({qn("w:rPr"), _T})
# What a pending deletion (or the source of a move) holds.
_GONE = frozenset({qn("w:del"), qn("w:moveFrom")})


@dataclass
class Found:
    """A sentence in the document: its text runs (comment references left out), its bookmark
    ends when it was found by bookmark, and whether the editors edited inside it (their
    tracked changes, or a paragraph split or joined through it)."""

    runs: list[BaseOxmlElement]
    start: BaseOxmlElement | None = None
    end: BaseOxmlElement | None = None
    edited: bool = False
    tail: list[BaseOxmlElement] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Return the text the sentence reads now (its tail included)."""
        return "".join(t.text or "" for r in self.runs + self.tail for t in r.iter(_T))


def stretch(found: Found, expected: str) -> None:
    """Take into `found.tail` the last character or two of `expected` that a re-save left
    just past the bookmark end (LibreOffice moves it back over the full stop when tracked
    changes surround it), splitting the run that holds them."""
    text = found.text
    missing = expected[len(text) :] if expected.startswith(text) else ""
    if found.end is None or not 0 < len(missing) <= 2:
        return
    for element in following(found.end):
        if element.tag == _P:
            return
        if element.tag == _R and element.find(_T) is not None:
            if any(a.tag in REVISIONS and is_edit(a) for a in element.iterancestors()):
                return  # the editors' own pending text is theirs
            own = "".join(t.text or "" for t in element.iter(_T))
            if own == missing or (own.startswith(missing) and _split(element, len(missing))):
                found.tail.append(element)
            return


def following(element: BaseOxmlElement) -> Iterator[BaseOxmlElement]:
    """Yield the elements after `element` in document order (not its descendants)."""
    node: BaseOxmlElement | None = element
    while node is not None:
        for sibling in node.itersiblings():
            yield from sibling.iter()
        node = node.getparent()


def between(first: BaseOxmlElement, last: BaseOxmlElement) -> Iterator[BaseOxmlElement]:
    """Yield the elements after `first` up to `last` (excluded), in document order."""
    for element in following(first):
        if element is last:
            return
        yield element


class BookmarkIndex:
    """drafter's bookmarks in a body, by name, indexed in one pass: a search of the whole
    body per change made a merge grow as changes × document size. A name also finds the
    copies Word or LibreOffice renamed with a suffix (`_Copy_1`…), in document order; a
    bookmark the merge took out of the body since (with an insertion it pruned) makes its
    name looked for again."""

    def __init__(self, body: BaseOxmlElement) -> None:
        self.body = body
        self._starts: dict[str, list[BaseOxmlElement]] = {}
        for start in body.iter(_START):
            self.add(start)

    def starts(self, name: str) -> list[BaseOxmlElement]:
        """Return the bookmarkStarts whose name begins with `name`, in document order."""
        found = self._starts.get(name, [])
        if all(self.inside(start) for start in found):
            return found
        found = list(self.body.xpath(f'.//w:bookmarkStart[starts-with(@w:name, "{name}")]'))
        self._starts[name] = found
        return found

    def add(self, start: BaseOxmlElement) -> None:
        """Index a bookmarkStart (found in the body, or put there by the merge)."""
        name = start.get(_NAME) or ""
        if name.startswith(PREFIX):
            self._starts.setdefault(name[:_NAMED], []).append(start)

    def inside(self, element: BaseOxmlElement) -> bool:
        """Return whether element is still in the body."""
        node: BaseOxmlElement | None = element
        while node is not None and node is not self.body:
            node = node.getparent()
        return node is self.body


def by_bookmark(bookmarks: BookmarkIndex, sentence_id: str) -> Found | None:
    """Return the sentence whose hidden bookmark is still in the document, if it is: the
    live one when a paragraph was moved with tracking on (its copy's bookmark renamed, with
    whatever suffix, `_Copy_1`…, and the source pending deletion)."""
    starts = bookmarks.starts(bookmark_name(sentence_id))
    found = [f for f in map(_found_at, starts) if f is not None]
    return next((f for f in found if not pending_deletion(f)), found[0] if found else None)


def _found_at(start: BaseOxmlElement) -> Found | None:
    inside = any(a.tag in REVISIONS and is_edit(a) for a in start.iterancestors())
    found = Found([], start, edited=inside)
    for element in following(start):
        if element.tag == qn("w:bookmarkEnd") and element.get(qn("w:id")) == start.get(qn("w:id")):
            found.end = element
            return found
        found.edited = found.edited or is_edit(element)
        if (
            element.tag == _R
            and element.find(qn("w:commentReference")) is None
            and not _empty(element)
        ):
            found.runs.append(element)
    return None


def leaving(found: Found) -> bool:
    """Return whether a sentence goes with its paragraph: all of it pending deletion, and
    its paragraph's mark too (a paragraph deleted or moved away, not a sentence retyped)."""
    mark = found.end if found.end is not None else found.start
    p = paragraph_of(mark) if mark is not None else None
    if p is None or not pending_deletion(found):
        return False
    return any(c.tag in _GONE for c in p.iterfind(f"{qn('w:pPr')}/{qn('w:rPr')}/*"))


def pending_deletion(found: Found) -> bool:
    """Return whether all of a sentence is pending deletion (the editors' or drafter's
    `w:del`, or the source of a tracked move): accepting it leaves nothing."""
    marks = found.runs or [m for m in (found.start, found.end) if m is not None]
    return all(any(a.tag in _GONE for a in mark.iterancestors()) for mark in marks)


def is_edit(element: BaseOxmlElement) -> bool:
    """Return whether an element is the editors' revision (or a paragraph boundary); not
    an insertion of nothing (LibreOffice records one for a comment added with changes
    recorded: its anchor, an empty run)."""
    if element.tag not in EDITS:
        return False
    if element.tag == _P:
        return True
    return not is_own(element, element.tag) and not (element.tag == _INS and _empty(element))


def _empty(element: BaseOxmlElement) -> bool:
    """Return whether every run inside element holds nothing but its properties."""
    return all(child.tag == _RPR for run in element.iter(_R) for child in run)


def is_own(element: BaseOxmlElement | None, tag: str) -> bool:
    """Return whether element is a revision of this tag by drafter."""
    return element is not None and element.tag == tag and element.get(_AUTHOR) == GENERATOR


def by_text(body: BaseOxmlElement, text: str) -> Found | None:
    """Return the runs reading `text` in one paragraph, split at its ends, or None."""
    if not text:
        return None
    for p in body.iter(_P):
        joined, runs = _direct_text(p)
        at = joined.find(text)
        if at >= 0:
            return _cut(p, runs, at, at + len(text))
    return None


def _direct_text(p: BaseOxmlElement) -> tuple[str, list[tuple[int, BaseOxmlElement]]]:
    """Return p's text from its direct runs (anything else with text breaks it with NUL)
    and each run's offset."""
    joined, runs = "", []
    for child in p:
        if child.tag == _R:
            runs.append((len(joined), child))
            joined += "".join(t.text or "" for t in child.iter(_T))
        elif any(True for _ in child.iter(_T, qn("w:delText"))):
            joined += "\0"
    return joined, runs


def _cut(
    p: BaseOxmlElement, runs: list[tuple[int, BaseOxmlElement]], begin: int, end: int
) -> Found | None:
    """Split the runs at `begin` and `end` and return those in between."""
    for offset, run in reversed(runs):
        length = len("".join(t.text or "" for t in run.iter(_T)))
        for cut in (end, begin):
            if offset < cut < offset + length and not _split(run, cut - offset):
                return None
    runs = _direct_text(p)[1]
    inside = [run for offset, run in runs if begin <= offset < end]
    return Found(inside) if inside else None


def _split(run: BaseOxmlElement, offset: int) -> bool:
    """Split a run of plain text in two at `offset`; False if it holds more than text."""
    if any(child.tag not in _PLAIN for child in run) or len(run.findall(_T)) != 1:
        return False
    second = copy.deepcopy(run)
    first_t, second_t = run.find(_T), second.find(_T)
    text = first_t.text or ""
    first_t.text, second_t.text = text[:offset], text[offset:]
    for t in (first_t, second_t):
        t.set(qn("xml:space"), "preserve")
    run.addnext(second)
    return True


def in_paragraph(element: BaseOxmlElement) -> BaseOxmlElement | None:
    """Return the child of a paragraph that holds `element` (itself if it is one)."""
    node: BaseOxmlElement | None = element
    while node is not None and node.getparent() is not None:
        if node.getparent().tag == _P:
            return node
        node = node.getparent()
    return None


def paragraph_of(element: BaseOxmlElement) -> BaseOxmlElement | None:
    """Return the paragraph holding `element`."""
    child = in_paragraph(element)
    return None if child is None else child.getparent()


def paragraph_text(p: BaseOxmlElement) -> str:
    """Return the visible text of a paragraph."""
    return "".join(t.text or "" for t in p.iter(_T))
