"""Ray executor for stage 1: each work unit is one Ray task running ``run_unit``.

Install with ``pip install 'akhbar[ray]'``. With no address (``--ray-address`` or the
``RAY_ADDRESS`` environment variable), a local Ray instance is started with ``workers`` CPUs and
a small object store, and shut down at the end of the run; with an address, the run joins that
cluster (``ray.init(address=...)``) and keeps up to ``workers`` tasks in flight, one CPU each.
Every node of a cluster must have akhbar installed (the same version), or the job must be
submitted with a runtime environment that installs it (see ``docs/scale.md``).

On a local instance the workers save their results in OUTDIR's work directory themselves and
return receipts; on a cluster they return whole results through the object store and the driver
saves them.

Why tasks over work units rather than Ray Data ``map_batches``: the units are already the right
granularity (hundreds of pages, each read by the task itself from a file and record range), the
parent needs results as soon as each unit finishes so that it can persist it for ``--resume``
and stream the corpus passes in input order, and it bounds how far ahead of the corpus passes
the workers may run. A Ray Data pipeline would need the same bookkeeping around it and adds
its own start-up and scheduling cost on a small machine.

Deduplication is different: it needs every signature before any result is known, so with
deduplication on, ``refine_paths`` runs it after stage 1 on Ray Data (``akhbar.run.ray_dedup``:
keyed shuffles of the signatures saved with the units) and stage 2 reads its per-unit results; the
driver then holds no LSH index.
"""

from __future__ import annotations

import os
import time
from typing import Any

from akhbar.run.units import WorkUnit
from akhbar.run.worker import UnitConfig, run_unit_saved

#: Object store of a local instance, in bytes: unit results are a few MiB and are fetched at once.
LOCAL_OBJECT_STORE_BYTES = 256 << 20


def _require_ray():
    try:
        import ray
    except ImportError as e:  # pragma: no cover - depends on the installation
        raise RuntimeError("the ray executor needs Ray: pip install 'akhbar[ray]'") from e
    return ray


class RayExecutor:
    """Runs units as Ray tasks (see module docstring). ``startup_seconds``: time to connect or start
    Ray and register the task. Raises ``RuntimeError`` when Ray is not installed."""

    def __init__(self, config: Any, workers: int, address: str | None = None, fn: Any = run_unit_saved) -> None:
        ray = _require_ray()
        t0 = time.perf_counter()
        self.workers = max(1, workers)
        self._ray = ray
        self._owns = False
        if not ray.is_initialized():
            address = address or os.environ.get("RAY_ADDRESS") or None
            if address:
                ray.init(address=address, log_to_driver=False)
            else:
                ray.init(num_cpus=self.workers, include_dashboard=False, log_to_driver=False,
                         object_store_memory=LOCAL_OBJECT_STORE_BYTES)
                self._owns = True
        self.local = self._owns
        self._refs: list = []
        self.switch(fn, config)
        self.startup_seconds = time.perf_counter() - t0

    def switch(self, fn: Any, config: Any) -> None:
        """Run ``fn(unit, config)`` for the units submitted from now on (``config`` put in the object store once)."""
        if not self.local and isinstance(config, UnitConfig) and config.part_dir is not None:
            import dataclasses

            config = dataclasses.replace(config, part_dir=None)  # other nodes cannot see OUTDIR: ship results
        self._task = self._ray.remote(num_cpus=1, max_retries=3)(fn)
        self._config = self._ray.put(config)

    @property
    def in_flight(self) -> int:
        return len(self._refs)

    def submit(self, unit: WorkUnit) -> None:
        self._refs.append(self._task.remote(unit, self._config))

    def wait(self) -> list[Any]:
        if not self._refs:
            return []
        ready, self._refs = self._ray.wait(self._refs, num_returns=1)
        return list(self._ray.get(ready))

    def close(self) -> None:
        for r in self._refs:
            try:
                self._ray.cancel(r, force=True)
            except Exception:  # noqa: S110 - already finished or gone
                pass
        self._refs = []
        if self._owns:
            self._ray.shutdown()
