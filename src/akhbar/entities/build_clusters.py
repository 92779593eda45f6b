"""Build distributional word clusters for the recognizer: ``python -m akhbar.entities.build_clusters``.

Unlabelled news text (read in place): SaudiNewsNet (14 Saudi papers, 2015; CC BY-NC-SA 4.0)
and the ANT v2.1 multisource corpus (AlArabiya, BBC, CNN, France24, Sky News Arabia,
2018; "cite the ANT papers"). Method (a cheap stand-in for Brown clusters, in the spirit
of Turian, Ratinov & Bengio 2010, "Word representations"): for the ``VOCAB`` most frequent
search-folded words, count the words immediately left and right of them (``CONTEXT``
most frequent words per side), weight by positive PMI, reduce to ``DIM`` dimensions
with a seeded randomized SVD, L2-normalize, and k-means (seeded, fixed iterations) at
two granularities. Writes ``model/clusters.json``: ``{"source", "k", "words": {word: [c1, c2]}}``.
Deterministic for the same input files; about 3-6 minutes on one core.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np

from akhbar.entities.data import unlabelled_news
from akhbar.entities.features import tokenize
from akhbar.entities.normalize import fold

OUT = Path(__file__).resolve().parent / "model" / "clusters.json"
VOCAB = 40_000
CONTEXT = 600
DIM = 80
KS = (128, 640)
SEED = 7


def texts():
    """Yield article texts (``str``) from SaudiNewsNet zips, then the ANT multisource tarball."""
    return unlabelled_news()


def _kmeans(x: np.ndarray, k: int, rng: np.random.Generator, iters: int = 25) -> np.ndarray:
    cent = x[rng.choice(len(x), k, replace=False)].copy()
    lab = np.zeros(len(x), dtype=np.int32)
    for _ in range(iters):
        lab = np.argmax(x @ cent.T, axis=1)  # cosine on unit vectors
        for j in range(k):
            m = lab == j
            if m.any():
                c = x[m].mean(axis=0)
                cent[j] = c / (np.linalg.norm(c) + 1e-9)
    return lab


def build() -> dict:
    """Compute the cluster table (see module doc)."""
    freq: Counter = Counter()
    for tx in texts():
        freq.update(fold(t) for t, _, _ in tokenize(tx))
    vocab = [w for w, _ in freq.most_common(VOCAB)]
    del freq
    vid = {w: i for i, w in enumerate(vocab)}
    m = np.zeros((len(vocab), 2 * CONTEXT), dtype=np.float32)
    for tx in texts():  # second pass: left/right context counts, one document at a time
        ids = np.array([vid.get(fold(t), -1) for t, _, _ in tokenize(tx)], dtype=np.int64)
        if len(ids) < 2:
            continue
        a, b = ids[:-1], ids[1:]
        ok = (a >= 0) & (b >= 0) & (b < CONTEXT)
        np.add.at(m, (a[ok], b[ok]), 1.0)  # right neighbour of a
        ok = (a >= 0) & (b >= 0) & (a < CONTEXT)
        np.add.at(m, (b[ok], CONTEXT + a[ok]), 1.0)  # left neighbour of b
    total = m.sum()
    pw = m.sum(axis=1, keepdims=True) / total
    pc = m.sum(axis=0, keepdims=True) / total
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log((m / total) / (pw @ pc))
    pmi[~np.isfinite(pmi)] = 0
    pmi = np.maximum(pmi, 0).astype(np.float32)
    rng = np.random.default_rng(SEED)
    q, _ = np.linalg.qr(pmi @ rng.standard_normal((pmi.shape[1], DIM + 20)).astype(np.float32))
    u, s, _ = np.linalg.svd(q.T @ pmi, full_matrices=False)
    emb = (q @ u[:, :DIM]) * np.sqrt(s[:DIM])
    emb /= np.linalg.norm(emb, axis=1, keepdims=True) + 1e-9
    labs = [_kmeans(emb, k, np.random.default_rng(SEED + k)) for k in KS]
    words = {w: [int(labs[0][i]), int(labs[1][i])] for i, w in enumerate(vocab)}
    return {
        "source": "akhbar.entities.build_clusters: SaudiNewsNet (CC BY-NC-SA 4.0) + ANT v2.1 multisource; "
        f"PPMI left/right contexts, SVD {DIM}, k-means {KS}, seed {SEED}",
        "k": list(KS),
        "words": words,
    }


if __name__ == "__main__":
    data = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(OUT, len(data["words"]))
