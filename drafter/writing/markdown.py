"""The draft as Markdown: cutting the rendered document into parts and parsing them into
blocks for the Word writer. The only markdown-it importer (escaping contributors' text is
drafting's: drafting/markup.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin

_CUSTOM_STYLE = re.compile(r'custom-style="([^"]+)"')
_COMMENT = re.compile(r"^<!--\s*(.*?)\s*-->\s*$", re.S)
# `<!--§ ID § comment-->` right after a sentence: its identity, and what its Word comment says.
_MARK_OPEN, _MARK_CLOSE, _MARK_COMMENT = "<!--§ ", "-->", " § "
# Sentence marks the inline parser keeps in the text, between two of these: markdown-it turns
# every NUL of the source into U+FFFD, so a NUL in a text token can only come from here.
_MARK_FENCE = "\0"


@dataclass
class Inline:
    """A run of text: plain, a footnote (its text in `note`), a span of a named class, a gap
    between sentences, or the mark closing a sentence produced by drafter (`sentence` id and
    Word `comment`)."""

    text: str
    note: str | None = None
    span: str | None = None
    sentence: str | None = None
    comment: str | None = None
    gap: bool = False


BlockKind = Literal[
    "title", "heading", "paragraph", "bullet", "number", "separator", "table", "toc"
]
ListKind = Literal["bullet", "number"]


@dataclass
class Block:
    """A paragraph-level element: kind, optional named style, inline runs, attached comment."""

    kind: BlockKind
    inlines: list[Inline] = field(default_factory=list)
    style: str | None = None
    comment: str | None = None
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)
    aligns: list[str] = field(default_factory=list)  # per column of a table: left, right…

    @property
    def text(self) -> str:
        """Return the block's plain text."""
        return "".join(i.text for i in self.inlines)


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
    md.use(footnote_plugin)
    md.use(attrs_plugin, spans=True)
    # Contributors' text is escaped (escape() above), so links, emphasis, code and entities
    # never occur; the autolink rule alone was a third of the parse, tried at each mark's "<".
    md.disable(["autolink", "image", "link", "backticks", "emphasis", "entity"])
    md.use(container_plugin, name="div", validate=lambda *_: True)
    md.enable("table")
    # Right after "text": the rules up to html_inline start only at other characters than "<".
    md.inline.ruler.after("text", "sentence_mark", _sentence_mark)
    return md


def _sentence_mark(state: StateInline, silent: bool) -> bool:
    """Take a sentence mark exactly where html_inline would, but into the pending text: the
    mark closing each sentence then costs neither the HTML regex nor a token of its own."""
    src, start = state.src, state.pos
    if not src.startswith(_MARK_OPEN, start):
        return False
    end = src.find(_MARK_CLOSE, start + len(_MARK_OPEN))
    # html_inline's comment regex stops at this first "-->" only if no "--" comes before it
    # (searched from after "<!--"); a mark must also name a sentence. Else html_inline decides.
    if end <= start + len(_MARK_OPEN) or "--" in src[start + 4 : end + 1]:
        return False
    end += len(_MARK_CLOSE)
    if not silent:
        state.pending += _MARK_FENCE + src[start:end] + _MARK_FENCE
    state.pos = end
    return True


_MD = _parser()


def _line_starts(line: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Return the pattern of a line at the start of a text, and after a newline: spelt from
    the newline, it is searched at newlines only (`^` with re.M is tried at every character:
    40 ms a pattern in a large draft)."""
    return re.compile(line), re.compile(f"\n{line}")


def _lines(
    patterns: tuple[re.Pattern[str], re.Pattern[str]], text: str
) -> Iterator[tuple[int, re.Match[str]]]:
    """Yield where each line the patterns match starts, with its match, in order."""
    first = patterns[0].match(text)
    if first is not None:
        yield 0, first
    for match in patterns[1].finditer(text):
        yield match.start() + 1, match


# A large draft is parsed in parts of about this many characters: markdown-it's tokens take
# about ten times the text they come from, and a draft of 10,000 rich entries held them all at
# once (half of a build's peak memory).
PART_SIZE = 1 << 18
# A part ends before a line that follows an empty one, is not indented and cannot be a list
# item or a quote, outside any `:::` div: there every block of the whole draft is closed
# (nothing continues lazily past an empty line). What could stay open past such a line makes
# a draft be parsed whole: fences, raw HTML other than one-line comments, indented divs, and
# footnotes not defined on a line of their own (definitions are carried to the other parts,
# where they may be called).
_UNSPLITTABLE = _line_starts(r"(?: {0,3}(?:```|~~~|<(?!!--.*-->))| +:::)")
_CUT = re.compile(r"\n\n(?=[^\s\-*+>\d:])|\n(?=:{3})")
_DIV_LINE = re.compile(r"(:{3,})(.*)")
_DEFINITION_LIKE = re.compile(r"\[\^[^\] \n]+\]:")
_THEN_NOT_INDENTED = re.compile(r"\n(?:\Z|\n++(?=\Z|\S))")
_DEFINITION = _line_starts(r"\[\^([^\] \n]+)\]:.*")


def split_parts(document: str, size: int = PART_SIZE) -> list[str]:
    """Return the draft cut into parts that parse, one after the other, into the blocks the
    whole draft parses into (`parse_parts`); a draft that cannot be cut is one part."""
    if len(document) <= size or not _splittable(document):
        return [document]
    parts, start = [], 0
    for cut in _cuts(document):
        if cut - start >= size:
            parts.append(document[start:cut])
            start = cut
    return [*parts, document[start:]]


def _splittable(document: str) -> bool:
    """Tell whether no block can stay open across a cut (see _UNSPLITTABLE). A carriage
    return is a line break to markdown-it, not to the cutting: none is cut."""
    if "\r" in document or next(_lines(_UNSPLITTABLE, document), None):
        return False
    definitions = list(_lines(_DEFINITION, document))
    labels = {match.group(1) for _, match in definitions}
    if len(labels) != len(definitions):
        return False
    if len(_DEFINITION_LIKE.findall(document)) != len(definitions):
        return False  # a definition inside another block
    return all(_alone(document, start) for start, _ in definitions)


def _alone(document: str, start: int) -> bool:
    """Tell whether the line at `start` stands alone: empty lines (or the draft's ends) around
    it, and no indented line after them; else it may continue a quote or a list item, or be
    continued."""
    before = start <= 1 or document.startswith("\n\n", start - 2)
    end = document.find("\n", start)
    return before and (end < 0 or _THEN_NOT_INDENTED.match(document, end) is not None)


def _cuts(document: str) -> Iterator[int]:
    """Yield where parts may start (see _CUT), outside divs. A div runs from its opening line
    to the first line of at least as many colons alone."""
    opened = _div_state(document, 0, 0) if document.startswith(":::") else 0
    for match in _CUT.finditer(document):
        if match.group() == "\n":
            opened = _div_state(document, match.end(), opened)
        elif not opened:
            yield match.end()


def _div_state(document: str, start: int, opened: int) -> int:
    """Return the colons of the div open after the `:::` line at `start` (0: none)."""
    line = _DIV_LINE.match(document, start)
    assert line is not None
    colons, rest = len(line.group(1)), line.group(2).strip(" \t")
    if not opened:
        return colons
    return 0 if colons >= opened and not rest else opened


def parse_parts(parts: list[str]) -> Iterator[Block]:
    """Yield the blocks of a draft in parts (`split_parts`), each part parsed in turn: the list
    is consumed, so that a part is released once its blocks are out."""
    definitions = _definitions(parts) if len(parts) > 1 else {}
    walker = _Walker({}, [])
    parts.reverse()
    while parts:
        part = parts.pop()
        carried = [d for label, d in definitions.items() if f"[^{label}]:" not in part]
        if carried and "[^" in part:
            part = "\n\n".join([part.rstrip("\n"), *carried]) + "\n"
        tokens = _MD.parse(part)
        walker.notes, walker.lines = _footnotes(tokens), _source_lines(part)
        yield from walker.walk(tokens)


def _definitions(parts: list[str]) -> dict[str, str]:
    """Return the footnote definitions of the parts (one line each), by label."""
    return {
        match.group(1): part[start : match.end()]
        for part in parts
        for start, match in _lines(_DEFINITION, part)
    }


def _source_lines(text: str) -> list[str]:
    """Return the lines as markdown-it numbers them: cut at newlines, a carriage return being
    one (`str.splitlines` also cuts at form feeds, U+0085…, and shifted every line after)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


def _footnotes(tokens: list[Token]) -> dict[int, str]:
    notes: dict[int, str] = {}
    current: int | None = None
    for token in tokens:
        if token.type == "footnote_open":
            current = int(token.meta["id"])
        elif token.type == "inline" and current is not None:
            notes[current] = notes.get(current, "") + token.content
        elif token.type == "footnote_close":
            current = None
    return notes


class _Walker:
    """Turns the token stream into blocks, carrying list and custom-style context."""

    def __init__(self, notes: dict[int, str], lines: list[str]) -> None:
        self.notes = notes
        self.lines = lines
        self.lists: list[ListKind] = []
        self.style: str | None = None
        self.comment: str | None = None
        self.kind: BlockKind = "paragraph"
        self.table: Block | None = None
        self.toc: Block | None = None  # inside `::: {.toc}`: its list items are its entries

    def walk(self, tokens: list[Token]):  # type: ignore[no-untyped-def]
        in_footnotes = False
        for token in tokens:
            in_footnotes = _footnote_state(token, in_footnotes)
            if in_footnotes:
                continue
            block = self._visit(token)
            if block is not None:
                yield block

    def _visit(self, token: Token) -> Block | None:
        kind = token.type
        if self.toc is not None:
            return self._toc(token)
        if kind.startswith(("table_", "thead_", "tbody_", "tr_", "th_", "td_")) or (
            self.table is not None and kind == "inline"
        ):
            return self._table(token)
        if kind in ("bullet_list_open", "ordered_list_open"):
            self.lists.append("bullet" if kind.startswith("bullet") else "number")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind == "container_div_open" and ".toc" in token.info:
            self.toc = Block("toc")
        elif kind == "container_div_open":
            match = _CUSTOM_STYLE.search(token.info)
            self.style = match.group(1) if match else None
        elif kind == "container_div_close":
            self.style = None
        elif kind == "html_block":
            match = _COMMENT.match(token.content.strip())
            self.comment = " ".join(match.group(1).split()) if match else None
        elif kind == "heading_open":
            self.kind = "title" if token.tag == "h1" else "heading"
        elif kind == "hr":
            source = self.lines[token.map[0]].strip() if token.map else token.markup
            return self._take(Block("separator", [Inline(source)]))
        elif kind == "inline":
            return self._take(Block(self._inline_kind(), self._inlines(token)))
        return None

    def _table(self, token: Token) -> Block | None:
        if token.type == "table_open":
            self.table = Block("table")
        elif token.type == "tr_open" and self.table is not None:
            self.table.rows.append([])
        elif token.type == "th_open" and self.table is not None:
            style = str(token.attrs.get("style", ""))
            self.table.aligns.append(style.removeprefix("text-align:") or "left")
        elif token.type == "inline" and self.table is not None:
            self.table.rows[-1].append("".join(i.text for i in self._inlines(token)))
        elif token.type == "table_close" and self.table is not None:
            table, self.table = self.table, None
            return self._take(table)
        return None

    def _toc(self, token: Token) -> Block | None:
        """Collect the entries of a table of contents (one per list item) until its end."""
        if token.type == "inline" and self.toc is not None:
            self.toc.rows.append(["".join(i.text for i in self._inlines(token))])
        elif token.type == "container_div_close":
            toc, self.toc = self.toc, None
            return self._take(toc) if toc is not None else None
        return None

    def _inline_kind(self) -> BlockKind:
        kind, self.kind = self.kind, "paragraph"
        return self.lists[-1] if kind == "paragraph" and self.lists else kind

    def _take(self, block: Block) -> Block:
        block.style, block.comment, self.comment = self.style, self.comment, None
        block.level = max(len(self.lists) - 1, 0)
        return block

    def _inlines(self, token: Token) -> list[Inline]:
        runs: list[Inline] = []
        span: str | None = None
        after_mark = False
        for child in token.children or []:
            if child.type == "text" and _MARK_FENCE in child.content:
                after_mark = _text_with_marks(runs, child.content, span, after_mark)
                continue
            if child.type in ("text", "code_inline"):
                runs += _after_mark(Inline(child.content, span=span), after_mark)
            elif child.type in ("softbreak", "hardbreak"):
                runs += _after_mark(Inline(" ", span=span), after_mark)
            elif child.type == "footnote_ref":
                runs.append(Inline("", note=self.notes.get(int(child.meta["id"]), "")))
            elif child.type in ("span_open", "span_close"):
                span = str(child.attrs.get("class", "")) if child.type == "span_open" else None
            elif child.type == "html_inline" and _is_sentence(child.content):
                runs.append(_sentence(child.content))
                after_mark = True
                continue
            after_mark = False
        return runs


def _text_with_marks(runs: list[Inline], text: str, span: str | None, after_mark: bool) -> bool:
    """Add the runs of a text holding fenced sentence marks, as if each mark were its own
    html_inline token between text tokens; return whether the text ends with a mark."""
    for index, piece in enumerate(text.split(_MARK_FENCE)):
        if index % 2:
            runs.append(_sentence(piece))
            after_mark = True
        elif piece:
            runs += _after_mark(Inline(piece, span=span), after_mark)
            after_mark = False
    return after_mark


def _is_sentence(html: str) -> bool:
    """Tell a sentence mark from other inline HTML: `<!--§ `, a sentence id, then `-->`."""
    bounds = len(_MARK_OPEN) + len(_MARK_CLOSE)
    return len(html) > bounds and html.startswith(_MARK_OPEN) and html.endswith(_MARK_CLOSE)


def _sentence(mark: str) -> Inline:
    """Return the empty run a sentence mark leaves: its id, then the comment after the first
    ` § ` (if any) that the id does not start with. Plain string searches, because the regex
    `<!--§ (.+?)(?: § (.*?))?-->` backtracked at every character of every mark."""
    inside = mark[len(_MARK_OPEN) : -len(_MARK_CLOSE)]
    cut = inside.find(_MARK_COMMENT, 1)
    if cut < 0:
        return Inline("", sentence=inside)
    return Inline("", sentence=inside[:cut], comment=inside[cut + len(_MARK_COMMENT) :])


def _after_mark(inline: Inline, after_mark: bool) -> list[Inline]:
    """Keep the space after a sentence mark out of the next sentence (as a gap)."""
    text = inline.text.lstrip(" ")
    if not after_mark or text == inline.text:
        return [inline]
    gap = Inline(inline.text[: len(inline.text) - len(text)], gap=True)
    return [gap, Inline(text, span=inline.span)] if text else [gap]


def _footnote_state(token: Token, inside: bool) -> bool:
    if token.type == "footnote_block_open":
        return True
    if token.type == "footnote_block_close":
        return False
    return inside
