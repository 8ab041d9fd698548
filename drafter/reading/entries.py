"""One entry's mapping node -> an Entry, per the contract of entries.md."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from drafter.model import Anchor, Area, Cycle, DateSpec, Entry, Location
from drafter.reading.values import Reader, suggest
from drafter.reading.yaml_nodes import SCALAR, SEQUENCE, Node

ENTRY_KEYS = frozenset(
    [
        "date",
        "acteurs",
        "action",
        "texte",
        "contributeur",
        "domaine",
        "sous_theme",
        "position_date",
        "lien",
        "but",
        "statut",
        "a_souligner",
        "nouveau_paragraphe",
        "propositions",
        "type",
        "source",
        "id",
        "points",
        "apres",
        "avant",
        "source_tableur",
    ]
)

# Keys drafter writes itself (where an imported row came from): read, never asked for.
DRAFTER_KEYS = frozenset({"source_tableur"})
# Keys read as one-line text.
_TEXT_KEYS = frozenset(
    {"texte", "type", "domaine", "sous_theme", "contributeur", "lien", "but", "source", "action"}
    | {"source_tableur"}
)
# `apres`/`avant` name an `id:` or a default id (`cyber/seae#2`).
ANCHOR_ID = r"[a-z0-9][a-z0-9/._#-]*"
_REQUIRED = ("date", "contributeur")


@dataclass(frozen=True)
class FileContext:
    """What reading the entries of one file needs to know."""

    rel: str
    area: Area
    cycle: Cycle
    proposals: frozenset[str]
    # the cycle's first and last day, worked out once for the file's entries
    period: tuple[dt.date, dt.date] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "period", self.cycle.period_days())


def default_entry_id(rel: str, index: int) -> str:
    """Return the id of the index-th entry (from 0) of a file that gives none: the file's
    path under inputs/ without its suffix, then `#2`, `#3`… after the first."""
    stem = rel.removeprefix("inputs/").rsplit(".", 1)[0]
    return f"{stem}#{index + 1}" if index else stem


def is_positional_id(rel: str, entry_id: str) -> bool:
    """Tell whether an entry's id is the one its place in the file gave it (no `id:`)."""
    stem = default_entry_id(rel, 0)
    if not entry_id.startswith(stem):
        return False
    place = entry_id[len(stem) :]
    return not place or re.fullmatch(r"#\d+", place) is not None


def read_entry(
    reader: Reader, node: Node, context: FileContext, default_id: str, order: int
) -> Entry | None:
    """Return the entry a mapping describes, or None when it has errors (recorded in reader)."""
    before = reader.error_count()
    fields = reader.mapping(node, ENTRY_KEYS, "une entrée")
    if fields is None:
        return None
    values = _read_fields(reader, fields)
    _check_shape(reader, node, fields, values, context)
    if reader.error_count() > before:  # warnings (a text cut by « # ») keep the entry
        return None
    location = Location(context.rel, node.line, node.column)
    entry = _entry(values, context, default_id, order, location)
    entry = _with_anchor(entry, fields, context.rel)
    _check_meaning(reader, node, fields, entry, context)
    return entry


def _read_fields(reader: Reader, fields: dict[str, Node]) -> dict[str, object]:
    values: dict[str, object] = {}
    for key, node in fields.items():
        values[key] = _read_field(reader, key, node)
    return values


def _read_field(reader: Reader, key: str, node: Node) -> object:
    if key == "date":
        return reader.date_spec(node, key)
    if key == "acteurs":
        return reader.texts(node, key)
    if key in _TEXT_KEYS:
        return reader.text(node, key)
    if key in ("propositions", "points"):
        return reader.texts(node, key)
    if key in ("apres", "avant"):
        return reader.identifier(node, key, ANCHOR_ID)
    if key == "position_date":
        return reader.choice(node, key, ("debut", "fin", "aucune"))
    if key == "statut":
        return reader.choice(node, key, ("realise", "prevu"))
    if key == "nouveau_paragraphe":
        return reader.boolean(node, key)
    if key == "a_souligner":
        if node.kind == SCALAR and node.plain and node.text.lower() in ("true", "false"):
            return reader.boolean(node, key)  # True, FALSE: read as everywhere else
        return reader.text(node, key)
    return reader.identifier(node, key)  # id


def _check_shape(
    reader: Reader,
    node: Node,
    fields: dict[str, Node],
    values: dict[str, object],
    context: FileContext,
) -> None:
    for key in _REQUIRED:
        if key not in fields:
            reader.error(node, f"champ obligatoire « {key} » manquant")
    if "texte" in fields:
        for key in ("acteurs", "action"):
            if key in fields:
                reader.error(
                    fields[key],
                    f"« {key} » et « texte » ensemble : gardez soit "
                    "« texte » (la phrase entière), soit « acteurs » et « action »",
                )
    else:
        for key in ("acteurs", "action"):
            if key not in fields:
                reader.error(node, f"champ obligatoire « {key} » manquant (ou bien « texte »)")
    if "apres" in fields and "avant" in fields:
        reader.error(
            fields["avant"], "« apres » et « avant » sur la même entrée : gardez-en un seul"
        )
    domain = values.get("domaine")
    if isinstance(domain, str) and domain != context.area.id:
        reader.error(
            fields["domaine"],
            f"« domaine » vaut « {domain} » mais le fichier est "
            f"dans le dossier « {context.area.id} » : accordez-les",
        )


def _entry(
    values: dict[str, object], context: FileContext, default_id: str, order: int, location: Location
) -> Entry:
    get = {key: value for key, value in values.items() if isinstance(value, str)}.get
    date = values["date"]
    assert isinstance(date, DateSpec)
    actors = values.get("acteurs")
    proposals = values.get("propositions")
    points = values.get("points")
    highlight = values.get("a_souligner", False)
    highlight_text = highlight if isinstance(highlight, str) and highlight else None
    return Entry(
        id=get("id") or default_id,
        area=context.area.id,
        date=date,
        contributor=get("contributeur") or "",
        location=location,
        actors=actors if isinstance(actors, tuple) else (),
        action=get("action"),
        text=get("texte"),
        sub_topic=get("sous_theme"),
        date_position=get("position_date") or "debut",
        link=get("lien"),
        purpose=get("but"),
        planned=values.get("statut") == "prevu",
        highlighted=highlight is True or bool(highlight_text),
        highlight_text=highlight_text,
        new_paragraph=values.get("nouveau_paragraphe") is True,
        proposals=proposals if isinstance(proposals, tuple) else (),
        kind=get("type"),
        source=get("source"),
        spreadsheet=get("source_tableur"),
        order=order,
        points=points if isinstance(points, tuple) else (),
    )


def _with_anchor(entry: Entry, fields: dict[str, Node], rel: str) -> Entry:
    for key in ("apres", "avant"):
        if key in fields:
            node = fields[key]
            anchor = Anchor(key == "apres", node.text, Location(rel, node.line, node.column))
            return replace(entry, anchor=anchor)
    return entry


def _check_meaning(
    reader: Reader, node: Node, fields: dict[str, Node], entry: Entry, context: FileContext
) -> None:
    if entry.text and entry.date.undated and ("{date}" in entry.text or "{Date}" in entry.text):
        reader.error(
            fields["texte"],
            "« {date} » avec « date: periode » : il n'y a pas de "
            "date à insérer ; retirez {date} ou donnez une date",
        )
    for proposal, item in zip(entry.proposals, _items(fields.get("propositions")), strict=False):
        if proposal not in context.proposals:
            reader.error(
                item,
                f"proposition commune inconnue « {proposal} » (forme attendue : P16-1.04, "
                f"P17-MM){suggest(proposal, context.proposals)}",
            )
    if entry.sub_topic and entry.sub_topic not in context.area.sub_topics:
        reader.warn(
            fields["sous_theme"],
            f"sous-thème inconnu « {entry.sub_topic} » pour ce domaine"
            f"{suggest(entry.sub_topic, context.area.sub_topics)} ; "
            f"connus : {', '.join(context.area.sub_topics)}",
        )
    start, end = context.period
    if not entry.planned and not entry.date.undated and not entry.date.meets(start, end):
        reader.warn(
            fields["date"],
            "activité réalisée hors de la période du rapport : "
            "vérifiez la date, ou indiquez « statut: prevu »",
        )


def _items(node: Node | None) -> list[Node]:
    """Return a list's item nodes (a lone scalar is its own item), to report at the item."""
    if node is None:
        return []
    return node.items if node.kind == SEQUENCE else [node]
