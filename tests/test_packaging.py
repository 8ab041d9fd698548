"""`pip install .` (not editable) into a fresh virtual environment really ships everything."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.mark.slow
def test_installed_wheel_runs_init_new_build(tmp_path: Path) -> None:
    """From an unrelated directory, the installed drafter finds its templates and data."""
    env_dir = tmp_path / "venv"
    python = _venv_seeing_this_environment(env_dir)
    wheel = _build_wheel(tmp_path / "dist")
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
        timeout=300,
    )
    work = tmp_path / "ailleurs"
    work.mkdir()
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    environment["PATH"] = f"{env_dir / 'bin'}{os.pathsep}{environment['PATH']}"

    def run(*args: str) -> str:
        done = subprocess.run(
            ["drafter", *args],
            cwd=work,
            env=environment,
            text=True,
            capture_output=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    where = subprocess.run(
        [python, "-c", "import drafter; print(drafter.__file__)"],
        cwd=work,
        env=environment,
        text=True,
        capture_output=True,
        check=True,
    ).stdout
    assert str(env_dir) in where, "the test must exercise the installed copy, not the checkout"
    run("init", "espace", "--numero", "9", "--debut", "2023-06")
    run("new", "cyber", "--date", "2023-10", "--workspace", "espace")
    entry = next((work / "espace" / "inputs" / "cyber").glob("*.yaml"))
    text = entry.read_text(encoding="utf-8")
    text = text.replace("acteurs: >-\n  \n", "acteurs: >-\n  les services\n")
    text = text.replace("action: >-\n  \n", "action: >-\n  ont échangé\n")
    entry.write_text(text.replace("contributeur: \n", "contributeur: SEAE\n"), encoding="utf-8")
    assert "brouillon écrit" in run("build", "--workspace", "espace")
    assert (work / "espace" / "outputs" / "rapport-etape-09.docx").stat().st_size > 10_000
    assert sys.version_info >= (3, 11)


def _venv_seeing_this_environment(env_dir: Path) -> Path:
    """Create a venv whose dependencies come from the environment running the tests.

    `system_site_packages` would show the base interpreter's packages, not those of a venv
    the tests run in; a .pth file naming this environment's site-packages works in both cases.
    """
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    inner = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        text=True,
        capture_output=True,
        check=True,
    ).stdout.strip()
    outer = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(inner, "outer-environment.pth").write_text("\n".join(sorted(outer)) + "\n")
    return python


def _build_wheel(out: Path) -> Path:
    """Build drafter's wheel with this environment's hatchling (no download)."""
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), REPO],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return next(out.glob("drafter-*.whl"))
