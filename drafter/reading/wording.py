"""drafter's own wording files (data/<name>.yaml, shipped with it) -> plain values."""

from __future__ import annotations

from functools import cache

from drafter.data import read_data
from drafter.reading.yaml_nodes import read_documents, to_plain


@cache
def wording_of(name: str) -> dict[str, object]:
    """Return the words of one of drafter's data files (`historique.yaml`), by key."""
    plain = to_plain(read_documents(read_data(name), name))  # type: ignore[arg-type]
    assert isinstance(plain, dict)
    return plain
