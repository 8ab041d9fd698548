"""`drafter traductions`: its options and its line; the catalogue is usecases/catalogue.py."""

from __future__ import annotations

from pathlib import Path

import click

from drafter.commands.common import workspace_option
from drafter.usecases.catalogue import LANGUAGES, update_translations


@click.command()
@click.option(
    "--langue",
    "language",
    type=click.Choice(list(LANGUAGES)),
    default="en",
    show_default=True,
    help="La langue du catalogue (traductions/en.po).",
)
@workspace_option
def traductions(language: str, workspace: Path) -> None:
    """Crée ou met à jour traductions/en.po : une phrase française par message, à traduire.

    Une phrase nouvelle arrive vide ; une phrase dont le français a changé garde sa traduction,
    marquée à revoir (fuzzy) avec l'ancien français ; une entrée retirée devient obsolète (#~).
    Rien n'est perdu, et sans changement le fichier n'est pas réécrit."""
    click.echo(update_translations(workspace, language).line())
