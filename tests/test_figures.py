"""The figures of the draft are true: cross-briefings and joint declarations (issue 24)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from drafter.reading.workspace import load_workspace
from drafter.usecases.drafts import BuildOptions, build_markdown
from tests.test_rendering import draft

BRIEFINGS = (
    "- {date: 2023-10, texte: Exposé, contributeur: X, type: expose-croise,"
    " sous_theme: exposes-croises}\n"
)


def _cycle(carried: int, period: str = "{debut: 2023-06, fin: 2024-05}") -> str:
    return (
        f"numero: 9\nperiode: {period}\n"
        f"chiffres:\n  exposes_croises: {{valeur: {carried}, depuis: 2016-07}}\n"
    )


@pytest.mark.parametrize(
    ("carried", "phrase"),
    [(209, "en juillet 2016, 210 exposés croisés"), (213, "en juillet 2016, plus de 210 exposés")],
)
def test_cross_briefings_say_plus_de_only_when_more(
    workspace: Callable[..., Path], carried: int, phrase: str
) -> None:
    """Exactly 210 is « 210 exposés croisés »; 214 is « plus de 210 »."""
    files = {"inputs/dialogue-politique/a.yaml": BRIEFINGS}
    root = workspace(files, cycle=_cycle(carried))
    text = draft(root)
    assert phrase in text
    loaded, _ = load_workspace(root)
    comment = build_markdown(loaded, root, BuildOptions()).replace("\u00a0", " ")
    exact = carried + 1
    if exact % 10 == 0:
        assert "plus de" not in text.split("Depuis la signature")[1].split("exposés")[0]
        assert f"= {exact}." in comment
    else:
        assert f"= {exact}, arrondi à la dizaine inférieure : plus de 210." in comment


@pytest.mark.parametrize(
    ("period", "words"),
    [
        ("{debut: 2017-06, fin: 2018-05}", "la déclaration conjointe sur"),
        ("{debut: 2020-06, fin: 2021-05}", "les deux déclarations conjointes"),
        ("{debut: 2022-06, fin: 2023-05}", "les trois déclarations conjointes"),
    ],
)
def test_joint_declarations_follow_the_period(
    workspace: Callable[..., Path], period: str, words: str
) -> None:
    """8 July 2016, 10 July 2018, 10 January 2023: a 2021 report cites two, a 2023 one three."""
    text = draft(workspace({}, cycle=_cycle(210, period)))
    assert f"dans {words}" in text


def test_joint_declarations_as_a_number_still_read(workspace: Callable[..., Path]) -> None:
    """A workspace may still write the count itself."""
    text = draft(workspace({}, cycle=_cycle(210) + "declarations_conjointes: 2\n"))
    assert "dans les deux déclarations conjointes" in text
