"""Benchmark of the lossless writer against openpyxl on a 100k-row invoice tracker.

    python benchmarks/bench_write.py [--rows 100000] [--workdir DIR] [--skip-openpyxl]

Builds (once per workdir) a master workbook with xlsxwriter: "Factures" with 24 columns like an
invoice tracker (text, dates, amounts, two formulas per row) and a "Journal" sheet. Then, each
in a fresh Python process (so imports, start-up and peak memory are measured honestly):

  suivi    : commit() of 1,000 changed cells scattered over "Factures" + 500 rows appended to
             "Journal" (one commit);
  openpyxl : load_workbook + the same edits + save (the naive approach, which also loses charts,
             pivots and x14 features on real files).

Reports the time of the operation, the whole process wall time, and the peak RSS of each
process (VmHWM of /proc/self/status on Linux, else resource.getrusage), plus the ratios.
The master is built in its own process too: on Linux a child started by a big parent inherits
its maximum RSS in getrusage, which would skew the figures.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the children import suivi themselves: its import time is measured
    from suivi.workbook.xlsx_values import CellValue

HEADER = [
    "N° facture",
    "Date",
    "Client",
    "SIREN",
    "Adresse",
    "CP",
    "Ville",
    "Objet",
    "HT",
    "TVA",
    "TTC",
    "Échéance",
    "Statut",
    "Payé le",
    "Montant payé",
    "Reste",
    "Relance 1",
    "Relance 2",
    "Relance 3",
    "Mode",
    "Réf",
    "Commercial",
    "Notes",
    "Email",
]
EDITED_CELLS = 1000
JOURNAL_ROWS = 500


def build_master(path: Path, rows: int) -> None:
    import xlsxwriter  # each child runs this file: imports stay where they are needed

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Factures")
    bold = wb.add_format({"bold": True})
    day = wb.add_format({"num_format": "dd/mm/yyyy"})
    money = wb.add_format({"num_format": "#,##0.00 €"})
    ws.write_row(0, 0, HEADER, bold)
    rnd = random.Random(1)
    base = date(2020, 1, 1)
    for r in range(1, rows + 1):
        ht = round(rnd.uniform(10, 10000), 2)
        issued = datetime.combine(base + timedelta(days=r % 2000), datetime.min.time())
        ws.write_string(r, 0, f"F-{r:06d}")
        ws.write_datetime(r, 1, issued, day)
        ws.write_string(r, 2, f"Client {r % 500}")
        ws.write_number(r, 3, 100000000 + r % 500)
        ws.write_string(r, 4, f"{r % 90} rue de la Paix")
        ws.write_string(r, 5, f"{75000 + r % 20}")
        ws.write_string(r, 6, "Paris")
        ws.write_string(r, 7, "Prestation de conseil")
        ws.write_number(r, 8, ht, money)
        ws.write_number(r, 9, round(ht * 0.2, 2), money)
        ws.write_formula(r, 10, f"=I{r + 1}+J{r + 1}", money, round(ht * 1.2, 2))
        ws.write_datetime(r, 11, issued + timedelta(days=30), day)
        ws.write_string(r, 12, "Émise")
        ws.write_blank(r, 13, None, day)
        ws.write_number(r, 14, 0, money)
        ws.write_formula(r, 15, f"=K{r + 1}-O{r + 1}", money, round(ht * 1.2, 2))
        for c in (16, 17, 18):
            ws.write_blank(r, c, None, day)
        ws.write_string(r, 19, "Virement")
        ws.write_string(r, 20, f"REF{r}")
        ws.write_string(r, 21, "Alice")
        ws.write_string(r, 22, "")
        ws.write_string(r, 23, f"client{r % 500}@example.fr")
    journal = wb.add_worksheet("Journal")
    journal.write_row(0, 0, ["Date", "Action", "Facture", "Détail"], bold)
    for r in range(1, 200):
        journal.write_row(r, 0, [f"2024-01-{r % 28 + 1:02d}", "relance", f"F-{r:06d}", "ok"])
    wb.close()


def edits(rows: int) -> tuple[list[tuple[str, str, CellValue]], list[list[CellValue]]]:
    """The same 1,000 scattered cells and 500 journal rows for both contenders."""
    rnd = random.Random(42)
    cells: list[tuple[str, str, CellValue]] = []
    for row in rnd.sample(range(2, rows + 2), EDITED_CELLS // 2):
        cells.append(("Factures", f"M{row}", "Réglée"))
        cells.append(("Factures", f"N{row}", date(2026, 11, 25)))
    journal: list[list[CellValue]] = [
        [date(2026, 11, 25), "relance", f"F-{i:06d}", f"Relance n°{i % 3 + 1} — envoyée"]
        for i in range(JOURNAL_ROWS)
    ]
    return cells, journal


def child_suivi(path: Path, rows: int) -> dict:
    start = time.perf_counter()
    from suivi.workbook import Changes, commit  # measured: part of with_imports

    cells, journal = edits(rows)
    changes = Changes()
    for sheet, ref, value in cells:
        changes.set_cell(sheet, ref, value)
    changes.append_rows("Journal", journal)
    op_start = time.perf_counter()
    result = commit(path, changes, backups=0)
    done = time.perf_counter()
    return {
        "operation": done - op_start,
        "with_imports": done - start,
        "cells": result.cells_written,
        "rows": result.rows_appended,
    }


def child_openpyxl(path: Path, rows: int) -> dict:
    start = time.perf_counter()
    import openpyxl  # measured: part of with_imports

    cells, journal = edits(rows)
    op_start = time.perf_counter()
    wb = openpyxl.load_workbook(path)
    for sheet, ref, value in cells:
        wb[sheet][ref] = value
    for row in journal:
        wb["Journal"].append(row)
    wb.save(path)
    done = time.perf_counter()
    return {"operation": done - op_start, "with_imports": done - start}


def peak_rss_mb() -> float:
    """Peak resident memory of this process, in MB."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource  # missing on Windows; only needed without /proc

    per_mb = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB elsewhere
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / per_mb


def run_child(kind: str, path: Path, rows: int) -> dict:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--rows", str(rows), str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["process"] = time.perf_counter() - start
    return result


def check_suivi_result(path: Path, rows: int) -> None:
    import python_calamine  # parent only: children do not pay for it

    cells, journal = edits(rows)
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    factures = book.get_sheet_by_name("Factures").to_python()
    _, ref, value = cells[0]
    assert factures[int(ref[1:]) - 1][12] == value, "edit missing"
    log = book.get_sheet_by_name("Journal").to_python()
    assert len(log) == 200 + len(journal) and log[-1][2] == journal[-1][2], "journal rows missing"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--workdir", type=Path, help="keep the generated master here (reused)")
    parser.add_argument("--skip-openpyxl", action="store_true")
    parser.add_argument("--child", choices=("suivi", "openpyxl", "build"))
    parser.add_argument("path", nargs="?", type=Path)
    args = parser.parse_args()
    if args.child == "build":
        build_master(args.path, args.rows)
        return
    if args.child:
        run = child_suivi if args.child == "suivi" else child_openpyxl
        result = run(args.path, args.rows)
        result["peak_rss_mb"] = peak_rss_mb()
        print(json.dumps(result))
        return

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-write-"))
    workdir.mkdir(parents=True, exist_ok=True)
    master = workdir / f"master-{args.rows}.xlsx"
    if not master.exists():
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, __file__, "--child", "build", "--rows", str(args.rows), str(master)],
            check=True,
        )
        print(
            f"master built in {time.perf_counter() - t:.1f} s: {master} "
            f"({master.stat().st_size / 1e6:.1f} MB)"
        )
    results = {}
    contenders = ["suivi"] + ([] if args.skip_openpyxl else ["openpyxl"])
    for kind in contenders:
        copy = workdir / f"{kind}.xlsx"
        shutil.copyfile(master, copy)
        results[kind] = run_child(kind, copy, args.rows)
        if kind == "suivi":
            check_suivi_result(copy, args.rows)
    print(
        f"\n{args.rows:,} rows × {len(HEADER)} columns; {EDITED_CELLS:,} cells + "
        f"{JOURNAL_ROWS} journal rows, one commit ({sys.platform}, Python "
        f"{sys.version.split()[0]})\n"
    )
    print(f"{'':10} {'operation':>10} {'process':>9} {'peak RSS':>10}")
    for kind, r in results.items():
        print(f"{kind:10} {r['operation']:9.2f}s {r['process']:8.2f}s {r['peak_rss_mb']:8.0f} MB")
    if "openpyxl" in results:
        s, o = results["suivi"], results["openpyxl"]
        print(
            f"{'ratio':10} {o['operation'] / s['operation']:9.1f}× "
            f"{o['process'] / s['process']:8.1f}× "
            f"{o['peak_rss_mb'] / s['peak_rss_mb']:8.1f}×  (openpyxl / suivi)"
        )
    print(json.dumps(results))


if __name__ == "__main__":
    main()
