"""Faults of the process pool without ../shared: the workers end with their driver (kill -9), and the
temporary task folders of dead runs are removed, those of live ones kept (the full kill-and-resume
matrix is ``tests/test_kill_resume.py``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from akhbar.run.executors import TASKS_PREFIX, clean_stale_task_dirs

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


def _dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_clean_stale_task_dirs_removes_only_dead_owners(tmp_path):
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        dead = tmp_path / f"{TASKS_PREFIX}{_dead_pid()}-abc"
        alive = tmp_path / f"{TASKS_PREFIX}{live.pid}-abc"
        mine = tmp_path / f"{TASKS_PREFIX}{os.getpid()}-abc"
        legacy = tmp_path / f"{TASKS_PREFIX}x1y2z3"  # no owner pid in the name: not ours to judge
        other = tmp_path / "unrelated-123"
        for d in (dead, alive, mine, legacy, other):
            d.mkdir()
            (d / "task-0.pkl").write_bytes(b"x")
        assert clean_stale_task_dirs(str(tmp_path)) == [str(dead)]
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(d.name for d in (alive, mine, legacy, other))
    finally:
        live.kill()
        live.wait()


_CHILD = """
import json, sys
from akhbar.run.local import RunOptions, refine_paths
a = json.loads(sys.argv[1])
refine_paths(a["inputs"], a["out"], RunOptions(**a["opts"]))
"""


def _group(pgid: int) -> list[str]:
    found = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
                state, _ppid, pgrp = stat[stat.rindex(")") + 2:].split()[:3]
                if int(pgrp) == pgid and state != "Z":
                    found.append(d.name)
            except (OSError, ValueError):
                continue
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_end_with_their_driver(tmp_path):
    out, tmp = tmp_path / "out", tmp_path / "tmp"
    tmp.mkdir()
    opts = {"executor": "processes", "workers": 2, "unit_records": 1, "learn_furniture": False}
    arg = json.dumps({"inputs": [str(EXAMPLES)], "out": str(out), "opts": opts})
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "AKHBAR_TEST_KILL_AT": "stage1:1", "TMPDIR": str(tmp)}
    with open(tmp_path / "stderr.txt", "wb") as err:
        proc = subprocess.Popen([sys.executable, "-c", _CHILD, arg], cwd=REPO, env=env, start_new_session=True,
                                stdout=subprocess.DEVNULL, stderr=err)
    try:
        proc.wait(timeout=120)
    finally:
        if proc.returncode is None:
            os.killpg(proc.pid, 9)
    assert proc.returncode == -9, (tmp_path / "stderr.txt").read_text()
    end = time.monotonic() + 10
    while _group(proc.pid) and time.monotonic() < end:
        time.sleep(0.1)
    left = _group(proc.pid)
    if left:
        os.killpg(proc.pid, 9)
    assert not left, "pool processes outlived their driver"
    assert [p.name for p in tmp.iterdir() if p.name.startswith(TASKS_PREFIX)]  # left by the kill
    clean_stale_task_dirs(str(tmp))
    assert not [p.name for p in tmp.iterdir() if p.name.startswith(TASKS_PREFIX)]


_GIL_CHILD = """
import re, sys, time
from akhbar.run.executors import ProcessExecutor
if __name__ == "__main__":
    ex = ProcessExecutor("a" * 40 + "b", 2, re.match)  # each task: re.match(pattern, text)
    for _ in range(2):
        ex.submit("(a+)+$")  # catastrophic backtracking: minutes in C, holding the GIL
    print("submitted", flush=True)
    time.sleep(120)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG and /proc")
def test_workers_busy_in_c_end_with_their_driver(tmp_path):
    """A worker stuck in C code holding the GIL cannot run its watchdog thread; the kernel ends it
    (the fork server dies with the driver, the workers with the fork server)."""
    script = tmp_path / "child.py"
    script.write_text(_GIL_CHILD, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "TMPDIR": str(tmp_path)}
    with open(tmp_path / "stdout.txt", "wb") as out:
        proc = subprocess.Popen([sys.executable, str(script)], cwd=REPO, env=env, start_new_session=True,
                                stdout=out, stderr=subprocess.STDOUT)
    try:
        end = time.monotonic() + 60
        while b"submitted" not in (tmp_path / "stdout.txt").read_bytes():
            assert proc.poll() is None and time.monotonic() < end, (tmp_path / "stdout.txt").read_text()
            time.sleep(0.05)
        time.sleep(1.0)  # the workers are inside the regex
        assert len(_group(proc.pid)) >= 4  # driver, resource tracker, fork server, workers
        os.kill(proc.pid, 9)
        proc.wait()
        end = time.monotonic() + 10
        while _group(proc.pid) and time.monotonic() < end:
            time.sleep(0.1)
        assert not _group(proc.pid), "pool processes outlived their driver"
    finally:
        if _group(proc.pid):
            os.killpg(proc.pid, 9)
