"""Order inside an area (entries.md, « Paragraphs and order »): file blocks, apres/avant, runs."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from drafter.drafting import composition
from drafter.reading.workspace import load_workspace


def entry(date: str, text: str, topic: str | None = "exercices-cyber", **keys: str) -> str:
    """Return one list item of an entries file."""
    extra = "".join(f", {k}: {v}" for k, v in keys.items())
    sub = f", sous_theme: {topic}" if topic else ""
    return f"- {{date: {date}, texte: {text}, contributeur: X{sub}{extra}}}\n"


def paragraphs(root: Path, area: str = "cyber") -> list[list[str]]:
    """Return the area's paragraphs as lists of sentence texts."""
    workspace, _ = load_workspace(root)
    section = next(s for s in composition.compose(workspace) if s.area.id == area)
    return [[e.text or "" for e in p.entries] for p in section.paragraphs]


def test_a_file_keeps_its_order_and_blocks_go_by_earliest_date(
    workspace: Callable[..., Path],
) -> None:
    """A file written 2023-03 then 2022-07 stays so; blocks sort by earliest date, then path."""
    root = workspace(
        {
            "inputs/cyber/b.yaml": entry("2023-03", "B1") + entry("2022-07", "B2"),
            "inputs/cyber/a.yaml": entry("2023-01", "A1"),
            "inputs/cyber/c.yaml": entry("2022-07", "C1"),
            "inputs/cyber/p.yaml": entry("periode", "P1"),
        }
    )
    assert paragraphs(root) == [["P1", "B1", "B2", "C1", "A1"]]


def test_apres_moves_the_run_after_its_target(workspace: Callable[..., Path]) -> None:
    """apres places the entry and the rest of its file's run right after the target."""
    root = workspace(
        {
            "inputs/cyber/a.yaml": entry("2023-01", "A1", id="dialogue") + entry("2023-02", "A2"),
            "inputs/cyber/z.yaml": entry("2022-06", "Z0")
            + entry("2023-05", "Z1", apres="dialogue")
            + entry("2023-06", "Z2")
            + entry("2023-07", "Z3", topic="echanges-politiques"),
        }
    )
    assert paragraphs(root) == [["Z3"], ["Z0", "A1", "Z1", "Z2", "A2"]]


def test_avant_and_another_sub_topic_join_the_targets_paragraph(
    workspace: Callable[..., Path],
) -> None:
    """avant puts the run before the target, in the target's paragraph, even from a sub-topic."""
    root = workspace(
        {
            "inputs/cyber/a.yaml": entry("2023-01", "A1") + entry("2023-02", "A2", id="cible"),
            "inputs/cyber/b.yaml": entry(
                "2023-09", "B1", topic="echanges-politiques", avant="cible"
            ),
        }
    )
    assert paragraphs(root) == [["A1", "B1", "A2"]]


def test_nouveau_paragraphe_on_a_run_starts_a_paragraph_there(
    workspace: Callable[..., Path],
) -> None:
    """A run that says nouveau_paragraphe starts a new paragraph right after its target."""
    root = workspace(
        {
            "inputs/cyber/a.yaml": entry("2023-01", "A1", id="t") + entry("2023-02", "A2"),
            "inputs/cyber/b.yaml": entry("2023-09", "B1", apres="t", nouveau_paragraphe="true"),
        }
    )
    assert paragraphs(root) == [["A1"], ["B1", "A2"]]


def test_several_runs_after_one_target_keep_file_path_order(workspace: Callable[..., Path]) -> None:
    """Two runs after the same id come in the order of their files' paths."""
    root = workspace(
        {
            "inputs/cyber/a.yaml": entry("2023-01", "A1", id="t") + entry("2023-02", "A2"),
            "inputs/cyber/c.yaml": entry("2023-09", "C1", apres="t") + entry("2023-09", "C2"),
            "inputs/cyber/b.yaml": entry("2023-10", "B1", apres="t"),
        }
    )
    assert paragraphs(root) == [["A1", "B1", "C1", "C2", "A2"]]


def test_chained_anchors_are_placed_in_dependency_order(workspace: Callable[..., Path]) -> None:
    """x after y after z: each run is placed once its target is, whatever the file order."""
    root = workspace(
        {
            "inputs/cyber/a.yaml": entry("2023-05", "X", id="x", apres="y"),
            "inputs/cyber/b.yaml": entry("2023-05", "Y", id="y", apres="z"),
            "inputs/cyber/c.yaml": entry("2023-01", "Z", id="z") + entry("2023-02", "W"),
        }
    )
    assert paragraphs(root) == [["Z", "Y", "X", "W"]]


@pytest.mark.parametrize(
    ("files", "position", "message"),
    [
        (
            {"inputs/cyber/a.yaml": entry("2023-01", "A", apres="inconnu")},
            "inputs/cyber/a.yaml:1:",
            "aucune entrée n'a l'identifiant « inconnu »",
        ),
        (
            {
                "inputs/cyber/a.yaml": entry("2023-01", "A", apres="ailleurs"),
                "inputs/exercices/b.yaml": entry("2023-01", "B", topic=None, id="ailleurs"),
            },
            "inputs/cyber/a.yaml:1:",
            "est dans le domaine « exercices »",
        ),
        (
            {"inputs/cyber/a.yaml": entry("2023-01", "A", id="moi", apres="moi")},
            "inputs/cyber/a.yaml:1:",
            "désigne l'entrée elle-même",
        ),
        (
            {
                "inputs/cyber/a.yaml": entry("2023-01", "A", id="a", apres="b"),
                "inputs/cyber/b.yaml": entry("2023-01", "B", id="b", apres="a"),
            },
            "inputs/cyber/a.yaml:1:",
            "placement circulaire : a -> b -> a",
        ),
        (
            {
                "inputs/cyber/a.yaml": "date: 2023-01\ntexte: A\ncontributeur: X\napres: x\navant: y\n"
            },
            "inputs/cyber/a.yaml:5:8",
            "« apres » et « avant » sur la même entrée",
        ),
    ],
    ids=["unknown", "other-area", "itself", "cycle", "both-keys"],
)
def test_anchor_errors(
    workspace: Callable[..., Path],
    cli_invoke: Callable[..., Result],
    files: dict[str, str],
    position: str,
    message: str,
) -> None:
    """Each anchor error of the contract is reported at the key, exit 1, nothing built."""
    root = workspace(files)
    result = cli_invoke("check", "--workspace", root)
    assert result.exit_code == 1
    line = next(x for x in result.stderr.splitlines() if message in x)
    assert line.startswith(position)
    assert cli_invoke("build", "--workspace", root).exit_code == 1
    assert not (root / "outputs").exists()


def test_faits_saillants_orders_the_highlights(workspace: Callable[..., Path]) -> None:
    """Ids listed in faits_saillants come first in that order; the others follow in document
    order."""
    root = workspace(
        {
            "inputs/cyber/a.yaml": entry("2023-01", "Cyber", a_souligner="true"),
            "inputs/renforcement-capacites/u.yaml": entry(
                "2023-02", "Ukraine", topic="ukraine", id="ua", a_souligner="true"
            ),
            "inputs/exercices/e.yaml": entry("2023-03", "Exercice", topic=None, a_souligner="true"),
        },
        cycle="numero: 9\nperiode: {debut: 2023-06, fin: 2024-05}\nfaits_saillants: [ua]\n",
    )
    workspace_, _ = load_workspace(root)
    bullets = composition.highlights(composition.compose(workspace_), workspace_.cycle.highlights)
    assert [text for _, text in bullets] == ["Ukraine.", "Cyber.", "Exercice."]


@pytest.mark.parametrize(
    ("listed", "message"),
    [("[inconnu]", "aucune entrée n'a l'identifiant « inconnu »"), ("[b]", "n'est pas marquée")],
)
def test_faits_saillants_errors(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result], listed: str, message: str
) -> None:
    """An unknown id, or one not marked a_souligner, in faits_saillants is an error there."""
    root = workspace(
        {"inputs/cyber/a.yaml": entry("2023-01", "B", id="b")},
        cycle=f"numero: 9\nperiode: {{debut: 2023-06, fin: 2024-05}}\nfaits_saillants: {listed}\n",
    )
    result = cli_invoke("check", "--workspace", root)
    assert result.exit_code == 1
    assert re.search(rf"inputs/rapport.yaml:3:\d+: .*{re.escape(message)}", result.stderr)


def test_a_sentence_that_refers_back_out_of_place_is_warned(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """« Dans ce contexte » after another file's sentence, or opening a paragraph, is warned,
    in check and in the sentence's Word comment; with apres it is not."""
    root = workspace(
        {
            "inputs/cyber/a.yaml": entry("2023-01", "Une réunion a eu lieu", id="reunion"),
            "inputs/cyber/b.yaml": entry("2023-02", '"Dans ce contexte, un atelier a suivi"')
            + entry("2023-03", "Ce dialogue continue"),
            "inputs/cyber/c.yaml": entry(
                "2023-04", '"Par ailleurs, un rapport"', topic="echanges-politiques"
            ),
            "inputs/cyber/d.yaml": entry("2023-05", "Cette étude suit", apres="reunion"),
        }
    )
    result = cli_invoke("check", "--workspace", root)
    warned = [x for x in result.stderr.splitlines() if "renvoie à la phrase précédente" in x]
    assert len(warned) == 2
    assert warned[0].startswith("inputs/cyber/b.yaml:1:")
    assert "(« Cette étude suit. »), qui vient d'un autre fichier" in warned[0]
    assert warned[1].startswith("inputs/cyber/c.yaml:1:")
    assert "ouvre son paragraphe" in warned[1]
    markdown = cli_invoke("build", "--format", "md", "-o", "-", "--workspace", root).stdout
    assert "À vérifier\u00a0: · – " in markdown
    assert " · – Cette phrase renvoie à la phrase précédente" in markdown
    # the comment is for the editors: what to check in the text, no YAML advice
    assert "vérifiez que l’enchaînement se lit bien, ou reformulez son début" in markdown
    assert "Cette étude suit.\u00a0»), qui vient d’un autre fichier" in markdown
    assert "apres:" in result.stderr
    assert "apres:" not in markdown
