"""Which Jinja2 environment drafts, and the compiled templates it keeps between runs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import jinja2
import pytest
from jinja2.bccache import bc_magic
from jinja2.sandbox import ImmutableSandboxedEnvironment

from drafter.drafting import templates
from drafter.drafting.templates import compiled_templates, environment
from drafter.model import Workspace
from drafter.reading.workspace import load_workspace
from drafter.usecases.drafts import BuildOptions, build_markdown

MAGIC = len(bc_magic)
OVERRIDE = """\
{% extends "defaut/rapport.md.j2" %}
{% block cloture %}Les services restent déterminés.{% endblock %}
"""


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return this test's own cache folder of compiled templates (empty)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "drafter" / "modeles"


@pytest.mark.parametrize(
    ("files", "sandboxed"),
    [
        ({}, False),
        ({"templates/reference.docx": ""}, False),
        ({"templates/rapport.md.j2": OVERRIDE}, True),
        ({"templates/fr/macros.md.j2": "{% macro x() %}{% endmacro %}"}, True),
        # a case-insensitive disk loads this one as rapport.md.j2
        ({"templates/RAPPORT.MD.J2": OVERRIDE}, True),
        ({"templates/notes.txt": "x"}, True),
    ],
)
def test_the_sandbox_whenever_the_workspace_has_templates(
    workspace: Callable[..., Path], files: dict[str, str], sandboxed: bool
) -> None:
    """Workspace templates are not trusted code: the sandbox runs them. Only drafter's own
    templates can load when `templates/` holds nothing but a reference document."""
    env = environment(workspace(files), "’")
    assert isinstance(env, ImmutableSandboxedEnvironment) is sandboxed


def test_drafters_own_templates_folder_is_not_a_workspaces() -> None:
    """The repository is the demo workspace: its templates/ are drafter's own."""
    root = templates.shipped_templates().parent
    assert not isinstance(environment(root, "’"), ImmutableSandboxedEnvironment)


def test_compiled_templates_are_kept_and_used(
    workspace: Callable[..., Path], cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first draft compiles the templates into the cache; the next one compiles none."""
    root = workspace()
    first = build_markdown(load(root), root, BuildOptions())
    assert len(list(cache.iterdir())) >= 4  # rapport, macros, subject, footer
    monkeypatch.setattr(jinja2.Environment, "compile", _no_compiling)
    assert build_markdown(load(root), root, BuildOptions()) == first


def test_a_damaged_cache_is_compiled_again(workspace: Callable[..., Path], cache: Path) -> None:
    """Cut or garbled cache files are not an error: the templates are compiled again."""
    root = workspace()
    first = build_markdown(load(root), root, BuildOptions())
    for index, path in enumerate(sorted(cache.iterdir())):
        data = path.read_bytes()
        # cut inside the code; or Jinja2's header kept and garbage after it, where Jinja2
        # reads its checksum with pickle (which then raises)
        path.write_bytes(data[: len(data) // 2] if index % 2 else data[:MAGIC] + b"\xff\x00")
    assert build_markdown(load(root), root, BuildOptions()) == first


def test_no_usable_cache_folder_is_not_an_error(
    workspace: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache folder that cannot be made (here a file is in the way) is simply not used."""
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "a-file"))
    assert compiled_templates("libre") is None
    root = workspace()
    assert "rapport d’étape" in build_markdown(load(root), root, BuildOptions())


def test_sandboxed_and_plain_compilations_are_kept_apart(
    workspace: Callable[..., Path], cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sandbox compiles operators into checked calls: a shipped template compiled for
    the plain environment must not be reused by a sandboxed one (nor the reverse)."""
    plain, boxed = compiled_templates("libre"), compiled_templates("bac-a-sable")
    assert plain is not None
    assert boxed is not None
    assert plain.get_cache_key("macros.md.j2", "f") != boxed.get_cache_key("macros.md.j2", "f")
    build_markdown(load(workspace()), workspace(), BuildOptions())
    monkeypatch.setattr(jinja2.Environment, "compile", _no_compiling)
    overriding = workspace({"templates/rapport.md.j2": OVERRIDE})
    with pytest.raises(AssertionError, match="compiled"):
        build_markdown(load(overriding), overriding, BuildOptions())


def _no_compiling(*args: object, **kwargs: object) -> None:
    raise AssertionError("a template was compiled")


def load(root: Path) -> Workspace:
    return load_workspace(root)[0]


@pytest.mark.parametrize("files", [{}, {"templates/rapport.md.j2": OVERRIDE}])
def test_a_dictionary_reads_as_jinja_reads_it(
    workspace: Callable[..., Path], files: dict[str, str]
) -> None:
    """`d.etat` is the key (read at once), `d.items` the method even beside an `items` key,
    `d.absent` undefined, a dictionary's subclass as Jinja2 reads it; plain and sandboxed."""
    env = environment(workspace(files), "’")
    assert isinstance(env, templates._DictKeys)  # the fast read, in both environments
    read = env.from_string("{{ d.etat }}|{{ d.items is callable }}|{{ d.get('x') }}|{{ o.etat }}")

    class Counted(dict[str, str]):
        etat = "attribut"

    d = {"etat": "à revoir", "items": 1, "x": 2}
    assert read.render(d=d, o=Counted(etat="clé")) == "à revoir|True|2|attribut"
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ d.absent }}").render(d={})
