"""Words typed in the payment columns instead of a day or an amount. Teams write « en attente »,
« Non payé », « - » or « relancé » in « Date de règlement » on the invoices not paid yet: each
was an unreadable date, an error that held the invoice, so nobody was reminded at all."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal as D

import openpyxl
import pytest
from click.testing import CliRunner
from test_team_trackers import book_of, run

from suivi.cli import cli
from suivi.workbook.read import read_master
from suivi.workbook.vocabulary import says_not_paid_yet

HEADER = ["N° facture", "Client", "Date facture", "Montant TTC", "Date de règlement", "Email"]
WORDS = ["en attente", "-", "Non payé", "relancé le 12/10", "Payé", date(2026, 9, 3), None]
NAMES = ["Alpha", "Beta", "Gamma", "Delta", "Echo", "Foxtrot", "Golf"]


def tracker(words=WORDS, header=HEADER):
    return {"Factures": [header, *(
        [f"F{i + 1}", name, date(2026, 8, i + 1), 100 * (i + 1), word,
         f"compta@{name.lower()}.example"] for i, (name, word) in enumerate(zip(NAMES, words)))]}


def test_the_invoices_not_paid_yet_are_reminded(in_folder):
    book = book_of(in_folder / "suivi.xlsx", tracker())
    checked = CliRunner().invoke(cli, ["check", str(book), "--date", "2026-12-01", "--json"])
    assert checked.exit_code == 0, checked.output
    issues = json.loads(checked.output)["issues"]
    assert not [i for i in issues if i["code"] == "date_illisible"]
    [marked] = [i for i in issues if i["code"] == "reglement_marque"]
    assert marked["cell"] == "Factures!E1" and "marque 1 facture(s)" in marked["message"]
    result, drafts = run(in_folder, book)
    # Echo « Payé » and Foxtrot (a day) are paid; the four words and Golf's blank are owed
    assert sorted(drafts) == ["compta@alpha.example", "compta@beta.example",
                              "compta@delta.example", "compta@gamma.example",
                              "compta@golf.example"], result.output
    rows = list(openpyxl.load_workbook(book)["Factures"].iter_rows(values_only=True))
    assert [r[4] for r in rows[1:6]] == WORDS[:5]  # the team's words stay
    statut = rows[0].index("Statut")
    assert [r[statut] for r in rows[1:]] == ["en retard"] * 4 + ["réglée"] * 2 + ["en retard"]


def test_words_in_the_amount_paid_are_nothing_paid(tmp_path):
    header = [*HEADER[:4], "Montant réglé", HEADER[5]]
    words = ["néant", "en attente", "Aucun", "-", 50, "0,00 €", None]
    master = read_master(book_of(tmp_path / "t.xlsx", tracker(words, header)))
    assert [i.amount_paid for i in master.invoices] == [D(0)] * 4 + [D(50), D(0), D(0)]
    assert not [i for i in master.issues if i.code == "montant_illisible"]


def test_what_is_neither_a_day_nor_not_yet_still_holds_the_invoice(tmp_path):
    """A mistyped day, or « Payé » in the date column beside an empty « Montant réglé » (which
    to believe?), stay errors at their cell: the invoice is held, not reminded."""
    header = [*HEADER, "Montant réglé"]
    sheets = tracker(["31/09/2026", "Payé", "virement Qonto"], header)
    master = read_master(book_of(tmp_path / "t.xlsx", sheets))
    said = sorted(str(i.where) for i in master.issues if i.code == "date_illisible")
    assert said == ["Factures!E2", "Factures!E3", "Factures!E4"]


@pytest.mark.parametrize(("text", "not_yet"), [
    ("en attente", True), ("En attente de virement", True), ("Non payée", True),
    ("non réglé", True), ("Impayé", True), ("pas encore", True), ("à venir", True),
    ("néant", True), ("Relancé le 12/10", True), ("-", True), ("—", True), ("?", True),
    ("N/A", True), ("non", True),
    ("payé", False), ("12/10/2026", False), ("x", False), ("Litige", False),
    ("virement", False), ("nonobstant", False), ("", False),
])
def test_not_yet_words(text, not_yet):
    assert says_not_paid_yet(text) is not_yet


def test_a_partial_mark_in_a_column_of_marks_holds_the_invoice_once(in_folder):
    """« Partiel » under « Payé » (oui / non): it was « n'est pas un montant », and with a
    Statut « Partiellement payé » a second error at the same cell. One error now, which says
    what it means, and the invoice is held."""
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Email", "Date facture", "Montant TTC", "Payé", "Statut"],
        ["F1", "Alpha", "a@alpha.example", date(2026, 8, 1), 100, "Partiel", None],
        ["F2", "Beta", "b@beta.example", date(2026, 8, 2), 200, "Partial", "Partiellement payé"],
        ["F3", "Gamma", "c@gamma.example", date(2026, 8, 3), 300, "Non", None],
        ["F4", "Delta", "d@delta.example", date(2026, 8, 4), 400, "Oui", None],
    ]})
    errors = [(i.code, str(i.where)) for i in read_master(book).issues
              if i.severity.value == "error"]
    assert errors == [("marque_partielle", "Factures!F2"),
                      ("reglement_partiel_sans_montant", "Factures!F3")]
    result, drafts = run(in_folder, book)
    assert list(drafts) == ["c@gamma.example"], result.output
