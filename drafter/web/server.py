"""Starting `drafter serve`: bind, print the address with its token, serve until Ctrl+C.

The server is waitress: pure Python, on PyPI, the same on Linux, macOS and Windows, with a
bounded pool of threads, time limits on idle connections, no access log (the first URL holds
the token) and, here, no `Server:` banner.
"""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

from waitress.channel import HTTPChannel
from waitress.server import create_server
from waitress.task import ErrorTask

from drafter.errors import DrafterError, unlocated
from drafter.reading.workspace import load_cycle_only
from drafter.web.app import create_app, error_page
from drafter.web.security import LOOPBACK, MAX_REQUEST, Settings, read_services

THREADS = 8  # requests served at once; more wait in line, never more threads
LIMITS = {
    "threads": THREADS,
    "connection_limit": 64,  # open connections beyond it wait to be accepted
    "channel_timeout": 30,  # seconds an idle (or slow-sending) connection is kept
    "cleanup_interval": 10,
    "max_request_header_size": 65_536,
    # A body past the form's limit gets the application's French 413; this bound only keeps
    # what waitress buffers before the application sees it (beyond, waitress answers itself,
    # with the application's French page: _FrenchErrorTask).
    "max_request_body_size": 10 * MAX_REQUEST,
    "ident": "",  # no Server: header
    "expose_tracebacks": False,
    "clear_untrusted_proxy_headers": True,
}


class _FrenchErrorTask(ErrorTask):  # type: ignore[misc]  # (waitress has no types)
    """waitress's answer to a request it refuses before the application sees it (a body past
    its bound, headers too large, a malformed request): drafter's French error page, not
    waitress's English text."""

    def execute(self) -> None:
        """Write the error's status and the application's page for it; close after."""
        error = self.request.error
        body, headers = error_page(self.channel.server.drafter_app, error.code)
        self.status = f"{error.code} {error.reason}"
        self.response_headers.extend(headers)
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


class _Channel(HTTPChannel):  # type: ignore[misc]  # (waitress has no types)
    """A connection whose refused requests get drafter's French error page."""

    error_task_class = _FrenchErrorTask


class Server:
    """A bound server and its application's settings."""

    def __init__(self, settings: Settings, listening: socket.socket) -> None:
        self.settings = settings
        app = create_app(settings)
        self._server: Any = create_server(app, sockets=[listening], **LIMITS)
        self._server.channel_class = _Channel  # one socket: one server, its channels ours
        # the application itself (waitress wraps it in its proxy headers' middleware)
        self._server.drafter_app = app

    def serve_forever(self) -> None:
        """Serve until interrupted."""
        self._server.run()

    def close(self) -> None:
        """Stop listening and close every connection."""
        self._server.close()


def open_server(root: Path, host: str, port: int, services: Path | None) -> Server:
    """Return a server bound to host:port (0: any free port) serving the workspace's app."""
    load_cycle_only(root)  # a workspace without its cycle file fails here, not in the browser
    tokens = read_services(services) if services is not None else {}
    listening = _bind(host, port)
    settings = Settings(root.resolve(), listening.getsockname()[1], host, services=tokens)
    return Server(settings, listening)


def _bind(host: str, port: int) -> socket.socket:
    """Return a listening socket on host:port, or raise a French error."""
    try:
        family, _, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        listening = socket.socket(family, socket.SOCK_STREAM)
        if hasattr(socket, "SO_EXCLUSIVEADDRUSE"):  # Windows: no second server on the port
            listening.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
        else:
            listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listening.bind(address)
        listening.listen(128)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        message = f"impossible d'écouter sur {host}:{port} : {reason}"
        raise DrafterError([unlocated(message)]) from None
    return listening


def addresses(server: Server) -> list[str]:
    """Return the lines to print: the secretariat's address, then one per service."""
    settings = server.settings
    base = f"http://{_url_host(settings.host)}:{settings.port}/?jeton="
    lines = [f"secrétariat : {base}{settings.token}"]
    return lines + [f"{service} : {base}{token}" for token, service in settings.services.items()]


def _url_host(host: str) -> str:
    """Return the host as a URL writes it (IPv6 in brackets)."""
    return f"[{host}]" if ":" in host else host


def warnings(host: str) -> list[str]:
    """Return the warning printed when the server listens beyond this machine."""
    if host in LOOPBACK:
        return []
    lines = [
        f"attention : --host {host} rend le formulaire joignable depuis le réseau ; "
        "quiconque a l'adresse et son jeton peut écrire des entrées"
    ]
    if host in ("0.0.0.0", "::"):  # browsers send the machine's name, which Host must match
        lines.append(
            "seules les adresses locales passent le contrôle de l'en-tête Host : "
            "indiquez plutôt --host <adresse de cette machine>"
        )
    return lines
