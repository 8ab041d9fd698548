"""What the templates see, for every edition: the report's figures, sections, highlights
and annex, each sentence as a `SentenceView` that asks the edition for its words."""

from __future__ import annotations

from typing import Any

from drafter.drafting import composition
from drafter.drafting.edition import Edition, Piece
from drafter.drafting.editor_notes import Note, editor_notes, highlight_note
from drafter.drafting.markup import escape
from drafter.model import Entry, ServiceNames, Workspace

# Marker ids of what is not an entry's own sentence in its section.
HIGHLIGHT_PREFIX, FIGURE_ID = "fait-saillant:", "chiffre:exposes-croises"


def report_context(workspace: Workspace, edition: Edition) -> dict[str, Any]:
    """Return what the templates see: the report's figures, sections and highlights."""
    cycle, grammar = workspace.cycle, edition.grammar
    sections = composition.compose(workspace)
    scope = _Scope(edition, _notes(workspace, sections), cycle.apostrophe, workspace.services)
    return {
        "numero": cycle.number,
        "date": grammar.day(cycle.date) if cycle.date else None,
        "debut": grammar.month(*cycle.period_start),
        "fin": grammar.month(*cycle.period_end),
        "periode": grammar.period(cycle.period_start, cycle.period_end),
        "propositions": cycle.proposals,
        "declarations_conjointes": cycle.joint_declarations,
        "mention": cycle.mark,
        "catalogue": edition.sentences.catalogue,
        **_figure(workspace, edition),
        "domaines": [_section(s, scope) for s in sections],
        "faits_saillants": [
            SentenceView(entry, text, scope, HIGHLIGHT_PREFIX, _title(workspace, entry, edition))
            for entry, text in composition.highlights(sections, cycle.highlights)
        ],
    }


class _Scope:
    """What every sentence view of one draft shares: the edition, the editors' notes by
    entry id, the report's apostrophe, the services' names in other languages, and the
    last sentence made (`SentenceView._piece`)."""

    __slots__ = ("apostrophe", "edition", "last", "notes", "services")

    def __init__(
        self,
        edition: Edition,
        notes: dict[str, list[Note]],
        apostrophe: str,
        services: ServiceNames,
    ) -> None:
        self.edition, self.notes, self.apostrophe = edition, notes, apostrophe
        self.services = services
        self.last: tuple[SentenceView, Piece] | None = None

    def service(self, entry: Entry) -> str:
        """Return the entry's service as the edition names it (NATO for OTAN in English)."""
        return self.services.name(entry.contributor, self.edition.language)


def _figure(workspace: Workspace, edition: Edition) -> dict[str, Any]:
    figure = workspace.cycle.cross_briefings
    counted = composition.period_cross_briefings(workspace)
    rounded = composition.cross_briefings(workspace)
    exact = composition.cross_briefings(workspace, rounded=False)
    # a qualified figure carried (« plus de 210 ») stays qualified, whatever is added to it
    qualifier = figure.qualifier or ("arrondi" if exact > rounded else "")
    return {
        "exposes_croises": rounded,
        "exposes_croises_exact": exact,
        "exposes_croises_qualificatif": edition.word("qualificatifs." + qualifier)
        if qualifier
        else "",
        "exposes_croises_reporte": figure.value,
        "exposes_croises_periode": [e.id for e in counted],
        "exposes_croises_depuis": edition.grammar.month(*figure.since),
        "exposes_croises_id": FIGURE_ID,
    }


def _notes(workspace: Workspace, sections: list[composition.Section]) -> dict[str, list[Note]]:
    """Return the remarks for the editors per entry id (editor_notes), and per highlight."""
    notes = editor_notes(workspace, sections)
    for section in sections:
        for entry in section.entries:
            if entry.highlighted:
                notes[HIGHLIGHT_PREFIX + entry.id] = highlight_note(entry)
    return notes


def _section(section: composition.Section, scope: _Scope) -> dict[str, Any]:
    return {
        "id": section.area.id,
        "titre": escape(scope.edition.area_title(section.area)),
        "vide": not section.entries,
        "paragraphes": [
            {
                "phrases": [SentenceView(e, "", scope) for e in p.entries],
                "chiffre": p.figure,
                "sous_theme": p.sub_topic,
            }
            for p in section.paragraphs
        ],
    }


def _title(workspace: Workspace, entry: Entry, edition: Edition) -> str:
    """Return the title of the entry's area in the edition."""
    area = workspace.cycle.area(entry.area)
    return edition.area_title(area) if area else entry.area


class SentenceView:
    """A sentence as the templates see it: `id`, `texte`, `etat`, `points`, `source`. Each
    value is computed when the template reads it, so that a draft of 10,000 sentences does
    not hold 10,000 dictionaries at once (peak memory)."""

    __slots__ = ("_area", "_bullet", "_entry", "_prefix", "_scope")

    def __init__(
        self, entry: Entry, bullet: str, scope: _Scope, prefix: str = "", area: str = ""
    ) -> None:
        self._entry, self._bullet, self._scope, self._prefix = entry, bullet, scope, prefix
        self._area = area  # a highlight's: the title of the area where its sentence is

    def _piece(self) -> Piece:
        """Return the sentence, made once for the text, state and comment the templates read
        in a row (a translated edition's is looked up in the catalogue and set in its
        typography: three times each, a fifth of the English build). Only the last view's is
        kept: a draft's views never hold all their sentences at once (peak memory)."""
        last = self._scope.last
        if last is not None and last[0] is self:
            return last[1]
        sentences, apostrophe = self._scope.edition.sentences, self._scope.apostrophe
        if self._prefix:
            piece = sentences.highlight(self._entry, self._bullet, apostrophe)
        else:
            piece = sentences.sentence(self._entry, apostrophe)
        self._scope.last = (self, piece)
        return piece

    @property
    def id(self) -> str:
        """Return the sentence's mark id: the entry id, prefixed for a highlight."""
        return self._prefix + self._entry.id

    @property
    def texte(self) -> str:
        """Return the sentence, escaped for Markdown."""
        return escape(self._piece().text)

    @property
    def etat(self) -> str:
        """Return the sentence's state: up to date (traduite), to review, to translate."""
        return self._piece().state

    @property
    def points(self) -> list[PointView]:
        """Return the list items after the sentence (none in a highlight bullet)."""
        if self._prefix:
            return []
        pieces = self._scope.edition.sentences.points(self._entry, self._scope.apostrophe)
        service = self._scope.service(self._entry)
        return [
            PointView(self._entry, n, piece, service) for n, piece in enumerate(pieces, start=1)
        ]

    @property
    def source(self) -> dict[str, Any]:
        """Return what the sentence's Word comment says (a highlight: where it comes from)."""
        notes = self._scope.notes.get(self._prefix + self._entry.id, [])
        remarks = [self._scope.edition.note(note) for note in notes]
        service = self._scope.service(self._entry)
        return _source(self._entry, self._piece(), remarks, self._area, service)


class PointView:
    """An item of a sentence's list: `texte` (escaped), `etat`, `source` (its Word comment's
    facts, when not up to date). Shown as its text, as the items were before they had a state."""

    __slots__ = ("_entry", "_number", "_piece", "_service")

    def __init__(self, entry: Entry, number: int, piece: Piece, service: str) -> None:
        self._entry, self._number, self._piece = entry, number, piece
        self._service = service  # the entry's service as the edition names it

    def __str__(self) -> str:
        """Return the item's text, escaped (what a template writing `{{ point }}` shows)."""
        return self.texte

    @property
    def texte(self) -> str:
        """Return the item, escaped for Markdown."""
        return escape(self._piece.text)

    @property
    def etat(self) -> str:
        """Return the item's state."""
        return self._piece.state

    @property
    def source(self) -> dict[str, Any]:
        """Return what the item's comment says: its entry and place, its state."""
        found = _source(self._entry, self._piece, [], "", self._service)
        return {**found, "id": f"{self._entry.id}#point-{self._number}"}


VIEW_PROPERTIES = {
    kind: frozenset(name for name, value in vars(kind).items() if isinstance(value, property))
    for kind in (SentenceView, PointView)
}


def _source(
    entry: Entry, piece: Piece, notes: list[str], highlight_area: str, service: str
) -> dict[str, Any]:
    return {
        "fait_saillant": bool(highlight_area),
        "domaine": highlight_area,
        "id": entry.id,
        "fichier": entry.location.path,
        "ligne": entry.location.line,
        "contributeur": service,
        "source": entry.source,
        "tableur": entry.spreadsheet,
        "propositions": list(entry.proposals),
        "remarques": notes,
        "etat": piece.state,
        "francais": piece.french,
        "ancien_francais": piece.previous,
    }


def annex(
    workspace: Workspace, cycles: tuple[tuple[int, dict[str, int]], ...] = (), language: str = "fr"
) -> list[dict[str, Any]]:
    """Return the annex's rows: each proposal, its title in the edition's language (the
    French one where the catalogue has no other), its activities in each archived cycle
    (`cycles`: number, counts by proposal) and in this period."""
    counts = composition.proposal_counts(workspace)
    titles = workspace.catalogue.translated.get(language, {})
    return [
        {
            "id": pid,
            "libelle": escape(titles.get(pid) or workspace.proposals.get(pid, "")).replace(
                "|", "\\|"
            ),
            "cycles": [found.get(pid, 0) for _, found in cycles],
            "nombre": count,
        }
        for pid, count in counts.items()
    ]
