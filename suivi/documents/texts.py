"""Legal wording and text blocks of invoices, rendered from jinja2 templates.

The blocks live in ``suivi/documents/templates/{fr,en}/*.j2``. A user folder given as
``TemplateSettings.text_dir`` is searched first (``<text_dir>/fr/footer.j2`` replaces the
package ``fr/footer.j2``), so a business can reword a block without touching the code.
Templates use ``StrictUndefined``: a misspelt variable fails loudly instead of printing nothing.

The same texts feed the PDF and the Factur-X notes (PMT, PMD, AAB), so both always agree.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from suivi.core.formats import (
    NBSP,
    format_date,
    format_iban,
    format_money,
    format_number,
    format_rate,
    format_siren,
    format_siret,
)
from suivi.core.terms import translate_terms

from .model import InvoiceDocument
from .settings import TemplateSettings
from .totals import Totals

PACKAGE_TEMPLATES = Path(__file__).resolve().parent / "templates"

NATURE_LABELS: Mapping[str, Mapping[str, str]] = {
    "fr": {
        "biens": "livraison de biens",
        "services": "prestation de services",
        "mixte": "opération mixte (livraison de biens et prestation de services)",
    },
    "en": {
        "biens": "supply of goods",
        "services": "supply of services",
        "mixte": "mixed operation (supply of goods and services)",
    },
}


@dataclass(frozen=True, slots=True)
class InvoiceTexts:
    """Rendered text blocks of one invoice.

    ``recovery_indemnity``, ``late_penalties`` and ``discount`` are written in the XML as
    notes PMT, PMD and AAB. ``print_recovery_indemnity`` is False for private clients: their
    PMT note says the indemnity does not apply and is not printed. ``print_payment_notices``
    is False for credit notes: penalties, indemnity and discount are no concern of theirs
    (their XML notes say « sans objet », as BR-FR-05 still wants the three notes), and
    ``settlement`` says how the credit is used (deducted, or refunded).
    """

    recovery_indemnity: str
    late_penalties: str
    discount: str
    print_recovery_indemnity: bool
    mentions: tuple[str, ...]
    payment: tuple[str, ...]
    footer: tuple[str, ...]
    print_payment_notices: bool = True
    settlement: tuple[str, ...] = ()
    terms: str = ""


def _euros(value: Any, lang: str) -> str:
    """Whole euros without cents (``40 €``), other amounts with cents."""
    amount = Decimal(str(value))
    if amount == amount.to_integral_value():
        number = format_number(amount, 0, lang)
        return f"{number}{NBSP}€" if lang == "fr" else f"€{number}"
    return format_money(amount, lang)


@lru_cache(maxsize=32)
def text_environment(lang: str, text_dir: Path | None = None) -> jinja2.Environment:
    """Jinja environment for ``lang``: user folder first, then the package blocks (cached)."""
    search = []
    if text_dir is not None:
        search.append(str(Path(text_dir) / lang))
    search.append(str(PACKAGE_TEMPLATES / lang))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["money"] = lambda value: format_money(Decimal(str(value)), lang)
    env.filters["euros"] = lambda value: _euros(value, lang)
    env.filters["date"] = lambda value: format_date(value, lang)
    env.filters["rate"] = lambda value: format_rate(Decimal(str(value)), lang)
    env.filters["number"] = lambda value, places=2: format_number(Decimal(str(value)), places, lang)
    env.globals["nbsp"] = NBSP
    return env


def render_block(
    name: str, context: Mapping[str, Any], lang: str, text_dir: Path | None = None
) -> str:
    """Render the text block ``name`` (e.g. ``footer.j2``) and strip surrounding blanks."""
    template = text_environment(lang, text_dir).get_template(name)
    return template.render(**context).strip()


_BLANKS = re.compile(r"[ \t\r\n]+")


def _squash(text: str) -> str:
    """Collapse runs of ASCII blanks; no-break spaces (U+00A0, U+202F) are kept."""
    return _BLANKS.sub(" ", text).strip()


def _lines(text: str) -> tuple[str, ...]:
    """Non-empty lines of a rendered block, with inner blank runs collapsed."""
    return tuple(_squash(line) for line in text.splitlines() if line.strip())


def text_context(
    doc: InvoiceDocument, totals: Totals, settings: TemplateSettings
) -> dict[str, Any]:
    """Variables available to every invoice text block."""
    lang = doc.lang
    exemption_reasons = []
    for item in totals.vat:
        reason = item.exemption_reason
        if reason and reason != doc.seller.vat_exemption_text and reason not in exemption_reasons:
            exemption_reasons.append(reason)
    return {
        "doc": doc,
        "seller": doc.seller,
        "buyer": doc.buyer,
        "totals": totals,
        "settings": settings,
        "lang": lang,
        "is_b2b": doc.buyer_kind.is_b2b,
        "is_public": doc.buyer_kind.is_public,
        "is_credit_note": doc.is_credit_note,
        "preceding": doc.preceding_invoice,
        "terms": translate_terms(doc.payment_terms, lang),
        "nature": NATURE_LABELS[lang][doc.nature.value],
        "exemption_reasons": tuple(exemption_reasons),
        "payment_link": payment_link(doc, totals),
        "iban": format_iban(doc.seller.iban),
        "siren": format_siren(doc.seller.siren),
        "siret": format_siret(doc.seller.siret),
    }


def payment_link(doc: InvoiceDocument, totals: Totals) -> str | None:
    """The seller's payment link for this invoice: ``{numero}``/``{number}``,
    ``{montant}``/``{amount}`` and ``{client}`` filled in (URL-quoted). The placeholders are
    checked when suivi.toml is read (`suivi.config.invoicing.parse_seller`)."""
    pattern = doc.seller.payment_link_pattern
    if not pattern or totals.amount_due <= 0 or doc.kind == "credit_note":
        return None
    return pattern.format_map(link_values(doc.number, totals.amount_due, doc.buyer.name))


def link_values(number: str, amount: Decimal, client: str) -> dict[str, str]:
    """Values of the payment-link placeholders, French and English names."""
    from urllib.parse import quote

    quoted = quote(number, safe="")
    money = f"{amount:.2f}"
    return {"numero": quoted, "number": quoted, "montant": money, "amount": money,
            "client": quote(client, safe="")}


def invoice_texts(
    doc: InvoiceDocument, totals: Totals, settings: TemplateSettings
) -> InvoiceTexts:
    """Render every text block of an invoice in the document's language."""
    context = text_context(doc, totals, settings)
    lang, folder = doc.lang, settings.text_dir

    def block(name: str) -> str:
        return render_block(name, context, lang, folder)

    credit_note = doc.is_credit_note
    return InvoiceTexts(
        recovery_indemnity=_squash(block("recovery_indemnity.j2")),
        late_penalties=_squash(block("late_penalties.j2")),
        discount=_squash(block("discount.j2")),
        print_recovery_indemnity=doc.buyer_kind.is_b2b and not credit_note,
        mentions=_lines(block("mentions.j2")),
        payment=() if credit_note else _lines(block("payment.j2")),
        footer=_lines(block("footer.j2")),
        print_payment_notices=not credit_note,
        settlement=_lines(block("credit_note.j2")) if credit_note else (),
        terms=context["terms"],
    )
