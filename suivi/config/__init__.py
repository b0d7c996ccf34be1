"""suivi.toml → typed settings, parsed and validated once, in one place.

    from suivi.config import load_settings, ConfigError
    settings = load_settings()          # Settings: workbook, seller, invoicing, dunning, kpi…

Keys are French (users edit the file); attributes are English. Every section has defaults that
work without editing; a wrong value raises the one `ConfigError`, naming the section, the key,
the value and what is expected (in French, or in English with --lang en). Nothing else in suivi
parses configuration.
"""
from .errors import ConfigError
from .fields import Section
from .invoicing import InvoicingSettings
from .load import SECTIONS, find_config, load_settings, settings_from
from .model import CONFIG_NAME, DEFAULT_WORKBOOK, STATE_DIR, Settings
from .template import default_config

__all__ = ["CONFIG_NAME", "DEFAULT_WORKBOOK", "SECTIONS", "STATE_DIR", "ConfigError",
           "InvoicingSettings", "Section", "Settings", "default_config", "find_config",
           "load_settings", "settings_from"]
