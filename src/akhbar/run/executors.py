"""Executors for stage 1: run ``run_unit`` over work units, in this process or in a process pool.

Every executor has the same small interface, driven by the parent's scheduling loop
(``akhbar.run.local``), which decides what to submit so that at most a bounded number of unit
results wait in memory:

- ``submit(unit)``: start a unit (returns at once, except for ``LocalExecutor``, which runs units
  when ``wait`` is called);
- ``wait() -> list[UnitResult]``: block until at least one submitted unit is done; results come in
  completion order (the parent reorders them);
- ``in_flight``: number of submitted units not yet returned by ``wait``;
- ``close()``: stop workers, dropping unfinished units;
- ``switch(fn, config)``: run ``fn(unit, config)`` for the units submitted from now on (the first
  pass that learns site furniture runs ``worker.furniture_unit`` on the same executor, then switches
  to ``run_unit``, whose config holds what the first pass learned). Call it with nothing in flight.

The Ray executor (``akhbar.run.ray_exec.RayExecutor``) has the same interface; ``make_executor``
starts the one a run's options ask for.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing as mp
import os
import pickle
import shutil
import signal
import tempfile
import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from akhbar.run.units import WorkUnit
from akhbar.run.worker import run_unit, run_unit_saved

if TYPE_CHECKING:
    from akhbar.run.options import RunOptions

#: A task: ``fn(unit, config) -> result``; a module-level function (pickled by reference).
TaskFn = Callable[[WorkUnit, Any], Any]


class LocalExecutor:
    """Runs units one at a time in the calling process (``fn`` default: ``run_unit``)."""

    workers = 1

    def __init__(self, config: Any, fn: TaskFn = run_unit) -> None:
        self.config = config
        self.fn = fn
        self._queue: deque[WorkUnit] = deque()
        self.startup_seconds = 0.0

    def switch(self, fn: TaskFn, config: Any) -> None:
        self.fn, self.config = fn, config

    @property
    def in_flight(self) -> int:
        return len(self._queue)

    def submit(self, unit: WorkUnit) -> None:
        self._queue.append(unit)

    def wait(self) -> list[Any]:
        return [self.fn(self._queue.popleft(), self.config)] if self._queue else []

    def close(self) -> None:
        self._queue.clear()


_CONFIG: Any = None
_FN: TaskFn | None = None
_GEN = -1


def _ping() -> int:
    time.sleep(0.05)  # long enough for the pool to hand the other pings to other workers
    return os.getpid()


def _run(unit: WorkUnit, gen: int, path: str) -> Any:
    """Run one unit with the task of generation ``gen``, loading ``(fn, config)`` from ``path`` the first
    time this worker sees that generation."""
    global _CONFIG, _FN, _GEN
    if gen != _GEN:
        with open(path, "rb") as f:
            _FN, _CONFIG = pickle.load(f)
        _GEN = gen
    assert _FN is not None
    return _FN(unit, _CONFIG)


#: Prefix of the private temporary folder of a process pool (``akhbar-tasks-<owner pid>-XXXX`` in the
#: system temporary folder), which holds the pickled task of each ``switch``.
TASKS_PREFIX = "akhbar-tasks-"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: some other user's process holds that pid
        return True
    return True


def clean_stale_task_dirs(tmp: str | None = None) -> list[str]:
    """Remove the temporary task folders (``akhbar-tasks-<pid>-*``) of pools whose owner process is
    gone (a run killed with ``kill -9`` cannot remove its own); those of live processes, and folders
    without an owner pid in their name, are left alone. Returns the paths removed."""
    tmp = tmp or tempfile.gettempdir()
    gone = []
    try:
        names = os.listdir(tmp)
    except OSError:
        return gone
    for n in names:
        if not n.startswith(TASKS_PREFIX):
            continue
        pid = n[len(TASKS_PREFIX):].split("-", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid() or _pid_alive(int(pid)):
            continue
        path = os.path.join(tmp, n)
        shutil.rmtree(path, ignore_errors=True)
        if not os.path.exists(path):
            gone.append(path)
    return gone


def _parent_watch(parent_pid: int) -> Callable[[], bool]:
    """A check ``alive() -> bool`` of this worker's parent (the process that owns the pool), and a
    watchdog that ends this worker at once when the parent dies (``kill -9`` included).

    The watchdog is a daemon thread blocked on the parent's sentinel (a pipe whose write end only
    the parent holds, ``multiprocessing.parent_process().sentinel``: readable at end of file when the
    parent is gone), so it costs no CPU while the parent lives. Without a sentinel it polls
    ``os.getppid()`` and the parent's pid every second. On Linux the worker also asks the kernel for
    SIGKILL when the process that forked it dies (``PR_SET_PDEATHSIG``): with the fork server that
    process is the server, which asks the same of the driver (``akhbar.run.forkserver_guard``), so a
    worker stuck in C code holding the GIL ends too."""
    import threading

    from akhbar.run.forkserver_guard import set_pdeathsig

    set_pdeathsig()
    parent = mp.parent_process()
    sentinel = getattr(parent, "sentinel", None) if parent is not None else None
    if sentinel is not None:
        from multiprocessing.connection import wait as mp_wait

        def alive() -> bool:
            return not mp_wait([sentinel], timeout=0)

        def watch() -> None:
            mp_wait([sentinel])
            os._exit(1)
    else:
        ppid0 = os.getppid()

        def alive() -> bool:
            return os.getppid() == ppid0 and _pid_alive(parent_pid)

        def watch() -> None:
            while alive():
                time.sleep(1.0)
            os._exit(1)

    threading.Thread(target=watch, name="akhbar-parent-watch", daemon=True).start()
    return alive


def _init_worker(parent_pid: int) -> None:
    """Pool worker initializer: Ctrl-C is the parent's to handle (SIGINT goes to the whole process
    group; no traceback from every worker), and the worker ends when its parent dies and never saves
    a unit after that (``_parent_watch``, ``worker.set_parent_check``)."""
    from akhbar.run import worker

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    worker.set_parent_check(_parent_watch(parent_pid))


class ProcessExecutor:
    """A pool of ``workers`` processes (``concurrent.futures.ProcessPoolExecutor``).

    Workers are forked from a fork server that has already imported the page stages, so they
    start in milliseconds and hold no state of the parent (no Arrow threads, no open writers).
    The task function and its config (the ``UnitConfig``, with the learned furniture) are pickled
    once per ``switch`` to a private temporary file that each worker loads once, so switching from
    the first pass to stage 1 keeps the same workers. Each task is a whole work unit
    (``UNIT_RECORDS`` records), so one round trip carries hundreds of pages; with
    ``config.part_dir`` set, the worker saves its result there and returns a receipt, so the parent
    neither pickles it nor reads it from a pipe.

    Faults: each worker ends when this process dies (``kill -9`` included) and never saves a part
    after that (``_init_worker``); the fork server then ends by itself. The temporary folder is
    named after this process (``akhbar-tasks-<pid>-*``), so a later run can remove it once this
    process is gone (``clean_stale_task_dirs``, called here and at the start of every run).
    """

    def __init__(self, config: Any, workers: int, fn: TaskFn = run_unit_saved) -> None:
        if workers < 1:
            raise ValueError("workers must be >= 1")
        self.workers = workers
        method = "forkserver" if "forkserver" in mp.get_all_start_methods() and os.name != "nt" else "spawn"
        ctx = mp.get_context(method)
        if method == "forkserver":
            ctx.set_forkserver_preload(["akhbar.run.forkserver_guard", "akhbar.run.worker", "akhbar.pipeline", "akhbar.corpus.dedup"])
        self._futures: set[cf.Future] = set()
        clean_stale_task_dirs()
        self._dir = tempfile.mkdtemp(prefix=f"{TASKS_PREFIX}{os.getpid()}-")
        self._gen = -1
        self._path = ""
        t0 = time.perf_counter()
        self.switch(fn, config)
        # workers ignore Ctrl-C (SIGINT goes to the whole process group): the parent stops the run;
        # they end when the parent dies (kill -9 included), and the fork server then ends too (it
        # lives while the parent or one of its workers holds its "alive" pipe)
        self._pool = cf.ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx, initializer=_init_worker,
                                            initargs=(os.getpid(),))
        # start every worker now, so that start-up is measured here and not inside the first units
        cf.wait([self._pool.submit(_ping) for _ in range(self.workers)])
        self.startup_seconds = time.perf_counter() - t0

    def switch(self, fn: TaskFn, config: Any) -> None:
        """Run ``fn(unit, config)`` for the units submitted from now on (call with nothing in flight)."""
        self._gen += 1
        self._path = os.path.join(self._dir, f"task-{self._gen}.pkl")
        with open(self._path, "wb") as f:
            pickle.dump((fn, config), f, protocol=5)

    @property
    def in_flight(self) -> int:
        return len(self._futures)

    def submit(self, unit: WorkUnit) -> None:
        self._futures.add(self._pool.submit(_run, unit, self._gen, self._path))

    def wait(self) -> list[Any]:
        if not self._futures:
            return []
        done, self._futures = cf.wait(self._futures, return_when=cf.FIRST_COMPLETED)
        return [f.result() for f in done]

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._futures = set()
        shutil.rmtree(self._dir, ignore_errors=True)


def make_executor(opts: RunOptions, fn: Any, config: Any) -> Any:
    """The executor of ``opts`` running ``fn(unit, config)``; ``startup_seconds`` says what starting it cost."""
    if opts.executor == "local":
        return LocalExecutor(config, fn)
    if opts.executor == "processes":
        return ProcessExecutor(config, opts.workers, fn)
    if opts.executor == "ray":
        from akhbar.run.ray_exec import RayExecutor

        return RayExecutor(config, opts.workers, opts.ray_address, fn)
    raise ValueError(f"unknown executor {opts.executor!r}: use local, processes or ray")
