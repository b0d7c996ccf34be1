"""[vendeur] → `Seller`, [factures] → `InvoicingSettings`, [modeles.<nom>] → templates.

The seller's identifiers are checked with python-stdnum before anything is printed: an invoice
must never carry a wrong SIREN, VAT number or IBAN.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from stdnum import bic as std_bic
from stdnum import iban as std_iban
from stdnum.eu import vat as eu_vat
from stdnum.fr import siren as fr_siren
from stdnum.fr import siret as fr_siret

from suivi.core.numbering import NumberPattern, PatternError
from suivi.core.values import ValueProblem, parse_amount
from suivi.documents.model import Seller
from suivi.documents.settings import InvalidTemplate, TemplateSettings, template_registry
from suivi.documents.texts import link_values

from .fields import Section, expect, table

SELLER_KEYS = {
    "nom": "name", "forme_juridique": "legal_form", "capital": "capital", "adresse": "address_lines",
    "code_postal": "postcode", "ville": "city", "pays": "country_code", "siren": "siren",
    "siret": "siret", "tva": "vat_number", "rcs": "rcs", "email": "email", "telephone": "phone",
    "iban": "iban", "bic": "bic", "logo": "logo_path", "adresse_cheques": "cheque_address",
    "lien_paiement": "payment_link_pattern", "tva_sur_debits": "vat_on_debits",
    "mention_exoneration": "vat_exemption_text", "escompte": "early_payment_discount",
    "site": "website", "adresse_electronique": "electronic_address",
}
FACTURES_KEYS = frozenset({"numero", "avoir", "remise_a_zero_annuelle", "dossier", "nature",
                           "taux_tva", "modele", "actif", "jours_retroactifs"})
TEMPLATE_KEYS = {
    "couleur": "primary_color", "couleur_accent": "accent_color", "logo": "logo_path",
    "police": "font_family", "pied_de_page": "footer_text", "mentions": "extra_mentions",
    "dossier_textes": "text_dir", "qr_code": "show_qr",
}
NATURES = ("biens", "services", "mixte")


@dataclass(frozen=True, slots=True)
class InvoicingSettings:
    """[factures]: numbering and where PDFs go."""

    number_pattern: str = "FAC{AAAA}-{NNN}"
    credit_note_pattern: str = "AV{AAAA}-{NNN}"
    yearly_reset: bool = True
    folder: str = "factures/{AAAA}"
    operation_nature: str = "services"
    default_vat_rate: Decimal = Decimal("20")
    default_template: str = "standard"
    enabled: bool = True
    backdating_days: int = 31
    #: `numero` / `avoir` written in suivi.toml: else the workbook's own numbers may set them
    #: (`pipeline.steps.numbering.number_patterns`)
    number_pattern_set: bool = False
    credit_note_pattern_set: bool = False

    def patterns(self) -> tuple[NumberPattern, NumberPattern]:
        """The invoice and credit-note number patterns (validated when suivi.toml is read)."""
        return (NumberPattern(self.number_pattern, self.yearly_reset),
                NumberPattern(self.credit_note_pattern, self.yearly_reset))


def parse_invoicing(raw: Mapping[str, Any]) -> InvoicingSettings:
    section = Section("factures", table("", raw, "factures"), FACTURES_KEYS)
    defaults = InvoicingSettings()
    settings = InvoicingSettings(
        number_pattern=section.text("numero", defaults.number_pattern),
        credit_note_pattern=section.text("avoir", defaults.credit_note_pattern),
        yearly_reset=section.boolean("remise_a_zero_annuelle", True),
        folder=section.text("dossier", defaults.folder),
        operation_nature=section.choice("nature", defaults.operation_nature, NATURES),
        default_vat_rate=section.decimal("taux_tva", "20", high=Decimal(100)) or Decimal(0),
        default_template=section.text("modele", "standard") or "standard",
        enabled=section.boolean("actif", True),
        backdating_days=section.integer("jours_retroactifs", 31, 0, 3660),
        number_pattern_set=section.has("numero"),
        credit_note_pattern_set=section.has("avoir"),
    )
    for key, pattern in (("numero", settings.number_pattern),
                         ("avoir", settings.credit_note_pattern)):
        try:
            NumberPattern(pattern, settings.yearly_reset)
        except PatternError as exc:
            raise section.fail(key, exc.message) from None
    if not settings.folder or ".." in Path(settings.folder).parts:
        raise section.fail("dossier", expect("folder"))
    return settings


def parse_seller(raw: Mapping[str, Any], base: Path) -> Seller | None:
    """[vendeur] → Seller, or None when no seller name is configured."""
    section = Section("vendeur", table("", raw, "vendeur"), SELLER_KEYS)
    if not section.text("nom", ""):
        return None
    values: dict[str, Any] = {}
    for key, fld in SELLER_KEYS.items():
        if not section.has(key):
            continue
        if fld == "address_lines":
            values[fld] = tuple(line for line in section.texts(key) if line)
        elif fld == "vat_on_debits":
            values[fld] = section.boolean(key, False)
        elif fld == "capital":
            values[fld] = _capital(section)
        elif fld == "logo_path":
            logo = section.text(key, "")
            values[fld] = (base / logo) if logo else None
        else:
            values[fld] = section.text(key, "") or None
    _check_identifiers(section, values)
    _check_link(section, values.get("payment_link_pattern"))
    return Seller(**{k: v for k, v in values.items() if v is not None})


def _capital(section: Section) -> Decimal | None:
    value = section.raw.get("capital")
    if value in ("", None):
        return None
    try:
        return parse_amount(value)
    except ValueProblem:
        raise section.fail("capital", expect("amount")) from None


def _check_identifiers(section: Section, values: dict[str, Any]) -> None:
    """SIREN, SIRET, VAT number, IBAN and BIC checked (and compacted) with python-stdnum."""
    checks = (("siren", "siren", fr_siren), ("siret", "siret", fr_siret),
              ("vat_number", "tva", eu_vat), ("iban", "iban", std_iban), ("bic", "bic", std_bic))
    for fld, key, module in checks:
        value = values.get(fld)
        if not value:
            continue
        compact = module.compact(value)
        if not module.is_valid(compact):
            raise section.fail(key, expect(f"valid_{key}"))
        values[fld] = compact
    siren, siret = values.get("siren"), values.get("siret")
    if siren and siret and not siret.startswith(siren):
        raise section.fail("siret", expect("siret_of_siren", siren=siren))


def _check_link(section: Section, pattern: str | None) -> None:
    if not pattern:
        return
    try:
        pattern.format_map(link_values("FAC", Decimal(1), "Client"))
    except (KeyError, IndexError, ValueError):
        raise section.fail("lien_paiement", expect("link_pattern")) from None


def parse_templates(raw: Mapping[str, Any], base: Path) -> dict[str, TemplateSettings]:
    """[modeles.<nom>] sections → the registry of named invoice templates."""
    extra = {}
    for name in table("", raw, "modeles"):
        section = Section(f"modeles.{name}", table("modeles", raw.get("modeles"), name),
                          TEMPLATE_KEYS)
        values: dict[str, Any] = {"name": name}
        for key, fld in TEMPLATE_KEYS.items():
            if not section.has(key):
                continue
            if fld in ("logo_path", "text_dir"):
                values[fld] = base / section.text(key, "")
            elif fld == "extra_mentions":
                values[fld] = section.texts(key)
            elif fld == "show_qr":
                values[fld] = section.boolean(key, True)
            else:
                values[fld] = section.text(key, "")
        try:
            extra[name] = TemplateSettings(**values)
        except InvalidTemplate as exc:
            key = "police" if "police" in str(exc).casefold() or "font" in str(exc) else "couleur"
            raise section.fail(key, expect("template_value")) from None
    return template_registry(extra)
