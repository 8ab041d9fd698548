"""The project's one exception and the problems it carries."""

from __future__ import annotations

import errno
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


def unlocated(message: str) -> Problem:
    """Return a problem of no file (a command's usage, the environment): shown as its message."""
    return Problem("", 0, 0, message)


class DrafterError(Exception):
    """Bad input or environment: carries every problem found; the CLI maps it to an exit code."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def lines(self) -> list[str]:
        """Return one printable line per problem."""
        return [str(p) if p.path else p.message for p in self.problems]


class UsageError(DrafterError):
    """A command used the wrong way (exit code 2)."""

    exit_code = 2


_OS_MESSAGES = {
    errno.ENOSPC: "disque plein",
    errno.EDQUOT: "quota disque dépassé",
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.EROFS: "système de fichiers en lecture seule",
    errno.EISDIR: "c'est un dossier",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.ELOOP: "boucle de liens symboliques",
    errno.EEXIST: "existe déjà",
    errno.ENAMETOOLONG: "nom trop long",
    errno.EIO: "erreur d'entrée-sortie",
}


def os_problem(path: object, exc: OSError, doing: str = "accès impossible") -> Problem:
    """Return a French problem for a system error on path (strerror is in English)."""
    reason = _OS_MESSAGES.get(exc.errno or 0, f"erreur système {exc.errno or ''}".strip())
    return Problem(str(path), 1, 1, f"{doing} : {reason}")
