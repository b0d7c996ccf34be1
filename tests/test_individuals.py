"""A client named with a civility (« M. Jean Dupont », « Mme Claire Martin ») and no « Type »
to say what it is. It was read as a company: its formal notice would have claimed the 40 €
fixed indemnity, which the law reserves for professionals (Code de commerce, L441-10)."""

from __future__ import annotations

from datetime import date

from test_team_trackers import book_of

from suivi.core.models import ClientType
from suivi.workbook.read import read_master

INVOICES = [["N° facture", "Client", "Email", "Date facture", "Montant TTC", "Montant réglé"],
            ["F1", "M. Jean Dupont", "j@dupont.example", date(2026, 8, 1), 100, 0],
            ["F2", "Mme Claire Martin", "c@martin.example", date(2026, 8, 2), 100, 0],
            ["F3", "Alpha SARL", "a@alpha.example", date(2026, 8, 3), 100, 0]]


def test_a_civility_says_a_person(tmp_path):
    master = read_master(book_of(tmp_path / "t.xlsx", {"Factures": INVOICES}))
    types = {c.name: c.type for c in master.clients.values()}
    assert types == {"M. Jean Dupont": ClientType.INDIVIDUAL,
                     "Mme Claire Martin": ClientType.INDIVIDUAL,
                     "Alpha SARL": ClientType.COMPANY}
    [said] = [i for i in master.issues if i.code == "client_particulier_civilite"]
    assert dict(said.params)["count"] == 2


def test_a_type_typed_in_the_clients_sheet_wins(tmp_path):
    """« Mr Bricolage » is a shop: its « Type » says so, and nothing is guessed."""
    clients = [["Client", "Type", "Email", "Adresse"],
               ["Mr Bricolage", "Société", "compta@mrb.example", "Lyon"],
               ["M. Jean Dupont", None, "j@dupont.example", "Paris"]]
    invoices = [INVOICES[0], ["F1", "Mr Bricolage", None, date(2026, 8, 1), 100, 0],
                ["F2", "M. Jean Dupont", None, date(2026, 8, 2), 100, 0]]
    master = read_master(book_of(tmp_path / "t.xlsx", {"Factures": invoices,
                                                      "Clients": clients}))
    types = {c.name: c.type for c in master.clients.values()}
    assert types == {"Mr Bricolage": ClientType.COMPANY, "M. Jean Dupont": ClientType.INDIVIDUAL}
    assert not [i for i in master.issues if i.code == "client_particulier_civilite"]
