"""What a command imports: only what its path needs (a tenth of a check is importing)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import docx

from tests.conftest import REPO

ENTRY = "date: 2023-10\ntexte: Un exercice.\ncontributeur: SEAE\n"
# What a French build never needs: the merge (no edited draft), the English edition's
# modules and the catalogues (polib), the spreadsheets, the web form.
NOT_FOR_A_BUILD = (
    "drafter.drafting.english_draft",
    "drafter.writing.docx.merge",
    "drafter.revisions.merging",
    "drafter.revisions.compare",
    "drafter.usecases.catalogue",
    "drafter.reading.catalogue_reader",
    "polib",
    "openpyxl",
    "flask",
    # the annex's cycle history (--annexe only), whose SVG writer pulls in urllib and ssl
    "drafter.usecases.cycle_history",
    "drafter.writing.coverage_svg",
    "urllib.request",
)
# What a check never needs besides: Word, the templates, the lock of the outputs.
NOT_FOR_A_CHECK = (
    *NOT_FOR_A_BUILD,
    "docx",
    "lxml",
    "jinja2",
    "markdown_it",
    "filelock",
    "drafter.drafting.templates",
)


def _imported(root: Path, *args: str) -> set[str]:
    """Return the modules a fresh interpreter holds after running drafter with args."""
    code = (
        "import json, sys\n"
        "from drafter.cli import main\n"
        "try:\n"
        "    main(sys.argv[1:])\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *args, "--workspace", str(root)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_a_french_build_imports_neither_the_merge_nor_the_catalogues(
    workspace: Callable[..., Path],
) -> None:
    """A first French build imports no merge, English, catalogue, spreadsheet or web module."""
    root = workspace({"inputs/cyber/a.yaml": ENTRY})
    loaded = _imported(root, "build")
    assert "drafter.writing.docx.writer" in loaded
    assert sorted(loaded.intersection(NOT_FOR_A_BUILD)) == []


def test_a_build_into_an_edited_draft_imports_the_merge(
    workspace: Callable[..., Path],
) -> None:
    """Once the editors changed the draft, the next build imports the merge (and uses it)."""
    root = workspace({"inputs/cyber/a.yaml": ENTRY})
    _imported(root, "build")
    draft = next((root / "outputs").glob("*.docx"))
    edited = docx.Document(str(draft))
    edited.add_paragraph("Une note des rédacteurs.")
    edited.save(str(draft))
    (root / "inputs" / "cyber" / "b.yaml").write_text(ENTRY.replace("Un", "Deux"), "utf-8")
    assert "drafter.writing.docx.merge" in _imported(root, "build")


def test_a_check_imports_no_word_template_or_catalogue_module(
    workspace: Callable[..., Path],
) -> None:
    """`drafter check` without traductions/ imports neither python-docx, Jinja2, the
    templates, the English edition, the catalogues nor the merge."""
    root = workspace({"inputs/cyber/a.yaml": ENTRY})
    loaded = _imported(root, "check")
    assert "drafter.drafting.composition" in loaded
    assert sorted(loaded.intersection(NOT_FOR_A_CHECK)) == []


def test_a_check_with_a_catalogue_reads_it(workspace: Callable[..., Path]) -> None:
    """With traductions/en.po, `drafter check` imports what reads catalogues (and checks it);
    polib only for a catalogue drafter's own reader leaves to it (one with two headers; none
    that gettext's tools or drafter write)."""
    root = workspace({"inputs/cyber/a.yaml": ENTRY})
    _imported(root, "traductions")
    loaded = _imported(root, "check")
    assert "drafter.reading.catalogue_reader" in loaded
    assert "polib" not in loaded
    path = root / "traductions" / "en.po"
    path.write_text(path.read_text("utf-8") + '\nmsgid ""\nmsgstr "X-Other: a second header\\n"\n')
    assert "polib" in _imported(root, "check")


def test_the_english_build_imports_the_english_edition(workspace: Callable[..., Path]) -> None:
    """`build --langue en` does load the English edition's modules a French build leaves out."""
    root = workspace({"inputs/cyber/a.yaml": ENTRY})
    _imported(root, "traductions")
    loaded = _imported(root, "build", "--langue", "en")
    assert "drafter.drafting.english_draft" in loaded


def test_a_check_compiles_no_typography_table(workspace: Callable[..., Path]) -> None:
    """`drafter check` makes the French grammar (dates, numbers) but applies no typography:
    its rule table, a few dozen patterns, is compiled only when first applied."""
    root = workspace({"inputs/cyber/a.yaml": ENTRY})
    code = (
        "import sys\n"
        "from drafter.cli import main\n"
        "from drafter.drafting.typography import typography_of\n"
        "try:\n"
        "    main(sys.argv[1:])\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "print(typography_of.cache_info().currsize)\n"
    )
    command = [sys.executable, "-c", code, "check", "--workspace", str(root)]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "0"


def test_help_reads_no_words_and_imports_no_drafting() -> None:
    """`drafter --help` neither reads an edition's words nor imports drafting or reading:
    the command line tells drafting how to read the words only when a command runs."""
    code = (
        "import json, sys\n"
        "from drafter.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    loaded = json.loads(done.stdout.splitlines()[-1])
    assert [m for m in loaded if m.startswith(("drafter.drafting", "drafter.reading"))] == []
    assert "babel" not in loaded
