"""What several commands share: the --workspace option and how problems are printed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import click

from drafter.errors import Problem
from drafter.model import LANGUAGES, SOURCE_LANGUAGE, Edition
from drafter.usecases.options import workspace_option as workspace_option  # re-exported

F = TypeVar("F", bound=Callable[..., Any])


def edition_option(help_text: str) -> Callable[[F], F]:
    """Return the --langue option of the commands that work on one edition's draft."""
    return click.option(
        "--langue",
        "language",
        type=click.Choice(list(LANGUAGES)),
        default=SOURCE_LANGUAGE,
        show_default=True,
        help=help_text,
    )


def echo_problems(problems: list[Problem], output_format: str = "texte") -> None:
    """Print each problem (stderr, or GitHub annotations on stdout), then their count."""
    for problem in problems:
        if output_format == "github":
            click.echo(annotation(problem))
        else:
            click.echo(str(problem), err=True)
    errors = sum(1 for p in problems if p.is_error)
    if problems:
        click.echo(summary(errors, len(problems) - errors), err=True)


def annotation(problem: Problem) -> str:
    """Return the problem as a GitHub Actions workflow command."""
    level = "error" if problem.is_error else "warning"
    return (
        f"::{level} file={escape(problem.path, True)},line={problem.line},"
        f"col={problem.column}::{escape(problem.message)}"
    )


def escape(text: str, is_property: bool = False) -> str:
    """Return text escaped as GitHub workflow commands require (properties: also , and :)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if is_property else text


def summary(errors: int, warnings: int) -> str:
    """Return `2 erreurs, 1 avertissement`."""

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'s' if n > 1 else ''}"

    return f"{plural(errors, 'erreur')}, {plural(warnings, 'avertissement')}"


def exit_failed() -> NoReturn:
    """End the command with exit status 1, its problems already printed."""
    raise click.exceptions.Exit(1)


def read_editions_words() -> None:
    """Tell drafting how to read an edition's words (it cannot read YAML itself): from its
    file, when first asked for; nothing is imported or read for `drafter --help`."""
    from drafter.drafting.word_tables import read_words_with

    read_words_with(_edition_words)


def _edition_words(language: str) -> Edition:
    from drafter.reading.editions import load_edition

    return load_edition(language)
