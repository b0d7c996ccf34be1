"""Indicators (indicateurs): encours, DSO, DMP, delays, unpaid rate, aging, clients, forecast.

Pure functions over the records read from the workbook: standard library and Decimal only, `today`
always passed in. `compute_kpis` makes one pass over the invoices (payments are grouped by invoice
number once), so 100k invoices take well under two seconds. Settings come in as a `KpiSettings`;
reading them from suivi.toml is `suivi.config`'s business.

Every indicator is defined in `INDICATORS` (French label, English label, kind and definition); the
workbook sheet, the terminal table and docs/indicateurs.md show the same definitions.

Conventions (detailed in docs/indicateurs.md):

- "Issued invoices" are invoices and deposit invoices (acomptes) with a number whose status is not
  "à émettre", "annulée" or "avoir". Cancelled invoices and drafts count nowhere.
- Credit notes (avoirs) are netted: a credit note that names the invoice it corrects (N° facture
  d'origine) reduces that invoice's balance, up to the balance; what is left, and credit notes that
  name no open invoice, are shown as "avoirs non imputés" and are not subtracted from the encours.
  In amounts invoiced over a period, credit notes issued in the period are subtracted.
- Balances are the workbook's: total TTC − Montant réglé − imputed credit notes, counted only when
  at least one cent is owed. An invoice without a due date is due on its issue date.
- The period is the `period_days` last days, today included.

One module per family: `sales` (what was invoiced), `cash` (collected, weighted DMP), `delays`
(DMP, days late), `reminders` (Journal, steps, payment after each step), `aging` (open
invoices), `late`, `clients` (table, reliability), `forecast`, `dso`, `months`; `report` and
`history` hold the records, `compute` ties them together.
"""
from __future__ import annotations

from .clients import reliability_score
from .compute import compute_kpis
from .dso import dso_exhaustion
from .history import HISTORY_COLUMNS, HistoryColumn, HistoryRow, history_row, history_with
from .indicators import INDICATORS, SECTION_DEFINITIONS, Indicator
from .report import (
    DAYS_Q,
    NUMBER_Q,
    ONE,
    QUANTUM,
    RATE_Q,
    AgingBucket,
    ClientKpi,
    ForecastWeek,
    KpiReport,
    LateInvoice,
    MonthFlow,
    StepRate,
    present,
)
from .settings import KpiSettings, aging_labels

__all__ = [
    "DAYS_Q", "HISTORY_COLUMNS", "INDICATORS", "NUMBER_Q", "ONE", "QUANTUM", "RATE_Q",
    "SECTION_DEFINITIONS", "AgingBucket", "ClientKpi", "ForecastWeek", "HistoryColumn",
    "HistoryRow", "Indicator", "KpiReport", "KpiSettings", "LateInvoice", "MonthFlow", "StepRate",
    "aging_labels", "compute_kpis", "dso_exhaustion", "history_row", "history_with", "present",
    "reliability_score",
]
