"""A typography rule table (data/typographie/<language>.toml) -> checked rows for the engine
(typography.py). Every problem of a table is reported at once, `path:line:column`, with the
rule's name: a table is data a maintainer edits, and a bad pattern must not surface as a
traceback in the middle of a build."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.errors import DrafterError, Problem

# What every rule may say, whatever its kind (`genre`, « remplacement » when not said).
_COMMON = ("nom", "genre", "declencheur")
DEFAULT_KIND = "remplacement"
# {mois}, {Mois} and {mois:GABARIT} in a pattern (not {2} or {1,60}: quantifiers).
_LIST = re.compile(r"\{([^\W\d_]+)(?::([^{}]*))?\}")
_TOML_AT = re.compile(r"\(at line (\d+), column (\d+)\)")
_NEVER = re.compile(r"(?!)")
Runs = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Row:
    """One checked rule of a table: its name, kind, trigger (None: always) and the fields
    its kind uses."""

    name: str
    kind: str
    trigger: re.Pattern[str] | None
    pattern: re.Pattern[str] = _NEVER
    replacement: str = ""
    marks: str = ""
    space: str = ""
    added: bool = False
    separator: str = ""
    words: dict[str, str] = field(default_factory=dict)


@dataclass
class _Table:
    """A table being checked: its file, text, language and the problems found so far."""

    path: Path
    text: str
    language: str
    problems: list[Problem] = field(default_factory=list)

    def problem(self, block: tuple[str, int], key: str, message: str) -> None:
        """Record a problem at a field of the index-th block of that header."""
        line, column = self._where(block, key)
        self.problems.append(Problem(str(self.path), line, column, message))

    def _where(self, block: tuple[str, int], key: str) -> tuple[int, int]:
        """Return the line and column of a field's value (else of its block's header)."""
        lines = self.text.splitlines()
        starts = [n for n, text in enumerate(lines) if text.strip() == f"[[{block[0]}]]"]
        start = starts[block[1]] if block[1] < len(starts) else -1
        for number in range(start + 1, len(lines)):
            text = lines[number]
            if text.lstrip().startswith("["):
                break
            found = re.match(rf"\s*{re.escape(key)}\s*=\s*", text)
            if found:
                return number + 1, found.end() + 1
        return max(start + 1, 1), 1


def load_rows(
    path: Path, language: str, fields: Mapping[str, tuple[str, ...]]
) -> tuple[Runs, tuple[Row, ...]]:
    """Return a table's protected runs (key, pattern) and its checked rules, in order;
    `fields`: the fields each kind of rule takes. Raises DrafterError with every problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        message = f"aucune table de typographie pour la langue « {language} »"
        raise DrafterError([Problem(str(path), 0, 0, message)]) from None
    table = _Table(path, text, language)
    data = _parsed(table)
    runs = tuple(_run(table, n, run) for n, run in enumerate(_blocks(table, data, "protege")))
    rows = tuple(_row(table, n, row, fields) for n, row in enumerate(_blocks(table, data, "regle")))
    if table.problems:
        raise DrafterError(table.problems)
    return runs, rows


def _parsed(table: _Table) -> dict[str, Any]:
    """Return the table's TOML, or raise its syntax error where it is."""
    try:
        return tomllib.loads(table.text)
    except tomllib.TOMLDecodeError as exc:
        at = _TOML_AT.search(str(exc))
        line, column = (int(at.group(1)), int(at.group(2))) if at else (1, 1)
        message = f"TOML invalide : {_TOML_AT.sub('', str(exc)).strip()}"
        raise DrafterError([Problem(str(table.path), line, column, message)]) from None


def _blocks(table: _Table, data: dict[str, Any], header: str) -> list[dict[str, Any]]:
    """Return the [[header]] blocks of the table (anything else there is reported)."""
    if header == "protege":
        for key in sorted(data.keys() - {"protege", "regle"}):
            table.problem((key, 0), key, f"clé inconnue « {key} » (protege, regle)")
    blocks = data.get(header, [])
    if not isinstance(blocks, list) or not all(isinstance(b, dict) for b in blocks):
        table.problem((header, 0), header, f"« {header} » : écrivez [[{header}]]")
        return []
    return blocks


def _run(table: _Table, index: int, run: dict[str, Any]) -> tuple[str, str]:
    """Return a protected run's key and pattern, checked."""
    block = ("protege", index)
    for name in sorted(run.keys() - {"cle", "motif"}):
        table.problem(block, name, f"passage protégé : champ inconnu « {name} » (cle, motif)")
    key = run.get("cle")
    if not isinstance(key, str) or not key:
        table.problem(block, "cle", "passage protégé : « cle » manquante (une sous-chaîne)")
    pattern = _compiled(table, block, "motif", "passage protégé", run.get("motif"), re.MULTILINE)
    return (str(key), pattern.pattern)


def _row(
    table: _Table, index: int, row: dict[str, Any], fields: Mapping[str, tuple[str, ...]]
) -> Row:
    """Return one rule, checked: its kind known, its fields there, its patterns valid."""
    block = ("regle", index)
    name = str(row.get("nom") or f"n° {index + 1}")
    what = f"règle « {name} »"
    kind = row.get("genre", DEFAULT_KIND)
    if kind not in fields:
        kinds = ", ".join(fields)
        table.problem(block, "genre", f"{what} : genre inconnu « {kind} » ({kinds})")
        return Row(name, DEFAULT_KIND, None)
    if "nom" not in row:
        table.problem(block, "nom", f"{what} : « nom » manquant")
    for key in row:
        if key not in (*_COMMON, *fields[kind]):
            table.problem(block, key, f"{what} : champ inconnu « {key} » pour le genre {kind}")
    for key in fields[kind]:
        if key not in row:
            table.problem(block, key, f"{what} : champ « {key} » manquant (genre {kind})")
    trigger = row.get("declencheur")
    return Row(
        name,
        kind,
        None if trigger is None else _compiled(table, block, "declencheur", what, trigger),
        **_kind_fields(table, block, what, row, kind),
    )


def _kind_fields(
    table: _Table, block: tuple[str, int], what: str, row: dict[str, Any], kind: str
) -> dict[str, Any]:
    """Return the Row fields of the rule's own fields (its pattern compiled, its words read)."""
    found: dict[str, Any] = {}
    if "motif" in row:
        found["pattern"] = pattern = _compiled(table, block, "motif", what, row["motif"])
        if kind in ("minuscules", "milliers") and pattern is not _NEVER and pattern.groups < 1:
            table.problem(block, "motif", f"{what} : le motif doit avoir un groupe ( … )")
    if "remplacement" in row:
        found["replacement"] = _replacement(table, block, what, row, found.get("pattern"))
    strings = {"signes": "marks", "espace": "space", "separateur": "separator"}
    for key, attribute in strings.items():
        if key in row:
            found[attribute] = _string(table, block, what, key, row[key])
    if "ajoutee" in row:
        if not isinstance(row["ajoutee"], bool):
            table.problem(block, "ajoutee", f"{what} : « ajoutee » vaut true ou false")
        found["added"] = row["ajoutee"] is True
    if "fichier" in row:
        found["words"], found["pattern"] = _word_list(table, block, what, row["fichier"])
    return found


def _string(table: _Table, block: tuple[str, int], what: str, key: str, value: Any) -> str:
    if not isinstance(value, str):
        table.problem(block, key, f"{what} : « {key} » doit être un texte entre guillemets")
        return ""
    return value


def _replacement(
    table: _Table,
    block: tuple[str, int],
    what: str,
    row: dict[str, Any],
    pattern: re.Pattern[str] | None,
) -> str:
    """Return the replacement, checked against its pattern (groups, escapes)."""
    replacement = _string(table, block, what, "remplacement", row["remplacement"])
    if pattern is not None and pattern is not _NEVER:
        try:
            pattern.sub(replacement, "")  # parses the replacement, even without a match
        except (re.error, IndexError) as exc:
            table.problem(block, "remplacement", f"{what} : remplacement invalide : {exc}")
    return replacement


def _compiled(
    table: _Table,
    block: tuple[str, int],
    key: str,
    what: str,
    source: Any,
    flags: int = 0,
) -> re.Pattern[str]:
    """Return a pattern of the table compiled, its lists expanded (never-matching if bad)."""
    if not isinstance(source, str):
        table.problem(block, key, f"{what} : « {key} » manquant ou pas un texte")
        return _NEVER
    try:
        return re.compile(_expanded(table.language, source), flags)
    except (re.error, KeyError) as exc:
        message = f"liste inconnue {{{exc.args[0]}}} ({{mois}}, {{Mois}})"
        if isinstance(exc, re.error):
            message = f"motif invalide : {exc}"
        table.problem(block, key, f"{what} : {message}")
        return _NEVER


def _expanded(language: str, source: str) -> str:
    """Return a pattern with its {mois}, {Mois} and {mois:GABARIT} lists written out."""
    if "{" not in source:
        return source

    def expand(match: re.Match[str]) -> str:
        words = lists(language)[match.group(1)]
        template = match.group(2)
        if template is None:
            return "|".join(words)
        return "|".join(template.replace("%s", word) for word in words)

    return _LIST.sub(expand, source)


def lists(language: str) -> dict[str, list[str]]:
    """Return the word lists a pattern may name: the months of the language (Babel's CLDR,
    as the dates are written), lowercase and capitalised, escaped for a pattern."""
    from drafter.drafting.date_phrases import month_name

    months = [re.escape(month_name(month, language)) for month in range(1, 13)]
    return {"mois": months, "Mois": [m[:1].upper() + m[1:] for m in months]}


def _word_list(
    table: _Table, block: tuple[str, int], what: str, name: Any
) -> tuple[dict[str, str], re.Pattern[str]]:
    """Return the always-wrong words of a file beside the table, and one pattern of them."""
    path = table.path.parent / str(name)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        table.problem(block, "fichier", f"{what} : fichier introuvable : {path}")
        return {}, _NEVER
    words: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            wrong, tab, right = line.partition("\t")
            if not tab or "\t" in right or not wrong or not right:
                message = "une ligne : forme fautive, une tabulation, forme juste"
                table.problems.append(Problem(str(path), number, 1, message))
                continue
            words[wrong] = right
            words[wrong[:1].upper() + wrong[1:]] = right[:1].upper() + right[1:]
    ordered = sorted(words, key=len, reverse=True)
    return words, re.compile(f"({words_pattern(ordered)})") if ordered else _NEVER


def words_pattern(words: list[str]) -> str:
    r"""Return `(?<![\w-])(?:words)`, the words whole and tried in the given order.

    Spelt as one branch per first letter, the letter first (typography.py's docstring): at
    each letter of the text `re` tries the branches' letters, not every word after a lookbehind.
    """
    by_letter: dict[str, list[str]] = {}
    for word in words:
        by_letter.setdefault(word[:1], []).append(word)
    return "|".join(
        f"{re.escape(letter)}(?<![\\w-]{re.escape(letter)})(?:{'|'.join(map(_tail, group))})"
        for letter, group in by_letter.items()
    )


def _tail(word: str) -> str:
    """Return the pattern of a whole word past its first letter; `A l'` takes either apostrophe."""
    if word.endswith("'"):
        return re.escape(word[1:-1]) + "['’]"
    return re.escape(word[1:]) + r"(?![\w-])"
