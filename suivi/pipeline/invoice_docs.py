"""From a workbook row to the `InvoiceDocument` the renderers take: client party, lines, kind
(credit note, deposit, final invoice), terms, and where its PDF goes."""
from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, is_dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from suivi.config import Settings
from suivi.core.models import (
    ZERO,
    Client,
    ClientType,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    Master,
    normalise_name,
)
from suivi.documents.model import (
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
    if client is None:
        return Party(name=name)
    lines, postcode, city = split_address(client.address)
    siren = re.sub(r"\D", "", client.siren or "") or None
    return Party(name=client.name, address_lines=lines, postcode=postcode, city=city,
                 siren=siren[:9] if siren else None,
                 siret=siren if siren and len(siren) == 14 else None,
                 vat_number=(client.vat_number or "").replace(" ", "") or None,
                 email=client.email, phone=client.phone)


def delivery_party(client: Client | None) -> Party | None:
    if client is None or not client.delivery_address:
        return None
    lines, postcode, city = split_address(client.delivery_address)
    return Party(name=client.name, address_lines=lines, postcode=postcode, city=city)


BUYER_KINDS = {ClientType.COMPANY: "societe", ClientType.INDIVIDUAL: "particulier",
               ClientType.ASSOCIATION: "association", ClientType.PUBLIC: "administration"}


def _rate_of(invoice: Invoice, default: Decimal) -> Decimal:
    if invoice.vat_rate is not None:
        return invoice.vat_rate
    if invoice.amount_ht and invoice.vat is not None and invoice.amount_ht != 0:
        ratio = invoice.vat / invoice.amount_ht * 100
        return min(COMMON_RATES, key=lambda r: abs(r - ratio))
    return default


def doc_lines(invoice: Invoice, lines: list[InvoiceLine], seller: Seller,
              default_rate: Decimal) -> tuple[DocLine, ...]:
    """Lines from the Lignes sheet, else one line from Désignation / Montant HT."""
    exempt = seller.vat_exemption_text

    def line(description: str, quantity: Decimal, price: Decimal, rate: Decimal,
             unit: str = "C62") -> DocLine:
        price = abs(price)
        if exempt:
            return DocLine(description, quantity, price, Decimal(0), "E", unit, exempt)
        category = "S" if rate > 0 else "Z"
        return DocLine(description, quantity, price, rate, category, unit)

    if lines:
        return tuple(line(item.description or invoice.description or "Prestation",
                          abs(item.quantity), item.unit_price, item.vat_rate, item.unit or "C62")
                     for item in lines)
    ht = invoice.amount_ht
    if ht is None and invoice.amount_ttc is not None:
        ht = invoice.amount_ttc - (invoice.vat or ZERO)
    if ht is None:
        ht = ZERO
    return (line(invoice.description or "Prestation", Decimal(1), ht,
                 _rate_of(invoice, default_rate)),)


@dataclass(frozen=True, slots=True)
class DocContext:
    """What every document of a run shares."""

    master: Master
    settings: Settings
    seller: Seller
    today: date
    lang: str
    finals: Mapping[str, list[Invoice]]


def document_for(invoice: Invoice, ctx: DocContext, penalty_rate: Decimal) -> InvoiceDocument:
    """The InvoiceDocument of a workbook row."""
    master, seller, finals = ctx.master, ctx.seller, ctx.finals
    client = master.clients.get(normalise_name(invoice.client))
    lines = [line for line in master.lines if line.invoice_number == invoice.number]
    kind = "invoice"
    preceding = None
    deposits: tuple[Deposit, ...] = ()
    if invoice.kind is InvoiceKind.CREDIT_NOTE:
        kind = "credit_note"
        original = next((i for i in master.invoices
                         if i.number and i.number == invoice.original_number), None)
        if original and original.number and original.issue_date:
            preceding = PrecedingInvoice(original.number, original.issue_date)
    elif invoice.kind is InvoiceKind.DEPOSIT:
        kind = "deposit"
    elif invoice.number and invoice.number in finals:
        kind = "final"
        deposits = tuple(Deposit(d.number, d.issue_date, abs(d.total))
                         for d in finals[invoice.number] if d.number and d.issue_date)
    buyer_kind = BUYER_KINDS[client.type if client else ClientType.COMPANY]
    terms = (invoice.payment_terms or (client.payment_terms if client else None)
             or ctx.settings.default_terms)
    notes = tuple(n for n in (invoice.notes,) if n and kind != "credit_note")

    lang: Lang = "en" if (client and client.language == "en") or ctx.lang == "en" else "fr"
    return InvoiceDocument(
        kind=kind,  # type: ignore[arg-type]
        number=invoice.number or "",
        issue_date=invoice.issue_date or ctx.today,
        due_date=invoice.due_date or invoice.issue_date or ctx.today,
        seller=seller,
        buyer=buyer_party(client, invoice.client),
        buyer_kind=BuyerKind(buyer_kind),
        lines=doc_lines(invoice, lines, seller, ctx.settings.invoicing.default_vat_rate),
        operation_nature=ctx.settings.invoicing.operation_nature,  # type: ignore[arg-type]
        delivery_date=invoice.issue_date,
        delivery_address=delivery_party(client),
        po_reference=invoice.po_reference,
        sales_rep=invoice.sales_rep,
        deposits=deposits,
        preceding_invoice=preceding,
        payment_terms=terms,
        penalty_rate=penalty_rate,
        notes=notes,
        lang=lang,
    )


def content_hash(doc: InvoiceDocument) -> str:
    """Stable hash of what the invoice row says (client, lines, amounts, dates, references), to
    re-render a PDF only when its row changed. The seller's settings and the template are left
    out on purpose: editing [vendeur] or a colour must not re-issue every past invoice."""
    parts = (doc.kind, doc.number, doc.issue_date, doc.due_date, doc.buyer, doc.buyer_kind,
             doc.lines, doc.delivery_address, doc.po_reference, doc.sales_rep, doc.deposits,
             doc.preceding_invoice, doc.payment_terms, doc.notes, doc.lang)
    return hashlib.sha256(repr(_canonical(parts)).encode("utf-8")).hexdigest()[:16]


def _canonical(value: object) -> object:
    """The same value whatever its spelling: 450, 450.0 and 450.00 are one amount (a number
    written by suivi and read back from the cell must not look like a changed invoice)."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value.is_finite() else str(value)
    if is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__,
                tuple(_canonical(getattr(value, f.name)) for f in fields(value)))
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
