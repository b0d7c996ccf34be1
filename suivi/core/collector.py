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


@contextmanager
def survivors_frozen() -> Iterator[None]:
    """Scope of a run (one workbook) in which `freeze_survivors` may hide objects from the
    collector; on leaving, every object frozen inside is handed back to it (`gc.unfreeze`).

    Freezing is skipped altogether when objects were already frozen on entry: those belong
    to whoever froze them (a program using suivi as a library), and unfreezing them here
    would change their process behind their back."""
    global _freezing
    outer, owned = _freezing, gc.get_freeze_count() == 0 and not _freezing
    _freezing = outer or owned
    try:
        yield
    finally:
        _freezing = outer
        if owned:
            gc.unfreeze()


_freezing = False


def freeze_survivors() -> None:
    """Move every object alive now out of the collector's sight until the run ends.

    Called by the engine after the steps that build the run's long-lived data with the
    collector paused (the records read, the issues, the statuses): the first collections once
    the collector ran again walked them all to free nothing — 0.2 s for the young collections
    after the read of a 100,000-row master, 0.16–0.19 s for each full one during the
    reminders (a day-2 run: four such collections, 0.56 s, none freeing a single object).
    Reference counting still frees a frozen object as soon as nothing uses it; only garbage
    *cycles* alive at the freeze would wait for the end of the run, which is why only steps
    that make none are followed by a freeze, and why the steps that do (marked `collecting`)
    end with `collect_unfrozen`. Does nothing outside `survivors_frozen`."""
    if _freezing:
        gc.freeze()


def collect_unfrozen() -> None:
    """A full collection of what is not frozen: after a step that drops objects in cycles (the
    PDFs, the messages), its garbage is freed before the next step can freeze it. Cheap inside
    `survivors_frozen` (the records are frozen, only the step's leftovers are walked); skipped
    outside it, where it would walk every record."""
    if _freezing:
        gc.collect()
