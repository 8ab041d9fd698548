"""Positioned YAML nodes -> typed values, collecting every problem with its line."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from drafter.errors import Problem, Severity
from drafter.model import DateSpec
from drafter.reading.date_parsing import UNDATED, DateSpecError, parse_point, parse_spec
from drafter.reading.yaml_nodes import MAPPING, QUOTE_HINT, SCALAR, SEQUENCE, Node

MAX_FIELD = 10_000
# C0 controls but tab/newline/CR, DEL, C1 controls, lone surrogates, non-characters:
# Word cannot store them (python-docx raises a bare ValueError on them).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(r"[ \t\r\n]+")  # not \s: no-break spaces are kept
_TRUE, _FALSE = ("true", "True", "TRUE"), ("false", "False", "FALSE")


class Reader:
    """Reads typed values out of one file's nodes and keeps the problems it meets."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def error_count(self) -> int:
        """Return how many errors (not warnings) were recorded so far."""
        return sum(1 for p in self.problems if p.is_error)

    def error(self, node: Node, message: str) -> None:
        """Record an error at the node's position."""
        self.problems.append(Problem(self.path, node.line, node.column, message))

    def warn(self, node: Node, message: str) -> None:
        """Record a warning at the node's position."""
        self.problems.append(Problem(self.path, node.line, node.column, message, Severity.WARNING))

    def mapping(self, node: Node, known: Iterable[str], what: str) -> dict[str, Node] | None:
        """Return the mapping's values by key, reporting duplicate and unknown keys."""
        if node.kind != MAPPING:
            self.error(node, f"{what} s'écrit sous la forme « clé: valeur »")
            return None
        known = known if isinstance(known, frozenset) else frozenset(known)
        values: dict[str, Node] = {}
        for key, value in node.pairs:
            if self._check_key(key, known, values):
                values[key.text] = value
        return values

    def _check_key(self, key: Node, known: frozenset[str], seen: dict[str, Node]) -> bool:
        if key.kind != SCALAR:
            self.error(key, "clé illisible : une clé est un mot simple suivi de « : »")
            return False
        if key.text in seen:
            first = seen[key.text]
            self.error(
                key,
                f"clé « {key.text} » en double (déjà ligne {first.line}) : gardez-en une seule",
            )
            return False
        if key.text not in known:
            self.error(key, f"clé inconnue « {key.text} »{suggest(key.text, sorted(known))}")
            return False
        return True

    def text(self, node: Node, key: str) -> str | None:
        """Return a scalar as one-line text (block scalars folded), or None with a problem."""
        if node.kind != SCALAR:
            hint = f" ; {QUOTE_HINT}" if node.kind == MAPPING else ""
            self.error(
                node,
                f"« {key} » doit être un texte, pas une "
                f"{'liste' if node.kind == SEQUENCE else 'structure'}{hint}",
            )
            return None
        text = node.text.strip()
        if not text or node.is_null():
            self.error(node, f"« {key} » est vide : complétez-le ou retirez la ligne")
            return None
        if node.cut_by_comment:
            self.warn(
                node,
                f"« {key} » s'arrête avant « # » : en YAML, « # » après une espace "
                f"ouvre un commentaire ; {QUOTE_HINT} pour garder la suite du texte",
            )
        checked = self._checked_text(node, key, text)
        return None if checked is None else _one_line(checked)

    def _checked_text(self, node: Node, key: str, text: str) -> str | None:
        if len(text) > MAX_FIELD:
            self.error(
                node,
                f"« {key} » dépasse la limite de {MAX_FIELD} caractères "
                f"({len(text)}) : résumez ou scindez l'entrée",
            )
            return None
        if bad := _CONTROL.search(text):
            self.error(
                node,
                f"caractère de contrôle interdit (U+{ord(bad.group()):04X}) dans "
                f"« {key} » : Word ne peut pas l'enregistrer ; supprimez-le",
            )
            return None
        return text

    def texts(self, node: Node, key: str) -> tuple[str, ...] | None:
        """Return a text or a list of texts."""
        if node.kind != SEQUENCE:
            text = self.text(node, key)
            return None if text is None else (text,)
        values = [self.text(item, key) for item in node.items]
        if not values:
            self.error(node, f"« {key} » est une liste vide")
        if not values or None in values:
            return None
        return tuple(v for v in values if v is not None)

    def boolean(self, node: Node, key: str) -> bool | None:
        """Return true/false, refusing YAML 1.1 spellings (yes, no, oui…)."""
        if node.kind == SCALAR and node.plain and node.text in _TRUE + _FALSE:
            return node.text in _TRUE
        self.error(node, f"« {key} » vaut true ou false")
        return None

    def choice(self, node: Node, key: str, choices: tuple[str, ...]) -> str | None:
        """Return one of the allowed words."""
        value = self.text(node, key)
        if value is not None and value not in choices:
            self.error(
                node,
                f"« {key} » vaut {' ou '.join(choices)}, pas « {value} »{suggest(value, choices)}",
            )
            return None
        return value

    def integer(self, node: Node, key: str, minimum: int = 0, maximum: int = 10**9) -> int | None:
        """Return a whole number between `minimum` and `maximum`."""
        digits = node.kind == SCALAR and node.plain and re.fullmatch(r"[0-9]{1,10}", node.text)
        if digits and minimum <= int(node.text) <= maximum:
            return int(node.text)
        self.error(node, f"« {key} » doit être un nombre entier de {minimum} à {maximum}")
        return None

    def identifier(self, node: Node, key: str, pattern: str = r"[a-z0-9-]+") -> str | None:
        """Return an id made of the characters the pattern allows."""
        value = self.text(node, key)
        if value is not None and not re.fullmatch(pattern, value):
            self.error(
                node,
                f"« {key} » : identifiant « {value} » invalide (lettres minuscules "
                "sans accent, chiffres et tirets)",
            )
            return None
        return value

    def date_spec(self, node: Node, key: str) -> DateSpec | None:
        """Return a date spec from a scalar or a flat list of scalars."""
        if node.kind == MAPPING or any(i.kind != SCALAR for i in node.items):
            self.error(node, f"« {key} » : une date ou une liste de dates [2022-06, 2022-12]")
            return None
        written = [item.text for item in node.items] if node.kind == SEQUENCE else node.text
        try:
            return parse_spec(written)
        except DateSpecError as exc:
            error = str(exc)
        # a date that cannot be read is reported at its own position (a list item), before
        # what is wrong with the list as a whole
        items = node.items if node.kind == SEQUENCE else [node]
        if all(self._date_point(item) for item in items):
            self.error(node, error)
        return None

    def _date_point(self, node: Node) -> bool:
        """Check one written date, reporting a bad one at its own position (a list item)."""
        if node.text.strip() == UNDATED and not node.items:
            return True
        try:
            parse_point(node.text)
        except DateSpecError as exc:
            self.error(node, str(exc))
            return False
        return True


def _one_line(text: str) -> str:
    """Return text with each run of spaces, tabs and line breaks as one space.

    Most values have none to fold: four substring tests are some forty times faster than
    the substitution, which replaces every single space with itself."""
    if "  " in text or "\n" in text or "\t" in text or "\r" in text:
        return _SPACES.sub(" ", text)
    return text


def suggest(word: str, known: Iterable[str]) -> str:
    """Return « : vouliez-vous dire « X » ? » for the closest known word, or nothing."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f" : vouliez-vous dire « {close[0]} » ?" if close else ""
