"""The daily job with the bank: statements imported before reminders (a client who paid this
morning is not reminded), the statements folder, stale bank data, installments and promises."""
from __future__ import annotations

import email
import email.policy
import json
from datetime import date
from pathlib import Path

from bank_workbook import Row, csv_statement, flat, invoice_cells, invoke, sheet, write_book


def drafts(folder: Path) -> dict[str, str]:
    """The day's reminder drafts: recipient → text of the message."""
    found = {}
    for path in sorted((folder / "relances").rglob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        for address in message["To"].addresses:
            found[address.addr_spec] = body.get_content() if body else ""
    return found


def run_json(folder: Path) -> dict:
    result = invoke(folder, "run", "--json")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


GARAGE = "compta@garage-martin.example"
BOULANGERIE = "contact@dupre.example"
PAID_THIS_MORNING = [("25/11/2026", "VIR SEPA RECU /DE GARAGE MARTIN /MOTIF FACT 2026-1 ET 2",
                      "830,50")]


def test_a_client_who_paid_this_morning_gets_no_reminder(tmp_path):
    control = tmp_path / "sans-releve"
    write_book(control)
    run_json(control)
    assert {GARAGE, BOULANGERIE} <= set(drafts(control))  # both would be reminded

    folder = tmp_path / "avec-releve"
    book = write_book(folder)
    statement = csv_statement(folder / "releve.csv", PAID_THIS_MORNING)
    assert invoke(folder, "bank", statement).exit_code == 0
    assert invoice_cells(book, "FAC2026-001")["Statut"] == "réglée"
    assert invoice_cells(book, "FAC2026-002")["Statut"] == "réglée"
    run_json(folder)
    reminded = drafts(folder)
    assert BOULANGERIE in reminded and GARAGE not in reminded


def test_the_daily_run_imports_the_folder_first_and_files_the_statements(tmp_path):
    book = write_book(tmp_path)
    folder = tmp_path / "releves"
    folder.mkdir()
    csv_statement(folder / "releve-25.csv", PAID_THIS_MORNING)
    data = run_json(tmp_path)
    assert GARAGE not in drafts(tmp_path) and BOULANGERIE in drafts(tmp_path)
    assert invoice_cells(book, "FAC2026-002")["Montant réglé"] == 350.5
    assert not (folder / "releve-25.csv").exists()
    assert (folder / "importés" / "releve-25.csv").exists()
    assert any("Banque : 1 relevé(s) lu(s), 1 paiement(s) appliqué(s)" in " ".join(d.split())
               for d in data["done"])
    assert data["bank"]["filed"] == [str(folder / "importés" / "releve-25.csv")]
    assert data["bank"]["newest_statement"] == "2026-11-25"

    # dropped again by mistake: filed again under another name, nothing counted twice
    csv_statement(folder / "releve-25.csv", PAID_THIS_MORNING)
    run_json(tmp_path)
    assert (folder / "importés" / "releve-25 (2).csv").exists()
    payments = [r for r in sheet(book, "Paiements")[1:] if r[0] != ""]
    assert len(payments) == 2  # FAC2026-001 and FAC2026-002, once each


def test_a_dry_run_moves_no_statement(tmp_path):
    book = write_book(tmp_path)
    folder = tmp_path / "releves"
    folder.mkdir()
    csv_statement(folder / "releve.csv", PAID_THIS_MORNING)
    before = book.read_bytes()
    assert invoke(tmp_path, "run", "--dry-run").exit_code in (0, 1)
    assert (folder / "releve.csv").exists() and not (folder / "importés").exists()
    assert book.read_bytes() == before


def test_a_refused_statement_stays_is_reported_and_holds_reminders(tmp_path):
    book = write_book(tmp_path)
    folder = tmp_path / "releves"
    folder.mkdir()
    csv_statement(folder / "a-bon.csv", PAID_THIS_MORNING)
    (folder / "b-tronque.ofx").write_text("OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX>\n"
                                          "<BANKMSGSRSV1>\n<STMTTRNRS>\n", encoding="ascii")
    data = run_json(tmp_path)
    assert data["exit_code"] == 1
    refused = [i for i in data["issues"] if i["code"] == "bank.statement_refused"]
    assert [i["cell"] for i in refused] == ["b-tronque.ofx"]
    assert "b-tronque.ofx" in refused[0]["message"]
    assert (folder / "b-tronque.ofx").exists()                # left in place
    assert (folder / "importés" / "a-bon.csv").exists()       # the readable one is imported
    assert invoice_cells(book, "FAC2026-001")["Statut"] == "réglée"
    notices = data["reminders"]["digest"]["notices"]
    assert len(notices) == 1 and "Relances retenues" in notices[0]
    assert "b-tronque.ofx" in notices[0]
    assert drafts(tmp_path) == {}


def test_stale_bank_data_holds_reminders_and_says_how_to_fix_it(tmp_path):
    write_book(tmp_path)
    old = csv_statement(tmp_path / "octobre.csv",
                        [("10/11/2026", "VIR SEPA RECU /DE INCONNU /MOTIF DON", "20,00")])
    result = invoke(tmp_path, "bank", old, "--date", "2026-11-10")
    assert result.exit_code == 0, result.output
    data = run_json(tmp_path)
    notice = " ".join(data["reminders"]["digest"]["notices"][0].split())
    # business days after 10/11: the 11th is a public holiday (Armistice), then 12, 13, 16 to
    # 20, 23 to 25 November
    assert notice.startswith("Relances retenues : le dernier relevé importé s'arrête au "
                             "10/11/2026, il y a 10 jours ouvrés (plus de 5)")
    assert "suivi bank RELEVÉ" in notice and 'obsolete = "ignorer"' in notice
    assert drafts(tmp_path) == {}
    a_faire = next((tmp_path / "relances").rglob("a_faire.txt")).read_text(encoding="utf-8")
    assert "Relances retenues" in a_faire


def test_teams_typing_payments_by_hand_are_never_held(tmp_path):
    write_book(tmp_path)  # never imported a statement
    data = run_json(tmp_path)
    assert data["reminders"]["digest"]["notices"] == []
    assert GARAGE in drafts(tmp_path)

    other = tmp_path / "ignorer"
    write_book(other, config='\n[banque]\nobsolete = "ignorer"\n')
    old = csv_statement(other / "octobre.csv",
                        [("10/11/2026", "VIR SEPA RECU /DE INCONNU /MOTIF DON", "20,00")])
    assert invoke(other, "bank", old, "--date", "2026-11-10").exit_code == 0
    data = run_json(other)
    assert data["reminders"]["digest"]["notices"] == []
    assert GARAGE in drafts(other)


ON_PLAN = [Row("FAC2026-003", date(2026, 10, 1), "Boulangerie Dupré SARL", "1200.00",
               date(2026, 10, 31), paid="400.00")]


def test_installments_on_track_are_not_reminded(tmp_path):
    plan = [["FAC2026-003", date(2026, 10, 31), 400], ["FAC2026-003", date(2026, 11, 30), 400],
            ["FAC2026-003", date(2026, 12, 31), 400]]
    write_book(tmp_path, ON_PLAN, installments=plan)
    data = run_json(tmp_path)
    assert drafts(tmp_path) == {}  # the invoice is 25 days late, but its plan is kept
    assert not data["reminders"]["digest"]["payments"]


def test_a_missed_installment_resumes_dunning_for_what_is_due(tmp_path):
    plan = [["FAC2026-003", date(2026, 10, 31), 400], ["FAC2026-003", date(2026, 11, 15), 400],
            ["FAC2026-003", date(2026, 12, 15), 400]]
    write_book(tmp_path, ON_PLAN, installments=plan)
    data = run_json(tmp_path)
    message = drafts(tmp_path)[BOULANGERIE]
    assert "400,00" in " ".join(message.split()) and "800,00" not in message
    lines = [" ".join(line.split()) for line in data["reminders"]["digest"]["payments"]]
    assert lines == ["Boulangerie Dupré SARL – échéance du 15/11/2026 non réglée – FAC2026-003 "
                     "– 400,00 € (1 échéance(s) manquée(s) : relances reprises)"]


def test_an_installment_reminder_is_not_taken_for_a_stale_draft_when_sent(tmp_path):
    """The draft asks for the 400 € installment, less than the 800 € balance `suivi send`
    reckons with: a draft claiming less than is due is not stale (only one claiming more)."""
    plan = [["FAC2026-003", date(2026, 10, 31), 400], ["FAC2026-003", date(2026, 11, 15), 400],
            ["FAC2026-003", date(2026, 12, 15), 400]]
    write_book(tmp_path, ON_PLAN, installments=plan)
    run_json(tmp_path)
    assert BOULANGERIE in drafts(tmp_path)
    result = invoke(tmp_path, "send", "--tous", "--dry-run")
    assert "au lieu de" not in flat(result) and "annulé" not in flat(result), flat(result)


def test_a_broken_promise_is_reported(tmp_path):
    rows = [Row("FAC2026-002", date(2026, 9, 20), "Garage Martin", "350.50",
                date(2026, 10, 20), promise=date(2026, 11, 15))]
    write_book(tmp_path, rows)
    data = run_json(tmp_path)
    broken = [i for i in data["issues"] if i["code"] == "bank.promise_broken"]
    assert [(i["cell"], " ".join(i["message"].split())) for i in broken] == [(
        "Factures!V2", "Facture FAC2026-002 (Garage Martin) : la promesse de paiement du "
        "15/11/2026 n'a pas été tenue, il reste 350,50 € dû ; les relances ont repris.")]
    lines = [" ".join(line.split()) for line in data["reminders"]["digest"]["payments"]]
    assert lines == ["Garage Martin – promesse du 15/11/2026 non tenue – FAC2026-002 – "
                     "350,50 € (relances reprises)"]
    assert GARAGE in drafts(tmp_path)


def test_digest_lists_trop_percus_and_credits_to_review(tmp_path):
    write_book(tmp_path)
    folder = tmp_path / "releves"
    folder.mkdir()
    csv_statement(folder / "releve.csv", [
        ("24/11/2026", "VIR SEPA RECU /DE PHARMACIE CENTRALE /MOTIF FAC2026-006", "400,00"),
        ("24/11/2026", "VIR SEPA RECU /DE INCONNU /MOTIF DON", "50,00")])
    simulated = json.loads(invoke(tmp_path, "run", "--dry-run", "--json").output)
    lines = [" ".join(line.split()) for line in simulated["reminders"]["digest"]["payments"]]
    assert lines == [
        "Pharmacie Centrale – trop-perçu – FAC2026-006 – 90,00 € (reçu le 24/11/2026)",
        "1 opération(s) bancaire(s) à vérifier – 50,00 € (feuille Rapprochement)"]
    text = flat(invoke(tmp_path, "run"))
    assert "Paiements et rapprochement (2)" in text
    assert "Pharmacie Centrale – trop-perçu – FAC2026-006 – 90,00 €" in text


def test_an_installment_paid_after_its_reminder_was_drafted_is_not_reminded_by_send(tmp_path):
    """The draft asks for the missed 400 € installment; the client pays it before anyone sends
    the draft. The balance still shows 400 € (the last installment, not due yet): `suivi send`
    follows the plan as the run does, and cancels the draft instead of sending it."""
    from decimal import Decimal

    from suivi.workbook import update_workbook

    plan = [["FAC2026-003", date(2026, 10, 31), 400], ["FAC2026-003", date(2026, 11, 15), 400],
            ["FAC2026-003", date(2026, 12, 15), 400]]
    book = write_book(tmp_path, ON_PLAN, installments=plan)
    run_json(tmp_path)
    assert BOULANGERIE in drafts(tmp_path)
    with update_workbook(book) as changes:
        changes.set_cell("Factures", "J2", Decimal("800.00"))
    result = invoke(tmp_path, "send", "--tous")
    assert result.exit_code in (0, 1), result.output
    said = flat(result)
    assert "annulé" in said and "FAC2026-003" in said, said
    assert BOULANGERIE not in drafts(tmp_path)  # no .eml left to send by hand either
