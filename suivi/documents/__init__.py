"""Invoice documents: Factur-X (EN 16931) PDF/A-3B invoices and formal notice letters.

Public API::

    render_invoice(doc, template=None, *, generated_at=None) -> bytes   # validates the XML first
    build_invoice(doc, template=None, *, generated_at=None) -> RenderedInvoice
    render_letter(Letter(seller, recipient, when, subject, paragraphs, rows, lang)) -> bytes
    render_batch(items, template_for, workers=2, progress=None, generated_at=None)
    ChorusDepositor / ManualChorusDeposit                # where a Chorus Pro API plugs in
    validate_xml(xml) -> list[RuleFailure]
    compute_totals(lines, deposits) -> Totals

The names are loaded on first use (PEP 562): reading a workbook or the settings, which
need `suivi.documents.model`, does not load fpdf2, fontTools and saxonche.
"""
from __future__ import annotations

import importlib
from typing import Any

#: public name → the submodule that defines it
_WHERE: dict[str, str] = {
    "BatchResult": "batch",
    "BillingPeriod": "model",
    "BuyerKind": "model",
    "ChorusDepositor": "chorus",
    "ChorusSubmission": "chorus",
    "DEFAULT_TEMPLATES": "settings",
    "Deposit": "model",
    "DepositReceipt": "chorus",
    "DocLine": "model",
    "INVOICE_TABLE": "letter_model",
    "InvalidTemplate": "settings",
    "InvoiceDocument": "model",
    "InvoiceRejected": "pdf",
    "Letter": "letter_model",
    "LetterInvoice": "letter_model",
    "ManualChorusDeposit": "chorus",
    "Party": "model",
    "PrecedingInvoice": "model",
    "RenderedInvoice": "pdf",
    "RuleFailure": "validate",
    "Seller": "model",
    "TemplateSettings": "settings",
    "Totals": "totals",
    "VatBreakdown": "totals",
    "build_invoice": "pdf",
    "compute_totals": "totals",
    "pick_template": "settings",
    "render_batch": "batch",
    "render_iter": "batch",
    "workers_within": "batch",
    "release_memory": "batch",
    "resident_mb": "batch",
    "WORKER_MB": "batch",
    "render_invoice": "pdf",
    "render_letter": "letter",
    "render_one": "batch",
    "submission_for": "chorus",
    "template_registry": "settings",
    "validate_xml": "validate",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
