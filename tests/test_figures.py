"""The figures of the draft are true: cross-briefings and joint declarations (issue 24)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result

from drafter.model import LANGUAGES
from drafter.reading.editions import load_edition
from drafter.reading.published_report import wording
from drafter.reading.workspace import load_workspace
from drafter.usecases.drafts import BuildOptions, build_markdown
from tests.test_rendering import _plain, draft

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


@pytest.mark.parametrize(
    ("language", "qualifier", "phrase"),
    [
        ("fr", "plus de", "en juillet 2016, plus de 130 exposés croisés ont eu lieu"),
        ("fr", "près de", "en juillet 2016, près de 130 exposés croisés ont eu lieu"),
        ("en", "plus de", "in July 2016, more than 130 cross-briefings have taken place"),
        ("en", "environ", "in July 2016, about 130 cross-briefings have taken place"),
    ],
)
def test_a_carried_qualifier_is_printed_with_the_figure(
    workspace: Callable[..., Path], language: str, qualifier: str, phrase: str
) -> None:
    """« plus de 129 » carried (as reprendre keeps a published « plus de ») and one briefing
    of the period: « plus de 130 », though 130 is round; in each edition's words."""
    cycle = _cycle(129).replace("depuis: 2016-07", f"depuis: 2016-07, qualificatif: {qualifier}")
    root = workspace({"inputs/dialogue-politique/a.yaml": BRIEFINGS}, cycle=cycle)
    loaded, _ = load_workspace(root)
    options = BuildOptions(comments=False, language=language)
    assert phrase in _plain(build_markdown(loaded, root, options))


def test_an_unknown_qualifier_is_a_clear_error(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """A qualifier no edition can word is reported at its line, the known ones listed."""
    cycle = _cycle(129).replace("depuis: 2016-07", "depuis: 2016-07, qualificatif: beaucoup")
    result = cli_invoke("check", "--workspace", workspace({}, cycle=cycle))
    assert result.exit_code == 1
    assert (
        "inputs/rapport.yaml:4:65: « qualificatif » inconnu « beaucoup » : "
        "plus de, près de, environ, au moins" in result.stderr
    )


def test_every_edition_words_every_qualifier_reprendre_reads() -> None:
    """Each qualifier data/reprise.yaml recognises, and the rounding's, has each edition's words."""
    qualifiers = wording()["qualificatifs"]
    assert isinstance(qualifiers, list)
    for language in LANGUAGES:
        words = load_edition(language).words
        assert all(f"qualificatifs.{q}" in words for q in [*qualifiers, "arrondi"])


def test_the_next_cycle_keeps_the_qualifier(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """« plus de 129 » and one briefing: the next cycle carries « plus de 130 », not 130."""
    cycle = _cycle(129).replace("depuis: 2016-07", "depuis: 2016-07, qualificatif: plus de")
    root = workspace({"inputs/dialogue-politique/a.yaml": BRIEFINGS}, cycle=cycle)
    assert cli_invoke("next", "--workspace", root).exit_code == 0
    following = yaml.safe_load((root / "inputs" / "rapport.yaml").read_text(encoding="utf-8"))
    assert following["chiffres"]["exposes_croises"] == {
        "valeur": 130,
        "depuis": "2016-07",
        "qualificatif": "plus de",
    }
