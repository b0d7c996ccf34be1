"""A Lignes sheet whose lines add up to another amount than the invoice's row: a « Remise »
column suivi does not read (10 × 100 € less 10 %), a line typed twice. The PDF stated the
lines' 1 200 €, the reminders claimed the row's 1 080 €: the client got two amounts for one
invoice. A row to issue so is held with an error at its amount; an invoice issued elsewhere
gets a warning and no PDF copy; lines that agree make their PDF as before."""

from __future__ import annotations

import json
from datetime import date

from test_team_trackers import book_of
from test_ttc_only_documents import facturx_total, invoicing

CLIENTS = [["Client", "Email", "Adresse", "Code postal", "Ville", "SIREN"],
           ["Alpha", "a@alpha.example", "1 rue de la Paix", 75002, "Paris", "732829320"]]


def test_lines_that_disagree_with_their_row(in_folder):
    book_of(in_folder / "suivi.xlsx", {
        "Factures": [["N° facture", "Client", "Date facture", "Montant HT", "TVA",
                      "Montant TTC", "Montant réglé", "Statut"],
                     ["FAC2026-001", "Alpha", date(2026, 10, 1), 900, 180, 1080, None, None],
                     ["FAC2026-002", "Alpha", date(2026, 12, 1), 900, 180, 1080, None,
                      "À émettre"],
                     ["FAC2026-003", "Alpha", date(2026, 12, 1), 1000, 200, 1200, None,
                      "À émettre"]],
        "Lignes": [["N° facture", "Désignation", "Quantité", "Prix unitaire HT", "Remise %",
                    "TVA"],
                   ["FAC2026-001", "Conseil", 10, 100, 10, 20],
                   ["FAC2026-002", "Conseil", 10, 100, 10, 20],
                   ["FAC2026-003", "Conseil", 10, 100, None, 20]],
        "Clients": CLIENTS})
    checked = invoicing(in_folder, "check", "--json")
    said = {i["cell"]: (i["severity"], " ".join(i["message"].split()))
            for i in json.loads(checked.output)["issues"] if i["code"] == "lignes_total_different"}
    assert said == {
        "Factures!F2": ("warning", "Facture FAC2026-001 : ses lignes (feuille Lignes) font "
                        "1 200,00 €, sa ligne de la feuille des factures 1 080,00 € : suivi n'en "
                        "fait pas de copie PDF, qui dirait 1 200,00 € quand les relances "
                        "réclament 1 080,00 €."),
        "Factures!F3": ("error", "Facture FAC2026-002 : ses lignes (feuille Lignes) font "
                        "1 200,00 €, sa ligne de la feuille des factures 1 080,00 € : la facture "
                        "dirait un autre montant que les relances. Elle n'est ni numérotée ni "
                        "produite.")}
    result = invoicing(in_folder)
    assert result.exit_code == 1, result.output
    pdfs = sorted((in_folder / "factures" / "2026").glob("*.pdf"))
    assert [p.name for p in pdfs] == ["FAC2026-003.pdf"], result.output
    assert facturx_total(pdfs[0]) == 1200
