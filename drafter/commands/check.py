"""`drafter check`: every problem of the workspace, errors and warnings, at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click

from drafter.commands.common import echo_problems, exit_failed, summary, workspace_option
from drafter.drafting.composition import compose
from drafter.drafting.edition import edition_of
from drafter.drafting.editor_notes import check_warnings
from drafter.errors import DrafterError, Problem
from drafter.model import SOURCE_LANGUAGE, TRANSLATIONS, Workspace
from drafter.reading.editions import load_edition
from drafter.reading.workspace import load_workspace
from drafter.usecases.collector import without_cycle_collection


@dataclass(frozen=True)
class CheckResult:
    """What a check found: entries read, and problems (errors first when there are any)."""

    entries: int
    problems: list[Problem]

    @property
    def has_errors(self) -> bool:
        """Return True when any problem is an error."""
        return any(p.is_error for p in self.problems)


def check_workspace(root: Path) -> CheckResult:
    """Return the problems of the workspace: reading errors, else the warnings."""
    with without_cycle_collection():
        try:
            loaded, warnings = load_workspace(root)
        except DrafterError as exc:
            return CheckResult(0, exc.problems + catalogue_problems(root, None))
        edition = edition_of(load_edition(SOURCE_LANGUAGE))  # its words for contributors
        drafting = check_warnings(loaded, compose(loaded), edition)
        drafting += catalogue_problems(root, loaded)
        return CheckResult(len(loaded.entries), sorted(warnings + drafting))


def catalogue_problems(root: Path, loaded: Workspace | None) -> list[Problem]:
    """Return the problems of the catalogues under traductions/, importing what reads them
    (polib, the English edition's drafting: a fifth of a check at 1,000 entries) only when
    the workspace has that folder."""
    if not (root / TRANSLATIONS).is_dir():
        return []
    from drafter.usecases import catalogue

    return catalogue.catalogue_problems(root, loaded)


@click.command()
@click.option("--strict", is_flag=True, help="Les avertissements comptent comme des erreurs.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["texte", "github"]),
    default="texte",
    show_default=True,
    help="texte : chemin:ligne:colonne: message ; github : annotations GitHub Actions.",
)
@workspace_option
def check(strict: bool, output_format: str, workspace: Path) -> None:
    """Vérifie toutes les entrées et le fichier du cycle ; liste chaque problème."""
    result = check_workspace(workspace)
    echo_problems(result.problems, output_format)
    if result.has_errors or (strict and result.problems):
        exit_failed()
    click.echo(f"{result.entries} entrées vérifiées : {summary(0, len(result.problems))}.")
