"""The daily-run benchmark's masters say what the benchmark claims, and suivi reads them."""
from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from suivi.config import load_settings
from suivi.core.models import Severity
from suivi.workbook.read import ReadOptions, read_master
from suivi.workbook.template import INVOICE_COLUMNS, PAYMENT_COLUMNS

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import daily_master

D = date(2026, 11, 25)


def as_date(value) -> date:
    assert isinstance(value, date), value  # a real date cell, with its date format
    return value


@pytest.fixture(scope="module")
def master(tmp_path_factory):
    folder = tmp_path_factory.mktemp("entite")
    spec = daily_master.MasterSpec(rows=3000, late=40, clients=150, today=D)
    counts = daily_master.build(folder / "suivi_factures.xlsx", spec)
    daily_master.write_config(folder)
    book = CalamineWorkbook.from_path(str(folder / "suivi_factures.xlsx"))
    return folder, counts, book


def test_sheets_and_headers_are_the_templates(master):
    _, _, book = master
    assert book.sheet_names == ["Factures", "Clients", "Lignes", "Paiements", "Journal",
                                "Contrats", "Indicateurs"]
    factures = book.get_sheet_by_name("Factures").to_python()
    assert factures[0] == [header for header, _, _ in INVOICE_COLUMNS]
    assert len(factures) == 3001
    paiements = book.get_sheet_by_name("Paiements").to_python()
    assert paiements[0] == [header for header, _, _ in PAYMENT_COLUMNS]


def test_invoices_are_paid_late_open_or_to_number_as_described(master):
    _, counts, book = master
    rows = book.get_sheet_by_name("Factures").to_python()[1:]
    new = rows[-100:]
    assert all(r[0] == "" and r[12] == "à émettre" and as_date(r[1]) == D for r in new)
    dated = rows[:-100]
    old = [r for r in dated if as_date(r[1]) < D - timedelta(days=90)]
    assert old and all(r[12] == "réglée" and r[9] == r[6] for r in old)
    assert all(r[23] == f"factures/{as_date(r[1]).year}/{r[0]}.pdf" for r in old)
    late = [r for r in dated if r[12] == "émise" and as_date(r[8]) < D]
    assert len(late) == counts.late == 40
    not_due = [r for r in dated if as_date(r[8]) >= D]
    assert not_due and all(r[12] == "émise" and r[9] == "" and r[23] == "" for r in not_due)
    paid_numbers = {r[0] for r in dated if r[12] == "réglée"}
    paiements = book.get_sheet_by_name("Paiements").to_python()[1:]
    assert {p[2] for p in paiements} == paid_numbers
    assert all(as_date(p[0]) < D for p in paiements)


def test_suivi_reads_the_master_without_errors(master):
    folder, _, _ = master
    settings = load_settings(folder / "suivi.toml")
    assert settings.seller is not None and settings.seller.name == "Rhône Numérique Services"
    data = read_master(settings.workbook, ReadOptions(settings.sheet, settings.columns,
                                                      settings.default_terms))
    assert len(data.invoices) == 3000 and len(data.clients) == 150
    assert [i for i in data.issues if i.severity is Severity.ERROR] == []


def test_the_constant_memory_master_has_the_same_content_without_tables(tmp_path, monkeypatch):
    """Above TABLE_LIMIT rows (the 1,048,576-row master) the sheets are plain ranges."""
    monkeypatch.setattr(daily_master, "TABLE_LIMIT", 100)
    spec = daily_master.MasterSpec(rows=400, late=10, clients=20, today=D)
    daily_master.build(tmp_path / "suivi_factures.xlsx", spec)
    daily_master.write_config(tmp_path)
    book = CalamineWorkbook.from_path(str(tmp_path / "suivi_factures.xlsx"))
    factures = book.get_sheet_by_name("Factures").to_python()
    assert factures[0] == [header for header, _, _ in INVOICE_COLUMNS] and len(factures) == 401
    settings = load_settings(tmp_path / "suivi.toml")
    data = read_master(settings.workbook, ReadOptions(settings.sheet, settings.columns,
                                                      settings.default_terms))
    assert len(data.invoices) == 400 and len(data.clients) == 20
    assert [i for i in data.issues if i.severity is Severity.ERROR] == []
