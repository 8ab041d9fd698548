"""drafter's data files (defaults, glossary, catalogue, word lists): wording and domain rules
live here, not in code. A plain path, not importlib.resources: the package is always installed
as files, and importlib.resources costs a tenth of a second at start-up."""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).resolve().parent


def data_file(name: str) -> Path:
    """Return the path of one of drafter's data files."""
    return FOLDER / name


def read_data(name: str) -> str:
    """Return the text of one of drafter's data files."""
    return data_file(name).read_text(encoding="utf-8")
