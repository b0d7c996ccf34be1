"""Drafts mode end to end (no SMTP): idempotent re-runs, review list, supersede, tasks,
collection export, digest, dry run, write-back as data."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from email import message_from_bytes
from email import policy as email_policy

import pytest
from test_mail_helpers import (  # noqa: F401
    TODAY,
    apply,
    client,
    demo_book,
    digest_text,
    invoice,
    line,
    mark_synced,
    master,
    resolve_unverified,
    run_reminders,
    seller,
    send_drafts,
    settings,
    write_pdf,
)

from suivi.core.models import ClientType, JournalEntry
from suivi.mail.journal import SUPERSEDED, load_state
from suivi.mail.updates import FIELDS, new_rows
from suivi.messages import text


def test_second_run_the_same_day_adds_no_draft(tmp_path):
    book = demo_book(tmp_path, count=3)
    _, first = run_reminders(book, seller(), settings(), tmp_path, TODAY)
    assert len(first.drafted) == 3
    before = sorted(p.name for p in tmp_path.rglob("*.eml"))
    book = apply(book, first)
    mark_synced(tmp_path, first)
    _, second = run_reminders(book, seller(), settings(), tmp_path, TODAY)
    assert sorted(p.name for p in tmp_path.rglob("*.eml")) == before
    assert second.drafted == () and second.journal_rows == ()
    assert len(first.digest.drafted) == 3 and second.digest.drafted == ()
    assert len(second.digest.pending) == 3  # still waiting for `suivi send`


def test_second_run_without_write_back_still_adds_no_draft(tmp_path):
    book = demo_book(tmp_path, count=2)
    run_reminders(book, seller(), settings(), tmp_path, TODAY)
    _, second = run_reminders(book, seller(), settings(), tmp_path, TODAY)
    assert len(list(tmp_path.rglob("*.eml"))) == 2
    assert second.drafted == ()
    assert {u.field for u in second.updates} >= {"reminder_step", "last_action"}


def test_write_back_is_data_with_the_agreed_field_names(tmp_path):
    book = demo_book(tmp_path, count=1)
    _, outcome = run_reminders(book, seller(), settings(), tmp_path, TODAY)
    assert {u.field for u in outcome.updates} <= set(FIELDS)
    values = {u.field: u.value for u in outcome.updates if u.row == 2}
    ident = outcome.drafted[0]
    assert values == {
        "reminder_step": 2,
        "last_action": f"Relance 1 : brouillon à valider ({ident})",
        "last_action_date": TODAY,
        "next_action": "Relance 2",
        "next_action_date": date(2026, 12, 1),
    }
    row = outcome.journal_rows[0]
    assert row == JournalEntry(
        TODAY,
        ("F2026-0000",),
        "Société Générale d'Été 0",
        "Relance 1",
        "email",
        "client0@exemple.fr",
        "brouillon",
        f"relances/2026-11-25/{ident}.eml",
    )
    assert outcome.sync_keys and outcome.return_code == 0


def test_review_list_is_excel_friendly(tmp_path):
    book = demo_book(tmp_path, count=2)
    _, outcome = run_reminders(book, seller(), settings(), tmp_path, TODAY)
    raw = (tmp_path / "relances" / "2026-11-25" / "brouillons.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Identifiant",
        "Client",
        "Destinataire",
        "Étape",
        "Factures",
        "Montant dû",
        "État",
        "Fichier",
        "Remarque",
    ]
    assert sorted(r[0] for r in rows[1:]) == sorted(outcome.drafted)
    assert rows[1][3] == "Relance 1" and rows[1][5] == "1\u202f200,00\u00a0€"
    page = (tmp_path / "relances" / "2026-11-25" / "brouillons.html").read_text("utf-8")
    assert "Société Générale d&#x27;Été 0" in page
    todo = (tmp_path / "relances" / "2026-11-25" / "a_faire.txt").read_text("utf-8")
    assert "Brouillons préparés" in todo


def test_dry_run_writes_nothing_but_tells_everything(tmp_path):
    book = demo_book(tmp_path, count=2)
    _, outcome = run_reminders(book, seller(), settings(), tmp_path, TODAY, dry_run=True)
    assert not (tmp_path / "relances").exists() and not (tmp_path / ".suivi").exists()
    assert len(outcome.drafted) == 2 and outcome.dry_run
    assert "simulation" in digest_text(outcome)
    assert any(u.field == "reminder_step" for u in outcome.updates)
    mark_synced(tmp_path, outcome)
    assert not (tmp_path / ".suivi").exists()


def test_unsent_draft_is_superseded_by_the_next_step(tmp_path):
    book = master([invoice(2, "F1", "Dupont", "500", date(2026, 11, 24))], [client("Dupont")])
    _, first = run_reminders(book, seller(), settings(), tmp_path, TODAY)
    book = apply(book, first)
    mark_synced(tmp_path, first)
    later = date(2026, 12, 1)
    _, second = run_reminders(book, seller(), settings(), tmp_path, later)
    assert len(second.drafted) == 1 and second.drafted[0].startswith("20261201-dupont-relance2")
    state = load_state(tmp_path)
    assert state.messages[first.drafted[0]].status == SUPERSEDED
    # `send` would only send the newest one
    pending = [m.id for m in state.messages.values() if m.pending]
    assert pending == list(second.drafted)
    # the replaced draft can no longer be opened and sent by hand; the new one can
    names = sorted(p.name for p in tmp_path.rglob("*") if p.suffix in (".eml", ".txt"))
    assert f"{first.drafted[0]}.annule.txt" in names and f"{first.drafted[0]}.eml" not in names
    assert f"{second.drafted[0]}.eml" in names
    refused = send_drafts(
        tmp_path, apply(book, second), settings(), later, select=[first.drafted[0]]
    )
    assert "remplacé par" in text(refused.issues[0], "fr")


def test_a_new_draft_replaces_only_its_own_clients_drafts(tmp_path):
    """Dupont's second reminder replaces Dupont's first draft; Martin, with nothing new to
    say, keeps his first draft pending, its .eml intact (one lookup per client, not a walk
    through the whole journal for every draft)."""
    book = master([invoice(2, "F1", "Dupont", "500", date(2026, 11, 23)),
                   invoice(3, "F2", "Martin", "700", date(2026, 11, 24))],
                  [client("Dupont"), client("Martin")])
    _, first = run_reminders(book, seller(), settings(), tmp_path, TODAY)
    assert len(first.drafted) == 2
    dupont_1, martin_1 = sorted(first.drafted)
    book = apply(book, first)
    mark_synced(tmp_path, first)
    _, second = run_reminders(book, seller(), settings(), tmp_path, date(2026, 11, 30))
    assert len(second.drafted) == 1 and second.drafted[0].startswith("20261130-dupont-relance2")
    state = load_state(tmp_path)
    assert state.messages[dupont_1].status == SUPERSEDED
    assert state.messages[dupont_1].superseded_by == second.drafted[0]
    assert state.messages[martin_1].pending
    assert sorted(m.id for m in state.messages.values() if m.pending) == sorted(
        [martin_1, second.drafted[0]])
    assert len(list(tmp_path.rglob(f"{martin_1}.eml"))) == 1
    assert not list(tmp_path.rglob(f"{dupont_1}.eml"))


def test_phone_call_task_in_digest_with_phone_number(tmp_path):
    book = master(
        [
            invoice(
                2,
                "F1",
                "Dupont",
                "500",
                date(2026, 11, 10),
                reminder_step=3,
                last_action_date=date(2026, 11, 17),
            )
        ],
        [client("Dupont", phone="06 12 34 56 78")],
    )
    _, outcome = run_reminders(book, seller(), settings(), tmp_path, TODAY)
    call = outcome.digest.calls[0]
    assert (call.client, call.invoices) == ("Dupont", ("F1",))
    assert "06 12 34 56 78" in line(call)
    assert "Clients à appeler aujourd'hui (1)" in digest_text(outcome)
    assert "06 12 34 56 78" in digest_text(outcome)
    values = {u.field: u.value for u in outcome.updates}
    assert values["reminder_step"] == 4
    assert values["last_action"] == "Appel téléphonique à passer (06 12 34 56 78)"
    assert [(r.channel, r.result) for r in outcome.journal_rows] == [("téléphone", "à faire")]
    assert list(tmp_path.rglob("*.eml")) == []


def test_collection_export_folder(tmp_path):
    pdf = write_pdf(tmp_path, "F1.pdf")
    sent_before = JournalEntry(
        date(2026, 10, 26),
        ("F1",),
        "Dupont",
        "Mise en demeure",
        "email",
        "contact@client.fr",
        "envoyé",
    )
    book = master(
        [
            invoice(
                2,
                "F1",
                "Dupont",
                "5000",
                date(2026, 9, 1),
                reminder_step=5,
                last_action_date=date(2026, 10, 26),
                pdf_file=pdf,
            )
        ],
        [client("Dupont")],
        journal=(sent_before,),
    )
    _, outcome = run_reminders(book, seller(), settings(), tmp_path, TODAY)
    folder = tmp_path / "relances" / "2026-11-25" / "recouvrement" / "dupont"
    assert sorted(p.name for p in folder.iterdir()) == [
        "F1.pdf",
        "LISEZMOI.txt",
        "historique_relances.csv",
    ]
    history = (folder / "historique_relances.csv").read_text("utf-8-sig")
    assert "26/10/2026;F1;Dupont;Mise en demeure;email;contact@client.fr;envoyé" in history
    assert "5\u202f000,00\u00a0€" in (folder / "LISEZMOI.txt").read_text("utf-8")
    line = outcome.digest.collection[0]
    assert line.detail == "relances/2026-11-25/recouvrement/dupont"
    values = {u.field: u.value for u in outcome.updates}
    assert values["reminder_step"] == 6
    assert values["last_action"] == "Dossier transmis au recouvrement"
    assert [(r.channel, r.result) for r in outcome.journal_rows] == [("export", "dossier exporté")]


def test_collection_export_includes_proofs_of_earlier_messages(tmp_path):
    pdf = write_pdf(tmp_path, "F1.pdf")
    book = master(
        [invoice(2, "F1", "Dupont", "5000", date(2026, 9, 1), reminder_step=4, pdf_file=pdf)],
        [client("Dupont")],
    )
    day1 = date(2026, 11, 2)
    _, first = run_reminders(book, seller(), settings(), tmp_path, day1)
    assert first.drafted  # formal notice drafted
    book = apply(book, first)
    mark_synced(tmp_path, first)
    _, second = run_reminders(book, seller(), settings(), tmp_path, TODAY)
    proofs = tmp_path / "relances" / "2026-11-25" / "recouvrement" / "dupont" / "preuves"
    assert sorted(p.name for p in proofs.iterdir()) == [f"{first.drafted[0]}.eml",
                                                         f"{first.drafted[0]}.lettre.pdf"]


def test_disputes_and_promises_are_listed_and_paused(tmp_path):
    book = master(
        [
            invoice(
                2,
                "F1",
                "Dupont",
                "500",
                date(2026, 11, 10),
                dispute=True,
                dispute_text="livraison incomplète",
            ),
            invoice(3, "F2", "Dupont", "500", date(2026, 11, 10), promise_date=date(2026, 11, 26)),
        ],
        [client("Dupont")],
    )
    _, outcome = run_reminders(book, seller(), settings(), tmp_path, TODAY)
    assert outcome.drafted == ()
    assert "livraison incomplète" in line(outcome.digest.disputes[0])
    assert "promesse de paiement au 26/11/2026" in line(outcome.digest.promises[0])
    values = {(u.row, u.field): u.value for u in outcome.updates}
    assert values[(2, "next_action")] == "Litige : relances suspendues"
    assert values[(3, "next_action")] == "Promesse de paiement : relances suspendues"
    assert values[(3, "next_action_date")] == date(2026, 11, 30)


def test_non_business_day_prepares_no_message(tmp_path):
    book = demo_book(tmp_path, count=1)
    _, outcome = run_reminders(book, seller(), settings(), tmp_path, date(2026, 11, 28))
    assert outcome.drafted == () and list(tmp_path.rglob("*.eml")) == []
    assert "Jour non ouvré" in digest_text(outcome)
    values = {u.field: u.value for u in outcome.updates}
    assert values == {"next_action": "Relance 1", "next_action_date": date(2026, 11, 30)}


def test_paid_invoice_is_never_drafted_and_its_next_action_is_cleared(tmp_path):
    book = master(
        [
            invoice(
                2,
                "F1",
                "Dupont",
                "500",
                date(2026, 11, 10),
                amount_paid=Decimal("500"),
                next_action="Relance 2",
                next_action_date=date(2026, 11, 30),
            )
        ],
        [client("Dupont")],
    )
    _, outcome = run_reminders(book, seller(), settings(), tmp_path, TODAY)
    assert outcome.drafted == ()
    assert {(u.field, u.value) for u in outcome.updates} == {
        ("next_action", ""),
        ("next_action_date", None),
    }


def test_particulier_gets_a_gentler_second_reminder(tmp_path):
    book = master(
        [
            invoice(
                2,
                "F1",
                "Léa Martin",
                "80",
                date(2026, 11, 10),
                reminder_step=2,
                last_action_date=date(2026, 11, 11),
            )
        ],
        [client("Léa Martin", ClientType.INDIVIDUAL, ("lea@ex.fr",))],
    )
    run_reminders(book, seller(), settings(), tmp_path, TODAY)
    eml = next(tmp_path.rglob("*.eml"))
    text = (
        message_from_bytes(eml.read_bytes(), policy=email_policy.default)
        .get_body(("plain",))
        .get_content()
    )
    assert "paiement en plusieurs fois" in text and "40" not in text


def test_history_from_the_journal_sheet_respects_the_minimum_interval(tmp_path):
    entry = JournalEntry(
        date(2026, 11, 23), ("F0",), "Dupont", "Relance 1", "email", "contact@client.fr", "envoyé"
    )
    book = master(
        [invoice(2, "F1", "Dupont", "500", date(2026, 11, 24))],
        [client("Dupont")],
        journal=(entry,),
    )
    plan, outcome = run_reminders(book, seller(), settings(), tmp_path, TODAY)
    assert outcome.drafted == ()
    assert "dernier message au client le 23/11/2026" in text(plan.skipped[0].reason, "fr")
    assert {u.field: u.value for u in outcome.updates}["next_action_date"] == date(
        2026, 11, 28
    ) + timedelta(days=2)  # 28/11 is a Saturday → Monday 30/11


def test_damaged_last_journal_line_is_ignored_and_reported(tmp_path):
    book = demo_book(tmp_path, count=1)
    _, first = run_reminders(book, seller(), settings(), tmp_path, TODAY)
    with open(tmp_path / ".suivi" / "journal.jsonl", "a", encoding="utf-8") as handle:
        handle.write('{"type": "sent", "id": "x", "da')
    _, second = run_reminders(book, seller(), settings(), tmp_path, TODAY)
    assert second.drafted == ()
    assert any("enregistrement incomplet ignoré" in text(i, "fr") for i in second.issues)


@pytest.mark.parametrize("line", ['[1, 2, 3]', '{"type": 5, "id": "x"}', '"relance"',
                                  '{"id": "x", "status": "sent"}'])
def test_a_journal_line_that_is_not_a_suivi_record_is_ignored_and_reported(tmp_path, line):
    """Valid JSON typed into the journal by hand is not one of suivi's records: the run goes on
    as before (nothing drafted twice) and says which line it passed over."""
    book = demo_book(tmp_path, count=1)
    _, first = run_reminders(book, seller(), settings(), tmp_path, TODAY)
    assert first.drafted
    with open(tmp_path / ".suivi" / "journal.jsonl", "a", encoding="utf-8") as handle:
        handle.write(line + "\n")
    _, second = run_reminders(book, seller(), settings(), tmp_path, TODAY)
    assert second.drafted == ()
    said = [text(i, "fr") for i in second.issues]
    assert any("journal.jsonl, ligne" in s and "pas un enregistrement de suivi" in s
               for s in said), said


def test_invoice_rows_moved_in_the_workbook_are_found_by_number(tmp_path):
    book = demo_book(tmp_path, count=1)
    _, first = run_reminders(book, seller(), settings(), tmp_path, TODAY)
    moved = replace(book, invoices=tuple(replace(i, row=i.row + 10) for i in book.invoices))
    _, second = run_reminders(moved, seller(), settings(), tmp_path, TODAY)
    assert {u.row for u in second.updates if u.field == "reminder_step"} == {12}


def test_journal_is_read_and_folded_once_per_run_and_stays_exact(tmp_path, monkeypatch):
    """Years of history make the journal long: a run reads it once, folds it once, and then
    folds in only its own records — and the state it ends with is the state a full reading of
    the file gives (drafts, superseded ones, the synced keys)."""
    import dataclasses

    from suivi.mail import journal as journal_module
    from suivi.mail.journal import Journal, rebuild_state

    book = demo_book(tmp_path, count=3)
    _, first = run_reminders(book, seller(), settings(), tmp_path, TODAY)
    book = apply(book, first)
    mark_synced(tmp_path, first)

    reads, folds = [], []
    read, fold = Journal.read, journal_module.rebuild_state

    def counting_read(self):
        reads.append(1)
        return read(self)

    def counting_fold(records):
        folds.append(1)
        return fold(records)

    monkeypatch.setattr(Journal, "read", counting_read)
    monkeypatch.setattr("suivi.mail.recorder.rebuild_state", counting_fold)
    _, second = run_reminders(book, seller(), settings(), tmp_path, date(2026, 12, 1))
    assert len(second.drafted) == 3  # the next step for each client, superseding the first
    assert (len(reads), len(folds)) == (1, 1)

    monkeypatch.undo()
    from suivi.mail.recorder import Recorder

    recorder = Recorder(Journal(tmp_path), dry_run=True)
    live = recorder.state()
    recorder.append({"type": "superseded", "id": second.drafted[0], "day": TODAY, "by": "x"})
    recorder.append({"type": "held", "id": second.drafted[1], "day": TODAY})
    recorder.append({"type": "synced", "keys": ["a:b:0"]})
    assert recorder.state() is live
    full = rebuild_state(recorder.records)
    for name in ("messages", "tasks", "synced", "effects", "digests"):
        assert getattr(live, name) == getattr(full, name), name
    assert live.messages[second.drafted[0]].status == SUPERSEDED
    assert dataclasses.asdict(live.messages[second.drafted[1]])["held_on"] == TODAY


def test_journal_rows_already_in_the_sheet_are_not_written_again():
    """A commit that succeeded but was not recorded: the next run's journal rows that the sheet
    already holds (same day, invoices, step, channel and result, whatever the case) are
    dropped; the others are kept once, in order."""
    monday, tuesday = date(2026, 11, 23), date(2026, 11, 24)
    sheet = [JournalEntry(monday, ("F-1",), "ACME", "Relance 1", "email", "a@b.fr", "envoyé"),
             JournalEntry(tuesday, ("F-2",), "ACME", "Relance 1", "email", "a@b.fr", "envoyé")]
    book = master([], [], journal=tuple(sheet))
    again = JournalEntry(tuesday, ("F-2",), "ACME", "RELANCE 1", "Email", "a@b.fr", "Envoyé")
    other_day = JournalEntry(date(2026, 11, 25), ("F-2",), "ACME", "Relance 1", "email",
                             "a@b.fr", "envoyé")
    other_step = JournalEntry(tuesday, ("F-2",), "ACME", "Relance 2", "email", "a@b.fr",
                              "envoyé")
    assert new_rows([again, other_day, other_step, other_day], book) == (other_day, other_step)
    assert new_rows([], book) == ()


def test_a_digest_with_no_reminder_says_so_under_its_title():
    """A day with payments to look at but no reminder: « Aucune relance aujourd'hui » right
    under the title (text and page), not a title followed by other business; not said when
    there is a reminder, nothing at all, or a notice that already gives the reason."""
    from suivi.core.message import Message
    from suivi.mail.digest import Digest, DigestLine, render_html, render_text

    payment = DigestLine("Dupont", "trop-perçu", ("F1",), Decimal("150.00"))
    only_payments = Digest(day=TODAY, payments=(payment,))
    lines = render_text(only_payments, "fr").splitlines()
    assert lines[2] == "Aucune relance aujourd'hui : rien à préparer, à envoyer ni à vérifier."
    assert "Aucune relance aujourd&#x27;hui" in render_html(only_payments, "fr")
    assert "No reminder today" in render_text(only_payments, "en")
    drafted = Digest(day=TODAY, payments=(payment,), drafted=(DigestLine("Dupont", "relance"),))
    held = Digest(day=TODAY, payments=(payment,), notices=(Message.of("digest.nothing"),))
    for digest in (drafted, held, Digest(day=TODAY),
                   Digest(day=TODAY, business_day=False, payments=(payment,))):
        assert "Aucune relance" not in render_text(digest, "fr")
    # every late client without an address: errors, and « rien à préparer » would mislead
    no_address = Digest(day=TODAY, errors=("Factures!C2 : Client « Cl1 » : aucune adresse",))
    assert render_text(no_address, "fr").splitlines()[2] == (
        "Aucune relance préparée aujourd'hui : les erreurs ci-dessous retiennent peut-être des "
        "factures à relancer.")
