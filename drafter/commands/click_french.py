"""click's own words in French: « Utilisation : », « Affiche cette aide et quitte. »,
« Erreur : L'option '--numro' n'existe pas. », « Vouliez-vous dire … ? ».

click translates its messages with the standard library's gettext (`from gettext import
gettext as _`, and `ngettext`), in the process's language. drafter speaks French whatever
the user's locale: its own catalogue, `drafter/locale/fr/LC_MESSAGES/click.po`, compiled
with Babel (`pybabel compile -D click -d drafter/locale -l fr`), replaces those two functions
in click's modules, before any command is defined (a type's name, « dossier », is translated
when the command is).
"""

from __future__ import annotations

import gettext
import importlib
import sys
from pathlib import Path

import click

LOCALE = Path(__file__).resolve().parent.parent / "locale"
# click's modules that translate, as `click.<name>` (the last two are imported for this: a
# few milliseconds)
_MODULES = (
    "core",
    "decorators",
    "exceptions",
    "formatting",
    "parser",
    "shell_completion",
    "termui",
    "types",
    "utils",
    "_termui_impl",
)


class FrenchHelpFormatter(click.HelpFormatter):
    """click's help, with French typography in its headings: « Options : »."""

    def write_heading(self, heading: str) -> None:
        """Write a heading, a space before its colon."""
        self.write(f"{'':>{self.current_indent}}{heading} :\n")


def speak_french() -> None:
    """Make click's messages French in this process (idempotent)."""
    click.Context.formatter_class = FrenchHelpFormatter
    translation = gettext.translation("click", str(LOCALE), languages=["fr"])
    for name in _MODULES:
        module = sys.modules.get(f"click.{name}") or importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = translation.gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = translation.ngettext  # type: ignore[attr-defined]
