"""« Payé » kept as checkboxes (Excel's Insert > Checkbox, or VRAI/FAUX typed): a ticked box is
an invoice paid in full, an empty one an invoice owed. Read as amounts, every box was an error
(« True » n'est pas un montant) and the paid invoices showed as late; a payment suivi recorded
there replaced the box by a number."""
from __future__ import annotations

import json
from datetime import date
from decimal import Decimal as D

import openpyxl
from click.testing import CliRunner
from test_team_trackers import bank_import, book_of

from suivi.cli import cli
from suivi.workbook.read import read_master

HEADER = ["N° facture", "Date facture", "Client", "Montant TTC", "Échéance", "Payé",
          "Date paiement", "Email"]


def ticked(marks=(True, False, False), paid_on=date(2026, 9, 20)):
    """FAC2026-001 ticked (paid on 20/09), FAC2026-002 and FAC2026-003 not."""
    rows = [HEADER]
    for n, (name, mark) in enumerate(zip(("Garage Martin", "Boulangerie Dupré", "Alpha"),
                                         marks), 1):
        rows.append([f"FAC2026-00{n}", date(2026, 9, n), name, 100 * n, date(2026, 10, n), mark,
                     paid_on if mark is True or mark == "oui" else None,
                     f"compta{n}@client.example"])
    return {"Factures": rows}


def test_ticked_boxes_are_paid_in_full_and_empty_ones_owed(tmp_path):
    master = read_master(book_of(tmp_path / "suivi.xlsx", ticked()))
    assert [(i.amount_paid, i.payment_date) for i in master.invoices] == [
        (D(100), date(2026, 9, 20)), (D(0), None), (D(0), None)]
    assert not [i for i in master.issues if i.severity.value == "error"]
    assert [i.code for i in master.issues if i.code == "reglement_marque"] == ["reglement_marque"]
    assert master.layout.paid_mark is True


def test_checkboxes_in_a_non_paye_column_are_crosses(tmp_path):
    sheets = ticked(paid_on=None)
    sheets["Factures"][0] = [*HEADER[:5], "Non payé", *HEADER[6:]]
    master = read_master(book_of(tmp_path / "suivi.xlsx", sheets))
    # the first box ticked under « Non payé »: owed; the others are paid
    assert [i.balance for i in master.invoices] == [D(100), D(0), D(0)]
    assert not [i for i in master.issues if i.severity.value == "error"]


def test_a_box_in_a_column_of_amounts_is_named_as_excel_shows_it(tmp_path):
    book = book_of(tmp_path / "suivi.xlsx", {"Factures": [
        ["N° facture", "Date facture", "Client", "Montant TTC"],
        ["F-1", date(2026, 9, 1), "Alpha", True]]})
    for lang, word in (("fr", "« VRAI » n'est pas un montant"), ("en", "'TRUE'")):
        result = CliRunner().invoke(cli, ["check", str(book), "--json", "--lang", lang])
        said = [i["message"] for i in json.loads(result.output)["issues"]
                if i["cell"] == "Factures!D2"]
        assert any(word in m for m in said), said
        assert not any("True" in m for m in said)


def test_a_payment_in_full_ticks_the_box_and_a_part_payment_writes_its_amount(in_folder):
    book = book_of(in_folder / "suivi.xlsx", ticked())
    result = bank_import(in_folder, book, "VIR SEPA RECU /DE BOULANGERIE DUPRE /MOTIF FAC2026-002",
                         "200,00")
    assert "Paiements appliqués (1)" in result.output, result.output
    result = bank_import(in_folder, book, "VIR SEPA RECU /DE ALPHA /MOTIF FAC2026-003", "100,00")
    assert "Paiements appliqués (1)" in result.output, result.output
    rows = list(openpyxl.load_workbook(book)["Factures"].iter_rows(values_only=True))
    paid = HEADER.index("Payé")
    assert [r[paid] for r in rows[1:]] == [True, True, 100]  # a box, not 200; the third in part
    master = read_master(book)
    assert [i.balance for i in master.invoices] == [D(0), D(0), D(200)]
    assert not [i for i in master.issues if i.severity.value == "error"]
    assert master.layout.paid_mark is True  # the part payment's amount did not change that


def test_a_column_of_words_gets_its_own_word(in_folder):
    book = book_of(in_folder / "suivi.xlsx", ticked(marks=("oui", "non", "non")))
    result = bank_import(in_folder, book, "VIR SEPA RECU /DE BOULANGERIE DUPRE /MOTIF FAC2026-002",
                         "200,00")
    assert "Paiements appliqués (1)" in result.output, result.output
    rows = list(openpyxl.load_workbook(book)["Factures"].iter_rows(values_only=True))
    assert [r[HEADER.index("Payé")] for r in rows[1:]] == ["oui", "oui", "non"]

