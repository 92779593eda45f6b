"""Scale-out benchmark: pages/s of `akhbar refine` with 1 and 2 workers on the `processes` and `ray`
executors (and `local` as the one-process baseline), scaling efficiency, peak memory per worker,
and Ray's fixed start-up cost.

Input (read in place from ../shared/data): SaudiNewsNet (all 18 daily zips, in name order) and
the ANT corpus: by default the ANT samples followed by the first SaudiNewsNet records, bounded by
``--limit`` records so a full table takes a few minutes on 2 cores; ``--full`` adds the two ANT
tarballs (v1.1 JawharaFM .tar.gz, v2.1 multi-source .tar.xz) and lifts the default limit (all
SaudiNewsNet and ANT pages: about 80,000 records, over an hour per configuration on this machine).

Each measurement runs `refine_paths` in a fresh child process (default options: dedup, stories,
quality, lines.parquet; no SQLite index) and reads its manifest: wall seconds (plan + start-up
+ stage 1 + stage 2), per-worker busy seconds and peak RSS, the executor's start-up seconds and
the per-stage seconds (summed over workers). Each configuration is run ``--repeats`` times
in an interleaved order (local, processes×1, processes×2, ray×1, ray×2, then again) so that the
load of other users of the machine spreads over all configurations; the table shows medians.

- pages/s: input records / wall seconds of the whole run;
- pages/s (steady): input records / (wall - executor start-up), what a long run approaches;
- speed-up vs local = pages/s / pages/s of the one-process run (`local`: one core, the sequential
  program); efficiency vs local = that speed-up / N, the classic definition;
- efficiency = pages/s with N workers / (N × pages/s with 1 worker of the same executor); with a
  separate driver, 1 worker already keeps more than one core busy, so this one reads lower;
- CPU ms/page: user + system CPU of the driver and all workers (Ray's own daemons not counted);
- cores busy: steady pages/s × CPU seconds per page, the average number of cores the run kept busy;
- CPU efficiency: CPU per page with 1 worker / with N; Amdahl bound: efficiency at N workers on
  dedicated cores when the driver's CPU share stays serial;
- peak RSS / worker: the largest ``ru_maxrss`` a worker reported (MiB); parent: the driver's;
- Ray start-up: ``ray.init`` of a local instance + the first task round trip that imports the
  page stages (measured separately, ``--repeats`` times).

Usage: python benchmarks/scale_bench.py [--limit 1200] [--repeats 3] [--workers 1,2]
       [--executors local,processes,ray] [--full] [--json results.json]
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
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import dedup_common

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = SHARED / "data"

CHILD = r"""
import json, resource, sys, time
from akhbar.run.local import refine_paths, RunOptions
cfg = json.loads(sys.argv[1])
opts = RunOptions(executor=cfg["executor"], workers=cfg["workers"], limit=cfg["limit"], index=False)
t = time.perf_counter()
r = refine_paths(cfg["inputs"], cfg["out"], opts)
dt = time.perf_counter() - t
print(json.dumps({"seconds": dt, "records": r.records, "articles": r.articles, "stages": r.stage_seconds,
                  "progress": r.progress, "parent_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

RAY_STARTUP = r"""
import json, time
t0 = time.perf_counter()
import ray
ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, object_store_memory=256 << 20)
t1 = time.perf_counter()
@ray.remote(num_cpus=1)
def warm():
    import akhbar.run.worker  # the page stages, as a real task would
    return 1
ray.get([warm.remote() for _ in range(2)])
t2 = time.perf_counter()
ray.shutdown()
print(json.dumps({"init": t1 - t0, "first_tasks": t2 - t1}))
"""


def inputs(full: bool) -> list[str]:
    ins = [DATA / "antcorpus-jawharafm" / "sample", DATA / "antcorpus-multisource" / "sample"]
    if full:
        ins = [DATA / "antcorpus-jawharafm" / "antcorpus.data-v1.1.tar.gz",
               DATA / "antcorpus-multisource" / "antcorpus.multisource.data-v2.1.tar.xz"]
    ins += sorted((DATA / "saudinewsnet").glob("*.zip"))
    return [str(p) for p in ins]


def child(executor: str, workers: int, ins: list[str], limit: int | None) -> dict:
    with tempfile.TemporaryDirectory() as out:
        cfg = {"executor": executor, "workers": workers, "inputs": ins, "limit": limit, "out": out}
        env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
        p = subprocess.run([sys.executable, "-c", CHILD, json.dumps(cfg)], capture_output=True, text=True, check=False,
                           env=env, cwd=REPO)
        if p.returncode != 0:
            raise RuntimeError(f"{executor}×{workers} failed:\n{p.stderr[-3000:]}")
        return json.loads(p.stdout.strip().splitlines()[-1])


def ray_startup(repeats: int) -> dict | None:
    try:
        import ray  # noqa: F401
    except ImportError:
        return None
    got = []
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    for _ in range(repeats):
        p = subprocess.run([sys.executable, "-c", RAY_STARTUP], capture_output=True, text=True, env=env, cwd=REPO,
                           check=False)
        if p.returncode == 0:
            got.append(json.loads(p.stdout.strip().splitlines()[-1]))
    if not got:
        return None
    return {k: statistics.median(g[k] for g in got) for k in got[0]}


def machine() -> str:
    """CPU, cores, RAM, Python, OS (``dedup_common.machine`` plus memory and OS)."""
    mem = ""
    try:
        kb = int(next(x for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal")).split()[1])
        mem = f", {kb / 2**20:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    return f"{dedup_common.machine()}{mem}, {platform.system()}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="input records per run (default 1200; --full: all)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--executors", default="local,processes,ray")
    ap.add_argument("--full", action="store_true", help="all SaudiNewsNet and ANT pages (tarballs included)")
    ap.add_argument("--json", type=Path, default=None, help="also write the raw measurements here")
    a = ap.parse_args()
    if not DATA.is_dir():
        sys.exit(f"{DATA} not found: the benchmark reads ../shared/data")
    limit = a.limit if a.limit is not None else (None if a.full else 1200)
    ins = inputs(a.full)
    workers = [int(x) for x in a.workers.split(",")]
    execs = [x.strip() for x in a.executors.split(",") if x.strip()]
    if "ray" in execs:
        try:
            import ray  # noqa: F401
        except ImportError:
            print("ray is not installed: skipping the ray executor (pip install 'akhbar[ray]')", file=sys.stderr)
            execs.remove("ray")
    configs = [(e, 1) for e in execs if e == "local"] + [(e, w) for e in execs if e != "local" for w in workers]
    load0 = os.getloadavg()
    runs: dict[tuple[str, int], list[dict]] = {c: [] for c in configs}
    t0 = time.time()
    for rep in range(a.repeats):
        for c in configs:
            r = child(c[0], c[1], ins, limit)
            runs[c].append(r)
            print(f"  [{rep + 1}/{a.repeats}] {c[0]}×{c[1]}: {r['records']} records in {r['seconds']:.1f} s",
                  file=sys.stderr)
    ray_su = ray_startup(a.repeats) if "ray" in execs else None
    load1 = os.getloadavg()

    def med(c, f):
        return statistics.median(f(r) for r in runs[c])

    rows = {}
    for c in configs:
        recs = runs[c][0]["records"]
        secs = med(c, lambda r: r["seconds"])
        su = med(c, lambda r: r["progress"].get("executor_startup_seconds", 0.0))
        steady = med(c, lambda r: r["records"] / max(1e-9, r["seconds"] - r["progress"].get("executor_startup_seconds", 0.0)))
        wrss = med(c, lambda r: max((w["peak_rss_mb"] for w in r["progress"]["workers"].values()), default=0.0))
        busy = med(c, lambda r: sum(w["busy_seconds"] for w in r["progress"]["workers"].values()))

        def cpu(r, c=c):
            wk = 0.0 if c[0] == "local" else sum(w.get("cpu_seconds", 0.0) for w in r["progress"]["workers"].values())
            return r["progress"].get("parent_cpu_seconds", 0.0) + wk

        cpu_total = med(c, cpu)
        parent_share = med(c, lambda r, cpu=cpu: r["progress"].get("parent_cpu_seconds", 0.0) / max(1e-9, cpu(r)))
        rows[c] = {"records": recs, "seconds": secs, "pps": recs / secs, "steady_pps": steady, "startup": su,
                   "worker_rss_mb": wrss, "parent_rss_mb": med(c, lambda r: r["parent_rss_mb"]),
                   "busy_ms_per_page": 1000 * busy / recs, "n_workers_seen": len(runs[c][-1]["progress"]["workers"]),
                   "cpu_ms_per_page": 1000 * cpu_total / recs, "parent_cpu_share": parent_share}
    for c in configs:
        base = rows.get((c[0], 1))
        rows[c]["efficiency"] = (rows[c]["pps"] / (c[1] * base["pps"])) if base and c[1] > 1 else None
        rows[c]["efficiency_steady"] = (rows[c]["steady_pps"] / (c[1] * base["steady_pps"])) if base and c[1] > 1 else None
        # with dedicated cores: speed-up is bounded by the extra CPU work and by the parent's serial share
        rows[c]["cpu_efficiency"] = (base["cpu_ms_per_page"] / rows[c]["cpu_ms_per_page"]) if base and c[1] > 1 else None
        sp = rows[c]["parent_cpu_share"] if c[0] != "local" else 1.0
        rows[c]["amdahl_efficiency"] = 1 / (sp + (1 - sp) / c[1]) / c[1] if c[1] > 1 else None
        # against the one-process run (one core, the sequential program): the classic speed-up / N
        loc = rows.get(("local", 1))
        rows[c]["speedup_local"] = rows[c]["pps"] / loc["pps"] if loc else None
        rows[c]["efficiency_local"] = rows[c]["speedup_local"] / c[1] if loc else None
        # average number of busy cores over the run, excluding the executor's start-up
        rows[c]["cores_busy"] = rows[c]["steady_pps"] * rows[c]["cpu_ms_per_page"] / 1000

    print(f"\n## akhbar scale benchmark\n\nmachine: {machine()}")
    print(f"load average (1/5/15 min) before: {load0[0]:.1f}/{load0[1]:.1f}/{load0[2]:.1f}, "
          f"after: {load1[0]:.1f}/{load1[1]:.1f}/{load1[2]:.1f} (other users share these cores)")
    n = next(iter(rows.values()))["records"]
    print(f"input: {n:,} records: " + ("ANT tarballs + " if a.full else "ANT samples + ")
          + f"SaudiNewsNet zips in name order{'' if limit is None else f' (first {limit:,} records)'}; "
          f"medians of {a.repeats} runs, {time.time() - t0:.0f} s in all\n")
    def f2(x):
        return "-" if x is None else f"{x:.2f}"

    print("| executor | workers | seconds | pages/s | pages/s steady | speed-up vs local | efficiency vs local "
          "| efficiency | efficiency steady "
          "| start-up s | CPU ms/page (all processes) | cores busy | parent CPU share | CPU efficiency | Amdahl bound "
          "| peak RSS/worker MiB | parent RSS MiB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for c in configs:
        r = rows[c]
        print(f"| {c[0]} | {c[1]} | {r['seconds']:.1f} | {r['pps']:.0f} | {r['steady_pps']:.0f} "
              f"| {f2(r['speedup_local'])} | {f2(r['efficiency_local'])} | {f2(r['efficiency'])} | {f2(r['efficiency_steady'])} | {r['startup']:.2f} "
              f"| {r['cpu_ms_per_page']:.2f} | {r['cores_busy']:.2f} | {r['parent_cpu_share']:.0%} "
              f"| {f2(r['cpu_efficiency'])} "
              f"| {f2(r['amdahl_efficiency'])} | {r['worker_rss_mb']:.0f} | {r['parent_rss_mb']:.0f} |")
    print("\nefficiency vs local = pages/s / (N × pages/s of the one-process run: one core, the sequential program); "
          "efficiency = against 1 worker of the same executor, whose driver already works on a second core; "
          "CPU efficiency = CPU per page with 1 worker / CPU per page with N (1.0: parallelism adds no work); "
          "Amdahl bound = efficiency at N workers on dedicated cores if the parent's share stays serial; "
          "cores busy = steady pages/s × CPU s per page (the driver counts: 1 worker + driver can exceed 1).")
    if ray_su:
        print(f"\nRay fixed start-up (local instance, 2 CPUs): ray.init {ray_su['init']:.1f} s + first tasks "
              f"(import of the page stages in 2 workers) {ray_su['first_tasks']:.1f} s = "
              f"{ray_su['init'] + ray_su['first_tasks']:.1f} s")
    # where a page's time goes (local run: one process, so stage seconds are wall seconds)
    base = ("local", 1) if ("local", 1) in runs else configs[0]
    st = {k: statistics.median(r["stages"].get(k, 0.0) for r in runs[base]) for k in runs[base][0]["stages"]}
    tot = sum(st.values()) or 1.0
    print(f"\nper-page cost by stage ({base[0]}×{base[1]}, ms per input record, median):\n")
    print("| stage | ms/page | share |")
    print("|---|---:|---:|")
    for k, v in sorted(st.items(), key=lambda kv: -kv[1]):
        print(f"| {k} | {1000 * v / n:.2f} | {v / tot:.0%} |")
    if a.json:
        a.json.write_text(json.dumps({"machine": machine(), "load_before": load0, "load_after": load1,
                                      "limit": limit, "inputs": ins, "ray_startup": ray_su,
                                      "rows": {f"{k[0]}x{k[1]}": v for k, v in rows.items()},
                                      "runs": {f"{k[0]}x{k[1]}": v for k, v in runs.items()}},
                                     ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
