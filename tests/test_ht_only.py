"""A sheet that gives amounts before VAT only (« Montant HT »). Each was taken for the
invoice's total: a VAT-registered seller's reminder claimed 1 000 € of a 1 200 € invoice, an
invoice paid 1 200 € was « trop-perçu », and the PDF suivi made added the VAT the reminder
did not claim."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from click.testing import CliRunner
from test_team_trackers import book_of

from suivi.cli import cli
from suivi.workbook.read import ReadOptions, read_master

ROWS = [["N° facture", "Client", "Email", "Date facture", "Montant HT", "Montant réglé"],
        ["F1", "Alpha", "a@alpha.example", date(2026, 8, 1), 1000, 0],
        ["F2", "Beta", "b@beta.example", date(2026, 8, 1), 1000, 1200]]


@pytest.mark.parametrize("rate, totals, said", [
    (None, [D(1000), D(1000)], ""),       # no [vendeur]: whether VAT is charged is not known
    (D(20), [D(1200), D(1200)], "rate"),  # the seller's documents add 20 %: so do reminders
    (D(0), [D(1000), D(1000)], None),     # the franchise: amounts before VAT are the totals
])
def test_what_an_amount_before_vat_stands_for(tmp_path, rate, totals, said):
    master = read_master(book_of(tmp_path / "t.xlsx", {"Factures": ROWS}),
                         ReadOptions(vat_rate=rate))
    assert [i.total for i in master.invoices] == totals
    found = [i for i in master.issues if i.code == "montant_ht_seul"]
    assert [i.variant for i in found] == ([] if said is None else [said])


def test_a_vat_registered_sellers_reminder_claims_the_vat(in_folder):
    book_of(in_folder / "suivi.xlsx", {"Factures": ROWS})
    (in_folder / "suivi.toml").write_text(
        '[classeur]\nfichier = "suivi.xlsx"\n\n[vendeur]\nnom = "Atelier"\n'
        'tva = "FR89618552665"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", "--config", str(in_folder / "suivi.toml"),
                                      "--date", "2026-12-01"], catch_exceptions=False)
    out = " ".join(result.output.split())
    assert "Alpha – Relance 1 – F1 – 1 200,00 €" in out, out
    assert "Beta –" not in out  # paid 1 200 €: paid in full, not « trop-perçu »
