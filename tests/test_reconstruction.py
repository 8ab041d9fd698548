"""The 6th progress report (3 June 2021), rebuilt from contributors' entries and compared with print.

The Word draft that `drafter build` writes is read back paragraph by paragraph, cut into
sentences (and list items), and compared with the published report with its typography kept:
the folds are on the published side, each one listed in `_fold_seed` and `_SEED_REPAIRS`, and
each one undoes what the Markdown conversion of the published report garbled (or adds what
french.md says drafter adds). The one fold applied to the draft too is the space before the year
of a date (`fold_year_space`, explained there). Sentences are compared whole, not as substrings.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner

from drafter.cli import main
from drafter.reading.workspace import load_workspace
from tests.conftest import REPO

WORKSPACE = REPO / "tests" / "data" / "rapport-6"
# The published report (public material), copied from shared/seeds/001_dbe7f77854354c63.txt so
# that the test does not depend on where the repository is cloned.
SEED = WORKSPACE / "rapport-publie.md"
MATCH_MIN = 0.97  # share of the draft's sentences printed verbatim (issue 9)
STRUCTURED_MIN = 0.70  # share of entries written as acteurs + action + date (issue 9)
ORDER_MIN = 0.97  # share of sentences that follow the sentence they follow in print (issue 11)
NBSP, NNBSP = "\u00a0", "\u202f"
# The cross-briefings sentence comes from the workspace's template, not from an entry: the
# template opens its paragraph with it, the 2021 report put it second. It is checked on its own.
FIGURE = "Depuis la signature de la déclaration conjointe de Varsovie"

# Words the conversion of the report to Markdown lost, restored by hand (published, repaired).
_SEED_REPAIRS = [
    # the page break swallowed the opening dash of « – une capacité jugée essentielle … – »
    ("et de transport une capacité jugée", "et de transport – une capacité jugée"),
]
# A sentence ends at . ! ? or … followed by a space and a capital (or a guillemet).
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZÀÂÉÈÊÎÔÛÇŒ«])")


@dataclass(frozen=True)
class Unit:
    """A sentence, or a list item, with the paragraph it sits in."""

    text: str
    paragraph: int
    item: bool = False


def sentences(paragraph: str) -> list[str]:
    """Cut a paragraph into sentences."""
    return [s for s in _SENTENCE_END.split(paragraph.strip()) if s]


def _fold_seed(text: str, apostrophe: str) -> str:
    """Give the published text back the typography its conversion to Markdown flattened."""
    # the report has one apostrophe form; the conversion made it ASCII: use the cycle's
    text = text.replace("'", apostrophe)
    # the conversion turned every no-break space into a plain space (french.md: U+00A0 inside
    # « », before « : » and after a short number; U+202F before ; ! ?)
    text = re.sub(r"« ", f"«{NBSP}", text)
    text = re.sub(r" »", f"{NBSP}»", text)
    text = re.sub(r" :", f"{NBSP}:", text)
    text = re.sub(r" ?([;!?])", f"{NNBSP}\\1", text)  # also where print forgot it: drafter adds it
    # a short number and what it counts (« 30 pays »); not a name (« CMX 22 », « COVID-19 »)
    text = re.sub(r"(?<![\w.,-])(?<![A-Z] )(\d{1,3}(?:er|re|e)?) (?=[a-zà-ÿœ])", f"\\1{NBSP}", text)
    return fold_year_space(text)


# french.md wants no-break spaces « inside dates » (10 janvier 2023): drafter writes one before
# the year in the date phrases it builds, not in dates a contributor types. The comparison
# accepts either there, on both sides (the one fold of the draft);
# test_typed_dates_keep_no_break_spaces records the difference.
_YEAR_SPACE = re.compile(
    r"\b(janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre"
    r"|décembre|printemps|été|automne|hiver|[Dd]ébut|[Ff]in|semestre de)[ \u00a0](?=\d{4}\b)"
)


def fold_year_space(text: str) -> str:
    """Write the space between a month (season, part of year) and its year as U+00A0."""
    return _YEAR_SPACE.sub(f"\\1{NBSP}", text)


def joined_blocks(text: str) -> list[str]:
    """Return the Markdown blocks of the published report, those a page break cut in two
    joined again (a block that does not end a sentence goes on)."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    joined: list[str] = []
    for block in blocks:
        if (
            joined
            and not block.startswith(("#", "- "))
            and not joined[-1].startswith("#")
            and re.search(r"\w", joined[-1])
            and not re.search(r"[.:;!?»]$", joined[-1])
        ):
            joined[-1] = f"{joined[-1]} {block}"
        else:
            joined.append(block)
    return joined


def seed_sections(apostrophe: str) -> dict[str, list[Unit]]:
    """Return the published report's sections (title -> units), typography restored."""
    text = SEED.read_text(encoding="utf-8")
    # footnotes, printed at the page foot, came out in the body (« <sup>&</sup>lt;sup>1</sup> … »)
    text = re.sub(r"^<sup>&</sup>.*$", "", text, flags=re.M)
    text = re.sub(r"[¹²]", "", text)  # footnote calls: drafter writes real Word footnotes
    joined = joined_blocks(text)
    sections: dict[str, list[Unit]] = {}
    current: list[Unit] | None = None
    paragraph = 0
    for block in joined:
        paragraph += 1
        if not re.search(r"\w", block):  # « \*\*\*\* »: the sections end here
            current = None
            continue
        if block.startswith("#"):
            title = _fold_seed(block.lstrip("#").replace("**", "").strip(), apostrophe)
            current = sections.setdefault(title, [])
            continue
        if current is None:
            continue
        block = re.sub(r"[^\S\n]+", " ", block)  # lists keep their lines, prose has one
        for garbled, repaired in _SEED_REPAIRS:
            block = block.replace(garbled, repaired)
        block = _fold_seed(block, apostrophe)
        if block.startswith("- "):
            # each item of a list is its own paragraph, as in Word
            for item in re.split(r"\n- ", block[2:]):
                current.append(Unit(item.strip(), paragraph, item=True))
                paragraph += 1
        else:
            current += [Unit(s, paragraph) for s in sentences(block)]
    return sections


@dataclass(frozen=True)
class Rebuilt:
    """The rebuilt draft: units per area title, the whole document's paragraphs, the entries."""

    areas: dict[str, list[Unit]]
    paragraphs: list[str]
    structured: int
    entries: int
    apostrophe: str


def build(workspace: Path, out: Path) -> Rebuilt:
    """Build the Word draft of a workspace and read it back."""
    result = CliRunner().invoke(main, ["build", "-w", str(workspace), "-o", str(out)])
    assert result.exit_code == 0, result.output
    loaded, _ = load_workspace(workspace)
    apostrophe = loaded.cycle.apostrophe
    titles = {area.title.replace("'", apostrophe) for area in loaded.cycle.areas}
    areas: dict[str, list[Unit]] = {}
    current: list[Unit] | None = None
    paragraphs = list(docx.Document(str(out)).paragraphs)
    for index, paragraph in enumerate(paragraphs):
        text, style = fold_year_space(paragraph.text.strip()), paragraph.style.name
        if text in titles:  # an area's heading opens its section
            current = areas.setdefault(text, [])
        elif style.startswith(("Heading", "Title")) or not re.search(r"\w", text):
            current = None  # another heading, or a separator, closes it
        elif current is not None and "List" in style:
            current.append(Unit(text, index, item=True))
        elif current is not None:
            current += [Unit(s, index) for s in sentences(text)]
    return Rebuilt(
        areas,
        [p.text for p in paragraphs],
        sum(1 for e in loaded.entries if e.text is None),
        len(loaded.entries),
        loaded.cycle.apostrophe,
    )


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> Rebuilt:
    """Return the fixture's Word draft, read back."""
    return build(WORKSPACE, tmp_path_factory.mktemp("rapport-6") / "rapport.docx")


@pytest.fixture(scope="module")
def seed(rebuilt: Rebuilt) -> dict[str, list[Unit]]:
    """Return the published report's sections, in the draft's apostrophe form."""
    if not SEED.is_file():
        pytest.fail(f"seed report missing: {SEED}")
    return seed_sections(rebuilt.apostrophe)


def unmatched(rebuilt: Rebuilt, seed: dict[str, list[Unit]]) -> list[tuple[str, str]]:
    """Return (area, sentence) for each draft sentence not printed verbatim in its section."""
    return [
        (title, unit.text)
        for title, units in rebuilt.areas.items()
        for unit in units
        if unit.text not in {u.text for u in seed.get(title, [])}
    ]


def misplaced(rebuilt: Rebuilt, seed: dict[str, list[Unit]]) -> tuple[list[str], int]:
    """Return the sentences that do not follow, in the draft, the one they follow in print.

    Both sides are restricted to the sentences they share (the draft's sentences found in
    print): each must have the same predecessor in the draft as in print (the first of its
    area: none), and agree on whether that predecessor is in the same paragraph.
    """
    wrong: list[str] = []
    total = 0
    for title, units in rebuilt.areas.items():
        printed = [u for u in seed.get(title, []) if not u.text.startswith(FIGURE)]
        drafted = [u for u in units if not u.text.startswith(FIGURE)]
        shared = {u.text for u in printed} & {u.text for u in drafted}
        printed = [u for u in printed if u.text in shared]
        drafted = [u for u in drafted if u.text in shared]
        before = {u.text: p for p, u in zip([None, *printed], printed, strict=False)}
        printed_in = {u.text: u.paragraph for u in printed}
        for previous, unit in zip([None, *drafted], drafted, strict=False):
            total += 1
            expected = before[unit.text]
            if previous is None or expected is None:
                right = previous is expected
            else:
                right = previous.text == expected.text and (
                    (previous.paragraph == unit.paragraph)
                    == (expected.paragraph == printed_in[unit.text])
                )
            if not right:
                wrong.append(f"{title[:20]}… : {unit.text[:70]}…")
    return wrong, total


def test_fixture_is_large_and_covers_every_area(rebuilt: Rebuilt) -> None:
    """At least 150 entries, and sentences in all eight areas."""
    assert rebuilt.entries >= 150
    assert len([units for units in rebuilt.areas.values() if units]) == 8


def test_most_entries_are_structured(rebuilt: Rebuilt) -> None:
    """At least 70 % of the entries are acteurs + action + date, not a whole `texte`."""
    share = rebuilt.structured / rebuilt.entries
    print(f"structured entries: {share:.1%} ({rebuilt.structured} of {rebuilt.entries})")
    assert share >= STRUCTURED_MIN


def test_sentences_are_the_report_s_with_typography(
    rebuilt: Rebuilt, seed: dict[str, list[Unit]]
) -> None:
    """At least 97 % of the draft's sentences are printed verbatim, typography included."""
    missing = unmatched(rebuilt, seed)
    total = sum(len(units) for units in rebuilt.areas.values())
    rate = 1 - len(missing) / total
    print(f"sentence match rate: {rate:.1%} ({total - len(missing)} of {total})")
    for title, text in missing:
        print(f"  not in print ({title[:25]}…): {text}")
    assert rate >= MATCH_MIN


def test_sentences_follow_the_sentence_they_follow_in_print(
    rebuilt: Rebuilt, seed: dict[str, list[Unit]]
) -> None:
    """At least 97 % of sentences follow, in the draft, the one they follow in print."""
    wrong, total = misplaced(rebuilt, seed)
    rate = 1 - len(wrong) / total
    print(f"order rate: {rate:.1%} ({total - len(wrong)} of {total})")
    for text in wrong:
        print(f"  out of place: {text}")
    assert rate >= ORDER_MIN


# Sentences that differ from print because of a drafter gap (none left).
KNOWN_DIFFERENCES: tuple[str, ...] = ()


def test_no_other_sentence_differs_or_moves(rebuilt: Rebuilt, seed: dict[str, list[Unit]]) -> None:
    """Beyond the bars of issues 9 and 11: only the known gaps differ, and nothing moves."""
    assert [t for _, t in unmatched(rebuilt, seed) if not t.startswith(KNOWN_DIFFERENCES)] == []
    assert misplaced(rebuilt, seed)[0] == []


def test_a_reversed_file_breaks_the_order(
    tmp_path: Path, rebuilt: Rebuilt, seed: dict[str, list[Unit]]
) -> None:
    """Reversing one contributor's file is caught by the order measure."""
    copy = tmp_path / "rapport-6"
    shutil.copytree(WORKSPACE, copy, ignore=shutil.ignore_patterns("outputs"))
    path = copy / "inputs" / "menaces-hybrides" / "seae-sensibilisation.yaml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump(entries[::-1], allow_unicode=True), encoding="utf-8")
    broken = build(copy, tmp_path / "rapport.docx")
    intact, _ = misplaced(rebuilt, seed)
    wrong, _ = misplaced(broken, seed)
    assert len(wrong) >= len(intact) + len(entries) - 1


def test_lists_are_the_report_s_dashed_lists(rebuilt: Rebuilt, seed: dict[str, list[Unit]]) -> None:
    """Both lists of « Renforcement des capacités » come out item by item, ; then ."""
    title = next(t for t in rebuilt.areas if t.startswith("Renforcement des capacités"))
    printed = [u.text for u in seed[title] if u.item]
    drafted = [u.text for u in rebuilt.areas[title] if u.item]
    assert len(printed) == 8
    assert drafted == printed


def test_title_date_series_and_figure_read_as_the_report_s(rebuilt: Rebuilt) -> None:
    """Title (seed typo « européeenne » aside), date line, series and figure sentences match."""
    published = _fold_seed(
        " ".join(SEED.read_text(encoding="utf-8").split()), rebuilt.apostrophe
    ).replace("européeenne", "européenne")
    title, date = fold_year_space(rebuilt.paragraphs[0]), rebuilt.paragraphs[1]
    assert title.startswith("Sixième rapport d")
    assert f"# {title} ## " in published
    # french.md: no-break spaces inside dates; the one before the year is drafter's choice
    assert re.fullmatch(f"3{NBSP}juin[ {NBSP}]2021", date)
    series = next(p for p in rebuilt.paragraphs if p.startswith("Le présent document"))
    assert series in published
    figure = next(p for p in rebuilt.paragraphs if FIGURE in p)
    # the figure shares its paragraph with the cross-briefings sentences, as in print
    assert all(s in published for s in sentences(figure))
    assert f"125{NBSP}exposés croisés" in figure
    assert "au moyen d" in figure


def test_typed_dates_keep_no_break_spaces(rebuilt: Rebuilt) -> None:
    """Dates typed in a `texte` get the same no-break space as those drafter writes."""
    typed = [p for p in rebuilt.paragraphs if re.search(r"(?:février|mai) 2021", p)]
    assert typed == []


def test_the_draft_covers_the_report_s_sections(
    rebuilt: Rebuilt, seed: dict[str, list[Unit]]
) -> None:
    """Nearly every printed sentence of the eight sections is rebuilt (left out: README)."""
    printed = [(t, u.text) for t in rebuilt.areas for u in seed[t]]
    drafted = {(t, u.text) for t, units in rebuilt.areas.items() for u in units}
    left_out = [text for key in printed if key not in drafted for text in [key[1]]]
    share = 1 - len(left_out) / len(printed)
    print(
        f"printed sentences rebuilt: {share:.1%} ({len(printed) - len(left_out)} of {len(printed)})"
    )
    for text in left_out:
        print(f"  left out: {text[:90]}…")
    assert share >= 0.95


def test_each_texte_says_why() -> None:
    """An entry written as a whole `texte` carries a « # texte : … » comment saying why."""
    silent = []
    for path in sorted((WORKSPACE / "inputs").glob("*/*.yaml")):
        for entry in re.split(r"(?m)^- ", path.read_text(encoding="utf-8"))[1:]:
            if re.search(r"(?m)^  texte:", entry) and "# texte :" not in entry:
                silent.append(f"{path.parent.name}/{path.name}: {entry.splitlines()[0]}")
    assert silent == []


def test_numbers_in_names_keep_a_plain_space(rebuilt: Rebuilt) -> None:
    """« CMX 22 de l'OTAN », « MILEX 21 de l'UE », « COVID-19 sur » get no no-break space."""
    text = "\n".join(rebuilt.paragraphs)
    assert re.findall(rf"(?:CMX 22|MILEX 21|COVID-19){NBSP}\w+", text) == []
