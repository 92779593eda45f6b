"""Bookkeeping of a run: what the ``status`` callback reports and ``manifest.json`` records.

``RunStats`` collects, while a run goes, the per-worker tallies of the unit results (units,
records, busy seconds, peak memory, CPU seconds), the per-stage statistics of the workers'
pipelines (pages, rejections, CPU seconds: ``manifest.json["stages"]``), the seconds of the
workers' own steps,
and the driver's own timings (plan, first pass, executor start-up, CPU per step). At the end
``finish`` fills ``RunResult.seconds``, ``stage_seconds`` (``manifest.json["seconds"]["by_stage"]``)
and ``progress`` (``manifest.json["progress"]``).
"""

from __future__ import annotations

import resource
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from akhbar.run.options import RunOptions, RunResult
from akhbar.run.worker import UnitResult


@dataclass
class RunStats:
    """Counters and timings of one run (``t_start``: ``time.perf_counter()`` at its start; ``ru0``: the
    process's resource usage at the start of the call)."""

    t_start: float
    ru0: resource.struct_rusage
    units_total: int = 0
    #: units reused from an interrupted run (``resume``)
    units_resumed: int = 0
    #: units done so far, resumed ones included
    units_done: int = 0
    #: wall and CPU seconds of planning (resume check, work units, work directory)
    t_plan: float = 0.0
    cpu_plan: float = 0.0
    #: seconds of the first pass (executor start-up left out)
    t_learn: float = 0.0
    #: seconds spent starting executors
    startup: float = 0.0
    #: CPU seconds of this process saving unit results, and loading and merging them (stage 2)
    cpu_persist: float = 0.0
    cpu_merge: float = 0.0
    #: per worker ("host:pid"): units, records, busy_seconds, peak_rss_mb, cpu_seconds
    workers: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: seconds of the workers' own steps (read, rows, signatures), summed over the unit results
    timings: Counter[str] = field(default_factory=Counter)
    #: per page stage (pipeline order): [pages, rejected, CPU seconds], summed over the unit results
    stages: dict[str, list[float]] = field(default_factory=dict)

    def account(self, r: UnitResult) -> None:
        """Count one unit result (computed now or reused by a resume) for its worker and the stages."""
        w = self.workers.setdefault(r.worker, {"units": 0, "records": 0, "busy_seconds": 0.0, "peak_rss_mb": 0.0,
                                               "cpu_seconds": 0.0})
        w["units"] += 1
        w["records"] += r.records
        w["busy_seconds"] += r.seconds
        w["peak_rss_mb"] = max(w["peak_rss_mb"], r.peak_rss_mb)
        w["cpu_seconds"] = max(w["cpu_seconds"], r.cpu_seconds)
        for k, v in r.timings.items():
            self.timings[k] += v
        for k, (pages, rejected, cpu) in r.stages.items():
            s = self.stages.setdefault(k, [0, 0, 0.0])
            s[0] += pages
            s[1] += rejected
            s[2] += cpu

    def report(self, res: RunResult, sharded: bool, final: bool = False) -> dict[str, Any]:
        """What the ``status`` callback gets during the run (``res``: stage 2's result so far)."""
        el = time.perf_counter() - self.t_start
        return {
            "records": res.records, "articles": res.articles,
            "pages_per_second": round(res.records / el, 1) if el else None,
            "units_done": self.units_done, "units_total": self.units_total, "units_resumed": self.units_resumed,
            "shards_done": len(res.shards) if sharded else (1 if final else 0),
            "elapsed_seconds": round(el, 3),
        }

    def finish(self, res: RunResult, opts: RunOptions, t_corpus: float, t_write: float) -> None:
        """Fill ``res.seconds``, ``res.stage_seconds`` and ``res.progress`` (``t_corpus``, ``t_write``:
        stage 2's seconds in the corpus passes and the writers)."""
        res.seconds = time.perf_counter() - self.t_start
        stage = {k: v for k, v in self.timings.items()}
        stage["plan"] = self.t_plan
        stage["learn_furniture"] = self.t_learn
        stage["corpus"] = t_corpus
        stage["write"] = t_write
        res.stage_seconds = {k: round(v, 3) for k, v in stage.items()}
        res.stages = [{"name": k, "pages": int(p), "rejected": int(r), "cpu_seconds": round(c, 4)}
                      for k, (p, r, c) in self.stages.items() if p]
        prog = self.report(res, bool(opts.shard_size), final=True)
        prog["executor"] = opts.executor
        prog["workers_requested"] = opts.workers
        prog["executor_startup_seconds"] = round(self.startup, 3)
        prog["units_computed"] = self.units_done - self.units_resumed
        ru = resource.getrusage(resource.RUSAGE_SELF)
        ru0 = self.ru0
        prog["parent_cpu_seconds"] = round(ru.ru_utime + ru.ru_stime - ru0.ru_utime - ru0.ru_stime, 3)
        prog["parent_peak_rss_mb"] = round(ru.ru_maxrss / 1024, 1)
        prog["parent_cpu_seconds_by_step"] = {"plan": round(self.cpu_plan, 3), "save_units": round(self.cpu_persist, 3),
                                              "load_and_merge": round(self.cpu_merge, 3)}
        prog["workers"] = {k: {**v, "busy_seconds": round(v["busy_seconds"], 3),
                               "pages_per_second": round(v["records"] / v["busy_seconds"], 1)
                               if v["busy_seconds"] else None}
                           for k, v in sorted(self.workers.items())}
        res.progress = prog
