"""The garbage collector paused around bulk work on the records, and restored: a run leaves the
process as it found it (a script that calls suivi keeps its own collector settings)."""

from __future__ import annotations

import gc
import weakref
from datetime import date

import pytest

from suivi.config import load_settings
from suivi.core.collector import collector_paused
from suivi.demo import write_demo
from suivi.pipeline.daily import CHECK
from suivi.pipeline.engine import run_pipeline
from suivi.pipeline.state import collecting, keeping

DAY = date(2026, 11, 25)


def test_paused_inside_restored_after_even_on_error():
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        assert not gc.isenabled()
        raise ValueError
    assert gc.isenabled()
    gc.disable()  # a caller that runs without the collector keeps it off
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_run_pauses_the_collector_except_in_steps_that_need_it(tmp_path):
    write_demo(tmp_path, DAY)
    seen: dict[str, bool] = {}

    def plain_step(run):
        seen["plain"] = gc.isenabled()

    @collecting
    def drawing_step(run):
        seen["drawing"] = gc.isenabled()

    settings = load_settings(tmp_path / "suivi.toml")
    run = run_pipeline(settings, DAY, (*CHECK, plain_step, drawing_step), write=False)
    assert run.master is not None and run.master.invoices
    assert seen == {"plain": False, "drawing": True}
    assert gc.isenabled()


class _Node:
    """An object that can sit in a reference cycle (plain objects are tracked by the collector)."""

    def __init__(self):
        self.other = self


def test_the_records_kept_after_a_paused_step_are_hidden_from_the_collector(tmp_path):
    """After the read, the master's records are frozen: the collections of later steps no longer
    walk them. The run hands them back to the collector when it ends."""
    write_demo(tmp_path, DAY)
    seen: dict[str, object] = {}

    def plain_step(run):
        seen["invoice_frozen"] = not _in_generations(run.master.invoices[0])
        seen["frozen_count"] = gc.get_freeze_count()

    settings = load_settings(tmp_path / "suivi.toml")
    run = run_pipeline(settings, DAY, (*CHECK, plain_step), write=False)
    assert run.master is not None
    assert seen["invoice_frozen"] is True and seen["frozen_count"] > 0
    assert gc.get_freeze_count() == 0
    assert _in_generations(run.master.invoices[0])


def _in_generations(record) -> bool:
    """Whether the collector's generations hold `record` (a frozen object is in none)."""
    assert gc.is_tracked(record)
    return any(obj is record for obj in gc.get_objects())


def test_garbage_cycles_of_a_collecting_step_are_freed_not_frozen(tmp_path):
    """A drawing step drops objects in cycles; a later step that freezes what it keeps must not
    keep them for the rest of the run."""
    write_demo(tmp_path, DAY)
    refs: list[weakref.ref] = []
    seen: dict[str, bool] = {}

    @collecting
    def drawing_step(run):
        node = _Node()
        refs.append(weakref.ref(node))
        del node  # only the cycle holds it now

    @keeping
    def keeping_step(run):
        seen["cycle_freed"] = refs[0]() is None

    settings = load_settings(tmp_path / "suivi.toml")
    run_pipeline(settings, DAY, (*CHECK, drawing_step, keeping_step), write=False)
    assert seen == {"cycle_freed": True}


def test_garbage_cycles_of_an_ordinary_paused_step_are_not_frozen(tmp_path):
    """A paused step not marked `keeping` (the KPI sheet: xlsxwriter's objects hold cycles) is
    not followed by a freeze: its garbage stays collectable."""
    write_demo(tmp_path, DAY)
    refs: list[weakref.ref] = []
    seen: dict[str, bool] = {}

    def sheet_step(run):
        node = _Node()
        refs.append(weakref.ref(node))
        del node

    @collecting
    def later_step(run):
        gc.collect()
        seen["cycle_freed"] = refs[0]() is None

    settings = load_settings(tmp_path / "suivi.toml")
    run_pipeline(settings, DAY, (*CHECK, sheet_step, later_step), write=False)
    assert seen == {"cycle_freed": True}


def test_a_caller_that_froze_objects_keeps_them_frozen(tmp_path):
    """suivi used as a library by a program that froze its own objects (before forking workers,
    say): a run neither freezes more nor unfreezes theirs."""
    write_demo(tmp_path, DAY)
    theirs = [_Node() for _ in range(10)]
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        settings = load_settings(tmp_path / "suivi.toml")
        run_pipeline(settings, DAY, CHECK, write=False)
        assert gc.get_freeze_count() == before
        assert theirs
    finally:
        gc.unfreeze()
