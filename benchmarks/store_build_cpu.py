"""CPU time of building a new search store (``akhbar.store.build_index``) from one refine output,
for one or more akhbar source trees, run alternately (paired on a loaded machine).

Usage: ``python benchmarks/store_build_cpu.py OUTDIR [--src src /other/checkout/src] [--runs 3]``

Each run is a fresh child process with ``PYTHONPATH`` set to one ``--src`` tree; the child imports
akhbar (and pyarrow, zstandard) first, then times ``build_index(OUTDIR, tmp/akhbar.sqlite)``: CPU
seconds (``time.process_time``: user + system of the child, imports excluded), wall seconds, its own
peak RSS and the store's size. Runs go round-robin over the trees (tree 1, tree 2, tree 1, ...), so
a change in the machine's load hits all of them alike. Prints a Markdown table of medians.
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

CHILD = r"""
import json, os, resource, sys, time
import pyarrow.parquet, zstandard  # noqa: F401  (imports outside the timing)
from akhbar.store import build_index
import akhbar.store.bulk  # noqa: F401
out, store = sys.argv[1], sys.argv[2]
c0, t0 = time.process_time(), time.perf_counter()
build_index(out, store)
cpu, wall = time.process_time() - c0, time.perf_counter() - t0
print(json.dumps({"cpu": cpu, "wall": wall, "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "size": os.path.getsize(store)}))
"""


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--src", nargs="+", default=["src"], help="akhbar source trees (PYTHONPATH of each child)")
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    res: dict[str, list[dict]] = {s: [] for s in a.src}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(a.runs):
            for s in a.src:
                store = Path(tmp) / f"s{i}.sqlite"
                env = {**os.environ, "PYTHONPATH": str(Path(s).resolve())}
                p = subprocess.run([sys.executable, "-c", CHILD, str(a.outdir), str(store)], env=env,
                                   capture_output=True, text=True, check=True)
                res[s].append(json.loads(p.stdout.strip().splitlines()[-1]))
                store.unlink()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"input: {a.outdir}; {a.runs} runs per tree, alternating\n")
    print("| source tree | median CPU s | CPU s of each run | median wall s | peak RSS MB | store MB |")
    print("|---|---|---|---|---|---|")
    for s, rs in res.items():
        print(f"| {s} | {statistics.median(r['cpu'] for r in rs):.2f} | "
              f"{', '.join(format(r['cpu'], '.2f') for r in rs)} | {statistics.median(r['wall'] for r in rs):.2f} | "
              f"{max(r['rss'] for r in rs):.0f} | {rs[0]['size'] / 1e6:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
