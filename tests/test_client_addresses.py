"""A Clients sheet kept for SIREN and addresses, whose « Email » is empty for a client, while
the invoice rows carry the client's e-mail. The client was « sans adresse e-mail » and never
reminded, though the error itself said the invoice sheet's « Email » column would do. The
address on its latest invoice row is now used; one in the Clients sheet still wins."""

from __future__ import annotations

from datetime import date

from test_team_trackers import book_of, run

from suivi.workbook.read import read_master


def test_an_empty_email_in_clients_takes_the_address_of_the_invoice_rows(in_folder):
    book = book_of(in_folder / "suivi.xlsx", {
        "Factures": [
            ["N° facture", "Client", "Email", "Date facture", "Montant TTC", "Montant réglé"],
            ["F1", "Alpha", "ancienne@alpha.example", date(2026, 7, 1), 1000, 0],
            ["F2", "Alpha", "compta@alpha.example", date(2026, 8, 1), 500, 0],
            ["F3", "Beta", "b@beta.example", date(2026, 8, 1), 1000, 0],
            ["F4", "Gamma", None, date(2026, 8, 1), 1000, 0],
        ],
        "Clients": [
            ["Client", "SIREN", "Email"],
            ["Alpha", "732829320", None],
            ["Beta", "732829320", "compta@beta-groupe.example"],
            ["Gamma", "732829320", None],
        ]})
    result, drafts = run(in_folder, book)
    # Alpha at the address of its latest invoice; Beta at the Clients sheet's; Gamma has none
    assert sorted(drafts) == ["compta@alpha.example", "compta@beta-groupe.example"], \
        result.output
    said = " ".join(result.output.split())
    assert "Client « Gamma » : aucune adresse e-mail" in said
    assert "Client « Alpha » : aucune adresse e-mail" not in said
    alpha = read_master(book).clients["alpha"]
    assert str(alpha.email_where) == "Factures!C3"
