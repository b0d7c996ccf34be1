"""What dunning needs from the configuration, as plain typed settings (parsed and validated by
`suivi.config`; nothing here reads suivi.toml).

The SMTP password is never part of the settings: only the name of the environment variable that
holds it, or the OS keyring (see `suivi.mail.send.smtp_password`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from suivi.core.calendar import BusinessDayChecker, business_day_checker
from suivi.core.dunning import DunningPolicy
from suivi.core.penalties import PenaltyPolicy

DELIVERY_DRAFTS = "brouillons"
DELIVERY_DIRECT = "direct"
SECURITY_MODES = ("starttls", "ssl", "aucune")


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    """Where and how to send. No password here, ever."""

    host: str = ""
    port: int = 587
    security: str = "starttls"
    user: str = ""
    sender: str = ""
    sender_name: str = ""
    password_env: str = "SUIVI_SMTP_PASSWORD"
    use_keyring: bool = True
    keyring_service: str = "suivi"
    timeout: float = 30.0
    attempts: int = 3
    backoff: float = 2.0

    @property
    def configured(self) -> bool:
        return bool(self.host)

    @property
    def from_address(self) -> str:
        return self.sender or self.user


@dataclass(frozen=True, slots=True)
class DunningSettings:
    """Everything the dunning module needs from [relances], [smtp] and [penalites]."""

    policy: DunningPolicy = field(default_factory=DunningPolicy)
    penalties: PenaltyPolicy = field(default_factory=PenaltyPolicy)
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    delivery: str = DELIVERY_DRAFTS
    team: tuple[str, ...] = ()
    bcc_team: bool = False
    alert_team: bool = False  # e-mail the team when a scheduled run ends with exit 1 or 2
    read_receipt: bool = False
    reply_to: str | None = None
    templates_folder: str = "modeles/relances"
    drafts_folder: str = "relances"
    country: str = "FR"
    subdivision: str | None = None
    closed_days: tuple[date, ...] = ()
    attach_invoices: bool = True
    qr_code: bool = True

    @property
    def direct(self) -> bool:
        return self.delivery == DELIVERY_DIRECT

    def business_days(self) -> BusinessDayChecker:
        """The calendar configured in [relances] pays / subdivision / fermetures."""
        return business_day_checker(self.country, self.subdivision, self.closed_days)
