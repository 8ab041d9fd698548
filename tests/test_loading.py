"""Loading: YAML read as text with positions, defaults, ids, file order, sub-folders."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from drafter.reading.workspace import load_workspace


def test_values_are_read_as_text(workspace: Callable[..., Path]) -> None:
    """`NO` stays NO, `012` stays 012, dates and years are accepted unquoted (no YAML 1.1)."""
    root = workspace(
        {
            "inputs/cyber/a.yaml": """\
        - {date: 2023-01-10, texte: "012", contributeur: NO, type: on}
        - {date: 2023, texte: y, contributeur: "yes", a_souligner: false}
        """
        },
        cycle="numero: 9\nperiode: {debut: 2022-06, fin: 2023-05}\n",
    )
    entries = load_workspace(root)[0].entries
    assert [(e.text, e.contributor, e.kind) for e in entries] == [
        ("012", "NO", "on"),
        ("y", "yes", None),
    ]
    assert entries[0].date.points[0].day == 10
    assert (entries[1].highlighted, entries[1].highlight_text) == (False, None)


def test_runs_of_spaces_tabs_and_line_breaks_become_one_space(
    workspace: Callable[..., Path],
) -> None:
    """Double spaces, a tab, CR and LF in a value are one space each run; a no-break space
    stays."""
    root = workspace(
        {
            "inputs/cyber/a.yaml": (
                'date: 2023-10\ncontributeur: "SEAE\\tet AED"\n'
                'acteurs: ["le\\rSEAE", "l\'OTAN  et\\u00a0l\'UE"]\n'
                "action: |\n  ont tenu\n  une réunion\n"
            )
        },
    )
    entry = load_workspace(root)[0].entries[0]
    assert entry.contributor == "SEAE et AED"
    assert entry.actors == ("le SEAE", "l'OTAN et\u00a0l'UE")
    assert entry.action == "ont tenu une réunion"


def test_default_ids_and_positions(workspace: Callable[..., Path]) -> None:
    """Ids default to the path under inputs/ plus #2, #3; each entry knows its line."""
    root = workspace(
        {
            "inputs/cyber/lot.yaml": """\
        - {date: 2023-10, texte: a, contributeur: X}
        - {date: 2023-10, texte: b, contributeur: X, id: mon-id}
        - {date: 2023-10, texte: c, contributeur: X}
        """
        }
    )
    entries = load_workspace(root)[0].entries
    assert [e.id for e in entries] == ["cyber/lot", "mon-id", "cyber/lot#3"]
    assert [e.location.line for e in entries] == [1, 2, 3]
    assert entries[0].location.path == "inputs/cyber/lot.yaml"


def test_file_order_is_plain_string_order_with_sub_folders(workspace: Callable[..., Path]) -> None:
    """Files are read in plain string order of their path, sub-folders included, .yml too."""
    entry = "{date: 2023-10, texte: t, contributeur: X}\n"
    root = workspace(
        {
            "inputs/cyber/b.yaml": entry,
            "inputs/cyber/B.yml": entry,
            "inputs/cyber/seae/a.yaml": entry,
            "inputs/cyber/a.yaml": entry,
            "inputs/cyber/z.json": entry,
        }
    )
    paths = [e.location.path for e in load_workspace(root)[0].entries]
    assert paths == [
        "inputs/cyber/B.yml",
        "inputs/cyber/a.yaml",
        "inputs/cyber/b.yaml",
        "inputs/cyber/seae/a.yaml",
    ]


def test_cycle_defaults_and_overrides(workspace: Callable[..., Path]) -> None:
    """Only numero and periode are required; areas can be retitled and reordered."""
    root = workspace(
        cycle="""\
        numero: 10
        periode: {debut: 2024-06, fin: 2025-05}
        apostrophe: "'"
        domaines:
          - id: cyber
          - id: nouveau
            titre: Nouveau domaine
            sous_themes: [a, b]
        """.replace("        ", "")
    )
    cycle = load_workspace(root)[0].cycle
    assert [a.id for a in cycle.areas] == ["cyber", "nouveau"]
    assert cycle.areas[0].title == "Cybersécurité et cyberdéfense"
    assert cycle.areas[0].sub_topics[0] == "echanges-politiques"
    assert cycle.apostrophe == "'"
    assert cycle.proposals == 74
    assert cycle.cross_briefings.value == 210
