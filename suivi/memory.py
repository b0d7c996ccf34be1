"""Giving freed memory back to the system between the big steps of a read.

Reading a large master allocates a few hundred megabytes for a moment: calamine's parsed cells
(in Rust, through the C allocator), then the rows as Python values, then the records. Memory
the C allocator frees stays with the process: with glibc, each thread allocates from its own
arena, so what the reading thread beside the invoice sheet freed (the Paiements and Journal
cells) is not reused by the main thread, and the peak of the run adds both. `release_freed()`
asks glibc to give the free pages of every arena back (`malloc_trim(0)`), which lowers the peak
of a 100,000-invoice day by tens of megabytes (docs/performances.md) for about a millisecond.

Elsewhere (Windows, macOS, musl) it does nothing: their allocators return memory on their own,
or offer no such call.
"""
from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from functools import cache


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        trim = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has neither the name nor the call)
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def release_freed() -> bool:
    """Give the memory freed so far back to the system, where the C library can; whether it
    could."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
