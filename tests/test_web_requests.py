"""Odd requests to a real `drafter serve` (waitress) over a raw socket: never a 500 nor a
traceback, French error pages, 413 for any body over the limit however it is sent, no
version banner, no token in the logs; the build button says what the command line says."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import Result

from drafter.web.app import create_app
from drafter.web.security import Settings, csrf_token
from tests.conftest import REPO
from tests.wordxml import edit_with_python_docx

ENTRY = """\
date: 2023-10
acteurs: les services
action: ont agi
contributeur: SEAE
"""


@dataclass
class Server:
    """A running `drafter serve` process: where it listens, its token and cookie."""

    process: subprocess.Popen[str]
    port: int
    token: str
    cookie: str = ""


def _exchange(port: int, raw: bytes) -> tuple[int, str, str]:
    """Send raw bytes to the server; return the status, the header block and the body."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        # the server may answer (413) and close before the whole body is sent
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            connection.sendall(raw)
        received = b""
        while chunk := _receive(connection):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    return status, head.decode("latin-1"), body.decode("utf-8", "replace")


def _receive(connection: socket.socket) -> bytes:
    """Return the next bytes, or b"" at the end (a reset after the answer is an end too)."""
    try:
        return connection.recv(65536)
    except ConnectionResetError:
        return b""


def _request(server: Server, line: str, headers: str = "", body: bytes = b"") -> bytes:
    """Return a raw HTTP/1.1 request with the session's cookie."""
    head = (
        f"{line} HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nCookie: {server.cookie}\r\n"
        f"Connection: close\r\n{headers}\r\n"
    )
    return head.encode() + body


@pytest.fixture
def server(workspace: Callable[..., Path]) -> Iterator[Server]:
    """Start `drafter serve` on a workspace; return it, holding the secretariat's cookie."""
    root = workspace({"inputs/cyber/a.yaml": ENTRY})
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, "-m", "drafter", "serve", "-w", str(root), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    address = urlsplit(process.stdout.readline().split(" : ", 1)[1].strip())
    running = Server(process, address.port or 0, address.query.removeprefix("jeton="))
    status, head, _ = _exchange(running.port, _request(running, f"GET /?{address.query}"))
    assert status == 303
    match = re.search(r"Set-Cookie: ([^;]+);", head)
    assert match is not None
    running.cookie = match.group(1)
    yield running
    process.terminate()
    process.communicate(timeout=10)


CHUNK = b"%x\r\n%s\r\n" % (100_000, b"a" * 100_000)
ODD = [
    ("nul", "GET /entree?fichier=cyber/a%00b.yaml", "", b"", 403, "nom invalide"),
    ("nom-tres-long", f"GET /entree?fichier=cyber/{'x' * 5000}.yaml", "", b"", 403, "trop long"),
    ("nom-trop-long", f"GET /entree?fichier=cyber/{'x' * 300}.yaml", "", b"", 404, "introuvable"),
    ("exposant", "GET /entree?domaine=cyber&n=%C2%B2", "", b"", 400, "numéro d'entrée"),
    ("chiffre-arabe", "GET /entree?domaine=cyber&n=%D9%A1", "", b"", 400, "numéro d'entrée"),
    ("inconnue", "GET /nulle-part", "", b"", 404, "page introuvable"),
    ("methode", "DELETE /", "", b"", 405, "méthode non autorisée"),
    (
        "longueur",
        "POST /entree",
        "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 2000000\r\n",
        b"a=" + b"b" * 1_999_998,
        413,
        "envoi trop gros",
    ),
    (
        "morceaux",
        "POST /entree",
        "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n",
        CHUNK * 20 + b"0\r\n\r\n",
        413,
        "envoi trop gros",
    ),
    (
        "morceaux-enormes",
        "POST /entree",
        "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n",
        CHUNK * 120 + b"0\r\n\r\n",
        413,
        "envoi trop gros",
    ),
    # what waitress refuses before drafter sees it: drafter's French page all the same
    (
        "longueur-enorme",
        "POST /entree",
        "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 20000000\r\n",
        b"a=" + b"b" * 100_000,
        413,
        "envoi trop gros",
    ),
    ("en-tetes-enormes", "GET /", f"X-Gros: {'x' * 70_000}\r\n", b"", 431, "en-têtes"),
    (
        "morceaux-invalides",
        "POST /entree",
        "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n",
        b"zz\r\nabc\r\n0\r\n\r\n",
        400,
        "requête invalide",
    ),
]


@pytest.mark.parametrize(
    ("line", "headers", "body", "status", "words"),
    [case[1:] for case in ODD],
    ids=[case[0] for case in ODD],
)
def test_odd_requests_get_a_french_answer_never_a_500(
    server: Server, line: str, headers: str, body: bytes, status: int, words: str
) -> None:
    """A NUL byte, a very long name, non-ASCII digits, an unknown page or method, a body
    over the limit (sent whole or in chunks): the right status, in French, no traceback,
    no Server banner; the pages' headers, even where waitress answers itself (a body past its
    bound, headers too large, bad chunks); nothing of it in the server's log, nor the token."""
    answer, head, text = _exchange(server.port, _request(server, line, headers, body))
    assert answer == status
    assert words in unescape(text)
    assert "Traceback" not in text
    assert "\r\nServer:" not in head
    assert "waitress" not in text
    assert "\r\nX-Frame-Options: DENY" in head
    assert "\r\nContent-Type: text/html; charset=utf-8" in head
    server.process.terminate()
    _, log = server.process.communicate(timeout=10)
    assert "Traceback" not in log
    assert server.token not in log


def test_nothing_is_saved_from_a_body_cut_at_the_limit(
    server: Server, workspace: Callable[..., Path]
) -> None:
    """A chunked save over the limit is refused whole: no entry file appears."""
    folder = workspace() / "inputs" / "cyber"
    before = sorted(folder.iterdir())
    headers = "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n"
    raw = _request(server, "POST /entree", headers, CHUNK * 20 + b"0\r\n\r\n")
    assert _exchange(server.port, raw)[0] == 413
    assert sorted(folder.iterdir()) == before


def test_build_button_says_what_the_command_line_says(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """With the editors' draft up to date, the button answers as `drafter build` does
    (« aucun changement … rien écrit »), not a 500."""
    root = workspace({"inputs/cyber/a.yaml": ENTRY})
    assert cli_invoke("build", "-w", root).exit_code == 0
    edit_with_python_docx(root / "outputs" / "rapport-etape-09.docx")
    said = cli_invoke("build", "-w", root).stdout
    assert "rien écrit" in said
    settings = Settings(root.resolve(), 80)
    client = create_app(settings).test_client()
    assert client.get(f"/?jeton={settings.token}").status_code == 303
    response = client.post("/construire", data={"csrf": csrf_token(settings, settings.token)})
    assert response.status_code == 200
    shown = unescape(response.get_data(as_text=True))
    assert "aucun changement dans les entrées" in shown
    assert "rien écrit" in shown


def test_cookie_name_is_one_per_port_and_workspace(tmp_path: Path) -> None:
    """Two workspaces served on one port (one after the other), or one on two ports, never
    share a cookie name in the browser."""
    one, two = tmp_path / "un", tmp_path / "deux"
    names = {Settings(one, 8000).cookie, Settings(two, 8000).cookie, Settings(one, 8001).cookie}
    assert len(names) == 3


def test_ctrl_c_stops_the_server_cleanly(workspace: Callable[..., Path]) -> None:
    """Ctrl+C (SIGINT) stops waitress: « arrêté. », exit 0, no traceback."""
    import signal
    import time

    root = workspace({"inputs/cyber/a.yaml": ENTRY})
    process = subprocess.Popen(
        [sys.executable, "-m", "drafter", "serve", "-w", str(root), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # as in a terminal
    )
    assert process.stdout is not None
    assert process.stdout.readline().startswith("secrétariat : http://127.0.0.1:")
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=20)
    assert process.returncode == 0
    assert out.endswith("arrêté.\n")
    assert "Traceback" not in err
