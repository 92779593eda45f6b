"""Speed and memory of the whole dedup pass over all SaudiNewsNet articles, one core.

Compares, on the same texts and parameters (128 permutations, seed 1, 3-word shingles of
``akhbar.corpus.dedup.words`` i.e. search-normalized Arabic words, LSH, same threshold):

* ``akhbar``: ``Deduplicator.check(id, text)`` per article (exact hash + MinHash/LSH, vectorized shingle
  hashing, signature verification);
* ``plain``: the usual datasketch recipe: shingle strings -> ``MinHash(num_perm=128, seed=1)`` +
  ``update_batch`` (default SHA-1 hash) -> ``MinHashLSH.query`` + ``MinHash.jaccard`` + ``insert``.

Each variant runs in a fresh subprocess (so peak RSS is its own); texts are loaded before timing and the
reported memory is peak RSS minus RSS after loading. ``--scale 3`` repeats each text three times to show
that the state does not grow with text size. Prints medians of ``--runs`` runs.

Usage: python benchmarks/dedup_speed.py [--runs 3] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time


def _rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def worker(variant: str, limit: int, scale: int) -> dict:
    import os

    os.sched_setaffinity(0, {0})
    from dedup_common import saudinewsnet

    from akhbar.corpus.dedup import DEFAULT_THRESHOLD, Deduplicator, _shingle_list, words

    texts = []
    for r in saudinewsnet():
        texts.append((r["id"], "\n".join([r["content"]] * scale)))
        if limit and len(texts) >= limit:
            break
    chars = sum(len(t) for _, t in texts)
    # warm up imports / templates outside the timed region
    Deduplicator().check("w", texts[0][1])
    base = _rss_mb()
    t0 = time.perf_counter()
    ndup = 0
    if variant == "akhbar":
        d = Deduplicator()
        for i, t in texts:
            if d.check(i, t).dup_of is not None:
                ndup += 1
    else:
        from datasketch import MinHash, MinHashLSH

        lsh = MinHashLSH(threshold=DEFAULT_THRESHOLD, num_perm=128)
        sigs = {}
        for i, t in texts:
            sh = _shingle_list(words(t), 3)
            if len(sh) < 5:
                continue
            m = MinHash(num_perm=128, seed=1)
            m.update_batch([s.encode("utf-8") for s in sh])
            if any(m.jaccard(sigs[c]) >= DEFAULT_THRESHOLD for c in lsh.query(m)):
                ndup += 1
            lsh.insert(i, m)
            sigs[i] = m
    secs = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"variant": variant, "n": len(texts), "chars": chars, "secs": secs, "mem_mb": peak - base,
            "dups": ndup}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--worker", default=None)
    ap.add_argument("--scale", type=int, default=1)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.limit, args.scale)))
        return
    from dedup_common import machine

    print(f"machine: {machine()} (each run pinned to one core)")
    rows = []
    for variant, scale in (("akhbar", 1), ("plain", 1), ("akhbar", 3)):
        res = []
        for _ in range(args.runs if scale == 1 else 1):
            out = subprocess.run([sys.executable, __file__, "--worker", variant, "--limit", str(args.limit),
                                  "--scale", str(scale)], capture_output=True, text=True, check=True)
            res.append(json.loads(out.stdout.strip().splitlines()[-1]))
        rows.append((variant, scale, res))
    print()
    print("| variant | text scale | articles | MB of text | runs | median s | articles/s | ms/article |"
          " peak RSS growth MB | duplicates flagged |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for variant, scale, res in rows:
        s = statistics.median(r["secs"] for r in res)
        m = statistics.median(r["mem_mb"] for r in res)
        n = res[0]["n"]
        print(f"| {variant} | x{scale} | {n} | {res[0]['chars'] * 2 / 1e6:.0f} (UTF-16 est.) | {len(res)} | {s:.1f}"
              f" | {n / s:.0f} | {1000 * s / n:.2f} | {m:.0f} | {res[0]['dups']} |")


if __name__ == "__main__":
    main()
