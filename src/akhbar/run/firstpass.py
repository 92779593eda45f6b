"""The first pass of a run: learn the site furniture before stage 1.

On by default (``RunOptions.learn_furniture``; skipped for standard input and when the settings
already hold a furniture table): the workers hash the lines of each text page of each unit
(``akhbar.run.worker.furniture_unit``), this process counts them in input order
(``RepeatedLines.observe_keys``) and freezes the site furniture table, saved as
``OUTDIR/.akhbar-work/furniture.pkl`` for a resume. The pass runs on the run's executor, which
then stays up and switches to stage 1 (``executor.switch``), so the workers start once.
"""

from __future__ import annotations

import dataclasses
import time
from collections import deque
from collections.abc import Callable
from typing import Any, NamedTuple

from akhbar.pipeline import Settings
from akhbar.run.executors import make_executor
from akhbar.run.options import RunOptions
from akhbar.run.testhooks import kill_point
from akhbar.run.units import WorkUnit
from akhbar.run.workdir import WorkDir


class FirstPass(NamedTuple):
    """What the first pass leaves for stage 1."""

    #: the run's settings, with the learned (or resumed) furniture table when the pass ran
    settings: Settings
    #: the executor started for the pass, still up (None when no pass ran)
    executor: Any
    #: what starting that executor cost
    startup_seconds: float
    #: seconds of the pass, executor start-up left out
    seconds: float


def first_pass(opts: RunOptions, units: list[WorkUnit], window: int, ahead: int,
               step: Callable[[int], None] | None = None) -> tuple[Any, Any]:
    """Learn site furniture: ``worker.furniture_unit`` on every unit (in parallel on the executor), the
    hashed lines counted here in input order (``RepeatedLines.observe_keys``), so the result is the
    same whatever the executor. Stops after ``opts.limit`` records. ``step(k)`` is called after the
    ``k``-th unit is counted. Returns ``(frozen RepeatedLines,
    executor)``: the executor stays up for stage 1."""
    from akhbar.corpus.repeated import RepeatedLines
    from akhbar.run.worker import furniture_unit

    limit = opts.limit
    learner = RepeatedLines(max_entries=200_000)  # lossy counting keeps the first pass near 20 MB a site
    executor = make_executor(opts, furniture_unit, learner)
    try:
        order = [u.index for u in units]
        todo = deque(units)
        pos = {i: k for k, i in enumerate(order)}
        buffer: dict[int, Any] = {}
        k = seen = 0
        if step is not None:
            step(0)
        while k < len(order) and (limit is None or seen < limit):
            while todo and executor.in_flight < window and pos[todo[0].index] < k + ahead:
                executor.submit(todo.popleft())
            for r in executor.wait():
                buffer[r.index] = r
            while k < len(order) and order[k] in buffer:
                for entry in buffer.pop(order[k]).pages:
                    if limit is not None and seen >= limit:
                        break
                    seen += 1
                    if entry is not None:
                        learner.observe_keys(*entry)
                k += 1
                kill_point("furniture")
                if step is not None:
                    step(k)
        while executor.in_flight:  # a limit reached early: let the units in flight finish before the switch
            executor.wait()
    except BaseException:
        executor.close()
        raise
    learner.freeze()
    return learner, executor


def furniture_settings(opts: RunOptions, files: list, work: WorkDir, units: list[WorkUnit], window: int,
                       ahead: int, step: Callable[[int], None] | None = None) -> FirstPass:
    """Run the first pass when ``opts`` asks for it (or, on a resume, reuse the saved table) and
    return the settings for stage 1 with the furniture table in them (``step``: see ``first_pass``)."""
    settings = opts.settings
    learn = opts.learn_furniture and settings.furniture is None and "-" not in files
    furniture = work.load_furniture() if (learn and opts.resume) else None
    executor: Any = None
    startup = 0.0
    t_learn = 0.0
    if learn:
        t0 = time.perf_counter()
        if furniture is None:
            furniture, executor = first_pass(opts, units, window, ahead, step)
            startup += executor.startup_seconds
            work.save_furniture(furniture)
        settings = dataclasses.replace(settings, furniture=furniture)
        t_learn = time.perf_counter() - t0 - startup
    return FirstPass(settings, executor, startup, t_learn)
