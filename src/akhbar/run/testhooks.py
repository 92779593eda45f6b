"""A test hook (not an option for users): kill the driver at a precise point of a run.

``AKHBAR_TEST_KILL_AT=PHASE[:N]`` in the environment makes the driver's process send itself
``SIGKILL`` (what ``kill -9`` does: no cleanup, no ``finally``) the N-th time (default 1) it reaches
``PHASE``. The tests of kill and resume (``tests/test_kill_resume.py``) use it to stop a run where
they want, leaving its pool workers orphaned. Phases, in the order a run reaches them:

- ``planned``: the plan is saved in ``OUTDIR/.akhbar-work`` (nothing computed yet);
- ``furniture``: the first pass has counted N units (site furniture not learned yet);
- ``stage1``: stage 1 has saved N units;
- ``merge``: stage 2 (corpus passes, writers) has taken N units;
- ``manifest``: the data files and ``manifest.json`` are written; the store is not built;
- ``index``: inside the store build, after the articles are indexed (``akhbar.store.build_index``).

Unset (always, outside tests), ``kill_point`` costs one environment lookup.
"""

from __future__ import annotations

import os
import signal

ENV = "AKHBAR_TEST_KILL_AT"

_seen: dict[str, int] = {}


def kill_point(phase: str) -> None:
    """SIGKILL this process if ``AKHBAR_TEST_KILL_AT`` names ``phase`` and this is its N-th call."""
    want = os.environ.get(ENV)
    if not want:
        return
    name, _, n = want.partition(":")
    if name != phase:
        return
    _seen[phase] = _seen.get(phase, 0) + 1
    if _seen[phase] >= (int(n) if n else 1):
        os.kill(os.getpid(), signal.SIGKILL)
