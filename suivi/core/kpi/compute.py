"""`compute_kpis`: every indicator in one pass over the invoices.

The invoices are read twice: `split_invoices` sorts out what was issued and what credit notes
are worth, then one loop over the issued invoices feeds each family of indicators (cash, delays,
reminder steps, open invoices and aging, clients). Payments are grouped by invoice number once,
so 100k invoices take well under two seconds.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from suivi.core.ledger import StatusInfo, effective_payments, payments_by_invoice
from suivi.core.models import CENT, ZERO, Client, Invoice, JournalEntry, Payment

from .aging import OpenBook
from .averages import average, ratio, round_days
from .cash import Cash
from .clients import Accounts
from .delays import Delays
from .dso import dso_exhaustion, dso_simple
from .forecast import forecast
from .late import by_lateness
from .months import monthly_flows
from .reminders import JournalInfo, StepCounter, journal_by_invoice, steps_reached
from .report import KpiReport
from .sales import Sales, split_invoices
from .settings import KpiSettings, Window


@dataclass(slots=True)
class _Families:
    """The running totals of each family of indicators, fed invoice by invoice."""

    cash: Cash
    delays: Delays
    steps: StepCounter
    book: OpenBook
    accounts: Accounts


def compute_kpis(
    invoices: Sequence[Invoice],
    payments: Sequence[Payment],
    journal: Sequence[JournalEntry],
    clients: Mapping[str, Client],
    statuses: Mapping[int, StatusInfo] | None,
    today: date,
    settings: KpiSettings = KpiSettings(),  # noqa: B008 - frozen, hence safe as a default
) -> KpiReport:
    """Every indicator on `today`.

    invoices: rows of the Factures sheet (invoices, deposits, credit notes).
    payments: rows of the Paiements sheet (may be empty; the invoices' own Montant réglé and Date
        de règlement are used then).
    journal: rows of the Journal sheet (reminder steps and actions).
    clients: the Clients sheet keyed by `normalise_name(name)`.
    statuses: computed statuses keyed by invoice row (`ledger.compute_statuses`); an invoice
        missing from it gets `compute_status(invoice, today)`.
    """
    window = Window.of(today, settings)
    sales = split_invoices(invoices, statuses or {}, window)
    families = _Families(Cash(window), Delays(window), StepCounter(), OpenBook(today, settings),
                         Accounts(clients, len(settings.aging_bounds) + 2))
    _scan_issued(sales, payments_by_invoice(payments), journal_by_invoice(journal), families)
    families.cash.add_unlinked(payments, sales.known_numbers)
    return _report(sales, families, window, settings)


def _scan_issued(sales: Sales, linked: Mapping[str, list[Payment]],
                 journal_info: dict[str, JournalInfo], families: _Families) -> None:
    """The second pass: balances, payments, delays and reminder steps of each issued invoice."""
    cash, delays, steps, book = families.cash, families.delays, families.steps, families.book
    by_text, accounts = families.accounts.by_text, families.accounts
    for invoice, info in sales.issued:
        account = by_text.get(invoice.client) or accounts.open(invoice.client)
        number = invoice.number or ""
        owed = invoice.total - invoice.amount_paid
        applied = sales.apply_credit(number, owed)
        balance = owed - applied
        reached = steps_reached(invoice, number, journal_info)
        if invoice.amount_paid > ZERO or number in linked:
            effective = effective_payments(invoice, linked)
        else:
            effective = []
        cash.add_invoice_payments(effective, invoice.issue_date)
        is_open = balance >= CENT
        paid = not is_open and invoice.amount_paid > ZERO
        steps.add(reached[0], reached[2], paid)
        if paid:
            delays.add_settlement(invoice, effective, invoice.total - applied, reached[1],
                                  account)
        if is_open:
            book.add(invoice, info, balance, reached, account)


def _report(sales: Sales, families: _Families, window: Window,
            settings: KpiSettings) -> KpiReport:
    cash, delays, book = families.cash, families.delays, families.book
    today, invoiced, receivables = window.today, sales.invoiced, book.receivables
    expected = forecast(book.items, round_days(delays.delay_sum, delays.delay_count), today,
                        settings.forecast_weeks)
    dso_ex, capped = dso_exhaustion(receivables, sales.by_month, today, settings.dso_max_months)
    paid_count = delays.paid_count
    return KpiReport(
        today=today, period_start=window.period_start, period_days=settings.period_days,
        aging_bounds=settings.aging_bounds,
        receivables=receivables, overdue=book.overdue, not_due=book.not_due,
        disputed=book.disputed, unapplied_credit=sales.unapplied_credit(), invoiced=invoiced,
        collected=cash.collected,
        dso_simple=dso_simple(receivables, invoiced, settings.period_days),
        dso_exhaustion=dso_ex, dso_exhaustion_capped=capped,
        dmp=average(delays.dmp_days, paid_count),
        dmp_weighted=ratio(cash.weighted_sum, cash.weighted_amount),
        average_days_late=average(delays.late_days, paid_count),
        average_days_vs_due=average(delays.signed_days, paid_count),
        unpaid_rate=ratio(book.overdue, invoiced), collection_rate=ratio(cash.collected, invoiced),
        paid_count=paid_count, overdue_count=book.overdue_count, open_count=book.open_count,
        average_reminders=average(delays.reminders_paid, paid_count),
        foreign_count=sales.foreign,
        forecast_total=expected.total, forecast_later=expected.later,
        forecast_uncertain=expected.uncertain,
        aging=book.aging(settings.aging_labels()),
        clients=families.accounts.rows(), step_rates=families.steps.rates(),
        forecast=expected.weeks,
        monthly=monthly_flows(sales.by_month, cash.by_month, today, settings.chart_months),
        late_invoices=by_lateness(book.late),
    )
