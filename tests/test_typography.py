"""French typography of french.md: examples for each rule, and properties of the whole."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.drafting.typography import apply_typography, typography_of

NBSP, NNBSP = "\u00a0", "\u202f"


RULE_EXAMPLES = [
    ("quatre secteurs : l'énergie", f"quatre secteurs{NBSP}: l’énergie"),
    (
        "« Beyond Disinformation: EU Responses »",
        f"«{NBSP}Beyond Disinformation: EU Responses{NBSP}»",
    ),
    # issue #24: a colon straight after a word gets its no-break space as well
    ("prioritaire: 3 actions", f"prioritaire{NBSP}: 3{NBSP}actions"),
    ("deux thèmes:", f"deux thèmes{NBSP}:"),
    ("la Jordanie; la Tunisie", f"la Jordanie{NNBSP}; la Tunisie"),
    ("la Jordanie ; la Tunisie", f"la Jordanie{NNBSP}; la Tunisie"),
    ("Pourquoi?", f"Pourquoi{NNBSP}?"),
    ("Enfin !", f"Enfin{NNBSP}!"),
    ('le thème "femmes, paix et sécurité"', f"le thème «{NBSP}femmes, paix et sécurité{NBSP}»"),
    ("«femmes»", f"«{NBSP}femmes{NBSP}»"),
    ("le 18ème cours et la 1ère réunion", f"le 18e{NBSP}cours et la 1re{NBSP}réunion"),
    ("les  deux   organisations", "les deux organisations"),
    ("une fin , puis .", "une fin, puis."),
    ("74 propositions", f"74{NBSP}propositions"),
    ("en 2023 les services", "en 2023 les services"),
    ("l’Agence", "l’Agence"),
    # issue #11: what passed unnoticed
    ("la mise en oeuvre", "la mise en œuvre"),
    ("les Etats membres", "les États membres"),
    ("A l'automne", "À l’automne"),
    ("des réunions, etc...", "des réunions, etc."),
    ("en Mai 2023", f"en mai{NBSP}2023"),
    ("la coopération UE–OTAN", "la coopération UE-OTAN"),
    ("le 1 mars 2024", f"le 1er{NBSP}mars{NBSP}2024"),
    ("la 'cyber' défense", f"la «{NBSP}cyber{NBSP}» défense"),
    # found by the idempotence property: double spaces go first, the number keeps its NBSP
    ("les 74  propositions", f"les 74{NBSP}propositions"),
]


@pytest.mark.parametrize(("before", "after"), RULE_EXAMPLES)
def test_rules(before: str, after: str) -> None:
    """Each rule of the typography table, on an example."""
    assert apply_typography(before) == after


@pytest.mark.parametrize(
    "kept",
    [
        "Mai 2023 a vu",  # a month that starts a sentence keeps its capital
        "l’OTAN et l’UE",  # apostrophes are not quotes
        "aujourd’hui",
        "Alors",
        "une ligne - un tiret",
        "à 10:30 précises",  # a time keeps its colon
        "le document ST:15283",  # so does a reference
        "voir https://www.nato.int/cps/en: la page",
    ],
)
def test_rules_leave_alone_what_they_must_not_touch(kept: str) -> None:
    """The word and pattern rules do not fire outside their case."""
    assert apply_typography(kept) == kept


def test_every_rule_of_the_table_is_exercised() -> None:
    """Each rule of the French table changes at least one example of test_rules (no dead rule)."""
    examples = [before for before, _ in RULE_EXAMPLES]
    for rule in typography_of("fr").rules():
        assert any(rule.apply(e) != e for e in examples), rule.name


def test_straight_apostrophe_option() -> None:
    """With apostrophe="'", typographic apostrophes become straight ones."""
    assert apply_typography("l’Agence et l'OTAN", apostrophe="'") == "l'Agence et l'OTAN"


@pytest.mark.parametrize(
    "protected",
    [
        "https://www.nato.int/cps/fr/natohq/topics_49217.htm?selectedLocale=fr",
        "secretariat@example.org",
        "10:30",
        '<!-- source : a.yaml:3 "x" ! -->',
    ],
)
def test_protected_runs(protected: str) -> None:
    """URLs, e-mail addresses, times and Markdown comments are never touched."""
    assert protected in apply_typography(f"voir {protected} ; merci")


french = st.text(alphabet=st.sampled_from(list("abcé Ééà:;!?\"'«».,0123456789 \n-’")), max_size=60)


@settings(max_examples=300, deadline=None)
@given(st.one_of(french, st.text(max_size=60)))
def test_idempotent(text: str) -> None:
    """Applying typography twice changes nothing."""
    once = apply_typography(text)
    assert apply_typography(once) == once


@settings(max_examples=300, deadline=None)
@given(french)
def test_no_plain_space_before_high_punctuation_or_inside_guillemets(text: str) -> None:
    """No U+0020 before : ; ! ? nor just inside « »."""
    result = apply_typography(text)
    assert not re.search(r" [:;!?]", result)
    assert "« " not in result
    assert " »" not in result


@settings(max_examples=200, deadline=None)
@given(french, french)
def test_urls_survive_any_context(before: str, after: str) -> None:
    """A URL embedded in random text comes out unchanged."""
    url = "https://www.nato.int/cps/fr/natohq/topics_49217.htm?selectedLocale=fr"
    assert url in apply_typography(f"{before} {url} {after}")
