"""The team's plan for the next reminder: a « Prochaine relance » column with a day, or
« À relancer le 15/12 » in the Statut or the remarks. suivi followed its own ladder only: it
reminded on 1 December a client the team had planned to remind on the 15th, and named the
column as « not a reminder step ». The next step now waits for the day the team chose, and
never comes earlier than suivi's own ladder allows."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest
from click.testing import CliRunner
from test_team_trackers import book_of, run

from suivi.cli import cli
from suivi.core.status_notes import planned_in_status
from suivi.workbook.read import read_master
from suivi.workbook.read.plan_columns import is_plan_header

ISSUED, DUE = date(2026, 8, 1), date(2026, 9, 1)
HEAD = ["N° facture", "Client", "Email", "Date facture", "Échéance", "Montant TTC",
        "Montant réglé"]


def row(number, client, *extra):
    return [number, client, f"compta@{client.lower()}.example", ISSUED, DUE, 1000, 0, *extra]


def cells(book, header):
    rows = list(openpyxl.load_workbook(book)["Factures"].iter_rows(values_only=True))
    column = rows[0].index(header)
    return [r[column].date() if isinstance(r[column], datetime) else r[column] for r in rows[1:]]


@pytest.mark.parametrize("header", ["Prochaine relance", "Relance prévue le", "À relancer le",
                                    "Date de relance prévue", "Next reminder"])
def test_the_day_in_the_teams_plan_column_holds_the_reminder_until_it_comes(in_folder, header):
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        [*HEAD, header],
        row("F1", "Alpha", date(2026, 12, 15)),  # planned in a fortnight
        row("F2", "Beta", date(2026, 11, 15)),  # planned for a day now past: nothing held
        row("F3", "Gamma", None),
    ]})
    result, drafts = run(in_folder, book)
    assert result.exit_code == 0, result.output
    assert sorted(drafts) == ["compta@beta.example", "compta@gamma.example"], result.output
    said = " ".join(result.output.split())
    assert f"La colonne « {header} » donne le jour où l'équipe prévoit la prochaine relance" \
        in said, said
    assert "ne contient pas un niveau de relance" not in said
    # suivi's own « Prochaine action » says what comes, on the team's day; its column untouched
    assert cells(book, "Prochaine action")[0] == "Relance 1"
    assert cells(book, "Date prochaine action")[0] == date(2026, 12, 15)
    assert cells(book, header)[0] == date(2026, 12, 15)
    # on the day the team chose, the reminder goes
    later = CliRunner().invoke(cli, ["run", str(book), "--date", "2026-12-15"],
                               catch_exceptions=False)
    assert later.exit_code == 0, later.output
    alpha = sorted(p.name for p in (in_folder / "relances").rglob("*alpha*.eml"))
    assert alpha == ["20261215-alpha-relance1-be76.eml"], later.output


def test_a_plan_said_in_the_statut_or_the_remarks_holds_the_reminder(in_folder):
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        [*HEAD, "Statut", "Commentaires"],
        row("F1", "Alpha", "À relancer le 15/12", None),
        row("F2", "Beta", "En retard", "Relance prévue le 20/12/2026"),
        row("F3", "Gamma", "Relancé le 28/11, à rappeler le 15/12", None),
        row("F4", "Delta", "En retard", "Relance prévue le 15/11"),  # past: reminded
        row("F5", "Echo", "En retard", None),
    ]})
    result, drafts = run(in_folder, book)
    assert result.exit_code == 0, result.output
    assert sorted(drafts) == ["compta@delta.example", "compta@echo.example"], result.output
    assert cells(book, "Date prochaine action")[:3] == [
        date(2026, 12, 15), date(2026, 12, 21), date(2026, 12, 15)]  # 20/12 is a Sunday


def test_a_day_to_come_in_the_teams_step_column_is_when_that_step_goes(in_folder):
    """« Relance 2 » holding a day to come is the day the team means to send it: suivi's
    Relance 2 (due a week after the first) waits for it."""
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        [*HEAD, "Relance 1", "Relance 2"],
        row("F1", "Alpha", date(2026, 11, 2), date(2026, 12, 10)),
        row("F2", "Beta", date(2026, 11, 2), None),
    ]})
    result, drafts = run(in_folder, book)
    assert result.exit_code == 0, result.output
    assert sorted(drafts) == ["compta@beta.example"], result.output
    (beta,) = [p.name for p in (in_folder / "relances").rglob("*.eml")]
    assert beta.startswith("20261201-beta-relance2-"), beta  # Beta's Relance 2 goes today
    assert cells(book, "Date prochaine action")[0] == date(2026, 12, 10)


def test_a_draft_made_before_the_team_planned_a_later_day_is_withdrawn(in_folder):
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        [*HEAD, "Prochaine relance"],
        row("F1", "Alpha", None),
        row("F2", "Beta", date(2026, 11, 1)),
    ]})
    first, drafts = run(in_folder, book)
    assert sorted(drafts) == ["compta@alpha.example", "compta@beta.example"], first.output
    # the next morning, before anyone approved: Alpha called, the team plans the 15th
    workbook = openpyxl.load_workbook(book)
    workbook["Factures"]["H2"] = date(2026, 12, 15)
    workbook.save(book)
    second = CliRunner().invoke(cli, ["run", str(book), "--date", "2026-12-02"],
                                catch_exceptions=False)
    said = " ".join(second.output.split())
    cancelled = said.split("Messages annulés")[1]
    assert "Alpha – Relance 1 – F1" in cancelled, said
    assert "l'équipe a prévu la prochaine relance le 15/12/2026" in cancelled, said
    assert "Beta" not in cancelled, said
    assert not list((in_folder / "relances").rglob("*alpha*.eml"))


def test_a_relancer_column_of_oui_and_non_is_still_read_as_such(in_folder):
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        [*HEAD, "À relancer"],
        row("F1", "Alpha", "Non"),
        row("F2", "Beta", "Oui"),
    ]})
    result, drafts = run(in_folder, book)
    assert sorted(drafts) == ["compta@beta.example"], result.output
    assert "l'équipe prévoit" not in " ".join(result.output.split())


def test_plan_headers_and_plans_in_words():
    assert all(is_plan_header(h) for h in ("Prochaine relance", "Relance prévue le",
                                           "À relancer le", "Prochain rappel", "Next reminder"))
    assert not any(is_plan_header(h) for h in ("Date dernière relance", "Date prochaine action",
                                               "Relance 2", "Nb relances", "Prochaine étape"))
    due = date(2026, 9, 1)
    assert planned_in_status("À relancer le 15/12", due) == date(2026, 12, 15)
    assert planned_in_status("Prochaine relance : 3 janvier", due) == date(2027, 1, 3)
    assert planned_in_status("Relancé le 28/11, à rappeler le 15/12", due) == date(2026, 12, 15)
    # a promise of payment is no plan, nor a reminder already sent, nor a plan without a day
    assert planned_in_status("Virement prévu le 15/12", due) is None
    assert planned_in_status("Relancé le 28/11", due) is None
    assert planned_in_status("À relancer", due) is None


def test_check_names_the_plan_column_and_reads_its_days(in_folder):
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        [*HEAD, "Prochaine relance"],
        row("F1", "Alpha", "15/12/2026"),
        row("F2", "Beta", None),
    ]})
    master = read_master(book)
    assert [inv.planned_reminder for inv in master.invoices] == [date(2026, 12, 15), None]
    assert [i.code for i in master.issues] == ["relance_prevue_equipe"]
    assert str(master.issues[0].where) == "Factures!H1"
