"""The daily run and the other commands as steps over one run state.

    state.py    Run (typed results of every step), RunOptions, the step protocol
    daily.py    the steps of each command, in order
    engine.py   run_pipeline: one workbook session around the steps
    steps/      read/check/status, contracts, numbering, rendering, reminders, KPIs
    commit.py   everything a run writes → one lossless commit
"""
from . import daily
from .engine import run_pipeline
from .state import InvoiceResult, Run, RunAborted, RunOptions, SendRequest, Step

__all__ = ["InvoiceResult", "Run", "RunAborted", "RunOptions", "SendRequest", "Step", "daily",
           "run_pipeline"]
