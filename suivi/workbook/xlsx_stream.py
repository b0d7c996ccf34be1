"""A worksheet as a stream: head (up to <sheetData>), blocks of complete rows, tail.

The part is read in ~1 MiB chunks and cut at row boundaries, so that rows nobody edits can be
copied byte for byte. `BlockRows` finds a row of a block by its number without listing the rows
when every row carries its `r` (as Excel, LibreOffice, openpyxl and xlsxwriter write them).
"""
from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from .errors import SheetFormatError
from .xlsx_markup import ROOT_RE, SheetLabel, Syntax, attr, parse_attrs, syntax_for


class ChunkSource(Protocol):
    """Gives the decompressed worksheet, in chunks, each time it is called."""

    def __call__(self) -> Iterator[bytes]: ...


class Sink(Protocol):
    """Takes the patched worksheet, in order (a memoryview is not modified afterwards)."""

    def write(self, data: bytes | memoryview) -> None: ...


@dataclass(slots=True)
class Split:
    """The parts of a worksheet stream: head (up to <sheetData>), row blocks, tail."""

    syntax: Syntax
    head: bytes
    sheetdata_selfclosing: bool
    blocks: Iterator[bytes]
    tail: list[bytes] = field(default_factory=list)


def split_sheet(chunks: Iterator[bytes], label: SheetLabel) -> Split:
    """Read the head now; row blocks are produced lazily; `tail` is filled when blocks end."""
    buf = b""
    root = None
    while True:
        root = root or ROOT_RE.search(buf)
        if root is not None:
            syntax = syntax_for(root.group(1) or b"")
            sd = syntax.sheetdata_open.search(buf, root.end())
            if sd is not None:
                break
        chunk = next(chunks, None)
        if chunk is None:
            raise SheetFormatError("writer.sheet_data_missing", sheet=label.sheet,
                                   file=label.file)
        buf += chunk
    head, rest = buf[:sd.end()], buf[sd.end():]
    selfclosing = sd.group(1) == b"/"
    split = Split(syntax, head, selfclosing, iter(()))
    if selfclosing:
        split.tail.append(rest)
        split.tail.extend(chunks)
    else:
        split.blocks = _blocks(rest, chunks, split, label)
    return split


def _blocks(buf: bytes, chunks: Iterator[bytes], split: Split,
            label: SheetLabel) -> Iterator[bytes]:
    """Successive runs of complete rows; what follows </sheetData> goes to split.tail."""
    syntax = split.syntax
    fresh = len(buf)  # bytes at the end of buf not yet searched for </sheetData>
    while True:
        end = buf.find(syntax.sheetdata_close,
                       max(0, len(buf) - fresh - len(syntax.sheetdata_close)))
        if end >= 0:
            if buf[:end].strip():
                yield _checked(buf[:end], label)
            split.tail.append(buf[end:])
            split.tail.extend(chunks)
            return
        cut = buf.rfind(syntax.row_open)
        if cut > 0:
            yield _checked(buf[:cut], label)
            buf = buf[cut:]
        chunk = next(chunks, None)
        if chunk is None:
            raise SheetFormatError("writer.sheet_truncated", sheet=label.sheet, file=label.file)
        buf += chunk
        fresh = len(chunk)


def _checked(block: bytes, label: SheetLabel) -> bytes:
    # "!" is rare in cell XML and memchr-fast; "<!" (comment, CDATA) is then looked for.
    if b"!" in block and b"<!" in block:
        raise SheetFormatError("writer.sheet_xml_comments", sheet=label.sheet, file=label.file)
    return block


class BlockRows:
    """Row numbers and positions inside one block of complete rows.

    Fast mode (every row written `<row r="N"`, as Excel, LibreOffice, openpyxl and xlsxwriter do):
    rows are located by binary search on byte offsets. Otherwise every row is listed once.
    """

    def __init__(self, block: bytes, syntax: Syntax, previous: int) -> None:
        self.block = block
        self.syntax = syntax
        self.previous = previous  # number of the last row before this block
        self.fast = syntax.row_without_r_re.search(block) is None
        self.starts: list[int] = []
        self.numbers: list[int] = []
        if not self.fast:
            self._list_rows()

    def _list_rows(self) -> None:
        number = self.previous
        for m in self.syntax.row_re.finditer(self.block):
            r = attr(parse_attrs(m.group(1)), b"r")
            number = int(r) if r is not None else number + 1
            self.starts.append(m.start())
            self.numbers.append(number)

    def _number_at(self, start: int) -> int:
        begin = start + len(self.syntax.row_r_open)
        return int(self.block[begin:self.block.index(b'"', begin)])

    def _next_row(self, pos: int) -> int:
        start = self.block.find(self.syntax.row_open, pos)
        return start if start >= 0 else len(self.block)

    @property
    def last_number(self) -> int:
        if not self.fast:
            return self.numbers[-1] if self.numbers else self.previous
        start = self.block.rfind(self.syntax.row_open)
        return self._number_at(start) if start >= 0 else self.previous

    def row_at(self, pos: int) -> int:
        """Number of the row whose start tag is at or before byte `pos`."""
        if not self.fast:
            return self.numbers[bisect.bisect_right(self.starts, pos) - 1]
        return self._number_at(self.block.rfind(self.syntax.row_open, 0,
                                                pos + len(self.syntax.row_open)))

    def find(self, number: int, lo: int = 0) -> int:
        """Start of row `number` at or after `lo`, or -1."""
        if not self.fast:
            index = bisect.bisect_left(self.numbers, number)
            ok = index < len(self.numbers) and self.numbers[index] == number
            return self.starts[index] if ok and self.starts[index] >= lo else -1
        start = self.insertion_point(number - 1, lo)
        return start if start < len(self.block) and self._number_at(start) == number else -1

    def insertion_point(self, number: int, lo: int = 0) -> int:
        """Start of the first row numbered above `number` (at or after `lo`), or block end."""
        if not self.fast:
            index = bisect.bisect_right(self.numbers, number)
            while index < len(self.starts) and self.starts[index] < lo:
                index += 1
            return self.starts[index] if index < len(self.starts) else len(self.block)
        # Binary search on byte offsets: next_row(x) is monotone in x, and so is "its number
        # is above `number`" (rows are sorted). Only short find() calls, no linear scan.
        size = len(self.block)
        hi = size
        while lo < hi:
            mid = (lo + hi) // 2
            start = self._next_row(mid)
            if start == size or self._number_at(start) > number:
                hi = mid
            else:
                lo = start + 1
        return self._next_row(lo)

    def row_end(self, start: int) -> int:
        tag_end = self.block.index(b">", start) + 1
        if self.block[tag_end - 2:tag_end - 1] == b"/":
            return tag_end
        return self.block.index(self.syntax.row_close, tag_end) + len(self.syntax.row_close)

    def first_start(self) -> int:
        if not self.fast:
            return self.starts[0] if self.starts else len(self.block)
        return self._next_row(0)


def last_marker(block: bytes, syntax: Syntax) -> int:
    """Position of the last value or formula of `block` (-1 without one)."""
    return max(block.rfind(marker) for marker in syntax.markers)


def first_marker(block: bytes, syntax: Syntax) -> int:
    """Position of the first value or formula of `block` (-1 without one)."""
    found = [pos for pos in (block.find(marker) for marker in syntax.markers) if pos >= 0]
    return min(found) if found else -1
