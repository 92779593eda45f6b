"""Batch near-duplicate resolution with the streaming detector's results, cut into shuffle steps.

``akhbar.corpus.dedup.Deduplicator`` decides in input order: an article whose normalized words equal an
earlier one's is an exact copy of that one's original; otherwise, among the earlier *indexed* articles
(every article with a MinHash that is not an exact copy) sharing an LSH band key with it and whose
estimated Jaccard is ``>= threshold``, it takes the best score, ties to the earliest original. Its
original (``root``) is therefore:

- exact copy of ``first``: ``root(first)``, score 1.0;
- near copy with parents ``P`` (its matches of maximal score): ``min(root(p) for p in P)``, score that
  maximum; ``root(p)`` is then the earliest *source* (article without parents) reachable from it;
- otherwise itself.

This module computes the same roots from the whole set of signatures at once, in steps that each see
only the rows of one *bucket* (a hash of a key), so an engine can run every step as a keyed shuffle
(``akhbar.run.ray_dedup`` runs them with Ray Data ``groupby(...).map_groups``):

1. ``exact_step`` (by exact hash): exact-copy edges and the indexed articles;
2. ``band_step`` (by band key): candidate pairs ``(i, j)``, ``j < i``, sharing a band key;
3. ``fetch_step`` (by ``j``) then ``verify_step`` (by ``i``): the pair's signatures, the similarity test
   of the streaming detector (equal MinHash values / ``num_perm``), and the parents of each article;
4. ``propagate_step`` (by parent) then ``min_step`` (by child), repeated: min-label propagation of
   roots over the parent edges until no label changes (as many rounds as the longest copy chain);
5. ``cluster_step`` (by root): ``dup_cluster_size`` and the root's id for ``dup_of``.

Rows travel as numpy arrays in dicts (``Cols``); each step returns ``{key name: Cols}`` per output with
a ``"key"`` array saying where each row goes next. ``run_local`` chains the steps in one process (the
tests' reference and the small-run path). Positions (``pos``, ``int64``) follow input order, so "earliest"
is the smallest position. Article ids are only needed at the last step.
"""

from __future__ import annotations

import numpy as np

Cols = dict[str, np.ndarray]

KIND_NONE, KIND_EXACT, KIND_NEAR = 0, 1, 2


def mix(x: np.ndarray) -> np.ndarray:
    """SplitMix64 finalizer of ``x`` (any integer array, taken as ``uint64``): a uniform 64-bit hash used
    to spread keys over buckets (Steele, Lea & Flood 2014)."""
    z = np.asarray(x).astype(np.uint64, copy=True)
    with np.errstate(over="ignore"):
        return mix_inplace(z)


_U27, _U30, _U31 = np.uint64(27), np.uint64(30), np.uint64(31)
_SM1, _SM2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)


def mix_inplace(z: np.ndarray) -> np.ndarray:
    """:func:`mix` of a ``uint64`` array ``z`` (of at least one dimension), computed in ``z`` itself and
    returned: no copy, for callers that own ``z`` (integer arrays wrap modulo 2**64 without a warning)."""
    z ^= z >> _U30
    z *= _SM1
    z ^= z >> _U27
    z *= _SM2
    z ^= z >> _U31
    return z


def bucket_of(x: np.ndarray, nb: int) -> np.ndarray:
    """Bucket (``int64`` in ``[0, nb)``) of each key of ``x``."""
    return (mix(x) % np.uint64(nb)).astype(np.int64)


def take(c: Cols, idx: np.ndarray) -> Cols:
    """Rows ``idx`` (index array or boolean mask) of every column of ``c``."""
    return {k: v[idx] for k, v in c.items()}


def concat(parts: list[Cols]) -> Cols:
    """Rows of several ``Cols`` with the same columns, one after the other (empty dict for no part)."""
    parts = [p for p in parts if p]
    if not parts:
        return {}
    return {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}


def _n(c: Cols) -> int:
    return len(next(iter(c.values()))) if c else 0


def exact_step(docs: Cols) -> dict[str, Cols]:
    """Exact copies among ``docs`` (all the articles of some exact-hash buckets).

    ``docs``: ``pos`` int64, ``exact`` uint64, ``has_exact`` bool, ``has_mh`` bool, ``hv`` uint32
    ``(n, num_perm)``, ``bands`` uint64 ``(n, b)``. Returns ``edges``: ``child``, ``parent`` (the first
    article with the same hash), ``score`` 1.0, ``kind`` exact; ``indexed``: the docs with a MinHash that
    copy no earlier article (``pos``, ``hv``, ``bands``)."""
    if not docs:
        return {"edges": {}, "indexed": {}}
    has = docs["has_exact"]
    first = docs["pos"].copy()
    if has.any():
        sel = np.flatnonzero(has)
        ex, ps = docs["exact"][sel], docs["pos"][sel]
        o = np.lexsort((ps, ex))
        exs = ex[o]
        start = np.ones(len(o), dtype=bool)
        start[1:] = exs[1:] != exs[:-1]
        run_first = ps[o][np.maximum.accumulate(np.where(start, np.arange(len(o)), 0))]
        first[sel[o]] = run_first
    copy = first != docs["pos"]
    edges = {"child": docs["pos"][copy], "parent": first[copy],
             "score": np.ones(int(copy.sum())), "kind": np.full(int(copy.sum()), KIND_EXACT, np.int8)}
    keep = docs["has_mh"] & ~copy
    return {"edges": edges, "indexed": {"pos": docs["pos"][keep], "hv": docs["hv"][keep],
                                        "bands": docs["bands"][keep]}}


def band_rows(indexed: Cols) -> Cols:
    """One row per (article, band): ``pos``, ``band`` (int64), ``key`` (uint64 band key)."""
    n, b = indexed["bands"].shape if _n(indexed) else (0, 0)
    return {"pos": np.repeat(indexed["pos"], b) if n else np.empty(0, np.int64),
            "band": np.tile(np.arange(b, dtype=np.int64), n),
            "key": indexed["bands"].reshape(-1) if n else np.empty(0, np.uint64)}


def _pairs_in_runs(pos: np.ndarray, start: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair ``(pos[x], pos[y])``, ``y < x``, of rows in the same run (``start[x]``: first row of x's
    run; rows sorted by run then position)."""
    idx = np.flatnonzero(np.arange(len(pos)) > start)
    ii, jj = [], []
    d = 1
    while len(idx):
        ii.append(pos[idx])
        jj.append(pos[idx - d])
        d += 1
        idx = idx[idx - d >= start[idx]]
    if not ii:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    return np.concatenate(ii), np.concatenate(jj)


def _unique_pairs(i: np.ndarray, j: np.ndarray, *extra: np.ndarray) -> tuple[np.ndarray, ...]:
    if not len(i):
        return (i, j, *extra)
    o = np.lexsort((j, i))
    i, j = i[o], j[o]
    keep = np.ones(len(i), dtype=bool)
    keep[1:] = (i[1:] != i[:-1]) | (j[1:] != j[:-1])
    return (i[keep], j[keep], *(e[o][keep] for e in extra))


def band_step(rows: Cols) -> dict[str, Cols]:
    """Candidate pairs from band rows (all rows of some band-key buckets): ``pairs``: ``i``, ``j`` with
    ``j < i``, each pair once per bucket (the same pair may come from other buckets)."""
    if not _n(rows):
        return {"pairs": {}}
    o = np.lexsort((rows["pos"], rows["key"], rows["band"]))
    band, key, pos = rows["band"][o], rows["key"][o], rows["pos"][o]
    new = np.ones(len(o), dtype=bool)
    new[1:] = (band[1:] != band[:-1]) | (key[1:] != key[:-1])
    start = np.maximum.accumulate(np.where(new, np.arange(len(o)), 0))
    i, j = _unique_pairs(*_pairs_in_runs(pos, start))
    return {"pairs": {"i": i, "j": j}}


def _lookup(keys: np.ndarray, table_pos: np.ndarray, table_vals: np.ndarray) -> np.ndarray:
    o = np.argsort(table_pos, kind="stable")
    at = np.searchsorted(table_pos[o], keys)
    return table_vals[o[at]]


def fetch_step(docs: Cols, pairs: Cols) -> dict[str, Cols]:
    """Attach ``hv_j`` to each pair (all pairs and indexed docs of some ``j`` buckets); drops repeats."""
    if not _n(pairs):
        return {"pairs": {}}
    i, j = _unique_pairs(pairs["i"], pairs["j"])
    return {"pairs": {"i": i, "j": j, "hv_j": _lookup(j, docs["pos"], docs["hv"])}}


def verify_step(docs: Cols, pairs: Cols, threshold: float) -> dict[str, Cols]:
    """The similarity test and the parents (all pairs and indexed docs of some ``i`` buckets).

    A pair is kept when ``count(hv_i == hv_j) / num_perm >= threshold`` (``Deduplicator.check``); each
    ``i`` keeps its pairs of maximal score. Returns ``edges``: ``child``, ``parent``, ``score``, ``kind``."""
    if not _n(pairs):
        return {"edges": {}}
    i, j, hvj = pairs["i"], pairs["j"], pairs["hv_j"]
    hvi = _lookup(i, docs["pos"], docs["hv"])
    score = np.count_nonzero(hvi == hvj, axis=1).astype(np.float64) / hvi.shape[1]
    ok = score >= threshold
    i, j, score = i[ok], j[ok], score[ok]
    if not len(i):
        return {"edges": {}}
    o = np.lexsort((-score, i))
    i, j, score = i[o], j[o], score[o]
    new = np.ones(len(i), dtype=bool)
    new[1:] = i[1:] != i[:-1]
    best = score[np.maximum.accumulate(np.where(new, np.arange(len(i)), 0))]
    top = score == best
    return {"edges": {"child": i[top], "parent": j[top], "score": score[top],
                      "kind": np.full(int(top.sum()), KIND_NEAR, np.int8)}}


def propagate_step(edges: Cols, labels: Cols) -> dict[str, Cols]:
    """Each edge's parent label (all edges and labels of some parent buckets): ``offers``: ``child``,
    ``label`` (the parent's label, or the parent itself when it has none: a source), ``score``, ``kind``."""
    if not _n(edges):
        return {"offers": {}}
    lab = edges["parent"].copy()
    if _n(labels):
        o = np.argsort(labels["node"])
        ln = labels["node"][o]
        at = np.minimum(np.searchsorted(ln, lab), len(ln) - 1)
        hit = ln[at] == lab
        lab[hit] = labels["label"][o][at[hit]]
    return {"offers": {"child": edges["child"], "label": lab, "score": edges["score"], "kind": edges["kind"]}}


def min_step(offers: Cols, old: Cols) -> tuple[Cols, int]:
    """New labels (all offers and old labels of some child buckets): ``(labels, changed)``; ``labels``:
    ``node``, ``label`` (min offered label), ``score``, ``kind``; ``changed``: nodes whose label differs
    from ``old`` (or is new)."""
    if not _n(offers):
        return {}, 0
    o = np.lexsort((offers["label"], offers["child"]))
    c = offers["child"][o]
    new = np.ones(len(c), dtype=bool)
    new[1:] = c[1:] != c[:-1]
    lab = {"node": c[new], "label": offers["label"][o][new], "score": offers["score"][o][new],
           "kind": offers["kind"][o][new]}
    changed = len(lab["node"])
    if _n(old):
        prev = _lookup(lab["node"], old["node"], old["label"])
        changed = int(np.count_nonzero(prev != lab["label"]))
    return lab, changed


def cluster_step(labels: Cols, ids: Cols) -> dict[str, Cols]:
    """Results of the copies and their roots (all labels of some root buckets, with the ids of the
    articles of the same buckets): ``results``: ``pos``, ``dup_of`` (root id; None for a root),
    ``score`` (nan for a root), ``kind``, ``size`` (articles in the root's cluster)."""
    if not _n(labels):
        return {"results": {}}
    roots, counts = np.unique(labels["label"], return_counts=True)
    size = counts + 1
    rid = _lookup(labels["label"], ids["pos"], ids["id"])
    member_size = size[np.searchsorted(roots, labels["label"])]
    n = len(roots)
    return {"results": {
        "pos": np.concatenate([labels["node"], roots]),
        "dup_of": np.concatenate([rid.astype(object), np.full(n, None, dtype=object)]),
        "score": np.concatenate([labels["score"], np.full(n, np.nan)]),
        "kind": np.concatenate([labels["kind"], np.zeros(n, np.int8)]),
        "size": np.concatenate([member_size, size]).astype(np.int64)}}


def run_local(docs: Cols, ids: Cols, threshold: float) -> Cols:
    """All steps in this process (one bucket each); ``results`` sorted by position, only for articles in
    a cluster of two or more (the others: no ``dup_of``, size 1). ``docs`` as in ``exact_step``;
    ``ids``: ``pos``, ``id`` (object array of str) of every article."""
    ex = exact_step(docs)
    pairs = band_step(band_rows(ex["indexed"]))["pairs"]
    pairs = fetch_step(ex["indexed"], pairs)["pairs"]
    edges = concat([ex["edges"], verify_step(ex["indexed"], pairs, threshold)["edges"]])
    labels: Cols = {}
    while True:
        labels, changed = min_step(propagate_step(edges, labels)["offers"], labels)
        if not changed:
            break
    res = cluster_step(labels, ids)["results"]
    return take(res, np.argsort(res["pos"])) if _n(res) else res
