"""pandas DataFrames of a master workbook, for a team's own reports.

Dtypes are chosen so that nothing is lost:
- dates are `datetime64[ns]` (NaT when empty);
- money is exact: `decimal.Decimal` objects (dtype object), never floats; sums and group sums
  stay exact (`df.amount_paid.sum()` is a Decimal). Convert explicitly if a float is wanted
  (`df.total.astype(float)`);
- counts are nullable integers (`Int64`), flags booleans, texts `string`.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from suivi.core.ledger import StatusInfo
from suivi.core.models import Master, real_row

DATE, MONEY, TEXT, COUNT, FLAG = "date", "money", "text", "count", "flag"


@dataclass(frozen=True)
class Frames:
    invoices: pd.DataFrame
    payments: pd.DataFrame
    clients: pd.DataFrame
    journal: pd.DataFrame


def _frame(rows: Iterable[dict[str, Any]], kinds: Mapping[str, str]) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows), columns=list(kinds))
    for column, kind in kinds.items():
        if kind == DATE:
            frame[column] = pd.to_datetime(frame[column].map(_as_day),
                                           errors="coerce").astype("datetime64[ns]")
        elif kind == MONEY:
            frame[column] = frame[column].astype(object)
        elif kind == COUNT:
            frame[column] = frame[column].astype("Int64")
        elif kind == FLAG:
            frame[column] = frame[column].astype(bool)
        else:
            frame[column] = frame[column].astype("string")
    return frame


def _as_day(value: object) -> object:
    return pd.Timestamp(value) if isinstance(value, date) else pd.NaT


INVOICE_COLUMNS = {
    "row": COUNT, "number": TEXT, "issue_date": DATE, "client": TEXT, "description": TEXT,
    "amount_ht": MONEY, "vat": MONEY, "total": MONEY, "amount_paid": MONEY, "balance": MONEY,
    "due_date": DATE, "payment_date": DATE, "status": TEXT, "days_late": COUNT,
    "reminder_step": COUNT, "kind": TEXT, "dispute": FLAG, "promise_date": DATE,
    "pdf_file": TEXT, "sales_rep": TEXT,
}
PAYMENT_COLUMNS = {"row": COUNT, "date": DATE, "amount": MONEY, "invoice_number": TEXT,
                   "client": TEXT, "method": TEXT, "reference": TEXT, "statement": TEXT,
                   "transaction_id": TEXT}
CLIENT_COLUMNS = {"row": COUNT, "name": TEXT, "type": TEXT, "siren": TEXT, "vat_number": TEXT,
                  "email": TEXT, "phone": TEXT, "payment_terms": TEXT, "credit_limit": MONEY,
                  "language": TEXT, "reminders_enabled": FLAG}
JOURNAL_COLUMNS = {"row": COUNT, "date": DATE, "invoices": TEXT, "client": TEXT, "step": TEXT,
                   "channel": TEXT, "recipient": TEXT, "result": TEXT, "file": TEXT}


def frames_of(master: Master, statuses: Mapping[int, StatusInfo]) -> Frames:
    invoices = ({
        "row": real_row(inv.row), "number": inv.number, "issue_date": inv.issue_date, "client": inv.client,
        "description": inv.description, "amount_ht": inv.amount_ht, "vat": inv.vat,
        "total": inv.total, "amount_paid": inv.amount_paid, "balance": inv.balance,
        "due_date": inv.due_date, "payment_date": inv.payment_date,
        "status": statuses[inv.row].status.value if inv.row in statuses else None,
        "days_late": statuses[inv.row].days_late if inv.row in statuses else None,
        "reminder_step": inv.reminder_step, "kind": inv.kind.value, "dispute": inv.dispute,
        "promise_date": inv.promise_date, "pdf_file": inv.pdf_file, "sales_rep": inv.sales_rep,
    } for inv in master.invoices)
    payments = ({"row": p.where.row if p.where else None, "date": p.date, "amount": p.amount,
                 "invoice_number": p.invoice_number, "client": p.client, "method": p.method,
                 "reference": p.reference, "statement": p.statement,
                 "transaction_id": p.transaction_id} for p in master.payments)
    clients = ({"row": c.where.row if c.where else None, "name": c.name, "type": c.type.value,
                "siren": c.siren, "vat_number": c.vat_number, "email": ", ".join(c.emails),
                "phone": c.phone, "payment_terms": c.payment_terms,
                "credit_limit": c.credit_limit, "language": c.language,
                "reminders_enabled": c.reminders_enabled} for c in master.clients.values())
    journal = ({"row": e.where.row if e.where else None, "date": e.date,
                "invoices": ", ".join(e.invoice_numbers), "client": e.client, "step": e.step,
                "channel": e.channel, "recipient": e.recipient, "result": e.result,
                "file": e.file} for e in master.journal)
    return Frames(_frame(invoices, INVOICE_COLUMNS), _frame(payments, PAYMENT_COLUMNS),
                  _frame(clients, CLIENT_COLUMNS), _frame(journal, JOURNAL_COLUMNS))
