"""The policy engine as scenario tables: today + invoice/client/history → expected action.

Every expectation is written by hand. Calendar: 2026-11-25 is a Wednesday, 2026-11-28 a
Saturday, 2026-11-11 (Armistice) a public holiday.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from suivi.core.calendar import business_day_checker, next_business_day, weekdays_only
from suivi.core.dunning import (
    DEFAULT_LADDER,
    DunningHistory,
    DunningPolicy,
    StepReached,
    make_ladder,
)
from suivi.core.ledger import compute_statuses
from suivi.core.models import Client, ClientType, Invoice, normalise_name
from suivi.core.plan import PlanContext, SkipCode, TaskKind, plan_reminders
from suivi.core.steps import Step
from suivi.messages import text

FR = business_day_checker("FR")
POLICY = DunningPolicy()


def inv(due: date, step: int = 0, **changes) -> Invoice:
    values = dict(
        sheet="Factures",
        row=2,
        number="F1",
        client="Dupont SA",
        amount_ttc=Decimal("1000.00"),
        due_date=due,
        reminder_step=step,
    )
    values.update(changes)
    return Invoice(**values)


CLIENT = Client(
    name="Dupont SA", type=ClientType.COMPANY, emails=("a@dupont.fr",), phone="01 02 03 04 05"
)


def plan_for(invoices, today, history=None, clients=(CLIENT,), policy=POLICY, checker=FR, **kw):
    statuses = compute_statuses(invoices, today)
    return plan_reminders(
        invoices,
        statuses,
        PlanContext(
            {normalise_name(c.name): c for c in clients},
            history or DunningHistory(),
            today,
            policy,
            checker,
            **kw,
        ),
    )


def outcome(plan) -> tuple:
    """("message", step) | ("task", kind, step) | ("skip", code) for the single invoice."""
    if plan.messages:
        return ("message", plan.messages[0].step)
    tasks = [t for t in plan.tasks if t.kind is not TaskKind.LETTER]
    if tasks:
        return ("task", tasks[0].kind, tasks[0].items[0].step)
    return ("skip", plan.skipped[0].code)


def H(step: Step, on: date, last_message: date | None = None) -> DunningHistory:
    return DunningHistory(
        steps={"F1": StepReached(step, on)},
        last_message={"dupont sa": last_message} if last_message else {},
    )


WED = date(2026, 11, 25)
SCENARIOS = [
    # (id, today, invoice, history, expected)
    (
        "J-6: too early for the courtesy notice",
        WED,
        inv(date(2026, 12, 1)),
        None,
        ("skip", SkipCode.WAITING),
    ),
    ("J-5: courtesy notice", WED, inv(date(2026, 11, 30)), None, ("message", Step.COURTESY)),
    (
        "J0 after the notice: wait for J+1",
        WED,
        inv(WED, 1),
        H(Step.COURTESY, date(2026, 11, 20)),
        ("skip", SkipCode.WAITING),
    ),
    (
        "J+1 after the notice: reminder 1",
        WED,
        inv(date(2026, 11, 24), 1),
        H(Step.COURTESY, date(2026, 11, 19)),
        ("message", Step.REMINDER_1),
    ),
    (
        "J+1 with nothing yet: reminder 1, the notice is not sent late",
        WED,
        inv(date(2026, 11, 24)),
        None,
        ("message", Step.REMINDER_1),
    ),
    (
        "J+15 after reminder 1 only: reminder 2 (one step per run)",
        WED,
        inv(date(2026, 11, 10), 2),
        H(Step.REMINDER_1, date(2026, 11, 11)),
        ("message", Step.REMINDER_2),
    ),
    (
        "J+15 after reminder 2: phone call task",
        WED,
        inv(date(2026, 11, 10), 3),
        H(Step.REMINDER_2, date(2026, 11, 17)),
        ("task", TaskKind.CALL, Step.PHONE_CALL),
    ),
    (
        "J+30 after the call: formal notice",
        WED,
        inv(date(2026, 10, 26), 4),
        H(Step.PHONE_CALL, date(2026, 11, 10)),
        ("message", Step.FORMAL_NOTICE),
    ),
    (
        "J+55, formal notice 5 days ago: its 8-day delay runs",
        WED,
        inv(date(2026, 10, 1), 5),
        H(Step.FORMAL_NOTICE, date(2026, 11, 20)),
        ("skip", SkipCode.WAITING),
    ),
    (
        "J+55, formal notice 24 days ago: collection",
        WED,
        inv(date(2026, 10, 1), 5),
        H(Step.FORMAL_NOTICE, date(2026, 11, 1)),
        ("task", TaskKind.COLLECTION, Step.COLLECTION),
    ),
    (
        "collection reached: end of the ladder",
        WED,
        inv(date(2026, 9, 1), 6),
        None,
        ("skip", SkipCode.LADDER_END),
    ),
    (
        "paid in full",
        WED,
        inv(date(2026, 11, 10), amount_paid=Decimal("1000.00")),
        None,
        ("skip", SkipCode.PAID),
    ),
    (
        "dispute pauses",
        WED,
        inv(date(2026, 11, 10), dispute=True),
        None,
        ("skip", SkipCode.DISPUTE),
    ),
    (
        "promise yesterday + 3 grace days: paused",
        WED,
        inv(date(2026, 11, 10), promise_date=date(2026, 11, 24)),
        None,
        ("skip", SkipCode.PROMISE),
    ),
    (
        "promise 5 days ago + 3 grace days: resumes",
        WED,
        inv(date(2026, 11, 10), promise_date=date(2026, 11, 20)),
        None,
        ("message", Step.REMINDER_1),
    ),
    (
        "balance below the 5 € minimum",
        WED,
        inv(date(2026, 11, 10), amount_paid=Decimal("996.00")),
        None,
        ("skip", SkipCode.BELOW_MINIMUM),
    ),
    (
        "partially paid and late: reminded for the balance",
        WED,
        inv(date(2026, 11, 10), amount_paid=Decimal("400.00")),
        None,
        ("message", Step.REMINDER_1),
    ),
    (
        "message to the client 2 days ago: minimum interval",
        WED,
        inv(date(2026, 11, 10), 2),
        H(Step.REMINDER_1, date(2026, 11, 11), last_message=date(2026, 11, 23)),
        ("skip", SkipCode.MIN_INTERVAL),
    ),
    (
        "message to the client 5 days ago: allowed again",
        WED,
        inv(date(2026, 11, 10), 2),
        H(Step.REMINDER_1, date(2026, 11, 11), last_message=date(2026, 11, 20)),
        ("message", Step.REMINDER_2),
    ),
    (
        "Saturday: no message",
        date(2026, 11, 28),
        inv(date(2026, 11, 26)),
        None,
        ("skip", SkipCode.NOT_BUSINESS_DAY),
    ),
    (
        "Armistice (public holiday): no message",
        date(2026, 11, 11),
        inv(date(2026, 11, 10)),
        None,
        ("skip", SkipCode.NOT_BUSINESS_DAY),
    ),
    (
        "Saturday: the phone call is still listed",
        date(2026, 11, 28),
        inv(date(2026, 11, 10), 3),
        H(Step.REMINDER_2, date(2026, 11, 17)),
        ("task", TaskKind.CALL, Step.PHONE_CALL),
    ),
    (
        "workbook says step 3 although the journal says 2: the max wins",
        WED,
        inv(date(2026, 11, 10), 3),
        H(Step.REMINDER_1, date(2026, 11, 11)),
        ("task", TaskKind.CALL, Step.PHONE_CALL),
    ),
    (
        "not issued yet",
        WED,
        inv(date(2026, 11, 10), number=None),
        None,
        ("skip", SkipCode.NOT_ISSUED),
    ),
    (
        "cancelled invoice",
        WED,
        inv(date(2026, 11, 10), status_text="annulée"),
        None,
        ("skip", SkipCode.CLOSED),
    ),
]


@pytest.mark.parametrize(
    "name,today,invoice,history,expected", SCENARIOS, ids=[s[0] for s in SCENARIOS]
)
def test_scenario(name, today, invoice, history, expected):
    assert outcome(plan_for([invoice], today, history)) == expected


def test_skip_reasons_say_why_in_french():
    plan = plan_for([inv(date(2026, 11, 10), promise_date=date(2026, 11, 24))], WED)
    assert text(plan.skipped[0].reason, "fr") == (
        "promesse de paiement au 24/11/2026 : relances suspendues jusqu'au 27/11/2026 inclus"
    )
    assert plan.skipped[0].next_date == date(2026, 11, 28)
    plan = plan_for(
        [inv(date(2026, 11, 10), 2)],
        WED,
        H(Step.REMINDER_1, date(2026, 11, 11), last_message=date(2026, 11, 23)),
    )
    # 23/11 + 5 days = Saturday 28/11 → next business day Monday 30/11
    assert "prochain message possible le 30/11/2026" in text(plan.skipped[0].reason, "fr")


def test_client_opted_out_and_unknown_client():
    opted = replace(CLIENT, reminders_enabled=False)
    plan = plan_for([inv(date(2026, 11, 10))], WED, clients=(opted,))
    assert plan.skipped[0].code is SkipCode.OPTED_OUT
    plan = plan_for([inv(date(2026, 11, 10), client="Inconnu SARL")], WED)
    assert plan.skipped[0].code is SkipCode.UNKNOWN_CLIENT
    assert plan.issues[0].where == "Factures!A2"
    assert "Inconnu SARL" in text(plan.issues[0], "fr")


def test_client_without_email_is_an_error_naming_the_client():
    plan = plan_for([inv(date(2026, 11, 10))], WED, clients=(replace(CLIENT, emails=()),))
    assert plan.messages == ()
    assert plan.skipped[0].code is SkipCode.NO_EMAIL
    assert "Dupont SA" in text(plan.issues[0], "fr")


def test_weeks_without_runs_climb_one_step_per_run():
    """Invoice 60 days late, never reminded; runs every business day from 2026-11-25."""
    invoice = inv(date(2026, 9, 26))
    steps: dict[str, StepReached] = {}
    last: dict[str, date] = {}
    reached: list[tuple[date, Step]] = []
    day = WED
    while len(reached) < 6 and day < date(2027, 2, 1):
        history = DunningHistory(steps=dict(steps), last_message=dict(last))
        plan = plan_for([invoice], day, history)
        for item in plan.advances:
            steps["F1"] = StepReached(item.step, day)
            reached.append((day, item.step))
        if plan.messages:
            last["dupont sa"] = day
        day += timedelta(days=1)
    assert reached == [
        (date(2026, 11, 25), Step.REMINDER_1),
        (date(2026, 11, 30), Step.REMINDER_2),  # Wed + 5 days minimum interval = Mon 30
        (date(2026, 12, 1), Step.PHONE_CALL),  # a task: no interval, next run
        (date(2026, 12, 7), Step.FORMAL_NOTICE),  # 5 days after the last message (Sat 5 → Mon 7)
        (date(2026, 12, 16), Step.COLLECTION),  # formal notice + 8 days delay, then the next day
    ]


def test_one_message_per_client_at_the_highest_step_listing_all_overdue_invoices():
    invoices = [
        inv(date(2026, 11, 10), 2, row=2, number="F1"),  # → reminder 2
        inv(date(2026, 11, 24), 0, row=3, number="F2"),  # → reminder 1
        inv(date(2026, 11, 20), 2, row=4, number="F3"),  # reminder 1, waiting
        inv(date(2026, 11, 10), 0, row=5, number="F4", client="Autre"),  # another client
    ]
    history = DunningHistory(
        steps={
            "F1": StepReached(Step.REMINDER_1, date(2026, 11, 11)),
            "F3": StepReached(Step.REMINDER_1, date(2026, 11, 21)),
        }
    )
    other = Client(name="Autre", emails=("x@autre.fr",))
    plan = plan_for(invoices, WED, history, clients=(CLIENT, other))
    assert [(m.client, m.step) for m in plan.messages] == [
        ("Dupont SA", Step.REMINDER_2),
        ("Autre", Step.REMINDER_1),
    ]
    dupont = plan.messages[0]
    assert [(i.number, i.step, i.advancing) for i in dupont.items] == [
        ("F1", Step.REMINDER_2, True),
        ("F2", Step.REMINDER_1, True),
        ("F3", Step.REMINDER_1, False),
    ]
    assert dupont.total_due == Decimal("3000.00")


def test_formal_notice_adds_a_letter_to_post():
    plan = plan_for([inv(date(2026, 10, 26), 4)], WED, H(Step.PHONE_CALL, date(2026, 11, 10)))
    letters = [t for t in plan.tasks if t.kind is TaskKind.LETTER]
    assert len(letters) == 1 and letters[0].numbers == ("F1",)


def test_installment_plan_extension_point_amount_due_now():
    # only the installment that fell due (300 €) is claimed; below the minimum → skipped
    plan = plan_for([inv(date(2026, 11, 10))], WED, amount_due=lambda i, d: Decimal("300"))
    assert plan.messages[0].items[0].amount_due == Decimal("300")
    plan = plan_for([inv(date(2026, 11, 10))], WED, amount_due=lambda i, d: Decimal("0"))
    assert plan.skipped[0].code is SkipCode.BELOW_MINIMUM


def test_promise_recorded_elsewhere_pauses_too():
    history = DunningHistory(promises={"F1": date(2026, 11, 30)})
    plan = plan_for([inv(date(2026, 11, 10))], WED, history)
    assert plan.skipped[0].code is SkipCode.PROMISE


def test_ladder_without_phone_call_when_two_reminders_are_enough():
    ladder = make_ladder({Step.REMINDER_1: 1, Step.REMINDER_2: 7, Step.FORMAL_NOTICE: 30})
    policy = DunningPolicy(ladders=dict.fromkeys(ClientType, ladder), min_reminders_before_severe=2)
    plan = plan_for(
        [inv(date(2026, 10, 20), 3)], WED, H(Step.REMINDER_2, date(2026, 11, 1)), policy=policy
    )
    assert outcome(plan) == ("message", Step.FORMAL_NOTICE)


def test_english_client_gets_english():
    plan = plan_for([inv(date(2026, 11, 24))], WED, clients=(replace(CLIENT, language="en"),))
    assert plan.messages[0].language == "en"
    assert plan_for([inv(date(2026, 11, 24))], WED).messages[0].language == "fr"


def test_calendar_helpers():
    assert weekdays_only(date(2026, 11, 11)) is True
    assert FR(date(2026, 11, 11)) is False
    assert next_business_day(date(2026, 11, 28), FR) == date(2026, 11, 30)
    alsace = business_day_checker("FR", "57")
    assert alsace(date(2026, 12, 26)) is False  # Saint-Étienne in Moselle (a Saturday anyway)
    assert alsace(date(2026, 4, 3)) is False  # Good Friday in Moselle
    assert FR(date(2026, 4, 3)) is True
    closed = business_day_checker("FR", extra_closed=[date(2026, 12, 24)])
    assert closed(date(2026, 12, 24)) is False


def test_default_ladder_offsets():
    assert DEFAULT_LADDER.offsets == (
        (Step.COURTESY, -5),
        (Step.REMINDER_1, 1),
        (Step.REMINDER_2, 7),
        (Step.PHONE_CALL, 15),
        (Step.FORMAL_NOTICE, 30),
        (Step.COLLECTION, 45),
    )
