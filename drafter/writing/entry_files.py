"""Entry files written by drafter (imported rows, the web form): new YAML text in the shape
`drafter new` writes, and one entry of an existing file updated with its comments kept.
The only ruamel.yaml importer (PyYAML cannot keep comments).

Values come in the contract's form: strings, lists of strings, booleans; None removes a key.
"""

from __future__ import annotations

import io
from functools import cache
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString

from drafter.data import read_data
from drafter.errors import DrafterError, unlocated

# Written as `>-` block scalars: French text with « : », « # » or a leading « { » stays text.
BLOCK_KEYS = frozenset({"acteurs", "action", "texte", "but", "lien", "source", "a_souligner"})
# Short lists stay on one line: `date: [2022-06, 2022-12]`.
FLOW_KEYS = frozenset({"date", "propositions"})


@cache
def field_comments() -> dict[str, str]:
    """Return the French comment of each field, in the order fields are written."""
    text = read_data("champs.yaml")
    return {str(k): str(v) for k, v in _yaml().load(text).items()}


def _yaml(offset: int = 2) -> YAML:
    """Return a round-trip YAML whose lists are indented `offset` spaces before the dash."""
    yaml = YAML(typ="rt")
    yaml.width = 100
    yaml.indent(mapping=2, sequence=offset + 2, offset=offset)
    yaml.preserve_quotes = True
    return yaml


def new_entry_text(values: dict[str, Any], heading: str = "") -> str:
    """Return the YAML text of a new file holding one entry, a comment above each field."""
    entry = CommentedMap()
    _update(entry, values, indent=0)
    text = _dump(entry)
    return "".join(f"# {line}\n" for line in heading.splitlines()) + text


def entry_list_text(entries: list[dict[str, Any]], heading: str = "") -> str:
    """Return the YAML text of a new file holding a list of entries, in the given order."""
    document = CommentedSeq()
    for values in entries:
        entry = CommentedMap()
        _update(entry, values, indent=None)
        document.append(entry)
    return "".join(f"# {line}\n" for line in heading.splitlines()) + _dump(document)


def update_entry_text(text: str, index: int, values: dict[str, Any]) -> str:
    """Return the file text with entry `index` updated; comments and other entries kept."""
    document = _yaml().load(text)
    offset = _list_offset(text)
    entry = document if isinstance(document, CommentedMap) else None
    if isinstance(document, CommentedSeq) and 0 <= index < len(document):
        entry = document[index]
    if not isinstance(entry, CommentedMap) or (entry is document and index != 0):
        raise DrafterError([unlocated(f"entrée n° {index + 1} introuvable dans le fichier")])
    _update(entry, values, indent=0 if entry is document else offset + 2)
    return _dump(document, offset)


def _update(entry: CommentedMap, values: dict[str, Any], indent: int | None) -> None:
    """Set, add or remove keys; a new key gets its comment at `indent` (None: no comment)."""
    order = list(field_comments())
    for key, value in values.items():
        if value is None or value == "" or value == []:
            entry.pop(key, None)
            continue
        new = key not in entry
        if not new and isinstance(entry[key], CommentedSeq) and isinstance(value, list | tuple):
            _replace_items(entry[key], [str(v) for v in value])
            continue
        entry[key] = _node(key, value)
        if new:
            _move_into_place(entry, key, order)
        # A comment before an item's first key would land between "-" and the key.
        if new and indent is not None and (indent == 0 or key != next(iter(entry))):
            entry.yaml_set_comment_before_after_key(key, before=_comment(key), indent=indent)


def _replace_items(seq: CommentedSeq, items: list[str]) -> None:
    """Replace a list's items in place: the comment written after its last item (which YAML
    keeps with the list, though it stands above the next key) moves to the new last item."""
    trailing = seq.ca.items.pop(len(seq) - 1, None) if len(seq) else None
    seq[:] = items
    if trailing is not None and items:
        seq.ca.items[len(items) - 1] = trailing


def _move_into_place(entry: CommentedMap, key: str, order: list[str]) -> None:
    rank = order.index(key) if key in order else len(order)
    keys = list(entry)
    later = [k for k in keys if k != key and (order.index(k) if k in order else len(order)) > rank]
    if later:
        value = entry.pop(key)
        entry.insert(keys.index(later[0]), key, value)


def _comment(key: str) -> str | None:
    return field_comments().get(key)


def _node(key: str, value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, list | tuple):
        seq = CommentedSeq([str(v) for v in value])
        if key in FLOW_KEYS:
            seq.fa.set_flow_style()
        return seq
    text = str(value)
    return FoldedScalarString(text) if key in BLOCK_KEYS else text


def _list_offset(text: str) -> int:
    """Return how far the file indents a list's dash past its parent: a top-level list's
    dash when the file is a list, else the first nested list's (2 when there is none)."""
    parent = None
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("- "):
            return indent if parent is None else max(indent - parent, 0)
        parent = indent if stripped.rstrip().endswith(":") else None
    return 2


def _dump(document: Any, offset: int = 2) -> str:
    stream = io.StringIO()
    _yaml(offset).dump(document, stream)
    return stream.getvalue()
