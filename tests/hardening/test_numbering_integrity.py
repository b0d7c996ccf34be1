"""Numbering integrity: a number, once given, is never given again — after a cleared or merged
number cell, after a crash at any point of the commit, after the number journal or the workbook
went back in time — and implausible dates are not numbered without confirmation."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime

import openpyxl
import pytest
from conftest import TODAY, last_issued_row, rows_to_issue

from suivi.workbook.read import read_master


def numbers_in(book) -> list[str]:
    return [inv.number for inv in read_master(book).invoices if inv.number]


def pdf_hashes(folder) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in (folder.path / "factures").rglob("*.pdf")}


def add_row(folder, client: str, amount: int, day: datetime | None = None) -> int:
    """A new row « à émettre » at the bottom of Factures, as a user types it."""
    row = {}

    def change(book):
        sheet = book["Factures"]
        row["n"] = sheet.max_row + 1
        values = [None, day or datetime(2026, 11, 25), client, "Prestation complémentaire",
                  amount, amount * 0.2, amount * 1.2, "30 jours", None, None, None, None,
                  "à émettre"]
        for col, value in enumerate(values, start=1):
            sheet.cell(row["n"], col, value)

    folder.edit(change)
    return row["n"]


# --------------------------------------------------------------------------- cleared or merged


@pytest.mark.parametrize("how", ["cleared", "merged"])
def test_issued_invoice_that_lost_its_number_is_blocking_not_renumbered(demo, how):
    row, number = last_issued_row(demo.book)

    def change(book):
        sheet = book["Factures"]
        if how == "cleared":
            sheet.cell(row, 1).value = None
        else:
            sheet.merge_cells(f"A{row - 1}:A{row}")

    demo.edit(change)
    before = demo.snapshot()
    check = demo.cli("check")
    assert check.code == 2, check
    assert f"Factures!A{row}" in check.output and number in check.output, check
    for command in ("run", "invoices"):
        outcome = demo.cli(command)
        assert outcome.code == 2, outcome
        assert number in outcome.output
        assert demo.snapshot() == before
        assert demo.pdfs() == []


def test_lost_number_known_only_from_the_journal_is_named(demo):
    """After a run, clear the number of a row suivi numbered itself: the journal names it."""
    assert demo.cli("run").code in (0, 1)
    journal = [json.loads(line) for line in demo.numbers.read_text().splitlines()]
    given = next(r for r in journal if r["state"] == "confirmed")
    demo.edit(lambda book: setattr(book["Factures"].cell(given["row"], 1), "value", None))
    outcome = demo.cli("run")
    assert outcome.code == 2, outcome
    assert given["number"] in outcome.output and f"A{given['row']}" in outcome.output


# --------------------------------------------------------------------------- crashes


@pytest.mark.parametrize("point", ["mid_temp_write", "after_backup", "before_replace",
                                   "after_replace"])
def test_crash_at_any_commit_point_never_reuses_a_number(demo, point):
    crashed = demo.subprocess("run", env={"SUIVI_TEST_CRASH_AT": point})
    assert crashed.code == 77, crashed  # died like a power cut, mid-commit
    assert demo.numbers.is_file(), "numbers are reserved before the workbook is replaced"

    again = demo.subprocess("run")
    assert again.code in (0, 1), again
    numbers = numbers_in(demo.book)
    assert len(numbers) == len(set(numbers)), "a number appears twice in the workbook"
    for pdf in demo.pdfs():
        assert pdf[:-4] in numbers, f"{pdf} belongs to no invoice of the workbook"
    pdfs = pdf_hashes(demo)

    add_row(demo, "Jeanne Dupont", 100)
    third = demo.subprocess("run")
    assert third.code in (0, 1), third
    newest = numbers_in(demo.book)
    fresh = set(newest) - set(numbers)
    assert len(fresh) == 1 and not fresh & {p[:-4] for p in pdfs}, fresh
    for name, digest in pdfs.items():
        assert pdf_hashes(demo)[name] == digest, f"{name} was overwritten"


def test_workbook_restored_from_an_old_copy_and_journal_lost_reuses_no_number(demo):
    """The PDFs on disk are the last witness: their numbers are never given again."""
    old = demo.book.read_bytes()
    old_numbers = set(numbers_in(demo.book))
    assert demo.cli("run").code in (0, 1)
    given = set(numbers_in(demo.book)) - old_numbers
    assert given and all((demo.path / "factures" / "2026" / f"{n}.pdf").is_file() for n in given)
    pdfs = pdf_hashes(demo)
    demo.book.write_bytes(old)  # the user restores yesterday's copy
    demo.numbers.unlink()  # and the number journal is lost
    for name in ("structure.json", "rendus.json"):
        (demo.path / ".suivi" / name).unlink(missing_ok=True)

    outcome = demo.cli("invoices")
    assert outcome.code in (0, 1), outcome
    regiven = set(numbers_in(demo.book)) - old_numbers
    assert regiven, "the rows waiting for a number got one"
    assert not regiven & given, f"numbers given twice: {sorted(regiven & given)}"
    for name, digest in pdfs.items():
        assert pdf_hashes(demo)[name] == digest, f"{name} was overwritten"


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("day", "word"),
    [(datetime(1900, 1, 2), "improbable"),           # a typo, years before the series
     (datetime(2027, 1, 5), "futur"),                # next January, typed ahead
     (datetime(2026, 6, 1), "jours")],               # months back: older than jours_retroactifs
    ids=["1900", "next-january", "months-back"],
)
def test_implausible_date_is_held_until_confirmed(demo, day, word):
    row = add_row(demo, "Jeanne Dupont", 100, day)
    outcome = demo.cli("run")
    assert outcome.code == 1, outcome
    assert f"Factures!B{row}" in outcome.output, outcome
    assert read_master(demo.book).invoices[row - 2].number is None
    assert not any(p.startswith(("FAC1900", "FAC2027")) for p in demo.pdfs())

    confirmed = demo.cli("run", "--confirmer-dates")
    assert confirmed.code in (0, 1), confirmed
    number = read_master(demo.book).invoices[row - 2].number
    assert number and number.startswith(f"FAC{day.year}-"), number


def test_due_date_far_in_the_future_is_an_issue_not_a_crash(demo):
    row = rows_to_issue(demo.book)[0]

    def change(book):
        book["Factures"].cell(row, 9).value = datetime(9999, 12, 31)
        book["Factures"].cell(row, 8).value = "45 jours fin de mois"

    demo.edit(change)
    for command in ("check", "run"):
        outcome = demo.cli(command)
        assert outcome.clean(), outcome
        assert outcome.code in (0, 1), outcome


def test_date_typed_as_31_12_9999_on_an_issued_invoice_is_reported(demo):
    row, number = last_issued_row(demo.book)
    demo.edit(lambda book: setattr(book["Factures"].cell(row, 9), "value", datetime(9999, 12, 31)))
    outcome = demo.cli("check")
    assert outcome.clean(), outcome
    assert f"Factures!I{row}" in outcome.output, outcome


def test_journal_records_every_number_before_the_workbook_has_it(demo):
    assert demo.cli("run").code in (0, 1)
    records = [json.loads(line) for line in demo.numbers.read_text().splitlines()]
    reserved = [r["number"] for r in records if r["state"] == "reserved"]
    confirmed = [r["number"] for r in records if r["state"] == "confirmed"]
    assert reserved and reserved == confirmed
    book = openpyxl.load_workbook(demo.book, read_only=True)["Factures"]
    in_book = {row[0] for row in book.iter_rows(min_row=2, values_only=True)}
    assert set(confirmed) <= in_book
    assert TODAY == date(2026, 11, 25)
