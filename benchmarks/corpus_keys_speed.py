"""CPU cost of the corpus work of a default run, per component, on the first N SaudiNewsNet pages.

What a default ``akhbar refine`` does besides the per-page stages, split into the pieces this
benchmark times one by one (CPU time, ``time.process_time``, one process, after a warm-up):

- ``furniture lines``: the first pass's read of each record (decode, ``clean_text``, line split:
  ``akhbar.run.corpus.furniture_lines``), per page;
- ``furniture keys``: hashing those lines (``RepeatedLines.page_keys``), per page;
- ``furniture count``: counting the keys in the parent (``RepeatedLines.observe_keys``), per page;
- ``body words``: search normalization and word split of each main article's body
  (``akhbar.corpus.dedup.words``), per main article;
- ``minhash``: the dedup signature from those words (``signature_from_words`` with the detector's
  banding: shingle hashes, MinHash, band keys, exact key), per main article;
- ``lean + pickle``: the signature made lean for shipping (``akhbar.run.worker._lean``) and pickled;
- ``story keys``: the story terms and event keys (``corpus_keys`` minus the dedup part), per main article;
- ``dedup check``: the stage-2 detector (``Deduplicator.check`` with the precomputed signature);
- ``corpus_keys``: the whole per-article function the workers run (words + signature + story keys).

The pages are refined once (not timed) with the furniture learned from the same pages, so the
bodies are those of a default run. Each component is timed ``--runs`` times; the table gives the
median CPU milliseconds per page or per main article and the total CPU seconds for N pages.
Compare two versions by running this script from each checkout alternately (``PYTHONPATH=src``).
The refined pages are frozen out of the garbage collector's view (``gc.freeze``) before the timings,
as a worker holds one unit at a time; without it each cyclic collection walks all of them.

Usage: python benchmarks/corpus_keys_speed.py [--pages 3000] [--runs 3]
"""

from __future__ import annotations

import argparse
import gc
import pickle
import statistics
import sys
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SNN = SHARED / "data" / "saudinewsnet"


def _records(n: int) -> list:
    from akhbar.run.units import plan_units, read_unit

    out = []
    for u in plan_units([str(p) for p in sorted(SNN.glob("*.zip"))]):
        for it in read_unit(u):
            out.append(it)
            if len(out) >= n:
                return out
    return out


def _timed(fn, runs: int) -> float:
    fn()  # warm-up (memos, templates)
    ts = []
    for _ in range(runs):
        c0 = time.process_time()
        fn()
        ts.append(time.process_time() - c0)
    return statistics.median(ts)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=3000)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    if not SNN.is_dir():
        print("../shared/data/saudinewsnet not found")
        return 1
    import dataclasses

    from akhbar.corpus.dedup import Deduplicator, signature_from_words, words
    from akhbar.corpus.repeated import RepeatedLines
    from akhbar.pipeline import Pipeline, Settings
    from akhbar.run.corpus import CorpusPasses, corpus_keys, furniture_lines, learn_furniture
    from akhbar.run.worker import _lean

    recs = _records(a.pages)
    furniture = learn_furniture(recs)
    pipe = Pipeline(dataclasses.replace(Settings(), furniture=furniture))
    mains = []
    for r in recs:
        p = pipe(r)
        if p.rejection is None:
            mains.extend(x for x in p.articles if x.role == "main")
    params = CorpusPasses().params()
    dp = params["dedup"]
    learner = RepeatedLines(max_entries=200_000)
    got = [furniture_lines(r) for r in recs]
    keys = [None if g is None else (g[0], learner.page_keys(g[1])) for g in got]
    bodies = ["\n".join(x.body) for x in mains]
    ws_all = [words(b) for b in bodies]
    sigs = [signature_from_words(ws, **dp) for ws in ws_all]

    def f_lines():
        for r in recs:
            furniture_lines(r)

    def f_keys():
        for g in got:
            if g is not None:
                learner.page_keys(g[1])

    def f_count():
        lr = RepeatedLines(max_entries=200_000)
        for k in keys:
            if k is not None and k[1] is not None:
                lr.observe_keys(k[0], *k[1])

    def f_words():
        for b in bodies:
            words(b)

    def f_minhash():
        for ws in ws_all:
            signature_from_words(ws, **dp)

    def f_lean():
        for s in sigs:
            pickle.dumps(_lean(s), protocol=5)

    def f_check():
        d = Deduplicator()
        for x, s in zip(mains, sigs, strict=True):
            d.check(x.id, sig=s)

    def f_keys_all():
        for x in mains:
            corpus_keys(x, params)

    p_story = {**params, "dedup": None}

    def f_story():
        for x in mains:
            corpus_keys(x, p_story)

    rows = [("furniture lines", "page", len(recs), f_lines), ("furniture keys", "page", len(recs), f_keys),
            ("furniture count", "page", len(recs), f_count), ("body words", "main article", len(mains), f_words),
            ("minhash", "main article", len(mains), f_minhash), ("lean + pickle", "main article", len(mains), f_lean),
            ("dedup check", "main article", len(mains), f_check),
            ("story keys (incl. body words)", "main article", len(mains), f_story),
            ("corpus_keys (all)", "main article", len(mains), f_keys_all)]
    # the pages and records held here would make every cyclic collection during the timings walk them
    # (a worker holds one unit at a time): keep them out of the collector's view
    gc.collect()
    gc.freeze()
    print(f"input: first {len(recs):,} records of {SNN} ({len(mains):,} main articles); "
          f"median of {a.runs} runs, CPU time (process_time)\n")
    print("| component | per | ms per item (CPU) | CPU s for the input |")
    print("|---|---|---|---|")
    for name, per, n, fn in rows:
        t = _timed(fn, a.runs)
        print(f"| {name} | {per} | {1000 * t / max(1, n):.3f} | {t:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
