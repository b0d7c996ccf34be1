"""Delivery to a REAL SMTP server (aiosmtpd on 127.0.0.1): headers, TLS, auth, batching,
faults, exactly-once, password hygiene."""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import ssl
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from test_mail_helpers import (  # noqa: F401
    TODAY,
    Collector,
    Server,
    apply,
    demo_book,
    digest_text,
    line,
    mark_synced,
    resolve_unverified,
    run_reminders,
    seller,
    send_drafts,
    settings,
    smtp_config,
)

from suivi.mail.history import load_history
from suivi.mail.journal import SENT, UNVERIFIED, load_state
from suivi.messages import text

PASSWORD = "S3cr3t-mot-de-passe-2026"
HERE = Path(__file__).resolve().parent


def ids_received(server: Server) -> list[str]:
    return [r.message["X-Suivi-Id"] for r in server.received]


def direct(server: Server, **smtp) -> object:
    return settings({"envoi": "direct"}, smtp_config(server, **smtp))


def test_send_drafts_delivers_complete_messages(tmp_path):
    book = demo_book(tmp_path, count=2)
    with Server() as server:
        config = settings(
            {
                "equipe": ["equipe@atelier-dupre.fr"],
                "copie_equipe": True,
                "accuse_lecture": True,
                "repondre_a": "relances@atelier-dupre.fr",
            },
            smtp_config(server),
        )
        plan, drafted = run_reminders(book, seller(), config, tmp_path, TODAY)
        assert server.received == [] or all(
            r.rcpt_tos == ["equipe@atelier-dupre.fr"] for r in server.received
        )
        team_digests = len(server.received)
        mark_synced(tmp_path, drafted)
        outcome = send_drafts(tmp_path, apply(book, drafted), config, TODAY)
        messages = server.received[team_digests:]
    assert sorted(outcome.sent) == sorted(drafted.drafted) and len(outcome.sent) == 2
    first = messages[0]
    msg = first.message
    assert first.mail_from == "compta@atelier-dupre.fr"
    assert sorted(first.rcpt_tos) == sorted(
        [msg["To"].addresses[0].addr_spec, "equipe@atelier-dupre.fr"]
    )
    assert msg["Bcc"] is None  # the team copy is blind
    assert msg["X-Unsent"] is None  # a sent message is not a draft any more
    assert msg["Subject"].startswith("Rappel : facture F2026-000")
    assert msg["To"].addresses[0].display_name.startswith("Société Générale d'Été")
    assert msg["From"].addresses[0].display_name == "Atelier Dupré"
    assert msg["Reply-To"] == "relances@atelier-dupre.fr"
    assert msg["Disposition-Notification-To"] == "relances@atelier-dupre.fr"
    body = msg.get_body(("plain",)).get_content()
    assert "Sauf erreur ou omission de notre part" in body and "règlement" in body
    pdfs = [p for p in msg.iter_attachments() if p.get_content_type() == "application/pdf"]
    assert len(pdfs) == 1 and pdfs[0].get_content().startswith(b"%PDF")
    # proofs of sending beside the drafts, journal rows for the workbook
    day = tmp_path / "relances" / "2026-11-25"
    assert len(list(day.glob("*.envoye.eml"))) == 2
    assert [(r.channel, r.result) for r in outcome.journal_rows] == [("email", "envoyé")] * 2
    assert {u.field for u in outcome.updates} == {"last_action", "last_action_date"}


def test_second_send_sends_nothing(tmp_path):
    book = demo_book(tmp_path, count=2)
    with Server() as server:
        config = settings({}, smtp_config(server))
        _, drafted = run_reminders(book, seller(), config, tmp_path, TODAY)
        send_drafts(tmp_path, apply(book, drafted), config, TODAY)
        again = send_drafts(tmp_path, apply(book, drafted), config, TODAY)
        explicit = send_drafts(
            tmp_path, apply(book, drafted), config, TODAY, select=[drafted.drafted[0]]
        )
    assert len(server.received) == 2
    assert again.sent == () and explicit.sent == ()
    assert "déjà envoyé" in text(explicit.issues[0], "fr")


def test_select_sends_only_the_chosen_drafts(tmp_path):
    book = demo_book(tmp_path, count=3)
    with Server() as server:
        config = settings({}, smtp_config(server))
        _, drafted = run_reminders(book, seller(), config, tmp_path, TODAY)
        chosen = drafted.drafted[1]
        outcome = send_drafts(tmp_path, book, config, TODAY, select=[chosen, "inconnu"])
    assert ids_received(server) == [chosen]
    assert outcome.sent == (chosen,)
    assert "Brouillon « inconnu » inconnu" in text(outcome.issues[0], "fr")


def test_draft_whose_invoice_was_paid_since_is_cancelled_not_sent(tmp_path):
    from dataclasses import replace
    from decimal import Decimal

    book = demo_book(tmp_path, count=2)
    with Server() as server:
        config = settings({}, smtp_config(server))
        _, drafted = run_reminders(book, seller(), config, tmp_path, TODAY)
        paid = replace(book.invoices[0], amount_paid=Decimal("1200.00"))
        book = replace(book, invoices=(paid,) + book.invoices[1:])
        outcome = send_drafts(tmp_path, book, config, TODAY)
    assert len(server.received) == 1
    assert server.received[0].message["To"].addresses[0].addr_spec == "client1@exemple.fr"
    assert len(outcome.cancelled) == 1
    cancelled = [r for r in outcome.journal_rows if r.result.startswith("annulé")]
    assert cancelled[0].result == "annulé : facture F2026-0000 réglée"
    assert outcome.digest.cancelled[0].detail == "facture F2026-0000 réglée"
    # the cancelled draft is no longer an .eml that someone could open and send by hand
    drafts = sorted(p.name for p in tmp_path.rglob("*.eml") if ".envoye." not in p.name)
    withdrawn = sorted(p.name for p in tmp_path.rglob("*.annule.txt"))
    assert withdrawn == [f"{outcome.cancelled[0]}.annule.txt"], (drafts, withdrawn)
    assert f"{outcome.cancelled[0]}.eml" not in drafts
    assert "X-Unsent: 1" in next(tmp_path.rglob("*.annule.txt")).read_text(encoding="utf-8")


def test_direct_mode_uses_one_connection_for_the_batch(tmp_path):
    class Counting(Collector):
        connections = 0

        async def handle_EHLO(self, server, session, envelope, hostname, responses):
            type(self).connections += 1
            session.host_name = hostname
            return responses

    with Server(Counting()) as server:
        book = demo_book(tmp_path, count=5)
        _, outcome = run_reminders(book, seller(), direct(server), tmp_path, TODAY)
    assert len(outcome.sent) == 5 and len(server.received) == 5
    assert Counting.connections == 1
    # the direct run reports the steps and the sending in the same outcome
    fields = Counter(u.field for u in outcome.updates)
    assert fields["reminder_step"] == 5
    assert [r.result for r in outcome.journal_rows] == ["envoyé"] * 5


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1 / localhost."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    folder = tmp_path_factory.mktemp("tls")
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain(cert_path, key_path)
    client_ctx = ssl.create_default_context(cafile=str(cert_path))
    return server_ctx, client_ctx


def _password_nowhere(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert PASSWORD.encode("utf-8") not in data, path
            assert PASSWORD.encode("utf-8").hex().encode() not in data, path


def test_starttls_with_login_password_from_environment(tmp_path, tls_files):
    server_ctx, client_ctx = tls_files
    book = demo_book(tmp_path, count=2)
    with Server(auth=("compta@atelier-dupre.fr", PASSWORD), tls_context=server_ctx) as server:
        config = direct(server, security="starttls", user="compta@atelier-dupre.fr")
        _, outcome = run_reminders(
            book,
            seller(),
            config,
            tmp_path,
            TODAY,
            ssl_context=client_ctx,
            environ={"SUIVI_SMTP_PASSWORD": PASSWORD},
        )
    assert len(outcome.sent) == 2 and len(server.received) == 2
    assert server.logins == [("compta@atelier-dupre.fr", PASSWORD)]
    _password_nowhere(tmp_path)


def test_wrong_password_is_reported_without_leaking_it(tmp_path, tls_files):
    server_ctx, client_ctx = tls_files
    book = demo_book(tmp_path, count=2)
    with Server(auth=("compta@atelier-dupre.fr", "autre"), tls_context=server_ctx) as server:
        config = direct(server, security="starttls", user="compta@atelier-dupre.fr")
        _, outcome = run_reminders(
            book,
            seller(),
            config,
            tmp_path,
            TODAY,
            ssl_context=client_ctx,
            environ={"SUIVI_SMTP_PASSWORD": PASSWORD},
        )
    assert server.received == [] and outcome.sent == ()
    assert any("authentification refusée" in text(i, "fr") for i in outcome.issues)
    assert PASSWORD not in digest_text(outcome) and all(
        PASSWORD not in str(i) for i in outcome.issues
    )
    _password_nowhere(tmp_path)
    # nothing was handed to the server: the drafts stay pending for the next run
    assert all(m.pending for m in load_state(tmp_path).messages.values())


def test_missing_password_is_a_clear_error(tmp_path):
    book = demo_book(tmp_path, count=1)
    with Server() as server:
        config = direct(server, user="compta@atelier-dupre.fr")
        _, outcome = run_reminders(book, seller(), config, tmp_path, TODAY, environ={})
    assert server.received == []
    assert any(
        "définissez la variable d'environnement SUIVI_SMTP_PASSWORD" in text(i, "fr")
        for i in outcome.issues
    )


def test_implicit_ssl(tmp_path, tls_files):
    server_ctx, client_ctx = tls_files
    book = demo_book(tmp_path, count=1)
    with Server(tls_context=server_ctx, implicit_tls=True) as server:
        _, outcome = run_reminders(
            book, seller(), direct(server, security="ssl"), tmp_path, TODAY, ssl_context=client_ctx
        )
    assert len(server.received) == 1 and len(outcome.sent) == 1


def test_server_answering_421_after_k_messages(tmp_path):
    """k accepted, then the server answers 421 (a transient refusal, before anything is
    stored): exactly k recorded as sent; the rest go out on the next run; nothing twice."""
    book = demo_book(tmp_path, count=5)
    with Server(Collector(accept_limit=2)) as server:
        _, first = run_reminders(book, seller(), direct(server), tmp_path, TODAY)
        first_ids = ids_received(server)
    assert len(first_ids) == 2
    assert sorted(first.sent) == sorted(first_ids)
    state = load_state(tmp_path)
    assert sorted(m.id for m in state.messages.values() if m.status == SENT) == sorted(first_ids)
    assert any("partiront au prochain envoi" in text(i, "fr") for i in first.issues)
    assert first.return_code == 1
    book = apply(book, first)
    mark_synced(tmp_path, first)
    with Server() as healthy:
        _, second = run_reminders(book, seller(), direct(healthy), tmp_path, TODAY)
        second_ids = ids_received(healthy)
    assert len(second_ids) == 3 and not set(second_ids) & set(first_ids)
    assert sorted(first_ids + second_ids) == sorted(state.messages)
    with Server() as third:
        _, last = run_reminders(apply(book, second), seller(), direct(third), tmp_path, TODAY)
    assert third.received == [] and last.sent == ()


def test_connection_dropped_after_the_data_is_never_resent_automatically(tmp_path):
    """After 2 messages the server closes the connection once it has the message data,
    without answering: suivi cannot know whether it stored them. Those are « à vérifier »,
    never resent by a later run; the user resends them (--renvoie) and each arrives once."""
    book = demo_book(tmp_path, count=5)
    with Server(Collector(accept_limit=2, drop=True)) as server:
        _, first = run_reminders(book, seller(), direct(server), tmp_path, TODAY)
        first_ids = ids_received(server)
    assert len(first_ids) == 2 and sorted(first.sent) == sorted(first_ids)
    state = load_state(tmp_path)
    uncertain = sorted(m.id for m in state.unverified())
    assert len(uncertain) == 3 and not set(uncertain) & set(first_ids)
    assert sorted(item.id for item in first.digest.unverified) == uncertain
    assert "ne seront PAS renvoyés automatiquement" in digest_text(first)
    assert first.return_code == 1
    book = apply(book, first)
    mark_synced(tmp_path, first)
    with Server() as healthy:
        _, second = run_reminders(book, seller(), direct(healthy), tmp_path, TODAY)
        assert healthy.received == [] and second.sent == ()
        assert resolve_unverified(tmp_path, uncertain, sent=False, today=TODAY) == []
        _, third = run_reminders(apply(book, second), seller(), direct(healthy), tmp_path, TODAY)
        resent = ids_received(healthy)
    assert sorted(resent) == uncertain
    assert sorted(first_ids + resent) == sorted(state.messages)


def test_write_back_failure_is_reconciled_without_resending(tmp_path):
    book = demo_book(tmp_path, count=2)
    with Server() as server:
        config = direct(server)
        _, first = run_reminders(book, seller(), config, tmp_path, TODAY)
        # the workbook commit failed: the pipeline did NOT apply the updates nor mark_synced
        _, second = run_reminders(book, seller(), config, tmp_path, TODAY)
        assert len(server.received) == 2
        assert second.sent == () and second.drafted == ()
        assert second.digest.reconciled == len(first.sync_keys)
        def key(outcome):
            return sorted((u.row, u.field, str(u.value)) for u in outcome.updates
                          if u.field != "next_action_date")

        assert key(second) == key(first)
        assert second.journal_rows == first.journal_rows
        # this time the commit works
        book = apply(book, second)
        mark_synced(tmp_path, second)
        _, third = run_reminders(book, seller(), config, tmp_path, TODAY)
    assert len(server.received) == 2
    assert third.journal_rows == () and third.sync_keys == ()
    assert not any(u.field == "reminder_step" for u in third.updates)


def test_journal_rows_already_in_the_sheet_are_not_added_twice(tmp_path):
    book = demo_book(tmp_path, count=1)
    with Server() as server:
        config = direct(server)
        _, first = run_reminders(book, seller(), config, tmp_path, TODAY)
        # the commit succeeded but the process died before mark_synced
        committed = apply(book, first)
        _, second = run_reminders(committed, seller(), config, tmp_path, TODAY)
    assert second.journal_rows == ()
    assert len(server.received) == 1


CRASH_SCRIPT = """
import os, sys
sys.path.insert(0, {tests!r})
from pathlib import Path
from test_mail_helpers import TODAY, demo_book, seller, settings, smtp_config, Server
from suivi.mail import send
from test_mail_helpers import run_reminders, send_drafts, resolve_unverified, mark_synced, digest_text, line  # noqa: F401

folder = Path({folder!r})
count = {{"n": 0}}

def crash(point, ident):
    if point == "after_send":
        count["n"] += 1
        if count["n"] == 2:
            os._exit(3)   # killed after the server accepted message 2, before the journal says so

send.FAULT_HOOK = crash
book = demo_book(folder, count=4)
config = settings({{"envoi": "direct"}}, {{"hote": "127.0.0.1", "port": {port}, "securite": "aucune",
                  "expediteur": "compta@atelier-dupre.fr", "tentatives": 1, "pause": 0}})
run_reminders(book, seller(), config, folder, TODAY)
"""


def test_crash_mid_send_marks_the_message_to_check_and_never_resends_it(tmp_path):
    with Server() as server:
        script = tmp_path / "crash.py"
        script.write_text(
            CRASH_SCRIPT.format(tests=str(HERE), folder=str(tmp_path), port=server.port),
            encoding="utf-8",
        )
        result = subprocess.run(
            [sys.executable, str(script)], capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 3, result.stderr
        crashed = ids_received(server)
        assert len(crashed) == 2
        state = load_state(tmp_path)
        statuses = Counter(m.status for m in state.messages.values())
        assert statuses == {SENT: 1, UNVERIFIED: 1, "brouillon": 2}
        unverified = state.unverified()[0].id
        assert unverified == crashed[1]
        # next run: the two never attempted go out, the uncertain one does not
        book = demo_book(tmp_path, count=4)
        _, nxt = run_reminders(book, seller(), direct(server), tmp_path, TODAY)
        assert len(server.received) == 4
        assert unverified not in nxt.sent and len(nxt.sent) == 2
        assert [line.id for line in nxt.digest.unverified] == [unverified]
        assert "ne seront PAS renvoyés automatiquement" in digest_text(nxt)
        assert nxt.return_code == 1
        # the user checks the Sent folder: it did go → recorded as sent, still not resent
        assert resolve_unverified(tmp_path, [unverified], sent=True, today=TODAY) == []
        book = apply(book, nxt)
        mark_synced(tmp_path, nxt)
        _, after = run_reminders(book, seller(), direct(server), tmp_path, TODAY)
    assert len(server.received) == 4
    assert Counter(ids_received(server)).most_common(1)[0][1] == 1
    assert after.digest.unverified == ()
    assert [r.result for r in after.journal_rows] == ["envoyé"]


def test_unverified_resolved_as_not_sent_goes_out_again(tmp_path):
    with Server() as server:
        script = tmp_path / "crash.py"
        script.write_text(
            CRASH_SCRIPT.format(tests=str(HERE), folder=str(tmp_path), port=server.port),
            encoding="utf-8",
        )
        subprocess.run([sys.executable, str(script)], capture_output=True, timeout=120)
        unverified = load_state(tmp_path).unverified()[0].id
        book = demo_book(tmp_path, count=4)
        refused = send_drafts(tmp_path, book, direct(server), TODAY, select=[unverified])
        assert refused.sent == () and "à vérifier" in text(refused.issues[0], "fr")
        resolve_unverified(tmp_path, [unverified], sent=False, today=TODAY)
        outcome = send_drafts(tmp_path, book, direct(server), TODAY, select=[unverified])
    assert outcome.sent == (unverified,)


def test_history_counts_sent_messages_for_the_minimum_interval(tmp_path):
    book = demo_book(tmp_path, count=1)
    with Server() as server:
        _, first = run_reminders(book, seller(), direct(server), tmp_path, TODAY)
    history = load_history(tmp_path, apply(book, first))
    key = next(iter(book.clients))
    assert history.last_message[key] == TODAY
    assert history.steps["F2026-0000"].step == 2


def test_team_digest_is_emailed_once_a_day(tmp_path):
    book = demo_book(tmp_path, count=1)
    with Server() as server:
        config = settings({"equipe": ["equipe@atelier-dupre.fr"]}, smtp_config(server))
        run_reminders(book, seller(), config, tmp_path, TODAY)
        run_reminders(book, seller(), config, tmp_path, TODAY)
    digests = [r for r in server.received if r.rcpt_tos == ["equipe@atelier-dupre.fr"]]
    assert len(digests) == 1
    msg = digests[0].message
    assert msg["Subject"] == "suivi – relances du 25/11/2026"
    assert "Brouillons préparés" in msg.get_body(("plain",)).get_content()


def test_password_from_keyring_when_no_variable(monkeypatch):
    import keyring

    from suivi.config.dunning import parse_smtp as smtp_settings_from_config
    from suivi.mail.send import smtp_password

    monkeypatch.setattr(
        keyring,
        "get_password",
        lambda service, user: "from-keyring" if (service, user) == ("suivi", "moi@ex.fr") else None,
    )
    smtp = smtp_settings_from_config({"hote": "h", "utilisateur": "moi@ex.fr"})
    assert smtp_password(smtp, environ={}) == "from-keyring"
    assert smtp_password(smtp, environ={"SUIVI_SMTP_PASSWORD": "env"}) == "env"
    no_keyring = smtp_settings_from_config(
        {"hote": "h", "utilisateur": "moi@ex.fr", "trousseau": False}
    )
    assert smtp_password(no_keyring, environ={}) is None
    assert os.environ.get("SUIVI_SMTP_PASSWORD") is None or True
