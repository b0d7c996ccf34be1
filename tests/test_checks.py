"""Each check on a small hand-made dataset; each expectation names the cell and the code."""

from datetime import date
from decimal import Decimal as D

from suivi.core.checks import CheckContext, run_checks, split_number
from suivi.core.models import (
    CellRef,
    Client,
    ClientType,
    ColumnInfo,
    Invoice,
    SheetLayout,
    normalise_name,
)
from suivi.messages import text

TODAY = date(2026, 11, 25)
FIELDS = [
    "number",
    "issue_date",
    "client",
    "description",
    "amount_ht",
    "vat",
    "amount_ttc",
    "payment_terms",
    "due_date",
    "amount_paid",
]
LAYOUT = SheetLayout(
    "Factures", 1, {f: ColumnInfo(f, f, chr(65 + i), i) for i, f in enumerate(FIELDS)}
)


def inv(row, number, **kw):
    base = dict(
        sheet="Factures",
        row=row,
        number=number,
        issue_date=date(2026, 10, 1),
        client="Alpha",
        amount_ht=D("100"),
        vat=D("20"),
        amount_ttc=D("120"),
        due_date=date(2026, 10, 31),
    )
    base.update(kw)
    return Invoice(**base)


def client(name, **kw):
    return Client(name=name, where=CellRef("Clients", 2, "A"), **kw)


def codes(invoices, clients=None, has_sheet=True):
    clients = clients if clients is not None else {"alpha": client("Alpha", siren="732829320")}
    ctx = CheckContext(invoices, clients, LAYOUT, has_sheet, TODAY)
    return {(str(i.where), i.code) for i in run_checks(ctx)}


def test_clean_data_has_no_issue():
    assert (
        codes([inv(2, "FAC2026-001"), inv(3, "FAC2026-002", issue_date=date(2026, 10, 2))]) == set()
    )


def test_duplicate_numbers():
    found = codes(
        [
            inv(2, "FAC2026-001"),
            inv(3, "FAC2026-001", amount_ttc=D("240"), amount_ht=D("200"), vat=D("40")),
        ]
    )
    assert ("Factures!A3", "numero_en_double") in found


def test_numbering_gap_names_the_missing_numbers():
    invoices = [
        inv(2, "FAC2026-001"),
        inv(3, "FAC2026-002", issue_date=date(2026, 10, 2)),
        inv(4, "FAC2026-005", issue_date=date(2026, 10, 3)),
    ]
    ctx = CheckContext(invoices, {"alpha": client("Alpha", siren="732829320")}, LAYOUT, True, TODAY)
    gaps = [i for i in run_checks(ctx) if i.code == "numerotation_trou"]
    assert len(gaps) == 1
    assert "FAC2026-003, FAC2026-004" in text(gaps[0], "fr")
    assert str(gaps[0].where) == "Factures!A4"


def test_series_are_separate_per_prefix_and_year():
    invoices = [
        inv(2, "FAC2025-041", issue_date=date(2025, 12, 30)),
        inv(3, "FAC2026-001", issue_date=date(2026, 1, 2)),
        inv(4, "AV2026-001", amount_ttc=D("-12"), amount_ht=D("-10"), vat=D("-2")),
    ]
    assert not any(code == "numerotation_trou" for _, code in codes(invoices))
    assert split_number("FAC2026-007") == ("FAC2026-", 7, 3)


def test_chronology_warning():
    found = codes(
        [
            inv(2, "FAC2026-001", issue_date=date(2026, 10, 5)),
            inv(3, "FAC2026-002", issue_date=date(2026, 10, 1)),
        ]
    )
    assert ("Factures!B3", "numerotation_chronologie") in found


def test_due_before_issue_and_totals_and_overpaid():
    found = codes(
        [
            inv(2, "FAC2026-001", due_date=date(2026, 9, 1)),
            inv(3, "FAC2026-002", amount_ttc=D("121.50"), issue_date=date(2026, 10, 2)),
            inv(4, "FAC2026-003", amount_paid=D("150"), issue_date=date(2026, 10, 3)),
        ]
    )
    assert ("Factures!I2", "echeance_avant_date") in found
    assert ("Factures!G3", "total_incoherent") in found
    assert ("Factures!J4", "trop_percu") in found


def test_totals_tolerate_one_cent():
    assert not codes([inv(2, "FAC2026-001", amount_ttc=D("120.01"))]) & {
        ("Factures!G2", "total_incoherent")
    }


def test_legal_terms_cap():
    found = codes(
        [
            inv(2, "FAC2026-001", payment_terms="90 jours"),
            inv(3, "FAC2026-002", issue_date=date(2026, 10, 2), due_date=date(2027, 1, 15)),
        ]
    )
    assert ("Factures!H2", "delai_illegal") in found
    assert ("Factures!I3", "delai_illegal") in found


def test_probable_duplicate():
    found = codes([inv(2, "FAC2026-001"), inv(3, "FAC2026-002")])
    assert ("Factures!A3", "doublon_probable") in found


def test_client_checks():
    clients = {
        "alpha": client("Alpha", siren="732829321", emails=("compta@alpha",)),
        "beta": client(
            "Beta", siren="73282932000074", vat_number="FR44732829320", emails=("ok@beta.fr",)
        ),
        "gamma": client("Gamma", siren="73282932000075", vat_number="FR00732829320"),
        "delta": client("Delta", type=ClientType.COMPANY),
        "eve": client("Ève Martin", type=ClientType.INDIVIDUAL),
    }
    invoices = [
        inv(2, "FAC2026-001"),
        inv(3, "FAC2026-002", client="Inconnu SA", issue_date=date(2026, 10, 2)),
    ]
    found = {code for _, code in codes(invoices, clients)}
    assert {
        "siren_invalide",
        "email_invalide",
        "siret_invalide",
        "tva_invalide",
        "siren_absent",
        "client_inconnu",
    } <= found
    # Beta is valid: no issue names it
    ctx = CheckContext(invoices, clients, LAYOUT, True, TODAY)
    assert not [i for i in run_checks(ctx) if "Beta" in text(i, "fr")]
    # a consumer needs no SIREN
    assert not [i for i in run_checks(ctx) if "Ève" in text(i, "fr")]


def test_email_with_line_break_is_refused():
    clients = {
        "alpha": client("Alpha", siren="732829320", emails=("a@b.fr\r\nBcc: x@evil.example",))
    }
    ctx = CheckContext([inv(2, "FAC2026-001")], clients, LAYOUT, True, TODAY)
    issues = [i for i in run_checks(ctx) if i.code == "email_invalide"]
    assert issues and "\\r\\n" in text(issues[0], "fr")


def test_unknown_client_only_with_a_client_sheet():
    invoices = [inv(2, "FAC2026-001", client="Nouveau")]
    assert any(code == "client_inconnu" for _, code in codes(invoices))
    assert not any(code == "client_inconnu" for _, code in codes(invoices, {}, has_sheet=False))


def test_name_matching_folds_case_accents_spaces():
    assert normalise_name("  Hôtel du  PARC ") == normalise_name("hotel du parc")


def test_paid_status_with_money_still_due_is_reported():
    fields = FIELDS + ["status_text"]
    layout = SheetLayout(
        "Factures", 1, {f: ColumnInfo(f, f, chr(65 + i), i) for i, f in enumerate(fields)}
    )
    ctx = CheckContext(
        [inv(2, "FAC2026-001", status_text="Payée")],
        {"alpha": client("Alpha", siren="732829320")},
        layout,
        True,
        TODAY,
    )
    found = [i for i in run_checks(ctx) if i.code == "statut_regle_sans_paiement"]
    assert [str(i.where) for i in found] == ["Factures!K2"]
    assert "120,00" in text(found[0], "fr")


def test_one_client_spelt_several_ways_at_one_address_is_named():
    """« Alpha SARL », « ALPHA S.A.R.L. » and « Alpha » at one address were three clients,
    each reminded the same day; a group's companies sharing an accounting address, and two
    names at different addresses, are not one client."""
    at = "compta@alpha.example"
    clients = {
        "alpha sarl": Client("Alpha SARL", emails=(at,), where=CellRef("Clients", 2, "A")),
        "alpha s.a.r.l.": Client("ALPHA S.A.R.L.", emails=(at.upper(),),
                                 where=CellRef("Clients", 3, "A")),
        "alpha": Client("Alpha", emails=("dg@alpha.example", at),
                        where=CellRef("Clients", 4, "A")),
        "groupe x nord": Client("Groupe X Nord", emails=("compta@x.example",),
                                where=CellRef("Clients", 5, "A")),
        "groupe x sud": Client("Groupe X Sud", emails=("compta@x.example",),
                               where=CellRef("Clients", 6, "A")),
        "beta": Client("Beta", emails=("a@beta.example",), where=CellRef("Clients", 7, "A")),
        "beta sas": Client("Beta SAS", emails=("b@beta.example",),
                           where=CellRef("Clients", 8, "A")),
    }
    ctx = CheckContext([], clients, LAYOUT, True, TODAY)
    found = [i for i in run_checks(ctx) if i.code == "client_ecrit_autrement"]
    assert [(str(i.where), i.kwargs["client"], i.kwargs["first"])
            for i in found] == [("Clients!A3", "ALPHA S.A.R.L.", "Alpha SARL"),
                                ("Clients!A4", "Alpha", "Alpha SARL")]
    assert "ce sont deux clients pour suivi" in text(found[0])
