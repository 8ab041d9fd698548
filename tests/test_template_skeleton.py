"""Both editions' report templates fill one skeleton (templates/commun/squelette.md.j2): the
structure of the French and English drafts cannot drift apart."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import jinja2
import pytest
from click.testing import CliRunner
from jinja2 import nodes

from drafter.cli import main
from drafter.drafting.templates import COMMON, MAIN_TEMPLATE, shipped_templates
from drafter.reading.editions import load_edition
from drafter.reading.workspace import load_workspace
from drafter.usecases.drafts import BuildOptions, build_markdown
from tests.conftest import REPO

SKELETON = "squelette.md.j2"
EDITIONS = ("fr", "en")


def parsed(*path: str) -> nodes.Template:
    """Return the syntax tree of a shipped template."""
    source = shipped_templates().joinpath(*path).read_text(encoding="utf-8")
    return jinja2.Environment().parse(source)


def blank(body: list[nodes.Node]) -> bool:
    """Return True when template nodes are only blank text."""
    text = [data for node in body if isinstance(node, nodes.Output) for data in node.nodes]
    return len(text) == len(body) and all(
        isinstance(data, nodes.TemplateData) and not data.data.strip() for data in text
    )


def edition_blocks(language: str) -> set[str]:
    """Return the blocks an edition's report template fills, checking that it extends the
    skeleton and holds nothing else at its top level but imports (no structure of its own)."""
    tree = parsed(language, MAIN_TEMPLATE)
    extends = [node for node in tree.body if isinstance(node, nodes.Extends)]
    assert [e.template.as_const() for e in extends] == [SKELETON]
    own = [n for n in tree.body if not isinstance(n, (nodes.Extends, nodes.Import, nodes.Block))]
    assert blank(own), own
    return {block.name for block in tree.body if isinstance(block, nodes.Block)}


def wordless(block: nodes.Block) -> bool:
    """Return True when a block's own text is markup only (its words, if any, are mot(...))."""
    return not any(any(c.isalpha() for c in t.data) for t in block.find_all(nodes.TemplateData))


def test_both_editions_fill_the_same_blocks_of_the_skeleton() -> None:
    """fr and en extend the skeleton and fill exactly the blocks it leaves empty (those around
    them, faits_saillants, are structure); the others hold the edition's words (mot(...)),
    among them those it calls through self.… (the annex title): declared, so that a
    workspace's template may leave them out."""
    skeleton = parsed(COMMON, SKELETON)
    leaves = [b for b in skeleton.find_all(nodes.Block) if not any(b.find_all(nodes.Block))]
    assert all(wordless(block) for block in leaves)  # no wording in the skeleton
    declared = {block.name for block in leaves if blank(block.body)}
    assert {"titre_annexe", "entete_annexe", "titre_table_des_matieres"}.isdisjoint(declared)
    called = {
        node.attr
        for node in skeleton.find_all(nodes.Getattr)
        if isinstance(node.node, nodes.Name) and node.node.name == "self"
    }
    assert called <= {block.name for block in leaves}
    for language in EDITIONS:
        assert edition_blocks(language) == declared, language


def styles(language: str, tmp_path: Path) -> list[str]:
    """Return the paragraph styles of the demo's draft in one edition, table of contents and
    annex included."""
    out = tmp_path / f"demo-{language}.docx"
    options = ["--langue", language, "--toc", "--annexe", "-o", str(out)]
    result = CliRunner().invoke(main, ["build", "--workspace", str(REPO), *options])
    assert result.exit_code == 0, result.output
    return [
        str(getattr(paragraph.style, "name", ""))
        for paragraph in docx.Document(str(out)).paragraphs
    ]


def test_the_editions_drafts_have_the_same_paragraph_styles(tmp_path: Path) -> None:
    """The demo's English draft has the French one's paragraphs, style for style, in order."""
    french = styles("fr", tmp_path)
    assert len(french) > 20
    assert styles("en", tmp_path) == french


@pytest.mark.parametrize("skeleton", ["squelette.md.j2", "defaut/squelette.md.j2"])
def test_a_workspace_template_may_extend_the_skeleton(
    workspace: Callable[..., Path], skeleton: str
) -> None:
    """A workspace's own templates/fr/rapport.md.j2 (sandboxed) may fill the skeleton with
    wording of its own; a block it leaves out is empty, not an error."""
    own = f"""{{% extends "{skeleton}" %}}
{{% block titre %}}
# Notre titre
{{% endblock %}}
{{% block cloture %}}
Notre clôture.
{{% endblock %}}
"""
    root = workspace({"templates/fr/rapport.md.j2": own})
    loaded, _ = load_workspace(root)
    text = build_markdown(loaded, root, BuildOptions(comments=False, toc=True, annex=True))
    assert text.startswith("# Notre titre\n")
    assert "\n## Cybersécurité et cyberdéfense\n" in text
    assert "\n***\n\nNotre clôture.\n" in text
    assert "\n| P17-MM | Mobilité militaire | 0 |\n" in text


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("fr", "| PROPOSITION | INTITULÉ | n° 8 | ACTIVITÉS |"),
        ("en", "| Proposal | Title | Report 8 | Activities reported |"),
    ],
)
def test_the_annex_and_contents_words_come_from_the_words_files(
    workspace: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, language: str, heading: str
) -> None:
    """The annex's title and column headings and the contents' title are the edition's
    words (data/editions/<language>.yaml), the skeleton only their places."""
    words = load_edition("fr").words
    for key, text in [
        ("annexe.titre", "ANNEXE"),
        ("annexe.proposition", "PROPOSITION"),
        ("annexe.intitule", "INTITULÉ"),
        ("annexe.activites", "ACTIVITÉS"),
        ("table_des_matieres", "SOMMAIRE"),
    ]:
        monkeypatch.setitem(words, key, text)
    root = workspace({"archive/08/rapport.yaml": "numero: 8\n"})
    loaded, _ = load_workspace(root)
    options = BuildOptions(comments=False, toc=True, annex=True, language=language)
    lines = build_markdown(loaded, root, options).splitlines()
    assert heading in lines
    assert ("## ANNEXE" in lines) == (language == "fr")
    assert ("SOMMAIRE" in lines) == (language == "fr")


def test_the_placeholders_words_come_from_the_words_files(
    workspace: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The texts to complete that the report's template places (context, highlights, the
    paragraph after the principles, an empty area) are the edition's words."""
    words = load_edition("fr").words
    keys = ["contexte", "faits_saillants", "principes", "domaine_vide"]
    for key in keys:
        monkeypatch.setitem(words, f"a_rediger.{key}.texte", key.upper())
        monkeypatch.setitem(words, f"a_rediger.{key}.attendu", f"écrivez {key}")
    root = workspace()
    loaded, _ = load_workspace(root)
    text = build_markdown(loaded, root, BuildOptions(comments=True))
    for key in keys:
        assert f"[\\[À compléter\u00a0: {key.upper()}\\]]{{.a-completer}}" in text, key
        assert f"<!-- À compléter\u00a0: écrivez {key} -->" in text, key
