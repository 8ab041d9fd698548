"""The `drafter` command: a lazy group of the commands (each in its own module, imported when
it runs, so that `drafter --help` stays instant), and the one place where problems become
messages and exit codes."""

from __future__ import annotations

import atexit
import importlib
import os
import sys
import threading
from typing import Any

import click

from drafter.commands.click_french import speak_french
from drafter.commands.common import read_editions_words, summary
from drafter.errors import DrafterError, os_problem

INTERNAL_ERROR = 70  # EX_SOFTWARE
speak_french()  # click's own messages, before any command is defined

# name → (module:function, the short help `drafter --help` lists without importing it;
# tests/test_docs.py checks that it is the command's own)
COMMANDS = {
    "init": (
        "setup:init",
        "Crée un espace de travail : inputs/rapport.yaml, un dossier par domaine, outputs/.",
    ),
    "new": (
        "setup:new",
        "Écrit dans inputs/DOMAINE/ une entrée à compléter, commentée champ par champ.",
    ),
    "check": (
        "check:check",
        "Vérifie toutes les entrées et le fichier du cycle ; liste chaque problème.",
    ),
    "build": ("build:build", "Écrit le brouillon du rapport (Word, ou Markdown avec --format md)."),
    "changes": (
        "changes:changes",
        "Liste, sans rien écrire, ce qui a changé dans les entrées depuis le dernier brouillon.",
    ),
    "traductions": (
        "translate:traductions",
        "Crée ou met à jour traductions/en.po : une phrase française par message, à traduire.",
    ),
    "status": (
        "status:status",
        "Montre l'état du cycle : entrées, faits saillants, contributeurs par domaine.",
    ),
    "next": (
        "next_cycle:next_cycle",
        "Clôt le cycle : archive les entrées et prépare le rapport suivant.",
    ),
    "reprendre": (
        "reprendre:reprendre",
        "Reprend un rapport publié (.docx ou .pdf) dans archive/NN/, comme drafter next.",
    ),
    "serve": (
        "drafter.web.serve:serve",
        "Ouvre un formulaire web local pour écrire une entrée et voir sa phrase en direct.",
    ),
    "tableur": (
        "spreadsheet:tableur",
        "Écrit le classeur à envoyer aux services : une feuille par domaine, une ligne par entrée.",
    ),
    "importer": (
        "spreadsheet_import:importer",
        "Importe des classeurs remplis : un fichier YAML par ligne dans inputs/<domaine>/.",
    ),
}


class LazyGroup(click.Group):
    """A group that imports a command's module only when that command runs (click's
    documented lazy-loading pattern), and turns drafter's errors into messages."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Return the command names, in the order of a session's steps."""
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Return the command, importing its module; None for an unknown name."""
        if cmd_name not in COMMANDS:
            return None
        module, name = COMMANDS[cmd_name][0].split(":")
        if "." not in module:  # a module of commands/; `drafter serve` is the web form's own
            module = f"drafter.commands.{module}"
        command = getattr(importlib.import_module(module), name)
        assert isinstance(command, click.Command)
        return command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """Resolve the command; an unknown one is refused with the closest names (click
        draws them from the commands it holds, and a lazy group holds none)."""
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as exc:
            name = exc.command_name
            raise click.exceptions.NoSuchCommand(name, possibilities=COMMANDS, ctx=ctx) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List the commands with their short help, importing none of them."""
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [
            (name, click.Command(name, help=help).get_short_help_str(limit))
            for name, (_, help) in COMMANDS.items()
        ]
        with formatter.section("Commandes"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; DrafterError and OSError become messages and exit codes."""
        read_editions_words()
        try:
            return super().invoke(ctx)
        except DrafterError as exc:
            _echo_error(exc)
            ctx.exit(exc.exit_code)
        except OSError as exc:  # the environment, not a bug: say where, in French
            problem = os_problem(exc.filename or ".", exc, "opération impossible")
            click.echo(str(problem), err=True)
            ctx.exit(1)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:
            if os.environ.get("DRAFTER_DEBUG"):  # the tests ask for tracebacks
                raise
            click.echo(_internal_error(exc), err=True)
            ctx.exit(INTERNAL_ERROR)


def _echo_error(exc: DrafterError) -> None:
    for line in exc.lines():
        click.echo(line, err=True)
    errors = sum(1 for p in exc.problems if p.is_error)
    if len(exc.problems) > 1:
        click.echo(summary(errors, len(exc.problems) - errors), err=True)


def _internal_error(exc: Exception) -> str:
    """Return the one line a user sees for a bug of drafter (not of their files)."""
    return (
        f"erreur interne de drafter ({type(exc).__name__} : {exc}) : ce n'est pas une "
        "erreur de vos fichiers ; signalez-la avec la commande lancée "
        "(DRAFTER_DEBUG=1 affiche le détail)"
    )


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    subcommand_metavar="COMMANDE [ARGUMENTS]...",
)
@click.version_option(package_name="drafter", message="drafter %(version)s")
def main() -> None:
    """Prépare le brouillon Word du rapport d'étape UE-OTAN à partir des entrées YAML des services.

    \b
    Étapes habituelles :
      drafter init DOSSIER --numero 9 --debut 2023-06   crée l'espace de travail
      drafter new cyber                                 ajoute une entrée à compléter
      drafter check                                     vérifie toutes les entrées
      drafter build                                     écrit outputs/rapport-etape-09.docx
    """


def run() -> None:
    """The console command (`drafter`, `python -m drafter`): `main`, then a quick exit.

    Freeing every object one by one as the interpreter shuts down (the modules, a large
    draft's trees) was a tenth of a 1,000-entry build. By the time `main` returns every
    file is written and closed, so the process ends after flushing its output and running
    the exit handlers, without that teardown. Tests call `main` and keep the usual exit."""
    try:
        main()
        status = 0
    except SystemExit as exc:  # click's standalone mode always ends this way
        status = _exit_status(exc.code)
    _quick_exit(status)


def _exit_status(code: object) -> int:
    """Return the process status for a SystemExit code, as the interpreter would."""
    if code is None or isinstance(code, int):
        return code or 0
    print(code, file=sys.stderr)
    return 1


def _quick_exit(status: int) -> None:
    """Flush, run the exit handlers and end the process with `status`, skipping teardown.

    The standard library has no public way to run the `atexit` handlers before `os._exit`:
    this is drafter's one use of the private `atexit._run_exitfuncs` (CPython 3.11–3.14; it
    clears the handlers it runs, so none runs twice). Should it ever go, or should a thread
    still be at work (a server's), the usual exit is taken instead."""
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)  # see below
    if threading.active_count() > 1 or run_exit_handlers is None:
        sys.exit(status)  # a thread still at work: the usual exit waits for it
    run_exit_handlers()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`drafter build -o - | head`)
            status = status or 120  # the interpreter's own status for that case
    os._exit(status)
