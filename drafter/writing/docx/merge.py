"""The Word side of merging a new generation into the editors' draft as tracked changes by
« drafter »: the editors' document opened, drafter's sentences found again, new wording put
in and old wording deleted as `w:ins`/`w:del`, comments for a human. What to do with each
change (the merge's policy: outcomes, conflicts, their wording) is revisions/merging.py's.
"""

from __future__ import annotations

import copy
import datetime as dt
import zipfile
from pathlib import Path

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from drafter.errors import DrafterError, Problem
from drafter.writing.docx.bookmarks import bookmark_name
from drafter.writing.docx.comments import Comments
from drafter.writing.docx.compat import open_comments_as_bytes
from drafter.writing.docx.locate import (
    BookmarkIndex,
    Found,
    between,
    by_bookmark,
    by_text,
    in_paragraph,
    is_own,
    paragraph_of,
    paragraph_text,
    stretch,
)
from drafter.writing.docx.oxml import marked_element, paragraph_element, run_element, text_runs
from drafter.writing.docx.package import save_deterministic
from drafter.writing.docx.package_check import checked_draft
from drafter.writing.docx.places import FOOTNOTE, Places, Placing, Text, insert_at
from drafter.writing.docx.tracked import Revisions, other_ids
from drafter.writing.docx.writer import GENERATOR, style_key

# What python-docx raises on a package it cannot make sense of (a part of the wrong type).
_DOCX_FAILURES = (KeyError, ValueError, TypeError, AttributeError, zipfile.BadZipFile)
INS, DEL = qn("w:ins"), qn("w:del")
_RANGES = (qn("w:commentRangeStart"), qn("w:commentRangeEnd"), qn("w:commentReference"))
_MARK_INSERTED = f"{qn('w:pPr')}/{qn('w:rPr')}/{INS}"
_MARK_TRACKED = frozenset(qn(f"w:{tag}") for tag in ("ins", "del", "moveFrom", "moveTo"))
_COMMENT_MARKS = frozenset(qn(f"w:{tag}") for tag in ("commentRangeStart", "commentReference"))


def open_draft(editors: Path, timestamp: dt.datetime, label: str) -> Draft:
    """Return the editors' draft, open for merging. It comes from outside: its package is
    checked first (as the reference document's), and what python-docx still cannot read is
    « brouillon illisible »."""
    data = checked_draft(editors, label)
    try:
        document = open_comments_as_bytes(data)
    except _DOCX_FAILURES as exc:
        message = (
            f"brouillon illisible ({type(exc).__name__}) : --force pour écrire un brouillon neuf"
        )
        raise DrafterError([Problem(label, 1, 1, message)]) from None
    return Draft(document, timestamp)


class Draft:
    """The body of the editors' document, changed one sentence at a time."""

    def __init__(self, document: Document, timestamp: dt.datetime) -> None:
        self.document = document
        self.timestamp = timestamp
        self.body = document.element.body
        self.revisions = Revisions(self.body, GENERATOR, timestamp, other_ids(document))
        self.bookmarks = BookmarkIndex(self.body)
        self._marks: dict[str | None, list[BaseOxmlElement]] | None = None
        self.places = Places(self.body, self.bookmarks)
        self.comments = Comments(document, GENERATOR, timestamp)
        styles = {style_key(s.name): s.style_id for s in document.styles if s.name}
        self.styles: dict[str, str] = styles
        self.superscript = styles.get(style_key("Exposant"))
        self.placeholder = styles.get(style_key("À compléter"))

    def save(self) -> bytes:
        """Return the document's package, deterministic."""
        self.comments.finish()
        return save_deterministic(self.document, self.timestamp, app_xml=None)

    def find(self, sentence_id: str, text: str) -> Found | None:
        """Return a sentence found by its bookmark (stretched over the last character or
        two of `text` that a re-save left past it), else by the text it had."""
        found = by_bookmark(self.bookmarks, sentence_id)
        if found is None:
            return by_text(self.body, text)
        stretch(found, text)
        return found

    def has(self, sentence_id: str) -> bool:
        """Return whether the sentence's bookmark is in the document."""
        return by_bookmark(self.bookmarks, sentence_id) is not None

    # -- new sentences ---------------------------------------------------------------------

    def add_inline(self, placing: Placing, gap: bool) -> bool:
        """Put a new sentence in the paragraph of its neighbour, with a space between them
        (`gap`); False when it has no neighbour there."""
        spot = self.places.inline(placing)
        if spot is None:
            return False
        space = [run_element(" ")] if gap else []
        parts = self._sentence(placing.sentence)
        insert_at(spot, self.revisions.inserted(space + parts if spot.after else parts + space))
        return True

    def add_paragraph(self, placing: Placing) -> bool:
        """Put a new sentence as a paragraph beside one of its area (or after the area's
        heading); False when its area is not found."""
        spot = self.places.block(placing)
        if spot is None:
            return False
        if not (spot.after and self._typed_after(spot.element, placing.sentence)):
            insert_at(spot, self._new_paragraph(placing.sentence))
        return True

    def append_paragraph(self, text: Text, note: str) -> None:
        """Put a new sentence as a paragraph at the end of the document, with a note."""
        p = self._new_paragraph(text, note)
        sect_pr = self.body.find(qn("w:sectPr"))
        if sect_pr is None:
            self.body.append(p)
        else:
            sect_pr.addprevious(p)

    # -- changed and withdrawn sentences -----------------------------------------------------

    def withdraw(self, found: Found, every: bool) -> None:
        """Delete a sentence (with its space and drafter's comments on it, `every` comment on
        a placeholder), and its paragraph when nothing is left of it."""
        p = paragraph_of(found.runs[0])
        self._delete([*found.runs, *found.tail, *_gap(found)])
        self.uncomment(found, every=every)
        if p is not None and not paragraph_text(p).strip():
            self._drop_paragraph(p)

    def replace(self, found: Found, sentence: Text, comment: bool = False) -> None:
        """Track the sentence's runs as deleted and its new wording as inserted, but for
        its footnote references: they stay, each after the new words that come before it
        (the new text carries them; rejecting gives back the old one with them). With
        `comment`, the new wording ends with the sentence's comment (its old one, stale,
        deleted by the caller: « Not translated yet » once it is translated)."""
        notes = [r for r in found.runs if _is_note(r) and not _gone(r)]
        segments = self._segments(sentence)
        if comment and sentence.comment:
            segments[-1].append(self.comments.point(sentence.comment, GENERATOR))
        for reference, runs in zip(notes, segments, strict=False):
            if runs:
                self._insert_before(reference, runs)
        rest = [run for runs in segments[len(notes) :] for run in runs]
        self._insert_after(found.runs[-1], rest)
        self._delete([r for r in found.runs + found.tail if r not in notes])

    def _insert_before(self, first: BaseOxmlElement, runs: list[BaseOxmlElement]) -> None:
        """Put new runs right before a run: in drafter's own pending insertion if it is in
        one, else as a new insertion."""
        if is_own(first.getparent(), INS):
            for run in runs:
                first.addprevious(run)
        else:
            first.addprevious(self.revisions.inserted(runs))

    def _insert_after(self, last: BaseOxmlElement, runs: list[BaseOxmlElement]) -> None:
        """Put new runs after a sentence's last run: inside drafter's own pending insertion
        if it is in one, else as a new insertion (never nested in a deletion)."""
        parent = last.getparent()
        if is_own(parent, INS):
            _after(last, runs)
        elif is_own(parent, DEL):
            parent.addnext(self.revisions.inserted(runs))
        else:
            last.addnext(self.revisions.inserted(runs))

    def _delete(self, runs: list[BaseOxmlElement]) -> None:
        """Track the runs as deleted; those drafter inserted in an earlier merge, still
        pending, simply go (rejecting them would remove them just the same)."""
        emptied = []
        for run in runs:
            parent = run.getparent()
            if is_own(parent, INS):
                parent.remove(run)
                emptied.append(parent)
            elif not is_own(parent, DEL):
                self.revisions.delete_run(run)
        for ins in emptied:
            self._prune(ins)

    def _prune(self, ins: BaseOxmlElement) -> None:
        """Remove an insertion of drafter's left without text, with its marks and comments."""
        if ins.getparent() is None or any(True for _ in ins.iter(qn("w:t"))):
            return
        for reference in ins.iter(qn("w:commentReference")):
            self.comments.remove(int(reference.get(qn("w:id"))))
        ins.getparent().remove(ins)

    def uncomment(self, found: Found, every: bool = False, collapse: bool = False) -> None:
        """Delete drafter's comments on a withdrawn sentence (`every` comment, on a
        placeholder) with it: their references are tracked as deleted (Word's accepting
        takes the comments along), their ranges stay (rejecting gives every comment back on
        its words). With `collapse`, the ranges go: LibreOffice 7.4's accepting keeps a
        comment whose range was deleted, anchored on nothing, and only a comment without
        range, inside the deletion, goes with it (a stale « Not translated yet » must)."""
        if found.start is None or found.end is None:
            return
        marks = [e for e in between(found.start, found.end) if e.tag in _COMMENT_MARKS]
        ids = {m.get(qn("w:id")) for m in marks if every or self.comments.is_own(m.get(qn("w:id")))}
        if ids:
            self._unrange(ids, collapse)

    def _unrange(self, ids: set[str | None], collapse: bool) -> None:
        """Delete these comments' references; those in drafter's own pending insertion go,
        with their comment and its range marks (rejecting would remove them just the same);
        with `collapse`, every range mark of these comments goes."""
        marks = self._comment_marks(ids)
        dropped = set(ids) if collapse else set()
        for mark in marks:
            parent = mark.getparent()  # a reference's run
            if mark.tag != qn("w:commentReference"):
                continue
            if is_own(parent.getparent(), INS):
                parent.getparent().remove(parent)
                self.comments.remove(int(mark.get(qn("w:id"))))
                dropped.add(mark.get(qn("w:id")))
            elif not _gone(parent):
                self.revisions.delete_run(parent)
        for mark in marks:
            if mark.tag != qn("w:commentReference") and mark.get(qn("w:id")) in dropped:
                mark.getparent().remove(mark)

    def _comment_marks(self, ids: set[str | None]) -> list[BaseOxmlElement]:
        """Return the range marks and references of these comments still in the body, from
        an index made in one pass on first use (a pass per withdrawn sentence made a merge
        grow as withdrawals × document size)."""
        if self._marks is None:
            self._marks = {}
            for mark in self.body.iter(*_RANGES):
                self._marks.setdefault(mark.get(qn("w:id")), []).append(mark)
        found = [m for i in ids for m in self._marks.get(i, [])]
        return [m for m in found if self.bookmarks.inside(m)]

    def _drop_paragraph(self, p: BaseOxmlElement) -> None:
        """Track an emptied paragraph's mark as deleted; one drafter inserted goes (with
        the insertion of the mark before it, when it was put as typed after that one)."""
        before = p.getprevious()
        typed = None if before is None else before.find(_MARK_INSERTED)
        empty = p.find(f".//{qn('w:r')}") is None and p.getparent() is not None
        if is_own(p.find(_MARK_INSERTED), INS):
            if empty:
                p.getparent().remove(p)
            return
        if empty and typed is not None and is_own(typed, INS):
            p.getparent().remove(p)
            typed.getparent().remove(typed)
            return
        self._join_before(p)

    def _join_before(self, p: BaseOxmlElement) -> None:
        """Track as deleted the mark of the paragraph before an emptied one, when it is of
        the same style: accepting joins them, and the joined paragraph keeps p's mark, of that
        style. Deleting p's own mark makes LibreOffice 7.4 give p's style to the paragraph
        after it (often the next area's heading) when p holds a comment's range. After a
        paragraph of another style (a heading: the area's only paragraph), p's mark stays:
        the area's placeholder takes the paragraph, or it stays empty."""
        before = p.getprevious()
        p_pr = p.find(qn("w:pPr"))
        style = None if p_pr is None else p_pr.find(qn("w:pStyle"))
        if style is None or before is None or before.tag != qn("w:p"):
            return
        before_pr = before.find(qn("w:pPr"))
        if before_pr is not None and _plain_mark(before_pr, style.get(qn("w:val"))):
            self.revisions.paragraph_mark(before, "w:del")

    # -- what goes in --------------------------------------------------------------------

    def _runs(self, sentence: Text) -> list[BaseOxmlElement]:
        return [run for runs in self._segments(sentence) for run in runs]

    def _segments(self, sentence: Text) -> list[list[BaseOxmlElement]]:
        """Return a sentence's runs, split where its footnote references are."""
        segments: list[list[BaseOxmlElement]] = [[]]
        for text, span in sentence.parts or ((sentence.text, None),):
            if span == FOOTNOTE:
                segments.append([])
            elif span == "a-completer":
                segments[-1].append(run_element(text, self.placeholder))
            else:
                segments[-1] += text_runs(text, self.superscript)
        return segments

    def _sentence(self, sentence: Text, note: str = "") -> list[BaseOxmlElement]:
        """Return a new sentence's runs inside its hidden bookmark, with its source comment
        (and one for the editors, if there is a `note`) anchored at its end, without range:
        rejecting the sentence then takes its comments along in Word and LibreOffice, and
        LibreOffice restyles no paragraph on accepting or rejecting it."""
        runs = self._runs(sentence)
        mark_id = self.revisions.new_id()
        start = marked_element("w:bookmarkStart", mark_id, name=bookmark_name(sentence.id))
        self.bookmarks.add(start)
        notes = [self.comments.point(t, GENERATOR) for t in (sentence.comment, note) if t and runs]
        return [start, *runs, *notes, marked_element("w:bookmarkEnd", mark_id)]

    def _typed_after(self, p: BaseOxmlElement, sentence: Text) -> bool:
        """Put a new paragraph after `p` as pressing Enter at its end does: p's mark tracked
        as inserted, the new paragraph ending with a copy of p's own (LibreOffice rejects a
        paragraph whose own mark is inserted by joining the paragraphs around it). Where p
        is of the new paragraph's style and its mark untracked: on rejecting, Word gives the
        joined paragraph the surviving mark's properties, these. Where p is itself new, put
        so (a late entry's items after its sentence), the copy takes the new style as a
        tracked change of properties, which rejecting undoes."""
        p_pr = p.find(qn("w:pPr"))
        style = self.styles.get(style_key(sentence.style))
        if p_pr is None or style is None or not _plain_mark(p_pr):
            return False
        same = _plain_mark(p_pr, style)
        if not same and not self._typed(p):
            return False
        new = OxmlElement("w:p")
        new.append(copy.deepcopy(p_pr) if same else self._restyled(p_pr, style))
        new.append(self.revisions.inserted(self._sentence(sentence)))
        self.revisions.paragraph_mark(p, "w:ins")
        p.addnext(new)
        return True

    def _typed(self, p: BaseOxmlElement) -> bool:
        """Return whether p was put by this merge as typed after the paragraph before it."""
        before = p.getprevious()
        return before is not None and is_own(before.find(_MARK_INSERTED), INS)

    def _restyled(self, p_pr: BaseOxmlElement, style: str) -> BaseOxmlElement:
        """Return a copy of paragraph properties in another style, its list numbering
        dropped, the change tracked (w:pPrChange holds the properties before it)."""
        new_pr = copy.deepcopy(p_pr)
        before = copy.deepcopy(p_pr)
        for child in before.findall(qn("w:rPr")):
            before.remove(child)
        for child in new_pr.findall(qn("w:numPr")):
            new_pr.remove(child)
        style_element = new_pr.find(qn("w:pStyle"))
        if style_element is not None:
            style_element.set(qn("w:val"), style)
        change = self.revisions.mark("w:pPrChange")
        change.append(before)
        new_pr.append(change)
        return new_pr

    def _new_paragraph(self, sentence: Text, note: str = "") -> BaseOxmlElement:
        """Return a new paragraph, its mark and its sentence tracked as inserted."""
        style = self.styles.get(style_key(sentence.style))
        p = paragraph_element(style) if style else OxmlElement("w:p")
        self.revisions.paragraph_mark(p, "w:ins")
        p.append(self.revisions.inserted(self._sentence(sentence, note)))
        return p

    # -- comments for a human ------------------------------------------------------------

    # -- comments for a human ------------------------------------------------------------

    def comment_on(self, found: Found, text: str) -> None:
        """Comment on a sentence: on its runs, else at the end of its paragraph."""
        first = in_paragraph(found.runs[0]) if found.runs else None
        last = in_paragraph(found.runs[-1]) if found.runs else None
        if first is None or last is None:
            anchor = paragraph_of(found.start) if found.start is not None else None
            if anchor is not None:
                self._point_comment(anchor, text)
            return
        start, end = self.comments.add(first, last, text, GENERATOR)
        first.addprevious(start)
        for element in reversed(end):
            last.addnext(element)

    def comment_near(self, placing: Placing, text: str) -> None:
        """Comment where a sentence would be: its paragraph, else the last one."""
        spot = self.places.inline(placing) or self.places.block(placing)
        if spot is None:
            last = self.body.findall(qn("w:p"))
            if last:
                self._point_comment(last[-1], text)
            return
        p = spot.element.getparent() if spot.inline else spot.element
        self._point_comment(p, text)

    def _point_comment(self, p: BaseOxmlElement, text: str) -> None:
        start, end = self.comments.add(p, p, text, GENERATOR)
        p.append(start)
        p.extend(end)


def _after(element: BaseOxmlElement, followers: list[BaseOxmlElement]) -> None:
    """Put followers right after element, in order."""
    for follower in reversed(followers):
        element.addnext(follower)


def _plain_mark(p_pr: BaseOxmlElement, style: str | None = None) -> bool:
    """Return whether paragraph properties are of this style (any, when None), with no
    tracked change, no section break (a copy would make a second one)."""
    style_element = p_pr.find(qn("w:pStyle"))
    if style is not None and (style_element is None or style_element.get(qn("w:val")) != style):
        return False
    tracked = p_pr.find(qn("w:rPr"))
    if tracked is not None and any(c.tag in _MARK_TRACKED for c in tracked):
        return False
    return p_pr.find(qn("w:sectPr")) is None and p_pr.find(qn("w:pPrChange")) is None


def _is_note(run: BaseOxmlElement) -> bool:
    return run.find(qn("w:footnoteReference")) is not None


def _gone(run: BaseOxmlElement) -> bool:
    """Return whether a run is pending deletion (or moved away)."""
    return any(a.tag in (DEL, qn("w:moveFrom")) for a in run.iterancestors())


def _gap(found: Found) -> list[BaseOxmlElement]:
    """Return the space run after the sentence (else before it), deleted with it."""
    after = found.end.getnext() if found.end is not None else None
    before = found.start.getprevious() if found.start is not None else None
    for run in (after, before):
        if run is not None and _is_space(run):
            return [run]
    return []


def _is_space(run: BaseOxmlElement) -> bool:
    return (
        run.tag == qn("w:r")
        and all(child.tag in (qn("w:t"), qn("w:rPr")) for child in run)
        and "".join(run.itertext()).isspace()
    )
