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
            _to_the_oldest_generation()
            gc.enable()


def _to_the_oldest_generation() -> None:
    """Move every tracked object to the oldest generation, without a pass over them.

    Back on, the collector found everything the command made (and still held) in its youngest
    generation: its next pass went over all of it, 7 ms of a 1,000-entry build, 11 of the
    English one. In the oldest generation these wait for a full collection, as long-lived
    objects do (`gc.freeze` moves them out in constant time, `gc.unfreeze` into the oldest;
    drafter freezes nothing else)."""
    gc.freeze()
    gc.unfreeze()
