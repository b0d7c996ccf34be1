"""Numbering and recurring billing: scenario tables written by hand."""

from datetime import date
from decimal import Decimal as D

import pytest

from suivi.core.contracts import due_contract_invoices, parse_milestones, read_contracts
from suivi.core.numbering import NumberPattern, PatternError, assign_numbers
from suivi.core.values import ValueProblem
from suivi.messages import text


def test_default_pattern_continues_the_series_of_the_year():
    p = NumberPattern("FAC{AAAA}-{NNN}")
    used = ["FAC2026-001", "FAC2026-002", "FAC2025-117", "AV2026-001", "divers"]
    assert assign_numbers(p, [date(2026, 11, 25), date(2026, 11, 25)], used) == [
        "FAC2026-003",
        "FAC2026-004",
    ]


def test_yearly_reset_starts_at_one():
    p = NumberPattern("FAC{AAAA}-{NNN}")
    assert assign_numbers(p, [date(2027, 1, 2)], ["FAC2026-412"]) == ["FAC2027-001"]


def test_without_reset_the_counter_continues_across_years():
    p = NumberPattern("F{AA}{MM}-{NNNNN}", yearly_reset=False)
    assert assign_numbers(p, [date(2027, 1, 2)], ["F2612-00412"]) == ["F2701-00413"]


def test_a_number_seen_once_is_never_given_again():
    # FAC2026-010 was deleted from the workbook but is in suivi's registry of assigned numbers
    p = NumberPattern("FAC{AAAA}-{NNN}")
    workbook = ["FAC2026-008", "FAC2026-009"]
    registry = ["FAC2026-010"]
    assert assign_numbers(p, [date(2026, 11, 25)], workbook + registry) == ["FAC2026-011"]


def test_credit_notes_have_their_own_series():
    p = NumberPattern("AV{AAAA}-{NNN}")
    assert assign_numbers(p, [date(2026, 5, 1)], ["FAC2026-050", "AV2026-003"]) == ["AV2026-004"]


@pytest.mark.parametrize(
    "pattern, reset, words",
    [
        ("FAC{AAAA}", True, "compteur"),
        ("FAC-{NNN}", True, "année"),
        ("FAC{ANNEE}-{NNN}", True, "inconnu"),
    ],
)
def test_bad_patterns_are_explained(pattern, reset, words):
    with pytest.raises(PatternError) as caught:
        NumberPattern(pattern, reset)
    assert words in text(caught.value.message, "fr")


CONTRACT_ROWS = [
    [
        "Client",
        "Désignation",
        "Montant HT",
        "Taux TVA",
        "Fréquence",
        "Début",
        "Fin",
        "Jalons",
        "Dernière période facturée",
    ],
    [
        "Alpha",
        "Maintenance",
        450,
        20,
        "mensuelle",
        date(2026, 1, 15),
        date(2026, 12, 31),
        None,
        "2026-09",
    ],
    ["Beta", "Hébergement", 390, 20, "trimestrielle", date(2026, 2, 1), None, None, None],
    [
        "Gamma",
        "Projet site",
        10000,
        20,
        "jalons",
        None,
        None,
        "30 % 15/01/2026 ; 40 % 15/11/2026 ; 30 % 30/12/2026",
        "jalon 1",
    ],
    ["Delta", "Incomplet", None, 20, "mensuelle", date(2026, 1, 1), None, None, None],
]


def test_contracts_bill_every_period_once():
    contracts, issues = read_contracts(CONTRACT_ROWS)
    assert [c.client for c in contracts] == ["Alpha", "Beta", "Gamma"]
    assert [i.code for i in issues] == ["contrat_incomplet"]
    today = date(2026, 11, 25)
    alpha, beta, gamma = (due_contract_invoices(c, today) for c in contracts)
    # monthly, billed up to September: October and November are due
    assert [(i.period, i.issue_date) for i in alpha] == [
        ("2026-10", date(2026, 10, 1)),
        ("2026-11", date(2026, 11, 1)),
    ]
    assert alpha[0].amount_ht == D("450") and alpha[0].vat == D("90.00")
    # quarterly from 1 Feb: Q1 (from the start date), Q2, Q3, Q4
    assert [(i.period, i.issue_date) for i in beta] == [
        ("2026-T1", date(2026, 2, 1)),
        ("2026-T2", date(2026, 4, 1)),
        ("2026-T3", date(2026, 7, 1)),
        ("2026-T4", date(2026, 10, 1)),
    ]
    # milestones: the first was billed, the second's date has come, the third has not
    assert [(i.period, i.amount_ht) for i in gamma] == [("jalon 2", D("4000.00"))]
    assert "jalon 2/3 (40 %)" in gamma[0].description


def test_milestones_must_total_100():
    with pytest.raises(ValueProblem) as caught:
        parse_milestones("30 % 15/01/2026 ; 40 % 15/03/2026")
    assert "100 %" in text(caught.value.message, "fr")
