"""Statuses as a scenario table: today + invoice state → status and days late."""

from datetime import date
from decimal import Decimal as D

import pytest

from suivi.core.ledger import (
    compute_status,
    effective_payments,
    paid_on,
    payments_by_invoice,
    says_no_reminder,
    status_hint,
)
from suivi.core.models import Invoice, InvoiceKind, Payment, Status

TODAY = date(2026, 11, 25)


def inv(**kw):
    base = dict(
        sheet="Factures",
        row=2,
        number="FAC2026-001",
        issue_date=date(2026, 10, 1),
        client="Client A",
        amount_ttc=D("1200.00"),
        due_date=date(2026, 10, 31),
    )
    base.update(kw)
    return Invoice(**base)


SCENARIOS = [
    # (description, invoice fields, expected status, days late, label)
    ("no number yet", dict(number=None), Status.TO_ISSUE, 0, "à émettre"),
    ("typed as to issue", dict(status_text="À émettre"), Status.TO_ISSUE, 0, "à émettre"),
    ("issued, not due", dict(due_date=date(2026, 12, 1)), Status.ISSUED, 0, "émise"),
    ("due today", dict(due_date=TODAY), Status.DUE_TODAY, 0, "échue aujourd'hui"),
    ("25 days late", dict(), Status.OVERDUE, 25, "en retard (25 j)"),
    ("paid in full", dict(amount_paid=D("1200.00")), Status.PAID, 0, "réglée"),
    ("paid within a cent", dict(amount_paid=D("1199.995")), Status.PAID, 0, "réglée"),
    ("overpaid", dict(amount_paid=D("1250")), Status.OVERPAID, 0, "trop-perçu"),
    (
        "partially paid, late",
        dict(amount_paid=D("200")),
        Status.PARTIALLY_PAID,
        25,
        "partiellement réglée, en retard (25 j)",
    ),
    (
        "partially paid, not due",
        dict(amount_paid=D("200"), due_date=date(2026, 12, 5)),
        Status.PARTIALLY_PAID,
        0,
        "partiellement réglée",
    ),
    ("dispute flag", dict(dispute=True), Status.DISPUTED, 25, "litige"),
    ("dispute typed in status", dict(status_text="Litige client"), Status.DISPUTED, 25, "litige"),
    (
        "credit note",
        dict(kind=InvoiceKind.CREDIT_NOTE, amount_ttc=D("-120")),
        Status.CREDIT_NOTE,
        0,
        "avoir",
    ),
    ("cancelled", dict(status_text="Annulée"), Status.CANCELLED, 0, "annulée"),
    ("marked paid by the team, amounts empty", dict(status_text="Payée"), Status.PAID, 0, "réglée"),
    ("English 'Paid'", dict(status_text="Paid"), Status.PAID, 0, "réglée"),
    (
        "'Payée partiellement' is not paid",
        dict(status_text="Payée partiellement"),
        Status.OVERDUE,
        25,
        "en retard (25 j)",
    ),
    (
        "old suivi label is recomputed",
        dict(status_text="en retard"),
        Status.OVERDUE,
        25,
        "en retard (25 j)",
    ),
    ("paid beats dispute", dict(dispute=True, amount_paid=D("1200")), Status.PAID, 0, "réglée"),
]


@pytest.mark.parametrize(
    "desc, fields, status, days, label", SCENARIOS, ids=[s[0] for s in SCENARIOS]
)
def test_status(desc, fields, status, days, label):
    info = compute_status(inv(**fields), TODAY)
    assert info.status is status
    assert info.days_late == days
    assert info.label == label


def test_effective_payments_prefer_payment_sheet_and_keep_the_difference():
    invoice = inv(amount_paid=D("1000"), payment_date=date(2026, 11, 20))
    linked = payments_by_invoice(
        [
            Payment(date(2026, 11, 2), D("300"), "FAC2026-001"),
            Payment(date(2026, 11, 10), D("500"), "FAC2026-001"),
            Payment(date(2026, 11, 11), D("99"), "FAC2026-999"),
        ]
    )
    payments = effective_payments(invoice, linked)
    # 300 + 500 listed, and 200 more typed in Montant réglé on the 20th
    assert [(p.date, p.amount) for p in payments] == [
        (date(2026, 11, 2), D("300")),
        (date(2026, 11, 10), D("500")),
        (date(2026, 11, 20), D("200")),
    ]
    assert paid_on(invoice, linked) is None  # 1000 of 1200: not fully paid
    full = inv(amount_paid=D("1200"), payment_date=date(2026, 11, 21))
    assert paid_on(full, linked) == date(2026, 11, 21)


def test_credit_notes_are_netted_against_the_invoice_they_reference():
    from suivi.core.ledger import compute_statuses

    invoice = inv(row=2)
    partial_credit = inv(
        row=3,
        number="AV2026-001",
        kind=InvoiceKind.CREDIT_NOTE,
        amount_ttc=D("-200"),
        original_number="FAC2026-001",
    )
    statuses = compute_statuses([invoice, partial_credit], TODAY)
    assert statuses[2].status is Status.PARTIALLY_PAID  # 200 credited, 1 000 still owed
    assert statuses[2].days_late == 25
    full_credit = inv(
        row=4,
        number="AV2026-002",
        kind=InvoiceKind.CREDIT_NOTE,
        amount_ttc=D("-1000"),
        original_number="FAC2026-001",
    )
    statuses = compute_statuses([invoice, partial_credit, full_credit], TODAY)
    assert statuses[2].status is Status.PAID  # 200 + 1 000 credited = 1 200
    assert statuses[3].status is Status.CREDIT_NOTE


def test_a_final_invoice_deducts_its_deposits():
    from suivi.core.ledger import compute_statuses, final_deposits

    deposit = inv(
        row=2,
        number="FAC2026-001",
        kind=InvoiceKind.DEPOSIT,
        po_reference="BC-7",
        issue_date=date(2026, 9, 1),
        amount_ttc=D("300"),
        amount_paid=D("300"),
    )
    other = inv(
        row=3,
        number="FAC2026-002",
        kind=InvoiceKind.DEPOSIT,
        po_reference="BC-8",
        issue_date=date(2026, 9, 2),
        amount_ttc=D("999"),
    )
    final = inv(
        row=4,
        number="FAC2026-003",
        po_reference="BC-7",
        issue_date=date(2026, 10, 1),
        amount_ttc=D("1200"),
        amount_paid=D("900"),
    )
    assert {
        k: [d.number for d in v] for k, v in final_deposits([deposit, other, final]).items()
    } == {"FAC2026-003": ["FAC2026-001"]}
    # 1 200 total − 300 deposit − 900 paid: nothing owed on the final invoice
    assert compute_statuses([deposit, other, final], TODAY)[4].status is Status.PAID


@pytest.mark.parametrize("typed, hint", [
    # paid, as teams write it: never reminded
    ("OK payé", Status.PAID), ("Facture payée", Status.PAID), ("Payé le 12/10", Status.PAID),
    ("Paiement reçu", Status.PAID), ("Virement reçu le 3/11", Status.PAID),
    ("Chèque reçu", Status.PAID), ("payé par virement", Status.PAID),
    ("Payée après relance", Status.PAID), ("Payée - relance annulée", Status.PAID),
    ("Soldée", Status.PAID), ("Encaissé", Status.PAID), ("paid in full", Status.PAID),
    ("Payé le 5", Status.PAID), ("Payée en 2025", Status.PAID),
    ("OK", Status.PAID), ("ok", Status.PAID), ("✓", Status.PAID), ("Soldé 1 000 €", Status.PAID),
    # paid, with how much: the amount says whether in full (`status_amounts`)
    ("Payé 50 %", None), ("Payé 300 €", None), ("Virement de 300 € reçu", None),
    # not paid, though a « paid » word is in it: recomputed from the amounts
    ("Non payée", None), ("pas payé", None), ("Solde à payer", None), ("Solde dû", None),
    ("En attente de paiement", None), ("partiellement réglée, en retard (12 j)", None),
    ("Réglée partiellement", None), ("Impayée", None), ("Not paid", None), ("Reçu", None),
    ("Solde promis pour le 15/12", None), ("Paiement prévu le 20/12", None),
    ("Va payer la semaine prochaine", None), ("Virement attendu", None),
    # the other statuses a team types
    ("En litige", Status.DISPUTED), ("Contestée par le client", Status.DISPUTED),
    ("Facture annulée", Status.CANCELLED), ("Annulée", Status.CANCELLED),
    ("Brouillon", Status.TO_ISSUE), ("Avoir", Status.CREDIT_NOTE), ("Relancé", None),
    # insolvency proceedings: the debt is declared to the mandataire, never claimed
    ("Redressement judiciaire", Status.DISPUTED), ("Liquidation judiciaire", Status.DISPUTED),
    ("Procédure collective", Status.DISPUTED), ("Déclarée au mandataire", Status.DISPUTED),
    ("Client en liquidation", Status.DISPUTED), ("Perdue", Status.DISPUTED),
    ("Abandonnée", Status.DISPUTED), ("Sauvegardé dans Sage", None),
    # a payment on its way: the client paid, a reminder must not chase it
    ("Chèque reçu non encaissé", Status.PAID), ("Chèque en attente d'encaissement", Status.PAID),
    ("Chèque envoyé par le client", Status.PAID), ("Virement émis le 28/11", Status.PAID),
    ("Paiement en cours", Status.PAID), ("En cours d'encaissement", Status.PAID),
    ("Chèque non reçu", None), ("Virement en attente", None),
    ("Virement pas encore effectué", None), ("À encaisser", None),
    # a traffic light: green is the team's tick, red is nothing suivi reads
    ("🟢", Status.PAID), ("✅", Status.PAID), ("🔴", None),
    # a row that is no longer the invoice (another row is); the row that replaces is live
    ("Doublon", Status.CANCELLED), ("Doublon de F12", Status.CANCELLED),
    ("En double", Status.CANCELLED), ("Remplacée par F14", Status.CANCELLED),
    ("Refacturée en F14", Status.CANCELLED), ("Annule et remplace F12", None),
    ("Annule et remplace la facture F12", None), ("À refacturer", None),
    # accounting words: matched with its payment, settled by offset, taken by direct debit
    ("Lettrée", Status.PAID), ("Lettré", Status.PAID), ("LETTRÉ le 12/10", Status.PAID),
    ("Lettre envoyée", None), ("Lettre de relance envoyée le 3/11", None), ("Non lettré", None),
    ("Compensée", Status.PAID), ("Prélevé", Status.PAID), ("Prélèvement effectué", Status.PAID),
    ("Versé", Status.PAID), ("Clôturée", Status.PAID), ("Cleared", Status.PAID),
    # a bill of exchange accepted or at the bank: paid on the day, not to be chased
    ("LCR acceptée", Status.PAID), ("Traite acceptée", Status.PAID),
    ("Effet à l'encaissement", Status.PAID), ("Prélèvement programmé le 5/12", Status.PAID),
    # a payment that came back: owed again
    ("Prélèvement rejeté", None), ("Chèque sans provision", None),
    ("Chèque reçu puis rejeté", None), ("Virement retourné", None), ("LCR impayée", None),
    # part paid: how much, the amounts say (a reminder for the rest, never « paid in full »)
    ("Acompte payé", None), ("Acompte reçu le 3/10", None), ("Payé partiellement", None),
    ("Payée (acompte déduit)", Status.PAID),
    # sold to a factor: the factor collects, the seller must not claim it
    ("Affacturée", Status.DISPUTED), ("Cédée au factor", Status.DISPUTED),
    ("Cession Dailly", Status.DISPUTED), ("Facture cédée à BPI", Status.DISPUTED),
    ("Réclamation client", Status.DISPUTED), ("Procédure de sauvegarde", Status.DISPUTED),
    ("Réclamé le 12/10", None),
])
def test_statuses_typed_by_a_team(typed, hint):
    assert status_hint(typed) is hint


@pytest.mark.parametrize("typed, said", [
    ("Ne pas relancer", True), ("NE PAS RELANCER !", True), ("Ne plus relancer", True),
    ("Pas de relance (client ami)", True), ("Relances suspendues", True), ("Stop relance", True),
    ("Relance bloquée", True), ("Exclure des relances", True), ("Do not remind", True),
    ("Relancé 2x", False), ("Relancer vite", False), ("Relance 1 envoyée", False),
    ("En retard", False), ("", False), (None, False),
])
def test_a_statut_that_says_not_to_remind(typed, said):
    assert says_no_reminder(typed) is said
