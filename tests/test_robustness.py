"""Any input ends in a document or in clean problems; hostile files are refused fast."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.errors import DrafterError
from drafter.reading.entries import ENTRY_KEYS
from drafter.reading.workspace import load_workspace
from drafter.usecases.drafts import BuildOptions, docx_and_sentences

CYCLE = "numero: 9\nperiode: {debut: 2023-06, fin: 2024-05}\n"
KEYS = [*sorted(ENTRY_KEYS), "acteur", "x"]
EXAMPLES = int(os.environ.get("DRAFTER_FUZZ_EXAMPLES", "150"))

scalars = st.one_of(
    st.text(max_size=40),
    st.integers(),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=True),
    st.sampled_from(
        [
            "2023-10",
            "2023-02-30",
            "periode",
            "printemps 2024",
            "S1 2024",
            "{Date}, x",
            "mi-0000",
            "2023-10-01",
            "true",
            "no",
            "P17-MM",
            "cyber",
            "\x0b",
            "\ufffe",
            "{{ 7*7 }}",
            "<w:p>",
            "Kosovo",
            "AED",
            "a" * 10_001,
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)
    ),
    max_leaves=12,
)
entries = st.dictionaries(st.sampled_from(KEYS), values, max_size=9)
# Valid entries with a few fields replaced reach the renderer and the Word writer.
near_valid = st.dictionaries(st.sampled_from(KEYS), values, max_size=2).map(
    lambda extra: {"date": "2023-10", "texte": "Une activité", "contributeur": "X", **extra}
)
documents = st.one_of(
    near_valid, st.lists(near_valid, max_size=3), entries, st.lists(entries, max_size=3), values
)


def _dump(document: object) -> str:
    try:
        return yaml.safe_dump(document, allow_unicode=True)
    except yaml.YAMLError:
        return "date: ["


def _mutate(text: str, data: st.DataObject) -> str:
    if not text or not data.draw(st.booleans()):
        return text
    at = data.draw(st.integers(0, len(text)))
    junk = data.draw(
        st.sampled_from(
            [":", " #", "{", "[", "\t", "&a ", "*a", "---\n", '"', "\x00", "\n  - ", "- ", "? "]
        )
    )
    return text[:at] + junk + text[at:]


def _outcome(root: Path) -> None:
    """Load and build; only DrafterError with positioned problems may escape."""
    problems = []
    try:
        workspace, _ = load_workspace(root)
        docx_and_sentences(workspace, root, BuildOptions())
    except DrafterError as exc:
        problems = exc.problems or [None]
    for problem in problems:
        assert problem is not None
        assert problem.path, problem
        assert problem.line >= 1, problem
        assert problem.column >= 1, problem


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(document=documents, data=st.data())
def test_any_entry_file_gives_a_document_or_clean_problems(
    tmp_path_factory: pytest.TempPathFactory, document: object, data: st.DataObject
) -> None:
    """Random keys, types, unicode, nesting and broken YAML never raise anything else."""
    root = tmp_path_factory.mktemp("fuzz")
    (root / "inputs" / "cyber").mkdir(parents=True)
    (root / "inputs" / "rapport.yaml").write_text(CYCLE, encoding="utf-8")
    text = _mutate(_dump(document), data)
    (root / "inputs" / "cyber" / "a.yaml").write_text(
        text, encoding="utf-8", errors="surrogatepass"
    )
    _outcome(root)


def test_alias_bomb_is_refused_fast(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """A billion-laughs file is refused at its first anchor, in well under a second."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}" + f",*{chr(97 + i)}" * 8 + "]"
        for i in range(8)
    ]
    root = workspace({"inputs/cyber/bomb.yaml": "\n".join(lines) + "\n"})
    tracemalloc.start()
    start = time.perf_counter()
    result = cli_invoke("check", "--workspace", root)
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert result.exit_code == 1
    assert "inputs/cyber/bomb.yaml:1:4: les ancres et alias YAML" in result.stderr
    assert elapsed < 1
    assert peak < 50_000_000


def test_five_megabyte_field_is_refused_with_the_limit(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """A 5 MB value hits the documented per-file limit (1 MB) quickly, with a message."""
    root = workspace(
        {
            "inputs/cyber/big.yaml": "date: 2023-10\ncontributeur: X\ntexte: "
            + "a" * 5_000_000
            + "\n"
        }
    )
    start = time.perf_counter()
    result = cli_invoke("check", "--workspace", root)
    assert time.perf_counter() - start < 1
    assert result.exit_code == 1
    assert (
        "inputs/cyber/big.yaml:1:1: fichier trop gros (5000038 octets ; limite 1000000)"
        in result.stderr
    )


def test_nul_byte_is_refused_with_position(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """A NUL character is an error at its line and column."""
    root = workspace({"inputs/cyber/a.yaml": "date: 2023-10\ncontributeur: X\ntexte: ab\x00c\n"})
    result = cli_invoke("check", "--workspace", root)
    assert result.exit_code == 1
    assert "inputs/cyber/a.yaml:3:10: caractère de contrôle interdit (U+0000)" in result.stderr


def test_symlink_out_of_the_workspace_is_not_followed(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result], tmp_path: Path
) -> None:
    """A link in inputs/ pointing outside is reported and its target never read."""
    outside = tmp_path / "secret.yaml"
    outside.write_text("date: 2023-10\ntexte: Secret\ncontributeur: X\n", encoding="utf-8")
    root = workspace({"inputs/cyber/a.yaml": "date: 2023-10\ntexte: Public\ncontributeur: X\n"})
    (root / "inputs" / "cyber" / "lien.yaml").symlink_to(outside)
    check = cli_invoke("check", "--workspace", root)
    assert "inputs/cyber/lien.yaml:1:1: avertissement : lien symbolique" in check.stderr
    built = cli_invoke("build", "--format", "md", "-o", "-", "--workspace", root)
    assert "Public." in built.stdout
    assert "Secret" not in built.stdout


def test_file_names_with_spaces_and_accents(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """A file named `réunion d'été.yaml` is read and cited in the comment."""
    root = workspace(
        {"inputs/cyber/réunion d'été.yaml": "date: 2023-10\ntexte: Réunion\ncontributeur: X\n"}
    )
    assert cli_invoke("build", "--workspace", root).exit_code == 0
    comments = docx.Document(str(root / "outputs" / "rapport-etape-09.docx")).comments
    assert any("inputs/cyber/réunion d’été.yaml, ligne 1" in c.text for c in comments)


def test_template_syntax_in_entries_stays_text_in_word(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """`{{ 7*7 }}`, `{% for %}` and `<w:p>` reach the Word draft literally."""
    root = workspace(
        {
            "inputs/cyber/a.yaml": "date: 2023-10\ncontributeur: X\n"
            'texte: "Texte {{ 7*7 }} {% for %} <w:p/> fin"\n'
        }
    )
    assert cli_invoke("build", "--workspace", root).exit_code == 0
    text = [
        p.text for p in docx.Document(str(root / "outputs" / "rapport-etape-09.docx")).paragraphs
    ]
    assert "Texte {{ 7*7 }} {% for %} <w:p/> fin." in text


def test_concurrent_builds_never_mix(workspace: Callable[..., Path]) -> None:
    """Two builds at once in one workspace leave a complete, valid .docx."""
    root = workspace({"inputs/cyber/a.yaml": "date: 2023-10\ntexte: Un\ncontributeur: X\n"})
    command = [sys.executable, "-m", "drafter", "build", "--workspace", str(root)]
    processes = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)
    ]
    for process in processes:
        process.communicate(timeout=120)
        assert process.returncode == 0
    drafts = sorted((root / "outputs").glob("*.docx"))
    assert [d.name for d in drafts] == ["rapport-etape-09.docx"]
    assert "Un." in [p.text for p in docx.Document(str(drafts[0])).paragraphs]


def test_workspace_template_cannot_reach_python(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """A template reaching Python internals fails in the sandbox, naming template and line."""
    root = workspace(
        {"templates/rapport.md.j2": "# Titre\n\n{{ ''.__class__.__mro__[1].__subclasses__() }}\n"}
    )
    result = cli_invoke("build", "--workspace", root)
    assert result.exit_code == 1
    assert "templates/rapport.md.j2:3:1:" in result.stderr
    assert "__class__" in result.stderr
    assert not (root / "outputs" / "rapport-etape-09.docx").exists()


def test_template_syntax_error_names_template_and_line(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """A broken workspace template is reported at its file and line."""
    root = workspace({"templates/rapport.md.j2": "# Titre\n\n{% if %}\n"})
    result = cli_invoke("build", "--workspace", root)
    assert result.exit_code == 1
    assert "templates/rapport.md.j2:3:1: erreur dans le modèle" in result.stderr


def test_hidden_files_are_not_entries(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """Editors' hidden lock and swap files (`.#a.yaml`, `.a.yaml.swp`) are not read."""
    root = workspace(
        {
            "inputs/cyber/a.yaml": "date: 2023-10\ntexte: Un\ncontributeur: X\n",
            "inputs/cyber/.#a.yaml": "date: [\n",
            "inputs/cyber/.a.yaml.swp": "date: 2023-10\n",
        }
    )
    result = cli_invoke("check", "--workspace", root)
    assert result.exit_code == 0
    assert ".#a.yaml" not in result.stderr
    assert ".a.yaml.swp" not in result.stderr


@pytest.mark.parametrize(
    "body",
    [
        "{% for i in range(10**9) %}x{% endfor %}",
        "{{ 1/0 }}",
        '{{ "a" + 1 }}',
        "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
        "# Titre\n\n{{ inconnue }}",
    ],
)
def test_failing_workspace_template_is_a_clean_error(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result], body: str
) -> None:
    """Whatever a workspace template raises is reported with the template's path, exit 1."""
    root = workspace({"templates/rapport.md.j2": body + "\n"})
    result = cli_invoke("build", "--workspace", root)
    assert result.exit_code == 1
    assert "templates/rapport.md.j2:" in result.stderr
    assert "modèle refusé ou incorrect" in result.stderr
