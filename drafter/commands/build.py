"""`drafter build`: its options and what it prints; the build itself is usecases/drafts.py."""

from __future__ import annotations

from pathlib import Path

import click

from drafter.commands.common import edition_option, workspace_option
from drafter.errors import UsageError, unlocated
from drafter.usecases.drafts import BuildOptions, DraftFormat, run_build
from drafter.usecases.late_changes import Merge
from drafter.writing.outputs import Written
from drafter.writing.pdf import convert_to_pdf


@click.command()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["docx", "md"]),
    default="docx",
    show_default=True,
    help="docx : document Word ; md : le même brouillon en Markdown.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Fichier à écrire (« - » : sortie standard, pour md) ; par défaut "
    "outputs/rapport-etape-NN.docx.",
)
@click.option(
    "--sans-commentaires",
    "no_comments",
    is_flag=True,
    help="Sans les commentaires de traçabilité (copie propre).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Remplace le fichier de sortie même s'il a été modifié depuis drafter.",
)
@click.option("--toc", is_flag=True, help="Ajoute une table des matières (mise à jour par Word).")
@click.option(
    "--annexe",
    "annex",
    is_flag=True,
    help="Ajoute en annexe le tableau des propositions communes et de leurs activités.",
)
@click.option(
    "--pdf",
    "with_pdf",
    type=click.Choice(["relecture", "impression"]),
    is_flag=False,
    flag_value="relecture",
    default=None,
    help="Produit aussi un PDF (LibreOffice requis) : relecture (par défaut) avec les "
    "commentaires Word dans la marge, impression pour la page seule.",
)
@edition_option(
    "fr : le rapport ; en : l'édition anglaise (outputs/progress-report-NN.docx), "
    "phrases traduites dans traductions/en.po."
)
@workspace_option
def build(
    output_format: DraftFormat,
    output: Path | None,
    no_comments: bool,
    force: bool,
    toc: bool,
    annex: bool,
    with_pdf: str | None,
    language: str,
    workspace: Path,
) -> None:
    """Écrit le brouillon du rapport (Word, ou Markdown avec --format md)."""
    if output_format == "docx" and output is not None and str(output) == "-":
        raise UsageError(
            [
                unlocated(
                    "un document Word ne s'écrit pas sur la sortie standard : "
                    "indiquez un fichier avec -o"
                )
            ]
        )
    options = BuildOptions(
        not no_comments,
        toc,
        annex,
        output_format,
        force,
        language,
        page_numbers=bool(with_pdf),
    )
    result = run_build(workspace, output, options)
    for warning in result.warnings:
        click.echo(str(warning), err=True)
    if result.text is not None:
        click.echo(result.text, nl=False)
    elif result.written is not None:
        _echo_written(result.written, result.merge)
        if with_pdf and output_format == "docx":
            pdf = convert_to_pdf(result.written.path, comments=with_pdf == "relecture")
            click.echo(f"PDF écrit : {pdf}")
    elif result.merge is not None:
        _echo_merge(result.merge)


def _echo_written(written: Written, merge: Merge | None) -> None:
    if merge is not None:
        _echo_merge(merge)
        return
    if written.kept is not None:
        click.echo(written.message, err=True)
    click.echo(f"brouillon écrit : {written.path}")


def _echo_merge(merge: Merge) -> None:
    click.echo(merge.notice(), err=True)
    for line in merge.lines():
        click.echo(line)
