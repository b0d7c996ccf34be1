"""A due date or a payment date typed without its year (« 30/09 », in a column formatted as
text). Each was an error that held the invoice: a client 60 days late was never reminded.
The year is the invoice's, or the next one when the day would fall before the invoice."""

from __future__ import annotations

from datetime import date

from test_team_trackers import book_of, run

from suivi.messages import text
from suivi.workbook.read import read_master

HEADER = ["N° facture", "Client", "Email", "Date facture", "Échéance", "Montant TTC",
          "Montant réglé", "Date règlement"]


def test_a_day_without_its_year_takes_the_invoices(in_folder):
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        HEADER,
        ["F1", "Alpha", "a@alpha.example", date(2026, 8, 1), "30/09", 1000, 0, None],
        ["F2", "Beta", "b@beta.example", date(2026, 11, 20), "15.01", 500, 0, None],
        ["F3", "Gamma", "c@gamma.example", date(2026, 8, 3), date(2026, 9, 2), 300, 300,
         "05/10"],
        ["F4", "Delta", "d@delta.example", "30/09", "30/10", 300, 0, None],  # no invoice date
        ["F5", "Echo", "e@echo.example", date(2026, 8, 5), "31/02", 300, 0, None],
    ]})
    master = read_master(book)
    due = {i.number: (i.due_date, i.payment_date) for i in master.invoices}
    assert due["F1"] == (date(2026, 9, 30), None)
    assert due["F2"] == (date(2027, 1, 15), None)  # after the invoice: next year's
    assert due["F3"] == (date(2026, 9, 2), date(2026, 10, 5))
    problems = {(i.code, str(i.where)) for i in master.issues if i.severity.value == "error"}
    assert ("date_illisible", "Factures!D5") in problems  # an invoice date needs its year
    assert ("date_illisible", "Factures!E5") in problems  # no invoice date to place it by
    assert ("date_illisible", "Factures!E6") in problems  # 31 February
    [placed] = [i for i in master.issues if i.code == "date_sans_annee"]
    assert str(placed.where) == "Factures!E2"
    assert text(placed, "fr") == ("3 date(s) tapée(s) sans année (« 30/09 », lue au "
                                  "30/09/2026) : suivi donne à chacune la première année qui "
                                  "la place après la date de la facture.")
    result, drafts = run(in_folder, book)
    assert "a@alpha.example" in drafts  # 62 days late: reminded, no longer held
    assert "b@beta.example" not in drafts and "c@gamma.example" not in drafts
