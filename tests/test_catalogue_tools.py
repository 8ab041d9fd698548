"""Catalogues as other people's tools write them (issue 28): GNU gettext's own msgconv,
msgcat, msgfmt -c, a file saved with a BOM or in Latin-1, duplicated contexts, plural forms,
and fuzzy or faulty translations, which never block the English draft. drafter reads what
gettext reads, says where the rest is wrong, never loses a translation, never exits 70."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given
from hypothesis import strategies as st

from drafter.errors import DrafterError
from drafter.reading.catalogue_reader import decode_catalogue, parse_catalogue, read_catalogue
from drafter.usecases.catalogue import catalogue_path, update_translations
from drafter.writing.catalogue_writer import catalogue_text

ENTRIES = """
- id: cy-001
  date: 2022-09
  acteurs: les services de l'UE et de l'OTAN
  action: ont tenu leur dialogue annuel sur la cybersécurité
  contributeur: SEAE
- id: cy-002
  date: 2022-10-04
  acteurs: des experts
  action: ont échangé sur les menaces
  contributeur: SEAE
"""
ENGLISH = {
    "cy-001": "{Date}, EU and NATO staff held their annual cyber security dialogue.",
    "cy-002": "{Date}, experts exchanged views on threats.",
}
COMMANDS = (
    ("check",),
    ("build", "--langue", "en"),
    ("traductions",),
    ("status",),
)


def gettext(tool: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run a GNU gettext tool; skip when gettext is not installed (CI installs it)."""
    if shutil.which(tool) is None:
        pytest.skip(f"GNU gettext ({tool}) is not installed")
    return subprocess.run(
        [tool, *map(str, args)], capture_output=True, text=True, errors="replace", check=False
    )


def translate(root: Path, translations: dict[str, str]) -> Path:
    """Fill msgstr as a translator does (fuzzy cleared), save; return the catalogue's path."""
    path = catalogue_path(root)
    catalogue = read_catalogue(path, "traductions/en.po")
    messages = [
        replace(m, msgstr=translations[m.context], fuzzy=False) if m.context in translations else m
        for m in catalogue.messages
    ]
    path.write_text(catalogue_text(messages, catalogue.metadata, catalogue.header), "utf-8")
    return path


@pytest.fixture
def translated(workspace: Callable[..., Path]) -> Path:
    """Return a workspace with two entries, both translated in traductions/en.po."""
    root = workspace({"inputs/cyber/seae.yaml": ENTRIES})
    update_translations(root)
    translate(root, ENGLISH)
    return root


def line_of(path: Path, text: str, start: int = 0) -> int:
    """Return the 1-based number of the first line holding `text`, from line `start` on."""
    lines = path.read_bytes().decode("utf-8", "replace").splitlines()
    return next(n for n, line in enumerate(lines, 1) if n > start and text in line)


def test_a_catalogue_msgconv_wrote_in_cp1252_reads_as_in_utf_8(translated: Path) -> None:
    """`msgconv -t CP1252` (Windows Western) gives a file msgfmt -c accepts: drafter reads the same
    messages from it, and check and build accept it."""
    path = catalogue_path(translated)
    before = read_catalogue(path, "en.po").messages
    done = gettext("msgconv", "-t", "CP1252", "-o", path, path)
    assert done.returncode == 0, done.stderr
    assert b"charset=CP1252" in path.read_bytes()
    assert "’".encode("cp1252") in path.read_bytes()
    assert gettext("msgfmt", "-c", "-o", "/dev/null", path).returncode == 0
    after = read_catalogue(path, "en.po").messages
    assert [(m.context, m.msgid, m.msgstr) for m in after] == [
        (m.context, m.msgid, m.msgstr) for m in before
    ]


def test_a_bom_is_an_error_at_its_place(
    translated: Path, cli_invoke: Callable[..., Result]
) -> None:
    """A UTF-8 BOM (which msgfmt refuses) is an error at 1:1 that names it, exit 1."""
    path = catalogue_path(translated)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert gettext("msgfmt", "-c", "-o", "/dev/null", path).returncode != 0
    result = cli_invoke("check", "--workspace", translated)
    assert result.exit_code == 1
    assert "traductions/en.po:1:1: catalogue illisible : le fichier commence par une marque " in (
        result.stderr
    )


def test_latin_1_under_a_utf_8_header_is_an_error_at_the_byte(
    translated: Path, cli_invoke: Callable[..., Result]
) -> None:
    """A file saved in Latin-1 that still says UTF-8: an error at the line and column of the
    first byte that is not UTF-8 (the « É » of « # Édition »), naming it."""
    path = catalogue_path(translated)
    text = path.read_text("utf-8")
    path.write_bytes(text.encode("latin-1", "replace"))
    result = cli_invoke("check", "--workspace", translated)
    assert result.exit_code == 1
    assert "traductions/en.po:1:3: catalogue illisible : l'octet 0xC9 n'est pas du UTF-8" in (
        result.stderr
    )


def test_an_unknown_charset_is_an_error_at_its_name(translated: Path) -> None:
    """A charset Python cannot read (or one that is not ASCII-compatible) is named where it
    stands."""
    path = catalogue_path(translated)
    path.write_text(path.read_text("utf-8").replace("charset=UTF-8", "charset=UTF-16"), "utf-8")
    with pytest.raises(DrafterError) as caught:
        read_catalogue(path, "en.po")
    line = line_of(path, "charset=")
    column = path.read_text("utf-8").splitlines()[line - 1].index("UTF-16") + 1
    assert str(caught.value) == (
        f"en.po:{line}:{column}: catalogue illisible : encodage inconnu « UTF-16 » "
        "(charset de l'en-tête)"
    )


def _duplicate(path: Path) -> tuple[int, int]:
    """Append a second message with cy-001's context (a merge of two translators' files);
    return the two msgctxt lines."""
    first = line_of(path, 'msgctxt "cy-001"')
    text = path.read_text("utf-8")
    path.write_text(text + '\nmsgctxt "cy-001"\nmsgid "Autre."\nmsgstr "Other."\n', "utf-8")
    return first, line_of(path, 'msgctxt "cy-001"', first)


def test_a_duplicated_context_is_an_error_at_both_lines_and_nothing_is_deleted(
    translated: Path, cli_invoke: Callable[..., Result]
) -> None:
    """Two messages with one msgctxt: an error at each line; traductions writes nothing."""
    path = catalogue_path(translated)
    first, second = _duplicate(path)
    before = path.read_bytes()
    result = cli_invoke("check", "--workspace", translated)
    assert result.exit_code == 1
    for line, other in ((first, second), (second, first)):
        expected = f"en.po:{line}:1: message « cy-001 » en double (aussi ligne {other})"
        assert expected in result.stderr
    assert cli_invoke("traductions", "--workspace", translated).exit_code == 1
    assert path.read_bytes() == before


def test_msgfmt_refuses_what_drafter_refuses(translated: Path) -> None:
    """The same duplicate is an error for `msgfmt -c` too (drafter is not stricter)."""
    path = catalogue_path(translated)
    path.write_text(
        path.read_text("utf-8")
        + '\nmsgctxt "cy-001"\nmsgid "{Date}, les services de l’UE et de l’OTAN ont tenu leur '
        'dialogue annuel sur la cybersécurité."\nmsgstr ""\n',
        "utf-8",
    )
    done = gettext("msgfmt", "-c", "-o", "/dev/null", path)
    assert "duplicate message definition" in done.stderr
    with pytest.raises(DrafterError):
        read_catalogue(path, "en.po")


def test_plural_forms_are_an_error_at_the_line_and_nothing_is_deleted(
    translated: Path, cli_invoke: Callable[..., Result]
) -> None:
    """A message with msgid_plural and msgstr[n] (valid for msgfmt -c with a Plural-Forms
    header): an error at its msgid_plural line; traductions leaves the file as it is."""
    path = catalogue_path(translated)
    text = path.read_text("utf-8").replace(
        '"X-Generator: drafter\\n"',
        '"X-Generator: drafter\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"',
    )
    plural = '\nmsgid "un atelier"\nmsgid_plural "des ateliers"\nmsgstr[0] "a workshop"\n'
    path.write_text(text + plural + 'msgstr[1] "workshops"\n', "utf-8")
    assert gettext("msgfmt", "-c", "-o", "/dev/null", path).returncode == 0
    before = path.read_bytes()
    result = cli_invoke("check", "--workspace", translated)
    assert result.exit_code == 1
    line = line_of(path, "msgid_plural")
    assert f"traductions/en.po:{line}:1: formes plurielles (msgid_plural, msgstr[n])" in (
        result.stderr
    )
    assert cli_invoke("traductions", "--workspace", translated).exit_code == 1
    assert path.read_bytes() == before


def _move_the_date(root: Path) -> None:
    """Make the contributor change that turns cy-002's `{Date}` into `{date}`."""
    source = root / "inputs/cyber/seae.yaml"
    text = source.read_text("utf-8").replace(
        "  date: 2022-10-04\n", "  date: 2022-10-04\n  position_date: fin\n"
    )
    source.write_text(text, "utf-8")


def test_a_fuzzy_translation_is_to_review_and_never_blocks(
    translated: Path, cli_invoke: Callable[..., Result]
) -> None:
    """A contributor moves a date: traductions keeps the English as fuzzy; check warns (exit
    0), build --langue en writes the draft with that sentence to review, its date English."""
    _move_the_date(translated)
    assert cli_invoke("traductions", "--workspace", translated).exit_code == 0
    fuzzy = {m.context: m for m in read_catalogue(catalogue_path(translated), "en.po").messages}
    assert fuzzy["cy-002"].fuzzy
    assert fuzzy["cy-002"].msgid.endswith("{date}.")
    result = cli_invoke("check", "--workspace", translated)
    assert result.exit_code == 0
    assert "0 à traduire, 1 à revoir, 1 à jour" in result.stderr
    result = cli_invoke(
        "build", "--langue", "en", "--format", "md", "-o", "-", "--workspace", translated
    )
    assert result.exit_code == 0
    assert "[On 4 October 2022, experts exchanged views on threats.]{.a-completer}" in (
        result.stdout
    )
    assert "Translation to review, the French changed: review it in traductions/en.po" in (
        result.stdout
    )
    assert "(msgctxt “cy-002”)" in result.stdout


def test_a_fuzzy_translation_whose_placeholder_went_is_a_warning(
    translated: Path, cli_invoke: Callable[..., Result]
) -> None:
    """The date of cy-002 becomes the whole period (no date phrase): its fuzzy English still
    has `{Date}`; check warns at its msgstr (exit 0) and the draft is written."""
    source = translated / "inputs/cyber/seae.yaml"
    source.write_text(source.read_text("utf-8").replace("2022-10-04", "periode"), "utf-8")
    assert cli_invoke("traductions", "--workspace", translated).exit_code == 0
    path = catalogue_path(translated)
    line = line_of(path, 'msgstr "{Date}, experts exchanged')
    result = cli_invoke("check", "--workspace", translated)
    assert result.exit_code == 0
    expected = f"traductions/en.po:{line}:1: avertissement : traduction de « cy-002 » : repères"
    assert expected in result.stderr
    result = cli_invoke(
        "build", "--langue", "en", "--format", "md", "-o", "-", "--workspace", translated
    )
    assert result.exit_code == 0


@pytest.mark.parametrize(
    ("english", "drafted"),
    [
        ("{date}, experts exchanged views on threats.", "On 4 October 2022, experts exchanged"),
        ("Experts exchanged views {Date} on threats.", "Experts exchanged views on 4 October"),
    ],
)
def test_date_and_capital_date_are_one_placeholder(
    translated: Path, cli_invoke: Callable[..., Result], english: str, drafted: str
) -> None:
    """`{date}` where the French has `{Date}` (or the reverse) is no error: drafter
    capitalises the date by its place in the English sentence."""
    translate(translated, {"cy-002": english})
    result = cli_invoke("check", "--workspace", translated)
    assert result.exit_code == 0
    assert "repères" not in result.stderr
    result = cli_invoke(
        "build", "--langue", "en", "--format", "md", "-o", "-", "--workspace", translated
    )
    assert drafted in result.stdout


HEADER = b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
ODD = {
    "empty": b"",
    "bom": b"\xef\xbb\xbf" + HEADER,
    "utf-16": HEADER.decode().encode("utf-16"),
    "latin-1 under UTF-8": HEADER + b'msgctxt "cy-001"\nmsgid "\xe9"\nmsgstr "x"\n',
    "unknown charset": HEADER.replace(b"UTF-8", b"KLINGON-8"),
    "bytes codec": HEADER.replace(b"UTF-8", b"base64"),
    "nul bytes": HEADER + b'msgctxt "cy\x00"\nmsgid "a"\nmsgstr "b"\n',
    "unclosed": HEADER + b'msgctxt "cy-001\nmsgid "a"\nmsgstr "b"\n',
    "crlf": HEADER.replace(b"\n", b"\r\n") + b'msgctxt "cy-001"\r\nmsgid "a"\r\nmsgstr "b"\r\n',
    "plural without msgid_plural": HEADER + b'msgctxt "cy-001"\nmsgid "a"\nmsgstr[0] "b"\n',
    "duplicate": HEADER
    + b'msgctxt "a"\nmsgid "a"\nmsgstr ""\n\nmsgctxt "a"\nmsgid "b"\nmsgstr ""\n',
    "obsolete only": HEADER + b'#~ msgctxt "cy-001"\n#~ msgid "a"\n#~ msgstr "b"\n',
    "no header": b'msgctxt "cy-001"\nmsgid "a"\nmsgstr "{Date} {x} {"\n',
    "binary": bytes(range(256)),
    "escapes": HEADER + b'msgctxt "cy-001"\nmsgid "\\q\\x41\\101"\nmsgstr "\\"}{"\n',
    "strange flags": HEADER
    + b'#, fuzzy, , c-format\n#| msgid\nmsgctxt "cy-001"\nmsgid "a"\nmsgstr "b"\n',
}


@pytest.mark.parametrize("name", sorted(ODD))
def test_no_catalogue_makes_an_internal_error(
    translated: Path, cli_invoke: Callable[..., Result], name: str
) -> None:
    """Whatever traductions/en.po holds, check, build --langue en, traductions and status
    end in 0 or 1 (never 70, « erreur interne »), and an unreadable file is left as it is."""
    path = catalogue_path(translated)
    path.write_bytes(ODD[name])
    for command in COMMANDS:
        result = cli_invoke(*command, "--workspace", translated)
        assert result.exception is None or isinstance(result.exception, SystemExit), command
        assert result.exit_code in (0, 1), (name, command)
        if result.exit_code == 1 and command == ("traductions",):
            assert path.read_bytes() == ODD[name]


SAMPLE = (
    HEADER
    + (
        '#. area: cyber\n#, fuzzy, python-brace-format\n#| msgid "{Date}, avant."\n'
        'msgctxt "cy-001"\nmsgid "{Date}, après."\nmsgstr "{Date}, after."\n\n'
        '#~ msgctxt "cy-002"\n#~ msgid "Retirée."\n#~ msgstr "Withdrawn."\n'
    ).encode()
)


@given(st.lists(st.tuples(st.integers(0, len(SAMPLE)), st.binary(max_size=3)), max_size=4))
def test_any_edit_of_a_catalogue_reads_or_is_a_located_error(
    edits: list[tuple[int, bytes]],
) -> None:
    """Bytes inserted anywhere in a catalogue give messages or a DrafterError at a line and
    column of the file, never another exception."""
    data = SAMPLE
    for offset, inserted in edits:
        data = data[:offset] + inserted + data[offset:]
    problems = []
    try:
        parse_catalogue(decode_catalogue(data, "en.po"), "en.po")
    except DrafterError as exc:
        problems = exc.problems
    assert all(1 <= p.line <= data.count(b"\n") + 1 and p.column >= 1 for p in problems)


TWO_WITHOUT_IDS = """
- date: 2022-09
  acteurs: les services de l'UE et de l'OTAN
  action: ont tenu leur dialogue annuel sur la cybersécurité
  contributeur: SEAE
- date: 2022-10-04
  acteurs: des experts
  action: ont échangé sur les menaces
  contributeur: SEAE
"""


def test_ids_that_shift_keep_their_own_english(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """Two entries without id (`cyber/seae`, `cyber/seae#2`), both translated; the first is
    withdrawn, the second becomes `cyber/seae`: it keeps its own English, reviewed, as
    msgmerge (which matches the same French first) gives it; check says to add ids."""
    root = workspace({"inputs/cyber/seae.yaml": TWO_WITHOUT_IDS})
    update_translations(root)
    translate(root, {"cyber/seae": ENGLISH["cy-001"], "cyber/seae#2": ENGLISH["cy-002"]})
    result = cli_invoke("check", "--workspace", root)
    for line in (1, 5):
        assert f"inputs/cyber/seae.yaml:{line}:3: avertissement : entrée sans « id »" in (
            result.stderr
        )
    path = catalogue_path(root)
    before = path.read_text("utf-8")
    source = root / "inputs/cyber/seae.yaml"
    source.write_text(TWO_WITHOUT_IDS[TWO_WITHOUT_IDS.index("- date: 2022-10-04") :], "utf-8")
    update_translations(root)
    messages = read_catalogue(path, "en.po").messages
    live = [(m.context, m.msgstr, m.fuzzy) for m in messages if not m.obsolete]
    assert live == [("cyber/seae", ENGLISH["cy-002"], False)]
    assert [m.msgstr for m in messages if m.obsolete] == [ENGLISH["cy-001"]]
    template = root / "new.pot"
    template.write_text(path.read_text("utf-8").replace(ENGLISH["cy-002"], ""), "utf-8")
    (root / "old.po").write_text(before, "utf-8")
    merged = gettext("msgmerge", "-q", root / "old.po", template)
    assert 'msgctxt "cyber/seae"\nmsgid "{Date}, des experts' in merged.stdout
    assert f'msgstr "{ENGLISH["cy-002"]}"' in merged.stdout.split('msgctxt "cyber/seae"')[1]
    assert (
        "avertissement : entrée sans « id »" not in cli_invoke("check", "--workspace", root).stderr
    )


def test_the_archive_s_same_french_wins_over_the_context(translated: Path) -> None:
    """cy-001's French becomes a sentence an earlier cycle translated: it takes that English
    (to review, as archived translations are), not the English of its old French."""
    from drafter.drafting.messages import extract_messages
    from drafter.model import CatalogueMessage
    from drafter.reading.workspace import load_workspace

    source = translated / "inputs/cyber/seae.yaml"
    text = source.read_text("utf-8").replace("leur dialogue annuel", "leur dialogue")
    source.write_text(text, "utf-8")
    french = next(m.msgid for m in extract_messages(load_workspace(translated)[0]))
    archived = translated / "archive/08/traductions/en.po"
    archived.parent.mkdir(parents=True)
    english = "{Date}, EU and NATO staff held their cyber security dialogue."
    message = CatalogueMessage(context="cy-101", msgid=french, msgstr=english)
    archived.write_text(catalogue_text([message], {}, ""), "utf-8")
    update_translations(translated)
    messages = read_catalogue(catalogue_path(translated), "en.po").messages
    found = {m.context: m for m in messages if not m.obsolete}
    assert (found["cy-001"].msgstr, found["cy-001"].fuzzy) == (english, True)
    assert [m.msgstr for m in messages if m.obsolete] == [ENGLISH["cy-001"]]


LIST = """
- id: cy-004
  date: 2023-03
  texte: "Dans ce cadre, l'Agence a organisé, {date}, un atelier"
  contributeur: AED
  points:
    - la protection des réseaux
    - la formation
"""


def test_adding_a_list_item_leaves_the_others_translated(
    workspace: Callable[..., Path], cli_invoke: Callable[..., Result]
) -> None:
    """A list item's msgid has no closing « ; » or « . »: adding an item after the last one
    leaves the former last one translated, and the English draft closes each item by its
    place (« ; », then « . »)."""
    root = workspace({"inputs/cyber/aed.yaml": LIST})
    update_translations(root)
    translate(root, {"cy-004#point-1": "network protection", "cy-004#point-2": "training"})
    source = root / "inputs/cyber/aed.yaml"
    source.write_text(source.read_text("utf-8") + "    - les exercices\n", "utf-8")
    result = update_translations(root)
    assert result.line().startswith("2 à traduire, 0 à revoir, 2 à jour")
    found = {m.context: m for m in read_catalogue(catalogue_path(root), "en.po").messages}
    assert (found["cy-004#point-2"].msgid, found["cy-004#point-2"].fuzzy) == ("la formation", False)
    translate(root, {"cy-004#point-3": "exercises."})
    result = cli_invoke("build", "--langue", "en", "--format", "md", "-o", "-", "--workspace", root)
    assert "- network protection;" in result.stdout
    assert "- training;" in result.stdout
    assert "- exercises." in result.stdout


def test_list_items_of_an_older_catalogue_stay_translated(workspace: Callable[..., Path]) -> None:
    """A catalogue written when list items' msgids kept their « ; » / « . » keeps their
    translations as they are (not to review) once traductions rewrites the msgids."""
    root = workspace({"inputs/cyber/aed.yaml": LIST})
    update_translations(root)
    path = catalogue_path(root)
    text = path.read_text("utf-8")
    text = text.replace(
        'msgid "la protection des réseaux"', 'msgid "la protection des réseaux\u202f;"'
    )
    text = text.replace(
        'msgid "la formation"\nmsgstr ""', 'msgid "la formation."\nmsgstr "training."'
    )
    path.write_text(text, "utf-8")
    translate(root, {"cy-004#point-1": "network protection;"})
    update_translations(root)
    found = {m.context: m for m in read_catalogue(path, "en.po").messages}
    assert [(found[c].msgid, found[c].fuzzy) for c in ("cy-004#point-1", "cy-004#point-2")] == [
        ("la protection des réseaux", False),
        ("la formation", False),
    ]


def test_a_catalogue_that_is_a_pipe_or_too_big_is_refused(
    translated: Path, cli_invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """traductions/en.po as a named pipe, or past the catalogues' limit: an error at 1:1 that
    says why (the one guard of outside files), never a hang nor a whole read."""
    import os

    from drafter.reading import catalogue_reader
    from drafter.writing.outside import Limits

    path = catalogue_path(translated)
    size = path.stat().st_size
    monkeypatch.setattr(catalogue_reader, "CATALOGUE", Limits(file=size - 1))
    result = cli_invoke("check", "--workspace", translated)
    assert f"traductions/en.po:1:1: catalogue illisible (plus de {size - 1} octets)" in (
        result.stderr
    )
    path.unlink()
    os.mkfifo(path)
    result = cli_invoke("check", "--workspace", translated)
    assert result.exit_code == 1
    expected = "traductions/en.po:1:1: catalogue illisible (ce n'est pas un fichier ordinaire)"
    assert expected in result.stderr
