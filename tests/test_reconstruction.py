"""The 6th progress report (3 June 2021), rebuilt from entries written from its sentences."""

from __future__ import annotations

import re

import pytest
import yaml

from drafter.drafting import composition
from drafter.drafting.sentences import entry_sentence
from drafter.drafting.templates import render_markdown
from drafter.drafting.typography import apply_typography
from drafter.reading.workspace import load_workspace
from tests.conftest import REPO

WORKSPACE = REPO / "tests" / "data" / "rapport-6"
# The published report (public material), copied from shared/seeds/001_dbe7f77854354c63.txt so
# that the test does not depend on where the repository is cloned.
SEED = WORKSPACE / "rapport-publie.md"
# Known differences, each explained: {entry id: why its sentence differs from the report}.
KNOWN = WORKSPACE / "ecarts.yaml"


def normalise(text: str) -> str:
    """Fold apostrophes, space characters and Markdown/footnote markup, as editors compare."""
    text = re.sub(r"\[\^\w+\]|\\\[|\\\]|\*\*|[¹²³]", "", text)
    text = text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    text = re.sub(r"\s*([;!?])", r" \1", text)  # the thin space the report sometimes omits
    text = re.sub(r"\s+([:»])", r" \1", text)
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def seed() -> str:
    """Return the published report, normalised."""
    if not SEED.is_file():
        pytest.fail(f"seed report missing: {SEED}")
    return normalise(SEED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rebuilt() -> tuple[list[tuple[str, str, str]], str]:
    """Return (entry id, area, normalised sentence) in document order, and the whole draft."""
    workspace, _ = load_workspace(WORKSPACE)
    sentences = [
        (
            entry.id,
            section.area.id,
            normalise(apply_typography(entry_sentence(entry), workspace.cycle.apostrophe)),
        )
        for section in composition.compose(workspace)
        for entry in section.entries
    ]
    return sentences, normalise(render_markdown(workspace, WORKSPACE, comments=False))


def _known() -> dict[str, str]:
    return yaml.safe_load(KNOWN.read_text(encoding="utf-8")) or {} if KNOWN.is_file() else {}


def test_fixture_is_large_and_covers_every_area(rebuilt: tuple[list, str]) -> None:
    """At least 60 entries, in all eight areas."""
    sentences, _ = rebuilt
    assert len(sentences) >= 60
    assert len({area for _, area, _ in sentences}) == 8


def test_every_sentence_is_the_report_s(rebuilt: tuple[list, str], seed: str) -> None:
    """Each entry's sentence appears verbatim in the published report (known gaps aside)."""
    sentences, _ = rebuilt
    known = _known()
    missing = [(i, s) for i, _, s in sentences if s not in seed and i not in known]
    rate = 1 - sum(1 for i, _, s in sentences if s not in seed) / len(sentences)
    print(f"match rate: {rate:.1%} of {len(sentences)} sentences")
    assert missing == []


def test_sentences_come_in_the_report_s_order(rebuilt: tuple[list, str], seed: str) -> None:
    """Inside each area, the draft's sentences follow the report's order."""
    sentences, _ = rebuilt
    known = _known()
    by_area: dict[str, list[int]] = {}
    for entry_id, area, sentence in sentences:
        if sentence in seed and entry_id not in known:
            by_area.setdefault(area, []).append(seed.index(sentence))
    for area, positions in by_area.items():
        assert positions == sorted(positions), area


def test_title_date_and_series_read_as_the_report_s(rebuilt: tuple[list, str], seed: str) -> None:
    """Title (seed typo « européeenne » aside), date line and series sentence match."""
    _, draft = rebuilt
    title = draft.split(" ## ")[0].removeprefix("# ").split(" ::: ")[0]
    assert title.startswith("Sixième rapport d'étape")
    assert title in seed.replace("européeenne", "européenne")
    assert "3 juin 2021" in draft
    series = re.search(r"Le présent document est le sixième.*?mai 2021\.", draft)
    assert series is not None
    assert series.group(0) in seed
    figure = re.search(
        r"Depuis la signature de la déclaration conjointe de Varsovie.*?OTAN\.", draft
    )
    assert figure is not None
    assert figure.group(0) in seed
