"""`drafter status`: its options and its tables; the status itself is usecases/progress.py."""

from __future__ import annotations

import json
from pathlib import Path

import click

from drafter.commands.common import workspace_option
from drafter.errors import DrafterError, UsageError, os_problem, unlocated
from drafter.usecases.catalogue import state_names
from drafter.usecases.cycle_history import cycle_history, history_lines, history_svg
from drafter.usecases.progress import AreaStatus, cycle_status
from drafter.writing.safe_write import write_file


@click.command()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["texte", "json", "svg"]),
    default="texte",
    show_default=True,
    help="texte : tableau ; json : pour un script ; svg : la grille de --historique (avec -o).",
)
@click.option(
    "--propositions",
    "proposals",
    is_flag=True,
    help="Couverture des propositions communes : activités par proposition.",
)
@click.option(
    "--historique",
    "history",
    is_flag=True,
    help="D'un cycle à l'autre : entrées par domaine (et par proposition) des cycles archivés "
    "et du cycle en cours.",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Fichier SVG."
)
@workspace_option
def status(
    output_format: str, proposals: bool, history: bool, output: Path | None, workspace: Path
) -> None:
    """Montre l'état du cycle : entrées, faits saillants, contributeurs par domaine."""
    if history or output_format == "svg":
        echo_history(workspace, output_format, output, history)
        return
    report = cycle_status(workspace)
    if output_format == "json":
        data = report.counts if proposals else report.as_json()
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
    elif proposals:
        _echo_proposals(report.counts, report.labels)
    else:
        _echo_status(report.rows)


def _echo_status(rows: list[AreaStatus]) -> None:
    header: tuple[str, ...] = ("domaine", "entrées", "saillants", "contributeurs")
    header += ("période couverte", "avert.")
    english = any(row.traduction is not None for row in rows)
    header += ("anglais",) if english else ()
    table = [header] + [_cells(row) + (_english(row) if english else ()) for row in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for index, row in enumerate(table):
        line = "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        empty = index > 0 and row[1] == "0"
        click.echo(click.style(line.rstrip(), bold=index == 0, fg="yellow" if empty else None))
    total = sum(r.entrees for r in rows)
    click.echo(f"total : {total} entrées, {sum(r.faits_saillants for r in rows)} faits saillants")
    if english:
        click.echo("anglais : phrases traduites / à revoir / à traduire (traductions/en.po)")
    empty_areas = [r.id for r in rows if not r.entrees]
    if empty_areas:
        click.echo(click.style(f"domaines sans entrée : {', '.join(empty_areas)}", fg="yellow"))


def _cells(row: AreaStatus) -> tuple[str, ...]:
    return (
        row.id,
        str(row.entrees),
        str(row.faits_saillants),
        ", ".join(row.contributeurs) or "-",
        f"{row.debut} – {row.fin}" if row.debut else "-",
        str(row.avertissements),
    )


def _english(row: AreaStatus) -> tuple[str]:
    counts = row.traduction or {}
    return (" / ".join(str(counts.get(state, 0)) for state in state_names()),)


def _echo_proposals(counts: dict[str, int], labels: dict[str, str]) -> None:
    width = max((len(k) for k in counts), default=0)
    for proposal, count in counts.items():
        click.echo(f"{proposal.ljust(width)}  {count:>3}  {labels.get(proposal, '')}")
    missing = [p for p, c in counts.items() if not c]
    click.echo(f"{len(missing)} propositions sans activité cette période : {', '.join(missing)}")


def echo_history(root: Path, output_format: str, output: Path | None, asked: bool) -> None:
    """Print the history as a table or JSON, or write it as an SVG grid to `output`."""
    if output_format == "svg" and (output is None or not asked):
        raise UsageError([unlocated("--format svg va avec --historique et -o FICHIER.svg")])
    found = cycle_history(root)
    if output_format == "json":
        click.echo(json.dumps(found.as_json(), ensure_ascii=False, indent=1))
    elif output_format == "svg":
        assert output is not None
        try:
            write_file(output, history_svg(found).encode("utf-8"))
        except OSError as exc:
            raise DrafterError([os_problem(output, exc, "grille non écrite")]) from None
        click.echo(f"{output} : {len(found.areas)} domaines × {len(found.cycles)} cycles")
    else:
        for line in history_lines(found):
            click.echo(line)
