"""A payment plan written in the Statut (« Échéancier en cours », « Paiement en 3 fois »)
without its installments in the Échéancier sheet. suivi reminded such an invoice for its
whole balance, as if nothing had been agreed: a client keeping to the plan got « Relance 1 »,
then a formal notice."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner
from test_team_trackers import book_of, run

from suivi.cli import cli
from suivi.core.status_notes import says_payment_plan

HEADER = ["N° facture", "Client", "Email", "Date facture", "Échéance", "Montant TTC", "Montant réglé",
          "Statut"]


def test_a_plan_stated_without_its_installments_holds_the_invoice(in_folder):
    book = book_of(in_folder / "suivi.xlsx", {
        "Factures": [
            HEADER,
            ["F1", "Alpha", "a@alpha.example", date(2026, 8, 1), date(2026, 8, 31), 900, 0,
             "Échéancier en cours"],
            ["F2", "Beta", "b@beta.example", date(2026, 8, 1), date(2026, 8, 31), 900, 0,
             "Échéancier non respecté"],
            ["F3", "Gamma", "c@gamma.example", date(2026, 8, 1), date(2026, 8, 31), 900, 0,
             "Paiement en 3 fois"],
            ["F4", "Delta", "d@delta.example", date(2026, 8, 1), date(2026, 8, 31), 900, 0,
             "Plan de paiement accordé"],
        ],
        "Échéancier": [["N° facture", "Échéance", "Montant"],
                       ["F3", date(2026, 10, 15), 300], ["F3", date(2026, 11, 15), 300],
                       ["F3", date(2027, 1, 15), 300]],
    })
    checked = CliRunner().invoke(cli, ["check", str(book), "--date", "2026-12-01", "--json"])
    said = {i["cell"]: i["message"] for i in json.loads(checked.output)["issues"]
            if i["code"] == "echeancier_sans_echeances"}
    assert sorted(said) == ["Factures!H2", "Factures!H5"]
    assert "Facture F1 : le statut dit un échéancier (« Échéancier en cours »)" \
        in said["Factures!H2"]
    result, drafts = run(in_folder, book)
    assert result.exit_code == 0, result.output
    # Alpha and Delta keep to a plan suivi does not know; Beta's plan is broken; Gamma's
    # plan is in the Échéancier sheet, whose two installments fallen due are reminded.
    assert sorted(drafts) == ["b@beta.example", "c@gamma.example"]
    gamma = drafts["c@gamma.example"].get_body(("plain",)).get_content()
    assert "600,00" in gamma and "900,00" not in gamma


@pytest.mark.parametrize("text, plan", [
    ("Échéancier en cours", True),
    ("Plan de paiement accordé le 12/11", True),
    ("Paiement en 3 fois", True),
    ("Règlement échelonné", True),
    ("Accord de paiement", True),
    ("4 mensualités", True),
    ("Payment plan", True),
    ("Échéancier non respecté", False),
    ("Échéancier refusé", False),
    ("Échéance dépassée", False),
    ("En retard", False),
    ("Relance 2 envoyée", False),
    ("", False),
])
def test_says_payment_plan(text, plan):
    assert says_payment_plan(text) is plan
