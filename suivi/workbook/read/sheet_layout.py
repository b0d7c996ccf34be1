"""An invoice sheet's layout: where suivi may add its columns, the mark of its « Payé » column,
and the columns it must have."""
from __future__ import annotations

from suivi.core.models import CellRef, Issue, Severity, SheetLayout
from suivi.workbook import vocabulary as voc

from .headers import HeaderGuess
from .mark_columns import paid_mark
from .source import Rows


def invoice_layout(sheet: str, rows: Rows, guess: HeaderGuess) -> SheetLayout:
    """The layout of an invoice sheet whose header is `guess` (before its rows are read)."""
    return SheetLayout(sheet, guess.row, guess.columns, last_row=len(rows),
                       last_column=max((len(r) for r in rows), default=0),
                       free_column=free_column(rows, guess), paid_mark=paid_mark(rows, guess))


def free_column(rows: Rows, guess: HeaderGuess, width: int = 8) -> int:
    """First column (1-based) right of the table with `width` empty columns from the header
    row down: where suivi adds the columns it needs (Statut, Niveau de relance…) when the
    user's sheet has none. A summary block to the right is stepped over, never overwritten."""
    used: set[int] = set()
    for values in rows[guess.row - 1:]:
        for c in range(guess.last_col + 1, len(values)):
            if values[c] not in ("", None):
                used.add(c)
    c = guess.last_col + 1
    while any(k in used for k in range(c, c + width)):
        c += 1
    return c + 1


REQUIRED_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("number", ("number",)), ("client", ("client",)), ("amount_ttc", voc.AMOUNT_FIELDS))


def check_required_columns(layout: SheetLayout, guess: HeaderGuess, issues: list[Issue],
                           by_client: bool = False) -> None:
    """A required column missing is blocking: suivi would number, render or remind blind. In a
    tracker kept one sheet per client (`by_client`), the sheet's name is the client."""
    found = list(guess.headers)
    where = CellRef(layout.sheet, layout.header_row, "A")
    for label_field, alternatives in REQUIRED_COLUMNS:
        if any(layout.has(a) for a in alternatives):
            continue
        if label_field == "amount_ttc" and guess.vat_split or label_field == "client" and by_client:
            continue
        issues.append(Issue.of(where, "colonne_absente", Severity.BLOCKING, field=label_field,
                               label=voc.FIELD_LABELS_FR[label_field], found=found,
                               synonyms=list(voc.INVOICE_FIELDS[label_field][:5]),
                               key=voc.CONFIG_KEYS.get(label_field, label_field)))
    if not layout.has("issue_date") and not layout.has("due_date"):
        issues.append(Issue.of(where, "colonne_absente", Severity.BLOCKING, variant="date",
                               found=found))
