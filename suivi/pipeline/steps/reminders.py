"""Steps: plan today's reminders and make the drafts (or send them), and `suivi send`'s
sending of approved drafts; both put the workbook updates, the Journal rows and the digest
into the run."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from suivi.core.credit_notes import unallocated
from suivi.core.ledger import StatusInfo, compute_status, credited_amounts
from suivi.core.message import Message
from suivi.core.models import (
    Invoice,
    InvoiceKind,
    Issue,
    Master,
    Severity,
    duplicated_numbers,
    normalise_name,
    number_key,
    real_row,
)
from suivi.documents.model import Seller
from suivi.mail import (
    DELIVERY_DRAFTS,
    DunningAdjustments,
    DunningJob,
    DunningOutcome,
    apply_decisions,
    mark_synced,
    resolve_unverified,
    run_reminders,
    send_drafts,
)
from suivi.mail.digest import DigestLine
from suivi.pipeline.state import Run, collecting
from suivi.workbook.read.review import REVIEW_SHEET
from suivi.workbook.read.typed_numbers import loose_form

from .review import declined, review_sheet


def sender(run: Run) -> Seller:
    """The seller of [vendeur]; without one, a sender named after [smtp] so drafts still sign."""
    if run.settings.seller is not None:
        return run.settings.seller
    smtp = run.settings.dunning.smtp
    return Seller(name=smtp.sender_name or "Service comptabilité",
                  email=smtp.from_address or None)


def dunning_view(master: Master, adjust: DunningAdjustments | None = None) -> Master:
    """The master as dunning must see it: what credit notes and deducted deposits already
    settle counts as paid, so messages ask only for what the client still owes; an invoice on
    an installment plan is due on the installment its ladder counts from."""
    credits = credited_amounts(master.invoices)
    dates = adjust.ladder_dates if adjust is not None else {}
    if not credits and not dates:
        return master
    invoices = tuple(replace(inv, amount_paid=inv.amount_paid + credits[inv.number])
                     if inv.number in credits else inv for inv in master.invoices)
    if dates:
        invoices = tuple(replace(inv, due_date=dates[inv.number], due_date_derived=False)
                         if inv.number and inv.number in dates else inv for inv in invoices)
    return replace(master, invoices=invoices)


def chorus_lines(run: Run) -> tuple[DigestLine, ...]:
    """The invoices to public buyers this run made, with the file to upload on Chorus Pro."""
    index = {inv.number: inv for inv in run.invoices if inv.number}
    lines = []
    for receipt in run.invoicing.chorus:
        inv = index.get(receipt.number)
        lines.append(DigestLine(inv.client if inv else "", Message.of("digest.chorus"),
                                (receipt.number,), inv.total if inv else None,
                                (inv.pdf_file or "") if inv else ""))
    return tuple(lines)


def dunning_job(run: Run, held: frozenset[int] = frozenset(),
                duplicated: frozenset[str] | None = None) -> DunningJob:
    """The dunning job of the run; invoices on `held` rows are left out of it. `duplicated`:
    the numbers on several rows (`duplicated_numbers`), when already known."""
    settings = run.settings.dunning
    if run.options.drafts_only:
        settings = replace(settings, delivery=DELIVERY_DRAFTS)
    master = dunning_view(run.require_master(), run.adjust)
    if held:
        master = replace(master, invoices=tuple(i for i in master.invoices if i.row not in held))
    return DunningJob(master, settings, run.settings.folder, run.today, sender(run),
                      run.dry_run, run.options.delivery, run.lang, chorus=chorus_lines(run),
                      adjust=run.adjust, held=declined(review_sheet(run)),
                      statuses=view_statuses(run, master),
                      duplicated=duplicated if duplicated is not None
                      else duplicated_numbers(run.invoices))


def view_statuses(run: Run, view: Master) -> dict[int, StatusInfo]:
    """The statuses dunning sees: the run's (credit notes counted once), recomputed only for the
    invoices an installment plan dates differently (their credits are already in the view)."""
    dates = run.adjust.ladder_dates if run.adjust is not None else {}
    statuses = dict(run.statuses)
    for inv in view.invoices:
        if inv.number and inv.number in dates:
            statuses[inv.row] = compute_status(inv, run.today)
    return statuses


def apply_outcome(run: Run, outcome: DunningOutcome) -> None:
    """Put a dunning outcome into the run: updates, Journal rows, issues, failures, digest."""
    for update in outcome.updates:
        run.update(update.row, update.field, update.value)
    run.journal_entries.extend(outcome.journal_rows)
    run.report.add_issues(outcome.issues)
    if outcome.digest is not None and outcome.digest.unverified:
        run.report.fail("dunning.unverified_pending", count=len(outcome.digest.unverified))
    run.files.extend(outcome.files)
    run.dunning = outcome
    if not run.dry_run:
        folder = run.settings.folder
        run.after_commit.append(lambda: mark_synced(folder, outcome))


#: why an open invoice is kept from reminders: the summary's note, and why a draft made before
#: about it does not go (`suivi send`)
STALE = {"dunning.held": "dunning.stale_errors", "dunning.held_duplicate": "dunning.stale_duplicate",
         "dunning.held_currency": "dunning.stale_currency",
         "dunning.held_credit": "dunning.stale_credit",
         "dunning.held_payment": "dunning.stale_payment"}


def held_invoices(run: Run, duplicated: frozenset[str]) -> dict[str, list[Invoice]]:
    """The open invoices no reminder may be about today, by note (`STALE`'s keys), each
    under its first reason: a row with an error (a broken cell may hide a payment), a number
    on several rows (which row says whether it is paid is unknown), another currency than
    the euro (a reminder would claim euros), a credit note of the client quoting no invoice
    (what the client owes is not known), a payment of the client in Paiements that names no
    invoice and fits none, or names an invoice that does not exist (the invoices issued before
    it: which one it pays is not known), and the invoices whose number ends as such a payment's
    does (« 2026-005 » typed for FA-2026-005); and the invoice (else the client's invoices
    issued before it) of a payment whose amount cannot be read, or is empty on a row dated
    today or before."""
    errors = run.rows_with_errors()
    credited = {normalise_name(c.client) for c in unallocated(run.invoices)}
    unfit: dict[str, date] = {}  # client → the latest payment that fits none of its invoices
    likely: set[str] = set()  # invoices a payment naming no invoice may be for (« 2026-005 »)
    unread: set[str] = set()  # `loose_form` of the invoices named by unreadable payments
    for issue in run.report.issues:
        if issue.code in ("paiement_sans_facture", "paiement_facture_inconnue",
                          "paiement_illisible", "paiement_sans_montant"):
            said = issue.kwargs
            if issue.code == "paiement_sans_montant" and said["day"] > run.today:
                continue  # a payment expected, not received: the invoice is reminded
            likely.update(said.get("likely") or ())
            if said.get("invoice"):  # a payment row of this invoice whose amount is unread,
                unread.add(loose_form(said["invoice"]))  # its number maybe typed another way
            elif said.get("client"):
                key, day = normalise_name(said["client"]), said["day"] or date.max
                unfit[key] = max(unfit.get(key, day), day)
    reasons: list[tuple[str, Callable[[Invoice], bool]]] = [
        ("dunning.held", lambda inv: inv.row in errors),
        ("dunning.held_duplicate",
         lambda inv: bool(duplicated) and number_key(inv.number or "") in duplicated),
        ("dunning.held_currency", lambda inv: bool(inv.currency)),
        ("dunning.held_credit", lambda inv: inv.kind is not InvoiceKind.CREDIT_NOTE
         and normalise_name(inv.client) in credited),
        ("dunning.held_payment", lambda inv: inv.number in likely
         or bool(unread) and loose_form(inv.number or "") in unread or bool(unfit)
         and normalise_name(inv.client) in unfit
         and (inv.issue_date or date.min) <= unfit[normalise_name(inv.client)])]
    held: dict[str, list[Invoice]] = {}
    for inv in run.invoices:
        if not inv.number or not run.statuses[inv.row].status.open:
            continue
        for note, holds in reasons:
            if holds(inv):
                held.setdefault(note, []).append(inv)
                break
    return {note: held[note] for note in STALE if note in held}


def _label(note: str, inv: Invoice) -> str:
    """How the summary names a held invoice: with its row when its row has an error (a copied
    row keeps its number), with its currency when that is why."""
    if note == "dunning.held":
        return f"{inv.number} ({inv.sheet}!A{real_row(inv.row)})"
    if note == "dunning.held_currency":
        return f"{inv.number} ({inv.currency})"
    return inv.number or ""


def stale_holds(held: dict[str, list[Invoice]]) -> dict[str, Message]:
    """Why a draft about each held invoice must not go any more, by invoice number."""
    return {inv.number or "": Message.of(STALE[note], number=inv.number or "",
                                         currency=inv.currency or "")
            for note, invoices in held.items() for inv in invoices}


@collecting
def reminders_step(run: Run) -> None:
    """Plan today's reminders; drafts (or direct sending, per [relances] envoi). An open invoice
    that `held_invoices` keeps back (an amount reading #N/A, an unreadable date…) is not dunned
    on a guess: it waits, named in the summary, until the row is fixed."""
    duplicated = duplicated_numbers(run.invoices)
    held = held_invoices(run, duplicated)
    for note, invoices in held.items():
        labels = list(dict.fromkeys(_label(note, inv) for inv in invoices))
        run.report.note(note, count=len(labels), numbers=labels[:10])
    rows = frozenset(inv.row for invoices in held.values() for inv in invoices)
    # the rows are left out of the plan; a draft made before about one does not go either
    job = replace(dunning_job(run, rows, duplicated), holds=stale_holds(held))
    run.plan, outcome = run_reminders(job)
    apply_outcome(run, outcome)


@collecting
def sending_step(run: Run) -> None:
    """`suivi send`: settle uncertain or refused messages the user checked, then send the
    chosen drafts (--id), those marked Oui in the review sheet, or every pending one
    (--tous)."""
    request = run.options.send
    assert request is not None, "the send command says what to send"
    duplicated = duplicated_numbers(run.invoices)
    holds = stale_holds(held_invoices(run, duplicated))
    job = replace(dunning_job(run, duplicated=duplicated), holds=holds)
    for ids, sent in ((request.confirm, True), (request.resend, False)):
        if not ids:
            continue
        problems = resolve_unverified(job, ids, sent=sent)
        for problem in problems:
            run.report.fail(problem)
        if not problems:
            run.report.note("dunning.resolved_sent" if sent else "dunning.resolved_resend",
                            count=len(ids))
    held: tuple[str, ...] = ()
    if request.select is None and (request.confirm or request.resend):
        if not request.resend:
            return
        select: tuple[str, ...] | None = request.resend
    elif request.from_sheet:
        select, held = sheet_selection(run, job)
    else:
        select = request.select
    outcome = send_drafts(job, select)
    apply_outcome(run, replace(outcome, held=held))
    if outcome.sent:
        run.report.note("dunning.sent_count", count=len(outcome.sent))
    digest = outcome.digest
    waiting = (len(digest.refused), len(digest.unverified)) if digest else (0, 0)
    if any(waiting) and not run.report.failures:
        # none lost silently: each `send` exits 1 while a message waits for the user's word
        run.report.fail("dunning.awaiting_decision", refused=waiting[0], unverified=waiting[1])
    if request.from_sheet and review_sheet(run) is None and outcome.pending:
        run.report.fail("review.no_sheet", count=len(outcome.pending), sheet=REVIEW_SHEET)


def sheet_selection(run: Run, job: DunningJob) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """`suivi send` without --id: the drafts marked Oui in the review sheet go; those marked
    Non are held (still pending). Returns (to send, held)."""
    sheet = review_sheet(run)
    if sheet is None:
        return (), ()
    decisions = apply_decisions(job, [c.id for c in sheet.choices if c.send],
                                [c.id for c in sheet.choices if not c.send],
                                {c.id: c.recipients for c in sheet.choices})
    chosen = sheet.by_id()
    for ident in decisions.readdressed:
        choice = chosen[ident]
        run.report.add_issues([Issue.of(choice.recipients_where or choice.where,
                                        "review.recipient_edited", Severity.WARNING,
                                        id=ident, typed=choice.recipients)])
    if decisions.held:
        run.report.note("review.held", count=len(decisions.held), sheet=sheet.name)
    if decisions.gone:
        run.report.note("review.gone", count=len(decisions.gone), sheet=sheet.name)
    if not decisions.send:
        run.report.note("review.none_approved", sheet=sheet.name)
    return decisions.send, decisions.held
