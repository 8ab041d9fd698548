"""The hand-written mutants of scripts/mutants.py still apply: each snippet is in its file once."""

from __future__ import annotations

import importlib.util

import pytest

from tests.conftest import REPO


def _mutants() -> list[tuple[str, str, str, str]]:
    spec = importlib.util.spec_from_file_location("mutants", REPO / "scripts" / "mutants.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.MUTANTS)


@pytest.mark.parametrize("mutant", _mutants(), ids=lambda m: m[0])
def test_each_mutant_s_snippet_is_found_once(mutant: tuple[str, str, str, str]) -> None:
    """A refactoring that moves or rewrites a guarded line updates its mutant too (else the
    mutation pass stops on it, or a mutant silently tests nothing)."""
    name, path, old, new = mutant
    assert old != new, name
    assert (REPO / path).read_text(encoding="utf-8").count(old) == 1, f"{name}: {path}"
