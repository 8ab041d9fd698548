"""One entry's mapping node -> an Entry, per the contract of entries.md."""

from __future__ import annotations

from dataclasses import dataclass

from drafter.model import Area, Cycle, DateSpec, Entry, Location
from drafter.reading.values import Reader
from drafter.reading.yaml_nodes import SCALAR, Node

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
        "source_tableur",
    ]
)

_TEXT_KEYS = ("contributeur", "lien", "but", "source", "action", "source_tableur")
_REQUIRED = ("date", "contributeur")


@dataclass(frozen=True)
class FileContext:
    """What reading the entries of one file needs to know."""

    rel: str
    area: Area
    cycle: Cycle
    proposals: frozenset[str]


def read_entry(
    reader: Reader, node: Node, context: FileContext, default_id: str, order: int
) -> Entry | None:
    """Return the entry a mapping describes, or None when it has errors (recorded in reader)."""
    before = len(reader.problems)
    fields = reader.mapping(node, ENTRY_KEYS, "une entrée")
    if fields is None:
        return None
    values = _read_fields(reader, fields)
    _check_shape(reader, node, fields, values, context)
    if any(p.is_error for p in reader.problems[before:]):  # a warning keeps the entry
        return None
    location = Location(context.rel, node.line, node.column)
    entry = _entry(values, context, default_id, order, location)
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
    if key in ("texte", "type", "domaine", "sous_theme", *_TEXT_KEYS):
        return reader.text(node, key)
    if key == "propositions":
        return reader.texts(node, key)
    if key == "position_date":
        return reader.choice(node, key, ("debut", "fin", "aucune"))
    if key == "statut":
        return reader.choice(node, key, ("realise", "prevu"))
    if key == "nouveau_paragraphe":
        return reader.boolean(node, key)
    if key == "a_souligner":
        if node.kind == SCALAR and node.plain and node.text in ("true", "false"):
            return node.text == "true"
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
    def get(key: str) -> str | None:
        value = values.get(key)
        return value if isinstance(value, str) else None

    date = values["date"]
    assert isinstance(date, DateSpec)
    actors = values.get("acteurs")
    proposals = values.get("propositions")
    highlight = values.get("a_souligner", False)
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
        highlight=highlight if isinstance(highlight, bool | str) else False,
        new_paragraph=values.get("nouveau_paragraphe") is True,
        proposals=proposals if isinstance(proposals, tuple) else (),
        kind=get("type"),
        source=get("source"),
        spreadsheet=get("source_tableur"),
        order=order,
    )


def _check_meaning(
    reader: Reader, node: Node, fields: dict[str, Node], entry: Entry, context: FileContext
) -> None:
    if entry.text and entry.date.undated and ("{date}" in entry.text or "{Date}" in entry.text):
        reader.error(
            fields["texte"],
            "« {date} » avec « date: periode » : il n'y a pas de "
            "date à insérer ; retirez {date} ou donnez une date",
        )
    for proposal in entry.proposals:
        if proposal not in context.proposals:
            reader.error(
                fields["propositions"],
                f"proposition commune inconnue « {proposal} » (forme attendue : P16-1.04, P17-MM)",
            )
    if entry.sub_topic and entry.sub_topic not in context.area.sub_topics:
        reader.warn(
            fields["sous_theme"],
            f"sous-thème inconnu « {entry.sub_topic} » pour ce "
            f"domaine ; connus : {', '.join(context.area.sub_topics)}",
        )
    start, end = context.cycle.period_days()
    if not entry.planned and not entry.date.undated and not entry.date.meets(start, end):
        reader.warn(
            fields["date"],
            "activité réalisée hors de la période du rapport : "
            "vérifiez la date, ou indiquez « statut: prevu »",
        )
