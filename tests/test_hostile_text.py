"""Text that would become structure or hide in messages, and annotations that would inject their own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from drafter.commands.common import escape as _escape


def test_line_separators_do_not_become_titles_or_bullets(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """U+2028 / U+2029 in a texte are folded to spaces: one sentence stays one paragraph."""
    text = "Un exercice\u2028Titre pirate\u2029- puce pirate a eu lieu"
    root = workspace({"inputs/cyber/a.yaml": f"date: 2023-07\ntexte: {text}\ncontributeur: SEAE\n"})
    result = cli_invoke("build", "--format", "md", "-o", "-", "--workspace", root)
    assert result.exit_code == 0
    assert "\u2028" not in result.stdout
    assert "\u2029" not in result.stdout
    line = next(line for line in result.stdout.splitlines() if "exercice" in line)
    assert "Titre pirate" in line
    assert "puce pirate" in line
    assert not any(ln.startswith(("Titre", "- puce")) for ln in result.stdout.splitlines())


def test_decomposed_accents_are_composed(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """e + U+0301 (copied from a PDF) becomes é (NFC) in the draft."""
    root = workspace(
        {"inputs/cyber/a.yaml": "date: 2023-07\ntexte: Un exerce\u0301\ncontributeur: SEAE\n"}
    )
    result = cli_invoke("build", "--format", "md", "-o", "-", "--workspace", root)
    assert result.exit_code == 0
    assert "exercé" in result.stdout
    assert "\u0301" not in result.stdout


@pytest.mark.parametrize(
    ("text", "column", "code"),
    [
        ("contributeur: SEAE\u200b\n", 19, "U+200B"),
        ("contributeur: SE\ufeffAE\n", 17, "U+FEFF"),
        ("contributeur: SEAE\ue000\n", 19, "U+E000"),
    ],
)
def test_invisible_and_private_characters_named_by_code_point(
    workspace: Callable[..., Path],
    cli_invoke: Callable[..., Result],
    text: str,
    column: int,
    code: str,
) -> None:
    """A zero-width space, a BOM mid-file or a private-use character: error at its place, named."""
    root = workspace({"inputs/cyber/a.yaml": "date: 2023-07\ntexte: Un\n" + text})
    result = cli_invoke("check", "--workspace", root)
    assert result.exit_code == 1
    assert f"inputs/cyber/a.yaml:3:{column}: caractère" in result.stderr
    assert code in result.stderr


def test_a_souligner_true_capitalised_is_a_boolean(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """a_souligner: True is a highlight flag, not the bullet « True. »."""
    entry = "date: 2023-07\ntexte: Un exercice\ncontributeur: SEAE\na_souligner: True\n"
    root = workspace({"inputs/cyber/a.yaml": entry})
    result = cli_invoke("build", "--format", "md", "-o", "-", "--workspace", root)
    assert result.exit_code == 0
    assert "True" not in result.stdout
    assert "- Un exercice" in result.stdout or "Un exercice" in result.stdout.split("##")[1]


def test_github_annotations_are_escaped(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """A file name with , and :, or a key with a newline, cannot forge or shift an annotation."""
    forged = '"x\\n::error file=evil.yaml,line=1::faux": 1\n'
    root = workspace(
        {
            "inputs/cyber/a,line=99::b.yaml": "date: 2023-07\n",
            "inputs/cyber/c.yaml": "date: 2023-07\ntexte: Un\ncontributeur: X\n" + forged,
        }
    )
    result = cli_invoke("check", "--format", "github", "--workspace", root)
    lines = result.stdout.splitlines()
    assert lines
    assert all(line.startswith("::") for line in lines)
    assert not any("evil.yaml" in line and "::faux" in line.split("::", 2)[1] for line in lines)
    assert any("file=inputs/cyber/a%2Cline=99%3A%3Ab.yaml,line=" in line for line in lines)
    assert any("%0A::error file=evil.yaml" in line for line in lines)


def test_escape_follows_github_rules() -> None:
    """%, CR and LF are escaped everywhere; , and : in properties too."""
    assert _escape("50 %\r\nfin") == "50 %25%0D%0Afin"
    assert _escape("a,b:c", is_property=True) == "a%2Cb%3Ac"
