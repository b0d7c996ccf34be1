"""Benchmark: a tracker kept one sheet per month, against the same invoices in one sheet.

    python benchmarks/bench_months.py            # 100,000 invoices, 48 month sheets
    python benchmarks/bench_months.py 24000      # another size

Both workbooks hold the same invoices, columns and clients; one has them in a single
« Factures » sheet, the other in one sheet per month (« Janvier 2022 » … « Décembre 2025 »),
each with its own header row. Timed in the same run: `read_master` + every check, what
`suivi check` does (best of 3, each file alternately). What reading the months together
costs beyond the single sheet: a header guess per sheet, and each sheet's records renumbered.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

import xlsxwriter

from suivi.core.checks import CheckContext, run_checks
from suivi.workbook.read import read_master

sys.path.insert(0, str(Path(__file__).parent))
from bench_read import synthetic_master

MONTHS = ("Janvier", "Février", "Mars", "Avril", "Mai", "Juin", "Juillet", "Août", "Septembre",
          "Octobre", "Novembre", "Décembre")
HEADERS = ("N° facture", "Date facture", "Client", "Montant HT", "TVA", "Montant TTC",
           "Montant réglé", "Email")


def _rows(n: int) -> tuple[list[list[object]], dict[str, str]]:
    data = synthetic_master(n)
    emails = {c[0]: c[6] for c in data.clients}
    rows = [[inv[0], inv[1], inv[2], inv[4], inv[5], inv[6], inv[9], emails[inv[2]]]
            for inv in data.invoices]
    return rows, emails


def _write(path: Path, sheets: dict[str, list[list[object]]]) -> None:
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    for name, rows in sheets.items():
        ws = book.add_worksheet(name)
        ws.write_row(0, 0, HEADERS)
        for r, values in enumerate(rows, 1):
            for c, value in enumerate(values):
                if c == 1:
                    ws.write_datetime(r, c, value, day)
                elif value is not None:
                    ws.write(r, c, float(value) if c in (3, 4, 5, 6) else value)
    book.close()


def _check(path: Path) -> tuple[float, int]:
    start = time.perf_counter()
    master = read_master(path)
    list(run_checks(CheckContext(master.invoices, master.clients, master.layout, False,
                                 date(2026, 11, 25), layouts=master.layouts)))
    return time.perf_counter() - start, len(master.invoices)


def main(n: int) -> None:
    rows, _ = _rows(n)
    by_month: dict[str, list[list[object]]] = defaultdict(list)
    for values in rows:
        issued = values[1]
        by_month[f"{MONTHS[issued.month - 1]} {issued.year}"].append(values)
    with tempfile.TemporaryDirectory() as folder:
        single, months = Path(folder) / "single.xlsx", Path(folder) / "months.xlsx"
        _write(single, {"Factures": rows})
        _write(months, dict(by_month))
        best: dict[str, float] = {}
        for _ in range(3):
            for name, path in (("one sheet", single), ("month sheets", months)):
                took, count = _check(path)
                assert count == n, (name, count)
                best[name] = min(best.get(name, took), took)
        print(f"{n} invoices; {len(by_month)} month sheets")
        for name, took in best.items():
            print(f"  {name:13s} {took:6.2f} s")
        print(f"  ratio months / one sheet: {best['month sheets'] / best['one sheet']:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
