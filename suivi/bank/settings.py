"""What the bank import needs from the configuration, as plain typed settings (parsed and
validated by `suivi.config.bank` from the `[banque]` section; nothing here reads suivi.toml).

    [banque]
    dossier = "releves"          # statements dropped here are imported by `suivi run`
    obsolete = "retenir"         # "retenir": stale bank data holds reminders back; "ignorer"
    jours_obsolescence = 5       # business days after which the newest statement is stale
    seuil_nom = 85               # payer ≈ client from this similarity (%) on
    seuil_nom_douteux = 60       # from this similarity on, a credit goes to review
    montant_seul = true          # the amount alone may settle an invoice (rule 4)
    [banque.csv]                 # how to read a CSV whose layout is not recognised
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from suivi.core.matching import MatchSettings
from suivi.core.numbering import NumberPattern

from .mapping import CsvMapping

STALE_HOLD = "retenir"
STALE_IGNORE = "ignorer"
IMPORTED_FOLDER = "importés"


@dataclass(frozen=True, slots=True)
class BankSettings:
    """The `[banque]` section (defaults documented in docs/configuration.md)."""

    folder: str = "releves"
    stale_mode: str = STALE_HOLD
    stale_days: int = 5
    strong_name: int = 85
    weak_name: int = 60
    amount_only: bool = True
    csv: CsvMapping = field(default_factory=CsvMapping)

    @property
    def hold_when_stale(self) -> bool:
        return self.stale_mode == STALE_HOLD

    def match_settings(self, patterns: Sequence[NumberPattern]) -> MatchSettings:
        """Matching settings with the workbook's numbering patterns (`[factures]`)."""
        return MatchSettings(patterns=tuple(patterns), strong_name=self.strong_name,
                             weak_name=self.weak_name, amount_only=self.amount_only)
