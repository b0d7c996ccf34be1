"""Settings that are valid but risky: warnings `suivi check` and every run show.

    issues = config_warnings(settings)   # Issue list, located in suivi.toml
"""
from __future__ import annotations

import ipaddress

from suivi.core.models import Issue, Severity

from .model import Settings

_LOCAL_HOSTS = ("localhost", "localhost.localdomain")


def _is_local(host: str) -> bool:
    if host.casefold() in _LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def config_warnings(settings: Settings) -> list[Issue]:
    """Valid settings that put something at risk (the password in clear, for one)."""
    issues: list[Issue] = []
    smtp = settings.dunning.smtp
    if smtp.configured and smtp.security == "aucune" and smtp.user and not _is_local(smtp.host):
        issues.append(Issue.of("suivi.toml", "smtp_en_clair", Severity.WARNING, host=smtp.host,
                               user=smtp.user))
    return issues
