"""System errors anywhere: a French message with the path, exit 1, never a traceback."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result


def test_init_under_a_file_is_a_clean_error(
    tmp_path: Path, cli_invoke: Callable[..., Result]
) -> None:
    """init where a folder cannot be made (a file in the way): exit 1, path, French reason."""
    (tmp_path / "fichier").write_text("")
    result = cli_invoke("init", tmp_path / "fichier" / "ws", "--numero", "9", "--debut", "2023-06")
    assert result.exit_code == 1
    assert str(tmp_path / "fichier") in result.stderr
    assert "un élément du chemin n'est pas un dossier" in result.stderr
    assert not isinstance(result.exception, OSError)


def test_new_in_an_unwritable_area_is_a_clean_error(
    workspace: Callable[..., Path],
    cli_invoke: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """new where writing is refused (simulated: root writes everywhere): exit 1 in French."""
    root = workspace()

    def refused(*args: object, dir: Path, **kwargs: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied", str(dir))

    monkeypatch.setattr(tempfile, "mkstemp", refused)  # entries go through safe_write.py
    result = cli_invoke("new", "cyber", "--date", "2024-03", "--workspace", root)
    assert result.exit_code == 1
    assert "inputs/cyber/" in result.stderr
    assert "permission refusée" in result.stderr
    assert list((root / "inputs" / "cyber").iterdir()) == []


def test_read_only_outputs_folder_is_a_clean_error(
    workspace: Callable[..., Path],
    cli_invoke: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A build on a read-only file system: exit 1, the draft's path and the French reason."""
    root = workspace({"inputs/cyber/a.yaml": "date: 2023-07\ntexte: Un\ncontributeur: X\n"})

    def read_only(*args: object, **kwargs: object) -> int:
        raise OSError(errno.EROFS, "Read-only file system", args[0] if args else "")

    monkeypatch.setattr(os, "open", read_only)
    result = cli_invoke("build", "--workspace", root)
    assert result.exit_code == 1
    assert "lecture seule" in result.stderr or "permission" in result.stderr
    assert not isinstance(result.exception, OSError)


@pytest.mark.parametrize(("numero", "debut"), [("1000", "2023-06"), ("9", "2250-06")])
def test_init_beyond_the_limits_writes_nothing(
    tmp_path: Path, cli_invoke: Callable[..., Result], numero: str, debut: str
) -> None:
    """init never writes a cycle file that check would refuse (numero ≤ 999, years ≤ 2199)."""
    result = cli_invoke("init", tmp_path / "ws", "--numero", numero, "--debut", debut)
    assert result.exit_code == 2
    assert not (tmp_path / "ws" / "inputs" / "rapport.yaml").exists()
