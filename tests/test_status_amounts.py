"""Money written in the Statut by a team that keeps no « Montant réglé » (or leaves it empty):
« Reste 200 € », « Payé en partie (300 €) », « Payé 50 % ». suivi reminded such an invoice for
its whole total, asking for money already received; « Payé 50 % » read as paid, so the half
still due was never asked for; « Payé en partie (300 €) » was an error that held the reminder
although the amount was written. A Statut « OK » alone was read as nothing, and reminded."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal as D

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from test_team_trackers import book_of, run

from suivi.cli import cli
from suivi.core.status_amounts import stated_amount

HEADER = ["N° facture", "Client", "Email", "Date facture", "Échéance", "Montant TTC", "Statut"]


def late(number, client, status, total=1000):
    return [number, client, f"compta@{client.lower()}.example", date(2026, 8, 1),
            date(2026, 9, 1), total, status]


def owed_in(drafts):
    """Each draft's plain text, spaces as typed (amounts are printed with a non-breaking one)."""
    return {address: " ".join(message.get_body(("plain",)).get_content().split(" "))
            .replace("\u00a0", " ").replace("\u202f", " ") for address, message in drafts.items()}


def test_the_amount_the_statut_states_is_what_the_reminder_leaves_out(in_folder):
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        HEADER,
        late("F1", "Alpha", "Reste 200 €"),
        late("F2", "Beta", "Payé en partie (300 €)"),
        late("F3", "Gamma", "Payé 50%"),
        late("F4", "Delta", "Payée le 12/10/2026 par chèque n° 512"),
        late("F5", "Echo", "OK"),
        late("F6", "Fox", "Acompte non reçu 300 €"),
    ]})
    checked = CliRunner().invoke(cli, ["check", str(book), "--date", "2026-12-01", "--json"])
    assert checked.exit_code == 0, checked.output
    issues = json.loads(checked.output)["issues"]
    said = {i["cell"]: " ".join(i["message"].split()) for i in issues
            if i["code"] == "montant_dans_statut"}
    assert said == {
        "Factures!G2": "Facture F1 : d'après le statut « Reste 200 € », 800,00 € sont réglés "
                       "sur 1 000,00 € ; suivi relance pour le reste (200,00 €).",
        "Factures!G3": "Facture F2 : d'après le statut « Payé en partie (300 €) », 300,00 € "
                       "sont réglés sur 1 000,00 € ; suivi relance pour le reste (700,00 €).",
        "Factures!G4": "Facture F3 : d'après le statut « Payé 50% », 500,00 € sont réglés sur "
                       "1 000,00 € ; suivi relance pour le reste (500,00 €).",
    }
    assert not any(i["code"] == "reglement_partiel_sans_montant" for i in issues)
    result, drafts = run(in_folder, book)
    assert result.exit_code == 0, result.output
    # Delta paid by cheque n° 512 and Echo ticked « OK »: not reminded; Fox's deposit did not
    # come, so the whole 1 000 € is asked for.
    assert sorted(drafts) == ["compta@alpha.example", "compta@beta.example",
                              "compta@fox.example", "compta@gamma.example"]
    owed = owed_in(drafts)
    assert "Total restant dû : 200,00 €" in owed["compta@alpha.example"]
    assert "Total restant dû : 700,00 €" in owed["compta@beta.example"]
    assert "Total restant dû : 500,00 €" in owed["compta@gamma.example"]
    assert "Total restant dû : 1 000,00 €" in owed["compta@fox.example"]


def test_a_montant_regle_cell_prevails_over_the_statut(in_folder):
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        [*HEADER, "Montant réglé"],
        [*late("F1", "Alpha", "Payé 300 €"), 600],
        [*late("F2", "Beta", "Reste 400 €"), None],
    ]})
    result, drafts = run(in_folder, book)
    assert result.exit_code == 0, result.output
    owed = owed_in(drafts)
    assert "Total restant dû : 400,00 €" in owed["compta@alpha.example"], owed
    assert "Total restant dû : 400,00 €" in owed["compta@beta.example"]


def test_a_statut_saying_paid_with_more_than_the_total_is_paid(in_folder):
    """« Payée 1 200 € » on a 1 000 € invoice: paid (and more), never reminded."""
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        HEADER, late("F1", "Alpha", "Payée 1 200 €"), late("F2", "Beta", "Reste 2 000 €")]})
    result, drafts = run(in_folder, book)
    assert sorted(drafts) == ["compta@beta.example"]  # « Reste 2 000 € » is not read
    # the Statut the amount is read from is kept: rewritten « trop-perçu », the next run
    # would have read nothing paid, and reminded the 1 000 €
    sheet = openpyxl.load_workbook(book)["Factures"]
    assert sheet["G2"].value == "Payée 1 200 €"
    again = CliRunner().invoke(cli, ["run", str(book), "--date", "2026-12-10"])
    assert again.exit_code == 0, again.output
    assert not list((in_folder / "relances").rglob("20261210-alpha*.eml"))
    checked = CliRunner().invoke(cli, ["check", str(book), "--date", "2026-12-01", "--json"])
    assert [i["cell"] for i in json.loads(checked.output)["issues"]
            if i["code"] == "trop_percu"] == ["Factures!A2"]


def test_many_invoices_so_written_give_one_warning_at_the_column(in_folder):
    rows = [late(f"F{n}", f"Client{n}", f"Reste {n}0 €") for n in range(1, 9)]
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [HEADER, *rows]})
    checked = CliRunner().invoke(cli, ["check", str(book), "--date", "2026-12-01", "--json"])
    said = [i for i in json.loads(checked.output)["issues"] if i["code"] == "montant_dans_statut"]
    assert [i["cell"] for i in said] == ["Factures!G1"]
    assert said[0]["message"].startswith("8 factures dont le statut (ou la note) dit ce qui est réglé")


@pytest.mark.parametrize("text, said", [
    ("Reste 200 €", ("left", D("200"), False)),
    ("Reste dû : 1 200,50 €", ("left", D("1200.50"), False)),
    ("Solde dû 200", ("left", D("200"), False)),
    ("Payé en partie (300 €)", ("paid", D("300"), False)),
    ("Acompte de 300 € reçu", ("paid", D("300"), False)),
    ("300 € reçus le 12/10", ("paid", D("300"), False)),
    ("Virement de 300 € reçu le 5 octobre", ("paid", D("300"), False)),
    ("Paiement partiel 450,00€", ("paid", D("450.00"), False)),
    ("Payé 1.200,00", ("paid", D("1200.00"), False)),
    ("Payé 50%", ("paid", D("50"), True)),
    # no amount, or an amount that is not what was paid or is left
    ("Payée le 12/10/2026", None),
    ("Payée le 12/10/2026 par chèque n° 512", None),
    ("Réglé chèque 1234", None),
    ("Soldé 1 000 €", None),  # paid in full, or a balance? « soldé » keeps it unreminded
    ("Acompte non reçu 300 €", None),
    ("Paiement attendu 300 €", None),
    ("Relancé pour 300 €", None),
    ("Acompte 300 € reçu, reste 700 €", None),  # two amounts: the error asks for the amount
    ("payé 2 fois", None),
    # a day or a year, not an amount: such a Statut still says paid (never reminded)
    ("Payé le 5", None), ("Payée en 2025", None), ("Réglé au 30", None), ("Payé 2025", None),
    ("Reste à payer 150", ("left", D("150"), False)),
    ("Payé 12 jours après l'échéance", None),
    ("partiellement réglée, en retard (12 j)", None),  # suivi's own words
    ("En attente", None),
])
def test_stated_amount(text, said):
    assert stated_amount(text) == said


@given(st.text(alphabet=st.sampled_from("0123456789 ,./-%€ResteayéPçuj(n°)"), max_size=30))
def test_any_statut_reads_as_an_amount_within_reach_or_none(text):
    said = stated_amount(text)
    assert said is None or (said[0] in ("left", "paid") and said[1] >= 0
                            and (not said[2] or said[1] <= 100))
