"""Bounded exact subset sums (which invoices add up to a payment), meet-in-the-middle.

`exact_subsets` splits the amounts in two halves, lists every partial sum of one half in a
dictionary (2^(n/2) entries) and looks each partial sum of the other half up in it: 2 × 2^(n/2)
steps instead of 2^n. With the 20 amounts matching allows, that is at most 2 × 1,024 sums.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

MAX_ITEMS = 24


def _sums(amounts: Sequence[int], offset: int) -> list[tuple[int, tuple[int, ...]]]:
    """Every (sum, indexes) of subsets of `amounts`; indexes shifted by `offset`."""
    sums: list[tuple[int, tuple[int, ...]]] = [(0, ())]
    for i, amount in enumerate(amounts):
        sums += [(total + amount, chosen + (i + offset,)) for total, chosen in sums]
    return sums


def exact_subsets(amounts: Sequence[int], target: int, *, limit: int = 2,
                  min_size: int = 1) -> list[tuple[int, ...]]:
    """Up to `limit` sets of indexes of `amounts` (in cents) adding up to `target`, each of at
    least `min_size` items, smallest index first. At most `MAX_ITEMS` amounts are accepted."""
    if len(amounts) > MAX_ITEMS:
        raise ValueError(f"at most {MAX_ITEMS} amounts, got {len(amounts)}")
    half = len(amounts) // 2
    right: dict[int, list[tuple[int, ...]]] = defaultdict(list)
    for total, chosen in _sums(amounts[half:], half):
        right[total].append(chosen)
    found: list[tuple[int, ...]] = []
    for total, chosen in _sums(amounts[:half], 0):
        for other in right.get(target - total, ()):
            subset = chosen + other
            if len(subset) >= min_size:
                found.append(subset)
                if len(found) >= limit:
                    return found
    return found
