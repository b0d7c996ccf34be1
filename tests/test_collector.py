"""The garbage collector paused around bulk work on the records, and restored: a run leaves the
process as it found it (a script that calls suivi keeps its own collector settings)."""

from __future__ import annotations

import gc
from datetime import date

import pytest

from suivi.config import load_settings
from suivi.core.collector import collector_paused
from suivi.demo import write_demo
from suivi.pipeline.daily import CHECK
from suivi.pipeline.engine import run_pipeline
from suivi.pipeline.state import collecting

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
