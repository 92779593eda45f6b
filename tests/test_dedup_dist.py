"""The batch, shuffle-step deduplication (``akhbar.corpus.dedup_dist``) gives the streaming
``Deduplicator``'s results; on Ray Data (``akhbar.run.ray_dedup``) too, and ``--executor ray`` writes the
same bytes as the local executor, ``dup_cluster_size`` included."""

from __future__ import annotations

import itertools
import random
from collections import Counter
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest

from akhbar.corpus import dedup_dist as dd
from akhbar.corpus.dedup import Deduplicator, signature_from_words, words

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
_KIND = {None: 0, "exact": 1, "near": 2}


def _texts() -> list[str]:
    """Real SaudiNewsNet texts when present, else sentences made of a small vocabulary."""
    zips = sorted((SHARED / "saudinewsnet").glob("*.zip"))
    if zips:
        from akhbar.model import RawRecord
        from akhbar.page.decode import decode
        from akhbar.sources import iter_inputs

        out = []
        for it in itertools.islice(iter_inputs(zips[:1]), 600):
            if isinstance(it, RawRecord):
                c = it.content
                out.append(decode(c).text if isinstance(c, bytes) else c)
        return out
    rng = random.Random(3)
    vocab = [f"كلمة{i}" for i in range(400)]
    return [" ".join(rng.choice(vocab) for _ in range(rng.randint(3, 80))) for _ in range(600)]


def _corpus(seed: int = 1) -> list[str]:
    """The texts with perturbed copies (word drops and swaps, 1-3 per text for 30 %), exact copies (5 %)
    and a few empty or tiny texts, shuffled."""
    rng = random.Random(seed)
    docs = ["", "كلمة", "خبر عاجل"]
    for t in _texts():
        docs.append(t)
        if rng.random() < 0.3:
            for _ in range(rng.randint(1, 3)):
                w = [x for x in t.split() if rng.random() > rng.uniform(0.02, 0.2)]
                if len(w) > 3:
                    k = rng.randrange(len(w) - 1)
                    w[k], w[k + 1] = w[k + 1], w[k]
                docs.append(" ".join(w))
        if rng.random() < 0.05:
            docs.append(t)
    rng.shuffle(docs)
    return docs


def _streaming(sigs, det):
    return [det.check(f"a{i}", sig=s) for i, s in enumerate(sigs)]


def _arrays(sigs, det):
    n, b = len(sigs), det.banding[0]
    return {"pos": np.arange(n, dtype=np.int64),
            "exact": np.array([s.exact or 0 for s in sigs], np.uint64),
            "has_exact": np.array([s.exact is not None for s in sigs]),
            "has_mh": np.array([s.minhash is not None for s in sigs]),
            "hv": np.array([s.minhash.hashvalues if s.minhash is not None else np.zeros(det.num_perm)
                            for s in sigs], np.uint32),
            "bands": np.array([s.bands if s.bands is not None else np.zeros(b) for s in sigs], np.uint64)}


def _compare(ref, res, n):
    got = {int(p): (d, None if np.isnan(s) else float(s), int(k), int(z))
           for p, d, s, k, z in zip(res["pos"], res["dup_of"], res["score"], res["kind"], res["size"], strict=True)}
    copies = Counter(r.dup_of for r in ref if r.dup_of)
    for i, r in enumerate(ref):
        d, s, k, z = got.get(i, (None, None, 0, 1))
        assert (d, s, k) == (r.dup_of, r.score, _KIND[r.kind]), i
        assert z == 1 + copies.get(r.dup_of or f"a{i}", 0), i
    assert sum(1 for r in ref if r.dup_of) > 20  # the corpus has copies to find


@pytest.fixture(scope="module")
def case():
    det = Deduplicator()
    sigs = [signature_from_words(words(t), banding=det.banding) for t in _corpus()]
    return sigs, _streaming(sigs, Deduplicator())


def test_batch_steps_equal_streaming(case):
    sigs, ref = case
    det = Deduplicator()
    ids = {"pos": np.arange(len(sigs), dtype=np.int64), "id": np.array([f"a{i}" for i in range(len(sigs))], object)}
    _compare(ref, dd.run_local(_arrays(sigs, det), ids, det.threshold), len(sigs))


def test_pairs_in_runs_lists_every_earlier_member():
    pos = np.array([1, 5, 9, 2, 3], np.int64)
    start = np.array([0, 0, 0, 3, 3])
    i, j = dd._pairs_in_runs(pos, start)
    assert sorted(zip(i.tolist(), j.tolist())) == [(3, 2), (5, 1), (9, 1), (9, 5)]


@pytest.mark.slow
def test_ray_data_steps_equal_streaming(case):
    ray = pytest.importorskip("ray")
    import logging

    import ray.data as rd

    from akhbar.run import ray_dedup as R

    sigs, ref = case
    det = Deduplicator()
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
    try:
        ctx = rd.DataContext.get_current()
        ctx.enable_progress_bars = False
        unit = 300  # positions: unit << ORDINAL_BITS | ordinal, as a run numbers them
        blocks = [R.signature_rows((u // unit) << R.ORDINAL_BITS, sigs[u:u + unit],
                                   [f"a{i}" for i in range(u, min(len(sigs), u + unit))])
                  for u in range(0, len(sigs), unit)]
        results, rounds = R.resolve(rd.from_arrow(blocks), det.threshold, partitions=2)
        res = dd.concat([R.unpack(b, R.RESULT) for b in results.iter_batches(batch_format="pyarrow", batch_size=None)
                         if b.num_rows])
    finally:
        ray.shutdown()
    assert rounds >= 2
    res["pos"] = (res["pos"] >> R.ORDINAL_BITS) * unit + (res["pos"] & ((1 << R.ORDINAL_BITS) - 1))
    _compare(ref, res, len(sigs))


@pytest.mark.slow
def test_ray_executor_byte_identical_on_saudinewsnet(tmp_path):
    pytest.importorskip("ray")
    zips = sorted((SHARED / "saudinewsnet").glob("*.zip"))
    if not zips:
        pytest.skip("no SaudiNewsNet in ../shared")
    from akhbar.run.local import RunOptions, refine_paths

    opts = {"limit": 400, "unit_records": 40, "index": False, "stories": False, "learn_furniture": False}
    ins = [EXAMPLES, zips[0]]  # the examples hold exact and near copies
    a = refine_paths(ins, tmp_path / "a", RunOptions(**opts))
    b = refine_paths(ins, tmp_path / "b", RunOptions(executor="ray", workers=2, **opts))
    for name in ("articles.parquet", "lines.parquet", "rejected.jsonl"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    assert (a.duplicates, a.near_duplicates) == (b.duplicates, b.near_duplicates) and a.duplicates >= 1
    t = pq.read_table(tmp_path / "b" / "articles.parquet", columns=["role", "dup_of", "dup_cluster_size"]).to_pylist()
    assert all((r["dup_cluster_size"] or 0) >= 1 for r in t if r["role"] == "main")
    assert any((r["dup_cluster_size"] or 0) >= 2 for r in t)
