"""What the read does to keep its peak low on a large master (docs/performances.md): the memory
the C allocator freed is given back (`suivi.memory.release_freed`), and the invoice sheet's rows
are let go once their cells are taken, before the records are built. The figures are measured
in benchmarks/bench_daily.py; these tests hold the behaviour that makes them, and that the
records read are the same whichever path each column took."""

from __future__ import annotations

import os
import platform
import sys
from datetime import date, datetime
from decimal import Decimal as D
from pathlib import Path

import xlsxwriter

from suivi.memory import release_freed
from suivi.workbook.read import read_master
from suivi.workbook.read.headers import guess_header
from suivi.workbook.read.invoices import read_invoices
from suivi.workbook.vocabulary import INVOICE_VOCABULARY

GLIBC = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"


def _rss_mb() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") >> 20


def test_memory_freed_by_the_c_allocator_goes_back_to_the_system():
    if not GLIBC:  # malloc_trim is glibc's: elsewhere the allocator has no such call
        assert release_freed() is False
        return
    blocks = [bytearray(2000) for _ in range(50_000)]  # ~100 MB through malloc, not pymalloc
    last = blocks[-1]  # the top of the heap stays in use: glibc alone gives nothing back
    del blocks
    before = _rss_mb()
    assert release_freed() is True
    assert before - _rss_mb() >= 50
    assert len(last) == 2000


HEADER = ["N° facture", "Date", "Client", "E-mail", "Montant HT", "Montant TVA 20 %",
          "Montant TVA 10 %", "Montant TTC", "Devise", "Nature", "Ne pas relancer"]


def _book(path: Path, rows: list[list]) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Factures")
    day = wb.add_format({"num_format": "dd/mm/yyyy"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, date):
                ws.write_datetime(r, c, datetime(value.year, value.month, value.day), day)
            elif value != "":
                ws.write(r, c, value)
    wb.close()
    return path


def _rows() -> list[list]:
    return [
        HEADER,
        ["F-001", date(2026, 1, 5), "Alpha", "old@alpha.fr", 100.0, 20.0, "", 120.0, "EUR",
         "", ""],
        ["F-002", date(2026, 2, 5), "Alpha", "new@alpha.fr", 200.0, 20.0, 10.0, 230.0, "",
         "Services", "x"],
        ["F-003", date(2026, 3, 5), "Beta", "", 50.0, "", "", 50.0, "USD", "", ""],
    ]


def test_the_invoice_rows_are_let_go_and_every_column_is_still_read(tmp_path: Path):
    """The rows are emptied once taken; the VAT split by rate, the currency, the document
    fields, the « Ne pas relancer » marks and (without a Clients sheet) the e-mail column are
    read as before, some of them from the cells kept before the rows went."""
    rows = _rows()
    guess = guess_header(rows, INVOICE_VOCABULARY)
    assert guess is not None
    issues: list = []
    invoices = read_invoices(rows, "Factures", guess, issues)
    assert rows == []
    by_number = {inv.number: inv for inv in invoices}
    assert by_number["F-002"].vat == D("30")  # 20 % and 10 % columns summed
    assert by_number["F-002"].nature == "Services"
    assert by_number["F-002"].reminders_off and not by_number["F-001"].reminders_off
    assert by_number["F-003"].currency == "USD" and by_number["F-001"].currency is None
    assert [i.code for i in issues] == ["devise_etrangere"]

    master = read_master(_book(tmp_path / "suivi.xlsx", _rows()))
    assert master.clients["alpha"].emails == ("new@alpha.fr",)  # the latest invoice's
    assert [i.vat for i in master.invoices] == [D("20"), D("30"), None]
