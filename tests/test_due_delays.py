"""A due-date column that holds the payment delay in days (30, 60) rather than a date. Read
as Excel serial numbers, they were due dates in 1900: an error on each row, and no invoice
was reminded."""

from __future__ import annotations

from datetime import date

from test_team_trackers import book_of, run

from suivi.workbook.read import read_master


def test_a_number_of_days_in_the_due_date_column_is_the_delay(in_folder):
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Email", "Date facture", "Échéance", "Montant TTC",
         "Montant réglé"],
        ["F1", "Alpha", "a@alpha.example", date(2026, 11, 1), 30, 100, 0],
        ["F2", "Beta", "b@beta.example", date(2026, 9, 2), 60, 200, 0],
        ["F3", "Gamma", "c@gamma.example", date(2026, 8, 3), date(2026, 9, 2), 300, 0],
    ]})
    master = read_master(book)
    assert [i.due_date for i in master.invoices] == [
        date(2026, 12, 1), date(2026, 11, 1), date(2026, 9, 2)]
    assert not [i for i in master.issues if i.severity.value == "error"]
    result, drafts = run(in_folder, book)
    assert {"b@beta.example", "c@gamma.example"} <= set(drafts), result.output
