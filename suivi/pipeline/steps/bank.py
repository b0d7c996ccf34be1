"""Steps: payments from the bank.

- `statements_step`: read the statements — the files given to `suivi bank`, else those dropped
  in `[banque] dossier` (`suivi run`). A file `suivi bank` cannot read stops everything (exit
  2, nothing recorded); one in the folder stays there and is reported, the others go on.
- `reconcile_step`: first the decisions a person took in the « Rapprochement » sheet (Valider
  = Oui: applied; Non: removed), then the credits never imported before (ids in
  `.suivi/banque.jsonl`, the Paiements and the Rapprochement sheets) are matched and applied:
  Paiements rows, Montant réglé, Date de règlement, Reste dû and Statut; the others go to the
  Rapprochement sheet. Statements are journaled around the commit, and those of the folder
  are filed in `importés/` once it succeeded.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import suivi.bank as statements  # its readers (ofxtools, lxml) load on first use
from suivi.bank import CsvMapping, StatementError
from suivi.core.bank_apply import (
    Application,
    ReviewRow,
    apply_matches,
    apply_review,
    filter_new,
    hold_duplicated,
    review_rows,
)
from suivi.core.bank_models import BankTransaction, Statement
from suivi.core.matching import MatchSettings, match_credits, open_invoices
from suivi.core.models import Issue, Master, Severity, duplicated_numbers
from suivi.pipeline.bank_journal import (
    FILE_NAME,
    StatementRecord,
    confirmed,
    known_ids,
    newest_date,
    read_records,
)
from suivi.pipeline.bank_state import BankImport, StatementRead
from suivi.pipeline.bank_writes import (
    apply_to_run,
    file_statements,
    record_statements,
    review_sheet_name,
    write_review_sheet,
)
from suivi.pipeline.state import Run, RunAborted


def statement_folder(run: Run) -> Path:
    """`[banque] dossier`, relative to the workbook's folder."""
    folder = Path(run.settings.bank.folder)
    return folder if folder.is_absolute() else run.settings.folder / folder


def _folder_files(run: Run) -> list[Path]:
    folder = statement_folder(run)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and not p.name.startswith((".", "~$")))


def workbook_ids(master: Master) -> set[str]:
    """Operation ids the workbook already holds (Paiements and Rapprochement)."""
    ids = {p.transaction_id for p in master.payments if p.transaction_id}
    return ids | {row.transaction_id for row in master.reconciliation}


def statements_step(run: Run) -> None:
    """Read the statements of this run into `run.bank` (see the module docstring)."""
    bank = run.bank = run.bank or BankImport()
    explicit = bool(run.options.statements)
    files = list(run.options.statements) if explicit else _folder_files(run)
    if not files:
        return
    known = known_ids(read_records(run.settings.state_dir / FILE_NAME))
    known |= workbook_ids(run.require_master())
    bank.prior_ids = set(known)
    for path in files:
        try:
            statement, digest = read_file(path, run.settings.bank.csv)
        except StatementError as exc:
            if explicit:
                run.report.fatal = exc.message
                raise RunAborted from None
            bank.refused.append((path, exc.message))
            run.report.add_issues([Issue.of(path.name, "bank.statement_refused",
                                            Severity.ERROR, folder=str(path.parent),
                                            problem=exc.message)])
            continue
        credits = statement.credits
        new = sum(1 for t in credits if t.id not in known)
        known.update(t.id for t in credits)
        bank.statements.append(StatementRead(path, statement, digest, new, len(credits) - new))


def read_file(path: Path, mapping: CsvMapping) -> tuple[Statement, str]:
    """The statement in `path` and the SHA-256 of its content; StatementError when the file
    cannot be read or is not an importable statement."""
    try:
        data = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        raise StatementError("bank.file_not_found", file=str(path)) from None
    except OSError as exc:
        raise StatementError("bank.file_unreadable", file=str(path),
                             detail=exc.strerror or str(exc)) from None
    return (statements.parse_statement(data, path.name, mapping),
            hashlib.sha256(data).hexdigest())


def match_settings(run: Run) -> MatchSettings:
    return run.settings.bank.match_settings(run.settings.invoicing.patterns())


def _decisions(run: Run, bank: BankImport, settings: MatchSettings) -> list[ReviewRow]:
    """Apply the Rapprochement rows a person validated; the rows still waiting."""
    master = run.require_master()
    rows = master.reconciliation
    validated = [row for row in rows if row.validate is True]
    bank.dismissed = [row for row in rows if row.validate is False]
    if validated:
        application, problems = apply_review(validated, open_invoices(run.invoices, run.today),
                                             settings, duplicated_numbers(run.invoices))
        apply_to_run(run, application)
        bank.payments.extend(application.payments)
        bank.overpayments.extend(application.overpayments)
        applied = {p.transaction_id for p in application.payments}
        bank.validated = [row for row in validated if row.transaction_id in applied]
        sheet = master.layouts["reconciliation"].sheet
        for problem in problems:
            bank.problems.append(problem)
            run.report.add_issues([Issue.of(sheet, problem.code, Severity.ERROR,
                                            **problem.kwargs)])
    done = {row.transaction_id for row in bank.validated + bank.dismissed}
    return [row for row in rows if row.transaction_id not in done]


def _new_credits(bank: BankImport) -> list[BankTransaction]:
    credits = [t for read in bank.statements for t in read.statement.credits]
    new, _ = filter_new(credits, bank.prior_ids)
    return list(new)


def reconcile_step(run: Run) -> None:
    """Apply the validated review rows, then match and apply the new credits (see the module
    docstring); everything goes into the run for the one commit."""
    bank = run.bank = run.bank or BankImport()
    settings = match_settings(run)
    pending = _decisions(run, bank, settings)
    credits = _new_credits(bank)
    if credits:
        invoices = open_invoices(run.invoices, run.today)
        numbers = [inv.number for inv in run.invoices if inv.number]
        matches = hold_duplicated(match_credits(credits, invoices, settings, numbers),
                                  duplicated_numbers(run.invoices))
        application: Application = apply_matches(matches, invoices)
        apply_to_run(run, application)
        bank.applied = [m for m in matches if m.confident and m.invoices]
        bank.payments.extend(application.payments)
        bank.overpayments.extend(application.overpayments)
        fresh = review_rows(matches)
        bank.new_review = len(fresh)
        pending += fresh
    bank.review = pending
    if bank.new_review or bank.validated or bank.dismissed:
        _write_review(run, bank)
    _journal(run, bank)
    if bank.statements or bank.payments or bank.dismissed:
        run.report.note("bank.summary", statements=len(bank.statements),
                        applied=len({p.transaction_id for p in bank.payments}),
                        review=len(bank.review), known=bank.known)


def _write_review(run: Run, bank: BankImport) -> None:
    name = review_sheet_name(run)
    if name is None:
        run.report.add_issues([Issue.of("Rapprochement", "bank.review_sheet_taken",
                                        Severity.ERROR, count=len(bank.review))])
        return
    write_review_sheet(run, name, bank.review)


def _journal(run: Run, bank: BankImport) -> None:
    """Journal the statements that bring anything new (credits, or a later end date)."""
    recorded = read_records(run.settings.state_dir / FILE_NAME)
    newest = newest_date(recorded)
    seen = {record.sha256 for record in confirmed(recorded)}
    records = [StatementRecord(read.path.name, read.sha256, read.statement.format,
                               read.statement.account, read.statement.newest_date, run.today,
                               tuple(t.id for t in read.statement.credits))
               for read in bank.statements
               if read.new or read.sha256 not in seen or (
                   read.statement.newest_date is not None
                   and (newest is None or read.statement.newest_date > newest))]
    record_statements(run, records)
    if not run.options.statements:
        file_statements(run, [read.path for read in bank.statements])
