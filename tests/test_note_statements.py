"""What the team writes in its remarks column (« Commentaires », « Remarque ») when the
Statut says nothing of it. suivi did not read that column: an invoice noted « payé » was
reminded, and so were one noted « Ne pas relancer, voir avec Paul » and one noted « Litige
sur la livraison »; suivi even wrote « en retard » in a Statut column it added beside the
note « payé »."""

from __future__ import annotations

import json
from datetime import date

import openpyxl
import pytest
from click.testing import CliRunner
from test_team_trackers import book_of, run

from suivi.cli import cli
from suivi.workbook.read.note_statements import note_meaning

HEADER = ["N° facture", "Client", "Email", "Date facture", "Échéance", "Montant TTC",
          "Montant réglé", "Commentaires"]


def late(number, client, note, paid=0):
    return [number, client, f"compta@{client.lower()}.example", date(2026, 8, 1),
            date(2026, 9, 1), 1000, paid, note]


def test_a_note_saying_paid_disputed_or_not_to_remind_holds_the_reminder(in_folder):
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        HEADER,
        late("F1", "Alpha", "Appeler M. Dupont"),
        late("F2", "Beta", "Client dit avoir payé le 20/11"),
        late("F3", "Gamma", "Ne pas relancer, voir avec Paul"),
        late("F4", "Delta", "Litige sur la livraison"),
        late("F5", "Echo", "Reste 300 €"),
        late("F6", "Fox", "payé", paid=1000),  # paid by the amounts: nothing to say
    ]})
    checked = CliRunner().invoke(cli, ["check", str(book), "--date", "2026-12-01", "--json"])
    assert checked.exit_code == 0, checked.output
    said = {i["cell"]: (i["code"], " ".join(i["message"].split()))
            for i in json.loads(checked.output)["issues"]
            if i["code"] in ("note_lue", "montant_dans_statut")}
    assert said == {
        "Factures!H3": ("note_lue", "Facture F2 : la note « Client dit avoir payé le 20/11 » "
                                    "(colonne « Commentaires ») dit qu'elle est réglée ; suivi "
                                    "ne la relance pas."),
        "Factures!H4": ("note_lue", "Facture F3 : la note « Ne pas relancer, voir avec Paul » "
                                    "(colonne « Commentaires ») dit de ne pas la relancer (ou "
                                    "qu'elle est annulée) ; suivi ne la relance pas."),
        "Factures!H5": ("note_lue", "Facture F4 : la note « Litige sur la livraison » (colonne "
                                    "« Commentaires ») dit qu'elle est en litige ; suivi ne la "
                                    "relance pas."),
        "Factures!H6": ("montant_dans_statut",
                        "Facture F5 : d'après la note « Reste 300 € » (colonne « Commentaires "
                        "»), 700,00 € sont réglés sur 1 000,00 € ; suivi relance pour le reste "
                        "(300,00 €)."),
    }
    result, drafts = run(in_folder, book)
    assert result.exit_code == 0, result.output
    assert sorted(drafts) == ["compta@alpha.example", "compta@echo.example"]
    echo = drafts["compta@echo.example"].get_body(("plain",)).get_content()
    assert "300,00" in echo and "1 000,00" not in echo.replace("\u00a0", " ")
    # the notes are the team's, left as typed; the Statut suivi adds says what it read
    sheet = openpyxl.load_workbook(book)["Factures"]
    header = [c.value for c in sheet[1]]
    notes = [sheet.cell(row, 8).value for row in range(2, 8)]
    assert notes == ["Appeler M. Dupont", "Client dit avoir payé le 20/11",
                     "Ne pas relancer, voir avec Paul", "Litige sur la livraison",
                     "Reste 300 €", "payé"]
    status = [sheet.cell(row, header.index("Statut") + 1).value for row in range(2, 8)]
    # a note holds the reminder; it does not make the invoice « réglée » (the amounts say
    # what is owed, and the warning asks for the amount received)
    assert status[1] == "en retard" and status[3] == "litige"


def test_a_note_typed_after_suivi_wrote_en_retard_is_read(in_folder):
    """Day 1, suivi writes « en retard » in the Statut; the client pays and the team notes it
    in its remarks only. The next run reads the note, not its own word of yesterday, and does
    not remind the invoice again."""
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        HEADER, late("F1", "Alpha", None), late("F2", "Beta", None)]})
    result, drafts = run(in_folder, book)
    assert sorted(drafts) == ["compta@alpha.example", "compta@beta.example"]
    wb = openpyxl.load_workbook(book)
    sheet = wb["Factures"]
    header = [c.value for c in sheet[1]]
    assert sheet.cell(2, header.index("Statut") + 1).value == "en retard"
    sheet.cell(2, 8).value = "Payé le 3/12 par virement"
    wb.save(book)
    result = CliRunner().invoke(cli, ["run", str(book), "--date", "2026-12-10"])
    assert result.exit_code == 0, result.output
    second = {p.name for p in (in_folder / "relances" / "2026-12-10").glob("*.eml")}
    assert second and all("beta" in name for name in second)


@pytest.mark.parametrize("note, meaning", [
    ("payé", "paid"), ("Payé le 20/11 par virement", "paid"), ("Chèque reçu", "paid"),
    ("Litige sur la livraison", "disputed"), ("Client en liquidation judiciaire", "disputed"),
    ("Acompte de 40 % reçu, solde promis oralement.", None),  # the demo's: a part, a promise
    ("Va payer la semaine prochaine", None), ("Payé en partie", None),
    ("Ne pas relancer", "off"), ("Pas de relance, client historique", "off"),
    ("Annulée", "off"),
    ("Appeler M. Dupont", None), ("Livré le 12/10", None), ("Non payé", None),
    ("Mauvais payeur", None), ("A payer avant le 15", None), ("", None),
])
def test_note_meaning(note, meaning):
    assert note_meaning(note) == meaning


def test_a_reminder_the_team_noted_in_its_remarks_is_not_sent_again(in_folder):
    """« Relance 1 envoyée le 15/10 » in « Commentaires »: suivi sent its own Relance 1 again,
    the same letter twice. It now goes on from the team's step."""
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        HEADER, late("F1", "Alpha", "Relance 1 envoyée le 15/10"),
        late("F2", "Beta", "Appeler M. Dupont")]})
    result, drafts = run(in_folder, book)
    assert result.exit_code == 0, result.output
    assert sorted(drafts) == ["compta@alpha.example", "compta@beta.example"]
    names = sorted(p.name for p in (in_folder / "relances").rglob("*.eml"))
    assert [n.split("-")[1:3] for n in names] == [["alpha", "relance2"], ["beta", "relance1"]]


def test_a_promise_the_team_noted_in_its_remarks_pauses_the_reminders(in_folder):
    """« Promesse de paiement le 15/12 » in « Commentaires », the Statut « en retard »
    written by suivi: the client was reminded before the day it promised."""
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        [*HEADER, "Statut"],
        [*late("F1", "Alpha", "Promesse de paiement le 15/12"), "en retard"],
        [*late("F2", "Beta", "Appeler M. Dupont"), "en retard"]]})
    from suivi.workbook.read import read_master

    assert [i.promise_date for i in read_master(book).invoices] == [date(2026, 12, 15), None]
    result, drafts = run(in_folder, book)
    assert result.exit_code == 0, result.output
    assert sorted(drafts) == ["compta@beta.example"]
