"""Where an acronym counts as used, and as expanded: whole words, parentheses right after."""

from __future__ import annotations

import pytest

from drafter.drafting.acronyms import _pattern, _uses

GLOSSARY: dict[str, str | None] = {
    "SEAE": "Service européen pour l'action extérieure",
    "CCD COE": None,
    "E": None,
}


@pytest.mark.parametrize(
    ("sentence", "uses"),
    [
        ("Le SEAE a agi.", [("SEAE", False)]),
        ("Le Service européen pour l'action extérieure (SEAE) a agi.", [("SEAE", True)]),
        ("(SEAE)", [("SEAE", True)]),
        ("x(SEAE) : collé à un mot, ce n'est pas une expansion", [("SEAE", False)]),
        ("(SEAE sans parenthèse fermante", [("SEAE", False)]),
        ("(SEAE)x : suivi d'une lettre", [("SEAE", False)]),
        ("XSEAE, SEAEX, SEAE-bis, pré-SEAE, SEAE_", []),
        ("le CCD COE et le E", [("CCD COE", False), ("E", False)]),
        ("-E E", [("E", False)]),
    ],
)
def test_acronym_uses(sentence: str, uses: list[tuple[str, bool]]) -> None:
    """An acronym inside a word or a compound is not one; « (SIGLE) » expands it only when the
    parenthesis is not glued to a word and is closed right after."""
    assert list(_uses(_pattern(GLOSSARY), sentence)) == uses
