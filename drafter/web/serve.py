"""`drafter serve`: the local web form (extra [web]); this module, which the cli imports when
the command runs, imports Flask only then, and says what to install when it is missing."""

from __future__ import annotations

import contextlib
from pathlib import Path

import click

from drafter.errors import UsageError, unlocated
from drafter.usecases.options import workspace_option


@click.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    metavar="PORT",
    default=8000,
    show_default=True,
    help="Port d'écoute (0 : un port libre).",
)
@click.option(
    "--host",
    metavar="ADRESSE",
    default="127.0.0.1",
    show_default=True,
    help="Adresse d'écoute ; une autre que 127.0.0.1 ouvre le formulaire au réseau.",
)
@click.option(
    "--services",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="Fichier YAML « SERVICE: jeton » : un jeton par service, "
    "qui n'écrit que les entrées de ce service.",
)
@workspace_option
def serve(port: int, host: str, services: Path | None, workspace: Path) -> None:
    """Ouvre un formulaire web local pour écrire une entrée et voir sa phrase en direct."""
    try:
        from drafter.web import server
    except ImportError as exc:
        message = f'drafter serve demande Flask et waitress : pip install "drafter[web]" ({exc})'
        raise UsageError([unlocated(message)]) from None
    running = server.open_server(workspace, host, port, services)
    for line in server.warnings(host) + server.addresses(running):
        click.echo(line)
    click.echo("Ctrl+C pour arrêter.")
    with contextlib.suppress(KeyboardInterrupt):  # waitress stops on Ctrl+C by itself
        running.serve_forever()
    running.close()
    click.echo("arrêté.")
