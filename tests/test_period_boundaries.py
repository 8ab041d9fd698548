"""The report's period is inclusive at both ends, whatever month it ends in (issue 27, point 7):
model.py (period_days, DateSpec.meets), reading/cycle.py, reading/date_parsing.py.

A date on the first or the last day of the period, a month-only date of its first or last
month, belongs to the report: no « hors de la période » warning in `check`, no note in the
Word comment, counted in the cross-briefings figure; the day before or after does not. The
joint declarations are those signed by the last day of the period, inclusive.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from drafter.drafting.composition import cross_briefings
from drafter.reading.date_parsing import parse_spec
from drafter.reading.workspace import load_workspace
from drafter.usecases.drafts import BuildOptions, build_markdown

OUT_OF_PERIOD = "hors de la période"
# (period in rapport.yaml, dates inside it at both ends, dates just outside)
PERIODS = [
    pytest.param(
        "{debut: 2023-06, fin: 2024-05}",
        ["2023-06-01", "2024-05-31", "2023-06", "2024-05", "01/06/2023", "31 mai 2024"],
        ["2023-05-31", "2024-06-01", "2023-05", "2024-06"],
        id="june-may-ends-on-the-31st",
    ),
    pytest.param(
        "{debut: 2023-01, fin: 2023-12}",
        ["2023-01-01", "2023-12-31", "2023-01", "2023-12", "décembre 2023"],
        ["2022-12-31", "2024-01-01", "2022-12", "2024-01"],
        id="calendar-year",
    ),
    pytest.param(
        "{debut: 2023-07, fin: 2024-06}",
        ["2023-07-01", "2024-06-30", "2023-07", "2024-06"],
        ["2023-06-30", "2024-07-01", "2023-06", "2024-07"],
        id="ends-on-the-30th",
    ),
    pytest.param(
        "{debut: 2023-03, fin: 2024-02}",
        ["2023-03-01", "2024-02-29", "2024-02"],
        ["2023-02-28", "2024-03-01", "2024-03"],
        id="ends-on-a-leap-day",
    ),
]


def _entry(date: str, kind: str = "") -> str:
    return (
        f'date: "{date}"\nacteurs: les services de l\'UE\naction: ont tenu une réunion\n'
        f"contributeur: SEAE\n{kind}"
    )


def _cycle(period: str, extra: str = "") -> str:
    return f"numero: 9\nperiode: {period}\n{extra}"


def _warned(root: Path) -> set[str]:
    """Return the entry files `check` warns as out of the period."""
    _, warnings = load_workspace(root)
    return {w.path for w in warnings if OUT_OF_PERIOD in w.message}


@pytest.mark.parametrize(("period", "inside", "outside"), PERIODS)
def test_check_warns_only_outside_the_period(
    workspace: Callable[..., Path], period: str, inside: list[str], outside: list[str]
) -> None:
    """First and last day, first and last month, are in; the day or month beyond is out."""
    dates = inside + outside
    root = workspace(
        {f"inputs/cyber/d{i}.yaml": _entry(date) for i, date in enumerate(dates)},
        cycle=_cycle(period),
    )
    warned = _warned(root)
    out = {f"inputs/cyber/d{i}.yaml" for i, date in enumerate(dates) if date in outside}
    assert warned == out


@pytest.mark.parametrize(("period", "inside", "outside"), PERIODS)
def test_word_comments_note_only_dates_outside_the_period(
    workspace: Callable[..., Path], period: str, inside: list[str], outside: list[str]
) -> None:
    """The editors' « hors de la période » note is on exactly the dates beyond either end."""
    dates = inside + outside
    root = workspace(
        {f"inputs/cyber/d{i}.yaml": _entry(date) for i, date in enumerate(dates)},
        cycle=_cycle(period),
    )
    loaded, _ = load_workspace(root)
    markdown = build_markdown(loaded, root, BuildOptions())
    noted = [line for line in markdown.splitlines() if OUT_OF_PERIOD in line]
    assert len(noted) == len(outside), noted


@pytest.mark.parametrize(("period", "inside", "outside"), PERIODS)
def test_cross_briefings_count_both_ends_of_the_period(
    workspace: Callable[..., Path], period: str, inside: list[str], outside: list[str]
) -> None:
    """The running figure adds this period's cross-briefings, the first and last day included."""
    kind = "type: expose-croise\n"
    dates = inside + outside
    root = workspace(
        {f"inputs/cyber/d{i}.yaml": _entry(date, kind) for i, date in enumerate(dates)},
        cycle=_cycle(period, "chiffres:\n  exposes_croises: {valeur: 200, depuis: 2016-07}\n"),
    )
    loaded, _ = load_workspace(root)
    assert cross_briefings(loaded, rounded=False) == 200 + len(inside)


@pytest.mark.parametrize(
    ("period", "last_day", "day_after"),
    [
        ("{debut: 2023-06, fin: 2024-05}", "2024-05-31", "2024-06-01"),
        ("{debut: 2023-01, fin: 2023-12}", "2023-12-31", "2024-01-01"),
        ("{debut: 2023-03, fin: 2024-02}", "2024-02-29", "2024-03-01"),
    ],
)
def test_a_declaration_signed_on_the_last_day_counts(
    workspace: Callable[..., Path], period: str, last_day: str, day_after: str
) -> None:
    """Joint declarations signed by the last day of the period count; the next day's do not."""
    dates = f"declarations_conjointes: [2016-07-08, {last_day}, {day_after}]\n"
    root = workspace(cycle=_cycle(period, dates))
    loaded, _ = load_workspace(root)
    assert loaded.cycle.joint_declarations == 2


@pytest.mark.parametrize(
    ("period", "days"),
    [
        ("{debut: 2023-06, fin: 2024-05}", (dt.date(2023, 6, 1), dt.date(2024, 5, 31))),
        ("{debut: 2023-01, fin: 2023-12}", (dt.date(2023, 1, 1), dt.date(2023, 12, 31))),
        ("{debut: 2023-07, fin: 2024-06}", (dt.date(2023, 7, 1), dt.date(2024, 6, 30))),
        ("{debut: 2023-03, fin: 2024-02}", (dt.date(2023, 3, 1), dt.date(2024, 2, 29))),
        ("{debut: 2022-03, fin: 2023-02}", (dt.date(2022, 3, 1), dt.date(2023, 2, 28))),
    ],
)
def test_period_days_run_to_the_last_day_of_the_last_month(
    workspace: Callable[..., Path], period: str, days: tuple[dt.date, dt.date]
) -> None:
    """The period runs from the 1st of its first month to the last day of its last one."""
    loaded, _ = load_workspace(workspace(cycle=_cycle(period)))
    assert loaded.cycle.period_days() == days


@pytest.mark.parametrize(
    ("written", "first", "last"),
    [
        ("2024-05-31", dt.date(2024, 5, 31), dt.date(2024, 5, 31)),
        ("31/12/2023", dt.date(2023, 12, 31), dt.date(2023, 12, 31)),
        ("2024-05", dt.date(2024, 5, 1), dt.date(2024, 5, 31)),
        ("2023-12", dt.date(2023, 12, 1), dt.date(2023, 12, 31)),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2024-06", dt.date(2024, 6, 1), dt.date(2024, 6, 30)),
        ("hiver 2023", dt.date(2023, 12, 1), dt.date(2024, 2, 29)),
    ],
)
def test_a_date_covers_whole_days_up_to_the_month_end(
    written: str, first: dt.date, last: dt.date
) -> None:
    """A day covers itself; a month runs from its 1st to its last day (28 to 31)."""
    (point,) = parse_spec(written).points
    assert (point.first_day(), point.last_day()) == (first, last)


def test_meeting_the_period_is_inclusive_at_both_ends() -> None:
    """A date touching the period on one day only meets it, at either end."""
    start, end = dt.date(2023, 6, 1), dt.date(2024, 5, 31)
    assert parse_spec("2023-06-01").meets(start, end)
    assert parse_spec("2024-05-31").meets(start, end)
    assert parse_spec(["2022-12", "2024-05"]).meets(start, end)
    assert not parse_spec("2023-05-31").meets(start, end)
    assert not parse_spec(["2023-05", "2024-06"]).meets(start, end)
