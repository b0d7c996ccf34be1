"""An error on a row holds that row's invoice: not numbered, not rendered, the reason in the
summary; warnings hold nothing. First the rule as a table, then as a new user meets it."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal as D

import openpyxl
import pytest
from click.testing import CliRunner
from test_daily import seller_config

from suivi.cli import cli
from suivi.core.holds import find_holds
from suivi.core.models import (
    CellRef,
    Client,
    ColumnInfo,
    Invoice,
    InvoiceLine,
    Issue,
    Master,
    Severity,
    SheetLayout,
)
from suivi.workbook.read import read_master

TODAY = "2026-11-25"
LAYOUT = SheetLayout("Factures", 1, {"number": ColumnInfo("number", "N°", "A", 0)})
MASTER = Master(
    path="x.xlsx",
    invoices=(Invoice("Factures", 2, None, client="Alpha"),
              Invoice("Factures", 3, "FAC2026-001", client="Beta"),
              Invoice("Factures", 4, None, client="Beta")),
    clients={"alpha": Client("Alpha", where=CellRef("Clients", 2, "A")),
             "beta": Client("Beta", where=CellRef("Clients", 3, "A"))},
    payments=(), journal=(),
    lines=(InvoiceLine("FAC2026-001", "Audit", D(1), D(100), D(20),
                       where=CellRef("Lignes", 5, "A")),),
    layout=LAYOUT,
    layouts={"invoices": LAYOUT, "clients": SheetLayout("Clients", 1),
             "lines": SheetLayout("Lignes", 1)},
    issues=(),
)

SCENARIOS = [
    # (what, the issue found, rows it holds)
    ("an error on the row", Issue.of(CellRef("Factures", 2, "I"), "echeance_avant_date",
                                     Severity.ERROR), {2}),
    ("an error on the client's row holds all its invoices",
     Issue.of(CellRef("Clients", 3, "D"), "tva_invalide", Severity.ERROR), {3, 4}),
    ("an error on a line holds its invoice",
     Issue.of(CellRef("Lignes", 5, "F"), "vat.rate_unknown", Severity.ERROR), {3}),
    ("a warning holds nothing",
     Issue.of(CellRef("Factures", 2, "I"), "echeance_calculee", Severity.WARNING), set()),
    ("an e-mail address is not printed on the invoice",
     Issue.of(CellRef("Clients", 2, "G"), "email_invalide", Severity.ERROR), set()),
    ("a hole in a series concerns no one invoice",
     Issue.of(CellRef("Factures", 3, "A"), "numerotation_trou", Severity.ERROR), set()),
    ("a whole-sheet problem", Issue.of("Factures", "echeance_calculee", Severity.ERROR), set()),
]


@pytest.mark.parametrize(("issue", "held"), [s[1:] for s in SCENARIOS],
                         ids=[s[0] for s in SCENARIOS])
def test_which_invoices_an_error_holds(issue, held):
    holds = find_holds([issue], MASTER)
    assert {inv.row for inv in MASTER.invoices if holds.of(inv)} == held


# --------------------------------------------------------------------------- as a new user

def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def new_user_book(folder, vat_number: str, due: date | None = None):
    """`suivi init`, then one client and one invoice typed in Excel, and the seller."""
    assert invoke("init", folder).exit_code == 0
    book = folder / "suivi_factures.xlsx"
    wb = openpyxl.load_workbook(book)
    clients = wb["Clients"]
    for col, value in enumerate(["Garage Moreau", "Société", "732829320", vat_number,
                                 "8 rue du Port, 69007 Lyon", None, "compta@moreau.example",
                                 None, "30 jours"], start=1):
        clients.cell(row=2, column=col, value=value)
    invoices = wb["Factures"]
    for col, value in enumerate([None, None, "Garage Moreau", "Révision annuelle", 500, 100,
                                 600, "30 jours", due], start=1):
        invoices.cell(row=2, column=col, value=value)
    wb.save(book)
    seller_config(folder)
    return book


def test_a_client_vat_number_with_a_wrong_key_holds_the_invoice(tmp_path):
    book = new_user_book(tmp_path, "FR45732829320")  # the key of 732829320 is 44
    result = invoke("invoices", "--config", tmp_path / "suivi.toml", "--date", TODAY, "--json")
    assert result.exit_code == 1, result.output
    summary = json.loads(result.output)
    assert summary["numbered"] == [] and summary["invoices"]["rendered"] == []
    assert summary["invoices"]["held_rows"] == [2]
    [issue] = [i for i in summary["issues"] if i["code"] == "tva_invalide"]
    assert issue["cell"] == "Clients!D2" and issue["severity"] == "error"
    assert ("Ligne 2 (client « Garage Moreau ») retenue : ni numérotée ni produite tant que 1 "
            "erreur(s) restent en Clients!D2 (voir ci-dessous).") in summary["done"]
    assert not list(tmp_path.rglob("*.pdf"))
    row = read_master(book).invoices[0]
    assert row.number is None and row.pdf_file is None

    wb = openpyxl.load_workbook(book)
    wb["Clients"].cell(row=2, column=4, value="FR44732829320")
    wb.save(book)
    fixed = invoke("invoices", "--config", tmp_path / "suivi.toml", "--date", TODAY, "--json")
    assert fixed.exit_code == 0, fixed.output
    assert json.loads(fixed.output)["numbered"] == ["FAC2026-001"]
    assert (tmp_path / "factures" / "2026" / "FAC2026-001.pdf").is_file()


def test_a_typed_due_date_that_contradicts_the_terms_holds_the_row(tmp_path):
    book = new_user_book(tmp_path, "FR44732829320", due=date(2026, 12, 10))
    result = invoke("invoices", "--config", tmp_path / "suivi.toml", "--date", TODAY, "--json")
    assert result.exit_code == 1, result.output
    summary = json.loads(result.output)
    assert summary["invoices"]["held_rows"] == [2]
    [issue] = summary["issues"]
    assert issue["cell"] == "Factures!I2" and issue["severity"] == "error"
    assert issue["message"] == (
        "Facture ligne 2 : l'échéance saisie en Factures!I2 (10/12/2026) ne correspond pas aux "
        "conditions « 30 jours » (Factures!H2), qui donnent le 25/12/2026 : la facture n'est "
        "ni numérotée ni produite.")
    assert read_master(book).invoices[0].number is None and not list(tmp_path.rglob("*.pdf"))

    wb = openpyxl.load_workbook(book)
    wb["Factures"].cell(row=2, column=9).value = None  # empty: suivi computes it from the terms
    wb.save(book)
    assert invoke("invoices", "--config", tmp_path / "suivi.toml", "--date", TODAY).exit_code == 0
    row = read_master(book).invoices[0]
    assert row.number == "FAC2026-001" and row.due_date == date(2026, 12, 25)


def test_warnings_hold_nothing(tmp_path):
    book = new_user_book(tmp_path, "FR44732829320")
    wb = openpyxl.load_workbook(book)
    wb["Factures"].cell(row=2, column=4, value="Livre « Bien gérer sa trésorerie »")
    wb.save(book)  # a book at 20 %: a question, not an error
    result = invoke("invoices", "--config", tmp_path / "suivi.toml", "--date", TODAY, "--json")
    summary = json.loads(result.output)
    assert [i["code"] for i in summary["issues"]] == ["vat.rate_to_confirm"]
    assert summary["numbered"] == ["FAC2026-001"] and summary["invoices"]["held_rows"] == []
