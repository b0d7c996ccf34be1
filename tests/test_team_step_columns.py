"""The team's own reminder columns: « Relance 1 », « 2ème relance », « Mise en demeure »…, one
column per step, each holding the day that reminder went out. suivi read none of them: its
first run sent « Relance 1 » to clients the team had already reminded twice, or sent a formal
notice."""

from __future__ import annotations

import json
from datetime import date

import openpyxl
import pytest
from click.testing import CliRunner
from test_team_trackers import book_of, run

from suivi.cli import cli
from suivi.core.steps import Step
from suivi.messages import text
from suivi.workbook.read import read_master
from suivi.workbook.read.step_columns import step_of_header

HEADER = ["N° facture", "Client", "Date facture", "Montant TTC", "Réglé", "Email",
          "Relance 1", "2ème relance", "Mise en demeure"]


def row(number, name, first=None, second=None, notice=None):
    return [number, name, date(2026, 8, 1), 1000, 0, f"compta@{name.lower()}.example",
            first, second, notice]


TRACKER = [
    HEADER,
    row("F1", "Alpha", date(2026, 10, 1), date(2026, 11, 2), date(2026, 11, 25)),
    row("F2", "Beta", date(2026, 10, 1), date(2026, 11, 2)),
    row("F3", "Gamma", date(2026, 10, 1)),
    row("F4", "Delta", date(2026, 11, 28)),     # reminded three days ago
    row("F5", "Epsilon"),                       # never reminded
    row("F6", "Zeta", "x"),                     # a cross: done, the day not said
    row("F7", "Eta", date(2026, 12, 15)),       # a day to come: the team's plan for it
]


def test_each_client_gets_the_step_after_the_teams_last(in_folder):
    book = book_of(in_folder / "suivi.xlsx", {"Factures": TRACKER})
    checked = CliRunner().invoke(cli, ["check", str(book), "--date", "2026-12-01", "--json"])
    issues = json.loads(checked.output)["issues"]
    [said] = [i for i in issues if i["code"] == "relances_equipe"]
    assert said["cell"] == "Factures!G1" and said["severity"] == "warning"
    assert "« Relance 1 », « 2ème relance », « Mise en demeure »" in said["message"]
    assert "(6 facture(s))" in said["message"]
    assert not [i for i in issues if i["code"] == "colonne_equipe"]

    result, drafts = run(in_folder, book)
    out = " ".join(result.output.split())
    # Alpha had the formal notice, Beta two reminders (next: the phone call), Delta was
    # reminded three days ago: none of them gets a first reminder again. Eta's Relance 1 is
    # planned by the team for the 15th: it waits for that day
    assert sorted(drafts) == ["compta@epsilon.example", "compta@gamma.example",
                              "compta@zeta.example"], result.output
    assert "Gamma – Relance 2 – F3" in out and "Zeta – Relance 2 – F6" in out
    assert "Epsilon – Relance 1 – F5" in out and "Eta – Relance 1" not in out
    assert drafts["compta@gamma.example"]["Subject"].startswith("Deuxième relance")
    assert "Beta – téléphone inconnu – F2" in out  # the step after Relance 2: a call
    sheet = openpyxl.load_workbook(book)["Factures"]
    rows = list(sheet.iter_rows(values_only=True))
    head = rows[0]
    assert list(head[:9]) == HEADER  # the team's columns stay where they were
    for typed, written in zip(TRACKER[1:], rows[1:]):
        assert [v.date() if hasattr(v, "date") else v for v in written[6:9]] == typed[6:9]
    delta = dict(zip(head, rows[4]))
    assert delta["Prochaine action"] == "Relance 2"
    assert delta["Date prochaine action"].date() == date(2026, 12, 3)  # 28/11 + 5 days
    eta = dict(zip(head, rows[7]))
    assert eta["Prochaine action"] == "Relance 1"
    assert eta["Date prochaine action"].date() == date(2026, 12, 15)


def test_a_week_later_suivi_goes_on_from_its_own_steps(in_folder):
    """suivi records its own steps in its « Niveau de relance », not in the team's columns:
    the next week, the higher of the two counts, and nothing is drafted twice."""
    book = book_of(in_folder / "suivi.xlsx", {"Factures": TRACKER[:4]})
    first, drafts = run(in_folder, book)
    assert sorted(drafts) == ["compta@gamma.example"], first.output
    again = CliRunner().invoke(cli, ["run", str(book), "--date", "2026-12-01"],
                               catch_exceptions=False)
    assert "Relance 2 – F3" not in " ".join(again.output.split())
    rows = list(openpyxl.load_workbook(book)["Factures"].iter_rows(values_only=True))
    gamma = dict(zip(rows[0], rows[3]))
    assert gamma["Relance 1"].date() == date(2026, 10, 1) and gamma["2ème relance"] is None


def test_a_reminder_column_that_does_not_say_the_step(in_folder):
    """« Relancé le » holding the day the team reminded: a message to the client that day, and,
    after the due date, Relance 1 done (suivi's next is Relance 2, not a first reminder again).
    A cross says the same without the day. A day before the due date was a courtesy message:
    it keeps the interval, and suivi's first reminder is still Relance 1."""
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Date facture", "Échéance", "Montant TTC", "Réglé", "Email",
         "Relancé le"],
        ["F1", "Alpha", date(2026, 8, 2), date(2026, 9, 1), 100, 0, "a@alpha.example",
         date(2026, 10, 1)],
        ["F2", "Beta", date(2026, 8, 2), date(2026, 9, 1), 100, 0, "b@beta.example", "X"],
        ["F3", "Gamma", date(2026, 8, 2), date(2026, 9, 1), 100, 0, "c@gamma.example",
         date(2026, 11, 29)],
        ["F4", "Delta", date(2026, 10, 31), date(2026, 11, 30), 100, 0, "d@delta.example",
         date(2026, 11, 28)],
        ["F5", "Echo", date(2026, 10, 31), date(2026, 11, 30), 100, 0, "e@echo.example",
         date(2026, 11, 20)],
    ]})
    result, drafts = run(in_folder, book)
    out = " ".join(result.output.split())
    assert sorted(drafts) == ["a@alpha.example", "b@beta.example", "e@echo.example"], out
    assert "Alpha – Relance 2 – F1" in out and "Beta – Relance 2 – F2" in out
    assert "Echo – Relance 1 – F5" in out  # 20/11, before the due date: not a reminder
    rows = list(openpyxl.load_workbook(book)["Factures"].iter_rows(values_only=True))
    nxt = rows[0].index("Prochaine action"), rows[0].index("Date prochaine action")
    # Gamma, reminded on 29/11, waits for the interval, then gets Relance 2; Delta, told on
    # 28/11 before its due date, waits too, then gets its first reminder
    assert [rows[3][nxt[0]], rows[3][nxt[1]].date()] == ["Relance 2", date(2026, 12, 4)]
    assert [rows[4][nxt[0]], rows[4][nxt[1]].date()] == ["Relance 1", date(2026, 12, 3)]
    assert [r[7] for r in rows[1:3]] == [rows[1][7], "X"]  # the team's cells stay


def test_columns_that_hold_something_else_are_not_reminders(tmp_path):
    """A plan (« Prochaine relance »), money (« Frais de relance ») and notes under
    « Relance 1 » are not reminders sent: nobody's step moves."""
    sheets = {"Factures": [
        ["N° facture", "Client", "Date facture", "Montant TTC", "Réglé", "Prochaine relance",
         "Frais de relance", "Relance 1"],
        ["F1", "Alpha", date(2026, 8, 1), 100, 0, date(2026, 11, 20), 40, "mail envoyé à Paul"],
        ["F2", "Beta", date(2026, 8, 1), 100, 0, date(2026, 11, 20), 40, "voir avec la compta"],
    ]}
    master = read_master(book_of(tmp_path / "t.xlsx", sheets))
    assert [i.team_reminders for i in master.invoices] == [(), ()]
    assert not [i for i in master.issues if i.code == "relances_equipe"]


def test_the_days_are_read_by_step(tmp_path):
    sheets = {"Factures": [
        ["N° facture", "Client", "Date facture", "Montant TTC", "Réglé", "Date relance n°1",
         "Relance téléphonique", "LRAR"],
        ["F1", "Alpha", date(2026, 8, 1), 100, 0, "01/10/2026", "oui", date(2026, 11, 3)],
        ["F2", "Beta", date(2026, 8, 1), 100, 0, date(2026, 10, 2), None, None],
    ]}
    master = read_master(book_of(tmp_path / "t.xlsx", sheets))
    assert [i.team_reminders for i in master.invoices] == [
        ((2, date(2026, 10, 1)), (4, None), (5, date(2026, 11, 3))),
        ((2, date(2026, 10, 2)),)]


@pytest.mark.parametrize(("header", "step"), [
    ("Relance 1", Step.REMINDER_1), ("1ère relance", Step.REMINDER_1),
    ("Date 1re relance", Step.REMINDER_1), ("Première relance", Step.REMINDER_1),
    ("Relance n°1", Step.REMINDER_1), ("Relance 1 envoyée le", Step.REMINDER_1),
    ("Relance 2", Step.REMINDER_2), ("2e relance", Step.REMINDER_2),
    ("Deuxième relance", Step.REMINDER_2), ("Seconde relance", Step.REMINDER_2),
    ("Relance 3", Step.REMINDER_2),  # suivi never goes further than the team went
    ("Relance 0", Step.COURTESY), ("Pré-relance", Step.COURTESY),
    ("Relance téléphonique", Step.PHONE_CALL), ("Appel", Step.PHONE_CALL),
    ("Mise en demeure", Step.FORMAL_NOTICE), ("Date mise en demeure", Step.FORMAL_NOTICE),
    ("LRAR", Step.FORMAL_NOTICE), ("Lettre recommandée", Step.FORMAL_NOTICE),
    ("Contentieux", Step.COLLECTION), ("Injonction de payer", Step.COLLECTION),
    ("1st reminder", Step.REMINDER_1), ("Reminder 2", Step.REMINDER_2),
    ("Relance", Step.NONE), ("Relancé le", Step.NONE), ("Date relance", Step.NONE),
    ("Relancé ?", Step.NONE), ("Relance 1 et 2", None), ("Prochaine relance", None),
    ("Relance 2 prévue", None), ("Frais de relance 1", None), ("Commentaire relance 1", None),
    ("Montant TTC", None), ("Niveau de relance", None), ("À relancer 1", None),
])
def test_step_headers(header, step):
    assert step_of_header(header) is step


def test_said_in_english(tmp_path):
    master = read_master(book_of(tmp_path / "t.xlsx", {"Factures": TRACKER[:3]}))
    [said] = [i for i in master.issues if i.code == "relances_equipe"]
    assert "record the reminders the team sent (2 invoice(s))" in text(said, "en")
    assert "'Relance 1', '2ème relance', 'Mise en demeure'" in text(said, "en")


def test_a_step_named_in_the_statut(in_folder):
    """« Relance 2 envoyée le 28/11 » was read as one reminder (Relance 1), and suivi's next
    message would have been Relance 2 again; « 2e relance » without its day was read for
    nothing. The step named counts; a plan does not count as done, and the next step waits
    for its day; a phone call alone is no Relance 2, so that the formal notice never follows
    one call."""
    header = ["N° facture", "Client", "Date facture", "Montant TTC", "Réglé", "Statut", "Email"]
    rows = [
        ["F1", "Alpha", date(2026, 8, 1), 100, 0, "Relance 2 envoyée le 28/11"],
        ["F2", "Beta", date(2026, 8, 1), 100, 0, "2e relance"],
        ["F3", "Gamma", date(2026, 8, 1), 100, 0, "Relance 2 prévue le 15/12"],
        ["F4", "Delta", date(2026, 8, 1), 100, 0, "Relance tél. 12/10"],
    ]
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        header, *([*r, f"compta@{r[1].lower()}.example"] for r in rows)]})
    result, drafts = run(in_folder, book)
    out = " ".join(result.output.split())
    assert sorted(drafts) == ["compta@delta.example"], out
    assert "Gamma – Relance 1 – F3" not in out and "Delta – Relance 2 – F4" in out
    assert read_master(book).invoices[2].planned_reminder == date(2026, 12, 15)
    calls = out.split("Clients à appeler aujourd'hui")[1]
    assert "Alpha" in calls and "Beta" in calls  # the step after Relance 2
    assert "Mise en demeure" not in out


def test_a_phone_column_alone_is_no_second_reminder(in_folder):
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Date facture", "Montant TTC", "Réglé", "Email",
         "Relance téléphonique"],
        ["F1", "Alpha", date(2026, 8, 1), 100, 0, "a@alpha.example", date(2026, 10, 12)]]})
    result, drafts = run(in_folder, book)
    assert "Alpha – Relance 2 – F1" in " ".join(result.output.split()), result.output
