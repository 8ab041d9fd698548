"""Service names in the English draft: a service with an English form (data/services-en.yaml,
completed or corrected by inputs/services-en.yaml) is written in it in the comments, found
whatever the case or accents; an unknown service is written as given; the French draft is
unchanged."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from click.testing import Result

from drafter.model import ServiceNames
from drafter.usecases.drafts import BuildOptions, run_build
from tests.wordxml import NS, comments, part

ENTRIES = """
- {id: otan, date: 2023-10, texte: Une activité de l'OTAN, contributeur: OTAN}
- {id: seae, date: 2023-10, texte: Une activité du SEAE, contributeur: "Séae"}
- {id: commission, date: 2023-10, texte: Une activité, contributeur: "commission  EUROPÉENNE"}
- {id: inconnu, date: 2023-10, texte: Une activité, contributeur: DG DÉFIS}
- id: points
  date: 2023-10
  texte: Une activité avec une liste
  contributeur: EMUE
  points: [un point]
"""


def _services(path: Path, label: str) -> dict[str, str]:
    """Return each sentence comment's service (the line after `label`), by entry id, as the
    comments part of the reopened draft holds them: one w:p per line."""
    found = {}
    for comment in part(path, "comments").findall("w:comment", NS):
        lines = ["".join(p.itertext()) for p in comment.findall("w:p", NS)]
        lines = [line.replace("\u00a0", " ").replace("\u202f", " ") for line in lines]
        entry = [line.split(": ", 1)[1] for line in lines if line.startswith("Entry: ")]
        entry += [line.split(" : ", 1)[1] for line in lines if line.startswith("Entrée : ")]
        service = [line.removeprefix(label) for line in lines if line.startswith(label)]
        if entry and service:
            found[entry[0]] = service[0]
    return found


def _build(root: Path, language: str) -> Path:
    """Build the draft of this language; return its path."""
    result = run_build(root, None, BuildOptions(language=language))
    assert result.written is not None
    return result.written.path


@pytest.fixture
def root(workspace: Callable[..., Path]) -> Path:
    """Return a workspace whose entries name known and unknown services, spelt freely."""
    return workspace({"inputs/cyber/services.yaml": ENTRIES})


def test_english_comments_name_the_services_in_english(root: Path) -> None:
    """OTAN, « Séae », « commission  EUROPÉENNE » become NATO, EEAS, European Commission in the
    English comments; an unknown service is as given; a list item's comment too."""
    assert _services(_build(root, "en"), "Service: ") == {
        "otan": "NATO",
        "seae": "EEAS",
        "commission": "European Commission",
        "inconnu": "DG DÉFIS",
        "points": "EUMS",
        "points#point-1": "EUMS",
    }


def test_french_comments_keep_the_services_as_written(root: Path) -> None:
    """The French draft names each service as the contributor wrote it."""
    assert _services(_build(root, "fr"), "Service : ") == {
        "otan": "OTAN",
        "seae": "Séae",
        "commission": "commission EUROPÉENNE",
        "inconnu": "DG DÉFIS",
        "points": "EMUE",
    }


def test_the_workspace_adds_and_corrects_english_names(root: Path) -> None:
    """inputs/services-en.yaml adds a service, corrects one (written in another case), and
    a service named as itself is written as given."""
    (root / "inputs" / "services-en.yaml").write_text(
        'DG DEFIS: "DG DEFIS"\nseae: "European External Action Service"\nEMUE: EMUE\n',
        encoding="utf-8",
    )
    found = _services(_build(root, "en"), "Service: ")
    assert found["inconnu"] == "DG DEFIS"
    assert found["seae"] == "European External Action Service"
    assert found["points"] == "EMUE"
    assert found["otan"] == "NATO"


def test_a_bad_list_of_names_is_an_error_at_its_line(
    root: Path, cli_invoke: Callable[..., Result]
) -> None:
    """A list instead of « service: form », or a form that is not text: `check` names the
    file, line and column, exit 1, no traceback."""
    (root / "inputs" / "services-en.yaml").write_text(
        "SEAE: EEAS\nAED:\n  - EDA\n", encoding="utf-8"
    )
    result = cli_invoke("check", "-w", root)
    assert result.exit_code == 1
    assert "inputs/services-en.yaml:3:3:" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_late_entry_merged_into_an_edited_english_draft_names_its_service_in_english(
    root: Path,
) -> None:
    """The comment of a sentence merged into the editors' English draft names its service in
    English, as a fresh draft does."""
    path = _build(root, "en")
    document = docx.Document(str(path))
    document.add_comment(document.paragraphs[0].runs, text="Shorter?", author="Editor")
    document.save(str(path))
    (root / "inputs" / "cyber" / "tardive.yaml").write_text(
        "id: tardive\ndate: 2023-11\ntexte: Une activité tardive\ncontributeur: AED\n",
        encoding="utf-8",
    )
    result = run_build(root, None, BuildOptions(language="en"))
    assert result.merge is not None
    assert result.merge.written is not None
    merged = result.merge.written.path
    assert _services(merged, "Service: ")["tardive"] == "EDA"
    assert all(
        author != "drafter" or "AED" not in text for author, text in comments(merged).values()
    )


def test_names_are_found_whatever_the_case_accents_and_spaces() -> None:
    """The lookup compares names as workbooks compare services; a language without names
    gives the name as written."""
    names = ServiceNames({"en": {"seae": "EEAS", "etat-major de l'ue": "EU Military Staff"}})
    assert names.name(" SÉAE ", "en") == "EEAS"
    assert names.name("État-Major  de l'UE", "en") == "EU Military Staff"
    assert names.name("SEAE", "fr") == "SEAE"
