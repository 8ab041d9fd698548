"""A new generation merged into the editors' draft as tracked changes by « drafter ».

Only drafter's differences are written, each as a `w:ins`/`w:del` the editors accept or
reject; the rest of their document (text, styles, comments, their own pending changes) is
left as it is. Where they edited a sentence whose entry changed, their text stays and a
comment carries the new wording: a conflict for a human, never a silent choice.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import docx
from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from drafter.errors import DrafterError, Problem
from drafter.revisions.tracking import FOOTNOTE, Change, Sentence, is_placeholder, same_text
from drafter.writing.docx.bookmarks import bookmark_name
from drafter.writing.docx.comments import Comments
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
    pending_deletion,
    stretch,
)
from drafter.writing.docx.oxml import marked_element, paragraph_element, run_element, text_runs
from drafter.writing.docx.package import save_deterministic
from drafter.writing.docx.package_check import checked_draft
from drafter.writing.docx.places import Places, insert_at
from drafter.writing.docx.tracked import Revisions, other_parts
from drafter.writing.docx.writer import GENERATOR, style_key

# What python-docx raises on a package it cannot make sense of (a part of the wrong type).
_DOCX_FAILURES = (KeyError, ValueError, TypeError, AttributeError, zipfile.BadZipFile)
MergeResult = Literal["ajoutée", "modifiée", "retirée", "conflit", "déjà"]
ADDED: MergeResult = "ajoutée"
CHANGED: MergeResult = "modifiée"
WITHDRAWN: MergeResult = "retirée"
CONFLICT: MergeResult = "conflit"
DONE: MergeResult = "déjà"
INS, DEL = qn("w:ins"), qn("w:del")
_RANGES = (qn("w:commentRangeStart"), qn("w:commentRangeEnd"), qn("w:commentReference"))
_MARK_INSERTED = f"{qn('w:pPr')}/{qn('w:rPr')}/{INS}"
_MARK_TRACKED = frozenset(qn(f"w:{tag}") for tag in ("ins", "del", "moveFrom", "moveTo"))
_COMMENT_MARKS = frozenset(qn(f"w:{tag}") for tag in ("commentRangeStart", "commentReference"))


@dataclass(frozen=True)
class Outcome:
    """What the merge did with one change: its result (one of the kinds above) and why."""

    change: Change
    result: MergeResult
    note: str = ""


def merge_docx(
    editors: Path,
    changes: list[Change],
    timestamp: dt.datetime,
    label: str,
    words: Mapping[str, str],
) -> tuple[bytes, list[Outcome]]:
    """Return the editors' draft with the changes applied as tracked changes, and what each
    change became. The draft comes from outside: its package is checked first (as the
    reference document's), and what python-docx still cannot read is « brouillon illisible ».
    `words` are the comments' wordings in the draft's language (the edition's `fusion` words:
    `retouchee`, `absente`, `retiree`, `introuvable`, with {entree}, {texte}, {domaine})."""
    data = checked_draft(editors, label)
    try:
        document = docx.Document(io.BytesIO(data))
    except _DOCX_FAILURES as exc:
        message = (
            f"brouillon illisible ({type(exc).__name__}) : --force pour écrire un brouillon neuf"
        )
        raise DrafterError([Problem(label, 1, 1, message)]) from None
    merger = _Merger(document, timestamp, words)
    outcomes = [merger.apply(change) for change in changes]
    return save_deterministic(document, timestamp, app_xml=None), outcomes


class _Merger:
    """Applies changes one by one to the body of the editors' document."""

    def __init__(
        self, document: Document, timestamp: dt.datetime, words: Mapping[str, str]
    ) -> None:
        self.words = words
        self.body = document.element.body
        self.revisions = Revisions(self.body, GENERATOR, timestamp, other_parts(document))
        self.bookmarks = BookmarkIndex(self.body)
        self._marks: dict[str | None, list[BaseOxmlElement]] | None = None
        self.places = Places(self.body, self.bookmarks)
        self.comments = Comments(document, GENERATOR, timestamp)
        styles = {style_key(s.name): s.style_id for s in document.styles if s.name}
        self.styles: dict[str, str] = styles
        self.superscript = styles.get(style_key("Exposant"))
        self.placeholder = styles.get(style_key("À compléter"))

    def apply(self, change: Change) -> Outcome:
        """Apply one change; return its outcome."""
        if change.kind == ADDED:
            return self._add(change)
        found = self._find(change.sentence.id, change.base.text if change.base else "")
        if change.kind == CHANGED:
            return self._change(change, found)
        return self._withdraw(change, found)

    def _find(self, sentence_id: str, text: str) -> Found | None:
        found = by_bookmark(self.bookmarks, sentence_id)
        if found is None:
            return by_text(self.body, text)
        if not same_text(found.text, text):
            stretch(found, text)
        return found

    # -- the three kinds of change -------------------------------------------------------

    def _add(self, change: Change) -> Outcome:
        sentence = change.sentence
        if by_bookmark(self.bookmarks, sentence.id) is not None:
            return Outcome(change, DONE, "déjà dans le brouillon")
        spot = self.places.inline(change)
        if spot is not None:
            beside = change.previous if spot.after else change.following
            alone = is_placeholder(beside) or is_placeholder(sentence.id)
            gap = [] if alone else [run_element(" ")]
            parts = self._sentence(sentence)
            insert_at(spot, self.revisions.inserted(gap + parts if spot.after else parts + gap))
            return Outcome(change, ADDED)
        if is_placeholder(sentence.id):
            return Outcome(change, DONE, "texte à compléter : aucune phrase à remplacer")
        spot = self.places.block(change)
        if spot is not None:
            if not (spot.after and self._typed_after(spot.element, sentence)):
                insert_at(spot, self._new_paragraph(sentence))
            return Outcome(change, ADDED, "nouveau paragraphe")
        self._append(self._new_paragraph(sentence, self._note("introuvable", sentence)))
        return Outcome(change, CONFLICT, "domaine introuvable : phrase placée en fin de document")

    def _change(self, change: Change, found: Found | None) -> Outcome:
        assert change.base is not None
        new, base = change.sentence.text, change.base.text
        if found is None:
            self._comment_near(change, self._note("absente", change.sentence))
            return Outcome(change, CONFLICT, "phrase introuvable (supprimée ou réécrite)")
        if not found.edited and same_text(found.text, new):
            return Outcome(change, DONE, "nouvelle formulation déjà dans le brouillon")
        if found.runs and pending_deletion(found):
            self._comment_on(found, self._note("supprimee", change.sentence))
            return Outcome(change, CONFLICT, "phrase supprimée par les rédacteurs")
        if found.edited or not same_text(found.text, base) or not found.runs:
            self._comment_on(found, self._note("retouchee", change.sentence))
            return Outcome(change, CONFLICT, "phrase retouchée par les rédacteurs")
        stale = change.sentence.comment != change.base.comment
        if stale:
            self._uncomment(found, collapse=True)
        self._replace(found, change.sentence, stale)
        return Outcome(change, CHANGED)

    def _replace(self, found: Found, sentence: Sentence, comment: bool = False) -> None:
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

    def _withdraw(self, change: Change, found: Found | None) -> Outcome:
        if found is None or not found.runs or pending_deletion(found):
            return Outcome(change, DONE, "déjà supprimée par les rédacteurs")
        if found.edited or not same_text(found.text, change.sentence.text):
            self._comment_on(found, self._note("retiree", change.sentence))
            return Outcome(change, CONFLICT, "phrase retouchée par les rédacteurs")
        p = paragraph_of(found.runs[0])
        self._delete([*found.runs, *found.tail, *_gap(found)])
        self._uncomment(found, every=is_placeholder(change.sentence.id))
        if p is not None and not paragraph_text(p).strip():
            self._drop_paragraph(p)
        return Outcome(change, WITHDRAWN)

    def _uncomment(self, found: Found, every: bool = False, collapse: bool = False) -> None:
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

    # -- where things go -----------------------------------------------------------------

    def _append(self, p: BaseOxmlElement) -> None:
        sect_pr = self.body.find(qn("w:sectPr"))
        if sect_pr is None:
            self.body.append(p)
        else:
            sect_pr.addprevious(p)

    # -- what goes in --------------------------------------------------------------------

    def _runs(self, sentence: Sentence) -> list[BaseOxmlElement]:
        return [run for runs in self._segments(sentence) for run in runs]

    def _segments(self, sentence: Sentence) -> list[list[BaseOxmlElement]]:
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

    def _sentence(self, sentence: Sentence, note: str = "") -> list[BaseOxmlElement]:
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

    def _typed_after(self, p: BaseOxmlElement, sentence: Sentence) -> bool:
        """Put a new paragraph after `p` as pressing Enter at its end does: p's mark tracked
        as inserted, the new paragraph ending with a copy of p's own (LibreOffice rejects a
        paragraph whose own mark is inserted by joining the paragraphs around it). Only
        where p is of the new paragraph's style and its mark untracked: on rejecting, Word
        gives the joined paragraph the surviving mark's properties, these."""
        p_pr = p.find(qn("w:pPr"))
        style = self.styles.get(style_key(sentence.style))
        if p_pr is None or style is None or not _plain_mark(p_pr, style):
            return False
        new = OxmlElement("w:p")
        new.append(copy.deepcopy(p_pr))
        new.append(self.revisions.inserted(self._sentence(sentence)))
        self.revisions.paragraph_mark(p, "w:ins")
        p.addnext(new)
        return True

    def _new_paragraph(self, sentence: Sentence, note: str = "") -> BaseOxmlElement:
        """Return a new paragraph, its mark and its sentence tracked as inserted."""
        style = self.styles.get(style_key(sentence.style))
        p = paragraph_element(style) if style else OxmlElement("w:p")
        self.revisions.paragraph_mark(p, "w:ins")
        p.append(self.revisions.inserted(self._sentence(sentence, note)))
        return p

    # -- comments for a human ------------------------------------------------------------

    def _note(self, key: str, sentence: Sentence) -> str:
        """Return a comment's wording, in the draft's language, for this sentence."""
        entry = f"{sentence.id} ({sentence.source})" if sentence.source else sentence.id
        return self.words[key].format(entree=entry, texte=sentence.text, domaine=sentence.area)

    def _comment_on(self, found: Found, text: str) -> None:
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

    def _comment_near(self, change: Change, text: str) -> None:
        spot = self.places.inline(change) or self.places.block(change)
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


def _plain_mark(p_pr: BaseOxmlElement, style: str) -> bool:
    """Return whether paragraph properties are of this style, with no tracked change, no
    section break (a copy would make a second one)."""
    style_element = p_pr.find(qn("w:pStyle"))
    if style_element is None or style_element.get(qn("w:val")) != style:
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
