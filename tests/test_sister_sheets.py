"""Invoice sheets kept one per period (« Août », « Septembre », « Octobre »…, or « 2025 »
beside « 2026 ») are read together. suivi read the latest sheet only: in a tracker kept by
month, last month's late invoices were never reminded, nor counted, and numbering did not see
their numbers. Each sheet's rows are written back in that sheet, at their own row."""

from __future__ import annotations

import email
import email.policy
import email.utils
import json
from datetime import date
from decimal import Decimal as D

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.styles import Font
from test_team_trackers import book_of as plain

from suivi.cli import cli
from suivi.messages import hint, text
from suivi.workbook.read import read_master
from suivi.workbook.read.sister_sheets import is_period_name

HEADER = ["N° facture", "Client", "Date facture", "Montant TTC", "Montant réglé", "Email"]


def book_of(path, sheets, struck=()):
    """A workbook as a user saves it from Excel (`test_team_trackers.book_of`); `struck`:
    (sheet, row) struck through, the way some teams mark a paid invoice."""
    plain(path, sheets)
    if struck:
        wb = openpyxl.load_workbook(path)
        for name, row in struck:
            for cell in wb[name][row]:
                cell.font = Font(strike=True)
        wb.save(path)
    return path


def months(**more):
    """August (a title above its header, on row 3), September, October; November opened and
    still empty. Beta paid; Epsilon's amount cannot be read."""
    sheets = {
        "Août": [["Factures d'août 2026"], [], HEADER,
                 ["FAC2026-001", "Alpha", date(2026, 8, 3), 1200, None, "compta@alpha.example"],
                 ["FAC2026-002", "Beta", date(2026, 8, 7), 500, 500, "compta@beta.example"]],
        "Septembre": [HEADER,
                      ["FAC2026-003", "Gamma", date(2026, 9, 3), 700, None, "compta@gamma.example"],
                      ["FAC2026-004", "Epsilon", date(2026, 9, 10), "douze cents", None,
                       "compta@epsilon.example"]],
        "Octobre": [HEADER,
                    ["FAC2026-005", "Delta", date(2026, 10, 30), 900, None, "compta@delta.example"]],
        "Novembre": [HEADER],
    }
    sheets.update(more)
    return sheets


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def drafts_in(folder):
    found = {}
    for eml in sorted((folder / "relances").rglob("*.eml")):
        message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
        found.setdefault(email.utils.parseaddr(message["To"])[1], []).append(message)
    return found


def column(ws, header, row):
    """The value under `header` (in the sheet's header row) on `row`."""
    for header_row in range(1, 5):
        titles = [c.value for c in ws[header_row]]
        if header in titles:
            return ws.cell(row, titles.index(header) + 1).value
    raise AssertionError(f"no column {header!r} in {ws.title}")


def test_invoices_kept_one_sheet_per_month_are_all_reminded(in_folder):
    book = book_of(in_folder / "suivi.xlsx", months())
    checked = invoke("check", book, "--date", "2026-12-01", "--json")
    data = json.loads(checked.output)
    assert data["sheet"] == "Octobre" and data["other_sheets"] == ["Août", "Septembre"]
    assert data["summary"]["invoices"] == 5
    unreadable = [i for i in data["issues"] if i["cell"] == "Septembre!D3"]
    assert unreadable and {i["severity"] for i in unreadable} == {"error"}
    said = " ".join(invoke("check", book, "--date", "2026-12-01").output.split())
    assert "feuille « Octobre » et « Août », « Septembre »" in said and "5 factures" in said

    result = invoke("run", book, "--date", "2026-12-01")
    drafts = drafts_in(in_folder)
    # August's and September's late invoices too; not Beta (paid), not Epsilon (its amount)
    assert sorted(drafts) == ["compta@alpha.example", "compta@delta.example",
                              "compta@gamma.example"], result.output
    assert "FAC2026-001" in drafts["compta@alpha.example"][0].get_body(("plain",)).get_content()
    wb = openpyxl.load_workbook(book)
    august, september, october = wb["Août"], wb["Septembre"], wb["Octobre"]
    # each row written in its own sheet, at its own row, under headers added to that sheet
    assert august["A1"].value == "Factures d'août 2026" and august["G3"].value == "Statut"
    assert [column(august, "Statut", r) for r in (4, 5)] == ["en retard", "réglée"]
    assert column(august, "Dernière action", 4).startswith("Relance 1")
    assert column(august, "Dernière action", 5) is None
    assert column(september, "Statut", 2) == "en retard"
    assert column(september, "Dernière action", 3) is None  # held, not reminded
    assert column(october, "Statut", 2) == "en retard"
    assert [c.value for c in wb["Novembre"][1]] == HEADER  # nothing to write there
    assert september.max_row == 3 and august.max_row == 5  # no row added

    # the same day again: nothing more; a week later, Alpha's payment typed in August's sheet
    invoke("run", book, "--date", "2026-12-01")
    assert sum(len(m) for m in drafts_in(in_folder).values()) == 3
    wb = openpyxl.load_workbook(book)
    wb["Août"]["E4"] = 1200
    wb.save(book)
    result = invoke("run", book, "--date", "2026-12-08")
    drafts = drafts_in(in_folder)
    # Alpha's draft of the 1st, never approved, is withdrawn: its invoice is paid now
    assert "compta@alpha.example" not in drafts, result.output
    assert "facture FAC2026-001 réglée" in " ".join(result.output.split())
    assert [p.name for p in (in_folder / "relances" / "2026-12-08").glob("*.eml")
            if "gamma" in p.name] == ["20261208-gamma-relance2-ff70.eml"]
    assert column(openpyxl.load_workbook(book)["Août"], "Statut", 4) == "réglée"


def test_a_new_month_sheet_moves_nothing_written_the_month_before(in_folder):
    """December's sheet opens: it becomes the invoice sheet, October one of the others, and
    every row's number across the sheets changes. What the journal knows goes by invoice
    number: a week later each sheet is written at its own rows, and each late client gets
    its Relance 2, not a second Relance 1."""
    book = book_of(in_folder / "suivi.xlsx", months())
    invoke("run", book, "--date", "2026-12-01")
    wb = openpyxl.load_workbook(book)
    december = wb.create_sheet("Décembre", 0)  # first in the workbook, as some teams do
    december.append(HEADER)
    december.append(["FAC2026-006", "Zeta", date(2026, 12, 2), 250, None, "z@x.example"])
    wb.save(book)
    data = json.loads(invoke("check", book, "--date", "2026-12-08", "--json").output)
    assert data["sheet"] == "Décembre"
    assert data["other_sheets"] == ["Août", "Septembre", "Octobre"]
    result = invoke("run", book, "--date", "2026-12-08")
    names = sorted(p.name for p in (in_folder / "relances" / "2026-12-08").glob("*.eml"))
    assert names == ["20261208-alpha-relance2-be76.eml", "20261208-delta-relance2-736f.eml",
                     "20261208-gamma-relance2-ff70.eml"], result.output
    wb = openpyxl.load_workbook(book)
    assert column(wb["Août"], "Dernière action", 4).startswith("Relance 2")
    assert column(wb["Août"], "Dernière action", 5) is None  # Beta paid
    assert column(wb["Septembre"], "Dernière action", 2).startswith("Relance 2")
    assert column(wb["Septembre"], "Dernière action", 3) is None  # held
    assert column(wb["Octobre"], "Dernière action", 2).startswith("Relance 2")
    assert column(wb["Décembre"], "Statut", 2) == "émise"
    assert wb["Décembre"].max_row == 2 and wb["Octobre"].max_row == 2


def carried():
    """Alpha's unpaid October invoice copied into November's sheet, as teams carry the unpaid
    over to the new month; Beta's paid one stays in October."""
    alpha = ["FAC2026-001", "Alpha", date(2026, 10, 2), 1200, None, "compta@alpha.example"]
    return {
        "Octobre": [HEADER, alpha,
                    ["FAC2026-002", "Beta", date(2026, 10, 9), 500, 500, "compta@beta.example"]],
        "Novembre": [HEADER, list(alpha),
                     ["FAC2026-003", "Gamma", date(2026, 11, 3), 700, None,
                      "compta@gamma.example"]],
    }


def test_an_unpaid_invoice_carried_into_the_next_month_is_one_invoice(in_folder):
    book = book_of(in_folder / "suivi.xlsx", carried())
    data = json.loads(invoke("check", book, "--date", "2026-12-10", "--json").output)
    assert data["summary"]["invoices"] == 3
    assert not [i for i in data["issues"] if i["code"] == "numero_en_double"]
    [said] = [i for i in data["issues"] if i["code"] == "facture_reportee"]
    assert said["cell"] == "Octobre!A2" and said["severity"] == "warning"
    assert "suivi les suit dans « Novembre »" in " ".join(said["message"].split())
    result = invoke("run", book, "--date", "2026-12-10")
    drafts = drafts_in(in_folder)
    assert sorted(drafts) == ["compta@alpha.example", "compta@gamma.example"], result.output
    body = drafts["compta@alpha.example"][0].get_body(("plain",)).get_content()
    body = body.replace("\u202f", " ").replace("\xa0", " ")
    assert body.count("FAC2026-001") == 1 and "1 200,00" in body
    assert "2 400" not in body  # not claimed twice
    wb = openpyxl.load_workbook(book)
    assert column(wb["Novembre"], "Statut", 2) == "en retard"
    assert column(wb["Octobre"], "Statut", 2) is None  # the copy left out: not written
    assert column(wb["Octobre"], "Statut", 3) == "réglée"


def test_a_payment_typed_on_the_older_copy_holds_the_reminder(in_folder):
    """The team typed Alpha's payment in October's row, not November's: the two rows no
    longer say the same. Paid or not is not known: no reminder, and the number is named."""
    sheets = carried()
    sheets["Octobre"][1][4] = 1200
    book = book_of(in_folder / "suivi.xlsx", sheets)
    data = json.loads(invoke("check", book, "--date", "2026-12-10", "--json").output)
    [twice] = [i for i in data["issues"] if i["code"] == "numero_en_double"]
    assert twice["cell"] == "Octobre!A2" and "Novembre!A2" in twice["message"]
    result = invoke("run", book, "--date", "2026-12-10")
    assert sorted(drafts_in(in_folder)) == ["compta@gamma.example"], result.output


def test_numbering_sees_the_numbers_of_every_month(in_folder):
    """A new row in October's sheet takes the number after September's last one. With
    October's sheet read alone, the series looked empty: FAC2026-001 again, a duplicate."""
    sheets = months(Clients=[["Nom", "Adresse", "Code postal", "Ville", "Email", "SIREN"],
                             ["Alpha", "1 rue de la Paix", "75002", "Paris",
                              "compta@alpha.example", "732829320"]])
    sheets["Octobre"] = [HEADER, [None, "Alpha", date(2026, 11, 30), 300, None, None]]
    book = book_of(in_folder / "suivi.xlsx", sheets)
    result = invoke("run", book, "--date", "2026-12-01")
    october = openpyxl.load_workbook(book)["Octobre"]
    assert october["A2"].value == "FAC2026-005", result.output
    assert october.max_row == 2  # numbered where it was typed


def test_a_row_struck_through_in_an_earlier_month_holds_its_reminder(in_folder):
    book = book_of(in_folder / "suivi.xlsx", months(), struck=[("Août", 4)])
    data = json.loads(invoke("check", book, "--date", "2026-12-01", "--json").output)
    assert [i["cell"] for i in data["issues"] if i["code"] == "ligne_marquee"] == ["Août!A4"]
    result = invoke("run", book, "--date", "2026-12-01")
    assert "compta@alpha.example" not in drafts_in(in_folder), result.output
    assert "compta@gamma.example" in drafts_in(in_folder)


def test_sheets_that_are_not_a_period_of_invoices_are_named_not_read(tmp_path):
    """« Payées 2025 » was named and not read until the fourteenth session; it is now read as
    a sheet of paid invoices (tests/test_paid_sheets.py): counted, numbered, never reminded."""
    quotes = [["N° devis", "Client", "Date", "Montant TTC"],
              ["D-001", "Zeta", date(2026, 8, 1), 5000]]
    paid = [HEADER, ["F2025-090", "Alpha", date(2025, 3, 1), 800, None, "compta@alpha.example"]]
    bare = [["N° facture", "Client", "Date facture", "Montant TTC"],
            ["FAC2026-000", "Omega", date(2026, 7, 1), 400]]
    undated = [["N° facture", "Client", "Montant TTC", "Montant réglé"],
               ["FAC2026-010", "Omega", 400, None]]
    copy = [HEADER, ["FAC2026-005", "Delta", date(2026, 10, 30), 900, None, "d@x.example"]]
    book = book_of(tmp_path / "t.xlsx", months(**{
        "Devis 2026": quotes, "Payées 2025": paid, "Juillet": bare, "2026 (2)": copy,
        "Juin": undated}))
    master = read_master(book)
    assert sorted(s.sheet for s in master.layout.sisters) == ["Août", "Payées 2025", "Septembre"]
    assert [s.paid for s in master.layout.sisters if s.sheet == "Payées 2025"] == [True]
    [old] = [i for i in master.invoices if i.number == "F2025-090"]
    assert old.amount_paid == old.total
    assert {i.client for i in master.invoices} == {"Alpha", "Beta", "Gamma", "Delta", "Epsilon"}
    named = {str(i.where): i for i in master.issues if i.code == "autre_feuille_factures"}
    assert sorted(named) == ["2026 (2)", "Devis 2026", "Juillet", "Juin"]
    assert not [i for i in master.issues if i.severity.value == "blocking"]
    assert "ne dit pas une période" in text(named["Devis 2026"], "fr")
    assert "pas les colonnes qu'il faut" in text(named["Juillet"], "fr")
    assert "pas les colonnes qu'il faut" in text(named["Juin"], "fr")  # no date
    assert "copie de « Octobre » : 1 de ses numéros" in " ".join(
        text(named["2026 (2)"], "fr").split())
    assert '[classeur] feuille = "Octobre"' in hint(named["Juillet"], "fr")
    assert "does not say a period" in text(named["Devis 2026"], "en")


def test_the_cells_of_an_earlier_sheet_are_named_in_that_sheet(tmp_path):
    """Issues name the sheet and row a user opens: August's header is on row 3."""
    sheets = months()
    sheets["Septembre"].append(["FAC2026-001", "Zeta", date(2026, 9, 20), 50, None,
                                "z@x.example"])
    book = book_of(tmp_path / "t.xlsx", sheets)
    data = json.loads(invoke("check", book, "--date", "2026-12-01", "--json").output)
    [twice] = [i for i in data["issues"] if i["code"] == "numero_en_double"]
    assert twice["cell"] == "Septembre!A4" and "Août!A4" in twice["message"]
    master = read_master(book)
    alpha = master.clients["alpha"]
    assert str(alpha.where) == "Août!A4" and str(alpha.email_where) == "Août!F4"
    late = [i for i in master.invoices if i.number == "FAC2026-003"]
    assert late[0].sheet == "Septembre" and late[0].total == D(700)


def test_the_workbook_written_across_its_month_sheets_opens_in_libreoffice(in_folder, soffice):
    book = book_of(in_folder / "suivi.xlsx", months())
    invoke("run", book, "--date", "2026-12-01")
    sheets = soffice.sheets_as_csv(book, in_folder / "lo")
    august = sheets["Août"]
    assert august[0][0] == "Factures d'août 2026"
    assert august[2][:7] == HEADER + ["Statut"]
    assert august[3][0] == "FAC2026-001" and august[3][6] == "en retard"
    assert august[4][6] == "réglée"
    assert sheets["Septembre"][1][6] == "en retard"


@pytest.mark.parametrize("name", [
    "Janvier", "FÉVRIER", "Mars 2026", "Factures avril 2026", "2025", "Factures 2025",
    "T1 2026", "Q3", "2026-03", "03-2026", "Janv. 26", "déc 2025", "August", "Exercice 2024",
    "Facturation 2025", "Factures clients 2025", "1er trimestre 2026", "Suivi factures 2026",
])
def test_a_period_names_the_sheet(name):
    assert is_period_name(name)


@pytest.mark.parametrize("name", [
    "Factures", "Devis 2026", "Payées 2025", "Archives 2024", "Achats mars", "Copie de Mars",
    "Modèle", "Clients", "Relances à envoyer", "Feuil1", "Synthèse 2026", "Avoirs 2026", "TCD",
    "Clients 2026",
])
def test_other_names_are_not_a_period(name):
    assert not is_period_name(name)
