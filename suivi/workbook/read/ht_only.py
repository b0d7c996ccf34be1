"""A sheet that gives its invoices' amounts before VAT only (« Montant HT », no VAT, rate or
total column). suivi took each such amount for the invoice's total: a VAT-registered seller's
reminders claimed 1 000 € of a 1 200 € invoice, an invoice paid 1 200 € was « trop-perçu »,
and the PDF suivi made for a row added the VAT its reminder did not claim.

Now, when suivi.toml says who the seller is (`[vendeur]`), the VAT its documents add is added
here too: the seller's rate (`taux_tva`, 20 % by default), or none for a seller under the
franchise (`mention_exoneration`). Without `[vendeur]`, whether the seller charges VAT is not
known: the amounts are kept as they are. One warning says which (`montant_ht_seul`)."""
from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from suivi.core.models import CENT, Invoice, Issue, Severity, SheetLayout

#: Columns that say what the VAT or the total is.
_VAT_FIELDS = ("amount_ttc", "vat", "vat_rate", "balance")


def with_vat(invoices: list[Invoice], layout: SheetLayout, rate: Decimal | None,
             has_split: bool, issues: list[Issue]) -> list[Invoice]:
    """The invoices of a sheet with amounts before VAT only, their VAT added at `rate`
    (None: not known, kept as they are); the others as they are."""
    if "amount_ht" not in layout.columns or has_split \
            or any(f in layout.columns for f in _VAT_FIELDS) or rate == 0:
        return invoices
    where = layout.ref("amount_ht", layout.header_row)
    header = layout.columns["amount_ht"].header
    said = any(issue.code == "montant_ht_seul" for issue in issues)  # once for month sheets
    if rate is None:
        if not said:
            issues.append(Issue.of(where, "montant_ht_seul", Severity.WARNING, header=header))
        return invoices
    if not said:
        issues.append(Issue.of(where, "montant_ht_seul", Severity.WARNING, variant="rate",
                               header=header, rate=rate))
    result = []
    for inv in invoices:
        if inv.amount_ht is not None and inv.vat is None and inv.vat_rate is None:
            vat = (inv.amount_ht * rate / 100).quantize(CENT, ROUND_HALF_UP)
            inv = replace(inv, vat=vat, amount_ttc=inv.amount_ht + vat)
        result.append(inv)
    return result
