"""The Host check of `drafter serve` compares names without regard to case."""

from __future__ import annotations

from pathlib import Path

from drafter.web.security import Settings, host_allowed


def test_explicit_host_is_accepted_whatever_its_case(tmp_path: Path) -> None:
    """`--host MyHost.local` accepts `Host: myhost.local:8000` and `MYHOST.LOCAL:8000`."""
    settings = Settings(tmp_path, 8000, host="MyHost.local")
    for header in ("MyHost.local:8000", "myhost.local:8000", "MYHOST.LOCAL:8000"):
        assert host_allowed(settings, header), header
    assert not host_allowed(settings, "otherhost.local:8000")
