"""A hand-written mutation pass: break drafter on purpose, one mutant at a time, and check
that the test suite notices (style.md: a test that cannot fail is a defect).

    python scripts/mutants.py [--only NAME | --from NAME] [--files PATH…] [--quick]

Each mutant replaces one exact snippet of one file; the suite runs with -x; a mutant that
lets every test pass "survives" and is printed. Run from a clean checkout: files are restored
after each mutant, even on Ctrl-C.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# (name, file, original snippet, mutated snippet)
MUTANTS = [
    (
        "parts: a footnote defined anywhere counts as alone",
        "drafter/writing/markdown.py",
        "return before and (end < 0 or _THEN_NOT_INDENTED.match(document, end) is not None)",
        "return True",
    ),
    (
        "parts: cut inside a div",
        "drafter/writing/markdown.py",
        "        elif not opened:\n            yield match.end()",
        "        else:\n            yield match.end()",
    ),
    (
        "parts: a nested div's opening closes the div",
        "drafter/writing/markdown.py",
        "return 0 if colons >= opened and not rest else opened",
        "return 0 if colons >= opened else opened",
    ),
    (
        "parts: footnote definitions not carried",
        "drafter/writing/markdown.py",
        'if carried and "[^" in part:',
        "if False:",
    ),
    (
        "parts: carriage returns cut",
        "drafter/writing/markdown.py",
        'if "\\r" in document or next(_lines(_UNSPLITTABLE, document), None):',
        "if next(_lines(_UNSPLITTABLE, document), None):",
    ),
    (
        "parts: cut before a list item",
        "drafter/writing/markdown.py",
        '_CUT = re.compile(r"\\n\\n(?=[^\\s\\-*+>\\d:])|\\n(?=:{3})")',
        '_CUT = re.compile(r"\\n\\n(?=[^\\s:])|\\n(?=:{3})")',
    ),
    (
        "parts: all parsed before the writer takes a block",
        "drafter/writing/docx/writer.py",
        "    for block in blocks:\n        writer.add(block)",
        "    for block in list(blocks):\n        writer.add(block)",
    ),
    (
        "a failed piece leaves its temporary",
        "drafter/writing/safe_write.py",
        "except BaseException:  # pieces",
        "except OSError:  # pieces",
    ),
    (
        "sentence mark taken past a --",
        "drafter/writing/markdown.py",
        'if end <= start + len(_MARK_OPEN) or "--" in src[start + 4 : end + 1]:',
        "if end <= start + len(_MARK_OPEN):",
    ),
    (
        "every reference document trusted",
        "drafter/usecases/drafts.py",
        "trusted=reference == shipped_reference(),",
        "trusted=True,",
    ),
    (
        "body text: < left unescaped",
        "drafter/writing/docx/bodytext.py",
        'value = value.replace("<", "&lt;").replace(">", "&gt;")',
        'value = value.replace(">", "&gt;")',
    ),
    (
        "comments part left as its marker",
        "drafter/writing/docx/writer.py",
        "splices[comments.PART] = (comments.MARKER, writer.comments.pieces)",
        "pass",
    ),
    (
        "sentence view: every attribute readable",
        "drafter/drafting/templates.py",
        "return attr in properties",
        "return True",
    ),
    (
        "space added before every colon",
        "drafter/drafting/typography.py",
        "if added or kept != parts[index]:",
        "if True:",
    ),
    (
        "escape: tabs left unfolded",
        "drafter/drafting/markup.py",
        'if "  " in text or "\\t" in text or "\\n" in text or "\\r" in text:',
        'if "  " in text or "\\n" in text or "\\r" in text:',
    ),
    (
        "escape: only ASCII spaces stripped at the ends",
        "drafter/drafting/markup.py",
        "    text = text.strip()\n",
        '    text = text.strip(" ")\n',
    ),
    (
        "every build imports the annex's cycle history",
        "drafter/usecases/drafts.py",
        "from drafter.usecases.collector import without_cycle_collection\n",
        "from drafter.usecases.collector import without_cycle_collection\n"
        "from drafter.usecases.cycle_history import annex_history  # noqa: F401\n",
    ),
    (
        "templates: a dictionary's method hidden by its key",
        "drafter/drafting/templates.py",
        "        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:",
        "        if type(obj) is dict:",
    ),
    (
        "templates: a dictionary's subclass read by key",
        "drafter/drafting/templates.py",
        "        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:",
        "        if isinstance(obj, dict) and attribute not in _DICT_ATTRIBUTES:",
    ),
    (
        "templates: drafter's own read dictionaries the slow way",
        "drafter/drafting/templates.py",
        "kind = _Trusted if trusted else _Sandbox",
        "kind = jinja2.Environment if trusted else _Sandbox",
    ),
    (
        "reading: a root with .. taken as written",
        "drafter/reading/files.py",
        '    if ".." not in root.parts and real.startswith(',
        "    if real.startswith(",
    ),
    (
        "sentence view: made again for each attribute",
        "drafter/drafting/context.py",
        "        if last is not None and last[0] is self:",
        "        if False:",
    ),
    (
        "sentence view: another view's sentence",
        "drafter/drafting/context.py",
        "        if last is not None and last[0] is self:",
        "        if last is not None:",
    ),
    (
        "collector back with the build's objects in its youngest generation",
        "drafter/usecases/collector.py",
        "            _to_the_oldest_generation()\n",
        "            pass\n",
    ),
    (
        "packed base holds every line whole until the end",
        "drafter/revisions/base.py",
        "        if self._batch_size > BATCH:\n",
        "        if False:\n",
    ),
    (
        "packed base loses its last batch",
        "drafter/revisions/base.py",
        "        self._deflate_batch()\n        self._chunks.append(self._deflate.flush())",
        "        self._chunks.append(self._deflate.flush())",
    ),
    (
        "base line: an empty span written as null",
        "drafter/revisions/base.py",
        'return "null" if value is None else',
        'return "null" if not value else',
    ),
    (
        "build's base keeps no sentence",
        "drafter/revisions/base.py",
        "        yield from sentences.lines()",
        "        yield from ()",
    ),
    (
        "merge base keeps no sentence",
        "drafter/revisions/base.py",
        "    for index, sentence in enumerate(sentences):\n",
        "    for index, sentence in enumerate(sentences[:0]):\n",
    ),
    (
        "paragraphs after sectPr",
        "drafter/writing/docx/writer.py",
        "        sect_pr.addprevious(body_marker())",
        "        body.append(body_marker())",
    ),
    (
        "comment on the first run only",
        "drafter/writing/docx/writer.py",
        "paragraph.wrap(first, last, starts, ends)",
        "paragraph.wrap(first, first, starts, ends)",
    ),
    (
        "no bookmark around sentences",
        "drafter/writing/docx/writer.py",
        "starts, ends = self.bookmarks.around(mark.sentence)",
        "starts, ends = [], []",
    ),
    (
        "capitalise first character",
        "drafter/drafting/sentences.py",
        "if char.isalpha():",
        "if True:",
    ),
    (
        "no final period",
        "drafter/drafting/sentences.py",
        'return text if text.endswith(_FINAL) else text + "."',
        "return text",
    ),
    (
        "points: no final period",
        "drafter/drafting/sentences.py",
        'return f"{item}." if last else f"{item} ;"',
        'return f"{item} ;"',
    ),
    (
        "runs not moved by apres",
        "drafter/drafting/composition.py",
        "        _insert_run(paragraphs, run, tails)",
        "        paragraphs.append(run)",
    ),
    (
        "file blocks sorted by date inside",
        "drafter/drafting/composition.py",
        "return [entry for path in sorted(blocks, key=key) for entry in blocks[path]]",
        "return sorted(entries, key=lambda e: e.date.sort_key())",
    ),
    (
        "several runs after one id reversed",
        "drafter/drafting/composition.py",
        "after = tails.get(anchor.target, anchor.target) if anchor.after else anchor.target",
        "after = anchor.target",
    ),
    (
        "new paragraph ignored on runs",
        "drafter/drafting/composition.py",
        "if run[0].new_paragraph and position > 0:",
        "if False:",
    ),
    (
        "highlights not ordered",
        "drafter/drafting/composition.py",
        "ordered = sorted(marked, key=lambda e: rank.get(e.id, len(rank)))",
        "ordered = marked",
    ),
    (
        "figure counts planned entries",
        "drafter/drafting/composition.py",
        "e.kind == figure.kind and not e.planned",
        "e.kind == figure.kind",
    ),
    (
        "no cycle detection",
        "drafter/reading/anchors.py",
        "return problems or _cycles(entries, by_id)",
        "return problems",
    ),
    (
        "anchor to another area accepted",
        "drafter/reading/anchors.py",
        "if target.area != entry.area:",
        "if False:",
    ),
    (
        "list item position lost",
        "drafter/reading/entries.py",
        "                item,\n",
        '                fields["propositions"],\n',
    ),
    (
        "warning drops the entry",
        "drafter/reading/entries.py",
        "if reader.error_count() > before:",
        "if len(reader.problems) > before:",
    ),
    (
        "opening quote position lost",
        "drafter/reading/yaml_nodes.py",
        "if opening and exc.context_mark and exc.problem_mark:",
        "if False:",
    ),
    (
        "double spaces never folded",
        "drafter/data/typographie/fr.toml",
        'nom = "espaces doubles"\ndeclencheur = "  "',
        'nom = "espaces doubles"\ndeclencheur = "(?!)"',
    ),
    (
        "no NBSP before colon",
        "drafter/data/typographie/fr.toml",
        'signes = ":"\nespace = "\\u00a0"',
        'signes = ":"\nespace = " "',
    ),
    (
        "word corrections off",
        "drafter/data/typographie/fr.toml",
        "declencheur = 'oe|E|A '",
        "declencheur = '(?!)'",
    ),
    (
        "shipped template errors hidden",
        "drafter/drafting/templates.py",
        "        if _is_shipped(_failing_file(exc, env, name)):\n            raise",
        "        if False:\n            raise",
    ),
    (
        "Kosovo note in every mention",
        "drafter/drafting/templates.py",
        "    at = _first_kosovo(text)\n",
        "    at = None\n",
    ),
    (
        "footnote ids all 1",
        "drafter/writing/docx/footnotes.py",
        "footnote_reference_run(len(self.notes), self.reference_style)",
        "footnote_reference_run(1, self.reference_style)",
    ),
    (
        "comments part not written",
        "drafter/writing/docx/writer.py",
        "        self.comments.finish()\n",
        "",
    ),
    (
        "annex header not repeated",
        "drafter/writing/docx/tables.py",
        "    table.rows[0]._tr.get_or_add_trPr().append(header)\n",
        "",
    ),
    (
        "annex counts not right-aligned",
        "drafter/writing/docx/tables.py",
        'return "number" if column < len(aligns)',
        'return "text" if column < len(aligns)',
    ),
    (
        "edited draft overwritten",
        "drafter/writing/outputs.py",
        "if path.exists() and not force and not _unchanged(path, manifest):",
        "if False:",
    ),
    (
        "internal errors shown as tracebacks",
        "drafter/cli.py",
        "            ctx.exit(INTERNAL_ERROR)",
        "            raise",
    ),
    # The merge into the editors' draft (issue 12).
    (
        "merge: tracked changes signed by Word",
        "drafter/writing/docx/tracked.py",
        'element.set(qn("w:author"), self.author)',
        'element.set(qn("w:author"), "Word")',
    ),
    (
        "merge: deleted runs keep w:t",
        "drafter/writing/docx/tracked.py",
        "element.tag = _DELETED_TEXT[element.tag]",
        "pass",
    ),
    (
        "merge: new paragraph mark untracked",
        "drafter/writing/docx/tracked.py",
        "r_pr.insert(0, self.mark(tag))",
        "pass",
    ),
    (
        "merge: retouched sentence overwritten",
        "drafter/revisions/merging.py",
        "if found.edited or not same_text(found.text, base) or not found.runs:",
        "if not found.runs:",
    ),
    (
        "merge: no text fallback for a lost bookmark",
        "drafter/writing/docx/merge.py",
        "            return by_text(self.body, text)",
        "            return None",
    ),
    (
        "merge: added sentence ignores its neighbour",
        "drafter/writing/docx/places.py",
        "        previous = self.located(change.previous, live=True)",
        "        previous = None",
    ),
    (
        "merge: a new sentence in a paragraph the editors deleted",
        "drafter/writing/docx/places.py",
        "        return None if live and leaving(found) else found",
        "        return found",
    ),
    (
        "merge: a sentence retyped whole counts as gone",
        "drafter/writing/docx/locate.py",
        "    if p is None or not pending_deletion(found):",
        "    if p is None:",
    ),
    (
        "merge: a new paragraph after a deleted one",
        "drafter/writing/docx/places.py",
        "after=after and not leaving(found)",
        "after=after",
    ),
    (
        "merge: a new sentence inside the previous one's comment range",
        "drafter/writing/docx/places.py",
        "Spot(_past_ranges(child), after=True",
        "Spot(child, after=True",
    ),
    (
        "merge: a new sentence splits the editors' deletion",
        "drafter/writing/docx/places.py",
        "        or sibling.tag in _GONE\n",
        "",
    ),
    (
        "merge: a moved paragraph's renamed bookmark is lost",
        "drafter/writing/docx/locate.py",
        'starts-with(@w:name, "{name}")',
        '@w:name="{name}"',
    ),
    (
        "merge: the source of a move wins over its live copy",
        "drafter/writing/docx/locate.py",
        "return next((f for f in found if not pending_deletion(f)), found[0] if found else None)",
        "return found[0] if found else None",
    ),
    (
        "merge: a withdrawn sentence's comments not deleted with it",
        "drafter/writing/docx/merge.py",
        "        self.uncomment(found, every=every)\n",
        "",
    ),
    (
        "merge: changes dated by the report, not the merge",
        "drafter/usecases/late_changes.py",
        "changes, merge_timestamp(), str(editors)",
        "changes, dt.datetime(2024, 6, 14, tzinfo=dt.UTC), str(editors)",
    ),
    (
        "merge: a split paragraph is not an edit",
        "drafter/writing/docx/locate.py",
        'EDITS = REVISIONS | {qn("w:p")}',
        "EDITS = REVISIONS",
    ),
    (
        "merge: drafter's pending changes count as edits",
        "drafter/writing/docx/locate.py",
        "    return not is_own(element, element.tag) and not (",
        "    return True and not (",
    ),
    (
        "merge: LibreOffice's stray full stop left out",
        "drafter/writing/docx/merge.py",
        "        stretch(found, text)\n",
        "",
    ),
    (
        "merge: always into the original draft",
        "drafter/usecases/late_changes.py",
        "    return newest",
        "    return target if is_edited(target) else None",
    ),
]

# Period boundaries (issue 27, point 7): inclusive at both ends, whatever day the month ends.
MUTANTS += [
    (
        "period: its last day dropped",
        "drafter/model.py",
        "return start, dt.date(year, month, calendar.monthrange(year, month)[1])",
        "return start, dt.date(year, month, calendar.monthrange(year, month)[1] - 1)",
    ),
    (
        "period: a date on its last day is outside",
        "drafter/model.py",
        "p.first_day() <= end and p.last_day() >= start",
        "p.first_day() < end and p.last_day() >= start",
    ),
    (
        "period: a date on its first day is outside",
        "drafter/model.py",
        "p.first_day() <= end and p.last_day() >= start",
        "p.first_day() <= end and p.last_day() > start",
    ),
    (
        "period: a month ends on the 30th",
        "drafter/model.py",
        "        return dt.date(year, month, calendar.monthrange(year, month)[1])",
        "        return dt.date(year, month, min(30, calendar.monthrange(year, month)[1]))",
    ),
    (
        "period: December refused as a month",
        "drafter/reading/date_parsing.py",
        "    if not 1 <= month <= 12:",
        "    if not 1 <= month < 12:",
    ),
    (
        "period: a declaration signed on its last day not counted",
        "drafter/reading/cycle.py",
        "end = dt.date(year + month // 12, month % 12 + 1, 1)  # the day after the period",
        "end = dt.date(year, month, 28)  # the day after the period",
    ),
    (
        "period: a declaration signed the day after counted",
        "drafter/reading/cycle.py",
        "day is not None and day < end)",
        "day is not None and day <= end)",
    ),
]

# What a contributor typed, escaped on every page of the form (issue 27, point 7).
MUTANTS += [
    (
        "escaping: an area page's sentences as markup",
        "drafter/web/templates/domaine.html",
        '<p class="phrase">{{ row.sentence }}</p>',
        '<p class="phrase">{{ row.sentence|safe }}</p>',
    ),
    (
        "escaping: an area page's file names as markup",
        "drafter/web/templates/domaine.html",
        "<code>{{ row.file }}</code>",
        "<code>{{ row.file|safe }}</code>",
    ),
    (
        "escaping: the status page's contributors as markup",
        "drafter/web/templates/etat.html",
        '{{ s.contributeurs|join(", ") or "–" }}',
        '{{ s.contributeurs|join(", ")|safe or "–" }}',
    ),
    (
        "escaping: the live preview's sentence as markup",
        "drafter/web/templates/apercu.html",
        '<p class="phrase" id="phrase">{{ preview.sentence }}</p>',
        '<p class="phrase" id="phrase">{{ preview.sentence|safe }}</p>',
    ),
    (
        "escaping: the preview's neighbouring sentences as markup",
        "drafter/web/templates/apercu.html",
        "{% else %}{{ text }}{% endif %}",
        "{% else %}{{ text|safe }}{% endif %}",
    ),
    (
        "escaping: a form field's value unquoted",
        "drafter/web/templates/entree.html",
        'value="{{ value }}" autocomplete="off"',
        'value="{{ value|safe }}" autocomplete="off"',
    ),
    (
        "escaping: a textarea's text as markup",
        "drafter/web/templates/entree.html",
        'maxlength="10000">{{ value }}</textarea>',
        'maxlength="10000">{{ value|safe }}</textarea>',
    ),
    (
        "escaping: an unknown sub-topic's option as markup",
        "drafter/web/templates/entree.html",
        '<option value="{{ value }}" selected>{{ value }}</option>',
        '<option value="{{ value|safe }}" selected>{{ value }}</option>',
    ),
    (
        "escaping: the conflict's file on disk as markup",
        "drafter/web/templates/entree.html",
        '<pre id="version-disque">{{ conflict.disk }}</pre>',
        '<pre id="version-disque">{{ conflict.disk|safe }}</pre>',
    ),
    (
        "escaping: problems as markup",
        "drafter/web/templates/problemes.html",
        "{{ p.message }}",
        "{{ p.message|safe }}",
    ),
    (
        "escaping: an error page's message as markup",
        "drafter/web/templates/refus.html",
        "<p>{{ message }}</p>",
        "<p>{{ message|safe }}</p>",
    ),
    (
        "escaping: the preview sentence made Markup in Python",
        "drafter/web/editing.py",
        "        result.sentence = _typeset(workspace, entry)",
        '        result.sentence = __import__("markupsafe").Markup(_typeset(workspace, entry))',
    ),
]

# Ids in a merged draft after the editors deleted some (issue 27, point 7).
MUTANTS += [
    (
        "ids: comments numbered by their count, not after the highest",
        "drafter/writing/docx/comments.py",
        "self._next_id = max(ids, default=-1) + 1",
        "self._next_id = len(ids)",
    ),
    (
        "ids: tracked changes reuse the highest id",
        "drafter/writing/docx/tracked.py",
        "self._next_id = max(ids, default=0) + 1",
        "self._next_id = max(ids, default=0)",
    ),
    (
        "ids: the footnotes' tracked changes not counted",
        "drafter/writing/docx/tracked.py",
        "ids = [*_numbers(_IDS(body)), *others]",
        "ids = _numbers(_IDS(body))",
    ),
    (
        "ids: a new bookmark numbered by the bookmarks left",
        "drafter/writing/docx/merge.py",
        "mark_id = self.revisions.new_id()",
        'mark_id = len(self.body.xpath(".//w:bookmarkStart"))',
    ),
]

# Contributions by spreadsheet (issue 13): cells, dates, workbook safety, import, tableur.
MUTANTS += [
    (
        "errors: cell ignored",
        "drafter/errors.py",
        'where = f"{self.line}:{self.column}" if self.cell is None else self.cell',
        'where = f"{self.line}:{self.column}"',
    ),
    (
        "missing field not moved to its column",
        "drafter/reading/rows.py",
        "problem = replace(problem, column=columns[m.group(1)])",
        "pass",
    ),
    (
        "dd/mm/yyyy not understood",
        "drafter/reading/date_parsing.py",
        'f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"\n    if m := _SLASH_MONTH',
        "text\n    if m := _SLASH_MONTH",
    ),
    (
        "month names not understood",
        "drafter/reading/date_parsing.py",
        "month = _MONTHS.get(m.group(2).lower()) if m else None",
        "month = None",
    ),
    (
        "Excel month format read as a day",
        "drafter/reading/rows.py",
        'return day.strftime("%Y-%m") if month_only else day.isoformat()',
        "return day.isoformat()",
    ),
    (
        "list cells not split",
        "drafter/reading/rows.py",
        "parts = _SEPARATORS.split(text)",
        "parts = [text]",
    ),
    (
        "formulas accepted",
        "drafter/reading/workbook_reader.py",
        'if kind in ("e", "f"):',
        'if kind == "e":',
    ),
    (
        "LibreOffice booleans refused",
        "drafter/reading/workbook_reader.py",
        "and str(value).upper() in _BOOLEANS",
        "and False",
    ),
    (
        "xlsm accepted",
        "drafter/reading/xlsx_package.py",
        'if suffix in (".xlsm", ".xltm", ".xlam"):',
        "if False:",
    ),
    (
        "vbaProject accepted",
        "drafter/reading/xlsx_package.py",
        'if info.filename.lower().endswith("vbaproject.bin"):',
        "if False:",
    ),
    (
        "unpacked size unchecked",
        "drafter/writing/outside.py",
        "or unpacked > limits.unpacked",
        "or False",
    ),
    (
        "entities accepted",
        "drafter/reading/xlsx_package.py",
        "if DECLARATIONS.search(window):",
        "if False:",
    ),
    (
        "rows not counted",
        "drafter/reading/xlsx_package.py",
        'if counts[b"row"] > MAX_ROWS + 1 or counts[b"c"] > MAX_CELLS:',
        "if False:",
    ),
    (
        "wide encodings accepted",
        "drafter/reading/xlsx_package.py",
        'if head.startswith(_WIDE) or encoding not in ("utf-8", "utf8", "us-ascii", "ascii"):',
        "if False:",
    ),
    (
        "dimension trusted",
        "drafter/reading/workbook_reader.py",
        "    sheet.reset_dimensions()\n",
        "",
    ),
    (
        "hidden rows imported",
        "drafter/reading/workbook_reader.py",
        "for n in hidden if n in result.rows]",
        "for n in hidden if False]",
    ),
    (
        "error cells read as text",
        "drafter/reading/workbook_reader.py",
        'if kind in ("e", "f"):',
        'if kind == "f":',
    ),
    (
        "text written as a formula",
        "drafter/writing/workbook_writer.py",
        '    cell.data_type = "s"\n',
        "",
    ),
    (
        "import overwrites another workbook's file",
        "drafter/commands/spreadsheet_import.py",
        "while path in context.book.claimed or os.path.lexists(path):",
        "while path in context.book.claimed:",
    ),
    (
        "editors' draft read through a link",
        "drafter/usecases/late_changes.py",
        "return not path.is_symlink() and path.is_file()",
        "return path.is_file()",
    ),
    (
        "editors' draft package unchecked",
        "drafter/writing/docx/merge.py",
        "    data = checked_draft(editors, label)\n",
        "    data = editors.read_bytes()\n",
    ),
    (
        "editors' draft comment ids unchecked",
        "drafter/writing/docx/package_check.py",
        "if not (number.isascii() and number.isdigit() and len(number) < 10):",
        "if False:",
    ),
    (
        "next moves on past entries added since its plan",
        "drafter/commands/next_cycle.py",
        "    if added:\n",
        "    if False:\n",
    ),
    (
        "comment marks walked per withdrawal",
        "drafter/writing/docx/merge.py",
        "        marks = self._comment_marks(ids)",
        "        marks = [m for m in self.body.iter(*_RANGES) if m.get(qn('w:id')) in ids]",
    ),
    (
        "preview cache never invalidated",
        "drafter/web/loaded.py",
        "    return tuple(sorted(found))",
        "    return ()",
    ),
    (
        "stale bookmark trusted",
        "drafter/writing/docx/locate.py",
        "        if all(self.inside(start) for start in found):",
        "        if True:",
    ),
    (
        "form saves what check refuses across files",
        "drafter/web/editing.py",
        "    return entry_problems(entry, others, id_at, None if old is None else old.id)",
        "    return []",
    ),
    (
        "save without the workspace lock",
        "drafter/web/editing.py",
        "    with workspace_lock(root, BUSY, SAVE_WAIT):\n        yield",
        "    yield",
    ),
    (
        "re-import by origin off",
        "drafter/commands/spreadsheet_import.py",
        "return context.book.by_origin.get(context.origin(number))",
        "return None",
    ),
    (
        "update rewrites every field",
        "drafter/commands/import_texts.py",
        "return {k: v for k, v in values.items() if _as_text(v) != current.get(k)}",
        "return values",
    ),
    (
        "partial ignored",
        "drafter/commands/spreadsheet_import.py",
        "if result.has_errors and not partial:",
        "if result.has_errors:",
    ),
    (
        "dry-run writes",
        "drafter/commands/spreadsheet_import.py",
        "    if not dry_run:\n        for path",
        "    if True:\n        for path",
    ),
    (
        "errors do not block",
        "drafter/commands/spreadsheet_import.py",
        "if result.has_errors and not partial:\n        raise",
        "if False:\n        raise",
    ),
    (
        "duplicates kept",
        "drafter/commands/spreadsheet_import.py",
        "        if first is row:",
        "        if True:",
    ),
    (
        "default id written",
        "drafter/commands/spreadsheet_import.py",
        'node.pairs = [(k, v) for k, v in node.pairs if k.text != "id"]',
        "pass",
    ),
    (
        "header unchecked",
        "drafter/commands/spreadsheet_import.py",
        'known = reader.mapping(Node(MAPPING, 1, 1, pairs=pairs), column_keys(), "l\'en-tête")',
        "known = {c.text: c for c, _ in pairs}",
    ),
    (
        "unknown sheet ignored",
        "drafter/commands/spreadsheet_import.py",
        "result.problems.append(_unknown_sheet(book, sheet))",
        "pass",
    ),
    (
        "no drop-downs",
        "drafter/writing/workbook_writer.py",
        "        if field_.choices in ranges:",
        "        if False:",
    ),
    ("no frozen header", "drafter/writing/workbook_writer.py", 'sheet.freeze_panes = "A2"', "pass"),
    (
        "no text format",
        "drafter/writing/workbook_writer.py",
        "dimension.number_format, dimension.alignment = _TEXT, alignment",
        "dimension.alignment = alignment",
    ),
    ("prefill misses ids", "drafter/commands/spreadsheet.py", '        "id": entry.id,', ""),
    (
        "source_tableur not written",
        "drafter/commands/spreadsheet_import.py",
        'values["source_tableur"] = origin',
        "pass",
    ),
    (
        "source_tableur not in comments",
        "templates/commun/macros.md.j2",
        '{{- (saut_de_ligne ~ mot("commentaire.tableur", tableur=s.tableur)) if s.tableur }}\n',
        "",
    ),
    # session 5: the quick exit, the template environments and their cache, the collector
    (
        "quick exit: output not flushed",
        "drafter/cli.py",
        "            stream.flush()",
        "            pass",
    ),
    ("quick exit: status lost", "drafter/cli.py", "    os._exit(status)", "    os._exit(0)"),
    (
        "quick exit: working threads cut short",
        "drafter/cli.py",
        "    if threading.active_count() > 1 or run_exit_handlers is None:",
        "    if run_exit_handlers is None:",
    ),
    ("quick exit: exit handlers skipped", "drafter/cli.py", "    run_exit_handlers()", ""),
    (
        "workspace templates never sandboxed",
        "drafter/drafting/templates.py",
        "    trusted = not has_own_templates(workspace_root)",
        "    trusted = True",
    ),
    (
        "only lowercase *.j2 files count as workspace templates",
        "drafter/drafting/templates.py",
        'return any(item.name.lower() != "reference.docx" for item in local.iterdir())',
        'return any(item.name.endswith(".j2") for item in local.iterdir())',
    ),
    (
        "sandboxed and plain compilations share a cache key",
        "drafter/drafting/templates.py",
        'return super().get_cache_key(f"{self.kind}|{name}", filename)',
        "return super().get_cache_key(name, filename)",
    ),
    (
        "a damaged template cache is an error",
        "drafter/drafting/templates.py",
        "            bucket.reset()",
        "            raise",
    ),
    (
        "an unusable cache folder is an error",
        "drafter/drafting/templates.py",
        "    except (OSError, RuntimeError):  # RuntimeError: no home folder known",
        "    except RuntimeError:",
    ),
    (
        "cycle collector left off after a build",
        "drafter/usecases/collector.py",
        "            _to_the_oldest_generation()\n            gc.enable()",
        "            _to_the_oldest_generation()",
    ),
    (
        "cycle collector running during a build",
        "drafter/usecases/collector.py",
        "    gc.disable()\n    try:",
        "    try:",
    ),
    # session 6 (issue 20): the lazy group, its error boundary, Word XML spelt once, types
    (
        "lazy group: --help imports every command",
        "drafter/cli.py",
        "        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)",
        "        super().format_commands(ctx, formatter)\n        return\n"
        "        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)",
    ),
    (
        "error boundary: every problem exits 1",
        "drafter/cli.py",
        "            ctx.exit(exc.exit_code)",
        "            ctx.exit(1)",
    ),
    (
        "comment author not escaped",
        "drafter/writing/docx/bodytext.py",
        'w:author="{attribute(author)}"',
        'w:author="{author}"',
    ),
    (
        "a highlight's own text ignored",
        "drafter/reading/entries.py",
        "        highlight_text=highlight_text,",
        "        highlight_text=None,",
    ),
    # session 7 (issue 24): the draft and the tool, finished
    (
        "table of contents: entries left out of the field's result",
        "drafter/writing/docx/contents.py",
        "        content.append(_entry(title, pages.get(title)))",
        "        pass",
    ),
    (
        "table of contents: pages not read back from the PDF",
        "drafter/usecases/drafts.py",
        "    if options.toc and options.page_numbers:",
        "    if False:",
    ),
    (
        "pdf: comments never in the margin",
        "drafter/writing/pdf.py",
        '        if comments:\n            (profile / "user").mkdir(parents=True)',
        '        if False:\n            (profile / "user").mkdir(parents=True)',
    ),
    (
        "comments: all lines in one paragraph",
        "drafter/writing/docx/bodytext.py",
        "for index, line in enumerate(value.split(COMMENT_LINE_BREAK))",
        "for index, line in enumerate([value])",
    ),
    (
        "comments: a back reference's excerpt lost",
        "drafter/drafting/editor_notes.py",
        '"renvoi_autre_fichier", (("extrait", excerpt(reference.previous)),), fix="renvoi")',
        '"renvoi_en_tete", fix="renvoi")',
    ),
    (
        "comments: out-of-period not in the comment",
        "drafter/drafting/editor_notes.py",
        "    if entry.planned or entry.date.undated or entry.date.meets(start, end):",
        "    if True:",
    ),
    (
        "highlight repeating its sentence not warned",
        "drafter/drafting/editor_notes.py",
        "    if entry.highlight_text is None:\n        return True",
        "    if entry.highlight_text is None:\n        return False",
    ),
    (
        "annex rows may split across pages",
        "drafter/writing/docx/tables.py",
        '        row._tr.get_or_add_trPr().append(make("w:cantSplit"))',
        "        pass",
    ),
    (
        "cross-briefings: « plus de » even when exact",
        "drafter/drafting/context.py",
        '("arrondi" if exact > rounded else "")',
        '"arrondi"',
    ),
    (
        "joint declarations: every one, whatever the period",
        "drafter/reading/cycle.py",
        "if day is not None and day < end",
        "if day is not None",
    ),
    (
        "typography: colon after a word left alone",
        "drafter/drafting/typography.py",
        "            parts[index] = pattern.sub(replacement, parts[index])",
        "            pass",
    ),
    (
        "new: today's month even outside the period",
        "drafter/commands/setup.py",
        "    chosen = min(max(month, cycle.period_start), cycle.period_end)",
        "    chosen = month",
    ),
    (
        "dates: French forms refused in YAML",
        "drafter/reading/date_parsing.py",
        "    written, text = text, normalise_date(text)",
        "    written = text",
    ),
    (
        "dates: an impossible month blamed on the day",
        "drafter/reading/date_parsing.py",
        "    _check_month(text, month)\n    try:",
        "    try:",
    ),
    (
        "serve: the Host compared with its case",
        "drafter/web/security.py",
        "settings.host.lower()",
        "settings.host",
    ),
    (
        "click speaks English",
        "drafter/cli.py",
        "speak_french()  # click's own messages",
        "# click's own messages",
    ),
    (
        "unknown command: no « Vouliez-vous dire »",
        "drafter/cli.py",
        "possibilities=COMMANDS, ctx=ctx",
        "possibilities=None, ctx=ctx",
    ),
    (
        "editions: a merge into the English draft comments in French",
        "drafter/usecases/drafts.py",
        "merge_if_edited(target, sentences, load_edition(options.language), root",
        'merge_if_edited(target, sentences, load_edition("fr"), root',
    ),
    (
        "editions: the English draft signed « Secrétariat »",
        "drafter/usecases/drafts.py",
        "return edition.author if cycle.author ==",
        "return cycle.author if cycle.author ==",
    ),
    (
        "catalogue: the syntax search counts only newlines as line ends",
        "drafter/reading/catalogue_reader.py",
        "    if _OTHER_BREAKS.search(text) is None:",
        "    if True:",
    ),
    (
        "catalogue: only the first doubted line checked",
        "drafter/reading/catalogue_reader.py",
        "return _first_problem(text[bad.start() :].splitlines(), first, shown)",
        "return _first_problem(text[bad.start() :].splitlines()[:1], first, shown)",
    ),
    (
        "po file: an entry kept after the file's last comments",
        "drafter/reading/po_file.py",
        'if not last.startswith("#"):',
        "if True:",
    ),
    (
        "po file: a comment after msgctxt read",
        "drafter/reading/po_file.py",
        '_ALLOWED |= {("tc", s) for s in ("gc", "oc", "fl", "tc", "pc", "pm", "ms", "mi")}',
        '_ALLOWED |= {("tc", s) for s in ("gc", "oc", "fl", "tc", "pc", "pm", "ms", "mi", "ct")}',
    ),
    (
        "po file: a reference's line number in any digits",
        "drafter/reading/po_file.py",
        "if not _ or not line.isdigit():",
        "if not _ or not line.isdecimal():",
    ),
    (
        "po file: two headers read",
        "drafter/reading/po_file.py",
        "        if len(headers) > 1:",
        "        if False:",
    ),
    (
        "catalogue: a BOM read as text",
        "drafter/reading/catalogue_reader.py",
        "    if data.startswith(_BOM):",
        "    if False:",
    ),
    (
        "catalogue: the charset header ignored",
        "drafter/reading/catalogue_reader.py",
        'name = charset.group(1).decode("ascii", "replace") if charset else "UTF-8"',
        'name = "UTF-8"',
    ),
    (
        "catalogue: an encoding that is not ASCII-compatible accepted",
        "drafter/reading/catalogue_reader.py",
        "readable = 'msgid \"\"\\n'.encode(codec) == b'msgid \"\"\\n'",
        "readable = True",
    ),
    (
        "catalogue: plural forms accepted",
        "drafter/reading/catalogue_reader.py",
        "        if e.msgid_plural\n",
        "        if False\n",
    ),
    (
        "catalogue: a duplicated context accepted",
        "drafter/reading/catalogue_reader.py",
        "for e in entries] if len(entries) > 1 else []",
        "for e in entries] if len(entries) > 2 else []",
    ),
    (
        "translations: a fuzzy message's placeholders are an error",
        "drafter/drafting/translations.py",
        "severity = Severity.WARNING if message.fuzzy else Severity.ERROR",
        "severity = Severity.ERROR",
    ),
    (
        "translations: {Date} and {date} are two placeholders",
        "drafter/drafting/translations.py",
        "return sorted(p.lower() for p in _PLACEHOLDER.findall(text))",
        "return sorted(_PLACEHOLDER.findall(text))",
    ),
    (
        "translations: a faulty translation goes into the English draft",
        "drafter/drafting/translations.py",
        "if not _faulty(m)}",
        "if True}",
    ),
    (
        "translations: the date never capitalised by its place",
        "drafter/drafting/translations.py",
        "lambda found: date(bool(_SENTENCE_START.search(text, 0, found.start()))), text",
        "lambda found: date(False), text",
    ),
    # issue 27, point 6 (speed): what reading faster must keep
    (
        "speed: a link into a sibling folder named like the workspace is inside",
        "drafter/reading/files.py",
        'if real.startswith(os.path.join(root, "")):',
        "if real.startswith(str(root)):",
    ),
    (
        "speed: a workspace named through a link reads its files as outside",
        "drafter/reading/files.py",
        "    return Path(real).is_relative_to(os.path.realpath(root))",
        "    return False",
    ),
    (
        "speed: a list of dates of two kinds accepted",
        "drafter/reading/values.py",
        "            self.error(node, error)",
        "            pass",
    ),
    (
        "speed: a bad date in a list reported at the list",
        "drafter/reading/values.py",
        "        if all(self._date_point(item) for item in items):",
        "        if True:",
    ),
    (
        "speed: every build imports the merge",
        "drafter/usecases/late_changes.py",
        "if TYPE_CHECKING:\n    from drafter.revisions.merging import MergeResult, Outcome",
        "if True:\n    from drafter.revisions.merging import MergeResult, Outcome",
    ),
    (
        "speed: a check imports the catalogues without traductions/",
        "drafter/commands/check.py",
        "    if not (root / TRANSLATIONS).is_dir():",
        "    if False:",
    ),
    (
        "speed: double spaces in a value kept",
        "drafter/reading/values.py",
        'if "  " in text or "\\n" in text or "\\t" in text or "\\r" in text:',
        'if "\\n" in text or "\\t" in text or "\\r" in text:',
    ),
]


# Published reports taken in (issue 29): headings, paragraphs, lists, dates, archive, PDF.
MUTANTS += [
    (
        "reprendre: area headings matched by their exact title only",
        "drafter/reading/published_report.py",
        'held = [t for t in self.titles if re.search(rf"\\b{re.escape(t)}\\b", text)]',
        "held: list[str] = []",
    ),
    (
        "reprendre: a separator does not close the areas",
        "drafter/reading/published_report.py",
        "                self.area, self.in_highlights = None, False\n"
        "            elif paragraph.level",
        "                pass\n            elif paragraph.level",
    ),
    (
        "reprendre: list items taken as sentences",
        "drafter/reading/published_report.py",
        'if paragraph.item and units and units[-1].text.rstrip().endswith(":"):',
        "if False:",
    ),
    (
        "reprendre: paragraphs lost",
        "drafter/commands/published_entries.py",
        "return [(u, i > 0 and u.paragraph != units[i - 1].paragraph)"
        " for i, u in enumerate(units)]",
        "return [(u, False) for u in units]",
    ),
    (
        "reprendre: a sentence-initial date phrase not recognised",
        "drafter/commands/published_entries.py",
        "initial = found.start() == 0",
        "initial = False",
    ),
    (
        "reprendre: an existing archive not refused before planning",
        "drafter/commands/reprendre.py",
        "if report.number is not None and os.path.lexists(archive):",
        "if False:",
    ),
    (
        "reprendre: the workspace's cycle file replaced",
        "drafter/commands/reprendre.py",
        "following = None if has_cycle else next_cycle_text(root, cycle_text, empty)",
        "following = next_cycle_text(root, cycle_text, empty)",
    ),
    (
        "reprendre: a report not earlier than the current cycle taken in",
        "drafter/commands/reprendre.py",
        "if report.number is not None and current is not None and report.number >= current:",
        "if False:",
    ),
    (
        "reprendre: a half-written archive left after a failure",
        "drafter/commands/reprendre.py",
        "        shutil.rmtree(partial, ignore_errors=True)\n        where",
        "        where",
    ),
    (
        "reprendre pdf: no band cropped (page footers kept)",
        "drafter/reading/pdf_text.py",
        "BAND = 0.075",
        "BAND = 0.0",
    ),
    (
        "reprendre pdf: ordinal suffixes dropped with the footnote calls",
        "drafter/reading/pdf_text.py",
        'suffix = char["text"].isalpha() and (previous.isdigit() or suffix)',
        "suffix = False",
    ),
    (
        "reprendre pdf: a paragraph cut by a page break stays cut",
        "drafter/reading/pdf_text.py",
        "return level is None and not _ENDED.search(str(paragraphs[-1][0]))",
        "return False",
    ),
    (
        "reprendre pdf: every line-end hyphen removed",
        "drafter/reading/pdf_text.py",
        "if head and whole.lower() in words:",
        "if head:",
    ),
    (
        "catalogue writer: no break after a hyphen",
        "drafter/writing/catalogue_writer.py",
        '    "-": "HY",',
        '    "-": "AL",',
    ),
    (
        "catalogue writer: 80 columns",
        "drafter/writing/catalogue_writer.py",
        "PAGE_WIDTH = 79",
        "PAGE_WIDTH = 80",
    ),
    (
        "catalogue writer: a break at a narrow no-break space",
        "drafter/writing/catalogue_writer.py",
        '    "\\u202f": "GL",',
        '    "\\u202f": "SP",',
    ),
    (
        "catalogue writer: a string that fits exactly goes to the next line",
        "drafter/writing/catalogue_writer.py",
        "<= PAGE_WIDTH - len(first) - 2",
        "< PAGE_WIDTH - len(first) - 2",
    ),
    (
        "catalogue writer: escapes cut",
        "drafter/writing/catalogue_writer.py",
        '    if classes[index].startswith("ESC"):\n        return False\n',
        "",
    ),
    (
        "traductions: a PO editor's header fields dropped",
        "drafter/usecases/catalogue.py",
        "fields = dict(old.metadata) if old else {}",
        "fields = {}",
    ),
    (
        "traductions: the header comment rewritten",
        "drafter/usecases/catalogue.py",
        "header = old.header if old and old.header else catalogue_header",
        "header = catalogue_header",
    ),
    (
        "merge: a list item's entry not its source",
        "drafter/revisions/collect.py",
        'return sentence_id.removeprefix("fait-saillant:").partition(ITEM)[0]',
        'return sentence_id.removeprefix("fait-saillant:")',
    ),
    (
        "merge: a new paragraph's own mark inserted after one of its style",
        "drafter/writing/docx/merge.py",
        "if not (spot.after and self._typed_after(spot.element, placing.sentence)):",
        "if True:",
    ),
    (
        "merge: a paragraph typed after one of another style",
        "drafter/writing/docx/merge.py",
        'or style_element.get(qn("w:val")) != style):',
        "):",
    ),
    (
        "merge: a replaced sentence's footnote deleted",
        "drafter/writing/docx/merge.py",
        "notes = [r for r in found.runs if _is_note(r) and not _gone(r)]",
        "notes: list[BaseOxmlElement] = []",
    ),
    (
        "merge: a new wording's footnote not where its note is",
        "drafter/writing/docx/merge.py",
        "            if span == FOOTNOTE:\n                segments.append([])",
        "            if span == FOOTNOTE:\n                pass",
    ),
    (
        "merge: a withdrawn sentence's comment loses its range",
        "drafter/writing/docx/merge.py",
        "dropped = set(ids) if collapse else set()",
        "dropped = set(ids)",
    ),
    (
        "merge: a stale comment kept",
        "drafter/revisions/merging.py",
        "stale = change.sentence.comment != change.base.comment",
        "stale = False",
    ),
    (
        "merge: an emptied paragraph's own mark deleted",
        "drafter/writing/docx/merge.py",
        'self.revisions.paragraph_mark(before, "w:del")',
        'self.revisions.paragraph_mark(p, "w:del")',
    ),
    (
        "merge: a pending paragraph withdrawn leaves the mark before it inserted",
        "drafter/writing/docx/merge.py",
        "if empty and typed is not None and is_own(typed, INS):",
        "if False:",
    ),
    (
        "merge: a placeholder added to a draft that has its own",
        "drafter/revisions/merging.py",
        "        if is_placeholder(sentence.id):\n            return Outcome(",
        "        if False:\n            return Outcome(",
    ),
    (
        "merge: the editors' pending deletion called a retouch",
        "drafter/revisions/merging.py",
        "if found.runs and pending_deletion(found):",
        "if False:",
    ),
    (
        "merge: an area's placeholder and its sentences do not swap places",
        "drafter/revisions/compare.py",
        "    return _in_place(changes)",
        "    return changes",
    ),
    (
        "merge: a comment's anchor counts as an edit",
        "drafter/writing/docx/locate.py",
        "return not is_own(element, element.tag) and not (element.tag == _INS and _empty(element))",
        "return not is_own(element, element.tag)",
    ),
    (
        "translations: ids that shift take the other sentence's English",
        "drafter/drafting/translations.py",
        "    if exact:\n        return min(exact",
        "    if False:\n        return min(exact",
    ),
    (
        "translations: the context wins over the archive's same French",
        "drafter/drafting/translations.py",
        "if same is None or french_key(same.msgid) in french or key in memory:",
        "if same is None:",
    ),
    (
        "check: no word on entries whose id is their place",
        "drafter/usecases/catalogue.py",
        "            if is_positional_id(path, entry.id):",
        "            if False:",
    ),
    (
        "importer: the origin without the workbook's service",
        "drafter/commands/spreadsheet_import.py",
        'service = f" [{self.book.service}]" if self.book.service else ""',
        'service = ""',
    ),
    (
        "importer: another service's entry replaced through its id",
        "drafter/commands/spreadsheet_import.py",
        "    elif not _owner_agrees(context, entry):",
        "    elif False:",
    ),
    (
        "importer: service names compared with their case and accents",
        "drafter/commands/spreadsheet_import.py",
        "return not service or same_name(service) == same_name(owner(entry))",
        "return not service or service == owner(entry)",
    ),
    (
        "tableur: the service not written into the workbook",
        "drafter/writing/workbook_writer.py",
        "    if spec.service:\n        book.custom_doc_props",
        "    if False:\n        book.custom_doc_props",
    ),
    (
        "messages: a list item's closing punctuation in its msgid",
        "drafter/drafting/messages.py",
        'apply_typography(item.removesuffix(" ;").removesuffix("."), apostrophe)',
        "apply_typography(item, apostrophe)",
    ),
    (
        "english: list items left without their closing punctuation",
        "drafter/drafting/english_draft.py",
        '.rstrip() + ("." if last else ";"))',
        ".rstrip())",
    ),
    (
        "translations: older list items' msgids no longer match",
        "drafter/drafting/translations.py",
        'return _CLOSING.sub("", msgid)',
        "return msgid",
    ),
    (
        "outside: a DOCTYPE accepted in a Word part",
        "drafter/writing/outside.py",
        "fromstring(data, forbid_dtd=True)",
        "fromstring(data, forbid_dtd=False, forbid_entities=False)",
    ),
    (
        "outside: one huge XML part accepted",
        "drafter/writing/outside.py",
        "if i.file_size > limits.part and _is_xml(i.filename)",
        "if False",
    ),
    (
        "outside: a pipe read as a catalogue",
        "drafter/writing/outside.py",
        "            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):\n",
        "            if False:\n",
    ),
    (
        "outside: a catalogue read whatever its size",
        "drafter/writing/outside.py",
        "    if len(data) > limit:\n",
        "    if False:\n",
    ),
    (
        "merge: the comments part's ids not counted",
        "drafter/writing/docx/tracked.py",
        '    notes = ("footnotes+xml", "endnotes+xml", "comments+xml")',
        '    notes = ("footnotes+xml", "endnotes+xml")',
    ),
    (
        "merge: drafter's comments not joined to the editors' part",
        "drafter/writing/docx/comments.py",
        "            blob = blob[:at] + added + blob[at:]",
        "            blob = blob[:at] + blob[at:]",
    ),
    (
        "merge: a late entry's items not typed after its sentence",
        "drafter/writing/docx/merge.py",
        "        if not same and not self._typed(p):",
        "        if not same:",
    ),
]

# Issue 27, points 1-3 (editions): the English path.
MUTANTS += [
    (
        "editions: a list item always up to date",
        "drafter/drafting/context.py",
        '        """Return the item\'s state."""\n        return self._piece.state',
        '        """Return the item\'s state."""\n        return "traduite"',
    ),
    (
        "editions: no editors' notes in the comments",
        "drafter/drafting/context.py",
        "remarks = [self._scope.edition.note(note) for note in notes]",
        "remarks: list[str] = []",
    ),
    (
        "editions: a joined highlight in its sentence's state",
        "drafter/drafting/english_draft.py",
        "state = next(s for s in _WORST if any(p.state == s for p in pieces))",
        "state = pieces[0].state",
    ),
    (
        "editions: French area titles in every edition",
        "drafter/drafting/edition.py",
        'return (area.title_en if self.words.translated else "") or area.title',
        "return area.title",
    ),
    (
        "editions: no comment on a list item not up to date",
        "templates/commun/macros.md.j2",
        '{% if point.etat == "traduite" %}<!--§',
        "{% if True %}<!--§",
    ),
]


# Coverage across cycles and the English edition taken in (issue 29).
MUTANTS += [
    (
        "history: entries without proposal counted as those with one",
        "drafter/usecases/cycle_history.py",
        "untagged=tuple(sum(not e.proposals for e in es) for _, es in cycles),",
        "untagged=tuple(sum(bool(e.proposals) for e in es) for _, es in cycles),",
    ),
    (
        "history svg: the colour scale reversed",
        "drafter/writing/coverage_svg.py",
        "level = min(max(level, 0.0), 1.0) * (len(CIVIDIS) - 1)",
        "level = (1 - min(max(level, 0.0), 1.0)) * (len(CIVIDIS) - 1)",
    ),
    (
        "history svg: cells without their title",
        "drafter/writing/coverage_svg.py",
        'f"<g><title>{escape(cell.title)}</title>"',
        'f"<g>"',
    ),
    (
        "history svg: column headings on one line",
        "drafter/writing/coverage_svg.py",
        'first, _, second = name.partition(" (")',
        'first, _, second = name, "", ""',
    ),
    (
        "history: the annex without the archived cycles",
        "drafter/usecases/drafts.py",
        "annex_cycles=_annex_cycles(root, workspace) if options.annex else (),",
        "annex_cycles=(),",
    ),
    (
        "history: the form's status page without the grid",
        "drafter/web/pages.py",
        "historique=history",
        "historique=None",
    ),
    (
        "reprendre english: any two sentences taken as translations",
        "drafter/reading/sentence_alignment.py",
        "PAIR_MIN = 0.45",
        "PAIR_MIN = 0.0",
    ),
    (
        "reprendre english: acronyms compared untranslated",
        "drafter/reading/sentence_alignment.py",
        "left = {equivalents.get(a, a) for a in anchors(french)}",
        "left = anchors(french)",
    ),
    (
        "reprendre english: English sentences without French dropped",
        "drafter/commands/published_entries.py",
        "            if index not in pairs\n",
        "            if False\n",
    ),
    (
        "reprendre english: the date phrase never found",
        "drafter/commands/published_entries.py",
        "where = plain.lower().find(wanted.lower())",
        "where = -1",
    ),
    # the annex in English (issue 27, point 3): titles per edition, detailed 2017 proposals
    (
        "annex: the English edition shows the French titles",
        "drafter/drafting/context.py",
        "titles = workspace.catalogue.translated.get(language, {})",
        "titles: dict[str, str] = {}",
    ),
    (
        "annex: a detailed proposal not counted under its theme",
        "drafter/drafting/composition.py",
        "for proposal in (*entry.proposals, *sorted(themes)):",
        "for proposal in entry.proposals:",
    ),
    (
        "annex: an unknown groupe accepted",
        "drafter/reading/proposals.py",
        "        if group not in themes:\n",
        "        if False:\n",
    ),
    (
        "annex: an archived cycle's detailed proposal not counted under its theme",
        "drafter/usecases/cycle_history.py",
        "    return set(entry.proposals) | {groups[p] for p in entry.proposals if p in groups}",
        "    return set(entry.proposals)",
    ),
]


# One safe writer for every file drafter writes (issue 28, point 12).
MUTANTS += [
    (
        "safe write: written in place, without a temporary",
        "drafter/writing/safe_write.py",
        "    with replacing(path, temporary) as stream:",
        '    with open(path, "wb") as stream:',
    ),
]

# One skeleton both editions' report templates extend (issue 27, point 1).
MUTANTS += [
    (
        "skeleton: the English edition fills a block the skeleton does not have",
        "templates/en/rapport.md.j2",
        "{% block annonce_faits_saillants %}",
        "{% block annonce_faits_saillants_en %}",
    ),
    (
        "skeleton: the English edition adds a paragraph of its own",
        "templates/en/rapport.md.j2",
        "The following elements deserve to be highlighted in particular:\n",
        "The following elements deserve to be highlighted in particular:\n\nAs follows.\n",
    ),
]

# Service names in the English edition (issue 27, point 1).
MUTANTS += [
    (
        "services: the English comment names the service in French",
        "drafter/drafting/context.py",
        '"contributeur": service,',
        '"contributeur": entry.contributor,',
    ),
    (
        "services: a list item's comment names the service in French",
        "drafter/drafting/context.py",
        'found = _source(self._entry, self._piece, [], "", self._service)',
        'found = _source(self._entry, self._piece, [], "", self._entry.contributor)',
    ),
    (
        "services: names compared with their case and accents",
        "drafter/model.py",
        "return names.get(same_name(service), service) if names else service",
        "return names.get(service.casefold(), service) if names else service",
    ),
    (
        "services: the shipped names override the workspace's",
        "drafter/reading/workspace.py",
        "    for path in (shipped, local):",
        "    for path in (local, shipped):",
    ),
    (
        "services: the workspace's list of names is an entry out of any area",
        "drafter/reading/workspace.py",
        '"propositions.yaml", *SERVICE_FILES.values())',
        '"propositions.yaml")',
    ),
]

# Opening the editors' draft changes nothing global in python-docx (issue 27, robustness).
MUTANTS += [
    (
        "merge: the editors' comments opened as python-docx's tree",
        "drafter/writing/docx/compat.py",
        "Unmarshaller.unmarshal(reader, package, _comments_as_bytes)",
        "Unmarshaller.unmarshal(reader, package, PartFactory)",
    ),
    (
        "merge: opening the editors' draft changes python-docx's global part factory",
        "drafter/writing/docx/compat.py",
        "    package = Package()\n",
        "    package = Package()\n    PartFactory.part_type_for.pop(CT.WML_COMMENTS, None)\n",
    ),
]

# What waitress refuses itself gets drafter's French page (issue 27, robustness).
MUTANTS += [
    (
        "serve: waitress's own English error text",
        "drafter/web/server.py",
        "self._server.channel_class = _Channel  # one socket",
        "pass  # one socket",
    ),
    (
        "serve: waitress's refusals without the pages' security headers",
        "drafter/web/app.py",
        'headers = [("Content-Type", "text/html; charset=utf-8"), *_HEADERS.items()]',
        'headers = [("Content-Type", "text/html; charset=utf-8")]',
    ),
]


# Issue 27, polish: every word drafter writes lives once, in data/editions/ (check included).
MUTANTS += [
    (
        "check: the contributors' fix replaced by the editors'",
        "drafter/drafting/edition.py",
        'return own if own in self.words.words else f"{REMARKS}.{key}"',
        'return f"{REMARKS}.{key}"',
    ),
    (
        "figures: a carried qualifier not printed",
        "drafter/drafting/context.py",
        'qualifier = figure.qualifier or ("arrondi" if exact > rounded else "")',
        'qualifier = "arrondi" if exact > rounded else ""',
    ),
    (
        "figures: the next cycle drops the qualifier",
        "drafter/commands/next_cycle.py",
        'carried |= {"qualificatif": figure.qualifier} if figure.qualifier else {}',
        "carried |= {}",
    ),
    (
        "figures: any qualifier accepted",
        "drafter/reading/cycle.py",
        "if text is not None and text not in known:",
        "if False:",
    ),
    (
        "comments: a fuzzy item's old French always closed as the last",
        "drafter/drafting/english_draft.py",
        'last = f"{entry.id}{POINT}{number + 1}" not in self.index',
        "last = True",
    ),
    (
        "annex: a column heading typed in the skeleton, not the edition's word",
        "templates/commun/squelette.md.j2",
        '{{ mot("annexe.intitule") }}',
        "Intitulé",
    ),
    (
        "placeholders: an empty area's text to complete typed in the skeleton",
        "templates/commun/squelette.md.j2",
        'mot("a_rediger.domaine_vide.texte")',
        '"aucune contribution reçue pour ce domaine"',
    ),
    (
        "web form: a field's help shows its label again",
        "drafter/web/forms.py",
        'str(words["aide"]),',
        'str(words["libelle"]),',
    ),
    (
        "traductions: the template's header is the catalogue's",
        "drafter/reading/catalogue_reader.py",
        'if language else wording["entete_modele"]',
        'if language else wording["entete"]["en"]',
    ),
    (
        "history: one « entrée » whatever the count",
        "drafter/usecases/cycle_history.py",
        '"bulle_pluriel" if n > 1 else "bulle"',
        '"bulle"',
    ),
    (
        "workbook: the guide's example heading at a fixed row",
        "drafter/commands/spreadsheet.py",
        "headings = {1, len(rows) + 1}",
        "headings = {1, 9}",
    ),
]


# Issue 27: one typography engine, a rule table per language (data/typographie/).
MUTANTS += [
    (
        "typography: a rule without a trigger never runs",
        "drafter/drafting/typography.py",
        "if rule.trigger is None or rule.trigger.search(text):",
        "if rule.trigger is not None and rule.trigger.search(text):",
    ),
    (
        "typography: protected runs not put back",
        "drafter/drafting/typography.py",
        "return _SLOT.sub(lambda m: protected[int(m.group(1))], text) if protected else text",
        "return text",
    ),
    (
        "typography: the runs whose key is absent joined",
        "drafter/drafting/typography.py",
        "runs = [run for run, keep in zip(self._runs, present, strict=True) if keep]",
        "runs = [run for run, keep in zip(self._runs, present, strict=True) if not keep]",
    ),
    (
        "typography: lowercase kind keeps the case",
        "drafter/drafting/typography.py",
        "return _sub(row.pattern, lambda m: m.group(1).lower())",
        "return _sub(row.pattern, lambda m: m.group(1))",
    ),
    (
        "typography: thousands with a comma whatever the table",
        "drafter/drafting/typography.py",
        "return _sub(row.pattern, lambda m: spaces.sub(separator, m.group(1)))",
        'return _sub(row.pattern, lambda m: spaces.sub(",", m.group(1)))',
    ),
    (
        "typography: apostrophe kind ignores the report's",
        "drafter/drafting/typography.py",
        'return text.replace("\'", apostrophe).replace("\\u2019", apostrophe)',
        'return text.replace("\'", "\\u2019")',
    ),
    (
        "typography: the remembered texts ignore the apostrophe",
        "drafter/drafting/typography.py",
        "        key = (text, apostrophe)\n",
        '        key = (text, "")\n',
    ),
    (
        "typography tables: capitalised wrong words kept",
        "drafter/drafting/typography_tables.py",
        "            words[wrong[:1].upper() + wrong[1:]] = right[:1].upper() + right[1:]\n",
        "",
    ),
    (
        "typography tables: a bad pattern passes silently",
        "drafter/drafting/typography_tables.py",
        '        table.problem(block, key, f"{what} : {message}")',
        "        pass",
    ),
    (
        "typography tables: {mois:…} template ignored",
        "drafter/drafting/typography_tables.py",
        'return "|".join(template.replace("%s", word) for word in words)',
        'return "|".join(words)',
    ),
    (
        "typography tables: replacement not checked",
        "drafter/drafting/typography_tables.py",
        '            pattern.sub(replacement, "")  # parses the replacement, even without a match',
        "            pass",
    ),
    (
        "English typography: a fence protects the rest of the text",
        "drafter/data/typographie/en.toml",
        "cle = \":::\"\nmotif = ':::(?<![^\\n]:::).*$'",
        "cle = \":::\"\nmotif = '(?s:^:::.*$)'",
    ),
    (
        "English typography: untranslated French not protected",
        "drafter/data/typographie/en.toml",
        'cle = "{.a-completer}"',
        'cle = "{.jamais}"',
    ),
    (
        "English typography: thousands not regrouped",
        "drafter/data/typographie/en.toml",
        'separateur = ","',
        'separateur = " "',
    ),
]


# The date phrases and number words as data (issue 27, point 1): one engine each, the words
# and the rules the languages differ on in data/editions/<language>.yaml.
MUTANTS += [
    (
        "words: « et » before every unit after vingt-soixante",
        "drafter/drafting/numbers.py",
        "joined = base in self.and_after and rest in self.and_before",
        "joined = base in self.and_after",
    ),
    (
        "words: ordinals from the plural forms (quatre-vingtsième)",
        "drafter/drafting/numbers.py",
        "words = self._words(n, final=False)",
        "words = self._words(n, final=True)",
    ),
    (
        "words: the feminine first ordinal lost",
        "drafter/drafting/numbers.py",
        "whole = (self.first_feminine if feminine else {}).get(n) or self.first.get(n)",
        "whole = self.first.get(n)",
    ),
    (
        "words: « deux cents un »",
        "drafter/drafting/numbers.py",
        "head, tail = self._hundreds(hundreds, False), self._below_hundred(rest, final)",
        "head, tail = self._hundreds(hundreds, final), self._below_hundred(rest, final)",
    ),
    (
        "words: the comma before the last year of months only past two years",
        "drafter/drafting/date_phrases.py",
        'last = "dernier_apres_plusieurs" if any(len(g) > 1 for g in groups) else "dernier"',
        'last = "dernier_apres_plusieurs" if len(groups) > 2 else "dernier"',
    ),
    (
        "words: a period within a year repeats the year",
        "drafter/drafting/date_phrases.py",
        "pattern = self.period_patterns[start[0] == end[0]]",
        "pattern = self.period_patterns[0]",
    ),
    (
        "words: « 1 juin » instead of « 1er juin »",
        "drafter/drafting/date_phrases.py",
        "number = self.day_numbers.get(str(day.day), str(day.day))",
        "number = str(day.day)",
    ),
    (
        "words: only the first missing key of a words file named",
        "drafter/drafting/word_tables.py",
        "missing = [key for key in keys if self.prefix + key not in self.words]",
        "missing = [key for key in keys if self.prefix + key not in self.words][:1]",
    ),
    (
        "words: a breaking space inside « à l'été 2023 »",
        "drafter/data/editions/fr.yaml",
        'ete: "à l\'été\\u00a0{annee}"',
        'ete: "à l\'été {annee}"',
    ),
    (
        "words: « between June 2022 and December 2022 »",
        "drafter/data/editions/en.yaml",
        'periode_sur_une_annee: "between {mois_debut} and {fin}"',
        'periode_sur_une_annee: "between {debut} and {fin}"',
    ),
    (
        "words: a check compiles the typography table it never applies",
        "drafter/drafting/edition.py",
        "        lambda text, apostrophe: typography_of(language)(text, apostrophe),",
        "        typography_of(language),",
    ),
    (
        "words: « quatre-vingt » without its s at the end",
        "drafter/data/editions/fr.yaml",
        "    80: quatre-vingts\n",
        "    80: quatre-vingt\n",
    ),
]

MUTANTS += [
    (
        "workbook: the clock's date in its properties",
        "drafter/writing/workbook_writer.py",
        "    _save(book, buffer)\n",
        "    book.save(buffer)\n",
    ),
    (
        "workbook: the clock's date on its zip members",
        "drafter/writing/workbook_writer.py",
        "write_output(path, restamped(buffer.getvalue()), protected=protected)",
        "write_output(path, buffer.getvalue(), protected=protected)",
    ),
]


def _bounded_memory() -> None:
    """Limit the suite to 6 GB of address space: a mutant that lifts a guard against bombs
    (the template sandbox) must fail its tests, not fill the machine."""
    resource.setrlimit(resource.RLIMIT_AS, (6 << 30, 6 << 30))


def run(name: str, path: str, old: str, new: str, quick: bool = False) -> tuple[bool, float]:
    """Apply one mutant, run the suite, restore; return (killed, seconds).

    With `quick`, the test files that name the mutated module run first: a failure there
    kills the mutant as surely as the whole suite would, and only the mutants they miss
    cost a whole run."""
    file = ROOT / path
    original = file.read_text(encoding="utf-8")
    if original.count(old) != 1:
        sys.exit(f"{name}: snippet not found exactly once in {path}")
    file.write_text(original.replace(old, new), encoding="utf-8")
    start = time.perf_counter()
    try:
        killed = quick and _fails(_naming(path))
        killed = killed or _fails([])
    finally:
        file.write_text(original, encoding="utf-8")
    return killed, time.perf_counter() - start


def _naming(path: str) -> list[str]:
    """Return the test files that name the module at path (its stem)."""
    stem = Path(path).stem if Path(path).stem != "__init__" else Path(path).parent.name
    tests = sorted((ROOT / "tests").glob("test_*.py"))
    return [str(t) for t in tests if stem in t.read_text(encoding="utf-8")] or ["tests"]


def _fails(tests: list[str]) -> bool:
    """Run pytest (-x) on the tests (all when none) against the mutated tree; True if any fails."""
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests],
        cwd=ROOT,
        capture_output=True,
        preexec_fn=_bounded_memory,
        # the mutated tree, also for the tests' own `python -m drafter` processes
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return done.returncode != 0


def main() -> None:
    """Run every mutant (or one), print each outcome and the score."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", help="run this mutant alone")
    parser.add_argument("--from", dest="first", help="run the mutants from this one on")
    parser.add_argument(
        "--quick", action="store_true", help="the tests naming the module first, then all"
    )
    parser.add_argument("--files", nargs="*", help="only the mutants of these files")
    args = parser.parse_args()
    chosen = [m for m in MUTANTS if args.only in (None, m[0])]
    chosen = [m for m in chosen if not args.files or m[1] in args.files]
    if args.first:
        chosen = chosen[[m[0] for m in chosen].index(args.first) :]
    survivors = []
    for mutant in chosen:
        killed, seconds = run(*mutant, quick=args.quick)
        print(f"{'killed  ' if killed else 'SURVIVED'} {seconds:5.1f} s  {mutant[0]}", flush=True)
        if not killed:
            survivors.append(mutant[0])
    print(f"score: {len(chosen) - len(survivors)} / {len(chosen)} killed")


if __name__ == "__main__":
    main()
