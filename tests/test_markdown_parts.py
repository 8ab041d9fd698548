"""A large draft is parsed in parts (peak memory): the parts must give the whole's blocks."""

from __future__ import annotations

import functools
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.reading.workspace import load_workspace
from drafter.usecases import drafts as build
from drafter.writing import markdown
from drafter.writing.markdown import parse_parts, split_parts
from tests.conftest import parsed_blocks, whole_blocks

# Lines of drafts and workspace templates: blocks that a cut could split if it were misplaced.
SAFE_LINES = [
    *[""] * 6,
    *["Une phrase.<!--§ a/b § commentaire-->", "Une ligne.", "Suite de texte"] * 2,
    "## Titre",
    "# Grand titre",
    "### Sous-titre",
    "#sans espace",
    "\\## pas un titre",
    "  # indenté",
    "- point un",
    "* étoile",
    "+ plus",
    "1. premier",
    "10) dix",
    "  - imbriqué",
    "   - trois espaces",
    "  suite indentée",
    "\tsuite tabulée",
    "    code indenté",
    '::: {custom-style="Séparateur"}',
    "::: {.toc}",
    ":::",
    "::::",
    ":::: x",
    "::: ",
    ":::\t",
    ":::\u00a0",
    ":::\x0c",
    "texte\x85suite",
    "<!-- commentaire -->",
    "<!---->",
    "texte <!-- ouvert",
    "-->",
    "Un appel[^k] ici.",
    "- [^k] dans une liste",
    "Appels[^x] et[^y].",
    "| a | b |",
    "|---|--:|",
    "| 1 | 2 |",
    "---",
    "***",
    "- - -",
    "> citation",
    "> > imbriquée",
    "Titre\n===",
    "===",
    "[lien]: /url",
    "Ligne\\",
    "texte  ",
]
# Lines that keep a draft whole (split_parts must see them), and footnote definitions.
RISKY_LINES = ["```", "~~~", "<pre>", "</pre>", "<div>", "  ::: indenté", "  [^k]: indentée"]
DEFINITIONS = ["[^k]: Note k.", "[^x]: Note x.", "[^y]: Note y[^k]."]


@st.composite
def drafts(draw: st.DrawFn) -> str:
    """Return a draft of lines, mostly splittable, with footnotes defined here and there."""
    pool = SAFE_LINES + (RISKY_LINES if draw(st.integers(0, 9)) == 0 else [])
    lines = draw(st.lists(st.sampled_from(pool), max_size=40))
    for definition in draw(st.lists(st.sampled_from(DEFINITIONS), max_size=3)):
        at = draw(st.integers(0, len(lines)))
        alone = draw(st.integers(0, 4)) > 0
        lines[at:at] = ["", definition, ""] if alone else [definition]
    return "\n".join(lines) + draw(st.sampled_from(["", "\n"]))


@settings(max_examples=600)
@given(drafts(), st.sampled_from([1, 40, 200]))
def test_parts_give_the_blocks_of_the_whole(document: str, size: int) -> None:
    """Wherever the draft is cut, its parts parse into the blocks of the whole draft."""
    parts = split_parts(document, size)
    assert "".join(parts) == document
    assert list(parse_parts(parts)) == whole_blocks(document)
    assert parts == []  # consumed


def test_a_draft_is_cut_before_lines_that_continue_nothing() -> None:
    """Cuts fall after an empty line, before a line that is neither a list item nor a quote
    nor a div nor indented: never inside a list or a div, which runs to the first line of
    as many colons alone (markdown-it's container: the nested div's own closing closes it)."""
    document = (
        "# Titre\n\nIntro.\n\n- un\n\n- deux\n\n  suite\n\n::: {custom-style=S}\n\n## Dans\n\n"
        ":::\n\n> citation\n\nFin.\n"
    )
    assert split_parts(document, 1) == [
        "# Titre\n\n",
        "Intro.\n\n- un\n\n- deux\n\n  suite\n\n::: {custom-style=S}\n\n## Dans\n\n:::\n\n> citation\n\n",
        "Fin.\n",
    ]
    nested = '::: {custom-style="S"}\n\nA\n\n:::: b\n\nB\n\n:::\n\nC\n\n::::\n\nD\n'
    assert split_parts(nested, 1) == [nested[: nested.index("C")], "C\n\n::::\n\nD\n"]
    assert list(parse_parts(split_parts(nested, 1))) == whole_blocks(nested)


def test_a_small_draft_is_one_part() -> None:
    """Below the part size, nothing is cut."""
    assert split_parts("# A\n\nB\n\nC\n") == ["# A\n\nB\n\nC\n"]


@pytest.mark.parametrize(
    "document",
    [
        "A\n\n```\n\nB\n\n```\n",
        "A\n\n~~~\nB\n",
        "A\n\n<pre>\n\nB\n</pre>\n",
        "A\n\n<!-- ouvert\n\nB -->\n",
        "A\n\n  ::: {.x}\n\nB\n",
        "A\r::: {.x}\n\n## B\n\n:::\n",
        "A[^k]\n\n- [^k]: dans une liste\n\nB\n",
        "A[^k]\n\n[^k]: continuée\nB\n\nC\n",
        "A[^k]\n\n[^k]: Note.\n\n    suite de la note\n\nB\n",
        "A[^k]\n\n> citation\n[^k]: Note.\n\nB\n",
        "A[^k]\n\n[^k]: Une.\n\nB\n\n[^k]: Deux.\n",
    ],
)
def test_what_may_stay_open_keeps_a_draft_whole(document: str) -> None:
    """Fences, raw HTML, indented divs, carriage returns (line breaks to markdown-it) and
    footnotes not defined alone (or twice) could span a cut: the draft is parsed whole."""
    assert split_parts(document, 1) == [document]


def test_a_footnote_defined_in_a_later_part_is_called_in_an_earlier_one() -> None:
    """Definitions are carried to the parts that may call them (the Kosovo note is defined at
    the end of the draft, called at its first « Kosovo »)."""
    document = "Au Kosovo[^kosovo].\n\n## Suite\n\nTexte.\n\n[^kosovo]: Note.\n"
    parts = split_parts(document, 1)
    assert len(parts) == 4
    blocks = list(parse_parts(parts))
    assert blocks == whole_blocks(document)
    assert [i.note for i in blocks[0].inlines] == [None, "Note.", None]


def test_the_writer_takes_each_part_s_blocks_before_the_next_part_is_parsed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The build streams: blocks go to Word as each part is parsed, so that the tokens and
    blocks of a whole large draft are never held at once."""
    events: list[str] = []
    parse = markdown._MD.parse
    monkeypatch.setattr(build, "split_parts", functools.partial(split_parts, size=1))

    def parsing(text: str, env: object = None) -> object:
        events.append("parse")
        return parse(text, env)

    monkeypatch.setattr(markdown._MD, "parse", parsing)
    root = Path(__file__).parent / "data" / "rapport-6"
    sentences = _build_sentences(root, events, monkeypatch)
    assert events.count("parse") > 10
    first_write = events.index("write")
    assert "parse" in events[first_write:]  # parts still parsed after the first block is written
    assert sentences


def _build_sentences(root: Path, events: list[str], monkeypatch: pytest.MonkeyPatch) -> bytes:
    from drafter.writing.docx import writer as docx

    add = docx._BodyWriter.add

    def writing(self: docx._BodyWriter, block: markdown.Block) -> None:
        events.append("write")
        add(self, block)

    monkeypatch.setattr(docx._BodyWriter, "add", writing)
    workspace, _ = load_workspace(root)
    sentences, data = build.docx_and_sentences(workspace, root, build.BuildOptions())
    zipfile.ZipFile(io.BytesIO(data)).testzip()
    return b"".join(sentences.lines())  # the sentences as their base's lines


@pytest.mark.parametrize("name", ["rapport-6", "demo"])
def test_a_draft_in_small_parts_is_the_draft_in_one(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typography, tidying and parsing part by part give the Markdown, the sentences and the
    Word bytes that the whole draft gives."""
    root = Path(__file__).parent / "data" / "rapport-6"
    if name == "demo":
        root = Path(__file__).parent.parent
    whole, whole_parts = _outputs(root, 10**9, monkeypatch)
    cut, cut_parts = _outputs(root, 1, monkeypatch)
    assert (whole_parts, cut_parts > 20) == (1, True)
    assert cut == whole


def _outputs(
    root: Path, size: int, monkeypatch: pytest.MonkeyPatch
) -> tuple[tuple[str, bytes, bytes], int]:
    """Return the Markdown, sentences and Word bytes of a build, and how many parts it had."""
    monkeypatch.setattr(build, "split_parts", functools.partial(split_parts, size=size))
    workspace, _ = load_workspace(root)
    options = build.BuildOptions(toc=True, annex=True)
    draft = build._draft(workspace, root, options)
    sentences, data = build.docx_and_sentences(workspace, root, options)
    return (draft.markdown, b"".join(sentences.lines()), data), len(draft.parts)


@pytest.mark.parametrize(
    "document", ["a\x85b\n\n***\n", "a\x0cb\n\n***\n", "a\r\r***\r", "a\r\n\r\n***\r\n"]
)
def test_a_separator_keeps_its_own_line_after_other_line_breaks(document: str) -> None:
    """A separator's text is its source line as markdown-it numbers lines: U+0085 or a form
    feed before it are not line breaks, a carriage return is."""
    assert [b.text for b in parsed_blocks(document) if b.kind == "separator"] == ["***"]
