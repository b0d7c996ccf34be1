"""Which pattern new numbers follow: suivi.toml's, or the workbook's own.

A team adopting suivi has numbered its invoices for years (« F2026-017 »). suivi's default
pattern (« FAC{AAAA}-{NNN} ») would start a second series beside it (FAC2026-001 after
F2026-017), which no one wants and the law frowns on (one continuous series per kind is the
rule the team follows). When suivi.toml names no pattern (`[factures] numero`, `avoir`) and the
workbook's latest numbers do not follow the default, the pattern they follow is used
(`core.numbering.learned_pattern`), and a warning says which, with the line that fixes it.
When they follow none suivi can reproduce, rows are not numbered: an error says so, and how to
name the pattern.
"""
from __future__ import annotations

import heapq

from suivi.core.models import Invoice, InvoiceKind, Issue, Severity
from suivi.core.numbering import NumberPattern, learned_pattern
from suivi.pipeline.state import Run

#: How many of the latest numbers of a kind tell its pattern.
RECENT = 12


def number_patterns(run: Run, pending: list[Invoice] | None = None
                    ) -> tuple[NumberPattern | None, NumberPattern | None]:
    """The invoice and credit-note patterns for new numbers; None for a kind whose numbers
    follow a pattern suivi cannot reproduce (nothing of it is numbered). With `pending` (the
    rows to number), a warning or an error says what was decided, for the kinds it holds."""
    settings = run.settings.invoicing
    configured = settings.patterns()
    chosen: list[NumberPattern | None] = []
    for credit, pattern, written in ((False, configured[0], settings.number_pattern_set),
                                     (True, configured[1], settings.credit_note_pattern_set)):
        if written:  # suivi.toml's choice: the workbook is not looked at
            chosen.append(pattern)
            continue
        numbered = [inv for inv in run.invoices if inv.number and inv.issue_date
                    and (inv.kind is InvoiceKind.CREDIT_NOTE) == credit]
        latest = heapq.nlargest(RECENT, numbered, key=lambda inv: (inv.issue_date, inv.row))
        rx = pattern.regex(None)
        if not latest or any(rx.match((inv.number or "").strip()) for inv in latest):
            chosen.append(pattern)
            continue
        learned = learned_pattern(((inv.number or "", inv.issue_date) for inv in latest
                                   if inv.issue_date), RECENT)
        found = NumberPattern(learned, "{AAAA}" in learned and settings.yearly_reset) \
            if learned else None
        chosen.append(found)
        waiting = [inv for inv in pending or () if (inv.kind is InvoiceKind.CREDIT_NOTE) == credit]
        if waiting:
            where = run.require_master().layout.ref("number", latest[0].row)
            key = "avoir" if credit else "numero"
            run.report.add_issues([
                Issue.of(where, "numero_appris", Severity.WARNING, example=latest[0].number,
                         pattern=learned, default=pattern.pattern, key=key)
                if learned else
                Issue.of(where, "numero_modele_inconnu", Severity.ERROR,
                         example=latest[0].number, default=pattern.pattern, key=key,
                         count=len(waiting))])
    return chosen[0], chosen[1]
