"""Late changes merged into an English draft the editors reworked in LibreOffice: drafter's
comments there (conflicts, withdrawals, sentences it cannot place) are in English."""

from __future__ import annotations

import re
from pathlib import Path

from drafter.usecases.drafts import BuildOptions, run_build
from tests.test_english_draft import DRAFT, english, translate
from tests.test_english_draft import translated as translated  # the fixture
from tests.test_merge_libreoffice import Run
from tests.wordxml import comments

# Words only French comments have (quoted sentences, “…”, are left out: they may be French).
FRENCH = re.compile(
    r"\b(?:l['’]entrée|entrée|phrase|formulation|brouillon|retouch\w*|retirée|domaine|"
    r"Fichier|Tableur|Propositions|vérifier|Fait saillant|Sa phrase)\b|\s[:;]",
    re.IGNORECASE,
)


def _unquoted(text: str) -> str:
    return re.sub(r"“[^”]*”", "“”", text)


def test_every_comment_of_a_merge_into_an_english_draft_is_english(
    libreoffice: Run, translated: Path
) -> None:
    """Editors retype two sentences (the first « Experts » is the highlight bullet's) and
    delete a paragraph in LibreOffice; then translations change and an entry is withdrawn: conflict and withdrawal comments, and every other of drafter's, in English."""
    path = english(translated)
    actions = [
        ["record"],
        ["type_over", "annual cyber security", "yearly cyber security"],
        ["type_over", "Experts exchanged", "Specialists exchanged"],
        ["delete_paragraph", "Dans ce cadre"],
    ]
    libreoffice(
        [{"input": str(path), "output": str(path), "author": "Editor B", "actions": actions}]
    )
    before = set(comments(path))
    translate(
        translated,
        {
            "cy-001": "{Date}, EU and NATO staff held their cyber security dialogue.",
            "cy-003": "In this context, the Agency organised a workshop {date}:",
        },
    )
    source = translated / "inputs/cyber/seae.yaml"
    text = source.read_text("utf-8")
    cut = text.index("- id: cy-002")
    source.write_text(text[:cut] + text[text.index("- id: cy-003") :], "utf-8")
    result = run_build(translated, None, BuildOptions(language="en"))
    assert result.merge is not None
    assert result.merge.written is not None
    merged = result.merge.written.path
    assert merged.name == DRAFT.replace(".docx", " (2).docx")
    new = {i: t for i, (a, t) in comments(merged).items() if a == "drafter" and i not in before}
    texts = "\n".join(new.values())
    assert "entry cy-001 (inputs/cyber/seae.yaml:1) has changed since you edited this" in texts
    assert "entry cy-003 (inputs/cyber/seae.yaml:7) has changed since you deleted" in texts
    assert "entry fait-saillant:cy-002 (inputs/cyber/seae.yaml:7) has been withdrawn" in texts
    drafter_comments = [t for a, t in comments(merged).values() if a == "drafter"]
    assert [t for t in drafter_comments if FRENCH.search(_unquoted(t))] == []
