"""The --workspace option, which every command takes: those of commands/ and `drafter serve`
(web/). It sits below both front ends so that neither imports the other."""

from __future__ import annotations

from pathlib import Path

import click

workspace_option = click.option(
    "--workspace",
    "-w",
    "workspace",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DOSSIER",
    default=".",
    show_default=True,
    help="Dossier de l'espace de travail (celui qui contient inputs/).",
)
