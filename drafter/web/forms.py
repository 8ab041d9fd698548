"""The entry form: its fields (their words: data/formulaire.yaml), form data <-> the YAML
nodes the CLI reads.

The form never validates anything itself: it turns what was typed into the positioned node
tree that `reading.entries.read_entry` reads from a file, one line per field, so that every
problem the CLI reports comes back at the field it concerns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from drafter.data import read_data
from drafter.errors import Problem
from drafter.reading.yaml_nodes import MAPPING, SCALAR, SEQUENCE, Node, read_documents, to_plain

FormData = Mapping[str, Sequence[str]]
GENERAL = ""  # problems that concern the entry as a whole


@dataclass(frozen=True)
class Field:
    """One field of the form: its key in the YAML entry, label, help text and widget."""

    key: str
    label: str
    help: str
    widget: str = "text"  # text, long, lines, date, select, multi, check, highlight
    choices: tuple[str, ...] = ()


def _fields() -> tuple[Field, ...]:
    """Return the form's fields, in page order, with their words (data/formulaire.yaml)."""
    data = to_plain(read_documents(read_data("formulaire.yaml"), "formulaire.yaml"))  # type: ignore[arg-type]
    assert isinstance(data, dict)
    return tuple(
        Field(
            key,
            str(words["libelle"]),
            str(words["aide"]),
            str(words.get("saisie", "text")),
            tuple(str(choice) for choice in words.get("choix", ())),
        )
        for key, words in data.items()
    )


FIELDS = _fields()
FIELD_KEYS = tuple(f.key for f in FIELDS)
HIGHLIGHT_TEXT = "a_souligner_texte"


def entry_node(form: FormData) -> Node:
    """Return the mapping node a file with these values would give, one line per field."""
    root = Node(MAPPING, 0, 1)
    for line, field in enumerate(FIELDS, start=1):
        value = _value_node(field, form, line, len(field.key) + 3)
        if value is not None:
            root.pairs.append((Node(SCALAR, line, 1, field.key), value))
    return root


def _value_node(field: Field, form: FormData, line: int, column: int) -> Node | None:
    """Return the value node of one field, or None when it was left empty."""
    texts = [t.strip() for t in form.get(field.key, ()) if t.strip()]
    if field.widget == "check":
        return Node(SCALAR, line, column, "true") if texts else None
    if field.widget == "highlight":
        return _highlight_node(form, texts, line, column)
    if field.widget == "multi":
        return _sequence(texts, line, column, plain=True) if texts else None
    if not texts:
        return None
    if field.widget == "lines":
        lines = [t.strip() for t in texts[0].splitlines() if t.strip()]
        if len(lines) > 1:
            return _sequence(lines, line, column, plain=False)
        return Node(SCALAR, line, column, lines[0], plain=False)
    if field.widget == "date":
        return _date_node(texts[0], line, column)
    return Node(SCALAR, line, column, texts[0], plain=field.widget != "select")


def _sequence(texts: list[str], line: int, column: int, plain: bool) -> Node:
    """Return a list node of scalars, all on the field's line."""
    items = [Node(SCALAR, line, column, t, plain=plain) for t in texts]
    return Node(SEQUENCE, line, column, items=items)


def _date_node(text: str, line: int, column: int) -> Node:
    """Return a date as YAML reads it: `[a, b]` is a list, anything else one plain scalar."""
    if text.startswith("[") and text.endswith("]"):
        parts = [p.strip() for p in text[1:-1].split(",") if p.strip()]
        return _sequence(parts, line, column, plain=True)
    return Node(SCALAR, line, column, text)


def _highlight_node(form: FormData, texts: list[str], line: int, column: int) -> Node | None:
    """Return `a_souligner`: its replacement text when given, else true when ticked."""
    replacement = [t.strip() for t in form.get(HIGHLIGHT_TEXT, ()) if t.strip()]
    if replacement:
        return Node(SCALAR, line, column, replacement[0], plain=False)
    return Node(SCALAR, line, column, "true") if texts else None


def problems_by_field(problems: list[Problem]) -> dict[str, list[Problem]]:
    """Return the problems grouped by the field they concern (GENERAL for the whole entry)."""
    grouped: dict[str, list[Problem]] = {}
    for problem in problems:
        grouped.setdefault(_field_of(problem), []).append(problem)
    return grouped


def _field_of(problem: Problem) -> str:
    """Return the field a problem concerns: by its line, or the field its message names."""
    if 1 <= problem.line <= len(FIELDS):
        return FIELDS[problem.line - 1].key
    named = [k for k in FIELD_KEYS if f"« {k} »" in problem.message]
    return named[0] if named else GENERAL


def form_values(node: Node) -> dict[str, list[str]]:
    """Return the form data that shows an entry node read from a file."""
    form: dict[str, list[str]] = {}
    for key, value in node.pairs if node.kind == MAPPING else []:
        texts = [i.text for i in value.items] if value.kind == SEQUENCE else [value.text]
        form[key.text] = _shown(key.text, value, texts)
    highlight = form.get("a_souligner", [])
    if highlight and highlight != ["true"]:
        form[HIGHLIGHT_TEXT], form["a_souligner"] = highlight, ["true"]
    return form


def _shown(key: str, value: Node, texts: list[str]) -> list[str]:
    """Return how one value reads in its form field."""
    if key == "date" and value.kind == SEQUENCE:
        return ["[" + ", ".join(texts) + "]"]
    if key in ("acteurs", "points"):
        return ["\n".join(texts)]
    return texts


def plain_values(node: Node) -> dict[str, str | list[str] | bool]:
    """Return the entry as the values a YAML writer needs: text, list of texts, or a boolean."""
    values: dict[str, str | list[str] | bool] = {}
    for key, value in node.pairs:
        if value.kind == SEQUENCE:
            values[key.text] = [item.text for item in value.items]
        elif value.plain and value.text in ("true", "false") and key.text != "contributeur":
            values[key.text] = value.text == "true"
        else:
            values[key.text] = value.text
    return values
