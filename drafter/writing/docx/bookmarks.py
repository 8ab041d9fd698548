"""Hidden bookmarks around the sentences drafter writes: how it finds them again in a draft
the editors have reworked (Word and LibreOffice keep bookmarks through their round trips)."""

from __future__ import annotations

import hashlib

from docx.oxml.xmlchemy import BaseOxmlElement

from drafter.writing.docx.oxml import marked_element

# Word hides bookmarks whose name starts with "_"; names are at most 40 characters.
PREFIX = "_drafter_"


def bookmark_name(sentence_id: str) -> str:
    """Return the hidden bookmark name of a drafted sentence (stable across builds)."""
    return PREFIX + hashlib.sha1(sentence_id.encode("utf-8")).hexdigest()[:20]


class Bookmarks:
    """Numbers bookmarks in the order they are written, so equal drafts give equal bytes."""

    def __init__(self) -> None:
        self._next_id = 0
        self.names: dict[str, str] = {}

    def around(self, sentence_id: str) -> tuple[list[BaseOxmlElement], list[BaseOxmlElement]]:
        """Return the bookmark start and end marks for a sentence."""
        mark_id, self._next_id = self._next_id, self._next_id + 1
        name = bookmark_name(sentence_id)
        self.names[name] = sentence_id
        start = marked_element("w:bookmarkStart", mark_id, name=name)
        return [start], [marked_element("w:bookmarkEnd", mark_id)]
