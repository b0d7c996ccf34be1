"""A Clients sheet named « Liste clients », « Base clients » or « Clients 2026 », a Paiements
sheet named « Paiements 2026 ». Only the exact names were known: the clients' addresses were
never read, so nobody was reminded; the payments were not read either."""

from __future__ import annotations

from datetime import date

import pytest
from test_team_trackers import book_of, run

from suivi.workbook.read import read_master
from suivi.workbook.read.source import find_sheet

INVOICES = [["N° facture", "Client", "Date facture", "Montant TTC", "Montant réglé"],
            ["F1", "Alpha", date(2026, 8, 1), 100, 0], ["F2", "Beta", date(2026, 8, 2), 200, 0]]
CLIENTS = [["Nom", "Email", "Adresse"], ["Alpha", "a@alpha.example", "1 rue A, Paris"],
           ["Beta", "b@beta.example", "2 rue B, Lyon"]]


@pytest.mark.parametrize("name", ["Liste clients", "Base clients", "Clients 2026",
                                  "Fichier client", "Coordonnées clients", "Liste des clients"])
def test_a_clients_sheet_under_another_name(in_folder, name):
    book = book_of(in_folder / "suivi.xlsx", {"Factures": INVOICES, name: CLIENTS})
    result, drafts = run(in_folder, book)
    assert sorted(drafts) == ["a@alpha.example", "b@beta.example"], result.output


def test_a_payments_sheet_named_for_its_year(tmp_path):
    payments = [["Date", "N° facture", "Montant"], [date(2026, 9, 1), "F1", 100]]
    master = read_master(book_of(tmp_path / "t.xlsx", {
        "Factures": INVOICES, "Paiements 2026": payments, "Clients": CLIENTS}))
    assert [i.amount_paid for i in master.invoices] == [100, 0]


@pytest.mark.parametrize("names, found", [
    (["Factures", "Liste clients"], "Liste clients"),
    (["Factures", "Clients", "Clients 2025"], "Clients"),  # the exact name first
    (["Factures clients", "Relances clients"], None),
    (["Paiements 2025", "Paiements 2026"], None),  # which one is not known: neither
    (["Contacts"], None),
])
def test_find_sheet(names, found):
    assert find_sheet(names, ("clients", "client", "paiements")) == found


@pytest.mark.parametrize("name", ["Contacts", "Tiers"])
def test_a_clients_sheet_under_a_name_suivi_does_not_know(in_folder, name):
    """Read as the Clients sheet for what it holds: the invoices' clients and addresses."""
    book = book_of(in_folder / "suivi.xlsx", {"Factures": INVOICES, name: CLIENTS})
    master = read_master(book)
    assert master.layouts["clients"].sheet == name
    assert [i.code for i in master.issues if i.code == "feuille_clients_reconnue"] == [
        "feuille_clients_reconnue"]
    result, drafts = run(in_folder, book)
    assert sorted(drafts) == ["a@alpha.example", "b@beta.example"], result.output


def test_a_list_of_suppliers_is_not_the_clients_sheet(tmp_path):
    """A guard: it names none of the invoices' clients."""
    suppliers = [["Nom", "Email", "Adresse"], ["Papeterie Durand", "p@durand.example", "Lyon"]]
    master = read_master(book_of(tmp_path / "t.xlsx", {"Factures": INVOICES,
                                                      "Fournisseurs": suppliers}))
    assert "clients" not in master.layouts
