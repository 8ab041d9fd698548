"""Catalogues written as GNU gettext writes them (issue 28, points 7, 8 and 10): what
drafter writes is what msgcat writes, so that a save in Poedit, Lokalize or Weblate (all
gettext writers) followed by `drafter traductions` changes nothing in a shared repository;
a PO editor's header fields and comments survive; `--pot` writes the template msgmerge and
Weblate update catalogues from."""

from __future__ import annotations

import subprocess
import types
from collections.abc import Callable
from pathlib import Path

import yaml
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.reading.catalogue_reader import read_catalogue
from drafter.usecases.catalogue import catalogue_path, update_translations
from drafter.writing.catalogue_writer import catalogue_text
from tests.conftest import REPO
from tests.test_catalogue_tools import gettext, translate

LONG_ID = "renforcement-capacites/2023-07-coordination-ukraine-et-partenaires-orientaux"
UKRAINE = """
date: 2023-07-11
texte: >-
  Les deux organisations ont mis en place une coordination d'état-major OTAN-UE dédiée à
  l'Ukraine, à la Moldavie et à la Géorgie, y compris pour le « bien-être » des
  populations civiles (voir §\u00a012) : 100 % des demandes ont été traitées
contributeur: SEAE
a_souligner: "Une coordination d'état-major OTAN-UE dédiée à l'Ukraine a été mise en place"
points:
  - la formation des forces armées ukrainiennes, moldaves et géorgiennes au déminage
  - la protection des infrastructures critiques et des réseaux d'énergie transfrontaliers
"""
EXPERTS = """
- id: cy-002
  date: 2023-10-04
  acteurs: des experts de l'UE et de l'OTAN
  action: ont échangé sur les menaces hybrides et cyber contre les institutions européennes
  contributeur: SEAE
"""
POEDIT_HEADER = """\
# Translation of the ninth progress report.
# Jane Doe <jane.doe@example.eu>, 2024.
#
msgid ""
msgstr ""
"Project-Id-Version: rapport-etape-09\\n"
"POT-Creation-Date: \\n"
"PO-Revision-Date: 2024-05-02 10:14+0200\\n"
"Last-Translator: Jane Doe <jane.doe@example.eu>\\n"
"Language-Team: EEAS translation unit\\n"
"Language: en\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"X-Generator: Poedit 3.4.2\\n"
"""


def msgcat(path: Path) -> str:
    """Return what GNU msgcat writes for a catalogue."""
    done = gettext("msgcat", path)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _workspace(workspace: Callable[..., Path]) -> Path:
    root = workspace({f"inputs/{LONG_ID}.yaml": UKRAINE, "inputs/cyber/seae.yaml": EXPERTS})
    update_translations(root)
    return root


def test_drafter_writes_what_msgcat_writes(workspace: Callable[..., Path]) -> None:
    """Long sentences, hyphenated ids, quotes, no-break spaces: msgcat rewrites drafter's
    catalogue to the same bytes, and a `#.` comment keeps its entry id whole."""
    root = _workspace(workspace)
    path = catalogue_path(root)
    translate(root, {"cy-002": "{Date}, EU and NATO experts exchanged views on hybrid threats."})
    assert msgcat(path) == path.read_text("utf-8")
    lines = path.read_text("utf-8").splitlines()
    assert f"#. highlight bullet (start of the report) for the sentence {LONG_ID}" in lines
    assert lines[-1] != ""


def test_the_demo_catalogue_is_what_msgcat_writes() -> None:
    """The catalogue shipped with the demonstration is in gettext's own layout."""
    path = Path(__file__).resolve().parent.parent / "traductions" / "en.po"
    assert msgcat(path) == path.read_text("utf-8")


def test_an_editor_save_then_traductions_changes_nothing(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """A translator fills a msgstr and their tool saves through gettext (msgcat): then
    `drafter traductions` leaves the file as it is, byte for byte."""
    root = _workspace(workspace)
    path = catalogue_path(root)
    text = path.read_text("utf-8")
    english = "{Date}, EU and NATO experts exchanged views on hybrid and cyber threats to them."
    marker = 'msgctxt "cy-002"\n'
    start = text.index(marker)
    end = text.index('msgstr ""', start) + len('msgstr ""')
    path.write_text(text[:end].removesuffix('""') + f'"{english}"' + text[end:], "utf-8")
    saved = msgcat(path)
    path.write_text(saved, "utf-8")
    result = cli_invoke("traductions", "--workspace", root)
    assert result.stdout.endswith("traductions/en.po inchangé\n")
    assert path.read_text("utf-8") == saved


def test_a_po_editors_header_and_comments_survive(workspace: Callable[..., Path]) -> None:
    """A header as Poedit writes it (Last-Translator, PO-Revision-Date, Language-Team,
    Plural-Forms, X-Generator) and its translator comments survive `drafter traductions`
    after a contributor change, in their order; msgfmt -c accepts the result."""
    root = _workspace(workspace)
    path = catalogue_path(root)
    text = path.read_text("utf-8")
    body = text[text.index("\n\n") :]
    path.write_text(
        POEDIT_HEADER + body.replace("#. area:", "# checked with the desk\n#. area:", 1), "utf-8"
    )
    source = root / "inputs/cyber/seae.yaml"
    source.write_text(source.read_text("utf-8").replace("hybrides et cyber", "hybrides"), "utf-8")
    assert update_translations(root).written
    written = path.read_text("utf-8")
    assert written.startswith(POEDIT_HEADER)
    assert "# checked with the desk\n#. area:" in written
    assert gettext("msgfmt", "-c", "-o", "/dev/null", path).returncode == 0


def test_pot_is_the_template_msgmerge_updates_from(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """`drafter traductions --pot` writes traductions/drafter.pot (untranslated, msgfmt -c
    valid) and leaves en.po alone; msgmerge of en.po with it gives en.po unchanged."""
    root = _workspace(workspace)
    translate(root, {"cy-002": "{Date}, EU and NATO experts exchanged views on hybrid threats."})
    path = catalogue_path(root)
    before = path.read_bytes()
    result = cli_invoke("traductions", "--pot", "--workspace", root)
    assert result.exit_code == 0
    assert result.stdout == "5 messages — traductions/drafter.pot écrit\n"
    template = root / "traductions" / "drafter.pot"
    assert path.read_bytes() == before
    assert all(not m.msgstr for m in read_catalogue(template, "drafter.pot").messages)
    assert gettext("msgfmt", "-c", "-o", "/dev/null", template).returncode == 0
    merged = gettext("msgmerge", "-q", path, template)
    assert merged.stdout == path.read_text("utf-8")
    again = cli_invoke("traductions", "--pot", "--workspace", root)
    assert again.stdout == "5 messages — traductions/drafter.pot inchangé\n"


_FRENCH = st.text(
    alphabet=list("aeiouéèlmnrst      ,.;:!?-'’«»()[]{}/%€0123456789\u00a0\u202f—–…\"\\\tÉ\n"),
    max_size=300,
)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(_FRENCH, _FRENCH, st.booleans()), min_size=1, max_size=4))
def test_any_text_is_written_as_msgcat_writes_it(texts: list[tuple[str, str, bool]]) -> None:
    """Whatever the French and English (quotes, escapes, newlines, dashes, no-break spaces,
    long words), drafter's layout is msgcat's."""
    messages = [
        types.SimpleNamespace(
            context=f"cy-{n}",
            msgid=msgid,
            msgstr=msgstr,
            fuzzy=fuzzy and bool(msgstr),
            previous=msgid[::-1] if fuzzy and msgstr else None,
            obsolete=False,
            translator="",
            extracted="area: cyber",
            occurrences=(("inputs/cyber/seae.yaml", str(n)),),
            flags=("python-brace-format",),
        )
        for n, (msgid, msgstr, fuzzy) in enumerate(texts)
    ]
    fields = {"Content-Type": "text/plain; charset=UTF-8"}
    text = catalogue_text(messages, fields, "")
    gettext("msgcat", "--version")  # skips without gettext
    done = subprocess.run(["msgcat", "-"], input=text, capture_output=True, text=True, check=False)
    assert done.stdout == text, done.stderr


def _boundary_messages() -> list[types.SimpleNamespace]:
    """Return messages whose break falls at every column around the page width, next to
    each kind of character gettext treats apart (spaces, no-break spaces, hyphens, escapes,
    closing marks, apostrophes, digits)."""
    joints = [
        " ",
        "\u202f",
        "\u00a0",
        "\u202f: ",
        "\u00a0» ",
        "-",
        '\\"',
        ' "',
        "\t",
        "’",
        " (",
        ") ",
        "/",
        "—",
        "2 %",
    ]
    texts = [
        "a" * n + joint + "b c" + tail
        for n in range(64, 80)
        for joint in joints
        for tail in ("", " d", "\n")
    ]
    return [
        types.SimpleNamespace(
            context=f"m{n}",
            msgid=text,
            msgstr=text.upper(),
            fuzzy=False,
            previous=None,
            obsolete=False,
            translator="",
            extracted="",
            occurrences=(),
            flags=(),
        )
        for n, text in enumerate(texts)
    ]


def test_every_boundary_is_cut_as_msgcat_cuts_it(tmp_path: Path) -> None:
    """At each column around 79 and next to each special character, drafter cuts a string
    where msgcat does, and puts a string that fits on its keyword's line as msgcat does."""
    path = tmp_path / "en.po"
    fields = {"Content-Type": "text/plain; charset=UTF-8"}
    path.write_text(catalogue_text(_boundary_messages(), fields, ""), "utf-8")
    assert msgcat(path) == path.read_text("utf-8")


def test_the_catalogues_headers_are_data_traductions_yaml(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """A new en.po and drafter.pot open with data/traductions.yaml's headers, as comments."""
    wording = yaml.safe_load((REPO / "drafter" / "data" / "traductions.yaml").read_text("utf-8"))
    root = _workspace(workspace)
    assert cli_invoke("traductions", "--pot", "--workspace", root).exit_code == 0
    for name, header in [
        ("en.po", wording["entete"]["en"]),
        ("drafter.pot", wording["entete_modele"]),
    ]:
        text = (root / "traductions" / name).read_text("utf-8")
        comments = [f"# {line}" for line in header.format(numero=9).splitlines()]
        assert text.splitlines()[: len(comments)] == comments, name
