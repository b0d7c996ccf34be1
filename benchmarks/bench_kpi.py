"""Benchmark of the indicators: 100k invoices, 150k payments, ~300 clients.

Run: /work/venv/bin/python benchmarks/bench_kpi.py [--invoices 100000] [--repeat 3] [--json]

Times `compute_kpis` (goal: ≤ 2 s on a 2-core machine) and `build_kpi_workbook`, against two
baselines measured in the same run on the same data:

- pandas: a vectorised groupby implementation of encours, aging (total and per client), simple DSO
  and DMP with float money, DataFrame construction from the records included (the records are what
  the reader gives);
- loop: encours + aging (total and per client) + simple DSO in one plain Python loop, run once
  with Decimal and once with float money: what exact money costs on the simplest computation.

The data are synthetic but shaped like a small business's ledger over three years: client sizes
follow a Pareto law, each client has its own payment habit (early, on time, late, very late),
45 % of paid invoices are paid in two to four instalments on the Paiements sheet, half of the
others have a Paiements row, 3 % of the last 200 days' invoices are disputed, 2 % of the rows are
credit notes, reminders (Journal rows) follow the ladder by the invoice's lateness, and unlinked
bank credits top the payments up to the requested count.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import statistics
import sys
import time
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from suivi.core.kpi import KpiSettings, compute_kpis, history_with
from suivi.core.ledger import compute_statuses
from suivi.core.models import (
    Client,
    Invoice,
    InvoiceKind,
    JournalEntry,
    Payment,
    normalise_name,
)
from suivi.core.steps import Step
from suivi.workbook.kpi_sheet import build_kpi_workbook

TODAY = date(2026, 6, 15)


def make_dataset(
    n_invoices: int = 100_000, n_payments: int = 150_000, n_clients: int = 300, seed: int = 20260615
):
    """Synthetic invoices, payments, journal and clients (deterministic for a seed)."""
    rng = random.Random(seed)
    clients: dict[str, Client] = {}
    habits: list[tuple[str, float, float, int]] = []
    weights = []
    for i in range(n_clients):
        name = f"Client {i:03d} SAS"
        limit = (
            Decimal(rng.choice([5000, 10000, 20000, 50000, 100000])) if rng.random() < 0.5 else None
        )
        clients[normalise_name(name)] = Client(name=name, credit_limit=limit)
        mean_delay = rng.choice([-5.0, 0.0, 3.0, 8.0, 15.0, 30.0, 60.0])
        habits.append((name, mean_delay, rng.uniform(2, 12), rng.choice([30, 45, 60])))
        weights.append(rng.paretovariate(1.2))
    start = TODAY - timedelta(days=3 * 365)
    span = (TODAY - start).days
    invoices: list[Invoice] = []
    payments: list[Payment] = []
    journal: list[JournalEntry] = []
    picks = rng.choices(range(n_clients), weights=weights, k=n_invoices)
    for row, client_index in enumerate(picks, start=2):
        name, mean_delay, spread, terms = habits[client_index]
        issue = start + timedelta(days=int(span * (row - 2) / n_invoices))
        due = issue + timedelta(days=terms)
        number = f"F{issue.year}-{row:06d}"
        ht = Decimal(rng.randint(5_000, 500_000)) / 100
        ttc = (ht * Decimal("1.2")).quantize(Decimal("0.01"))
        roll = rng.random()
        if roll < 0.02 and invoices:
            target = invoices[-rng.randint(1, min(50, len(invoices)))]
            credit = (target.total * Decimal("0.25")).quantize(Decimal("0.01"))
            invoices.append(
                Invoice(
                    "Factures",
                    row,
                    number=f"AV-{row:06d}",
                    issue_date=issue,
                    client=target.client,
                    amount_ttc=credit,
                    kind=InvoiceKind.CREDIT_NOTE,
                    original_number=target.number,
                )
            )
            continue
        delay = int(rng.gauss(mean_delay, spread))
        paid_day = due + timedelta(days=delay)
        dispute = rng.random() < 0.03 and (TODAY - issue).days < 200  # old disputes are settled
        paid_amount = Decimal(0)
        pay_date = None
        if paid_day <= TODAY and not dispute:
            parts = 1
            if rng.random() < 0.45 and len(payments) < n_payments - 4:
                parts = rng.randint(2, 4)
            if parts == 1:
                paid_amount, pay_date = ttc, paid_day
                if rng.random() < 0.5 and len(payments) < n_payments:
                    payments.append(Payment(paid_day, ttc, number, name, "virement"))
            else:
                share = (ttc / parts).quantize(Decimal("0.01"))
                amounts = [share] * (parts - 1) + [ttc - share * (parts - 1)]
                for k, amount in enumerate(amounts):
                    payments.append(
                        Payment(
                            paid_day - timedelta(days=10 * (parts - 1 - k)),
                            amount,
                            number,
                            name,
                            "virement",
                        )
                    )
                paid_amount, pay_date = ttc, paid_day
        late_days = ((pay_date or TODAY) - due).days
        level = 0
        for step, threshold in (
            (Step.REMINDER_1, 1),
            (Step.REMINDER_2, 7),
            (Step.PHONE_CALL, 15),
            (Step.FORMAL_NOTICE, 30),
            (Step.COLLECTION, 45),
        ):
            if late_days >= threshold:
                level = int(step)
                journal.append(
                    JournalEntry(
                        due + timedelta(days=threshold), (number,), name, step.label, "e-mail"
                    )
                )
        invoices.append(
            Invoice(
                "Factures",
                row,
                number=number,
                issue_date=issue,
                client=name,
                amount_ht=ht,
                vat=ttc - ht,
                amount_ttc=ttc,
                due_date=due,
                amount_paid=paid_amount,
                payment_date=pay_date,
                reminder_step=level,
                dispute=dispute,
            )
        )
    # top up with unlinked payments (bank credits not yet matched) to reach n_payments
    while len(payments) < n_payments:
        name = habits[rng.randrange(n_clients)][0]
        payments.append(
            Payment(
                TODAY - timedelta(days=rng.randint(0, 700)),
                Decimal(rng.randint(1000, 90000)) / 100,
                None,
                name,
                "virement",
            )
        )
    return invoices, payments, journal, clients


def as_of(
    invoices: list[Invoice], payments: list[Payment], journal: list[JournalEntry], day: date
) -> tuple[list[Invoice], list[Payment], list[JournalEntry]]:
    """The ledger as it stood on `day`: later invoices, payments and actions left out."""
    paid_by_number: dict[str, Decimal] = {}
    for payment in payments:
        if payment.invoice_number and payment.date and payment.date <= day:
            paid_by_number[payment.invoice_number] = (
                paid_by_number.get(payment.invoice_number, Decimal(0)) + payment.amount
            )
    kept = []
    for invoice in invoices:
        if invoice.issue_date is None or invoice.issue_date > day:
            continue
        if invoice.payment_date and invoice.payment_date > day:
            paid = paid_by_number.get(invoice.number or "", Decimal(0))
            invoice = replace(invoice, amount_paid=paid, payment_date=None)
        kept.append(invoice)
    return (
        kept,
        [p for p in payments if p.date is None or p.date <= day],
        [j for j in journal if j.date is None or j.date <= day],
    )


def write_sample_workbook(path: Path, weeks: int = 10) -> None:
    """A small sample (1 500 invoices, 25 clients) with weekly history, for docs/img."""
    invoices, payments, journal, clients = make_dataset(1500, 2200, 25)
    rows: list = []
    for back in range(weeks, 0, -1):
        day = TODAY - timedelta(days=7 * back)
        kept, paid, logged = as_of(invoices, payments, journal, day)
        rows = history_with(compute_kpis(kept, paid, logged, clients, None, day), rows)
    report = compute_kpis(invoices, payments, journal, clients, None, TODAY)
    path.write_bytes(build_kpi_workbook(report, rows))


def kpis_pandas(invoices, payments, today: date, period_days: int) -> dict:
    """Baseline: encours, aging (total and per client), simple DSO and DMP with pandas/float."""
    import pandas as pd  # ~0.5 s to import, for this baseline only

    inv = pd.DataFrame(
        {
            "number": [i.number for i in invoices],
            "client": [i.client for i in invoices],
            "kind": [i.kind.value for i in invoices],
            "issue": pd.to_datetime([i.issue_date for i in invoices]),
            "due": pd.to_datetime([i.due_date or i.issue_date for i in invoices]),
            "total": [float(i.total) for i in invoices],
            "paid": [float(i.amount_paid) for i in invoices],
        }
    )
    pay = pd.DataFrame(
        {
            "number": [p.invoice_number for p in payments],
            "date": pd.to_datetime([p.date for p in payments]),
            "amount": [float(p.amount) for p in payments],
        }
    )
    ts = pd.Timestamp(today)
    sign = inv["kind"].map({"avoir": -1.0}).fillna(1.0)
    inv["balance"] = (inv["total"] - inv["paid"]).where(inv["kind"] != "avoir", 0.0).clip(lower=0)
    inv["past_due"] = (ts - inv["due"]).dt.days
    bins = [-(10**6), 0, 30, 60, 90, 10**6]
    inv["bucket"] = pd.cut(inv["past_due"], bins=bins, labels=False)
    open_ = inv[inv["balance"] >= 0.01]
    aging_total = open_.groupby("bucket")["balance"].sum()
    aging_client = open_.groupby(["client", "bucket"])["balance"].sum().unstack(fill_value=0)
    start = ts - pd.Timedelta(days=period_days - 1)
    in_period = (inv["issue"] >= start) & (inv["issue"] <= ts)
    invoiced = float((inv.loc[in_period, "total"] * sign[in_period]).sum())
    receivables = float(open_["balance"].sum())
    last = pay.dropna(subset=["number"]).groupby("number")["date"].max().rename("settled")
    paid = inv[(inv["balance"] < 0.01) & (inv["kind"] != "avoir")].join(last, on="number")
    paid = paid[(paid["settled"] >= start) & (paid["settled"] <= ts)]
    dmp = float((paid["settled"] - paid["issue"]).dt.days.mean())
    return {
        "receivables": receivables,
        "dso": receivables / invoiced * period_days,
        "aging": aging_total.to_dict(),
        "clients": len(aging_client),
        "dmp": dmp,
    }


def kpis_loop(invoices, today: date, period_days: int, money=Decimal) -> dict:
    """Baseline: encours, aging (total and per client) and simple DSO, one plain Python loop.

    `money` is Decimal or float: the same loop run both ways measures what exact money costs.
    """
    start = today - timedelta(days=period_days - 1)
    zero, cent = money(0), money("0.01")
    aging = [zero] * 5
    per_client: dict[str, list] = {}
    invoiced = receivables = zero
    for invoice in invoices:
        total = money(invoice.total)
        if invoice.kind is InvoiceKind.CREDIT_NOTE:
            total = -total
        elif (balance := total - money(invoice.amount_paid)) >= cent:
            past = (today - (invoice.due_date or invoice.issue_date)).days
            bucket = (
                0 if past <= 0 else 1 if past <= 30 else 2 if past <= 60 else 3 if past <= 90 else 4
            )
            aging[bucket] += balance
            per_client.setdefault(invoice.client, [zero] * 5)[bucket] += balance
            receivables += balance
        if start <= invoice.issue_date <= today:
            invoiced += total
    return {"receivables": receivables, "dso": receivables / invoiced * period_days, "aging": aging}


def timed(fn, repeat: int):
    """Best and median wall time of `repeat` calls, and the last result."""
    times = []
    result = None
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--invoices", type=int, default=100_000)
    parser.add_argument("--payments", type=int, default=150_000)
    parser.add_argument("--clients", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--sample-workbook",
        type=Path,
        metavar="XLSX",
        help="write a small sample workbook (for docs/img) and stop",
    )
    args = parser.parse_args(argv)
    if args.sample_workbook:
        write_sample_workbook(args.sample_workbook)
        return 0

    t0 = time.perf_counter()
    invoices, payments, journal, clients = make_dataset(args.invoices, args.payments, args.clients)
    generate = time.perf_counter() - t0
    settings = KpiSettings()
    t_status, _, statuses = timed(lambda: compute_statuses(invoices, TODAY), 1)
    best, median, report = timed(
        lambda: compute_kpis(invoices, payments, journal, clients, statuses, TODAY, settings),
        args.repeat,
    )
    pd_best, pd_median, _ = timed(lambda: kpis_pandas(invoices, payments, TODAY, 90), args.repeat)
    fl_best, fl_median, _ = timed(lambda: kpis_loop(invoices, TODAY, 90, float), args.repeat)
    dec_best, dec_median, _ = timed(lambda: kpis_loop(invoices, TODAY, 90, Decimal), args.repeat)

    rows = history_with(report, [])
    wb_best, wb_median, data = timed(lambda: build_kpi_workbook(report, rows), 1)

    figures = {
        "machine": f"{platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} CPU",
        "invoices": len(invoices),
        "payments": len(payments),
        "journal": len(journal),
        "clients": len(report.clients),
        "late_invoices": len(report.late_invoices),
        "generate_s": round(generate, 3),
        "compute_statuses_s": round(t_status, 3),
        "compute_kpis_best_s": round(best, 3),
        "compute_kpis_median_s": round(median, 3),
        "pandas_subset_best_s": round(pd_best, 3),
        "loop_subset_decimal_best_s": round(dec_best, 3),
        "loop_subset_float_best_s": round(fl_best, 3),
        "ratio_kpis_to_pandas_subset": round(best / pd_best, 2),
        "ratio_decimal_to_float_loop": round(dec_best / fl_best, 2),
        "build_kpi_workbook_s": round(wb_best, 3),
        "workbook_bytes": len(data),
        "goal_met": best <= 2.0,
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key:28} {value}")
    return 0 if figures["goal_met"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
