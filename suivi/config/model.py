"""The typed settings of one entity: everything suivi.toml says, validated, with defaults."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from suivi.bank.settings import BankSettings
from suivi.core.kpi import KpiSettings
from suivi.documents.model import Seller
from suivi.documents.settings import DEFAULT_TEMPLATES, TemplateSettings
from suivi.mail.settings import DunningSettings
from suivi.workbook.package import MB, Limits

from .invoicing import InvoicingSettings
from .retention import RetentionSettings

CONFIG_NAME = "suivi.toml"
DEFAULT_WORKBOOK = "suivi_factures.xlsx"
STATE_DIR = ".suivi"


@dataclass(frozen=True, slots=True)
class Settings:
    """One entity's configuration. Every section is parsed and checked when suivi.toml is read,
    before the workbook is opened; the rest of suivi receives these plain objects.

    `workbook` is the master workbook; `folder` the folder it sits in (where relative paths
    of suivi.toml point, and where `.suivi/` keeps suivi's state).
    """

    config_path: Path | None
    folder: Path
    workbook: Path
    lang: str | None = None  # [general] langue; None: --lang, SUIVI_LANG, else French
    sheet: str | None = None
    columns: Mapping[str, str] = field(default_factory=dict)
    default_terms: str = "30 jours"
    backups: int = 10
    lock_timeout: float = 30.0
    max_part_mb: int = 200  # [classeur] taille_max_mo: largest part of the workbook, inflated
    memory_budget_mb: int = 1024  # [classeur] memoire_max_mo: what a run may take (rendering)
    read_marks: bool = True  # [classeur] couleurs: a row struck through or filled green holds
    seller: Seller | None = None
    invoicing: InvoicingSettings = field(default_factory=InvoicingSettings)
    templates: Mapping[str, TemplateSettings] = field(
        default_factory=lambda: dict(DEFAULT_TEMPLATES))
    dunning: DunningSettings = field(default_factory=DunningSettings)
    kpi: KpiSettings = field(default_factory=KpiSettings)
    retention: RetentionSettings = field(default_factory=RetentionSettings)
    bank: BankSettings = field(default_factory=BankSettings)

    @property
    def limits(self) -> Limits:
        """What suivi accepts to open ([classeur] taille_max_mo raises the part size)."""
        return Limits(part_bytes=self.max_part_mb * MB)

    @property
    def state_dir(self) -> Path:
        """The `.suivi/` folder beside the workbook (journal, backups, logs, render cache)."""
        return self.workbook.parent / STATE_DIR
