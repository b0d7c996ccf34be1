"""Step: what payments known from elsewhere change in today's reminders (`run.adjust`).

- **Installment plans** (« Échéancier » sheet): only what has fallen due is reminded, and the
  ladder counts from the oldest installment not paid; a missed installment resumes dunning
  and the digest says so.
- **Payment promises**: one broken (its date and the grace days past, the invoice still open)
  is an issue and a digest line.
- **No payment recorded anywhere**: a workbook with no column for what was paid (« Montant
  réglé », « Date de règlement », « Reste dû »), no Paiements sheet and no Statut saying
  « Payée » cannot tell a paid invoice from an unpaid one: while an invoice is overdue, the
  reminders are held back and the run says what to add (exit 1).
- **Stale bank data**: when the newest statement imported is older than `[banque]
  jours_obsolescence` business days, or a statement of the folder could not be read, the
  reminders of unpaid invoices are held back (`[banque] obsolete = "ignorer"` turns it off);
  the digest says why and what to do. A workbook that never imported a statement is never
  held.
- The digest's « Paiements » section also lists the trop-perçus and the credits waiting in
  the Rapprochement sheet.
"""
from __future__ import annotations

from datetime import date

from suivi.core.bank_freshness import bank_freshness
from suivi.core.checks import says_nothing_paid
from suivi.core.installments import InstallmentBook, broken_promises
from suivi.core.message import Message
from suivi.core.models import ZERO, Issue, Severity, Status
from suivi.mail import DunningAdjustments
from suivi.mail.digest import DigestLine
from suivi.pipeline.bank_journal import FILE_NAME, newest_date, read_records
from suivi.pipeline.bank_state import BankImport
from suivi.pipeline.state import Run
from suivi.pipeline.steps.bank import statement_folder
from suivi.pipeline.steps.reminders import dunning_view


def _newest(run: Run, bank: BankImport) -> date | None:
    """The date up to which the bank data is known: confirmed statements and this run's."""
    days = [newest_date(read_records(run.settings.state_dir / FILE_NAME))]
    days += [read.statement.newest_date for read in bank.statements]
    return max((d for d in days if d is not None), default=None)


def _hold(run: Run, bank: BankImport) -> Message | None:
    settings = run.settings.bank
    freshness = bank_freshness(_newest(run, bank), run.today,
                               run.settings.dunning.business_days(), settings.stale_days)
    bank.freshness = freshness
    if not settings.hold_when_stale:
        return None
    folder = str(statement_folder(run))
    if bank.refused:
        return Message.of("bank.hold_refused", files=[p.name for p, _ in bank.refused],
                          folder=folder)
    if freshness.stale:
        return Message.of("bank.hold_stale", newest=freshness.newest, age=freshness.age,
                          limit=freshness.limit, folder=folder)
    return None


def _unrecorded(run: Run) -> Message | None:
    """The hold of a workbook that says nowhere what was paid, while an invoice is overdue:
    every invoice would read as unpaid, and one paid years ago would be reminded."""
    master = run.require_master()
    if not says_nothing_paid(master.layout, master.layouts, master.invoices):
        return None
    if not any(info.status is Status.OVERDUE for info in run.statuses.values()):
        return None
    return Message.of("plan.hold_no_payments", sheet=master.layout.sheet)


def _installments(run: Run, bank: BankImport) -> tuple[InstallmentBook, dict[str, date]]:
    master = run.require_master()
    book = InstallmentBook(master.installments)
    numbers = {inv.number for inv in master.invoices if inv.number}
    for installment in master.installments:
        if installment.invoice_number not in numbers:
            run.report.add_issues([Issue.of(installment.where, "bank.installment_unknown",
                                            Severity.WARNING,
                                            number=installment.invoice_number)])
    _, states = book.follow(dunning_view(master).invoices, run.today)
    bank.missed = [state for state in states.values() if state.missed]
    dates = {number: state.ladder_date for number, state in states.items()
             if state.ladder_date is not None}
    return book, dates


def _promises(run: Run, bank: BankImport) -> None:
    master = run.require_master()
    grace = run.settings.dunning.policy.promise_grace_days
    bank.broken = broken_promises(master.invoices, run.statuses, run.today, grace)
    for broken in bank.broken:
        invoice = broken.invoice
        run.report.add_issues([Issue.of(master.layout.ref("promise_date", invoice.row),
                                        "bank.promise_broken", Severity.WARNING,
                                        invoice=invoice.label, client=invoice.client,
                                        promise=broken.promise, balance=broken.balance)])


def _lines(run: Run, bank: BankImport) -> tuple[DigestLine, ...]:
    by_number = {inv.number: inv for inv in run.invoices if inv.number}
    lines = [DigestLine(o.client, Message.of("bank.digest.overpayment"), o.invoices, o.amount,
                        Message.of("bank.digest.overpayment_detail", day=o.date))
             for o in bank.overpayments]
    for state in bank.missed:
        first, unpaid = state.missed[0]
        invoice = by_number.get(state.number)
        lines.append(DigestLine(invoice.client if invoice else "", Message.of(
            "bank.digest.installment_missed", day=first.due_date), (state.number,), unpaid,
            Message.of("bank.digest.installment_resumed", count=len(state.missed))))
    for broken in bank.broken:
        lines.append(DigestLine(broken.invoice.client, Message.of("bank.digest.promise_broken",
                                                                  day=broken.promise),
                                (broken.invoice.label,), broken.balance,
                                Message.of("bank.digest.promise_detail")))
    if bank.review:
        total = sum((row.amount for row in bank.review), ZERO)
        lines.append(DigestLine("", Message.of("bank.digest.review", count=len(bank.review)),
                                (), total, Message.of("bank.digest.review_detail")))
    return tuple(lines)


def arrangements_step(run: Run) -> None:
    """Installments, promises and the freshness of the bank data → `run.adjust` (see the
    module docstring)."""
    if run.bank is None:  # `suivi remind`: no import, the Rapprochement sheet as it is
        run.bank = BankImport(review=list(run.require_master().reconciliation))
    bank = run.bank
    stale = _hold(run, bank)  # sets bank.freshness, which `suivi bank` shows, held or not
    unrecorded = _unrecorded(run)
    hold = bank.hold = run.clock_hold or unrecorded or stale
    failure = run.clock_hold or unrecorded
    if failure is not None:
        run.report.fail(failure)  # exit 1: a scheduled run alerts the team
    book, dates = _installments(run, bank)
    _promises(run, bank)
    notices = (hold,) if hold is not None else ()
    run.adjust = DunningAdjustments(book.amount_due, dates, hold, notices, _lines(run, bank))


def installments_step(run: Run) -> None:
    """`suivi send`: what the installment plans leave due today, as the run reckons it. A
    draft asking for an installment the client paid since it was made then claims more than
    is due, and is cancelled instead of sent (the plain balance still shows the installments
    not due yet). Promises, stale bank data and digest lines are the daily run's business."""
    book, dates = _installments(run, BankImport())
    run.adjust = DunningAdjustments(book.amount_due, dates)
