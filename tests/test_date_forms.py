"""The same date forms everywhere: what a spreadsheet accepts, a YAML entry accepts (issue 24)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from drafter.reading.date_parsing import DateSpecError, parse_spec
from tests.test_rendering import draft


@pytest.mark.parametrize(
    ("written", "same_as"),
    [
        ("14/02/2023", "2023-02-14"),
        ("1/3/2024", "2024-03-01"),
        ("mars 2025", "2025-03"),
        ("Février 2023", "2023-02"),
        ("fevrier 2023", "2023-02"),
        ("1er mars 2024", "2024-03-01"),
        ("02/2023", "2023-02"),
        (["mars 2023", "avril 2023"], ["2023-03", "2023-04"]),
    ],
)
def test_french_forms_are_the_contract_forms(
    written: str | list[str], same_as: str | list[str]
) -> None:
    """14/02/2023, mars 2025, 1er mars 2024 read as 2023-02-14, 2025-03, 2024-03-01."""
    assert parse_spec(written) == parse_spec(same_as)


def test_french_forms_in_a_yaml_entry(workspace: Callable[..., Path]) -> None:
    """An entry dated « mars 2024 » or « 14/02/2024 » gets its phrase, with no problem."""
    root = workspace(
        {
            "inputs/cyber/a.yaml": """\
        - {date: mars 2024, texte: "{Date}, un atelier", contributeur: X}
        - {date: 14/02/2024, texte: "{Date}, une réunion", contributeur: X}
        """
        }
    )
    text = draft(root)
    assert "En mars 2024, un atelier." in text
    assert "Le 14 février 2024, une réunion." in text


@pytest.mark.parametrize(
    ("written", "blamed"),
    [
        ("2024-13-45", "le mois doit aller de 01 à 12"),
        ("2024-02-30", "ce jour n'existe pas"),
        ("45/13/2024", "le mois doit aller de 01 à 12"),
        ("30/02/2024", "ce jour n'existe pas"),
    ],
)
def test_impossible_dates_blame_what_is_wrong(written: str, blamed: str) -> None:
    """« 2024-13-45 » blames the month, « 2024-02-30 » the day; the message quotes the input."""
    with pytest.raises(DateSpecError, match=f"« {written} » : {blamed}"):
        parse_spec(written)
