"""Domain records of suivi.

Pure data: no file, network or library imports beyond the standard library. Every record read from
the workbook carries where it came from (a `CellRef`), so that every problem can name its cell.
Money is `Decimal` and dates are `date`; nothing here ever goes through float arithmetic.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from suivi.core.fastinit import fast_init

if TYPE_CHECKING:  # records of the bank and installment modules, which import this one
    from suivi.core.bank_apply import ReviewRow
    from suivi.core.installments import Installment

ZERO = Decimal("0")
CENT = Decimal("0.01")


def column_letter(index: int) -> str:
    """1 → "A", 27 → "AA" (Excel column letters, 1-based)."""
    if index < 1:
        raise ValueError(f"column index must be >= 1, got {index}")
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    """"A" → 1, "AA" → 27."""
    value = 0
    for ch in letters.upper():
        if not "A" <= ch <= "Z":
            raise ValueError(f"not a column letter: {letters!r}")
        value = value * 26 + (ord(ch) - 64)
    return value


@fast_init
@dataclass(frozen=True, slots=True, order=True)
class CellRef:
    """A cell of the workbook: sheet name, 1-based row, column letters."""

    sheet: str
    row: int
    column: str = "A"

    @property
    def a1(self) -> str:
        return f"{self.column}{self.row}"

    def __str__(self) -> str:
        return f"{self.sheet}!{self.column}{self.row}"


class Severity(StrEnum):
    """How bad a problem is. BLOCKING: suivi cannot act safely on the workbook (a missing sheet
    or required column…): every command that numbers, renders, sends or writes stops. ERROR: the
    row is wrong and the team must fix it. WARNING: worth a look."""

    BLOCKING = "blocking"
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem found in the data: where, a stable code, and the parameters of its message.

    `where` is a `CellRef`, a sheet name (whole-sheet problems) or None (workbook-level). The
    words (French or English, and what to do) come from the catalogues of `suivi.messages`,
    keyed by `key`: the code, or `code.variant` when one code has several wordings.
    """

    where: CellRef | str | None
    code: str
    severity: Severity
    params: tuple[tuple[str, Any], ...] = ()
    variant: str = ""

    @classmethod
    def of(cls, where: CellRef | str | None, code: str, severity: Severity, /,
           variant: str = "", **params: Any) -> Issue:
        return cls(where, code, severity, tuple(sorted(params.items())), variant)

    @property
    def key(self) -> str:
        return f"{self.code}.{self.variant}" if self.variant else self.code

    @property
    def kwargs(self) -> dict[str, Any]:
        return dict(self.params)

    @property
    def location(self) -> str:
        return "" if self.where is None else str(self.where)


class ClientType(StrEnum):
    """Client categories; they change mentions, penalties and the reminder ladder."""

    COMPANY = "Société"
    INDIVIDUAL = "Particulier"
    ASSOCIATION = "Association"
    PUBLIC = "Administration"

    @property
    def professional(self) -> bool:
        """Professional clients owe the 40 € recovery indemnity; consumers never do."""
        return self is not ClientType.INDIVIDUAL


class InvoiceKind(StrEnum):
    INVOICE = "facture"
    CREDIT_NOTE = "avoir"
    DEPOSIT = "acompte"


class Status(StrEnum):
    """Statuses shown in the workbook's Statut column (French is the stored form)."""

    TO_ISSUE = "à émettre"
    ISSUED = "émise"
    DUE_TODAY = "échue aujourd'hui"
    OVERDUE = "en retard"
    PARTIALLY_PAID = "partiellement réglée"
    PAID = "réglée"
    OVERPAID = "trop-perçu"
    DISPUTED = "litige"
    CREDIT_NOTE = "avoir"
    CANCELLED = "annulée"

    @property
    def open(self) -> bool:
        """True when money may still be owed on the invoice."""
        return self in _OPEN_STATUSES


#: Looked up by hash: `Status.X` goes through a descriptor on each access (Python 3.11), and
#: `open` is asked of every invoice several times a run.
_OPEN_STATUSES = frozenset({Status.ISSUED, Status.DUE_TODAY, Status.OVERDUE,
                            Status.PARTIALLY_PAID, Status.DISPUTED})


@dataclass(frozen=True, slots=True)
class Client:
    name: str
    type: ClientType = ClientType.COMPANY
    siren: str | None = None
    vat_number: str | None = None
    address: str | None = None
    delivery_address: str | None = None
    emails: tuple[str, ...] = ()
    phone: str | None = None
    payment_terms: str | None = None
    credit_limit: Decimal | None = None
    language: str = "fr"
    reminders_enabled: bool = True
    template: str | None = None
    where: CellRef | None = None
    siret: str | None = None
    service_code: str | None = None
    service_code_required: bool = False
    commitment_required: bool = False
    # ISO code (« BE »), from a « Pays » column; None: France (and then left out of the
    # signatures of rendered invoices, which stay what they were before the field existed)
    country: str | None = field(default=None, metadata={"signed_if_set": True})
    # the cell of its e-mail address, to name it in issues (not part of what a client is: the
    # signatures of the rendered invoices leave it out)
    email_where: CellRef | None = field(default=None, compare=False)

    @property
    def email(self) -> str | None:
        return self.emails[0] if self.emails else None


@fast_init
@dataclass(frozen=True, slots=True)
class InvoiceLine:
    """A line item from the optional Lignes sheet."""

    invoice_number: str
    description: str
    quantity: Decimal
    unit_price: Decimal
    vat_rate: Decimal
    unit: str = "C62"
    where: CellRef | None = None
    nature: str | None = None
    exemption_reason: str | None = None

    @property
    def net(self) -> Decimal:
        return self.quantity * self.unit_price


@fast_init
@dataclass(frozen=True, slots=True)
class Invoice:
    """One row of the Factures sheet.

    `row` is the sheet row it came from; `sheet` the sheet name. Amounts are None when the cell
    is empty (the checks say so); `amount_paid` defaults to zero.
    """

    sheet: str
    row: int
    number: str | None = None
    issue_date: date | None = None
    client: str = ""
    description: str = ""
    amount_ht: Decimal | None = None
    vat: Decimal | None = None
    amount_ttc: Decimal | None = None
    payment_terms: str | None = None
    due_date: date | None = None
    due_date_derived: bool = False
    amount_paid: Decimal = ZERO
    payment_date: date | None = None
    status_text: str | None = None
    reminder_step: int = 0
    last_action: str | None = None
    last_action_date: date | None = None
    next_action: str | None = None
    next_action_date: date | None = None
    sales_rep: str | None = None
    po_reference: str | None = None
    dispute: bool = False
    dispute_text: str | None = None
    promise_date: date | None = None
    notes: str | None = None
    pdf_file: str | None = None
    kind: InvoiceKind = InvoiceKind.INVOICE
    vat_rate: Decimal | None = None
    original_number: str | None = None
    printed_mention: str | None = None
    nature: str | None = None
    commitment_number: str | None = None
    billing_period: tuple[date, date] | None = None
    exemption_reason: str | None = None
    #: Another currency than the euro (« USD », « GBP »…), from a « Devise » column or the
    #: amount's own text (« $500 »); None for euros. Out of the row's signature: setting it
    #: never re-renders a PDF.
    currency: str | None = field(default=None, compare=False)
    #: « Ne pas relancer » marked on the row by the team: never reminded (out of the signature)
    reminders_off: bool = field(default=False, compare=False)
    #: The reminders the team's own step columns record (« Relance 1 », « Mise en demeure »…):
    #: (step number, day or None for a cross), counted by `mail.history` (out of the signature)
    team_reminders: tuple[tuple[int, date | None], ...] = field(default=(), compare=False)
    #: The day the team plans to remind the client next (« Prochaine relance », « À relancer
    #: le 15/12 »): the next step waits for it (`core.plan`; out of the signature)
    planned_reminder: date | None = field(default=None, compare=False)
    #: What payment columns other than « Montant réglé » add to `amount_paid` (« Acompte
    #: reçu » beside « Solde reçu »): `suivi bank` writes the rest into « Montant réglé »
    paid_in_other_columns: Decimal = field(default=ZERO, compare=False)
    #: The part of `paid_in_other_columns` an « Avoir » column gives (a credit note's amount
    #: typed on the invoice's row) and that column's letter: taken off again when a credit
    #: note row of the sheet credits the invoice too (`read.payment_parts.credits_once`)
    credit_in_column: tuple[Decimal, str] | None = field(default=None, compare=False)
    #: A credit note named on the row without its amount (« N° avoir » : « AV-2026-003 »):
    #: its text and the column's letter (`read.payment_parts.cited_credit_notes`)
    credit_cited: tuple[str, str] | None = field(default=None, compare=False)
    #: The day of the sale or service when the sheet gives it (« Date de prestation »), printed
    #: on the invoice as such (CGI art. 242 nonies A) and written as BT-72; else the invoice's
    #: date. In the row's signature only when given (`DocContext.row_signature`).
    delivery_date: date | None = field(default=None, compare=False)

    @property
    def total(self) -> Decimal:
        """Amount including VAT; falls back to HT + TVA when TTC is empty."""
        if self.amount_ttc is not None:
            return self.amount_ttc
        if self.amount_ht is not None:
            return self.amount_ht + (self.vat or ZERO)
        return ZERO

    @property
    def balance(self) -> Decimal:
        """Reste dû: total minus what was paid (negative when overpaid)."""
        return self.total - self.amount_paid

    @property
    def label(self) -> str:
        """How messages name the invoice: its number, or its row when it has none yet."""
        return self.number or f"ligne {real_row(self.row)}"


@fast_init
@dataclass(frozen=True, slots=True)
class Payment:
    """A payment received (Paiements sheet, or the invoice's own Montant réglé/Date columns)."""

    date: date | None
    amount: Decimal
    invoice_number: str | None = None
    client: str | None = None
    method: str | None = None
    reference: str | None = None
    where: CellRef | None = None
    statement: str | None = None       # the bank statement it was imported from (« Relevé »)
    transaction_id: str | None = None  # the bank operation's id (« Id opération »)


@fast_init
@dataclass(frozen=True, slots=True)
class JournalEntry:
    """One action recorded in the Journal sheet."""

    date: date | None
    invoice_numbers: tuple[str, ...] = ()
    client: str | None = None
    step: str | None = None
    channel: str | None = None
    recipient: str | None = None
    result: str | None = None
    file: str | None = None
    where: CellRef | None = None


@dataclass(frozen=True, slots=True)
class FieldUpdate:
    """A value to write back into the invoice sheet: `field` of the invoice on sheet `row`.

    Fields are the vocabulary's names (status_text, reminder_step, last_action, …); the pipeline
    maps them to columns, adding a column when the user's sheet has none for that field.
    """

    row: int
    field: str
    value: object


@dataclass(frozen=True, slots=True)
class ColumnInfo:
    """Where a field was found: the header text as written and its column."""

    field: str
    header: str
    column: str
    index: int  # 0-based position in the sheet row


@dataclass(frozen=True, slots=True)
class SheetLayout:
    """How a sheet was understood: its name, header row and field → column mapping."""

    sheet: str
    header_row: int
    columns: dict[str, ColumnInfo] = field(default_factory=dict)
    last_row: int = 0
    last_column: int = 0
    free_column: int = 0  # 1-based: first column right of the table where suivi may add columns
    #: The invoice sheet's sisters (« Janvier », « Février »…, or « 2025 » beside « 2026 »),
    #: read with it: their invoices' `row` is `SHEET_STRIDE * k + row` for the k-th (1-based),
    #: so that a row is one number across the sheets (see `part`).
    sisters: tuple[SheetLayout, ...] = ()
    #: A sister that holds paid invoices (« Factures payées », « Réglées »): its rows are
    #: paid unless they say otherwise (`workbook.read.paid_sheets`)
    paid: bool = False
    #: What the « Payé » column (`amount_paid`) marks a paid invoice with when it is a column
    #: of marks rather than amounts: True (checkboxes, VRAI/FAUX), a word (« oui », « x »…);
    #: None for a column of amounts (`workbook.read.mark_columns.paid_mark`)
    paid_mark: bool | str | None = None

    def part(self, row: int) -> tuple[SheetLayout, int]:
        """The sheet's layout and its own row number for an invoice `row` (`sisters`)."""
        if row < SHEET_STRIDE:
            return self, row
        k, real = divmod(row, SHEET_STRIDE)
        return self.sisters[k - 1], real

    def ref(self, field_name: str, row: int) -> CellRef:
        """CellRef of `field_name` on `row`; column A when the field has no column."""
        layout, row = self.part(row) if row >= SHEET_STRIDE else (self, row)
        info = layout.columns.get(field_name)
        return CellRef(layout.sheet, row, info.column if info else "A")

    def row_key(self, sheet: str, row: int) -> int | None:
        """The invoice row of a cell of this sheet or of a sister (None for another sheet)."""
        if sheet == self.sheet:
            return row
        for k, sister in enumerate(self.sisters, 1):
            if sheet == sister.sheet:
                return SHEET_STRIDE * k + row
        return None

    def has(self, field_name: str) -> bool:
        return field_name in self.columns


#: Rows of a sister sheet are numbered from `SHEET_STRIDE * k` (above Excel's 1,048,576 rows).
SHEET_STRIDE = 1 << 21


def real_row(row: int) -> int:
    """The row number a user sees in the sheet of an invoice `row` (see `SheetLayout.sisters`)."""
    return row % SHEET_STRIDE


def sheet_index(row: int) -> int:
    """Which sheet an invoice `row` is in: 0 the invoice sheet, k its k-th sister."""
    return row // SHEET_STRIDE


@dataclass(frozen=True, slots=True)
class Master:
    """Everything read from the master workbook, ready for the pure core."""

    path: str
    invoices: tuple[Invoice, ...]
    clients: dict[str, Client]
    payments: tuple[Payment, ...]
    lines: tuple[InvoiceLine, ...]
    journal: tuple[JournalEntry, ...]
    layout: SheetLayout
    layouts: dict[str, SheetLayout]
    issues: tuple[Issue, ...]
    sheet_names: tuple[str, ...] = ()
    read_at: datetime | None = None
    owned_rows: dict[str, list[list[object]]] = field(default_factory=dict)
    """Raw cell rows of the sheets suivi owns and reads back (Historique indicateurs, Contrats)."""
    reconciliation: tuple[ReviewRow, ...] = ()
    """The « Rapprochement » sheet: bank credits waiting for a person's decision."""
    installments: tuple[Installment, ...] = ()
    """The « Échéancier » sheet: dated installments of invoices paid in several times."""

    def client_of(self, invoice: Invoice) -> Client | None:
        return self.clients.get(normalise_name(invoice.client))


@lru_cache(maxsize=8192)
def normalise_name(name: str | None) -> str:
    """Key used to match a client name between sheets: case, spaces and accents folded."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


#: Legal forms a team types or leaves out of a client's name (folded, dots removed).
_LEGAL_FORMS = frozenset({"sarl", "sas", "sasu", "sa", "eurl", "ei", "eirl", "sci", "snc",
                          "scop", "scp", "selarl", "selas", "sca", "gie", "ltd", "llc", "inc",
                          "gmbh", "societe", "ste", "ets", "etablissements"})


#: A civility at the start of a client's name (folded, without its dot): « M. Jean Dupont »,
#: « Mme Martin », « M. et Mme Durand » are people, not companies.
_CIVILITIES = frozenset({"m", "mr", "mme", "mlle", "monsieur", "madame", "mademoiselle",
                         "mrs", "ms", "miss"})


def says_individual(name: str | None) -> bool:
    """Whether a client's name starts with a civility (« M. », « Mme », « Monsieur »): a
    person, whom neither the 40 € indemnity nor professional late penalties concern."""
    words = normalise_name(name).replace(".", " ").split()
    return bool(words) and words[0] in _CIVILITIES and len(words) > 1


def name_core(name: str) -> str:
    """« ALPHA S.A.R.L. », « Alpha SARL », « Alpha » → « alpha »: the name without its legal
    form and punctuation, to find one client spelt several ways."""
    words = re.sub(r"[^\w\s]", lambda m: "" if m.group() == "." else " ",
                   normalise_name(name)).split()
    return " ".join(w for w in words if w not in _LEGAL_FORMS)


def number_key(number: str) -> str:
    """An invoice number as the duplicate check compares it (« fac2026-7 » = « FAC2026-7 »)."""
    return number.strip().casefold()


def duplicated_numbers(invoices: Iterable[Invoice]) -> frozenset[str]:
    """The folded numbers (`number_key`) that more than one row carries: a row copied in
    Excel. Which copy says whether the invoice is paid is unknown, so neither reminders nor
    the bank act on such a number until `check_duplicate_numbers`' error is fixed."""
    counts = Counter(number_key(inv.number) for inv in invoices if inv.number)
    return frozenset(key for key, count in counts.items() if count > 1)
