"""What keeps `drafter serve` safe: tokens, CSRF, the Host check, paths kept inside inputs/.

Pure functions over the settings, so each rule is tested (and broken on purpose) on its own.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import DrafterError, Problem, unlocated
from drafter.reading.values import Reader
from drafter.reading.workspace import ENTRY_SUFFIXES, read_yaml
from drafter.reading.yaml_nodes import MAPPING, Node

SECRETARIAT = ""  # the role of the main token: every entry, every service
LOOPBACK = ("127.0.0.1", "localhost", "::1")
MIN_TOKEN = 20
MAX_REQUEST = 1_000_000  # the size limit of an entry file: no form is larger


@dataclass(frozen=True)
class Settings:
    """One run of the server: workspace, address, secret tokens."""

    root: Path
    port: int
    host: str = "127.0.0.1"
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    services: dict[str, str] = field(default_factory=dict)  # token -> service
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))

    @property
    def cookie(self) -> str:
        """Return the cookie name: one per port and workspace, so that two servers (or one
        restarted on another workspace) never mix their tokens in one browser."""
        place = hashlib.sha256(str(self.root).encode()).hexdigest()[:12]
        return f"drafter-{self.port}-{place}"


def allowed_hosts(settings: Settings) -> frozenset[str]:
    """Return the Host headers accepted: loopback names with the port, or the explicit host."""
    names = {*LOOPBACK, settings.host.lower()}  # the Host header is compared lowercased
    hosts = {f"[{n}]" if ":" in n else n for n in names}
    with_port = {f"{h}:{settings.port}" for h in hosts}
    return frozenset(with_port | (hosts if settings.port == 80 else set()))


def host_allowed(settings: Settings, host: str | None) -> bool:
    """Return True when the Host header names this server (no DNS rebinding)."""
    return (host or "").lower() in allowed_hosts(settings)


def role_of(settings: Settings, token: str | None) -> str | None:
    """Return SECRETARIAT or the service a token belongs to; None for an unknown token."""
    if not token:
        return None
    if hmac.compare_digest(token.encode(), settings.token.encode()):
        return SECRETARIAT
    for known, service in settings.services.items():
        if hmac.compare_digest(token.encode(), known.encode()):
            return service
    return None


def csrf_token(settings: Settings, token: str) -> str:
    """Return the CSRF token of a session: tied to its access token and to this run."""
    return hmac.new(settings.secret, token.encode(), hashlib.sha256).hexdigest()


def csrf_valid(settings: Settings, token: str, sent: str | None) -> bool:
    """Return True when a POST carries the CSRF token of its session."""
    return bool(sent) and hmac.compare_digest(csrf_token(settings, token), sent or "")


def may_write(role: str, contributors: list[str]) -> bool:
    """Return True when the role may write an entry by these contributors (old and new)."""
    return role == SECRETARIAT or all(c == role for c in contributors)


def entry_file(root: Path, rel: str, areas: list[str]) -> Path:
    """Return the entry file `rel` names under inputs/, refusing anything outside an area."""
    inputs = (root / "inputs").resolve()
    if "\0" in rel or len(rel) > 1000:
        raise DrafterError(
            [unlocated("fichier refusé : nom invalide (caractère nul, ou trop long)")]
        )
    path = (inputs / rel).resolve()
    inside = path.is_relative_to(inputs) and len(path.relative_to(inputs).parts) > 1
    if not inside or path.relative_to(inputs).parts[0] not in areas:
        raise DrafterError(
            [unlocated(f"fichier refusé « {rel} » : il n'est dans aucun dossier de domaine")]
        )
    if not path.name.endswith(ENTRY_SUFFIXES):
        raise DrafterError(
            [unlocated(f"fichier refusé « {rel} » : une entrée est un fichier .yaml")]
        )
    return path


def _check_service(
    reader: Reader, key: Node, value: Node, token: str, services: dict[str, str]
) -> None:
    """Record the problems of one `service: jeton` line: a name, a long token of its own."""
    if not key.text.strip():
        reader.error(key, "nom de service vide : écrivez « SEAE: <jeton> »")
    if len(token) < MIN_TOKEN:
        reader.error(value, f"jeton de « {key.text} » trop court : {MIN_TOKEN} caractères")
    elif token in services:
        reader.error(
            value,
            f"jeton de « {key.text} » identique à celui de « {services[token]} » : chaque "
            "service a son propre jeton (sinon l'un écrirait sous le nom de l'autre)",
        )


def read_services(path: Path) -> dict[str, str]:
    """Return token -> service from a `service: jeton` YAML file; raise on any problem."""
    problems: list[Problem] = []
    node = read_yaml(path, path.name, problems)  # its folder is the root it may not leave
    reader = Reader(str(path))
    if node is not None and node.kind != MAPPING:
        reader.error(node, "attendu : une liste « SERVICE: jeton »")
    services: dict[str, str] = {}
    for key, value in node.pairs if node is not None else []:
        token = reader.text(value, key.text) or ""
        _check_service(reader, key, value, token, services)
        services.setdefault(token, key.text)
    if problems or reader.problems or node is None:
        raise DrafterError(problems + reader.problems or [unlocated(f"{path} : fichier vide")])
    return services
