"""Payments kept in several columns: « Acompte reçu » and « Solde reçu », or « 1er versement »
and « 2e versement ». suivi read one of them (« Solde reçu » even as what is left to pay) and
only named the other: an invoice paid in two parts was reminded for the part paid first, one
paid in one « Solde reçu » was reminded for its whole total, and one paid only its deposit
was read as paid."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal as D

import openpyxl
from click.testing import CliRunner
from test_team_trackers import bank_import, book_of, run

from suivi.cli import cli
from suivi.messages import text
from suivi.workbook.read import read_master


def tracker(header, parts):
    names = ("Alpha", "Beta", "Gamma")
    return {"Factures": [
        ["N° facture", "Client", "Date facture", "Montant TTC", *header, "Email"],
        *([f"F{i + 1}", name, date(2026, 8, i + 1), 1000, *part,
           f"compta@{name.lower()}.example"] for i, (name, part) in enumerate(zip(names, parts)))]}


DEPOSIT_AND_REST = tracker(["Acompte reçu", "Solde reçu"], [(300, 0), (300, 700), (None, 1000)])


def test_a_deposit_and_the_rest_received_are_added(in_folder):
    book = book_of(in_folder / "suivi.xlsx", DEPOSIT_AND_REST)
    checked = CliRunner().invoke(cli, ["check", str(book), "--date", "2026-12-01", "--json"])
    issues = json.loads(checked.output)["issues"]
    assert not [i for i in issues if i["code"] == "colonne_reglement_ignoree"]
    [added] = [i for i in issues if i["code"] == "reglement_colonnes"]
    assert added["cell"] == "Factures!E1" and added["severity"] == "warning"
    assert "Les colonnes « Acompte reçu », « Solde reçu » disent chacune une part" \
        in added["message"]
    result, drafts = run(in_folder, book)
    out = " ".join(result.output.split())
    # Alpha paid its deposit only: reminded for the 700 € left; Beta and Gamma paid in full
    assert sorted(drafts) == ["compta@alpha.example"], out
    assert "Alpha – Relance 1 – F1 – 700,00 €" in out
    rows = list(openpyxl.load_workbook(book)["Factures"].iter_rows(values_only=True))
    statut = rows[0].index("Statut")
    assert [r[statut] for r in rows[1:]] == ["partiellement réglée", "réglée", "réglée"]
    assert [r[4:6] for r in rows[1:]] == [(300, 0), (300, 700), (None, 1000)]  # untouched


def test_two_instalments_and_their_date(tmp_path):
    sheets = tracker(["1er versement", "2e versement", "Date paiement"],
                     [(300, None, date(2026, 9, 1)), (300, 700, date(2026, 9, 2)),
                      (None, None, None)])
    master = read_master(book_of(tmp_path / "t.xlsx", sheets))
    assert [i.amount_paid for i in master.invoices] == [D(300), D(1000), D(0)]
    # the first instalment is an amount: F1's date is not « a date without an amount »
    assert not [i for i in master.issues if i.code == "reglement_sans_montant"]


def test_a_running_total_is_not_added_twice(tmp_path):
    """« Montant réglé » that already counts the deposit (1 000 € for a 300 € deposit and the
    rest) would read 1 300 € paid once added: such a column is the total, and the deposit
    column stays named, not read."""
    sheets = tracker(["Acompte versé", "Montant réglé"], [(300, 1000), (300, 300), (None, 0)])
    master = read_master(book_of(tmp_path / "t.xlsx", sheets))
    assert [i.amount_paid for i in master.invoices] == [D(1000), D(300), D(0)]
    assert [str(i.where) for i in master.issues if i.code == "colonne_reglement_ignoree"] == [
        "Factures!E1"]
    assert not [i for i in master.issues if i.code == "reglement_colonnes"]


def test_a_bank_transfer_is_recorded_without_counting_the_deposit_twice(in_folder):
    """`suivi bank` writes Alpha's 700 € into the column it reads the rest from: 700 there and
    300 in « Acompte reçu » make 1 000 € paid, not 1 300 €."""
    book = book_of(in_folder / "suivi.xlsx", DEPOSIT_AND_REST)
    done = bank_import(in_folder, book, "VIR SEPA RECU /DE ALPHA /MOTIF F1", "700,00")
    assert done.exit_code in (0, 1), done.output
    rows = list(openpyxl.load_workbook(book)["Factures"].iter_rows(values_only=True))
    assert rows[1][4:6] == (300, 700), done.output
    master = read_master(book)
    assert master.invoices[0].amount_paid == D(1000) and master.invoices[0].balance == 0
    assert not [i for i in master.issues if i.code == "trop_percu"]
    result, drafts = run(in_folder, book)
    assert drafts == {}, result.output


def test_said_in_english(tmp_path):
    master = read_master(book_of(tmp_path / "t.xlsx", DEPOSIT_AND_REST))
    [said] = [i for i in master.issues if i.code == "reglement_colonnes"]
    assert "Columns 'Acompte reçu', 'Solde reçu' each hold a part" in text(said, "en")


def test_a_deposit_column_beside_its_running_total_is_never_forgotten(in_folder):
    """« Acompte » beside a « Montant réglé » that counts it (1 000 € paid on Beta, deposit
    included): the deposit column was named and left unread, so Alpha, whose 300 € deposit
    « Montant réglé » did not count yet (0), was reminded for the whole 1 000 €. Where the
    total is below the deposit, the deposit is what was paid; `suivi bank` then writes the
    whole amount into the total, and the next run reads it paid."""
    book = book_of(in_folder / "suivi.xlsx",
                   tracker(["Acompte", "Montant réglé"], [(300, 0), (300, 1000), (None, 0)]))
    master = read_master(book)
    assert [i.amount_paid for i in master.invoices] == [D(300), D(1000), D(0)]
    [said] = [i for i in master.issues if i.code == "colonne_reglement_ignoree"]
    assert "sur 1 ligne(s), « Montant réglé » est plus petit qu'elle : suivi y prend ce que " \
           "« Acompte » dit reçu" in " ".join(text(said, "fr").split())
    result, drafts = run(in_folder, book)
    assert "700,00" in drafts["compta@alpha.example"].get_body(("plain",)).get_content() \
        .replace("\u202f", " ")
    done = bank_import(in_folder, book, "VIR SEPA RECU /DE ALPHA /MOTIF F1", "700,00")
    assert done.exit_code in (0, 1), done.output
    sheet = openpyxl.load_workbook(book)["Factures"]
    assert sheet["F2"].value == 1000 and sheet["E2"].value == 300
    assert read_master(book).invoices[0].amount_paid == D(1000)


def test_a_bare_deposit_column_is_money_received(tmp_path):
    """« Acompte » alone (a deposit is paid before the invoice) beside « Montant réglé » that
    does not count it: added, as « Acompte reçu » is. « Facture d'acompte » (a number) and
    « Acompte demandé » (asked, not received) are not."""
    master = read_master(book_of(tmp_path / "t.xlsx", tracker(
        ["Acompte", "Acompte demandé", "Montant réglé"], [(300, 500, 0), (300, 500, 700),
                                                          (None, None, 0)])))
    assert [i.amount_paid for i in master.invoices] == [D(300), D(1000), D(0)]


def test_what_an_invoice_no_longer_claims_is_not_reminded(in_folder):
    """A discount for paying early (« Escompte »), bank fees the client's bank took, a
    holdback due at the end of the guarantee: 980 € received of 1 000 €, and 20 € in such a
    column. suivi read nothing of it and reminded 20 € the client does not owe. The column
    is now taken off what the invoice owes, with a warning naming it; a « Taux d'escompte »
    of 2 % is a rate, not an amount."""
    book = book_of(in_folder / "suivi.xlsx", tracker(
        ["Montant réglé", "Escompte", "Frais bancaires", "Retenue de garantie",
         "Taux d'escompte"],
        [(980, 20, None, None, 2), (985, None, 15, None, None), (900, None, None, 50, 2)]))
    checked = CliRunner().invoke(cli, ["check", str(book), "--date", "2026-12-01", "--json"])
    [said] = [i for i in json.loads(checked.output)["issues"]
              if i["code"] == "reglement_autrement_colonne"]
    assert said["cell"] == "Factures!F1" and said["severity"] == "warning"
    assert said["message"].startswith("Les colonnes « Escompte », « Frais bancaires », « Retenue "
                                      "de garantie » disent ce que la facture ne réclame plus")
    result, drafts = run(in_folder, book)
    out = " ".join(result.output.split())
    # Alpha and Beta owe nothing; Gamma owes 50 € beyond its 50 € holdback
    assert sorted(drafts) == ["compta@gamma.example"], out
    assert "Gamma – Relance 1 – F3 – 50,00 €" in out
    assert [inv.balance for inv in read_master(book).invoices] == [D(0), D(0), D(50)]
