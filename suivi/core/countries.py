"""A client's country as a team types it (« Belgique », « Suisse », « BE », « United
Kingdom ») → its ISO 3166 two-letter code, which the invoice's Factur-X data carries (BT-55).

Every client was French: a Belgian client's invoice said « FR », and the French rules then
asked for the SIREN a foreign company does not have (BR-FR-11), so the invoice was refused.
The names are those a French small business meets: the European Union and its neighbours,
French-speaking Africa, North America, and the French overseas departments (which are
France). Pure."""
from __future__ import annotations

from .models import normalise_name

#: Folded names (no accents, lower case, hyphens and apostrophes as spaces) → code.
_NAMES: dict[str, str] = {
    "france": "FR", "france metropolitaine": "FR", "guadeloupe": "FR", "martinique": "FR",
    "guyane": "FR", "la reunion": "FR", "reunion": "FR", "mayotte": "FR", "corse": "FR",
    "belgique": "BE", "belgium": "BE", "suisse": "CH", "switzerland": "CH",
    "luxembourg": "LU", "monaco": "MC", "andorre": "AD", "andorra": "AD",
    "allemagne": "DE", "germany": "DE", "deutschland": "DE", "espagne": "ES", "spain": "ES",
    "italie": "IT", "italy": "IT", "portugal": "PT", "pays bas": "NL", "hollande": "NL",
    "netherlands": "NL", "the netherlands": "NL", "royaume uni": "GB", "angleterre": "GB",
    "grande bretagne": "GB", "united kingdom": "GB", "uk": "GB", "irlande": "IE",
    "ireland": "IE", "autriche": "AT", "austria": "AT", "danemark": "DK", "denmark": "DK",
    "suede": "SE", "sweden": "SE", "norvege": "NO", "norway": "NO", "finlande": "FI",
    "finland": "FI", "islande": "IS", "iceland": "IS", "pologne": "PL", "poland": "PL",
    "republique tcheque": "CZ", "tchequie": "CZ", "czech republic": "CZ", "czechia": "CZ",
    "slovaquie": "SK", "slovakia": "SK", "hongrie": "HU", "hungary": "HU", "roumanie": "RO",
    "romania": "RO", "bulgarie": "BG", "bulgaria": "BG", "grece": "GR", "greece": "GR",
    "croatie": "HR", "croatia": "HR", "slovenie": "SI", "slovenia": "SI", "estonie": "EE",
    "estonia": "EE", "lettonie": "LV", "latvia": "LV", "lituanie": "LT", "lithuania": "LT",
    "malte": "MT", "malta": "MT", "chypre": "CY", "cyprus": "CY", "liechtenstein": "LI",
    "etats unis": "US", "usa": "US", "united states": "US", "canada": "CA", "quebec": "CA",
    "maroc": "MA", "morocco": "MA", "tunisie": "TN", "tunisia": "TN", "algerie": "DZ",
    "algeria": "DZ", "senegal": "SN", "cote d ivoire": "CI", "ivory coast": "CI",
    "cameroun": "CM", "cameroon": "CM", "madagascar": "MG", "maurice": "MU", "ile maurice": "MU",
    "chine": "CN", "china": "CN", "japon": "JP", "japan": "JP", "inde": "IN", "india": "IN",
    "bresil": "BR", "brazil": "BR", "mexique": "MX", "mexico": "MX", "australie": "AU",
    "australia": "AU", "turquie": "TR", "turkey": "TR", "israel": "IL", "emirats arabes unis": "AE",
    "singapour": "SG", "singapore": "SG", "nouvelle caledonie": "NC", "polynesie francaise": "PF",
}
#: The two-letter codes a team may type as they are (« BE », « ch »).
_CODES = frozenset(_NAMES.values()) | {"EL"}


_MARKS = str.maketrans(dict.fromkeys("-'’.,()", " "))


def _fold(text: str) -> str:
    return normalise_name(text.translate(_MARKS))


def country_code(text: object) -> str | None:
    """The ISO code of a country typed by a team; None for a name suivi does not know."""
    if not isinstance(text, str) or not text.strip():
        return None
    raw = text.strip()
    if len(raw) == 2 and raw.isalpha() and raw.upper() in _CODES:
        return "GR" if raw.upper() == "EL" else raw.upper()
    return _NAMES.get(_fold(raw))


#: Code → the name printed on an invoice (the first French name of `_NAMES` for it).
_PRINTED: dict[str, str] = {}
for _name, _code in _NAMES.items():
    if _code != "FR":
        _PRINTED.setdefault(_code, _name)
_PRINTED.update({"GB": "royaume uni", "US": "etats unis", "CZ": "republique tcheque",
                 "NL": "pays bas", "CI": "cote d ivoire", "AE": "emirats arabes unis"})
_SPELT = {"royaume uni": "Royaume-Uni", "etats unis": "États-Unis", "pays bas": "Pays-Bas",
          "republique tcheque": "République tchèque", "cote d ivoire": "Côte d'Ivoire",
          "emirats arabes unis": "Émirats arabes unis", "suede": "Suède", "norvege": "Norvège",
          "grece": "Grèce", "algerie": "Algérie", "senegal": "Sénégal", "bresil": "Brésil",
          "slovenie": "Slovénie", "nouvelle caledonie": "Nouvelle-Calédonie",
          "polynesie francaise": "Polynésie française"}


def country_name(code: str) -> str:
    """The country's name in French as an address prints it (« Belgique »), else its code."""
    name = _PRINTED.get(code.upper())
    if name is None:
        return code.upper()
    return _SPELT.get(name) or name[:1].upper() + name[1:]
