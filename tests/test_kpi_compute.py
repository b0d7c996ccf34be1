"""Indicators on a small hand-made ledger; every expected value is worked out by hand below.

Today is 15/03/2025 and the period is 90 days: 15 days of March + 28 of February + 31 of January
= 74, so the period starts 16 days before January, on 16/12/2024.

Clients: Alpha (plafond 5 000), Beta (plafond 20 000), Gamma, Delta.

| row | n°     | client | émise      | échéance   | TTC   | réglé                                  | notes                      |
|-----|--------|--------|------------|------------|-------|----------------------------------------|----------------------------|
| 2   | F1     | Alpha  | 05/11/2024 | 05/12/2024 | 1 200 | 1 200 le 20/12/2024 (colonnes)          | Avis d'échéance au Journal |
| 3   | F2     | Alpha  | 10/01/2025 | 09/02/2025 | 3 000 | 1 000 le 31/01 + 2 000 le 20/02 (Paiements) | Niveau 3, pas de Journal |
| 4   | F3     | Alpha  | 01/02/2025 | 03/03/2025 | 2 400 | 400 le 10/03/2025 (partiel)            | Relance 1 le 04/03         |
| 5   | F4     | Alpha  | 01/03/2025 | 31/03/2025 | 4 800 | —                                      | non échue                  |
| 6   | F5     | Beta   | 15/10/2024 | 14/11/2024 | 6 000 | —                                      | Relances 1, 2, appel, MED  |
| 7   | F6     | Beta   | 20/12/2024 | 19/01/2025 | 1 800 | 1 200 le 03/02/2025                    | avoir AV1 de 600 ; Relance 1 |
| 8   | F7     | Gamma  | 10/02/2025 | 12/03/2025 |   900 | 900 le 05/03/2025 (en avance)          |                            |
| 9   | F8     | Gamma  | 01/06/2024 | 01/07/2024 |   500 | 500 le 11/07/2024 (hors période)       |                            |
| 10  | F9     | Delta  | 20/01/2025 | 19/02/2025 | 2 500 | —                                      | litige                     |
| 11  | F10    | Delta  | 25/01/2025 | 24/02/2025 |   999 | —                                      | annulée                    |
| 12  | —      | Gamma  | —          | —          |   777 | —                                      | à émettre                  |
| 13  | AV-001 | Beta   | 05/01/2025 |            |   600 |                                        | avoir sur F6               |
| 14  | AV-002 | Gamma  | 15/02/2025 |            |  -150 |                                        | avoir sans facture         |

Plus one Paiements row of 350 € on 01/03/2025 with no invoice number.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from suivi.core.kpi import KpiSettings, compute_kpis, dso_exhaustion, reliability_score
from suivi.core.ledger import compute_statuses
from suivi.core.models import (
    Client,
    Invoice,
    InvoiceKind,
    JournalEntry,
    Payment,
    Status,
    normalise_name,
)

TODAY = date(2025, 3, 15)
D = Decimal


def q(value: Decimal | None, places: str = "0.01") -> Decimal | None:
    return None if value is None else value.quantize(D(places))


def inv(
    row: int,
    number: str | None,
    client: str,
    issued: date | None,
    due: date | None,
    ttc: str,
    paid: str = "0",
    paid_on: date | None = None,
    **extra,
) -> Invoice:
    return Invoice(
        "Factures",
        row,
        number=number,
        issue_date=issued,
        client=client,
        amount_ttc=D(ttc),
        due_date=due,
        amount_paid=D(paid),
        payment_date=paid_on,
        **extra,
    )


def ledger():
    clients = {
        normalise_name(c.name): c
        for c in (
            Client("Alpha SARL", credit_limit=D("5000")),
            Client("Beta SA", credit_limit=D("20000")),
            Client("Gamma"),
            Client("Delta"),
        )
    }
    invoices = [
        inv(
            2,
            "F1",
            "Alpha SARL",
            date(2024, 11, 5),
            date(2024, 12, 5),
            "1200",
            "1200",
            date(2024, 12, 20),
            reminder_step=1,
        ),
        inv(
            3,
            "F2",
            "Alpha SARL",
            date(2025, 1, 10),
            date(2025, 2, 9),
            "3000",
            "3000",
            date(2025, 2, 20),
            reminder_step=3,
        ),
        inv(
            4,
            "F3",
            "alpha sarl",
            date(2025, 2, 1),
            date(2025, 3, 3),
            "2400",
            "400",
            date(2025, 3, 10),
            reminder_step=2,
        ),
        inv(5, "F4", "Alpha SARL", date(2025, 3, 1), date(2025, 3, 31), "4800"),
        inv(6, "F5", "Beta SA", date(2024, 10, 15), date(2024, 11, 14), "6000", reminder_step=5),
        inv(
            7,
            "F6",
            "Beta SA",
            date(2024, 12, 20),
            date(2025, 1, 19),
            "1800",
            "1200",
            date(2025, 2, 3),
            reminder_step=2,
        ),
        inv(8, "F7", "Gamma", date(2025, 2, 10), date(2025, 3, 12), "900", "900", date(2025, 3, 5)),
        inv(9, "F8", "Gamma", date(2024, 6, 1), date(2024, 7, 1), "500", "500", date(2024, 7, 11)),
        inv(
            10,
            "F9",
            "Delta",
            date(2025, 1, 20),
            date(2025, 2, 19),
            "2500",
            dispute=True,
            last_action="Appel client : conteste la livraison",
            last_action_date=date(2025, 3, 1),
        ),
        inv(11, "F10", "Delta", date(2025, 1, 25), date(2025, 2, 24), "999", status_text="annulée"),
        inv(12, None, "Gamma", None, None, "777", status_text="à émettre"),
        inv(
            13,
            "AV-001",
            "Beta SA",
            date(2025, 1, 5),
            None,
            "600",
            kind=InvoiceKind.CREDIT_NOTE,
            original_number="F6",
        ),
        inv(14, "AV-002", "Gamma", date(2025, 2, 15), None, "-150", kind=InvoiceKind.CREDIT_NOTE),
    ]
    payments = [
        Payment(date(2025, 1, 31), D("1000"), "F2", "Alpha SARL"),
        Payment(date(2025, 2, 20), D("2000"), "F2", "Alpha SARL"),
        Payment(date(2025, 3, 1), D("350"), None, "Gamma"),
    ]
    journal = [
        JournalEntry(date(2024, 11, 30), ("F1",), "Alpha SARL", "Avis d'échéance", "e-mail"),
        JournalEntry(date(2025, 3, 4), ("F3",), "Alpha SARL", "Relance 1", "e-mail"),
        JournalEntry(date(2024, 11, 15), ("F5",), "Beta SA", "Relance 1", "e-mail"),
        JournalEntry(date(2024, 11, 21), ("F5",), "Beta SA", "Relance 2 (J+7)", "e-mail"),
        JournalEntry(date(2024, 11, 29), ("F5",), "Beta SA", "Appel téléphonique", "téléphone"),
        JournalEntry(date(2024, 12, 14), ("F5",), "Beta SA", "Mise en demeure", "courrier"),
        JournalEntry(date(2025, 1, 20), ("F6",), "Beta SA", "2", "e-mail"),
    ]
    return invoices, payments, journal, clients


@pytest.fixture(scope="module")
def report():
    invoices, payments, journal, clients = ledger()
    statuses = compute_statuses(invoices, TODAY)
    return compute_kpis(invoices, payments, journal, clients, statuses, TODAY, KpiSettings())


def test_period(report):
    assert report.period_start == date(2024, 12, 16)
    assert report.period_days == 90


def test_balances(report):
    # open: F3 2 400 − 400 = 2 000 ; F4 4 800 ; F5 6 000 ; F9 2 500 (disputed)
    # F6: 1 800 − 1 200 paid − 600 credit note AV-001 = 0 → closed ; F10 cancelled, row 12 draft
    assert report.receivables == D("15300")
    # past due: F3 (12 d), F5 (121 d), F9 (24 d) = 2 000 + 6 000 + 2 500
    assert report.overdue == D("10500")
    assert report.not_due == D("4800")  # F4, due 31/03
    assert report.disputed == D("2500")
    assert report.unapplied_credit == D("150")  # AV-002 names no invoice; AV-001 fully used on F6
    assert (report.open_count, report.overdue_count) == (4, 3)


def test_invoiced_and_collected(report):
    # issued 16/12/2024..15/03/2025: F2 3 000 + F3 2 400 + F4 4 800 + F6 1 800 + F7 900 + F9 2 500
    # = 15 400, minus credit notes AV-001 600 and AV-002 150 = 14 650 (F10 cancelled: not counted)
    assert report.invoiced == D("14650")
    # dated in the period: F1 1 200 (20/12) + F2 1 000 + 2 000 + F3 400 + F6 1 200 + F7 900
    # + unlinked 350 = 7 050 ; F8's 500 (11/07/2024) is outside
    assert report.collected == D("7050")


def test_dso_simple(report):
    # 15 300 ÷ 14 650 × 90 = 1 377 000 ÷ 14 650 = 93.993…
    assert q(report.dso_simple) == D("93.99")


def test_dso_exhaustion(report):
    # invoiced by month: March (1–15) F4 4 800 ; February F3 2 400 + F7 900 − AV-002 150 = 3 150 ;
    # January F2 3 000 + F9 2 500 − AV-001 600 = 4 900 ; December F6 1 800 ; November F1 1 200.
    # 15 300 − 4 800 = 10 500 (15 d) − 3 150 = 7 350 (+28 = 43 d) − 4 900 = 2 450 (+31 = 74 d)
    # − 1 800 = 650 (+31 = 105 d) ; November: 650 ÷ 1 200 × 30 = 16.25 → 121.25 days
    assert report.dso_exhaustion == D("121.25")
    assert report.dso_exhaustion_capped is False


def test_payment_delays(report):
    # settled in the period: F1 05/11→20/12 = 45 d ; F2 10/01→20/02 = 41 d ;
    # F6 20/12→03/02 = 45 d (its last payment plus the credit note cover it) ; F7 10/02→05/03 = 23 d
    assert report.paid_count == 4
    assert report.dmp == D("38.5")  # (45 + 41 + 45 + 23) ÷ 4 = 154 ÷ 4
    # vs due date: F1 +15, F2 +11, F6 +15, F7 −7 (early)
    assert report.average_days_late == D("10.25")  # (15 + 11 + 15 + 0) ÷ 4 = 41 ÷ 4
    assert report.average_days_vs_due == D("8.5")  # (15 + 11 + 15 − 7) ÷ 4 = 34 ÷ 4


def test_weighted_dmp_counts_each_payment_at_its_date(report):
    # payments dated in the period, amount × days since the invoice date:
    # F1 1 200 × 45 = 54 000 ; F2 1 000 × 21 (31/01) = 21 000 and 2 000 × 41 = 82 000 ;
    # F3 (still partly paid) 400 × 37 (01/02→10/03) = 14 800 ; F6 1 200 × 45 = 54 000 ;
    # F7 900 × 23 = 20 700 ; the unlinked 350 has no invoice date and is left out.
    # 246 500 ÷ 6 700 = 36.791…
    assert q(report.dmp_weighted) == D("36.79")


def test_rates(report):
    assert q(report.unpaid_rate, "0.0001") == D("0.7167")  # 10 500 ÷ 14 650 = 0.71672…
    assert q(report.collection_rate, "0.0001") == D("0.4812")  # 7 050 ÷ 14 650 = 0.48122…


def test_reminders(report):
    # steps reached: F1 {1} (courtesy only) ; F2 {1, 2, 3} (Niveau 3, no Journal rows) ;
    # F3 {2} ; F5 {2, 3, 4, 5} ; F6 {2} (Journal "2" = Relance 1)
    # settled in the period: F1 0 reminders, F2 2, F6 1, F7 0 → 3 ÷ 4
    assert report.average_reminders == D("0.75")
    rates = {r.step: (r.reached, r.paid, r.rate) for r in report.step_rates}
    assert rates[2] == (4, 1, D("0.25"))  # F2, F3, F5, F6 reached it; only F6 paid there
    assert rates[3] == (2, 1, D("0.5"))  # F2 (paid at Relance 2), F5
    assert rates[4] == (1, 0, D("0"))  # F5
    assert rates[5] == (1, 0, D("0"))  # F5, still open after the formal notice
    assert rates[6] == (0, 0, None)
    assert [r.label for r in report.step_rates] == [
        "Relance 1",
        "Relance 2",
        "Appel téléphonique",
        "Mise en demeure",
        "Recouvrement",
    ]


def test_aging_total(report):
    # F4 not due ; F3 12 d and F9 24 d in 1–30 ; F5 121 d beyond 90
    assert [(b.label, b.amount, b.count) for b in report.aging] == [
        ("Non échu", D("4800"), 1),
        ("1–30 j", D("4500"), 2),
        ("31–60 j", D("0"), 0),
        ("61–90 j", D("0"), 0),
        ("> 90 j", D("6000"), 1),
    ]
    assert sum(b.amount for b in report.aging) == report.receivables


def test_clients(report):
    rows = {c.name: c for c in report.clients}
    assert [c.name for c in report.clients] == ["Alpha SARL", "Beta SA", "Delta", "Gamma"]
    alpha = rows["Alpha SARL"]  # "alpha sarl" on F3 is the same client
    assert alpha.receivables == D("6800")  # F3 2 000 + F4 4 800
    assert alpha.aging == (D("4800"), D("2000"), D("0"), D("0"), D("0"))
    assert alpha.late_count == 1
    # sample: F1 settled 15 d late, F2 11 d late, F3 open 12 d late → 38 ÷ 3
    assert q(alpha.average_days_late) == D("12.67")
    # 100 − 12.67 − 30 × 3/3 − min(20, 10 × (0 + 2 + 1)/3) = 100 − 12.67 − 30 − 10 = 47.33
    assert alpha.score == 47
    assert alpha.credit_limit == D("5000") and alpha.over_limit is True

    beta = rows["Beta SA"]
    assert beta.receivables == D("6000") and beta.overdue == D("6000")
    assert beta.aging == (D("0"), D("0"), D("0"), D("0"), D("6000"))
    # sample: F6 settled 15 d late (1 reminder), F5 open 121 d (4 reminders) → 136 ÷ 2 = 68
    assert beta.average_days_late == D("68")
    # 100 − min(50, 68) − 30 × 2/2 − min(20, 10 × 5/2) = 100 − 50 − 30 − 20 = 0
    assert beta.score == 0
    assert beta.over_limit is False

    gamma = rows["Gamma"]
    assert gamma.receivables == D("0")
    # F7 paid 7 days early (counts 0), F8 10 days late → 10 ÷ 2 = 5
    assert gamma.average_days_late == D("5")
    assert gamma.score == 80  # 100 − 5 − 30 × 1/2 − 0
    assert gamma.credit_limit is None and gamma.over_limit is False

    delta = rows["Delta"]  # F10 is cancelled: only the disputed F9 counts
    assert delta.receivables == D("2500")
    assert delta.aging == (D("0"), D("2500"), D("0"), D("0"), D("0"))
    assert delta.average_days_late == D("24")
    assert delta.score == 46  # 100 − 24 − 30 × 1/1 − 0


def test_forecast(report):
    # clients' average delay vs due (paid in the last 365 days): Alpha (15 + 11) ÷ 2 = 13 ;
    # Beta 15 ; Gamma (−7 + 10) ÷ 2 = 1.5 → 2 ; Delta none → all clients (15+11+15−7+10) ÷ 5 → 9
    # F3 03/03 + 13 = 16/03 → week 1 (15–21/03) ; F4 31/03 + 13 = 13/04 → 29 d → week 5 (12–18/04)
    # F5 121 d past due > 90 and F9 disputed → uncertain
    weeks = report.forecast
    assert len(weeks) == 12
    assert (weeks[0].start, weeks[0].end) == (date(2025, 3, 15), date(2025, 3, 21))
    assert (weeks[4].start, weeks[4].end) == (date(2025, 4, 12), date(2025, 4, 18))
    assert [(i, w.amount, w.count) for i, w in enumerate(weeks) if w.count] == [
        (0, D("2000"), 1),
        (4, D("4800"), 1),
    ]
    assert report.forecast_total == D("6800")
    assert report.forecast_later == D("0")
    assert report.forecast_uncertain == D("8500")  # 6 000 + 2 500


def test_forecast_shift_beyond_horizon_and_past_dates():
    # one client paying 20 days late on average; open invoices due in 80 days and 30 days ago
    today = date(2025, 3, 15)
    invoices = [
        inv(
            2, "P1", "Zeta", date(2024, 12, 1), date(2024, 12, 31), "100", "100", date(2025, 1, 20)
        ),
        inv(3, "P2", "Zeta", date(2025, 3, 1), date(2025, 6, 3), "700"),  # 80 d ahead + 20 = 100 d
        inv(4, "P3", "Zeta", date(2025, 1, 14), date(2025, 2, 13), "300"),  # 30 d late, +20 → past
    ]
    report = compute_kpis(invoices, [], [], {}, None, today, KpiSettings(forecast_weeks=12))
    assert report.forecast_later == D("700")  # 100 d ≥ 12 weeks (84 d)
    assert report.forecast[0].amount == D("300")  # expected 05/03, already passed → week 1
    assert report.forecast_uncertain == D("0")


def test_late_invoices(report):
    late = report.late_invoices
    assert [i.number for i in late] == ["F5", "F9", "F3"]  # 121, 24 and 12 days
    f5, f9, f3 = late
    assert (f5.client, f5.amount_due, f5.due_date, f5.days_late) == (
        "Beta SA",
        D("6000"),
        date(2024, 11, 14),
        121,
    )
    assert (f5.last_action, f5.last_action_date) == (
        "Mise en demeure (courrier)",
        date(2024, 12, 14),
    )
    assert (f5.actions_count, f5.step, f5.step_label) == (4, 5, "Mise en demeure")
    assert (f5.status, f5.status_label) == (Status.OVERDUE, "en retard (121 j)")
    # no Journal row: the invoice's own Dernière action is shown
    assert (f9.last_action, f9.last_action_date) == (
        "Appel client : conteste la livraison",
        date(2025, 3, 1),
    )
    assert (f9.actions_count, f9.step, f9.status, f9.status_label) == (
        0,
        0,
        Status.DISPUTED,
        "litige",
    )
    assert (f3.amount_due, f3.days_late, f3.step_label) == (D("2000"), 12, "Relance 1")
    assert f3.last_action == "Relance 1 (e-mail)"
    assert f3.status_label == "partiellement réglée, en retard (12 j)"


def test_monthly(report):
    months = {m.month: (m.invoiced, m.collected) for m in report.monthly}
    assert list(months)[0] == date(2024, 4, 1) and list(months)[-1] == date(2025, 3, 1)
    assert len(months) == 12
    assert months[date(2024, 6, 1)] == (D("500"), D("0"))  # F8
    assert months[date(2024, 7, 1)] == (D("0"), D("500"))  # F8 paid 11/07
    assert months[date(2024, 10, 1)] == (D("6000"), D("0"))  # F5
    assert months[date(2024, 12, 1)] == (D("1800"), D("1200"))  # F6 ; F1 paid 20/12
    assert months[date(2025, 1, 1)] == (D("4900"), D("1000"))  # F2 + F9 − AV-001 ; F2 31/01
    assert months[date(2025, 2, 1)] == (D("3150"), D("3200"))  # F3 + F7 − AV-002 ; F2 + F6
    assert months[date(2025, 3, 1)] == (D("4800"), D("1650"))  # F4 ; F3 400 + F7 900 + 350


def test_to_dict_is_json_ready(report):
    data = report.to_dict()
    text = json.dumps(data)  # no Decimal, date or enum left
    assert json.loads(text) == data
    assert data["today"] == "2025-03-15"
    assert data["receivables"] == "15300.00"
    assert data["dso_simple"] == "94.0"
    assert data["dso_exhaustion"] == "121.3"  # 121.25 rounded half up to a tenth
    assert data["unpaid_rate"] == "0.7167"
    assert data["average_reminders"] == "0.75"
    assert data["late_invoices"][0]["status"] == "en retard"
    assert data["late_invoices"][0]["due_date"] == "2024-11-14"
    assert data["clients"][0]["aging"] == ["4800.00", "2000.00", "0.00", "0.00", "0.00"]
    assert data["step_rates"][4]["rate"] is None
    assert data["aging_bounds"] == [30, 60, 90]


def test_statuses_are_computed_when_not_given():
    invoices, payments, journal, clients = ledger()
    given = compute_kpis(
        invoices,
        payments,
        journal,
        clients,
        compute_statuses(invoices, TODAY),
        TODAY,
        KpiSettings(),
    )
    assert compute_kpis(invoices, payments, journal, clients, None, TODAY, KpiSettings()) == given


def test_custom_aging_bounds():
    invoices, payments, journal, clients = ledger()
    report = compute_kpis(
        invoices, payments, journal, clients, None, TODAY, KpiSettings(aging_bounds=(15, 45))
    )
    # F3 12 d → 1–15 ; F9 24 d → 16–45 ; F5 121 d → > 45
    assert [(b.label, b.amount) for b in report.aging] == [
        ("Non échu", D("4800")),
        ("1–15 j", D("2000")),
        ("16–45 j", D("2500")),
        ("> 45 j", D("6000")),
    ]


def test_shorter_period():
    invoices, payments, journal, clients = ledger()
    report = compute_kpis(
        invoices, payments, journal, clients, None, TODAY, KpiSettings(period_days=30)
    )
    # 14/02–15/03: invoiced F4 4 800 + AV-002 −150 = 4 650 (F7 10/02 is before)
    assert report.period_start == date(2025, 2, 14)
    assert report.invoiced == D("4650")
    # 15 300 ÷ 4 650 × 30 = 98.709…
    assert q(report.dso_simple) == D("98.71")
    # collected: F2 2 000 (20/02) + F3 400 + F7 900 + 350 = 3 650
    assert report.collected == D("3650")
    # settled: F2 41 d and F7 23 d → 32
    assert (report.paid_count, report.dmp) == (2, D("32"))


def test_empty_ledger():
    report = compute_kpis([], [], [], {}, {}, TODAY, KpiSettings())
    assert report.receivables == D("0")
    assert report.dso_simple is None  # nothing invoiced: not computable
    assert report.dso_exhaustion == D("0")  # nothing owed
    assert report.dmp is None and report.dmp_weighted is None and report.average_days_late is None
    assert report.unpaid_rate is None and report.collection_rate is None
    assert report.average_reminders is None
    assert report.clients == () and report.late_invoices == ()
    assert len(report.forecast) == 12 and len(report.monthly) == 12
    json.dumps(report.to_dict())


def test_overpaid_and_undated_payments():
    invoices = [
        # overpaid: −50 owed is not a negative receivable
        inv(2, "O1", "Eta", date(2025, 3, 1), date(2025, 3, 31), "100", "150", date(2025, 3, 5)),
        # paid, but the payment has no date: no delay can be measured
        inv(3, "O2", "Eta", date(2025, 3, 1), date(2025, 3, 31), "200", "200", None),
    ]
    report = compute_kpis(invoices, [], [], {}, None, TODAY, KpiSettings())
    assert report.receivables == D("0")
    assert report.paid_count == 1  # O1 only, settled on 05/03 (4 days)
    assert report.dmp == D("4")
    assert report.collected == D("150")  # what came in, undated money left out


def test_exhaustion_example_and_cap():
    # documented example: 10 000 owed on 15/03/2025 ; March 4 000 ; February 5 000 ; January 2 000
    # 10 000 − 4 000 (15 d) − 5 000 (+28 = 43 d) → 1 000 ÷ 2 000 × 31 = 15.5 → 58.5 days
    by_month = {2025 * 12 + 2: D("4000"), 2025 * 12 + 1: D("5000"), 2025 * 12: D("2000")}
    assert dso_exhaustion(D("10000"), by_month, TODAY, 24) == (D("58.5"), False)
    # more owed than three months of sales: 15 + 28 + 31 days, capped
    assert dso_exhaustion(D("20000"), by_month, TODAY, 3) == (D("74"), True)
    # a month without sales counts fully: nothing in March → 15 + 4 000 ÷ 5 000 × 28 = 37.4
    assert dso_exhaustion(D("4000"), {2025 * 12 + 1: D("5000")}, TODAY, 24) == (D("37.4"), False)


@pytest.mark.parametrize(
    "average, late, reminders, count, expected",
    [
        (D("0"), 0, 0, 4, 100),  # always on time, never reminded
        (D("10"), 2, 2, 4, 70),  # 100 − 10 − 15 − 5
        (D("80"), 4, 12, 4, 0),  # 100 − 50 − 30 − 20
        (D("2.5"), 1, 1, 2, 78),  # 100 − 2.5 − 15 − 5 = 77.5 → 78 (half up)
        (None, 0, 0, 0, None),  # no sample
    ],
)
def test_reliability_score(average, late, reminders, count, expected):
    assert reliability_score(average, late, reminders, count) == expected
