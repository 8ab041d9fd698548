"""Every text a contributor typed comes back escaped, on every page of `drafter serve` (issue
27, point 7): pages.py, editing.py and the templates of web/ (etat.html, domaine.html,
entree.html, apercu.html, problemes.html, refus.html, erreur.html), through Flask's test client.

The payload closes an attribute and opens elements; each page must show it as text (its `<`
as `&lt;`, its `"` as `&#34;`), never as markup a browser would run.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient

from drafter.web.app import create_app
from drafter.web.editing import cycle_print
from drafter.web.forms import HIGHLIGHT_TEXT
from drafter.web.security import Settings, csrf_token

PAYLOAD = '<script>alert(1)</script><img src=x onerror=alert(2)>"onmouseover="alert(3)'
# what must never reach a page as it was typed
RAW = ("<script>alert", "<img src=x", '"onmouseover="')
# the same, shown as text (the test is not vacuous: the payload is on the page)
SHOWN = "&lt;script&gt;alert(1)"
HOSTILE_FILE = "<img src=x onerror=alert(2)>.yaml"


def _yaml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML string


ENTRY = f"""\
date: 2023-10
sous_theme: {_yaml("st-" + PAYLOAD)}
acteurs: {_yaml("des acteurs " + PAYLOAD)}
action: {_yaml("ont agi " + PAYLOAD)}
lien: {_yaml("Dans ce contexte " + PAYLOAD)}
but: {_yaml("afin de " + PAYLOAD)}
points: [{_yaml("premier " + PAYLOAD)}, {_yaml("second " + PAYLOAD)}]
a_souligner: {_yaml("saillant " + PAYLOAD)}
source: {_yaml("source " + PAYLOAD)}
contributeur: {_yaml("SEAE" + PAYLOAD)}
"""
BROKEN = f"{_yaml(PAYLOAD)}: valeur\ndate: 2023-10\nacteurs: les services\naction: ont agi\n"


def _escaped(html: str) -> None:
    """Assert that the payload is on the page as text only."""
    for raw in RAW:
        assert raw not in html, html[max(0, html.find(raw) - 300) : html.find(raw) + 100]
    assert SHOWN in html


@pytest.fixture
def settings(workspace: Callable[..., Path]) -> Settings:
    """Return the settings of a server over a workspace full of hostile text."""
    root = workspace(
        {
            "inputs/cyber/hostile.yaml": ENTRY,
            f"inputs/cyber/{HOSTILE_FILE}": ENTRY.replace("2023-10", "2023-11"),
            "inputs/exercices/casse.yaml": BROKEN,
        }
    )
    return Settings(root.resolve(), 80)


@pytest.fixture
def client(settings: Settings) -> FlaskClient:
    """Return the secretariat's client, the token in its cookie."""
    app: Flask = create_app(settings)
    client = app.test_client()
    assert client.get(f"/?jeton={settings.token}").status_code == 303
    return client


# the fields a contributor types freely (the others are choices, dates, ids, or a whole
# sentence that replaces these)
TYPED = ("acteurs", "action", "contributeur", "sous_theme", "lien", "but", "points", "source")


def _form(settings: Settings, **fields: str) -> dict[str, str]:
    """Return a cyber entry's form data with the payload in every text field."""
    data = {"csrf": csrf_token(settings, settings.token), "domaine_dossier": "cyber"}
    data |= {"cycle": cycle_print(settings.root), "fichier": "", "n": "0", "empreinte": ""}
    data |= {key: f"{key} {PAYLOAD}" for key in TYPED}
    data |= {"date": "2023-10", "a_souligner": "true", HIGHLIGHT_TEXT: f"saillant {PAYLOAD}"}
    return {**data, **fields}


def test_the_hostile_text_is_read_as_it_was_typed(settings: Settings) -> None:
    """The workspace does hold the payload in every field (the pages have it to escape)."""
    text = (settings.root / "inputs" / "cyber" / "hostile.yaml").read_text(encoding="utf-8")
    assert text.count(PAYLOAD.replace('"', '\\"')) == 10


def test_status_page_escapes_contributors_and_problems(client: FlaskClient) -> None:
    """The status page: contributors' names and the problems quoting a typed key."""
    response = client.get("/")
    assert response.status_code == 200
    _escaped(response.get_data(as_text=True))


def test_area_page_escapes_sentences_contributors_and_file_names(client: FlaskClient) -> None:
    """An area page: each sentence, its contributor, its file name, its problems."""
    page = client.get("/domaines/cyber").get_data(as_text=True)
    _escaped(page)
    assert "&lt;img src=x onerror=alert(2)&gt;.yaml" in page
    assert "des acteurs &lt;script&gt;" in page


def test_area_page_escapes_the_problems_of_a_broken_file(client: FlaskClient) -> None:
    """The problems of a file the area cannot list quote the typed key, escaped."""
    page = client.get("/domaines/exercices").get_data(as_text=True)
    _escaped(page)


@pytest.mark.parametrize("name", ["hostile.yaml", HOSTILE_FILE])
def test_form_escapes_every_value_it_shows(client: FlaskClient, name: str) -> None:
    """The form of an entry: inputs, textareas, options, preview and problems, escaped."""
    response = client.get(f"/entree?fichier=cyber/{quote(name)}&n=0")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    _escaped(page)
    for typed in ("des acteurs", "ont agi", "Dans ce contexte", "afin de", "source", "premier"):
        assert f"{typed} &lt;script&gt;" in page, typed
    assert 'value="SEAE&lt;script&gt;alert(1)&lt;/script&gt;' in page
    assert "&#34;onmouseover=&#34;alert(3)" in page


def test_live_preview_escapes_sentence_paragraph_and_problems(
    client: FlaskClient, settings: Settings
) -> None:
    """The live preview's JSON: the sentence, its paragraph and each field's problems."""
    data = _form(settings, fichier="cyber/hostile.yaml", n="0")
    response = client.post("/apercu", data=data)
    assert response.status_code == 200
    shown = response.get_json()
    _escaped(shown["apercu"])
    assert "<mark>" in shown["apercu"]  # the paragraph, with its own markup
    assert "&lt;script&gt;" in shown["champs"]["sous_theme"]  # unknown, quoted
    wrong = {key: f"{key} {PAYLOAD}" for key in ("id", "apres", "propositions", "type")}
    shown = client.post("/apercu", data=_form(settings, **wrong)).get_json()
    problems = " ".join([shown["general"], *shown["champs"].values()])
    for raw in RAW:
        assert raw not in problems
    assert "&lt;script&gt;" in shown["champs"]["id"]


def test_refused_save_shows_the_typed_values_escaped(
    client: FlaskClient, settings: Settings
) -> None:
    """An entry with errors comes back in the form (422) with every value escaped."""
    response = client.post("/entree", data=_form(settings, id="mauvais " + PAYLOAD))
    assert response.status_code == 422
    _escaped(response.get_data(as_text=True))


def test_conflict_shows_both_versions_escaped(client: FlaskClient, settings: Settings) -> None:
    """A stale save shows the file on disk and the form's version, both escaped."""
    data = _form(settings, fichier="cyber/hostile.yaml", n="0", empreinte="périmée")
    data |= {"id": "", "sous_theme": "", "contributeur": "SEAE"}
    response = client.post("/entree", data=data)
    assert response.status_code == 409, response.get_data(as_text=True)[:2000]
    page = response.get_data(as_text=True)
    _escaped(page)
    assert 'id="version-disque"' in page


@pytest.mark.parametrize(
    ("path", "status"),
    [
        (f"/entree?fichier=cyber/{quote(PAYLOAD)}.yaml", 404),
        (f"/entree?fichier={quote(PAYLOAD)}/a.yaml", 403),
        (f"/domaines/{quote(PAYLOAD, safe='')}", 404),
        (f"/entree?domaine={quote(PAYLOAD)}", 404),
        (f"/entree?fichier=cyber/hostile.yaml&n={quote(PAYLOAD)}", 400),
    ],
)
def test_error_pages_escape_what_the_address_carried(
    client: FlaskClient, path: str, status: int
) -> None:
    """A refused address (400, 403, 404) never echoes its text as markup."""
    response = client.get(path)
    assert response.status_code == status
    page = response.get_data(as_text=True)
    for raw in RAW:
        assert raw not in page


def test_unreadable_workspace_page_escapes_its_problems(
    client: FlaskClient, settings: Settings
) -> None:
    """A cycle file the pages cannot read: its problems quote the typed text, escaped."""
    cycle = settings.root / "inputs" / "rapport.yaml"
    cycle.write_text(f"numero: 9\nperiode: {_yaml(PAYLOAD)}\n", encoding="utf-8")
    response = client.get("/")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    for raw in RAW:
        assert raw not in page
