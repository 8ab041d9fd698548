"""Whose a workbook and an entry are: the service `drafter tableur --service` names (compared
as people write names by model.same_name: « Séae » is « SEAE »), and the ASCII slug a file
name takes from it."""

from __future__ import annotations

import re
import unicodedata

from drafter.model import Entry


def slug(text: str) -> str:
    """Return `seae` for « SEAE », `dg-defis` for « DG DÉFIS » (ASCII, lower case, dashes)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def owner(entry: Entry) -> str:
    """Return the service an entry belongs to: the one its workbook named, else its
    contributor."""
    named = re.search(r"\[([^\]]+)\], [^,]+, \d+$", entry.spreadsheet or "")
    return named.group(1) if named else entry.contributor
