"""The floor: a plain python-docx + lxml script writing the same styled paragraphs and comments
as drafter's draft, with none of drafter's work (no reading, no French, no templates).

    python benchmarks/floor.py DRAFT.md OUT.docx

It reads drafter's own Markdown (`drafter build --format md`), so both write the same
paragraphs, styles, sentences and comments; the ratio drafter / floor is what drafter's
pipeline costs over the Word writing any tool must do.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

MARK = re.compile(r"<!--§ (.+?)(?: § (.*?))?-->")
STYLES = {"#": "Title", "##": "Heading 1", "-": "List Bullet"}


def main(source: Path, target: Path) -> None:
    """Write target from the Markdown draft at source."""
    document = docx.Document()
    body = document.element.body
    sect_pr = body.find(qn("w:sectPr"))
    style_ids = {name: document.styles[name].style_id for name in (*STYLES.values(), "Body Text")}
    comments = document.part._comments_part.element
    next_id = 0
    for block in source.read_text(encoding="utf-8").split("\n\n"):
        for line in block.splitlines():
            if line.startswith("<!--") and line.endswith("-->") and not MARK.fullmatch(line):
                continue
            prefix, _, rest = line.partition(" ")
            style = STYLES.get(prefix, "Body Text")
            text = rest if prefix in STYLES else line
            p = OxmlElement("w:p")
            p_pr = OxmlElement("w:pPr")
            p_style = OxmlElement("w:pStyle")
            p_style.set(qn("w:val"), style_ids[style])
            p_pr.append(p_style)
            p.append(p_pr)
            position = 0
            for match in MARK.finditer(text):
                run = _run(text[position : match.start()])
                if match.group(2):
                    start = OxmlElement("w:commentRangeStart")
                    start.set(qn("w:id"), str(next_id))
                    end = OxmlElement("w:commentRangeEnd")
                    end.set(qn("w:id"), str(next_id))
                    p.extend([start, run, end, _reference(next_id)])
                    comments.append(_comment(next_id, match.group(2)))
                    next_id += 1
                else:
                    p.append(run)
                position = match.end()
            if text[position:]:
                p.append(_run(text[position:]))
            sect_pr.addprevious(p)
    document.save(str(target))


def _run(text: str) -> OxmlElement:
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    r.append(t)
    return r


def _reference(comment_id: int) -> OxmlElement:
    r = OxmlElement("w:r")
    ref = OxmlElement("w:commentReference")
    ref.set(qn("w:id"), str(comment_id))
    r.append(ref)
    return r


def _comment(comment_id: int, text: str) -> OxmlElement:
    comment = OxmlElement("w:comment")
    comment.set(qn("w:id"), str(comment_id))
    comment.set(qn("w:author"), "drafter")
    p = OxmlElement("w:p")
    p.append(_run(text))
    comment.append(p)
    return comment


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
