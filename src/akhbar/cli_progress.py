"""What ``akhbar refine`` shows while it runs, fed by ``refine_paths``'s ``status`` and ``progress``.

On a terminal, one live bar (``rich``), cleared at the end::

    refining  ━━━━━━━━━━━━━╸━━━━━━━━━  58%  2,900/5,000 records · 1,000 reused · 95 pages/s · ETA 0:00:22 · 0:00:31

the phase (planning, furniture first pass, refining, writing outputs, building the search store),
done/total (records when the plan knows how many, else work units), percentage, rate and ETA of
the pages computed in this run (units reused by ``--resume`` are counted apart and kept out of
the rate, and so is the time spent merging them before the first computed page: the rate's clock
starts when the last report with nothing computed came). No rate and no ETA are shown until a
page has been computed. Phases without a total (planning, writing, the store) pulse.

Elsewhere (CI, pipes, files) a few plain lines on standard error: one when a phase starts, one
at each quarter of the records while refining, one every ``PLAIN_EVERY`` seconds at most between
them, and one at the end; nothing during the first ``QUIET_SECONDS`` of a run, so a short run
prints only its result::

    akhbar refine: furniture first pass 0/6 units (0%)
    akhbar refine: refining 0/1,500 records (0%)
    akhbar refine: refining 498/1,500 records (33%) · 71 pages/s · ETA 0:00:14
    akhbar refine: refining 768/1,500 records (51%) · 88 pages/s · ETA 0:00:08
    akhbar refine: refining 1,124/1,500 records (75%) · 101 pages/s · ETA 0:00:04
    akhbar refine: writing outputs
    akhbar refine: building the search store
    akhbar refine: done: 1,500 records, 1,468 articles in 33.8 s
"""

from __future__ import annotations

import math
import time
from typing import Any, Self

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

#: Display names of the phases ``RunStats.report`` names.
PHASE_NAMES = {
    "planning": "planning",
    "first_pass": "furniture first pass",
    "refining": "refining",
    "writing": "writing outputs",
    "store": "building the search store",
    "done": "done",
}
#: Plain lines: none before this many seconds of a run, then one per phase change, quarter of the
#: records while refining, or this many seconds.
QUIET_SECONDS = 3.0
PLAIN_EVERY = 60.0


def _hms(s: float | None) -> str:
    if s is None or not math.isfinite(s) or s < 0 or s > 360_000:
        return "-:--:--"
    s = int(s + 0.5)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"


class RefineDisplay:
    """State of one run's display: ``status`` and ``progress`` are the callbacks to give
    ``refine_paths``; ``live`` (a ``rich`` Progress on ``console``) when ``console`` is a terminal,
    else plain lines on it."""

    def __init__(self, console: Console, *, live: bool | None = None, clock=time.perf_counter) -> None:
        self.console = console
        self.clock = clock
        self.live = console.is_terminal if live is None else live
        self.t0 = clock()
        self.phase = "planning"
        self.t_phase = self.t0
        #: start of the refining rate's clock: the last report of the phase with nothing computed yet
        self.t_rate = self.t0
        self.rep: dict[str, Any] = {}
        self.records = 0
        self.articles = 0
        self.last_plain = -1.0
        self.last_quarter = -1
        self.last_update = 0.0
        self.progress_bar: Progress | None = None
        self.task: Any = None

    # -- the callbacks --------------------------------------------------------------------------
    def status(self, rep: dict[str, Any]) -> None:
        phase = rep.get("phase", self.phase)
        self.rep = rep
        self.records = rep.get("records", self.records)
        self.articles = rep.get("articles", self.articles)
        changed = phase != self.phase
        if changed:
            self.phase = phase
            self.t_phase = self.clock()
        self._rate_clock()
        self._show(changed, force=True)

    def progress(self, records: int, articles: int) -> None:
        self.records, self.articles = records, articles
        self._rate_clock()
        now = self.clock()
        if now - self.last_update >= 0.1:
            self.last_update = now
            self._show(False)

    def _rate_clock(self) -> None:
        """Restart the rate's clock while nothing has been computed in this run (reused units merged)."""
        if self.phase != "refining" or self.records <= self.rep.get("records_resumed", 0):
            self.t_rate = self.clock()

    # -- what is shown --------------------------------------------------------------------------
    def figures(self) -> dict[str, Any]:
        """done, total, unit ("records" | "units"), reused, rate (pages/s computed in this run), eta
        (seconds) of the current phase; total/rate/eta None when not known."""
        r = self.rep
        el = max(self.clock() - self.t_phase, 1e-9)
        if self.phase == "first_pass":
            done, total = r.get("first_pass_units_done", 0), r.get("units_total") or None
            rate_u = done / el
            eta = (total - done) / rate_u if (total and rate_u) else None
            return {"done": done, "total": total, "unit": "units", "reused": 0, "rate": None, "eta": eta}
        if self.phase != "refining":
            return {"done": None, "total": None, "unit": "records", "reused": 0, "rate": None, "eta": None}
        reused = r.get("records_resumed", 0)
        computed = max(self.records - reused, 0)
        el_rate = self.clock() - self.t_rate
        rate = computed / el_rate if (computed and el_rate > 0) else None
        total = r.get("records_total")
        if total is not None:
            left = max(total - self.records - (r.get("records_resumed_total", 0) - reused), 0)
            eta = left / rate if rate else None
            return {"done": self.records, "total": max(total, self.records), "unit": "records", "reused": reused,
                    "rate": rate, "eta": eta}
        done_u, total_u = r.get("units_done", 0), r.get("units_total") or None
        computed_u = done_u - r.get("units_resumed", 0)
        eta = (total_u - done_u) / (computed_u / el_rate) if (total_u and computed_u > 0 and el_rate > 0) else None
        return {"done": done_u, "total": total_u, "unit": "units", "reused": r.get("units_resumed", 0),
                "rate": rate, "eta": eta, "records": self.records}

    def describe(self, with_eta: bool = True) -> str:
        """The figures of the current phase as text (without the phase name)."""
        f = self.figures()
        parts = []
        if f["done"] is not None:
            pct = f" ({100 * f['done'] / f['total']:.0f}%)" if (f["total"] and not self.live) else ""
            parts.append(f"{f['done']:,}/{f['total']:,} {f['unit']}{pct}" if f["total"] else f"{f['done']:,} {f['unit']}")
        if f["unit"] == "units" and f.get("records"):
            parts.append(f"{f['records']:,} records")
        if f["reused"]:
            parts.append(f"{f['reused']:,} reused")
        if f["rate"]:
            parts.append(f"{f['rate']:,.0f} pages/s" if f["rate"] >= 10 else f"{f['rate']:.1f} pages/s")
        if with_eta and f["total"] and f["eta"] is not None:
            parts.append(f"ETA {_hms(f['eta'])}")
        return " · ".join(parts)

    def _show(self, changed: bool, force: bool = False) -> None:
        if self.live:
            self._update_bar()
        else:
            self._plain(changed)

    def _update_bar(self) -> None:
        if self.progress_bar is None or self.task is None:
            return
        f = self.figures()
        total = f["total"]
        self.progress_bar.update(self.task, description=PHASE_NAMES.get(self.phase, self.phase),
                                 total=total, completed=(f["done"] or 0) if total else 0,
                                 figures=self.describe(), pct=f"{100 * f['done'] / total:3.0f}%" if total else "")

    def _plain(self, changed: bool) -> None:
        now = self.clock()
        if now - self.t0 < QUIET_SECONDS:
            return
        if self.phase == "done":
            if self.last_plain >= 0:
                r = self.rep
                self._line(f"done: {r.get('records', 0):,} records, {r.get('articles', 0):,} articles in "
                           f"{now - self.t0:.1f} s")
            return
        f = self.figures()
        quarter = int(4 * f["done"] / f["total"]) if (self.phase == "refining" and f["total"]) else -1
        if not (changed or self.last_plain < 0 or quarter > self.last_quarter or now - self.last_plain >= PLAIN_EVERY):
            return
        self.last_plain, self.last_quarter = now, quarter
        what = self.describe()
        self._line(PHASE_NAMES.get(self.phase, self.phase) + (f" {what}" if what else ""))

    def _line(self, text: str) -> None:
        self.console.print("akhbar refine: " + text, markup=False, highlight=False, soft_wrap=True)

    # -- the live bar ---------------------------------------------------------------------------
    def __enter__(self) -> Self:
        if self.live:
            self.progress_bar = Progress(
                SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[pct]}"),
                TextColumn("{task.fields[figures]}"), TimeElapsedColumn(),
                console=self.console, transient=True, refresh_per_second=8)
            self.progress_bar.start()
            self.task = self.progress_bar.add_task("planning", total=None, figures="", pct="")
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress_bar is not None:
            self.progress_bar.stop()
            self.progress_bar = None


def summary_table(res: Any) -> Table:
    """The table ``akhbar refine`` prints at the end, from a ``RunResult``: records, rejections by
    reason, articles by role, duplicates, wall seconds and pages per wall second (refine only;
    the search store's build seconds are their own row), work units when more than one."""
    t = Table(title=f"akhbar refine → {res.outdir}", show_header=True)
    t.add_column("what")
    t.add_column("count", justify="right")
    t.add_row("input records", f"{res.records:,}")
    t.add_row("records with articles", f"{res.pages_with_articles:,}")
    t.add_row("rejected", f"{res.rejected:,}")
    for k, v in res.reasons.items():
        t.add_row(f"  rejected: {k}", f"{v:,}")
    t.add_row("articles", f"{res.articles:,}")
    for k, v in res.roles.items():
        t.add_row(f"  role: {k}", f"{v:,}")
    t.add_row("exact / near duplicates", f"{res.duplicates:,} / {res.near_duplicates:,}")
    t.add_row("seconds (wall)", f"{res.seconds:.1f}")
    rate = res.records / res.seconds if res.seconds else None
    t.add_row("pages/s (wall)", "-" if rate is None else f"{rate:,.0f}" if rate >= 10 else f"{rate:.2g}")
    if res.store_seconds:
        t.add_row("search store seconds", f"{res.store_seconds:.1f}")
    pr = res.progress or {}
    if pr.get("units_total", 0) > 1 or pr.get("units_resumed"):
        t.add_row("work units (resumed)", f"{pr['units_total']:,} ({pr.get('units_resumed', 0):,})")
    if res.shards:
        t.add_row("shards", f"{len(res.shards):,}")
    return t
