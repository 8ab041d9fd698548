"""The `drafter` command: the one place where problems become messages and exit codes.

Heavy libraries (python-docx, Babel, Jinja2) are imported inside the commands that need them,
so that `drafter --help` stays instant.
"""

from __future__ import annotations

import atexit
import functools
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from drafter.errors import DrafterError, Problem, UsageError, os_problem

F = TypeVar("F", bound=Callable[..., Any])


def handles_errors(command: F) -> F:
    """Turn DrafterError into its problems on stderr and the matching exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except DrafterError as exc:
            for line in exc.lines():
                click.echo(line, err=True)
            errors = sum(1 for p in exc.problems if p.is_error)
            if len(exc.problems) > 1:
                click.echo(_summary(errors, len(exc.problems) - errors), err=True)
            sys.exit(exc.exit_code)
        except OSError as exc:  # the environment, not a bug: say where, in French
            click.echo(str(os_problem(exc.filename or ".", exc, "opération impossible")), err=True)
            sys.exit(1)
        except Exception as exc:
            # A bug of drafter, not a problem of the user's files: one clear line, and the
            # traceback when asked for (the tests ask for it).
            if os.environ.get("DRAFTER_DEBUG"):
                raise
            click.echo(
                f"erreur interne de drafter ({type(exc).__name__} : {exc}) : ce n'est pas une "
                "erreur de vos fichiers ; signalez-la avec la commande lancée "
                "(DRAFTER_DEBUG=1 affiche le détail)",
                err=True,
            )
            sys.exit(INTERNAL_ERROR)

    return wrapper  # type: ignore[return-value]


INTERNAL_ERROR = 70  # EX_SOFTWARE


def _summary(errors: int, warnings: int) -> str:
    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'s' if n > 1 else ''}"

    return f"{plural(errors, 'erreur')}, {plural(warnings, 'avertissement')}"


_console = [False]  # set by `run`: this process is the console command's own


def run() -> None:
    """The console command (`drafter`, `python -m drafter`): `main`, then a quick exit.

    Freeing every object one by one as the interpreter shuts down (the modules, a large
    draft's trees) was a tenth of a 1,000-entry build. By the time `main` returns every
    file is written and closed, so the process ends after flushing its output and running
    the exit handlers, without that teardown. Tests call `main` and keep the usual exit."""
    _console[0] = True  # a process of its own: it may fork (commands/beside.py)
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
    if threading.active_count() > 1:  # a thread still at work: the usual exit waits for it
        sys.exit(status)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`drafter build -o - | head`)
            status = status or 120  # the interpreter's own status for that case
    os._exit(status)


workspace_option = click.option(
    "--workspace",
    "-w",
    "workspace",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="Dossier de l'espace de travail (celui qui contient inputs/).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--numero",
    type=click.IntRange(min=1, max=999),
    required=True,
    help="Numéro du rapport à préparer (9 pour le neuvième).",
)
@click.option(
    "--debut",
    required=True,
    metavar="AAAA-MM",
    help="Premier mois de la période couverte (juin, en général : 2023-06).",
)
@handles_errors
def init(directory: Path, numero: int, debut: str) -> None:
    """Crée un espace de travail : inputs/rapport.yaml, un dossier par domaine, outputs/."""
    from drafter.commands.setup import create_workspace

    created = create_workspace(directory, numero, debut)
    click.echo(f"espace de travail créé : {directory}")
    for path in created:
        click.echo(f"  {path}")


@main.command()
@click.argument("area")
@click.option(
    "--date",
    "date_text",
    metavar="DATE",
    default=None,
    help="Date de l'activité (2024-03, 2024-03-15, printemps 2024…) ; "
    "par défaut, le mois en cours.",
)
@workspace_option
@handles_errors
def new(area: str, date_text: str | None, workspace: Path) -> None:
    """Écrit dans inputs/AREA/ une entrée à compléter, commentée champ par champ."""
    from drafter.commands.setup import new_entry

    path = new_entry(workspace, area, date_text)
    click.echo(f"entrée à compléter : {path}")


@main.command()
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
@handles_errors
def check(strict: bool, output_format: str, workspace: Path) -> None:
    """Vérifie toutes les entrées et le fichier du cycle ; liste chaque problème."""
    from drafter.commands.beside import loading_beside

    # half the files read by a child process, when this process is the console command's
    with loading_beside(workspace, fork=_console[0], head_start=0) as load:
        from drafter.commands.check import check_workspace

        result = check_workspace(workspace, load)
    _report(result.problems, output_format)
    if result.has_errors or (strict and result.problems):
        raise DrafterError([])
    click.echo(f"{result.entries} entrées vérifiées : {_summary(0, len(result.problems))}.")


def _report(problems: list[Problem], output_format: str) -> None:
    for problem in problems:
        if output_format == "github":
            level = "error" if problem.is_error else "warning"
            click.echo(
                f"::{level} file={_escape(problem.path, True)},line={problem.line},"
                f"col={problem.column}::{_escape(problem.message)}"
            )
        else:
            click.echo(str(problem), err=True)
    errors = sum(1 for p in problems if p.is_error)
    if problems:
        click.echo(_summary(errors, len(problems) - errors), err=True)


def _escape(text: str, is_property: bool = False) -> str:
    """Return text escaped as GitHub workflow commands require (properties: also , and :)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if is_property else text


@main.command()
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
    is_flag=True,
    help="Produit aussi un PDF pour les relecteurs (LibreOffice requis).",
)
@workspace_option
@handles_errors
def build(
    output_format: str,
    output: Path | None,
    no_comments: bool,
    force: bool,
    toc: bool,
    annex: bool,
    with_pdf: bool,
    workspace: Path,
) -> None:
    """Écrit le brouillon du rapport (Word, ou Markdown avec --format md)."""
    if output_format == "docx" and output is not None and str(output) == "-":
        raise UsageError(
            "un document Word ne s'écrit pas sur la sortie standard : indiquez un fichier avec -o"
        )
    from drafter.commands.beside import loading_beside

    # read on another core while the imports run, when this process is the console's
    with loading_beside(workspace, fork=_console[0]) as load:
        from drafter.commands.build import BuildOptions, run_build

        options = BuildOptions(not no_comments, toc, annex, output_format, force)
        result = run_build(workspace, output, options, load)
    for warning in result.warnings:
        click.echo(str(warning), err=True)
    if result.text is not None:
        click.echo(result.text, nl=False)
        return
    if result.merge is not None:
        _echo_merge(result.merge)
    if result.written is None:
        return
    if result.merge is None:
        _echo_written(result.written)
    if with_pdf and output_format == "docx":
        from drafter.commands.build import convert_to_pdf

        click.echo(f"PDF écrit : {convert_to_pdf(result.written.path)}")


def _echo_written(written: Any) -> None:
    if written.kept is not None:
        click.echo(written.message, err=True)
    click.echo(f"brouillon écrit : {written.path}")


def _echo_merge(merge: Any) -> None:
    click.echo(merge.notice(), err=True)
    for line in merge.lines():
        click.echo(line)


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Le brouillon à comparer ; par défaut outputs/rapport-etape-NN.docx.",
)
@workspace_option
@handles_errors
def changes(output: Path | None, workspace: Path) -> None:
    """Liste, sans rien écrire, ce qui a changé dans les entrées depuis le dernier brouillon."""
    from drafter.commands.build import BuildOptions, list_changes

    result = list_changes(workspace, output, BuildOptions())
    for warning in result.warnings:
        click.echo(str(warning), err=True)
    assert result.pending is not None
    for line in result.pending.lines():
        click.echo(line)


@main.command()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["texte", "json"]),
    default="texte",
    show_default=True,
    help="texte : tableau ; json : pour un script.",
)
@click.option(
    "--propositions",
    "proposals",
    is_flag=True,
    help="Couverture des propositions communes : activités par proposition.",
)
@workspace_option
@handles_errors
def status(output_format: str, proposals: bool, workspace: Path) -> None:
    """Montre l'état du cycle : entrées, faits saillants, contributeurs par domaine."""
    import json

    from drafter.commands.status import cycle_status

    report = cycle_status(workspace)
    if output_format == "json":
        data = report.counts if proposals else report.as_json()
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
    elif proposals:
        _echo_proposals(report.counts, report.labels)
    else:
        _echo_status(report.rows)


def _echo_status(rows: list[Any]) -> None:
    header = ("domaine", "entrées", "saillants", "contributeurs", "période couverte", "avert.")
    table = [header] + [
        (
            r.id,
            str(r.entrees),
            str(r.faits_saillants),
            ", ".join(r.contributeurs) or "-",
            f"{r.debut} – {r.fin}" if r.debut else "-",
            str(r.avertissements),
        )
        for r in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for index, row in enumerate(table):
        line = "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        empty = index > 0 and row[1] == "0"
        click.echo(click.style(line.rstrip(), bold=index == 0, fg="yellow" if empty else None))
    total = sum(r.entrees for r in rows)
    click.echo(f"total : {total} entrées, {sum(r.faits_saillants for r in rows)} faits saillants")
    empty_areas = [r.id for r in rows if not r.entrees]
    if empty_areas:
        click.echo(click.style(f"domaines sans entrée : {', '.join(empty_areas)}", fg="yellow"))


def _echo_proposals(counts: dict[str, int], labels: dict[str, str]) -> None:
    width = max((len(k) for k in counts), default=0)
    for proposal, count in counts.items():
        click.echo(f"{proposal.ljust(width)}  {count:>3}  {labels.get(proposal, '')}")
    missing = [p for p, c in counts.items() if not c]
    click.echo(f"{len(missing)} propositions sans activité cette période : {', '.join(missing)}")


@main.command(name="next")
@click.option("--dry-run", is_flag=True, help="Montre ce qui serait fait, sans rien toucher.")
@click.option("--force", is_flag=True, help="Clôt le cycle même si des entrées ont des erreurs.")
@workspace_option
@handles_errors
def next_cycle(dry_run: bool, force: bool, workspace: Path) -> None:
    """Clôt le cycle : archive les entrées et prépare le rapport suivant."""
    from drafter.commands.next_cycle import apply_plan, prepare_next

    plan = prepare_next(workspace, force)
    verb = "archiverait" if dry_run else "archive"
    click.echo(f"{verb} {len(plan.moves)} fichiers dans {plan.archive}")
    for source, target in plan.moves:
        click.echo(f"  {source.relative_to(workspace)} -> {target.relative_to(workspace)}")
    if dry_run:
        click.echo(f"écrirait inputs/rapport.yaml pour le rapport n° {plan.number} :")
        click.echo(plan.cycle_text)
        return
    apply_plan(workspace, plan)
    click.echo(f"inputs/rapport.yaml : rapport n° {plan.number} prêt ; dossiers de domaine vides")


@main.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port d'écoute (0 : un port libre).",
)
@click.option(
    "--host",
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
@handles_errors
def serve(port: int, host: str, services: Path | None, workspace: Path) -> None:
    """Ouvre un formulaire web local pour écrire une entrée et voir sa phrase en direct."""
    try:
        from drafter.web import server
    except ImportError as exc:
        raise UsageError(
            f'drafter serve demande Flask : pip install "drafter[web]" ({exc})'
        ) from None
    running = server.open_server(workspace, host, port, services)
    for line in server.warnings(host) + server.addresses(running):
        click.echo(line)
    click.echo("Ctrl+C pour arrêter.")
    try:
        running.serve_forever()
    except KeyboardInterrupt:
        click.echo("arrêté.")


@main.command()
@click.argument("areas", nargs=-1, metavar="[DOMAINE]...")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Classeur à écrire (.xlsx) ; par défaut outputs/contributions-rapport-NN.xlsx.",
)
@click.option(
    "--avec-entrees",
    "with_entries",
    is_flag=True,
    help="Reprend les entrées déjà reçues (une ligne chacune, avec leur id) pour correction.",
)
@workspace_option
@handles_errors
def tableur(
    areas: tuple[str, ...], output: Path | None, with_entries: bool, workspace: Path
) -> None:
    """Écrit le classeur à envoyer aux services : une feuille par domaine, une ligne par entrée."""
    from drafter.commands.spreadsheet import make_workbook

    written = make_workbook(workspace, areas, output, with_entries)
    repeated = f" ({written.rows} entrées reprises)" if with_entries else ""
    click.echo(f"classeur écrit : {written.path}{repeated}")
    if written.skipped:
        click.echo(
            f"{written.skipped} fichiers d'entrées ont des erreurs : leurs entrées ne sont pas "
            "dans le classeur (lancez « drafter check »)",
            err=True,
        )


@main.command()
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--dry-run", is_flag=True, help="Vérifie les classeurs sans rien écrire.")
@click.option(
    "--partiel",
    "partial",
    is_flag=True,
    help="Écrit les lignes correctes même si d'autres ont des erreurs (listées).",
)
@workspace_option
@handles_errors
def importer(files: tuple[Path, ...], dry_run: bool, partial: bool, workspace: Path) -> None:
    """Importe des classeurs remplis : un fichier YAML par ligne dans inputs/<domaine>/."""
    from drafter.commands.spreadsheet import import_workbooks

    result = import_workbooks(workspace, files, dry_run, partial)
    for path, existed in result.written:
        verb = (
            ("mettrait à jour" if existed else "écrirait")
            if dry_run
            else ("mis à jour" if existed else "écrit")
        )
        click.echo(f"{verb} : {path}")
    _report(result.problems, "texte")
    click.echo(
        f"{len(result.written)} fichiers d'entrées écrits, {result.unchanged} inchangés, "
        f"{result.rejected} lignes refusées"
    )
    if result.has_errors:
        raise DrafterError([])
