"""The `suivi` command line. Verbs are English (like git); what it prints is French by default."""
from __future__ import annotations

import atexit
import os
import sys
import threading

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
    try:
        cli(prog_name="suivi")
    except SystemExit as exc:
        if isinstance(exc.code, int) or exc.code is None:
            _leave(exc.code or 0)
        raise


def _leave(code: int) -> None:
    """End the process without tearing the interpreter down when nothing is left to run.

    Python frees every object one by one at exit: after reading a 100,000-row master that
    is 0.2 s for nothing, the system takes the memory back at once. The exit handlers still
    run (log files closed, temporary folders removed, child processes joined) and the
    output is flushed; with a thread still working, the normal exit waits for it instead.
    """
    others = [t for t in threading.enumerate()
              if t is not threading.main_thread() and not t.daemon]
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    if others or run_exit_handlers is None:
        return
    run_exit_handlers()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be said
            pass
    os._exit(code)
