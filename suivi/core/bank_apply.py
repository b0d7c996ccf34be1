"""What matched credits change, as data: Paiements rows, invoice updates, trop-perçus, review rows.

Pure. The caller writes the results (Paiements and Rapprochement sheets, Factures columns):

- `apply_matches(matches, invoices)` → `Application`: one `PaymentRow` per invoice a credit
  pays (date, amount, invoice, client, method, bank reference, statement file, transaction
  id), the new Montant réglé / Date de règlement of each invoice (`InvoiceSettlement`, with its
  `FieldUpdate`s), and the surpluses (`Overpayment`).
  A credit is shared among its invoices in the order the label names them, else oldest first;
  each invoice gets up to what it still owes; what is left over goes to the last one, whose
  Montant réglé then exceeds its total (status "trop-perçu") and is reported as an
  `Overpayment`. A partial payment leaves the rest due. The Paiements rows of one credit add up
  to the credit.
- `review_rows(matches)` → the rows of the « Rapprochement » sheet for the credits that were not
  applied; `apply_review(rows, invoices, settings)` turns the rows a person validated (Valider =
  Oui, with Facture(s) filled or a single candidate) into an `Application` the same way.
- `filter_new(transactions, known_ids)`: never twice — transactions whose id is already known
  (an earlier import, or an earlier line of this batch) are set aside.
"""
from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from suivi.core.bank_index import allocate
from suivi.core.bank_models import (
    BankTransaction,
    OpenInvoice,
    PaymentMethod,
    StatementSource,
    TransactionKind,
)
from suivi.core.bank_numbers import NumberFinder
from suivi.core.matching import Candidate, Match, MatchSettings, Rule
from suivi.core.message import Message
from suivi.core.models import ZERO, FieldUpdate, number_key


@dataclass(frozen=True, slots=True)
class PaymentRow:
    """A row to append to the Paiements sheet."""

    date: date
    amount: Decimal
    invoice_number: str
    client: str
    method: str | None
    reference: str | None
    statement: str
    transaction_id: str


@dataclass(frozen=True, slots=True)
class InvoiceSettlement:
    """An invoice's new Montant réglé and Date de règlement; `balance` is what it still owes
    (negative: a trop-perçu)."""

    number: str
    row: int
    amount_paid: Decimal
    payment_date: date
    balance: Decimal

    def field_updates(self) -> tuple[FieldUpdate, ...]:
        return (FieldUpdate(self.row, "amount_paid", self.amount_paid),
                FieldUpdate(self.row, "payment_date", self.payment_date))


@dataclass(frozen=True, slots=True)
class Overpayment:
    """Money received beyond what the invoices owed: a credit in the client's favour."""

    date: date
    amount: Decimal
    client: str
    invoices: tuple[str, ...]
    transaction_id: str
    statement: str


@dataclass(frozen=True, slots=True)
class Application:
    payments: tuple[PaymentRow, ...] = ()
    settlements: tuple[InvoiceSettlement, ...] = ()
    overpayments: tuple[Overpayment, ...] = ()
    messages: tuple[Message, ...] = ()


@dataclass(frozen=True, slots=True)
class ReviewRow:
    """A row of the « Rapprochement » sheet: a credit suivi did not apply, for a person to decide.

    Columns (in this order, French headers in the bank catalogue, `bank.review.col.*`): Date,
    Montant, Libellé, Payeur, Candidats, Règle, Explication, Valider, Facture(s), Mode,
    Référence, Relevé, Id opération. `candidates` lists invoice groups ("FAC2026-001 +
    FAC2026-002"); `validate` is the Valider column (None while empty) and `invoices_text` the
    Facture(s) column a person may fill. Read back from the sheet, `explanation` is the text
    as written and `row` the sheet row.
    """

    date: date
    amount: Decimal
    label: str
    payer: str | None
    candidates: tuple[str, ...]
    rule: Rule
    explanation: Message | str
    transaction_id: str
    statement: str
    method: str | None = None
    reference: str | None = None
    validate: bool | None = None
    invoices_text: str = ""
    row: int = 0


def _reference(tx: BankTransaction) -> str | None:
    return tx.bank_reference or tx.end_to_end_id or (tx.id if tx.bank_id else None)


def apply_matches(matches: Iterable[Match], invoices: Sequence[OpenInvoice]) -> Application:
    """Paiements rows, invoice updates and trop-perçus for the confident matches, in order."""
    state = {inv.number: inv for inv in invoices}
    paid: dict[str, Decimal] = {}
    last: dict[str, date] = {}
    due: dict[str, Decimal] = {inv.number: inv.due for inv in invoices}
    payments: list[PaymentRow] = []
    overpayments: list[Overpayment] = []
    messages: list[Message] = []
    for match in matches:
        if not match.confident or not match.invoices:
            continue
        tx = match.transaction
        owed = [(n, max(due[n], ZERO)) for n in match.invoices]
        surplus = tx.amount - sum((d for _, d in owed), ZERO)
        parts = allocate(tx.amount, owed)
        for number, part in parts:
            inv = state[number]
            payments.append(PaymentRow(tx.booking_date, part, number, inv.client,
                                       tx.method.value if tx.method else None, _reference(tx),
                                       tx.source.file, tx.id))
            paid[number] = paid.get(number, inv.amount_paid) + part
            last[number] = max(last.get(number, tx.booking_date), tx.booking_date)
            due[number] -= part
        if surplus > ZERO:
            over = Overpayment(tx.booking_date, surplus, state[parts[-1][0]].client,
                               tuple(n for n, _ in parts), tx.id, tx.source.file)
            overpayments.append(over)
            messages.append(Message.of("bank.apply.overpayment", amount=surplus,
                                       client=over.client, invoices=over.invoices))
        messages.append(match.explanation)
    settlements = tuple(
        InvoiceSettlement(number, state[number].row, paid[number], last[number], due[number])
        for number in paid)
    return Application(tuple(payments), settlements, tuple(overpayments), tuple(messages))


def _candidate_text(candidate: Candidate) -> str:
    return " + ".join(candidate.invoices)


def review_rows(matches: Iterable[Match]) -> tuple[ReviewRow, ...]:
    """The « Rapprochement » rows for the credits not applied (see `ReviewRow`)."""
    rows = []
    for match in matches:
        if match.confident:
            continue
        tx = match.transaction
        rows.append(ReviewRow(tx.booking_date, tx.amount, tx.label, tx.payer_name,
                              tuple(_candidate_text(c) for c in match.candidates), match.rule,
                              match.explanation, tx.id, tx.source.file,
                              tx.method.value if tx.method else None, _reference(tx)))
    return tuple(rows)


_METHODS = {m.value: m for m in PaymentMethod}
_SPLIT = re.compile(r"[;,+\n]|\s+(?:et|ET|and)\s+")


def _chosen(row: ReviewRow, finder: NumberFinder,
            by_key: dict[object, str]) -> tuple[tuple[str, ...], Message | None]:
    text = row.invoices_text.strip()
    if not text:
        if len(row.candidates) == 1:
            text = row.candidates[0]
        else:
            return (), Message.of("bank.review.choose", transaction=row.transaction_id,
                                  label=row.label, count=len(row.candidates))
    chosen: list[str] = []
    for part in filter(None, (p.strip() for p in _SPLIT.split(text))):
        key = finder.key(part)
        number = by_key.get(key) if key is not None else None
        if number is None:
            return (), Message.of("bank.review.unknown_invoice", number=part, label=row.label)
        if number not in chosen:
            chosen.append(number)
    return tuple(chosen), None


def hold_duplicated(matches: Iterable[Match], duplicated: Collection[str]) -> list[Match]:
    """A confident match that would pay an invoice number written on several rows (a row
    copied in Excel) is sent to the Rapprochement sheet instead: the payment would land on one
    copy while the other still reads unpaid, and be dunned. `duplicated` holds the folded
    numbers (`core.models.duplicated_numbers`)."""
    held: list[Match] = []
    for match in matches:
        doubtful = [n for n in match.invoices if number_key(n) in duplicated]
        if match.confident and doubtful:
            tx = match.transaction
            why = Message.of("bank.match.duplicate_number", amount=tx.amount,
                             day=tx.booking_date, label=tx.label, numbers=doubtful)
            match = replace(match, confident=False, explanation=why, invoices=(),
                            candidates=(Candidate(match.invoices, match.client or "", 100),))
        held.append(match)
    return held


def apply_review(rows: Iterable[ReviewRow], invoices: Sequence[OpenInvoice],
                 settings: MatchSettings | None = None, duplicated: Collection[str] = ()
                 ) -> tuple[Application, tuple[Message, ...]]:
    """Apply the review rows marked Valider = Oui: the invoices of Facture(s) (any way of
    writing the numbers that matching accepts), or the only candidate when Facture(s) is
    empty. Returns the application and one problem message per validated row that could not
    be applied (no open invoice of that number, several candidates and none chosen)."""
    settings = settings or MatchSettings()
    finder = NumberFinder(settings.patterns)
    by_key: dict[object, str] = {}
    for inv in invoices:
        key = finder.key(inv.number)
        if key is not None:
            by_key.setdefault(key, inv.number)
    matches: list[Match] = []
    problems: list[Message] = []
    for row in rows:
        if row.validate is not True:
            continue
        chosen, problem = _chosen(row, finder, by_key)
        doubtful = [n for n in chosen if number_key(n) in duplicated]
        if doubtful and problem is None:
            problem = Message.of("bank.review.duplicate_number", label=row.label,
                                 numbers=doubtful)
        if problem is not None:
            problems.append(problem)
            continue
        tx = BankTransaction(row.transaction_id, row.date, row.amount, row.label,
                             TransactionKind.CREDIT, StatementSource(row.statement),
                             payer_name=row.payer, bank_reference=row.reference,
                             method=_METHODS.get(row.method or ""),
                             bank_id=not row.transaction_id.startswith("h:"))
        explanation = Message.of("bank.match.manual", amount=row.amount, day=row.date,
                                 label=row.label, invoices=chosen)
        matches.append(Match(tx, Rule.MANUAL, 100, True, explanation, chosen))
    return apply_matches(matches, invoices), tuple(problems)


def filter_new(transactions: Iterable[BankTransaction], known_ids: Collection[str]
               ) -> tuple[tuple[BankTransaction, ...], tuple[BankTransaction, ...]]:
    """(new, already imported): a transaction is already imported when its id is in
    `known_ids` or appeared earlier in `transactions` (two overlapping statements imported
    together)."""
    seen: set[str] = set()
    new: list[BankTransaction] = []
    old: list[BankTransaction] = []
    for tx in transactions:
        if tx.id in known_ids or tx.id in seen:
            old.append(tx)
        else:
            seen.add(tx.id)
            new.append(tx)
    return tuple(new), tuple(old)
