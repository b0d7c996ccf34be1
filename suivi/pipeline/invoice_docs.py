"""From a workbook row to the `InvoiceDocument` the renderers take: client party, lines, kind
(credit note, deposit, final invoice), terms, and where its PDF goes."""
from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from suivi.config import Settings
from suivi.core.ledger import credited_amounts
from suivi.core.models import (
    CENT,
    ZERO,
    Client,
    ClientType,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    Master,
    normalise_name,
)
from suivi.core.terms import DEFAULT_DAYS, expected_due_date
from suivi.core.vat import exemption_category, net_of
from suivi.documents.model import (
    BillingPeriod,
    BuyerKind,
    Deposit,
    DocLine,
    InvoiceDocument,
    Lang,
    Party,
    PrecedingInvoice,
    Seller,
)

COMMON_RATES = (Decimal("20"), Decimal("10"), Decimal("8.5"), Decimal("5.5"), Decimal("2.1"),
                Decimal("0"))


_POSTCODE = re.compile(r"^(.*?)[,\s]+(\d{5})\s+(.+)$", re.S)


def split_address(text: str | None) -> tuple[tuple[str, ...], str, str]:
    """"12 rue X, 69002 Lyon" → (("12 rue X",), "69002", "Lyon")."""
    if not text:
        return (), "", ""
    text = " ".join(text.replace("\r", "\n").split("\n")).strip()
    m = _POSTCODE.match(text)
    if not m:
        return tuple(p.strip() for p in text.split(",") if p.strip()), "", ""
    street = tuple(p.strip() for p in m[1].split(",") if p.strip())
    return street, m[2], m[3].strip()


def buyer_party(client: Client | None, name: str) -> Party:
    """The client as the invoice names it; the SIRET comes from the SIRET column, or from a
    SIREN column holding 14 digits (public buyers are often known by their SIRET only)."""
    if client is None:
        return Party(name=name)
    lines, postcode, city = split_address(client.address)
    siren = re.sub(r"\D", "", client.siren or "") or None
    siret = re.sub(r"\D", "", client.siret or "") or (siren if siren and len(siren) == 14
                                                       else None)
    return Party(name=client.name, address_lines=lines, postcode=postcode, city=city,
                 country_code=client.country or "FR",
                 siren=siren[:9] if siren else None, siret=siret,
                 vat_number=(client.vat_number or "").replace(" ", "") or None,
                 email=client.email, phone=client.phone)


def delivery_party(client: Client | None) -> Party | None:
    if client is None or not client.delivery_address:
        return None
    lines, postcode, city = split_address(client.delivery_address)
    return Party(name=client.name, address_lines=lines, postcode=postcode, city=city,
                 country_code=client.country or "FR")


BUYER_KINDS = {ClientType.COMPANY: "societe", ClientType.INDIVIDUAL: "particulier",
               ClientType.ASSOCIATION: "association", ClientType.PUBLIC: "administration"}


def _rate_of(invoice: Invoice, default: Decimal) -> Decimal:
    if invoice.vat_rate is not None:
        return invoice.vat_rate
    if invoice.amount_ht and invoice.vat is not None and invoice.amount_ht != 0:
        ratio = invoice.vat / invoice.amount_ht * 100
        return min(COMMON_RATES, key=lambda r: abs(r - ratio))
    return default


def vat_category(rate: Decimal, reason: str | None) -> tuple[str, str | None]:
    """VAT category and exemption mention of a line: S above 0 %; at 0 %, the category its
    mention implies (E, AE, K, G, O), or Z without a mention (`suivi check` holds such a
    line: a 0 % line needs its exemption mention)."""
    if rate > 0:
        return "S", None
    if reason:
        return exemption_category(reason), reason
    return "Z", None


def doc_lines(invoice: Invoice, lines: list[InvoiceLine], seller: Seller,
              default_rate: Decimal) -> tuple[DocLine, ...]:
    """Lines from the Lignes sheet, else one line from Désignation / Montant HT; each with
    its nature (« Nature » column, else its unit) and, at 0 %, its exemption mention (the
    line's, the row's, else the seller's franchise mention)."""
    exempt = seller.vat_exemption_text

    def line(description: str, quantity: Decimal, price: Decimal, rate: Decimal,
             unit: str = "C62", nature: str | None = None, reason: str | None = None) -> DocLine:
        price = abs(price)
        if exempt:
            return DocLine(description, quantity, price, Decimal(0), "E", unit, exempt, nature)
        category, mention = vat_category(rate, reason or invoice.exemption_reason)
        return DocLine(description, quantity, price, rate, category, unit, mention, nature)

    if lines:
        return tuple(line(item.description or invoice.description or "Prestation",
                          abs(item.quantity), item.unit_price, item.vat_rate, item.unit or "C62",
                          item.nature or invoice.nature, item.exemption_reason)
                     for item in lines)
    rate = Decimal(0) if exempt else _rate_of(invoice, default_rate)
    ht = invoice.amount_ht
    if ht is None and invoice.amount_ttc is not None:
        ht = invoice.amount_ttc - invoice.vat if invoice.vat is not None \
            else net_of(invoice.amount_ttc, rate)
    if ht is None:
        ht = ZERO
    return (line(invoice.description or "Prestation", Decimal(1), ht, rate,
                 nature=invoice.nature),)


@dataclass(frozen=True, slots=True)
class DocContext:
    """What every document of a run shares."""

    master: Master
    settings: Settings
    seller: Seller
    today: date
    lang: str
    finals: Mapping[str, list[Invoice]]
    _lines: dict[str, list[InvoiceLine]] = field(default_factory=dict, compare=False, repr=False)

    def lines_of(self, number: str | None) -> list[InvoiceLine]:
        """The Lignes rows of invoice `number` (indexed once: a sheet of many thousand lines is
        not walked again for every invoice)."""
        if not self._lines and self.master.lines:
            for line in self.master.lines:
                self._lines.setdefault(line.invoice_number, []).append(line)
        return self._lines.get(number or "", [])

    def row_signature(self, invoice: Invoice) -> str:
        """What of the workbook an invoice's document is made of — its row's printed fields, its
        client, its lines, the deposits it deducts — in a short hash: an unchanged signature
        means an unchanged document, without building it again."""
        client = self.master.clients.get(normalise_name(invoice.client))
        printed = tuple(getattr(invoice, name) for name in _PRINTED_FIELDS)
        if invoice.delivery_date is not None:  # signatures made without it stay as they were
            printed += (invoice.delivery_date,)
        deposits = tuple(d.number for d in self.finals.get(invoice.number or "", ()))
        parts = (printed, client, tuple(self.lines_of(invoice.number)), deposits, self.lang)
        return hashlib.sha256(repr(_canonical(parts)).encode("utf-8")).hexdigest()[:16]


#: The fields of an invoice row that appear on its document (statuses and follow-up don't).
_PRINTED_FIELDS = ("number", "issue_date", "client", "description", "amount_ht", "vat",
                   "amount_ttc", "payment_terms", "due_date", "sales_rep", "po_reference",
                   "notes", "kind", "vat_rate", "original_number", "printed_mention", "nature",
                   "commitment_number", "billing_period", "exemption_reason")


def _kind_of(invoice: Invoice, ctx: DocContext) -> tuple[str, PrecedingInvoice | None,
                                                         tuple[Deposit, ...]]:
    """Document kind, the invoice a credit note corrects, the deposits a final one deducts."""
    if invoice.kind is InvoiceKind.CREDIT_NOTE:
        original = original_of(invoice, ctx.master)
        if original and original.number and original.issue_date:
            return "credit_note", PrecedingInvoice(original.number, original.issue_date), ()
        return "credit_note", None, ()
    if invoice.kind is InvoiceKind.DEPOSIT:
        return "deposit", None, ()
    if invoice.number and invoice.number in ctx.finals:
        return "final", None, tuple(Deposit(d.number, d.issue_date, abs(d.total))
                                    for d in ctx.finals[invoice.number]
                                    if d.number and d.issue_date)
    return "invoice", None, ()


def original_of(invoice: Invoice, master: Master) -> Invoice | None:
    """The invoice a credit note corrects (« Facture d'origine », or named in its text)."""
    if not invoice.original_number:
        return None
    return next((i for i in master.invoices if i.number == invoice.original_number
                 and i.kind is not InvoiceKind.CREDIT_NOTE), None)


def refund_due(invoice: Invoice, master: Master) -> bool:
    """Whether a credit note is refunded rather than deducted: its original invoice was paid
    more than what remains invoiced once every credit note on it is counted (typically: the
    invoice was paid in full before the credit note). A credit note without a known original
    is deducted from the client's next payments."""
    original = original_of(invoice, master)
    if original is None or not original.number:
        return False
    credited = credited_amounts(master.invoices).get(original.number, ZERO)
    return original.amount_paid - (original.total - credited) >= CENT


def _terms_text(invoice: Invoice, client: Client | None, settings: Settings) -> str:
    return (invoice.payment_terms or (client.payment_terms if client else None)
            or settings.default_terms)


def _due_date(invoice: Invoice, terms: str, refund: bool, today: date) -> date:
    """The due date printed: the row's; for a credit note refunded, the row's or the date its
    terms give (the refund is made by then); else the invoice date."""
    issued = invoice.issue_date or today
    if invoice.due_date is not None and (invoice.kind is not InvoiceKind.CREDIT_NOTE or refund):
        return invoice.due_date
    if refund:
        return expected_due_date(terms, issued) or issued + timedelta(days=DEFAULT_DAYS)
    return issued


def document_for(invoice: Invoice, ctx: DocContext, penalty_rate: Decimal) -> InvoiceDocument:
    """The InvoiceDocument of a workbook row."""
    master, seller = ctx.master, ctx.seller
    client = master.clients.get(normalise_name(invoice.client))
    lines = ctx.lines_of(invoice.number)
    kind, preceding, deposits = _kind_of(invoice, ctx)
    refund = kind == "credit_note" and refund_due(invoice, master)
    terms = _terms_text(invoice, client, ctx.settings)
    notes = tuple(n for n in (invoice.notes,) if n and kind != "credit_note")
    lang: Lang = "en" if (client and client.language == "en") or ctx.lang == "en" else "fr"
    return InvoiceDocument(
        kind=kind,  # type: ignore[arg-type]
        number=invoice.number or "",
        issue_date=invoice.issue_date or ctx.today,
        due_date=_due_date(invoice, terms, refund, ctx.today),
        seller=seller,
        buyer=buyer_party(client, invoice.client),
        buyer_kind=BuyerKind(BUYER_KINDS[client.type if client else ClientType.COMPANY]),
        lines=doc_lines(invoice, lines, seller, ctx.settings.invoicing.default_vat_rate),
        operation_nature=ctx.settings.invoicing.operation_nature,  # type: ignore[arg-type]
        delivery_date=invoice.delivery_date or invoice.issue_date,
        delivery_address=delivery_party(client),
        po_reference=invoice.po_reference,
        sales_rep=invoice.sales_rep,
        deposits=deposits,
        preceding_invoice=preceding,
        payment_terms=terms,
        penalty_rate=penalty_rate,
        notes=notes,
        lang=lang,
        printed_mention=invoice.printed_mention,
        billing_period=BillingPeriod(*invoice.billing_period) if invoice.billing_period else None,
        buyer_service_code=client.service_code if client else None,
        commitment_number=invoice.commitment_number,
        refund_due=refund,
    )


def content_hash(doc: InvoiceDocument) -> str:
    """Stable hash of what the invoice row says (client, lines, amounts, dates, references), to
    re-render a PDF only when its row changed. The seller's settings, the template and the
    time the file is made are left out on purpose: editing [vendeur] or a colour must not
    re-issue every past invoice. The fields added since (mention, period, Chorus Pro
    references, refund) count only when set, so that rows without them keep their hash."""
    parts = (doc.kind, doc.number, doc.issue_date, doc.due_date, doc.buyer, doc.buyer_kind,
             doc.lines, doc.delivery_address, doc.po_reference, doc.sales_rep, doc.deposits,
             doc.preceding_invoice, doc.payment_terms, doc.notes, doc.lang)
    extra = tuple((name, value) for name, value in (
        ("mention", doc.printed_mention), ("period", doc.billing_period),
        ("service", doc.buyer_service_code), ("commitment", doc.commitment_number),
        ("refund", doc.refund_due)) if value)
    whole = parts + extra if extra else parts
    return hashlib.sha256(repr(_canonical(whole)).encode("utf-8")).hexdigest()[:16]


_AS_THEY_ARE = frozenset({str, int, bool, date, type(None)})


def _canonical(value: object) -> object:
    """The same value whatever its spelling: 450, 450.0 and 450.00 are one amount (a number
    written by suivi and read back from the cell must not look like a changed invoice)."""
    if type(value) in _AS_THEY_ARE:  # most of a row: cheap
        return value
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value.is_finite() else str(value)
    if is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__,
                tuple(_canonical(getattr(value, f.name)) for f in fields(value) if f.compare
                      and not (f.metadata.get("signed_if_set")
                               and getattr(value, f.name) is None)))
    if isinstance(value, (tuple, list)):
        return tuple(_canonical(v) for v in value)
    return value


def pdf_path(settings: Settings, invoice: Invoice, today: date) -> Path:
    """Where the PDF of `invoice` goes: [factures] dossier (relative to the workbook, or
    absolute), with {AAAA}/{MM} of its date; the file is named after its number."""
    day = invoice.issue_date or today
    folder = (settings.invoicing.folder.replace("{AAAA}", f"{day.year:04d}")
              .replace("{YYYY}", f"{day.year:04d}").replace("{MM}", f"{day.month:02d}"))
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", invoice.number or f"ligne-{invoice.row}")
    return settings.folder / folder / f"{safe}.pdf"
