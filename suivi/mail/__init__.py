"""Reminders: compose them from templates, keep them as .eml drafts, send them over SMTP exactly
once, and say what the workbook must record.

    prepare.py   the operations (run_reminders, prepare_reminders, send_drafts, resolve…)
    job.py       what an operation works on (DunningJob, Delivery)
    history.py   what was already done (journal file + Journal sheet)
    reminder.py  composing one reminder (+ the formal-notice letter)
    compose.py   templates, context, payment options, the EmailMessage
    sending.py   checking and sending drafts; send.py the SMTP transport, exactly once
    journal.py   the durable journal; recorder.py recording (or simulating) events
    tasks.py     calls and collection files; updates.py workbook updates from events
    finish.py    outcome, digest and day lists; digest.py its wording
"""
from .job import Delivery, DunningAdjustments, DunningJob
from .outcome import DunningOutcome, PendingDraft
from .prepare import (
    Decisions,
    apply_decisions,
    mark_synced,
    prepare_reminders,
    resolve_unverified,
    run_reminders,
    send_drafts,
)
from .settings import DELIVERY_DIRECT, DELIVERY_DRAFTS, DunningSettings, SmtpSettings

__all__ = ["DELIVERY_DIRECT", "DELIVERY_DRAFTS", "Decisions", "Delivery", "DunningAdjustments",
           "DunningJob", "DunningOutcome", "DunningSettings", "PendingDraft", "SmtpSettings",
           "apply_decisions", "mark_synced", "prepare_reminders", "resolve_unverified",
           "run_reminders", "send_drafts"]
