"""The typography engine on rule tables: each kind of rule on a synthetic table, every problem
of a bad table reported with its file, line and rule, and protected runs in both languages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.drafting.typography import KINDS, Typography, load_typography, typography_of
from drafter.errors import DrafterError
from tests.conftest import REPO

NBSP, NNBSP = "\u00a0", "\u202f"

# One rule of each kind, and a protected run: what each does is checked below.
SYNTHETIC = r"""
[[protege]]
cle = "<<"
motif = '<<.*?>>'

[[regle]]
nom = "x devient y"
declencheur = "x"
motif = 'x(?<!\wx)(\d)'
remplacement = 'y\1'

[[regle]]
nom = "insécable avant #"
genre = "espace-avant"
declencheur = "#"
signes = "#"
espace = "\u00a0"
ajoutee = true

[[regle]]
nom = "point-virgule sans espace"
genre = "espace-avant"
declencheur = ";"
signes = ";"
espace = ""
ajoutee = false

[[regle]]
nom = "égal hors guillemets"
genre = "hors-guillemets"
declencheur = "="
motif = '='
remplacement = " égale "

[[regle]]
nom = "mois en minuscules"
genre = "minuscules"
declencheur = '{Mois}'
motif = '(?<=en )({Mois})'

[[regle]]
nom = "mois suivis d'une étoile"
declencheur = '\*'
motif = '(?:{mois:(?<=%s)})\*'
remplacement = "!"

[[regle]]
nom = "milliers"
genre = "milliers"
declencheur = '\d \d'
motif = '(\d{1,3}(?: \d{3})+)'
separateur = "."

[[regle]]
nom = "mots"
genre = "mots"
fichier = "mots.tsv"

[[regle]]
nom = "apostrophes"
genre = "apostrophe"
declencheur = "['’]"
"""


def _table(tmp_path: Path, text: str, words: str = "# commentaire\ncoeur\tcœur\n") -> Path:
    """Write a rule table (and its word list) in tmp_path; return the table's path."""
    (tmp_path / "mots.tsv").write_text(words, encoding="utf-8")
    path = tmp_path / "xx.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def synthetic(tmp_path: Path) -> Typography:
    """The synthetic table's typography, in French (its months)."""
    return load_typography(_table(tmp_path, SYNTHETIC), "fr")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("x1 et ax1", "y1 et ax1"),  # remplacement, with a group
        ("a # b#c", f"a{NBSP}# b{NBSP}#c"),  # espace-avant, added where missing
        ("a ; b;c", "a; b;c"),  # espace-avant, an existing space only
        ("a=b « a=b »", "a égale b « a=b »"),  # hors-guillemets
        ("en Mars et Mars", "en mars et Mars"),  # minuscules: the first group lowered
        ("mars* avril*", "mars! avril!"),  # a {mois:…} list, one alternative per month
        ("10 000 et 1 234 567", "10.000 et 1.234.567"),  # milliers
        ("le coeur, Coeur, coeurs", "le cœur, Cœur, coeurs"),  # mots: whole words, capitals
        ("l'a et l’b", "l’a et l’b"),  # apostrophe: the report's
        ("<<x1 ; a=b>> x1", "<<x1 ; a=b>> y1"),  # a protected run is left as written
    ],
)
def test_each_kind_of_rule(synthetic: Typography, before: str, after: str) -> None:
    """Each kind of rule does what the engine says, on a table that is not French's."""
    assert synthetic(before) == after


def test_the_synthetic_table_has_every_kind(synthetic: Typography) -> None:
    """The synthetic table above exercises every kind the engine offers."""
    kinds = {name for name, _ in KINDS.items()}
    table = SYNTHETIC.replace(" ", "")
    assert all(f'genre="{kind}"' in table for kind in kinds - {"remplacement"})


def test_the_report_s_apostrophe(synthetic: Typography) -> None:
    """The apostrophe kind writes the apostrophe it is given, both ways."""
    assert synthetic("l’a et l'b", "'") == "l'a et l'b"
    assert synthetic("l’a et l'b") == "l’a et l’b"


def test_a_rule_without_trigger_always_runs(tmp_path: Path) -> None:
    """A rule with no `declencheur` is applied to every text."""
    table = "[[regle]]\nnom = 'a'\nmotif = 'a'\nremplacement = 'b'\n"
    assert load_typography(_table(tmp_path, table), "fr")("aa") == "bb"


BAD_TABLES = [
    (
        "[[regle]]\nnom = 'r'\ndeclencheur = 'a'\nmotif = 'a(b'\nremplacement = ''\n",
        ":4:9: règle « r » : motif invalide : missing ), unterminated subpattern",
    ),
    ("[[regle]]\nnom = 'r'\ngenre = 'gras'\n", ":3:9: règle « r » : genre inconnu « gras »"),
    ("[[regle]]\nnom = 'r'\nmotif = 'a'\n", ":1:1: règle « r » : champ « remplacement » manquant"),
    (
        "[[regle]]\nnom = 'r'\nmotif = 'a'\nremplacement = '\\2'\n",
        ":4:16: règle « r » : remplacement invalide : invalid group reference 2",
    ),
    (
        "[[regle]]\nnom = 'r'\ndeclencheur = '{jours}'\nmotif = 'a'\nremplacement = ''\n",
        ":3:15: règle « r » : liste inconnue {jours}",
    ),
    (
        "[[regle]]\nnom = 'r'\ngenre = 'mots'\nfichier = 'aucun.tsv'\n",
        ":4:11: règle « r » : fichier",
    ),
    ("[[regle]]\nnom = 'r'\ngenre = 'minuscules'\nmotif = 'a'\n", ":4:9: règle « r » : le motif"),
    (
        "[[regle]]\nnom = 'r'\nmotif = 'a'\nremplacement = ''\ncouleur = 1\n",
        ":5:11: règle « r » : champ inconnu",
    ),
    ("[[protege]]\ncle = 'a'\nmotif = '[a'\n", ":3:9: passage protégé : motif invalide"),
    ("[[regle]\n", ":1:8: TOML invalide"),
]


@pytest.mark.parametrize(("text", "message"), BAD_TABLES)
def test_a_bad_table_names_its_file_line_and_rule(tmp_path: Path, text: str, message: str) -> None:
    """A bad pattern, kind, field or list is a DrafterError at load, where it is."""
    path = _table(tmp_path, text)
    with pytest.raises(DrafterError) as raised:
        load_typography(path, "fr")
    assert f"{path}{message}" in str(raised.value)


def test_every_problem_of_a_table_at_once(tmp_path: Path) -> None:
    """Two bad rules, two problems, in the order of the table."""
    text = (
        "[[regle]]\nnom = 'un'\nmotif = '('\nremplacement = ''\n"
        "[[regle]]\nnom = 'deux'\ngenre = 'mots'\nfichier = 'mots.tsv'\n"
    )
    path = _table(tmp_path, text, words="sans tabulation\n")
    with pytest.raises(DrafterError) as raised:
        load_typography(path, "fr")
    found = [str(problem) for problem in raised.value.problems]
    assert len(found) == 2
    assert found[0].startswith(f"{path}:3:9: règle « un »")
    assert found[1].startswith(f"{tmp_path / 'mots.tsv'}:1:1: ")


def test_a_language_without_a_table_is_an_error() -> None:
    """No table for a language: a clear error naming the file, not French's rules."""
    with pytest.raises(DrafterError, match=r"typographie/de\.toml.*« de »"):
        typography_of("de")


@pytest.mark.parametrize(
    ("language", "protected"),
    [
        ("fr", "https://www.nato.int/cps/fr/natohq/topics_49217.htm?selectedLocale=fr"),
        ("fr", "secretariat@example.org"),
        ("fr", "à 10:30"),
        ("fr", "<!-- source : a.yaml:3 'x' ! -->"),
        ("fr", "<!--§ cyber/x § "),
        ("fr", '::: {custom-style="Date : du rapport"}'),
        ("en", "https://www.nato.int/cps/en/natohq/topics_49217.htm?a=1"),
        ("en", "secretariat@example.org"),
        ("en", "at 10:30"),
        ("en", "<!--§ cyber/x § Entry : « x »\nline 2 : 'y' -->"),
        ("en", "[Les services\u00a0: «\u00a0oui\u00a0» l'OTAN \\[x\\]]{.a-completer}"),
        ("en", '::: {custom-style="Date : of the report"}'),
    ],
)
def test_protected_runs_in_each_language(language: str, protected: str) -> None:
    """What each language's table protects comes out as written, among text its rules change."""
    result = typography_of(language)(f"l'a : « b »\n{protected} ; 'c' !\nd :")
    assert protected in result
    assert result != f"l'a : « b »\n{protected} ; 'c' !\nd :"


def test_english_rules_apply_after_a_fence_line() -> None:
    """A `:::` line protects itself only: the annex after a table of contents still gets the
    English rules (the old engine left every line after the first fence untouched)."""
    text = "::: {.toc}\n:::\n\n| P16-3.02 | each other's staff |\n"
    assert typography_of("en")(text) == "::: {.toc}\n:::\n\n| P16-3.02 | each other’s staff |\n"


english = st.text(alphabet=st.sampled_from(list("abE :;!?\"'«».,0123456789\u00a0\n-’<>[]{}")))


@settings(max_examples=300, deadline=None)
@given(st.one_of(english, st.text(max_size=60)))
def test_english_idempotent(text: str) -> None:
    """Applying the English typography twice changes nothing."""
    once = typography_of("en")(text)
    assert typography_of("en")(once) == once


def test_the_english_annex_after_a_table_of_contents(
    cli_invoke: Callable[..., Result], tmp_path: Path
) -> None:
    """The demo's English draft with --toc --annexe: the annex's titles have the English
    apostrophe, as without --toc (the TOC's `:::` lines no longer shield what follows)."""
    out = tmp_path / "demo-en.md"
    args = ("build", "-w", REPO, "--langue", "en", "--format", "md", "-o", out)
    assert cli_invoke(*args, "--toc", "--annexe").exit_code == 0
    with_toc = out.read_text(encoding="utf-8")
    assert "each other’s staff" in with_toc
    assert "each other's" not in with_toc
    assert cli_invoke(*args, "--annexe").exit_code == 0
    without = out.read_text(encoding="utf-8")
    assert with_toc.split("P16-1.01", 1)[1] == without.split("P16-1.01", 1)[1]
