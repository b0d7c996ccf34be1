"""suivi as a library: `suivi.open` gives the same records, issues, statuses and indicators as
the command line, and pandas DataFrames with exact money and real dates."""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import suivi
from suivi.cli import cli
from suivi.config import ConfigError
from suivi.workbook import WorkbookError

ROOT = Path(__file__).resolve().parent.parent
DAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("api") / "demo"
    result = CliRunner().invoke(cli, ["demo", str(folder), "--date", DAY.isoformat()])
    assert result.exit_code == 0, result.output
    return folder


def test_open_gives_what_check_sees(demo):
    book = suivi.open(demo / "suivi_factures.xlsx", today=DAY)
    assert len(book.invoices) > 150 and len(book.clients) >= 20
    json_check = CliRunner().invoke(cli, ["check", str(demo / "suivi_factures.xlsx"), "--json",
                                          "--date", DAY.isoformat()])
    import json

    cells = {(i["cell"], i["code"]) for i in json.loads(json_check.output)["issues"]}
    assert {(i.location or None, i.code) for i in book.issues} == cells
    assert all(suivi.text(i) and suivi.text(i, "en") != suivi.text(i, "fr")
               for i in book.issues)
    late = [inv for inv in book.invoices if book.statuses[inv.row].days_late > 30]
    assert late  # the demo has invoices at every step of the ladder
    assert book.kpis().value("receivables") == sum(
        (inv.balance for inv in book.invoices if book.statuses[inv.row].status.open),
        Decimal(0))


def test_frames_have_exact_money_and_real_dates(demo):
    frames = suivi.open(demo / "suivi_factures.xlsx", today=DAY).frames()
    invoices = frames.invoices
    assert str(invoices["issue_date"].dtype) == "datetime64[ns]"
    assert str(invoices["days_late"].dtype) == "Int64"
    assert invoices["total"].map(type).eq(Decimal).all()
    assert isinstance(invoices["balance"].sum(), Decimal)
    by_client = invoices.groupby("client")["balance"].sum()
    assert all(isinstance(v, Decimal) for v in by_client)
    assert len(frames.payments) > 100 and str(frames.payments["date"].dtype) == "datetime64[ns]"
    assert set(frames.clients["type"]) >= {"Société", "Particulier", "Association",
                                           "Administration"}
    assert len(frames.journal) > 0 and pd.api.types.is_string_dtype(frames.journal["step"])


def test_the_ten_line_report_of_the_docs_runs(demo, capsys, monkeypatch):
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    example = re.search(r"## Un rapport en dix lignes.*?```python\n(.*?)```", text, re.S)[1]
    assert len([line for line in example.splitlines() if line.strip()]) <= 11
    monkeypatch.chdir(demo)
    exec(compile(example, "docs/api.md", "exec"), {})
    out = capsys.readouterr().out
    assert "DSO :" in out and "sales_rep" in out


def test_unusable_input_raises_a_clear_error(tmp_path):
    with pytest.raises(WorkbookError, match="introuvable"):
        suivi.open(tmp_path / "absent.xlsx")
    bad = tmp_path / "suivi.toml"
    bad.write_text("[smtp]\nport = 0\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[smtp\] port = 0"):
        suivi.open(config=bad)


def test_kpis_of_a_workbook_missing_a_required_column_are_refused(tmp_path):
    """As `suivi kpi` (exit 2): without the client column the figures would be wrong (zero
    receivables…), so `kpis()` raises, naming the column, instead of returning them."""
    import xlsxwriter

    from suivi.api import IndicatorsUnavailable

    path = tmp_path / "sans-client.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Factures")
    sheet.write_row(0, 0, ["N° facture", "Date facture", "Montant TTC", "Échéance"])
    sheet.write_row(1, 0, ["FAC-1", "02/11/2026", 120, "02/12/2026"])
    workbook.close()
    book = suivi.open(path, today=date(2026, 11, 25))
    assert any(i.code == "colonne_absente" for i in book.issues)
    with pytest.raises(IndicatorsUnavailable) as refused:
        book.kpis()
    said = str(refused.value)
    assert said.startswith("Indicateurs non calculés") and "Client" in said, said
    assert "seraient faux" in said
