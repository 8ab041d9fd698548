"""A published report read -> the entries of its archive (`drafter reprendre`): one per
sentence, texte verbatim with `{date}`/`{Date}` where drafter writes the same date phrase,
highlights on the sentence they summarise; and its English edition aligned, as catalogue
messages (msgctxt = entry id) for the archive's `traductions/en.po`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.drafting.languages import dates_of, source_dates
from drafter.drafting.messages import POINT, point_msgids, sentence_msgid
from drafter.model import Area, CatalogueMessage, Entry
from drafter.reading.date_parsing import format_spec, parse_spec
from drafter.reading.published_report import PublishedReport, Unit, Unplaced, reason, wording
from drafter.reading.sentence_alignment import align, best_match

_S = "[ \u00a0\u202f]"
_MONTH = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
# The date phrases drafter writes (entries.md, « Dates »), as a report prints them.
_DATE = re.compile(
    rf"\b(?:(?P<day>[Ll]e{_S}(?:1er|\d{{1,2}}){_S}(?:{_MONTH}){_S}\d{{4}})"
    rf"|(?P<month>[Ee]n{_S}(?:{_MONTH}){_S}\d{{4}})"
    rf"|(?P<season>(?:[Aa]u{_S}printemps|[Àà]{_S}l['’](?:été|automne|hiver)){_S}\d{{4}})"
    rf"|(?P<semester>[Aa]u{_S}(?:premier|second){_S}semestre{_S}de{_S}\d{{4}})"
    rf"|(?P<part>(?:[Dd]ébut|[Ff]in){_S}\d{{4}}|[Mm]i-\d{{4}})"
    rf"|(?P<year>[Ee]n{_S}\d{{4}}))\b"
)
_SPACES = re.compile(r"\s+")
_ELIDED = "l'"


@dataclass(frozen=True)
class Dated:
    """A sentence's text with its date phrase replaced, and the date spec it states."""

    text: str
    date: str


def dated(sentence: str) -> Dated:
    """Return the sentence with its first date phrase as `{date}`/`{Date}`, when drafter
    writes that very phrase for the date it states; else the sentence, undated."""
    for found in _DATE.finditer(sentence):
        spec_text = _spec_text(found)
        try:
            spec = parse_spec(spec_text)
        except ValueError:
            continue
        initial = found.start() == 0
        written = _plain(source_dates().phrase(spec, initial))
        if written.replace("’", "'") == _plain(found.group(0)).replace("’", "'"):
            mark = "{Date}" if initial else "{date}"
            text = sentence[: found.start()] + mark + sentence[found.end() :]
            return Dated(text, format_spec(spec))
    return Dated(sentence, "periode")


def _spec_text(found: re.Match[str]) -> str:
    words = _plain(found.group(0)).lower().replace("’", "'").split(" ")
    if found.group("semester"):
        return f"{'S1' if words[1] == 'premier' else 'S2'} {words[-1]}"
    if found.group("season"):
        return f"{words[-2].removeprefix(_ELIDED)} {words[-1]}"
    return " ".join(words[1:] if words[0] in ("le", "en", "au") else words)


def _plain(text: str) -> str:
    return _SPACES.sub(" ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


def place_highlights(report: PublishedReport) -> None:
    """Mark each highlight on the body sentence it summarises; the others go unplaced."""
    units = [u for area in report.areas.values() for u in area]
    texts = [u.text for u in units]
    for highlight in report.highlights:
        index = best_match(highlight, texts)
        if index is None or units[index].highlight is not None:
            report.unplaced.append(Unplaced(highlight, reason("fait_saillant")))
        else:
            units[index].highlight = highlight


def entry_values(
    report: PublishedReport, area: Area, number: int, source: str
) -> list[dict[str, object]]:
    """Return the values of the area's entries, in published order."""
    topic = area.sub_topics[0] if area.sub_topics else "rapport-publie"
    units = report.areas.get(area.id, [])
    return [
        _values(unit, f"r{number:02d}-{area.id}-{index:03d}", topic, source, new)
        for index, (unit, new) in enumerate(_paragraph_starts(units), start=1)
    ]


def _paragraph_starts(units: list[Unit]) -> list[tuple[Unit, bool]]:
    return [(u, i > 0 and u.paragraph != units[i - 1].paragraph) for i, u in enumerate(units)]


def _values(unit: Unit, entry_id: str, topic: str, source: str, new: bool) -> dict[str, object]:
    found = dated(unit.text)
    highlight: object = None
    if unit.highlight is not None:
        highlight = True if unit.highlight == unit.text else unit.highlight
    return {
        "id": entry_id,
        "date": found.date,
        "texte": found.text,
        "contributeur": str(wording()["contributeur"]),
        "sous_theme": topic,
        "nouveau_paragraphe": True if new else None,
        "points": list(unit.items) or None,
        "a_souligner": highlight,
        "source": source,
    }


def english_messages(
    entries: list[Entry], french: PublishedReport, english_report: PublishedReport, apostrophe: str
) -> list[CatalogueMessage]:
    """Return one message per archived sentence (and list item), its English when aligned;
    the English sentences no French one matched go to the English report's `unplaced`."""
    by_id = {e.id: e for e in entries}
    messages: list[CatalogueMessage] = []
    for area_id, units in french.areas.items():
        found = english_report.areas.get(area_id, [])
        pairs = align([u.text for u in units], [u.text for u in found], _equivalents())
        english_report.unplaced += [
            Unplaced(u.text, reason("anglais"), area_id)
            for index, u in enumerate(found)
            if index not in pairs
        ]
        ids = [e.id for e in entries if e.area == area_id]
        for entry_id, unit, pair in zip(ids, units, pairs, strict=True):
            messages += _messages(
                by_id[entry_id], unit, found[pair] if pair is not None else None, apostrophe
            )
    return messages


def _equivalents() -> dict[str, str]:
    found = wording()["sigles_anglais"]
    assert isinstance(found, dict)
    return {str(k): str(v) for k, v in found.items()}


def _messages(
    entry: Entry, unit: Unit, translated: Unit | None, apostrophe: str
) -> list[CatalogueMessage]:
    msgstr, fuzzy = _translation(entry, translated.text) if translated else ("", False)
    found = [CatalogueMessage(entry.id, sentence_msgid(entry, apostrophe), msgstr, fuzzy)]
    items = translated.items if translated else []
    french_items = point_msgids(entry, apostrophe)
    same = len(items) == len(french_items)
    for number, item in enumerate(french_items, start=1):
        english_item = items[number - 1] if same else ""
        found.append(CatalogueMessage(f"{entry.id}{POINT}{number}", item, english_item))
    return found


def _translation(entry: Entry, text: str) -> tuple[str, bool]:
    """Return the English with the entry's date phrase as its placeholder; fuzzy when the
    French has one and the English date cannot be found (a translator checks it)."""
    if entry.date.undated or entry.text is None or "{" not in entry.text:
        return text, False
    wanted = _plain(dates_of("en").phrase(entry.date))
    plain = _plain(text)
    where = plain.lower().find(wanted.lower())
    if where < 0:
        return text, True
    mark = "{Date}" if where == 0 else "{date}"
    return plain[:where] + mark + plain[where + len(wanted) :], False
