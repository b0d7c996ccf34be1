"""Input model of invoice documents: what the pipeline hands to the renderers.

Every record is a frozen dataclass; money is ``Decimal`` and dates are ``datetime.date``.
The model carries data only: totals live in :mod:`suivi.documents.totals`, legal wording in
:mod:`suivi.documents.texts`, and the Factur-X XML in :mod:`suivi.documents.cii`.

What reaches the client and what stays internal is decided here: ``InvoiceDocument.notes``
holds the internal Notes column and is never printed nor written to the XML;
``printed_mention`` (the « Mention facture » column) is the only free text meant for the client.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Literal

from suivi.core.countries import country_name
from suivi.core.nature import Nature, invoice_nature, line_nature, unit_code
from suivi.core.vat import CATEGORIES, EXEMPT_CATEGORIES

__all__ = ["EXEMPT_CATEGORIES", "VAT_CATEGORIES", "BillingPeriod", "BuyerKind", "Deposit",
           "DocKind", "DocLine", "InvoiceDocument", "Lang", "Nature", "OperationNature", "Party",
           "PrecedingInvoice", "Seller"]

DocKind = Literal["invoice", "credit_note", "deposit", "final"]
OperationNature = Literal["biens", "services", "mixte"]
Lang = Literal["fr", "en"]

#: VAT category codes accepted in France (UNTDID 5305 subset; L and M are refused by BR-FR-15)
#: and those for which EN 16931 requires an exemption reason (BT-120 / BT-121).
VAT_CATEGORIES: tuple[str, ...] = CATEGORIES


class BuyerKind(StrEnum):
    """What kind of client the invoice is addressed to."""

    SOCIETE = "societe"
    PARTICULIER = "particulier"
    ASSOCIATION = "association"
    ADMINISTRATION = "administration"

    @property
    def is_b2b(self) -> bool:
        """True for professional clients (company, association, public buyer)."""
        return self is not BuyerKind.PARTICULIER

    @property
    def is_public(self) -> bool:
        """True for public buyers (moratory interest instead of late penalties)."""
        return self is BuyerKind.ADMINISTRATION


@dataclass(frozen=True, slots=True)
class Party:
    """A person or organisation named on the invoice (client, delivery address).

    ``electronic_address`` is the e-invoicing routing address (BT-49 for a buyer); when it is
    ``None`` the SIREN is used with scheme ``0225`` for professional buyers and the e-mail with
    scheme ``EM`` for private persons.
    """

    name: str
    address_lines: tuple[str, ...] = ()
    postcode: str = ""
    city: str = ""
    country_code: str = "FR"
    siren: str | None = None
    siret: str | None = None
    vat_number: str | None = None
    email: str | None = None
    phone: str | None = None
    electronic_address: str | None = None
    electronic_address_scheme: str = "0225"

    def __post_init__(self) -> None:
        # A SIRET alone gives the SIREN (its first nine digits): public buyers are often known
        # by their SIRET only, and BT-47 wants the SIREN.
        siret = "".join((self.siret or "").split())
        if not self.siren and len(siret) == 14 and siret.isdigit():
            object.__setattr__(self, "siren", siret[:9])

    def postal_lines(self) -> tuple[str, ...]:
        """Address lines followed by ``postcode city`` (and the country when not France)."""
        lines = [line for line in self.address_lines if line.strip()]
        town = " ".join(part for part in (self.postcode, self.city) if part)
        if town:
            lines.append(town)
        if self.country_code and self.country_code.upper() != "FR":
            lines.append(country_name(self.country_code))
        return tuple(lines)

    def same_address(self, other: Party) -> bool:
        """True when both parties have the same postal address (names are ignored)."""

        def norm(party: Party) -> tuple[str, ...]:
            return tuple(" ".join(line.lower().split()) for line in party.postal_lines())

        return norm(self) == norm(other)


@dataclass(frozen=True, slots=True)
class Seller(Party):
    """The company issuing the invoice, with its legal and payment details.

    ``electronic_address`` (BT-34) defaults to the SIREN with scheme ``0225``.
    ``early_payment_discount`` is the discount wording; ``None`` prints
    « Pas d'escompte pour paiement anticipé ».
    """

    legal_form: str | None = None
    capital: Decimal | None = None
    rcs: str | None = None
    iban: str | None = None
    bic: str | None = None
    vat_on_debits: bool = False
    vat_exemption_text: str | None = None
    logo_path: Path | None = None
    cheque_address: str | None = None
    payment_link_pattern: str | None = None
    early_payment_discount: str | None = None
    website: str | None = None


@dataclass(frozen=True, slots=True)
class DocLine:
    """One invoice line; ``unit_price`` excludes VAT and ``vat_rate`` is a percentage.

    ``unit_code`` accepts a UN/ECE Rec 20 code or the usual word ("h", "jour", "pièce", "kg")
    and is stored as the code. ``nature`` accepts an explicit value ("bien", "service",
    "goods", a :class:`~suivi.core.nature.Nature`) and is stored as the line's resolved nature:
    the explicit value, else the one its unit implies, else None (the invoice default applies).
    """

    description: str
    quantity: Decimal
    unit_price: Decimal
    vat_rate: Decimal
    vat_category: str = "S"
    unit_code: str = "C62"
    exemption_reason: str | None = None
    nature: Nature | str | None = None

    def __post_init__(self) -> None:
        code = unit_code(self.unit_code)
        object.__setattr__(self, "unit_code", code)
        object.__setattr__(self, "nature", line_nature(self.nature, code))

    @property
    def line_nature(self) -> Nature | None:
        """Goods or services, or None when neither the line nor its unit says."""
        return self.nature if isinstance(self.nature, Nature) else None


@dataclass(frozen=True, slots=True)
class Deposit:
    """A deposit invoice already paid, deducted from a final invoice (amount incl. VAT)."""

    number: str
    issue_date: date
    amount_ttc: Decimal


@dataclass(frozen=True, slots=True)
class PrecedingInvoice:
    """The invoice a credit note refers to (BT-25 / BT-26)."""

    number: str
    issue_date: date


@dataclass(frozen=True, slots=True)
class BillingPeriod:
    """The period a contract invoice covers (BT-73 start, BT-74 end), both days included."""

    start: date
    end: date


@dataclass(frozen=True, slots=True)
class InvoiceDocument:
    """Everything needed to print one invoice, deposit invoice, final invoice or credit note.

    * ``operation_nature`` is the default nature (the `[factures] nature` setting) for lines
      that do not say theirs; :attr:`nature` is the invoice's actual nature.
    * ``notes``: the internal Notes column. **Never printed, never written to the XML.**
    * ``printed_mention``: text meant for the client (« Mention facture »), printed on the PDF
      and written as a Factur-X note (AAI).
    * ``billing_period``: period a contract invoice covers (BT-73/74); it replaces the date of
      the sale on the PDF and in the XML.
    * ``buyer_service_code`` / ``commitment_number``: Chorus Pro « code service » (BT-10) and
      « numéro d'engagement » (BT-13, instead of ``po_reference``) for public buyers; the
      buyer's SIRET is ``buyer.siret`` (BT-46, scheme 0009).
    * ``refund_due``: for a credit note, the amount will be refunded (by transfer before
      ``due_date``) rather than deducted from what the client owes.
    """

    kind: DocKind
    number: str
    issue_date: date
    due_date: date
    seller: Seller
    buyer: Party
    buyer_kind: BuyerKind
    lines: tuple[DocLine, ...]
    operation_nature: OperationNature = "services"
    delivery_date: date | None = None
    delivery_address: Party | None = None
    po_reference: str | None = None
    sales_rep: str | None = None
    deposits: tuple[Deposit, ...] = ()
    preceding_invoice: PrecedingInvoice | None = None
    payment_terms: str = ""
    penalty_rate: Decimal = Decimal("12.15")
    notes: tuple[str, ...] = ()
    currency: str = "EUR"
    lang: Lang = "fr"
    printed_mention: str | None = None
    billing_period: BillingPeriod | None = None
    buyer_service_code: str | None = None
    commitment_number: str | None = None
    refund_due: bool = False

    def __post_init__(self) -> None:
        # Accept plain tuples as the brief of the pipeline describes them:
        # deposits as (number, date, amount_ttc), preceding_invoice as (number, date),
        # billing_period as (start, end); notes as one string.
        deposits = tuple(d if isinstance(d, Deposit) else Deposit(*d) for d in self.deposits)
        object.__setattr__(self, "deposits", deposits)
        object.__setattr__(self, "lines", tuple(self.lines))
        notes = (self.notes,) if isinstance(self.notes, str) else tuple(self.notes)
        object.__setattr__(self, "notes", notes)
        preceding = self.preceding_invoice
        if preceding is not None and not isinstance(preceding, PrecedingInvoice):
            object.__setattr__(self, "preceding_invoice", PrecedingInvoice(*preceding))
        period = self.billing_period
        if period is not None and not isinstance(period, BillingPeriod):
            object.__setattr__(self, "billing_period", BillingPeriod(*period))

    @property
    def nature(self) -> Nature:
        """Goods, services or mixed, from the lines (unknown lines take ``operation_nature``)."""
        return invoice_nature((line.line_nature for line in self.lines),
                              default=self.operation_nature)

    @property
    def is_credit_note(self) -> bool:
        return self.kind == "credit_note"

    @property
    def sale_date(self) -> date | None:
        """The date of the sale printed and written as BT-72: none on credit notes and deposit
        invoices, nor when a billing period says when the service was done."""
        if self.kind in ("credit_note", "deposit") or self.billing_period is not None:
            return None
        return self.delivery_date

    @property
    def order_reference(self) -> str | None:
        """BT-13: the commitment number of a public buyer, else the purchase order."""
        return self.commitment_number or self.po_reference

    @property
    def delivery_differs(self) -> bool:
        """True when a delivery address is given and differs from the billing address."""
        return self.delivery_address is not None and not self.delivery_address.same_address(
            self.buyer
        )
