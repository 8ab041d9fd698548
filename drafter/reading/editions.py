"""The editions' own words: data/editions/<language>.yaml -> model.Edition."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from drafter.data import data_file
from drafter.errors import DrafterError, Problem, unlocated
from drafter.model import LANGUAGES, Edition
from drafter.reading.workspace import read_yaml
from drafter.reading.yaml_nodes import to_plain

_SETTINGS = ("langue", "langue_word", "fichier", "auteur")


@cache
def load_edition(language: str) -> Edition:
    """Return the edition of this language (one of model.LANGUAGES); its file is drafter's
    own, so a damaged one is reported as such."""
    if language not in LANGUAGES:
        raise DrafterError([unlocated(f"langue inconnue « {language} »")])
    name = f"editions/{language}.yaml"
    return read_edition(data_file(name), name)


def read_edition(path: Path, name: str) -> Edition:
    """Return the edition a words file describes (`name`: how messages cite it)."""
    problems: list[Problem] = []
    node = read_yaml(path, name, problems)
    data = to_plain(node) if node is not None else None
    if problems or not isinstance(data, dict) or any(k not in data for k in _SETTINGS):
        raise DrafterError(problems or [unlocated(f"{name} incomplet : réinstallez drafter")])
    language_, word_language, stem, author = (str(data[k]) for k in _SETTINGS)
    return Edition(language_, word_language, stem, author, dict(_flat(data)))


def _flat(data: object, prefix: str = "") -> list[tuple[str, str]]:
    """Return the nested words as (dotted key, text) pairs."""
    if isinstance(data, dict):
        return [pair for k, v in data.items() for pair in _flat(v, f"{prefix}{k}.")]
    if isinstance(data, list):
        return [(prefix.rstrip("."), "\n".join(str(item) for item in data))]
    return [(prefix.rstrip("."), str(data))]
