"""The benchmark stays runnable, and the indicators hold together on its synthetic ledger.

Timings are NOT asserted here (a busy machine would make them flaky): `benchmarks/bench_kpi.py`
reports them with their baseline."""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from suivi.core.kpi import KpiSettings, compute_kpis
from suivi.core.ledger import compute_statuses

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import bench_kpi


@pytest.fixture(scope="module")
def synthetic():
    invoices, payments, journal, clients = bench_kpi.make_dataset(3000, 4500, 40, seed=7)
    statuses = compute_statuses(invoices, bench_kpi.TODAY)
    report = compute_kpis(
        invoices, payments, journal, clients, statuses, bench_kpi.TODAY, KpiSettings()
    )
    return invoices, payments, report


def test_dataset_shape(synthetic):
    invoices, payments, report = synthetic
    assert len(invoices) == 3000 and len(payments) == 4500
    assert 30 <= len(report.clients) <= 40
    assert report.paid_count > 0 and report.late_invoices


def test_totals_agree(synthetic):
    _, _, report = synthetic
    assert sum(b.amount for b in report.aging) == report.receivables
    assert report.overdue + report.not_due == report.receivables
    assert sum(c.receivables for c in report.clients) == report.receivables
    assert sum(c.overdue for c in report.clients) == report.overdue
    assert sum(sum(c.aging) for c in report.clients) == report.receivables
    assert (
        report.forecast_total + report.forecast_later + report.forecast_uncertain
        == report.receivables
    )
    assert (
        len(report.late_invoices) == report.overdue_count == sum(b.count for b in report.aging[1:])
    )
    assert sum(i.amount_due for i in report.late_invoices) == report.overdue
    assert sum(c.late_count for c in report.clients) == report.overdue_count
    months = report.monthly
    assert len(months) == 12 and months[-1].month.month == bench_kpi.TODAY.month
    assert all(0 <= c.score <= 100 for c in report.clients if c.score is not None)
    assert all(r.paid <= r.reached for r in report.step_rates)
    days = [i.days_late for i in report.late_invoices]
    assert days == sorted(days, reverse=True)


def test_baselines_agree_with_each_other(synthetic):
    invoices, payments, _ = synthetic
    exact = bench_kpi.kpis_loop(invoices, bench_kpi.TODAY, 90, Decimal)
    rough = bench_kpi.kpis_loop(invoices, bench_kpi.TODAY, 90, float)
    assert float(exact["receivables"]) == pytest.approx(rough["receivables"])
    pandas = bench_kpi.kpis_pandas(invoices, payments, bench_kpi.TODAY, 90)
    assert pandas["dso"] == pytest.approx(float(exact["dso"]), rel=1e-9)


def test_benchmark_runs(capsys):
    code = bench_kpi.main(
        ["--invoices", "2000", "--payments", "3000", "--clients", "20", "--repeat", "1", "--json"]
    )
    figures = json.loads(capsys.readouterr().out)
    assert code == 0 and "goal_met" in figures
    assert figures["invoices"] == 2000 and figures["payments"] == 3000
    assert figures["ratio_kpis_to_pandas_subset"] > 0


def test_sample_workbook(tmp_path):
    path = tmp_path / "exemple.xlsx"
    assert bench_kpi.main(["--sample-workbook", str(path)]) == 0
    assert path.read_bytes()[:2] == b"PK"
