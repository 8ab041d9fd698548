"""Sentences of two texts paired by what they share: a highlight with the body sentence it
summarises, a French sentence with its English translation (`drafter reprendre`).

Translations share few words but keep their anchors: numbers, years, acronyms and names
(`EUNAVFOR MED IRINI`, `2021`, `CMX 22`); their lengths are close too. Alignment is a
Needleman-Wunsch walk over both lists in order, so that a sentence missing from a partial
edition leaves a gap instead of shifting every pair after it.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W_]+")
_ANCHOR = re.compile(r"\b(?:\d[\d.,]*|[A-Z][A-Za-z]*[A-Z][A-Za-z]*|[A-Z][a-z]{3,})\b")
HIGHLIGHT_MIN = 0.6  # share of a highlight's words found in the sentence it summarises
PAIR_MIN = 0.45  # score under which two sentences are not taken as translations
_GAP = 0.0


def content_words(text: str) -> set[str]:
    """Return the words that carry meaning: four letters or more, or with a digit."""
    return {w.lower() for w in _WORD.findall(text) if len(w) > 3 or any(c.isdigit() for c in w)}


def best_match(summary: str, candidates: list[str]) -> int | None:
    """Return the index of the candidate that holds most of the summary's words, if enough."""
    wanted = content_words(summary)
    if not wanted or not candidates:
        return None
    shares = [len(wanted & content_words(c)) / len(wanted) for c in candidates]
    best = max(range(len(candidates)), key=lambda i: shares[i])
    return best if shares[best] >= HIGHLIGHT_MIN else None


def anchors(text: str) -> set[str]:
    """Return a sentence's anchors, the same in any language: numbers, acronyms, names (a
    capital after the first word: the first has one anyway)."""
    rest = text.split(" ", 1)[1] if " " in text else ""
    return {a.rstrip(".,") for a in _ANCHOR.findall(rest)} - {""}


def similarity(french: str, english: str, equivalents: dict[str, str]) -> float:
    """Return how likely english translates french, from 0 to 1; `equivalents` give the
    English of the French acronyms that change (UE: EU)."""
    left = {equivalents.get(a, a) for a in anchors(french)}
    right = anchors(english)
    shared = 2 * len(left & right) / (len(left) + len(right)) if left or right else 0.5
    lengths = min(len(french), len(english)) / max(len(french), len(english), 1)
    return 0.6 * shared + 0.4 * lengths


def align(french: list[str], english: list[str], equivalents: dict[str, str]) -> list[int | None]:
    """Return, for each French sentence, the index of its English sentence (None: none)."""
    rows, cols = len(french), len(english)
    score = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    pairs = [[similarity(f, e, equivalents) for e in english] for f in french]
    for i in range(1, rows + 1):
        for j in range(1, cols + 1):
            pair = pairs[i - 1][j - 1]
            matched = score[i - 1][j - 1] + pair if pair >= PAIR_MIN else float("-inf")
            score[i][j] = max(matched, score[i - 1][j] + _GAP, score[i][j - 1] + _GAP)
    return _walk_back(score, pairs, rows, cols)


def _walk_back(
    score: list[list[float]], pairs: list[list[float]], i: int, j: int
) -> list[int | None]:
    found: list[int | None] = [None] * i
    while i > 0 and j > 0:
        pair = pairs[i - 1][j - 1]
        if pair >= PAIR_MIN and score[i][j] == score[i - 1][j - 1] + pair:
            found[i - 1] = j - 1
            i, j = i - 1, j - 1
        elif score[i][j] == score[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return found
