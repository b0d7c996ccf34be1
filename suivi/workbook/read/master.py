"""Reading the whole master workbook into a `Master`: the invoice sheet, the sheets it knows
(Clients, Lignes, Paiements, Journal, and suivi's own Contrats and Historique indicateurs),
with the links between them (credit notes → invoices, payments → invoices, derived due dates).

Unusable input raises a `WorkbookError`; data problems become issues naming their cell. A
structural problem that makes any action unsafe (no invoice sheet, a required column missing)
is a BLOCKING issue: `suivi check` reports it, and no command numbers, renders, sends or writes
anything while it stands.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from python_calamine import CalamineSheet

from suivi.core.bank_apply import ReviewRow
from suivi.core.collector import collector_paused
from suivi.core.fastinit import fast_replace
from suivi.core.installments import Installment
from suivi.core.ledger import credited_amounts
from suivi.core.models import (
    SHEET_STRIDE,
    Client,
    Invoice,
    InvoiceLine,
    Issue,
    JournalEntry,
    Master,
    Payment,
    Severity,
    SheetLayout,
)
from suivi.memory import release_freed
from suivi.workbook import vocabulary as voc
from suivi.workbook.errors import EmptySheet, HeaderNotFound, WorkbookError
from suivi.workbook.package import DEFAULT_LIMITS, ErrorCells, Limits

from .bank_sheets import INSTALLMENT_VOCABULARY, read_installments, read_review, review_vocabulary
from .client_names import clients_by_spelling, individuals_said, spelt_once, with_invoice_addresses
from .client_sheet_guess import clients_by_content
from .client_sheets import is_client_sheet, named_for_sheet
from .contact_cells import contact_cells
from .content_columns import balance_column, email_column, payment_column, vat_rate_column
from .headers import HEADER_SCAN_ROWS, HeaderGuess, guess_header
from .ht_only import with_vat
from .invoices import merged_clients, read_invoices, team_columns
from .links import (
    clients_by_code,
    dated_payments,
    derive_due_dates,
    link_credit_notes,
    link_payments,
    merge_payments,
    partly_paid_without_amount,
)
from .note_statements import notes_read
from .paid_sheets import is_paid_sheet_name, paid_in_full, settled_by_paid_sheet
from .payment_parts import cited_credit_notes, credits_once, linked_by_citation
from .plans import plans_without_installments
from .repeated_numbers import invoices_over_rows
from .sheet_layout import check_required_columns, free_column, invoice_layout
from .sheets import read_clients, read_journal, read_lines, read_payments
from .sister_sheets import Candidate, carried_over, sisters_of
from .source import (
    Book,
    Rows,
    find_sheet,
    head_values,
    load_sheet,
    open_workbook,
    sheet_rows,
    sheet_values,
    worksheet_names,
)
from .status_paid import amounts_in_status

# Sheets suivi owns or knows by name; the invoice sheet is never one of them.
CLIENT_SHEET_NAMES = ("clients", "client", "customers", "customer", "fichier clients")
LINE_SHEET_NAMES = ("lignes", "lignes de facture", "lines", "line items", "detail")
PAYMENT_SHEET_NAMES = ("paiements", "reglements", "règlements", "encaissements", "payments")
JOURNAL_SHEET_NAMES = ("journal suivi", "journal")  # the first when the team's is « Journal »
OWNED_SHEET_NAMES = ("indicateurs", "historique indicateurs", "a faire", "à faire", "contrats",
                     "parametres", "paramètres", "lisez-moi", "lisez moi", "rapprochement",
                     "relances à envoyer", "relances a envoyer", "echeancier", "échéancier")
OWNED_READ_BACK = ("Historique indicateurs", "Contrats", "Relances à envoyer", "Indicateurs")
REVIEW_SHEET_NAMES = ("rapprochement", "reconciliation")
INSTALLMENT_SHEET_NAMES = ("échéancier", "echeancier", "installments", "payment plan")


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What the configuration says about the workbook.

    `columns` maps a field (English name, see vocabulary.INVOICE_FIELDS) to a header text or a
    column letter; it wins over detection. `default_terms` is used for invoices without a due
    date whose client has no terms either. `vat_rate`: see `ht_only`.
    """

    sheet: str | None = None
    columns: Mapping[str, str] = field(default_factory=dict)
    default_terms: str = "30 jours"
    #: The VAT rate the seller's documents add to an amount before VAT (0 under the
    #: franchise), for a sheet that gives such amounts only; None when not known (`ht_only`)
    vat_rate: Decimal | None = None
    #: Set by the reader for a tracker kept one sheet per client (`client_sheets`)
    by_client: bool = False


def read_master(path: str | os.PathLike[str], options: ReadOptions | None = None,
                limits: Limits = DEFAULT_LIMITS) -> Master:
    """Read the master workbook. Raises WorkbookError when unusable; data problems become
    issues (blocking ones for a structure suivi cannot act on safely)."""
    options = options or ReadOptions()
    p = Path(path)
    book = open_workbook(p, limits)
    try:
        with collector_paused():
            master = _read(book, p, options, limits)
        book.finish()
        return master
    except WorkbookError:
        book.finish()  # a sheet refused by the scan explains more than what followed
        raise
    finally:
        book.close()
        release_freed()  # the rows, now records


def _read(book: Book, p: Path, options: ReadOptions, limits: Limits) -> Master:
    names = worksheet_names(book)
    if not names:
        raise EmptySheet("workbook.no_sheet", file=p.name)
    others = _OtherReader(book, names, options.sheet, limits)
    try:
        others.parsed.wait()  # at once, unless the thread shares this calamine handle
        issues: list[Issue] = []
        sheet, rows, guess, sisters = choose_invoice_sheet(book, names, options, p, limits,
                                                           issues)
        if not any(any(v not in ("", None) for v in row) for row in rows):
            raise EmptySheet(file=p.name, sheet=sheet)
        if guess is None:
            raise HeaderNotFound(file=p.name, sheet=sheet, scan=HEADER_SCAN_ROWS)
        if sisters and guess is not None and all(  # one sheet per client (`client_sheets`)
                "client" not in g.columns for g in (guess, *(g for _, _, g in sisters))):
            options = replace(options, by_client=True)
        layout, contacts, invoices = _sheet_invoices(book, sheet, rows, guess, options, issues)
        if sisters:
            layout, invoices = _with_sisters(book, layout, contacts, invoices, sisters,
                                             options, issues)
        invoices, merged_lines = invoices_over_rows(invoices, layout, issues)
        found, owned_rows = others.result(sheet, issues)
        if merged_lines:  # the lines of invoices written over several rows, unless Lignes has
            listed = {line.invoice_number for line in found.lines}
            found.lines += [line for line in merged_lines if line.invoice_number not in listed]
        if "clients" not in found.layouts and not layout.has("client_email") and (
                guessed := clients_by_content(book, _unknown_sheets(names, layout), invoices,
                                              limits, issues)):
            found.layouts["clients"], found.clients = guessed
        clients, invoices = (found.clients, invoices) if "clients" in found.layouts \
            else spelt_once(contacts, invoices, found, layout, issues)  # « ALPHA », « Alpha. »
        sheet_of_clients = found.layouts.get("clients")
        individuals_said(clients, sheet_of_clients is not None and sheet_of_clients.has("type"),
                         sheet_of_clients.sheet if sheet_of_clients else layout.sheet, issues)
        if codes := getattr(clients, "codes", None):
            invoices, found.payments = clients_by_code(invoices, found.payments, clients, codes)
        if "clients" in found.layouts:  # « Alpha SARL » on the invoices, « Alpha » in Clients
            invoices, found.payments = clients_by_spelling(invoices, found.payments, clients,
                                                           layout, issues)
        with_invoice_addresses(clients, contacts, invoices, layout)  # none in Clients
        invoices = linked_by_citation(link_credit_notes(invoices))
        credited = credited_amounts(invoices)
        cited_credit_notes(invoices, layout, credited, issues)
        if credited:
            invoices = credits_once(invoices, layout, credited, issues)
        found.payments = link_payments(invoices, found.payments, found.layouts.get("payments"),
                                       issues)
        invoices = merge_payments(invoices, found.payments, layout, issues)
        invoices = notes_read(amounts_in_status(invoices, layout, credited, issues), layout,
                              issues)
        invoices = dated_payments(invoices, layout, issues)
        partly_paid_without_amount(invoices, layout, issues)
        invoices = plans_without_installments(invoices, found.installments, layout, issues)
        invoices = derive_due_dates(invoices, clients, layout, options.default_terms, issues)
        return Master(
            path=str(p), invoices=tuple(invoices), clients=clients,
            payments=tuple(found.payments), lines=tuple(found.lines),
            journal=tuple(found.journal), layout=layout,
            layouts={"invoices": layout, **found.layouts}, issues=tuple(issues),
            sheet_names=tuple(names), read_at=datetime.now(), owned_rows=owned_rows,
            reconciliation=tuple(found.reconciliation), installments=tuple(found.installments))
    finally:
        others.wait()


def _sheet_invoices(book: Book, sheet: str, rows: Rows, guess: HeaderGuess,
                    options: ReadOptions, issues: list[Issue]
                    ) -> tuple[SheetLayout, dict[str, dict[int, Any]], list[Invoice]]:
    """One invoice sheet read: its layout, its contact cells by row, its invoices (`rows` are
    emptied); with `options.by_client`, the sheet's name is its invoices' client."""
    guess = team_columns(rows, guess, sheet, options.columns, issues)
    guess = vat_rate_column(rows, guess, options.columns)
    guess = balance_column(rows, guess, options.columns)
    guess = payment_column(rows, guess, options.columns)
    guess = email_column(rows, guess, options.columns)
    merged_clients(rows, guess, book.merges.get(sheet, ()))
    layout = invoice_layout(sheet, rows, guess)
    check_required_columns(layout, guess, issues, options.by_client)
    contacts = contact_cells(rows, guess, sheet, book)
    split = bool(guess.vat_split)
    invoices = read_invoices(rows, sheet, guess, issues, book.errors(sheet), book.sheet_cells)
    if options.by_client:
        invoices = named_for_sheet(invoices, sheet)
    return layout, contacts, with_vat(invoices, layout, options.vat_rate, split, issues)


def _with_sisters(book: Book, layout: SheetLayout, contacts: dict[str, dict[int, Any]],
                  invoices: list[Invoice], sisters: list[tuple[str, Rows, HeaderGuess]],
                  options: ReadOptions, issues: list[Issue]
                  ) -> tuple[SheetLayout, list[Invoice]]:
    """The invoices of the sheets read with the chosen one (`sister_sheets`), their rows
    numbered from `SHEET_STRIDE * k` (`SheetLayout.sisters`); `contacts` gets theirs."""
    layouts = []
    for k, (name, rows, guess) in enumerate(sisters, 1):
        sister, cells, found = _sheet_invoices(book, name, rows, guess, options, issues)
        if is_paid_sheet_name(name):
            sister, found = replace(sister, paid=True), paid_in_full(found)
        shift = SHEET_STRIDE * k
        layouts.append(sister)
        invoices.extend(fast_replace(inv, row=inv.row + shift) for inv in found)
        for fld, by_row in cells.items():
            contacts.setdefault(fld, {}).update((row + shift, v) for row, v in by_row.items())
    layout = replace(layout, sisters=tuple(layouts))
    invoices = settled_by_paid_sheet(invoices, layout, issues)
    return layout, carried_over(invoices, layout, issues)


def _unknown_sheets(names: Sequence[str], layout: SheetLayout) -> list[str]:
    """The sheets neither known by name nor read as invoices: where a Clients sheet under
    another name may be (`client_sheet_guess`)."""
    read = {layout.sheet, *(s.sheet for s in layout.sisters)} | known_sheets(names)
    return [name for name in names if name not in read]


def _fold(name: str) -> str:
    return voc.fold_header(name)


def _owned_read_back(names: Sequence[str], invoice_sheet: str | None) -> list[str]:
    """suivi's own sheets whose rows are read back as they are (Contrats…)."""
    owned = {_fold(n) for n in OWNED_READ_BACK}
    return [name for name in names if _fold(name) in owned and name != invoice_sheet]


def known_sheets(names: Sequence[str]) -> set[str]:
    """The sheets that are not the invoice sheet: Clients, Lignes… and suivi's own."""
    known: set[str] = set()
    for group in (CLIENT_SHEET_NAMES, LINE_SHEET_NAMES, PAYMENT_SHEET_NAMES, JOURNAL_SHEET_NAMES,
                  OWNED_SHEET_NAMES):
        found = find_sheet(names, group)
        while found:
            known.add(found)
            found = find_sheet([n for n in names if n not in known], group)
    return known


def choose_invoice_sheet(book: Book, names: list[str], options: ReadOptions, path: Path,
                         limits: Limits, issues: list[Issue]
                         ) -> tuple[str, Rows, HeaderGuess | None,
                                    list[tuple[str, Rows, HeaderGuess]]]:
    """The sheet named in suivi.toml, else the best-scoring sheet that is not a known one
    (Clients, Paiements… are never taken for the invoices, even when the invoice sheet was
    deleted: that is a blocking error, not a reason to write invoices into Clients).

    With it, its sisters: the other sheets of a series kept one per period (« Janvier »,
    « Février »…, or « 2025 » beside « 2026 »), read with it (`sister_sheets`). Any other
    sheet that holds invoices is named in a warning: its invoices are neither reminded nor
    counted. A sheet named in suivi.toml is read alone."""
    if options.sheet:
        if options.sheet not in names:
            raise HeaderNotFound("workbook.configured_sheet_missing", file=path.name,
                                 sheet=options.sheet, sheets=names)
        rows = sheet_rows(book, options.sheet, limits)
        guess = guess_header(rows, voc.INVOICE_VOCABULARY, options.columns)
        return options.sheet, rows, guess, []
    candidates = [n for n in names if n not in known_sheets(names)]
    if not candidates:
        raise HeaderNotFound("workbook.no_invoice_sheet", file=path.name, sheets=names)
    best: tuple[int, str, Rows, HeaderGuess | None] | None = None
    invoice_like: dict[str, Candidate] = {}
    by_client: dict[str, Candidate] = {}  # « Alpha », « Beta »: one sheet per client
    for name in candidates:
        rows = sheet_rows(book, name, limits)
        guess = guess_header(rows, voc.INVOICE_VOCABULARY, options.columns)
        score = guess.score if guess else 0
        if guess and any(h in voc.fold_header(name) for h in ("factur", "invoice", "suivi")):
            score += 150
        if guess and guess.row >= len(rows):
            score -= 100  # a header with no data below it
        if guess and "client" in guess.columns and (
                {"number", "amount_ttc", "amount_ht"} & guess.columns.keys()):
            invoice_like[name] = Candidate(rows, guess)
        elif guess is not None and is_client_sheet(name, guess):
            by_client[name] = Candidate(rows, guess)
        if guess and is_paid_sheet_name(name) and len(candidates) > 1:
            score -= 1000  # new rows never go to « Factures payées »
        # between sheets alike (« 2025 », « 2026 »), the one with the latest invoice: the
        # current year's, where new rows are typed and numbered
        if best is None or score > best[0] or (
                score == best[0] and _latest_date(rows, guess) > _latest_date(best[2], best[3])):
            best = (score, name, rows, guess)
    assert best is not None
    if best[1] in by_client and len(by_client) > 1:
        read, others = [n for n in by_client if n != best[1]], by_client
    else:
        others = {name: found for name, found in invoice_like.items()
                  if name != best[1] and found.filled}  # not counted for the chosen sheet
        read = sisters_of(best[1], best[3], best[2], others, issues) if others else []
    if not read:
        return best[1], best[2], best[3], []
    sheets = [(best[1], best[2], best[3]), *((n, others[n].rows, others[n].guess) for n in read)]
    # the month just opened has fewer columns than the last one, which suivi filled in
    latest = max((sheet for sheet in sheets if not is_paid_sheet_name(sheet[0])),
                 key=lambda sheet: _latest_date(sheet[1], sheet[2]), default=sheets[0])
    rest = sorted((sheet for sheet in sheets if sheet is not latest),
                  key=lambda sheet: names.index(sheet[0]))  # in the workbook's order
    return latest[0], latest[1], latest[2], [(n, rows, g) for n, rows, g in rest if g]


def _latest_date(rows: Rows, guess: HeaderGuess | None) -> date:
    """The latest date cell in the invoice-date column under the header (date.min if none)."""
    column = guess.columns.get("issue_date") if guess else None
    if column is None or guess is None:
        return date.min
    c = column.index
    days = [v.date() if isinstance(v, datetime) else v for row in rows[guess.row:]
            if c < len(row) and isinstance(v := row[c], date)]
    return max(days, default=date.min)


@dataclass
class _OtherSheets:
    clients: dict[str, Client] = field(default_factory=dict)
    lines: list[InvoiceLine] = field(default_factory=list)
    payments: list[Payment] = field(default_factory=list)
    journal: list[JournalEntry] = field(default_factory=list)
    reconciliation: list[ReviewRow] = field(default_factory=list)
    installments: list[Installment] = field(default_factory=list)
    layouts: dict[str, SheetLayout] = field(default_factory=dict)


_OTHER_SHEETS: tuple[tuple[str, tuple[str, ...], voc.Vocabulary | None, Any], ...] = (
    ("clients", CLIENT_SHEET_NAMES, voc.CLIENT_VOCABULARY, read_clients),
    ("lines", LINE_SHEET_NAMES, voc.LINE_VOCABULARY, read_lines),
    ("payments", PAYMENT_SHEET_NAMES, voc.PAYMENT_VOCABULARY, read_payments),
    ("journal", JOURNAL_SHEET_NAMES, voc.JOURNAL_VOCABULARY, read_journal),
    ("reconciliation", REVIEW_SHEET_NAMES, None, read_review),
    ("installments", INSTALLMENT_SHEET_NAMES, INSTALLMENT_VOCABULARY, read_installments),
)


class _OtherReader:
    """The sheets other than the invoices (Clients, Paiements, Journal… and suivi's own sheets
    read back), read in a thread beside the invoice sheet.

    calamine parses one sheet of a workbook at a time, without holding the GIL: this thread
    opens the file a second time and parses these sheets on its own handle while the reading
    thread parses the invoice sheet on the first, then turns them into records while that
    parse goes on — on two cores, almost for free. (Should the second opening fail, it parses
    them first on the shared handle, and `parsed` tells the reading thread when it may start.)
    Their issues come after the invoices' ones, and an error is raised in the reading thread
    where it would have been met reading them there (`result`).

    Which sheets these are does not depend on the invoice sheet chosen (`known_sheets`).
    """

    def __init__(self, book: Book, names: list[str], configured: str | None,
                 limits: Limits) -> None:
        invoice_sheet = configured if configured in names else None
        self._where = _other_sheet_names(names, invoice_sheet)
        self._owned = _owned_read_back(names, invoice_sheet)
        self._book, self._names, self._limits = book, names, limits
        self._found: _OtherSheets | None = None
        self._owned_rows: dict[str, Rows] = {}
        self._issues: list[Issue] = []
        self._failure: BaseException | None = None
        self.parsed = threading.Event()
        wanted = [*self._where.values(), *self._owned]
        book.guard.want(wanted)  # scanned before the (larger) invoice sheet
        self._thread = threading.Thread(target=self._run, args=(wanted,), name="suivi-read",
                                        daemon=True)
        self._thread.start()

    def _run(self, wanted: list[str]) -> None:
        book = self._twin()
        try:
            parsed: dict[str, CalamineSheet] = {}
            try:
                for name in dict.fromkeys(wanted):
                    parsed[name] = load_sheet(book, name)
            finally:
                self.parsed.set()
                if book is not self._book:  # the parsed sheets hold their cells
                    book.close_twin()
            rows_of = _sheet_rows_from(book, parsed, self._limits)
            self._found = _read_other_sheets(rows_of, self._where, self._issues, self._book.errors)
            self._owned_rows = {name: rows_of(name) for name in self._owned}
        except BaseException as exc:  # raised in the reading thread, by `result`
            self._failure = exc

    def _twin(self) -> Book:
        """This thread's own calamine handle, so that the invoice sheet is parsed at the same
        time as these sheets (`parsed` is set at once); the shared one, these sheets first,
        if the file cannot be opened a second time."""
        try:
            twin = self._book.twin()
        except Exception:  # the shared handle reads them, then the invoice sheet
            return self._book
        self.parsed.set()
        return twin

    def result(self, invoice_sheet: str,
               issues: list[Issue]) -> tuple[_OtherSheets, dict[str, Rows]]:
        """The records read (their issues added to `issues`) and the rows of suivi's sheets
        read back; what went wrong reading them is raised here."""
        self.wait()
        if invoice_sheet in (*self._where.values(), *self._owned):
            # a sheet named like one of them (« Reconciliation », « Installments »…) was
            # taken for the invoices: they are read again without it, here (rare)
            def rows_of(name: str) -> Rows:
                return sheet_rows(self._book, name, self._limits)
            found = _read_other_sheets(rows_of, _other_sheet_names(self._names, invoice_sheet),
                                       issues, self._book.errors)
            return found, {name: rows_of(name)
                           for name in _owned_read_back(self._names, invoice_sheet)}
        if self._failure is not None:
            raise self._failure
        assert self._found is not None
        issues.extend(self._issues)
        return self._found, self._owned_rows

    def wait(self) -> None:
        """Before the workbook is closed: the thread must be done with it."""
        self._thread.join()


def _sheet_rows_from(book: Book, parsed: dict[str, CalamineSheet],
                     limits: Limits) -> Callable[[str], Rows]:
    """The rows of each parsed sheet, once: its parsed cells are dropped as soon as they are
    Python values, and their memory given back (this thread's arena is not the reader's)."""
    def rows_of(name: str) -> Rows:
        if _fold(name) == "indicateurs":  # whether it is suivi's: its first rows say it
            return head_values(book, name, parsed.pop(name))
        rows = sheet_values(book, name, parsed.pop(name), limits)
        release_freed()
        return rows
    return rows_of


def _other_sheet_names(names: list[str], invoice_sheet: str | None) -> dict[str, str]:
    """kind → the sheet holding it (Clients, Paiements…), among the sheets that are not the
    invoices."""
    found: dict[str, str] = {}
    for kind, candidates, _vocabulary, _reader in _OTHER_SHEETS:
        name = find_sheet([n for n in names if n != invoice_sheet], candidates)
        if name is not None:
            found[kind] = name
    return found


def _read_other_sheets(rows_of: Callable[[str], Rows], where: Mapping[str, str],
                       issues: list[Issue], errors_of: Callable[[str], ErrorCells]
                       ) -> _OtherSheets:
    """kind → sheet (`_other_sheet_names`) read into records (Paiements with its errors)."""
    found = _OtherSheets()
    for kind, _candidates, vocabulary, reader in _OTHER_SHEETS:
        name = where.get(kind)
        if name is None:
            continue
        rows = rows_of(name)
        guess = guess_header(rows, vocabulary or review_vocabulary(), scan=10)
        if guess is None or (kind == "clients" and "name" not in guess.columns):
            if any(any(v not in ("", None) for v in row) for row in rows):
                issues.append(Issue.of(name, "entetes_introuvables", Severity.WARNING,
                                       sheet=name))
            continue
        if kind == "clients":  # « Contact » holding the addresses
            guess = email_column(rows, guess, (), field="email")
        found.layouts[kind] = SheetLayout(name, guess.row, guess.columns, last_row=len(rows),
                                          last_column=guess.last_col + 1,
                                          free_column=free_column(rows, guess, 1))
        extra = {"errors": errors_of(name)} if kind in ("payments", "lines", "clients") else {}
        setattr(found, kind, reader(rows, name, guess, issues, **extra))
    return found
