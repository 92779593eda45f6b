"""Where the time of one ``akhbar search`` goes: interpreter, imports, opening the store, the query.

Each phase runs in a fresh interpreter (a subprocess, as a user's shell would run it), ``--runs``
times; the table gives the median wall time and the median CPU time (user + system of the child:
the machine is shared, so CPU is the steadier number). Phases are cumulative: each row does
what the row above does plus one step.

Usage: ``python benchmarks/cli_search_speed.py STORE_OR_OUTDIR [--query Q] [--runs 7]``
(e.g. an outdir of ``akhbar refine ../shared/data/saudinewsnet/2015-07-21.zip -o OUT``).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time

PHASES = [
    ("python -c pass", "pass"),
    ("+ import akhbar.cli", "import akhbar.cli"),
    ("+ open_store (connect)", "import akhbar.cli; from akhbar.store import open_store; open_store(S).con"),
    ("+ the query (limit 10)",
     "import akhbar.cli; from akhbar.store import open_store; st = open_store(S); getattr(st, 'find', st.search)(Q)"),
    ("akhbar search STORE Q (CLI)",
     ("import sys; from akhbar.cli import app; sys.argv = ['akhbar', 'search', S, Q]\ntry:\n    app()\n"
     "except SystemExit:\n    pass")),
]


def run_once(code: str, store: str, query: str) -> tuple[float, float]:
    prog = f"S = {store!r}; Q = {query!r}\n{code}"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", prog], check=True, stdout=subprocess.DEVNULL, env=os.environ)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", help="store file or refine output directory")
    ap.add_argument("--query", default="اليمن OR عدن -الحوثي")
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    print(f"# akhbar search timing: {args.store}, query {args.query!r}, median of {args.runs} runs\n")
    print("| phase | wall ms | CPU ms | wall - previous |")
    print("|---|---:|---:|---:|")
    prev = 0.0
    for name, code in PHASES:
        runs = [run_once(code, args.store, args.query) for _ in range(args.runs)]
        wall = statistics.median(w for w, _ in runs) * 1000
        cpu = statistics.median(c for _, c in runs) * 1000
        delta = f"{wall - prev:+.0f}" if name.startswith("+") else ""
        print(f"| {name} | {wall:.0f} | {cpu:.0f} | {delta} |")
        prev = wall
    print(f"\nload average: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
