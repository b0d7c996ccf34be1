"""Invoice PDF/A-3B with its Factur-X XML embedded (fpdf2, bundled DejaVu fonts).

``build_invoice(doc, template)`` computes the totals, renders the text blocks, builds the
CII XML and validates it (XSD + EN 16931 + BR-FR schematrons) *before* drawing anything: an
invoice the French rules refuse raises :class:`InvoiceRejected` and no PDF is produced.

The page is drawn by :mod:`.blocks` (seller, title, addresses, lines) and :mod:`.summary`
(totals, payment, mentions) on the :class:`~.page.InvoicePDF` page of :mod:`.page`;
:mod:`.layout` resolves everything beforehand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from fpdf import __version__ as fpdf_version

from .blocks import draw_lines, draw_parties, draw_seller, draw_title
from .cii import build_cii_xml
from .fonts import FastFontOutput, missing_glyphs
from .layout import LEFT, InvoiceLayout, invoice_layout
from .model import InvoiceDocument
from .page import InvoicePDF
from .settings import TemplateSettings
from .summary import draw_mentions, draw_payment, draw_printed_mention, draw_totals
from .texts import invoice_texts
from .totals import Totals, compute_totals
from .validate import RuleFailure, errors, validate_xml
from .xmp import XmpInfo, build_xmp

__all__ = ["InvoiceLayout", "InvoiceRejected", "RenderedInvoice", "build_invoice",
           "draw_invoice_pdf", "generation_time", "invoice_layout", "render_invoice"]

CREATOR_TOOL = "suivi (documents)"
PRODUCER = f"fpdf2 {fpdf_version}"


class InvoiceRejected(Exception):
    """The Factur-X XML of an invoice fails a blocking rule: no PDF was produced."""

    def __init__(self, number: str, failures: list[RuleFailure]):
        self.number = number
        self.failures = failures
        rules = ", ".join(sorted({failure.rule_id for failure in failures}))
        super().__init__(
            f"Facture {number} refusée : {len(failures)} règle(s) non respectée(s) ({rules}) / "
            f"invoice {number} rejected"
        )

    def describe(self, lang: str = "fr") -> list[str]:
        """One readable line per failed rule."""
        return [failure.describe(lang) for failure in self.failures]


@dataclass(frozen=True, slots=True)
class RenderedInvoice:
    """A finished invoice: PDF bytes, the embedded XML and the non-blocking warnings."""

    number: str
    pdf: bytes
    xml: bytes
    warnings: tuple[RuleFailure, ...]
    totals: Totals


def generation_time(when: datetime | None = None) -> datetime:
    """The time written in the PDF and XMP dates: ``when`` (tests pass a fixed one) or now,
    in UTC, to the second."""
    moment = when or datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.replace(microsecond=0)


def _metadata(pdf: InvoicePDF, layout: InvoiceLayout, created: datetime) -> None:
    """Information dictionary and XMP packet; both carry the generation time."""
    doc = layout.doc
    title = f"{layout.title.capitalize()} {doc.number}"
    subject = f"{title} – {doc.seller.name} → {doc.buyer.name}"
    pdf.set_title(title)
    pdf.set_author(doc.seller.name)
    pdf.set_subject(subject)
    pdf.set_creator(CREATOR_TOOL)
    pdf.set_producer(PRODUCER)
    pdf.set_creation_date(created)
    pdf.set_lang("fr-FR" if doc.lang == "fr" else "en")
    pdf.set_xmp_metadata(build_xmp(XmpInfo(
        title=title, author=doc.seller.name, subject=subject, creator_tool=CREATOR_TOOL,
        producer=PRODUCER, created=created, lang=doc.lang,
    )))


def draw_invoice_pdf(layout: InvoiceLayout, xml: bytes, full_fonts: bool = False,
                     generated_at: datetime | None = None) -> bytes:
    """Draw the pages, embed ``factur-x.xml`` (AFRelationship /Data) and the Factur-X XMP.

    ``generated_at`` is the time the file is made (now when None), written in the document
    information, the XMP dates and the embedded file's dates. The working fonts cover
    European business text; when the document needs another glyph it is drawn again with the
    complete font files.
    """
    created = generation_time(generated_at)
    pdf = InvoicePDF(layout, full_fonts=full_fonts)
    _metadata(pdf, layout, created)
    pdf.add_page()
    bottom = max(draw_seller(pdf, layout), draw_title(pdf, layout))
    bottom = draw_parties(pdf, layout, bottom + 4)
    pdf.set_xy(LEFT, bottom + 5)
    draw_lines(pdf, layout)
    draw_totals(pdf, layout)
    draw_printed_mention(pdf, layout)
    draw_payment(pdf, layout)
    draw_mentions(pdf, layout)
    if not full_fonts and missing_glyphs(pdf):
        return draw_invoice_pdf(layout, xml, full_fonts=True, generated_at=created)
    pdf.embed_file(
        bytes=xml,
        basename="factur-x.xml",
        mime_type="text/xml",
        associated_file_relationship="Data",
        desc="Factur-X (EN 16931) invoice data",
        modification_date=created,
        creation_date=created,
        compress=True,
    )
    return bytes(pdf.output(output_producer_class=FastFontOutput))


def build_invoice(doc: InvoiceDocument, template: TemplateSettings | None = None, *,
                  generated_at: datetime | None = None) -> RenderedInvoice:
    """Validate the Factur-X XML first, then draw the PDF; raise InvoiceRejected on errors.

    ``generated_at``: the time written in the PDF metadata (now when None; pass one for
    byte-identical output).
    """
    settings = template or TemplateSettings()
    totals = compute_totals(doc.lines, doc.deposits)
    texts = invoice_texts(doc, totals, settings)
    xml = build_cii_xml(doc, totals, texts)
    failures = validate_xml(xml)
    blocking = errors(failures)
    if blocking:
        raise InvoiceRejected(doc.number, blocking)
    pdf = draw_invoice_pdf(invoice_layout(doc, settings, totals, texts), xml,
                           generated_at=generated_at)
    warnings = tuple(failure for failure in failures if not failure.blocking)
    return RenderedInvoice(number=doc.number, pdf=pdf, xml=xml, warnings=warnings, totals=totals)


def render_invoice(doc: InvoiceDocument, template: TemplateSettings | None = None, *,
                   generated_at: datetime | None = None) -> bytes:
    """The Factur-X PDF/A-3B of ``doc``; raise InvoiceRejected (no PDF) when the XML fails."""
    return build_invoice(doc, template, generated_at=generated_at).pdf
