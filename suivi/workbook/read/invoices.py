"""The invoice sheet: one `Invoice` per data row, with every unreadable cell an issue."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

from suivi.core.contracts import parse_period
from suivi.core.ledger import credit_note_made, says_no_reminder, says_partly_paid
from suivi.core.models import (
    CENT,
    ZERO,
    CellRef,
    Invoice,
    InvoiceKind,
    Issue,
    Severity,
    Status,
    column_letter,
)
from suivi.core.status_notes import promise_in_status, promised_day
from suivi.core.steps import parse_step
from suivi.core.values import (
    ValueProblem,
    parse_amount,
    parse_bool,
    parse_date,
    parse_percent,
    parse_text,
)
from suivi.memory import release_freed
from suivi.workbook import vocabulary as voc

from .cells import (
    AMOUNT_CODE,
    RATE_CODE,
    Columns,
    ErrorCells,
    cell_problem,
)
from .headers import HeaderGuess, add_suivi_columns
from .invoice_rows import invoice_rows
from .mark_columns import paid_marks
from .payment_parts import other_money
from .plan_columns import holds_days, is_plan_header, plans_in_notes, team_plans
from .step_columns import step_dates, step_of_header, team_reminders
from .uncached import OtherSheets


def _invoice_kind(text: str | None, number: str | None, status: str | None,
                  ttc: Decimal | None) -> InvoiceKind:
    if text or status:
        kind = _kind_from_text(text, status)
        if kind is InvoiceKind.CREDIT_NOTE and ttc is not None and ttc > ZERO \
                and credit_note_made(status) is not None \
                and _kind_from_text(text, None) is None \
                and not (number and number.upper().startswith("AV")):
            kind = None  # « Avoir émis » on an invoice: one was made for it (compute_status)
        elif kind is InvoiceKind.DEPOSIT and says_partly_paid(status) \
                and _kind_from_text(text, None) is None:
            kind = None  # « Acompte reçu »: a deposit paid on this invoice, not its kind
        if kind is not None:
            return kind
    if number and number.upper().startswith("AV") and number[2:3].isdigit():
        return InvoiceKind.CREDIT_NOTE
    if ttc is not None and ttc < ZERO:
        return InvoiceKind.CREDIT_NOTE
    return InvoiceKind.INVOICE


def _implicit_credit_note(guess: HeaderGuess, sheet: str, row: int, ttc: Decimal) -> Issue:
    """A row to issue with a negative amount that nothing calls a credit note: a typo as
    likely as a credit note, so it is not issued until the user says which."""
    column = guess.columns.get("amount_ttc") or guess.columns.get("amount_ht")
    return Issue.of(CellRef(sheet, row, column.column if column else "A"), "avoir_implicite",
                    Severity.ERROR, row=row, amount=ttc)


@lru_cache(maxsize=256)
def _kind_from_text(text: str | None, status: str | None) -> InvoiceKind | None:
    probe = " ".join(x for x in (text, status) if x).casefold()
    if "avoir" in probe or "credit" in probe:
        return InvoiceKind.CREDIT_NOTE
    if "acompte" in probe or "deposit" in probe:
        return InvoiceKind.DEPOSIT
    return None


MISSING = object()
# Statuses that say nothing about the kind of document (suivi's own, and usual ones).
_PLAIN_STATUSES = frozenset(
    {s.value for s in Status if s not in (Status.CREDIT_NOTE,)}
    | {"Émise", "Réglée", "En retard", "Payée", "payée", "Paid", "Unpaid", "Open", "Overdue"})
# Order matters: _read_invoices unpacks the columns in this order.
TEXT_FIELDS = ("number", "client", "description", "payment_terms", "status_text", "last_action",
               "next_action", "sales_rep", "po_reference", "notes", "pdf_file", "kind",
               "original_number")
AMOUNT_FIELDS = ("amount_ht", "vat", "amount_ttc", "amount_paid", "balance")
DATE_FIELDS = ("issue_date", "due_date", "payment_date", "last_action_date", "next_action_date",
               "promise_date")
#: Optional columns of the invoice documents, read only when the sheet has them.
DOCUMENT_FIELDS = ("printed_mention", "nature", "commitment_number", "exemption_reason")
PERIOD_CODE = "periode_illisible"


def read_invoices(rows: list[list[Any]], sheet: str, guess: HeaderGuess, issues: list[Issue],
                  errors: ErrorCells | None = None, others: OtherSheets = None) -> list[Invoice]:
    """The invoices of the sheet's `rows`, which are **emptied** once their cells are taken:
    the rows of a 100,000-invoice sheet weigh about 100 MB, and letting them (and the cells
    once converted) go before the records are built lowers the peak of reading by as much
    (docs/performances.md). `others`: other sheets' cells, for formulas (`FormulaCells`)."""
    kept = invoice_rows(rows, guess, sheet, issues)
    cols = Columns(rows, kept, sheet, guess.columns, issues, errors).using(others)
    marks = paid_marks(cols, guess, sheet, issues)  # « Payé » marks, « Non payé » crosses
    extra = _other_columns(rows, kept, guess, sheet, issues)
    split = [split_vat(rows[r], sheet, r + 1, guess, issues) for r in kept] \
        if guess.vat_split else []
    rows.clear()
    has = guess.columns.__contains__
    text, amount, dates, vat_rates = _converted(cols, guess, sheet, issues)
    steps_raw, disputes = cols.raw("reminder_step"), cols.raw("dispute")
    foreign = _foreign_cells(cols, guess)
    documents = _document_values(cols, has, text["status_text"], dates, text.get("notes"), extra)
    cols.release()
    release_freed()  # the rows and cells, before the records are built
    has_vat, has_ttc, has_ht, has_paid = has("vat"), has("amount_ttc"), has("amount_ht"), has("amount_paid")
    step_column = guess.columns.get("reminder_step")
    steps_seen: dict[Any, Any] = {}
    plain_statuses = _PLAIN_STATUSES
    invoices: list[Invoice] = []
    append = invoices.append
    due_terms = cols.due_terms
    for (r, number, client, description, terms, status_text, last_action, next_action, rep, po,
         notes, pdf, kind_text, original, ht, vat, ttc, paid, balance, issued, due, paid_on,
         last_date, next_date, promise, rate, step_value, dispute_raw) in zip(
            kept, *(text[f] for f in TEXT_FIELDS), *(amount[f] for f in AMOUNT_FIELDS),
            *(dates[f] for f in DATE_FIELDS), vat_rates, steps_raw, disputes):
        row_number = r + 1
        if due is None and due_terms and len(invoices) in due_terms:
            terms = terms or due_terms[len(invoices)]  # « 30 jours fin de mois » as the due date
        if vat is None and split:
            vat = split[len(invoices)]
        if vat is None and not has_vat and rate is not None and ht is not None:
            vat = (ht * rate / 100).quantize(CENT, ROUND_HALF_UP)  # « Montant HT » and its rate
        if ttc is None and ht is not None and (vat is not None or not has_vat):
            ttc = ht + (vat or ZERO)
        if ttc is None and balance is not None and not has_ttc and not has_ht:
            ttc = balance + (paid or ZERO)
        if paid is None and balance is not None and ttc is not None and not has_paid:
            paid = ttc - balance
        step = 0
        if step_value is not None and step_value != "":
            parsed = steps_seen.get(step_value, MISSING)
            if parsed is MISSING:
                parsed = steps_seen[step_value] = parse_step(step_value)
            if parsed is None and step_column is not None:
                issues.append(Issue.of(CellRef(sheet, row_number, step_column.column),
                                       "niveau_illisible", Severity.WARNING, value=step_value))
            step = int(parsed) if parsed is not None else 0
        if dispute_raw == "" or dispute_raw is None:
            dispute, dispute_text = False, None
        else:
            dispute, dispute_text = parse_bool(dispute_raw), parse_text(dispute_raw)
        if kind_text is None and (ttc is None or ttc >= ZERO) and (
                status_text is None or status_text in plain_statuses) and not (
                number and number[:2] in ("AV", "Av", "av")):
            kind = InvoiceKind.INVOICE  # the common case, without the text probes below
        else:
            kind = _invoice_kind(kind_text, number, status_text, ttc)
            if (kind is InvoiceKind.CREDIT_NOTE and not number and ttc is not None
                    and ttc < ZERO and not original
                    and _kind_from_text(kind_text, status_text) is None):
                issues.append(_implicit_credit_note(guess, sheet, row_number, ttc))
        append(Invoice(
            sheet, row_number, number, issued, client or "", description or "", ht, vat, ttc,
            terms, due, False, paid if paid is not None else ZERO, paid_on, status_text, step,
            last_action, last_date, next_action, next_date, rep, po, dispute, dispute_text,
            promise, notes, pdf, kind, rate, original,
        ))
    for position, day in marks.items():  # « oui », « x », a date: paid in full
        inv = invoices[position]
        invoices[position] = replace(inv, amount_paid=inv.total,
                                     payment_date=inv.payment_date or day)
    _foreign_currencies(invoices, foreign, sheet, issues)
    return _with_paid_parts(_with_document_fields(invoices, documents), documents)


def _converted(cols: Columns, guess: HeaderGuess, sheet: str, issues: list[Issue]) -> tuple[
        dict[str, list[Any]], dict[str, list[Any]], dict[str, list[Any]], list[Any]]:
    """The text, amount, date and VAT rate columns the records are built from."""
    has = guess.columns.__contains__
    text = {f: cols.text(f) for f in TEXT_FIELDS}
    # Reste dû is only needed when the total or the amount paid is missing (it is usually a
    # formula whose cached value may be stale after an edit: the amounts themselves win)
    skip_balance = has("amount_ttc") and has("amount_paid")
    amount = {f: cols.none if f == "balance" and skip_balance else cols.amount(f)
              for f in AMOUNT_FIELDS}
    dates, month_first = cols.dates(DATE_FIELDS)
    if month_first is not None:  # « 08/15/2026 »: an American export pasted in
        issues.append(Issue.of(sheet, "dates_mois_dabord", Severity.WARNING,
                               example=month_first[0], header=month_first[1]))
    return text, amount, dates, cols.parsed("vat_rate", parse_percent, RATE_CODE)


#: Currencies as teams write them, in a « Devise » column or in the amount's text.
_CURRENCY_WORDS = {"eur": "EUR", "euro": "EUR", "euros": "EUR", "€": "EUR", "usd": "USD",
                   "$": "USD", "us$": "USD", "dollar": "USD", "dollars": "USD", "gbp": "GBP",
                   "£": "GBP", "livre": "GBP", "livres": "GBP", "chf": "CHF", "rm": "MYR",
                   "myr": "MYR", "cad": "CAD", "aud": "AUD", "jpy": "JPY", "¥": "JPY",
                   "cny": "CNY", "sek": "SEK", "nok": "NOK", "dkk": "DKK", "pln": "PLN"}
_CURRENCY_IN_TEXT = re.compile(r"(?i)(?<![a-z])(us\$|\$|£|¥|usd|gbp|chf|rm|myr|cad|aud|jpy|cny|"
                               r"sek|nok|dkk|pln)(?![a-z])")


def _currency(value: object) -> str | None:
    """The currency a « Devise » cell names (« EUR », « $ », « Dollars »…), or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    folded = value.strip().casefold()
    return _CURRENCY_WORDS.get(folded, folded.upper()[:12])


def _foreign_cells(cols: Columns, guess: HeaderGuess) -> dict[int, tuple[str, str]]:
    """position → (currency, column letter) of the rows in another currency than the euro,
    from a « Devise » column or the amount's text (« $500.00 », « USD 800 »)."""
    info = guess.columns.get("currency")
    found: dict[int, tuple[str, str]] = {}
    if info is not None:
        for position, value in enumerate(cols.raw("currency")):
            code = _currency(value)
            if code is not None and code != "EUR":
                found[position] = (code, info.column)
    for name in ("amount_ttc", "amount_ht", "amount_paid"):
        amount = guess.columns.get(name)
        if amount is None:
            continue
        cells = cols.raw(name)
        for position in cols.amount_texts.get(name, ()):  # the cells typed as text
            value = cells[position]
            if type(value) is str and position not in found:
                m = _CURRENCY_IN_TEXT.search(value)
                if m is not None:
                    found[position] = (_CURRENCY_WORDS[m.group(1).casefold()], amount.column)
    return found


def _foreign_currencies(invoices: list[Invoice], found: dict[int, tuple[str, str]], sheet: str,
                        issues: list[Issue]) -> None:
    """Invoices in another currency than the euro (`_foreign_cells`): suivi counts, prints and
    claims euros only, so each is named at its cell. An issued one is not reminded (a reminder
    would say « 800,00 € » for 800 dollars; `reminders_step`); one still to issue is an error,
    and is not issued (its PDF would say euros)."""
    for position, (code, column) in found.items():
        inv = invoices[position]
        invoices[position] = replace(inv, currency=code)
        issues.append(Issue.of(CellRef(sheet, inv.row, column), "devise_etrangere",
                               Severity.WARNING if inv.number else Severity.ERROR,
                               variant="" if inv.number else "to_issue",
                               invoice=inv.label, currency=code))


def _other_columns(rows: list[list[Any]], kept: Sequence[int], guess: HeaderGuess, sheet: str,
                   issues: list[Issue]) -> dict[str, list[Any]]:
    """The columns of the table no field took, as document values: those speaking of money
    received or credited, taken off what is owed (`other_money`, or named when they cannot
    be), and the team's own reminder columns (`step_columns`)."""
    values = other_money(rows, kept, guess, sheet, issues)
    if reminded := team_reminders(rows, kept, guess, sheet, issues):
        values["team_reminders"] = reminded
    if plans := team_plans(rows, kept, guess, sheet, issues):
        values["planned_reminder"] = plans
    return values


def _is_step(value: Any) -> bool:
    return parse_step(value) is not None


def _is_day(value: Any) -> bool:
    if isinstance(value, date):
        return True
    try:
        return isinstance(value, str) and parse_date(value) is not None
    except ValueProblem:
        return False


#: Columns suivi writes back, what their cells must hold for a column of the sheet to be that
#: field (`is_field`), and the words of a header that say it holds something else.
_WRITTEN: dict[str, tuple[Any, frozenset[str]]] = {
    "reminder_step": (_is_step, frozenset({"date", "le", "quand", "jour", "on", "when"})),
    "last_action_date": (_is_day, frozenset()),
    "next_action_date": (_is_day, frozenset()),
}
_SAMPLE = 500


def sampled_cells(rows: list[list[Any]], guess: HeaderGuess, index: int) -> list[Any]:
    """The filled cells of column `index` among the first `_SAMPLE` rows under the header."""
    return [rows[r][index] for r in range(guess.row, min(len(rows), guess.row + _SAMPLE))
            if index < len(rows[r]) and rows[r][index] not in ("", None)]


def team_columns(rows: list[list[Any]], guess: HeaderGuess, sheet: str,
                 explicit: Iterable[str], issues: list[Issue]) -> HeaderGuess:
    """Leave alone a column of the team's own that a header only seemed to give suivi.

    « Relancé le » holding the dates the team reminded on reads like « Relance » (the reminder
    step), which suivi writes back: the dates would be overwritten with step numbers. A column
    taken for a field suivi writes (the step, the dates of the last and next actions) whose
    cells mostly hold something else, or whose header says a date for the step, is neither read
    nor written: one warning names it, and suivi keeps that field in a column of its own. A
    column named in suivi.toml (`explicit`) is the user's choice and is kept."""
    columns = dict(guess.columns)
    chosen = set(explicit)
    left: list[int] = []
    for name, (is_field, header_words) in _WRITTEN.items():
        info = columns.get(name)
        if info is None or name in chosen:
            continue
        said = set(re.findall(r"[a-zàâäéèêëîïôöûüç]+", info.header.casefold()))
        values = sampled_cells(rows, guess, info.index)
        other = [v for v in values if not is_field(v)]
        if not said & header_words and len(other) * 2 <= len(values):
            continue
        del columns[name]
        left.append(info.index)
        if name == "reminder_step" and step_of_header(info.header) is not None \
                and step_dates(values):
            continue  # « Relance 1 » holding days: read as the team's reminders (step_columns)
        if is_plan_header(info.header) and holds_days(values):
            continue  # « Prochaine relance » holding days: the team's plan (plan_columns)
        example = other[0] if other else None
        if isinstance(example, datetime):
            example = example.date()
        step = name == "reminder_step"
        variant = ("step" if other else "step_header") if step else ""
        issues.append(Issue.of(CellRef(sheet, guess.row, info.column), "colonne_equipe",
                               Severity.WARNING, variant=variant,
                               header=info.header, label=voc.FIELD_LABELS_FR[name],
                               example=example.strftime("%d/%m/%Y")
                               if isinstance(example, date) else str(example)))
    if left:  # the column suivi added on an earlier run, past a summary block
        add_suivi_columns(rows[guess.row - 1], guess.first_col, guess.last_col, columns, left)
    return replace(guess, columns=columns) if columns != guess.columns else guess


def merged_clients(rows: list[list[Any]], guess: HeaderGuess,
                   merges: Sequence[tuple[tuple[int, int], tuple[int, int]]]) -> None:
    """A client name merged down over several invoices (one merged cell for three rows, each
    with its own number) names the client of each: it is written into the rows below it, in
    the rows read (never in the workbook). Only the client column, and only rows that have a
    number: an amount merged over several rows is not copied (it would be counted twice)."""
    client = guess.columns.get("client")
    number = guess.columns.get("number")
    if client is None or number is None or not merges:
        return
    for (top, left), (bottom, right) in merges:
        if not left <= client.index <= right or bottom <= top or top < guess.row:
            continue
        name = rows[top][client.index] if client.index < len(rows[top]) else ""
        if not isinstance(name, str) or not name.strip():
            continue
        for r in range(top + 1, min(bottom, len(rows) - 1) + 1):
            row = rows[r]
            if client.index < len(row) and row[client.index] in ("", None) \
                    and number.index < len(row) and row[number.index] not in ("", None):
                row[client.index] = name


def _document_values(cols: Columns, has: Any, statuses: Sequence[str | None],
                     dates: dict[str, list[Any]], notes: Sequence[str | None] | None = None,
                     others: dict[str, list[Any]] | None = None) -> dict[str, list[Any]]:
    """The optional document columns (« Mention facture », « Nature », « N° d'engagement »,
    « Exonération TVA », « Période facturée ») the sheet has, and the rows not to remind (as
    `reminders_off`): marked in a « Ne pas relancer » column (« x », « Oui »), answered « Non »
    in a « Relancer ? » column (a count of reminders there, « 0 », says nothing), or saying so
    in their Statut (« Ne pas relancer », « Relances suspendues »), by position; and the
    payment promises a Statut states (« Promesse de paiement le 15/12 ») where no « Promesse
    de paiement » cell gives one, else the team's note (« Commentaires ») when it does; the
    day the team plans to remind (`plan_columns`); and the `others` (`_other_columns`)."""
    values: dict[str, list[Any]] = {f: cols.text(f) for f in DOCUMENT_FIELDS if has(f)}
    others = dict(others or {})
    plans = plans_in_notes(statuses, notes, dates["due_date"], dates["issue_date"],
                           others.pop("planned_reminder", []))
    if plans is not None:
        values["planned_reminder"] = plans
    if has("billing_period"):
        values["billing_period"] = cols.parsed("billing_period", parse_period, PERIOD_CODE)
    if has("delivery_date"):  # « Date de prestation »: printed on the invoice
        values["delivery_date"] = cols.date("delivery_date")
    said = {text for text in set(statuses) if says_no_reminder(text)}
    if has("reminders_off") or has("reminders_on") or said:
        marks, answers = cols.text("reminders_off"), cols.text("reminders_on")
        values["reminders_off"] = [
            True if mark is not None and parse_bool(mark) or status in said
            or answer is not None and answer.casefold() in _ANSWERED_NO else None
            for mark, answer, status in zip(marks, answers, statuses)]
    if notes and any(promised_day(text) for text in set(notes)):
        statuses = [status if promised_day(status) else note
                    for status, note in zip(statuses, notes)]
    if any(promised_day(text) for text in set(statuses)):
        values["promise_date"] = [
            None if typed is not None or not status else promise_in_status(status, due or issued)
            for status, typed, due, issued in zip(statuses, dates["promise_date"],
                                                  dates["due_date"], dates["issue_date"])]
    return values | others


#: A « Relancer ? » cell that says not to.
_ANSWERED_NO = frozenset({"non", "n", "no", "false", "faux", "jamais", "stop", "never"})


def _with_document_fields(invoices: list[Invoice],
                          values: dict[str, list[Any]]) -> list[Invoice]:
    """The invoices with their `_document_values`."""
    if not values:
        return invoices
    filled = sorted({position for column in values.values()
                     for position, value in enumerate(column) if value is not None})
    result = list(invoices)
    for position in filled:  # most rows leave these columns empty: only the others change
        extra: dict[str, Any] = {f: column[position] for f, column in values.items()
                                 if column[position] is not None}
        result[position] = replace(invoices[position], **extra)
    return result


def _with_paid_parts(invoices: list[Invoice], values: dict[str, list[Any]]) -> list[Invoice]:
    """The amount paid with what the other payment columns add (`payment_parts`); the
    invoices as they are when the sheet has no such column (most sheets)."""
    if "paid_in_other_columns" not in values:
        return invoices
    return [replace(inv, amount_paid=inv.amount_paid + inv.paid_in_other_columns)
            if inv.paid_in_other_columns else inv for inv in invoices]


def split_vat(values: Sequence[Any], sheet: str, row_number: int, guess: HeaderGuess,
               issues: list[Issue]) -> Decimal | None:
    """Sum of the per-rate VAT columns ("montant TVA 20%", "montant TVA 10%"…) of a row."""
    parts = []
    for c, header, _rate in guess.vat_split:
        value = values[c] if c < len(values) else ""
        if value in ("", None):
            continue
        try:
            parts.append(parse_amount(value))
        except ValueProblem as exc:
            issues.append(cell_problem(CellRef(sheet, row_number, column_letter(c + 1)),
                                       AMOUNT_CODE, exc, header))
    return sum((p for p in parts if p is not None), ZERO) if parts else None
