"""Reading and editing Word XML in tests: the parts of a .docx, what an editor does to a draft
(python-docx, LibreOffice), and "reject every change by one author" as Word does it."""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
from lxml import etree

from drafter.writing.docx.bookmarks import bookmark_name

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
EDITOR, EDITOR_DATE = "Rédactrice A", "2024-06-20T10:00:00Z"


def w(name: str) -> str:
    """Return the Clark name of a w: element or attribute."""
    return f"{{{W}}}{name}"


def part(path: Path, name: str) -> etree._Element:
    """Return the parsed XML of `word/<name>.xml`."""
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(f"word/{name}.xml"))


def comments(path: Path) -> dict[str, tuple[str, str]]:
    """Return {comment id: (author, text)}, a line per paragraph of the comment."""
    try:
        root = part(path, "comments")
    except KeyError:
        return {}
    return {
        c.get(w("id")): (
            c.get(w("author")),
            "\n".join("".join(p.itertext()) for p in c.iter(w("p"))),
        )
        for c in root.findall("w:comment", NS)
    }


def about(text: str, *entry_ids: str) -> bool:
    """Return whether a comment's text names one of these entries (as a word of its own)."""
    return any(entry_id in re.split(r"\s", text) for entry_id in entry_ids)


def text_of(element: etree._Element) -> str:
    """Return the visible text (w:t) of an element, no-break spaces as spaces."""
    text = "".join(t.text or "" for t in element.iter(w("t")))
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def paragraph_texts(path: Path) -> list[str]:
    """Return the text of each body paragraph (pending changes as they stand: w:t only)."""
    return [text_of(p) for p in part(path, "document").iter(w("p"))]


def bookmark(document: etree._Element, sentence_id: str) -> etree._Element | None:
    """Return the bookmarkStart of a drafted sentence."""
    found = etree.ElementBase.xpath(
        document, f'.//w:bookmarkStart[@w:name="{bookmark_name(sentence_id)}"]', namespaces=NS
    )
    return found[0] if found else None


# -- rejecting ---------------------------------------------------------------------------


def reject_all(document: etree._Element, author: str, drop_comments: set[str]) -> etree._Element:
    """Return a copy of document.xml with every change by `author` rejected, as Word's
    « Reject all changes by » does, and the marks of the comments `drop_comments` removed."""
    root = copy.deepcopy(document)
    for ins in list(root.iter(w("ins"))):
        if ins.get(w("author")) == author and ins.getparent().tag != w("rPr"):
            ins.getparent().remove(ins)
    for change in list(root.iter(w("pPrChange"))):
        if change.get(w("author")) == author:
            _restore_properties(change)
    for p in list(root.iter(w("p"))):
        mark = p.find("w:pPr/w:rPr/w:ins", NS)
        if mark is not None and mark.get(w("author")) == author:
            _join_next(p)
    for deleted in list(root.iter(w("del"))):
        if deleted.get(w("author")) != author:
            continue
        if deleted.getparent().tag == w("rPr"):
            deleted.getparent().remove(deleted)
            continue
        for element in deleted.iter(w("delText"), w("delInstrText")):
            element.tag = w("t") if element.tag == w("delText") else w("instrText")
        for child in list(deleted):
            deleted.addprevious(child)
        deleted.getparent().remove(deleted)
    _drop_comment_marks(root, drop_comments)
    return normalised(root)


def _restore_properties(change: etree._Element) -> None:
    """Reject a change of paragraph properties: the properties before it come back (the
    paragraph mark's own run properties kept)."""
    p_pr = change.getparent()
    kept = p_pr.find("w:rPr", NS)
    for child in list(p_pr):
        p_pr.remove(child)
    before = change.find("w:pPr", NS)
    for child in list(before if before is not None else []):
        p_pr.append(child)
    if kept is not None:
        p_pr.append(kept)


def _join_next(p: etree._Element) -> None:
    """Remove a paragraph mark as Word does: what is left of the paragraph joins the next
    one, which keeps its own properties."""
    following = p.getnext()
    rest = [c for c in p if c.tag != w("pPr")]
    assert not rest or (following is not None and following.tag == w("p")), "nothing to join"
    if rest:
        at = 0 if following.find("w:pPr", NS) is None else 1
        for child in reversed(rest):
            following.insert(at, child)
    p.getparent().remove(p)


def editors_body(editors: Path, merged: Path) -> etree._Element:
    """Return the editors' body as rejecting drafter's changes must give it back: all of it,
    every comment's range included (drafter's on the sentences it withdrew too)."""
    document = part(editors, "document")
    kept = {m.get(w("id")) for m in part(merged, "document").iter(w("commentRangeStart"))}
    ranged = {m.get(w("id")) for m in document.iter(w("commentRangeStart"))}
    assert not ranged - kept, "comment ranges lost"
    return normalised(document)


def accept_all(document: etree._Element) -> etree._Element:
    """Return a copy of document.xml with every change accepted, as Word does: insertions
    kept, deletions gone; a paragraph whose mark is deleted joins the next one, which keeps
    its own properties (its style)."""
    root = copy.deepcopy(document)
    for mark in list(root.iterfind(".//w:pPr/w:rPr/w:ins", NS)):
        mark.getparent().remove(mark)
    for change in list(root.iterfind(".//w:pPr/w:pPrChange", NS)):
        change.getparent().remove(change)
    for p in list(root.iter(w("p"))):
        gone = p.xpath("w:pPr/w:rPr/*[self::w:del or self::w:moveFrom]", namespaces=NS)
        if gone and p.getnext() is not None and p.getnext().tag == w("p"):
            following = p.getnext()
            at = 0 if following.find("w:pPr", NS) is None else 1
            for child in reversed([c for c in p if c.tag != w("pPr")]):
                following.insert(at, child)
            p.getparent().remove(p)
    for dropped in list(root.iter(w("del"), w("moveFrom"))):
        dropped.getparent().remove(dropped)
    for kept in list(root.iter(w("ins"), w("moveTo"))):
        for child in list(kept):
            kept.addprevious(child)
        kept.getparent().remove(kept)
    return normalised(root)


def styled_paragraphs(body: etree._Element) -> list[tuple[str, str]]:
    """Return (style, text) for each paragraph of a body."""
    styles = [p.find("w:pPr/w:pStyle", NS) for p in body.iter(w("p"))]
    return [
        ("" if style is None else style.get(w("val")), text_of(p))
        for style, p in zip(styles, body.iter(w("p")), strict=True)
    ]


def _drop_comment_marks(root: etree._Element, ids: set[str]) -> None:
    for tag in ("commentRangeStart", "commentRangeEnd"):
        for mark in list(root.iter(w(tag))):
            if mark.get(w("id")) in ids:
                mark.getparent().remove(mark)
    for reference in list(root.iter(w("commentReference"))):
        if reference.get(w("id")) in ids:
            run = reference.getparent()
            run.getparent().remove(run)


def normalised(document: etree._Element) -> etree._Element:
    """Return the body with empty paragraph-mark properties dropped (tracking a mark adds
    them), in canonical form for comparison."""
    root = copy.deepcopy(document)
    for r_pr in list(root.iterfind(".//w:pPr/w:rPr", NS)):
        if len(r_pr) == 0:
            r_pr.getparent().remove(r_pr)
    return root.find("w:body", NS)


def body_bytes(body: etree._Element) -> bytes:
    """Return the canonical bytes of a body element."""
    return etree.tostring(body, method="c14n")


# -- editing -----------------------------------------------------------------------------


def edit_with_python_docx(path: Path, retouch: str | None = None) -> None:
    """Edit a draft as editors do: a comment of theirs, a context paragraph after a heading,
    a pending tracked insertion of theirs, a word in bold; `retouch` rewords that sentence."""
    document = docx.Document(str(path))
    paragraphs = document.paragraphs
    intro = next(p for p in paragraphs if p.text.startswith("Le présent document"))
    document.add_comment(intro.runs, text="À raccourcir ?", author=EDITOR, initials="RA")
    _tracked_insertion(intro._p, " (phrase ajoutée par la rédaction)")
    heading = next(p for p in paragraphs if p.text == "Cybersécurité et cyberdéfense")
    context = document.add_paragraph("Contexte rédigé par les rédacteurs.", style="Body Text")
    heading._p.addnext(context._p)
    closing = paragraphs[-1]
    closing.runs[0].bold = True
    if retouch is not None:
        start = bookmark(document.element, retouch)
        assert start is not None
        run = start.getnext()
        while run.tag != w("r"):
            run = run.getnext()
        run.find(w("t")).text = "Selon la rédaction, " + run.find(w("t")).text
    document.save(str(path))


def _tracked_insertion(p: etree._Element, text: str) -> None:
    ins = etree.SubElement(p, w("ins"))
    ins.set(w("id"), "901")
    ins.set(w("author"), EDITOR)
    ins.set(w("date"), EDITOR_DATE)
    run = etree.SubElement(ins, w("r"))
    t = etree.SubElement(run, w("t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def resave_with_libreoffice(path: Path, soffice: str, profile: Path) -> None:
    """Open and save the draft with LibreOffice Writer (docx to docx), in place."""
    out = profile.parent / f"{profile.name}-out"
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    converted = out / path.name
    assert converted.exists(), "LibreOffice did not write the document"
    shutil.move(converted, path)


def convert_to_pdf(path: Path, soffice: str, profile: Path) -> Path:
    """Return the PDF LibreOffice makes of a document (it must make one)."""
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(path.parent),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = path.with_suffix(".pdf")
    assert pdf.exists(), "LibreOffice did not convert the merge"
    assert pdf.stat().st_size > 1000
    return pdf
