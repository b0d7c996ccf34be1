"""Composed drafts: structure, personalisation, templates, header safety, letters."""

from __future__ import annotations

from dataclasses import astuple
from datetime import date
from decimal import Decimal
from email import message_from_bytes
from email import policy as email_policy
from pathlib import Path

from test_mail_helpers import (  # noqa: F401
    TODAY,
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

from suivi.core.models import CellRef, ClientType
from suivi.messages import text


def read_eml(path: Path):
    return message_from_bytes(path.read_bytes(), policy=email_policy.default)


def only_eml(folder: Path) -> Path:
    emls = list(folder.rglob("*.eml"))
    assert len(emls) == 1, emls
    return emls[0]


def test_draft_is_a_complete_unsent_message_with_pdf_qr_and_alternative(tmp_path):
    book = demo_book(tmp_path, count=1)
    plan, outcome = run_reminders(book, seller(), settings(), tmp_path, TODAY)
    eml = only_eml(tmp_path)
    assert eml.parent == tmp_path / "relances" / "2026-11-25"
    msg = read_eml(eml)
    assert msg["X-Unsent"] == "1"
    assert msg["To"] == "Société Générale d'Été 0 <client0@exemple.fr>"
    assert msg["From"] == "Atelier Dupré SARL <compta@atelier-dupre.fr>"
    assert msg["Subject"] == (
        "Rappel : facture F2026-0000 en attente de règlement – Atelier Dupré SARL"
    )
    assert not any("\n" in str(v) or "\r" in str(v) for v in msg.values())
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    assert "Facture F2026-0000 du 25/10/2026 : 1\u202f200,00\u00a0€ restant dû" in text
    assert "échéance le 24/11/2026 (1 jour de retard)" in text
    assert "IBAN FR76 3000 6000 0112 3456 7890 189" in text
    assert "https://pay.example.fr/F2026-0000?m=1200.00" in text
    assert 'src="cid:qr-virement@suivi"' in html
    parts = {p.get_content_type(): p for p in msg.walk()}
    assert parts["image/png"]["Content-ID"] == "<qr-virement@suivi>"
    assert parts["image/png"].get_content().startswith(b"\x89PNG")
    pdfs = [p for p in msg.iter_attachments() if p.get_content_type() == "application/pdf"]
    assert [p.get_filename() for p in pdfs] == ["F0.pdf"]
    assert outcome.issues == ()


def test_qr_code_is_a_valid_epc_payload(tmp_path):
    from suivi.mail.compose import payment_options

    options = payment_options(seller(), Decimal("1234.5"), ["F1", "F2"], "Dupont")
    assert options.qr_png.startswith(b"\x89PNG")
    assert options.reference == "Factures F1, F2"
    bad = payment_options(seller(iban="FR7630006000011234567890180"), Decimal("10"), ["F1"], "D")
    assert bad.iban is None and bad.qr_png is None
    assert "IBAN du vendeur invalide" in text(bad.issues[0], "fr")


def test_qr_png_has_the_pixels_segno_draws():
    """The e-mail's QR image (drawn with Pillow for speed) is pixel for pixel the one segno's
    own PNG writer makes: 4 pixels per module, 4 modules of quiet zone."""
    import io

    from PIL import Image

    from suivi.documents.qr import epc_qr
    from suivi.mail.compose import payment_options

    options = payment_options(seller(), Decimal("1234.5"), ["F1", "F2"], "Dupont")
    ours = Image.open(io.BytesIO(options.qr_png)).convert("L")
    from stdnum import iban

    code = epc_qr(seller().name, iban.validate(seller().iban), Decimal("1234.50"),
                  options.reference, seller().bic)
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=4, border=4)
    theirs = Image.open(buffer).convert("L")
    assert ours.size == theirs.size == ((len(code.matrix) + 8) * 4,) * 2
    assert ours.tobytes() == theirs.tobytes()


def test_header_injection_from_the_workbook_is_refused_and_reported(tmp_path):
    evil = client(
        "Dupont\r\nBcc: victim@evil.example",
        emails=(
            "compta@dupont.fr\r\nBcc: victim@evil.example",
            "ok@dupont.fr",
            "x@y.fr>, <z@evil.example",
        ),
        where=CellRef("Clients", 7, "A"),
    )
    book = master([invoice(2, "F1", evil.name, "500", date(2026, 11, 24))], [evil])
    plan, outcome = run_reminders(book, seller(), settings(), tmp_path, TODAY)
    msg = read_eml(only_eml(tmp_path))
    assert msg["To"] == '"Dupont Bcc: victim@evil.example" <ok@dupont.fr>'
    assert msg["Bcc"] is None
    raw = only_eml(tmp_path).read_bytes()
    assert b"\nBcc:" not in raw and b"\r\nBcc:" not in raw
    assert msg.get_all("To") and len(msg.get_all("To")) == 1
    codes = [(i.code, str(i.where)) for i in outcome.issues]
    assert ("dunning.bad_email", "Clients!A7") in codes
    assert ("dunning.name_cleaned", "Clients!A7") in codes
    assert sum(1 for c, _ in codes if c == "dunning.bad_email") == 2


def test_all_addresses_bad_means_no_draft_and_an_error(tmp_path):
    evil = client("Dupont", emails=("a@b.fr\nBcc: c@d.fr",), where=CellRef("Clients", 3, "E"))
    book = master([invoice(2, "F1", "Dupont", "500", date(2026, 11, 24))], [evil])
    _, outcome = run_reminders(book, seller(), settings(), tmp_path, TODAY)
    assert list(tmp_path.rglob("*.eml")) == []
    assert any(i.code == "dunning.no_recipient" for i in outcome.issues)
    assert outcome.updates == () or all(u.field not in ("reminder_step",) for u in outcome.updates)


def test_html_is_autoescaped_and_text_is_not(tmp_path):
    book = master([invoice(2, "F<b>1", "Dupont", "500", date(2026, 11, 24))], [client("Dupont")])
    run_reminders(book, seller(name="Dupré & Fils <SARL>"), settings(), tmp_path, TODAY)
    msg = read_eml(only_eml(tmp_path))
    html = msg.get_body(("html",)).get_content()
    assert "F&lt;b&gt;1" in html and "<b>1" not in html
    assert "Dupré &amp; Fils &lt;SARL&gt;" in html
    assert "F<b>1" in msg.get_body(("plain",)).get_content()


def test_english_client_gets_the_english_templates(tmp_path):
    book = master(
        [invoice(2, "F1", "Acme Ltd", "500", date(2026, 11, 24))],
        [client("Acme Ltd", language="en")],
    )
    run_reminders(book, seller(), settings(), tmp_path, TODAY)
    msg = read_eml(only_eml(tmp_path))
    assert msg["Subject"].startswith("Reminder: invoice F1 awaiting payment")
    assert "Total outstanding: €500.00" in msg.get_body(("plain",)).get_content()


def test_config_language_english(tmp_path):
    book = master([invoice(2, "F1", "Dupont", "500", date(2026, 11, 24))], [client("Dupont")])
    run_reminders(book, seller(), settings({"langue": "en"}), tmp_path, TODAY)
    assert read_eml(only_eml(tmp_path))["Subject"].startswith("Reminder:")


def test_user_templates_beside_the_workbook_win(tmp_path):
    folder = tmp_path / "modeles" / "relances" / "fr"
    folder.mkdir(parents=True)
    (folder / "relance1.txt.j2").write_text(
        "Coucou {{ client.nom }}, {{ total_du }} à payer.\n", encoding="utf-8"
    )
    (folder / "relance1.particulier.subject.j2").write_text(
        "Petit oubli ? {{ factures[0].numero }}\n", encoding="utf-8"
    )
    book = master(
        [
            invoice(2, "F1", "Dupont", "500", date(2026, 11, 24)),
            invoice(3, "F2", "Léa Martin", "80", date(2026, 11, 24)),
        ],
        [client("Dupont"), client("Léa Martin", ClientType.INDIVIDUAL, ("lea@ex.fr",))],
    )
    run_reminders(book, seller(), settings(), tmp_path, TODAY)
    emls = {
        read_eml(p)["To"].split("<")[1].rstrip(">"): read_eml(p) for p in tmp_path.rglob("*.eml")
    }
    assert (
        emls["contact@client.fr"].get_body(("plain",)).get_content().replace("\r\n", "\n")
        == "Coucou Dupont, 500,00\u00a0€ à payer.\n"
    )
    assert emls["contact@client.fr"]["Subject"].startswith("Rappel : facture F1")
    assert emls["lea@ex.fr"]["Subject"] == "Petit oubli ? F2"


def test_a_broken_user_template_is_a_clear_error_not_a_blank(tmp_path):
    folder = tmp_path / "modeles" / "relances" / "fr"
    folder.mkdir(parents=True)
    (folder / "relance1.txt.j2").write_text("Bonjour {{ client.prenom }}\n", encoding="utf-8")
    book = master([invoice(2, "F1", "Dupont", "500", date(2026, 11, 24))], [client("Dupont")])
    _, outcome = run_reminders(book, seller(), settings(), tmp_path, TODAY)
    assert list(tmp_path.rglob("*.eml")) == []
    problem = [i for i in outcome.issues if i.code == "dunning.template_failed"][0]
    assert "fr/relance1.txt.j2" in text(problem, "fr") and "prenom" in text(problem, "fr")
    assert not any(u.field == "reminder_step" for u in outcome.updates)


def _formal_notice_book(kind: ClientType, name: str):
    inv = invoice(
        2, "F9", name, "1000.00", date(2026, 10, 26), reminder_step=4, issue_date=date(2026, 9, 26)
    )
    return master([inv], [client(name, kind, (f"{kind.name.lower()}@ex.fr",))])


def test_formal_notice_states_penalties_and_the_40_euro_indemnity(tmp_path):
    book = _formal_notice_book(ClientType.COMPANY, "Dupont SA")
    run_reminders(book, seller(), settings(), tmp_path, TODAY)
    text = read_eml(only_eml(tmp_path)).get_body(("plain",)).get_content()
    # 30 days late (27/10..25/11) at 2.15 + 10 = 12.15 %: 1000 × 12.15 × 30 / 36500 = 9.986… → 9,99
    assert "Pénalités à ce jour : 9,99\u00a0€ (taux 12,15\u00a0%)" in text
    assert "indemnité forfaitaire de 40,00\u00a0€ par facture" in text
    assert "Total réclamé : 1\u202f049,99\u00a0€" in text
    assert "sous 8 jours" in text


def test_formal_notice_to_a_consumer_has_no_indemnity(tmp_path):
    run_reminders(
        _formal_notice_book(ClientType.INDIVIDUAL, "Léa Martin"),
        seller(),
        settings(),
        tmp_path,
        TODAY,
    )
    text = read_eml(only_eml(tmp_path)).get_body(("plain",)).get_content()
    assert "40,00" not in text and "indemnité" not in text.casefold()
    assert "un échéancier peut être envisagé" in text


def test_formal_notice_to_a_public_buyer_claims_moratory_interest(tmp_path):
    run_reminders(
        _formal_notice_book(ClientType.PUBLIC, "Mairie de Lyon"),
        seller(),
        settings(),
        tmp_path,
        TODAY,
    )
    text = read_eml(only_eml(tmp_path)).get_body(("plain",)).get_content()
    # 30 days, interest started 27/10/2026 (H2 2026): 2.15 + 8 = 10.15 %:
    #   1000 × 10.15 × 30 / 36500 = 8.342… → 8,34
    assert "Intérêts moratoires arrêtés au 25/11/2026 : 8,34\u00a0€" in text
    assert "taux de la BCE majoré de 8 points" in text


def test_formal_notice_letter_is_rendered_attached_and_listed(tmp_path):
    calls = []

    def render_letter(letter):
        calls.append((letter.recipient, letter.when, letter.subject, list(letter.paragraphs),
                       [astuple(row) for row in letter.rows], letter.lang))
        return b"%PDF-1.7 letter"

    plan, outcome = run_reminders(
        _formal_notice_book(ClientType.COMPANY, "Dupont SA"),
        seller(),
        settings(),
        tmp_path,
        TODAY,
        letter=render_letter,
    )
    recipient, day, subject, paragraphs, rows, lang = calls[0]
    assert recipient.name == "Dupont SA" and recipient.postcode == "75008"
    assert recipient.city == "Paris" and recipient.address_lines == ("3 avenue Foch",)
    assert subject == "Mise en demeure de payer" and day == TODAY and lang == "fr"
    assert any("L441-10" in p for p in paragraphs)
    assert rows == [
        ("F9", date(2026, 9, 26), date(2026, 10, 26), Decimal("1000.00"), 30, Decimal("49.99"))
    ]
    msg = read_eml(only_eml(tmp_path))
    names = [p.get_filename() for p in msg.iter_attachments()]
    assert "Mise_en_demeure_dupont-sa.pdf" in names
    letter = tmp_path / "relances" / "2026-11-25"
    letters = [p.name for p in letter.glob("*.lettre.pdf")]
    assert len(letters) == 1 and letters[0].startswith("20261125-dupont-sa-mise_en_demeure-")
    assert (letter / letters[0]).read_bytes() == b"%PDF-1.7 letter"
    channels = [(r.channel, r.result) for r in outcome.journal_rows]
    assert ("courrier", "lettre à poster") in channels
    assert str(outcome.digest.letters[0].detail).endswith(".lettre.pdf")


def test_missing_pdf_file_is_a_warning_naming_the_invoice(tmp_path):
    book = master(
        [invoice(2, "F1", "Dupont", "500", date(2026, 11, 24), pdf_file="factures/absent.pdf")],
        [client("Dupont")],
    )
    _, outcome = run_reminders(book, seller(), settings(), tmp_path, TODAY)
    issue = [i for i in outcome.issues if i.code == "dunning.pdf_missing"][0]
    assert "F1" in text(issue, "fr") and "factures/absent.pdf" in text(issue, "fr")
    assert len(list(tmp_path.rglob("*.eml"))) == 1


def test_no_attachment_when_disabled(tmp_path):
    pdf = write_pdf(tmp_path, "F1.pdf")
    book = master(
        [invoice(2, "F1", "Dupont", "500", date(2026, 11, 24), pdf_file=pdf)], [client("Dupont")]
    )
    run_reminders(
        book, seller(), settings({"joindre_factures": False, "qr_code": False}), tmp_path, TODAY
    )
    msg = read_eml(only_eml(tmp_path))
    assert [p.get_content_type() for p in msg.walk()] == [
        "multipart/alternative",
        "text/plain",
        "text/html",
    ]


def test_epc_qr_carries_the_same_payload_as_segno_make_epc_qr():
    import segno
    import segno.helpers

    from suivi.mail.compose import epc_qr

    args = (
        "Atelier Dupré",
        "FR7630006000011234567890189",
        Decimal("12.30"),
        "Facture F1",
        "BDFEFRPP",
    )
    ours = epc_qr(*args)
    reference = segno.helpers.make_epc_qr(args[0], args[1], args[2], text=args[3], bic=args[4])
    remade = segno.make_qr(
        segno.helpers._make_epc_qr_data(
            args[0], args[1], args[2], args[3], None, args[4], None, None
        ),
        error="m",
        boost_error=False,
        mask=reference.mask,
    )
    assert remade.matrix == reference.matrix
    assert (ours.version, ours.error) == (reference.version, reference.error)


def test_formal_notice_with_the_real_letter_renderer(tmp_path):
    import io

    from pypdf import PdfReader

    _, outcome = run_reminders(
        _formal_notice_book(ClientType.COMPANY, "Dupont SA"), seller(), settings(), tmp_path, TODAY
    )
    assert not [i for i in outcome.issues if i.code.startswith("dunning.letter")]
    letter = next((tmp_path / "relances" / "2026-11-25").glob("*.lettre.pdf"))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(letter.read_bytes())).pages)
    assert "Mise en demeure de payer" in text and "F9" in text and "Dupont SA" in text
    msg = read_eml(only_eml(tmp_path))
    attached = [
        p for p in msg.iter_attachments() if p.get_filename() == "Mise_en_demeure_dupont-sa.pdf"
    ]
    assert attached and attached[0].get_content() == letter.read_bytes()
    assert "lettre recommandée avec accusé de réception" in msg.get_body(("plain",)).get_content()


def _shape(data: bytes) -> list:
    """Headers (boundaries aside) and every leaf part's type, file name and decoded content."""
    msg = message_from_bytes(data, policy=email_policy.default)
    headers = [(k, v) for k, v in msg.items() if k != "Content-Type"]
    leaves = [(p.get_content_type(), p.get_filename(), p.get("Content-ID"),
               p.get_payload(decode=True)) for p in msg.walk() if not p.is_multipart()]
    kinds = [p.get_content_type() for p in msg.walk() if p.is_multipart()]
    return [headers, kinds, leaves, msg.defects]


def test_fast_attachments_make_the_message_the_email_package_makes():
    """`email_bytes` writes the PDFs' parts itself: parsed back, the message is the one
    `build_email` makes — same headers, same tree, same parts, same bytes in each, no
    defect — with plain names, names the package must encode, and no attachment at all."""
    from datetime import UTC, datetime

    from suivi.mail import compose

    rendered = compose.Rendered("Relance – factures F1, F2", "Bonjour,\nréglez.\n",
                                "<p>Bonjour, réglez.</p><img src=\"cid:qr-virement@suivi\">")
    headers = compose.Headers(to=(compose.address("Dupont & Fils", "compta@dupont.fr"),),
                              message_id="<r1.relance@x.fr>", draft_id="r1",
                              sent_date=datetime(2026, 11, 25, 8, tzinfo=UTC),
                              sender=compose.address("Atelier Dupré", "compta@dupre.fr"))
    pdf = bytes(range(256)) * 300
    cases = [
        [compose.Attachment("FAC2026-00001.pdf", pdf), compose.Attachment("F2.pdf", b"%PDF")],
        [compose.Attachment("Mise_en_demeure_société_Dupré_et_associés.pdf", pdf[:999]),
         compose.Attachment("FAC2026-00003.pdf", b"")],
        [],
    ]
    for attachments in cases:
        fast = compose.email_bytes(rendered, headers, attachments, b"\x89PNG fake")
        slow = compose.message_bytes(compose.build_email(rendered, headers, attachments,
                                                         b"\x89PNG fake"))
        assert _shape(fast) == _shape(slow)
        assert _shape(fast)[3] == []
        assert max(len(row) for row in fast.split(b"\r\n")) <= 78
        assert b"\n" not in fast.replace(b"\r\n", b"")


def test_a_body_holding_the_boundary_falls_back_to_the_email_package(monkeypatch):
    """Should the text ever contain the boundary chosen for the attachments, the message is
    built entirely by the email package (which picks another): never a broken structure."""
    from datetime import UTC, datetime

    from suivi.mail import compose

    monkeypatch.setattr(compose.secrets, "token_hex", lambda n: "ab" * n)
    boundary = "=" * 15 + "ab" * 12 + "=="
    rendered = compose.Rendered("Objet", f"Texte --{boundary}\n", "<p>HTML</p>")
    headers = compose.Headers(to=(compose.address("Dupont", "compta@dupont.fr"),),
                              message_id="<r2.relance@x.fr>", draft_id="r2",
                              sent_date=datetime(2026, 11, 25, 8, tzinfo=UTC))
    attachments = [compose.Attachment("F1.pdf", b"%PDF-1.7 one"),
                   compose.Attachment("F2.pdf", b"%PDF-1.7 two")]
    data = compose.email_bytes(rendered, headers, attachments)
    assert _shape(data) == _shape(compose.message_bytes(
        compose.build_email(rendered, headers, attachments)))
    msg = message_from_bytes(data, policy=email_policy.default)
    assert msg.get_boundary() != boundary
    assert [p.get_filename() for p in msg.iter_attachments()] == ["F1.pdf", "F2.pdf"]
