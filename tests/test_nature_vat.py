"""Nature of operations (goods, services, mixed) and French VAT rates, per line."""

from decimal import Decimal as D

import pytest

from suivi.core.message import Message
from suivi.core.nature import (
    Nature,
    billing_mode,
    invoice_nature,
    line_nature,
    nature_from_text,
    nature_from_unit,
    unit_code,
)
from suivi.core.vat import allowed_rates, check_line_vat, check_lines_vat, rate_question
from suivi.messages import text as render


def text(message: Message, lang: str) -> str:
    """The rendered message with no-break spaces as plain spaces."""
    return render(message, lang).replace("\u00a0", " ").replace("\u202f", " ")


@pytest.mark.parametrize(
    "written, nature",
    [
        ("bien", Nature.GOODS),
        ("Biens", Nature.GOODS),
        ("marchandise", Nature.GOODS),
        ("Marchandises", Nature.GOODS),
        ("goods", Nature.GOODS),
        ("service", Nature.SERVICES),
        ("Services", Nature.SERVICES),
        ("prestation", Nature.SERVICES),
        ("Prestation de services", Nature.SERVICES),
        ("", None),
        ("mixte", None),
        ("autre", None),
        (None, None),
    ],
)
def test_explicit_nature(written, nature):
    assert nature_from_text(written) is nature


@pytest.mark.parametrize(
    "unit, code, nature",
    [
        ("h", "HUR", Nature.SERVICES),
        ("heures", "HUR", Nature.SERVICES),
        ("HUR", "HUR", Nature.SERVICES),
        ("jour", "DAY", Nature.SERVICES),
        ("j/h", "DAY", Nature.SERVICES),
        ("mois", "MON", Nature.SERVICES),
        ("month", "MON", Nature.SERVICES),
        ("semaine", "WEE", Nature.SERVICES),
        ("pièce", "H87", Nature.GOODS),
        ("pce", "H87", Nature.GOODS),
        ("kg", "KGM", Nature.GOODS),
        ("KG", "KGM", Nature.GOODS),
        ("litres", "LTR", Nature.GOODS),
        ("l", "LTR", Nature.GOODS),
        ("m²", "MTK", None),
        ("m", "MTR", None),
        ("forfait", "LS", None),
        ("", "C62", None),
        (None, "C62", None),
        ("unité", "C62", None),
        ("sac", "C62", None),
    ],
)
def test_unit_codes_and_the_nature_they_imply(unit, code, nature):
    assert unit_code(unit) == code
    assert nature_from_unit(unit) is nature


def test_line_nature_prefers_the_explicit_value():
    assert line_nature("service", "kg") is Nature.SERVICES
    assert line_nature(None, "kg") is Nature.GOODS
    assert line_nature("", "h") is Nature.SERVICES
    assert line_nature(None, "C62") is None


def test_invoice_nature_from_its_lines():
    assert invoice_nature([Nature.GOODS, Nature.GOODS]) is Nature.GOODS
    assert invoice_nature([Nature.SERVICES]) is Nature.SERVICES
    assert invoice_nature([Nature.GOODS, Nature.SERVICES]) is Nature.MIXED
    # Lines that say nothing take the configured default.
    assert invoice_nature([None, None], "biens") is Nature.GOODS
    assert invoice_nature([Nature.GOODS, None], "services") is Nature.MIXED
    assert invoice_nature([], "services") is Nature.SERVICES


def test_billing_mode_bt23():
    assert billing_mode(Nature.GOODS) == "B1"
    assert billing_mode("services") == "S1"
    assert billing_mode(Nature.MIXED, final_after_deposits=True) == "M4"


def test_french_rates_and_overseas_rates_on_request():
    assert [str(rate) for rate in allowed_rates()] == ["20", "10", "5.5", "2.1", "0"]
    assert D("8.5") in allowed_rates(overseas=True) and D("1.05") in allowed_rates(overseas=True)
    assert D("1.75") in allowed_rates(overseas=True)


def codes(messages: list[Message]) -> list[str]:
    return [message.code for message in messages]


# (rate, category, exemption reason, overseas?, expected codes)
LINES = [
    (D("20"), "S", None, False, []),
    (D("5.5"), "S", None, False, []),
    (D("2.1"), "S", None, False, []),
    (D("19.6"), "S", None, False, ["vat.rate_unknown"]),  # the pre-2014 rate
    (D("8.5"), "S", None, False, ["vat.rate_unknown"]),  # overseas only
    (D("8.5"), "S", None, True, []),
    (D("0"), "S", None, False, ["vat.zero_needs_category"]),
    (D("0"), "E", "TVA non applicable, art. 293 B du CGI", False, []),
    (D("0"), "E", None, False, ["vat.exemption_reason_missing"]),
    (D("0"), "AE", "Autoliquidation", False, []),
    (D("0"), "K", "", False, ["vat.exemption_reason_missing"]),
    (D("20"), "E", "Exonération", False, ["vat.exempt_with_rate"]),
    (D("0"), "Z", None, False, []),
    (D("0"), "Z", "Taux zéro", False, ["vat.zero_rated_with_reason"]),
    (D("20"), "X", None, False, ["vat.category_unknown"]),
]


@pytest.mark.parametrize("rate, category, reason, overseas, expected", LINES)
def test_vat_of_a_line(rate, category, reason, overseas, expected):
    assert codes(check_line_vat("Lignes!E5", rate, category, reason, overseas=overseas)) == expected


def test_vat_messages_name_the_line():
    [message] = check_line_vat("Lignes!E5", D("19.6"))
    assert text(message, "fr") == "Lignes!E5 : taux de TVA de 19,6 % inconnu en France."
    assert text(message, "en") == "Lignes!E5: VAT rate of 19.6% does not exist in France."
    problems = check_lines_vat(
        [("Lignes!E2", D("20"), "S", None), ("Lignes!E3", D("0"), "S", None)]
    )
    assert [message.kwargs["where"] for message in problems] == ["Lignes!E3"]


def test_printed_books_at_20_percent_raise_a_question():
    question = rate_question("Lignes!E7", "Livre « Lumières de Lyon », relié", D("20"))
    assert question is not None and question.code == "vat.rate_to_confirm"
    assert text(question, "fr") == (
        "Lignes!E7 : taux de 20 % ; ce type de vente est "
        "habituellement à 5,5 % (CGI art. 278-0 bis)."
    )
    assert rate_question("Lignes!E7", "Livre relié", D("5.5")) is None
    assert rate_question("Lignes!E7", "Livraison de gravier", D("20")) is None  # not "livre"
    assert rate_question("Lignes!E8", "Abonnement presse quotidienne", D("20")).kwargs[
        "usual"
    ] == D("2.1")
