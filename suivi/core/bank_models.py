"""Bank records: statements, transactions and the open invoices they are matched against.

Pure data, shared by the statement readers (`suivi.bank`, which do the I/O) and the matching
(`suivi.core.matching`, pure). Amounts are signed Decimals: a credit (money received) is
positive, a debit negative. Every transaction says where it came from (`StatementSource`), so
that a message can name the file and the line or XML element.

Transaction ids. The bank's own id is used when the file has one (OFX FITID; CAMT.053
AcctSvcrRef, else EndToEndId; a CSV "Référence"/"Transaction ID" column when the mapping names
it). Otherwise the id is `transaction_hash(account, day, amount, label, occurrence)`: the first
16 hex digits of a SHA-256 over those fields, prefixed "h:". `occurrence` counts identical
(account, day, amount, label) lines within one file (1, 2, …), so that two identical card
payments on the same day stay two transactions, while the same line exported again in an
overlapping statement gets the same id.
"""
from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from suivi.core.models import CENT


class TransactionKind(StrEnum):
    """What a bank line is. Only credits are matched against invoices; the others are counted."""

    CREDIT = "credit"        # money received: transfer, cheque deposit, direct debit collected
    DEBIT = "debit"          # money paid out (transfers, direct debits, cheques written)
    FEE = "fee"              # bank charges, commissions, interest charged (or refunded)
    CARD = "card"            # card payments and card settlements (remises CB)
    OTHER = "other"          # pending, informational or zero lines


class PaymentMethod(StrEnum):
    """How the money came; values are the Paiements sheet's "Mode de règlement" list."""

    TRANSFER = "Virement"
    DIRECT_DEBIT = "Prélèvement"
    CHEQUE = "Chèque"
    CARD = "Carte"
    CASH = "Espèces"


@dataclass(frozen=True, slots=True)
class StatementSource:
    """Where a transaction was read: the file name, its line (1-based) and, for XML, the
    element path (``Stmt[1]/Ntry[3]/NtryDtls/TxDtls[2]``)."""

    file: str
    line: int | None = None
    element: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.element:
            where += f" {self.element}"
        if self.line is not None:
            where += f":{self.line}"
        return where


@dataclass(frozen=True, slots=True)
class BankTransaction:
    """One line of a bank statement.

    `label` is the bank's wording (libellé); `remittance` the remittance information the payer
    typed (motif, RmtInf) when the format keeps it apart; `payer_name` the counterparty's name
    when the bank gives it (CAMT Dbtr/Nm, OFX NAME, a CSV counterparty column) or when it can be
    read from the label ("VIR SEPA RECU /DE DUPONT SARL /MOTIF …").
    """

    id: str
    booking_date: date
    amount: Decimal
    label: str
    kind: TransactionKind
    source: StatementSource
    value_date: date | None = None
    currency: str = "EUR"
    payer_name: str | None = None
    remittance: str | None = None
    end_to_end_id: str | None = None
    bank_reference: str | None = None
    account: str | None = None
    method: PaymentMethod | None = None
    bank_id: bool = True
    """True when `id` is the bank's own identifier; False when it is a hash (see module doc)."""

    @property
    def is_credit(self) -> bool:
        return self.kind is TransactionKind.CREDIT

    @property
    def text(self) -> str:
        """Everything a payer may have written: label, remittance, payer name, references."""
        return " ".join(part for part in (self.label, self.remittance, self.payer_name,
                                          self.end_to_end_id, self.bank_reference) if part)


@dataclass(frozen=True, slots=True)
class Statement:
    """A statement file read: its account, period and transactions in file order.

    `skipped_counts` counts lines that are not credits, by kind ("debit", "fee", "card",
    "other"), plus "ignored" for lines of the file that hold no transaction (totals, balances).
    `newest_date` is the date up to which the statement is complete (its period end, else the
    latest booking date): it tells how fresh the bank data is.
    """

    file: str
    format: str                      # "csv", "ofx1", "ofx2", "camt.053.001.08"…
    transactions: tuple[BankTransaction, ...]
    account: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    skipped_counts: dict[str, int] = field(default_factory=dict)
    layout: tuple[tuple[str, str], ...] = ()
    """For CSV: which column was used for what, as (field, header) pairs, to explain the reading."""

    @property
    def credits(self) -> tuple[BankTransaction, ...]:
        return tuple(t for t in self.transactions if t.is_credit)

    @property
    def newest_date(self) -> date | None:
        if self.period_end is not None:
            return self.period_end
        return max((t.booking_date for t in self.transactions), default=None)


@dataclass(frozen=True, slots=True)
class OpenInvoice:
    """An invoice that may still receive money: its number, client, date and remaining amount.

    Built from the workbook's `Invoice` records by `suivi.core.matching.open_invoices`; `row`
    is the Factures sheet row, so that updates can be written back.
    """

    number: str
    client: str
    issue_date: date | None
    due: Decimal
    row: int
    total: Decimal
    amount_paid: Decimal


def fold_text(text: str | None) -> str:
    """Upper case without accents, spaces collapsed: how labels are compared and hashed."""
    if not text:
        return ""
    if text.isascii():
        return " ".join(text.upper().split())
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.upper().split())


def transaction_hash(account: str | None, day: date, amount: Decimal, label: str,
                     occurrence: int = 1) -> str:
    """Stable id for a line without a bank id (see the module docstring)."""
    cents = amount.quantize(CENT)
    key = "|".join((fold_text(account), day.isoformat(), str(cents), fold_text(label),
                    str(occurrence)))
    return "h:" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
