"""The project's one exception and the problems it carries."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(Enum):
    """How serious a problem is: warnings become errors with `--strict`."""

    ERROR = "erreur"
    WARNING = "avertissement"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem of a run, 1-based, located in a workspace file."""

    path: str
    line: int
    column: int
    message: str
    severity: Severity = field(default=Severity.ERROR, compare=False)
    # A workbook cell (`'Feuille'!C12`), shown instead of line:column for spreadsheet rows.
    cell: str | None = field(default=None, compare=False)

    def __str__(self) -> str:
        prefix = "avertissement : " if self.severity is Severity.WARNING else ""
        where = f"{self.line}:{self.column}" if self.cell is None else self.cell
        location = f"{self.path}:{where}" if where else self.path
        return f"{location}: {prefix}{self.message}"

    @property
    def is_error(self) -> bool:
        """Return True for an error, False for a warning."""
        return self.severity is Severity.ERROR


class DrafterError(Exception):
    """Bad input or environment: carries every problem found; the CLI maps it to an exit code."""

    exit_code = 1

    def __init__(self, problems: list[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem("", 0, 0, problems)]
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def lines(self) -> list[str]:
        """Return one printable line per problem."""
        return [str(p) if p.path else p.message for p in self.problems]


class UsageError(DrafterError):
    """A command used the wrong way (exit code 2)."""

    exit_code = 2
