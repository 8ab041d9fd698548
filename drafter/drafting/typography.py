r"""Typography (french.md, english.md), applied to every text that reaches the document: one
engine, a rule table per language (data/typographie/<language>.toml). Idempotent.

A table lists its protected runs (each with a key substring it cannot match without) and its
rules in order: a name, a cheap trigger (a pattern without which the rule cannot apply, so most
rules are skipped on most strings), and what the rule does, one of a closed set of kinds
(`KINDS`): a regular expression's substitution, or what one cannot do (a space before marks,
by splitting; outside « » quotes; a group in lowercase; digits regrouped; always-wrong words;
the report's apostrophe). Protected runs are hidden as \ue000N\ue001 slots while the rules
run, and put back after. A language without a table is an error at load, not French.

The tables are TOML, read by the standard library: drafting does not import reading, which
owns PyYAML (style.md). Loading checks every rule (kind, fields, pattern) and reports every
problem at once, `path:line:column`, naming the rule.

Speed: `re` skips straight to a pattern's first character when it is a literal (or one of a
set), but tries every position of the text when the pattern starts with an assertion (`\b`, a
lookbehind). So the tables' patterns start with their characters and check what precedes them
afterwards: `1(?<!\w1)` is `\b1`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.data import data_file

if TYPE_CHECKING:  # the tables' reader (and tomllib) is imported when a table is loaded
    from drafter.drafting.typography_tables import Row

NBSP = "\u00a0"
NNBSP = "\u202f"
SPACES = " \u00a0\u202f"
_SLOT = re.compile("\ue000(\\d+)\ue001")
_QUOTED = re.compile("(«[^»\n]*»)")
Apply = Callable[[str], str]
_MEMO_LENGTH, _MEMO_SIZE = 2_000, 512  # what a text and how many texts the engine remembers


@dataclass(frozen=True)
class Rule:
    """One rule of a table: applied only when its trigger is found in the text."""

    name: str
    trigger: re.Pattern[str] | None
    apply: Apply


def _substitute(row: Row, apostrophe: str) -> Apply:
    """Return the rule: the pattern's matches replaced (`\\1`: the first group)."""
    return _sub(row.pattern, row.replacement)


def _sub(pattern: re.Pattern[str], replacement: str | Callable[[re.Match[str]], str]) -> Apply:
    return partial(pattern.sub, replacement)  # no Python frame per call: rules run per text


def _space_before(row: Row, apostrophe: str) -> Apply:
    """Return the rule: the spaces before each mark made `space` (added where missing if
    `added`).

    Done by splitting the text at the marks: a pattern that starts with a run of spaces is
    tried at every position of a large draft, six times slower."""
    at_marks = re.compile(f"([{re.escape(row.marks)}])")
    space, added = row.space, row.added

    def apply(text: str) -> str:
        parts = at_marks.split(text)  # text, mark, text, mark, …, text
        for index in range(0, len(parts) - 1, 2):
            kept = parts[index].rstrip(SPACES)
            if added or kept != parts[index]:
                parts[index] = kept + space
        return "".join(parts)

    return apply


def _outside_quotes(row: Row, apostrophe: str) -> Apply:
    """Return the rule: its substitution outside « … » quotes (an English title keeps its colon)."""
    pattern, replacement = row.pattern, row.replacement

    def apply(text: str) -> str:
        parts = _QUOTED.split(text)  # outside, quoted, outside, …
        for index in range(0, len(parts), 2):
            parts[index] = pattern.sub(replacement, parts[index])
        return "".join(parts)

    return apply


def _lowercase(row: Row, apostrophe: str) -> Apply:
    """Return the rule: each match replaced by its first group in lowercase."""
    return _sub(row.pattern, lambda m: m.group(1).lower())


def _thousands(row: Row, apostrophe: str) -> Apply:
    """Return the rule: each match replaced by its first group, its spaces made the separator."""
    spaces = re.compile(f"[{SPACES}]")
    separator = row.separator
    return _sub(row.pattern, lambda m: spaces.sub(separator, m.group(1)))


def _words(row: Row, apostrophe: str) -> Apply:
    """Return the rule: the always-wrong words made right (a final apostrophe kept as typed)."""
    table, pattern = row.words, row.pattern

    def right(match: re.Match[str]) -> str:
        wrong = match.group(1)
        return table[wrong.replace("’", "'")].replace("'", wrong[-1])

    return _sub(pattern, right)


def _apostrophe(row: Row, apostrophe: str) -> Apply:
    """Return the rule: both apostrophes made the report's."""

    def apply(text: str) -> str:
        return text.replace("'", apostrophe).replace("\u2019", apostrophe)

    return apply


# The kinds of rule a table can name (`genre`), each made once here, with the fields it takes.
KINDS: dict[str, tuple[Callable[[Row, str], Apply], tuple[str, ...]]] = {
    "remplacement": (_substitute, ("motif", "remplacement")),
    "espace-avant": (_space_before, ("signes", "espace", "ajoutee")),
    "hors-guillemets": (_outside_quotes, ("motif", "remplacement")),
    "minuscules": (_lowercase, ("motif",)),
    "milliers": (_thousands, ("motif", "separateur")),
    "mots": (_words, ("fichier",)),
    "apostrophe": (_apostrophe, ()),
}


class Typography:
    """A language's typography: its protected runs and its rules, applied in order."""

    def __init__(self, language: str, runs: tuple[tuple[str, str], ...], rows: tuple[Row, ...]):
        self.language = language
        self._keys = tuple(key for key, _ in runs)
        self._runs = tuple(run for _, run in runs)
        self._rows = rows
        self._joined: dict[tuple[bool, ...], re.Pattern[str] | None] = {}
        self._rules: dict[str, tuple[Rule, ...]] = {}
        self._recent: dict[tuple[str, str], str] = {}

    def rules(self, apostrophe: str = "\u2019") -> tuple[Rule, ...]:
        """Return the rules, in order, for a report written with this apostrophe."""
        found = self._rules.get(apostrophe)
        if found is None:
            found = self._rules[apostrophe] = tuple(
                Rule(row.name, row.trigger, KINDS[row.kind][0](row, apostrophe))
                for row in self._rows
            )
        return found

    def __call__(self, text: str, apostrophe: str = "\u2019") -> str:
        """Return text with the rules applied outside the protected runs; applying it twice
        changes nothing. A sentence's text comes back several times in a row (its message,
        its comment, its French placeholder): the last results are kept, a few hundred short
        texts, cleared when full (the table never changes, so they cannot go stale)."""
        if len(text) > _MEMO_LENGTH:
            return self._apply(text, apostrophe)
        key = (text, apostrophe)
        found = self._recent.get(key)
        if found is None:
            if len(self._recent) >= _MEMO_SIZE:
                self._recent.clear()
            found = self._recent[key] = self._apply(text, apostrophe)
        return found

    def _apply(self, text: str, apostrophe: str) -> str:
        """Return text with the rules applied outside the protected runs."""
        protected: list[str] = []

        def hide(match: re.Match[str]) -> str:
            protected.append(match.group(0))
            return f"\ue000{len(protected) - 1}\ue001"

        pattern = self._protected_pattern(text)
        if pattern is not None:
            text = pattern.sub(hide, text)
        for rule in self.rules(apostrophe):
            if rule.trigger is None or rule.trigger.search(text):
                text = rule.apply(text)
        return _SLOT.sub(lambda m: protected[int(m.group(1))], text) if protected else text

    def _protected_pattern(self, text: str) -> re.Pattern[str] | None:
        """Return one pattern of the runs whose key is in text (one that cannot match
        changes no match), or None: the slow e-mail run costs nothing without "@"."""
        present = tuple(key in text for key in self._keys)
        if present in self._joined:
            return self._joined[present]
        runs = [run for run, keep in zip(self._runs, present, strict=True) if keep]
        joined = re.compile("|".join(runs), re.MULTILINE) if runs else None
        self._joined[present] = joined
        return joined


def load_typography(path: Path, language: str) -> Typography:
    """Return the typography of a rule table (raises DrafterError naming the file, the rule
    and the line of every problem)."""
    from drafter.drafting.typography_tables import load_rows

    runs, rows = load_rows(path, language, {k: f for k, (_, f) in KINDS.items()})
    return Typography(language, runs, rows)


@cache
def typography_of(language: str) -> Typography:
    """Return the typography of a language, from drafter's data/typographie/<language>.toml."""
    return load_typography(data_file(f"typographie/{language}.toml"), language)


def apply_typography(text: str, apostrophe: str = "\u2019") -> str:
    """Return text with French typographic rules applied; applying it twice changes nothing."""
    return typography_of("fr")(text, apostrophe)
