"""Translation catalogues (`traductions/en.po`) written as GNU PO (see
reading/catalogue_reader.py for why polib). Takes any object with a catalogue message's
attributes: writing does not see the model."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol

import polib

WRAP = 78


class MessageLike(Protocol):
    """What the writer reads of a message (model.CatalogueMessage has it)."""

    @property
    def context(self) -> str: ...
    @property
    def msgid(self) -> str: ...
    @property
    def msgstr(self) -> str: ...
    @property
    def fuzzy(self) -> bool: ...
    @property
    def previous(self) -> str | None: ...
    @property
    def obsolete(self) -> bool: ...
    @property
    def translator(self) -> str: ...
    @property
    def extracted(self) -> str: ...
    @property
    def occurrences(self) -> tuple[tuple[str, str], ...]: ...
    @property
    def flags(self) -> tuple[str, ...]: ...


def catalogue_text(
    messages: Iterable[MessageLike], metadata: Mapping[str, str], header: str
) -> str:
    """Return the PO text of a catalogue, messages in the given order."""
    po = polib.POFile(wrapwidth=WRAP)
    po.header = header
    po.metadata = dict(metadata)
    for message in messages:
        po.append(_entry(message))
    return str(po) + "\n"


def _entry(message: MessageLike) -> polib.POEntry:
    flags = (["fuzzy"] if message.fuzzy else []) + list(message.flags)
    return polib.POEntry(
        msgctxt=message.context,
        msgid=message.msgid,
        msgstr=message.msgstr,
        flags=flags,
        previous_msgid=message.previous if message.fuzzy else None,
        obsolete=message.obsolete,
        tcomment=message.translator,
        comment="" if message.obsolete else message.extracted,
        occurrences=[] if message.obsolete else list(message.occurrences),
    )
