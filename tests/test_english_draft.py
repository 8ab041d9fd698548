"""`drafter build --langue en`: the French draft's structure with the translators' English,
drafter's English dates, placeholders for untranslated and fuzzy sentences, English comments;
a merge into an edited English draft; the French draft unchanged by `traductions/`."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import docx
import pytest

from drafter.reading.catalogue_reader import read_catalogue
from drafter.usecases.catalogue import catalogue_path, update_translations
from drafter.usecases.drafts import BuildOptions, run_build
from drafter.writing.catalogue_writer import catalogue_text
from tests.wordxml import NS, bookmark, comments, part, text_of, w

CYBER = """
- id: cy-001
  date: 2022-09
  sous_theme: echanges-politiques
  acteurs: les services de l'UE et de l'OTAN
  action: ont tenu leur dialogue annuel sur la cybersécurité
  contributeur: SEAE
- id: cy-002
  date: 2022-10-04
  position_date: fin
  sous_theme: echanges-politiques
  acteurs: des experts
  action: ont échangé sur les menaces
  contributeur: SEAE
  a_souligner: true
- id: cy-003
  date: 2023-03
  texte: "Dans ce cadre, l'Agence a organisé, {date}, un atelier"
  contributeur: AED
  points:
    - la protection des réseaux
    - la formation
"""
ENGLISH = {
    "cy-001": "{Date}, EU and NATO staff held their annual cyber security dialogue.",
    "cy-002": "Experts exchanged views on threats {date}.",
    "cy-003#point-1": "the protection of networks;",
    "cy-003#point-2": "training.",
}
HEADINGS = [
    "Countering hybrid threats",
    "Operational cooperation including maritime issues",
    "Cyber security and defence",
    "Defence capabilities",
    "Defence industry and research",
    "Exercises",
    "Defence and security capacity building",
    "Political dialogue",
]
DRAFT = "progress-report-09.docx"


def translate(root: Path, translations: dict[str, str]) -> None:
    """Fill msgstr as a translator does (fuzzy flags cleared), then save the catalogue."""
    path = catalogue_path(root)
    catalogue = read_catalogue(path, "traductions/en.po")
    messages = [
        replace(m, msgstr=translations[m.context], fuzzy=False) if m.context in translations else m
        for m in catalogue.messages
    ]
    text = catalogue_text(messages, catalogue.metadata, catalogue.header)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def translated(workspace: Callable[..., Path]) -> Path:
    """Return a workspace whose catalogue has a translated sentence (cy-001, then its date
    corrected), a fuzzy one (cy-002, its French rewritten), an untranslated one (cy-003)."""
    root = workspace({"inputs/cyber/seae.yaml": CYBER})
    update_translations(root)
    translate(root, ENGLISH)
    source = root / "inputs/cyber/seae.yaml"
    text = source.read_text("utf-8").replace("date: 2022-09\n", "date: 2022-11\n")
    source.write_text(text.replace("sur les menaces", "sur les menaces hybrides"), "utf-8")
    update_translations(root)
    return root


def english(root: Path, **options: object) -> Path:
    """Build the English draft; return its path."""
    result = run_build(root, None, BuildOptions(language="en", **options))  # type: ignore[arg-type]
    assert result.written is not None
    return result.written.path


def _comment(path: Path, sentence: str) -> str:
    """Return the text of drafter's first comment that contains `sentence` (no-break spaces
    as spaces)."""
    found = [text for author, text in comments(path).values() if sentence in text]
    assert found
    assert all(a == "drafter" for a, text in comments(path).values() if sentence in text)
    return found[0].replace("\u00a0", " ").replace("\u202f", " ")


def _style_id(path: Path, name: str) -> str:
    styles = part(path, "styles")
    ids = styles.xpath("//w:style[w:name/@w:val=$n]/@w:styleId", namespaces=NS, n=name)
    return str(ids[0])


def _sentence_runs(path: Path, sentence_id: str) -> list[object]:
    """Return the text runs between a sentence's bookmark start and end."""
    document = part(path, "document")
    start = bookmark(document, sentence_id)
    assert start is not None
    runs, node = [], start.getnext()
    while node is not None and node.tag != w("bookmarkEnd"):
        if node.tag == w("r") and node.find("w:t", NS) is not None:
            runs.append(node)
        node = node.getnext()
    return runs


def test_english_title_headings_and_language(translated: Path) -> None:
    """English title with its ordinal, English headings in the French order, en-GB."""
    path = english(translated)
    assert path.name == DRAFT
    document = part(path, "document")
    title = document.xpath("//w:p[w:pPr/w:pStyle/@w:val='Title']", namespaces=NS)
    assert text_of(title[0]).startswith("Ninth progress report on the implementation of the")
    headings = document.xpath("//w:p[w:pPr/w:pStyle/@w:val='Heading1']", namespaces=NS)
    assert [text_of(h) for h in headings] == HEADINGS
    assert part(path, "styles").xpath("//w:lang/@w:val", namespaces=NS)[0] == "en-GB"
    assert text_of(part(path, "header1")) == "DRAFT"
    footer = "".join(part(path, "footer1").itertext())
    assert "Page" in footer
    assert "of" in footer
    body = " ".join(text_of(p) for p in document.iter(w("p")))
    assert "The present, ninth report" in body
    assert "between June 2023 and May 2024" in body
    assert "2016, 210 cross-briefings" in body  # exactly 210: no « more than »


def test_translated_sentence_has_the_new_date_and_an_english_comment(translated: Path) -> None:
    """A corrected date keeps the translation valid: drafter's English date, plain runs,
    the traceability comment in English, a fact per line, the editors' note too."""
    path = english(translated)
    runs = _sentence_runs(path, "cy-001")
    assert "".join(text_of(r) for r in runs) == (
        "In November 2022, EU and NATO staff held their annual cyber security dialogue."
    )
    assert not [r for r in runs if r.find("w:rPr/w:rStyle", NS) is not None]
    assert _comment(path, "Entry: cy-001\n") == (
        "Entry: cy-001\nFile: inputs/cyber/seae.yaml, line 1\nService: EEAS\nTo check:\n"
        "– Activity dated outside the report’s period (June 2023 – May 2024): check the date "
        "with the service, or remove the sentence if it belongs to another report."
    )


def test_untranslated_sentence_is_its_french_highlighted(translated: Path) -> None:
    """No translation: the French sentence, in the placeholder style, « not translated yet »
    naming the entry; its list items that are translated are English."""
    path = english(translated)
    placeholder = _style_id(path, "À compléter")
    runs = _sentence_runs(path, "cy-003")
    assert "".join(text_of(r) for r in runs) == (
        "Dans ce cadre, l’Agence a organisé, en mars 2023, un atelier :"
    )
    assert all(r.find("w:rPr/w:rStyle", NS).get(w("val")) == placeholder for r in runs)
    comment = _comment(path, "Entry: cy-003\n")
    assert comment.startswith("Not translated yet: the French sentence stands in its place")
    assert "(msgctxt “cy-003”)" in comment
    assert "\nFile: inputs/cyber/seae.yaml, line 15\nService: EDA" in comment
    items = part(path, "document").xpath("//w:p[w:pPr/w:pStyle/@w:val='ListBullet']", namespaces=NS)
    assert [text_of(p).strip() for p in items][-2:] == ["the protection of networks;", "training."]


def test_fuzzy_sentence_is_the_old_english_highlighted_with_both_frenches(
    translated: Path,
) -> None:
    """The French moved: the old English with the new date, highlighted; the comment quotes
    the old and the new French. The highlight bullet follows its sentence."""
    path = english(translated)
    placeholder = _style_id(path, "À compléter")
    runs = _sentence_runs(path, "cy-002")
    assert (
        "".join(text_of(r) for r in runs) == "Experts exchanged views on threats on 4 October 2022."
    )
    assert all(r.find("w:rPr/w:rStyle", NS).get(w("val")) == placeholder for r in runs)
    comment = _comment(path, "Entry: cy-002\n")
    assert comment.startswith("Translation to review, the French changed: review it in")
    assert "\nOld French: “Des experts ont échangé sur les menaces, le 4 octobre 2022.”" in comment
    assert "\nNew French: “Des experts ont échangé sur les menaces hybrides, le" in comment
    bullet = _sentence_runs(path, "fait-saillant:cy-002")
    assert "".join(text_of(r) for r in bullet).startswith("Experts exchanged views")


def test_same_structure_as_the_french_draft(translated: Path) -> None:
    """Same paragraphs, lists and sentence bookmarks, in the same order, as the French draft."""
    path = english(translated)
    french = run_build(translated, None, BuildOptions()).written
    assert french is not None

    def shape(p: Path) -> list[tuple[str, ...]]:
        document = part(p, "document")
        return [
            (
                str(paragraph.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS)),
                *paragraph.xpath(".//w:bookmarkStart/@w:name", namespaces=NS),
            )
            for paragraph in document.iter(w("p"))
        ]

    assert shape(path) == shape(french.path)


def test_the_french_draft_is_the_same_with_or_without_traductions(translated: Path) -> None:
    """The French draft, Word and Markdown, is byte for byte the same whatever traductions/."""
    with_catalogue = run_build(translated, translated / "a.docx", BuildOptions(force=True))
    shutil.rmtree(translated / "traductions")
    without = run_build(translated, translated / "b.docx", BuildOptions(force=True))
    assert with_catalogue.written is not None
    assert without.written is not None
    assert (translated / "a.docx").read_bytes() == (translated / "b.docx").read_bytes()


def test_a_faulty_translation_stays_french_and_check_reports_it(translated: Path) -> None:
    """A msgstr that lost its placeholder does not block the English draft (issue 28): that
    sentence stands in French with its comment, the others are English, and check reports
    the error at its line."""
    from drafter.commands.check import check_workspace

    translate(translated, {"cy-001": "EU and NATO staff held their annual dialogue."})
    path = english(translated)
    comment = _comment(path, "Entry: cy-001\n")
    assert comment.startswith("Not translated yet: the French sentence stands in its place")
    body = " ".join(text_of(p) for p in part(path, "document").iter(w("p")))
    assert "les services de l’UE et de l’OTAN" in body
    assert "EU and NATO staff held" not in body
    problems = [str(p) for p in check_workspace(translated).problems if p.is_error]
    assert len(problems) == 1
    assert problems[0].startswith("traductions/en.po:")
    assert "repères {Date} dans le français, aucun" in problems[0]


def test_merge_into_an_edited_english_draft(translated: Path) -> None:
    """Editors rework the English draft in Word; a new translation then arrives as a tracked
    change by « drafter » in a numbered copy, their text kept."""
    path = english(translated)
    edited = docx.Document(str(path))
    closing = edited.paragraphs[-1]
    closing.runs[0].text = "Edited by the editors. " + closing.runs[0].text
    edited.save(str(path))
    before = path.read_bytes()
    translate(translated, {"cy-003": "In this context, the Agency organised a workshop {date}:"})
    result = run_build(translated, None, BuildOptions(language="en"))
    assert path.read_bytes() == before
    assert result.merge is not None
    merged = result.merge.written
    assert merged is not None
    assert merged.path.name == "progress-report-09 (2).docx"
    document = part(merged.path, "document")
    inserted = document.xpath("//w:ins[@w:author='drafter']", namespaces=NS)
    deleted = document.xpath("//w:del[@w:author='drafter']", namespaces=NS)
    assert "In this context, the Agency organised a workshop in March 2023:" in "".join(
        text_of(i) for i in inserted
    )
    assert any("Dans ce cadre" in "".join(d.itertext()) for d in deleted)
    assert "Edited by the editors." in "".join(text_of(p) for p in document.iter(w("p")))


def test_demo_catalogue_is_valid_and_up_to_date(tmp_path: Path) -> None:
    """The repository's demo: traductions/en.po matches its entries (an update rewrites
    nothing), msgfmt accepts it, and its English draft translates five of seven messages
    (sentences and highlight bullets)."""
    from tests.conftest import REPO

    root = tmp_path / "demo"
    shutil.copytree(REPO / "inputs", root / "inputs")
    shutil.copytree(REPO / "traductions", root / "traductions")
    result = update_translations(root)
    assert result.line() == "2 à traduire, 0 à revoir, 5 à jour — traductions/en.po inchangé"
    if shutil.which("msgfmt"):
        import subprocess

        checked = subprocess.run(
            ["msgfmt", "--check-format", "-o", "/dev/null", str(catalogue_path(root))],
            capture_output=True,
            text=True,
        )
        assert checked.returncode == 0, checked.stderr
    path = english(root)
    assert "On 11 July 2023, the Heads of State" in "".join(
        text_of(p) for p in part(path, "document").iter(w("p"))
    )


def test_the_readme_shows_a_message_of_the_demo_catalogue() -> None:
    """The translators' section of the README quotes the demo catalogue as it is."""
    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    example = readme.split("```po\n", 1)[1].split("```", 1)[0]
    assert example in (REPO / "traductions" / "en.po").read_text(encoding="utf-8")


def test_markdown_kosovo_note_annex_and_clean_copy(workspace: Callable[..., Path]) -> None:
    """The English Markdown: the standard EU footnote at the first « Kosovo », the annex with
    its English headings, and no comment at all with --sans-commentaires."""
    root = workspace(
        {
            "inputs/renforcement-capacites/kosovo.yaml": """
            date: 2023-10
            texte: "{Date}, la mission a soutenu le Kosovo"
            contributeur: SEAE
            """
        }
    )
    update_translations(root)
    translate(root, {"renforcement-capacites/kosovo": "{Date}, the mission supported Kosovo."})
    options = BuildOptions(language="en", output_format="md", annex=True, comments=False)
    text = run_build(root, Path("-"), options).text
    assert text is not None
    assert "In October 2023, the mission supported Kosovo[^kosovo]." in text
    assert "[^kosovo]: This designation is without prejudice to positions on status" in text
    assert "## Annex: common proposals and activities of the period" in text
    assert "| Proposal | Title | Activities reported |" in text
    assert "| P17-MM | Military mobility | 0 |" in text
    assert " § " not in text


def test_french_moved_without_an_update_is_shown_as_to_review(translated: Path) -> None:
    """The catalogue not updated since the French changed: the English draft already shows the
    old English as a sentence to review, quoting the catalogue's French."""
    source = translated / "inputs/cyber/seae.yaml"
    text = source.read_text("utf-8").replace("leur dialogue annuel", "leur dialogue")
    source.write_text(text, encoding="utf-8")
    path = english(translated)
    comment = _comment(path, "Entry: cy-001\n")
    assert comment.startswith("Translation to review, the French changed")
    assert (
        "Old French: “En novembre 2022, les services de l’UE et de l’OTAN ont tenu leur " in comment
    )
    assert "dialogue annuel sur la cybersécurité.”" in comment
    runs = _sentence_runs(path, "cy-001")
    assert "".join(text_of(r) for r in runs).startswith("In November 2022, EU and NATO staff")


def test_a_workspace_overrides_the_english_wording(translated: Path) -> None:
    """templates/en/rapport.md.j2 in a workspace extends the shipped English template; the
    workspace's French overrides (templates/fr/) do not reach the English draft."""
    (translated / "templates" / "en").mkdir(parents=True)
    (translated / "templates" / "fr").mkdir(parents=True)
    (translated / "templates" / "en" / "rapport.md.j2").write_text(
        '{% extends "defaut/rapport.md.j2" %}{% block cloture %}Our own closing.{% endblock %}\n',
        encoding="utf-8",
    )
    (translated / "templates" / "fr" / "rapport.md.j2").write_text(
        '{% extends "defaut/rapport.md.j2" %}{% block cloture %}Clôture.{% endblock %}\n',
        encoding="utf-8",
    )
    options = BuildOptions(language="en", output_format="md")
    text = run_build(translated, Path("-"), options).text
    assert text is not None
    assert text.rstrip().endswith("Our own closing.")
    assert "Clôture" not in text
