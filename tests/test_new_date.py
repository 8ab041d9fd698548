"""`drafter new` without --date dates the entry inside the report's period, and says so."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from drafter.commands.setup import default_date
from drafter.reading.workspace import load_cycle_only


@pytest.mark.parametrize(
    ("today", "month", "edge"),
    [
        (dt.date(2026, 12, 6), "2024-05", "le dernier"),
        (dt.date(2023, 1, 15), "2023-06", "le premier"),
    ],
)
def test_outside_the_period_the_nearest_month_and_a_note(
    workspace: Callable[..., Path], today: dt.date, month: str, edge: str
) -> None:
    """Today after (before) the period: its last (first) month, with a note naming both."""
    written, note = default_date(load_cycle_only(workspace()), today)
    assert written == month
    assert note is not None
    assert "hors de la période du rapport (juin 2023 – mai 2024)" in note
    assert f"datée {month}, {edge} mois de la période" in note


def test_inside_the_period_today_without_a_note(workspace: Callable[..., Path]) -> None:
    """Today inside the period: this month, and nothing to say."""
    assert default_date(load_cycle_only(workspace()), dt.date(2024, 2, 29)) == ("2024-02", None)


def test_the_command_writes_the_date_it_says(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """`drafter new cyber` in a 2001-2002 cycle prints the note, and the
    file holds that date, which passes the period check."""
    root = workspace(cycle="numero: 9\nperiode: {debut: 2001-06, fin: 2002-05}\n")
    result = cli_invoke("new", "cyber", "--workspace", root)
    assert result.exit_code == 0
    assert "remarque : aujourd'hui" in result.stdout
    assert "l'entrée est datée 2002-05" in result.stdout
    written = root / "inputs" / "cyber" / "2002-05-entree.yaml"
    assert "date: 2002-05" in written.read_text(encoding="utf-8")
