"""Nature of an operation (goods, services or both), per line and per invoice, and line units.

Since the e-invoicing reform (décret 2022-1299) an invoice states whether it is a supply of
goods (« livraison de biens »), of services (« prestation de services ») or both (« opération
mixte »). In the Factur-X XML the nature is the first letter of the billing framework BT-23
(« cadre de facturation », rule BR-FR-08): ``B`` goods, ``S`` services, ``M`` both (goods and
services that are not ancillary to each other); the digit gives the framework: ``1`` an
ordinary invoice (also deposits and credit notes), ``4`` a final invoice after deposits. Source:
DGFiP external specifications of the reform (impots.gouv.fr/specifications-externes-b2b), list
of BT-23 values repeated in the BR-FR Flux 2 schematron shipped with factur-x.

A line says its nature explicitly (a « Nature » cell: "bien", "marchandise", "service",
"prestation", "goods", "services") or through its unit, a UN/ECE Recommendation 20 code (or
the usual French or English word, converted by :func:`unit_code`):

=====================================  ==========================================
time: HUR hour, DAY day, WEE week,      services
MON month, QAN quarter, ANN year,
MIN minute, E48 service unit
H87 piece, PR pair, KGM kg, GRM g,      goods
TNE tonne, LTR litre, CLT cl, MLT ml
C62 one (the default), LS lump sum,     unknown: the invoice default applies
MTR m, MTK m², MTQ m³, KMT km
=====================================  ==========================================

Lengths, areas and volumes are left unknown on purpose: "pose de carrelage au m²" is a
service, "câble au mètre" goods.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from enum import StrEnum


class Nature(StrEnum):
    """Nature of a line or an invoice; the values are the words of suivi.toml (`nature`)."""

    GOODS = "biens"
    SERVICES = "services"
    MIXED = "mixte"

    @property
    def letter(self) -> str:
        """First letter of BT-23: B, S or M."""
        return {"biens": "B", "services": "S", "mixte": "M"}[self.value]


#: Unit codes (UN/ECE Rec 20) whose nature is known.
SERVICE_UNITS = frozenset({"SEC", "MIN", "HUR", "DAY", "WEE", "MON", "QAN", "ANN", "E48"})
GOODS_UNITS = frozenset({"H87", "EA", "PR", "SET", "KGM", "GRM", "TNE", "LTR", "CLT", "MLT"})

#: Words typed in a « Unité » cell → UN/ECE Rec 20 code.
UNIT_WORDS: dict[str, str] = {
    **dict.fromkeys(("h", "hr", "hrs", "heure", "heures", "hour", "hours"), "HUR"),
    **dict.fromkeys(("min", "minute", "minutes", "mn"), "MIN"),
    **dict.fromkeys(("j", "jr", "jrs", "jour", "jours", "jh", "j h", "jour homme",
                     "jours homme", "day", "days", "d", "man day", "man days"), "DAY"),
    **dict.fromkeys(("sem", "semaine", "semaines", "week", "weeks", "wk"), "WEE"),
    **dict.fromkeys(("mois", "month", "months", "mo"), "MON"),
    **dict.fromkeys(("trimestre", "trimestres", "quarter", "quarters"), "QAN"),
    **dict.fromkeys(("an", "ans", "annee", "annees", "year", "years", "yr"), "ANN"),
    **dict.fromkeys(("pc", "pcs", "pce", "pces", "piece", "pieces", "ex", "exemplaire",
                     "exemplaires", "each", "ea"), "H87"),
    **dict.fromkeys(("paire", "paires", "pair", "pairs"), "PR"),
    **dict.fromkeys(("kg", "kgs", "kilo", "kilos", "kilogramme", "kilogrammes", "kilogram",
                     "kilograms"), "KGM"),
    **dict.fromkeys(("g", "gramme", "grammes", "gram", "grams"), "GRM"),
    **dict.fromkeys(("t", "tonne", "tonnes", "ton", "tons"), "TNE"),
    **dict.fromkeys(("l", "litre", "litres", "liter", "liters"), "LTR"),
    **dict.fromkeys(("cl", "centilitre", "centilitres"), "CLT"),
    **dict.fromkeys(("m", "metre", "metres", "meter", "meters"), "MTR"),
    **dict.fromkeys(("m2", "metre carre", "metres carres", "square metre", "sqm"), "MTK"),
    **dict.fromkeys(("m3", "metre cube", "metres cubes", "cubic metre"), "MTQ"),
    **dict.fromkeys(("km", "kilometre", "kilometres", "kilometer", "kilometers"), "KMT"),
    **dict.fromkeys(("forfait", "forfaits", "ens", "ensemble", "lump sum"), "LS"),
    **dict.fromkeys(("u", "un", "unite", "unites", "unit", "units", "nb", "qte"), "C62"),
}

#: Codes accepted as typed (upper case): the ones above plus any other 2–3 character code.
_CODE = re.compile(r"^[A-Z0-9]{2,3}$")

_GOODS_WORDS = {"b", "bien", "biens", "marchandise", "marchandises", "produit", "produits",
                "fourniture", "fournitures", "livraison", "livraison de biens", "goods",
                "good", "product", "products", "merchandise"}
_SERVICE_WORDS = {"s", "service", "services", "prestation", "prestations",
                  "prestation de service", "prestation de services", "main d oeuvre",
                  "supply of services"}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("²", "2").replace("³", "3"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def unit_code(text: str | None) -> str:
    """The UN/ECE Rec 20 code of a unit cell: "h" → HUR, "pièce" → H87, "" → C62.

    A code typed in capitals ("HUR", "KGM") is kept; an unknown word gives C62 ("one"), so
    that the XML always carries a valid code.
    """
    if text is None or not str(text).strip():
        return "C62"
    raw = str(text).strip()
    word = UNIT_WORDS.get(_fold(raw))
    if word is not None:
        return word
    return raw if _CODE.match(raw) else "C62"


def nature_from_text(text: str | None) -> Nature | None:
    """An explicit line nature ("bien(s)", "marchandise", "service(s)", "prestation", "goods",
    "services"), or None when the text says neither."""
    if text is None:
        return None
    folded = _fold(str(text))
    if folded in _GOODS_WORDS:
        return Nature.GOODS
    if folded in _SERVICE_WORDS:
        return Nature.SERVICES
    return None


def nature_from_unit(unit: str | None) -> Nature | None:
    """Nature implied by a unit (code or word): time → services, pieces/mass/volume → goods."""
    code = unit_code(unit)
    if code in SERVICE_UNITS:
        return Nature.SERVICES
    if code in GOODS_UNITS:
        return Nature.GOODS
    return None


def line_nature(explicit: str | Nature | None, unit: str | None = None) -> Nature | None:
    """A line's nature: the explicit value first, else the one its unit implies, else None.

    Called by the document model (suivi.documents.model.DocLine) and, for `suivi check`, by the
    lead's line checks (a « Nature » cell that says nothing readable).
    """
    if isinstance(explicit, Nature):
        return explicit if explicit is not Nature.MIXED else nature_from_unit(unit)
    return nature_from_text(explicit) or nature_from_unit(unit)


def invoice_nature(lines: Iterable[Nature | None],
                   default: Nature | str = Nature.SERVICES) -> Nature:
    """Goods, services or mixed from the lines' natures; lines of unknown nature take
    ``default`` (the `[factures] nature` setting)."""
    fallback = Nature(default)
    seen = set()
    for nature in lines:
        seen.add(nature or fallback)
    if not seen:
        return fallback
    if Nature.MIXED in seen or seen == {Nature.GOODS, Nature.SERVICES}:
        return Nature.MIXED
    return seen.pop()


def billing_mode(nature: Nature | str, final_after_deposits: bool = False) -> str:
    """BT-23 value: ``B1``/``S1``/``M1``, or ``B4``/``S4``/``M4`` for a final invoice that
    deducts deposits."""
    return f"{Nature(nature).letter}{4 if final_after_deposits else 1}"
