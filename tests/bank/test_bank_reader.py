"""The reader knows the bank's sheets: Paiements with « Relevé » and « Id opération », the
Rapprochement sheet suivi writes (in either language, with what a person typed), and the
Échéancier sheet."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from suivi.core.bank_apply import ReviewRow
from suivi.core.matching import Rule
from suivi.core.message import Message
from suivi.workbook.bank_sheet import build_review_workbook
from suivi.workbook.read import read_master
from suivi.workbook.session import update_workbook
from suivi.workbook.template import MasterData, build_master

INVOICE = ["FAC2026-001", date(2026, 10, 1), "Garage Martin", "Audit", 400, 80, 480,
           "30 jours", date(2026, 10, 31)]


def review_row(label: str, amount: str, ident: str, candidates=()) -> ReviewRow:
    return ReviewRow(date(2026, 11, 24), Decimal(amount), label, "GARAGE MARTIN",
                     tuple(candidates), Rule.AMOUNT,
                     Message.of("bank.review.nothing", amount=Decimal(amount),
                                day=date(2026, 11, 24), label=label),
                     ident, "releve.csv", "Virement", "REF-1")


def test_payments_installments_and_the_review_sheet_are_read(tmp_path):
    data = MasterData(invoices=[INVOICE + [None] * 15])
    data.payments = [[date(2026, 11, 2), 100, "FAC2026-001", "Garage Martin", "Virement",
                      "VIR GARAGE", "releve-11.csv", "h:0123456789abcdef"]]
    data.installments = [["FAC2026-001", date(2026, 10, 31), 240],
                         ["FAC2026-001", date(2026, 11, 30), 240],
                         ["FAC2026-001", None, 10]]  # incomplete: named, left out
    path = tmp_path / "suivi_factures.xlsx"
    build_master(path, data)
    rows = [review_row("REMISE CHEQUE 1", "480.00", "h:aaaa", ["FAC2026-001"]),
            review_row("VIR DON", "50.00", "FITID-9")]
    with update_workbook(path) as changes:  # written in English, as with --lang en
        changes.put_sheet("Rapprochement", build_review_workbook(rows, "en"))
    with update_workbook(path) as changes:  # what a person types
        changes.set_cell("Rapprochement", "H2", "oui")
        changes.set_cell("Rapprochement", "I3", "FAC2026-001 + fac 2026-2")

    master = read_master(path)
    payment = master.payments[0]
    assert (payment.statement, payment.transaction_id) == ("releve-11.csv", "h:0123456789abcdef")
    assert [(i.invoice_number, i.due_date, i.amount) for i in master.installments] == [
        ("FAC2026-001", date(2026, 10, 31), Decimal("240")),
        ("FAC2026-001", date(2026, 11, 30), Decimal("240"))]
    incomplete = [i for i in master.issues if i.code == "echeance_incomplete"]
    assert [str(i.where) for i in incomplete] == ["Échéancier!A4"]

    first, second = master.reconciliation
    assert (first.date, first.amount, first.label, first.payer) == (
        date(2026, 11, 24), Decimal("480"), "REMISE CHEQUE 1", "GARAGE MARTIN")
    assert first.candidates == ("FAC2026-001",) and first.rule is Rule.AMOUNT
    assert first.validate is True and first.row == 2
    assert first.explanation.startswith("€480.00 on")  # the text as written, English
    assert (first.transaction_id, first.statement, first.method, first.reference) == (
        "h:aaaa", "releve.csv", "Virement", "REF-1")
    assert second.validate is None and second.invoices_text == "FAC2026-001 + fac 2026-2"
    assert "Rapprochement" not in {i.where for i in master.issues}  # the note is no row
