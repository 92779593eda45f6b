"""Speed and memory of `akhbar refine` on SaudiNewsNet in one process.

Each measurement runs `refine_paths` in a fresh child process over the first N records of
../shared/data/saudinewsnet (all 18 zips in name order); the child reports its own peak RSS
(resource.getrusage RUSAGE_SELF) and CPU seconds. Configurations:

- per-page: per-page stages only (--no-learn-furniture --no-dedup --no-stories --no-index),
  lines.parquet written;
- per-page + store: the same plus the SQLite search store (--no-learn-furniture --no-dedup --no-stories);
- full, no store: furniture first pass + per-page stages + dedup + stories (--no-index);
- default: what `akhbar refine` runs by default (full + the search store);
- +entities: default run with NER on every article (``--accurate``: also with the accurate tagger,
  ``Settings(entities="accurate")``).

For each run the child also reports its CPU seconds per phase of the run (planning, first_pass,
refining: stage 1 and stage 2 interleaved, writing, store), taken from the ``status`` callback, and
``stage_seconds`` (wall seconds per per-page stage, "signatures": the corpus keys computed in
stage 1, "corpus": the dedup and story passes of stage 2, "write": Parquet writing).

Usage: python benchmarks/refine_speed.py [--pages 10000] [--runs 3] [--memory 1000,30000] [--quick]
Prints a Markdown table: machine, input, median seconds, pages/s, pages per CPU-second of the run
(imports excluded; independent of other users of the machine), MB/s (of decoded page text), peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SNN = SHARED / "data" / "saudinewsnet"
PHASES = ("planning", "first_pass", "refining", "writing", "store")

CHILD = r"""
import json, resource, sys, time
from akhbar.run.local import refine_paths, RunOptions
from akhbar.pipeline import Settings
cfg = json.loads(sys.argv[1])
marks = []
def status(d):
    marks.append((d.get("phase"), time.process_time()))
opts = RunOptions(limit=cfg["pages"], dedup=cfg["dedup"], stories=cfg["stories"], index=cfg["index"],
                  learn_furniture=cfg["learn"], settings=Settings(entities=cfg["entities"]), status=status)
t = time.perf_counter()
c0 = time.process_time()
r = refine_paths(cfg["inputs"], cfg["out"], opts)
dt = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # before reading the output back
cpu = time.process_time() - c0  # the run only (imports excluded)
phases = {}
for (name, t0), (_n, t1) in zip(marks, marks[1:]):
    phases[name] = round(phases.get(name, 0) + t1 - t0, 3)
import pyarrow.compute as pc
import pyarrow.parquet as pq
pf = pq.ParquetFile(cfg["out"] + "/lines.parquet")
chars = sum(pc.sum(pc.utf8_length(b.column(0))).as_py() or 0 for b in pf.iter_batches(columns=["text"]))
print(json.dumps({"seconds": dt, "records": r.records, "articles": r.articles, "chars": chars,
                  "stages": r.stage_seconds, "cpu": cpu, "phase_cpu": phases, "peak_rss_mb": rss}))
"""


def run_child(pages: int, dedup: bool, stories: bool, entities: bool | str, learn: bool = True,
              index: bool = False) -> dict:
    """One refine run in a fresh process; returns its seconds, counts, CPU seconds (all and per
    phase) and own peak RSS. ``entities``: False, True (the fast tagger) or "accurate"."""
    with tempfile.TemporaryDirectory() as out:
        cfg = {"pages": pages, "dedup": dedup, "stories": stories, "entities": entities, "learn": learn, "index": index,
               "out": out, "inputs": [str(p) for p in sorted(SNN.glob("*.zip"))]}
        p = subprocess.run([sys.executable, "-c", CHILD, json.dumps(cfg)], capture_output=True, text=True, check=True)
        return json.loads(p.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--memory", default="1000,30000", help="page counts for the flat-memory check")
    ap.add_argument("--entities", action="store_true", help="also measure with NER on")
    ap.add_argument("--quick", action="store_true", help="1,000 pages, 1 run, memory at 1,000 and 3,000")
    ap.add_argument("--accurate", action="store_true", help="also measure --entities accurate")
    ap.add_argument("--only-entities", action="store_true", help="skip the memory check and the runs without NER")
    a = ap.parse_args()
    if not SNN.is_dir():
        print("../shared/data/saudinewsnet not found")
        return 1
    if a.quick:
        a.pages, a.runs, a.memory = 1000, 1, "1000,3000"
    print(f"machine: {platform.machine()} {platform.processor() or ''}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"input: first N records of {SNN} (SaudiNewsNet, 31,030 records in 18 zips)\n")
    rows = []
    for n in sorted(int(x) for x in a.memory.split(",") if x and not a.only_entities):
        for name, dd, stt, lrn in (("full", True, True, True), ("per-page", False, False, False)):
            r = run_child(n, dd, stt, False, lrn)
            rows.append((f"{name}, memory check", r["seconds"], r, r["peak_rss_mb"], 1))
    # name, dedup, stories, entities, learn furniture, store
    configs = [("per-page stages only", False, False, False, False, False),
               ("per-page + store", False, False, False, False, True),
               ("full, no store", True, True, False, True, False),
               ("default (full + store)", True, True, False, True, True)]
    if a.only_entities:
        configs = []
    if a.entities:
        configs.append(("default + entities", True, True, True, True, True))
    if a.accurate:
        configs.append(("default + entities accurate", True, True, "accurate", True, True))
    for name, dd, stt, ent, lrn, idx in configs:
        rs = [run_child(a.pages, dd, stt, ent, lrn, idx) for _ in range(a.runs)]
        med = statistics.median(x["seconds"] for x in rs)
        r0 = min(rs, key=lambda x: abs(x["seconds"] - med))
        rows.append((name, med, r0, max(x["peak_rss_mb"] for x in rs), a.runs))
    print("| config | pages | runs | median s | pages/s | pages per CPU-s | MB/s (decoded text) | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|")
    for name, sec, r, rss, runs in rows:
        mbs = r["chars"] * 2 / 1e6 / sec  # ~2 bytes per Arabic character in UTF-8
        print(f"| {name} | {r['records']:,} | {runs} | {sec:.2f} | {r['records'] / sec:,.0f} | "
              f"{r['records'] / r['cpu']:,.0f} | {mbs:.2f} | {rss:.0f} |")
    print("\nfull = per-page stages + furniture first pass + dedup + stories + quality + Parquet writing;")
    print("per-page = --no-learn-furniture --no-dedup --no-stories --no-index; store = the SQLite search store")
    print("(`akhbar index`, built at the end of the run). Peak RSS is each child process's own.\n")
    print("| config | CPU s | " + " | ".join(f"{p} CPU s" for p in PHASES) + " | store % of CPU |")
    print("|---|---|" + "---|" * len(PHASES) + "---|")
    for name, _sec, r, _rss, _runs in rows:
        if "memory check" not in name:
            pc = r["phase_cpu"]
            print(f"| {name} | {r['cpu']:.2f} | " + " | ".join(f"{pc.get(p, 0):.2f}" for p in PHASES)
                  + f" | {100 * pc.get('store', 0) / r['cpu']:.0f} |")
    for name, _sec, r, _rss, _runs in rows:
        if "memory check" not in name:
            print(f"stage seconds ({name}):", json.dumps(r["stages"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
