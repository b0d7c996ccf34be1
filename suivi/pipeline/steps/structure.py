"""The structure suivi saw last time, so that a sheet or column deleted since is noticed.

`.suivi/structure.json` records, after each writing run, the sheets suivi read (invoices,
clients, lines, payments, journal) and the invoice columns it recognised. On the next run a
sheet or a column that has gone is a BLOCKING issue: without « Montant réglé » every paid invoice
would look unpaid and be dunned, without Clients every PDF would lack the buyer's address. The
user either restores it (Ctrl+Z, the backup in .suivi/sauvegardes) or confirms the new structure
with `--accepter-structure`.

A Clients sheet is also required, memory or not, when invoices are to be produced: an invoice
without the buyer's address is refused by the Factur-X rules, and the workbook would learn it
only PDF by PDF.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from suivi.core.message import some
from suivi.core.models import CellRef, Issue, Master, Severity, Status
from suivi.fileio import write_atomic
from suivi.pipeline.state import Run
from suivi.workbook import vocabulary as voc

FILE_NAME = "structure.json"
SHEET_KINDS = ("invoices", "clients", "lines", "payments", "journal")


def remembered(master: Master) -> dict[str, Any]:
    """What to remember of the workbook's structure."""
    layout = master.layout
    headers = {name: voc.FIELD_LABELS_FR.get(name, name) for name in sorted(layout.columns)}
    return {"sheets": {kind: master.layouts[kind].sheet for kind in SHEET_KINDS
                       if kind in master.layouts},
            "columns": headers}


def _load(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def structure_step(run: Run) -> None:
    """Blocking issues for a sheet or invoice column present last time and gone now."""
    master = run.require_master()
    severity = Severity.WARNING if run.options.accept_structure else Severity.BLOCKING
    issues = []
    before = _load(run.settings.state_dir / FILE_NAME)
    to_produce = _invoices_to_produce(run) if "clients" not in master.layouts else []
    if to_produce:
        # a workbook that never had one is told to add it, not to « restore » it
        had = "clients" in dict((before or {}).get("sheets") or {})
        layout = master.layout
        where = layout.ref("client", to_produce[0]) if layout.has("client") else None
        issues.append(Issue.of(where, "feuille_clients_absente", severity,
                               variant="" if had else "never", count=len(to_produce),
                               rows=some([str(row) for row in to_produce], 10)))
    if before:
        now = remembered(master)
        for kind, sheet in sorted(dict(before.get("sheets") or {}).items()):
            if kind not in now["sheets"] and not (kind == "clients" and issues):
                issues.append(Issue.of(None, "feuille_disparue", severity, sheet=str(sheet),
                                       present=sheet in master.sheet_names))
        if "invoices" in now["sheets"]:
            where = CellRef(master.layout.sheet, master.layout.header_row, "A")
            for name, label in sorted(dict(before.get("columns") or {}).items()):
                if name not in now["columns"]:
                    issues.append(Issue.of(where, "colonne_disparue", severity, label=str(label),
                                           key=voc.CONFIG_KEYS.get(name, name)))
    run.report.add_issues(issues)


def _invoices_to_produce(run: Run) -> list[int]:
    """The rows suivi would issue now: a row still being typed (a client, no amount yet) is
    not one, and does not stop the whole run for want of a Clients sheet."""
    lines = bool(run.require_master().lines)  # a Lignes sheet may give the amounts
    return [inv.row for inv in run.invoices if not inv.pdf_file and inv.client
            and (lines or inv.amount_ttc is not None or inv.amount_ht is not None)
            and run.statuses.get(inv.row) is not None
            and run.statuses[inv.row].status is Status.TO_ISSUE]


def remember_structure_step(run: Run) -> None:
    """Record the structure once a writing run went through (never on --dry-run)."""
    if run.dry_run or run.master is None or run.report.blocking:
        return
    data = json.dumps(remembered(run.master), ensure_ascii=False, indent=1).encode("utf-8")
    path = run.settings.state_dir / FILE_NAME
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    write_atomic(path, data)
