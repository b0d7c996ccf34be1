"""Page geometry, colours and everything an invoice needs resolved before it is drawn."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from suivi.core.formats import format_date, format_siren, format_siret

from .labels import labels
from .model import InvoiceDocument, Party
from .qr import EpcCode, epc_code
from .settings import TemplateSettings, parse_color
from .texts import InvoiceTexts
from .totals import Totals

LOGGER = logging.getLogger(__name__)

# Page geometry (mm).
LEFT = 15.0
RIGHT = 15.0
TOP = 14.0
BOTTOM = 20.0
PAGE_W = 210.0
PAGE_H = 297.0
LOGO_H = 18.0
QR_SIZE = 25.0
CONTENT_W = PAGE_W - LEFT - RIGHT

GREY = (95, 95, 95)
DARK = (25, 25, 25)
LINE = (200, 204, 210)
WHITE = (255, 255, 255)

UNIT_LABELS = {
    "fr": {"HUR": "h", "DAY": "j", "WEE": "sem.", "MON": "mois", "ANN": "an", "MIN": "min",
           "KGM": "kg", "GRM": "g", "TNE": "t", "LTR": "l", "CLT": "cl", "MTR": "m",
           "MTK": "m²", "MTQ": "m³", "KMT": "km", "H87": "pce", "PR": "paire",
           "LS": "forfait"},
    "en": {"HUR": "h", "DAY": "d", "WEE": "wk", "MON": "mo", "ANN": "yr", "MIN": "min",
           "KGM": "kg", "GRM": "g", "TNE": "t", "LTR": "l", "CLT": "cl", "MTR": "m",
           "MTK": "m²", "MTQ": "m³", "KMT": "km", "H87": "pc", "PR": "pair",
           "LS": "lump sum"},
}

#: Lines table: (label key, width mm, alignment). Long captions wrap on two lines.
COLUMNS = (
    ("col_description", 88.0, "L"),
    ("col_quantity", 18.0, "R"),
    ("col_unit_price", 25.0, "R"),
    ("col_vat", 15.0, "R"),
    ("col_amount", 34.0, "R"),
)


@dataclass(frozen=True, slots=True)
class InvoiceLayout:
    """Everything the drawing code needs, computed before the first page."""

    doc: InvoiceDocument
    settings: TemplateSettings
    totals: Totals
    texts: InvoiceTexts
    labels: dict[str, str]
    family: str
    primary: tuple[int, int, int]
    accent: tuple[int, int, int]
    qr: EpcCode | None
    logo: Path | None

    @property
    def lang(self) -> str:
        return self.doc.lang

    @property
    def title(self) -> str:
        return self.labels[f"title_{self.doc.kind}"]


def _logo(doc: InvoiceDocument, settings: TemplateSettings) -> Path | None:
    path = settings.logo_path or doc.seller.logo_path
    if path is None:
        return None
    path = Path(path)
    if not path.is_file():
        LOGGER.warning("logo introuvable : %s", path)
        return None
    return path


def unit_label(code: str, lang: str) -> str:
    """The short unit printed after a quantity ("h", "kg"), "" for plain units."""
    return UNIT_LABELS.get(lang, UNIT_LABELS["fr"]).get(code, "")


def party_lines(party: Party, lab: dict[str, str], with_ids: bool,
                with_siret: bool = False) -> list[str]:
    """Postal lines, then the identifiers printed for a professional client (the SIRET instead
    of the SIREN for a public buyer, whom Chorus Pro knows by its SIRET)."""
    lines = list(party.postal_lines())
    if with_ids:
        if with_siret and party.siret:
            lines.append(f"{lab['siret']} {format_siret(party.siret)}")
        elif party.siren:
            lines.append(f"{lab['siren']} {format_siren(party.siren)}")
        if party.vat_number:
            lines.append(f"{lab['vat_number']} {party.vat_number}")
    return lines


def reference_rows(lay: InvoiceLayout) -> list[tuple[str, str]]:
    """The (caption, value) rows under the title: number, dates, period, references."""
    doc, lab, lang = lay.doc, lay.labels, lay.lang
    rows = [(lab["number"], doc.number), (lab["issue_date"], format_date(doc.issue_date, lang))]
    if not doc.is_credit_note:
        rows.append((lab["due_date"], format_date(doc.due_date, lang)))
    if doc.sale_date is not None:
        rows.append((lab["delivery_date"], format_date(doc.sale_date, lang)))
    period = doc.billing_period
    if period is not None:
        span = lab["period_range"].format(start=format_date(period.start, lang),
                                          end=format_date(period.end, lang))
        rows.append((lab["billing_period"], span))
    if doc.buyer_service_code:
        rows.append((lab["service_code"], doc.buyer_service_code))
    if doc.commitment_number:
        rows.append((lab["commitment"], doc.commitment_number))
    if doc.po_reference and doc.po_reference != doc.commitment_number:
        rows.append((lab["po_reference"], doc.po_reference))
    if doc.sales_rep:
        rows.append((lab["sales_rep"], doc.sales_rep))
    return rows


def invoice_layout(
    doc: InvoiceDocument, settings: TemplateSettings, totals: Totals, texts: InvoiceTexts
) -> InvoiceLayout:
    """Resolve colours, labels, logo and the payment QR code before drawing."""
    qr = None
    if settings.show_qr and not doc.is_credit_note:
        qr = epc_code(doc.seller.name, doc.seller.iban, totals.amount_due,
                      f"{labels(doc.lang)['title_invoice'].capitalize()} {doc.number}",
                      doc.seller.bic)
    return InvoiceLayout(
        doc=doc,
        settings=settings,
        totals=totals,
        texts=texts,
        labels=dict(labels(doc.lang)),
        family=settings.font_family,
        primary=parse_color(settings.primary_color),
        accent=parse_color(settings.accent_color),
        qr=qr,
        logo=_logo(doc, settings),
    )
