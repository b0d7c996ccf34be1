"""Step: render the PDFs the rows need, as validated Factur-X, and write the paths back.

Rows that need a PDF: just numbered, « à émettre », changed since suivi rendered them (known by a
content hash in `.suivi/rendus.json`), or open invoices without a PDF. Each is validated against
the official schematrons first; an invoice that fails gets no PDF and the run reports each failed
rule with its id. Without a seller ([vendeur] in suivi.toml) nothing is rendered: the run says
so once instead of producing invoices without the mandatory mentions.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import suivi.documents as documents  # fpdf2, fontTools and saxonche load on first render
from suivi.core.checks import client_cell
from suivi.core.ledger import StatusInfo, final_deposits, status_hint
from suivi.core.message import some
from suivi.core.models import (
    CENT,
    Invoice,
    InvoiceKind,
    Issue,
    Severity,
    Status,
    normalise_name,
)
from suivi.core.penalties import PenaltyPolicy, reference_bce_rate
from suivi.core.vat import totals_around
from suivi.documents.chorus import ChorusDepositor, ManualChorusDeposit, submission_for
from suivi.documents.glyphs import undrawable
from suivi.documents.model import InvoiceDocument, Seller
from suivi.documents.settings import InvalidTemplate, TemplateSettings, pick_template
from suivi.documents.validate import BUYER_ID_RULES, SELLER_RULES, RuleFailure
from suivi.fileio import write_atomic
from suivi.pipeline.invoice_docs import DocContext, content_hash, document_for, pdf_path
from suivi.pipeline.state import Run, collecting
from suivi.pipeline.steps.holds import is_held

LOG = logging.getLogger("suivi.pipeline")

RENDERED = "rendus.json"
Job = tuple[Invoice, InvoiceDocument, str, Path, TemplateSettings]

#: Who deposits invoices to public buyers on Chorus Pro. The manual depositor answers « à
#: déposer » with the file to upload; an API depositor (suivi.documents.chorus) would be
#: chosen here, from the configuration, and nothing else would change.
DEPOSITOR: ChorusDepositor = ManualChorusDeposit()


def penalty_rate(policy: PenaltyPolicy, day: date) -> Decimal:
    """The late-penalty rate printed on an invoice issued on `day`: the contractual rate, or the
    BCE rate of the half-year + the margin ([penalites])."""
    if policy.contract_rate is not None:
        return policy.contract_rate
    return (reference_bce_rate(policy.bce_rates, day) or Decimal(0)) + policy.margin


def seller_or_note(run: Run) -> Seller | None:
    """The configured seller, or None after telling the user once how to configure it."""
    if run.settings.seller is None:
        run.report.add_issues([Issue.of("suivi.toml", "vendeur_absent", Severity.WARNING)])
    return run.settings.seller


def needs_pdf(invoice: Invoice, rendered: Mapping[str, str], numbered: set[str],
              statuses: Mapping[int, StatusInfo], paid_now: frozenset[str] = frozenset()) -> bool:
    """Whether `invoice` needs its PDF (re)rendered. `paid_now`: invoices a statement of this
    run paid — an issued invoice without its document still gets it, paid or not."""
    if not invoice.number or not invoice.client:
        return False
    info = statuses.get(invoice.row)
    if info is not None and info.status is Status.CANCELLED:
        return False
    if invoice.number in numbered or status_hint(invoice.status_text) is Status.TO_ISSUE:
        return True
    if invoice.number in rendered:
        # re-render only if its content changed (compared by the caller); a settled invoice's
        # PDF stands, so the work follows the open invoices, not the whole history
        return info is None or info.status not in (Status.PAID, Status.OVERPAID)
    if not invoice.pdf_file:
        return info is not None and (info.status.open or info.status is Status.CREDIT_NOTE
                                     or invoice.number in paid_now)
    return False


def _load_rendered(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _jobs(run: Run, seller: Seller, rendered: dict[str, str]) -> list[Job]:
    """The invoices to render. A PDF already on disk that suivi has no record of (the state was
    lost, or another tool made it) is adopted, never overwritten: it may have been sent."""
    master = run.require_master()
    numbered = set(run.invoicing.numbered)
    policy = run.settings.dunning.penalties
    ctx = DocContext(master, run.settings, seller, run.today, run.lang,
                     final_deposits(run.invoices))
    jobs: list[Job] = []
    paid_now = frozenset(p.invoice_number for p in run.bank.payments) if run.bank else frozenset()
    for inv in run.invoices:
        if not needs_pdf(inv, rendered, numbered, run.statuses, paid_now):
            continue
        number = inv.number or ""
        fresh = number in numbered or status_hint(inv.status_text) is Status.TO_ISSUE
        known = rendered.get(number, "")
        # an unchanged row keeps its PDF without its document being built again (credit notes
        # depend on their original invoice too: always checked)
        signature = "" if inv.kind is InvoiceKind.CREDIT_NOTE else ctx.row_signature(inv)
        target = pdf_path(run.settings, inv, run.today)
        if not fresh and signature and known.endswith("|" + signature) and target.exists():
            continue
        doc = document_for(inv, ctx, penalty_rate(policy, inv.issue_date or run.today))
        stamp = content_hash(doc) + (f"|{signature}" if signature else "")
        if not fresh and known.split("|")[0] == stamp.split("|")[0] and target.exists():
            rendered[number] = stamp  # same document: remember its row's signature
            continue
        if is_held(run, inv):
            continue
        if target.exists() and number not in rendered and number not in numbered:
            _adopt(run, inv, target, stamp, rendered)
            continue
        if not fresh and (_lines_differ(inv, doc) if ctx.lines_of(number)
                          else _copy_off_by_a_cent(run, inv, doc)):
            continue  # a copy stating another amount than the row: none (a warning says so)
        template = _template(run, inv)
        _report_undrawable(run, inv, doc, template)
        jobs.append((inv, doc, stamp, target, template))
    return jobs


def _lines_differ(inv: Invoice, doc: InvoiceDocument) -> bool:
    """Whether the document of an invoice issued elsewhere, made of its Lignes, would state
    another total than its row (`lignes_total_different` has named it)."""
    totals = documents.compute_totals(doc.lines, doc.deposits)
    if inv.amount_ttc is not None or inv.vat is not None:
        return abs(totals.total_ttc - abs(inv.total)) >= CENT
    return inv.amount_ht is not None and abs(totals.total_ht - abs(inv.amount_ht)) >= CENT


def _copy_off_by_a_cent(run: Run, inv: Invoice, doc: InvoiceDocument) -> bool:
    """Whether the copy of an invoice issued elsewhere, whose row gives its total only, would
    state another total than its row (99,99 € at 20 %, which no amount before VAT reaches):
    then no copy is made, and a warning names the cell (rows to issue are held by the check
    `total_ttc_inatteignable`)."""
    if inv.amount_ht is not None or inv.vat is not None or not inv.amount_ttc \
            or len(doc.lines) != 1:
        return False
    rate = doc.lines[0].vat_rate
    if (around := totals_around(inv.amount_ttc, rate)) is None:
        return False
    (low_ht, low), (high_ht, high) = around
    run.report.add_issues([Issue.of(
        run.require_master().layout.ref("amount_ttc", inv.row), "total_ttc_inatteignable",
        Severity.WARNING, variant="copy", invoice=inv.label, total=abs(inv.amount_ttc),
        rate=rate, low_ht=low_ht, low=low, high_ht=high_ht, high=high)])
    return True


def _report_undrawable(run: Run, inv: Invoice, doc: InvoiceDocument,
                       template: TemplateSettings) -> None:
    """A warning naming the cell when the invoice's font cannot draw some of its characters
    (no character vanishes from a PDF without a word)."""
    family = template.font_family
    layout = run.require_master().layout
    buyer = doc.buyer
    sources = (("client", " ".join((buyer.name, *buyer.address_lines, buyer.city))),
               ("description", " ".join(line.description for line in doc.lines)))
    for field, text in sources:
        missing = undrawable(text, family)
        if missing:
            run.report.add_issues([Issue.of(layout.ref(field, inv.row), "caracteres_absents",
                                            Severity.WARNING, invoice=inv.label,
                                            chars=missing[:20])])


def _adopt(run: Run, inv: Invoice, target: Path, digest: str,
           rendered: dict[str, str]) -> None:
    rendered[inv.number or ""] = digest
    relative = _relative(target, run.settings.folder)
    if inv.pdf_file != relative:
        run.update(inv.row, "pdf_file", relative)
    run.invoicing.adopted.append(inv.number or "")


def _template(run: Run, inv: Invoice) -> TemplateSettings:
    client = run.require_master().clients.get(normalise_name(inv.client))
    name = client.template if client and client.template else run.settings.invoicing.default_template
    try:
        return pick_template(run.settings.templates, name)
    except InvalidTemplate:
        run.report.add_issues([Issue.of(client.where if client else None, "modele_inconnu",
                                        Severity.ERROR, name=name,
                                        known=sorted(run.settings.templates))])
        return pick_template(run.settings.templates, None)


@collecting
def rendering_step(run: Run) -> None:
    """Render the PDFs the rows need, validated Factur-X, and write the paths back."""
    if not run.settings.invoicing.enabled:
        return
    seller = seller_or_note(run)
    if seller is None:
        # no invoice can be made: the rows numbered now wait « à émettre » for the seller
        numbered = set(run.invoicing.numbered)
        run.replace_invoices([_still_to_issue(run, inv) for inv in run.invoices
                              if inv.number in numbered and _unissued(inv)])
        return
    state = run.settings.state_dir / RENDERED
    rendered = _load_rendered(state)
    known = dict(rendered)
    jobs = _jobs(run, seller, rendered)
    if run.invoicing.adopted:
        run.report.note("invoices.adopted", count=len(run.invoicing.adopted),
                        numbers=run.invoicing.adopted[:8])
    if (jobs or rendered != known) and not run.dry_run:
        run.after_commit.append(lambda: write_atomic(state, json.dumps(
            rendered, ensure_ascii=False, indent=0, sort_keys=True).encode("utf-8")))
    if not jobs:
        return
    if run.dry_run:
        run.invoicing.to_render = [inv.number or "" for inv, *_ in jobs]
        run.report.note("invoices.would_render", count=len(jobs))
        return
    templates = {id(doc): template for _, doc, _, _, template in jobs}
    progress = run.progress
    # one time for the whole run, written in each PDF's metadata and XMP (not in the hash)
    generated_at = datetime.now(UTC)
    results = documents.render_iter([doc for _, doc, _, _, _ in jobs], lambda d: templates[id(d)],
                           workers=_processes(run, len(jobs)),
                           progress=(lambda done, total: progress("invoices", done, total))
                           if progress else None, generated_at=generated_at)
    changed = []
    by_seller: dict[str, tuple[list[str], set[str]]] = {}
    for (inv, doc, digest, target, _), result in zip(jobs, results):
        number = inv.number or ""
        if not result.ok:
            run.invoicing.refused.append(number)
            _report_refusal(run, inv, result.failures, by_seller)
            if result.error:
                run.report.fail("invoices.render_error", number=number, detail=result.error)
            if number in run.invoicing.numbered and _unissued(inv):
                changed.append(_still_to_issue(run, inv))
            continue
        assert result.pdf is not None, "a rendered invoice has its PDF"
        write_atomic(target, result.pdf)
        run.files.append(target)
        relative = _relative(target, run.settings.folder)
        rendered[number] = digest
        if inv.pdf_file != relative:
            run.update(inv.row, "pdf_file", relative)
        status_text = inv.status_text
        if status_hint(inv.status_text) is Status.TO_ISSUE or number in run.invoicing.numbered:
            status_text = run.status_word(Status.ISSUED)
            run.update(inv.row, "status_text", status_text)
        changed.append(replace(inv, pdf_file=relative, status_text=status_text))
        run.invoicing.rendered.append(number)
        submission = submission_for(doc, target)
        if submission is not None:  # a public buyer: deposited on Chorus Pro, never e-mailed
            run.invoicing.chorus.append(DEPOSITOR.deposit(submission))
    for setting, (numbers, rules) in sorted(by_seller.items()):
        run.report.add_issues([Issue.of("suivi.toml", "facture_refusee", Severity.ERROR,
                                        variant=f"vendeur_{setting}", count=len(numbers),
                                        numbers=some(numbers), rules=sorted(rules))])
    run.replace_invoices(changed)
    if run.invoicing.rendered:
        run.report.note("invoices.rendered", count=len(run.invoicing.rendered),
                        folder=str(pdf_path(run.settings, changed[0], run.today).parent))


def _unissued(inv: Invoice) -> bool:
    """A row numbered now whose Statut says nothing yet (not one typed « émise » by hand)."""
    return (inv.status_text or "").strip() == ""


def _still_to_issue(run: Run, inv: Invoice) -> Invoice:
    """A row numbered by this run without its PDF: the client never had the invoice, so it
    stays « à émettre » (never reminded) and the next run makes it, with its number and date."""
    word = run.status_word(Status.TO_ISSUE)
    run.update(inv.row, "status_text", word)
    return replace(inv, status_text=word)


def _report_refusal(run: Run, inv: Invoice, failures: tuple[RuleFailure, ...],
                    by_seller: dict[str, tuple[list[str], set[str]]]) -> None:
    """Why an invoice got no PDF, in words a user can act on. A rule the seller's settings break
    is gathered into one line for the run ([vendeur] of suivi.toml); a business client without
    a SIREN is named at its cell; any other rule is said with suivi's hint, or its own text."""
    number = inv.number or ""
    buyer_rules = sorted({f.rule_id for f in failures if f.rule_id in BUYER_ID_RULES})
    client = run.require_master().clients.get(normalise_name(inv.client))
    if buyer_rules and client is not None and not client.siren and not client.siret:
        layouts = run.require_master().layouts
        run.report.add_issues([Issue.of(client_cell(layouts, client, "siren"), "facture_refusee",
                                        Severity.ERROR,
                                        variant="siren_client" if "clients" in layouts
                                        else "siren_no_sheet",
                                        invoice=inv.label, client=client.name,
                                        rules=buyer_rules)])
        failures = tuple(f for f in failures if f.rule_id not in BUYER_ID_RULES)
    for failure in failures:
        setting = SELLER_RULES.get(failure.rule_id)
        if setting is not None:
            numbers, rules = by_seller.setdefault(setting, ([], set()))
            if number not in numbers:
                numbers.append(number)
            rules.add(failure.rule_id)
            continue
        run.report.fail("invoices.refused_rule", number=number, rule=failure.rule_id,
                        detail=failure.explained(run.lang))


def _processes(run: Run, count: int) -> int:
    """Render processes for `count` PDFs: two cores when the memory budget allows it."""
    if count < 12:
        return 1
    documents.release_memory()
    used = documents.resident_mb()
    budget = run.settings.memory_budget_mb
    processes = documents.workers_within(2, budget, used)
    LOG.info("rendu de %d PDF sur %d processus (mémoire du passage : %s Mo, budget %d Mo, "
             "environ %d Mo par processus de rendu)", count, processes,
             "?" if used is None else f"{used:.0f}", budget, documents.WORKER_MB)
    return processes


def _relative(target: Path, folder: Path) -> str:
    """The PDF path as written in the workbook: relative to the workbook's folder when inside
    it, absolute otherwise ([factures] dossier may point elsewhere)."""
    try:
        return target.relative_to(folder).as_posix()
    except ValueError:
        return str(target)
