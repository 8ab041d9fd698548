"""The contributors' guide (docs/entrees.md) and the README say what drafter does.

Every example of the guide that shows its result (a line starting with « → ») is run through
drafter's own reading and drafting code; every date form of its table through the date code;
every key drafter reads is documented; every command of the README exists, and the other way
round (a docs guard in the manner of sqlite-utils' tests/test_docs.py).
"""

from __future__ import annotations

import re
from itertools import takewhile
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.commands.check import check_workspace
from drafter.drafting import composition
from drafter.drafting.languages import dates_of
from drafter.drafting.sentences import entry_sentence, point_items
from drafter.errors import Problem
from drafter.model import Workspace
from drafter.reading.date_parsing import parse_spec
from drafter.reading.entries import ENTRY_KEYS
from drafter.reading.workspace import load_workspace

REPO = Path(__file__).resolve().parent.parent
GUIDE = REPO / "docs" / "entrees.md"
README = REPO / "README.md"
CYCLE = "numero: 9\nperiode: {debut: 2022-06, fin: 2023-05}\n"
AREA = "menaces-hybrides"
ARROW = "→"
DASH = "– "
WARNING = "⚠ "
# The first line of a multi-file example names its file: `# inputs/<area>/<name>.yaml`.
FILE_COMMENT = re.compile(r"#\s*(inputs/\S+\.ya?ml)\s*$")
FENCE = re.compile(r"^```yaml\n(.*?)^```\n", re.M | re.S)


def fold(text: str) -> str:
    """Return text with no-break spaces as spaces and typographic apostrophes as straight."""
    return text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2019", "'")


def guide_examples() -> list[tuple[list[str], list[str], int]]:
    """Return each group of yaml blocks that a « → » line follows: blocks, result lines, line."""
    text = GUIDE.read_text(encoding="utf-8")
    examples: list[tuple[list[str], list[str], int]] = []
    blocks: list[str] = []
    position = 0
    for match in FENCE.finditer(text):
        between = text[position : match.start()]
        if between.strip():  # prose between two blocks: they are separate examples
            blocks = []
        blocks.append(match.group(1))
        position = match.end()
        rest = text[position:].splitlines()
        if rest and rest[0].startswith(ARROW):
            # then its list items (« – ») and warnings (« ⚠ »)
            result = [rest[0], *takewhile(lambda x: x.startswith((DASH, WARNING)), rest[1:])]
            line = text.count("\n", 0, match.start()) + 1
            examples.append((blocks, result, line))
            blocks = []
    return examples


def _is_order_example(blocks: list[str]) -> bool:
    return bool(FILE_COMMENT.match(blocks[0].splitlines()[0]))


SENTENCE_EXAMPLES = [e for e in guide_examples() if not _is_order_example(e[0])]
ORDER_EXAMPLES = [e for e in guide_examples() if _is_order_example(e[0])]


def load(tmp_path: Path, files: dict[str, str]) -> tuple[Workspace, list[Problem]]:
    """Return the workspace made of the cycle of the 9th report and these files, and its
    warnings."""
    (tmp_path / "inputs").mkdir()
    (tmp_path / "inputs" / "rapport.yaml").write_text(CYCLE, encoding="utf-8")
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return load_workspace(tmp_path)


def test_guide_has_examples() -> None:
    """The guide shows sentence examples and order examples, so the tests below test something."""
    assert len(SENTENCE_EXAMPLES) >= 8
    assert len(ORDER_EXAMPLES) >= 3


def test_every_entry_key_is_documented() -> None:
    """Every key drafter reads in an entry is documented in the guide as `key`."""
    text = GUIDE.read_text(encoding="utf-8")
    missing = sorted(key for key in ENTRY_KEYS if f"`{key}`" not in text)
    assert not missing, f"clés non documentées dans docs/entrees.md : {missing}"


@pytest.mark.parametrize(
    ("blocks", "result", "line"),
    SENTENCE_EXAMPLES,
    ids=[f"ligne-{line}" for _, _, line in SENTENCE_EXAMPLES],
)
def test_sentence_example(tmp_path: Path, blocks: list[str], result: list[str], line: int) -> None:
    """A documented entry gives the documented sentence (and list items), as drafter writes it."""
    workspace, _ = load(tmp_path, {f"inputs/{AREA}/exemple.yaml": blocks[-1]})
    (entry,) = workspace.entries
    expected = result[0].removeprefix(ARROW).strip()
    assert fold(entry_sentence(entry)) == expected
    items = [item.removeprefix(DASH).strip() for item in result[1:]]
    assert [fold(item) for item in point_items(entry)] == items


def expected_paragraphs(result: str) -> list[str]:
    """Return the paragraphs of `→ paragraphe 1 : A. B. ; paragraphe 2 : C.` as texts."""
    body = result.removeprefix(ARROW).strip()
    parts = re.split(r"\s*;\s*(?=paragraphe \d+ :)", body)
    return [re.sub(r"^paragraphe \d+ :\s*", "", part).strip() for part in parts]


@pytest.mark.parametrize(
    ("blocks", "result", "line"),
    ORDER_EXAMPLES,
    ids=[f"ligne-{line}" for _, _, line in ORDER_EXAMPLES],
)
def test_order_example(tmp_path: Path, blocks: list[str], result: list[str], line: int) -> None:
    """Documented files give the documented paragraphs, in the documented order."""
    files = {}
    for block in blocks:
        match = FILE_COMMENT.match(block.splitlines()[0])
        assert match, f"ligne {line} : chaque bloc commence par « # inputs/… .yaml »"
        files[match.group(1)] = block
    area = Path(next(iter(files))).parts[1]
    workspace, problems = load(tmp_path, files)
    problems = problems + check_workspace(tmp_path).problems  # what `drafter check` shows
    section = next(s for s in composition.compose(workspace) if s.area.id == area)
    got = [" ".join(fold(entry_sentence(e)) for e in p.entries) for p in section.paragraphs]
    assert got == expected_paragraphs(result[0])
    for warning in result[1:]:
        path, message = warning.removeprefix(WARNING).split(" : ", 1)
        found = [str(p) for p in problems if p.path == path.strip() and message in p.message]
        assert found, (
            f"avertissement attendu sur {path} : « {message} » ; reçus : {[str(p) for p in problems]}"
        )


def date_rows() -> list[tuple[str, str, str]]:
    """Return (written, phrase, sentence-initial) for each form of the guide's date table."""
    text = GUIDE.read_text(encoding="utf-8")
    section = text.split("## Les dates", 1)[1].split("\n## ", 1)[0]
    rows: list[tuple[str, str, str]] = []
    for row in section.splitlines():
        cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
        if len(cells) != 4 or not cells[0].startswith("`"):
            continue
        written = re.findall(r"`([^`]*)`", cells[0])
        phrases = re.findall(r"`([^`]*)`", cells[2]) or [""] * len(written)
        initials = re.findall(r"`([^`]*)`", cells[3]) or [""] * len(written)
        assert len(written) == len(phrases) == len(initials), f"ligne mal formée : {row}"
        rows += zip(written, phrases, initials, strict=True)
    return rows


DATE_ROWS = date_rows()


def test_date_table_is_complete() -> None:
    """The guide's date table lists every kind of date the contract accepts."""
    written = [w for w, _, _ in DATE_ROWS]
    for form in ("2023-01-10", "2023-02", "2023", "printemps 2023", "S1 2023", "mi-2024"):
        assert form in written
    assert "periode" in written
    assert len(DATE_ROWS) >= 20


def written_value(written: str) -> str | list[str]:
    """Return a date as the YAML reader hands it over: a text, or a list of texts."""
    if written.startswith("["):
        return [item.strip() for item in written.strip("[]").split(",")]
    return written


@pytest.mark.parametrize(
    ("written", "expected", "initial"), DATE_ROWS, ids=[r[0] for r in DATE_ROWS]
)
def test_date_form(written: str, expected: str, initial: str) -> None:
    """Each documented date form gives the documented phrase, and its sentence-initial form."""
    spec = parse_spec(written_value(written))
    assert fold(dates_of("fr").phrase(spec)) == expected
    if initial:
        assert fold(dates_of("fr").phrase(spec, initial=True)) == initial


def readme_commands() -> list[str]:
    """Return the commands named in the first column of the README's command table."""
    text = README.read_text(encoding="utf-8")
    table = text.split("## Les commandes", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `drafter ([a-z-]+)", table, re.M)


def test_readme_names_commands() -> None:
    """The README's command table is found (the guard below is not vacuous)."""
    assert len(readme_commands()) >= 5


@pytest.mark.parametrize("command", readme_commands())
def test_readme_command_has_help(command: str) -> None:
    """Every command of the README's table exists and answers --help."""
    result = CliRunner().invoke(main, [command, "--help"], prog_name="drafter")
    assert result.exit_code == 0, result.output
    assert f"drafter {command}" in result.output


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_is_in_readme(command: str) -> None:
    """Every drafter command appears in the README's command table."""
    assert command in readme_commands(), f"drafter {command} manque dans le README"
