"""Entry files written by drafter read back as the same entry, and keep contributors' comments."""

from __future__ import annotations

from drafter.reading.entries import ENTRY_KEYS
from drafter.reading.yaml_nodes import MAPPING, SEQUENCE, Node, read_documents
from drafter.writing.entry_files import (
    field_comments,
    new_entry_text,
    update_entry_text,
)

TRICKY = {
    "date": "2023-01-10",
    "acteurs": ["les services de l'UE", "des représentants de l'OTAN"],
    "action": "ont participé : au groupe # C-UAS",
    "texte": None,
    "contributeur": "NO",
    "propositions": ["P16-1.04", "P17-MM"],
    "a_souligner": True,
}


def _plain(text: str) -> object:
    node = read_documents(text, "x.yaml")
    assert node is not None
    return _texts(node)


def _texts(node: Node) -> object:
    """Return the node as drafter reads it: every scalar is text."""
    if node.kind == MAPPING:
        return {key.text: _texts(value) for key, value in node.pairs}
    if node.kind == SEQUENCE:
        return [_texts(item) for item in node.items]
    return node.text


def test_new_file_reads_back_as_the_same_values() -> None:
    """« : », « # », `NO` and dates survive: the file reads back to exactly the values given."""
    text = new_entry_text(TRICKY, heading="Entrée importée")
    expected = {k: v for k, v in TRICKY.items() if v is not None}
    expected["a_souligner"] = "true"
    assert _plain(text) == expected
    assert text.startswith("# Entrée importée\n")


def test_new_file_has_a_comment_above_each_field_and_block_scalars() -> None:
    """Each field has its French comment above it; text fields are `>-` block scalars."""
    text = new_entry_text({"date": "2023-02", "action": "ont agi", "contributeur": "SEAE"})
    lines = text.splitlines()
    for key in ("date", "action", "contributeur"):
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
        assert lines[at - 1] == f"# {field_comments()[key]}"
    assert "action: >-\n  ont agi\n" in text


def test_update_keeps_comments_other_entries_and_order() -> None:
    """Updating one entry of a list keeps every comment and the other entry untouched."""
    original = (
        "# mon commentaire\n- date: 2023-02  # en février\n  contributeur: SEAE\n"
        "  # avant action\n  action: >-\n    ont fait\n  acteurs: les services\n"
        "- date: 2023\n  texte: X\n  contributeur: AED\n"
    )
    updated = update_entry_text(original, 1, {"but": "afin de", "texte": "Y"})
    assert updated.startswith(original.split("- date: 2023\n")[0])
    assert _plain(updated) == [
        {
            "date": "2023-02",
            "contributeur": "SEAE",
            "action": "ont fait",
            "acteurs": "les services",
        },
        {"date": "2023", "texte": "Y", "but": "afin de", "contributeur": "AED"},
    ]


def test_removing_a_key_with_none() -> None:
    """A None value removes the key (a field emptied in the form)."""
    text = update_entry_text(
        "date: 2023\ntexte: X\nbut: afin\ncontributeur: AED\n", 0, {"but": None}
    )
    assert _plain(text) == {"date": "2023", "texte": "X", "contributeur": "AED"}


def test_every_entry_key_has_a_comment() -> None:
    """The comment table covers every key of the contract."""
    assert set(ENTRY_KEYS) <= set(field_comments())


def test_changing_a_list_keeps_the_comment_above_the_next_key_and_the_indentation() -> None:
    """A list changed in place keeps the comment written above the next key, and nested lists
    keep the file's own indentation (the spreadsheet import's re-import case)."""
    original = (
        "date: 2023-02\nacteurs:\n  - a\n  - b\n# commentaire du service\n"
        "contributeur: SEAE\npropositions:\n  - P16-1.01\n"
    )
    updated = update_entry_text(original, 0, {"acteurs": ["a", "c", "d"]})
    assert updated == original.replace("  - b\n", "  - c\n  - d\n")
