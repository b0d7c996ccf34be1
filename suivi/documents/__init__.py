"""Invoice documents: Factur-X (EN 16931) PDF/A-3B invoices and formal notice letters.

Public API::

    render_invoice(doc, template=None, *, generated_at=None) -> bytes   # validates the XML first
    build_invoice(doc, template=None, *, generated_at=None) -> RenderedInvoice
    render_letter(Letter(seller, recipient, when, subject, paragraphs, rows, lang)) -> bytes
    render_batch(items, template_for, workers=2, progress=None, generated_at=None)
    ChorusDepositor / ManualChorusDeposit                # where a Chorus Pro API plugs in
    validate_xml(xml) -> list[RuleFailure]
    compute_totals(lines, deposits) -> Totals
"""

from .batch import BatchResult, render_batch, render_one
from .chorus import (
    ChorusDepositor,
    ChorusSubmission,
    DepositReceipt,
    ManualChorusDeposit,
    submission_for,
)
from .letter import INVOICE_TABLE, Letter, LetterInvoice, render_letter
from .model import (
    BillingPeriod,
    BuyerKind,
    Deposit,
    DocLine,
    InvoiceDocument,
    Party,
    PrecedingInvoice,
    Seller,
)
from .pdf import InvoiceRejected, RenderedInvoice, build_invoice, render_invoice
from .settings import (
    DEFAULT_TEMPLATES,
    InvalidTemplate,
    TemplateSettings,
    pick_template,
    template_registry,
)
from .totals import Totals, VatBreakdown, compute_totals
from .validate import RuleFailure, validate_xml

__all__ = [
    "BatchResult",
    "BillingPeriod",
    "ChorusDepositor",
    "ChorusSubmission",
    "DepositReceipt",
    "ManualChorusDeposit",
    "BuyerKind",
    "DEFAULT_TEMPLATES",
    "Deposit",
    "DocLine",
    "INVOICE_TABLE",
    "InvalidTemplate",
    "InvoiceDocument",
    "InvoiceRejected",
    "Letter",
    "LetterInvoice",
    "Party",
    "PrecedingInvoice",
    "RenderedInvoice",
    "RuleFailure",
    "Seller",
    "TemplateSettings",
    "Totals",
    "VatBreakdown",
    "build_invoice",
    "compute_totals",
    "pick_template",
    "render_batch",
    "render_invoice",
    "render_letter",
    "render_one",
    "submission_for",
    "template_registry",
    "validate_xml",
]
