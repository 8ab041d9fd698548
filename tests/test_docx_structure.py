"""The Word XML itself: what Word reads, beyond the text (element order, ranges, ids, styles).

Text dumps pass on documents Word would repair or reject; these tests read `word/*.xml`.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from drafter.writing.docx.bookmarks import PREFIX, bookmark_name

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
ENTRIES = {
    "inputs/cyber/a.yaml": """\
        - date: 2024-03-01
          sous_theme: echanges-politiques
          acteurs: les services
          action: ont organisé le 18e cours au Kosovo
          contributeur: SEAE
          a_souligner: true
        - date: 2023-10
          sous_theme: echanges-politiques
          texte: Une seconde activité au Kosovo
          contributeur: AED
        """,
    "inputs/exercices/b.yaml": """\
        date: 2023-11
        acteurs: les deux organisations
        action: ont mené l'exercice PACE23
        contributeur: EMUE
        points: [La communication stratégique, la cybersécurité, la mobilité militaire]
        """,
}


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


@pytest.fixture(scope="module")
def parts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, etree._Element]:
    """Return the parsed XML parts of a draft built from ENTRIES."""
    from click.testing import CliRunner

    from drafter.cli import main
    from tests.conftest import CYCLE_9

    root = tmp_path_factory.mktemp("ws")
    (root / "inputs").mkdir()
    (root / "inputs" / "rapport.yaml").write_text(CYCLE_9, encoding="utf-8")
    for rel, text in ENTRIES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(__import__("textwrap").dedent(text), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--workspace", str(root)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(root / "outputs" / "rapport-etape-09.docx") as archive:
        return {
            name: etree.fromstring(archive.read(f"word/{name}.xml"))
            for name in ("document", "comments", "footnotes", "styles")
        }


def test_body_children_in_order_with_section_properties_last(
    parts: dict[str, etree._Element],
) -> None:
    """The body holds paragraphs and tables, and `w:sectPr` is its last child."""
    body = parts["document"].find("w:body", NS)
    tags = [etree.QName(child).localname for child in body]
    assert tags[-1] == "sectPr"
    assert set(tags[:-1]) <= {"p", "tbl"}
    assert tags.count("sectPr") == 1


def _sentence_ranges(document: etree._Element) -> dict[str, list[str]]:
    """Return, per bookmark name, the text of the runs between its start and end."""
    ranges: dict[str, list[str]] = {}
    for p in document.iter(_w("p")):
        open_: dict[str, str] = {}
        for child in p:
            if child.tag == _w("bookmarkStart"):
                open_[child.get(_w("id"))] = child.get(_w("name"))
                ranges[child.get(_w("name"))] = []
            elif child.tag == _w("bookmarkEnd"):
                open_.pop(child.get(_w("id")))
            elif child.tag == _w("r"):
                for name in open_.values():
                    ranges[name].append("".join(child.itertext()))
        assert not open_, "a bookmark must close in the paragraph it opens in"
    return ranges


def test_each_sentence_is_wrapped_in_a_hidden_bookmark(parts: dict[str, etree._Element]) -> None:
    """Every drafted sentence, whole and without the space after it, sits in its bookmark."""
    ranges = _sentence_ranges(parts["document"])
    text = {n: "".join(r).replace("\u00a0", " ").replace("\u202f", " ") for n, r in ranges.items()}
    assert all(name.startswith(PREFIX) and len(name) <= 40 for name in text)
    assert text[bookmark_name("cyber/a#2")].startswith("Une seconde activité au Kosovo")
    assert text[bookmark_name("cyber/a#2")].endswith(".")
    assert (
        text[bookmark_name("cyber/a")]
        == "Le 1er mars 2024, les services ont organisé le 18e cours au Kosovo."
    )
    assert text[bookmark_name("fait-saillant:cyber/a")].startswith("Le 1er mars 2024")
    assert bookmark_name("chiffre:exposes-croises") in text
    ids = [b.get(_w("id")) for b in parts["document"].iter(_w("bookmarkStart"))]
    assert len(ids) == len(set(ids))


def test_comment_ranges_cover_the_whole_sentence(parts: dict[str, etree._Element]) -> None:
    """A sentence's comment range starts before its first run and ends after its last one,
    followed by the reference run; ids match the comments part."""
    document = parts["document"]
    comment_ids = {c.get(_w("id")) for c in parts["comments"].findall("w:comment", NS)}
    starts = [s.get(_w("id")) for s in document.iter(_w("commentRangeStart"))]
    ends = [e.get(_w("id")) for e in document.iter(_w("commentRangeEnd"))]
    refs = [r.get(_w("id")) for r in document.iter(_w("commentReference"))]
    assert sorted(starts) == sorted(ends) == sorted(refs) == sorted(comment_ids)
    for p in document.iter(_w("p")):
        children = list(p)
        for start in p.findall("w:commentRangeStart", NS):
            end = next(
                e
                for e in p.findall("w:commentRangeEnd", NS)
                if e.get(_w("id")) == start.get(_w("id"))
            )
            inside = children[children.index(start) + 1 : children.index(end)]
            text = "".join("".join(r.itertext()) for r in inside if r.tag == _w("r"))
            if text.startswith("Une seconde"):
                assert text.replace("\u00a0", " ").endswith("Kosovo."), text
            after = children[children.index(end) + 1]
            assert after.find("w:commentReference", NS) is not None


def test_sentence_comments_are_by_drafter(parts: dict[str, etree._Element]) -> None:
    """Traceability comments are signed « drafter »; their text names the entry."""
    by_author = {
        "".join(c.itertext()): c.get(_w("author"))
        for c in parts["comments"].findall("w:comment", NS)
    }
    traced = [text for text in by_author if "inputs/cyber/a.yaml, ligne 1" in text]
    assert traced
    assert all(by_author[t] == "drafter" for t in traced)


def test_kosovo_footnote_once_with_matching_ids(parts: dict[str, etree._Element]) -> None:
    """The Kosovo note is a footnote referenced once, on the first mention, ids matching."""
    refs = [r.get(_w("id")) for r in parts["document"].iter(_w("footnoteReference"))]
    notes = {
        n.get(_w("id")): "".join(n.itertext())
        for n in parts["footnotes"].findall("w:footnote", NS)
        if n.get(_w("type")) is None
    }
    assert len(refs) == 1
    assert set(refs) == set(notes)
    assert "résolution 1244" in notes[refs[0]]
    first = next(p for p in parts["document"].iter(_w("p")) if "Kosovo" in "".join(p.itertext()))
    assert first.find(".//w:footnoteReference", NS) is not None


def test_points_are_a_dashed_list_in_the_reports_style(parts: dict[str, etree._Element]) -> None:
    """`points` become List Bullet paragraphs: lowercase start, « ; » after each, « . » last."""
    style_ids = {
        "".join(s.find("w:name", NS).get(_w("val"))): s.get(_w("styleId"))
        for s in parts["styles"].findall("w:style", NS)
    }
    bullets = [
        "".join(p.itertext()).replace("\u202f", " ")
        for p in parts["document"].iter(_w("p"))
        if p.find("w:pPr/w:pStyle", NS) is not None
        and p.find("w:pPr/w:pStyle", NS).get(_w("val")) == style_ids["List Bullet"]
    ]
    assert bullets[-3:] == [
        "la communication stratégique ;",
        "la cybersécurité ;",
        "la mobilité militaire.",
    ]
    intro = next(
        "".join(p.itertext())
        for p in parts["document"].iter(_w("p"))
        if "PACE23" in "".join(p.itertext())
    )
    assert intro.endswith("PACE23\u00a0:")


def test_styles_are_referenced_by_id(parts: dict[str, etree._Element]) -> None:
    """Every paragraph and run style in the body is an id defined in styles.xml."""
    defined = {s.get(_w("styleId")) for s in parts["styles"].findall("w:style", NS)}
    used = {s.get(_w("val")) for s in parts["document"].iter(_w("pStyle"), _w("rStyle"))}
    assert used <= defined


def test_annex_table_has_proportional_columns_bold_header_and_right_aligned_counts(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """The annex: widths follow the texts, the repeated header row is bold, counts are right."""
    from click.testing import CliRunner

    from drafter.cli import main
    from tests.conftest import CYCLE_9

    root = tmp_path_factory.mktemp("annex")
    (root / "inputs").mkdir()
    (root / "inputs" / "rapport.yaml").write_text(CYCLE_9, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--annexe", "--workspace", str(root)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(root / "outputs" / "rapport-etape-09.docx") as archive:
        document = etree.fromstring(archive.read("word/document.xml"))
        styles = etree.fromstring(archive.read("word/styles.xml"))
    names = {
        s.get(_w("styleId")): s.find("w:name", NS).get(_w("val"))
        for s in styles.findall("w:style", NS)
    }
    table = document.find(".//w:tbl", NS)
    widths = [int(c.get(_w("w"))) for c in table.findall("w:tblGrid/w:gridCol", NS)]
    assert widths[1] > 3 * widths[0]
    assert widths[1] > 3 * widths[2]
    rows = table.findall("w:tr", NS)
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None

    def cell_styles(row: etree._Element) -> list[str]:
        return [names[p.get(_w("val"))] for p in row.findall("w:tc/w:p/w:pPr/w:pStyle", NS)]

    assert cell_styles(rows[0]) == ["Tableau en-tête"] * 3
    assert cell_styles(rows[1]) == ["Tableau texte", "Tableau texte", "Tableau nombre"]
    by_name = {n: i for i, n in names.items()}
    header = styles.find(f"w:style[@w:styleId='{by_name['Tableau en-tête']}']", NS)
    assert header.find("w:rPr/w:b", NS) is not None
    number = styles.find(f"w:style[@w:styleId='{by_name['Tableau nombre']}']", NS)
    assert number.find("w:pPr/w:jc", NS).get(_w("val")) == "right"


def test_several_footnotes_each_have_their_own_id() -> None:
    """Two notes (a workspace template may add one) get ids 1 and 2, each matching its text."""
    import datetime as dt
    import io

    from drafter.usecases.drafts import reference_document
    from drafter.writing.docx import DocxOptions, write_docx
    from drafter.writing.markdown import Block, Inline

    blocks = [
        Block("paragraph", [Inline("Un"), Inline("", note="Première note.")]),
        Block("paragraph", [Inline("Deux"), Inline("", note="Seconde note.")]),
    ]
    options = DocxOptions(
        reference=reference_document(Path("/nonexistent")),
        timestamp=dt.datetime(2024, 6, 14, tzinfo=dt.UTC),
    )
    with zipfile.ZipFile(io.BytesIO(write_docx(blocks, options))) as archive:
        document = etree.fromstring(archive.read("word/document.xml"))
        footnotes = etree.fromstring(archive.read("word/footnotes.xml"))
    refs = [r.get(_w("id")) for r in document.iter(_w("footnoteReference"))]
    notes = {
        n.get(_w("id")): "".join(n.itertext()).strip()
        for n in footnotes.findall("w:footnote", NS)
        if n.get(_w("type")) is None
    }
    assert refs == ["1", "2"]
    assert [notes[r] for r in refs] == ["Première note.", "Seconde note."]
