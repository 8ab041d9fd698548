"""What an import writes: each row's values -> the text of its entry file, new or updated in
place (only the fields that changed, so comments and layout stay)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from drafter.reading.yaml_nodes import SEQUENCE, Node, read_documents
from drafter.writing.entry_files import new_entry_text, update_entry_text

_HEADING = (
    "Importé par « drafter importer » du classeur {origin} (classeur, feuille, ligne).\n"
    "Corrigez de préférence le classeur et réimportez-le : ce fichier sera mis à jour."
)


@dataclass(frozen=True)
class Row:
    """A valid row: where its entry goes and the values its file holds."""

    shown: str
    origin: str
    target: Path
    index: int | None  # entry index in an existing file; None writes a new file
    values: dict[str, object]
    cell: str
    identity: str


def texts_of(rows: list[Row]) -> dict[Path, str]:
    """Return the new text of every file the rows change, updates applied in row order."""
    texts: dict[Path, str] = {}
    for row in rows:
        if row.index is None:
            texts[row.target] = new_entry_text(row.values, _HEADING.format(origin=row.origin))
        else:
            current = texts.get(row.target) or row.target.read_text(encoding="utf-8")
            changed = _changed(current, row.index, row.values)
            texts[row.target] = (
                update_entry_text(current, row.index, changed) if changed else current
            )
    return texts


def _changed(text: str, index: int, values: dict[str, object]) -> dict[str, object]:
    """Return the values that differ from the entry's in the file: the others stay untouched,
    with their comments and layout."""
    root = read_documents(text, "")
    entries = root.items if root is not None and root.kind == SEQUENCE else [root]
    node = entries[index] if index < len(entries) else None
    current = {k.text: _written(v) for k, v in node.pairs} if node is not None else {}
    return {k: v for k, v in values.items() if _as_text(v) != current.get(k)}


def _written(node: Node) -> object:
    """Return what a field node holds, as text or a list of texts."""
    return [item.text for item in node.items] if node.kind == SEQUENCE else node.text


def _as_text(value: object) -> object:
    """Return a row value as a file would hold it: booleans as true/false."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def same_file(path: Path, text: str) -> bool:
    """Return True when the file exists with exactly this text."""
    return path.is_file() and path.read_text(encoding="utf-8") == text
