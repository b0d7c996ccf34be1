"""Values: Excel error values are issues on their cell, never blanks; amounts with more than two
decimals and negative amounts on rows to issue are not issued silently; characters the invoice
font cannot draw are reported."""

from __future__ import annotations

import email
import email.policy
import re
import shutil
import zipfile
from datetime import datetime
from decimal import Decimal

import pytest
from conftest import Folder, last_issued_row, rows_to_issue
from test_limits import rebuild

from suivi.core.formats import format_money
from suivi.workbook.read import read_master


def put_error(demo, cell: str, error: str) -> None:
    """Write an Excel error value (t="e") in `cell` of the Factures sheet, as Excel stores it."""
    with zipfile.ZipFile(demo.book) as src:
        xml = src.read("xl/worksheets/sheet1.xml").decode("utf-8")
    value = f'<c r="{cell}" t="e"><v>{error}</v></c>'
    xml, count = re.subn(rf'<c r="{cell}"[^>]*?(?:/>|>.*?</c>)', value, xml, count=1)
    assert count == 1
    rebuild(demo.book, replace={"xl/worksheets/sheet1.xml": xml.encode("utf-8")})


@pytest.mark.parametrize("error", ["#N/A", "#DIV/0!", "#REF!", "#VALUE!"])
def test_error_value_in_the_amount_of_a_row_to_issue_holds_it(demo, error):
    row = rows_to_issue(demo.book)[0]
    put_error(demo, f"G{row}", error)
    check = demo.cli("check")
    assert check.code == 1 and f"Factures!G{row}" in check.output and error in check.output, check
    outcome = demo.cli("invoices")
    assert outcome.code == 1, outcome
    assert read_master(demo.book).invoices[row - 2].number is None, "issued with a broken amount"


def test_error_value_in_an_issued_invoice_is_named_and_it_is_not_dunned_on_a_guess(demo):
    number = "FAC2026-079"  # overdue: the demo drafts its first reminder today
    row = next(inv.row for inv in read_master(demo.book).invoices if inv.number == number)
    put_error(demo, f"G{row}", "#N/A")
    check = demo.cli("check")
    assert check.code == 1 and f"Factures!G{row}" in check.output, check
    outcome = demo.cli("remind")
    assert outcome.code == 1, outcome
    assert f"{number} (Factures!A{row})" in " ".join(outcome.output.split()), outcome
    assert number not in "".join(p.read_text(encoding="utf-8", errors="replace")
                                 for p in (demo.path / "relances").rglob("*.eml"))


def test_amount_with_five_decimals_is_flagged_and_not_issued(demo):
    row = rows_to_issue(demo.book)[0]

    def change(book):
        sheet = book["Factures"]
        sheet.cell(row, 5).value = 450.12345
        sheet.cell(row, 6).value = 90.02469
        sheet.cell(row, 7).value = 540.14814

    demo.edit(change)
    outcome = demo.cli("run")
    assert outcome.code == 1, outcome
    assert f"Factures!E{row}" in outcome.output and "450,12345" in outcome.output, outcome
    assert read_master(demo.book).invoices[row - 2].number is None


def test_amount_with_three_decimals_on_an_issued_invoice_is_a_warning(demo):
    row, number = last_issued_row(demo.book)
    demo.edit(lambda book: setattr(book["Factures"].cell(row, 6), "value", 112.505))
    outcome = demo.cli("check")
    assert f"Factures!F{row}" in outcome.output and "112,505" in outcome.output, outcome


def test_negative_amount_on_a_row_to_issue_is_not_silently_a_credit_note(demo):
    row = rows_to_issue(demo.book)[1]

    def change(book):
        sheet = book["Factures"]
        for col in (5, 6, 7):
            sheet.cell(row, col).value = -abs(sheet.cell(row, col).value)

    demo.edit(change)
    outcome = demo.cli("run")
    assert outcome.code == 1, outcome
    assert f"Factures!G{row}" in outcome.output and "avoir" in outcome.output, outcome
    invoice = read_master(demo.book).invoices[row - 2]
    assert invoice.number is None and not any(p.startswith("AV") for p in demo.pdfs()[1:])


def test_negative_row_declared_as_credit_note_is_issued_as_one(demo):
    row = rows_to_issue(demo.book)[1]

    def change(book):
        sheet = book["Factures"]
        for col in (5, 6, 7):
            sheet.cell(row, col).value = -abs(sheet.cell(row, col).value)
        sheet.cell(1, 25).value = "Type de pièce"
        sheet.cell(1, 26).value = "Facture d'origine"
        sheet.cell(row, 25).value = "Avoir"
        sheet.cell(row, 26).value = "FAC2026-076"  # the same client's invoice it corrects

    demo.edit(change)
    outcome = demo.cli("invoices")
    assert "avoir_implicite" not in outcome.output and "erreur de signe" not in outcome.output
    assert (read_master(demo.book).invoices[row - 2].number or "").startswith("AV"), outcome


def test_characters_the_font_cannot_draw_are_reported_on_their_cell(demo):
    row = rows_to_issue(demo.book)[2]
    demo.edit(lambda book: setattr(book["Factures"].cell(row, 4), "value",
                                   "Formation bénévoles 日本語"))
    outcome = demo.cli("run")
    assert f"Factures!D{row}" in outcome.output and "日本語" in outcome.output, outcome
    assert "missing the following glyphs" not in outcome.output


def test_exact_cents_are_kept_through_the_workbook(demo):
    row = rows_to_issue(demo.book)[0]

    def change(book):
        sheet = book["Factures"]
        sheet.cell(row, 5).value = 0.1
        sheet.cell(row, 6).value = 0.02
        sheet.cell(row, 7).value = 0.12

    demo.edit(change)
    assert demo.cli("invoices").code in (0, 1)
    invoice = read_master(demo.book).invoices[row - 2]
    assert invoice.amount_ttc == Decimal("0.12") and invoice.number


def test_number_no_date_can_hold_in_a_date_cell_names_the_cell(demo):
    """-1e15 in a date-formatted cell made the reader (calamine) panic on the whole sheet."""
    demo.edit(lambda book: setattr(book["Factures"].cell(40, 2), "value", -10**15))
    before = demo.snapshot()
    for command in ("check", "run"):
        outcome = demo.cli(command)
        assert outcome.code == 2 and outcome.clean(), outcome
        assert "B40" in outcome.output and "date" in outcome.output, outcome
        assert "panicked" not in outcome.output
    assert demo.snapshot() == before


def test_a_large_negative_amount_is_not_taken_for_a_date(demo):
    row, number = last_issued_row(demo.book)
    demo.edit(lambda book: setattr(book["Factures"].cell(row, 23), "value", -10**9))  # Notes
    outcome = demo.cli("check")
    assert outcome.code in (0, 1) and outcome.clean(), outcome


def _bodies(folder) -> list[str]:
    drafts = [p.read_bytes() for p in (folder / "relances").rglob("*.eml")
              if not p.name.endswith(".envoye.eml")]
    return [email.message_from_bytes(d, policy=email.policy.default).get_body(
        preferencelist=("plain",)).get_content() for d in drafts]


def test_invoice_partly_credited_is_dunned_for_what_remains(demo, tmp_path):
    """A credit note of 60 % was counted twice by dunning: the invoice looked paid, and the
    client who still owed 40 % got no reminder."""
    scratch = tmp_path / "scratch"
    shutil.copytree(demo.path, scratch)
    assert Folder(scratch).cli("remind").code in (0, 1)
    master = read_master(demo.book)
    reminded = [inv for inv in master.invoices if inv.number and inv.amount_paid == 0
                and any(re.search(rf"{inv.number}\b", body) for body in _bodies(scratch))]
    late = reminded[0]  # reminded today, nothing paid yet
    credit = (late.total * Decimal("0.6")).quantize(Decimal("0.01"))
    rest = late.total - credit

    def change(book):
        sheet = book["Factures"]
        sheet.cell(1, 25).value = "Type de pièce"
        sheet.cell(1, 26).value = "Facture d'origine"
        row = sheet.max_row + 1
        values = ["AV2026-050", datetime(2026, 11, 2), late.client, "Geste commercial",
                  float(-credit / Decimal("1.2")), float(-credit + credit / Decimal("1.2")),
                  float(-credit), None, datetime(2026, 11, 2), None, None, None, "avoir"]
        for col, value in enumerate(values, start=1):
            sheet.cell(row, col).value = value
        sheet.cell(row, 25).value = "Avoir"
        sheet.cell(row, 26).value = late.number

    demo.edit(change)
    outcome = demo.cli("remind")
    assert outcome.code in (0, 1), outcome
    mine = [b for b in _bodies(demo.path) if re.search(rf"{late.number}\b", b)]
    assert mine, "the client still owes 40 %: a reminder is due"
    assert format_money(rest) in mine[0], (format_money(rest), mine[0][:600])
