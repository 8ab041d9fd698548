"""`drafter serve` in a real browser: Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import docx
import pytest
from click.testing import Result

from drafter.web import server
from tests.conftest import REPO

NBSP = "\u00a0"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# The form's screenshot goes to the test's own folder; scripts/refresh_screenshot.sh names
# the README's image instead (DRAFTER_SCREENSHOT), so that tests never rewrite a tracked file.
SCREENSHOT = os.environ.get("DRAFTER_SCREENSHOT")


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """Return a copy of the repository's example workspace."""
    root = tmp_path / "demo"
    shutil.copytree(REPO / "inputs", root / "inputs")
    return root


@pytest.fixture
def address(demo: Path) -> Iterator[str]:
    """Serve the demo workspace on 127.0.0.1 (a free port) in a thread; return its address."""
    running = server.open_server(demo, "127.0.0.1", 0, None)
    thread = threading.Thread(target=running.serve_forever, daemon=True)
    thread.start()
    yield server.addresses(running)[0].split(" : ", 1)[1]
    running.close()


@pytest.fixture
def browser(chromium: str) -> Iterator[object]:
    """Return a headless Chromium; without Playwright, skip (fail in CI)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("Playwright is required in CI (pip install -e '.[test]')")
        pytest.skip("Playwright is not installed")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, headless=True, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: object, address: str) -> Iterator[object]:
    """Return a page that opened the printed address (token in the URL, then a cookie)."""
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="fr-FR"
    )
    opened = context.new_page()
    opened.goto(address)
    yield opened
    context.close()


def _text(page: object, selector: str) -> str:
    """Return an element's text with no-break spaces read as spaces."""
    return str(page.inner_text(selector)).replace(NBSP, " ").replace("\u202f", " ")  # type: ignore[attr-defined]


def _wait_for(page: object, selector: str, expected: str) -> None:
    """Wait until the element's text (no-break spaces as spaces) contains `expected`."""
    page.wait_for_function(  # type: ignore[attr-defined]
        "([s, t]) => document.querySelector(s)?.innerText"
        ".replace(/[\\u00a0\\u202f]/g, ' ').includes(t)",
        arg=[selector, expected],
        timeout=10_000,
    )


def _fill_new_entry(page: object) -> None:
    """Open the form of a new entry in menaces-hybrides and fill everything but the date."""
    page.click("text=Lutte contre les menaces hybrides")  # type: ignore[attr-defined]
    page.click("#nouvelle")  # type: ignore[attr-defined]
    page.select_option("#sous_theme", "resilience")  # type: ignore[attr-defined]
    page.select_option("#position_date", "fin")  # type: ignore[attr-defined]
    page.fill("#acteurs", "des représentants de l'UE")  # type: ignore[attr-defined]
    page.fill(  # type: ignore[attr-defined]
        "#action",
        "ont participé aux travaux du groupe de travail de l'OTAN chargé de la résilience",
    )
    page.fill("#contributeur", "SEAE")  # type: ignore[attr-defined]


def test_preview_follows_the_date_as_it_is_typed(page: object, tmp_path: Path) -> None:
    """Typing 2023-02 key by key, the sentence reads « en 2023 », then « en février 2023 »."""
    _fill_new_entry(page)
    page.click("#date")  # type: ignore[attr-defined]
    page.keyboard.type("2023", delay=40)  # type: ignore[attr-defined]
    _wait_for(page, "#phrase", "de la résilience, en 2023.")
    page.keyboard.type("-02", delay=40)  # type: ignore[attr-defined]
    _wait_for(page, "#phrase", "de la résilience, en février 2023.")
    assert _text(page, "#phrase").startswith("Des représentants de l’UE ont participé")
    _wait_for(page, "#paragraphe", "Les Alliés ont annoncé")
    _wait_for(page, "[data-problemes-de=date]", "hors de la période")
    shot = Path(SCREENSHOT) if SCREENSHOT else tmp_path / "serve.png"
    page.screenshot(path=str(shot))  # type: ignore[attr-defined]
    assert shot.read_bytes().startswith(b"\x89PNG")


def test_problem_shows_at_its_field_while_typing(page: object) -> None:
    """An impossible month is reported under the date field, as check words it."""
    _fill_new_entry(page)
    page.fill("#date", "2023-13")  # type: ignore[attr-defined]
    _wait_for(page, "[data-problemes-de=date]", "Erreur")
    assert "Des représentants" not in _text(page, "#apercu")


def test_a_save_past_the_servers_bound_gets_the_french_page(page: object, demo: Path) -> None:
    """A form of 11 MB (past what waitress buffers, 10 MB) is refused with drafter's French
    page, as one of 2 MB is, not waitress's English text; nothing is written."""
    before = sorted((demo / "inputs" / "menaces-hybrides").iterdir())
    _fill_new_entry(page)
    page.evaluate(  # type: ignore[attr-defined]
        "n => { document.querySelector('#action').value = 'x'.repeat(n); }", 11_000_000
    )
    with page.expect_navigation(timeout=30_000):  # type: ignore[attr-defined]
        page.evaluate("() => document.querySelector('#entree').submit()")  # type: ignore[attr-defined]
    shown = _text(page, "body")
    assert shown.startswith("Erreur 413")
    assert "envoi trop gros : au plus 1000000 octets" in shown
    assert "Request Entity Too Large" not in shown
    assert sorted((demo / "inputs" / "menaces-hybrides").iterdir()) == before


def test_save_check_edit_stale_and_build(
    page: object, demo: Path, cli_invoke: Callable[..., Result]
) -> None:
    """Save, check, edit keeping a comment, refuse a stale save, then download the draft."""
    _fill_new_entry(page)
    page.fill("#date", "2023-09")  # type: ignore[attr-defined]
    page.click("#enregistrer")  # type: ignore[attr-defined]
    _wait_for(page, "#enregistre", "Entrée enregistrée")
    path = demo / "inputs" / "menaces-hybrides" / "2023-09-entree.yaml"
    assert "action: >-\n  ont participé" in path.read_text(encoding="utf-8")
    assert cli_invoke("check", "--workspace", demo).exit_code == 0

    path.write_text(path.read_text(encoding="utf-8") + "# relu par le secrétariat\n", "utf-8")
    page.reload()  # type: ignore[attr-defined]
    page.fill("#but", "afin de renforcer la résilience")  # type: ignore[attr-defined]
    _wait_for(page, "#phrase", "en septembre 2023, afin de renforcer la résilience.")
    page.click("#enregistrer")  # type: ignore[attr-defined]
    _wait_for(page, "#enregistre", "Entrée enregistrée")
    text = path.read_text(encoding="utf-8")
    assert "# relu par le secrétariat" in text
    assert "but: >-\n  afin de renforcer la résilience" in text

    path.write_text(text.replace("SEAE", "SEAE-2"), encoding="utf-8")
    page.fill("#but", "afin de tout changer")  # type: ignore[attr-defined]
    page.click("#enregistrer")  # type: ignore[attr-defined]
    _wait_for(page, "#conflit", "rien n'a été enregistré")
    assert "SEAE-2" in _text(page, "#version-disque")
    assert "afin de tout changer" in _text(page, "#version-formulaire")
    assert "tout changer" not in path.read_text(encoding="utf-8")

    page.goto(page.url.split("/entree")[0] + "/")  # type: ignore[attr-defined]
    with page.expect_download() as download:  # type: ignore[attr-defined]
        page.click("#construire")  # type: ignore[attr-defined]
    target = demo / "telecharge.docx"
    download.value.save_as(target)
    body = " ".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "chargé de la résilience, en septembre 2023, afin de renforcer la résilience." in (
        body.replace(NBSP, " ")
    )
