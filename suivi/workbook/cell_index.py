"""A set of cells that answers « does this range hold one of them? » without walking them all:
the writer asks it once per formula, for every row it rewrites, and a day's run may write tens
of thousands of cells."""
from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable, Iterator

from .xlsx_values import CellRange


class CellIndex:
    """Cells as (row, col), indexed by column (rows sorted)."""

    __slots__ = ("_cells", "_rows_of")

    def __init__(self, cells: Iterable[tuple[int, int]] = ()) -> None:
        self._cells: set[tuple[int, int]] = set()
        self._rows_of: dict[int, list[int]] = {}
        for row, col in cells:
            self._cells.add((row, col))
            self._rows_of.setdefault(col, []).append(row)
        for rows in self._rows_of.values():
            rows.sort()

    def add(self, row: int, col: int) -> None:
        if (row, col) not in self._cells:
            self._cells.add((row, col))
            insort(self._rows_of.setdefault(col, []), row)

    def update(self, cells: Iterable[tuple[int, int]]) -> None:
        for row, col in cells:
            self.add(row, col)

    def __contains__(self, cell: object) -> bool:
        return cell in self._cells

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(self._cells)

    def __len__(self) -> int:
        return len(self._cells)

    def touches(self, area: CellRange) -> bool:
        """Whether one of the cells lies in `area`."""
        if area.first_row == area.last_row and area.first_col == area.last_col:
            return (area.first_row, area.first_col) in self._cells
        span = area.last_col - area.first_col + 1
        columns: Iterable[int] = (range(area.first_col, area.last_col + 1)
                                  if span <= len(self._rows_of) else list(self._rows_of))
        for col in columns:
            rows = self._rows_of.get(col)
            if not rows or not area.first_col <= col <= area.last_col:
                continue
            i = bisect_left(rows, area.first_row)
            if i < len(rows) and rows[i] <= area.last_row:
                return True
        return False
