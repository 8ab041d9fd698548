"""Shared fixtures: a CLI runner that shows what happened, and throwaway workspaces."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import textwrap
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings
from markdown_it import MarkdownIt

from drafter.cli import main
from drafter.drafting.word_tables import read_words_with
from drafter.reading.editions import load_edition
from drafter.writing import markdown
from drafter.writing.markdown import Block
from tests.lo_uno import soffice_command

# Property tests are the same on every run (no example database replaying an old failure,
# no luck of the draw): a run that passes passes again. The long profile explores more, with
# fresh random examples, by hand: HYPOTHESIS_PROFILE=long python -m pytest tests/
settings.register_profile("deterministic", derandomize=True, database=None, print_blob=True)
settings.register_profile("long", max_examples=5_000, database=None, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))

# Drafting reads the editions' words as the command line has it read them (drafter/cli.py).
read_words_with(load_edition)
REPO = Path(__file__).resolve().parent.parent
CYCLE_9 = "numero: 9\nperiode: {debut: 2023-06, fin: 2024-05}\ndate: 2024-06-14\n"


@pytest.fixture(autouse=True, scope="session")
def _cache_of_the_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Compiled templates go to a cache of the test run's own, not the user's ~/.cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(autouse=True)
def _tracebacks_for_bugs(monkeypatch: pytest.MonkeyPatch) -> None:
    """In tests, drafter's own bugs keep their traceback (users get one « erreur interne »)."""
    monkeypatch.setenv("DRAFTER_DEBUG", "1")


@pytest.fixture
def cli_invoke() -> Callable[..., Result]:
    """Return a function running `drafter ARGS` that prints output and traceback first."""

    def invoke(*args: str | Path) -> Result:
        result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=True)
        print("exit:", result.exit_code)
        print("stdout:", result.stdout)
        print("stderr:", result.stderr)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            traceback.print_exception(*result.exc_info)
        return result

    return invoke


@pytest.fixture
def workspace(tmp_path: Path) -> Callable[..., Path]:
    """Return a function that writes a workspace: {relative path: YAML text}, cycle 9 default."""

    def make(files: dict[str, str] | None = None, cycle: str = CYCLE_9) -> Path:
        root = tmp_path / "ws"
        (root / "inputs").mkdir(parents=True, exist_ok=True)
        (root / "inputs" / "rapport.yaml").write_text(cycle, encoding="utf-8")
        for rel, text in (files or {}).items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return root

    return make


@pytest.fixture
def soffice() -> str:
    """Return LibreOffice's command; skip without it, except in CI where it is required."""
    import os
    import shutil

    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is required in CI (.ci/run installs it)")
        pytest.skip("LibreOffice is not installed")
    return found


@pytest.fixture
def chromium() -> str:
    """Return Debian's Chromium for the browser tests; skip without it, except in CI."""
    import os
    import shutil

    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is required in CI (.ci/run installs it)")
        pytest.skip("Chromium is not installed")
    return found


def whole_blocks(document: str, parser: MarkdownIt | None = None) -> list[Block]:
    """Return the blocks of a Markdown draft parsed whole (by `parser`, drafter's by default),
    what the parts of a cut draft must give."""
    parser = parser or markdown._MD
    tokens = parser.parse(document)
    walker = markdown._Walker(markdown._footnotes(tokens), markdown._source_lines(document))
    return list(walker.walk(tokens))


def parsed_blocks(document: str) -> list[Block]:
    """Return the blocks of a Markdown draft as a build parses it (cut, then part by part)."""
    return list(markdown.parse_parts(markdown.split_parts(document)))


# -- LibreOffice Writer driven through UNO (tests/lo_uno.py), one soffice a session ----------

LO_DRIVER = Path(__file__).with_name("lo_uno.py")
LoRun = Callable[[list[dict[str, Any]]], list[dict[str, Any]]]


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LoRun]:
    """Return a function running jobs in LibreOffice Writer through UNO (tests/lo_uno.py,
    under Debian's python3), in one soffice for the session; skip without LibreOffice and
    python3-uno, except in CI where they are required."""
    python = os.environ.get("DRAFTER_UNO_PYTHON", "/usr/bin/python3")
    usable = shutil.which("soffice") is not None and Path(python).is_file()
    if usable:
        probe = subprocess.run([python, "-c", "import uno"], capture_output=True, check=False)
        usable = probe.returncode == 0
    if not usable:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice and python3-uno are required in CI (.ci/run installs them)")
        pytest.skip("LibreOffice Writer with python3-uno is not installed")
    profile = tmp_path_factory.mktemp("lo-uno-profile")
    specs = tmp_path_factory.mktemp("lo-uno-jobs")
    port = _free_port()
    office = [_start(str(profile), port)]

    def run(jobs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        spec = specs / "jobs.json"
        spec.write_text(json.dumps({"port": port, "jobs": jobs}), encoding="utf-8")
        command = [python, str(LO_DRIVER), str(spec)]
        inputs = {job["input"]: Path(job["input"]).read_bytes() for job in jobs}
        done = subprocess.run(command, capture_output=True, text=True, timeout=240)
        if done.returncode != 0:
            # LibreOffice 7.4 under load: its UNO bridge sometimes dies on a signal (SIGSEGV)
            # after many documents, or a dispatched command never shows. Once more, from
            # the same files, in a fresh soffice; a real failure fails twice.
            _stop(office[0])
            office[0] = _start(str(profile), port)
            for path, data in inputs.items():
                Path(path).write_bytes(data)
            done = subprocess.run(command, capture_output=True, text=True, timeout=240)
        assert done.returncode == 0, done.stderr
        results: list[dict[str, Any]] = json.loads(done.stdout)
        return results

    try:
        yield run
    finally:
        _stop(office[0])


def _start(profile: str, port: int) -> subprocess.Popen[bytes]:
    """Start soffice listening on 127.0.0.1:port with the private profile."""
    return subprocess.Popen(
        soffice_command(profile, port), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def _stop(office: subprocess.Popen[bytes]) -> None:
    office.terminate()
    try:
        office.wait(timeout=30)
    except subprocess.TimeoutExpired:
        office.kill()
        office.wait()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
