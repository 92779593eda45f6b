"""Entity-level precision/recall/F1 with exact spans (same counting as seqeval's default mode).

``prf(gold, pred) -> {type: (precision, recall, f1, support)}`` plus the key ``"ALL"``
(micro average). ``gold`` and ``pred`` are lists of IOB2 tag sequences of equal shapes.
Raises ``ValueError`` when shapes differ.
"""

from __future__ import annotations

from collections import Counter

from akhbar.entities.data import entity_spans


def prf(gold: list[list[str]], pred: list[list[str]], types: set[str] | None = None) -> dict[str, tuple]:
    """Exact-span scores per type and ``"ALL"``; ``types`` restricts the counted types."""
    if len(gold) != len(pred):
        raise ValueError("gold and pred differ in sentence count")
    tp: Counter = Counter()
    ng: Counter = Counter()
    npred: Counter = Counter()
    for g, p in zip(gold, pred):
        if len(g) != len(p):
            raise ValueError("gold and pred differ in sentence length")
        gs = {s for s in entity_spans(g) if types is None or s[2] in types}
        ps = {s for s in entity_spans(p) if types is None or s[2] in types}
        for s in gs:
            ng[s[2]] += 1
        for s in ps:
            npred[s[2]] += 1
        for s in gs & ps:
            tp[s[2]] += 1
    out = {}
    for t in sorted(set(ng) | set(npred)) + ["ALL"]:
        a = sum(tp.values()) if t == "ALL" else tp[t]
        g_ = sum(ng.values()) if t == "ALL" else ng[t]
        p_ = sum(npred.values()) if t == "ALL" else npred[t]
        pr = a / p_ if p_ else 0.0
        rc = a / g_ if g_ else 0.0
        f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
        out[t] = (pr, rc, f1, g_)
    return out
