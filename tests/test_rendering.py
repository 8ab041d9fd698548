"""Entries -> sentences, paragraphs and the shape of the Markdown draft (entries.md, report.md)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from drafter.drafting.templates import _finished
from drafter.drafting.typography import apply_typography
from drafter.reading.workspace import load_workspace
from drafter.usecases.drafts import BuildOptions, build_markdown


def _plain(text: str) -> str:
    """Normalise space characters and apostrophes, as the comparison with reports does, and
    show the text as Word does: without sentence marks, placeholders as bracketed text."""
    text = re.sub(r"<!--§ [^>]*-->", "", text)
    text = re.sub(r"\[\\\[(.*?)\\\]\]\{\.a-completer\}", r"[\1]", text)
    return text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2019", "'")


def draft(root: Path, comments: bool = False) -> str:
    """Return the Markdown draft of a workspace, normalised."""
    workspace, _ = load_workspace(root)
    return _plain(build_markdown(workspace, root, BuildOptions(comments=comments)))


SPEC_EXAMPLES = [
    (
        """\
        date: 2023-02
        position_date: fin
        sous_theme: lutte-terrorisme
        acteurs: des représentants de l'UE
        action: ont participé aux travaux du groupe de travail de l'OTAN chargé de la lutte contre les systèmes aériens sans pilote (C-UAS)
        contributeur: SEAE
        """,
        "Des représentants de l'UE ont participé aux travaux du groupe de travail de l'OTAN chargé "
        "de la lutte contre les systèmes aériens sans pilote (C-UAS), en février 2023.",
    ),
    (
        """\
        date: [automne 2022, printemps 2023]
        sous_theme: communication-strategique
        acteurs: les services des deux organisations
        action: ont facilité la participation de l'Ukraine au jeu de guerre
        but: qui visait à consolider les capacités des pays partenaires
        contributeur: SEAE
        """,
        "À l'automne 2022 et au printemps 2023, les services des deux organisations ont facilité "
        "la participation de l'Ukraine au jeu de guerre, qui visait à consolider les capacités "
        "des pays partenaires.",
    ),
    (
        """\
        date: 2023-05
        texte: "Dans le même esprit, la présidence suédoise du Conseil de l'UE a organisé, {date}, un séminaire."
        contributeur: SEAE
        """,
        "Dans le même esprit, la présidence suédoise du Conseil de l'UE a organisé, en mai 2023, "
        "un séminaire.",
    ),
    (
        """\
        date: 2023-03
        lien: Dans ce contexte
        acteurs: les services
        action: ont échangé
        contributeur: SEAE
        """,
        "Dans ce contexte, en mars 2023, les services ont échangé.",
    ),
    (
        """\
        date: periode
        position_date: fin
        acteurs: [les services de l'UE, ceux de l'OTAN, l'AED]
        action: ont poursuivi leurs échanges !
        contributeur: SEAE
        """,
        "Les services de l'UE, ceux de l'OTAN et l'AED ont poursuivi leurs échanges !",
    ),
    (
        """\
        date: 2024-03-01
        position_date: aucune
        acteurs: l'UE
        action: a publié sa stratégie (voir ÉTATS membres)
        contributeur: SEAE
        """,
        "L'UE a publié sa stratégie (voir ÉTATS membres).",
    ),
    (
        """\
        date: 2024-03-01
        texte: "{Date}, l'OTAN a accueilli l'UE…"
        contributeur: SEAE
        """,
        "Le 1er mars 2024, l'OTAN a accueilli l'UE…",
    ),
]


@pytest.mark.parametrize(("entry", "sentence"), SPEC_EXAMPLES)
def test_entry_becomes_the_spec_sentence(
    workspace: Callable[..., Path], entry: str, sentence: str
) -> None:
    """Each sentence form of entries.md renders exactly, capital and final period included."""
    root = workspace({"inputs/menaces-hybrides/a.yaml": entry})
    assert sentence in draft(root)


def test_order_inside_an_area(workspace: Callable[..., Path]) -> None:
    """Sub-topics in declared order, undated first, then by date, ties by file then position."""

    def entry(date: str, text: str, topic: str | None = None) -> str:
        extra = f"  sous_theme: {topic}\n" if topic else ""
        return f"- date: {date}\n  texte: {text}\n  contributeur: X\n{extra}"

    root = workspace(
        {
            "inputs/cyber/b.yaml": entry("2023-09", "B1", "echanges-politiques")
            + entry("2023-07", "B2", "exercices-cyber")
            + entry("2023-07", "B3", "exercices-cyber"),
            "inputs/cyber/a.yaml": entry("2023-07", "A1", "exercices-cyber")
            + entry("periode", "A2", "echanges-politiques")
            + entry("2023-06", "A3"),
            "inputs/cyber/A.yaml": entry("2024-01", "Z1"),
        }
    )
    text = draft(root)
    order = [text.index(f"{name}.") for name in ("A2", "B1", "A1", "B2", "B3", "A3", "Z1")]
    assert order == sorted(order)


def test_paragraphs_follow_sub_topics(workspace: Callable[..., Path]) -> None:
    """One paragraph per sub-topic; nouveau_paragraphe splits; no sub-topic: one each."""
    root = workspace(
        {
            "inputs/cyber/a.yaml": """\
        - {date: 2023-07, texte: Un, contributeur: X, sous_theme: exercices-cyber}
        - {date: 2023-08, texte: Deux, contributeur: X, sous_theme: exercices-cyber}
        - {date: 2023-09, texte: Trois, contributeur: X, sous_theme: exercices-cyber,
           nouveau_paragraphe: true}
        - {date: 2023-07, texte: Quatre, contributeur: X}
        - {date: 2023-08, texte: Cinq, contributeur: X}
        - {date: 2023-06, texte: Six, contributeur: X, sous_theme: echanges-politiques,
           nouveau_paragraphe: true}
        """
        }
    )
    body = draft(root).split("## Cybersécurité et cyberdéfense\n\n")[1].split("\n\n## ")[0]
    assert body.split("\n\n") == ["Six.", "Un. Deux.", "Trois.", "Quatre.", "Cinq."]


def test_shape_of_the_draft(workspace: Callable[..., Path]) -> None:
    """Title, date line, context placeholder, series sentence, highlights, areas, closing."""
    root = workspace(
        {
            "inputs/cyber/a.yaml": """\
        date: 2023-10
        texte: Une activité
        contributeur: SEAE
        a_souligner: "une activité marquante"
        """
        }
    )
    text = draft(root)
    expected = [
        "# Neuvième rapport d'étape sur les suites données aux propositions communes entérinées "
        "le 6 décembre 2016 et le 5 décembre 2017 par le Conseil de l'Union européenne et le "
        "Conseil de l'Atlantique Nord",
        "14 juin 2024",
        "[À compléter : contexte politique de la période]",
        "Le présent document est le neuvième d'une série de rapports consacrés à la mise en œuvre "
        "des 74 propositions communes",
        "entre juin 2023 et mai 2024",
        "Les éléments suivants méritent tout particulièrement d'être soulignés :",
        "- Une activité marquante.",
        "dans les trois déclarations conjointes",
        "*****",
        "## Lutte contre les menaces hybrides",
        "[À compléter : aucune contribution reçue",
        "## Cybersécurité et cyberdéfense",
        "Une activité.",
        "## Dialogue politique",
        "\n***\n",
        "L'OTAN et l'UE restent fermement déterminées",
    ]
    positions = [text.index(fragment) for fragment in expected]
    assert positions == sorted(positions)
    assert text.count("\n## ") == 8


def test_highlight_placeholder_when_none_marked(workspace: Callable[..., Path]) -> None:
    """Without `a_souligner`, the highlights list is one placeholder bullet."""
    text = draft(workspace({"inputs/cyber/a.yaml": "date: 2023-10\ntexte: X\ncontributeur: S\n"}))
    assert "- [À compléter : faits saillants de la période]" in text


def test_cross_briefings_figure(workspace: Callable[..., Path]) -> None:
    """Carried 217 + 2 realised this period = 219 -> 210; planned and out-of-period ignored."""
    entries = "".join(
        f"- {{date: 2023-1{i}, texte: Exposé {i}, contributeur: X, type: expose-croise,"
        f" sous_theme: exposes-croises}}\n"
        for i in range(2)
    )
    planned = (
        "- {date: 2024-03, texte: Futur, contributeur: X, type: expose-croise, statut: prevu}\n"
        "- {date: 2022-09, texte: Ancien, contributeur: X, type: expose-croise}\n"
    )
    cycle = (
        "numero: 9\nperiode: {debut: 2023-06, fin: 2024-05}\n"
        "chiffres:\n  exposes_croises: {valeur: 217, depuis: 2016-07}\n"
    )
    text = draft(workspace({"inputs/dialogue-politique/a.yaml": entries + planned}, cycle=cycle))
    assert (
        "Depuis la signature de la déclaration conjointe de Varsovie, en juillet 2016, plus "
        "de 210 exposés croisés ont eu lieu devant différents comités ou groupes de travail "
        "des deux organisations. Exposé 0. Exposé 1."
    ) in text


def test_cross_briefings_alone_in_its_place(workspace: Callable[..., Path]) -> None:
    """Without entries of the sub-topic, the figure is a paragraph in the sub-topic's place."""
    text = draft(
        workspace(
            {
                "inputs/dialogue-politique/a.yaml": """\
        - {date: 2023-10, texte: Haut niveau, contributeur: X, sous_theme: haut-niveau}
        - {date: 2023-10, texte: Femmes, contributeur: X, sous_theme: femmes-paix-securite}
        """
            }
        )
    )
    assert text.index("Haut niveau.") < text.index("210 exposés") < text.index("Femmes.")


def test_entry_text_stays_text(workspace: Callable[..., Path]) -> None:
    """Template syntax, Markdown and XML in an entry appear literally."""
    root = workspace(
        {
            "inputs/cyber/a.yaml": """\
        date: 2023-10
        texte: "Texte {{ 7*7 }} {% for %} <w:p> *gras* [lien](http://x) # titre"
        contributeur: X
        """
        }
    )
    from tests.conftest import parsed_blocks

    workspace_, _ = load_workspace(root)
    blocks = parsed_blocks(build_markdown(workspace_, root, BuildOptions()))
    assert any(
        b.text == "Texte {{ 7*7 }} {% for %} <w:p> *gras* [lien](http://x) # titre." for b in blocks
    )


def test_kosovo_footnote_on_first_mention(workspace: Callable[..., Path]) -> None:
    """The first mention of Kosovo carries the standard footnote, once."""
    text = draft(
        workspace(
            {
                "inputs/renforcement-capacites/a.yaml": """\
        - {date: 2023-10, texte: Au Kosovo une mission, contributeur: X}
        - {date: 2023-11, texte: Au Kosovo encore, contributeur: X}
        """
            }
        )
    )
    assert text.count("[^kosovo]") == 2
    assert "Au Kosovo[^kosovo] une mission." in text
    assert "[^kosovo]: Cette désignation ne préjuge pas des positions relatives au statut" in text


def test_kosovo_footnote_skips_headings_comments_and_fences(
    workspace: Callable[..., Path],
) -> None:
    """A heading, a Markdown comment or a fence line naming Kosovo gets no call; the first
    mention in the text does (and only a whole word: « Kosovar » is not one)."""
    root = workspace()
    (root / "templates").mkdir()
    (root / "templates" / "rapport.md.j2").write_text(
        '# Rapport\n\n## Kosovo\n\n<!-- Kosovo -->\n\n::: {custom-style="Kosovo"}\n'
        "Les Kosovars, puis le Kosovo ici.\n:::\n",
        encoding="utf-8",
    )
    text = draft(root)
    assert text.count("[^kosovo]") == 2
    assert "puis le Kosovo[^kosovo] ici." in text
    assert "## Kosovo\n" in text


def test_workspace_template_overrides_a_block(workspace: Callable[..., Path]) -> None:
    """A workspace's templates/rapport.md.j2 replaces the default, block by block."""
    root = workspace(
        {
            "templates/rapport.md.j2": """\
        {% extends "defaut/rapport.md.j2" %}
        {% block cloture %}Les services restent déterminés.{% endblock %}
        """
        }
    )
    text = draft(root)
    assert "Les services restent déterminés." in text
    assert "fermement déterminées" not in text


def test_capital_goes_to_the_first_letter_not_the_first_character(
    workspace: Callable[..., Path],
) -> None:
    """« l'exercice » at the start of a sentence becomes « L'exercice », the quote kept first."""
    root = workspace(
        {"inputs/cyber/a.yaml": "date: 2023-10\ntexte: « l'exercice » a eu lieu\ncontributeur: S\n"}
    )
    assert "« L'exercice » a eu lieu." in draft(root)


@pytest.mark.parametrize(
    ("text", "tidy"),
    [
        ("a  \nb\t\n", "a\nb\n"),
        ("a\n \n\n\nb", "a\n\nb\n"),
        ("\n\na\r\n\n\n\nb \f", "a\n\nb\n"),
        ("a\u00a0\nb", "a\u00a0\nb\n"),
        ("a\nb", "a\nb\n"),
    ],
)
def test_tidy_drops_trailing_blanks_and_blank_runs(text: str, tidy: str) -> None:
    """Blanks at line ends go (a no-break space is typography, it stays), runs of blank
    lines become one, and the draft ends with one newline."""
    assert _finished([text], lambda part: apply_typography(part, "'")) == [tidy]
