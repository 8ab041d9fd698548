"""Coverage across cycles: `status --historique` (text, JSON, SVG), the form's status page and
the annex's columns, over archives left by `next` and by `reprendre`."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from drafter.reading.wording import wording_of
from drafter.reading.workspace import load_workspace
from drafter.usecases.cycle_history import cycle_history, history_svg
from drafter.web.app import create_app
from drafter.web.security import Settings
from drafter.writing.coverage_svg import CIVIDIS
from tests.conftest import REPO
from tests.test_web_browser import ARGS

SVG = "{http://www.w3.org/2000/svg}"
NEW_ENTRIES = """\
- date: 2021-09
  acteurs: les services de l'UE et de l'OTAN
  action: ont tenu leur réunion annuelle sur la cyberdéfense
  contributeur: SEAE
  propositions: [P16-3.01]
- date: 2021-10
  acteurs: les services de l'UE et de l'OTAN
  action: ont échangé sur les exercices
  contributeur: SEAE
"""


@pytest.fixture
def history_root(tmp_path: Path, cli_invoke: Callable[..., Result]) -> Path:
    """Return the 6th report's workspace closed by next (archive/06), two entries in cycle 7."""
    root = tmp_path / "ws"
    shutil.copytree(REPO / "tests" / "data" / "rapport-6" / "inputs", root / "inputs")
    assert cli_invoke("next", "--force", "-w", root).exit_code == 0
    (root / "inputs" / "cyber" / "seae.yaml").write_text(NEW_ENTRIES, encoding="utf-8")
    return root


def test_history_as_json_and_text(history_root: Path, cli_invoke: Callable[..., Result]) -> None:
    """Per area and per proposal, the entries of the archived cycle and of the current one;
    the entries without proposal; the same in the text table."""
    result = cli_invoke("status", "--historique", "--format", "json", "-w", history_root)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["cycles"] == [6, 7]
    assert data["en_cours"] == 7
    areas = {a["id"]: a["entrees"] for a in data["domaines"]}
    assert areas["cyber"] == [17, 2]
    assert areas["menaces-hybrides"] == [37, 0]
    assert data["total"] == [179, 2]
    assert data["propositions"]["P16-3.01"] == [1, 1]
    assert data["propositions"]["P17-MM"] == [9, 0]
    assert data["sans_proposition"] == [143, 1]
    text = cli_invoke("status", "--historique", "-w", history_root).stdout.splitlines()
    assert text[0].split() == ["domaine", "n°", "6", "n°", "7", "(en", "cours)"]
    assert "cyber                         17                2" in text
    assert "sans proposition            80 %             50 %" in text


def svg_cells(path: Path) -> list[tuple[str, str, str]]:
    """Return each coloured cell of the grid: its title, its fill, its text."""
    root = ET.parse(path).getroot()
    return [
        (
            g.findtext(f"{SVG}title") or "",
            g.find(f"{SVG}rect").get("fill", ""),
            g.findtext(f"{SVG}text") or "",
        )  # type: ignore[union-attr]
        for g in root.iter(f"{SVG}g")
    ]


def test_history_as_svg(
    history_root: Path, tmp_path: Path, cli_invoke: Callable[..., Result]
) -> None:
    """The grid: every cell its number written in it and a <title>, colours on the cividis
    scale (largest yellow, zero dark blue), the share without proposal shown."""
    target = tmp_path / "historique.svg"
    result = cli_invoke(
        "status", "--historique", "--format", "svg", "-o", target, "-w", history_root
    )
    assert result.exit_code == 0
    cells = svg_cells(target)
    by_title = {title: (fill, text) for title, fill, text in cells}
    assert by_title["Capacités de défense, n° 6 : 38 entrées"] == ("#fee838", "38")
    assert by_title["Capacités de défense, n° 7 (en cours) : 0 entrée"] == ("#00224e", "0")
    assert by_title["n° 6 : 143 entrées sur 179 sans proposition"][1] == "80 %"
    proposal = next(t for t in by_title if t.startswith("P16-3.01 ") and "n° 7" in t)
    assert by_title[proposal][1] == "1"
    assert len(cells) == (8 + 1) * 2 + 2 + 19 * 2
    assert all(title and text for title, _, text in cells)
    assert "#{:02x}{:02x}{:02x}".format(*CIVIDIS[-1]) == "#fee838"
    page = target.read_text(encoding="utf-8")
    assert "personne ne l'a indiquée" in page
    assert "style=" not in page  # the form's pages forbid inline styles


def test_history_svg_needs_a_file(history_root: Path, cli_invoke: Callable[..., Result]) -> None:
    """--format svg without -o, or without --historique, is a usage error (exit 2)."""
    for args in (["--historique", "--format", "svg"], ["--format", "svg", "-o", "x.svg"]):
        result = cli_invoke("status", *args, "-w", history_root)
        assert result.exit_code == 2
        assert "--format svg va avec --historique et -o FICHIER.svg" in result.stderr


def test_status_page_shows_the_history(history_root: Path) -> None:
    """The form's status page shows the same grid when earlier cycles are archived."""
    settings = Settings(history_root.resolve(), 80)
    client = create_app(settings).test_client()
    assert client.get(f"/?jeton={settings.token}").status_code == 303
    page = client.get("/").get_data(as_text=True)
    assert "D'un rapport à l'autre" in page
    assert "<title>Cybersécurité et cyberdéfense, n° 6 : 17 entrées</title>" in page


def test_annex_has_the_cycles_as_columns(
    history_root: Path, cli_invoke: Callable[..., Result]
) -> None:
    """build --annexe adds a column per archived cycle to the proposals' table."""
    result = cli_invoke("build", "--annexe", "--format", "md", "-o", "-", "-w", history_root)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "| Proposition | Intitulé | n° 6 | Activités rapportées |" in lines
    mm = next(line for line in lines if line.startswith("| P17-MM |"))
    assert mm.endswith("| 9 | 0 |")
    cyber = next(line for line in lines if line.startswith("| P16-3.01 |"))
    assert cyber.endswith("| 1 | 1 |")


def test_annex_without_archives_is_unchanged(
    tmp_path: Path, cli_invoke: Callable[..., Result]
) -> None:
    """Without archives the annex keeps its three columns."""
    root = tmp_path / "ws"
    shutil.copytree(REPO / "tests" / "data" / "rapport-6" / "inputs", root / "inputs")
    result = cli_invoke("build", "--annexe", "--format", "md", "-o", "-", "-w", root)
    assert "| Proposition | Intitulé | Activités rapportées |" in result.stdout.splitlines()


@pytest.mark.slow
def test_history_svg_fits_in_chromium(
    history_root: Path, tmp_path: Path, chromium: str, cli_invoke: Callable[..., Result]
) -> None:
    """Drawn by Chromium, no text leaves the picture and every number fits in its cell (the
    column « n° 7 (en cours) » once ran past the right edge)."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    target = tmp_path / "historique.svg"
    assert (
        cli_invoke(
            "status", "--historique", "--format", "svg", "-o", target, "-w", history_root
        ).exit_code
        == 0
    )
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=ARGS)
        page = browser.new_page()
        page.goto(target.as_uri())
        outside = page.evaluate(OUTSIDE)
        browser.close()
    assert outside == []


# every <text> whose box leaves the picture, or (in a cell) leaves its rectangle
OUTSIDE = """() => {
  const svg = document.querySelector('svg');
  const width = svg.width.baseVal.value, height = svg.height.baseVal.value;
  const found = [];
  for (const text of svg.querySelectorAll('text')) {
    const box = text.getBBox();
    if (box.x < 0 || box.y < 0 || box.x + box.width > width || box.y + box.height > height)
      found.push(text.textContent);
    const rect = text.parentNode.querySelector('rect');
    if (text.parentNode.tagName === 'g' && box.width > rect.width.baseVal.value)
      found.push(text.textContent);
  }
  return found;
}"""


def test_the_grid_s_words_are_data_historique_yaml(
    history_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The grid's title, headings, cell titles and notes are data/historique.yaml's words."""
    words = wording_of("historique.yaml")
    monkeypatch.setitem(words, "par_domaine", "PAR DOMAINE")
    monkeypatch.setitem(words, "bulle_pluriel", "{ligne} ({colonne}) = {nombre}")
    monkeypatch.setitem(words, "colonne_en_cours", "cycle {numero}")
    monkeypatch.setitem(words, "notes", ["NOTE"])
    workspace, _ = load_workspace(history_root)
    page = history_svg(cycle_history(history_root, workspace))
    assert "PAR DOMAINE" in page
    assert "NOTE" in page
    assert "Capacités de défense (n° 6) = 38" in page
    assert "cycle 7" in page
