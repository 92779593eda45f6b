"""Executors for stage 1: run ``run_unit`` over work units, in this process or in a process pool.

Every executor has the same small interface, driven by the parent's scheduling loop
(``akhbar.run.local``), which decides what to submit so that at most a bounded number of unit
results wait in memory:

- ``submit(unit)``: start a unit (returns at once, except for ``LocalExecutor``, which runs units
  when ``wait`` is called);
- ``wait() -> list[UnitResult]``: block until at least one submitted unit is done; results come in
  completion order (the parent reorders them);
- ``in_flight``: number of submitted units not yet returned by ``wait``;
- ``close()``: stop workers, dropping unfinished units.

The Ray executor (``akhbar.run.ray_exec.RayExecutor``) has the same interface.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing as mp
import os
import time
from collections import deque

from akhbar.run.units import WorkUnit
from akhbar.run.worker import UnitConfig, UnitResult, run_unit, run_unit_saved


class LocalExecutor:
    """Runs units one at a time in the calling process."""

    workers = 1

    def __init__(self, config: UnitConfig) -> None:
        self.config = config
        self._queue: deque[WorkUnit] = deque()

    @property
    def in_flight(self) -> int:
        return len(self._queue)

    def submit(self, unit: WorkUnit) -> None:
        self._queue.append(unit)

    def wait(self) -> list[UnitResult]:
        return [run_unit(self._queue.popleft(), self.config)] if self._queue else []

    def close(self) -> None:
        self._queue.clear()


_CONFIG: UnitConfig | None = None


def _init_worker(config: UnitConfig) -> None:
    global _CONFIG
    _CONFIG = config


def _ping() -> int:
    time.sleep(0.05)  # long enough for the pool to hand the other pings to other workers
    return os.getpid()


def _run(unit: WorkUnit) -> UnitResult:
    assert _CONFIG is not None
    return run_unit_saved(unit, _CONFIG)


class ProcessExecutor:
    """A pool of ``workers`` processes (``concurrent.futures.ProcessPoolExecutor``).

    Workers are forked from a fork server that has already imported the page stages, so they
    start in milliseconds, hold no state of the parent (no Arrow threads, no open writers) and
    receive the ``UnitConfig`` once. Each task is a whole work unit (``UNIT_RECORDS`` records),
    so one round trip carries hundreds of pages; with ``config.part_dir`` set, the worker saves its
    result there and returns a receipt, so the parent neither pickles it nor reads it from a pipe.
    """

    def __init__(self, config: UnitConfig, workers: int) -> None:
        if workers < 1:
            raise ValueError("workers must be >= 1")
        self.workers = workers
        method = "forkserver" if "forkserver" in mp.get_all_start_methods() and os.name != "nt" else "spawn"
        ctx = mp.get_context(method)
        if method == "forkserver":
            ctx.set_forkserver_preload(["akhbar.run.worker", "akhbar.page.pipeline", "akhbar.corpus.dedup"])
        t0 = time.perf_counter()
        self._pool = cf.ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                                            initargs=(config,))
        # start every worker now, so that start-up is measured here and not inside the first units
        cf.wait([self._pool.submit(_ping) for _ in range(workers)])
        self.startup_seconds = time.perf_counter() - t0
        self._futures: set[cf.Future] = set()

    @property
    def in_flight(self) -> int:
        return len(self._futures)

    def submit(self, unit: WorkUnit) -> None:
        self._futures.add(self._pool.submit(_run, unit))

    def wait(self) -> list[UnitResult]:
        if not self._futures:
            return []
        done, self._futures = cf.wait(self._futures, return_when=cf.FIRST_COMPLETED)
        return [f.result() for f in done]

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._futures = set()
