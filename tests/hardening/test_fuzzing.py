"""Fuzzing: hypothesis writes odd values into the cells of a real master (the demo) and makes
small structural mutations; every case must end in issues naming cells or a clean run — never a
traceback, never « erreur inattendue », and never a write after a blocking problem.

The runs are in-process and kept to a few hundred examples in all, for CI."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import TODAY, Folder
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from suivi.cli import cli
from suivi.demo import write_demo

_SOURCE: dict[str, Path] = {}

# Columns of the Factures sheet (template layout) that carry data suivi reads.
COLUMNS = {"A": 1, "B": 2, "C": 3, "D": 4, "E": 5, "F": 6, "G": 7, "H": 8, "I": 9, "J": 10,
           "K": 11, "M": 13, "N": 14, "U": 21, "V": 22}
ROWS = (2, 40, 146, 149, 158, 159, 160, 161, 162)  # paid, overdue, credit note, to issue…

text_numbers = st.sampled_from(["1 234,56 €", "1.234,56", "1,234.56", "(12,50)", "12,5 EUR",
                                "-0", "0,001", "1e3", "١٢٣", "１２３", "12 345 678 901 234,99"])
text_dates = st.sampled_from(["31/12/2026", "2026-02-29", "29/02/2028", "1/1/26", "00/00/0000",
                              "25 novembre 2026", "nov. 2026", "2026-11-25T10:00", "45000",
                              "31.12.2026", "12/31/2026", "hier"])
excel_errors = st.sampled_from(["#N/A", "#DIV/0!", "#REF!", "#VALUE!", "#NAME?", "#NUM!",
                                "#NULL!"])
unicode_edges = st.sampled_from(["", " ", "\u00a0", "\u200b", "‮evil", "e\u0301", "Ω≈ç√",
                                 "日本語", "🧾💶", "A" * 300, "\n\n", "'quoted", "=1+1 (texte)",
                                 "{{ 7*7 }}", "<script>x</script>", "Bcc: a@b.c"])
cell_values = st.one_of(
    st.none(),
    st.decimals(min_value=-10**12, max_value=10**12, places=2, allow_nan=False),
    st.floats(min_value=-1e15, max_value=1e15, allow_nan=False, allow_infinity=False),
    st.integers(min_value=-10**15, max_value=10**15),
    st.floats(min_value=1e-9, max_value=1e-3),
    st.dates(min_value=date(1900, 1, 1), max_value=date(9999, 12, 31)),
    st.integers(min_value=0, max_value=2_958_465),  # Excel date serials
    text_numbers, text_dates, excel_errors, unicode_edges,
    # what a spreadsheet cell can hold: no control characters (openpyxl refuses them too)
    st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=40),
)
edits = st.lists(st.tuples(st.sampled_from(sorted(COLUMNS)), st.sampled_from(ROWS), cell_values),
                 min_size=1, max_size=6)


def _fresh_folder() -> Folder:
    if "demo" not in _SOURCE:
        source = Path(tempfile.mkdtemp(prefix="suivi-fuzz-source-")) / "demo"
        write_demo(source, TODAY)
        _SOURCE["demo"] = source
    target = Path(tempfile.mkdtemp(prefix="suivi-fuzz-")) / "demo"
    shutil.copytree(_SOURCE["demo"], target)
    return Folder(target)


def _put(cell, value) -> None:
    if isinstance(value, str) and value.startswith("#") and value.endswith(("A", "!", "?")):
        cell.value = value
        cell.data_type = "e"  # an Excel error value, as Excel stores it
    elif isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # text, even when it looks like a formula
    elif isinstance(value, date) and not isinstance(value, datetime):
        cell.value = datetime(value.year, value.month, value.day)
    else:
        cell.value = value


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run(demo: Folder, *args: str) -> tuple[int, str]:
    argv = [*args, "--config", str(demo.config), "--date", TODAY.isoformat()]
    result = CliRunner().invoke(cli, argv, env={"COLUMNS": "400"}, catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a traceback: the finding
    return result.exit_code, result.output


def _assert_clean(demo: Folder, command: str) -> None:
    before = _digest(demo.book)
    code, output = _run(demo, command)
    assert "inattendue" not in output and "Traceback" not in output, output
    assert code in (0, 1, 2), output
    if code == 2:
        assert _digest(demo.book) == before, "written after a blocking problem"


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(changes=edits)
def test_odd_cell_values_end_in_issues_or_a_clean_run(changes):
    demo = _fresh_folder()
    try:
        book = openpyxl.load_workbook(demo.book)
        sheet = _invoices(book)
        for column, row, value in changes:
            _put(sheet.cell(row, COLUMNS[column]), value)
        book.save(demo.book)
        _assert_clean(demo, "check")
        _assert_clean(demo, "run")
    finally:
        shutil.rmtree(demo.path.parent, ignore_errors=True)


# The other sheets a user types into: (sheet, columns with a header, data rows edited).
OTHER_SHEETS = {"Clients": (range(1, 17), (2, 3, 9, 23)),
                "Paiements": (range(1, 9), (2, 5, 60, 149)),
                "Lignes": (range(1, 9), (2, 3, 40, 82)),
                "Contrats": (range(1, 10), (2, 3)),
                "Échéancier": (range(1, 4), (2, 3))}
other_edits = st.lists(
    st.sampled_from(sorted(OTHER_SHEETS)).flatmap(lambda name: st.tuples(
        st.just(name), st.sampled_from(list(OTHER_SHEETS[name][0])),
        st.sampled_from(OTHER_SHEETS[name][1]), cell_values)),
    min_size=1, max_size=6)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(changes=other_edits)
def test_odd_values_in_the_other_sheets_end_in_issues_or_a_clean_run(changes):
    """Clients, Paiements, Lignes, Contrats and Échéancier (an installment plan row written on an
    empty sheet too): odd values there end in issues naming the cell, never a traceback."""
    demo = _fresh_folder()
    try:
        book = openpyxl.load_workbook(demo.book)
        for name, column, row, value in changes:
            _put(book[name].cell(row, column), value)
        book.save(demo.book)
        _assert_clean(demo, "check")
        _assert_clean(demo, "run")
    finally:
        shutil.rmtree(demo.path.parent, ignore_errors=True)


def _invoices(book):
    """The invoice sheet, even after a mutation renamed it (it is the first sheet)."""
    return book["Factures"] if "Factures" in book.sheetnames else book.worksheets[0]


def _mutations():
    def delete_rows(book, n):
        _invoices(book).delete_rows(2 + n % 150, 1 + n % 3)

    def insert_rows(book, n):
        _invoices(book).insert_rows(1 + n % 160, 1 + n % 2)

    def delete_column(book, n):
        _invoices(book).delete_cols(1 + n % 24)

    def insert_column(book, n):
        _invoices(book).insert_cols(1 + n % 24)

    def swap_headers(book, n):
        sheet = _invoices(book)
        a, b = 1 + n % 24, 1 + (n * 7) % 24
        sheet.cell(1, a).value, sheet.cell(1, b).value = sheet.cell(1, b).value, sheet.cell(1, a).value

    def rename_sheet(book, n):
        names = [n_ for n_ in ("Factures", "Clients", "Paiements", "Lignes", "Journal", "Contrats")
                 if n_ in book.sheetnames]
        if names:
            book[names[n % len(names)]].title = f"Feuille {n}"

    def remove_sheet(book, n):
        names = [n_ for n_ in ("Clients", "Paiements", "Lignes", "Journal", "Contrats",
                               "Indicateurs") if n_ in book.sheetnames]
        if names:
            book.remove(book[names[n % len(names)]])

    def blank_header(book, n):
        _invoices(book).cell(1, 1 + n % 24).value = None

    def merge_cells(book, n):
        row = 2 + n % 160
        _invoices(book).merge_cells(start_row=row, start_column=1 + n % 5, end_row=row + 1,
                                     end_column=1 + n % 5)

    def duplicate_header(book, n):
        sheet = _invoices(book)
        sheet.cell(1, 1 + n % 24).value = sheet.cell(1, 1 + (n + 3) % 24).value

    return [delete_rows, insert_rows, delete_column, insert_column, swap_headers, rename_sheet,
            remove_sheet, blank_header, merge_cells, duplicate_header]


MUTATIONS = _mutations()
structural = st.lists(st.tuples(st.sampled_from(MUTATIONS), st.integers(0, 10_000)),
                      min_size=1, max_size=3)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=structural)
def test_structural_mutations_end_in_issues_or_a_clean_run(steps):
    demo = _fresh_folder()
    try:
        book = openpyxl.load_workbook(demo.book)
        for mutate, n in steps:
            mutate(book, n)
        book.save(demo.book)
        _assert_clean(demo, "check")
        _assert_clean(demo, "run")
    finally:
        shutil.rmtree(demo.path.parent, ignore_errors=True)


# Numbers at the edges of what a cell holds: a subnormal, huge floats and integers, tiny ones.
# Exploring random floats once found 4.2e-265 in « Montant HT » crashing the VAT check
# (a quotient beyond Decimal's 28 digits); every column of every sheet gets each of them.
EXTREMES = (4.2252065883448156e-265, 1e300, -1e300, 5e-324, 1e15, -1e15, 2**70, 1e-7,
            99_999_999_999_999.99, -0.0)
IDENTITY = {"N° facture", "Client", "Facture(s)"}  # blanking these blocks the run, hiding the rest


def _fill_columns_and_run(sheet_name: str, values, wanted) -> None:
    """Write `values` in turn into the columns of `sheet_name` that `wanted(sheet, header cell,
    rows)` picks (a few data rows each), then check, run and kpi must end cleanly."""
    demo = _fresh_folder()
    try:
        book = openpyxl.load_workbook(demo.book)
        sheet = book[sheet_name]
        rows = ROWS if sheet_name == "Factures" else range(2, min(sheet.max_row, 11) + 1)
        columns = [c.column for c in sheet[1]
                   if c.value and c.value not in IDENTITY and wanted(sheet, c, rows)]
        assert columns, sheet_name
        for j, column in enumerate(columns):
            for k, row in enumerate(rows):
                _put(sheet.cell(row, column), values[(j + k) % len(values)])
        book.save(demo.book)
        _assert_clean(demo, "check")
        _assert_clean(demo, "run")
        _assert_clean(demo, "kpi")
    finally:
        shutil.rmtree(demo.path.parent, ignore_errors=True)


def _is_date_column(sheet, header, rows) -> bool:
    return (any(sheet.cell(row, header.column).is_date for row in rows)
            or any(w in header.value.lower() for w in ("date", "échéance", "début", "fin")))


@pytest.mark.parametrize("sheet_name", ["Factures", "Clients", "Lignes", "Paiements", "Journal",
                                        "Contrats"])
def test_extreme_numbers_in_any_column_end_in_issues_or_a_clean_run(sheet_name):
    # not in a date-formatted cell: no date is that far, the whole workbook is refused (a
    # tested refusal), and nothing after the reading would be exercised
    _fill_columns_and_run(sheet_name, EXTREMES, lambda sheet, header, rows: not any(
        sheet.cell(row, header.column).is_date for row in rows))


# Dates at the ends of what Excel and Python hold, as dates and as texts: adding terms or a
# reminder delay to 31/12/9999 left the calendar (OverflowError) before they were refused.
FAR_DATES = (datetime(9999, 12, 31), datetime(1900, 1, 1), "31/12/9999", "01/01/0001",
             "0001-01-01", datetime(2200, 1, 1), datetime(9999, 1, 1), "9999-12-31")


@pytest.mark.parametrize("sheet_name", ["Factures", "Paiements", "Journal", "Contrats"])
def test_far_dates_in_any_date_column_end_in_issues_or_a_clean_run(sheet_name):
    _fill_columns_and_run(sheet_name, FAR_DATES, _is_date_column)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(days=st.integers(min_value=-4000, max_value=4000))
def test_any_day_of_the_calendar_runs_cleanly(days):
    """`--date` anywhere from 1915 to 2037 around the demo: nothing breaks."""
    demo = _fresh_folder()
    try:
        day = TODAY + timedelta(days=days)
        argv = ["run", "--config", str(demo.config), "--date", day.isoformat()]
        result = CliRunner().invoke(cli, argv, env={"COLUMNS": "400"}, catch_exceptions=True)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        assert "inattendue" not in result.output, result.output
        assert result.exit_code in (0, 1, 2), result.output
    finally:
        shutil.rmtree(demo.path.parent, ignore_errors=True)
