r"""French typography (french.md), applied to every text that reaches the document. Idempotent.

Each rule is a row of a table: a name, a cheap trigger (a pattern without which the rule
cannot apply, so most rules are skipped on most strings) and a regular expression. Words that
are always wrong (`oeuvre`, `Etats`) come from `data/corrections.tsv`.

Speed: `re` skips straight to a pattern's first character when it is a literal (or one of a
set), but tries every position of the text when the pattern starts with an assertion (`\b`, a
lookbehind). So patterns start with their characters and check what precedes them afterwards:
`1(?<!\w1)` is `\b1`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial

from drafter.data import read_data

NBSP = "\u00a0"
NNBSP = "\u202f"
SPACES = " \u00a0\u202f"
_MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"

# Runs that typography must never touch: a sentence mark's id (its comment text is French and
# gets the rules with the rest), other Markdown comments and fences, URLs, e-mail addresses,
# times (10:30). Each run comes with a substring it cannot match without: the pattern joins only
# the runs whose substring is in the text (one that cannot match changes no match), so the
# slow e-mail run costs nothing in a draft without "@". A time is spelt with one alternative
# per first digit: a pattern whose alternatives all start with a literal character lets `re`
# skip straight to those characters.
_PROTECTED_RUNS = (
    ("<!--§ ", r"<!--§ .*?(?: § |-->)"),
    ("-->", r"-->"),
    ("<!--", r"<!--.*?-->"),
    (":::", r":::(?<![^\n]:::).*$"),  # a fence line: `^:::`, spelt to start with its colons
    ("://", r"(?:https?|ftp)://[^\s<>«»\"]+[^\s<>«»\".,;:!?)]"),
    ("www.", r"www\.[^\s<>«»\"]+[^\s<>«»\".,;:!?)]"),
    ("@", r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    (":", "|".join(rf"{digit}(?<!\w{digit})\d?:\d{{2}}\b" for digit in "0123456789")),
)
_SLOT = re.compile("\ue000(\\d+)\ue001")
Replacement = str | Callable[[re.Match[str]], str]


@dataclass(frozen=True)
class Rule:
    """One typographic rule: applied only when its trigger is found in the text."""

    name: str
    trigger: re.Pattern[str]
    apply: Callable[[str], str]


def _rule(name: str, trigger: str, pattern: str, replacement: Replacement) -> Rule:
    return Rule(name, re.compile(trigger), partial(re.compile(pattern).sub, replacement))


def _space_before(name: str, marks: str, space: str, *, added: bool) -> Rule:
    """The rule `[SPACES]+(mark)` -> `space mark` (`[SPACES]*` when the space is `added`
    where missing), for each character of `marks`. Done by splitting the text at the marks:
    a pattern that starts with a run of spaces is tried at every position of a large draft,
    six times slower."""
    at_marks = re.compile(f"([{re.escape(marks)}])")
    return Rule(name, at_marks, partial(_spaced, at_marks, space, added))


def _spaced(at_marks: re.Pattern[str], space: str, added: bool, text: str) -> str:
    parts = at_marks.split(text)  # text, mark, text, mark, …, text
    for index in range(0, len(parts) - 1, 2):
        kept = parts[index].rstrip(SPACES)
        if added or kept != parts[index]:
            parts[index] = kept + space
    return "".join(parts)


_QUOTED = re.compile("(«[^»\n]*»)")
_COLON_AFTER_LETTER = re.compile(f":(?<=[^\\W\\d_]:)(?=[\\s{SPACES}]|$)")


def _colon_after_word(text: str) -> str:
    """Return text with `mot:` made `mot\u00a0:` outside « … » quotes."""
    parts = _QUOTED.split(text)  # outside, quoted, outside, …
    for index in range(0, len(parts), 2):
        parts[index] = _COLON_AFTER_LETTER.sub(f"{NBSP}:", parts[index])
    return "".join(parts)


def _month_before() -> str:
    """Return the alternation « a whole month name and a space end here », for a pattern at
    the space (one fixed-width lookbehind per month: a lookbehind has a fixed width)."""
    return "|".join(f"(?<={month} )(?<!\\w{month} )" for month in _MONTHS.split("|"))


RULES: tuple[Rule, ...] = (
    # white space first: the later rules see single spaces (« 74  propositions »)
    _rule("espaces doubles", "  ", r"(?<=\S) {2,}(?=\S)", " "),
    _rule("guillemets droits", '"', r'"\s*([^"\n]*?)\s*"', "« \\1 »"),
    _rule(
        "apostrophes droites autour d'un mot",
        "'",
        r"'(?<![\w'’]')([^'’\n]{1,60}?)'(?![\w'’])",
        "« \\1 »",
    ),
    _rule("après «", "«", f"«[{SPACES}]*", f"«{NBSP}"),
    _space_before("avant »", "»", NBSP, added=True),
    # an existing space before a colon becomes no-break; a missing one is not added
    _space_before("avant :", ":", NBSP, added=False),
    # a colon straight after a word gets its no-break space too (« prioritaire: 3 »), but not
    # inside « … » (an English title keeps its colon), nor in a time, URL or reference (the
    # colon must follow a letter and precede a space)
    Rule("espace manquante avant :", re.compile(":"), _colon_after_word),
    # narrow no-break space before ; ! ? (an existing space becomes one; added when missing)
    _space_before("avant ; ! ?", ";!?", NNBSP, added=False),
    _rule(
        "espace manquante avant ; ! ?",
        "[;!?]",
        f"([;!?])(?<=[^{SPACES}\\n;!?\\\\][;!?])",
        f"{NNBSP}\\1",
    ),
    # the trigger is `\d(?:ème|eme)`, spelt to start with a literal
    _rule("ordinaux en ème", r"me(?<=\d[eè]me)", r"\b(\d+)(?:ème|eme)\b", "\\1e"),
    _rule("ordinal 1ère", "1", r"1(?<!\w1)(?:ère|ere)\b", "1re"),
    _rule("1er du mois", "1", rf"1(?<!\w1)(?= ({_MONTHS})\b)", "1er"),
    _rule(
        "mois en minuscules",
        "Janvier|Février|Mars|Avril|Mai|Juin|Juillet|Août|Septembre|Octobre|Novembre|Décembre",
        rf"(?<=[\wà-ÿ{SPACES}]{{2}}[{SPACES}])({_MONTHS.title()})(?=[{SPACES}]\d{{4}}\b)",
        lambda m: m.group(1).lower(),
    ),
    _rule("etc...", "etc", r"etc(?<!\wetc)(?:\.{2,}|…)", "etc."),
    _rule("tiret entre deux sigles", "–|—", r"\b([A-Z]{2,})\s?[–—]\s?([A-Z]{2,})\b", "\\1-\\2"),
    # no-break space between a short number and what it counts (not years)
    _rule(
        "espace insécable après un nombre",
        "[0-9]",
        # not in a name: « COVID-19 sur », « CMX 22 de l'OTAN »
        r"(\d(?<![\d.,-]\d)(?<![A-Z]{2} \d)\d{0,2}(?:er|re|e)?) (?=[a-zà-ÿœ])",
        f"\\1{NBSP}",
    ),
    _rule(
        "espace insécable dans une date",
        " [12]",
        # `\b(mois) (?=\d{4}\b)`, spelt from the space: a year must follow, then a month precede
        rf" (?=\d{{4}}\b)(?:{_month_before()})",
        NBSP,
    ),
    _rule("espace avant . ou ,", " [.,]", r"(?<=\w) +(?=[.,](?:\s|$))", ""),
)


@cache
def corrections() -> tuple[dict[str, str], re.Pattern[str] | None]:
    """Return the always-wrong words with their right form, and one pattern matching them."""
    text = read_data("corrections.tsv")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            wrong, right = line.split("\t")
            table[wrong] = right
            table[wrong[:1].upper() + wrong[1:]] = right[:1].upper() + right[1:]
    words = sorted(table, key=len, reverse=True)
    return table, re.compile(f"({_words_pattern(words)})") if words else None


def _words_pattern(words: list[str]) -> str:
    r"""Return `(?<![\w-])(?:words)`, the words whole and tried in the given order.

    Spelt as one branch per first letter, the letter first (module docstring): at each letter of the
    text `re` tries the branches' letters, not every word after a lookbehind.
    """
    by_letter: dict[str, list[str]] = {}
    for word in words:
        by_letter.setdefault(word[:1], []).append(word)
    return "|".join(
        f"{re.escape(letter)}(?<![\\w-]{re.escape(letter)})(?:{'|'.join(map(_tail, group))})"
        for letter, group in by_letter.items()
    )


def _tail(word: str) -> str:
    """Return the pattern of a whole word past its first letter; `A l'` takes either apostrophe."""
    if word.endswith("'"):
        return re.escape(word[1:-1]) + "['’]"
    return re.escape(word[1:]) + r"(?![\w-])"


def apply_typography(text: str, apostrophe: str = "\u2019") -> str:
    """Return text with French typographic rules applied; applying it twice changes nothing."""
    protected: list[str] = []

    def hide(match: re.Match[str]) -> str:
        protected.append(match.group(0))
        return f"\ue000{len(protected) - 1}\ue001"

    pattern = _protected_pattern(text)
    if pattern is not None:
        text = pattern.sub(hide, text)
    for rule in RULES:
        if rule.trigger.search(text):
            text = rule.apply(text)
    text = _correct_words(text)
    if "'" in text or "’" in text:
        text = text.replace("'", apostrophe).replace("\u2019", apostrophe)
    return _SLOT.sub(lambda m: protected[int(m.group(1))], text) if protected else text


def _protected_pattern(text: str) -> re.Pattern[str] | None:
    """Return the pattern of the protected runs that can occur in text, or None to keep all.

    A text without any of `<`, `:`, `@` and `www` keeps even its `-->` unprotected (as always).
    """
    if not ("<" in text or ":" in text or "@" in text or "www" in text):
        return None
    return _joined_runs(tuple(key in text for key, _ in _PROTECTED_RUNS))


@cache
def _joined_runs(present: tuple[bool, ...]) -> re.Pattern[str] | None:
    """Return one pattern of the runs of _PROTECTED_RUNS marked present, if any."""
    runs = [run for (_, run), keep in zip(_PROTECTED_RUNS, present, strict=True) if keep]
    return re.compile("|".join(runs), re.MULTILINE) if runs else None


def _correct_words(text: str) -> str:
    table, pattern = corrections()
    if pattern is None or not ("oe" in text or "E" in text or "A " in text):
        return text
    return pattern.sub(
        lambda m: table[m.group(1).replace("’", "'")].replace("'", m.group(1)[-1]), text
    )
