"""Comments parity: an English sentence's Word comment carries the same facts as its French
one, labelled, one per line, in English, the editors' notes included; a list item not up to
date in English has its own comment."""

from __future__ import annotations

from pathlib import Path

from drafter.commands.build import BuildOptions, run_build
from tests.test_english_draft import english
from tests.test_english_draft import translated as translated  # the fixture
from tests.wordxml import NS, comments, part, text_of


def _by_entry(path: Path, label: str) -> dict[str, list[str]]:
    """Return each sentence comment's lines from its entry line on, by entry id."""
    found = {}
    for author, text in comments(path).values():
        lines = text.replace("\u00a0", " ").replace("\u202f", " ").split("\n")
        starts = [n for n, line in enumerate(lines) if line.startswith(label)]
        if author == "drafter" and starts:
            found[lines[starts[0]].removeprefix(label)] = lines[starts[0] :]
    return found


def test_an_english_comment_has_the_facts_of_the_french_one(translated: Path) -> None:
    """Same entries commented, the same number of lines, the same values after the labels:
    entry, service (its English name), the editors' note (under « To check: »)."""
    french = run_build(translated, None, BuildOptions()).written
    assert french is not None
    theirs, ours = _by_entry(french.path, "Entrée : "), _by_entry(english(translated), "Entry: ")
    assert sorted(ours) == sorted(theirs) == ["cy-001", "cy-002", "cy-003"]
    for entry_id, lines in ours.items():
        assert len(lines) == len(theirs[entry_id]), (lines, theirs[entry_id])
        assert [line.split(": ", 1)[0] for line in lines][:3] == ["Entry", "File", "Service"]
        # the same service, named in English (data/services-en.yaml)
        french_service = theirs[entry_id][2].split(" : ")[1]
        assert lines[2].split(": ")[1] == {"SEAE": "EEAS", "AED": "EDA"}[french_service]
    assert ours["cy-001"][3:] == [
        "To check:",
        "– Activity dated outside the report’s period (June 2023 – May 2024): check the date "
        "with the service, or remove the sentence if it belongs to another report.",
    ]


def test_a_list_item_not_up_to_date_has_its_comment(translated: Path) -> None:
    """A list item whose French changed (to review) and a new one (not translated) are
    highlighted and each carries a comment saying so, naming its message."""
    source = translated / "inputs/cyber/seae.yaml"
    text = source.read_text("utf-8").replace(
        "    - la formation\n", "    - la formation continue\n    - les exercices\n"
    )
    source.write_text(text, "utf-8")
    path = english(translated)
    document = part(path, "document")
    items = document.xpath("//w:p[w:pPr/w:pStyle/@w:val='ListBullet']", namespaces=NS)
    assert [text_of(p).strip() for p in items][-3:] == [
        "the protection of networks;",
        "training;",
        "les exercices.",
    ]
    noted = {text_of(p).strip(): p.xpath("w:commentRangeStart/@w:id", namespaces=NS) for p in items}
    assert noted["the protection of networks;"] == []
    texts = {
        comment_id: text.replace("\u202f", " ").replace("\u00a0", " ")
        for comment_id, (_, text) in comments(path).items()
    }
    (review,) = noted["training;"]
    assert texts[review].startswith("Translation to review, the French changed: review it in")
    assert "(msgctxt “cy-003#point-2”)" in texts[review]
    # the French draft printed it last of two: « la formation. »
    assert "\nOld French: “la formation.”\nNew French: “la formation continue ;”" in texts[review]
    (new,) = noted["les exercices."]
    assert texts[new].startswith("Not translated yet: the French sentence stands in its place")
    assert "(msgctxt “cy-003#point-3”)" in texts[new]
    assert (
        "\nEntry: cy-003#point-3\nFile: inputs/cyber/seae.yaml, line 15\nService: EDA" in texts[new]
    )


def test_a_fuzzy_item_s_old_french_is_as_the_french_edition_printed_it(translated: Path) -> None:
    """An item rewritten in French: its comment's « Old French » line is the item the French
    draft printed, closed by « ; » within the list, by « . » when it was the last one."""
    source = translated / "inputs/cyber/seae.yaml"
    text = source.read_text("utf-8").replace("des réseaux\n", "des réseaux informatiques\n")
    source.write_text(text.replace("- la formation\n", "- la formation continue\n"), "utf-8")
    path = english(translated)
    by_item = {}
    for comment in part(path, "comments").findall("w:comment", NS):
        lines = [text_of(p).replace("\u202f", " ") for p in comment.findall("w:p", NS)]
        for line in lines:
            if line.startswith("Entry: cy-003#point-"):
                by_item[line.removeprefix("Entry: ")] = lines
    assert by_item["cy-003#point-1"][1:3] == [
        "Old French: “la protection des réseaux ;”",
        "New French: “la protection des réseaux informatiques ;”",
    ]
    assert by_item["cy-003#point-2"][1:3] == [
        "Old French: “la formation.”",
        "New French: “la formation continue.”",
    ]
