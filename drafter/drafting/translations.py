"""Catalogue and entries together: the update of `traductions/en.po` (Babel's semantics: new
→ empty, changed → fuzzy with the previous French, withdrawn → obsolete; nothing lost), each
sentence's translation state, and the checks of a translator's work."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

from drafter.drafting.messages import Message
from drafter.errors import Problem, Severity
from drafter.model import Catalogue, CatalogueMessage

TRANSLATED, FUZZY, UNTRANSLATED = "traduite", "a-revoir", "a-traduire"
BRACE_FLAG = "python-brace-format"
_PLACEHOLDER = re.compile(r"\{[^{}\s]*\}")
_CLOSING = re.compile(r"(?:[\u202f\u00a0 ]?;|\.)$")
_DATE = re.compile(r"\{[dD]ate\}")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)[\"“‘(\[]*$")


@dataclass(frozen=True)
class Translation:
    """A sentence's state in the catalogue: its English (empty when untranslated) and, when
    fuzzy, the French the English was made from."""

    state: str
    msgstr: str = ""
    previous: str = ""


def translation_of(message: Message, index: dict[str, CatalogueMessage]) -> Translation:
    """Return the state of a message: translated, fuzzy (flagged, or its French moved since
    the catalogue was updated) or untranslated."""
    po = index.get(message.context)
    if po is None or not po.msgstr.strip():
        return Translation(UNTRANSLATED)
    moved = po.msgid != message.msgid and french_key(po.msgid) != french_key(message.msgid)
    if moved or po.fuzzy:
        previous = po.previous if po.fuzzy and po.previous else po.msgid
        return Translation(FUZZY, po.msgstr, previous)
    return Translation(TRANSLATED, po.msgstr)


def active_index(catalogue: Catalogue | None) -> dict[str, CatalogueMessage]:
    """Return the catalogue's live messages by context."""
    if catalogue is None:
        return {}
    return {m.context: m for m in catalogue.messages if not m.obsolete}


def usable_index(catalogue: Catalogue | None) -> dict[str, CatalogueMessage]:
    """Return the live messages the English draft uses: not a reviewed translation whose
    placeholders differ from its French (that sentence stays French; `check` says why)."""
    return {c: m for c, m in active_index(catalogue).items() if not _faulty(m)}


def _faulty(message: CatalogueMessage) -> bool:
    """Return True for a reviewed translation whose placeholders differ from its French."""
    found = _placeholders(message.msgstr)
    return bool(message.msgstr) and not message.fuzzy and found != _placeholders(message.msgid)


def counts(messages: list[Message], index: dict[str, CatalogueMessage]) -> Counter[str]:
    """Return how many messages are translated, fuzzy, untranslated."""
    return Counter(translation_of(m, index).state for m in messages)


def counts_line(found: Counter[str]) -> str:
    """Return « 12 à traduire, 3 à revoir, 140 à jour »."""
    return f"{found[UNTRANSLATED]} à traduire, {found[FUZZY]} à revoir, {found[TRANSLATED]} à jour"


def updated_catalogue(
    messages: list[Message],
    old: Catalogue | None,
    memory: dict[str, str],
    metadata: dict[str, str],
    header: str,
) -> Catalogue:
    """Return the catalogue for the current messages, the old one's translations kept, matched
    as msgmerge matches them (`_match`): a message whose French moved is fuzzy with its
    previous French; a new one takes an archived translation of the same French (fuzzy) or
    stays empty; an old message no current one took becomes obsolete."""
    olds = old.messages if old else ()
    french = {french_key(m.msgid) for m in messages}
    found = [_match(m, olds, french, memory) for m in messages]
    result = [_updated(m, match, memory) for m, match in zip(messages, found, strict=True)]
    taken = {id(match) for match in found if match is not None}
    result += _withdrawn([m for m in olds if id(m) not in taken])
    return Catalogue(tuple(result), metadata, header)


def _match(
    message: Message,
    olds: tuple[CatalogueMessage, ...],
    french: set[str],
    memory: dict[str, str],
) -> CatalogueMessage | None:
    """Return the old message a message takes its translation from: its context with the same
    French; else a reviewed translation of the same French (live or obsolete, from any
    context: ids that shift with their file's order keep their English); else, unless the
    archive knows that French, its context, when that old French is not drafted elsewhere."""
    same = next((m for m in olds if m.context == message.context and not m.obsolete), None)
    same = same or next((m for m in olds if m.context == message.context), None)
    key = french_key(message.msgid)
    if same is not None and french_key(same.msgid) == key:
        return same
    exact = [m for m in olds if french_key(m.msgid) == key and m.msgstr and not m.fuzzy]
    if exact:
        return min(exact, key=lambda m: m.obsolete)
    if same is None or french_key(same.msgid) in french or key in memory:
        return None
    return same


def _withdrawn(olds: list[CatalogueMessage]) -> list[CatalogueMessage]:
    """Return the old messages as obsolete, one per context and French (as msgfmt wants)."""
    kept: dict[tuple[str, str], CatalogueMessage] = {}
    for message in olds:
        kept.setdefault((message.context, message.msgid), replace(message, obsolete=True))
    return list(kept.values())


def _updated(
    message: Message, old: CatalogueMessage | None, memory: dict[str, str]
) -> CatalogueMessage:
    fresh = CatalogueMessage(
        context=message.context,
        msgid=message.msgid,
        extracted="\n".join(message.notes),
        occurrences=(message.occurrence,),
        flags=(BRACE_FLAG,),
    )
    if old is None or not old.msgstr:
        remembered = memory.get(french_key(message.msgid), "")
        kept = old.translator if old else ""
        return replace(fresh, msgstr=remembered, fuzzy=bool(remembered), translator=kept)
    moved = french_key(old.msgid) != french_key(message.msgid)
    previous = old.previous if old.fuzzy and old.previous else (old.msgid if moved else None)
    return replace(
        fresh,
        msgstr=old.msgstr,
        fuzzy=old.fuzzy or moved,
        previous=previous,
        translator=old.translator,
    )


def french_key(msgid: str) -> str:
    """Return a msgid as matched: without a list item's closing « ; » or « . », which
    catalogues written before drafter left them out of list items still carry."""
    return _CLOSING.sub("", msgid)


def translation_memory(catalogues: list[Catalogue]) -> dict[str, str]:
    """Return French → English from archived catalogues, the first catalogue winning (newest
    first): their translated, reviewed messages, live or obsolete."""
    memory: dict[str, str] = {}
    for catalogue in catalogues:
        for message in catalogue.messages:
            if message.msgstr.strip() and not message.fuzzy:
                memory.setdefault(french_key(message.msgid), message.msgstr)
    return memory


def placeholder_problems(catalogue: Catalogue, shown: str) -> list[Problem]:
    """Return a problem for each translation whose placeholders differ from its French: an
    error (the sentence stays French in the draft), a warning when it is to review anyway."""
    problems = []
    for message in catalogue.messages:
        if message.obsolete or not message.msgstr:
            continue
        expected, found = _placeholders(message.msgid), _placeholders(message.msgstr)
        if expected != found:
            text = (
                f"traduction de « {message.context} » : repères {_shown(message.msgid)} dans "
                f"le français, {_shown(message.msgstr)} dans l'anglais ; "
                "recopiez-les tels quels"
            )
            severity = Severity.WARNING if message.fuzzy else Severity.ERROR
            problems.append(Problem(shown, message.msgstr_line, 1, text, severity))
    return problems


def _placeholders(text: str) -> list[str]:
    """Return a text's placeholders, `{Date}` and `{date}` alike (drafter capitalises the
    date by its place in the sentence)."""
    return sorted(p.lower() for p in _PLACEHOLDER.findall(text))


def fill_dates(text: str, date: Callable[[bool], str]) -> str:
    """Return text with each `{date}`/`{Date}` replaced by `date(initial)`: capitalised at
    the start of the text or of a sentence, whatever case the translator wrote."""
    return _DATE.sub(lambda found: date(bool(_SENTENCE_START.search(text, 0, found.start()))), text)


def _shown(text: str) -> str:
    found = sorted(_PLACEHOLDER.findall(text), key=str.lower)
    return " ".join(found) if found else "aucun"
