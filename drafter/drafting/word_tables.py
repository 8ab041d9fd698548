"""An edition's words as the date and number engines read them (data/editions/<language>.yaml,
flattened to dotted keys): a key the file lacks is a clear error naming the file and every
missing key, never a KeyError."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from drafter.errors import DrafterError, unlocated
from drafter.model import Edition


class WordTable:
    """The words under one section (`dates`, `nombres`) of an edition's words file."""

    def __init__(self, words: Mapping[str, str], section: str, source: str) -> None:
        self.words, self.prefix, self.source = words, section + ".", source

    def required(self, *keys: str) -> dict[str, str]:
        """Return the words of these keys by key, raising one error that names every missing
        key."""
        missing = [key for key in keys if self.prefix + key not in self.words]
        if missing:
            raise self.missing(*missing)
        return {key: self.words[self.prefix + key] for key in keys}

    def text(self, key: str, default: str | None = None) -> str:
        """Return the words of one key, or `default` when the file may leave it out."""
        found = self.words.get(self.prefix + key, default)
        if found is None:
            raise self.missing(key)
        return found

    def table(self, key: str) -> dict[str, str]:
        """Return the words under a key by their own key (`saisons` → {`ete`: …}), maybe
        empty: a table is where a language lists its exceptions."""
        start = f"{self.prefix}{key}."
        return {k.removeprefix(start): v for k, v in self.words.items() if k.startswith(start)}

    def numbered(self, key: str) -> dict[int, str]:
        """Return a table whose keys are numbers (`unites` → {0: `zéro`, …})."""
        return {int(k): v for k, v in self.table(key).items()}

    def numbers(self, key: str) -> frozenset[int]:
        """Return a list of numbers (one a line once flattened), empty when left out."""
        return frozenset(int(n) for n in self.text(key, "").split())

    def missing(self, *keys: str) -> DrafterError:
        """Return the error for keys the file lacks."""
        return DrafterError(
            [
                unlocated(
                    f"{self.source} : clé « {self.prefix}{key} » absente : chaque édition a "
                    "les clés de editions/fr.yaml (réinstallez drafter si c'est le sien)"
                )
                for key in keys
            ]
        )


# Where the editions' words come from: drafting cannot read YAML (the reading layer does, and
# drafting does not import it), so the front end (drafter.cli, the tests) says once how they
# are read, before any sentence is drafted.
_READERS: list[Callable[[str], Edition]] = []


def read_words_with(reader: Callable[[str], Edition]) -> None:
    """Say how an edition's words are read (`reading.editions.load_edition`)."""
    _READERS[:] = [reader]


def edition_words(language: str) -> Edition:
    """Return the words of an edition, read as the front end said."""
    if not _READERS:
        raise RuntimeError("drafting: aucun lecteur des mots des éditions (read_words_with)")
    return _READERS[0](language)
