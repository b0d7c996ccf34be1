"""One commit, for the crash tests: `python crash_writer.py WORKBOOK`.

test_write_crash.py runs it in a subprocess, either with SUIVI_TEST_CRASH_AT naming a point where
the writer dies (os._exit, like a power cut) or killing it with SIGKILL at moments spread over
the commit. It prints "start" just before commit() and "done SECONDS" after it.
"""

from __future__ import annotations

import sys
import time
from datetime import date
from decimal import Decimal

from suivi.workbook import Changes, commit


def main(path: str) -> None:
    changes = Changes()
    changes.set_cell("Factures", "C2", "Réglée")
    changes.set_cell("Factures", "D3", Decimal("12.50"))
    changes.append_rows("Factures", [["F-NEW", date(2026, 11, 25), Decimal("99.99"), "Émise"]])
    print("start", flush=True)
    started = time.perf_counter()
    commit(path, changes, backups=3)
    print(f"done {time.perf_counter() - started:.3f}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
