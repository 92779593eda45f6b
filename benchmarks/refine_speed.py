"""Speed and memory of `akhbar refine` on SaudiNewsNet in one process.

Each measurement runs `refine_paths` in a fresh child process over the first N records of
../shared/data/saudinewsnet (all 18 zips in name order) and reads the child's peak RSS
(resource.getrusage RUSAGE_CHILDREN). Configurations:

- full: the default run (per-page stages + dedup + stories + quality, lines.parquet written);
- per-page: per-page stages only (--no-dedup --no-stories), lines.parquet written;
- +entities: full run with NER on every article.

Usage: python benchmarks/refine_speed.py [--pages 10000] [--runs 3] [--memory 1000,30000] [--quick]
Prints a Markdown table: machine, input, median seconds, pages/s, MB/s (of decoded page text),
peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SNN = SHARED / "data" / "saudinewsnet"

CHILD = r"""
import json, sys, time
from akhbar.run.local import refine_paths, RunOptions
from akhbar.page.pipeline import Settings
cfg = json.loads(sys.argv[1])
opts = RunOptions(limit=cfg["pages"], dedup=cfg["dedup"], stories=cfg["stories"], index=False,
                  settings=Settings(entities=cfg["entities"]))
t = time.perf_counter()
r = refine_paths(cfg["inputs"], cfg["out"], opts)
dt = time.perf_counter() - t
import pyarrow.parquet as pq
chars = sum(len(x) for x in pq.read_table(cfg["out"] + "/lines.parquet", columns=["text"]).column("text").to_pylist())
print(json.dumps({"seconds": dt, "records": r.records, "articles": r.articles, "chars": chars,
                  "stages": r.stage_seconds}))
"""


def run_child(pages: int, dedup: bool, stories: bool, entities: bool) -> dict:
    with tempfile.TemporaryDirectory() as out:
        cfg = {"pages": pages, "dedup": dedup, "stories": stories, "entities": entities, "out": out,
               "inputs": [str(p) for p in sorted(SNN.glob("*.zip"))]}
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        p = subprocess.run([sys.executable, "-c", CHILD, json.dumps(cfg)], capture_output=True, text=True, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        res = json.loads(p.stdout.strip().splitlines()[-1])
        # ru_maxrss of children is the max over all children so far: measure memory runs first, smallest first
        res["peak_rss_mb"] = max(after, before) / 1024
        return res


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--memory", default="1000,30000", help="page counts for the flat-memory check")
    ap.add_argument("--entities", action="store_true", help="also measure with NER on")
    ap.add_argument("--quick", action="store_true", help="1,000 pages, 1 run, memory at 1,000 and 3,000")
    a = ap.parse_args()
    if not SNN.is_dir():
        print("../shared/data/saudinewsnet not found")
        return 1
    if a.quick:
        a.pages, a.runs, a.memory = 1000, 1, "1000,3000"
    print(f"machine: {platform.machine()} {platform.processor() or ''}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"input: first N records of {SNN} (SaudiNewsNet, 31,030 records in 18 zips)\n")
    rows = []
    # memory first (ru_maxrss of children only grows), smallest first
    for n in sorted(int(x) for x in a.memory.split(",") if x):
        r = run_child(n, True, True, False)
        rows.append(("full, memory check", n, r["seconds"], r, r["peak_rss_mb"]))
    configs = [("full", True, True, False), ("per-page", False, False, False)]
    if a.entities:
        configs.append(("+entities", True, True, True))
    for name, dd, stt, ent in configs:
        rs = [run_child(a.pages, dd, stt, ent) for _ in range(a.runs)]
        med = statistics.median(x["seconds"] for x in rs)
        r0 = rs[0]
        rows.append((name, a.pages, med, r0, max(x["peak_rss_mb"] for x in rs)))
    print("| config | pages | runs | median s | pages/s | MB/s (decoded text) | peak RSS MB* |")
    print("|---|---|---|---|---|---|---|")
    for name, n, sec, r, rss in rows:
        runs = 1 if "memory" in name else a.runs
        mbs = r["chars"] * 2 / 1e6 / sec  # ~2 bytes per Arabic character in UTF-8
        print(f"| {name} | {r['records']:,} | {runs} | {sec:.2f} | {r['records'] / sec:,.0f} | {mbs:.2f} | {rss:.0f} |")
    print("\n* peak RSS is the running maximum over child processes so far (memory rows run first, smallest first).")
    print("stage seconds (last run):", json.dumps(rows[-1][3]["stages"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
