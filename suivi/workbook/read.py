"""Read the master workbook (or an existing tracker) into core records, with python-calamine.

The reader understands the workbooks people really have: the header row may sit anywhere in the
first 30 rows, below a title or a parameter block, with a summary block to its right; headers are
French or English with free spelling; dates and amounts may be typed as text in French or English
style. Every record keeps its sheet row; every value that cannot be understood becomes an `Issue`
naming its cell. Unusable input (missing file, not a workbook, old .xls, encrypted, no header)
raises a `ReadError` subclass whose message is one French sentence naming the file and what to do.
"""
from __future__ import annotations

import gc
import os
import re
import zipfile
from contextlib import contextmanager
from email.utils import getaddresses
from dataclasses import dataclass, field, replace
from functools import lru_cache
from operator import itemgetter
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from python_calamine import CalamineWorkbook, PasswordError

from suivi.core import terms as terms_mod
from suivi.core.models import (
    ZERO,
    CellRef,
    Client,
    ClientType,
    ColumnInfo,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    Issue,
    JournalEntry,
    Master,
    Payment,
    Severity,
    SheetLayout,
    Status,
    column_index,
    column_letter,
    normalise_name,
)
from suivi.core.steps import parse_step
from suivi.core.values import (
    ValueProblem,
    parse_amount,
    parse_bool,
    parse_date,
    parse_percent,
    parse_text,
)
from suivi.workbook import vocabulary as voc

HEADER_SCAN_ROWS = 30
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Sheets suivi owns or knows by name; the invoice sheet is never one of them.
CLIENT_SHEET_NAMES = ("clients", "client", "customers", "customer", "fichier clients")
LINE_SHEET_NAMES = ("lignes", "lignes de facture", "lines", "line items", "detail")
PAYMENT_SHEET_NAMES = ("paiements", "reglements", "règlements", "encaissements", "payments")
JOURNAL_SHEET_NAMES = ("journal",)
OWNED_SHEET_NAMES = ("indicateurs", "historique indicateurs", "a faire", "à faire", "contrats",
                     "parametres", "paramètres", "lisez-moi", "lisez moi")
OWNED_READ_BACK = ("Historique indicateurs", "Contrats")
INVOICE_SHEET_HINTS = ("factur", "invoice", "suivi", "receivable", "créance", "creance", "relance")


class ReadError(Exception):
    """The workbook cannot be used at all. The message is French and says what to do."""


class WorkbookNotFound(ReadError):
    pass


class NotAWorkbook(ReadError):
    pass


class OldXlsFormat(ReadError):
    pass


class EncryptedWorkbookError(ReadError):
    pass


class EmptySheet(ReadError):
    pass


class HeaderNotFound(ReadError):
    pass


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What the configuration says about the workbook.

    `columns` maps a field (English name, see vocabulary.INVOICE_FIELDS) to a header text or a
    column letter; it wins over detection. `default_terms` is used for invoices without a due
    date whose client has no terms either.
    """

    sheet: str | None = None
    columns: Mapping[str, str] = field(default_factory=dict)
    default_terms: str = "30 jours"


@dataclass(frozen=True, slots=True)
class HeaderGuess:
    row: int  # 1-based
    score: int
    columns: dict[str, ColumnInfo]
    first_col: int  # 0-based, inclusive
    last_col: int  # 0-based, inclusive
    headers: tuple[str, ...]  # every non-empty header text in the block
    vat_split: tuple[tuple[int, str, str], ...] = ()  # (col index, header, rate)


# --------------------------------------------------------------------------- opening


def open_workbook(path: str | os.PathLike) -> CalamineWorkbook:
    """Open with calamine, turning every failure into a French `ReadError`."""
    p = Path(path)
    if not p.exists():
        raise WorkbookNotFound(
            f"Le fichier « {p} » est introuvable. Vérifiez le chemin (ou le paramètre "
            f"« fichier » de suivi.toml) puis relancez."
        )
    if p.is_dir():
        raise NotAWorkbook(f"« {p} » est un dossier, pas un classeur. Indiquez le fichier .xlsx.")
    with p.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(OLE_MAGIC):
        if p.suffix.lower() == ".xls":
            raise OldXlsFormat(
                f"« {p.name} » est au format Excel 97-2003 (.xls), que suivi ne lit pas. "
                f"Ouvrez-le dans Excel et enregistrez-le au format .xlsx, puis relancez."
            )
        raise EncryptedWorkbookError(
            f"« {p.name} » est protégé par un mot de passe (classeur chiffré). suivi ne peut ni "
            f"le lire ni l'écrire : retirez le mot de passe dans Excel (Fichier > Informations > "
            f"Protéger le classeur), enregistrez, puis relancez."
        )
    if p.suffix.lower() == ".xls":
        raise OldXlsFormat(
            f"« {p.name} » est un ancien format (.xls). Enregistrez-le en .xlsx dans Excel, "
            f"puis relancez."
        )
    if not zipfile.is_zipfile(p):
        raise NotAWorkbook(
            f"« {p.name} » n'est pas un classeur Excel (.xlsx ou .xlsm). Vérifiez que vous avez "
            f"choisi le bon fichier."
        )
    try:
        return CalamineWorkbook.from_path(str(p))
    except PasswordError as exc:
        raise EncryptedWorkbookError(
            f"« {p.name} » est protégé par un mot de passe. Retirez la protection dans Excel, "
            f"puis relancez."
        ) from exc
    except Exception as exc:  # calamine raises several error types for broken files
        raise NotAWorkbook(
            f"« {p.name} » n'a pas pu être lu comme un classeur Excel ({exc}). Ouvrez-le dans "
            f"Excel et enregistrez-le à nouveau au format .xlsx."
        ) from exc


def sheet_rows(wb: CalamineWorkbook, name: str) -> list[list[Any]]:
    """All rows of a sheet aligned on A1 (row 0 is Excel row 1); empty cells are ''."""
    return wb.get_sheet_by_name(name).to_python(skip_empty_area=False)


def worksheet_names(wb: CalamineWorkbook) -> list[str]:
    names = []
    for meta in wb.sheets_metadata:
        if str(meta.typ).endswith("WorkSheet"):
            names.append(meta.name)
    return names


def _fold_name(name: str) -> str:
    return voc.fold_header(name)


def find_sheet(names: Iterable[str], candidates: Sequence[str]) -> str | None:
    folded = {_fold_name(n): n for n in names}
    for candidate in candidates:
        if _fold_name(candidate) in folded:
            return folded[_fold_name(candidate)]
    return None


# --------------------------------------------------------------------------- header detection


def _segments(hits: list[tuple[int, str, int]], rows: Sequence[Sequence[Any]],
              r: int) -> list[list[tuple[int, str, int]]]:
    """Group header hits (col, field, score) of row `r` that belong to one table.

    Adjacent header cells belong together. One empty header cell is allowed inside a table
    only when its column holds data below (an unlabelled column); an empty column is a
    separator, e.g. before a summary block to the right.
    """
    row = rows[r]
    below = rows[r + 1:r + 6]

    def column_has_data(c: int) -> bool:
        return any(c < len(b) and b[c] not in ("", None) for b in below)

    groups: list[list[tuple[int, str, int]]] = []
    for hit in sorted(hits):
        if groups:
            last = groups[-1][-1][0]
            between = range(last + 1, hit[0])
            empties = [c for c in between if row[c] in ("", None)]
            if len(empties) <= 1 and all(column_has_data(c) for c in empties):
                groups[-1].append(hit)
                continue
        groups.append([hit])
    return groups


def guess_header(rows: Sequence[Sequence[Any]], vocabulary: voc.Vocabulary,
                 overrides: Mapping[str, str] | None = None,
                 scan: int = HEADER_SCAN_ROWS) -> HeaderGuess | None:
    """Find the header row among the first `scan` rows.

    Each row is scored by the block of adjacent cells that match known headers best; a title line
    or a parameter block ("Date du jour : …") scores low, and a summary block to the right of the
    header is a separate block that is left out.
    """
    best: HeaderGuess | None = None
    for r, row in enumerate(rows[:scan]):
        hits: list[tuple[int, str, int]] = []
        for c, value in enumerate(row):
            if not isinstance(value, str) or not value.strip():
                continue
            if vocabulary is voc.INVOICE_VOCABULARY and voc.vat_split_rate(value):
                hits.append((c, "vat_split", 60))
                continue
            m = vocabulary.match(value)
            if m is not None and m.score >= 55:
                hits.append((c, m.field, m.score))
        if len({h[1] for h in hits}) < 2:
            continue
        for group in _segments(hits, rows, r):
            fields = {h[1] for h in group}
            if len(fields) < 2:
                continue
            score = sum(h[2] for h in group)
            if best is None or score > best.score:
                best = _build_guess(r, row, group, score, vocabulary)
    if best is not None and overrides:
        best = _apply_overrides(best, rows, overrides)
    return best


def _build_guess(r: int, row: Sequence[Any], group: list[tuple[int, str, int]], score: int,
                 vocabulary: voc.Vocabulary) -> HeaderGuess:
    first = group[0][0]
    last = group[-1][0]
    # extend the block over adjacent non-empty header cells that matched nothing
    while last + 1 < len(row) and isinstance(row[last + 1], str) and row[last + 1].strip():
        last += 1
    while first - 1 >= 0 and isinstance(row[first - 1], str) and row[first - 1].strip():
        first -= 1
    chosen: dict[str, tuple[int, int]] = {}
    vat_split: list[tuple[int, str, str]] = []
    for c, fld, sc in group:
        if fld == "vat_split":
            vat_split.append((c, str(row[c]).strip(), voc.vat_split_rate(row[c]) or ""))
            continue
        if fld not in chosen or sc > chosen[fld][1]:
            chosen[fld] = (c, sc)
    columns = {
        fld: ColumnInfo(fld, str(row[c]).strip(), column_letter(c + 1), c)
        for fld, (c, _) in chosen.items()
    }
    headers = tuple(str(v).strip() for v in row[first:last + 1] if isinstance(v, str) and v.strip())
    if vocabulary is voc.INVOICE_VOCABULARY:
        _add_suivi_columns(row, first, last, columns)
    return HeaderGuess(r + 1, score, columns, first, last, headers, tuple(sorted(vat_split)))


_SUIVI_HEADERS = {label: fld for fld, label in voc.FIELD_LABELS_FR.items()}


def _add_suivi_columns(row: Sequence[Any], first: int, last: int,
                       columns: dict[str, ColumnInfo]) -> None:
    """Columns suivi added itself right of a user's table (past a summary block, say) carry its
    exact headers ("Niveau de relance", "Dernière action"…): find them on the header row."""
    for c, value in enumerate(row):
        if first <= c <= last or not isinstance(value, str):
            continue
        fld = _SUIVI_HEADERS.get(value.strip())
        if fld is not None and fld not in columns:
            columns[fld] = ColumnInfo(fld, value.strip(), column_letter(c + 1), c)


def _apply_overrides(guess: HeaderGuess, rows: Sequence[Sequence[Any]],
                     overrides: Mapping[str, str]) -> HeaderGuess:
    """Explicit mapping from suivi.toml wins: a header text or a column letter per field."""
    header_row = rows[guess.row - 1]
    columns = dict(guess.columns)
    for fld, target in overrides.items():
        target = str(target).strip()
        index = None
        if target.isalpha() and target.isupper() and len(target) <= 3:
            index = column_index(target) - 1
        else:
            wanted = voc.fold_header(target)
            for c, value in enumerate(header_row):
                if isinstance(value, str) and voc.fold_header(value) == wanted:
                    index = c
                    break
        if index is None:
            continue
        header = str(header_row[index]).strip() if index < len(header_row) else target
        for other, info in list(columns.items()):
            if info.index == index and other != fld:
                del columns[other]
        columns[fld] = ColumnInfo(fld, header, column_letter(index + 1), index)
    first = min([guess.first_col] + [i.index for i in columns.values()])
    last = max([guess.last_col] + [i.index for i in columns.values()])
    return replace(guess, columns=columns, first_col=first, last_col=last)


# --------------------------------------------------------------------------- cell parsing


class _RowReader:
    """Parses the mapped cells of one sheet, collecting issues with their cell references.

    `load(values, row)` picks the mapped cells of a row once; the accessors then convert them,
    with fast paths for what calamine returns most (float, datetime, str).
    """

    def __init__(self, sheet: str, columns: Mapping[str, ColumnInfo], issues: list[Issue]):
        self.sheet = sheet
        self.columns = columns
        self.issues = issues
        self._fields = tuple(columns)
        self._indices = tuple(info.index for info in columns.values())
        self._width = max(self._indices, default=-1) + 1
        self._pick = itemgetter(*self._indices) if len(self._indices) > 1 else None
        self.cur: dict[str, Any] = {}
        self.row = 0

    def load(self, values: Sequence[Any], row: int) -> None:
        """Keep the mapped cells of `values`; empty cells are "" (calamine) or None."""
        if self._pick is not None and len(values) >= self._width:
            self.cur = dict(zip(self._fields, self._pick(values)))
        else:
            n = len(values)
            self.cur = {f: values[i] if i < n else None for f, i in zip(self._fields, self._indices)}
        self.row = row

    def ref(self, fld: str, row: int | None = None) -> CellRef:
        return CellRef(self.sheet, row or self.row, self.columns[fld].column)

    def raw(self, fld: str) -> Any:
        value = self.cur.get(fld)
        return None if value == "" else value

    def _problem(self, fld: str, exc: ValueProblem, code: str, hint: str) -> None:
        self.issues.append(Issue(self.ref(fld), code, Severity.ERROR,
                                 f"{exc} (colonne « {self.columns[fld].header} »).", hint))

    def get(self, fld: str, parser: Callable[[Any], Any], code: str, hint: str) -> Any:
        value = self.cur.get(fld)
        if value is None or value == "":
            return None
        try:
            return parser(value)
        except ValueProblem as exc:
            self._problem(fld, exc, code, hint)
            return None

    def amount(self, fld: str) -> Decimal | None:
        value = self.cur.get(fld)
        if value is None or value == "":
            return None
        if type(value) is float:
            text = repr(value)
            if len(text) < 16 and "e" not in text:  # short repr: exactly the cell's text
                return Decimal(text)
        try:
            return parse_amount(value)
        except ValueProblem as exc:
            self._problem(fld, exc, "montant_illisible", "Saisissez un nombre, par exemple 1 234,56.")
            return None

    def date(self, fld: str) -> date | None:
        value = self.cur.get(fld)
        if value is None or value == "":
            return None
        kind = type(value)
        if kind is datetime:
            return value.date()
        if kind is date:
            return value
        try:
            return parse_date(value)
        except ValueProblem as exc:
            self._problem(fld, exc, "date_illisible", "Saisissez une date, par exemple 25/11/2026.")
            return None

    def text(self, fld: str) -> str | None:
        value = self.cur.get(fld)
        if value is None or value == "":
            return None
        if type(value) is str:
            return value.strip() or None
        return parse_text(value)


def _is_total_row(values: Sequence[Any], first: int, last: int) -> bool:
    for value in values[first:last + 1]:
        if isinstance(value, str) and value.strip().casefold().startswith(("total", "sous-total",
                                                                           "sous total")):
            return True
    return False


def _row_empty(values: Sequence[Any], first: int, last: int) -> bool:
    return all(v in ("", None) for v in values[first:last + 1])


# --------------------------------------------------------------------------- invoices


def _invoice_kind(text: str | None, number: str | None, status: str | None,
                  ttc: Decimal | None) -> InvoiceKind:
    if text or status:
        kind = _kind_from_text(text, status)
        if kind is not None:
            return kind
    if number and number.upper().startswith("AV") and number[2:3].isdigit():
        return InvoiceKind.CREDIT_NOTE
    if ttc is not None and ttc < ZERO:
        return InvoiceKind.CREDIT_NOTE
    return InvoiceKind.INVOICE


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


class _Columns:
    """Column-wise conversion of the invoice sheet: each mapped column is converted in one
    tight loop (fast paths for what calamine returns), problems become issues naming the cell.
    Much faster than converting cell by cell through method calls on 100k-row sheets."""

    def __init__(self, rows: list[list[Any]], kept: list[int], sheet: str,
                 columns: Mapping[str, ColumnInfo], issues: list[Issue]):
        self.kept, self.sheet = kept, sheet
        self.columns, self.issues = columns, issues
        self.none = [None] * len(kept)
        width = max((info.index for info in columns.values()), default=-1) + 1
        data = [rows[r] for r in kept]
        if any(len(values) < width for values in data):
            data = [list(values) + [""] * (width - len(values)) for values in data]
        # one transposition in C instead of one Python loop per column
        self.transposed = list(zip(*data)) if data else [()] * width

    def raw(self, fld: str) -> Sequence[Any]:
        info = self.columns.get(fld)
        if info is None:
            return self.none
        return self.transposed[info.index]

    def _problem(self, fld: str, position: int, exc: ValueProblem, code: str, hint: str) -> None:
        info = self.columns[fld]
        self.issues.append(Issue(CellRef(self.sheet, self.kept[position] + 1, info.column), code,
                                 Severity.ERROR, f"{exc} (colonne « {info.header} »).", hint))

    def text(self, fld: str) -> list[str | None]:
        if fld not in self.columns:
            return self.none
        return [None if v == "" or v is None else (v.strip() or None) if type(v) is str
                else parse_text(v) for v in self.raw(fld)]

    def amount(self, fld: str) -> list[Decimal | None]:
        if fld not in self.columns:
            return self.none
        out: list[Decimal | None] = []
        append = out.append
        seen: dict[float, Decimal] = {}  # amounts repeat (paid = total, round prices)
        for position, v in enumerate(self.raw(fld)):
            if v == "" or v is None:
                append(None)
                continue
            if type(v) is float:
                known = seen.get(v)
                if known is not None:
                    append(known)
                    continue
                text = repr(v)
                if len(text) < 16 and "e" not in text:  # short repr: exactly the cell's text
                    seen[v] = value = Decimal(text)
                    append(value)
                    continue
            try:
                append(parse_amount(v))
            except ValueProblem as exc:
                self._problem(fld, position, exc, "montant_illisible",
                              "Saisissez un nombre, par exemple 1 234,56.")
                append(None)
        return out

    def date(self, fld: str) -> list[date | None]:
        if fld not in self.columns:
            return self.none
        out: list[date | None] = []
        append = out.append
        for position, v in enumerate(self.raw(fld)):
            kind = type(v)
            if kind is datetime:
                append(v.date())
            elif kind is date:
                append(v)
            elif v == "" or v is None:
                append(None)
            else:
                try:
                    append(parse_date(v))
                except ValueProblem as exc:
                    self._problem(fld, position, exc, "date_illisible",
                                  "Saisissez une date, par exemple 25/11/2026.")
                    append(None)
        return out

    def parsed(self, fld: str, parser: Callable[[Any], Any], code: str, hint: str) -> list[Any]:
        if fld not in self.columns:
            return self.none
        out = []
        for position, v in enumerate(self.raw(fld)):
            if v == "" or v is None:
                out.append(None)
                continue
            try:
                out.append(parser(v))
            except ValueProblem as exc:
                self._problem(fld, position, exc, code, hint)
                out.append(None)
        return out


def _kept_rows(rows: list[list[Any]], guess: HeaderGuess) -> list[int]:
    """Indices of the data rows: empty rows and a "Total" line at the bottom are left out."""
    first, last = guess.first_col, guess.last_col
    number = guess.columns.get("number")
    at = number.index if number is not None else -1
    kept = []
    for r in range(guess.row, len(rows)):
        values = rows[r]
        if 0 <= at < len(values) and values[at] != "" and values[at] is not None:
            kept.append(r)  # the common case: a numbered invoice
            continue
        if _row_empty(values, first, last) or _is_total_row(values, first, last):
            continue
        kept.append(r)
    return kept


def _read_invoices(rows: list[list[Any]], sheet: str, guess: HeaderGuess,
                   issues: list[Issue]) -> list[Invoice]:
    kept = _kept_rows(rows, guess)
    cols = _Columns(rows, kept, sheet, guess.columns, issues)
    has = guess.columns.__contains__
    text = {f: cols.text(f) for f in TEXT_FIELDS}
    # Reste dû is only needed when the total or the amount paid is missing (it is usually a
    # formula whose cached value may be stale after an edit: the amounts themselves win)
    skip_balance = has("amount_ttc") and has("amount_paid")
    amount = {f: cols.none if f == "balance" and skip_balance else cols.amount(f)
              for f in AMOUNT_FIELDS}
    dates = {f: cols.date(f) for f in DATE_FIELDS}
    vat_rates = cols.parsed("vat_rate", parse_percent, "taux_illisible",
                            "Saisissez un taux, par exemple 20 %.")
    steps_raw = cols.raw("reminder_step")
    disputes = cols.raw("dispute")
    has_vat, has_ttc, has_ht, has_paid = has("vat"), has("amount_ttc"), has("amount_ht"), has("amount_paid")
    step_column = guess.columns.get("reminder_step")
    steps_seen: dict[Any, Any] = {}
    plain_statuses = _PLAIN_STATUSES
    invoices: list[Invoice] = []
    append = invoices.append
    for (r, number, client, description, terms, status_text, last_action, next_action, rep, po,
         notes, pdf, kind_text, original, ht, vat, ttc, paid, balance, issued, due, paid_on,
         last_date, next_date, promise, rate, step_value, dispute_raw) in zip(
            kept, *(text[f] for f in TEXT_FIELDS), *(amount[f] for f in AMOUNT_FIELDS),
            *(dates[f] for f in DATE_FIELDS), vat_rates, steps_raw, disputes):
        row_number = r + 1
        if vat is None and guess.vat_split:
            vat = _split_vat(rows[r], sheet, row_number, guess, issues)
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
                issues.append(Issue(CellRef(sheet, row_number, step_column.column),
                                    "niveau_illisible", Severity.WARNING,
                                    f"Niveau de relance « {step_value} » non reconnu.",
                                    "Indiquez un nombre de 0 à 6 ou laissez vide."))
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
        append(Invoice(
            sheet, row_number, number, issued, client or "", description or "", ht, vat, ttc,
            terms, due, False, paid if paid is not None else ZERO, paid_on, status_text, step,
            last_action, last_date, next_action, next_date, rep, po, dispute, dispute_text,
            promise, notes, pdf, kind, rate, original,
        ))
    return invoices


def _split_vat(values: Sequence[Any], sheet: str, row_number: int, guess: HeaderGuess,
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
            issues.append(Issue(CellRef(sheet, row_number, column_letter(c + 1)),
                                "montant_illisible", Severity.ERROR,
                                f"{exc} (colonne « {header} »).",
                                "Saisissez un nombre, par exemple 1 234,56."))
    return sum((p for p in parts if p is not None), ZERO) if parts else None


# --------------------------------------------------------------------------- other sheets


def _client_type(value: Any) -> ClientType | None:
    text = voc.fold_header(value)
    if not text:
        return None
    if text.startswith(("particulier", "individual", "consumer", "b2c", "personne physique")):
        return ClientType.INDIVIDUAL
    if text.startswith(("asso",)):
        return ClientType.ASSOCIATION
    if text.startswith(("admin", "public", "collectivite", "etat", "mairie", "b2g")):
        return ClientType.PUBLIC
    if text.startswith(("societe", "entreprise", "company", "business", "pro", "b2b", "sarl",
                        "sas", "sa ", "eurl")):
        return ClientType.COMPANY
    return None


def _split_emails(value: str | None) -> tuple[str, ...]:
    """Addresses of an email cell: "a@x.fr; b@y.fr", or "Jean Bêta <jean@beta.fr>" as Outlook
    copies it (the display name is dropped: messages are addressed to the client's name).
    A part with a line break is kept as typed, so that the checks refuse it."""
    if not value:
        return ()
    text = value.replace(";", ",")
    if "\r" in text or "\n" in text:
        return tuple(p.strip() for p in text.split(",") if p.strip())
    raw = tuple(p.strip() for p in text.split(",") if p.strip())
    found = tuple(address.strip() for _name, address in getaddresses([text]) if address)
    if not found or any("@" not in address for address in found):
        return raw  # not understood: kept as typed, the checks name the cell
    return found


def _loaded_rows(rows: list[list[Any]], guess: HeaderGuess, rr: _RowReader) -> Iterator[int]:
    """Row numbers of the non-empty data rows below the header, each loaded into `rr`."""
    for r in range(guess.row, len(rows)):
        values = rows[r]
        if _row_empty(values, guess.first_col, guess.last_col):
            continue
        rr.load(values, r + 1)
        yield r + 1


def _read_clients(rows: list[list[Any]], sheet: str, guess: HeaderGuess,
                  issues: list[Issue]) -> dict[str, Client]:
    rr = _RowReader(sheet, guess.columns, issues)
    clients: dict[str, Client] = {}
    for row_number in _loaded_rows(rows, guess, rr):
        name = rr.text("name")
        if not name:
            continue
        type_raw = rr.raw("type")
        ctype = _client_type(type_raw)
        if type_raw is not None and ctype is None:
            issues.append(Issue(rr.ref("type"), "type_client_inconnu", Severity.WARNING,
                                f"Type de client « {type_raw} » inconnu : « Société » est retenu.",
                                "Choisissez Société, Particulier, Association ou Administration."))
        reminders_raw = rr.raw("reminders_enabled")
        language = (rr.text("language") or "fr").casefold()
        limit = rr.amount("credit_limit")
        siren = rr.text("siren")
        client = Client(
            name=name,
            type=ctype or ClientType.COMPANY,
            siren=siren,
            vat_number=rr.text("vat_number"),
            address=rr.text("address"),
            delivery_address=rr.text("delivery_address"),
            emails=_split_emails(rr.text("email")),
            phone=rr.text("phone"),
            payment_terms=rr.text("payment_terms"),
            credit_limit=limit,
            language="en" if language.startswith(("en", "ang")) else "fr",
            reminders_enabled=parse_bool(reminders_raw, default=True),
            template=rr.text("template"),
            where=CellRef(sheet, row_number, guess.columns["name"].column),
        )
        key = normalise_name(name)
        if key in clients:
            issues.append(Issue(client.where, "client_en_double", Severity.WARNING,
                                f"Le client « {name} » apparaît deux fois dans la feuille {sheet} "
                                f"(déjà en {clients[key].where}).",
                                "Gardez une seule ligne par client ; la première est utilisée."))
            continue
        clients[key] = client
    return clients


def _read_lines(rows, sheet, guess, issues) -> list[InvoiceLine]:
    rr = _RowReader(sheet, guess.columns, issues)
    lines = []
    for row_number in _loaded_rows(rows, guess, rr):
        number = rr.text("invoice_number")
        if not number:
            continue
        quantity = rr.amount("quantity")
        price = rr.amount("unit_price")
        rate = rr.get("vat_rate", parse_percent, "taux_illisible",
                      "Saisissez un taux, par exemple 20 %.")
        if price is None:
            continue
        lines.append(InvoiceLine(
            invoice_number=number,
            description=rr.text("description") or "",
            quantity=quantity if quantity is not None else Decimal(1),
            unit_price=price,
            vat_rate=rate if rate is not None else Decimal(20),
            unit=rr.text("unit") or "C62",
            where=CellRef(sheet, row_number, "A"),
        ))
    return lines


def _read_payments(rows, sheet, guess, issues) -> list[Payment]:
    rr = _RowReader(sheet, guess.columns, issues)
    payments = []
    for row_number in _loaded_rows(rows, guess, rr):
        amount = rr.amount("amount")
        if amount is None:
            continue
        payments.append(Payment(
            date=rr.date("date"),
            amount=amount,
            invoice_number=rr.text("invoice_number"),
            client=rr.text("client"),
            method=rr.text("method"),
            reference=rr.text("reference"),
            where=CellRef(sheet, row_number, "A"),
        ))
    return payments


def _read_journal(rows, sheet, guess, issues) -> list[JournalEntry]:
    rr = _RowReader(sheet, guess.columns, issues)
    entries = []
    for row_number in _loaded_rows(rows, guess, rr):
        numbers = rr.text("invoice_numbers") or ""
        try:
            when = parse_date(rr.raw("date"))
        except ValueProblem:
            when = None
        entries.append(JournalEntry(
            date=when,
            invoice_numbers=tuple(n.strip() for n in numbers.replace(";", ",").split(",") if n.strip()),
            client=rr.text("client"),
            step=rr.text("step"),
            channel=rr.text("channel"),
            recipient=rr.text("recipient"),
            result=rr.text("result"),
            file=rr.text("file"),
            where=CellRef(sheet, row_number, "A"),
        ))
    return entries


# --------------------------------------------------------------------------- the master


def _choose_invoice_sheet(wb: CalamineWorkbook, names: list[str], options: ReadOptions,
                          path: Path) -> tuple[str, list[list[Any]], HeaderGuess | None]:
    if options.sheet:
        if options.sheet not in names:
            raise HeaderNotFound(
                f"La feuille « {options.sheet} » (indiquée dans suivi.toml) n'existe pas dans "
                f"« {path.name} ». Feuilles présentes : {', '.join(names)}. Corrigez le paramètre "
                f"« feuille »."
            )
        rows = sheet_rows(wb, options.sheet)
        return options.sheet, rows, guess_header(rows, voc.INVOICE_VOCABULARY, options.columns)
    known = set()
    for group in (CLIENT_SHEET_NAMES, LINE_SHEET_NAMES, PAYMENT_SHEET_NAMES, JOURNAL_SHEET_NAMES,
                  OWNED_SHEET_NAMES):
        found = find_sheet(names, group)
        while found:
            known.add(found)
            found = find_sheet([n for n in names if n not in known], group)
    candidates = [n for n in names if n not in known] or names
    best: tuple[int, str, list[list[Any]], HeaderGuess | None] | None = None
    for name in candidates:
        rows = sheet_rows(wb, name)
        guess = guess_header(rows, voc.INVOICE_VOCABULARY, options.columns)
        score = guess.score if guess else 0
        if guess and any(h in voc.fold_header(name) for h in ("factur", "invoice", "suivi")):
            score += 150
        if guess and guess.row >= len(rows):
            score -= 100  # a header with no data below it
        if best is None or score > best[0]:
            best = (score, name, rows, guess)
    assert best is not None
    return best[1], best[2], best[3]


@contextmanager
def _bulk_allocation():
    """Pause the cyclic garbage collector while 100k records are built, then move them out of
    its sight (gc.freeze): they hold no cycles, and repeated full collections over them would
    cost a fifth of the read time. They are still freed normally by reference counting."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # the records live for the whole run: keep later collections from scanning them again
        gc.freeze()
        if enabled:
            gc.enable()


def read_master(path: str | os.PathLike, options: ReadOptions | None = None,
                today: date | None = None) -> Master:
    """Read the master workbook. Raises ReadError when unusable; data problems become issues."""
    with _bulk_allocation():
        return _read_master(path, options)


def _read_master(path: str | os.PathLike, options: ReadOptions | None) -> Master:
    options = options or ReadOptions()
    p = Path(path)
    wb = open_workbook(p)
    names = worksheet_names(wb)
    if not names:
        raise EmptySheet(f"« {p.name} » ne contient aucune feuille de calcul. Vérifiez le fichier.")
    sheet, rows, guess = _choose_invoice_sheet(wb, names, options, p)
    if not any(any(v not in ("", None) for v in row) for row in rows):
        raise EmptySheet(
            f"La feuille « {sheet} » de « {p.name} » est vide. Ajoutez vos factures (une ligne par "
            f"facture, avec une ligne d'en-têtes) ou créez un classeur modèle avec « suivi init »."
        )
    if guess is None:
        raise HeaderNotFound(
            f"Aucune ligne d'en-têtes reconnue dans les {HEADER_SCAN_ROWS} premières lignes de la "
            f"feuille « {sheet} » de « {p.name} ». Ajoutez des en-têtes comme « N° facture », "
            f"« Client », « Date facture », « Montant TTC », « Échéance », ou indiquez les colonnes "
            f"dans suivi.toml (section [classeur.colonnes])."
        )
    issues: list[Issue] = []
    layout = SheetLayout(sheet, guess.row, guess.columns, last_row=len(rows),
                         last_column=max((len(r) for r in rows), default=0),
                         free_column=_free_column(rows, guess))
    _check_required_columns(layout, guess, issues)
    invoices = _read_invoices(rows, sheet, guess, issues)
    layouts = {"invoices": layout}

    clients: dict[str, Client] = {}
    payments: list[Payment] = []
    lines: list[InvoiceLine] = []
    journal: list[JournalEntry] = []
    for kind, candidates, vocabulary, reader in (
        ("clients", CLIENT_SHEET_NAMES, voc.CLIENT_VOCABULARY, _read_clients),
        ("lines", LINE_SHEET_NAMES, voc.LINE_VOCABULARY, _read_lines),
        ("payments", PAYMENT_SHEET_NAMES, voc.PAYMENT_VOCABULARY, _read_payments),
        ("journal", JOURNAL_SHEET_NAMES, voc.JOURNAL_VOCABULARY, _read_journal),
    ):
        name = find_sheet([n for n in names if n != sheet], candidates)
        if name is None:
            continue
        other_rows = sheet_rows(wb, name)
        other_guess = guess_header(other_rows, vocabulary, scan=10)
        if other_guess is None or (kind == "clients" and "name" not in other_guess.columns):
            if any(any(v not in ("", None) for v in row) for row in other_rows):
                issues.append(Issue(name, "entetes_introuvables", Severity.WARNING,
                                    f"La feuille « {name} » n'a pas d'en-têtes reconnus : elle est "
                                    f"ignorée.", "Ajoutez une ligne d'en-têtes (voir le modèle)."))
            continue
        layouts[kind] = SheetLayout(name, other_guess.row, other_guess.columns,
                                    last_row=len(other_rows))
        result = reader(other_rows, name, other_guess, issues)
        if kind == "clients":
            clients = result
        elif kind == "lines":
            lines = result
        elif kind == "payments":
            payments = result
        else:
            journal = result

    has_client_sheet = "clients" in layouts
    if not has_client_sheet:
        clients = _clients_from_invoices(rows, invoices, guess)
    invoices = _link_credit_notes(invoices)
    invoices = _merge_payments(invoices, payments)
    owned_rows = {name: sheet_rows(wb, name) for name in names
                  if _fold_name(name) in {_fold_name(n) for n in OWNED_READ_BACK} and name != sheet}
    invoices = _derive_due_dates(invoices, clients, layout, options, issues)
    wb.close()
    return Master(
        path=str(p),
        invoices=tuple(invoices),
        clients=clients,
        payments=tuple(payments),
        lines=tuple(lines),
        journal=tuple(journal),
        layout=layout,
        layouts=layouts,
        issues=tuple(issues),
        sheet_names=tuple(names),
        read_at=datetime.now(),
        owned_rows=owned_rows,
    )


def _free_column(rows: list[list[Any]], guess: HeaderGuess, width: int = 8) -> int:
    """First column (1-based) right of the table with `width` empty columns from the header
    row down: where suivi adds the columns it needs (Statut, Niveau de relance…) when the
    user's sheet has none. A summary block to the right is stepped over, never overwritten."""
    used: set[int] = set()
    for values in rows[guess.row - 1:]:
        for c in range(guess.last_col + 1, len(values)):
            if values[c] not in ("", None):
                used.add(c)
    c = guess.last_col + 1
    while any(k in used for k in range(c, c + width)):
        c += 1
    return c + 1


def _check_required_columns(layout: SheetLayout, guess: HeaderGuess, issues: list[Issue]) -> None:
    found = ", ".join(f"« {h} »" for h in guess.headers) or "aucun en-tête"
    wanted: list[tuple[str, tuple[str, ...]]] = [("number", ("number",)), ("client", ("client",)),
                                                  ("amount_ttc", voc.AMOUNT_FIELDS)]
    for label_field, alternatives in wanted:
        if any(layout.has(a) for a in alternatives):
            continue
        if label_field == "amount_ttc" and guess.vat_split:
            continue
        synonyms = voc.INVOICE_FIELDS[label_field][:5]
        issues.append(Issue(
            CellRef(layout.sheet, layout.header_row, "A"), "colonne_absente", Severity.ERROR,
            f"Colonne obligatoire absente : « {voc.FIELD_LABELS_FR[label_field]} ». Cherché : "
            f"{', '.join(synonyms)}… Trouvé : {found}.",
            "Renommez l'en-tête de la colonne concernée, ou indiquez-la dans suivi.toml "
            "([classeur.colonnes]).",
        ))
    if not layout.has("issue_date") and not layout.has("due_date"):
        issues.append(Issue(
            CellRef(layout.sheet, layout.header_row, "A"), "colonne_absente", Severity.ERROR,
            f"Aucune colonne de date (« Date facture » ou « Échéance ») trouvée. Trouvé : {found}.",
            "Ajoutez la date de facture, ou indiquez la colonne dans suivi.toml.",
        ))


def _link_credit_notes(invoices: list[Invoice]) -> list[Invoice]:
    """A credit note names the invoice it corrects in a column ("Facture d'origine") or in its
    description or notes ("Avoir sur facture FAC2026-003"): find that number."""
    numbers = {inv.number for inv in invoices if inv.number}
    if not numbers:
        return invoices
    linked = []
    for inv in invoices:
        if inv.kind is InvoiceKind.CREDIT_NOTE and not inv.original_number:
            text = " ".join(t for t in (inv.description, inv.notes) if t)
            for token in re.findall(r"[A-Za-z0-9][A-Za-z0-9/_.-]*[0-9]", text):
                if token in numbers and token != inv.number:
                    inv = replace(inv, original_number=token)
                    break
        linked.append(inv)
    return linked


def _clients_from_invoices(rows, invoices: list[Invoice], guess: HeaderGuess) -> dict[str, Client]:
    """Trackers without a Clients sheet: clients are the names of the invoice sheet, with the
    email and phone columns of that sheet when present."""
    email_col = guess.columns.get("client_email")
    phone_col = guess.columns.get("client_phone")
    clients: dict[str, Client] = {}
    for inv in invoices:
        key = normalise_name(inv.client)
        if not key:
            continue
        values = rows[inv.row - 1]
        email = parse_text(values[email_col.index]) if email_col and email_col.index < len(values) else None
        phone = parse_text(values[phone_col.index]) if phone_col and phone_col.index < len(values) else None
        existing = clients.get(key)
        if existing is None:
            clients[key] = Client(name=inv.client, emails=_split_emails(email), phone=phone,
                                  where=CellRef(inv.sheet, inv.row, "A"))
        elif not existing.emails and email:
            clients[key] = replace(existing, emails=_split_emails(email))
    return clients


def _merge_payments(invoices: list[Invoice], payments: list[Payment]) -> list[Invoice]:
    """Montant réglé is at least what the Paiements sheet lists for the invoice."""
    if not payments:
        return invoices
    totals: dict[str, Decimal] = {}
    last_date: dict[str, date] = {}
    for p in payments:
        if p.invoice_number:
            totals[p.invoice_number] = totals.get(p.invoice_number, ZERO) + p.amount
            if p.date and (p.invoice_number not in last_date or p.date > last_date[p.invoice_number]):
                last_date[p.invoice_number] = p.date
    merged = []
    for inv in invoices:
        listed = totals.get(inv.number or "")
        if listed is not None and listed > inv.amount_paid:
            inv = replace(inv, amount_paid=listed,
                          payment_date=inv.payment_date or last_date.get(inv.number or ""))
        merged.append(inv)
    return merged


def _derive_due_dates(invoices: list[Invoice], clients: Mapping[str, Client], layout: SheetLayout,
                      options: ReadOptions, issues: list[Issue]) -> list[Invoice]:
    """Invoices without a due date get one from their own, the client's or the default terms."""
    default = terms_mod.parse_terms(options.default_terms) or terms_mod.PaymentTerms(30)
    result = []
    derived_without_column = 0
    for inv in invoices:
        if inv.due_date is not None or inv.issue_date is None:
            result.append(inv)
            continue
        client = clients.get(normalise_name(inv.client))
        source = "de la facture"
        terms = terms_mod.parse_terms(inv.payment_terms)
        if terms is None and client is not None:
            terms = terms_mod.parse_terms(client.payment_terms)
            source = "du client"
        if terms is None:
            terms, source = default, "par défaut"
        due = terms.due_date(inv.issue_date)
        if not layout.has("due_date"):
            derived_without_column += 1
        elif inv.number:  # rows still to be issued get their due date when they are numbered
            issues.append(Issue(
                layout.ref("due_date", inv.row), "echeance_calculee", Severity.WARNING,
                f"Facture {inv.label} sans échéance : échéance calculée au "
                f"{due.strftime('%d/%m/%Y')} d'après les conditions {source} "
                f"« {terms.text or '30 jours'} ».",
                "Saisissez l'échéance si elle est différente.",
            ))
        result.append(replace(inv, due_date=due, due_date_derived=True))
    if derived_without_column:
        issues.append(Issue(
            layout.sheet, "echeance_calculee", Severity.WARNING,
            f"La feuille n'a pas de colonne « Échéance » : l'échéance de {derived_without_column} "
            f"facture(s) est calculée d'après les conditions de paiement (du client, sinon "
            f"« {default.text or '30 jours'} » par défaut).",
            "Ajoutez une colonne « Échéance » ou « Conditions de paiement » pour plus de précision.",
        ))
    return result
