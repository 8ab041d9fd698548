"""How an entry becomes a sentence (entries.md, "How an entry becomes a sentence")."""

from __future__ import annotations

from drafter.drafting.dates import join_words, phrase
from drafter.model import Entry

_FINAL = (".", "!", "?", "…")


def entry_sentence(entry: Entry) -> str:
    """Return the entry's sentence: first letter capitalised, final period added when missing."""
    if entry.text is not None:
        text = entry.text.replace("{date}", phrase(entry.date))
        text = text.replace("{Date}", phrase(entry.date, initial=True))
    else:
        text = _built_sentence(entry)
    return finish_sentence(text)


def _built_sentence(entry: Entry) -> str:
    position = "aucune" if entry.date.undated else entry.date_position
    date = phrase(entry.date)
    head = [entry.link] if entry.link else []
    if position == "debut":
        head.append(date)
    body = f"{join_words(list(entry.actors))} {entry.action}"
    if position == "fin":
        body += f", {date}"
    if entry.purpose:
        body += f", {entry.purpose}"
    return ", ".join([*head, body])


def finish_sentence(text: str) -> str:
    """Capitalise the first letter (nothing else) and end with a period unless already ended."""
    text = text.strip()
    for index, char in enumerate(text):
        if char.isalpha():
            text = text[:index] + char.upper() + text[index + 1 :]
            break
    return text if text.endswith(_FINAL) else text + "."
