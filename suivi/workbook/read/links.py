"""Links between the sheets once they are read: credit notes to the invoice they correct,
payments to invoices, clients of trackers without a Clients sheet, and due dates derived
from the payment terms when the cell is empty."""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from suivi.core import terms as terms_mod
from suivi.core.fastinit import fast_replace
from suivi.core.ledger import credited_amounts, says_partly_paid, status_hint
from suivi.core.message import Message
from suivi.core.models import (
    CENT,
    ZERO,
    CellRef,
    Client,
    ClientType,
    Invoice,
    InvoiceKind,
    Issue,
    Payment,
    Severity,
    SheetLayout,
    Status,
    normalise_name,
    says_individual,
)
from suivi.core.values import parse_text

from .sheets import split_emails
from .typed_numbers import (
    glued_form,
    glued_numbers,
    loose_form,
    loose_numbers,
    numbers_in,
    tail_index,
    tail_key,
)


def link_credit_notes(invoices: list[Invoice]) -> list[Invoice]:
    """A credit note names the invoice it corrects in a column ("Facture d'origine") or in its
    description or notes ("Avoir sur facture FAC2026-003"): find that number."""
    numbers = {inv.number for inv in invoices if inv.number}
    if not numbers:
        return invoices
    linked = []
    for inv in invoices:
        if inv.kind is InvoiceKind.CREDIT_NOTE and not inv.original_number:
            text = " ".join(t for t in (inv.description, inv.notes) if t)
            for token in re.findall(r"[A-Za-z0-9][A-Za-z0-9/_.-]*[0-9]", text):
                if token in numbers and token != inv.number:
                    inv = replace(inv, original_number=token)
                    break
        linked.append(inv)
    return linked


def clients_from_invoices(contacts: Mapping[str, Mapping[int, Any]], invoices: list[Invoice],
                          layout: SheetLayout) -> dict[str, Client]:
    """Trackers without a Clients sheet: clients are the names of the invoice sheet (and of
    its sisters), with the email and phone columns of that sheet when present
    (`contact_cells`). A client whose address changed over the years is written to at the
    address of its latest invoice that has one (the first one typed may be long gone); the
    client is named, and its phone taken, at its first row."""
    emails = contacts.get("client_email", {})
    phones = contacts.get("client_phone", {})
    first: dict[str, Invoice] = {}
    latest: dict[str, tuple[tuple[date, int], Invoice, str]] = {}  # its address, and where
    for inv in invoices:
        key = normalise_name(inv.client)
        if not key:
            continue
        first.setdefault(key, inv)
        if inv.row in emails and (email := parse_text(emails[inv.row])):
            when = (inv.issue_date or date.min, inv.row)
            if key not in latest or when > latest[key][0]:
                latest[key] = (when, inv, email)
    clients: dict[str, Client] = {}
    for key, inv in first.items():
        _, addressed, email = latest.get(key) or ((date.min, 0), inv, None)
        # the cell its address came from (or would go), so that issues name where to mend it
        sheet, row = layout.part(addressed.row)
        email_where = sheet.ref("client_email", row) if sheet.has("client_email") else None
        sheet, row = layout.part(inv.row)
        kind = ClientType.INDIVIDUAL if says_individual(inv.client) else ClientType.COMPANY
        clients[key] = Client(name=inv.client, type=kind, emails=split_emails(email),
                              phone=parse_text(phones.get(inv.row)),
                              where=CellRef(sheet.sheet, row, "A"), email_where=email_where)
    return clients


def clients_by_code(invoices: list[Invoice], payments: list[Payment],
                    clients: Mapping[str, Client],
                    codes: Mapping[str, str]) -> tuple[list[Invoice], list[Payment]]:
    """Invoices and payments that name their client by the code of the Clients sheet's « Code
    client » column (« C001 ») are given the client's name: it is the same client for the
    reminders, the checks and the indicators. A name the Clients sheet knows stays a name."""
    def name(client: str | None) -> str | None:
        key = normalise_name(client)
        found = codes.get(key, "") if key and key not in clients else ""
        return clients[found].name if found in clients else None

    named = [replace(inv, client=n) if (n := name(inv.client)) else inv for inv in invoices]
    paid = [replace(p, client=n) if (n := name(p.client)) else p for p in payments]
    return named, paid


def link_payments(invoices: Sequence[Invoice], payments: list[Payment],
                  layout: SheetLayout | None, issues: list[Issue]) -> list[Payment]:
    """The Paiements rows with their invoice number as the invoice sheet writes it.

    A number typed another way (« fac2026-78 » for FAC2026-078, « FA2026001 » for
    FA-2026-001) is taken for the only invoice it can mean; one that names no invoice is
    reported at its cell: its money counts for no invoice, which may then read unpaid (and be
    dunned) although it was paid."""
    if not payments:
        return payments
    exact = {inv.number for inv in invoices if inv.number}
    loose: dict[str, str | None] | None = None  # built at the first number not found as is
    index: dict[str, Invoice] | None = None
    glued: dict[str, str | None] = {}
    tails: dict[tuple[str, ...], list[str]] | None = None
    linked: list[Payment] = []
    by_client: list[Payment] = []
    anonymous: list[Payment] = []
    for payment in payments:
        number, named = payment.invoice_number, None
        if not number and payment.reference and payment.amount > ZERO:
            # a bank log pasted in Paiements: the number is in the label (« VIR ALPHA F-001 »)
            if loose is None:
                loose = loose_numbers(exact)
            if named := numbers_in(payment.reference, loose):
                number = payment.reference
        if not number and payment.client and payment.amount > ZERO:
            by_client.append(payment)
            continue
        if not number or number in exact:
            if not number and payment.amount > ZERO:
                anonymous.append(payment)
            linked.append(payment)
            continue
        if loose is None:
            loose = loose_numbers(exact)
        found = loose.get(loose_form(number))
        if found is not None:
            linked.append(replace(payment, invoice_number=found))
            continue
        where = payment.where
        if where is not None and layout is not None and layout.has("invoice_number"):
            where = layout.ref("invoice_number", where.row)
        named = named or numbers_in(number, loose)
        if not named:  # « FA2026001 » typed for FA-2026-001: the only one without separators
            glued = glued or glued_numbers(exact)
            named = [found] if (found := glued.get(glued_form(number))) else []
        if len(named) == 1:  # « Facture F-2026-001 », « VIR ALPHA FAC F2026/001 »
            linked.append(replace(payment, invoice_number=named[0]))
        elif named and payment.amount > ZERO:  # « F2026-001 + F2026-002 »: each in turn
            if index is None:
                index = {inv.number: inv for inv in invoices if inv.number}
            parts = split_payment(payment, [index[n] for n in named])
            linked.extend(parts)
            issues.append(Issue.of(where or "Paiements", "paiement_reparti", Severity.WARNING,
                                   number=number, amount=payment.amount, parts=[
                                       Message.of("paiement_reparti.part", amount=part.amount,
                                                  invoice=part.invoice_number)
                                       for part in parts]))
        else:
            tails = tails if tails is not None else tail_index(exact)
            issues.append(_unknown(payment, number, where, tails))
            linked.append(payment)
    if by_client:
        linked.extend(_by_client(invoices, by_client, linked, issues))
    if anonymous:
        _anonymous(invoices, anonymous, linked, issues)
    _repeated_operations(linked, layout, issues)
    return linked


def _unknown(payment: Payment, number: str, where: CellRef | None,
             tails: Mapping[tuple[str, ...], list[str]]) -> Issue:
    """The warning of a payment whose number names no invoice. What it pays is not known, so
    reminders that might claim it are held (`pipeline.steps.reminders.held_invoices`): the
    client's invoices issued before it, when the row names its client, and the invoices
    whose number ends as it does (« 2026-005 » for FA-2026-005)."""
    likely = sorted(tails.get(tail_key(number), ())) if payment.amount > ZERO else []
    held = bool(likely) or bool(payment.client and payment.amount > ZERO)
    return Issue.of(where or "Paiements", "paiement_facture_inconnue", Severity.WARNING,
                    variant="held" if held else "", number=number, amount=payment.amount,
                    client=payment.client if payment.amount > ZERO else None,
                    day=payment.date, likely=likely)


def _paid_by_number(payments: Sequence[Payment]) -> dict[str, Decimal]:
    """What the Paiements rows pay, by invoice number."""
    paid: dict[str, Decimal] = {}
    for payment in payments:
        if payment.invoice_number:
            paid[payment.invoice_number] = paid.get(payment.invoice_number, ZERO) + payment.amount
    return paid


def _anonymous(invoices: Sequence[Invoice], payments: list[Payment], linked: Sequence[Payment],
               issues: list[Issue]) -> None:
    """Money received that names neither an invoice (not even in its label) nor a client: it
    counts for none, and the invoice it paid may be reminded. Named at its line, unless every
    invoice still owing was issued after it (an old line of a bank log says nothing of them)."""
    paid = _paid_by_number(linked)
    first = min((inv.issue_date for inv in invoices
                 if inv.number and inv.issue_date and inv.kind is not InvoiceKind.CREDIT_NOTE
                 and inv.total - max(inv.amount_paid, paid.get(inv.number, ZERO)) >= CENT),
                default=None)
    if first is None:
        return
    for payment in payments:
        if payment.date is None or payment.date >= first:
            issues.append(Issue.of(payment.where or "Paiements", "paiement_non_attribue",
                                   Severity.WARNING, amount=payment.amount,
                                   label=payment.reference or ""))


def _by_client(invoices: Sequence[Invoice], payments: list[Payment], linked: Sequence[Payment],
               issues: list[Issue]) -> list[Payment]:
    """Paiements rows kept by client, without an invoice number (« 500 €, Beta »): a payment
    that is exactly what one of the client's open invoices still owes, or what all of them owe
    together, pays it (them), in date order, each payment lowering what is owed before the
    next. One that fits none, for a client who owes something, is named at its cell: which
    invoice it pays is not known, and it counts for none (the client's invoices issued before
    it are not reminded: `pipeline.steps.reminders.held_invoices`)."""
    paid = _paid_by_number(linked)
    owed: dict[str, list[list[Any]]] = {}  # client → [[invoice, what it still owes]…]
    for inv in invoices:
        if not inv.number or inv.kind is InvoiceKind.CREDIT_NOTE \
                or status_hint(inv.status_text) in (Status.CANCELLED, Status.PAID):
            continue
        left = inv.total - max(inv.amount_paid, paid.get(inv.number, ZERO))
        if left >= CENT:
            owed.setdefault(normalise_name(inv.client), []).append([inv, left])
    result: list[Payment] = []
    for payment in sorted(payments, key=lambda p: p.date or date.max):
        mine = [item for item in owed.get(normalise_name(payment.client or ""), [])
                if item[1] >= CENT and (payment.date is None or item[0].issue_date is None
                                        or item[0].issue_date <= payment.date)]
        exact = [item for item in mine if item[1] == payment.amount]
        if len(exact) == 1:
            chosen = exact
        elif len(mine) > 1 and sum(item[1] for item in mine) == payment.amount:
            chosen = mine
        else:
            if mine:
                issues.append(Issue.of(payment.where or "Paiements", "paiement_sans_facture",
                                       Severity.WARNING, client=payment.client,
                                       amount=payment.amount, count=len(mine),
                                       day=payment.date))
            result.append(payment)
            continue
        for item in chosen:
            result.append(replace(payment, amount=item[1], invoice_number=item[0].number))
            item[1] = ZERO
    return result


def split_payment(payment: Payment, invoices: Sequence[Invoice]) -> list[Payment]:
    """One payment for several invoices, as one per invoice: they are paid in the order they
    fell due, each up to what it still owes; what is left over goes to the last one."""
    ordered = sorted(invoices, key=lambda inv: (inv.due_date or inv.issue_date or date.max,
                                                inv.row))
    left = payment.amount
    parts: list[Payment] = []
    for position, inv in enumerate(ordered):
        owed = max(inv.total - inv.amount_paid, ZERO)
        share = left if position == len(ordered) - 1 else min(left, owed)
        if share > ZERO:
            parts.append(replace(payment, amount=share, invoice_number=inv.number))
            left -= share
    return parts or [payment]


def _repeated_operations(payments: Sequence[Payment], layout: SheetLayout | None,
                         issues: list[Issue]) -> None:
    """One bank operation listed twice for the same invoice (a row copied with its « Id
    opération »): its money counts twice, and the invoice may read paid when it is not. The
    rows are kept as they are (suivi cannot tell a copy from a bank that paid twice); the
    second is reported, naming the first. One operation paying several invoices (one row per
    invoice, as the bank import writes them) is not this."""
    first: dict[tuple[str, str], Payment] = {}
    for payment in payments:
        ident, number = payment.transaction_id, payment.invoice_number
        if not ident or not number:
            continue
        earlier = first.setdefault((ident, number), payment)
        if earlier is not payment:
            issues.append(Issue.of(_payment_cell(payment, layout), "paiement_en_double",
                                   Severity.WARNING, id=ident, number=number,
                                   amount=payment.amount,
                                   first_cell=_payment_cell(earlier, layout)))


def _payment_cell(payment: Payment, layout: SheetLayout | None) -> CellRef | str:
    """The « Id opération » cell of a Paiements row (its row's first cell without one)."""
    where = payment.where
    if where is None:
        return "Paiements"
    if layout is not None and layout.has("transaction_id"):
        return layout.ref("transaction_id", where.row)
    return where


def merge_payments(invoices: list[Invoice], payments: list[Payment], layout: SheetLayout,
                   issues: list[Issue]) -> list[Invoice]:
    """Montant réglé is at least what the Paiements sheet lists for the invoice (the column is
    the invoice's total paid, the sheet one row per payment: suivi bank writes both so).

    When the sheet lists more than a Montant réglé that is not zero, and the two together would
    settle the invoice, which is true cannot be known: the same money twice (the Paiements rows
    include it) or two payments (the invoice is paid). That is an error at the cell, and the
    invoice is not reminded until someone says (a paid invoice is never reminded on a guess)."""
    if not payments:
        return invoices
    totals: dict[str, Decimal] = {}
    last_date: dict[str, date] = {}
    for p in payments:
        if p.invoice_number:
            totals[p.invoice_number] = totals.get(p.invoice_number, ZERO) + p.amount
            if p.date and (p.invoice_number not in last_date or p.date > last_date[p.invoice_number]):
                last_date[p.invoice_number] = p.date
    merged = []
    for inv in invoices:
        listed = totals.get(inv.number or "")
        if listed is not None and listed > inv.amount_paid:
            if (layout.has("amount_paid") and inv.amount_paid > ZERO
                    and inv.kind is not InvoiceKind.CREDIT_NOTE
                    and inv.amount_paid + listed >= inv.total > listed):
                issues.append(Issue.of(layout.ref("amount_paid", inv.row),
                                       "reglements_a_verifier", Severity.ERROR, invoice=inv.label,
                                       header=layout.columns["amount_paid"].header,
                                       paid=inv.amount_paid, listed=listed,
                                       both=inv.amount_paid + listed, total=inv.total))
            inv = replace(inv, amount_paid=listed,
                          payment_date=inv.payment_date or last_date.get(inv.number or ""))
        merged.append(inv)
    return merged


def _amount_column(layout: SheetLayout) -> str | None:
    """The column that says how much of an invoice was paid: « Montant réglé », else « Reste
    dû », else none."""
    return next((f for f in ("amount_paid", "balance") if layout.has(f)), None)


def dated_payments(invoices: list[Invoice], layout: SheetLayout,
                   issues: list[Issue]) -> list[Invoice]:
    """A payment date on an invoice that nothing says was paid.

    Without a « Montant réglé » (or « Reste dû ») column, the date is how the team marks a paid
    invoice: it reads as paid in full that day, and one warning names the column. With such a
    column saying nothing was paid, which is true cannot be known (paid in full, or the amount
    forgotten): an error at the amount's cell, and the invoice is not reminded until someone
    says (a paid invoice is never reminded on a guess). A status that says « payée » already
    keeps it from reminders (`statut_regle_sans_paiement`)."""
    if not layout.has("payment_date"):
        return invoices
    amount_field = _amount_column(layout)
    result = invoices
    marked = 0
    for position, inv in enumerate(invoices):
        if inv.payment_date is None or inv.amount_paid > ZERO or inv.total <= ZERO \
                or inv.kind is InvoiceKind.CREDIT_NOTE:
            continue
        said = status_hint(inv.status_text)
        if said is Status.CANCELLED:
            continue
        if amount_field is None:
            if result is invoices:
                result = list(invoices)
            result[position] = replace(inv, amount_paid=inv.total)
            marked += 1
        elif said is not Status.PAID:
            issues.append(Issue.of(layout.ref(amount_field, inv.row), "reglement_sans_montant",
                                   Severity.ERROR, invoice=inv.label, day=inv.payment_date,
                                   date_header=layout.columns["payment_date"].header,
                                   header=layout.columns[amount_field].header))
    if marked:
        issues.append(Issue.of(CellRef(layout.sheet, layout.header_row,
                                       layout.columns["payment_date"].column),
                               "reglement_date_seule", Severity.WARNING,
                               header=layout.columns["payment_date"].header, count=marked))
    return result


def partly_paid_without_amount(invoices: Sequence[Invoice], layout: SheetLayout,
                               issues: list[Issue]) -> None:
    """A Statut saying part of the invoice was paid (« Partiellement payé », « Acompte reçu »)
    while no amount paid is known (nor a line of the Paiements sheet): a reminder would claim
    the whole total. An error at the amount's cell (the status's without one), so the invoice
    is not reminded until the amount received is typed."""
    amount_field = _amount_column(layout)
    where_field = amount_field or "status_text"
    found = [inv for inv in invoices if inv.amount_paid == ZERO and inv.status_text
             and inv.number and inv.kind is not InvoiceKind.CREDIT_NOTE and inv.total > ZERO
             # a date without its amount: `dated_payments` says it
             and (inv.payment_date is None or amount_field is None)
             and says_partly_paid(inv.status_text)]
    if not found:
        return
    credited = credited_amounts(invoices)  # a credit note, or a deposit the invoice deducts
    for inv in found:
        if not credited.get(inv.number or ""):
            issues.append(Issue.of(layout.ref(where_field, inv.row),
                                   "reglement_partiel_sans_montant", Severity.ERROR,
                                   invoice=inv.label, status=inv.status_text,
                                   header=layout.columns[amount_field].header
                                   if amount_field else "Montant réglé"))


#: Beyond this many empty due cells, one warning at the column says them all.
_EACH_EMPTY_DUE = 5


def _empty_due_cells(each: list[Issue], layout: SheetLayout,
                     default: terms_mod.PaymentTerms) -> list[Issue]:
    """The warnings of the due cells left empty: one per invoice when they are few; one at
    the column when they are many (a tracker whose old rows never had a due date, or whose
    « Échéance » column suivi added for a new invoice: thousands of warnings said nothing
    more than one)."""
    if len(each) <= _EACH_EMPTY_DUE:
        return each
    where = layout.ref("due_date", layout.header_row)
    cells = [(w.a1 if w.sheet == layout.sheet else str(w)) for issue in each[:_EACH_EMPTY_DUE]
             if isinstance(w := issue.where, CellRef)]
    return [Issue.of(where, "echeance_calculee", Severity.WARNING, variant="column",
                     count=len(each), header=layout.columns["due_date"].header,
                     cells=cells, terms=default.text or "30 jours")]


def derive_due_dates(invoices: list[Invoice], clients: Mapping[str, Client], layout: SheetLayout,
                     default_terms: str, issues: list[Issue]) -> list[Invoice]:
    """Invoices without a due date get one from their own, the client's or the default terms
    (credit notes excepted: nothing is due on them)."""
    default = terms_mod.parse_terms(default_terms) or terms_mod.PaymentTerms(30)
    result = []
    derived_without_column = 0
    empty: list[Issue] = []  # due cells left empty, the terms taken elsewhere
    for inv in invoices:
        if inv.due_date is not None or inv.issue_date is None \
                or inv.kind is InvoiceKind.CREDIT_NOTE:  # a credit note is not paid by a date
            result.append(inv)
            continue
        client = clients.get(normalise_name(inv.client))
        source = "terms.source_invoice"
        terms = terms_mod.parse_terms(inv.payment_terms)
        if terms is None and client is not None:
            terms = terms_mod.parse_terms(client.payment_terms)
            source = "terms.source_client"
        if terms is None:
            terms, source = default, "terms.source_default"
        due = terms.due_date(inv.issue_date)
        if not layout.has("due_date"):
            derived_without_column += 1
        elif inv.number:  # rows still to be issued get their due date when they are numbered
            issue = Issue.of(layout.ref("due_date", inv.row), "echeance_calculee",
                             Severity.WARNING, invoice=inv.label, due=due,
                             source=Message.of(source), terms=terms.text or "30 jours")
            (issues if source == "terms.source_invoice" else empty).append(issue)
        result.append(fast_replace(inv, due_date=due, due_date_derived=True))
    issues.extend(_empty_due_cells(empty, layout, default))
    if derived_without_column:
        issues.append(Issue.of(layout.sheet, "echeance_calculee", Severity.WARNING,
                               variant="sheet", count=derived_without_column,
                               terms=default.text or "30 jours"))
    return result
