"""An invoice the Factur-X validator refuses is explained in words a user can act on: a missing
setting of the seller once for the run (suivi.toml), a business client without a SIREN at its
cell. A row numbered by the run but refused stays « à émettre »: its client never had it, so it
is not reminded, and the next run, once the data is mended, produces it."""

from __future__ import annotations

import json
import re
from datetime import date

import openpyxl
from click.testing import CliRunner
from test_daily import seller_config
from test_documents_pipeline import ALPHA, row

from suivi.cli import cli
from suivi.workbook.template import MasterData, build_master

BETA = ["Beta SAS", "Société", None, None, "2 rue B, 69002 Lyon", None, "compta@beta.example",
        None, "30 jours", None, "fr", "Oui", None]


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def build(tmp_path):
    data = MasterData()
    data.clients = [ALPHA, BETA]
    data.invoices = [
        # issued elsewhere, long overdue: reminded whatever its PDF
        row({"N° facture": "FAC2026-001", "Date facture": date(2026, 9, 1), "Client": "Beta SAS",
             "Désignation": "Audit", "Montant HT": 100, "TVA": 20, "Montant TTC": 120,
             "Conditions de paiement": "30 jours", "Échéance": date(2026, 10, 1),
             "Statut": "émise"}),
        # to issue today, one per client
        row({"Date facture": date(2026, 11, 25), "Client": "Alpha SARL", "Désignation": "Conseil",
             "Montant HT": 500, "TVA": 100, "Montant TTC": 600}),
        row({"Date facture": date(2026, 11, 25), "Client": "Beta SAS", "Désignation": "Conseil",
             "Montant HT": 300, "TVA": 60, "Montant TTC": 360}),
    ]
    book = tmp_path / "suivi_factures.xlsx"
    build_master(book, data)
    config = seller_config(tmp_path)
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r'(?m)^tva = ".*"$', 'tva = ""', text), encoding="utf-8")
    return book, config


def invoice_rows(book):
    ws = openpyxl.load_workbook(book)["Factures"]
    headers = [c.value for c in ws[1]]
    return [dict(zip(headers, values)) for values in ws.iter_rows(min_row=2, values_only=True)
            if any(v is not None for v in values)]


def test_refused_invoices_are_explained_and_numbered_rows_wait_to_be_issued(tmp_path):
    book, config = build(tmp_path)
    result = invoke("run", "--config", config, "--date", "2026-11-25")
    assert result.exit_code == 1, result.output
    out = " ".join(result.output.split())
    # the seller's missing VAT number: one line for the run, naming the setting
    assert out.count("le n° de TVA intracommunautaire du vendeur manque") == 1, out
    assert re.search(r"suivi\.toml .*3 facture\(s\) sans PDF", out), out
    assert 'tva = "FR…"' in out
    # Beta's missing SIREN: at its cell of the Clients sheet, for each of its invoices
    assert "Clients!C3" in out
    assert out.count("le SIREN du client « Beta SAS » manque") == 2, out
    # no rule text of the schematron in English
    assert "shall contain" not in out and "Standard rated" not in out

    rows = invoice_rows(book)
    assert [r["N° facture"] for r in rows] == ["FAC2026-001", "FAC2026-002", "FAC2026-003"]
    # numbered now but refused: the client never had them
    assert [r["Statut"] for r in rows[1:]] == ["à émettre", "à émettre"]
    assert all(not r["Fichier facture"] for r in rows)
    assert not (tmp_path / "factures").exists() or not any((tmp_path / "factures").rglob("*.pdf"))
    # the invoice issued elsewhere is still reminded; the two new ones are not
    drafts = list((tmp_path / "relances").rglob("*.eml"))
    assert len(drafts) == 1
    body = drafts[0].read_text(encoding="utf-8", errors="replace")
    assert "FAC2026-001" in body and "FAC2026-002" not in body and "FAC2026-003" not in body

    # the data mended: the next run produces the three PDFs, with the numbers already given
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('tva = ""', 'tva = "FR44732829320"'), encoding="utf-8")
    wb = openpyxl.load_workbook(book)
    wb["Clients"]["C3"] = "552032534"
    wb.save(book)
    again = invoke("run", "--config", config, "--date", "2026-11-26", "--json")
    assert again.exit_code == 0, again.output
    report = json.loads(again.output)
    assert report["numbered"] == []
    assert sorted(report["invoices"]["rendered"]) == ["FAC2026-001", "FAC2026-002",
                                                      "FAC2026-003"]
    rows = invoice_rows(book)
    assert [r["Statut"] for r in rows[1:]] == ["émise", "émise"]
    assert all((tmp_path / r["Fichier facture"]).is_file() for r in rows)


def test_a_tracker_without_clients_sheet_is_told_to_add_one(tmp_path):
    """No Clients sheet ever, and a row to issue: « add one », with the row, not « restore »."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Suivi"
    ws.append(["N° Facture", "Date facture", "Client", "Montant TTC", "Échéance", "Email"])
    ws.append(["F-001", date(2026, 10, 1), "Garage Martin", 120, date(2026, 10, 31),
               "compta@garage.example"])
    ws.append([None, date(2026, 11, 20), "Hôtel des Alpes", 480, None, "resa@hotel"])
    wb.save(tmp_path / "suivi.xlsx")
    result = invoke("check", tmp_path / "suivi.xlsx")
    assert result.exit_code == 2, result.output
    out = " ".join(result.output.split())
    assert "Ajoutez une feuille « Clients »" in out and "(ligne(s) 3)" in out
    assert "Remettez" not in out
    # the invalid address of the invoice sheet: once, at its own cell
    assert out.count("« resa@hotel » n'est pas valide") == 1, out
    assert "Suivi!F3" in out


def test_rows_numbered_before_the_seller_is_set_wait_to_be_issued(tmp_path):
    """Without [vendeur], no invoice can be made: the rows numbered stay « à émettre », are not
    reminded, and are produced by the first run after the seller is set."""
    book, config = build(tmp_path)
    full = config.read_text(encoding="utf-8").replace('tva = ""', 'tva = "FR44732829320"')
    config.write_text('[classeur]\nfichier = "suivi_factures.xlsx"\n', encoding="utf-8")
    wb = openpyxl.load_workbook(book)
    wb["Clients"]["C3"] = "552032534"
    wb.save(book)
    # a day when the new invoices would be due for a notice if they counted as issued
    result = invoke("run", "--config", config, "--date", "2026-12-20")
    assert result.exit_code == 0, result.output
    assert "la section [vendeur] de suivi.toml n'est pas renseignée" in " ".join(
        result.output.split())
    rows = invoice_rows(book)
    assert [(r["N° facture"], r["Statut"]) for r in rows[1:]] == [
        ("FAC2026-002", "à émettre"), ("FAC2026-003", "à émettre")]
    for draft in (tmp_path / "relances").rglob("*.eml"):
        body = draft.read_text(encoding="utf-8", errors="replace")
        assert "FAC2026-002" not in body and "FAC2026-003" not in body

    config.write_text(full, encoding="utf-8")
    again = invoke("run", "--config", config, "--date", "2026-12-21", "--json")
    report = json.loads(again.output)
    assert report["numbered"] == []
    assert {"FAC2026-002", "FAC2026-003"} <= set(report["invoices"]["rendered"])
    assert [r["Statut"] for r in invoice_rows(book)[1:]] == ["émise", "émise"]
