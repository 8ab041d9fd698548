"""YAML text -> a tree of positioned nodes, every scalar kept as text. The only yaml importer.

PyYAML's loaders guess types (YAML 1.1: `no` -> False, `012` -> 10), keep the last of duplicate
keys and expand aliases; this reader builds its own tree from parser events instead, so the
model decides what a value means, every value keeps its line, and anchors never get in.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # libyaml is several times faster; the pure-Python parser gives the same events
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from drafter.errors import Problem

SCALAR, SEQUENCE, MAPPING = "scalar", "sequence", "mapping"
# A plain value followed on its line by ` #`: YAML read the rest of the text as a comment.
_COMMENT_AFTER = re.compile(r"[ \t]+#")
_NO_TAG = "écrivez la valeur sans étiquette"
_ONE_DOCUMENT = "un fichier ne contient qu'un document YAML (retirez la ligne `---` du milieu)"
_NO_ANCHOR = "les ancres et alias YAML (& et *) ne sont pas acceptés : recopiez le texte"
QUOTE_HINT = "mettez le texte entre guillemets ou utilisez `>-`"


@dataclass(slots=True)
class Node:
    """A YAML node with its 1-based position; `plain` is False for quoted and block scalars."""

    kind: str
    line: int
    column: int
    text: str = ""
    plain: bool = True
    items: list[Node] = field(default_factory=list)
    pairs: list[tuple[Node, Node]] = field(default_factory=list)
    cut_by_comment: bool = False

    def is_null(self) -> bool:
        """Return True for an empty or null plain scalar."""
        return self.kind == SCALAR and self.plain and self.text in ("", "~", "null", "Null", "NULL")


class YamlProblem(Exception):
    """A file that is not YAML drafter accepts; carries one problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def read_documents(text: str, path: str) -> Node | None:
    """Return the single document's root node (None for an empty file), or raise YamlProblem."""
    loader = _Loader(text)
    try:
        return _build(loader, path, text)
    except yaml.MarkedYAMLError as exc:
        raise YamlProblem(_translate(exc, text, path)) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(_reader_problem(exc, text, path)) from None
    finally:
        loader.dispose()


_STARTS = {yaml.SequenceStartEvent: SEQUENCE, yaml.MappingStartEvent: MAPPING}
_ENDS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def _build(loader: _Loader, path: str, text: str) -> Node | None:
    """Return the tree of the parser's events.

    One `get_event` per node, dispatched on its type: this loop is most of reading a
    workspace, so scalars (nine events in ten) are built inline, and the open collection and
    its pending key live in locals, saved on the stack only when a collection opens."""
    stack: list[tuple[Node | None, Node | None]] = []  # enclosing collections, their keys
    parent: Node | None = None  # the open collection
    key: Node | None = None  # the open mapping's key waiting for its value
    root: Node | None = None
    documents = 0
    next_event: Callable[[], Any] = loader.get_event  # events of libyaml: untyped
    comment_after = _COMMENT_AFTER.match
    while (event := next_event()) is not None:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            node = _scalar(event, path, text, comment_after)
        elif kind in _STARTS:
            _check_node(event, path)
            mark = event.start_mark
            node = Node(_STARTS[kind], mark.line + 1, mark.column + 1)
        elif kind in _ENDS:
            parent, key = stack.pop()
            continue
        else:
            documents += _check_other(event, path, documents)
            continue
        if parent is None:
            root = node
        elif parent.kind == SEQUENCE:
            parent.items.append(node)
        elif key is None:
            key = node
        else:
            parent.pairs.append((key, node))
            key = None
        if node.kind != SCALAR:
            stack.append((parent, key))
            parent, key = node, None
    return root


def _scalar(event: Any, path: str, text: str, comment_after: Callable[..., Any]) -> Node:
    if event.anchor or event.tag is not None:  # rare: checked only when there is one
        _check_node(event, path)
    mark = event.start_mark
    plain = not event.style  # None or "" for a plain scalar
    cut = plain and comment_after(text, event.end_mark.index) is not None
    return Node(SCALAR, mark.line + 1, mark.column + 1, event.value, plain, cut_by_comment=cut)


def _check_node(event: Any, path: str) -> None:
    """Refuse an anchor or an explicit tag on a scalar, a list or a mapping."""
    if event.anchor:
        raise YamlProblem(_at(path, event, _NO_ANCHOR))
    if event.tag is not None and _explicit_tag(event):
        message = f"étiquette YAML « {event.tag} » refusée : " + _NO_TAG
        raise YamlProblem(_at(path, event, message))


def _check_other(event: Any, path: str, documents: int) -> int:
    """Refuse an alias and a second document; return 1 for a document's start, else 0."""
    if isinstance(event, yaml.AliasEvent):
        raise YamlProblem(_at(path, event, _NO_ANCHOR))
    if not isinstance(event, yaml.DocumentStartEvent):
        return 0
    if documents:
        raise YamlProblem(_at(path, event, _ONE_DOCUMENT))
    return 1


def _explicit_tag(event: yaml.NodeEvent) -> bool:
    tag = getattr(event, "tag", None)
    if tag is None or tag in ("!", "tag:yaml.org,2002:str"):
        return False
    implicit = getattr(event, "implicit", True)
    return not (implicit is True or (isinstance(implicit, tuple) and any(implicit)))


def _at(path: str, event: object, message: str) -> Problem:
    mark = event.start_mark  # type: ignore[attr-defined]
    return Problem(path, mark.line + 1, mark.column + 1, message)


_HINTS: list[tuple[str, str]] = [
    (
        "mapping values are not allowed",
        "deux-points suivi d'une espace dans une valeur : en YAML « : » ouvre une clé ; "
        + QUOTE_HINT,
    ),
    ("found character '\\t'", "tabulation interdite en YAML : indentez avec des espaces"),
    (
        "could not find expected ':'",
        "ligne sans « clé: valeur » ; vérifiez l'indentation, ou "
        + QUOTE_HINT
        + " si le texte continue sur plusieurs lignes",
    ),
    ("found unexpected end of stream", "guillemet ou crochet non refermé"),
    (
        "expected ',' or '}'",
        "une valeur qui commence par { est lue comme une structure YAML : " + QUOTE_HINT,
    ),
    (
        "expected ',' or ']'",
        "une valeur qui commence par [ est lue comme une liste : " + QUOTE_HINT,
    ),
    ("found undefined alias", "les alias YAML (*) ne sont pas acceptés : recopiez le texte"),
    ("did not find expected key", "indentation incohérente : alignez les clés de l'entrée"),
    ("did not find expected '-' indicator", "indentation incohérente dans la liste"),
    ("found a tab character", "tabulation interdite en YAML : indentez avec des espaces"),
]


# Errors found far from their cause (the end of the file for an unclosed quote): the opening
# mark PyYAML gives as context is where the contributor must look.
_OPENINGS = {
    "while scanning a quoted scalar": (
        "guillemet ouvert ici et jamais refermé",
        "refermez-le à la fin du texte, ou utilisez `>-`",
    ),
    "while parsing a flow sequence": ("crochet [ ouvert ici et jamais refermé", QUOTE_HINT),
    "while parsing a flow mapping": ("accolade { ouverte ici et jamais refermée", QUOTE_HINT),
}


def _translate(exc: yaml.MarkedYAMLError, text: str, path: str) -> Problem:
    opening = _OPENINGS.get((exc.context or "").strip())
    if opening and exc.context_mark and exc.problem_mark:
        return _opening_problem(exc, opening, path)
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = f"{exc.context or ''} {exc.problem or ''}"
    hint = next((fr for en, fr in _HINTS if en in problem), None)
    if _opens_with_brace(text, line):
        hint = "une valeur qui commence par { ou [ est lue comme une structure YAML : " + QUOTE_HINT
    elif mark and text[mark.index : mark.index + 1] == "\t":
        hint = "tabulation interdite en YAML : indentez avec des espaces"
    message = hint or f"syntaxe YAML incorrecte ({(exc.problem or '').strip()})"
    return Problem(path, line, column, message)


def _opening_problem(exc: yaml.MarkedYAMLError, opening: tuple[str, str], path: str) -> Problem:
    """Report at the opening quote or bracket, naming where YAML noticed the problem."""
    start, end = exc.context_mark, exc.problem_mark
    assert start is not None
    assert end is not None
    noticed = f"ligne {end.line + 1}, colonne {end.column + 1}"
    message = f"{opening[0]} (YAML s'en aperçoit {noticed}) : {opening[1]}"
    return Problem(path, start.line + 1, start.column + 1, message)


def _opens_with_brace(text: str, line: int) -> bool:
    lines = text.splitlines()
    around = lines[max(0, line - 2) : line]
    return any(re.match(r"\s*-?\s*\w+:\s*[{\[]", candidate) for candidate in around)


def _reader_problem(exc: yaml.YAMLError, text: str, path: str) -> Problem:
    position = getattr(exc, "position", 0)
    character = getattr(exc, "character", "")
    code = ord(character) if isinstance(character, str) and character else character
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return Problem(
        path,
        line,
        column,
        f"caractère de contrôle interdit (U+{code:04X}) : "
        "Word ne peut pas l'enregistrer ; supprimez-le",
    )


def to_plain(node: Node) -> object:
    """Return a node as plain Python data: digits become integers, other scalars stay text."""
    if node.kind == MAPPING:
        return {key.text: to_plain(value) for key, value in node.pairs}
    if node.kind == SEQUENCE:
        return [to_plain(item) for item in node.items]
    if node.plain and re.fullmatch(r"[1-9][0-9]{0,9}", node.text):
        return int(node.text)
    return node.text


def dump_plain(data: object) -> str:
    """Return YAML for plain data, keys in the given order, accents kept."""
    return yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, default_flow_style=None, width=100
    )
