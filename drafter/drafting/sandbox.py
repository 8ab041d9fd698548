"""Limits for workspace templates: time, output size and the size of what they compute.

Jinja2's sandbox forbids unsafe attributes but not `{% for %}` loops nested without end,
`'x' * 10**10` or `center(10**9)`. A template is workspace input: it gets a few seconds and a few
megabytes, and is refused beyond with its line. Jinja2 itself stays in drafting/templates.py;
this module only adds a mixin over its sandboxed environment.
"""

from __future__ import annotations

import functools
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator, MutableMapping
from contextlib import contextmanager
from typing import Any

MAX_SECONDS = 5.0
SECONDS_PER_ENTRY = 0.001  # a drafted entry takes about 0.15 ms here: room for slow machines
MAX_OUTPUT = 5_000_000  # characters: a report is about 100 000
# What each entry may add to that: a drafted entry is about 800 characters with its comment.
OUTPUT_PER_ENTRY = 4_000
MAX_SIZE = 10_000_000  # a number used as a size or a repeat count, a computed string's length
_HUGE_WIDTH = re.compile(r"(%|\{[^}]*:)[-+ #0<>^=,_.]*\d{7,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_deadline = [float("inf")]
_max_output = [MAX_OUTPUT]
_seconds_allowed = [MAX_SECONDS]


class TemplateLimit(Exception):
    """A workspace template went past a limit; the message (French) says which."""


class Limits:
    """Mixin over a sandboxed Jinja2 environment: bounded calls and operators."""

    intercepted_binops = frozenset({"*", "**", "%", "//"})

    def call(self, context: Any, obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Call obj in the sandbox, within the time left and with sizes in bounds."""
        check_time()
        check_sizes(obj, *args, *kwargs.values())
        return check_result(super().call(context, obj, *args, **kwargs))  # type: ignore[misc]

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """Apply an operator after refusing the ones that would build something huge."""
        check_time()
        _check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)  # type: ignore[misc]


def guard_filters(filters: MutableMapping[str, Callable[..., Any]]) -> None:
    """Wrap every filter so that its arguments and result stay within the limits."""
    for name, function in list(filters.items()):
        filters[name] = _guarded(function)


def _guarded(function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)  # keeps jinja's pass_context / pass_environment marks
    def guarded(*args: Any, **kwargs: Any) -> Any:
        check_time()
        check_sizes(*args, *kwargs.values())
        return check_result(function(*args, **kwargs))

    return guarded


def check_time() -> None:
    """Refuse when the template has run past its time."""
    if time.monotonic() > _deadline[0]:
        raise TemplateLimit(_too_long())


def check_sizes(*values: Any) -> None:
    """Refuse numbers usable as huge sizes, and format strings with huge widths."""
    for value in values:
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_SIZE:
            raise TemplateLimit(f"nombre trop grand pour un modèle ({MAX_SIZE} au plus)")
        for text in (value, getattr(value, "__self__", None)):  # "…".format: its receiver
            if isinstance(text, str) and ("%" in text or "{" in text) and _HUGE_WIDTH.search(text):
                raise TemplateLimit("largeur de mise en forme démesurée dans le modèle")


def check_result(value: Any) -> Any:
    """Return value when its size is within the limits."""
    if isinstance(value, str | list | tuple | dict) and len(value) > _max_output[0]:
        raise TemplateLimit(f"le modèle produit plus de {_max_output[0]} caractères")
    return value


def _check_binop(operator: str, left: Any, right: Any) -> None:
    sequences = (str, list, tuple)
    if operator == "*":
        for sequence, count in ((left, right), (right, left)):
            repeated = isinstance(sequence, sequences) and isinstance(count, int)
            if repeated and len(sequence) * count > _max_output[0]:
                raise TemplateLimit(f"répétition de plus de {_max_output[0]} éléments")
    elif operator == "**" and isinstance(left, int) and isinstance(right, int):
        if right > 0 and abs(left) > 1 and left.bit_length() * right > 64 * 1024:
            raise TemplateLimit("puissance démesurée dans le modèle")
    elif operator == "%" and isinstance(left, str):
        check_sizes(left)


def render(env: Any, name: str, context: dict[str, Any], entries: int = 0) -> str:
    """Return the template rendered within the time and output limits; both grow with the
    number of entries it drafts (a bomb is work out of proportion to the input)."""
    seconds = _seconds_allowed[0] = MAX_SECONDS + SECONDS_PER_ENTRY * entries
    _deadline[0] = time.monotonic() + seconds
    _max_output[0] = MAX_OUTPUT + OUTPUT_PER_ENTRY * entries
    try:
        with _alarm(seconds):
            text = "".join(_bounded(env.get_template(name).generate(context)))
    finally:
        _deadline[0] = float("inf")
        _max_output[0], _seconds_allowed[0] = MAX_OUTPUT, MAX_SECONDS
    check_output(text)
    return text


def _bounded(chunks: Iterator[str]) -> Iterator[str]:
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > _max_output[0]:
            raise TemplateLimit(f"le modèle produit plus de {_max_output[0]} caractères")
        yield chunk


def check_output(text: str) -> None:
    """Refuse control characters Word cannot save (python-docx would fail without a place)."""
    found = _CONTROL.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        code = f"U+{ord(found.group()):04X}"
        raise TemplateLimit(f"le modèle produit le caractère de contrôle {code} (ligne {line})")


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """Interrupt pure-Python loops past the time (POSIX main thread; elsewhere: calls only)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _expired(signum: int, frame: Any) -> None:
    raise TemplateLimit(_too_long())


def _too_long() -> str:
    seconds = round(_seconds_allowed[0], 1)
    return f"le modèle s'exécute depuis plus de {seconds:g} secondes : simplifiez ses boucles"
