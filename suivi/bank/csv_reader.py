"""French bank CSV exports → `Statement`.

Read with the csv module (explicit delimiter, double quotes, strict quoting), after decoding
(`suivi.bank.sniff.decode`). The separator is the first of ; , tab | with which a header row is
found (or, without header, the one giving the most regular table); `[banque.csv]`
(`CsvMapping`) may fix it, and the encoding, header row, columns, decimal separator and date
format. Amounts: one signed column, or Débit and Crédit columns (a debit is negative whatever
its written sign). The decimal separator is decided once per file from the amounts written
("12,50" → comma), so that "1.234" in a comma file is read as 1 234.

Lines under the header without a date ("Total", "Solde au…", empty lines) are counted as
ignored; a date or amount that is present but unreadable refuses the file, naming the line.
"""
from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

from suivi.bank.classify import classify, payer_from_label
from suivi.bank.csv_layout import (
    Row,
    assign_columns,
    find_header,
    header_key,
    infer_columns,
    preamble_info,
)
from suivi.bank.errors import (
    CsvColumnsNotFound,
    MalformedStatement,
    NotAStatement,
    TruncatedStatement,
)
from suivi.bank.mapping import COLUMN_FIELDS, CsvMapping
from suivi.bank.sniff import decode
from suivi.core.bank_models import (
    BankTransaction,
    Statement,
    StatementSource,
    TransactionKind,
    fold_text,
    transaction_hash,
)
from suivi.core.values import (
    ValueProblem,
    parse_amount,
    parse_date,
    parse_plausible_date,
    plausible_date,
)

SEPARATORS = (";", ",", "\t", "|")
_YEAR_FIRST = re.compile(r"^(\d{4})[./](\d{1,2})[./](\d{1,2})$")
_NOT_BOOKED = ("DECLINED", "REFUS", "REJET", "PENDING", "EN COURS", "EN ATTENTE", "CANCEL",
               "ANNUL", "REVERT", "FAILED", "ECHEC", "ECHOU")
_DATE_TOKENS = (("aaaa", "%Y"), ("yyyy", "%Y"), ("jj", "%d"), ("dd", "%d"), ("mm", "%m"),
                ("aa", "%y"), ("yy", "%y"))


def _records(text: str, separator: str, file: str) -> list[Row]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, quotechar='"',
                        doublequote=True, strict=True, skipinitialspace=False)
    rows: list[Row] = []
    start = 1
    try:
        for cells in reader:
            rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        if "end of data" in str(exc):
            raise TruncatedStatement(file=file, line=start) from None
        raise MalformedStatement("bank.csv_bad_quotes", file=file, line=start) from None
    return rows


def _python_date_format(text: str) -> str:
    if "%" in text:
        return text
    result = text.lower()
    for token, code in _DATE_TOKENS:
        result = result.replace(token, code)
    return result


def _resolve(mapping: CsvMapping, header: Sequence[str] | None, file: str) -> dict[str, int]:
    """Columns named by the mapping (header text or 1-based number) → indexes."""
    columns: dict[str, int] = {}
    keys = [header_key(c) for c in header] if header is not None else []
    for fld, ref in mapping.columns.items():
        if ref.strip().isdigit():
            columns[fld] = int(ref) - 1
        elif header_key(ref) in keys:
            columns[fld] = keys.index(header_key(ref))
        else:
            raise CsvColumnsNotFound("bank.csv_mapped_column_missing", file=file, column=ref,
                                     key=_KEY_OF[fld], headers=tuple(header or ()))
    return columns


_KEY_OF = {"date": "colonne_date", "value_date": "colonne_date_valeur",
           "label": "colonne_libelle", "amount": "colonne_montant", "debit": "colonne_debit",
           "credit": "colonne_credit", "reference": "colonne_reference",
           "payer": "colonne_payeur", "details": "colonne_details"}


def _layout(rows: list[Row], mapping: CsvMapping, file: str) -> tuple[int, dict[str, int], bool]:
    """(index of the first data row, columns, whether a header row was found)."""
    if mapping.header_row is not None:
        if mapping.header_row == 0:
            inferred = infer_columns(rows)
            columns = {**(inferred.columns if inferred else {}), **_resolve(mapping, None, file)}
            return _first_dated(rows, columns.get("date")), columns, False
        position = next((i for i, (line, _) in enumerate(rows) if line >= mapping.header_row),
                        len(rows))
        if position >= len(rows):
            raise CsvColumnsNotFound("bank.csv_header_row_missing", file=file,
                                     line=mapping.header_row)
        header = rows[position][1]
        return position + 1, {**assign_columns(header), **_resolve(mapping, header, file)}, True
    found = find_header(rows)
    if found is not None:
        position, columns = found
        return position + 1, {**columns, **_resolve(mapping, rows[position][1], file)}, True
    inferred = infer_columns(rows)
    if inferred is None:
        best = max(rows[:40], key=lambda r: len([c for c in r[1] if c.strip()]), default=(1, []))
        if len([c for c in best[1] if c.strip()]) < 2:
            raise NotAStatement(file=file)
        raise CsvColumnsNotFound(file=file, line=best[0],
                                 headers=tuple(c.strip() for c in best[1] if c.strip()))
    return inferred.start, {**inferred.columns, **_resolve(mapping, None, file)}, False


def _first_dated(rows: Sequence[Row], column: int | None) -> int:
    """Index of the first row whose `column` holds a date (the table of a header-less file)."""
    for position, (_, cells) in enumerate(rows):
        if column is not None and column < len(cells):
            try:
                if parse_date(cells[column].strip()):
                    return position
            except ValueProblem:
                continue
    return len(rows)


def _choose_separator(text: str, mapping: CsvMapping, file: str) -> tuple[str, list[Row]]:
    if mapping.separator:
        return mapping.separator, _records(text, mapping.separator, file)
    sample = "\n".join(text.splitlines()[:60])
    fallback: tuple[int, str] | None = None
    for separator in SEPARATORS:
        try:
            rows = _records(sample, separator, file)
        except MalformedStatement:
            continue
        if find_header(rows) is not None:
            return separator, _records(text, separator, file)
        widths = Counter(len(cells) for _, cells in rows if len(cells) >= 3)
        regular = widths.most_common(1)[0][1] if widths else 0
        if regular and (fallback is None or regular > fallback[0]):
            fallback = (regular, separator)
    separator = fallback[1] if fallback else ";"
    return separator, _records(text, separator, file)


def _decimal_separator(rows: Sequence[Row], columns: dict[str, int]) -> str | None:
    commas = dots = 0
    for _, cells in rows[:500]:
        for fld in ("amount", "debit", "credit"):
            i = columns.get(fld)
            if i is not None and i < len(cells):
                cell = cells[i].strip()
                commas += bool(re.search(r",\d{1,2}$", cell))
                dots += bool(re.search(r"\.\d{1,2}$", cell))
    if commas > dots:
        return ","
    if dots > commas:
        return "."
    return None


class _Reader:
    """Turns the data rows into transactions, with the settings decided for the file."""

    def __init__(self, file: str, columns: dict[str, int], mapping: CsvMapping,
                 decimal: str | None, account: str | None) -> None:
        self.file = file
        self.columns = columns
        self.decimal = mapping.decimal or decimal
        self.date_format = _python_date_format(mapping.date_format) if mapping.date_format \
            else None
        self.account = mapping.account or account
        self.needed = max(columns[f] for f in ("date", "amount", "debit", "credit")
                          if f in columns)

    def cell(self, cells: list[str], fld: str) -> str:
        i = self.columns.get(fld)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    def date(self, text: str, line: int) -> date:
        try:
            if self.date_format:
                return plausible_date(datetime.strptime(text, self.date_format).date(), text)
            year_first = _YEAR_FIRST.match(text)
            if year_first:  # 2026.03.02, 2026/03/02: year, month, day
                return plausible_date(date(int(year_first[1]), int(year_first[2]),
                                           int(year_first[3])), text)
            day = parse_plausible_date(text)
            assert day is not None
            return day
        except (ValueError, ValueProblem):
            raise MalformedStatement("bank.csv_bad_date", file=self.file, line=line,
                                     value=text) from None

    def amount(self, text: str, line: int, column: str) -> Decimal | None:
        clean = text.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
        if self.decimal == ",":
            clean = clean.replace(".", "").replace(",", ".")
        elif self.decimal == ".":
            clean = clean.replace(",", "")
        try:
            return parse_amount(clean, decimal="." if self.decimal else None)
        except ValueProblem:
            raise MalformedStatement("bank.csv_bad_amount", file=self.file, line=line,
                                     value=text, column=column) from None

    def signed(self, cells: list[str], line: int) -> Decimal | None:
        if "amount" in self.columns:
            return self.amount(self.cell(cells, "amount"), line, "amount")
        debit = self.amount(self.cell(cells, "debit"), line, "debit")
        credit = self.amount(self.cell(cells, "credit"), line, "credit")
        if debit is None and credit is None:
            return None
        return (abs(credit) if credit else Decimal(0)) - (abs(debit) if debit else Decimal(0))


def read_csv(data: bytes, file: str, mapping: CsvMapping | None = None) -> Statement:
    """A bank CSV export as a `Statement` (see the module docstring)."""
    mapping = mapping or CsvMapping()
    text, _ = decode(data, file, mapping.encoding)
    separator, rows = _choose_separator(text, mapping, file)
    start, columns, has_header = _layout(rows, mapping, file)
    if "date" not in columns or not {"amount", "debit", "credit"} & columns.keys():
        header = rows[start - 1][1] if has_header and start else []
        raise CsvColumnsNotFound(file=file, line=rows[start - 1][0] if start else 1,
                                 headers=tuple(c.strip() for c in header if c.strip()))
    account, dates = preamble_info(rows[:start - 1] if has_header else rows[:start])
    reader = _Reader(file, columns, mapping, _decimal_separator(rows[start:], columns), account)
    return _transactions(rows, start, reader, columns, dates)


def _transactions(rows: list[Row], start: int, reader: _Reader, columns: dict[str, int],
                  preamble_dates: list[str]) -> Statement:
    transactions: list[BankTransaction] = []
    skipped: Counter[str] = Counter()
    occurrences: Counter[tuple[str, date, Decimal, str]] = Counter()
    ids = [reader.cell(cells, "id") for _, cells in rows[start:]] if "id" in columns else []
    use_bank_ids = bool(ids) and all(ids) and len(set(ids)) == len(ids)
    last = len(rows) - 1
    for position in range(start, len(rows)):
        line, cells = rows[position]
        if not any(c.strip() for c in cells):
            continue
        if len(cells) <= reader.needed:
            code = TruncatedStatement if position == last else MalformedStatement
            raise code("bank.csv_short_row" if position != last else "bank.truncated",
                       file=reader.file, line=line, expected=reader.needed + 1, found=len(cells))
        written = reader.cell(cells, "date")
        if not written or not re.search(r"\d", written):
            skipped["ignored"] += 1
            continue
        day = reader.date(written, line)
        amount = reader.signed(cells, line)
        if amount is None:
            skipped["ignored"] += 1
            continue
        tx = _transaction(reader, cells, line, day, amount, occurrences, use_bank_ids)
        transactions.append(tx)
        if not tx.is_credit:
            skipped[tx.kind.value] += 1
    period = sorted(d for d in map(_valid_date, preamble_dates) if d is not None)
    booked = [t.booking_date for t in transactions]
    period_start = period[0] if len(period) >= 2 and booked and period[0] <= min(booked) else None
    period_end = period[-1] if period and booked and period[-1] >= max(booked) else None
    layout = tuple((f, str(i + 1)) for f, i in sorted(columns.items(), key=lambda kv: kv[1])
                   if f in COLUMN_FIELDS or f in ("id", "type", "currency", "status"))
    return Statement(reader.file, "csv", tuple(transactions), reader.account, period_start,
                     period_end, dict(skipped), layout)


def _valid_date(text: str) -> date | None:
    try:
        return parse_date(text)
    except ValueProblem:
        return None


def _transaction(reader: _Reader, cells: list[str], line: int, day: date, amount: Decimal,
                 occurrences: Counter[tuple[str, date, Decimal, str]],
                 use_bank_ids: bool) -> BankTransaction:
    details = " ".join(reader.cell(cells, "details").split()) or None
    label = " ".join(reader.cell(cells, "label").split()) or " ".join(
        part for part in (reader.cell(cells, "payer"), reader.cell(cells, "reference"), details)
        if part)
    payer = reader.cell(cells, "payer") or payer_from_label(label) or payer_from_label(details) \
        or None
    kind, method = classify(amount, label, reader.cell(cells, "type") or None)
    if fold_text(reader.cell(cells, "status")).startswith(_NOT_BOOKED):
        kind = TransactionKind.OTHER
    value_text = reader.cell(cells, "value_date")
    value_date = reader.date(value_text, line) if value_text else None
    key = (reader.account or "", day, amount, label)
    occurrences[key] += 1
    if use_bank_ids:
        tx_id, bank_id = reader.cell(cells, "id"), True
    else:
        tx_id = transaction_hash(reader.account, day, amount, label, occurrences[key])
        bank_id = False
    return BankTransaction(
        tx_id, day, amount, label, kind, StatementSource(reader.file, line),
        value_date=value_date, currency=reader.cell(cells, "currency").upper() or "EUR",
        payer_name=payer, remittance=details, bank_reference=reader.cell(cells, "reference")
        or None, account=reader.account, method=method, bank_id=bank_id)
