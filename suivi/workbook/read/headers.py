"""Finding the header row of a sheet, and which column holds which field.

The header row may sit anywhere in the first 30 rows, below a title or a parameter block, with a
summary block to its right; headers are French or English with free spelling (see
`suivi.workbook.vocabulary`). An explicit mapping from suivi.toml wins.
"""
from __future__ import annotations

from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from suivi.core.models import ColumnInfo, column_index, column_letter
from suivi.workbook import vocabulary as voc

HEADER_SCAN_ROWS = 30


@dataclass(frozen=True, slots=True)
class HeaderGuess:
    row: int  # 1-based
    score: int
    columns: dict[str, ColumnInfo]
    first_col: int  # 0-based, inclusive
    last_col: int  # 0-based, inclusive
    headers: tuple[str, ...]  # every non-empty header text in the block
    vat_split: tuple[tuple[int, str, str], ...] = ()  # (col index, header, rate)


def _segments(hits: list[tuple[int, str, int]], row: Sequence[Any],
              below: Sequence[Sequence[Any]]) -> list[list[tuple[int, str, int]]]:
    """Group header hits (col, field, score) of `row` that belong to one table.

    Adjacent header cells belong together. One empty header cell is allowed inside a table
    only when its column holds data below (an unlabelled column, seen in the rows `below`);
    an empty column is a separator, e.g. before a summary block to the right.
    """

    def column_has_data(c: int) -> bool:
        return any(c < len(b) and b[c] not in ("", None) for b in below)

    groups: list[list[tuple[int, str, int]]] = []
    for hit in sorted(hits):
        if groups:
            last = groups[-1][-1][0]
            between = range(last + 1, hit[0])
            empties = [c for c in between if row[c] in ("", None)]
            if len(empties) <= 1 and all(column_has_data(c) for c in empties):
                groups[-1].append(hit)
                continue
        groups.append([hit])
    return groups


def guess_header(rows: Sequence[Sequence[Any]], vocabulary: voc.Vocabulary,
                 overrides: Mapping[str, str] | None = None,
                 scan: int = HEADER_SCAN_ROWS) -> HeaderGuess | None:
    """Find the header row among the first `scan` rows.

    Each row is scored by the block of adjacent cells that match known headers best; a title line
    or a parameter block ("Date du jour : …") scores low, and a summary block to the right of the
    header is a separate block that is left out.
    """
    best: HeaderGuess | None = None
    for r, row in enumerate(rows[:scan]):
        hits = _hits(row, vocabulary)
        if len({h[1] for h in hits}) < 2:
            continue
        if r > 0:
            grouped = _under_groups(rows[r - 1], row, vocabulary)
            if grouped is not row:
                row = grouped
                hits = _hits(row, vocabulary)
        for group in _segments(hits, row, rows[r + 1:r + 6]):
            fields = {h[1] for h in group}
            if len(fields) < 2:
                continue
            score = sum(h[2] for h in group)
            if best is None or score > best.score:
                best = _build_guess(r, row, group, score, vocabulary)
    if best is not None and overrides:
        best = _apply_overrides(best, rows, overrides)
    return best


def _hits(row: Sequence[Any], vocabulary: voc.Vocabulary) -> list[tuple[int, str, int]]:
    """The header cells of `row` that name a field: (column, field, score)."""
    hits: list[tuple[int, str, int]] = []
    for c, value in enumerate(row):
        if not isinstance(value, str) or not value.strip():
            continue
        if vocabulary is voc.INVOICE_VOCABULARY and voc.vat_split_rate(value):
            hits.append((c, "vat_split", 60))
            continue
        m = vocabulary.match(value)
        if m is not None and m.score >= 55:
            hits.append((c, m.field, m.score))
    return hits


def _under_groups(above: Sequence[Any], row: Sequence[Any],
                  vocabulary: voc.Vocabulary) -> Sequence[Any]:
    """A header on two rows: group labels over merged cells (« Facture » over « N° » and
    « Date », « Paiement » over « Date » and « Montant »), and a label merged down both rows
    (« Client »). Returns `row` with each header read with its group where that names a field
    exactly (« Date » under « Paiement » is the payment date, not the invoice's), and the
    label from above in a cell left empty below it; `row` itself when the row above is not
    such a group row (a title, a blank line, data).

    A group row has at least two labels over the header, one of them spanning a blank cell
    to its right (a merged group); the two rows read together must name more fields than the
    group row alone (it may name several itself: « N° facture », « Client » merged down beside
    « Montant » over « HT », « TVA », « TTC »), and no fewer than the lower row (« N° » under
    « Facture » in Paiements is the invoice's number, not the payment's reference)."""
    if not any(isinstance(v, str) and v.strip() for v in row):
        return row
    width = len(row)
    labels = [c for c in range(min(len(above), width))
              if isinstance(above[c], str) and above[c].strip()]
    if len(labels) < 2 or any(not isinstance(v, str) for v in above[:width]
                              if v not in ("", None)):
        return row
    spans = [c for c in labels if c + 1 < width and (c + 1 >= len(above)
                                                     or above[c + 1] in ("", None))
             and row[c + 1] not in ("", None)]
    if not spans:
        return row
    result = list(row)
    group = ""
    named = _fields(above, vocabulary)  # what the upper row names (merged down, groups)
    for c in range(width):
        own = above[c] if c < len(above) else None
        if isinstance(own, str) and own.strip():
            group = own.strip()
        elif own not in ("", None):
            group = ""
        value = row[c]
        if value in ("", None):
            if isinstance(own, str) and own.strip():
                m = vocabulary.match(own)
                if m is not None and m.score >= 100:
                    result[c] = own.strip()  # merged down over both rows
            continue
        if not group or not isinstance(value, str):
            continue
        alone = vocabulary.match(value)
        pays = _payment_group(group)
        texts = (f"{value.strip()} {group}", f"{group} {value.strip()}",
                 *((f"{value.strip()} règlement",) if pays else ()))
        for text in texts:
            m = vocabulary.match(text)
            if m is not None and m.score >= 100 and (alone is None or m.score > alone.score):
                result[c] = text
                break
        else:
            if pays:  # « N° », « Référence » of the payment: not the invoice's number
                result[c] = texts[0]
            elif alone is not None and alone.field in named and group not in result:
                # « Nom » under « Contact » beside « Client »: the contact's name, not the
                # client's (the group names a field of its own: its first column is it)
                group_match = vocabulary.match(group)
                if group_match is not None and group_match.score >= 100 \
                        and group_match.field != alone.field:
                    result[c] = group
    read = _fields(result, vocabulary)  # better than either row alone, or not a group row
    if result != list(row) and len(read) > len(named) \
            and len(read) >= len(_fields(row, vocabulary)):
        return result
    return row


def _payment_group(group: str) -> bool:
    """A group label over the payment's columns: « Règlement(s) », « Paiements »,
    « Encaissement », « Versement », « Paiement reçu »… (« Montant » and « Date » under it are
    the payment's)."""
    return voc.says_paid(set(voc.fold_header(group).split()))


def _fields(row: Sequence[Any], vocabulary: voc.Vocabulary) -> set[str]:
    return {field for _, field, _ in _hits(row, vocabulary)}


def _build_guess(r: int, row: Sequence[Any], group: list[tuple[int, str, int]], score: int,
                 vocabulary: voc.Vocabulary) -> HeaderGuess:
    first = group[0][0]
    last = group[-1][0]
    # extend the block over adjacent non-empty header cells that matched nothing
    while last + 1 < len(row) and isinstance(row[last + 1], str) and row[last + 1].strip():
        last += 1
    while first - 1 >= 0 and isinstance(row[first - 1], str) and row[first - 1].strip():
        first -= 1
    chosen: dict[str, tuple[int, int]] = {}
    vat_split: list[tuple[int, str, str]] = []
    for c, fld, sc in group:
        if fld == "vat_split":
            vat_split.append((c, str(row[c]).strip(), voc.vat_split_rate(row[c]) or ""))
            continue
        if fld not in chosen or sc > chosen[fld][1]:
            chosen[fld] = (c, sc)
    if vocabulary is voc.INVOICE_VOCABULARY and not chosen.keys() & {"amount_ttc", "amount_ht"} \
            and (unit := voc.unit_total(row[first:last + 1])) is not None:
        chosen["amount_ttc"] = (first + unit, 55)  # « Prix unitaire » alone, no quantity
    columns = {
        fld: ColumnInfo(fld, str(row[c]).strip(), column_letter(c + 1), c)
        for fld, (c, _) in chosen.items()
    }
    headers = tuple(str(v).strip() for v in row[first:last + 1] if isinstance(v, str) and v.strip())
    if vocabulary is voc.INVOICE_VOCABULARY:
        add_suivi_columns(row, first, last, columns)
    return HeaderGuess(r + 1, score, columns, first, last, headers, tuple(sorted(vat_split)))


_SUIVI_HEADERS = {label: fld for fld, label in voc.FIELD_LABELS_FR.items()}


def add_suivi_columns(row: Sequence[Any], first: int, last: int,
                      columns: dict[str, ColumnInfo], skip: Container[int] = ()) -> None:
    """Columns suivi added itself right of a user's table (past a summary block, say) carry its
    exact headers ("Niveau de relance", "Dernière action"…): find them on the header row
    (columns in `skip` excepted: a team's column left alone, see `read.invoices.team_columns`)."""
    for c, value in enumerate(row):
        if first <= c <= last or not isinstance(value, str) or c in skip:
            continue
        fld = _SUIVI_HEADERS.get(value.strip())
        if fld is not None and fld not in columns:
            columns[fld] = ColumnInfo(fld, value.strip(), column_letter(c + 1), c)


def _apply_overrides(guess: HeaderGuess, rows: Sequence[Sequence[Any]],
                     overrides: Mapping[str, str]) -> HeaderGuess:
    """Explicit mapping from suivi.toml wins: a header text or a column letter per field."""
    header_row = rows[guess.row - 1]
    columns = dict(guess.columns)
    for fld, target in overrides.items():
        target = str(target).strip()
        index = None
        if target.isalpha() and target.isupper() and len(target) <= 3:
            index = column_index(target) - 1
        else:
            wanted = voc.fold_header(target)
            for c, value in enumerate(header_row):
                if isinstance(value, str) and voc.fold_header(value) == wanted:
                    index = c
                    break
        if index is None:
            continue
        header = str(header_row[index]).strip() if index < len(header_row) else target
        for other, info in list(columns.items()):
            if info.index == index and other != fld:
                del columns[other]
        columns[fld] = ColumnInfo(fld, header, column_letter(index + 1), index)
    first = min([guess.first_col] + [i.index for i in columns.values()])
    last = max([guess.last_col] + [i.index for i in columns.values()])
    return replace(guess, columns=columns, first_col=first, last_col=last)
