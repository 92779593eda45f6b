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
from akhbar.run.units import WorkUnit
from akhbar.run.worker import UnitResult

#: Phases of a run, in order, as ``RunStats.report`` names them ("phase"): planning the work units,
#: the furniture first pass, refining (stage 1 and the merge of stage 2, in step), closing the
#: outputs (corpus counts, writers, manifest), building the search store; "done" in the last report.
PHASES = ("planning", "first_pass", "refining", "writing", "store", "done")

#: Suffixes of whole files that hold exactly one record (for ``expected_records``).
_ONE_RECORD_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")


def expected_records(units: list[WorkUnit], limit: int | None = None) -> int | None:
    """Input records the planned ``units`` hold, when the plan knows it (JSON Lines, zip members,
    WARC, tarballs, HTML files); None when some unit's count is only a file count (JSON documents,
    text and ANT files, compressed JSON Lines, Parquet, standard input)."""
    n = 0
    for u in units:
        exact = (u.kind in ("jsonl", "warc", "tar") or (u.kind == "zip" and u.stop >= 0)
                 or (u.kind == "files" and all(p.lower().endswith(_ONE_RECORD_SUFFIXES) for p in u.paths)))
        if not exact:
            return None
        n += u.records
    return n if limit is None else min(n, limit)


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
    #: the phase the run is in (one of ``PHASES``)
    phase: str = "planning"
    #: input records the plan holds (None: not known, see ``expected_records``)
    records_total: int | None = None
    #: input records of the units reused by a resume (all of them, and those merged so far)
    records_resumed_total: int = 0
    records_resumed: int = 0
    #: units the furniture first pass has counted so far
    first_pass_units_done: int = 0

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

    def report(self, res: RunResult | None, sharded: bool, final: bool = False) -> dict[str, Any]:
        """What the ``status`` callback gets during the run (``res``: stage 2's result so far, None
        before stage 2 starts); ``final``: the report ``manifest.json["progress"]`` starts from
        (no "phase")."""
        el = time.perf_counter() - self.t_start
        records = res.records if res is not None else 0
        rep: dict[str, Any] = {
            "records": records, "articles": res.articles if res is not None else 0,
            "pages_per_second": round(records / el, 1) if el else None,
            "units_done": self.units_done, "units_total": self.units_total, "units_resumed": self.units_resumed,
            "shards_done": len(res.shards) if (sharded and res is not None) else (1 if final else 0),
            "elapsed_seconds": round(el, 3),
            "records_total": self.records_total,
            "records_resumed": self.records_resumed,
            "records_resumed_total": self.records_resumed_total,
        }
        if not final:
            rep["phase"] = self.phase
            rep["first_pass_units_done"] = self.first_pass_units_done
        return rep

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
