"""The Word draft, reopened with python-docx: styles, comments, notes, properties, safety."""

from __future__ import annotations

import gc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import Result
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from drafter.reading.workspace import load_workspace
from drafter.usecases.drafts import BuildOptions, run_build

ENTRIES = {
    "inputs/cyber/a.yaml": """\
        - date: 2024-03-01
          sous_theme: echanges-politiques
          acteurs: les services
          action: ont organisé le 18e cours au Kosovo
          contributeur: SEAE
          source: Note 12
          propositions: [P17-MM]
          a_souligner: true
        - date: 2023-10
          sous_theme: echanges-politiques
          texte: Une seconde activité
          contributeur: AED
        """,
}


@pytest.fixture
def built(workspace: Callable[..., Path], cli_invoke: Callable[..., Result]) -> Path:
    """Return the path of a freshly built draft of a small workspace."""
    root = workspace(ENTRIES)
    result = cli_invoke("build", "--workspace", root)
    assert result.exit_code == 0
    return root / "outputs" / "rapport-etape-09.docx"


def test_paragraph_styles(built: Path) -> None:
    """Every paragraph carries a named style: title, date, body, bullets, separators, areas."""
    document = docx.Document(str(built))
    styles = [(p.style.name, p.text[:20]) for p in document.paragraphs]
    assert styles[0][0] == "Title"
    assert styles[1] == ("Date du rapport", "14\u00a0juin\u00a02024")
    names = [name for name, _ in styles]
    assert names.count("Heading 1") == 8
    assert names.count("Séparateur") == 2
    assert "List Bullet" in names
    assert set(names) <= {
        "Title",
        "Date du rapport",
        "Body Text",
        "List Bullet",
        "Heading 1",
        "Séparateur",
    }


def test_no_direct_formatting(built: Path) -> None:
    """Paragraphs only name a style; runs only name a character style."""
    body = docx.Document(str(built)).element.body
    for p_pr in body.iter(qn("w:pPr")):
        assert [child.tag for child in p_pr] == [qn("w:pStyle")]
    for r_pr in body.iter(qn("w:rPr")):
        assert [child.tag for child in r_pr] == [qn("w:rStyle")]


def test_separator_is_centred_by_its_style(built: Path) -> None:
    """The separator style centres `*****` and `***`."""
    document = docx.Document(str(built))
    separators = [p for p in document.paragraphs if p.style.name == "Séparateur"]
    assert [p.text for p in separators] == ["*****", "***"]
    assert separators[0].style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_french_language_and_properties(built: Path) -> None:
    """fr-FR in the style defaults; properties from the report, nothing from python-docx."""
    document = docx.Document(str(built))
    lang = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:val")) == "fr-FR"
    props = document.core_properties
    assert props.title.startswith("Neuvième rapport d’étape")
    assert props.author == "Secrétariat"
    assert props.language == "fr-FR"
    assert "python-docx" not in f"{props.comments}{props.author}{props.last_modified_by}"
    assert props.created.year == 2024
    names = zipfile.ZipFile(built).namelist()
    assert not any("thumbnail" in name for name in names)


def test_comments_trace_each_sentence(built: Path) -> None:
    """Each sentence has its own comment, one fact per Word paragraph: entry, file and line,
    service, source, proposals."""
    comments = [
        [p.text.replace("\u00a0", " ").replace("\u202f", " ") for p in c.paragraphs]
        for c in docx.Document(str(built)).comments
    ]
    assert [
        "Entrée : cyber/a",
        "Fichier : inputs/cyber/a.yaml, ligne 1",
        "Service : SEAE",
        "Source : Note 12",
        "Propositions : P17-MM",
    ] in comments
    assert ["Entrée : cyber/a#2", "Fichier : inputs/cyber/a.yaml, ligne 9", "Service : AED"] in (
        comments
    )


def test_placeholders_are_highlighted_and_commented(built: Path) -> None:
    """Placeholder text runs have the highlighted character style and a comment."""
    document = docx.Document(str(built))
    placeholder_runs = [
        r for p in document.paragraphs for r in p.runs if r.text.startswith("[À compléter")
    ]
    assert placeholder_runs
    assert all(r.style.name == "À compléter" for r in placeholder_runs)
    assert document.styles["À compléter"].font.highlight_color is not None
    assert any(
        c.text.startswith("À compléter : deux ou trois paragraphes") for c in document.comments
    )


def test_ordinal_suffixes_in_superscript(built: Path) -> None:
    """`1er` and `18e` have their suffix in the superscript character style."""
    document = docx.Document(str(built))
    runs = [r for p in document.paragraphs for r in p.runs]
    suffixes = [(r.text, r.style.name) for r in runs if r.style.name == "Exposant"]
    assert ("er", "Exposant") in suffixes
    assert ("e", "Exposant") in suffixes
    assert document.styles["Exposant"].font.superscript


def test_kosovo_is_a_real_footnote(built: Path) -> None:
    """The Kosovo note is a Word footnote referenced from the body, once."""
    with zipfile.ZipFile(built) as package:
        notes = package.read("word/footnotes.xml").decode()
        body = package.read("word/document.xml").decode()
    assert "résolution 1244 (1999)" in notes
    assert body.count("<w:footnoteReference") == 1


def test_header_and_footer(built: Path) -> None:
    """Header shows the draft mark; footer holds page number fields."""
    section = docx.Document(str(built)).sections[0]
    assert section.header.paragraphs[0].text == "PROJET"
    footer = section.footer.paragraphs[0]._p.xml
    assert 'w:instr=" PAGE "' in footer
    assert 'w:instr=" NUMPAGES "' in footer
    assert "sur" in footer


def test_clean_copy_has_no_source_comments(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """--sans-commentaires drops traceability comments (placeholders keep theirs)."""
    root = workspace(ENTRIES)
    assert cli_invoke("build", "--sans-commentaires", "--workspace", root).exit_code == 0
    comments = docx.Document(str(root / "outputs" / "rapport-etape-09.docx")).comments
    assert not [c for c in comments if c.text.startswith("Sources")]


def test_two_builds_are_byte_identical(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """The same inputs give the same bytes."""
    root = workspace(ENTRIES)
    for name in ("a.docx", "b.docx"):
        assert cli_invoke("build", "-o", root / name, "--workspace", root).exit_code == 0
    assert (root / "a.docx").read_bytes() == (root / "b.docx").read_bytes()


def test_edited_draft_is_never_overwritten(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """An edited draft is kept (same entries: nothing written beside it); --force replaces."""
    root = workspace(ENTRIES)
    target = root / "outputs" / "rapport-etape-09.docx"
    assert cli_invoke("build", "--workspace", root).exit_code == 0
    first = target.read_bytes()
    assert cli_invoke("build", "--workspace", root).exit_code == 0
    assert target.read_bytes() == first  # unchanged file: replaced in place, no copy
    edited = docx.Document(str(target))
    edited.add_paragraph("Paragraphe de l'éditeur.")
    edited.save(str(target))
    kept = target.read_bytes()
    result = cli_invoke("build", "--workspace", root)
    assert result.exit_code == 0
    assert target.read_bytes() == kept
    # Same entries: nothing to merge into the editors' draft, so no copy is written.
    assert not (root / "outputs" / "rapport-etape-09 (2).docx").exists()
    assert "a été modifié" in result.stderr
    assert "rien écrit" in result.stdout
    assert cli_invoke("build", "--force", "--workspace", root).exit_code == 0
    assert target.read_bytes() == first


def test_edited_draft_without_a_base_gets_a_fresh_copy_beside_it(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """An edited draft drafter kept no base for (an older drafter's) is kept; a copy is new."""
    import shutil

    root = workspace(ENTRIES)
    target = root / "outputs" / "rapport-etape-09.docx"
    assert cli_invoke("build", "--workspace", root).exit_code == 0
    first = target.read_bytes()
    shutil.rmtree(root / "outputs" / ".drafter")
    edited = docx.Document(str(target))
    edited.add_paragraph("Paragraphe de l'éditeur.")
    edited.save(str(target))
    kept = target.read_bytes()
    result = cli_invoke("build", "--workspace", root)
    assert result.exit_code == 0
    assert target.read_bytes() == kept
    assert (root / "outputs" / "rapport-etape-09 (2).docx").read_bytes() == first
    assert "a été modifié" in result.stderr


def test_crash_mid_write_leaves_previous_file(
    workspace: Callable[..., Path],
    cli_invoke: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """If the final rename fails, the previous draft is intact and no temporary file stays."""
    root = workspace(ENTRIES)
    assert cli_invoke("build", "--workspace", root).exit_code == 0
    target = root / "outputs" / "rapport-etape-09.docx"
    before = target.read_bytes()
    (root / "inputs" / "cyber" / "b.yaml").write_text(
        "date: 2023-11\ntexte: Nouvelle\ncontributeur: X\n", encoding="utf-8"
    )

    def crash(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("drafter.writing.safe_write.os.replace", crash)
    result = cli_invoke("build", "--workspace", root)
    assert result.exit_code == 1
    assert "écriture impossible" in result.stderr
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir() if p.name.startswith(".rapport")) == []


def test_reference_with_missing_style(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """A workspace reference.docx without a needed style is a clear error, no output."""
    root = workspace(ENTRIES)
    (root / "templates").mkdir()
    docx.Document().save(str(root / "templates" / "reference.docx"))
    result = cli_invoke("build", "--workspace", root)
    assert result.exit_code == 1
    assert "style « Séparateur » absent du document de référence" in result.stderr
    assert not (root / "outputs" / "rapport-etape-09.docx").exists()


def test_reference_with_styles_renamed_by_french_word(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result], tmp_path: Path
) -> None:
    """Built-in styles saved by a French Word (ids Titre1, Titre…) still resolve by name."""
    from drafter.drafting.templates import shipped_templates

    root = workspace(ENTRIES)
    (root / "templates").mkdir()
    reference = docx.Document(str(shipped_templates() / "reference.docx"))
    renames = {
        "Heading1": "Titre1",
        "Title": "Titre",
        "BodyText": "Corpsdetexte",
        "ListBullet": "Listepuces",
    }
    for style in reference.styles:
        if style.style_id in renames:
            style.element.set(qn("w:styleId"), renames[style.style_id])
    reference.save(str(root / "templates" / "reference.docx"))
    assert cli_invoke("build", "--workspace", root).exit_code == 0
    document = docx.Document(str(root / "outputs" / "rapport-etape-09.docx"))
    ids = {p.style.style_id for p in document.paragraphs}
    assert {"Titre1", "Titre", "Corpsdetexte", "Listepuces"} <= ids


def test_no_leftover_template_metadata(built: Path) -> None:
    """app.xml names drafter, not the Word that made python-docx's template."""
    with zipfile.ZipFile(built) as package:
        app = package.read("docProps/app.xml").decode()
        core = package.read("docProps/core.xml").decode()
    assert "<Application>drafter</Application>" in app
    assert "Macintosh" not in app
    assert "Normal.dotm" not in app
    assert "python-docx" not in core
    assert "2013" not in core


def test_source_date_epoch_fixes_the_dates(
    workspace: Callable[..., Path],
    cli_invoke: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """SOURCE_DATE_EPOCH sets the document dates and the zip timestamps."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = workspace(ENTRIES)
    assert cli_invoke("build", "--workspace", root).exit_code == 0
    path = root / "outputs" / "rapport-etape-09.docx"
    assert docx.Document(str(path)).core_properties.modified.year == 2023
    with zipfile.ZipFile(path) as package:
        assert {info.date_time[:3] for info in package.infolist()} == {(2023, 11, 14)}


def test_table_of_contents_field(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """--toc adds a TOC field and asks Word to update fields when it opens the file."""
    root = workspace(ENTRIES)
    assert cli_invoke("build", "--toc", "--workspace", root).exit_code == 0
    document = docx.Document(str(root / "outputs" / "rapport-etape-09.docx"))
    assert "TOC \\o" in document.element.body.xml
    assert document.settings.element.find(qn("w:updateFields")) is not None
    assert [p.text for p in document.paragraphs if p.style.name == "TOC Heading"] == [
        "Table des matières"
    ]


def test_reference_resaved_by_libreoffice(
    soffice: str, workspace: Callable[..., Path], cli_invoke: Callable[..., Result], tmp_path: Path
) -> None:
    """LibreOffice renames style ids (TextBody, Sparateur…) when it saves; names still resolve."""
    import shutil
    import subprocess

    from drafter.drafting.templates import shipped_templates

    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(tmp_path / "out"),
            str(shipped_templates() / "reference.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    root = workspace(ENTRIES)
    (root / "templates").mkdir()
    shutil.copy(tmp_path / "out" / "reference.docx", root / "templates" / "reference.docx")
    assert cli_invoke("build", "--workspace", root).exit_code == 0
    document = docx.Document(str(root / "outputs" / "rapport-etape-09.docx"))
    styles = {p.style.name: p.style.style_id for p in document.paragraphs}
    assert styles["Body Text"] == "TextBody"
    assert styles["Séparateur"] == "Sparateur"


def test_unwritable_output_is_a_clean_error(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """An output path under a file (not a folder) gives `path:1:1: écriture impossible`, exit 1."""
    root = workspace(ENTRIES)
    (root / "fichier").write_text("x", encoding="utf-8")
    result = cli_invoke("build", "-o", root / "fichier" / "rapport.docx", "--workspace", root)
    assert result.exit_code == 1
    assert "rapport.docx:1:1: écriture impossible" in result.stderr


def test_draft_has_ordinary_file_permissions(built: Path) -> None:
    """The atomic write does not leave the draft readable by its owner only."""
    import os
    import stat

    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(built.stat().st_mode) == 0o666 & ~mask


def test_a_build_runs_without_the_cycle_collector_and_restores_it(
    workspace: Callable[..., Path],
) -> None:
    """run_build keeps the cycle collector off while it loads and drafts, then puts it back
    as it was: in `drafter serve`, the collector works between builds."""
    root = workspace(ENTRIES)
    seen: list[bool] = []

    def load(root: Path) -> Any:
        seen.append(gc.isenabled())
        return load_workspace(root)

    assert gc.isenabled()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("drafter.usecases.drafts.load_workspace", load)
        assert run_build(root, None, BuildOptions()).written is not None
    assert (seen, gc.isenabled()) == ([False], True)
    gc.disable()
    try:
        run_build(root, None, BuildOptions(force=True))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_what_a_build_holds_goes_to_the_oldest_generation(
    workspace: Callable[..., Path],
) -> None:
    """When the collector comes back, what the build made and still holds is in the oldest
    generation, not in the youngest that its next pass goes through (all of it, then)."""
    root = workspace(ENTRIES)
    kept: list[object] = []

    def load(root: Path) -> Any:
        found = load_workspace(root)
        kept.append(found[0])
        return found

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("drafter.usecases.drafts.load_workspace", load)
        run_build(root, None, BuildOptions())
    assert gc.isenabled()
    assert any(found is kept[0] for found in gc.get_objects(generation=2))
