"""Pipeline step: plan today's reminders, make the drafts (or send), and collect the workbook
updates, the Journal rows and the team digest for this run's commit."""
from __future__ import annotations

from typing import Any

from suivi.mail.config import DunningSettings, dunning_settings_from_config
from suivi.pipeline import Run, RunAborted


def dunning_settings(run: Run) -> DunningSettings:
    cached = run.sections.get("_dunning_settings")
    if cached is None:
        settings = run.settings
        cached = dunning_settings_from_config(settings.section("relances"), settings.section("smtp"),
                                              settings.section("penalites"))
        run.sections["_dunning_settings"] = cached
    return cached


def sender(run: Run, settings: DunningSettings) -> Any:
    """The seller of [vendeur]; without one, a sender named after [smtp] so drafts still sign."""
    from suivi.documents.model import Seller
    from suivi.steps.invoicing import seller_from_config

    seller = seller_from_config(run.settings.section("vendeur"), run.settings.folder)
    if seller is not None:
        return seller
    name = getattr(settings.smtp, "from_name", None) or "Service comptabilité"
    return Seller(name=name, email=getattr(settings.smtp, "from_address", None))


def dunning_view(master):
    """The master as dunning must see it: what credit notes and deducted deposits already
    settle counts as paid, so messages ask only for what the client still owes."""
    from dataclasses import replace

    from suivi.core.ledger import credited_amounts

    credits = credited_amounts(master.invoices)
    if not credits:
        return master
    invoices = tuple(replace(inv, amount_paid=inv.amount_paid + credits[inv.number])
                     if inv.number in credits else inv for inv in master.invoices)
    return replace(master, invoices=invoices)


def apply_outcome(run: Run, outcome) -> None:
    """Put a dunning outcome into the run: updates, Journal rows, issues, failures, digest."""
    from suivi.mail.engine import mark_synced

    for update in outcome.updates:
        run.update(update.row, update.field, update.value)
    run.journal_entries.extend(outcome.journal_rows)
    run.report.add_issues(outcome.issues)
    for ident in outcome.failed:
        run.report.fail(f"Relance {ident} non envoyée : elle repartira au prochain passage.")
    if outcome.digest is not None and outcome.digest.unverified:
        run.report.fail("Des envois sont « à vérifier » : voir le résumé (suivi send --confirme / "
                        "--renvoie).")
    run.files.extend(outcome.files)
    run.sections["dunning"] = outcome
    run.printers.append(lambda console: console.print(outcome.text) if outcome.text else None)
    if not run.dry_run:
        folder = run.settings.folder
        run.after_commit.append(lambda: mark_synced(folder, outcome))


def reminders_step(run: Run) -> None:
    from suivi.mail.engine import run_reminders

    if run.master is None:
        raise RunAborted
    settings = dunning_settings(run)
    plan, outcome = run_reminders(dunning_view(run.master), sender(run, settings), settings,
                                  run.settings.folder, run.today, dry_run=run.dry_run)
    run.sections["plan"] = plan
    apply_outcome(run, outcome)
