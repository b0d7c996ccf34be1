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

from .invoicing import InvoicingSettings

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
    seller: Seller | None = None
    invoicing: InvoicingSettings = field(default_factory=InvoicingSettings)
    templates: Mapping[str, TemplateSettings] = field(
        default_factory=lambda: dict(DEFAULT_TEMPLATES))
    dunning: DunningSettings = field(default_factory=DunningSettings)
    kpi: KpiSettings = field(default_factory=KpiSettings)
    bank: BankSettings = field(default_factory=BankSettings)

    @property
    def state_dir(self) -> Path:
        """The `.suivi/` folder beside the workbook (journal, backups, logs, render cache)."""
        return self.workbook.parent / STATE_DIR
