"""Python's cyclic garbage collector paused around bulk work on the records.

A master of 100,000 invoices is some 200,000 long-lived objects. Every full collection that
new allocations trigger walks all of them again, which doubled the time of reading and
checking. The records hold no reference cycles, so pausing the collector for the duration of
a read or of the checks loses nothing: reference counting frees as usual, and the collector
is restored as it was (nothing process-wide is left changed).
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector inside the block; restore its previous state after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
