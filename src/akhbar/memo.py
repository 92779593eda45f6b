"""A bounded memo for per-word work done once per distinct word (word hashes, index forms).

News vocabulary is Zipfian: a few hundred thousand entries cover almost every token, so a dict
that is cleared when it would pass its bound keeps the cost of a lookup without growing without
limit on long runs.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from itertools import filterfalse
from typing import Any


def fill(memo: dict, keys: Iterable[Hashable], fn: Callable[[Any], Any], limit: int) -> None:
    """Add ``fn(k)`` to ``memo`` for every distinct key of ``keys`` not in it yet; ``memo`` is
    cleared first when the new entries would take it past ``limit`` entries, and then refilled
    with every key of ``keys`` (so ``memo[k]`` holds for each of them afterwards: the keys it held
    before the clear are computed again). Deterministic: the values never depend on what the memo
    held before."""
    distinct = set(keys)
    new = list(filterfalse(memo.__contains__, distinct))
    if not new:
        return
    if len(memo) + len(new) > limit:
        memo.clear()
        new = list(distinct)
    for k in new:
        memo[k] = fn(k)
