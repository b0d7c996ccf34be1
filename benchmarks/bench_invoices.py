"""Benchmark: bulk Factur-X invoices (validated PDF/A-3B) against a plain reportlab invoice.

Run: /work/venv/bin/python benchmarks/bench_invoices.py [--count 1000] [--workers 2] [--json]

suivi's figure is the whole ``render_batch`` run on ``--workers`` processes (this one and
``--workers - 1`` spawned workers), worker start-up included: each invoice gets its totals, text blocks, CII XML, XSD + EN 16931 + BR-FR
schematron validation (saxonche), then the PDF/A-3B with fonts, EPC QR code, XMP and the
embedded XML. The invoices are varied and realistic (1–8 lines, four kinds of clients, mixed
VAT rates, some delivery addresses; see ``tests/documents_samples.py``, ``random_invoice``).

The baseline, measured in the same run on the same invoices, is a plain one-page reportlab
invoice with the same content (parties, lines, VAT breakdown, totals, payment text) drawn with
the built-in Helvetica: no validation, no XML, no embedded fonts, no QR code, one process.
The ratio compares the CPU time per invoice of both on one core. Goal: ≥ 40 invoices/s on a
2-core machine. The stage breakdown (one process) shows where suivi's time goes.

On a machine shared with other work, the wall-clock rate drops with the load: the workers'
CPU time (``getrusage`` of the finished worker processes, start-up included) gives the rate the
same cores deliver when they are not shared; both are printed with the load average.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from documents_samples import random_invoice

from suivi.core.formats import format_date, format_money
from suivi.documents.batch import render_batch
from suivi.documents.cii import build_cii_xml
from suivi.documents.fonts import warm_up_fonts
from suivi.documents.model import InvoiceDocument
from suivi.documents.pdf import draw_invoice_pdf, invoice_layout
from suivi.documents.settings import TemplateSettings
from suivi.documents.texts import invoice_texts
from suivi.documents.totals import compute_totals
from suivi.documents.validate import validate_xml, warm_up

SETTINGS = TemplateSettings()


def reportlab_invoice(doc: InvoiceDocument) -> bytes:
    """A plain one-page invoice with the same content, drawn with reportlab."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    totals = compute_totals(doc.lines, doc.deposits)
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    width, height = A4
    y = height - 20 * mm
    page.setFont("Helvetica-Bold", 12)
    page.drawString(15 * mm, y, doc.seller.name)
    page.drawRightString(width - 15 * mm, y, f"FACTURE {doc.number}")
    page.setFont("Helvetica", 8.5)
    for line in doc.seller.postal_lines():
        y -= 4.2 * mm
        page.drawString(15 * mm, y, line)
    page.drawRightString(width - 15 * mm, y, f"Date {format_date(doc.issue_date)}")
    y -= 10 * mm
    page.setFont("Helvetica-Bold", 9.5)
    page.drawString(110 * mm, y, doc.buyer.name[:60])
    page.setFont("Helvetica", 8.5)
    for line in doc.buyer.postal_lines():
        y -= 4.2 * mm
        page.drawString(110 * mm, y, line)
    y -= 10 * mm
    page.setFont("Helvetica-Bold", 8.5)
    for x, label in (
        (15, "Désignation"),
        (120, "Qté"),
        (140, "P.U. HT"),
        (160, "TVA"),
        (180, "Montant HT"),
    ):
        page.drawString(x * mm, y, label)
    page.setFont("Helvetica", 8.5)
    for line, net in zip(doc.lines, totals.line_nets):
        y -= 5 * mm
        page.drawString(15 * mm, y, line.description[:60])
        page.drawRightString(130 * mm, y, str(line.quantity))
        page.drawRightString(155 * mm, y, format_money(line.unit_price))
        page.drawRightString(172 * mm, y, f"{line.vat_rate} %")
        page.drawRightString(195 * mm, y, format_money(net))
    y -= 8 * mm
    for item in totals.vat:
        page.drawString(
            15 * mm,
            y,
            f"TVA {item.rate} % : base {format_money(item.base)}, TVA {format_money(item.tax)}",
        )
        y -= 4.5 * mm
    for label, value in (
        ("Total HT", totals.total_ht),
        ("Total TVA", totals.total_vat),
        ("Total TTC", totals.total_ttc),
        ("Net à payer", totals.amount_due),
    ):
        page.drawString(140 * mm, y, label)
        page.drawRightString(195 * mm, y, format_money(value))
        y -= 5 * mm
    page.drawString(
        15 * mm,
        y - 5 * mm,
        f"Virement : IBAN {doc.seller.iban} – échéance {format_date(doc.due_date)}",
    )
    page.showPage()
    page.save()
    return buffer.getvalue()


def stage_breakdown(docs: list[InvoiceDocument]) -> dict[str, float]:
    """CPU milliseconds per invoice for each stage, in this process."""
    warm_up()
    warm_up_fonts()
    stages = {"texts+totals": 0.0, "xml": 0.0, "validation": 0.0, "qr+layout": 0.0, "pdf": 0.0}
    for doc in docs[:5]:  # warm caches
        totals = compute_totals(doc.lines, doc.deposits)
        draw_invoice_pdf(
            invoice_layout(doc, SETTINGS, totals, invoice_texts(doc, totals, SETTINGS)),
            build_cii_xml(doc, totals, invoice_texts(doc, totals, SETTINGS)),
        )
    clock = time.process_time
    for doc in docs:
        t0 = clock()
        totals = compute_totals(doc.lines, doc.deposits)
        texts = invoice_texts(doc, totals, SETTINGS)
        t1 = clock()
        xml = build_cii_xml(doc, totals, texts)
        t2 = clock()
        validate_xml(xml)
        t3 = clock()
        layout = invoice_layout(doc, SETTINGS, totals, texts)
        t4 = clock()
        draw_invoice_pdf(layout, xml)
        t5 = clock()
        for key, value in zip(stages, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4)):
            stages[key] += value
    return {key: round(value / len(docs) * 1000, 2) for key, value in stages.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    docs = [random_invoice(index, rng) for index in range(1, args.count + 1)]
    load_before = os.getloadavg()[0]

    # Baseline: plain reportlab, one process.
    reportlab_invoice(docs[0])
    t0, c0 = time.perf_counter(), time.process_time()
    for doc in docs:
        reportlab_invoice(doc)
    baseline_wall = time.perf_counter() - t0
    baseline_cpu = time.process_time() - c0

    # suivi: validated Factur-X on every worker, start-up included.
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    self_before = time.process_time()
    start = time.perf_counter()
    results = render_batch(docs, lambda doc: SETTINGS, workers=args.workers)
    batch_wall = time.perf_counter() - start
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    # this process renders its share too (and everything with one worker)
    workers_cpu = (children.ru_utime + children.ru_stime) - (
        children_before.ru_utime + children_before.ru_stime
    ) + (time.process_time() - self_before)
    ok = sum(result.ok for result in results)
    sizes = sorted(len(result.pdf) for result in results if result.pdf)

    # One-process stage breakdown on a sample.
    sample = docs[: min(100, len(docs))]
    stages = stage_breakdown(sample)
    suivi_cpu_ms = sum(stages.values())

    figures = {
        "invoices": args.count,
        "workers": args.workers,
        "cpu_count": os.cpu_count(),
        "load_average_before": round(load_before, 2),
        "python": platform.python_version(),
        "suivi_wall_s": round(batch_wall, 2),
        "suivi_invoices_per_s": round(args.count / batch_wall, 1),
        "workers_cpu_s": round(workers_cpu, 2),
        "suivi_invoices_per_s_on_idle_cores": round(args.count / (workers_cpu / args.workers), 1),
        "valid_pdfs": ok,
        "pdf_size_median_kb": round(sizes[len(sizes) // 2] / 1024, 1) if sizes else None,
        "suivi_cpu_ms_per_invoice_one_core": round(suivi_cpu_ms, 1),
        "stages_cpu_ms": stages,
        "reportlab_invoices_per_s_one_core": round(args.count / baseline_wall, 1),
        "reportlab_cpu_ms_per_invoice": round(baseline_cpu / args.count * 1000, 2),
        "ratio_cpu_suivi_over_reportlab": round(
            suivi_cpu_ms / (baseline_cpu / args.count * 1000), 1
        ),
    }
    if args.json:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
        return
    print(
        f"{args.count} invoices, {args.workers} workers, {os.cpu_count()} CPUs, "
        f"load average before {figures['load_average_before']}"
    )
    print(
        f"suivi (validated Factur-X PDF/A-3B): {figures['suivi_wall_s']} s → "
        f"{figures['suivi_invoices_per_s']} invoices/s ({ok}/{args.count} valid, median "
        f"{figures['pdf_size_median_kb']} KB)"
    )
    print(
        f"  workers' CPU time {figures['workers_cpu_s']} s (start-up included) → "
        f"{figures['suivi_invoices_per_s_on_idle_cores']} invoices/s if the {args.workers} cores "
        f"were not shared"
    )
    print(
        f"  CPU per invoice on one core: {figures['suivi_cpu_ms_per_invoice_one_core']} ms  "
        + ", ".join(f"{key} {value} ms" for key, value in stages.items())
    )
    print(
        f"reportlab plain page (one core): {figures['reportlab_invoices_per_s_one_core']} invoices/s,"
        f" {figures['reportlab_cpu_ms_per_invoice']} ms CPU per invoice"
    )
    print(
        f"ratio (CPU per invoice, suivi / reportlab): {figures['ratio_cpu_suivi_over_reportlab']}×"
    )
    print(f"goal ≥ 40 invoices/s: {'met' if figures['suivi_invoices_per_s'] >= 40 else 'NOT met'}")


if __name__ == "__main__":
    main()
