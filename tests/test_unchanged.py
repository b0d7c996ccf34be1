"""The same-day second run: nothing changed since today's good run → nothing read, nothing done,
said at once; any change (a cell, the configuration, a statement, the day) runs the whole job."""

from __future__ import annotations

import json
from datetime import date

import openpyxl
import pytest
from click.testing import CliRunner

from suivi.cli import cli
from suivi.demo import write_demo

DAY = date(2026, 11, 25)


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "demo"
    write_demo(target, DAY)
    return target


def run(folder, day=DAY, *extra):
    result = CliRunner().invoke(cli, ["run", "--config", str(folder / "suivi.toml"), "--date",
                                      day.isoformat(), "--json", *extra])
    data = json.loads(result.output)
    return result.exit_code, data


def test_second_run_the_same_day_does_nothing_and_says_so(folder):
    code, first = run(folder)
    assert code == 0 and not first["unchanged"] and first["statuses"]
    book = (folder / "suivi_factures.xlsx").read_bytes()
    code, again = run(folder)
    assert code == 0 and again["unchanged"], again
    assert "Rien n'a changé" in again["done"][0]
    assert (folder / "suivi_factures.xlsx").read_bytes() == book


@pytest.mark.parametrize("change", ["cell", "config", "statement", "day", "dry-run"])
def test_any_change_runs_the_whole_job(folder, change):
    assert run(folder)[0] == 0
    day = DAY
    extra: tuple[str, ...] = ()
    if change == "cell":
        book = openpyxl.load_workbook(folder / "suivi_factures.xlsx")
        book["Factures"]["W2"] = "note ajoutée"
        book.save(folder / "suivi_factures.xlsx")
    elif change == "config":
        with (folder / "suivi.toml").open("a", encoding="utf-8") as handle:
            handle.write("\n# un commentaire\n")
    elif change == "statement":
        (folder / "releves").mkdir(exist_ok=True)
        (folder / "releves" / "nouveau.csv").write_text("Date;Libellé;Montant\n", encoding="utf-8")
    elif change == "day":
        day = date(2026, 11, 26)
    else:
        extra = ("--dry-run",)
    code, again = run(folder, day, *extra)
    assert not again["unchanged"], change
    assert again["statuses"], change


def test_a_run_that_found_problems_is_run_again_in_full(folder):
    book = openpyxl.load_workbook(folder / "suivi_factures.xlsx")
    book["Factures"]["I2"] = "pas une date"
    book.save(folder / "suivi_factures.xlsx")
    code, first = run(folder)
    assert code == 1
    code, again = run(folder)
    assert code == 1 and not again["unchanged"] and again["issues"]


def test_an_open_invoice_edited_is_rendered_again_and_only_it(folder):
    def invoices(day=DAY):
        result = CliRunner().invoke(cli, ["invoices", "--config", str(folder / "suivi.toml"),
                                          "--date", day.isoformat(), "--json"])
        assert result.exit_code in (0, 1), result.output
        return json.loads(result.output)

    first = invoices()
    assert first["invoices"]["rendered"]
    pdfs = {p.name: p.stat().st_mtime_ns for p in (folder / "factures").rglob("*.pdf")}
    book = openpyxl.load_workbook(folder / "suivi_factures.xlsx")
    sheet = book["Factures"]
    target = None
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, 13).value == "émise" and f"{sheet.cell(row, 1).value}.pdf" in pdfs:
            target = row
    assert target, "an issued invoice with its PDF"
    number = sheet.cell(target, 1).value
    sheet.cell(target, 4).value = "Désignation corrigée avant envoi"
    book.save(folder / "suivi_factures.xlsx")
    again = invoices()
    assert again["invoices"]["rendered"] == [number], again["invoices"]
    after = {p.name: p.stat().st_mtime_ns for p in (folder / "factures").rglob("*.pdf")}
    assert [n for n in pdfs if after[n] != pdfs[n]] == [f"{number}.pdf"]
