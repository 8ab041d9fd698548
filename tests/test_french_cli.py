"""click's own words in French, from the first message to the last (issue 24, point 8)."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from click.testing import Result

from drafter.cli import COMMANDS
from drafter.commands.click_french import LOCALE
from tests.conftest import REPO

ENGLISH = (
    "Usage:",
    "Options:",
    "Commands:",
    "Show this message",
    "Show the version",
    "Error:",
    "No such",
    "Invalid value",
    "Did you mean",
    "Missing",
    "is not",
    "required",
    "default:",
    "Try '",
    "DIRECTORY",
    "AREA",
    "INTEGER",
    "TEXT",
    "FILE ",
    "COMMAND",
)


def _french(text: str) -> None:
    """Fail on any of click's English words (whole words: COMMANDE is French)."""
    for word in ENGLISH:
        assert re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is None, word


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["buid"], "Erreur : La commande 'buid' n'existe pas. Vouliez-vous dire 'build' ?"),
        (["build", "--nope"], "Erreur : L'option '--nope' n'existe pas."),
        (["check", "--strikt"], "L'option '--strikt' n'existe pas. Vouliez-vous dire '--strict' ?"),
        (
            ["init", "x", "--numero", "1000", "--debut", "2024-06"],
            "Erreur : Valeur invalide pour '--numero' : 1000 n'est pas dans l'intervalle "
            "1<=x<=999.",
        ),
        (["init", "x", "--debut", "2024-06"], "Erreur : Option manquante '--numero'."),
        (["new"], "Erreur : Argument manquant 'DOMAINE'."),
        (
            ["build", "--format", "pdf"],
            "Erreur : Valeur invalide pour '--format' : 'pdf' n'est pas l'une des valeurs "
            "'docx', 'md'.",
        ),
        (["build", "-o"], "Erreur : L'option '-o' attend une valeur."),
        (["importer", "absent.xlsx"], "Fichier 'absent.xlsx' : introuvable."),
        (["status", "en-trop"], "Erreur : Argument en trop : en-trop"),
    ],
)
def test_each_usage_error_is_french(
    cli_invoke: Callable[..., Result], tmp_path: Path, args: list[str], expected: str
) -> None:
    """Every kind of usage error click reports: French message, French usage line, exit 2."""
    os.chdir(tmp_path)
    result = cli_invoke(*args)
    assert result.exit_code == 2
    assert expected in result.stderr
    if args != ["build", "-o"]:  # click shows no usage for an option's missing value
        assert "Utilisation : " in result.stderr
        assert "pour l'aide." in result.stderr
    _french(result.stderr)


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_every_help_is_french(cli_invoke: Callable[..., Result], command: str) -> None:
    """`drafter --help` and each command's: headings, help option, metavars, defaults."""
    result = cli_invoke(*([command] if command else []), "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith("Utilisation : ")
    assert "Options :" in result.stdout
    assert "-h, --help" in result.stdout
    assert "Affiche cette aide et quitte." in result.stdout
    _french(result.stdout)


def test_a_real_process_in_an_english_locale_speaks_french(tmp_path: Path) -> None:
    """The catalogue is drafter's, not the user's locale's: LANG=en_US changes nothing."""
    environment = dict(os.environ, LANG="en_US.UTF-8", LANGUAGE="en", LC_ALL="en_US.UTF-8")
    done = subprocess.run(
        [sys.executable, "-m", "drafter", "buid"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "Erreur : La commande 'buid' n'existe pas. Vouliez-vous dire 'build' ?" in done.stderr


def _catalogue_path() -> Path:
    return LOCALE / "fr" / "LC_MESSAGES" / "click.po"


def test_the_shipped_catalogue_is_the_compiled_po() -> None:
    """click.mo is exactly what Babel compiles from click.po (recompile after an edit:
    `pybabel compile -D click -d drafter/locale -l fr`)."""
    with _catalogue_path().open("rb") as po:
        catalogue = read_po(po, locale="fr", domain="click")
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    assert compiled.getvalue() == _catalogue_path().with_suffix(".mo").read_bytes()


def test_every_message_of_the_installed_click_is_translated() -> None:
    """A newer click with new messages fails here, not in front of a user."""
    with _catalogue_path().open("rb") as po:
        catalogue = read_po(po, locale="fr", domain="click")
    translated = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue if m.string}
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2)}
    found = {
        message if isinstance(message, str) else message[0]
        for _, _, message, _, _ in extract_from_dir(Path(click.__file__).parent, keywords=keywords)
    }
    assert found - translated == set()


def test_the_catalogue_ships_in_the_package() -> None:
    """The catalogue lives inside the package (hatch ships the package's files)."""
    assert LOCALE.parent == REPO / "drafter"
    assert (LOCALE / "fr" / "LC_MESSAGES" / "click.mo").is_file()
