"""The build: workspace -> Markdown -> blocks -> .docx bytes, with nothing written on error."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from drafter.drafting import templates as rendering
from drafter.drafting.edition import Edition, edition_of
from drafter.drafting.markup import COMMENT_LINE_BREAK
from drafter.errors import Problem
from drafter.model import SOURCE_LANGUAGE, Cycle, Workspace
from drafter.model import Edition as EditionWords
from drafter.reading.editions import load_edition
from drafter.reading.workspace import load_workspace
from drafter.revisions.base import PackedSentences, save_base
from drafter.revisions.collect import collecting, sentences_of
from drafter.revisions.tracking import Sentence
from drafter.usecases.collector import without_cycle_collection
from drafter.usecases.late_changes import (
    Merge,
    editors_draft,
    entry_sources,
    merge_if_edited,
)
from drafter.writing.docx import DocxOptions, write_docx
from drafter.writing.docx.contents import headings
from drafter.writing.markdown import parse_parts, split_parts
from drafter.writing.outputs import Written, write_output
from drafter.writing.pdf import convert_to_pdf, heading_pages

DraftFormat = Literal["docx", "md"]


@dataclass(frozen=True)
class BuildOptions:
    """What the user chose for a build."""

    comments: bool = True
    toc: bool = False
    annex: bool = False
    output_format: DraftFormat = "docx"
    force: bool = False
    language: str = "fr"  # "en": the English edition (traductions/en.po)
    # --toc with --pdf: a first conversion tells each heading's page, for the table of contents
    page_numbers: bool = False
    toc_pages: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class BuildResult:
    """A build's outcome: the warnings, and the file written or the Markdown text."""

    warnings: list[Problem]
    written: Written | None = None
    text: str | None = None
    merge: Merge | None = None


def run_build(root: Path, output: Path | None, options: BuildOptions) -> BuildResult:
    """Load, draft and write; `output` "-" returns the Markdown instead.

    A Word draft the editors changed since drafter wrote it is never replaced: unless
    `force`, the new generation is merged into it as tracked changes, in a numbered copy."""
    with without_cycle_collection():
        loaded, warnings = load_workspace(root)
        return _build_loaded(loaded, warnings, root, output, options)


def _build_loaded(
    loaded: Workspace,
    warnings: list[Problem],
    root: Path,
    output: Path | None,
    options: BuildOptions,
) -> BuildResult:
    if options.output_format == "md":
        text = build_markdown(loaded, root, options)
        if output is not None and str(output) == "-":
            return BuildResult(warnings, text=text)
        target = output or default_output(root, loaded.cycle, ".md", options.language)
        written = write_output(target, text.encode(), options.force, protected=root / "inputs")
        return BuildResult(warnings, written=written)
    target = output or default_output(root, loaded.cycle, ".docx", options.language)
    if not options.force and editors_draft(target) is not None:
        merged = _merged(loaded, root, options, target)
        if merged is not None:
            return BuildResult(warnings, merged.written, merge=merged)
    packed, data = docx_and_sentences(loaded, root, options)
    if options.toc and options.page_numbers:
        data = _with_page_numbers(loaded, root, options, data)
    written = write_output(target, data, force=options.force, protected=root / "inputs")
    save_base(written.path, packed)
    return BuildResult(warnings, written=written)


def _merged(loaded: Workspace, root: Path, options: BuildOptions, target: Path) -> Merge | None:
    """Merge into the editors' draft at target, or return None when there is nothing to merge
    into. Only the sentences: a fresh .docx would be thrown away (time, and peak memory beside
    the editors' document)."""
    sentences = draft_sentences(loaded, root, options)
    return merge_if_edited(target, sentences, load_edition(options.language), root / "inputs")


def draft_sentences(workspace: Workspace, root: Path, options: BuildOptions) -> list[Sentence]:
    """Return the sentences of the draft, without writing it in Word."""
    parts = _draft(workspace, root, options).parts
    return sentences_of(parse_parts(parts), entry_sources(workspace))


def default_output(root: Path, cycle: Cycle, suffix: str, language: str = "fr") -> Path:
    """Return `outputs/rapport-etape-09.docx` for report 9 (`progress-report-09.docx` for
    the English edition)."""
    return root / "outputs" / f"{load_edition(language).stem}-{cycle.number:02d}{suffix}"


def _draft(workspace: Workspace, root: Path, options: BuildOptions) -> rendering.Draft:
    return rendering.render_draft(
        workspace,
        draft_edition(root, options.language),
        root,
        comments=options.comments,
        toc=options.toc,
        annex=options.annex,
        split=split_parts,
        annex_cycles=_annex_cycles(root, workspace) if options.annex else (),
    )


def _annex_cycles(root: Path, workspace: Workspace) -> tuple[tuple[int, dict[str, int]], ...]:
    """Return what the annex counts of the archived cycles. Their module (and its SVG writer, which
    imports urllib through xml.sax) is imported for --annexe only: 25 ms of every other build."""
    from drafter.usecases.cycle_history import annex_history

    return annex_history(root, workspace)


def draft_edition(root: Path, language: str) -> Edition:
    """Return the edition of this language: its words, and its sentences (a translated
    edition's come from the workspace's catalogue: its modules are imported for it only)."""
    words = load_edition(language)
    if not words.translated:
        return edition_of(words)
    from drafter.usecases.catalogue import catalogue_sentences

    return edition_of(words, catalogue_sentences(root, language))


def build_markdown(workspace: Workspace, root: Path, options: BuildOptions) -> str:
    """Return the draft as Markdown (a comment's lines joined by « · », on one line)."""
    return _draft(workspace, root, options).markdown.replace(COMMENT_LINE_BREAK, " · ")


def docx_and_sentences(
    workspace: Workspace, root: Path, options: BuildOptions
) -> tuple[PackedSentences, bytes]:
    """Return the draft's sentences (what a merge compares) and its .docx bytes.

    The draft goes to Word a part at a time: each part of the Markdown is parsed, its
    sentences noted and its blocks written before the next is parsed, so that neither the
    whole draft's tokens nor its blocks are ever held at once (peak memory)."""
    draft = _draft(workspace, root, options)
    reference = reference_document(root)
    edition = load_edition(options.language)
    docx_options = DocxOptions(
        reference=reference,
        trusted=reference == shipped_reference(),
        timestamp=build_timestamp(workspace.cycle),
        subject=draft.subject,
        author=_author(workspace.cycle, edition),
        header=draft.header,
        footer=draft.footer,
        language=edition.word_language,
        toc_pages=options.toc_pages,
    )
    sentences = PackedSentences()  # what the base will say: held packed while Word is written
    blocks = collecting(parse_parts(draft.parts), entry_sources(workspace), sentences)
    del draft  # its parts are consumed as they are parsed
    return sentences, write_docx(blocks, docx_options)


def _author(cycle: Cycle, edition: EditionWords) -> str:
    """Return the document's author: the report's, or when it is the shipped one (the
    French edition's « Secrétariat »), the edition's own name for it."""
    return edition.author if cycle.author == load_edition(SOURCE_LANGUAGE).author else cycle.author


def _with_page_numbers(
    workspace: Workspace, root: Path, options: BuildOptions, data: bytes
) -> bytes:
    """Return the draft again, its table of contents showing the page of each heading as
    LibreOffice lays the first draft out (the same, but for the numbers: pages do not move)."""
    with tempfile.TemporaryDirectory(prefix="drafter-pages-") as work:
        first = Path(work) / "brouillon.docx"
        first.write_bytes(data)
        titles = headings(data)
        pages = heading_pages(convert_to_pdf(first), titles)
    if not pages:
        return data
    numbered = replace(options, toc_pages=tuple(sorted(pages.items())))
    return docx_and_sentences(workspace, root, numbered)[1]


def reference_document(root: Path) -> Path:
    """Return the workspace's reference.docx if it has one, else the shipped one."""
    local = root / "templates" / "reference.docx"
    return local if local.is_file() else shipped_reference()


def shipped_reference() -> Path:
    """Return the reference document installed with drafter."""
    return rendering.shipped_templates() / "reference.docx"


def build_timestamp(cycle: Cycle) -> dt.datetime:
    """Return the date stamped in the file: SOURCE_DATE_EPOCH, else the report's date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    day = cycle.date or dt.date(
        cycle.period_end[0] + cycle.period_end[1] // 12, cycle.period_end[1] % 12 + 1, 1
    )
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
