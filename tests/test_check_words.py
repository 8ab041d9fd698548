"""`drafter check`'s warnings on the text and the editors' remarks are worded once, in the
French edition's words (data/editions/fr.yaml: `remarques`, and `verification` where the
contributors' fix differs)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from drafter.reading.editions import load_edition

FILES = {
    "inputs/glossaire.yaml": 'XYZ: "Groupe fictif"\n',
    "inputs/cyber/a.yaml": """\
        - date: 2023-07
          sous_theme: echanges-politiques
          texte: Le XYZ et le PACE23 ont agi
          contributeur: X
          a_souligner: true
        """,
    "inputs/cyber/b.yaml": """\
        date: 2023-08
        sous_theme: echanges-politiques
        texte: Dans ce contexte, un atelier a suivi
        contributeur: X
        """,
    "inputs/cyber/c.yaml": """\
        date: 2023-09
        sous_theme: reunion-annuelle
        texte: Par ailleurs, un rapport a paru
        contributeur: X
        """,
    "inputs/exercices/d.yaml": """\
        date: 2023-10
        texte: Le plan d'action (PACE23) a suivi
        contributeur: X
        """,
}

EXPECTED = [
    "inputs/cyber/a.yaml:1:3: avertissement : ce fait saillant reprend mot pour mot la phrase "
    'de l\'entrée : un fait saillant la résume ; écrivez le résumé dans a_souligner: "…"',
    "inputs/cyber/a.yaml:1:3: avertissement : sigle « PACE23 » employé avant d'être développé : "
    "écrivez sa forme développée à sa première mention (entrée « cyber/a »)",
    "inputs/cyber/a.yaml:1:3: avertissement : sigle « XYZ » employé avant d'être développé : "
    "écrivez « Groupe fictif (XYZ) » à sa première mention (entrée « cyber/a »)",
    "inputs/cyber/b.yaml:1:1: avertissement : cette phrase renvoie à la phrase précédente "
    "(« Le XYZ et le PACE23 ont agi. »), qui vient d'un autre fichier : vérifiez l'ordre, "
    "ou ajoutez apres:",
    "inputs/cyber/c.yaml:1:1: avertissement : cette phrase renvoie à la phrase précédente mais "
    "ouvre son paragraphe : vérifiez l'ordre, ou ajoutez apres:",
]


def test_check_warns_on_the_text_as_it_did(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """Acronyms, back references and a repeating highlight: check's lines, word for word."""
    result = cli_invoke("check", "--workspace", workspace(FILES))
    assert result.exit_code == 0
    assert [x for x in result.stderr.splitlines() if x.startswith("inputs/cyber/")] == EXPECTED


def test_check_and_the_comments_take_the_remarks_from_the_french_words(
    workspace: Callable[..., Path],
    cli_invoke: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Rewording a remark in fr.yaml rewords both check's warning and the Word comment; the
    contributors' own words (`verification`) reword check's alone."""
    words = load_edition("fr").words
    monkeypatch.setitem(words, "remarques.sigle", "SIGLE {sigle} AVANT « {forme} »")
    monkeypatch.setitem(words, "remarques.renvoi_en_tete", "RENVOI EN TÊTE : {correction}")
    monkeypatch.setitem(words, "verification.correction_renvoi", "CORRIGEZ LE YAML")
    monkeypatch.setitem(words, "verification.fait_saillant_repete", "RÉPÈTE")
    root = workspace(FILES)
    warned = cli_invoke("check", "--workspace", root).stderr
    assert ": SIGLE XYZ AVANT « Groupe fictif » (entrée « cyber/a »)" in warned
    assert "inputs/cyber/c.yaml:1:1: avertissement : RENVOI EN TÊTE : CORRIGEZ LE YAML" in warned
    assert "inputs/cyber/a.yaml:1:3: avertissement : RÉPÈTE\n" in warned
    markdown = cli_invoke("build", "--format", "md", "-o", "-", "--workspace", root).stdout
    assert "– SIGLE XYZ AVANT «\u00a0Groupe fictif\u00a0»." in markdown
    assert "– RENVOI EN TÊTE\u00a0: vérifiez que l’enchaînement se lit bien" in markdown
    assert "CORRIGEZ" not in markdown
