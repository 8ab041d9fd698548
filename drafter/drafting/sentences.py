"""How an entry becomes a sentence (entries.md, "How an entry becomes a sentence")."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from drafter.drafting.languages import source_dates
from drafter.model import DateSpec, Entry

# How a sentence writes its date: the French phrase, or (for the English edition's catalogue)
# the placeholders `{date}` / `{Date}`.
DateWords = Callable[[DateSpec, bool], str]

_FINAL = (".", "!", "?", "…")


@lru_cache(maxsize=65_536)  # the draft, the comments and the checks all ask for it
def entry_sentence(entry: Entry) -> str:
    """Return the entry's sentence: first letter capitalised, final period added when missing."""
    return drafted_sentence(entry, source_dates().phrase)


def drafted_sentence(entry: Entry, date_words: DateWords) -> str:
    """Return the entry's sentence with its date written by `date_words`."""
    if entry.text is not None:
        text = entry.text.replace("{date}", date_words(entry.date, False))
        text = text.replace("{Date}", date_words(entry.date, True))
    else:
        text = _built_sentence(entry, date_words(entry.date, False))
    if entry.points:
        return capitalise(text.strip().rstrip(".:;,").rstrip() + " :")
    return finish_sentence(text)


def point_items(entry: Entry) -> list[str]:
    """Return the list items after the sentence: lowercase start, « ; » after each, « . » last."""
    items = [_lower_first(p.strip().rstrip(".;,").rstrip()) for p in entry.points]
    return [close_item(item, n == len(items)) for n, item in enumerate(items, start=1)]


def close_item(item: str, last: bool) -> str:
    """Return a list item closed by its place: « ; », or « . » after the last one."""
    return f"{item}." if last else f"{item} ;"


def _lower_first(text: str) -> str:
    """Lowercase the first letter unless the word is an acronym or a name (two capitals)."""
    word = text.split(" ", 1)[0]
    if sum(1 for c in word if c.isupper()) > 1:
        return text
    return text[:1].lower() + text[1:]


def _built_sentence(entry: Entry, date: str) -> str:
    position = "aucune" if entry.date.undated else entry.date_position
    head = [entry.link] if entry.link else []
    if position == "debut":
        head.append(date)
    body = f"{source_dates().join(list(entry.actors))} {entry.action}"
    if position == "fin":
        body += f", {date}"
    if entry.purpose:
        body += f", {entry.purpose}"
    return ", ".join([*head, body])


def finish_sentence(text: str) -> str:
    """Capitalise the first letter (nothing else) and end with a period unless already ended."""
    text = capitalise(text.strip())
    return text if text.endswith(_FINAL) else text + "."


def capitalise(text: str) -> str:
    """Return text with its first letter (not its first character) in capital."""
    for index, char in enumerate(text):
        if char.isalpha():
            return text[:index] + char.upper() + text[index + 1 :]
    return text


def first_words(text: str, count: int = 8) -> str:
    """Return the first words of a text, « … » when it goes on (how a note quotes a sentence)."""
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")
