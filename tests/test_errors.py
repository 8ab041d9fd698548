"""One test per error and warning kind of entries.md: exit code, `path:line:col`, no output."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

GOOD = """\
date: 2023-10
acteurs: les services de l'UE et de l'OTAN
action: ont tenu une réunion
contributeur: SEAE
"""

ERRORS = [
    # (id, files, expected location, message fragment)
    (
        "yaml-syntax-colon",
        {"inputs/cyber/a.yaml": GOOD + "but: afin de dire : bonjour\n"},
        "inputs/cyber/a.yaml:5:",
        "guillemets ou utilisez `>-`",
    ),
    (
        "yaml-brace",
        {
            "inputs/cyber/a.yaml": "date: 2023-10\ntexte: {Date}, les services ont agi\n"
            "contributeur: SEAE\n"
        },
        "inputs/cyber/a.yaml:2:",
        "commence par {",
    ),
    (
        "unknown-key",
        {"inputs/cyber/a.yaml": GOOD.replace("acteurs:", "acteur:")},
        "inputs/cyber/a.yaml:2:1",
        "vouliez-vous dire « acteurs »",
    ),
    (
        "missing-key",
        {"inputs/cyber/a.yaml": GOOD.replace("contributeur: SEAE\n", "")},
        "inputs/cyber/a.yaml:1:1",
        "« contributeur » manquant",
    ),
    (
        "wrong-type",
        {"inputs/cyber/a.yaml": GOOD + "nouveau_paragraphe: oui\n"},
        "inputs/cyber/a.yaml:5:21",
        "true ou false",
    ),
    (
        "wrong-type-mapping",
        {"inputs/cyber/a.yaml": GOOD + "but:\n  a: b\n"},
        "inputs/cyber/a.yaml:6:3",
        "doit être un texte",
    ),
    (
        "impossible-date",
        {"inputs/cyber/a.yaml": GOOD.replace("2023-10", "2023-02-30")},
        "inputs/cyber/a.yaml:1:7",
        "date impossible",
    ),
    (
        "impossible-month",
        {"inputs/cyber/a.yaml": GOOD.replace("2023-10", "2023-13")},
        "inputs/cyber/a.yaml:1:7",
        "date impossible",
    ),
    (
        "unknown-area",
        {"inputs/cyberr/a.yaml": GOOD},
        "inputs/cyberr/a.yaml:1:1",
        "dossier de domaine inconnu « cyberr » : vouliez-vous dire « cyber » ?",
    ),
    (
        "unclosed-quote-at-its-opening",
        {"inputs/cyber/a.yaml": GOOD.replace("action: ont", 'action: "ont')},
        "inputs/cyber/a.yaml:3:9",
        "guillemet ouvert ici et jamais refermé (YAML s'en aperçoit ligne 5",
    ),
    (
        "unclosed-bracket-at-its-opening",
        {"inputs/cyber/a.yaml": GOOD.replace("date: 2023-10", "date: [2023-10, 2023-11")},
        "inputs/cyber/a.yaml:1:7",
        "crochet [ ouvert ici et jamais refermé",
    ),
    (
        "enum-suggestion",
        {"inputs/cyber/a.yaml": GOOD + "position_date: fn\n"},
        "inputs/cyber/a.yaml:5:16",
        "vouliez-vous dire « fin » ?",
    ),
    (
        "area-mismatch",
        {"inputs/cyber/a.yaml": GOOD + "domaine: exercices\n"},
        "inputs/cyber/a.yaml:5:10",
        "dans le dossier « cyber »",
    ),
    (
        "duplicate-id",
        {
            "inputs/cyber/a.yaml": GOOD + "id: reunion\n",
            "inputs/exercices/b.yaml": GOOD + "id: reunion\n",
        },
        "inputs/exercices/b.yaml:1:1",
        "déjà utilisé (inputs/cyber/a.yaml:1)",
    ),
    (
        "duplicate-key",
        {"inputs/cyber/a.yaml": GOOD + "contributeur: AED\n"},
        "inputs/cyber/a.yaml:5:1",
        "en double",
    ),
    (
        "alias",
        {"inputs/cyber/a.yaml": "- &e\n  " + GOOD.replace("\n", "\n  ") + "\n- *e\n"},
        "inputs/cyber/a.yaml:1:3",
        "ancres et alias",
    ),
    (
        "control-char",
        {"inputs/cyber/a.yaml": GOOD + 'but: "afin de\\x0bdire"\n'},
        "inputs/cyber/a.yaml:5:6",
        "U+000B",
    ),
    (
        "unknown-proposal",
        {"inputs/cyber/a.yaml": GOOD + "propositions:\n  - P16-1.01\n  - P16-9.99\n"},
        "inputs/cyber/a.yaml:7:5",
        "proposition commune inconnue « P16-9.99 »",
    ),
    (
        "impossible-month-in-block-list",
        {"inputs/cyber/a.yaml": GOOD.replace("date: 2023-10", "date:\n  - 2022-06\n  - 2022-13")},
        "inputs/cyber/a.yaml:3:5",
        "date impossible « 2022-13 »",
    ),
    (
        "impossible-month-in-flow-list",
        {"inputs/cyber/a.yaml": GOOD.replace("date: 2023-10", "date: [2022-06, 2022-13]")},
        "inputs/cyber/a.yaml:1:17",
        "date impossible « 2022-13 »",
    ),
    (
        "dates-of-two-kinds-in-a-list",
        {"inputs/cyber/a.yaml": GOOD.replace("date: 2023-10", "date: [2023-06, automne 2023]")},
        "inputs/cyber/a.yaml:1:7",
        "une liste de dates contient soit des mois, soit des saisons",
    ),
    ("empty-file", {"inputs/cyber/a.yaml": ""}, "inputs/cyber/a.yaml:1:1", "aucune entrée"),
    (
        "comments-only",
        {"inputs/cyber/a.yaml": "# rien encore\n"},
        "inputs/cyber/a.yaml:1:1",
        "aucune entrée",
    ),
    (
        "bare-string",
        {"inputs/cyber/a.yaml": "une phrase\n"},
        "inputs/cyber/a.yaml:1:1",
        "aucune entrée",
    ),
    (
        "texte-and-acteurs",
        {"inputs/cyber/a.yaml": GOOD + "texte: Une phrase.\n"},
        "inputs/cyber/a.yaml:2:10",
        "ensemble",
    ),
    (
        "date-placeholder-undated",
        {"inputs/cyber/a.yaml": 'date: periode\ntexte: "{Date}, x"\ncontributeur: SEAE\n'},
        "inputs/cyber/a.yaml:2:8",
        "periode",
    ),
    (
        "field-too-long",
        {"inputs/cyber/a.yaml": GOOD + "but: " + "a" * 10_001 + "\n"},
        "inputs/cyber/a.yaml:5:6",
        "limite de 10000 caractères",
    ),
    ("file-in-inputs", {"inputs/entree.yaml": GOOD}, "inputs/entree.yaml:1:1", "hors de tout"),
]


@pytest.mark.parametrize(
    ("files", "location", "fragment"), [pytest.param(*case[1:], id=case[0]) for case in ERRORS]
)
def test_error_is_reported_with_position_and_nothing_is_written(
    workspace: Callable[..., Path],
    cli_invoke: Callable[..., Result],
    files: dict[str, str],
    location: str,
    fragment: str,
) -> None:
    """Each error kind exits 1 with path:line:col and a French hint, and writes no draft."""
    root = workspace(files)
    checked = cli_invoke("check", "--workspace", root)
    assert checked.exit_code == 1
    line = next((x for x in checked.stderr.splitlines() if x.startswith(location)), "")
    assert fragment in line
    built = cli_invoke("build", "--workspace", root)
    assert built.exit_code == 1
    assert location in built.stderr
    assert not list((root / "outputs").glob("*")) if (root / "outputs").exists() else True


def test_non_utf8_file_names_the_byte(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """Latin-1 bytes are an error naming the file, line, column and byte offset."""
    root = workspace()
    path = root / "inputs" / "cyber" / "a.yaml"
    path.parent.mkdir()
    path.write_bytes(GOOD.replace("réunion", "r\xe9union").encode("latin-1"))
    result = cli_invoke("check", "--workspace", root)
    assert result.exit_code == 1
    assert (
        "inputs/cyber/a.yaml:3:23: texte non UTF-8 (octet 0xe9 à la position 79)" in result.stderr
    )


def test_file_over_size_limit(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """A file over 1 MB is refused before parsing, with the limit in the message."""
    root = workspace({"inputs/cyber/a.yaml": GOOD + "# " + "x" * 1_000_001 + "\n"})
    result = cli_invoke("check", "--workspace", root)
    assert result.exit_code == 1
    assert "inputs/cyber/a.yaml:1:1: fichier trop gros" in result.stderr


def test_every_problem_of_a_run_is_listed(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """Problems in several files and entries are all reported in one run, sorted."""
    root = workspace(
        {
            "inputs/cyber/a.yaml": GOOD.replace("acteurs:", "acteur:"),
            "inputs/cyber/b.yaml": "- "
            + GOOD.replace("2023-10", "2023-13").replace("\n", "\n  ")
            + "\n- "
            + GOOD.replace("SEAE", "").replace("\n", "\n  "),
            "inputs/exercices/c.yaml": "a: b: c\n",
        }
    )
    result = cli_invoke("check", "--workspace", root)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    located = [x.split(": ")[0] for x in lines if x.startswith("inputs/")]
    assert "inputs/cyber/a.yaml:2:1" in located
    assert "inputs/cyber/b.yaml:1:9" in located
    assert "inputs/cyber/b.yaml:9:16" in located
    assert "inputs/exercices/c.yaml:1:5" in located
    assert "5 erreurs" in result.stderr
    assert "inputs/cyber:1:1" not in located  # an area with files is not reported empty


WARNINGS = [
    (
        "out-of-period",
        {"inputs/cyber/a.yaml": GOOD.replace("2023-10", "2022-10")},
        "inputs/cyber/a.yaml:1:7",
        "hors de la période",
    ),
    (
        "unknown-sub-topic",
        {"inputs/cyber/a.yaml": GOOD + "sous_theme: cyber-divers\n"},
        "inputs/cyber/a.yaml:5:13",
        "sous-thème inconnu",
    ),
    ("empty-area", {"inputs/cyber/a.yaml": GOOD}, "inputs/exercices:1:1", "aucune entrée"),
    (
        "text-cut-by-comment",
        {"inputs/cyber/a.yaml": GOOD + "but: afin de viser le n° #1 des priorités\n"},
        "inputs/cyber/a.yaml:5:6",
        "s'arrête avant « # »",
    ),
    (
        "looks-like-entry",
        {"inputs/cyber/a.yaml": GOOD, "inputs/cyber/b.yaml.txt": GOOD},
        "inputs/cyber/b.yaml.txt:1:1",
        "renommez-le en .yaml",
    ),
]


@pytest.mark.parametrize(
    ("files", "location", "fragment"), [pytest.param(*case[1:], id=case[0]) for case in WARNINGS]
)
def test_warning_passes_check_but_fails_strict(
    workspace: Callable[..., Path],
    cli_invoke: Callable[..., Result],
    files: dict[str, str],
    location: str,
    fragment: str,
) -> None:
    """Each warning kind is shown with its position; exit 0, or 1 with --strict."""
    root = workspace(files)
    relaxed = cli_invoke("check", "--workspace", root)
    assert relaxed.exit_code == 0
    assert any(x.startswith(location) and fragment in x for x in relaxed.stderr.splitlines())
    strict = cli_invoke("check", "--strict", "--workspace", root)
    assert strict.exit_code == 1
    assert location in strict.stderr


def test_straddling_date_is_not_out_of_period(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """`2023` for June 2023 - May 2024 meets the period: no warning."""
    root = workspace({"inputs/cyber/a.yaml": GOOD.replace("2023-10", "2023")})
    result = cli_invoke("check", "--workspace", root)
    assert "hors de la période" not in result.stderr


def test_planned_entry_may_be_after_the_period(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """A `prevu` entry dated after the period gets no out-of-period warning."""
    root = workspace(
        {"inputs/cyber/a.yaml": GOOD.replace("2023-10", "2024-09") + "statut: prevu\n"}
    )
    result = cli_invoke("check", "--workspace", root)
    assert "hors de la période" not in result.stderr


def test_usage_error_exits_2(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """A wrong option is a usage error: exit code 2."""
    result = cli_invoke("build", "--format", "pdf", "--workspace", workspace())
    assert result.exit_code == 2


def test_missing_workspace_is_a_clear_error(
    tmp_path: Path, cli_invoke: Callable[..., Result]
) -> None:
    """Running outside a workspace names the missing cycle file, exit 1."""
    result = cli_invoke("check", "--workspace", tmp_path)
    assert result.exit_code == 1
    assert "inputs/rapport.yaml:1:1: fichier du cycle introuvable" in result.stderr


def test_an_entry_with_only_a_warning_stays_in_the_draft(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """A value cut by « # » is a warning: the entry is still built into the draft."""
    root = workspace({"inputs/cyber/a.yaml": GOOD.replace("réunion", "réunion  # qui")})
    result = cli_invoke("build", "--format", "md", "-o", "-", "--workspace", root)
    assert result.exit_code == 0
    assert "ont tenu une réunion." in result.stdout


def test_problem_shows_a_cell_instead_of_line_and_column() -> None:
    """A workbook problem prints its cell; a whole-workbook one its file; YAML ones are unchanged."""
    from drafter.errors import Problem

    assert str(Problem("a.xlsx", 12, 3, "m", cell="'cyber'!C12")) == "a.xlsx:'cyber'!C12: m"
    assert str(Problem("a.xlsx", 1, 1, "m", cell="")) == "a.xlsx: m"
    assert str(Problem("inputs/a.yaml", 4, 1, "m")) == "inputs/a.yaml:4:1: m"
