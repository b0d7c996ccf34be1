"""Step: the « Relances à envoyer » sheet, where the team approves reminders from Excel.

Every command that prepares or sends reminders rewrites the sheet after its dunning step: one
row per reminder still waiting, with the team's « Envoyer » choice kept from the sheet as they
left it (a new row starts at Non when [relances] envoi = "brouillons" — nothing leaves without
someone saying Oui — and at Oui when envoi = "direct"). The sheet is rewritten only when a row
or a choice changed, so a second run the same day leaves it alone. `suivi send` reads the
choices (`sheet_decisions`) before it sends.
"""
from __future__ import annotations

from suivi.core.steps import Step
from suivi.mail import PendingDraft
from suivi.pipeline.state import Run
from suivi.workbook.read.review import REVIEW_SHEET, ReviewChoice, ReviewSheet, review_of
from suivi.workbook.review_sheet import ReviewLine, build_review_workbook, note_text


def review_sheet(run: Run) -> ReviewSheet | None:
    """The sheet as the team left it (None when the workbook has none)."""
    return review_of(run.require_master())


def declined(sheet: ReviewSheet | None) -> frozenset[str]:
    """Drafts the team marked Non."""
    return frozenset(c.id for c in sheet.choices if not c.send) if sheet else frozenset()


def review_line(draft: PendingDraft, choice: ReviewChoice | None, default: bool) -> ReviewLine:
    return ReviewLine(draft.id, draft.client, Step(draft.step).label, ", ".join(draft.numbers),
                      draft.amount, ", ".join(draft.recipients), draft.file,
                      choice.send if choice is not None else default, draft.day,
                      note_text(draft.failed, draft.held_on))


def _unchanged(sheet: ReviewSheet, lines: list[ReviewLine]) -> bool:
    return [(c.id, c.send, c.note) for c in sheet.choices] == \
        [(line.id, line.send, line.note) for line in lines]


def review_sheet_step(run: Run) -> None:
    """Put the review sheet in this run's commit when it changed."""
    dunning = run.dunning
    if dunning is None:
        return
    sheet = review_sheet(run)
    if sheet is not None:
        run.report.add_issues(sheet.issues)
    if sheet is None and not dunning.pending:
        return
    chosen = sheet.by_id() if sheet is not None else {}
    default = run.settings.dunning.direct
    lines = [review_line(draft, chosen.get(draft.id), default) for draft in dunning.pending]
    if sheet is not None and _unchanged(sheet, lines):
        return
    name = sheet.name if sheet is not None else REVIEW_SHEET
    run.sheets[name] = build_review_workbook(lines, run.today)
