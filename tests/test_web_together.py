"""Many hands at once: the form checks across files, shares one lock with `next` and
`importer`, and two real `drafter serve` processes on one workspace never lose a save."""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from html import unescape
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from click.testing import Result
from flask import Flask
from flask.testing import FlaskClient

from drafter.errors import DrafterError
from drafter.web import editing
from drafter.web.app import create_app
from drafter.web.editing import cycle_print
from drafter.web.security import Settings, csrf_token, read_services
from tests.conftest import REPO

SEAE_TOKEN = "jeton-du-seae-0123456789abcdef"
ENTRY = {
    "date": "2023-02",
    "acteurs": "des représentants de l'UE",
    "action": "ont participé aux travaux du groupe de travail",
    "contributeur": "SEAE",
}
OTHERS = {
    "inputs/exercices/aed.yaml": """\
        id: exercice-commun
        date: 2023-10
        acteurs: les agences
        action: ont conduit un exercice
        contributeur: AED
        """,
    "inputs/cyber/chaine.yaml": """\
        id: premiere
        apres: seconde
        date: 2023-09
        acteurs: les services
        action: ont agi
        contributeur: SEAE
        """,
    "inputs/cyber/orpheline.yaml": """\
        date: 2023-08
        acteurs: les services
        action: ont agi sans contributeur
        """,
}
HOLD = """
import sys, time, filelock
with filelock.FileLock(sys.argv[1]):
    print("held", flush=True)
    sys.stdin.readline()
"""


@pytest.fixture
def root(workspace: Callable[..., Path]) -> Path:
    """Return a workspace with an entry of another service and area, and an anchored one."""
    return workspace(OTHERS)


@pytest.fixture
def settings(root: Path) -> Settings:
    """Return the settings of an in-process server on port 80 (the test client's Host)."""
    return Settings(root.resolve(), 80, services={SEAE_TOKEN: "SEAE"})


@pytest.fixture
def app(settings: Settings) -> Flask:
    """Return the application."""
    return create_app(settings)


def _client(app: Flask, token: str) -> FlaskClient:
    """Return a client holding the token's cookie."""
    client = app.test_client()
    assert client.get(f"/?jeton={token}").status_code == 303
    return client


def _form(settings: Settings, token: str | None = None, **fields: str) -> dict[str, str]:
    """Return a new cyber entry's form data, with its CSRF token and the cycle's digest."""
    data = {"csrf": csrf_token(settings, token or settings.token), "domaine_dossier": "cyber"}
    data |= {"cycle": cycle_print(settings.root), "fichier": "", "n": "0", "empreinte": ""}
    return {**data, **ENTRY, **fields}


def _files(root: Path) -> dict[str, bytes]:
    """Return every file of the workspace with its bytes (but the workspace's empty lock)."""
    found = {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}
    return {k: p.read_bytes() for k, p in found.items() if not k.endswith(".drafter.lock")}


def _under_field(html: str, key: str) -> str:
    """Return the problems the page shows under one field."""
    match = re.search(rf'data-problemes-de="{key}">(.*?)</div>', html, re.S)
    assert match is not None, key
    return unescape(match.group(1))


# 1. What check refuses across files, the form refuses before writing


@pytest.mark.parametrize(
    ("fields", "key", "words"),
    [
        ({"id": "exercice-commun"}, "id", "identifiant « exercice-commun » déjà utilisé"),
        ({"apres": "nulle-part"}, "apres", "aucune entrée n'a l'identifiant « nulle-part »"),
        ({"id": "moi", "avant": "moi"}, "avant", "désigne l'entrée elle-même"),
        ({"id": "seconde", "apres": "premiere"}, "apres", "placement circulaire"),
    ],
)
def test_form_refuses_what_check_refuses_across_files(
    app: Flask,
    settings: Settings,
    root: Path,
    fields: dict[str, str],
    key: str,
    words: str,
) -> None:
    """A duplicate id (another service's, another area's), an anchor naming nothing, itself,
    or closing a cycle: 422, the message under its field, nothing written."""
    client = _client(app, settings.token)
    before = _files(root)
    response = client.post("/entree", data=_form(settings, **fields))
    assert response.status_code == 422
    assert words in _under_field(response.get_data(as_text=True), key)
    assert _files(root) == before
    preview = client.post("/apercu", data=_form(settings, **fields)).get_json()
    assert words in unescape(preview["champs"][key])


def test_duplicate_names_the_other_file(app: Flask, settings: Settings) -> None:
    """The duplicate is blamed on the form's entry, naming where the id is already used."""
    client = _client(app, settings.token)
    response = client.post("/entree", data=_form(settings, id="exercice-commun"))
    assert "(inputs/exercices/aed.yaml:1)" in _under_field(response.get_data(as_text=True), "id")


def test_renaming_an_anchored_entry_is_refused(app: Flask, settings: Settings) -> None:
    """An id another entry's apres names cannot change under it."""
    root = settings.root
    (root / "inputs" / "cyber" / "seconde.yaml").write_text(
        "id: seconde\ndate: 2023-07\nacteurs: les services\naction: ont agi\ncontributeur: SEAE\n",
        encoding="utf-8",
    )
    path = root / "inputs" / "cyber" / "seconde.yaml"
    data = _form(settings, fichier="cyber/seconde.yaml", id="troisieme", date="2023-07")
    data |= {"action": "ont agi", "acteurs": "les services", "empreinte": _print(path)}
    response = _client(app, settings.token).post("/entree", data=data)
    assert response.status_code == 422
    shown = _under_field(response.get_data(as_text=True), "id")
    assert "inputs/cyber/chaine.yaml:1 se place par rapport à « seconde »" in shown


def _print(path: Path) -> str:
    """Return the fingerprint the form carries for a file."""
    return editing.fingerprint(path)


def test_file_past_the_size_limit_is_not_written(
    workspace: Callable[..., Path],
) -> None:
    """An edit that would make its list file larger than check reads is refused, whole."""
    entry = "- date: 2023-02\n  acteurs: les services\n  contributeur: SEAE\n  action: {}\n"
    text = "".join(entry.format("a" * 9_880) for _ in range(100))
    assert 990_000 < len(text) < 1_000_000
    root = workspace({"inputs/cyber/liste.yaml": text})
    settings = Settings(root.resolve(), 80)
    path = root / "inputs" / "cyber" / "liste.yaml"
    data = _form(settings, fichier="cyber/liste.yaml", but="afin de " + "b" * 9_000)
    data |= {"action": "a" * 9_880, "acteurs": "les services", "empreinte": _print(path)}
    response = _client(create_app(settings), settings.token).post("/entree", data=data)
    assert response.status_code == 422
    assert "au-delà de la limite de 1000000" in _under_field(response.get_data(as_text=True), "")
    assert path.read_text(encoding="utf-8") == text


# 2. One lock across processes: saves, next, importer


@pytest.fixture
def holder(root: Path) -> Iterator[subprocess.Popen[str]]:
    """Hold the workspace's lock from another process (as a long `next` would)."""
    (root / "outputs").mkdir(exist_ok=True)
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(root / "outputs" / ".drafter.lock")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline() == "held\n"
    yield process
    process.communicate("\n", timeout=10)


def test_save_while_another_process_holds_the_workspace_is_refused(
    app: Flask,
    settings: Settings,
    root: Path,
    holder: subprocess.Popen[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """While `next` (another process) holds the lock, a save answers 503 in French, keeps
    the typed values in the form and writes nothing."""
    monkeypatch.setattr(editing, "SAVE_WAIT", 0.2)
    before = _files(root)
    response = _client(app, settings.token).post("/entree", data=_form(settings))
    html = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "enregistrement refusé : « drafter next »" in html
    assert "ont participé aux travaux du groupe de travail" in html  # the typing is kept
    assert _files(root) == before


def test_form_opened_before_next_never_saves_into_the_next_cycle(
    app: Flask, settings: Settings, root: Path, cli_invoke: Callable[..., Result]
) -> None:
    """A form opened in cycle 9 and sent after `next` closed it is refused (409), not
    written into cycle 10 nor lost silently."""
    client = _client(app, settings.token)
    data = _form(settings)
    assert cli_invoke("next", "--workspace", root, "--force").exit_code == 0
    before = _files(root)
    response = client.post("/entree", data=data)
    assert response.status_code == 409
    assert "le cycle a changé depuis l'ouverture du formulaire" in unescape(response.text)
    assert _files(root) == before


def test_next_refuses_a_plan_whose_entry_files_changed(root: Path) -> None:
    """An entry saved between next's plan and its lock stops next: nothing moves."""
    from drafter.commands.next_cycle import apply_plan, prepare_next

    plan = prepare_next(root, force=True)
    (root / "inputs" / "cyber" / "tardive.yaml").write_text("date: 2023-09\n", encoding="utf-8")
    before = _files(root)
    with pytest.raises(DrafterError, match="sont apparus depuis le plan"):
        apply_plan(root, plan)
    assert _files(root) == before


def test_importer_is_refused_while_the_workspace_is_held(
    root: Path, holder: subprocess.Popen[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`importer` takes the same lock: refused with a French message, nothing imported."""
    from drafter.commands import spreadsheet_import
    from drafter.commands.spreadsheet import make_workbook

    book = make_workbook(root, ("cyber",), tmp_path / "seae.xlsx", True).path
    monkeypatch.setattr(spreadsheet_import, "IMPORT_WAIT", 0.2)
    before = _files(root)
    with pytest.raises(DrafterError, match="import refusé : « drafter next »"):
        spreadsheet_import.import_workbooks(root, (book,), dry_run=False, partial=False)
    assert _files(root) == before


class _Browser:
    """A client of a real server over a socket: its cookie, the form's hidden fields."""

    def __init__(self, address: str) -> None:
        parts = urlsplit(address)
        self.host, self.port = parts.hostname or "", parts.port or 80
        status, headers, _ = self.request("GET", f"/?{parts.query}")
        assert status == 303
        self.cookie = headers["set-cookie"].split(";")[0]

    def request(self, method: str, path: str, body: bytes = b"") -> tuple[int, dict[str, str], str]:
        """Send one request; return status, headers (lower-case names) and body text."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if hasattr(self, "cookie"):
            headers["Cookie"] = self.cookie
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8")
        connection.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, text

    def hidden(self, path: str) -> dict[str, str]:
        """Return the hidden fields of the form page at path."""
        _, _, html = self.request("GET", path)
        return dict(re.findall(r'type="hidden" name="(\w+)" value="([^"]*)"', html))

    def save(self, path: str, **fields: str) -> int:
        """Open the form at path, fill it, send it; return the status."""
        data = {**self.hidden(path), **ENTRY, **fields}
        return self.request("POST", "/entree", urlencode(data).encode())[0]


@pytest.fixture
def two_servers(root: Path) -> Iterator[list[_Browser]]:
    """Start two real `drafter serve` processes on the workspace; return a client of each."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    processes, clients = [], []
    for _ in range(2):
        process = subprocess.Popen(
            [sys.executable, "-m", "drafter", "serve", "-w", str(root), "--port", "0"],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        processes.append(process)
        assert process.stdout is not None
        line = process.stdout.readline()
        clients.append(_Browser(line.split(" : ", 1)[1].strip()))
    yield clients
    for process in processes:
        process.terminate()
        process.communicate(timeout=10)


def test_two_servers_never_lose_a_save(two_servers: list[_Browser], root: Path) -> None:
    """Eight new entries of the same date, sent at once through two server processes:
    eight files, each with its own text (one free name per save, under the shared lock)."""
    statuses: list[int] = []

    def send(number: int) -> None:
        client = two_servers[number % 2]
        statuses.append(client.save("/entree?domaine=cyber", action=f"ont agi ({number})"))

    threads = [threading.Thread(target=send, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [303] * 8
    texts = [p.read_text(encoding="utf-8") for p in (root / "inputs" / "cyber").glob("2023-02*")]
    assert sorted(n for n in range(8) if any(f"ont agi ({n})" in t for t in texts)) == list(
        range(8)
    )


def test_two_servers_editing_one_entry_keep_one_and_show_the_other(
    two_servers: list[_Browser], root: Path
) -> None:
    """The same entry opened in both servers and sent at once: one save, one 409 (the
    other's version shown), never two silent writes."""
    path = "/entree?fichier=cyber/chaine.yaml&n=0"
    forms = [client.hidden(path) for client in two_servers]
    statuses: list[int] = []

    def send(number: int) -> None:
        data = {**forms[number], **ENTRY, "id": "premiere", "but": f"afin de tout ({number})"}
        body = urlencode(data).encode()
        statuses.append(two_servers[number].request("POST", "/entree", body)[0])

    threads = [threading.Thread(target=send, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [303, 409]
    text = (root / "inputs" / "cyber" / "chaine.yaml").read_text(encoding="utf-8")
    assert text.count("afin de tout") == 1


# 4. --services: names, tokens, contributors


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (f"'': {SEAE_TOKEN}\n", "nom de service vide"),
        (f"SEAE: {SEAE_TOKEN}\nAED: {SEAE_TOKEN}\n", "identique à celui de « SEAE »"),
    ],
)
def test_services_file_refuses_empty_names_and_shared_tokens(
    tmp_path: Path, text: str, words: str
) -> None:
    """A service without a name, or two services with one token, stop serve at start-up."""
    path = tmp_path / "services.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DrafterError) as caught:
        read_services(path)
    assert any(words in p.message for p in caught.value.problems)


def test_service_cannot_take_an_entry_without_contributor(
    app: Flask, settings: Settings, root: Path
) -> None:
    """An entry of the file that names no contributeur is nobody's: a service's save is
    refused with the reason, the secretariat's goes through."""
    path = root / "inputs" / "cyber" / "orpheline.yaml"
    data = _form(settings, SEAE_TOKEN, fichier="cyber/orpheline.yaml", date="2023-08")
    data |= {"empreinte": _print(path)}
    response = _client(app, SEAE_TOKEN).post("/entree", data=data)
    assert response.status_code == 403
    assert "n'indique pas de « contributeur »" in unescape(response.text)
    data["csrf"] = csrf_token(settings, settings.token)
    assert _client(app, settings.token).post("/entree", data=data).status_code == 303
