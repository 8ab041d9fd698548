"""The typed, immutable model: date specs, entries, areas, the reporting cycle. No I/O."""

from __future__ import annotations

import calendar
import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from enum import Enum


class DateKind(Enum):
    """What one point of a date spec designates."""

    DAY = "jour"
    MONTH = "mois"
    YEAR = "année"
    SEASON = "saison"
    SEMESTER = "semestre"
    PART = "partie de l'année"


# First and last month covered, by season, semester or part of the year (hiver spills over).
MONTH_SPANS: dict[str, tuple[int, int]] = {
    "printemps": (3, 5),
    "ete": (6, 8),
    "automne": (9, 11),
    "hiver": (12, 14),
    "S1": (1, 6),
    "S2": (7, 12),
    "debut": (1, 3),
    "mi": (5, 8),
    "fin": (10, 12),
}


def _month(year: int, month: int) -> tuple[int, int]:
    """Normalise a month number past December into the next year."""
    return year + (month - 1) // 12, (month - 1) % 12 + 1


@dataclass(frozen=True, order=True)
class DatePoint:
    """A day, month, year, season, semester or part of a year."""

    year: int
    month: int = 0
    day: int = 0
    label: str = ""
    kind: DateKind = field(default=DateKind.YEAR, compare=False)

    def first_day(self) -> dt.date:
        """Return the first day this point covers."""
        if self.kind is DateKind.DAY:
            return dt.date(self.year, self.month, self.day)
        if self.kind is DateKind.MONTH:
            return dt.date(self.year, self.month, 1)
        if self.kind is DateKind.YEAR:
            return dt.date(self.year, 1, 1)
        return dt.date(*_month(self.year, MONTH_SPANS[self.label][0]), 1)

    def last_day(self) -> dt.date:
        """Return the last day this point covers."""
        if self.kind is DateKind.DAY:
            return self.first_day()
        if self.kind is DateKind.YEAR:
            return dt.date(self.year, 12, 31)
        month = self.month if self.kind is DateKind.MONTH else MONTH_SPANS[self.label][1]
        year, month = _month(self.year, month)
        return dt.date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class DateSpec:
    """One or several points of one kind, sorted; no point at all means `periode` (undated)."""

    points: tuple[DatePoint, ...] = ()

    @property
    def undated(self) -> bool:
        """Return True for `periode`."""
        return not self.points

    def sort_key(self) -> tuple[int, dt.date]:
        """Return the ordering key: undated first, then the first day covered."""
        if self.undated:
            return (0, dt.date.min)
        return (1, self.points[0].first_day())

    def meets(self, start: dt.date, end: dt.date) -> bool:
        """Return True when any covered day falls between start and end (inclusive)."""
        return any(p.first_day() <= end and p.last_day() >= start for p in self.points)


@dataclass(frozen=True)
class Location:
    """Where something was written: path relative to the workspace, 1-based line and column."""

    path: str
    line: int = 1
    column: int = 1


@dataclass(frozen=True)
class Anchor:
    """`apres: ID` or `avant: ID`: where an entry (and its run) is placed."""

    after: bool
    target: str
    location: Location


@dataclass(frozen=True)
class Entry:
    """One reportable activity, as a contributor wrote it, validated."""

    id: str
    area: str
    date: DateSpec
    contributor: str
    location: Location
    actors: tuple[str, ...] = ()
    action: str | None = None
    text: str | None = None
    sub_topic: str | None = None
    date_position: str = "debut"
    link: str | None = None
    purpose: str | None = None
    planned: bool = False
    highlighted: bool = False  # a_souligner: a bullet in the highlights
    highlight_text: str | None = None  # a_souligner: "…": the bullet's own text
    new_paragraph: bool = False
    proposals: tuple[str, ...] = ()
    kind: str | None = None
    source: str | None = None
    spreadsheet: str | None = None  # « classeur.xlsx, feuille, ligne » of an imported row
    order: int = 0
    points: tuple[str, ...] = ()
    anchor: Anchor | None = None

    @property
    def file(self) -> str:
        """Return the path of the file the entry was written in."""
        return self.location.path

    def __hash__(self) -> int:
        """Hash by id and place: equal entries share them, and the sentences' cache hashes
        an entry at every lookup (all 22 fields, nested dates included, were 4 µs)."""
        return hash((self.id, self.location))


@dataclass(frozen=True)
class Area:
    """An area of cooperation: one section of the report."""

    id: str
    title: str
    sub_topics: tuple[str, ...] = ()
    title_en: str = ""  # the English edition's heading (the published English one)


@dataclass(frozen=True)
class RunningFigure:
    """A figure carried from report to report (for instance the cross-briefings)."""

    value: int
    since: tuple[int, int]
    area: str = ""
    sub_topic: str = ""
    kind: str = ""
    # what a published report wrote before the figure (« plus de »), taken in by reprendre
    qualifier: str = ""


@dataclass(frozen=True)
class Cycle:
    """The report being prepared, from `inputs/rapport.yaml` and the shipped defaults."""

    number: int
    period_start: tuple[int, int]
    period_end: tuple[int, int]
    areas: tuple[Area, ...]
    date: dt.date | None
    # The settings below always come from rapport.yaml over data/defaults.yaml.
    proposals: int
    joint_declarations: int
    cross_briefings: RunningFigure
    apostrophe: str
    author: str
    mark: str
    # `faits_saillants`: ids whose bullets come first, with where each id was written.
    highlights: tuple[tuple[str, Location], ...] = ()

    def period_days(self) -> tuple[dt.date, dt.date]:
        """Return the first and last day of the reporting period."""
        start = dt.date(*self.period_start, 1)
        year, month = self.period_end
        return start, dt.date(year, month, calendar.monthrange(year, month)[1])

    def area(self, area_id: str) -> Area | None:
        """Return the area with this id, if the cycle has it."""
        return next((a for a in self.areas if a.id == area_id), None)


@dataclass(frozen=True)
class ProposalCatalogue:
    """The common proposals: French titles by id (in the catalogue's order), titles in the
    other languages (`translated["en"]`), and the theme a detailed proposal counts under
    (`P17-MM-01` -> `P17-MM`)."""

    titles: dict[str, str] = field(default_factory=dict)
    translated: dict[str, dict[str, str]] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)


def same_name(text: str) -> str:
    """Return a name as compared: without accents, case or repeated spaces (a service's:
    « Séae » is « SEAE »)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(ascii_text.casefold().split())


@dataclass(frozen=True)
class ServiceNames:
    """The services' names in the other editions' languages (data/services-en.yaml and the
    workspace's): by language, then by the French name as compared (`same_name`)."""

    by_language: dict[str, dict[str, str]] = field(default_factory=dict)

    def name(self, service: str, language: str) -> str:
        """Return the service's name in this language, or as the contributor wrote it."""
        names = self.by_language.get(language)
        return names.get(same_name(service), service) if names else service


@dataclass(frozen=True)
class Workspace:
    """Everything a build needs: the cycle, the entries in file order, the glossary, the
    proposals' French titles (`proposals`) and the rest of their catalogue, the services'
    names in the other languages."""

    cycle: Cycle
    entries: tuple[Entry, ...]
    glossary: dict[str, str] = field(default_factory=dict)
    proposals: dict[str, str] = field(default_factory=dict)
    catalogue: ProposalCatalogue = field(default_factory=ProposalCatalogue)
    services: ServiceNames = field(default_factory=ServiceNames)


@dataclass(frozen=True)
class CatalogueMessage:
    """One message of a translation catalogue (`traductions/en.po`): the sentence's place
    (`context`), its French (`msgid`), its translation, and what a translator sees around it."""

    context: str
    msgid: str
    msgstr: str = ""
    fuzzy: bool = False
    previous: str | None = None  # the French the fuzzy translation was made from (`#| msgid`)
    obsolete: bool = False
    translator: str = ""  # `# …` comments: the translator's own, always kept
    extracted: str = ""  # `#. …` comments: written by drafter
    occurrences: tuple[tuple[str, str], ...] = ()
    flags: tuple[str, ...] = ()  # besides `fuzzy`
    line: int = 0  # where the message starts in the file read (1-based)
    msgstr_line: int = 0


@dataclass(frozen=True)
class Catalogue:
    """A catalogue: its header comment, metadata and messages (obsolete ones included)."""

    messages: tuple[CatalogueMessage, ...] = ()
    metadata: dict[str, str] = field(default_factory=dict)
    header: str = ""


# The editions drafter writes, the source one first: each has data/editions/<language>.yaml.
LANGUAGES = ("fr", "en")
SOURCE_LANGUAGE = LANGUAGES[0]
# The workspace's folder of catalogues, one per translated edition (traductions/en.po).
TRANSLATIONS = "traductions"


@dataclass(frozen=True)
class Edition:
    """One edition of the report (data/editions/<language>.yaml): its language, Word's code
    for it, the stem of its file names, its author's name, and every word drafter itself
    writes into Word, by dotted key (`fusion.retouchee`)."""

    language: str
    word_language: str
    stem: str
    author: str
    words: dict[str, str] = field(default_factory=dict)

    @property
    def translated(self) -> bool:
        """Return True for an edition translated from the source one (its sentences come
        from a catalogue, traductions/<language>.po)."""
        return self.language != SOURCE_LANGUAGE

    def section(self, name: str) -> dict[str, str]:
        """Return the words under one key (`fusion`), by their own key (`retouchee`)."""
        prefix = name + "."
        return {k.removeprefix(prefix): v for k, v in self.words.items() if k.startswith(prefix)}


@dataclass(frozen=True)
class SourceParagraph:
    """A paragraph of a published report (Word or PDF): its text, its heading level (0 for
    the title, None for body text), whether it is a list item."""

    text: str
    level: int | None = None
    item: bool = False
