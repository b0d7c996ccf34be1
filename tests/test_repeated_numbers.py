"""An invoice written over several rows that each repeat its number (one row per line, or per
VAT rate, as invoicing software exports them). suivi read each repeated number as an error,
`numero_en_double`, that held the invoice: none of them was ever reminded."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal as D

import openpyxl
from click.testing import CliRunner
from test_team_trackers import bank_import, book_of, run

from suivi.cli import cli
from suivi.workbook.read import read_master

HEADER = ["N° facture", "Client", "Email", "Date facture", "Désignation", "Montant HT", "TVA",
          "Montant TTC", "Montant réglé"]


def line(number, client, designation, ht, paid=None, day=date(2026, 8, 1)):
    return [number, client, f"compta@{client.lower()}.example", day, designation, ht,
            ht // 5, ht + ht // 5, paid]


def test_an_invoice_over_several_rows_is_one_invoice(in_folder):
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        HEADER,
        line("F1", "Alpha", "Conseil", 500),
        line("F1", "Alpha", "Formation", 300),
        line("F2", "Beta", "Conseil", 100, 120),
        line("F3", "Gamma", "Audit", 1000),
        line("F3", "Gamma", "Frais", 50),
        line("F4", "Delta", "Audit", 1000),
        line("F4", "Delta", "Audit", 1000),  # the same line twice: a copy, or a number reused
        line("F5", "Echo", "Audit", 1000),
        line("F5", "Fox", "Audit", 200),  # two clients: a number reused
    ]})
    checked = CliRunner().invoke(cli, ["check", str(book), "--date", "2026-12-01", "--json"])
    issues = json.loads(checked.output)["issues"]
    over = {i["cell"]: i["message"] for i in issues if i["code"] == "facture_sur_plusieurs_lignes"}
    assert sorted(over) == ["Factures!A2", "Factures!A5"]
    assert "La facture F1 est écrite sur 2 lignes (2, 3), une par ligne de facture : suivi " \
           "les lit comme une seule facture de 960,00\u00a0€." == over["Factures!A2"]
    assert sorted(i["cell"] for i in issues if i["code"] == "numero_en_double") == [
        "Factures!A10", "Factures!A8"]
    result, drafts = run(in_folder, book)
    out = " ".join(result.output.split())
    assert sorted(drafts) == ["compta@alpha.example", "compta@gamma.example"], out
    assert "Alpha – Relance 1 – F1 – 960,00 €" in out
    assert "Gamma – Relance 1 – F3 – 1 260,00 €" in out
    rows = list(openpyxl.load_workbook(book)["Factures"].iter_rows(values_only=True))
    statut = rows[0].index("Statut")
    assert [r[statut] for r in rows[1:3]] == ["en retard", None]  # written on the first row
    assert [r[7] for r in rows[1:3]] == [600, 360]  # the team's amounts, as typed


def test_what_is_paid_over_the_rows(tmp_path):
    book = book_of(tmp_path / "t.xlsx", {"Factures": [
        HEADER,
        line("F1", "Alpha", "Conseil", 500, 600), line("F1", "Alpha", "Formation", 300),
        # the whole invoice's payment typed on each of its lines: paid once, not twice
        line("F2", "Beta", "Conseil", 500, 960), line("F2", "Beta", "Formation", 300, 960),
        line("F3", "Gamma", "Conseil", 500, 300), line("F3", "Gamma", "Formation", 300, 300),
    ]})
    master = read_master(book)
    assert [(i.number, i.total, i.amount_paid) for i in master.invoices] == [
        ("F1", D(960), D(600)), ("F2", D(960), D(960)), ("F3", D(960), D(600))]


def test_a_bank_payment_of_an_invoice_over_several_rows(in_folder):
    """The second line's 360 € was typed by the team; the bank pays the 600 € left. The
    first row's « Montant réglé » gets 600 €, so that the rows add up to 960 €, not 1 320 €."""
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        HEADER, line("F1", "Alpha", "Conseil", 500), line("F1", "Alpha", "Formation", 300, 360),
    ]})
    result = bank_import(in_folder, book, "VIR ALPHA FACTURE F1", "600,00")
    assert result.exit_code == 0, result.output
    rows = list(openpyxl.load_workbook(book)["Factures"].iter_rows(values_only=True))
    assert [r[8] for r in rows[1:]] == [600, 360]
    [invoice] = read_master(book).invoices
    assert (invoice.total, invoice.amount_paid) == (D(960), D(960))


def test_rows_that_differ_by_their_amount_only_stay_an_error(tmp_path):
    """No description, the same rate: a number typed twice (or a corrected row left beside
    its correction). Summed, they would claim 1 320 €: they stay `numero_en_double`. Rows
    of two VAT rates (an export per rate) are one invoice."""
    header = ["N° facture", "Client", "Date facture", "Montant HT", "TVA", "Montant TTC"]
    book = book_of(tmp_path / "t.xlsx", {"Factures": [
        header,
        ["F1", "Alpha", date(2026, 8, 1), 1000, 200, 1200],
        ["F1", "Alpha", date(2026, 8, 1), 100, 20, 120],
        ["F2", "Beta", date(2026, 8, 2), 1000, 200, 1200],
        ["F2", "Beta", date(2026, 8, 2), 100, D("5.5"), D("105.5")],
    ]})
    master = read_master(book)
    assert [(i.number, i.total) for i in master.invoices] == [
        ("F1", D(1200)), ("F1", D(120)), ("F2", D("1305.5"))]
    checked = CliRunner().invoke(cli, ["check", str(book), "--date", "2026-12-01", "--json"])
    assert [i["cell"] for i in json.loads(checked.output)["issues"]
            if i["code"] == "numero_en_double"] == ["Factures!A3"]
    # F2's document has its two lines at their own rates, not one line at a rate in between
    assert [(line.invoice_number, line.unit_price, line.vat_rate) for line in master.lines] == [
        ("F2", D(1000), D(20)), ("F2", D(100), D("5.5"))]


def test_a_row_with_an_error_is_not_summed(tmp_path):
    """An unreadable amount on the second line: summed, the invoice would be claimed for its
    first line only, and the error would hold nothing. The rows stay apart, and held."""
    book = book_of(tmp_path / "t.xlsx", {"Factures": [
        HEADER, line("F1", "Alpha", "Conseil", 500), [*line("F1", "Alpha", "Formation", 300)[:7],
                                                      "trois cents", None]]})
    master = read_master(book)
    assert [i.number for i in master.invoices] == ["F1", "F1"]
    assert not [i for i in master.issues if i.code == "facture_sur_plusieurs_lignes"]
