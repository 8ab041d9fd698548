"""`traductions/en.po`: one message per drafted sentence, updated with Babel's semantics
(new → empty, changed → fuzzy with the previous French, withdrawn → obsolete), translators'
comments and translations never lost, same bytes when nothing changed, valid GNU PO."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import Result

from drafter.model import Catalogue, CatalogueMessage
from drafter.reading.catalogue_reader import parse_catalogue, read_catalogue
from drafter.reading.workspace import load_workspace
from drafter.usecases.catalogue import (
    catalogue_path,
    catalogue_problems,
    update_translations,
)
from drafter.writing.catalogue_writer import catalogue_text

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
  a_souligner: "Un dialogue cyber renforcé"
- id: cy-003
  date: periode
  texte: "Les deux organisations ont poursuivi leurs échanges réguliers"
  contributeur: SEAE
- id: cy-004
  date: 2023-03
  texte: "Dans ce cadre, l'Agence a organisé, {date}, un atelier"
  contributeur: AED
  points:
    - la protection des réseaux
    - la formation
"""


@pytest.fixture
def cyber(workspace: Callable[..., Path]) -> Path:
    """Return a workspace with four cyber entries (all the message kinds)."""
    return workspace({"inputs/cyber/seae.yaml": CYBER})


def _catalogue(root: Path) -> Catalogue:
    return read_catalogue(catalogue_path(root), "traductions/en.po")


def _by_context(root: Path) -> dict[str, CatalogueMessage]:
    return {m.context: m for m in _catalogue(root).messages}


def _translate(root: Path, translations: dict[str, str], comment: str = "") -> None:
    """Do what a translator does in Poedit: fill msgstr (and a comment), save."""
    catalogue = _catalogue(root)
    messages = [
        replace(
            m,
            msgstr=translations[m.context],
            fuzzy=False,
            translator=comment or m.translator,
        )
        if m.context in translations
        else m
        for m in catalogue.messages
    ]
    text = catalogue_text(messages, catalogue.metadata, catalogue.header)
    catalogue_path(root).write_text(text, encoding="utf-8")


def _msgfmt(path: Path) -> None:
    if shutil.which("msgfmt") is None:
        pytest.skip("GNU gettext (msgfmt) is not installed")
    done = subprocess.run(
        ["msgfmt", "--check-format", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_creation_one_message_per_sentence(cyber: Path) -> None:
    """Sentences, list items and a highlight string each get a message: context, French with
    {Date}/{date}, the brace flag, the translator's hints and the file:line."""
    result = update_translations(cyber)
    assert result.written
    assert result.line() == "7 à traduire, 0 à revoir, 0 à jour — traductions/en.po écrit"
    messages = _catalogue(cyber).messages
    assert [m.context for m in messages] == [
        "cy-001",
        "cy-002",
        "cy-002#fait-saillant",
        "cy-003",
        "cy-004",
        "cy-004#point-1",
        "cy-004#point-2",
    ]
    found = {m.context: m for m in messages}
    assert found["cy-001"].msgid.startswith("{Date}, les services de l’UE")
    assert found["cy-002"].msgid.endswith("ont échangé sur les menaces, {date}.")
    assert found["cy-003"].msgid == "Les deux organisations ont poursuivi leurs échanges réguliers."
    assert found["cy-004"].msgid == "Dans ce cadre, l’Agence a organisé, {date}, un atelier\u00a0:"
    assert found["cy-004#point-2"].msgid == "la formation"  # its « . » is its place (issue 28)
    assert found["cy-002#fait-saillant"].msgid == "Un dialogue cyber renforcé."
    assert all(m.flags == ("python-brace-format",) and not m.msgstr for m in messages)
    assert found["cy-002"].extracted.splitlines() == [
        "area: Cyber security and defence (cyber)",
        "sub-topic: echanges-politiques",
        "contributor: SEAE",
        "after: cy-001 “{Date}, les services de l’UE et de l’OTAN…”",
    ]
    assert found["cy-001"].occurrences == (("inputs/cyber/seae.yaml", "1"),)
    _msgfmt(catalogue_path(cyber))


def test_update_keeps_translations_and_marks_what_moved(cyber: Path) -> None:
    """A corrected date keeps its translation; a rewritten action is fuzzy with the previous
    French as `#| msgid`; an entry whose id changed keeps its English (the same French, as
    msgmerge matches it, issue 28); the translator's comments stay; the second run rewrites
    nothing; a second change keeps the first French."""
    update_translations(cyber)
    _translate(
        cyber,
        {
            "cy-001": "{Date}, EU and NATO staff held their annual cyber security dialogue.",
            "cy-002": "Experts exchanged views on threats {date}.",
            "cy-003": "The two organisations continued their regular exchanges.",
        },
        comment="checked with the EEAS",
    )
    source = cyber / "inputs/cyber/seae.yaml"
    text = source.read_text(encoding="utf-8").replace("date: 2022-09\n", "date: 2022-11\n")
    text = text.replace("ont échangé sur les menaces", "ont échangé sur les menaces hybrides")
    text = text.replace("- id: cy-003\n  date: periode\n", "- id: cy-005\n  date: periode\n")
    source.write_text(text, encoding="utf-8")
    result = update_translations(cyber)
    assert result.line() == "4 à traduire, 1 à revoir, 2 à jour — traductions/en.po écrit"
    found = _by_context(cyber)
    kept, moved, renamed = found["cy-001"], found["cy-002"], found["cy-005"]
    assert (kept.msgstr.startswith("{Date}, EU"), kept.fuzzy) == (True, False)
    assert moved.fuzzy
    assert moved.msgstr == "Experts exchanged views on threats {date}."
    assert moved.previous == "Des experts ont échangé sur les menaces, {date}."
    assert "cy-003" not in found
    assert (renamed.msgstr.startswith("The two"), renamed.fuzzy, renamed.obsolete) == (
        True,
        False,
        False,
    )
    assert kept.translator == moved.translator == renamed.translator == "checked with the EEAS"
    po = catalogue_path(cyber).read_text(encoding="utf-8")
    assert '#| msgid "Des experts ont échangé sur les menaces, {date}."' in po
    _msgfmt(catalogue_path(cyber))
    before = catalogue_path(cyber).read_bytes()
    again = update_translations(cyber)
    assert not again.written
    assert catalogue_path(cyber).read_bytes() == before
    source.write_text(text.replace("menaces hybrides", "menaces hybrides et cyber"), "utf-8")
    update_translations(cyber)
    second = _by_context(cyber)["cy-002"]
    assert second.previous == "Des experts ont échangé sur les menaces, {date}."
    assert second.msgid.endswith("menaces hybrides et cyber, {date}.")


def test_an_obsolete_message_comes_back_with_its_translation(cyber: Path) -> None:
    """An entry withdrawn then restored finds its translation again (nothing is lost)."""
    update_translations(cyber)
    _translate(cyber, {"cy-003": "The two organisations continued their regular exchanges."})
    source = cyber / "inputs/cyber/seae.yaml"
    original = source.read_text(encoding="utf-8")
    source.write_text(original.replace("id: cy-003", "id: cy-009"), encoding="utf-8")
    update_translations(cyber)
    source.write_text(original, encoding="utf-8")
    update_translations(cyber)
    restored = _by_context(cyber)["cy-003"]
    assert not restored.obsolete
    assert not restored.fuzzy
    assert restored.msgstr.startswith("The two")


def test_translation_memory_from_the_archive(cyber: Path) -> None:
    """A new French sentence identical to an archived one gets its English, fuzzy."""
    update_translations(cyber)
    _translate(cyber, {"cy-003": "The two organisations continued their regular exchanges."})
    archived = cyber / "archive" / "08" / "traductions" / "en.po"
    archived.parent.mkdir(parents=True)
    shutil.move(catalogue_path(cyber), archived)
    source = cyber / "inputs/cyber/seae.yaml"
    source.write_text(
        source.read_text("utf-8").replace("id: cy-003", "id: cy-103"), encoding="utf-8"
    )
    update_translations(cyber)
    reused = _by_context(cyber)["cy-103"]
    assert reused.msgstr.startswith("The two")
    assert reused.fuzzy


def _check(root: Path) -> list[str]:
    workspace, _ = load_workspace(root)
    return [str(p) for p in catalogue_problems(root, workspace)]


def test_checks_placeholders_syntax_and_languages(cyber: Path) -> None:
    """A msgstr that dropped {date}, a broken PO line and an unknown language file are errors
    at their line; the counts are a warning."""
    update_translations(cyber)
    _translate(cyber, {"cy-001": "EU and NATO staff held their annual dialogue."})
    text = catalogue_path(cyber).read_text(encoding="utf-8")
    line = text.splitlines().index('msgstr "EU and NATO staff held their annual dialogue."') + 1
    assert _check(cyber) == [
        f"traductions/en.po:{line}:1: traduction de « cy-001 » : repères {{Date}} dans le "
        "français, aucun dans l'anglais ; recopiez-les tels quels",
        "traductions/en.po:1:1: avertissement : édition anglaise incomplète : 6 à traduire, "
        "0 à revoir, 1 à jour (lancez drafter traductions, puis faites traduire ou revoir)",
    ]
    catalogue_path(cyber).write_text(
        text.replace('msgstr ""\n"Project', 'msgstr "\n"Project'), "utf-8"
    )
    (cyber / "traductions" / "de.po").write_text("", encoding="utf-8")
    problems = _check(cyber)
    assert problems[0] == (
        "traductions/de.po:1:1: langue inconnue « de » : drafter ne connaît que en.po"
    )
    assert problems[1].startswith(
        "traductions/en.po:5:8: catalogue illisible (syntaxe PO) : chaîne non fermée"
    )


def test_no_catalogue_no_problem(cyber: Path) -> None:
    """A French-only workspace has nothing to say about translations."""
    assert _check(cyber) == []


def test_parse_error_names_the_line() -> None:
    """polib's syntax error becomes a problem at its line."""
    with pytest.raises(Exception, match="syntaxe PO") as caught:
        parse_catalogue('msgid "a"\nmsgstr "b\n', "traductions/en.po")
    assert str(caught.value.problems[0]).startswith("traductions/en.po:2:8: catalogue illisible")


def test_next_archives_the_catalogue_and_the_next_cycle_remembers(cyber: Path) -> None:
    """`drafter next` moves traductions/en.po to archive/09/traductions/; the next cycle's
    update gives an identical French sentence its archived English, fuzzy for review."""
    from drafter.commands.next_cycle import apply_plan, prepare_next

    update_translations(cyber)
    _translate(cyber, {"cy-003": "The two organisations continued their regular exchanges."})
    archived = catalogue_path(cyber).read_bytes()
    apply_plan(cyber, prepare_next(cyber, force=False))
    assert (cyber / "archive/09/traductions/en.po").read_bytes() == archived
    assert not catalogue_path(cyber).exists()
    (cyber / "inputs/cyber/suite.yaml").write_text(
        "date: periode\ntexte: Les deux organisations ont poursuivi leurs échanges réguliers\n"
        "contributeur: SEAE\n",
        encoding="utf-8",
    )
    result = update_translations(cyber)
    assert result.line() == "0 à traduire, 1 à revoir, 0 à jour — traductions/en.po écrit"
    reused = _by_context(cyber)["cyber/suite"]
    assert reused.msgstr == "The two organisations continued their regular exchanges."
    assert reused.fuzzy
    assert "#, fuzzy, python-brace-format" in catalogue_path(cyber).read_text("utf-8")


def test_status_per_area_and_check_reads_the_catalogue(cyber: Path) -> None:
    """status gives per area translated / fuzzy / untranslated; check reports the catalogue's
    problems with the entries'."""
    from drafter.commands.check import check_workspace
    from drafter.usecases.progress import cycle_status

    assert all(row.traduction is None for row in cycle_status(cyber).rows)
    update_translations(cyber)
    _translate(cyber, {"cy-001": "{Date}, EU and NATO staff held their annual dialogue."})
    source = cyber / "inputs/cyber/seae.yaml"
    source.write_text(source.read_text("utf-8").replace("dialogue annuel", "dialogue"), "utf-8")
    rows = {row.id: row for row in cycle_status(cyber).rows}
    assert rows["cyber"].traduction == {"traduite": 0, "a-revoir": 1, "a-traduire": 6}
    assert rows["exercices"].traduction == {"traduite": 0, "a-revoir": 0, "a-traduire": 0}
    problems = [str(p) for p in check_workspace(cyber).problems]
    assert any(
        p.startswith("traductions/en.po:1:1: avertissement : édition anglaise") for p in problems
    )


def test_the_commands(cyber: Path, cli_invoke: Callable[..., Result]) -> None:
    """`drafter traductions`, then `check`, `status --format json`, `build --langue en`,
    `changes --langue en` and `next` on the command line."""
    result = cli_invoke("traductions", "--workspace", cyber)
    assert result.exit_code == 0
    assert result.stdout == "7 à traduire, 0 à revoir, 0 à jour — traductions/en.po écrit\n"
    result = cli_invoke("build", "--langue", "en", "--workspace", cyber)
    assert result.exit_code == 0
    assert result.stdout.endswith("outputs/progress-report-09.docx\n")
    assert cli_invoke("changes", "--langue", "en", "--workspace", cyber).exit_code == 0
    data = json.loads(cli_invoke("status", "--format", "json", "--workspace", cyber).stdout)
    cyber_row = next(row for row in data["domaines"] if row["id"] == "cyber")
    assert cyber_row["traduction"] == {"traduite": 0, "a-revoir": 0, "a-traduire": 7}
    _translate(cyber, {"cy-001": "EU and NATO staff held their annual dialogue."})
    result = cli_invoke("check", "--workspace", cyber)
    assert result.exit_code == 1
    assert "traductions/en.po:" in result.stderr
    assert "repères {Date} dans le français, aucun dans l'anglais" in result.stderr
    result = cli_invoke("build", "--langue", "en", "--workspace", cyber)
    assert result.exit_code == 0  # a faulty translation does not block the draft (issue 28)
    _translate(cyber, {"cy-001": "{Date}, EU and NATO staff held their annual dialogue."})
    result = cli_invoke("next", "--workspace", cyber)
    assert result.exit_code == 0
    assert "traductions/en.po -> archive/09/traductions/en.po" in result.stdout
