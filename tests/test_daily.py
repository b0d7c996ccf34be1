"""The daily job end to end, through the CLI, as a user meets it: the demo, invoices, reminders
and sending to a real SMTP server, with the workbook read back after each step."""

from __future__ import annotations

import email
import email.policy
import json
import shutil
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from python_calamine import CalamineWorkbook
from test_mail_helpers import Server, smtp_config

from suivi.cli import cli
from suivi.core.models import ClientType
from suivi.demo import demo_identity
from suivi.workbook.read import read_master
from suivi.workbook.template import MasterData, build_master

TODAY = "2026-11-25"  # a Wednesday


def invoke(*args, env=None):
    result = CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)
    return result


def emls(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.eml") if not p.name.endswith(".envoye.eml"))


# --------------------------------------------------------------------------- the demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo") / "demo"
    result = invoke("demo", folder, "--date", TODAY)
    assert result.exit_code == 0, result.output
    return folder, result.output


def test_demo_data_is_realistic(demo):
    folder, output = demo
    master = read_master(folder / "suivi_factures.xlsx")
    numbered = [i for i in master.invoices if i.number]
    assert len(numbered) >= 150
    dates = [i.issue_date for i in numbered]
    assert (max(dates) - min(dates)).days >= 500  # about 18 months
    types = Counter(c.type for c in master.clients.values())
    assert len(master.clients) >= 20 and set(types) == set(ClientType)
    assert any(Decimal(0) < i.amount_paid < i.total for i in master.invoices)  # partial payments
    assert any(i.dispute for i in master.invoices)
    assert "Démonstration prête" in output and str(folder.resolve()) in output


def test_demo_produces_valid_factur_x_invoices(demo):
    folder, _ = demo
    pdfs = sorted((folder / "factures").rglob("*.pdf"))
    assert len(pdfs) >= 10
    from suivi.documents.validate import errors, validate_xml

    for pdf_path in pdfs[:3]:
        with pikepdf.open(pdf_path) as pdf:
            xml = pdf.attachments["factur-x.xml"].get_file().read_bytes()
            assert b"pdfaid" in pdf.Root.Metadata.read_bytes()
        assert errors(validate_xml(xml)) == []


def test_demo_drafts_every_step_with_pdfs_and_journal(demo):
    folder, _ = demo
    drafts = emls(folder / "relances")
    assert len(drafts) >= 5
    subjects = []
    with_pdf = 0
    for path in drafts:
        msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert msg["To"] and msg["Subject"] and msg["X-Unsent"] == "1"
        subjects.append(str(msg["Subject"]))
        with_pdf += any(p.get_content_type() == "application/pdf" for p in msg.iter_attachments())
    assert with_pdf >= 1
    text = " ".join(subjects).casefold()
    assert "mise en demeure" in text and "relance" in text
    assert list((folder / "relances").rglob("*lettre.pdf")), "formal notice letters to post"
    rows = (
        CalamineWorkbook.from_path(str(folder / "suivi_factures.xlsx"))
        .get_sheet_by_name("Journal")
        .to_python()
    )
    assert len(rows) > 20 and any("Mise en demeure" in str(r) for r in rows)


def test_demo_leaves_a_filled_indicators_sheet(demo):
    folder, _ = demo
    wb = CalamineWorkbook.from_path(str(folder / "suivi_factures.xlsx"))
    assert {"Indicateurs", "Historique indicateurs"} <= set(wb.sheet_names)
    cells = [str(v) for row in wb.get_sheet_by_name("Indicateurs").to_python() for v in row]
    assert "Encours total" in cells and any("DSO" in c for c in cells)
    history = wb.get_sheet_by_name("Historique indicateurs").to_python()
    assert len(history) == 2  # header + today's row


def test_second_run_the_same_day_sends_and_drafts_nothing(demo, tmp_path):
    folder, _ = demo
    copy = tmp_path / "again"
    shutil.copytree(folder, copy)
    before = emls(copy / "relances")
    journal = (copy / ".suivi" / "journal.jsonl").read_text(encoding="utf-8")
    result = invoke("run", "--config", copy / "suivi.toml", "--date", TODAY)
    assert result.exit_code == 0, result.output
    assert emls(copy / "relances") == before
    events = [
        json.loads(line)["type"]
        for line in (copy / ".suivi" / "journal.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert "draft" not in events[len(journal.splitlines()) :]
    rows = read_master(copy / "suivi_factures.xlsx").journal
    assert len(rows) == len(read_master(folder / "suivi_factures.xlsx").journal)


# --------------------------------------------------------------------------- invoices


def seller_config(folder: Path, *, siren: bool = True, smtp: dict | None = None) -> Path:
    ident = demo_identity()
    lines = [
        "[classeur]",
        'fichier = "suivi_factures.xlsx"',
        "",
        "[vendeur]",
        'nom = "Atelier Dupré SARL"',
        'adresse = ["12 rue des Lilas"]',
        'code_postal = "69001"',
        'ville = "Lyon"',
        f'siren = "{ident["siren"] if siren else ""}"',
        f'siret = "{ident["siret"] if siren else ""}"',
        f'tva = "{ident["tva"]}"',
        'rcs = "RCS Lyon"',
        'email = "compta@atelier-dupre.example"',
        'iban = "FR7630006000011234567890189"',
        'bic = "AGRIFRPP"',
        "",
    ]
    if smtp:
        lines.append("[smtp]")
        for key, value in smtp.items():
            lines.append(f"{key} = {json.dumps(value)}")
    path = folder / "suivi.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def book_with_rows(folder: Path, rows: list[list], clients: list[list] | None = None) -> Path:
    data = MasterData()
    data.clients = clients or [
        [
            "Alpha SARL",
            "Société",
            "732829320",
            "FR44732829320",
            "1 rue A, 69001 Lyon",
            None,
            "compta@alpha.example",
            "04 00 00 00 00",
            "30 jours",
            None,
            "fr",
            "Oui",
            None,
        ]
    ]
    data.invoices = [r + [None] * (24 - len(r)) for r in rows]
    path = folder / "suivi_factures.xlsx"
    build_master(path, data)
    return path


def test_invoices_numbers_renders_writes_back_and_is_idempotent(tmp_path):
    book = book_with_rows(
        tmp_path,
        [
            [
                "FAC2026-001",
                date(2026, 11, 2),
                "Alpha SARL",
                "Audit",
                1000,
                200,
                1200,
                "30 jours",
                date(2026, 12, 2),
                1200,
                date(2026, 11, 20),
                None,
                "réglée",
            ],
            [
                None,
                None,
                "Alpha SARL",
                "Formation des équipes",
                500,
                100,
                600,
                "30 jours",
                None,
                None,
                None,
                None,
                "à émettre",
            ],
        ],
    )
    config = seller_config(tmp_path)
    before = book.read_bytes()
    dry = invoke("invoices", "--config", config, "--date", TODAY, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert book.read_bytes() == before and not (tmp_path / "factures").exists()

    result = invoke("invoices", "--config", config, "--date", TODAY, "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["numbered"] == ["FAC2026-002"]
    assert summary["invoices"]["rendered"] == ["FAC2026-002"]
    pdf = tmp_path / "factures" / "2026" / "FAC2026-002.pdf"
    assert pdf.is_file()
    new = read_master(book).invoices[1]
    assert new.number == "FAC2026-002" and new.issue_date == date(2026, 11, 25)
    assert new.due_date == date(2026, 12, 25)
    assert new.status_text == "émise" and new.pdf_file == "factures/2026/FAC2026-002.pdf"

    stamp = pdf.stat().st_mtime_ns
    again = invoke("invoices", "--config", config, "--date", TODAY)
    assert again.exit_code == 0, again.output
    assert "Aucune facture à produire" in again.output
    assert pdf.stat().st_mtime_ns == stamp


def test_an_invoice_that_fails_validation_gets_no_pdf_and_names_the_rule(tmp_path):
    book_with_rows(
        tmp_path,
        [
            [
                None,
                None,
                "Alpha SARL",
                "Conseil",
                100,
                20,
                120,
                "30 jours",
                None,
                None,
                None,
                None,
                "à émettre",
            ]
        ],
    )
    config = seller_config(tmp_path, siren=False)
    result = invoke("invoices", "--config", config, "--date", TODAY)
    assert result.exit_code == 1, result.output
    out = " ".join(result.output.split())
    # said once for the run, at the setting to fill in, with the rules
    assert "suivi.toml" in out and "1 facture(s) sans PDF (FAC2026-001)" in out, out
    assert "le SIREN du vendeur manque" in out and "BR-FR-10_BT-30" in out
    assert 'siren = "…"' in out and "Aucune facture à produire" not in out
    assert not list(tmp_path.rglob("*.pdf"))


# --------------------------------------------------------------------------- reminders


def overdue_book(folder: Path) -> Path:
    return book_with_rows(
        folder,
        [
            [
                "FAC2026-001",
                date(2026, 10, 1),
                "Alpha SARL",
                "Audit",
                1000,
                200,
                1200,
                "30 jours",
                date(2026, 10, 31),
            ],
            [
                "FAC2026-002",
                date(2026, 10, 5),
                "Beta SAS",
                "Conseil",
                100,
                20,
                120,
                "30 jours",
                date(2026, 11, 4),
            ],
        ],
        clients=[
            [
                "Alpha SARL",
                "Société",
                "732829320",
                None,
                "1 rue A, 69001 Lyon",
                None,
                "compta@alpha.example",
                "04 00 00 00 00",
                "30 jours",
                None,
                "fr",
                "Oui",
                None,
            ],
            [
                "Beta SAS",
                "Société",
                "732829320",
                None,
                "2 rue B, 69002 Lyon",
                None,
                "Jean Bêta <jean@beta.example>",
                "04 00 00 00 01",
                "30 jours",
                None,
                "fr",
                "Oui",
                None,
            ],
        ],
    )


def approve_all(book: Path) -> None:
    """The team types Oui in every « Envoyer » cell of the review sheet, in Excel."""
    from suivi.workbook import update_workbook

    rows = CalamineWorkbook.from_path(str(book)).get_sheet_by_name("Relances à envoyer")
    count = sum(1 for row in rows.to_python()[3:] if row and row[9])
    with update_workbook(book) as changes:
        for row in range(4, 4 + count):
            changes.set_cell("Relances à envoyer", f"G{row}", "Oui")


def test_remind_then_send_to_a_real_smtp_server_exactly_once(tmp_path):
    overdue_book(tmp_path)
    with Server() as server:
        config = seller_config(tmp_path, smtp=smtp_config(server))
        env = {"SUIVI_SMTP_PASSWORD": "secret-qui-ne-doit-pas-fuiter"}
        result = invoke("remind", "--config", config, "--date", TODAY, env=env)
        assert result.exit_code == 0, result.output
        drafts = emls(tmp_path / "relances")
        assert len(drafts) == 2 and not server.received  # drafts only, nothing sent
        approve_all(tmp_path / "suivi_factures.xlsx")  # « Envoyer » = Oui on both rows

        sent = invoke("send", "--config", config, "--date", TODAY, env=env)
        assert sent.exit_code == 0, sent.output
        assert len(server.received) == 2
        recipients = sorted(r for m in server.received for r in m.rcpt_tos)
        assert recipients == ["compta@alpha.example", "jean@beta.example"]
        subject = str(server.received[0].message["Subject"])
        assert "FAC2026-00" in subject

        again = invoke("send", "--config", config, "--date", TODAY, env=env)
        assert again.exit_code == 0 and len(server.received) == 2
        rerun = invoke("run", "--config", config, "--date", TODAY, env=env)
        assert rerun.exit_code == 0 and len(server.received) == 2
        assert emls(tmp_path / "relances") == drafts
    master = read_master(tmp_path / "suivi_factures.xlsx")
    assert {i.reminder_step for i in master.invoices} == {2}
    assert any(e.result and "envoy" in e.result for e in master.journal)
    for path in tmp_path.rglob("*"):
        if path.is_file() and path.suffix in (".jsonl", ".log", ".toml", ".eml", ".csv", ".txt"):
            assert "secret-qui-ne-doit-pas-fuiter" not in path.read_text(
                encoding="utf-8", errors="ignore"
            )


def _drafted_then_paid(tmp_path, server, paid: str) -> tuple[Path, dict[str, str]]:
    """Reminders drafted for Alpha (1 200 €) and Beta, then Alpha's payment of `paid` recorded
    in Excel before sending; returns the config and the environment for the next commands."""
    from suivi.workbook import update_workbook

    book = overdue_book(tmp_path)
    config = seller_config(tmp_path, smtp=smtp_config(server))
    env = {"SUIVI_SMTP_PASSWORD": "x"}
    assert invoke("remind", "--config", config, "--date", TODAY, env=env).exit_code == 0
    with update_workbook(book) as changes:
        changes.set_cell("Factures", "J2", Decimal(paid))
        changes.set_cell("Factures", "K2", date(2026, 11, 25))
    return config, env


def test_a_draft_whose_invoice_was_paid_since_is_never_sent(tmp_path):
    with Server() as server:
        config, env = _drafted_then_paid(tmp_path, server, "1200")
        result = invoke("send", "--tous", "--config", config, "--date", TODAY, env=env)
        assert result.exit_code in (0, 1), result.output
        assert [r for m in server.received for r in m.rcpt_tos] == ["jean@beta.example"]


def test_a_draft_whose_amount_went_stale_is_not_sent_and_is_drafted_again(tmp_path):
    """Alpha pays 1 000 € of 1 200 € after the draft was made: sending it would claim 1 200 €.
    It is cancelled instead, its step is not counted as done, and the next run the same day
    drafts it again with the 200 € that remain — that one goes out."""
    with Server() as server:
        config, env = _drafted_then_paid(tmp_path, server, "1000")
        first = invoke("send", "--tous", "--config", config, "--date", TODAY, env=env)
        assert [r for m in server.received for r in m.rcpt_tos] == ["jean@beta.example"]
        assert ("reste dû 200,00 € au lieu de 1 200,00 € dans le brouillon"
                in " ".join(first.output.replace("\u202f", " ").replace("\xa0", " ").split()))
        assert invoke("remind", "--config", config, "--date", TODAY, env=env).exit_code == 0
        again = invoke("send", "--tous", "--config", config, "--date", TODAY, env=env)
        assert again.exit_code == 0, again.output
        alpha = [m for m in server.received if m.rcpt_tos == ["compta@alpha.example"]]
        assert len(alpha) == 1
        body = alpha[0].message.get_body(preferencelist=("plain",)).get_content()
        totals = [line for line in body.splitlines() if line.startswith("Total restant dû")]
        assert totals == ["Total restant dû : 200,00\xa0€"], totals


def test_a_payment_typed_with_another_spelling_of_the_number_stops_the_reminders(tmp_path):
    """« fac 2026-1 » in Paiements is FAC2026-001: the invoice is paid, nobody is reminded;
    a number that is no invoice at all is named at its cell."""
    from suivi.workbook import update_workbook

    book = overdue_book(tmp_path)
    with update_workbook(book) as changes:
        for row, (number, amount) in enumerate((("fac 2026-1", "1200"), ("FAC2025-999", "99")),
                                               start=2):
            changes.set_cell("Paiements", f"A{row}", date(2026, 11, 20))
            changes.set_cell("Paiements", f"B{row}", Decimal(amount))
            changes.set_cell("Paiements", f"C{row}", number)
    config = seller_config(tmp_path)
    result = invoke("remind", "--config", config, "--date", TODAY)
    said = " ".join(result.output.split())
    assert "Alpha" not in said.split("Relances du")[-1], said
    assert "Paiements!C3" in said and "« FAC2025-999 », qui n'existe pas" in said, said
    drafted = [p.name for p in (tmp_path / "relances").rglob("*.eml")]
    assert drafted and not [name for name in drafted if "alpha" in name], drafted


def test_a_draft_is_not_sent_when_a_copied_row_of_its_invoice_says_paid(tmp_path):
    """The team copied Alpha's row and recorded the payment on the copy: which row is right is
    unknown, so the reminder drafted before does not go, and no new one is drafted until the
    duplicate number is fixed (the first row alone would say « en retard »)."""
    from suivi.workbook import update_workbook

    book = overdue_book(tmp_path)
    with Server() as server:
        config = seller_config(tmp_path, smtp=smtp_config(server))
        env = {"SUIVI_SMTP_PASSWORD": "x"}
        assert invoke("remind", "--config", config, "--date", TODAY, env=env).exit_code == 0
        with update_workbook(book) as changes:  # row 2 copied to row 4, paid there
            for column, value in zip("ABCDEFGHI", ["FAC2026-001", date(2026, 10, 1),
                                                   "Alpha SARL", "Audit", 1000, 200, 1200,
                                                   "30 jours", date(2026, 10, 31)]):
                changes.set_cell("Factures", f"{column}4", value)
            changes.set_cell("Factures", "J4", Decimal("1200"))
            changes.set_cell("Factures", "K4", date(2026, 11, 25))
        result = invoke("send", "--tous", "--config", config, "--date", TODAY, env=env)
        assert [r for m in server.received for r in m.rcpt_tos] == ["jean@beta.example"]
        again = invoke("remind", "--config", config, "--date", "2026-12-02", env=env)
    said = " ".join((result.output + again.output).split())
    assert "le numéro FAC2026-001 figure sur plusieurs lignes des factures" in said, said
    assert not [p for p in (tmp_path / "relances").rglob("*.eml")
                if "2026-12-02" in str(p) and "FAC2026-001" in p.read_text(errors="replace")]


#: What the team may type in Excel between `suivi remind` and `suivi send` that holds Alpha's
#: reminder (row 2, 1 200 €) without paying it: each is held by `suivi remind` as well.
HOLDS_SINCE_THE_DRAFT = {
    # paid in full, or its amount forgotten: not known
    "date_without_amount": ({"K2": date(2026, 11, 25)}, "réglée en totalité, ou montant"),
    # a credit note for Alpha that quotes no invoice: what Alpha owes is not known
    "credit_note": ({"A4": "AV2026-001", "B4": date(2026, 11, 20), "C4": "Alpha SARL",
                     "D4": "Remise", "E4": -500, "F4": -100, "G4": -600, "Y4": "Avoir"},
                    "avoir qui ne cite aucune facture"),
    # the invoice turns out to be in dollars: a reminder would claim euros
    "currency": ({"G2": "1 200,00 USD"}, "devise"),
    # Alpha phoned: it will pay on 10 December (« Promesse de paiement »)
    "promise": ({"V2": date(2026, 12, 10)}, "promesse de paiement"),
    # the team stopped reminders for Alpha (Clients, « Relances : Non »)
    "opted_out": ({"Clients!L2": "Non"}, "relances désactivées"),
    # the team wrote in the Statut not to remind Alpha's invoice
    "statut_no_reminder": ({"M2": "Ne pas relancer (accord du gérant)"}, "ne pas relancer"),
    # Alpha is under insolvency proceedings: the debt is declared, not claimed from Alpha
    "statut_insolvency": ({"M2": "Redressement judiciaire"}, "litige"),
    # 300 € from Alpha in Paiements, saying no invoice: which one it pays is not known
    "payment_by_client": ({"Paiements!A2": date(2026, 11, 20), "Paiements!B2": 300,
                           "Paiements!D2": "Alpha SARL"}, "règlement qui ne dit pas"),
}


def drafted_changed_sent(folder: Path, server: Server, cells: dict):
    """Alpha's and Beta's reminders drafted, then `cells` typed in the workbook, then `suivi
    send --tous`: only Beta's goes. Returns the config, the environment and the send's result."""
    from suivi.workbook import update_workbook

    book = overdue_book(folder)
    config = seller_config(folder, smtp=smtp_config(server))
    env = {"SUIVI_SMTP_PASSWORD": "x"}
    assert invoke("remind", "--config", config, "--date", TODAY, env=env).exit_code == 0
    with update_workbook(book) as changes:
        for ref, value in cells.items():
            sheet, _, cell = ref.rpartition("!")
            changes.set_cell(sheet or "Factures", cell, value)
    result = invoke("send", "--tous", "--config", config, "--date", TODAY, env=env)
    assert [r for m in server.received for r in m.rcpt_tos] == ["jean@beta.example"], \
        result.output
    return config, env, result


@pytest.mark.parametrize("case", sorted(HOLDS_SINCE_THE_DRAFT))
def test_a_draft_is_not_sent_when_its_invoice_is_held_since(tmp_path, case):
    """`suivi send` holds what `suivi remind` holds: a draft made yesterday does not go when
    the workbook now says its invoice must wait (a payment date without its amount, a credit
    note for the client quoting no invoice, another currency, a payment promise, the client's
    reminders turned off, a Statut saying not to remind or naming insolvency proceedings).
    Beta's goes."""
    cells, reason = HOLDS_SINCE_THE_DRAFT[case]
    with Server() as server:
        config, env, result = drafted_changed_sent(tmp_path, server, cells)
        again = invoke("remind", "--config", config, "--date", "2026-12-02", env=env)
    said = " ".join(result.output.split())
    assert "FAC2026-001" in said and reason in said.lower(), said
    assert not [p for p in (tmp_path / "relances").rglob("*.eml")
                if "2026-12-02" in str(p) and "FAC2026-001" in p.read_text(errors="replace")], \
        again.output


def test_a_draft_is_not_sent_to_an_address_the_team_has_since_mended(tmp_path):
    """Alpha's address was wrong; the team mended it in Clients after the draft: `suivi send`
    sent yesterday's draft to the old address all the same. It is cancelled, said, and drafted
    again to the new address, which the next `send` uses. Beta's goes."""
    with Server() as server:
        config, env, result = drafted_changed_sent(
            tmp_path, server, {"Clients!G2": "factures@alpha.example"})
        said = " ".join(result.output.split())
        assert "compta@alpha.example → factures@alpha.example" in said, said
        invoke("remind", "--config", config, "--date", "2026-12-02", env=env)
        invoke("send", "--tous", "--config", config, "--date", "2026-12-02", env=env)
        to_alpha = [r for m in server.received for r in m.rcpt_tos if "alpha" in r]
        assert to_alpha == ["factures@alpha.example"]


def test_a_draft_is_not_sent_to_an_address_the_team_has_since_removed(tmp_path):
    """Alpha's address bounced and the team emptied the cell: yesterday's draft still went to
    it. It is cancelled, and said."""
    with Server() as server:
        _, _, result = drafted_changed_sent(tmp_path, server, {"Clients!G2": ""})
    said = " ".join(result.output.split())
    assert "Alpha SARL n'a plus d'adresse e-mail valide dans le classeur" in said, said


def two_invoice_book(folder: Path) -> Path:
    """`overdue_book` with a second overdue invoice for Alpha (FAC2026-003, 600 €, row 4):
    Alpha's reminder is one message listing both."""
    from suivi.workbook import update_workbook

    book = overdue_book(folder)
    with update_workbook(book) as changes:
        for column, value in zip("ABCDEFGHI", ["FAC2026-003", date(2026, 10, 1), "Alpha SARL",
                                               "Formation", 500, 100, 600, "30 jours",
                                               date(2026, 10, 31)]):
            changes.set_cell("Factures", f"{column}4", value)
    return book


def _alpha_messages(server) -> list[str]:
    return [m.message.get_body(preferencelist=("plain",)).get_content()
            for m in server.received if m.rcpt_tos == ["compta@alpha.example"]]


def test_a_message_cancelled_because_one_invoice_was_paid_reminds_the_others_again(tmp_path):
    """Alpha's reminder lists FAC2026-001 and FAC2026-003; 001 is paid before it is sent. The
    message is cancelled (it would claim 001), and 003, which nobody reminded, is drafted again
    at the same step — not counted as reminded, which would take it to the next step (a
    formal notice without the reminder before it)."""
    from suivi.workbook import update_workbook

    book = two_invoice_book(tmp_path)
    with Server() as server:
        config = seller_config(tmp_path, smtp=smtp_config(server))
        env = {"SUIVI_SMTP_PASSWORD": "x"}
        assert invoke("remind", "--config", config, "--date", TODAY, env=env).exit_code == 0
        steps = {i.number: i.reminder_step for i in read_master(book).invoices}
        with update_workbook(book) as changes:
            changes.set_cell("Factures", "J2", Decimal("1200"))
            changes.set_cell("Factures", "K2", date(2026, 11, 25))
        first = invoke("send", "--tous", "--config", config, "--date", TODAY, env=env)
        assert first.exit_code in (0, 1), first.output
        assert not _alpha_messages(server)  # cancelled: it claimed the paid invoice
        assert "facture FAC2026-001 réglée" in " ".join(first.output.split())
        levels = {i.number: i.reminder_step for i in read_master(book).invoices}
        assert levels["FAC2026-003"] == 0, levels  # not reminded: the level goes back
        assert invoke("remind", "--config", config, "--date", TODAY, env=env).exit_code == 0
        again = invoke("send", "--tous", "--config", config, "--date", TODAY, env=env)
        assert again.exit_code == 0, again.output
        bodies = _alpha_messages(server)
    assert len(bodies) == 1, bodies
    assert "FAC2026-003" in bodies[0] and "FAC2026-001" not in bodies[0], bodies[0]
    final = {i.number: i.reminder_step for i in read_master(book).invoices}
    assert final["FAC2026-003"] == steps["FAC2026-003"] == steps["FAC2026-002"], (steps, final)


def test_a_duplicated_number_is_left_out_of_reminders_and_the_clients_others_go(tmp_path):
    """FAC2026-001's row was copied and the payment typed on the copy: which row is right is
    unknown, so 001 is not reminded (the summary says why, naming the number) — but Alpha's
    other overdue invoice is, instead of the whole message waiting for the fix."""
    from suivi.workbook import update_workbook

    book = two_invoice_book(tmp_path)
    with update_workbook(book) as changes:  # row 2 copied to row 5, paid there
        for column, value in zip("ABCDEFGHI", ["FAC2026-001", date(2026, 10, 1), "Alpha SARL",
                                               "Audit", 1000, 200, 1200, "30 jours",
                                               date(2026, 10, 31)]):
            changes.set_cell("Factures", f"{column}5", value)
        changes.set_cell("Factures", "J5", Decimal("1200"))
        changes.set_cell("Factures", "K5", date(2026, 11, 20))
    with Server() as server:
        config = seller_config(tmp_path, smtp=smtp_config(server))
        env = {"SUIVI_SMTP_PASSWORD": "x"}
        result = invoke("remind", "--config", config, "--date", TODAY, env=env)
        said = " ".join(result.output.split())
        sent = invoke("send", "--tous", "--config", config, "--date", TODAY, env=env)
        assert sent.exit_code == 1, sent.output  # the duplicate stands: an error to fix
        bodies = _alpha_messages(server)
    assert "FAC2026-001" in said and "plusieurs lignes" in said, said
    assert len(bodies) == 1, (said, bodies)
    assert "FAC2026-003" in bodies[0] and "FAC2026-001" not in bodies[0], bodies[0]
    levels = {(i.number, i.row): i.reminder_step for i in read_master(book).invoices}
    assert levels[("FAC2026-001", 2)] == levels[("FAC2026-001", 5)] == 0, levels


def test_contracts_bill_the_period_once_and_templates_follow_the_client(tmp_path):
    data = MasterData()
    data.clients = [
        [
            "Alpha SARL",
            "Société",
            "732829320",
            "FR44732829320",
            "1 rue A, 69001 Lyon",
            None,
            "compta@alpha.example",
            "04 00 00 00 00",
            "30 jours",
            None,
            "fr",
            "Oui",
            "classique",
        ]
    ]
    data.invoices = [
        [
            "FAC2026-001",
            date(2026, 11, 2),
            "Alpha SARL",
            "Audit",
            1000,
            200,
            1200,
            "30 jours",
            date(2026, 12, 2),
        ]
        + [None] * 15
    ]
    data.contracts = [
        [
            "Alpha SARL",
            "Maintenance",
            450,
            20,
            "mensuelle",
            date(2026, 1, 1),
            date(2026, 12, 31),
            None,
            "2026-10",
        ]
    ]
    build_master(tmp_path / "suivi_factures.xlsx", data)
    config = seller_config(tmp_path)
    first = invoke("invoices", "--config", config, "--date", TODAY, "--json")
    assert first.exit_code == 0, first.output
    assert json.loads(first.output)["numbered"] == ["FAC2026-002"]
    master = read_master(tmp_path / "suivi_factures.xlsx")
    new = next(i for i in master.invoices if i.number == "FAC2026-002")
    assert new.description == "Maintenance – période 2026-11"
    assert new.amount_ht == Decimal("450") and new.amount_ttc == Decimal("540")
    contracts = (
        CalamineWorkbook.from_path(str(tmp_path / "suivi_factures.xlsx"))
        .get_sheet_by_name("Contrats")
        .to_python()
    )
    assert contracts[1][8] == "2026-11"
    second = invoke("invoices", "--config", config, "--date", TODAY, "--json")
    assert json.loads(second.output)["numbered"] == []
    # the client's "Modèle" column picks the serif template
    pdf = tmp_path / "factures" / "2026" / "FAC2026-002.pdf"
    with pikepdf.open(pdf) as doc:
        fonts = {
            str(f.get("/BaseFont")) for page in doc.pages for f in page.Resources.Font.values()
        }
    assert any("Serif" in name for name in fonts), fonts
