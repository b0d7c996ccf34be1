"""Payment terms typed with the way of paying around them (« LCR à 60 jours », « Chèque à 45
jours ») were not read: the client's invoices got the default 30 days, and the reminder went
a month before the client owed anything, without a word. They are read now; terms still not
understood, and a client's terms beyond the legal cap, are named at their cell."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner
from test_team_trackers import book_of

from suivi.cli import cli
from suivi.core.terms import parse_terms, says_no_delay


@pytest.mark.parametrize("words, days, end_of_month", [
    ("LCR 60 jours", 60, False), ("LCR à 60 jours", 60, False), ("Traite 60j", 60, False),
    ("Chèque à 45 jours", 45, False), ("Prélèvement à 30 jours", 30, False),
    ("Billet à ordre 60 jours", 60, False), ("Délai de paiement : 45 jours", 45, False),
    ("30 jours fin de mois par virement", 30, True), ("Virement 45 jours fin de mois", 45, True),
])
def test_terms_with_the_way_of_paying_around_them(words, days, end_of_month):
    terms = parse_terms(words)
    assert terms is not None and (terms.days, terms.end_of_month) == (days, end_of_month)


def test_a_way_of_paying_alone_says_no_delay():
    assert all(says_no_delay(t) for t in ("Virement", "Paiement par chèque", "CB", "LCR"))
    assert not any(says_no_delay(t) for t in ("Selon contrat", "60 jours valeur", "30 jours"))


def test_the_clients_terms_give_the_due_date_or_are_named(in_folder):
    issued = date(2026, 10, 1)
    book = book_of(in_folder / "suivi.xlsx", {
        "Factures": [
            ["N° facture", "Client", "Date facture", "Montant TTC", "Montant réglé"],
            ["F1", "Delta", issued, 1000, 0],
            ["F2", "Foxtrot", issued, 1000, 0],
            ["F3", "Golf", issued, 1000, 0],
            ["F4", "Hotel", issued, 1000, 0],
        ],
        "Clients": [
            ["Client", "Email", "Conditions de paiement"],
            ["Delta", "compta@delta.example", "LCR à 60 jours"],
            ["Foxtrot", "compta@foxtrot.example", "Selon contrat"],
            ["Golf", "compta@golf.example", "Virement"],
            ["Hotel", "compta@hotel.example", "90 jours"],
        ]})
    result = CliRunner().invoke(cli, ["run", str(book), "--date", "2026-11-16"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    drafts = sorted(p.name.split("-")[1] for p in (in_folder / "relances").rglob("*.eml"))
    # Delta owes nothing before 30/11; Foxtrot and Golf were due on 31/10 (30 days); Hotel
    # on 30/12
    assert drafts == ["foxtrot", "golf"], result.output
    checked = CliRunner().invoke(cli, ["check", str(book), "--date", "2026-11-16", "--json"])
    issues = {(i["code"], i["cell"]): i["message"] for i in json.loads(checked.output)["issues"]
              if i["code"] in ("conditions_illisibles", "delai_illegal")}
    assert sorted(issues) == [("conditions_illisibles", "Clients!C3"),
                              ("delai_illegal", "Clients!C5")], issues
    assert "Client « Foxtrot » : les conditions de paiement « Selon contrat » ne sont pas " \
           "comprises ; l'échéance de ses factures qui n'en ont pas est calculée avec « 30 " \
           "jours »" in issues[("conditions_illisibles", "Clients!C3")]


def test_an_invoices_own_terms_not_understood_are_named_once_per_text(in_folder):
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Email", "Date facture", "Conditions", "Montant TTC",
         "Montant réglé"],
        ["F1", "Alpha", "a@alpha.example", date(2026, 10, 1), "Selon devis", 100, 0],
        ["F2", "Beta", "b@beta.example", date(2026, 10, 2), "Selon devis", 100, 0],
        ["F3", "Gamma", "g@gamma.example", date(2026, 10, 3), "45 jours", 100, 0],
    ]})
    checked = CliRunner().invoke(cli, ["check", str(book), "--date", "2026-11-16", "--json"])
    unread = [i for i in json.loads(checked.output)["issues"]
              if i["code"] == "conditions_illisibles"]
    assert [i["cell"] for i in unread] == ["Factures!E2"]
    assert "(2 facture(s) ainsi)" in unread[0]["message"]
