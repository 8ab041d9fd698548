"""Starting `drafter serve`: bind, print the address with its token, serve until Ctrl+C."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from werkzeug.serving import BaseWSGIServer, make_server

from drafter.errors import DrafterError, unlocated
from drafter.reading.workspace import load_cycle_only
from drafter.web.app import create_app
from drafter.web.security import LOOPBACK, Settings, read_services


def open_server(root: Path, host: str, port: int, services: Path | None) -> BaseWSGIServer:
    """Return a server bound to host:port (0: any free port) serving the workspace's app."""
    load_cycle_only(root)  # a workspace without its cycle file fails here, not in the browser
    tokens = read_services(services) if services is not None else {}
    try:
        server = make_server(host, port, _placeholder, threaded=True)
    except OSError as exc:
        raise DrafterError(
            [unlocated(f"impossible d'écouter sur {host}:{port} : {exc.strerror}")]
        ) from None
    settings = Settings(root.resolve(), server.server_port, host, services=tokens)
    server.app = create_app(settings)
    return server


def _placeholder(environ: object, start_response: Callable[..., object]) -> list[bytes]:
    """Answer nothing: the real application is set once the port is known."""
    start_response("503 Service Unavailable", [])
    return []


def addresses(server: BaseWSGIServer) -> list[str]:
    """Return the lines to print: the secretariat's address, then one per service."""
    settings: Settings = server.app.extensions["drafter"]  # type: ignore[attr-defined]
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
