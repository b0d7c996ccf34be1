"""A tracker kept one sheet per client: « Alpha », « Beta »…, each listing that client's
invoices with no « Client » column, the sheet's name saying whose they are.

suivi chose one of the sheets, found no client column, and stopped every command on a
blocking error. Now, when two sheets or more have the header of invoices (a number, an
amount, a date) without a client column, and are named neither for a period nor for paid
invoices, they are read together (as `sister_sheets` are), and each invoice's client is the
name of its sheet. The sheet with the latest invoice is the chosen one, as for month sheets."""
from __future__ import annotations

from dataclasses import replace

from suivi.core.models import Invoice

from .headers import HeaderGuess
from .sister_sheets import is_paid_sheet_name, is_period_name


def is_client_sheet(name: str, guess: HeaderGuess | None) -> bool:
    """The header of invoices without a client column, on a sheet named for neither a period
    nor paid invoices."""
    if guess is None or "client" in guess.columns:
        return False
    found = guess.columns.keys()
    return "number" in found and bool({"amount_ttc", "amount_ht"} & found) and bool(
        {"issue_date", "due_date"} & found) and not is_period_name(name) \
        and not is_paid_sheet_name(name)


def named_for_sheet(invoices: list[Invoice], sheet: str) -> list[Invoice]:
    """The invoices of a client's sheet, each that client's (a name typed on a row wins)."""
    client = sheet.strip()
    return [inv if inv.client else replace(inv, client=client) for inv in invoices]
