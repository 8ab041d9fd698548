"""A published progress report -> its number, date, period, figure, and its sentences placed
in the areas whose headings they follow (`drafter reprendre`).

Headings are recognised by their text, matched to the workspace's area titles, never by their
level: published reports mix heading levels and bold lines. A heading that is no area closes
the area it follows unless it is deeper (a sub-heading). Nothing is dropped: what finds no
area goes to `unplaced` with its reason.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache

from drafter.data import read_data
from drafter.model import Area, SourceParagraph
from drafter.reading.date_parsing import month_number
from drafter.reading.yaml_nodes import read_documents, to_plain

# A sentence ends at . ! ? or … followed by a space and a capital (or a guillemet).
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZÀÂÉÈÊÎÔÛÇŒ«])")
_DAY_LINE = re.compile(r"(1er|\d{1,2})\s+([^\W\d_]+)\s+(\d{4})")
_PERIOD = re.compile(r"entre\s+([^\W\d_]+)\s+(\d{4})\s+et\s+([^\W\d_]+)\s+(\d{4})")
_SINCE = re.compile(r"\ben\s+([^\W\d_]+)\s+(\d{4})")
_NUMBERED_TITLE = re.compile(r"(\d{1,3})\s*(?:e|è|ème|eme|er|re)\b")
_NUMBERING = re.compile(r"^(?:\d+|[ivxlc]+|[a-z])[.)]\s+")
_SPACES = re.compile(r"\s+")


@cache
def wording() -> dict[str, object]:
    """Return what reprendre recognises and writes (data/reprise.yaml)."""
    plain = to_plain(read_documents(read_data("reprise.yaml"), "reprise.yaml"))  # type: ignore[arg-type]
    assert isinstance(plain, dict)
    return plain


def reason(key: str, **values: str) -> str:
    """Return the wording of a reason a sentence was not placed."""
    reasons = wording()["raisons"]
    assert isinstance(reasons, dict)
    return str(reasons[key]).format(**values)


@dataclass
class Unit:
    """A published sentence of an area, the list items that follow it, its paragraph."""

    text: str
    paragraph: int
    items: list[str] = field(default_factory=list)
    highlight: str | None = None  # the highlight that summarises it


@dataclass(frozen=True)
class Unplaced:
    """A published sentence (or heading) that is no entry, and why."""

    text: str
    why: str
    area: str | None = None  # the area it stood in (a sub-heading, the figure's sentence)


@dataclass
class PublishedReport:
    """What a published report says, as reprendre reads it."""

    title: str = ""
    number: int | None = None
    day: dt.date | None = None
    period: tuple[tuple[int, int], tuple[int, int]] | None = None
    figure: tuple[int, str, tuple[int, int] | None] | None = None  # value, qualifier, since
    areas: dict[str, list[Unit]] = field(default_factory=dict)
    highlights: list[str] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)


def sentences(paragraph: str) -> list[str]:
    """Cut a paragraph into sentences."""
    return [s for s in _SENTENCE_END.split(paragraph.strip()) if s]


def folded(text: str) -> str:
    """Return text compared loosely: lowercase, one apostrophe, plain single spaces."""
    text = text.replace("’", "'").replace("*", "").lower()
    return _SPACES.sub(" ", text).strip(" .:")


def read_report(
    paragraphs: list[SourceParagraph], areas: tuple[Area, ...], ordinals: dict[str, int]
) -> PublishedReport:
    """Return the report's facts and its sentences placed in areas."""
    report = PublishedReport(areas={a.id: [] for a in areas})
    body = _front(paragraphs, report, ordinals)
    _Placer(report, areas).place(body)
    report.period = _period(paragraphs)
    report.figure = _figure(paragraphs)
    return report


def _front(
    paragraphs: list[SourceParagraph], report: PublishedReport, ordinals: dict[str, int]
) -> list[SourceParagraph]:
    """Read the title (over several lines) and the date line; return the paragraphs after."""
    title: list[str] = []
    index = 0
    for index, paragraph in enumerate(paragraphs):  # noqa: B007 - the loop's end is used
        day = _day_line(paragraph.text)
        if day is not None and report.day is None:
            report.day = day
        elif paragraph.level is not None and report.day is None and len(title) < 4:
            title.append(paragraph.text)
        else:
            break
    else:
        index = len(paragraphs)
    report.title = " ".join(title)
    report.number = _number(report.title, ordinals)
    return paragraphs[index:]


def _day_line(text: str) -> dt.date | None:
    found = _DAY_LINE.fullmatch(text.strip())
    month = month_number(found.group(2)) if found else None
    if not found or month is None:
        return None
    day = 1 if found.group(1) == "1er" else int(found.group(1))
    try:
        return dt.date(int(found.group(3)), month, day)
    except ValueError:
        return None


def _number(title: str, ordinals: dict[str, int]) -> int | None:
    words = folded(title).split(" ")
    numbered = _NUMBERED_TITLE.match(words[0]) if words[0] else None
    if numbered:
        return int(numbered.group(1))
    for size in (4, 3, 2, 1):  # « vingt et unième » before « unième »
        number = ordinals.get(" ".join(words[:size]).replace("-", " "))
        if number is not None:
            return number
    return None


def _period(paragraphs: list[SourceParagraph]) -> tuple[tuple[int, int], tuple[int, int]] | None:
    for paragraph in paragraphs:
        found = _PERIOD.search(paragraph.text)
        if found:
            start, end = month_number(found.group(1)), month_number(found.group(3))
            if start and end:
                return (int(found.group(2)), start), (int(found.group(4)), end)
    return None


def _figure(paragraphs: list[SourceParagraph]) -> tuple[int, str, tuple[int, int] | None] | None:
    found = _figure_sentence(paragraphs)
    if found is None:
        return None
    sentence, match = found
    since = _SINCE.search(sentence[: match.start()])
    month = month_number(since.group(1)) if since else None
    start = (int(since.group(2)), month) if since and month else None
    return int(match.group(2)), (match.group(1) or "").strip(), start


def _figure_pattern() -> re.Pattern[str]:
    qualifiers = wording()["qualificatifs"]
    assert isinstance(qualifiers, list)
    words = "|".join(re.escape(str(q)) for q in qualifiers)
    return re.compile(rf"(?:\b({words})\s+)?(\d[\d\s]*?\d|\d)\s+exposés\s+croisés")


def _figure_sentence(paragraphs: list[SourceParagraph]) -> tuple[str, re.Match[str]] | None:
    pattern = _figure_pattern()
    for paragraph in paragraphs:
        for sentence in sentences(paragraph.text):
            found = pattern.search(sentence)
            if found:
                return sentence, found
    return None


def figure_sentence(text: str) -> bool:
    """Return True for the sentence that gives the running count of cross-briefings."""
    return bool(_figure_pattern().search(text))


class _Placer:
    """Walk the paragraphs after the front matter, placing each sentence."""

    def __init__(self, report: PublishedReport, areas: tuple[Area, ...]) -> None:
        self.report = report
        self.titles = {folded(a.title): a.id for a in areas}
        self.area: str | None = None
        self.area_level = 0
        self.in_highlights = False
        self.paragraph = 0

    def place(self, paragraphs: list[SourceParagraph]) -> None:
        marker = folded(str(wording()["faits_saillants"]))
        for paragraph in paragraphs:
            self.paragraph += 1
            if not re.search(r"\w", paragraph.text):  # a separator (****) ends the areas
                self.area, self.in_highlights = None, False
            elif paragraph.level is not None:
                self._heading(paragraph)
            elif self.area is not None:
                self._body(paragraph)
            elif marker in folded(paragraph.text):
                self.in_highlights = True
                self._unplaced(paragraph.text, reason("hors_domaines"))
            elif self.in_highlights:
                self.report.highlights += sentences(paragraph.text)
            else:
                self._unplaced(paragraph.text, reason("hors_domaines"))

    def _heading(self, paragraph: SourceParagraph) -> None:
        area = self._area_of(paragraph.text)
        level = paragraph.level or 0
        if area is not None:
            self.area, self.area_level, self.in_highlights = area, level, False
        elif self.area is not None and level > self.area_level:
            self.report.unplaced.append(
                Unplaced(paragraph.text, reason("intertitre", domaine=self.area), self.area)
            )
        else:
            self.area, self.in_highlights = None, False
            self.report.unplaced.append(Unplaced(paragraph.text, reason("titre")))

    def _area_of(self, heading: str) -> str | None:
        """Return the area whose title the heading is; else the longest title it holds."""
        text = _NUMBERING.sub("", folded(heading))
        if text in self.titles:
            return self.titles[text]
        held = [t for t in self.titles if re.search(rf"\b{re.escape(t)}\b", text)]
        return self.titles[max(held, key=len)] if held else None

    def _body(self, paragraph: SourceParagraph) -> None:
        assert self.area is not None
        units = self.report.areas[self.area]
        if paragraph.item and units and units[-1].text.rstrip().endswith(":"):
            units[-1].items.append(paragraph.text)
            return
        for sentence in sentences(paragraph.text):
            if figure_sentence(sentence):
                self.report.unplaced.append(Unplaced(sentence, reason("chiffre"), self.area))
            else:
                units.append(Unit(sentence, self.paragraph))

    def _unplaced(self, text: str, why: str) -> None:
        self.report.unplaced += [Unplaced(s, why) for s in sentences(text)]
