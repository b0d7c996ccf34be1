"""An invoice written over several rows that each repeat its number: one row per line
(« Conseil », then « Formation »), or per VAT rate, as invoicing software exports them.

suivi read each row as an invoice, and each repeated number as an error (`numero_en_double`)
that held it: none of these invoices was ever reminded. Rows that share a number, a client
and a date, each with its own description (or, with none, its own VAT rate), are now **one
invoice** (rows that differ by their amount only, or copies, stay the error they were: a
number typed twice, summed, would claim too much):

- its amounts are the sums of the rows' (HT, TVA, TTC);
- what was paid is the sum of the rows' « Montant réglé », unless each row repeats the same
  amount and their sum would exceed the total (the amount of the whole invoice typed on each
  line); the latest payment date is its payment date;
- the first row is the invoice's: suivi writes its status and follow-up there, and `suivi
  bank` writes there what is paid, less what the other rows say (`paid_in_other_columns`);
- the descriptions are joined; the first Statut, due date and terms typed are the invoice's;
- its document has one line per row, at the row's own VAT rate (`_document_lines`), unless
  the Lignes sheet describes it;
- a group with an error on one of its rows is not summed: the rows stay apart, and held.

One warning per invoice names its rows (`facture_sur_plusieurs_lignes`)."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from suivi.core.document_checks import row_rate
from suivi.core.models import (
    CENT,
    ZERO,
    CellRef,
    Invoice,
    InvoiceLine,
    Issue,
    Severity,
    SheetLayout,
    normalise_name,
    number_key,
    real_row,
)
from suivi.core.vat import allowed_rates


def invoices_over_rows(invoices: list[Invoice], layout: SheetLayout,
                       issues: list[Issue]) -> tuple[list[Invoice], list[InvoiceLine]]:
    """The invoices, each written over several rows made one (see the module docstring), and
    the lines of their documents: one per row, at its own VAT rate."""
    numbers = [inv.number for inv in invoices if inv.number]
    if len(set(numbers)) == len(numbers):  # the common case, counted in C
        return invoices, []
    seen: set[tuple[str, str]] = set()
    repeated: set[tuple[str, str]] = set()
    for inv in invoices:
        if inv.number:
            key = (inv.sheet, number_key(inv.number))
            if key in seen:
                repeated.add(key)
            else:
                seen.add(key)
    groups: dict[tuple[str, str], list[Invoice]] = defaultdict(list)
    for inv in invoices:
        if inv.number and (key := (inv.sheet, number_key(inv.number))) in repeated:
            groups[key].append(inv)
    wrong = {(i.where.sheet, i.where.row) for i in issues
             if i.severity is Severity.ERROR and isinstance(i.where, CellRef)}
    merged: dict[int, Invoice | None] = {}
    lines: list[InvoiceLine] = []
    for rows in groups.values():
        if _lines_of_one_invoice(rows) and not any(
                _cell(layout, inv) in wrong for inv in rows):  # an error holds, not summed
            one = _merged(rows)
            lines.extend(_document_lines(rows, layout))
            merged[rows[0].row] = one
            merged.update((inv.row, None) for inv in rows[1:])
            issues.append(Issue.of(layout.ref("number", rows[0].row),
                                   "facture_sur_plusieurs_lignes", Severity.WARNING,
                                   invoice=one.number, count=len(rows),
                                   rows=[real_row(inv.row) for inv in rows],
                                   total=one.total))
    if not merged:
        return invoices, []
    kept: list[Invoice] = []
    for inv in invoices:
        if inv.row not in merged:
            kept.append(inv)
        elif (whole := merged[inv.row]) is not None:
            kept.append(whole)
    return kept, lines


def _document_lines(rows: Sequence[Invoice], layout: SheetLayout) -> list[InvoiceLine]:
    """One document line per row (its description, its amount before VAT, its rate), so that
    the invoice's PDF says what the rows say; none when a row gives no amount before VAT (the
    document then has one line, as for any row)."""
    lines = []
    for inv in rows:
        net = inv.amount_ht if inv.amount_ht is not None else (
            inv.amount_ttc - inv.vat if inv.amount_ttc is not None and inv.vat is not None
            else None)
        ratio = row_rate(inv)
        if net is None or ratio is None:
            return []
        rate = min(allowed_rates(overseas=True), key=lambda r: abs(r - ratio))
        lines.append(InvoiceLine(inv.number or "", inv.description.strip() or "Prestation",
                                 Decimal(1), net, rate, where=layout.ref("number", inv.row)))
    return lines


def _cell(layout: SheetLayout, inv: Invoice) -> tuple[str, int]:
    ref = layout.ref("number", inv.row)
    return ref.sheet, ref.row


def _lines_of_one_invoice(rows: Sequence[Invoice]) -> bool:
    """Same client, same date, same kind, and each row a line of its own: its own
    description (« Conseil », « Formation »), or, with none, its own VAT rate (an export per
    rate). Rows that differ by their amount only may be a number typed twice, or a corrected
    row left beside its correction: summed, they would claim too much, so they stay an error."""
    first = rows[0]
    if first.issue_date is None or not normalise_name(first.client):
        return False
    for inv in rows:
        if inv.issue_date != first.issue_date or inv.kind is not first.kind \
                or normalise_name(inv.client) != normalise_name(first.client):
            return False
    descriptions = [inv.description.strip().casefold() for inv in rows]
    if all(descriptions) and len(set(descriptions)) == len(rows):
        return True
    rates = [row_rate(inv) for inv in rows]
    return None not in rates and len(set(rates)) == len(rows)


def _sum(values: Sequence[Decimal | None]) -> Decimal | None:
    found = [v for v in values if v is not None]
    return sum(found, ZERO) if len(found) == len(values) else None


def _merged(rows: Sequence[Invoice]) -> Invoice:
    first = rows[0]
    total = sum((inv.total for inv in rows), ZERO)
    paid = [inv.amount_paid for inv in rows]
    amount_paid = sum(paid, ZERO)
    if amount_paid > total + CENT and len(set(paid)) == 1:
        amount_paid = paid[0]  # the whole invoice's payment typed on each of its lines
        others = ZERO
    else:
        others = amount_paid - first.amount_paid
    days = [inv.payment_date for inv in rows if inv.payment_date is not None]
    descriptions = [d for d in dict.fromkeys(inv.description.strip() for inv in rows) if d]

    def first_of(name: str) -> Any:
        return next((getattr(inv, name) for inv in rows if getattr(inv, name)), None)

    return replace(
        first, amount_ht=_sum([inv.amount_ht for inv in rows]),
        vat=_sum([inv.vat for inv in rows]),
        amount_ttc=total if any(inv.amount_ttc is not None for inv in rows) else None,
        amount_paid=amount_paid, paid_in_other_columns=first.paid_in_other_columns + others,
        payment_date=max(days) if days else None, description=" ; ".join(descriptions),
        status_text=first_of("status_text"), due_date=first_of("due_date"),
        payment_terms=first_of("payment_terms"), dispute=any(inv.dispute for inv in rows),
        dispute_text=first_of("dispute_text"),
        reminders_off=any(inv.reminders_off for inv in rows),
        planned_reminder=max((inv.planned_reminder for inv in rows if inv.planned_reminder),
                             default=None),
        team_reminders=tuple(sorted({t for inv in rows for t in inv.team_reminders},
                                    key=lambda t: (t[0], t[1] or date.min))))
