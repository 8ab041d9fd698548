"""Date phrases for date specs (entries.md, "Dates"), for any edition: the words and patterns
are the `dates` section of data/editions/<language>.yaml; month names and list joining come
from Babel's CLDR data for the edition's `cldr` locale. The only Babel importer."""

from __future__ import annotations

import datetime as dt
from functools import cache
from itertools import groupby

from babel.dates import get_month_names
from babel.lists import format_list

from drafter.drafting.word_tables import WordTable
from drafter.model import DateKind, DatePoint, DateSpec

NBSP = "\u00a0"
# The words file's table of each kind of labelled point, and the labels (model.MONTH_SPANS).
_LABELS = {
    DateKind.SEASON: ("saisons", ("printemps", "ete", "automne", "hiver")),
    DateKind.SEMESTER: ("semestres", ("S1", "S2")),
    DateKind.PART: ("parties", ("debut", "mi", "fin")),
}
# How a list of points of each kind reads (`phrase.listes.<key>`).
_LISTS = {
    DateKind.DAY: "jour",
    DateKind.YEAR: "annee",
    DateKind.SEASON: "saison",
    DateKind.SEMESTER: "semestre",
    DateKind.PART: "partie",
}
_MONTHS = ("groupe", "premier", "suivant", "dernier", "dernier_apres_plusieurs")
# Every key of the section but the optional table of day numbers (« 1er »).
_REQUIRED = (
    "cldr",
    "jour",
    "mois",
    "periode",
    "periode_sur_une_annee",
    "phrase.jour",
    "phrase.annee",
    *(f"phrase.{name}.{label}" for name, labels in _LABELS.values() for label in labels),
    *(f"phrase.listes.{key}" for key in _LISTS.values()),
    *(f"phrase.mois.{key}" for key in _MONTHS),
)


@cache
def month_name(month: int, locale: str) -> str:
    """Return the name of a month in the locale (Babel's CLDR data): lowercase in French,
    capitalised in British English."""
    return str(get_month_names("wide", locale=locale)[month])


def join_words(words: list[str], locale: str) -> str:
    """Join words as the locale does (Babel's CLDR data): `a, b et c`, `a, b and c`."""
    if len(words) <= 1:
        return "".join(words)
    return str(format_list(words, locale=locale))


class DatePhrases:
    """The date phrases of one edition, written from its words by one set of rules."""

    def __init__(self, table: WordTable) -> None:
        words = table.required(*_REQUIRED)
        self.locale, self.day_pattern, self.month_pattern = (words[k] for k in _REQUIRED[:3])
        self.period_patterns = (words["periode"], words["periode_sur_une_annee"])
        self.day_numbers = table.table("numeros_des_jours")
        self.on_day, self.in_year = words["phrase.jour"], words["phrase.annee"]
        self.labels = {
            label: words[f"phrase.{name}.{label}"]
            for name, labels in _LABELS.values()
            for label in labels
        }
        self.lists = {kind: words[f"phrase.listes.{key}"] for kind, key in _LISTS.items()}
        self.months = {key: words[f"phrase.mois.{key}"] for key in _MONTHS}
        self.written: dict[DateSpec, str] = {}  # a date is often the date of many entries

    def phrase(self, spec: DateSpec, initial: bool = False) -> str:
        """Return the date phrase (`en février 2023`), capitalised at a sentence start."""
        text = self.written.get(spec)
        if text is None:
            text = self.written[spec] = self._phrase(spec)
        return text[:1].upper() + text[1:] if initial else text

    def _phrase(self, spec: DateSpec) -> str:
        if spec.undated:
            return ""
        kind = spec.points[0].kind
        if kind is DateKind.MONTH:
            return self._months_phrase(spec.points)
        points = [self._point_phrase(p) for p in spec.points]
        return self.lists[kind].format(liste=self.join(points))

    def _point_phrase(self, point: DatePoint) -> str:
        if point.kind is DateKind.DAY:
            return self.on_day.format(date=self.day(point.first_day()))
        if point.kind is DateKind.YEAR:
            return self.in_year.format(annee=point.year)
        return self.labels[point.label].format(annee=point.year)

    def _months_phrase(self, points: tuple[DatePoint, ...]) -> str:
        """Months grouped by year: `en juin et décembre 2022, et en mars 2023`."""
        groups = [list(g) for _, g in groupby(points, key=lambda p: p.year)]
        parts = [self._month_group(g) for g in groups]
        words = self.months
        if len(parts) == 1:
            return words["premier"].format(groupe=parts[0])
        last = "dernier_apres_plusieurs" if any(len(g) > 1 for g in groups) else "dernier"
        middle = "".join(words["suivant"].format(groupe=p) for p in parts[1:-1])
        return (
            words["premier"].format(groupe=parts[0]) + middle + words[last].format(groupe=parts[-1])
        )

    def _month_group(self, group: list[DatePoint]) -> str:
        names = self.join([month_name(p.month, self.locale) for p in group])
        return self.months["groupe"].format(mois=names, annee=group[0].year)

    def join(self, words: list[str]) -> str:
        """Join words as the edition's language does (`a, b et c`)."""
        return join_words(words, self.locale)

    def day(self, day: dt.date) -> str:
        """Return `14 juin 2024`, `1er juin 2024`."""
        number = self.day_numbers.get(str(day.day), str(day.day))
        return self.day_pattern.format(jour=number, mois=self.month_name(day.month), annee=day.year)

    def month(self, year: int, month: int) -> str:
        """Return `juin 2023`."""
        return self.month_pattern.format(mois=self.month_name(month), annee=year)

    def month_name(self, month: int) -> str:
        """Return the name of a month in the edition's language."""
        return month_name(month, self.locale)

    def period(self, start: tuple[int, int], end: tuple[int, int]) -> str:
        """Return `entre juin 2023 et mai 2024` (`between June and December 2022`)."""
        pattern = self.period_patterns[start[0] == end[0]]
        first = self.month_name(start[1])
        return pattern.format(debut=self.month(*start), fin=self.month(*end), mois_debut=first)
