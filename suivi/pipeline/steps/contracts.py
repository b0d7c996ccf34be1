"""Step: the Contrats sheet creates the period's invoice rows (appended to the invoice sheet in
this run's commit, with the contract's "Dernière période facturée")."""
from __future__ import annotations

from decimal import Decimal

from suivi.core.contracts import (
    ContractInvoice,
    due_contract_invoices,
    period_bounds,
    read_contracts,
)
from suivi.core.models import Invoice, Status, column_letter, normalise_name
from suivi.pipeline.state import Run

LAST_PERIOD = "dernière période facturée"


def contracts_step(run: Run) -> None:
    """Append the invoice rows that recurring and milestone contracts owe up to today."""
    master = run.require_master()
    sheet = next((n for n in master.owned_rows if n.casefold() == "contrats"), None)
    rows = master.owned_rows.get(sheet, []) if sheet else []
    if not sheet or not rows:
        return
    contracts, issues = read_contracts(rows)
    run.report.add_issues(issues)
    header = [str(h).strip().casefold() for h in rows[0]]
    last_col = header.index(LAST_PERIOD) + 1 if LAST_PERIOD in header else None
    created: list[ContractInvoice] = []
    for contract in contracts:
        due = due_contract_invoices(contract, run.today)
        if not due:
            continue
        created.extend(due)
        if last_col is not None:
            run.cell(sheet, f"{column_letter(last_col)}{contract.row}", due[-1].period)
    for item in created:
        client = master.clients.get(normalise_name(item.client))
        # issued today (numbers follow the dates); the description names the period billed,
        # and « Période facturée » gives it to the invoice (BT-73/BT-74)
        added = run.add_invoice(Invoice(
            sheet=master.layout.sheet, row=0, number=None, issue_date=run.today,
            client=item.client, description=item.description, amount_ht=as_read(item.amount_ht),
            vat=as_read(item.vat), amount_ttc=as_read(item.amount_ht + item.vat),
            payment_terms=client.payment_terms if client else None,
            status_text=Status.TO_ISSUE.value, vat_rate=item.vat_rate,
            billing_period=item.billing_period))
        if item.billing_period is not None:
            run.update(added.row, "billing_period", period_text(item))
        run.invoicing.from_contracts.append(item.description)
    if created:
        run.report.note("invoices.from_contracts", count=len(created), sheet=sheet)


def as_read(amount: Decimal) -> Decimal:
    """An amount as the next run reads it back from its number cell (450 → 450.0), so that the
    invoice rendered today has the same content hash tomorrow and is not rendered again."""
    return Decimal(repr(float(amount)))


def period_text(item: ContractInvoice) -> str:
    """« Période facturée » as written in the row: the period key ("2026-11") when the invoice
    covers the whole period, else its two dates ("15/11/2026 – 30/11/2026")."""
    assert item.billing_period is not None
    start, end = item.billing_period
    if period_bounds(item.period) == (start, end):
        return item.period
    return f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"
