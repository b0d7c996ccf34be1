"""`suivi purge`: apply [conservation] now (old drafts, logs, backups, temporary files)."""
from __future__ import annotations

import click

from suivi.core.message import Message
from suivi.retention import purge

from .common import CommonOptions, common_options, friendly_errors, get_settings, print_json, say


@click.command("purge")
@common_options
@friendly_errors
def purge_command(opts: CommonOptions) -> None:
    """Supprimer ce que [conservation] ne garde plus : anciens brouillons et copies de relances,
    journaux, sauvegardes du classeur, fichiers temporaires d'une exécution interrompue.

    Rien d'utile n'est supprimé : un dossier de relances contenant un brouillon pas encore
    envoyé, refusé ou « à vérifier » est gardé, la sauvegarde la plus récente aussi, et les
    journaux qui empêchent un double envoi ou un double numéro ne sont jamais effacés.

    Example:

        suivi purge --dry-run
    """
    settings = get_settings(opts, None)
    done = purge(settings, opts.day, dry_run=opts.dry_run)
    if opts.as_json:
        print_json({"dry_run": opts.dry_run, "removed": done.removed,
                    "kept_pending": done.kept_pending})
        return
    code = "retention.would_remove" if opts.dry_run else "retention.removed"
    say(Message.of(code, count=len(done.removed)))
    for path in done.removed:
        say(Message.of("retention.path", path=str(path)))
    if done.kept_pending:
        say(Message.of("retention.kept_pending", count=len(done.kept_pending),
                       folders=[p.name for p in done.kept_pending]))


COMMANDS = (purge_command,)
