"""A formal notice claims only the invoices that went through the ladder up to it; the client's
other overdue invoices get their own step, in a clearly marked paragraph outside the sum
formally claimed. The letter to post and the collection file name only the claimed ones.

Calendar: 2026-11-25 is a Wednesday. Default ladder: reminder 1 at D+1, reminder 2 at D+7,
call at D+15, formal notice at D+30, collection at D+45.
"""

from __future__ import annotations

from dataclasses import astuple
from datetime import date
from decimal import Decimal
from email import message_from_bytes
from email import policy as email_policy

import pytest
from test_dunning_policy import CLIENT, FR, plan_for
from test_mail_helpers import TODAY, client, invoice, master, run_reminders, seller, settings

from suivi.core.dunning import DunningHistory, StepReached
from suivi.core.models import Invoice
from suivi.core.plan import TaskKind
from suivi.core.steps import Step

WED = date(2026, 11, 25)


def overdue(row: int, number: str, due: date, step: Step = Step.NONE) -> Invoice:
    return Invoice("Factures", row, number, date(2026, 9, 1), "Dupont SA",
                   amount_ttc=Decimal("1000.00"), due_date=due, reminder_step=int(step))


# (what, invoices, history, claimed by the notice, others → their step, letter, collection)
SCENARIOS = [
    ("30 days late after the call, and 3 days late with no reminder yet",
     [overdue(2, "FAC-072", date(2026, 10, 26)), overdue(3, "FAC-078", date(2026, 11, 22))],
     {"FAC-072": StepReached(Step.PHONE_CALL, date(2026, 11, 10))},
     ["FAC-072"], [("FAC-078", Step.REMINDER_1)], ["FAC-072"], []),
    ("a notice already sent, now waiting for collection, is still claimed",
     [overdue(2, "FAC-060", date(2026, 10, 20)), overdue(3, "FAC-072", date(2026, 10, 26)),
      overdue(4, "FAC-079", date(2026, 11, 17))],
     {"FAC-060": StepReached(Step.FORMAL_NOTICE, date(2026, 11, 20)),
      "FAC-072": StepReached(Step.PHONE_CALL, date(2026, 11, 10)),
      "FAC-079": StepReached(Step.REMINDER_1, date(2026, 11, 18))},
     ["FAC-072", "FAC-060"], [("FAC-079", Step.REMINDER_2)], ["FAC-072", "FAC-060"], []),
    ("31 days late but the call was never made: no notice, the call first",
     [overdue(2, "FAC-072", date(2026, 10, 25))],
     {"FAC-072": StepReached(Step.REMINDER_2, date(2026, 11, 1))},
     [], [], [], []),
    ("collection takes only the invoice past its notice",
     [overdue(2, "FAC-050", date(2026, 10, 1)), overdue(3, "FAC-078", date(2026, 11, 22))],
     {"FAC-050": StepReached(Step.FORMAL_NOTICE, date(2026, 11, 1))},
     [], [], [], ["FAC-050"]),
]


@pytest.mark.parametrize(("invoices", "history", "claimed", "others", "letter", "collection"),
                         [s[1:] for s in SCENARIOS], ids=[s[0] for s in SCENARIOS])
def test_who_a_formal_notice_claims(invoices, history, claimed, others, letter, collection):
    plan = plan_for(invoices, WED, DunningHistory(steps=history), clients=(CLIENT,), checker=FR)
    notices = [m for m in plan.messages if m.step is Step.FORMAL_NOTICE]
    assert [i.number for m in notices for i in m.claimed] == claimed
    assert [(i.number, i.step) for m in notices for i in m.others] == others
    assert [n for t in plan.tasks if t.kind is TaskKind.LETTER for n in t.numbers] == letter
    assert [n for t in plan.tasks if t.kind is TaskKind.COLLECTION
            for n in t.numbers] == collection


def test_the_formal_notice_message_keeps_the_others_out_of_the_sum(tmp_path):
    """Garage Moreau: FAC2026-072, 30 days late after the call, and FAC2026-078, 3 days late
    with no reminder before: the notice claims 1 000 € and penalties on FAC2026-072 only."""
    name = "Garage Moreau"
    book = master(
        [invoice(2, "FAC2026-072", name, "1000.00", date(2026, 10, 26), reminder_step=4,
                 issue_date=date(2026, 9, 26)),
         invoice(3, "FAC2026-078", name, "480.00", date(2026, 11, 22),
                 issue_date=date(2026, 10, 23))],
        [client(name)])
    letters = []

    def render_letter(letter):
        letters.append(letter)
        return b"%PDF-1.7 letter"

    plan, outcome = run_reminders(book, seller(), settings(), tmp_path, TODAY,
                                  letter=render_letter)
    [eml] = sorted((tmp_path / "relances").rglob("*.eml"))
    msg = message_from_bytes(eml.read_bytes(), policy=email_policy.default)
    assert str(msg["Subject"]) == "Mise en demeure de payer – facture FAC2026-072 – Atelier Dupré SARL"
    body = msg.get_body(("plain",)).get_content()
    claim, other = body.split("---- Hors mise en demeure ----")
    assert "FAC2026-072" in claim and "FAC2026-078" not in claim
    assert "Principal restant dû : 1\u202f000,00\u00a0€" in claim
    # 30 days at 12.15 %: 9.99 €, plus the 40 € indemnity of FAC2026-072 only
    assert "Total réclamé : 1\u202f049,99\u00a0€" in claim
    assert "sans qu'elle fasse partie de la présente mise en demeure ni de la somme" in other
    assert "Facture FAC2026-078 du 23/10/2026 : 480,00\u00a0€ restant dû" in other
    assert "Total de ces autres factures : 480,00\u00a0€" in other
    html = msg.get_body(("html",)).get_content()
    assert "Hors mise en demeure." in html
    [letter] = letters
    assert [astuple(row)[0] for row in letter.rows] == ["FAC2026-072"]
    assert not any("FAC2026-078" in p for p in letter.paragraphs)
    steps = {i.number: i.step for m in plan.messages for i in m.items}
    assert steps == {"FAC2026-072": Step.FORMAL_NOTICE, "FAC2026-078": Step.REMINDER_1}
    # the Journal says which invoice got which step: the next run will not take FAC2026-078
    # for an invoice that received the notice
    assert [(r.step, r.invoice_numbers, r.channel) for r in outcome.journal_rows] == [
        ("Mise en demeure", ("FAC2026-072",), "email"),
        ("Relance 1", ("FAC2026-078",), "email"),
        ("Mise en demeure", ("FAC2026-072",), "courrier"),
    ]


def test_a_public_buyer_reminder_says_chorus_pro_and_attaches_no_copy(tmp_path):
    from suivi.core.models import ClientType

    name = "Mairie de Lyon"
    book = master([invoice(2, "FAC2026-069", name, "1725.00", date(2026, 11, 24),
                           issue_date=date(2026, 10, 25))],
                  [client(name, ClientType.PUBLIC)])
    _, outcome = run_reminders(book, seller(), settings(), tmp_path, TODAY)
    [eml] = sorted((tmp_path / "relances").rglob("*.eml"))
    msg = message_from_bytes(eml.read_bytes(), policy=email_policy.default)
    assert not [p for p in msg.iter_attachments() if p.get_content_type() == "application/pdf"]
    body = " ".join(msg.get_body(("plain",)).get_content().split())
    assert ("Cette facture a été déposée sur Chorus Pro. Si elle n'y apparaît pas encore comme "
            "mise en paiement, pourriez-vous vérifier son traitement") in body
    [line] = outcome.digest.drafted
    from suivi.mail.digest import line_text

    assert "vérifiez d'abord sur Chorus Pro" in line_text(line, "fr")
