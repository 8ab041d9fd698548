"""`drafter serve` through Flask's test client: secure by default, one truth with the CLI."""

from __future__ import annotations

import html
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result
from flask import Flask
from flask.testing import FlaskClient

from drafter.commands.check import check_workspace
from drafter.web.app import create_app
from drafter.web.editing import cycle_print
from drafter.web.security import Settings, csrf_token, read_services
from tests.conftest import REPO

SEAE_TOKEN = "jeton-du-seae-0123456789abcdef"
LIST_FILE = """\
# Contributions du SEAE : ne pas réordonner.
- date: 2023-09
  sous_theme: echanges-politiques
  # qui a agi
  acteurs: les services
  action: ont agi
  contributeur: SEAE
- date: 2023-10
  sous_theme: echanges-politiques
  acteurs: les états-majors
  action: ont échangé
  contributeur: EMUE
"""
ENTRY = {
    "date": "2023-02",
    "acteurs": "des représentants de l'UE",
    "action": "ont participé aux travaux du groupe de travail",
    "contributeur": "SEAE",
}


@pytest.fixture
def root(workspace: Callable[..., Path]) -> Path:
    """Return a workspace with one list file of two entries, in cyber."""
    return workspace({"inputs/cyber/seae.yaml": LIST_FILE})


@pytest.fixture
def settings(root: Path) -> Settings:
    """Return the settings of a server on port 80 (the test client's default Host)."""
    return Settings(root.resolve(), 80, services={SEAE_TOKEN: "SEAE"})


@pytest.fixture
def app(settings: Settings) -> Flask:
    """Return the application."""
    return create_app(settings)


def _client(app: Flask, token: str) -> FlaskClient:
    """Return a client that opened the address with this token (so it holds the cookie)."""
    client = app.test_client()
    assert client.get(f"/?jeton={token}").status_code == 303
    return client


@pytest.fixture
def client(app: Flask, settings: Settings) -> FlaskClient:
    """Return the secretariat's client."""
    return _client(app, settings.token)


def _form(settings: Settings, token: str | None = None, **fields: str) -> dict[str, str]:
    """Return a new cyber entry's form data, with its CSRF token."""
    data = {"csrf": csrf_token(settings, token or settings.token), "domaine_dossier": "cyber"}
    data["cycle"] = cycle_print(settings.root)
    return {**data, "fichier": "", "n": "0", "empreinte": "", **ENTRY, **fields}


def _files(root: Path) -> dict[str, bytes]:
    """Return every file of the workspace with its bytes (but the workspace's empty lock)."""
    files = {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    files.pop("outputs/.drafter.lock", None)
    return files


# Security


@pytest.mark.parametrize(
    "path", ["/", "/domaines/cyber", "/static/style.css", "/entree?domaine=cyber"]
)
def test_no_token_is_refused(app: Flask, path: str) -> None:
    """Every page, static files included, answers 403 without the run's token."""
    assert app.test_client().get(path).status_code == 403


def test_wrong_token_is_refused(app: Flask, settings: Settings) -> None:
    """A token that is not this run's (nor a service's) is refused, in the URL or the cookie."""
    client = app.test_client()
    assert client.get("/?jeton=" + settings.token[:-1] + "x").status_code == 403
    client.set_cookie(settings.cookie, "devine")
    assert client.get("/").status_code == 403


def test_token_leaves_the_url_for_a_strict_cookie(app: Flask, settings: Settings) -> None:
    """The first visit moves the token into an HttpOnly, SameSite=Strict cookie."""
    response = app.test_client().get(f"/domaines/cyber?jeton={settings.token}")
    assert response.headers["Location"] == "/domaines/cyber"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Strict" in cookie


@pytest.mark.parametrize("host", ["evil.example", "evil.example:80", "localhost:8000", "127.0.0.2"])
def test_wrong_host_is_refused(client: FlaskClient, host: str) -> None:
    """A Host header that does not name this server (DNS rebinding) gets 400, token or not."""
    assert client.get("/", headers={"Host": host}).status_code == 400


def test_loopback_hosts_are_accepted(app: Flask, settings: Settings) -> None:
    """localhost, 127.0.0.1 and [::1] with the port name this server."""
    for host in ("localhost", "127.0.0.1:80", "[::1]:80", "LOCALHOST:80"):
        response = app.test_client().get(f"/?jeton={settings.token}", headers={"Host": host})
        assert response.status_code == 303, host


def test_explicit_host_is_accepted(root: Path) -> None:
    """With --host, that address (and port) is accepted too, and no other."""
    app = create_app(Settings(root.resolve(), 8000, host="192.168.1.5"))
    client = app.test_client()
    token = app.extensions["drafter"].token
    ok = client.get(f"/?jeton={token}", headers={"Host": "192.168.1.5:8000"})
    assert ok.status_code == 303
    assert client.get("/", headers={"Host": "192.168.1.6:8000"}).status_code == 400


@pytest.mark.parametrize("csrf", [None, "", "0" * 64])
def test_post_without_csrf_is_refused(
    client: FlaskClient, settings: Settings, root: Path, csrf: str | None
) -> None:
    """A POST without the session's CSRF token is refused (403) and writes nothing."""
    before = _files(root)
    data = _form(settings)
    if csrf is None:
        del data["csrf"]
    else:
        data["csrf"] = csrf
    for path in ("/entree", "/apercu", "/construire"):
        assert client.post(path, data=data).status_code == 403
    assert _files(root) == before


def test_csrf_of_another_session_is_refused(app: Flask, settings: Settings, root: Path) -> None:
    """A service's CSRF token does not work with the secretariat's cookie."""
    before = _files(root)
    data = _form(settings, token=SEAE_TOKEN)
    assert _client(app, settings.token).post("/entree", data=data).status_code == 403
    assert _files(root) == before


@pytest.mark.parametrize(
    "fichier",
    [
        "../rapport.yaml",
        "cyber/../../outputs/x.yaml",
        "../../../etc/passwd",
        "/etc/passwd",
        "rapport.yaml",
        "cyber/../rapport.yaml",
        "cyber/seae.yaml/../../rapport.yaml",
        "inconnu/x.yaml",
        "cyber/notes.txt",
    ],
)
def test_path_outside_the_areas_is_refused(
    client: FlaskClient, settings: Settings, root: Path, fichier: str
) -> None:
    """A file id that resolves outside inputs/<area>/ (or is not .yaml) is refused, nothing written."""
    before = _files(root)
    assert client.get("/entree", query_string={"fichier": fichier}).status_code == 403
    response = client.post("/entree", data=_form(settings, fichier=fichier))
    assert response.status_code == 403
    assert _files(root) == before


def test_symlink_out_of_the_workspace_is_refused(
    client: FlaskClient, settings: Settings, root: Path, tmp_path: Path
) -> None:
    """A link inside an area that points outside the workspace is resolved, then refused."""
    outside = tmp_path / "dehors.yaml"
    outside.write_text(LIST_FILE, encoding="utf-8")
    (root / "inputs" / "cyber" / "lien.yaml").symlink_to(outside)
    response = client.post("/entree", data=_form(settings, fichier="cyber/lien.yaml"))
    assert response.status_code == 403
    assert outside.read_text(encoding="utf-8") == LIST_FILE


def test_ten_megabyte_field_is_refused(client: FlaskClient, settings: Settings, root: Path) -> None:
    """A 10 MB field is refused before it is read (413), nothing written."""
    before = _files(root)
    response = client.post("/entree", data=_form(settings, action="x" * 10_000_000))
    assert response.status_code == 413
    assert _files(root) == before


def test_field_over_check_limit_gets_checks_message(
    client: FlaskClient, settings: Settings, root: Path
) -> None:
    """A field just over 10,000 characters is refused with check's own message, nothing written."""
    before = _files(root)
    response = client.post("/entree", data=_form(settings, action="x" * 10_001))
    assert response.status_code == 422
    assert "dépasse la limite de 10000 caractères" in response.get_data(as_text=True)
    assert _files(root) == before


def test_service_cannot_write_another_services_entry(
    app: Flask, settings: Settings, root: Path
) -> None:
    """A service token saving an entry of another contributor gets 403, nothing written."""
    before = _files(root)
    seae = _client(app, SEAE_TOKEN)
    response = seae.post("/entree", data=_form(settings, SEAE_TOKEN, contributeur="EMUE"))
    assert response.status_code == 403
    assert _files(root) == before


def test_service_cannot_take_over_another_services_entry(
    app: Flask, settings: Settings, root: Path
) -> None:
    """A service cannot rewrite another service's entry as its own (old contributor counts)."""
    before = _files(root)
    seae = _client(app, SEAE_TOKEN)
    data = _form(settings, SEAE_TOKEN, fichier="cyber/seae.yaml", n="1")
    data["empreinte"] = _fingerprint(root / "inputs" / "cyber" / "seae.yaml")
    assert seae.post("/entree", data=data).status_code == 403
    assert _files(root) == before


def test_service_writes_its_own_entry(app: Flask, settings: Settings, root: Path) -> None:
    """A service token saves an entry whose contributor is that service."""
    seae = _client(app, SEAE_TOKEN)
    response = seae.post("/entree", data=_form(settings, SEAE_TOKEN))
    assert response.status_code == 303
    assert (root / "inputs" / "cyber" / "2023-02-entree.yaml").is_file()


def test_services_file_refuses_short_tokens(tmp_path: Path) -> None:
    """A services file with a guessable token is refused at start."""
    path = tmp_path / "services.yaml"
    path.write_text("SEAE: court\n", encoding="utf-8")
    with pytest.raises(Exception, match="trop court"):
        read_services(path)
    path.write_text(f"SEAE: {SEAE_TOKEN}\n", encoding="utf-8")
    assert read_services(path) == {SEAE_TOKEN: "SEAE"}


def test_pages_send_protective_headers(client: FlaskClient, app: Flask) -> None:
    """Pages forbid framing, inline scripts and referrers; the app never runs in debug mode."""
    headers = client.get("/").headers
    assert "script-src" not in headers["Content-Security-Policy"]  # default-src 'self' only
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert not app.debug


def _fingerprint(path: Path) -> str:
    """Return the digest the form carries for a file."""
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


# One truth with the CLI


def test_preview_renders_the_clis_sentence(client: FlaskClient, settings: Settings) -> None:
    """The preview is entry_sentence with typography: date phrase and no-break spaces."""
    data = _form(settings, position_date="fin", action="ont agi : ensemble")
    shown = client.post("/apercu", data=data).get_json()
    assert (
        "Des représentants de l’UE ont agi\u00a0: ensemble, en février\u00a02023."
        in shown["apercu"]
    )


def test_preview_shows_the_paragraph_it_joins(client: FlaskClient, settings: Settings) -> None:
    """An entry of an existing file is previewed inside its paragraph, beside its neighbours."""
    data = _form(settings, fichier="cyber/seae.yaml", n="0", acteurs="les services")
    data["sous_theme"] = "echanges-politiques"
    shown = client.post("/apercu", data=data).get_json()["apercu"]
    assert "<mark>En février\u00a02023, les services ont participé" in shown
    assert "les états-majors ont échangé" in shown


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("date", "2023-13", "mois"),
        ("propositions", "P99-9.99", "proposition commune inconnue"),
        ("id", "Mon Id", "identifiant"),
        ("texte", "{Date}, tout.", "« texte » ensemble"),
        ("contributeur", "", "« contributeur » manquant"),
    ],
)
def test_problems_come_back_at_their_field(
    client: FlaskClient, settings: Settings, field: str, value: str, message: str
) -> None:
    """The problems check reports are shown at the field they concern."""
    shown = client.post("/apercu", data=_form(settings, **{field: value})).get_json()
    key = "acteurs" if field == "texte" else field
    assert message in shown["champs"][key], shown


def test_saved_file_is_what_new_writes_and_passes_check(
    client: FlaskClient, settings: Settings, root: Path
) -> None:
    """Saving writes a commented YAML file with >- text fields that check accepts."""
    data = _form(settings, date="2023-11", but="afin de : tout # voir")
    assert client.post("/entree", data=data).status_code == 303
    text = (root / "inputs" / "cyber" / "2023-11-entree.yaml").read_text(encoding="utf-8")
    assert "# Qui a agi" in text
    assert "action: >-\n" in text
    assert "but: >-\n" in text
    assert [p for p in check_workspace(root).problems if p.path.startswith("inputs/cyber")] == []


def test_edit_keeps_comments_and_other_entries(
    client: FlaskClient, settings: Settings, root: Path
) -> None:
    """Editing one entry of a list file keeps its comments and the other entry."""
    path = root / "inputs" / "cyber" / "seae.yaml"
    data = _form(settings, fichier="cyber/seae.yaml", n="1", contributeur="EMUE")
    data.update(empreinte=_fingerprint(path), acteurs="les états-majors", action="ont échangé")
    assert client.post("/entree", data=data).status_code == 303
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Contributions du SEAE : ne pas réordonner.\n")
    assert "  # qui a agi\n  acteurs: les services\n" in text
    assert "date: 2023-02" in text
    assert text.count("contributeur:") == 2
    assert not check_workspace(root).has_errors


def test_stale_save_is_refused_with_both_versions(
    client: FlaskClient, settings: Settings, root: Path
) -> None:
    """A file changed since the form opened is not overwritten; both versions are shown."""
    path = root / "inputs" / "cyber" / "seae.yaml"
    data = _form(settings, fichier="cyber/seae.yaml", n="0", empreinte=_fingerprint(path))
    path.write_text(LIST_FILE + "# changé par un collègue\n", encoding="utf-8")
    response = client.post("/entree", data=data)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "changé par un collègue" in page
    assert "ont participé aux travaux" in page
    assert path.read_text(encoding="utf-8").endswith("# changé par un collègue\n")


def test_entry_with_errors_is_not_saved(
    client: FlaskClient, settings: Settings, root: Path
) -> None:
    """Saving an entry with an error shows the form again (422) and writes nothing."""
    before = _files(root)
    assert client.post("/entree", data=_form(settings, date="2023-02-30")).status_code == 422
    assert _files(root) == before


def test_build_downloads_the_draft(client: FlaskClient, settings: Settings) -> None:
    """The build button returns the .docx drafter build writes."""
    response = client.post("/construire", data={"csrf": csrf_token(settings, settings.token)})
    assert response.status_code == 200
    assert "rapport-etape-09.docx" in response.headers["Content-Disposition"]
    assert response.data[:2] == b"PK"


def test_status_page_charts_the_cycle(client: FlaskClient) -> None:
    """The status page shows entries per area and proposal coverage as SVG, empty areas named."""
    page = client.get("/").get_data(as_text=True)
    assert page.count("<svg") == 2
    assert "Domaines sans entrée" in page
    assert "Cybersécurité et cyberdéfense" in page


def test_area_page_lists_sentences(client: FlaskClient) -> None:
    """An area page lists each entry's sentence, date and contributor, with an edit link."""
    page = client.get("/domaines/cyber").get_data(as_text=True)
    assert "En septembre\u00a02023, les services ont agi." in page
    assert "fichier=cyber/seae.yaml&amp;n=1" in page
    assert "EMUE" in page


# The command


def test_serve_is_documented(cli_invoke: Callable[..., Result]) -> None:
    """drafter serve --help lists its options, in French."""
    result = cli_invoke("serve", "--help")
    assert result.exit_code == 0
    assert "--services" in result.stdout
    assert "--host" in result.stdout
    assert "drafter serve" in (REPO / "README.md").read_text(encoding="utf-8")


def test_core_cli_works_without_flask(root: Path) -> None:
    """Without Flask, every other command works and serve says how to install it (exit 2)."""
    block = "import sys; sys.modules['flask'] = None; from drafter.cli import main; main()"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    run = [sys.executable, "-c", block]
    check = subprocess.run([*run, "check", "-w", str(root)], capture_output=True, env=env)
    assert check.returncode == 0, check.stderr.decode()
    serve = subprocess.run([*run, "serve", "-w", str(root)], capture_output=True, env=env)
    assert serve.returncode == 2
    assert 'pip install "drafter[web]"' in serve.stderr.decode()


def test_open_server_warns_beyond_loopback(root: Path) -> None:
    """--host other than loopback prints a warning; the address carries the token."""
    from drafter.web import server

    assert server.warnings("127.0.0.1") == []
    assert "réseau" in server.warnings("0.0.0.0")[0]
    running = server.open_server(root, "127.0.0.1", 0, None)
    try:
        (line,) = server.addresses(running)
        assert f":{running.settings.port}/?jeton=" in line
    finally:
        running.close()


def test_form_has_a_field_for_every_key_check_reads() -> None:
    """The form offers exactly the keys read_entry accepts, each with its help text."""
    from drafter.reading.entries import DRAFTER_KEYS, ENTRY_KEYS
    from drafter.web.forms import FIELDS

    assert {f.key for f in FIELDS} == ENTRY_KEYS - DRAFTER_KEYS
    assert all(f.help for f in FIELDS)


def test_services_get_their_own_address(root: Path, tmp_path: Path) -> None:
    """With --services, each service's address is printed with its own token."""
    from drafter.web import server

    services = tmp_path / "services.yaml"
    services.write_text(f"SEAE: {SEAE_TOKEN}\n", encoding="utf-8")
    running = server.open_server(root, "127.0.0.1", 0, services)
    try:
        lines = server.addresses(running)
    finally:
        running.close()
    assert lines[1].startswith("SEAE : http://127.0.0.1:")
    assert lines[1].endswith(f"/?jeton={SEAE_TOKEN}")


def test_the_form_s_words_are_data_formulaire_yaml(client: FlaskClient) -> None:
    """Each field of the form shows its label and help from data/formulaire.yaml, in order."""
    fields = yaml.safe_load((REPO / "drafter" / "data" / "formulaire.yaml").read_text("utf-8"))
    page = html.unescape(client.get("/entree?domaine=cyber").get_data(as_text=True))
    places = [page.index(words["libelle"]) for words in fields.values()]
    assert places == sorted(places)
    assert all(words["aide"] in page for words in fields.values())
