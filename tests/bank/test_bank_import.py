"""`suivi bank` and the daily import, end to end through the CLI on a workbook made in tmp_path,
with statements written by hand: what lands in Paiements, Factures and Rapprochement, never
twice, refusals that record nothing, decisions taken in the Rapprochement sheet."""
from __future__ import annotations

import json
from datetime import date

from bank_workbook import ROWS, csv_statement, flat, invoice_cells, invoke, sheet, write_book
from click.testing import CliRunner

from suivi.cli import cli
from suivi.workbook.session import update_workbook

MORNING = [
    # the number written badly, the exact amount: applied
    ("25/11/2026", "VIR SEPA RECU /DE GARAGE MARTIN /MOTIF FACT 2026-1", "480,00"),
    # no number, two invoices of one client adding up: applied (grouped, oldest first)
    ("25/11/2026", "VIR SEPA RECU /DE TRAITEUR NGUYEN /MOTIF SOLDE", "1000,00"),
    # a partial payment naming its invoice, from the client: applied, the rest stays due
    ("24/11/2026", "VIR SEPA RECU /DE BOULANGERIE DUPRE /MOTIF FAC2026-003 ACOMPTE", "500,00"),
    # nothing matches: to review
    ("24/11/2026", "VIR SEPA RECU /DE INCONNU /MOTIF DON", "50,00"),
    # a debit: skipped
    ("24/11/2026", "PRLV SEPA EDF", "-120,00"),
]


def test_bank_applies_credits_and_writes_every_column(tmp_path):
    book = write_book(tmp_path)
    statement = csv_statement(tmp_path / "releve.csv", MORNING)
    result = invoke(tmp_path, "bank", statement)
    assert result.exit_code == 0, result.output
    assert "releve.csv (csv, compte 00050123456789) : 4 crédit(s), dont 4 nouveau(x) ; 1 débit(s)" in flat(result)
    assert "n° FACT 2026-1 trouvé → FAC2026-001 (Garage Martin), montant exact" in flat(result)
    assert "À vérifier dans la feuille Rapprochement (1)" in flat(result)

    paid = invoice_cells(book, "FAC2026-001")
    assert paid["Montant réglé"] == 480 and paid["Date de règlement"] == date(2026, 11, 25)
    assert paid["Reste dû"] == 0 and paid["Statut"] == "réglée"
    partial = invoice_cells(book, "FAC2026-003")
    assert partial["Montant réglé"] == 500 and partial["Reste dû"] == 700
    assert partial["Statut"] == "partiellement réglée"
    assert invoice_cells(book, "FAC2026-004")["Statut"] == "réglée"
    assert invoice_cells(book, "FAC2026-005")["Statut"] == "réglée"
    assert invoice_cells(book, "FAC2026-002")["Montant réglé"] == ""  # untouched

    payments = sheet(book, "Paiements")
    assert payments[0] == ["Date", "Montant", "N° facture", "Client", "Mode de règlement",
                           "Référence", "Relevé", "Id opération"]
    rows = {(r[2], r[1]): r for r in payments[1:] if r[0] != ""}
    assert set(rows) == {("FAC2026-001", 480.0), ("FAC2026-003", 500.0),
                         ("FAC2026-004", 845.2), ("FAC2026-005", 154.8)}
    garage = rows[("FAC2026-001", 480.0)]
    assert garage[0] == date(2026, 11, 25) and garage[3] == "Garage Martin"
    assert garage[4] == "Virement" and garage[6] == "releve.csv"
    assert garage[7].startswith("h:")  # a CSV without bank ids: a stable hash
    # the two rows of the grouped credit share its id
    assert rows[("FAC2026-004", 845.2)][7] == rows[("FAC2026-005", 154.8)][7]

    review = sheet(book, "Rapprochement")
    assert review[0][:13] == ["Date", "Montant", "Libellé", "Payeur", "Candidats", "Règle",
                              "Explication", "Valider", "Facture(s)", "Mode", "Référence",
                              "Relevé", "Id opération"]
    assert [r[:3] for r in review[1:]] == [
        [date(2026, 11, 24), 50.0, "VIR SEPA RECU /DE INCONNU /MOTIF DON"]]
    assert review[1][5] == "aucune"
    assert "aucune facture ouverte ne correspond" in review[1][6]

    journal = (tmp_path / ".suivi" / "banque.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["state"] for line in journal] == ["reserved", "confirmed"]
    assert json.loads(journal[1])["newest"] == "2026-11-25"
    assert (tmp_path / "releve.csv").exists()  # a file given to `suivi bank` stays where it is


def test_importing_again_or_an_overlapping_statement_adds_nothing(tmp_path):
    book = write_book(tmp_path)
    first = csv_statement(tmp_path / "releve.csv", MORNING)
    assert invoke(tmp_path, "bank", first).exit_code == 0
    before = sheet(book, "Paiements")

    again = invoke(tmp_path, "bank", first)
    assert again.exit_code == 0
    assert "dont 0 nouveau(x)" in flat(again) and "Rien de nouveau" in flat(again)
    overlap = csv_statement(tmp_path / "releve-2.csv", MORNING[2:] + [
        ("25/11/2026", "VIR SEPA RECU /DE PHARMACIE CENTRALE /MOTIF FAC2026-006", "310,00")])
    result = invoke(tmp_path, "bank", overlap)
    assert "3 crédit(s), dont 1 nouveau(x)" in flat(result)
    after = sheet(book, "Paiements")
    assert after[:len(before)] == before
    assert [r[2] for r in after[len(before):] if r[0] != ""] == ["FAC2026-006"]
    assert invoice_cells(book, "FAC2026-003")["Montant réglé"] == 500  # not twice
    assert len(sheet(book, "Rapprochement")) == 2  # the header and the same single row


def test_a_statement_without_credit_is_not_said_to_be_already_imported(tmp_path):
    """Only debits and a transfer still pending: nothing to reconcile, which is not « already
    imported » (the pending transfer is imported once it is booked)."""
    write_book(tmp_path)
    statement = tmp_path / "en_attente.csv"
    statement.write_text("Date;Libellé;Montant;Statut\n"
                         "24/11/2026;VIR RECU BOULANGERIE DUPRE FAC2026-001;1200,00;En attente\n"
                         "24/11/2026;PRLV URSSAF;-312,00;Exécuté\n", encoding="utf-8")
    out = flat(invoke(tmp_path, "bank", statement))
    assert "0 crédit(s), dont 0 nouveau(x) ; 1 débit(s), 1 autre(s) (en attente" in out
    assert "Aucun crédit à rapprocher dans ces relevés" in out
    assert "Rien de nouveau" not in out


def test_a_malformed_statement_is_refused_and_nothing_is_recorded(tmp_path):
    book = write_book(tmp_path)
    good = csv_statement(tmp_path / "bon.csv", MORNING)
    bad = tmp_path / "abime.csv"
    bad.write_bytes(b"Date;Libell\xe9;Montant\n24/11/2026;VIR RECU;12,50\n32/13/2026;VIR;10,00\n")
    before = book.read_bytes()
    result = invoke(tmp_path, "bank", good, bad)
    assert result.exit_code == 2
    assert "abime.csv, ligne 3 : « 32/13/2026 » n'est pas une date." in flat(result)
    assert book.read_bytes() == before
    assert not (tmp_path / ".suivi" / "banque.jsonl").exists()
    assert not list((tmp_path / ".suivi").glob("sauvegardes/*"))


def test_a_file_that_is_not_a_statement_is_named(tmp_path):
    write_book(tmp_path)
    pdf = tmp_path / "releve.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    result = invoke(tmp_path, "bank", pdf, "--json")
    assert result.exit_code == 2
    data = json.loads(result.output)
    assert "releve.pdf" in data["error"] and data["written"] is False


def test_dry_run_shows_the_decisions_and_writes_nothing(tmp_path):
    book = write_book(tmp_path)
    statement = csv_statement(tmp_path / "releve.csv", MORNING)
    before = book.read_bytes()
    result = invoke(tmp_path, "bank", statement, "--dry-run", "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["written"] is False
    assert {p["invoice"] for p in data["payments"]} == {
        "FAC2026-001", "FAC2026-003", "FAC2026-004", "FAC2026-005"}
    assert [a["rule"] for a in data["applied"]] == ["number", "number", "client_group"]
    assert book.read_bytes() == before
    assert not (tmp_path / ".suivi" / "banque.jsonl").exists()


def test_decisions_of_the_rapprochement_sheet_are_applied_by_the_next_run(tmp_path):
    book = write_book(tmp_path)
    statement = csv_statement(tmp_path / "releve.csv", [
        ("24/11/2026", "REMISE CHEQUE N 4455667", "350,50"),   # Garage Martin's FAC2026-002?
        ("24/11/2026", "VIR SEPA RECU /DE INCONNU /MOTIF REMBOURSEMENT", "75,00"),
        ("24/11/2026", "VIR SEPA RECU /DE PHARMA /MOTIF REGLEMENT", "99,00"),
    ])
    config = "\n[banque]\nmontant_seul = false\n"
    (tmp_path / "suivi.toml").write_text((tmp_path / "suivi.toml").read_text() + config)
    assert invoke(tmp_path, "bank", statement).exit_code == 0
    review = sheet(book, "Rapprochement")
    assert [r[1] for r in review[1:]] == [350.5, 75.0, 99.0]
    assert review[1][4] == "FAC2026-002" and review[1][5] == "montant seul"
    with update_workbook(book) as changes:  # what a person types in Excel
        changes.set_cell("Rapprochement", "H2", "Oui")       # the only candidate
        changes.set_cell("Rapprochement", "H3", "Non")       # not an invoice payment
        changes.set_cell("Rapprochement", "I4", "fac 2026-6")  # chosen, not validated yet
    result = invoke(tmp_path, "run")
    assert result.exit_code in (0, 1), result.output
    assert invoice_cells(book, "FAC2026-002")["Statut"] == "réglée"
    rows = sheet(book, "Rapprochement")
    assert [(r[1], r[7], r[8]) for r in rows[1:]] == [(99.0, "", "fac 2026-6")]
    payments = [r for r in sheet(book, "Paiements")[1:] if r[0] != ""]
    assert [(r[2], r[1], r[5]) for r in payments] == [("FAC2026-002", 350.5, None or "")]

    with update_workbook(book) as changes:
        changes.set_cell("Rapprochement", "H2", "Oui")
    result = invoke(tmp_path, "bank", statement)  # the same statement: nothing new, the decision
    assert "Décisions de la feuille Rapprochement appliquées (1)" in flat(result)
    assert invoice_cells(book, "FAC2026-006")["Montant réglé"] == 99
    assert invoice_cells(book, "FAC2026-006")["Reste dû"] == 211
    assert len(sheet(book, "Rapprochement")) == 1  # only the header is left


def test_an_overpayment_is_recorded_and_shown_by_check(tmp_path):
    book = write_book(tmp_path)
    statement = csv_statement(tmp_path / "releve.csv", [
        ("24/11/2026", "VIR SEPA RECU /DE PHARMACIE CENTRALE /MOTIF FAC2026-006", "400,00")])
    result = invoke(tmp_path, "bank", statement)
    assert "Trop-perçus (1)" in flat(result)
    assert "Trop-perçu de 90,00 € pour Pharmacie Centrale (sur FAC2026-006)" in flat(result)
    cells = invoice_cells(book, "FAC2026-006")
    assert cells["Montant réglé"] == 400 and cells["Reste dû"] == -90
    assert cells["Statut"] == "trop-perçu"
    check = json.loads(invoke(tmp_path, "check", "--json").output)
    found = [i for i in check["issues"] if i["code"] == "trop_percu"]
    assert [(i["cell"], i["severity"], " ".join(i["message"].split())) for i in found] == [
        ("Factures!J7", "warning",
         "Facture FAC2026-006 : réglé 400,00 € pour 310,00 € dû, trop-perçu de 90,00 €.")]


def test_the_workbook_alone_remembers_what_was_imported(tmp_path):
    """Copied without its .suivi/ folder, the workbook still knows its operations (the « Id
    opération » columns of Paiements and Rapprochement)."""
    book = write_book(tmp_path)
    statement = csv_statement(tmp_path / "releve.csv", MORNING)
    assert invoke(tmp_path, "bank", statement).exit_code == 0
    (tmp_path / ".suivi" / "banque.jsonl").unlink()
    before = sheet(book, "Paiements")
    result = invoke(tmp_path, "bank", statement)
    assert "dont 0 nouveau(x)" in flat(result)
    assert sheet(book, "Paiements") == before


def test_the_workbook_may_be_given_last_and_messages_speak_english(tmp_path):
    book = write_book(tmp_path)
    statement = csv_statement(tmp_path / "releve.csv", MORNING[:1])
    other = tmp_path / "ailleurs"
    other.mkdir()
    moved = other / "compta.xlsx"
    book.rename(moved)
    result = CliRunner().invoke(cli, ["bank", str(statement), str(moved), "--date", "2026-11-25",
                                      "--lang", "en"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    text = flat(result)
    assert "releve.csv (csv, account 00050123456789): 1 credit(s), 1 new" in text
    assert "Payments applied (1)" in text
    assert invoice_cells(moved, "FAC2026-001")["Statut"] == "réglée"


def test_a_blocking_problem_stops_the_import(tmp_path):
    book = write_book(tmp_path)
    with update_workbook(book) as changes:  # the number column's header erased
        changes.set_cell("Factures", "A1", None)
    before = book.read_bytes()
    result = invoke(tmp_path, "bank", csv_statement(tmp_path / "releve.csv", MORNING))
    assert result.exit_code == 2
    assert "Factures!A1" in flat(result)
    assert book.read_bytes() == before


def _copy_review_row(book, source: int, target: int, decisions: dict[int, tuple[str, str]]):
    """What a person does in Excel: copy a Rapprochement row below, then decide on each."""
    row = sheet(book, "Rapprochement")[source - 1]
    with update_workbook(book) as changes:
        for index, value in enumerate(row[:13]):
            changes.set_cell("Rapprochement", f"{'ABCDEFGHIJKLM'[index]}{target}",
                             value if value != "" else None)
        for line, (validate, invoices) in decisions.items():
            changes.set_cell("Rapprochement", f"H{line}", validate)
            changes.set_cell("Rapprochement", f"I{line}", invoices)


def _credit_to_review(tmp_path):
    """A workbook whose Rapprochement sheet holds one credit of 99 € (no rule applied it)."""
    book = write_book(tmp_path)
    statement = csv_statement(tmp_path / "releve.csv", [
        ("24/11/2026", "VIR SEPA RECU /DE PHARMA /MOTIF REGLEMENT", "99,00")])
    config = "\n[banque]\nmontant_seul = false\n"
    (tmp_path / "suivi.toml").write_text((tmp_path / "suivi.toml").read_text() + config)
    assert invoke(tmp_path, "bank", statement).exit_code == 0
    return book


def test_a_copied_rapprochement_row_never_applies_one_credit_twice(tmp_path):
    """A row copied in Excel keeps its Id opération: two copies at Oui used to pay the invoice
    twice with one credit (99 € became 198 € paid). Copies that agree apply once; copies
    that disagree apply nothing and say which rows."""
    book = _credit_to_review(tmp_path)
    _copy_review_row(book, 2, 3, {2: ("Oui", "FAC2026-006"), 3: ("oui", "fac2026-006")})
    assert invoke(tmp_path, "run").exit_code in (0, 1)
    assert invoice_cells(book, "FAC2026-006")["Montant réglé"] == 99
    payments = [r for r in sheet(book, "Paiements")[1:] if r[0] != ""]
    assert [(r[2], r[1]) for r in payments] == [("FAC2026-006", 99.0)]
    assert len(sheet(book, "Rapprochement")) == 1


def test_copies_that_disagree_leave_the_operation_waiting(tmp_path):
    book = _credit_to_review(tmp_path)
    _copy_review_row(book, 2, 3, {2: ("Non", ""), 3: ("Oui", "FAC2026-006")})
    result = invoke(tmp_path, "run")
    assert "Rapprochement, ligne 3 : même opération que la ligne 2" in flat(result)
    assert invoice_cells(book, "FAC2026-006")["Montant réglé"] in ("", None, 0)
    assert {r[1] for r in sheet(book, "Rapprochement")[1:]} == {99.0}  # still to decide
    assert [r for r in sheet(book, "Paiements")[1:] if r[0] != ""] == []


def test_a_credit_for_an_invoice_number_on_two_rows_waits_for_review(tmp_path):
    """FAC2026-001's row was copied in Excel: the credit naming it used to be applied to the
    copy, leaving the first row unpaid (and dunned). It now waits in Rapprochement, and a
    person's Oui there is refused until the duplicate is fixed."""
    rows = [*ROWS, ROWS[0]]
    book = write_book(tmp_path, rows)
    statement = csv_statement(tmp_path / "releve.csv", [
        ("25/11/2026", "VIR SEPA RECU /DE GARAGE MARTIN /MOTIF FAC2026-001", "480,00")])
    result = invoke(tmp_path, "bank", statement)
    assert "FAC2026-001 figure sur plusieurs lignes des factures" in flat(result)
    assert [r for r in sheet(book, "Paiements")[1:] if r[0] != ""] == []
    review = sheet(book, "Rapprochement")
    assert [(r[1], r[4]) for r in review[1:]] == [(480.0, "FAC2026-001")]
    with update_workbook(book) as changes:
        changes.set_cell("Rapprochement", "H2", "Oui")
    again = invoke(tmp_path, "run")
    assert "FAC2026-001 figure sur plusieurs lignes des factures (numéro en double)" in flat(again)
    assert [r for r in sheet(book, "Paiements")[1:] if r[0] != ""] == []
