"""Benchmark: read + check a master workbook, against pandas.read_excel(engine="openpyxl").

    python benchmarks/bench_read.py            # 10k and 100k rows
    python benchmarks/bench_read.py 100000     # one size

Both are timed in the same run on the same file. suivi's figure is the whole `suivi check` work
(python-calamine read, header detection, value parsing into Decimal/date records, every check);
the baseline only loads the sheet into a DataFrame. Goal for 100k rows: ≤ 3 s and ≥ 5× faster.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from suivi.core.checks import CheckContext, run_checks
from suivi.workbook.read import read_master
from suivi.workbook.template import MasterData, build_master


def synthetic_master(n: int, seed: int = 7) -> MasterData:
    rng = random.Random(seed)
    data = MasterData()
    clients = [f"Client {i:04d} SARL" for i in range(300)]
    for name in clients:
        data.clients.append(
            [
                name,
                "Société",
                None,
                None,
                "1 rue de la Paix, 75002 Paris",
                None,
                f"compta@{name.split()[1]}.example",
                "01 02 03 04 05",
                "30 jours",
                None,
                "fr",
                "Oui",
                None,
            ]
        )
    start = date(2022, 1, 3)
    counters: dict[int, int] = {}
    for i in range(n):
        issue = start + timedelta(days=i * 1460 // n)
        counters[issue.year] = counters.get(issue.year, 0) + 1
        ht = Decimal(rng.randint(5000, 500000)) / 100
        vat = (ht * Decimal("0.2")).quantize(Decimal("0.01"))
        ttc = ht + vat
        paid = ttc if rng.random() < 0.7 else (Decimal(0) if rng.random() < 0.7 else ttc / 2)
        data.invoices.append(
            [
                f"FAC{issue.year}-{counters[issue.year]:05d}",
                issue,
                rng.choice(clients),
                "Prestation de services",
                ht,
                vat,
                ttc,
                "30 jours",
                issue + timedelta(days=30),
                paid.quantize(Decimal("0.01")) if paid else None,
                issue + timedelta(days=rng.randint(10, 60)) if paid else None,
                None,
                "émise",
                rng.choice((None, 1, 2)),
                None,
                None,
                None,
                None,
                "Claire",
                None,
                None,
                None,
                None,
                None,
            ]
        )
    return data


def time_it(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def suivi_read_check(path: Path) -> None:
    """What `suivi check` does: read the workbook, run every check."""
    master = read_master(path)
    ctx = CheckContext(master.invoices, master.clients, master.layout, True, date(2026, 11, 25))
    run_checks(ctx)


def pandas_openpyxl(path: Path) -> None:
    import pandas as pd

    pd.read_excel(path, sheet_name="Factures", engine="openpyxl")


def main(sizes: list[int]) -> list[dict]:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"master_{n}.xlsx"
            t0 = time.perf_counter()
            build_master(path, synthetic_master(n))
            built = time.perf_counter() - t0
            ours = time_it(lambda path=path: suivi_read_check(path))
            base = time_it(lambda path=path: pandas_openpyxl(path), repeat=1)
            results.append(
                {
                    "rows": n,
                    "suivi_s": ours,
                    "openpyxl_s": base,
                    "ratio": base / ours,
                    "size_mb": path.stat().st_size / 1e6,
                    "build_s": built,
                }
            )
    print(
        f"{'lignes':>8} {'taille':>8} {'suivi read+check':>17} {'pandas/openpyxl':>16} {'ratio':>7}"
    )
    for r in results:
        print(
            f"{r['rows']:>8} {r['size_mb']:>6.1f}Mo {r['suivi_s']:>15.2f} s {r['openpyxl_s']:>14.2f} s "
            f"{r['ratio']:>6.1f}×"
        )
    return results


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 100_000])
