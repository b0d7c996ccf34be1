"""A tracker kept for ten years holds rows nobody marked paid. suivi's first run sent « Relance
1 » for an invoice due in 2016: the action for payment has been time-barred since 2021
(5 years between professionals, Code de commerce L110-4; 2 years against a consumer, Code de
la consommation L218-2; 4 years from the 1st of January after for a public body). Such an
invoice is no longer reminded, and a warning names it."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner
from test_team_trackers import book_of, run

from suivi.cli import cli
from suivi.core.models import ClientType
from suivi.core.prescription import prescribed_on

HEAD = ["N° facture", "Client", "Date facture", "Échéance", "Montant TTC", "Montant réglé"]


def test_an_invoice_past_its_limitation_period_is_not_reminded(in_folder):
    book = book_of(in_folder / "suivi.xlsx", {
        "Factures": [
            HEAD,
            ["F1", "Alpha", date(2016, 8, 1), date(2016, 9, 1), 1000, 0],  # 10 years: barred
            ["F2", "Beta", date(2021, 11, 1), date(2021, 12, 1), 1000, 0],  # 5 years today
            ["F3", "Gamma", date(2021, 11, 2), date(2021, 12, 2), 1000, 0],  # barred tomorrow
            ["F4", "Durand", date(2024, 10, 1), date(2024, 11, 1), 300, 0],  # consumer, 2 y
            ["F5", "Mairie", date(2022, 1, 1), date(2022, 2, 1), 800, 0],  # public: 1/1/2027
        ],
        "Clients": [
            ["Client", "Email", "Type", "SIRET"],
            ["Alpha", "compta@alpha.example", "Société"],
            ["Beta", "compta@beta.example", "Société"],
            ["Gamma", "compta@gamma.example", "Société"],
            ["Durand", "jean@durand.example", "Particulier"],
            ["Mairie", "compta@mairie.example", "Administration", "21690123100011"],
        ]})
    result, drafts = run(in_folder, book)
    assert result.exit_code == 0, result.output
    assert sorted(drafts) == ["compta@gamma.example", "compta@mairie.example"], result.output
    said = " ".join(result.output.split())
    assert "Factures!A2 │ attention │ Facture F1 (Alpha) : échue le 01/09/2016" in said, said
    # `suivi check` says beforehand what the run will not remind, at the same cells
    warned = barred_cells(book, "2026-12-01")
    assert warned["Factures!A2"] == (
        "Facture F1 (Alpha) : échue le 01/09/2016, plus de cinq ans avant aujourd'hui ; "
        "l'action en paiement est prescrite depuis le 01/09/2021 (Code de commerce, art. "
        "L110-4). suivi ne la relance pas.")
    assert warned["Factures!A3"].startswith("Facture F2 (Beta) : échue le 01/12/2021")
    assert warned["Factures!A5"].startswith(
        "Facture F4 (Durand, particulier) : échue le 01/11/2024, plus de deux ans avant "
        "aujourd'hui ; l'action en paiement est prescrite depuis le 01/11/2026")
    assert sorted(warned) == ["Factures!A2", "Factures!A3", "Factures!A5"]  # not F3 nor F5

    # a month later, F3 and F5 are time-barred too: their drafts, never approved, are
    # withdrawn (`suivi send` would refuse them), and nothing new is drafted
    later = CliRunner().invoke(cli, ["run", str(book), "--date", "2027-01-04"],
                               catch_exceptions=False)
    out = " ".join(later.output.split())
    assert barred_cells(book, "2027-01-04")["Factures!A6"].startswith(
        "Facture F5 (Mairie, administration) : échue le 01/02/2022 ; la dette est "
        "prescrite depuis le 01/01/2027"), out
    assert "20270104" not in " ".join(p.name for p in (in_folder / "relances").rglob("*.eml"))
    cancelled = out.split("Messages annulés")[1]
    assert "Gamma – Relance 1 – F3" in cancelled and "prescrite depuis le 02/12/2026" in cancelled


def test_many_time_barred_invoices_make_one_warning(in_folder):
    rows = [[f"F{n}", f"Client{n}", date(2015, 1, n), date(2015, 2, n), 100, 0]
            for n in range(1, 8)]
    rows.append(["F8", "Client8", date(2026, 8, 1), date(2026, 9, 1), 100, 0])
    book = book_of(in_folder / "suivi.xlsx", {
        "Factures": [HEAD, *rows],
        "Clients": [["Client", "Email"], *([f"Client{n}", f"c@client{n}.example"]
                                           for n in range(1, 9))]})
    result, drafts = run(in_folder, book)
    assert sorted(drafts) == ["c@client8.example"], result.output
    said = " ".join(result.output.split())
    assert "7 factures échues depuis plus longtemps que le délai de prescription" in said
    assert said.count("prescrite depuis") == 0
    (message,) = barred_cells(book, "2026-12-01").values()
    assert message.startswith("7 factures échues depuis plus longtemps") \
        and message.endswith("(F1, F2, F3…)."), message


def test_a_paid_or_disputed_old_invoice_is_not_named(in_folder):
    """Only what is still claimed is named: an old invoice paid, disputed, or settled by a
    credit note is history, not a debt suivi declines to chase."""
    book = book_of(in_folder / "suivi.xlsx", {
        "Factures": [
            [*HEAD, "Statut", "Facture d'origine"],
            ["F1", "Alpha", date(2015, 1, 1), date(2015, 2, 1), 1000, 1000, None],
            ["F2", "Alpha", date(2015, 1, 2), date(2015, 2, 2), 1000, 0, "Litige"],
            ["F3", "Alpha", date(2015, 1, 3), date(2015, 2, 3), 1000, 0, None],
            ["AV1", "Alpha", date(2015, 3, 1), date(2015, 3, 1), -1000, 0, "Avoir", "F3"],
            ["F4", "Alpha", date(2015, 1, 4), date(2015, 2, 4), 1000, 400, None],
        ],
        "Clients": [["Client", "Email"], ["Alpha", "compta@alpha.example"]]})
    assert sorted(barred_cells(book, "2026-12-01")) == ["Factures!A6"]  # F4: 600 € still owed


def barred_cells(book, day):
    """cell → message of the time-barred invoices `suivi check --json` names on `day`."""
    result = CliRunner().invoke(cli, ["check", str(book), "--date", day, "--json"])
    return {issue["cell"]: issue["message"] for issue in json.loads(result.output)["issues"]
            if issue["code"] == "facture_prescrite"}


@pytest.mark.parametrize("due, kind, barred", [
    (date(2020, 3, 15), ClientType.COMPANY, date(2025, 3, 15)),
    (date(2020, 3, 15), ClientType.ASSOCIATION, date(2025, 3, 15)),
    (date(2024, 2, 29), ClientType.INDIVIDUAL, date(2026, 2, 28)),
    (date(2022, 12, 31), ClientType.PUBLIC, date(2027, 1, 1)),
    (date(2022, 1, 1), ClientType.PUBLIC, date(2027, 1, 1)),
])
def test_limitation_periods(due, kind, barred):
    assert prescribed_on(due, kind) == barred
