"""`drafter changes`: what changed in the entries since the last draft, with nothing written."""

from __future__ import annotations

from pathlib import Path

import click

from drafter.commands.common import edition_option, workspace_option
from drafter.errors import Problem
from drafter.reading.workspace import load_workspace
from drafter.usecases.drafts import BuildOptions, default_output, draft_sentences
from drafter.usecases.late_changes import Pending, pending_changes


def list_changes(
    root: Path, output: Path | None, language: str = "fr"
) -> tuple[Pending, list[Problem]]:
    """Return the changes since the last build of the draft (of the French edition, or the
    English one), and the workspace's warnings."""
    loaded, warnings = load_workspace(root)
    target = output or default_output(root, loaded.cycle, ".docx", language)
    sentences = draft_sentences(loaded, root, BuildOptions(language=language))
    return pending_changes(target, sentences), warnings


@click.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Le brouillon à comparer ; par défaut outputs/rapport-etape-NN.docx.",
)
@edition_option("en : le brouillon de l'édition anglaise (outputs/progress-report-NN.docx).")
@workspace_option
def changes(output: Path | None, language: str, workspace: Path) -> None:
    """Liste, sans rien écrire, ce qui a changé dans les entrées depuis le dernier brouillon."""
    pending, warnings = list_changes(workspace, output, language)
    for warning in warnings:
        click.echo(str(warning), err=True)
    for line in pending.lines():
        click.echo(line)
