"""A team's own tracker, adopted as it is: suivi run reads it, reminds only what is owed, and
writes back without touching the rest of the file (chart, formulas, summary block)."""

from __future__ import annotations

import email
import email.policy
import hashlib
import zipfile
from datetime import datetime
from pathlib import Path

import xlsxwriter
from click.testing import CliRunner

from suivi.cli import cli
from suivi.workbook.read import read_master

TODAY = "2026-11-25"


def build_tracker(path: Path) -> None:
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    ws = wb.add_worksheet("Suivi 2026")
    bold = wb.add_format({"bold": True})
    day = wb.add_format({"num_format": "dd/mm/yyyy"})
    money = wb.add_format({"num_format": '#,##0.00 "€"'})
    ws.write("A1", "Suivi des factures clients – Atelier Dupré", bold)
    ws.write("A2", "Date du jour")
    ws.write_datetime("B2", datetime(2026, 11, 25), day)
    headers = [
        "N° Facture",
        "Date",
        "Client",
        "Email client",
        "Montant HT",
        "TVA 20%",
        "Montant TTC (€)",
        "Échéance",
        "Payé",
        "Statut",
    ]
    ws.write_row("A4", headers, bold)
    rows = [
        # paid according to the team (Statut), amounts not filled in: never reminded
        [
            "F-2026-101",
            "02/09/2026",
            "Garage Martin",
            "compta@garage-martin.example",
            "1 000,00",
            "200,00",
            "1 200,00 €",
            "02/10/2026",
            None,
            "Payée",
        ],
        # overdue, nothing paid: reminded
        [
            "F-2026-102",
            "05/10/2026",
            "Boulangerie Paul",
            "paul@boulangerie.example",
            "500,00",
            "100,00",
            "600,00 €",
            "04/11/2026",
            None,
            "En attente",
        ],
        # paid in full (amount filled): never reminded
        [
            "F-2026-103",
            "10/10/2026",
            "Garage Martin",
            "compta@garage-martin.example",
            "250,00",
            "50,00",
            "300,00 €",
            "09/11/2026",
            "300,00",
            "Réglée",
        ],
        None,  # an empty row in the middle
        # not due yet
        [
            "F-2026-104",
            "20/11/2026",
            "Hôtel des Alpes",
            "resa@hotel-alpes.example",
            "800,00",
            "160,00",
            "960,00 €",
            "20/12/2026",
            None,
            "",
        ],
    ]
    r = 4
    for row in rows:
        if row is not None:
            for c, value in enumerate(row):
                if value is not None:
                    ws.write_string(r, c, value)
        r += 1
    # a summary block to the right, with formulas, and a chart the team made
    ws.write("M4", "Synthèse", bold)
    ws.write("M5", "Nombre de factures")
    ws.write_formula("N5", "=COUNTA(A5:A9)", None, 4)
    ws.write("M6", "Total facturé")
    ws.write_formula(
        "N6", '=SUMPRODUCT(--SUBSTITUTE(SUBSTITUTE(E5:E9," ",""),",","."))', money, 2550
    )
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"name": "TTC", "values": "='Suivi 2026'!$N$5:$N$6"})
    ws.insert_chart("M9", chart)
    wb.close()


def digests(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        return {n: hashlib.sha256(z.read(n)).hexdigest() for n in z.namelist()}


def test_an_adopted_tracker_is_reminded_only_for_what_is_owed(tmp_path, soffice):
    book = tmp_path / "suivi 2026.xlsx"
    build_tracker(book)
    (tmp_path / "suivi.toml").write_text(
        '[classeur]\nfichier = "suivi 2026.xlsx"\n\n'
        '[vendeur]\nnom = "Atelier Dupré"\nemail = "compta@atelier-dupre.example"\n'
        'iban = "FR7630006000011234567890189"\n',
        encoding="utf-8",
    )
    before = digests(book)
    master = read_master(book)
    assert master.layout.sheet == "Suivi 2026" and master.layout.header_row == 4
    assert [i.number for i in master.invoices] == [
        "F-2026-101",
        "F-2026-102",
        "F-2026-103",
        "F-2026-104",
    ]

    result = CliRunner().invoke(
        cli,
        ["run", "--config", str(tmp_path / "suivi.toml"), "--date", TODAY],
        catch_exceptions=False,
    )
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    drafts = sorted((tmp_path / "relances").rglob("*.eml"))
    recipients = []
    for path in drafts:
        msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        recipients.append(str(msg["To"]))
        assert "F-2026-101" not in msg.get_body(preferencelist=("plain",)).get_content()
    assert len(drafts) == 1 and "paul@boulangerie.example" in recipients[0]

    after = digests(book)
    changed = {n for n in before if after.get(n) != before[n]}
    # only the tracker sheet (Statut, follow-up columns) and the package metadata changed;
    # the chart, its drawing and the shared strings are byte for byte the same
    assert changed <= {
        "xl/worksheets/sheet1.xml",
        "xl/workbook.xml",
        "[Content_Types].xml",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
    }
    for part in before:
        if part.startswith(("xl/charts/", "xl/drawings/", "xl/sharedStrings")):
            assert after[part] == before[part], part

    reread = read_master(book)
    statuses = {i.number: i.status_text for i in reread.invoices}
    # the team's « Payée » means what suivi computed: kept as typed; a status that changed is
    # written in the team's word (« En attente »), or in suivi's capitalised as the team does
    assert statuses["F-2026-101"] == "Payée" and statuses["F-2026-102"] == "En retard"
    assert statuses["F-2026-104"] == "En attente"
    assert {i.number: i.reminder_step for i in reread.invoices}["F-2026-102"] == 2
    sheets = soffice.sheets_as_csv(book, tmp_path / "csv")
    grid = sheets["Suivi 2026"]
    assert grid[0][0].startswith("Suivi des factures clients")
    assert grid[4][:3] == ["F-2026-101", "02/09/2026", "Garage Martin"]
    assert grid[4][12] == "Synthèse" or any("Synthèse" in row for row in grid)
    assert "Journal" in sheets and "Indicateurs" in sheets
