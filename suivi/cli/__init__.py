"""The `suivi` command line. Verbs are English (like git); what it prints is French by default."""
from __future__ import annotations

import os
import sys

import click

from suivi import __version__
from suivi.i18n import set_lang

from . import cmd_bank, cmd_check, cmd_init, cmd_kpi, cmd_purge, cmd_remind, cmd_run, cmd_schedule


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="suivi")
def cli() -> None:
    """suivi : suivi des factures clients dans votre classeur Excel.

    Lit le classeur maître, le contrôle, numérote et produit les factures (Factur-X), prépare
    les relances, et écrit ses actions dans le même classeur sans l'abîmer.

    Example:

        suivi demo ~/suivi-demo
    """
    # Each command starts in French (or SUIVI_LANG); --lang or suivi.toml may switch it.
    set_lang(os.environ.get("SUIVI_LANG", "fr"))


for _module in (cmd_init, cmd_check, cmd_run, cmd_bank, cmd_remind, cmd_kpi, cmd_schedule,
                cmd_purge):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main() -> None:
    # Windows consoles default to a legacy code page: make sure accents print.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):
                pass
    cli(prog_name="suivi")
