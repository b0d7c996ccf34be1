"""Factur-X CII XML (EN 16931 profile) built with drafthorse from an :class:`InvoiceDocument`.

French CTC additions (BR-FR "Flux 2" rules) handled here:

* notes PMT, PMD and AAB (BR-FR-05) and a BAR note giving the treatment B2B / B2C (BR-FR-20);
* business process BT-23 (BR-FR-08): ``B``/``S``/``M`` for goods / services / both (from the
  lines, :mod:`suivi.core.nature`), then ``1`` (ordinary invoice, deposit, credit note) or
  ``4`` (final invoice after deposits);
* seller SIREN as legal identifier with scheme ``0002`` (BR-FR-10) and SIRET as global ID
  ``0009``; buyer SIREN for professional buyers (BR-FR-11);
* electronic addresses: seller BT-34 and buyer BT-49 default to ``SIREN`` with scheme ``0225``
  (BR-FR-21); a private buyer uses their e-mail with scheme ``EM``;
* a credit note (381) refers to the invoice it corrects (BT-25/BT-26, BR-FR-CO-05) and
  carries no payment terms, due date nor payment means, unless it is refunded; its PMT, PMD
  and AAB notes (still required by BR-FR-05) say « sans objet »;
* a final invoice states the deposits already paid as prepaid amount (BT-113);
* a contract invoice states its billing period (BT-73/BT-74) instead of a date of sale;
* public buyers (Chorus Pro, see docs/chorus-pro.md): service code as buyer reference BT-10,
  commitment number as purchase order reference BT-13, SIRET as buyer identifier BT-46
  (scheme 0009) next to the SIREN (BT-47, scheme 0002).

Only the client-facing mention (``printed_mention``) becomes a free note; the internal notes of
the document are never written.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

from drafthorse.models.accounting import ApplicableTradeTax
from drafthorse.models.document import Document
from drafthorse.models.note import IncludedNote
from drafthorse.models.party import TaxRegistration
from drafthorse.models.payment import PaymentMeans, PaymentTerms
from drafthorse.models.tradelines import LineItem
from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError

from suivi.core.formats import format_date, xml_amount, xml_decimal
from suivi.core.nature import billing_mode

from .labels import labels
from .model import EXEMPT_CATEGORIES, InvoiceDocument, Party
from .texts import InvoiceTexts
from .totals import Totals

GUIDELINE_EN16931 = "urn:cen.eu:en16931:2017"

TYPE_CODES = {"invoice": "380", "final": "380", "deposit": "386", "credit_note": "381"}

#: Default exemption reason codes (VATEX, BT-121) per VAT category.
DEFAULT_EXEMPTION_CODES = {
    "AE": "VATEX-FR-AE",
    "K": "VATEX-EU-IC",
    "G": "VATEX-EU-G",
    "O": "VATEX-EU-O",
}


def business_process(doc: InvoiceDocument) -> str:
    """BT-23 billing framework: ``B1``/``S1``/``M1``, or ``B4``/``S4``/``M4`` after deposits."""
    return billing_mode(doc.nature, doc.kind == "final" and bool(doc.deposits))


def treatment(doc: InvoiceDocument) -> str:
    """BAR note value: ``B2B``, ``B2BINT``, ``B2C`` or ``B2CINT``."""
    base = "B2B" if doc.buyer_kind.is_b2b else "B2C"
    foreign = doc.buyer.country_code.upper() != "FR"
    return base + ("INT" if foreign else "")


def exemption_code(category: str, reason: str | None) -> str | None:
    """VATEX code for an exempt category (``VATEX-FR-FRANCHISE`` for art. 293 B)."""
    if category == "E":
        return "VATEX-FR-FRANCHISE" if reason and "293" in reason else None
    return DEFAULT_EXEMPTION_CODES.get(category)


def buyer_endpoint(doc: InvoiceDocument) -> tuple[str, str] | None:
    """BT-49 (scheme, address): explicit address, else SIREN (0225) for a professional buyer
    or e-mail (EM) for a private one or a company abroad, which has no SIREN. None when
    nothing fits (BR-FR-12 then rejects)."""
    buyer = doc.buyer
    if buyer.electronic_address:
        return buyer.electronic_address_scheme, buyer.electronic_address
    if doc.buyer_kind.is_b2b and (buyer.siren or buyer.country_code.upper() == "FR"):
        return ("0225", buyer.siren) if buyer.siren else None
    if buyer.email:
        return "EM", buyer.email
    return None


def seller_endpoint(doc: InvoiceDocument) -> tuple[str, str] | None:
    """BT-34 (scheme, address): explicit address, else the seller SIREN with scheme 0225."""
    seller = doc.seller
    if seller.electronic_address:
        return seller.electronic_address_scheme, seller.electronic_address
    if seller.siren:
        return "0225", seller.siren
    return None


def _fill_address(target, party: Party) -> None:
    """Copy a postal address into a drafthorse ``PostalTradeAddress``."""
    lines = [line for line in party.address_lines if line.strip()]
    if party.postcode:
        target.postcode = party.postcode
    if lines:
        target.line_one = lines[0]
    if len(lines) > 1:
        target.line_two = lines[1]
    if len(lines) > 2:
        target.line_three = ", ".join(lines[2:])
    if party.city:
        target.city_name = party.city
    target.country_id = party.country_code.upper()


def _seller_legal_info(doc: InvoiceDocument) -> str | None:
    """BT-33: legal form, capital and registration, as printed in the footer."""
    seller = doc.seller
    parts = []
    if seller.legal_form:
        capital = ""
        if seller.capital is not None:
            capital = f" au capital de {xml_amount(seller.capital)} EUR"
        parts.append(f"{seller.legal_form}{capital}")
    if seller.rcs:
        parts.append(seller.rcs)
    return " - ".join(parts) or None


def _add_note(document: Document, content: str, subject: str | None) -> None:
    note = IncludedNote(content=content)
    if subject:
        note.subject_code = subject
    document.header.notes.add(note)


def _fill_header(document: Document, doc: InvoiceDocument, texts: InvoiceTexts) -> None:
    document.context.business_parameter.id = business_process(doc)
    document.context.guideline_parameter.id = GUIDELINE_EN16931
    document.header.id = doc.number
    document.header.type_code = TYPE_CODES[doc.kind]
    document.header.issue_date_time = doc.issue_date
    _add_note(document, treatment(doc), "BAR")
    _add_note(document, texts.recovery_indemnity, "PMT")
    _add_note(document, texts.late_penalties, "PMD")
    _add_note(document, texts.discount, "AAB")
    if doc.deposits:
        lab = labels(doc.lang)
        listed = "; ".join(
            lab["deposit_deducted"].format(
                number=deposit.number, date=format_date(deposit.issue_date, doc.lang)
            )
            + f" : {xml_amount(deposit.amount_ttc)} EUR"
            for deposit in doc.deposits
        )
        _add_note(document, f"{lab['deposits_note']} {listed}", "AAI")
    mention = (doc.printed_mention or "").strip()
    if mention:
        _add_note(document, mention, "AAI")


def _fill_seller(document: Document, doc: InvoiceDocument) -> None:
    seller = doc.seller
    party = document.trade.agreement.seller
    party.name = seller.name
    if seller.siret:
        party.global_id.add(("0009", seller.siret))
    legal_info = _seller_legal_info(doc)
    if legal_info:
        party.description = legal_info
    if seller.siren:
        party.legal_organization.id = ("0002", seller.siren)
    if doc.sales_rep or seller.phone or seller.email:
        if doc.sales_rep:
            party.contact.person_name = doc.sales_rep
        if seller.phone:
            party.contact.telephone.number = seller.phone
        if seller.email:
            party.contact.email.address = seller.email
    _fill_address(party.address, seller)
    endpoint = seller_endpoint(doc)
    if endpoint:
        party.electronic_address.uri_ID = endpoint
    if seller.vat_number:
        party.tax_registrations.add(TaxRegistration(id=("VA", seller.vat_number)))
    elif seller.siren and any(line.vat_category in EXEMPT_CATEGORIES for line in doc.lines):
        # BR-E-02 & co.: without a VAT number, the SIREN is the local tax registration (BT-32).
        party.tax_registrations.add(TaxRegistration(id=("FC", seller.siren)))


def _fill_buyer(document: Document, doc: InvoiceDocument) -> None:
    buyer = doc.buyer
    party = document.trade.agreement.buyer
    party.name = buyer.name
    if buyer.siret:
        party.global_id.add(("0009", buyer.siret))
    if buyer.siren:
        party.legal_organization.id = ("0002", buyer.siren)
    _fill_address(party.address, buyer)
    endpoint = buyer_endpoint(doc)
    if endpoint:
        party.electronic_address.uri_ID = endpoint
    if buyer.vat_number:
        party.tax_registrations.add(TaxRegistration(id=("VA", buyer.vat_number)))
    if doc.buyer_service_code:
        document.trade.agreement.buyer_reference = doc.buyer_service_code.strip()
    if doc.order_reference:
        document.trade.agreement.buyer_order.issuer_assigned_id = doc.order_reference


def _fill_delivery(document: Document, doc: InvoiceDocument) -> None:
    delivery = document.trade.delivery
    if doc.delivery_differs and doc.delivery_address is not None:
        ship_to = delivery.ship_to
        ship_to.name = doc.delivery_address.name or doc.buyer.name
        _fill_address(ship_to.address, doc.delivery_address)
    if doc.sale_date:
        delivery.event.occurrence = doc.sale_date


def _fill_lines(document: Document, doc: InvoiceDocument, totals: Totals) -> None:
    for index, (line, net) in enumerate(zip(doc.lines, totals.line_nets, strict=True), start=1):
        item = LineItem()
        item.document.line_id = str(index)
        item.product.name = line.description
        item.agreement.net.amount = Decimal(xml_decimal(line.unit_price, 6))
        item.delivery.billed_quantity = (Decimal(xml_decimal(line.quantity, 4)), line.unit_code)
        item.settlement.trade_tax.type_code = "VAT"
        item.settlement.trade_tax.category_code = line.vat_category
        item.settlement.trade_tax.rate_applicable_percent = Decimal(xml_amount(line.vat_rate))
        item.settlement.monetary_summation.total_amount = Decimal(xml_amount(net))
        document.trade.items.add(item)


def _payment_iban(doc: InvoiceDocument) -> str | None:
    """The seller IBAN in compact form, or None when absent or invalid."""
    if not doc.seller.iban:
        return None
    try:
        return stdnum_iban.validate(doc.seller.iban)
    except ValidationError:
        return None


def _fill_payment(document: Document, doc: InvoiceDocument, texts: InvoiceTexts) -> None:
    """Payment reference, means and terms (BT-83, BG-16, BT-9, BT-20).

    A credit note has none of them, unless its amount is refunded: then the terms say how and
    by when (no payment means: the refund goes to the client's account, not the seller's).
    """
    settlement = document.trade.settlement
    terms = PaymentTerms()
    if doc.is_credit_note:
        if not doc.refund_due:
            return
        terms.description = " ".join(texts.settlement)
        terms.due = doc.due_date
        settlement.terms.add(terms)
        return
    settlement.payment_reference = doc.number
    account = _payment_iban(doc)
    if account:
        means = PaymentMeans()
        # 58 SEPA credit transfer; Chorus Pro reads a transfer as 30 (Factur-X note on BT-81).
        means.type_code = "30" if doc.buyer_kind.is_public else "58"
        means.payee_account.iban = account
        if doc.seller.bic:
            means.payee_institution.bic = doc.seller.bic.replace(" ", "")
        settlement.payment_means.add(means)
    elif doc.seller.cheque_address:
        means = PaymentMeans()
        means.type_code = "20"  # cheque
        settlement.payment_means.add(means)
    terms.description = texts.terms or labels(doc.lang)["pay_by"].format(
        date=format_date(doc.due_date, doc.lang)
    )
    terms.due = doc.due_date
    settlement.terms.add(terms)


def _fill_taxes(document: Document, doc: InvoiceDocument, totals: Totals) -> None:
    """One VAT breakdown (BG-23) per category and rate."""
    settlement = document.trade.settlement
    for item in totals.vat:
        tax = ApplicableTradeTax()
        tax.calculated_amount = Decimal(xml_amount(item.tax))
        tax.type_code = "VAT"
        tax.basis_amount = Decimal(xml_amount(item.base))
        tax.category_code = item.category
        if item.category in EXEMPT_CATEGORIES:
            reason = item.exemption_reason or doc.seller.vat_exemption_text
            if reason:
                tax.exemption_reason = reason
            code = exemption_code(item.category, reason)
            if code:
                tax.exemption_reason_code = code
        if doc.seller.vat_on_debits and item.category == "S":
            tax.due_date_type_code = "5"  # VAT due on invoice issue (option for debits)
        tax.rate_applicable_percent = Decimal(xml_amount(item.rate))
        settlement.trade_tax.add(tax)


def _fill_settlement(document: Document, doc: InvoiceDocument, totals: Totals,
                     texts: InvoiceTexts) -> None:
    settlement = document.trade.settlement
    settlement.currency_code = doc.currency
    _fill_payment(document, doc, texts)
    _fill_taxes(document, doc, totals)
    if doc.billing_period is not None:
        settlement.period.start = doc.billing_period.start
        settlement.period.end = doc.billing_period.end

    summation = settlement.monetary_summation
    summation.line_total = Decimal(xml_amount(totals.total_ht))
    summation.charge_total = Decimal("0.00")
    summation.allowance_total = Decimal("0.00")
    summation.tax_basis_total = Decimal(xml_amount(totals.total_ht))
    summation.tax_total = (Decimal(xml_amount(totals.total_vat)), doc.currency)
    summation.grand_total = Decimal(xml_amount(totals.total_ttc))
    if totals.prepaid:
        summation.prepaid_total = Decimal(xml_amount(totals.prepaid))
    summation.due_amount = Decimal(xml_amount(totals.amount_due))

    if doc.is_credit_note and doc.preceding_invoice is not None:
        reference = settlement.invoice_referenced_document
        reference.issuer_assigned_id = doc.preceding_invoice.number
        reference.issue_date_time = doc.preceding_invoice.issue_date


def build_cii_xml(doc: InvoiceDocument, totals: Totals, texts: InvoiceTexts) -> bytes:
    """Serialize the document as a Factur-X EN 16931 CII XML (UTF-8 bytes, not validated)."""
    document = Document()
    _fill_header(document, doc, texts)
    _fill_lines(document, doc, totals)
    _fill_seller(document, doc)
    _fill_buyer(document, doc)
    _fill_delivery(document, doc)
    _fill_settlement(document, doc, totals, texts)
    # One serialization pass (drafthorse's ``serialize`` writes, re-parses and writes again).
    return ET.tostring(document.to_etree(), "utf-8", xml_declaration=True)
