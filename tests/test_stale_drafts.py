"""A draft waiting for approval whose invoice was paid since. The next morning's run listed it
under « Brouillons en attente d'envoi » and offered it « Oui » in the « Relances à envoyer »
sheet: the team could approve a reminder for an invoice it knew paid (`suivi send` refused it,
but only then). The run now withdraws it first, says why, and drafts anew what may still be
reminded."""

from __future__ import annotations

import json
from datetime import date

import openpyxl
from click.testing import CliRunner
from test_mail_helpers import Server, smtp_config
from test_team_trackers import book_of, run

from suivi.cli import cli

HEADER = ["N° facture", "Client", "Date facture", "Montant TTC", "Montant réglé", "Email"]


def tracker(folder):
    return book_of(folder / "suivi.xlsx", {"Factures": [
        HEADER,
        ["F1", "Alpha", date(2026, 8, 1), 1200, 0, "compta@alpha.example"],
        ["F2", "Beta", date(2026, 8, 2), 800, 0, "compta@beta.example"],
        ["F3", "Gamma", date(2026, 8, 3), 500, 0, "compta@gamma.example"],
    ]})


def paid(book, **amounts):
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["Factures"]
    for row in sheet.iter_rows(min_row=2):
        if row[1].value in amounts:
            row[4].value = amounts[row[1].value]
    workbook.save(book)


def emls(folder):
    return sorted(p.name for p in (folder / "relances").rglob("*.eml"))


def test_a_draft_for_an_invoice_paid_since_is_withdrawn_by_the_next_run(in_folder):
    book = tracker(in_folder)
    first, drafts = run(in_folder, book)
    assert sorted(drafts) == ["compta@alpha.example", "compta@beta.example",
                              "compta@gamma.example"], first.output
    # the next morning: Alpha paid everything, Beta 200 € of its 800 €; nobody approved yet
    paid(book, Alpha=1200, Beta=200)
    second = CliRunner().invoke(cli, ["run", str(book), "--date", "2026-12-02"],
                                catch_exceptions=False)
    out = " ".join(second.output.split())
    pending = out.split("Brouillons en attente d'envoi")[1].split("Messages annulés")[0]
    assert "Alpha" not in pending and "Gamma – Relance 1 – F3" in pending, out
    cancelled = out.split("Messages annulés (2)")[1]
    assert "Alpha – Relance 1 – F1 – 1 200,00 € (facture F1 réglée)" in cancelled, out
    # Beta's 800 € draft is withdrawn too, and drafted anew for the 600 € left, at the same
    # step: Beta never got the first one
    assert "Beta – Relance 1 – F2 – 600,00 €" in out.split("Brouillons préparés")[1], out
    names = emls(in_folder)
    assert not [n for n in names if "alpha" in n], names
    assert [n for n in names if "beta" in n] == ["20261202-beta-relance1-a295.eml"], names
    workbook = openpyxl.load_workbook(book)
    offered = list(workbook["Relances à envoyer"].iter_rows(values_only=True))
    said = " ".join(str(c) for row in offered for c in row if c)
    assert "Alpha" not in said and "Beta" in said and "Gamma" in said, said
    rows = list(workbook["Factures"].iter_rows(values_only=True))
    step = rows[0].index("Niveau de relance")
    assert [r[step] for r in rows[1:]] == [0, 2, 2]  # Alpha's step back where it was


def test_send_afterwards_sends_what_is_left_once(in_folder):
    """The run's withdrawal and `suivi send` agree, with a real SMTP server: Beta and Gamma
    get their reminder once, Alpha (paid) nothing, and send has nothing left to cancel."""
    book = tracker(in_folder)
    with Server() as server:
        config = in_folder / "suivi.toml"
        config.write_text('[classeur]\nfichier = "suivi.xlsx"\n\n[smtp]\n' + "".join(
            f"{key} = {json.dumps(value)}\n" for key, value in smtp_config(server).items()),
            encoding="utf-8")
        env = {"SUIVI_SMTP_PASSWORD": "x"}
        for day in ("2026-12-01", "2026-12-02"):
            done = CliRunner().invoke(cli, ["run", "--config", str(config), "--date", day],
                                      env=env, catch_exceptions=False)
            assert done.exit_code in (0, 1), done.output
            paid(book, Alpha=1200)
        sent = CliRunner().invoke(cli, ["send", "--tous", "--config", str(config), "--date",
                                        "2026-12-02"], env=env, catch_exceptions=False)
        assert sent.exit_code == 0, sent.output
        assert sorted(r for m in server.received for r in m.rcpt_tos) == [
            "compta@beta.example", "compta@gamma.example"]
        assert "annul" not in sent.output.casefold(), sent.output
