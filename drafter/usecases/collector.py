"""Commands run without Python's cycle collector: they make almost no cyclic garbage."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Run a command (a build, a check) without the cycle collector, then restore it.

    A build makes almost no cyclic garbage: its peak memory is the same without the collector
    (10,000 entries: 101 against 99 MB; the richest shape 126 against 124 MB), while the
    collector's passes over everything the build holds cost 4 % of a 1,000-entry build and
    more at 10,000. Reference counting still frees the rest as usual, and in `drafter serve`
    the collector is back between builds."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
