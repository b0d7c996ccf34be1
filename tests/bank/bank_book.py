"""Open invoices shared by the matching and applying tests (written out by hand)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from suivi.core.bank_models import OpenInvoice


def open_invoice(number: str, client: str, issued: str, total: str, paid: str = "0",
                 row: int = 0) -> OpenInvoice:
    return OpenInvoice(number, client, date.fromisoformat(issued),
                       Decimal(total) - Decimal(paid), row, Decimal(total), Decimal(paid))


#: number, client, issue date, total, already paid — the row is the position + 2
BOOK = (
    ("FAC2026-001", "Boulangerie Dupré SARL", "2026-01-10", "1200.00", "0"),
    ("FAC2026-002", "Garage Martin", "2026-01-15", "480.00", "0"),
    ("FAC2026-003", "Garage Martin", "2026-01-20", "350.50", "0"),
    ("FAC2026-004", "Cabinet Lefèvre & Associés", "2026-02-01", "2400.00", "0"),
    ("FAC2026-005", "Société Nouvelle Bâtiment (SNB) SAS", "2026-02-03", "999.99", "0"),
    ("FAC2026-006", "Mairie de Villeneuve", "2026-02-10", "1500.00", "500.00"),
    ("FAC2026-007", "Pharmacie Centrale", "2026-02-12", "310.00", "0"),
    ("FAC2026-008", "Pharmacie Centrale", "2026-02-20", "310.00", "0"),
    ("FAC2026-009", "Association Les Amis du Vélo", "2026-02-25", "75.00", "0"),
    ("FAC2026-010", "Boulangerie Dupré SARL", "2026-03-01", "640.00", "0"),
    ("FAC2026-011", "Garage Martin", "2026-03-02", "129.50", "0"),
    ("FAC2026-012", "Traiteur Nguyen EURL", "2026-03-05", "845.20", "0"),
    ("FAC2026-013", "Traiteur Nguyen EURL", "2026-03-06", "154.80", "0"),
    ("FAC2026-014", "Martin Dupont", "2026-03-06", "420.00", "0"),
    ("FAC2026-015", "Durand Électricité", "2026-03-07", "88.88", "0"),
)


def book_invoices() -> list[OpenInvoice]:
    return [open_invoice(*row, row=i + 2) for i, row in enumerate(BOOK)]
