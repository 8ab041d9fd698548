"""The cycle file `inputs/rapport.yaml`, over the shipped defaults -> a Cycle."""

from __future__ import annotations

import datetime as dt

from drafter.errors import Problem
from drafter.model import Area, Cycle, Location, RunningFigure
from drafter.reading.date_parsing import parse_month
from drafter.reading.entries import ANCHOR_ID
from drafter.reading.values import Reader
from drafter.reading.yaml_nodes import SEQUENCE, Node

REL = "inputs/rapport.yaml"
CYCLE_KEYS = (
    "numero",
    "periode",
    "date",
    "propositions",
    "declarations_conjointes",
    "chiffres",
    "domaines",
    "apostrophe",
    "auteur",
    "mention",
    "faits_saillants",
)
FIGURE_KEYS = ("valeur", "depuis", "domaine", "sous_theme", "type", "qualificatif")


def read_cycle(node: Node, defaults: Node, problems: list[Problem]) -> Cycle | None:
    """Return the cycle, the workspace's values over the defaults; None when it has errors."""
    reader = Reader(REL)
    fields = reader.mapping(node, CYCLE_KEYS, "le fichier du cycle")
    base = Reader("defaults.yaml").mapping(defaults, CYCLE_KEYS, "les valeurs par défaut") or {}
    if fields is not None:
        for key in ("numero", "periode"):
            if key not in fields:
                reader.error(node, f"champ obligatoire « {key} » manquant dans rapport.yaml")
    cycle = _cycle(reader, fields or {}, base) if fields is not None else None
    problems += reader.problems
    return None if reader.problems else cycle


def _cycle(reader: Reader, fields: dict[str, Node], base: dict[str, Node]) -> Cycle | None:
    merged = base | fields
    number = reader.integer(fields["numero"], "numero", 1, 999) if "numero" in fields else None
    period = _period(reader, fields["periode"]) if "periode" in fields else None
    areas = _areas(reader, merged["domaines"], base["domaines"])
    figure = _figure(reader, merged["chiffres"], base["chiffres"])
    day = _day(reader, merged["date"]) if "date" in merged else None
    # Every setting has its value in data/defaults.yaml: none is repeated here.
    proposals = reader.integer(merged["propositions"], "propositions", 1, 999)
    declarations = _declarations(reader, merged["declarations_conjointes"], period)
    apostrophe = reader.choice(merged["apostrophe"], "apostrophe", ("’", "'"))
    author = reader.text(merged["auteur"], "auteur")
    mark = reader.text(merged["mention"], "mention")
    if (
        number is None
        or period is None
        or areas is None
        or figure is None
        or proposals is None
        or declarations is None
        or apostrophe is None
    ):
        return None
    return Cycle(
        number=number,
        period_start=period[0],
        period_end=period[1],
        areas=areas,
        date=day,
        proposals=proposals,
        joint_declarations=declarations,
        cross_briefings=figure,
        apostrophe=apostrophe,
        author=author or "",
        mark=mark or "",
        highlights=_ids(reader, fields.get("faits_saillants")),
    )


def _ids(reader: Reader, node: Node | None) -> tuple[tuple[str, Location], ...]:
    """Return the `faits_saillants` ids with the position where each was written."""
    if node is None:
        return ()
    items = node.items if node.kind == SEQUENCE else [node]
    found = [(reader.identifier(n, "faits_saillants", ANCHOR_ID), n) for n in items]
    return tuple((i, Location(REL, n.line, n.column)) for i, n in found if i)


def _month(reader: Reader, node: Node, key: str) -> tuple[int, int] | None:
    month = parse_month(node.text) if node.kind == "scalar" else None
    if month is None:
        reader.error(node, f"« {key} » : un mois sous la forme AAAA-MM (par exemple 2023-06)")
    return month


def _period(reader: Reader, node: Node) -> tuple[tuple[int, int], tuple[int, int]] | None:
    fields = reader.mapping(node, ("debut", "fin"), "« periode » ({debut: AAAA-MM, fin: AAAA-MM})")
    if fields is None or not {"debut", "fin"} <= fields.keys():
        if fields is not None:
            reader.error(node, "« periode » demande debut et fin : {debut: 2023-06, fin: 2024-05}")
        return None
    start = _month(reader, fields["debut"], "periode.debut")
    end = _month(reader, fields["fin"], "periode.fin")
    if start and end and end <= start:
        reader.error(fields["fin"], "« periode.fin » doit venir après « periode.debut »")
        return None
    return (start, end) if start and end else None


def _declarations(
    reader: Reader, node: Node, period: tuple[tuple[int, int], tuple[int, int]] | None
) -> int | None:
    """Return how many joint declarations the report cites: a number as written, or, from a
    list of their dates (the defaults), those signed by the end of the report's period."""
    if node.kind != SEQUENCE:
        return reader.integer(node, "declarations_conjointes", 1, 999)
    days = [_day(reader, item, "declarations_conjointes") for item in node.items]
    if None in days or period is None:
        return None
    year, month = period[1]
    end = dt.date(year + month // 12, month % 12 + 1, 1)  # the day after the period
    return max(1, sum(1 for day in days if day is not None and day < end))


def _day(reader: Reader, node: Node, key: str = "date") -> dt.date | None:
    try:
        return dt.date.fromisoformat(node.text) if node.kind == "scalar" else None
    except ValueError:
        reader.error(node, f"« {key} » : une date AAAA-MM-JJ qui existe, pas « {node.text} »")
        return None


def _figure(reader: Reader, node: Node, base: Node) -> RunningFigure | None:
    """Return the cross-briefings figure; keys the workspace leaves out come from the defaults."""
    fields = reader.mapping(node, ("exposes_croises",), "« chiffres »")
    shipped = Reader("defaults.yaml")
    defaults = _figure_fields(
        shipped, (shipped.mapping(base, ("exposes_croises",), "") or {})["exposes_croises"]
    )
    briefings = (fields or {}).get("exposes_croises")
    if fields is None or not defaults:
        return None
    values = _figure_fields(reader, briefings) if briefings is not None else {}
    if values is None:
        return None
    merged = defaults | values
    value = reader.integer(merged["valeur"], "valeur")
    since = _month(reader, merged["depuis"], "depuis")
    names = [reader.identifier(merged[k], k) for k in ("domaine", "sous_theme", "type")]
    qualifier = _qualifier(reader, values["qualificatif"]) if "qualificatif" in values else ""
    if value is None or since is None or None in names:
        return None
    area, topic, kind = (n or "" for n in names)
    return RunningFigure(value, since, area, topic, kind, qualifier or "")


def _qualifier(reader: Reader, node: Node) -> str | None:
    """Return what a published report wrote before the figure, one of those reprendre
    recognises (data/reprise.yaml), which every edition words."""
    from drafter.reading.published_report import wording  # a qualified figure is rare

    text, qualifiers = reader.text(node, "qualificatif"), wording()["qualificatifs"]
    assert isinstance(qualifiers, list)
    known = [str(q) for q in qualifiers]
    if text is not None and text not in known:
        reader.error(node, f"« qualificatif » inconnu « {text} » : {', '.join(known)}")
        return None
    return text


def _figure_fields(reader: Reader, node: Node) -> dict[str, Node] | None:
    fields = reader.mapping(
        node, FIGURE_KEYS, "« exposes_croises » ({valeur: 210, depuis: 2016-07})"
    )
    if fields is not None and "valeur" not in fields:
        reader.error(node, "« exposes_croises » demande valeur (et depuis)")
        return None
    return fields


def shipped_areas(defaults: Node) -> tuple[Area, ...]:
    """Return the areas of the shipped defaults (a workspace without its cycle file)."""
    reader = Reader("defaults.yaml")
    base = reader.mapping(defaults, CYCLE_KEYS, "les valeurs par défaut") or {}
    return _area_list(reader, base["domaines"], {}) or ()


def _areas(reader: Reader, node: Node, base: Node) -> tuple[Area, ...] | None:
    known = {a.id: a for a in _area_list(Reader("defaults.yaml"), base, {}) or ()}
    return _area_list(reader, node, known)


def _area_list(reader: Reader, node: Node, known: dict[str, Area]) -> tuple[Area, ...] | None:
    if node.kind != SEQUENCE or not node.items:
        reader.error(node, "« domaines » : une liste de domaines (- id: …, titre: …)")
        return None
    areas = [_area(reader, item, known) for item in node.items]
    ids = [a.id for a in areas if a]
    for item, area in zip(node.items, areas, strict=True):
        if area and ids.count(area.id) > 1:
            reader.error(item, f"domaine « {area.id} » déclaré deux fois")
    return None if None in areas else tuple(a for a in areas if a)


def _area(reader: Reader, node: Node, known: dict[str, Area]) -> Area | None:
    fields = reader.mapping(node, ("id", "titre", "titre_en", "sous_themes"), "chaque domaine")
    if fields is None or "id" not in fields:
        if fields is not None:
            reader.error(node, "un domaine demande au moins « id »")
        return None
    area_id = reader.identifier(fields["id"], "id")
    default = known.get(area_id or "")
    title = reader.text(fields["titre"], "titre") if "titre" in fields else None
    title_en = reader.text(fields["titre_en"], "titre_en") if "titre_en" in fields else None
    topics = reader.texts(fields["sous_themes"], "sous_themes") if "sous_themes" in fields else None
    if area_id and not title and not default:
        reader.error(node, f"domaine « {area_id} » : donnez son « titre »")
    if area_id is None or (title or default) is None:
        return None
    return Area(
        area_id,
        title or (default.title if default else ""),
        topics if topics is not None else (default.sub_topics if default else ()),
        title_en or (default.title_en if default else ""),
    )
