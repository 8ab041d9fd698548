"""Workspace -> the draft as Markdown, through Jinja2 templates a workspace may override."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from drafter import __version__
from drafter.drafting import sandbox
from drafter.drafting.context import VIEW_PROPERTIES, report_context
from drafter.drafting.context import annex as annex_rows
from drafter.drafting.edition import Edition, grammar_of
from drafter.drafting.markup import COMMENT_LINE_BREAK
from drafter.errors import DrafterError, Problem, unlocated
from drafter.model import Workspace

MAIN_TEMPLATE = "rapport.md.j2"
KOSOVO_TEMPLATE = "note-kosovo.md.j2"
COMMON = "commun"  # the templates every edition shares (templates/commun/)
# What a template expression can raise: the template is workspace input, so these are the
# secretariat's mistakes to report (with the line), not drafter's bugs.
TEMPLATE_FAILURES = (
    SecurityError,
    jinja2.TemplateError,
    ArithmeticError,
    TypeError,
    ValueError,
    LookupError,
    RecursionError,
    MemoryError,
    sandbox.TemplateLimit,
)
_KOSOVO = re.compile(r"Kosovo(?<!\wKosovo)\b")


def shipped_templates() -> Path:
    """Return the folder of the default templates (in the wheel, or the repository)."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "templates", package.parent / "templates"):
        if (candidate / "fr" / MAIN_TEMPLATE).is_file():
            return candidate
    raise DrafterError([unlocated("modèles de drafter introuvables : réinstallez drafter")])


def template_dirs(workspace_root: Path | None, language: str = "fr") -> list[Path]:
    """Return the template search path: the workspace's overrides first, then the defaults
    (for English, only `templates/en/`: the workspace's top folder holds French overrides),
    then the shipped templates every edition shares."""
    dirs = []
    if workspace_root is not None:
        local = workspace_root / "templates"
        dirs += [local / "fr", local] if language == "fr" else [local / language]
    return [*dirs, *shipped_dirs(language)]


def shipped_dirs(language: str) -> list[Path]:
    """Return the shipped templates of a language, then those every edition shares."""
    return [shipped_templates() / language, shipped_templates() / COMMON]


def environment(
    workspace_root: Path | None, apostrophe: str, language: str = "fr"
) -> jinja2.Environment:
    """Return the Jinja2 environment: sandboxed when the workspace has templates of its own
    (they are not trusted code), a plain one when only drafter's own templates can load (the
    sandbox's checks on every call and attribute were a sixth of rendering)."""
    # "defaut/…" always names a shipped template, so an override can extend the default.
    loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader([str(d) for d in template_dirs(workspace_root, language)]),
            jinja2.PrefixLoader(
                {"defaut": jinja2.FileSystemLoader([str(d) for d in shipped_dirs(language)])}
            ),
        ]
    )
    trusted = not has_own_templates(workspace_root)
    kind = _Trusted if trusted else _Sandbox
    env = kind(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        bytecode_cache=compiled_templates("libre" if trusted else "bac-a-sable"),
    )
    grammar = grammar_of(language)
    env.filters.update(
        ordinal=grammar.ordinal,
        cardinal=grammar.cardinal,
        capfirst=_capfirst,
        typo=lambda text: grammar.typography(str(text), apostrophe),
    )
    # what separates the lines of a Word comment (writing/docx/bodytext.py cuts there)
    env.globals["saut_de_ligne"] = COMMENT_LINE_BREAK
    if not trusted:
        sandbox.guard_filters(env.filters)
    return env


def has_own_templates(workspace_root: Path | None) -> bool:
    """Return True when the workspace's `templates/` holds anything but a reference.docx:
    only then can a template other than drafter's own be loaded. Any name counts, not only
    `*.j2`: on a case-insensitive disk `RAPPORT.MD.J2` is loaded as `rapport.md.j2`."""
    if workspace_root is None:
        return False
    local = workspace_root / "templates"
    if not local.is_dir() or local.resolve() == shipped_templates().resolve():
        return False
    return any(item.name.lower() != "reference.docx" for item in local.iterdir())


def compiled_templates(kind: str) -> jinja2.BytecodeCache | None:
    """Return the cache of compiled templates kept between runs (in the user's cache folder),
    or None when there is no usable one. Compiling the templates was a tenth of rendering a
    1,000-entry draft; Jinja2 checks each cached template against its source."""
    try:
        folder = cache_folder() / "modeles"
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except (OSError, RuntimeError):  # RuntimeError: no home folder known
        return None
    return _CompiledTemplates(str(folder), kind)


def cache_folder() -> Path:
    """Return drafter's cache folder: $XDG_CACHE_HOME/drafter, else ~/.cache/drafter
    (%LOCALAPPDATA%\\drafter on Windows)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA")
    return Path(base) / "drafter" if base else Path.home() / ".cache" / "drafter"


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja2's file cache, keyed also by the environment's kind and the versions of Jinja2
    and drafter (Jinja2 keys by file and source only, and a sandbox compiles operators
    differently), and never an error: a cache that cannot be read or written is skipped."""

    def __init__(self, directory: str, kind: str) -> None:
        super().__init__(directory)
        jinja = getattr(jinja2, "__version__", "")  # (Jinja2 may drop the attribute one day)
        self.kind = f"{kind}|{jinja}|{__version__}"

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        """Return the file name of a template's compiled code."""
        return super().get_cache_key(f"{self.kind}|{name}", filename)

    def load_bytecode(self, bucket: Bucket) -> None:
        """Load a template's compiled code; a damaged file is compiled again."""
        try:
            super().load_bytecode(bucket)
        except Exception:  # any damage means: compile the template again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep a template's compiled code, when the cache folder can be written."""
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


# What a dictionary has as attributes (its methods): `d.items` is the method, as Jinja2 reads it.
_DICT_ATTRIBUTES = frozenset(dir({}))


class _DictKeys:
    """Reads `d.key` of a plain dictionary (the context's sections, paragraphs, comments'
    facts) as its key at once. Jinja2 tries the attribute first, which for a dictionary
    raises and catches an AttributeError each time: 130,000 times, a tenth of rendering a
    10,000-entry draft. Same values: a name that is a dictionary attribute goes to Jinja2."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Return obj.attribute as Jinja2 does, a dictionary's key without trying first."""
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)  # type: ignore[misc]


class _Trusted(_DictKeys, jinja2.Environment):
    """The environment of drafter's own templates."""


class _Sandbox(sandbox.Limits, _DictKeys, ImmutableSandboxedEnvironment):
    """Jinja2's sandbox, bounded in time and size (drafting/sandbox.py)."""

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Return True for the public properties of a sentence, read tens of thousands of
        times in a large draft: they hold data, not callables (the sandbox's generic checks
        were a fifth of rendering); everything else gets those checks."""
        properties = VIEW_PROPERTIES.get(type(obj))
        if properties is not None:
            return attr in properties
        return bool(super().is_safe_attribute(obj, attr, value))


def _capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Draft:
    """The rendered draft: the Markdown body in parts (cut by the writer's `split`, which
    parses them one by one), and the document's subject and footer lines."""

    parts: list[str]
    subject: str
    footer: str
    header: str

    @property
    def markdown(self) -> str:
        """Return the whole Markdown body."""
        return "".join(self.parts)


def render_draft(
    workspace: Workspace,
    edition: Edition,
    root: Path | None,
    comments: bool = True,
    toc: bool = False,
    annex: bool = False,
    split: Callable[[str], list[str]] = lambda text: [text],
    annex_cycles: tuple[tuple[int, dict[str, int]], ...] = (),
) -> Draft:
    """Return the edition's whole draft (Markdown, typography applied) with its subject,
    footer and header, cut into parts by `split` (writing/markdown.py's `split_parts`: where
    the parser may cut)."""
    apostrophe = workspace.cycle.apostrophe
    env = environment(root, apostrophe, edition.language)
    context = report_context(workspace, edition)
    context.update(
        comments=comments,
        table_des_matieres=toc,
        annexe=annex_rows(workspace, annex_cycles, edition.language) if annex else [],
        annexe_cycles=[number for number, _ in annex_cycles],
        mot=edition.word,
    )

    def typography(text: str) -> str:
        return edition.grammar.typography(text, apostrophe)

    subject = render_text(env, "sujet.txt.j2", context, typography)
    footer = render_text(env, "pied-de-page.txt.j2", context, typography)
    header = render_text(env, "mention.txt.j2", context, typography)
    drafted = _render(env, MAIN_TEMPLATE, context, entries=len(workspace.entries))
    parts = split(_add_kosovo_note(env, drafted, context))
    del context, drafted  # every sentence's view, the whole text: parts now (peak memory)
    return Draft(_finished(parts, typography), subject, footer, header)


def _finished(parts: list[str], typography: Callable[[str], str]) -> list[str]:
    """Return the parts with typography applied and blank lines tidied, each replaced in turn:
    the whole draft's copies that these steps make were a third of a large build's peak
    memory. Both steps work within lines, so parts cut at line starts give the whole's text
    (but for straight quotes around a cut, which were wrong: the quote rule spans blanks)."""
    for index, part in enumerate(parts):
        parts[index] = _tidy_lines(typography(part))
    parts[0] = parts[0].lstrip()
    parts[-1] = parts[-1].rstrip() + "\n"
    return parts


def render_plain(root: Path | None, name: str, context: dict[str, Any]) -> str:
    """Return a template rendered as is (files for contributors: no typography)."""
    return _render(environment(root, "'"), name, context)


def render_text(
    env: jinja2.Environment, name: str, context: dict[str, Any], typography: Callable[[str], str]
) -> str:
    """Return a small template (subject, footer) as one line of text, typography applied."""
    return " ".join(typography(_render(env, name, context)).split())


def _render(env: jinja2.Environment, name: str, context: dict[str, Any], entries: int = 0) -> str:
    try:
        return sandbox.render(env, name, context, entries)
    except jinja2.TemplateSyntaxError as exc:
        raise DrafterError(
            [
                Problem(
                    _template_path(exc.filename, name),
                    exc.lineno or 1,
                    1,
                    f"erreur dans le modèle : {exc.message}",
                )
            ]
        ) from None
    except TEMPLATE_FAILURES as exc:
        line, path = _template_line(exc, name)
        if _is_shipped(_failing_file(exc, env, name)):
            raise  # a shipped template failed: drafter's bug, not the secretariat's input
        raise DrafterError(
            [Problem(path, line, 1, f"modèle refusé ou incorrect : {exc}")]
        ) from None


def _template_path(filename: str | None, name: str) -> str:
    return filename or f"templates/{name}"


def _failing_file(exc: BaseException, env: jinja2.Environment, name: str) -> str:
    """Return the template file that failed: the deepest template frame, else the one rendered
    (a size limit is raised after the template's own frames are gone)."""
    frame = _deepest_template_frame(exc)
    return frame[1] if frame else env.get_template(name).filename or ""


def _is_shipped(path: str) -> bool:
    """Return True for a template of drafter's own (not a workspace override)."""
    try:
        Path(path).resolve().relative_to(shipped_templates().resolve())
    except ValueError:
        return False
    return True


def _template_line(exc: BaseException, name: str) -> tuple[int, str]:
    return _deepest_template_frame(exc) or (1, f"templates/{name}")


def _deepest_template_frame(exc: BaseException) -> tuple[int, str] | None:
    """Return (line, file) of the innermost template frame of a traceback, if any."""
    tb, found = exc.__traceback__, None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = (tb.tb_lineno, filename)
        tb = tb.tb_next
    return found


def _add_kosovo_note(env: jinja2.Environment, text: str, context: dict[str, Any]) -> str:
    at = _first_kosovo(text)
    if at is None:
        return text
    note = " ".join(_render(env, KOSOVO_TEMPLATE, context).split())
    return f"{text[:at]}[^kosovo]{text[at:]}\n[^kosovo]: {note}\n"


def _first_kosovo(text: str) -> int | None:
    """Return where the first « Kosovo » of the text (not a comment, heading or fence line)
    ends: found word by word, not by a pattern tried at every line of a large draft."""
    for match in _KOSOVO.finditer(text):
        start = text.rfind("\n", 0, match.start()) + 1
        if not text.startswith(("<!--", "#", ":::"), start):
            return match.end()
    return None


def _tidy_lines(text: str) -> str:
    """Return text without trailing blanks nor runs of blank lines (no list of lines: memory)."""
    if text.endswith(_BLANKS) or any(f"{blank}\n" in text for blank in _BLANKS):
        text = _TRAILING_BLANKS.sub("", text)  # a pattern opening with blanks is slow: if any
    if "\n\n\n" in text:
        text = _BLANK_LINES.sub("\n\n", text)
    return text


_BLANKS = (" ", "\t", "\r", "\f", "\v")
_TRAILING_BLANKS = re.compile(r"[ \t\r\f\v]+$", re.M)
_BLANK_LINES = re.compile(r"\n{3,}")
