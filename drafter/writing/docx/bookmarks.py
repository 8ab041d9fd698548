"""Hidden bookmarks around the sentences drafter writes: how it finds them again in a draft
the editors have reworked (Word and LibreOffice keep bookmarks through their round trips)."""

from __future__ import annotations

import hashlib

from drafter.writing.docx.bodytext import marked

# Word hides bookmarks whose name starts with "_"; names are at most 40 characters.
PREFIX = "_drafter_"


def bookmark_name(sentence_id: str) -> str:
    """Return the hidden bookmark name of a drafted sentence (stable across builds)."""
    return PREFIX + hashlib.sha1(sentence_id.encode("utf-8")).hexdigest()[:20]


class Bookmarks:
    """Numbers bookmarks in the order they are written, so equal drafts give equal bytes
    (a counter only: a dictionary of names, never read, was 4 MB of a large build's peak)."""

    def __init__(self) -> None:
        self._next_id = 0

    def around(self, sentence_id: str) -> tuple[list[str], list[str]]:
        """Return the bookmark start and end marks for a sentence (XML text)."""
        mark_id, self._next_id = self._next_id, self._next_id + 1
        name = bookmark_name(sentence_id)
        return [marked("w:bookmarkStart", mark_id, name)], [marked("w:bookmarkEnd", mark_id)]

    def named(self, name: str) -> tuple[list[str], list[str]]:
        """Return the start and end marks of a bookmark of another kind (a heading's `_Toc…`),
        numbered with the sentences' (ids are unique in a document)."""
        mark_id, self._next_id = self._next_id, self._next_id + 1
        return [marked("w:bookmarkStart", mark_id, name)], [marked("w:bookmarkEnd", mark_id)]
