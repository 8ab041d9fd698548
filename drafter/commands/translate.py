"""`drafter traductions`: its options and its line; the catalogue is usecases/catalogue.py."""

from __future__ import annotations

from pathlib import Path

import click

from drafter.commands.common import workspace_option
from drafter.usecases.catalogue import LANGUAGES, update_template, update_translations


@click.command()
@click.option(
    "--langue",
    "language",
    type=click.Choice(list(LANGUAGES)),
    default="en",
    show_default=True,
    help="La langue du catalogue (traductions/en.po).",
)
@click.option(
    "--pot",
    "template",
    is_flag=True,
    help="Écrit seulement le modèle traductions/drafter.pot (Weblate, msgmerge), "
    "sans toucher aux catalogues.",
)
@workspace_option
def traductions(language: str, template: bool, workspace: Path) -> None:
    """Crée ou met à jour traductions/en.po : une phrase française par message, à traduire.

    Une phrase nouvelle arrive vide ; une phrase dont le français a changé garde sa traduction,
    marquée à revoir (fuzzy) avec l'ancien français ; une entrée retirée devient obsolète (#~).
    Rien n'est perdu, et sans changement le fichier n'est pas réécrit. Les en-têtes et les
    commentaires d'un éditeur PO (Poedit, Lokalize, Weblate) sont gardés, et le fichier est
    écrit comme msgcat l'écrit : enregistrer dans l'éditeur puis relancer ne change rien."""
    if template:
        click.echo(update_template(workspace).template_line())
    else:
        click.echo(update_translations(workspace, language).line())
