"""What was already done: the last step of each invoice and the last message to each client,
from the journal file, the Journal sheet and the workbook columns."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from suivi.core.dunning import DunningHistory, StepReached, later
from suivi.core.models import Invoice, Master, normalise_name
from suivi.core.status_notes import reminded_day, reminded_on, stated_step
from suivi.core.steps import Step, parse_step

from .journal import CANCELLED, SUPERSEDED, Journal, JournalState, rebuild_state

#: Steps by number (a journal of several years holds tens of thousands of items).
_STEPS = tuple(Step)

#: Journal sheet results that mean the step did not happen.
FAILED_RESULTS = ("échec", "echec", "annul", "rempl", "erreur", "refus")
DRAFT_RESULTS = ("brouillon", "draft")


def load_history(folder: Path, master: Master) -> DunningHistory:
    """journal.jsonl + Journal sheet. The workbook's Niveau de relance / Date dernière action
    are merged by the planner (`DunningHistory.step_of`), taking the maximum."""
    return history_from(rebuild_state(Journal(folder).read()), master)


def history_from(state: JournalState, master: Master,
                 today: date | None = None) -> DunningHistory:
    steps: dict[str, StepReached] = {}
    last_message: dict[str, date] = {}

    def reach(number: str, step: Step, on: date | None) -> None:
        steps[number] = later(steps.get(number, StepReached()), StepReached(step, on))

    def contact(key: str, on: date | None) -> None:
        if key and on is not None and (key not in last_message or on > last_message[key]):
            last_message[key] = on

    for message in state.messages.values():
        if not message.reached:
            continue  # refused by the server: the client did not get it
        for item in message.advancing:
            reach(item["number"], _STEPS[int(item["step"])], message.day)
        if message.status in (SUPERSEDED, CANCELLED):
            continue  # never went out: not a contact
        contact(message.client_key, message.sent_day or message.day)
        if message.sent_day and message.day:
            contact(message.client_key, max(message.sent_day, message.day))
    for task in state.tasks.values():
        for item in task.items:
            if item.get("advancing", True):
                reach(item["number"], _STEPS[int(item["step"])], task.day)
    folded = _Folded()
    refused = _refused(state, master, folded)
    for entry in master.journal:
        step = parse_step(entry.step)
        if step is None or step is Step.NONE:
            continue
        result = folded(entry.result)
        if result.startswith(FAILED_RESULTS):
            continue
        if result.startswith(DRAFT_RESULTS) and any((n, step) in refused
                                                    for n in entry.invoice_numbers):
            continue  # the draft of a message the server refused: the client never got it
        for number in entry.invoice_numbers:
            reach(number, step, entry.date)
        channel = folded(entry.channel)
        if channel.startswith(("email", "e-mail", "mail", "courrier", "lettre")):
            contact(normalise_name(entry.client), entry.date)
    texts = {text for inv in master.invoices for text in (inv.status_text, inv.notes)} \
        if today is not None else set()
    said = {text for text in texts if reminded_day(text)}
    noted = said | {text for text in texts if stated_step(text)}
    for inv in master.invoices:
        if not (inv.team_reminders or inv.last_action_date is not None
                or inv.status_text in noted or inv.notes in noted):
            continue  # most rows: nothing the team recorded (100,000 rows of a day-2 run)
        for step, on in _team_reminders(inv, said, noted, today):
            if inv.number and step:
                reach(inv.number, step, on)
            contact(normalise_name(inv.client), on)
    return DunningHistory(steps=steps, last_message=last_message)


def _team_reminders(inv: Invoice, said: set[str | None], noted: set[str | None],
                    today: date | None) -> list[tuple[Step, date | None]]:
    """The reminders the team recorded on the row itself: its step columns (« Relance 1 »,
    « Mise en demeure »: `Invoice.team_reminders`), its own « Date dernière relance » (suivi
    writes its action beside the date, and the step), or a note in the Statut (« Relancé le
    28/11 », « Relance 2 envoyée le 28/11 », « Mise en demeure »), else in the team's remarks
    column (« Commentaires » : « Relance 1 envoyée le 15/10 »).

    Each is a message to the client, so the interval between two messages holds from it. A
    reminder recorded without its step, after the due date (or by a cross), was at least
    Relance 1, so that suivi's next message is not a first reminder again. A phone call the
    team noted without its Relance 2 counts as Relance 1: suivi's next step after a call is
    the formal notice, which one call alone must not bring. A day after today is a plan."""
    done = [(step, on) for step, on in inv.team_reminders
            if on is None or today is None or on <= today]
    if inv.last_action_date is not None and not inv.last_action and not inv.reminder_step:
        done.append((0, inv.last_action_date))
    elif today is not None and (text := inv.status_text if inv.status_text in noted
                                else inv.notes if inv.notes in noted else None):
        # the Statut (else the note) names a step, or a day: « Relance 2 envoyée le 28/11 »:
        # that step, that day; « Relancé le 28/11 »: a day; « Relance 2 » (no day): that step
        step = int(stated_step(text) or 0)
        typed = reminded_on(text, inv.issue_date, today) if text in said else None
        if typed is not None or step:
            done.append((step, typed))
    due = inv.due_date
    called_alone = not any(step == Step.REMINDER_2 for step, _ in done)
    return [(_STEPS[step] if step and not (step == Step.PHONE_CALL and called_alone)
             else Step.REMINDER_1 if step or on is None or due is not None and on > due
             else Step.NONE, on)
            for step, on in done]


def _refused(state: JournalState, master: Master, folded: _Folded) -> set[tuple[str, Step]]:
    """(invoice, step) of the messages the server refused, or cancelled to be drafted again,
    that nobody sent since: their « brouillon » rows in the Journal sheet do not count."""
    refused = {(number, Step(message.step)) for message in state.messages.values()
               if message.undone for number in message.numbers}
    sent_later: list[tuple[str, Step]] = []
    for entry in master.journal:
        result = folded(entry.result)
        if not result.startswith(("refus", "envoy", "sent")):
            continue  # most rows: only these two results matter here
        step = parse_step(entry.step)
        if step is None:
            continue
        pairs = [(number, step) for number in entry.invoice_numbers]
        if result.startswith("refus"):
            refused.update(pairs)
        else:
            sent_later.extend(pairs)
    refused.difference_update(sent_later)  # sent later (--renvoie): the step is done after all
    return refused


class _Folded(dict[str | None, str]):
    """Case-folded cell texts, each folded once: a Journal sheet of tens of thousands of rows
    repeats a handful of results and channels."""

    def __call__(self, value: str | None) -> str:
        found = self.get(value)
        if found is None:
            found = self[value] = (value or "").casefold()
        return found
