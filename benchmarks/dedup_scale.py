"""Ray Data deduplication at scale on one machine: driver memory and time per document vs corpus size.

A simulated corpus: the normalized word lists of SaudiNewsNet and ANT (sample) articles, replicated
with perturbations (each copy drops every word with probability 2-15 % and swaps a few neighbours,
so near-duplicates exist at a range of similarities; about 1 in 20 copies is left exact). Every size
runs in a fresh driver process (``--one N``), which starts a local Ray instance (``--cpus``), builds
the signatures *in Ray tasks* (``akhbar.run.ray_dedup.signature_rows``), then resolves the
duplicates (``resolve``) and writes the per-unit results (``write_results``), as ``--executor ray``
does after stage 1. Reported per size: driver peak RSS (MiB, ``ru_maxrss`` of the driver process),
seconds for signatures and for the resolution, seconds per 1,000 documents, propagation rounds,
results written.

    PYTHONPATH=src python benchmarks/dedup_scale.py --sizes 20000 100000 300000 --cpus 2

Needs ``ray[data]`` and ../shared/data (SaudiNewsNet, ANT samples).
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
BLOCK = 2000  # documents per generating task (one "unit")
_BASE: dict = {}


def base_words(limit: int) -> list[list[str]]:
    """Normalized word lists (``akhbar.corpus.dedup.words``) of up to ``limit`` real articles with >= 20 words."""
    from akhbar.corpus.dedup import words
    from akhbar.model import RawRecord
    from akhbar.page.decode import decode
    from akhbar.sources import iter_inputs

    ins = sorted((DATA / "saudinewsnet").glob("*.zip"))[:3] + [DATA / "antcorpus-multisource" / "sample",
                                                                 DATA / "antcorpus-jawharafm" / "sample"]
    out = []
    for it in itertools.islice(iter_inputs(ins), limit * 2):
        if isinstance(it, RawRecord):
            c = it.content
            ws = words(decode(c).text if isinstance(c, bytes) else c)
            if len(ws) >= 20:
                out.append(ws)
                if len(out) >= limit:
                    break
    return out


def gen_block(batch: dict, base_ref, banding) -> object:
    """Packed signature rows of documents ``[start, start + BLOCK)`` of the simulated corpus."""
    import pyarrow as pa
    import ray

    from akhbar.corpus.dedup import signature_from_words
    from akhbar.run.ray_dedup import ORDINAL_BITS, signature_rows

    key = base_ref.hex()
    if key not in _BASE:  # once per worker process
        _BASE.clear()
        _BASE[key] = ray.get(base_ref)
    base = _BASE[key]
    tabs = []
    for start in batch["id"]:
        start = int(start)
        rng = np.random.default_rng(start)
        sigs, ids = [], []
        for d in range(start, start + BLOCK):
            ws = base[d % len(base)]
            if d >= len(base) and rng.random() > 0.05:  # a copy: perturbed
                keep = rng.random(len(ws)) > rng.uniform(0.02, 0.15)
                ws = [w for w, k in zip(ws, keep, strict=True) if k]
                for _ in range(rng.integers(0, 3)):
                    if len(ws) > 2:
                        k = int(rng.integers(0, len(ws) - 1))
                        ws[k], ws[k + 1] = ws[k + 1], ws[k]
            sigs.append(signature_from_words(ws, banding=banding))
            ids.append(f"doc{d}")
        tabs.append(signature_rows((start // BLOCK) << ORDINAL_BITS, sigs, ids))
    return pa.concat_tables(tabs)


def one(n: int, cpus: int, nbase: int) -> dict:
    import functools

    import ray
    import ray.data as rd

    from akhbar.corpus.dedup import Deduplicator
    from akhbar.run.ray_dedup import resolve, write_results

    ray.init(num_cpus=cpus, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING,
             object_store_memory=2 << 30)
    ctx = rd.DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False
    det = Deduplicator()
    base = base_words(nbase)
    base_ref = ray.put(base)
    del base
    t0 = time.perf_counter()
    src = rd.range(n // BLOCK, override_num_blocks=max(1, min(n // BLOCK, 4 * cpus)))
    src = src.map(lambda r: {"id": r["id"] * BLOCK}).map_batches(
        functools.partial(gen_block, base_ref=base_ref, banding=det.banding), batch_size=1, batch_format="numpy")
    src = src.materialize()
    t_sig = time.perf_counter() - t0
    t1 = time.perf_counter()
    results, rounds = resolve(src, det.threshold, partitions=cpus)
    with tempfile.TemporaryDirectory() as tmp:
        rows = write_results(results, tmp, partitions=cpus)
    t_res = time.perf_counter() - t1
    ray.shutdown()
    return {"docs": n, "driver_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "signature_seconds": round(t_sig, 1), "resolve_seconds": round(t_res, 1),
            "ms_per_doc_total": round(1000 * (t_sig + t_res) / n, 3), "ms_per_doc_resolve": round(1000 * t_res / n, 3),
            "rounds": rounds, "result_rows": rows}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[20000, 100000])
    ap.add_argument("--cpus", type=int, default=2)
    ap.add_argument("--base", type=int, default=10000, help="real articles to replicate")
    ap.add_argument("--one", type=int, help="run one size in this process (internal)")
    a = ap.parse_args()
    if a.one:
        print(json.dumps(one(a.one, a.cpus, a.base)))
        return
    for n in a.sizes:
        p = subprocess.run([sys.executable, __file__, "--one", str(n), "--cpus", str(a.cpus), "--base", str(a.base)],
                           capture_output=True, text=True, check=False)
        line = [x for x in p.stdout.splitlines() if x.startswith("{")]
        print(line[-1] if line else f"{n}: failed\n{p.stderr[-2000:]}", flush=True)


if __name__ == "__main__":
    main()
