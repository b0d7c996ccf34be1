"""The master workbook template: what the code builds is what is committed, and it is a proper
Excel workbook (table, validations, conditional formats, formats) that LibreOffice opens."""

import hashlib
import io
import zipfile
from pathlib import Path

import openpyxl

from suivi.workbook.template import (
    CLIENT_COLUMNS,
    INSTALLMENT_COLUMNS,
    INVOICE_COLUMNS,
    JOURNAL_COLUMNS,
    LINE_COLUMNS,
    PAYMENT_COLUMNS,
    master_bytes,
)

COMMITTED = Path(__file__).resolve().parent.parent / "workbook_templates" / "suivi_factures.xlsx"


def parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: hashlib.sha256(z.read(n)).hexdigest() for n in z.namelist()}


def test_committed_template_matches_the_code():
    assert parts(master_bytes()) == parts(COMMITTED.read_bytes()), (
        "workbook_templates/suivi_factures.xlsx is stale: rebuild it with "
        'python -c "from suivi.workbook.template import build_master; '
        "build_master('workbook_templates/suivi_factures.xlsx')\""
    )


def test_template_structure():
    wb = openpyxl.load_workbook(io.BytesIO(master_bytes()))
    assert wb.sheetnames == [
        "Factures",
        "Clients",
        "Lignes",
        "Paiements",
        "Échéancier",
        "Journal",
        "Contrats",
        "Indicateurs",
    ]
    ws = wb["Factures"]
    assert [c.value for c in ws[1]] == [h for h, _, _ in INVOICE_COLUMNS]
    assert ws.freeze_panes == "A2"
    assert "Factures" in ws.tables
    headers = {c.value: c.column_letter for c in ws[1]}
    # dropdowns for Statut and Litige, each covering its column
    lists = {
        str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"
    }
    status_col, dispute_col = headers["Statut"], headers["Litige"]
    assert any(
        ref.startswith(f"{status_col}2") and "en retard" in formula
        for ref, formula in lists.items()
    )
    assert any(
        ref.startswith(f"{dispute_col}2") and "Oui" in formula for ref, formula in lists.items()
    )
    # conditional formats: red (overdue), orange (due within 7 days), green (paid)
    fills = set()
    for rng in ws.conditional_formatting:
        for rule in rng.rules:
            fills.add(rule.dxf.fill.bgColor.rgb[-6:])
    assert {"FFC7CE", "FFEB9C", "C6EFCE"} <= fills
    # number formats: money and dates, French display
    assert ws.column_dimensions[headers["Montant TTC"]].width >= 12
    clients = wb["Clients"]
    assert [c.value for c in clients[1]] == [h for h, _, _ in CLIENT_COLUMNS]
    type_col = {c.value: c.column_letter for c in clients[1]}["Type"]
    assert any(
        str(dv.sqref).startswith(f"{type_col}2") and "Administration" in dv.formula1
        for dv in clients.data_validations.dataValidation
    )


def test_template_formats():
    wb = openpyxl.load_workbook(io.BytesIO(master_bytes()))
    ws = wb["Factures"]
    headers = {c.value: c.column for c in ws[1]}

    # formats are set on the columns, so new rows typed in Excel inherit them
    def col_format(name):
        letter = openpyxl.utils.get_column_letter(headers[name])
        return ws.column_dimensions[letter].number_format

    assert "€" in col_format("Montant TTC") and "#,##0.00" in col_format("Montant TTC")
    assert col_format("Échéance") == "dd/mm/yyyy"


def test_libreoffice_opens_the_template_and_shows_every_header(soffice, tmp_path):
    path = tmp_path / "suivi_factures.xlsx"
    path.write_bytes(master_bytes())
    sheets = soffice.sheets_as_csv(path, tmp_path / "csv")
    for name, columns in (
        ("Factures", INVOICE_COLUMNS),
        ("Clients", CLIENT_COLUMNS),
        ("Lignes", LINE_COLUMNS),
        ("Paiements", PAYMENT_COLUMNS),
        ("Échéancier", INSTALLMENT_COLUMNS),
        ("Journal", JOURNAL_COLUMNS),
    ):
        assert sheets[name][0] == [h for h, _, _ in columns], name
    assert "Indicateurs" in sheets
