"""Date specs: every form of entries.md, what they cover, and French phrases by rule."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.drafting.languages import dates_of
from drafter.reading.date_parsing import DateSpecError, parse_spec

NBSP = "\u00a0"

TABLE = [
    ("2023-01-10", "le 10 janvier 2023", "Le 10 janvier 2023"),
    ("2024-03-01", "le 1er mars 2024", "Le 1er mars 2024"),
    ("2023-02", "en février 2023", "En février 2023"),
    ("2023", "en 2023", "En 2023"),
    (["2022-06", "2022-12"], "en juin et décembre 2022", "En juin et décembre 2022"),
    (
        ["2022-06", "2022-09", "2022-12", "2023-03", "2023-04"],
        "en juin, septembre et décembre 2022, et en mars et avril 2023",
        "En juin, septembre et décembre 2022, et en mars et avril 2023",
    ),
    (
        ["2022-12", "2023-04"],
        "en décembre 2022 et en avril 2023",
        "En décembre 2022 et en avril 2023",
    ),
    (["2022", "2023"], "en 2022 et 2023", "En 2022 et 2023"),
    ("printemps 2023", "au printemps 2023", "Au printemps 2023"),
    ("été 2023", "à l'été 2023", "À l'été 2023"),
    ("ete 2023", "à l'été 2023", "À l'été 2023"),
    ("automne 2022", "à l'automne 2022", "À l'automne 2022"),
    ("hiver 2023", "à l'hiver 2023", "À l'hiver 2023"),
    (
        ["automne 2022", "printemps 2023"],
        "à l'automne 2022 et au printemps 2023",
        "À l'automne 2022 et au printemps 2023",
    ),
    ("S1 2023", "au premier semestre de 2023", "Au premier semestre de 2023"),
    ("S2 2020", "au second semestre de 2020", "Au second semestre de 2020"),
    ("début 2021", "début 2021", "Début 2021"),
    ("debut 2021", "début 2021", "Début 2021"),
    ("fin 2020", "fin 2020", "Fin 2020"),
    ("mi-2024", "mi-2024", "Mi-2024"),
    ("periode", "", ""),
    (["2023-04"], "en avril 2023", "En avril 2023"),
    (["2023-04", "2023-02"], "en février et avril 2023", "En février et avril 2023"),
]


@pytest.mark.parametrize(("written", "inside", "initial"), TABLE)
def test_phrase_table(written: str | list[str], inside: str, initial: str) -> None:
    """Every row of the Dates table, in a sentence and at its start."""
    spec = parse_spec(written)
    assert dates_of("fr").phrase(spec).replace(NBSP, " ") == inside
    assert dates_of("fr").phrase(spec, initial=True).replace(NBSP, " ") == initial


def test_no_break_spaces_inside_dates() -> None:
    """Day, month and year are held together by no-break spaces, not the preposition."""
    assert dates_of("fr").phrase(parse_spec("2023-01-10")) == f"le 10{NBSP}janvier{NBSP}2023"
    assert dates_of("fr").day(dt.date(2024, 6, 1)) == f"1er{NBSP}juin{NBSP}2024"


@pytest.mark.parametrize(
    "written",
    ["2023-02-30", "2023-13", "2023-00", "printemps", "S3 2023", "hier", "1850", "mi-2300"],
)
def test_impossible_or_unreadable_dates(written: str) -> None:
    """Impossible or unknown forms raise a French message."""
    with pytest.raises(DateSpecError, match=r"date|année"):
        parse_spec(written)


def test_lists_hold_one_kind() -> None:
    """Mixing months with seasons (or days in a list) is an error; empty lists too."""
    for mixed in (["2023-02", "printemps 2023"], ["2023-02-01", "2023-03-01"], []):
        with pytest.raises(DateSpecError):
            parse_spec(mixed)


@pytest.mark.parametrize(
    ("written", "first", "last"),
    [
        ("hiver 2023", dt.date(2023, 12, 1), dt.date(2024, 2, 29)),
        ("printemps 2023", dt.date(2023, 3, 1), dt.date(2023, 5, 31)),
        ("S1 2023", dt.date(2023, 1, 1), dt.date(2023, 6, 30)),
        ("S2 2023", dt.date(2023, 7, 1), dt.date(2023, 12, 31)),
        ("début 2021", dt.date(2021, 1, 1), dt.date(2021, 3, 31)),
        ("mi-2024", dt.date(2024, 5, 1), dt.date(2024, 8, 31)),
        ("fin 2020", dt.date(2020, 10, 1), dt.date(2020, 12, 31)),
        ("2023-02", dt.date(2023, 2, 1), dt.date(2023, 2, 28)),
    ],
)
def test_coverage(written: str, first: dt.date, last: dt.date) -> None:
    """What each spec covers, from first to last day."""
    point = parse_spec(written).points[0]
    assert (point.first_day(), point.last_day()) == (first, last)


def test_list_covers_the_union_and_sorts_first() -> None:
    """A list meets a period if any item does; it sorts by its earliest day; periode first."""
    spec = parse_spec(["2024-09", "2023-04"])
    assert spec.meets(dt.date(2024, 6, 1), dt.date(2025, 5, 31))
    assert not spec.meets(dt.date(2023, 6, 1), dt.date(2024, 5, 31))
    assert spec.sort_key() == (1, dt.date(2023, 4, 1))
    assert parse_spec("periode").sort_key() < parse_spec("1900").sort_key()


def test_straddling_year_meets_the_period() -> None:
    """`2022` meets June 2022 - May 2023."""
    assert parse_spec("2022").meets(dt.date(2022, 6, 1), dt.date(2023, 5, 31))


years = st.integers(1990, 2100)
months = st.builds(lambda y, m: f"{y}-{m:02d}", years, st.integers(1, 12))
days = st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat)
seasons = st.builds(
    lambda s, y: f"{s} {y}", st.sampled_from(["printemps", "été", "ete", "automne", "hiver"]), years
)
others = st.builds(
    lambda form, y: form.format(y),
    st.sampled_from(["S1 {}", "S2 {}", "début {}", "debut {}", "fin {}", "mi-{}", "{}"]),
    years,
)
month_lists = st.lists(
    st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(2020, 2022), st.integers(1, 12)),
    min_size=1,
    max_size=8,
)
specs = st.one_of(
    days,
    months,
    seasons,
    others,
    month_lists,
    st.lists(seasons, min_size=1, max_size=4),
    st.lists(years.map(str), min_size=1, max_size=4),
)
MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


@settings(max_examples=200, deadline=None)
@given(specs)
def test_any_valid_spec_renders_by_rule(written: str | list[str]) -> None:
    """Lowercase inside a sentence, capital at its start, months never capitalised."""
    inside = dates_of("fr").phrase(parse_spec(written))
    initial = dates_of("fr").phrase(parse_spec(written), initial=True)
    assert inside
    assert inside[0].islower() or inside[0].isdigit()
    assert initial[0].isupper() or initial[0].isdigit()
    assert initial[1:] == inside[1:]
    for month in MONTHS:
        assert month.capitalize() not in inside


@settings(max_examples=100, deadline=None)
@given(st.lists(months, min_size=2, max_size=6, unique=True), st.randoms())
def test_list_order_does_not_matter(items: list[str], rng: object) -> None:
    """A list of months renders the same whatever order it was written in."""
    shuffled = list(items)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    assert dates_of("fr").phrase(parse_spec(items)) == dates_of("fr").phrase(parse_spec(shuffled))


def test_seasons_of_one_year_sort_in_calendar_order() -> None:
    """[printemps 2023, automne 2023] and [été 2023, printemps 2023] read in calendar order."""
    assert dates_of("fr").phrase(parse_spec(["automne 2023", "printemps 2023"])) == (
        "au printemps\u00a02023 et à l'automne\u00a02023"
    )
    assert parse_spec(["été 2023", "printemps 2023"]).sort_key()[1].month == 3
