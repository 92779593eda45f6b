"""Meaning-level article vectors for story clustering, computed in a worker: a weighted mean of word vectors.

Two reports of one event in different words (``زلزال`` / ``هزة أرضية``, ``سقوط النظام`` / ``فرار الأسد``)
share few index terms, so their TF-IDF cosine is low (0.2-0.35 on the development set). Static word
vectors put such words close together. :func:`semantic_vector` returns one fixed-size vector per article:

* the article's index terms (:func:`akhbar.corpus.storyterms.terms_from_words`: title twice + lead words,
  clitics stripped, stop words dropped), each distinct term weighted ``(1 + log count) * idf`` with the
  shipped document frequencies (``akhbar/data/story_df.npz``, SaudiNewsNet), as the TF-IDF vector weighs it;
* each term's word vector, looked up in the **skip-gram word2vec vectors the entity tagger already ships**
  (``akhbar/entities/model/neural.npz``: 150,000 search-folded words x 100 dimensions, int8 rows, trained on
  SaudiNewsNet + ANT by ``akhbar.entities.build_embeddings``; see that model card), L2-normalized; a term
  not in the table is skipped;
* the weighted mean, minus the corpus mean vector (``akhbar/data/story_sem.json``: the mean of the same
  article vectors over the 31,030 SaudiNewsNet articles, built by ``python -m akhbar.corpus.build_story_model
  --df``; removing this common component, as Arora et al. 2017, "A simple but tough-to-beat baseline for
  sentence embeddings", do, spreads the cosines of unrelated articles around 0), L2-normalized and rounded to
  float32.

The story clusterer (the driver) only compares such vectors (one 100-dimensional dot product per candidate
story), so the feature costs the driver almost nothing. Nothing is downloaded; no new model is shipped.

Example: two outlets' reports of the Lebanon pager blasts, TF-IDF cosine 0.24, have a semantic cosine
of about 0.8; two unrelated articles are near 0.

Returns None (the feature then says "unknown") when the word vectors or the mean are missing, or when no
term has a vector. Pure and deterministic (sums in a fixed order); never raises on any input.
"""

from __future__ import annotations

import functools
import json
import math
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

__all__ = ["DIM", "SEM_PATH", "raw_vector", "semantic_vector", "vector_table"]

DIM = 100
SEM_PATH = Path(__file__).resolve().parents[1] / "data" / "story_sem.json"
_VECTORS = Path(__file__).resolve().parents[1] / "entities" / "model" / "neural.npz"
_MEMO_MAX = 200_000
_ROW: dict[str, int] = {}  # term -> row in the table (-1: none), bounded memo


@functools.cache
def vector_table() -> tuple[dict[str, int], np.ndarray, np.ndarray] | None:
    """``(word -> row, int8 rows (V, DIM), their inverse L2 norms float64 (V,))`` of the shipped word vectors
    (a row's float16 scale cancels out when it is normalized), or None when the file is missing or unreadable.
    About 30 MB, loaded once per process on first use."""
    try:
        with np.load(_VECTORS, allow_pickle=False) as z:
            ws = [str(x) for x in z["words"]]
            q = z["wv_q"]
    except (OSError, KeyError, ValueError):
        return None
    inv = 1.0 / np.maximum(np.sqrt((q.astype(np.float64) ** 2).sum(axis=1)), 1e-6)
    return {w: i for i, w in enumerate(ws)}, q, inv


@functools.cache
def _mean() -> np.ndarray | None:
    try:
        m = np.asarray(json.loads(SEM_PATH.read_text(encoding="utf-8"))["mean"], dtype=np.float64)
    except (OSError, KeyError, ValueError, TypeError):
        return None
    return m if m.shape == (DIM,) else None


def _row(t: str, wid: dict[str, int]) -> int:
    r = _ROW.get(t)
    if r is None:
        from akhbar.entities.normalize import fold

        if len(_ROW) > _MEMO_MAX:
            _ROW.clear()
        r = wid.get(t, wid.get(fold(t), -1))
        _ROW[t] = r
    return r


def semantic_vector(terms: Sequence[str]) -> np.ndarray | None:
    """The article's unit vector (float32 array of :data:`DIM`) from its index terms ``terms`` (see module
    docstring), or None."""
    mean = _mean()
    v = None if mean is None else raw_vector(terms)
    if v is None:
        return None
    v = v - mean
    norm = math.sqrt(math.fsum(float(x) * float(x) for x in v))
    return (v / norm).astype(np.float32) if norm > 1e-9 else None


def raw_vector(terms: Sequence[str]) -> np.ndarray | None:
    """The weighted mean of the unit word vectors of ``terms`` (float64 array of :data:`DIM`, not centred, not
    normalized), or None when the word vectors are missing or no term has one; the corpus mean is the mean
    of these."""
    table = vector_table()
    if table is None or not terms:
        return None
    from akhbar.corpus.storyterms import bucket, prior_df

    wid, q, inv = table
    df, n = prior_df()
    rows, ws = [], []
    for t, c in Counter(terms).items():
        r = _row(t, wid)
        if r < 0:
            continue
        idf = math.log((n + 1) / (int(df[bucket(t)]) + 0.5)) if n else 1.0
        if idf > 0:
            rows.append(r)
            ws.append((1.0 + math.log(c)) * idf)
    if not rows:
        return None
    w = np.asarray(ws, dtype=np.float64)
    total = float(w.sum())
    w *= inv[rows]  # unit word vectors
    # rows summed one after another (axis 0 of a C-ordered array): the same order on every machine and executor
    return (q[rows].astype(np.float64) * w[:, None]).sum(axis=0) / total
