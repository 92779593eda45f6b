"""kill -9 of the driver of a multi-process run at precise points (the ``AKHBAR_TEST_KILL_AT`` test
hook, ``akhbar.run.testhooks``), then ``resume``:

- no process of the killed run (pool workers, fork server, resource tracker) is alive 10 s later,
  and no unit is saved after the driver died;
- the resumed run's data files are byte-identical to an uninterrupted run (nothing lost or
  doubled), it reuses every unit saved before the kill, and it leaves no work directory, no
  temporary file and no temporary task folder (``akhbar-tasks-*``);
- a kill while the search store is built: the resume computes no unit again and the store holds
  one complete run row.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

import pytest

from akhbar.run.executors import TASKS_PREFIX
from akhbar.run.local import WORK_DIR, RunOptions, refine_paths

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SHARED = REPO.parent / "shared"
ANT = SHARED / "data" / "antcorpus-multisource" / "sample"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc"),
    pytest.mark.skipif(not ANT.is_dir(), reason="needs ../shared (100+ records, so every kill point is mid-run)"),
]

UNIT = 8
INPUTS = [EXAMPLES, ANT]


def _opts(**kw) -> RunOptions:
    return RunOptions(unit_records=UNIT, shard_size=40, **kw)


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file() and p.suffix in (".parquet", ".jsonl")}


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("ref")
    refine_paths(INPUTS, out, _opts())
    files = _files(out)
    assert any(n.startswith("lines-") for n in files) and any(n.startswith("rejected-") for n in files)
    return files


_CHILD = """
import json, sys
from akhbar.run.local import RunOptions, refine_paths
a = json.loads(sys.argv[1])
refine_paths(a["inputs"], a["out"], RunOptions(**a["opts"]))
"""


def _run_killed(out: Path, tmp: Path, kill_at: str, **kw) -> int:
    """Run a processes x 2 refine in a child (own session, private TMPDIR) that kills itself with
    SIGKILL at ``kill_at``; return its pid (= its process group)."""
    opts = {k: v for k, v in asdict(_opts(executor="processes", workers=2, **kw)).items()
            if k not in ("settings", "status")}
    arg = json.dumps({"inputs": [str(p) for p in INPUTS], "out": str(out), "opts": opts})
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "AKHBAR_TEST_KILL_AT": kill_at, "TMPDIR": str(tmp)}
    err = tmp / "stderr.txt"  # a file, not a pipe: orphans holding a pipe would hide whether they end
    with open(err, "wb") as ef:
        proc = subprocess.Popen([sys.executable, "-c", _CHILD, arg], cwd=REPO, env=env, start_new_session=True,
                                stdout=subprocess.DEVNULL, stderr=ef)
    try:
        proc.wait(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        raise
    assert proc.returncode == -9, f"{kill_at}: exit {proc.returncode}, the kill point was not reached\n{err.read_text()}"
    return proc.pid


def _alive(pgid: int) -> list[str]:
    """Command lines of the live (not zombie) processes of process group ``pgid``."""
    found = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
            state, _ppid, pgrp = stat[stat.rindex(")") + 2:].split()[:3]
            if int(pgrp) == pgid and state != "Z":
                found.append((d / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")[:120])
        except (OSError, ValueError):
            continue
    return found


def _parts(out: Path) -> set[str]:
    d = out / WORK_DIR / "parts"
    return {p.name for p in d.iterdir() if p.suffix == ".pkl"} if d.is_dir() else set()


def _task_dirs(tmp: Path) -> list[str]:
    return [p.name for p in tmp.iterdir() if p.name.startswith(TASKS_PREFIX)]


@pytest.mark.parametrize("kill_at,resume_with", [
    ("planned", "local"),          # start: plan saved, nothing computed
    ("furniture:2", "local"),      # during the first pass (site furniture not learned yet)
    ("stage1:3", "processes"),     # during stage 1, other units in flight in the pool
    ("merge:9", "local"),          # during the corpus pass and writing (some shards written)
    ("index", "local"),            # during the store build, every unit saved
])
def test_kill9_driver_then_resume(reference, tmp_path, monkeypatch, kill_at, resume_with):
    out, tmp = tmp_path / "out", tmp_path / "tmp"
    tmp.mkdir()
    index = kill_at == "index"
    pgid = _run_killed(out, tmp, kill_at, index=index)
    parts = _parts(out)

    # the pool ends with its driver: nothing alive 10 s later, no unit saved after the kill
    end = time.monotonic() + 10
    while _alive(pgid) and time.monotonic() < end:
        time.sleep(0.1)
    left = _alive(pgid)
    if left:
        os.killpg(pgid, 9)
    assert not left, left
    assert _parts(out) == parts
    if kill_at not in ("planned", "index"):  # (the pool is closed before the store is built)
        assert _task_dirs(tmp)  # what the killed pool could not remove
    if kill_at.startswith("merge"):
        assert (out / "articles-00000.parquet").exists()  # killed while writing the outputs
    if index:
        assert (out / "manifest.json").exists() and (out / WORK_DIR).is_dir()
        # a new store is built in one transaction under a temporary name (akhbar.store.bulk): a kill
        # leaves a throwaway file, never a half-built store under the store's name
        assert not (out / "akhbar.sqlite").exists() and (out / "akhbar.sqlite.tmp").exists()

    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    res = refine_paths(INPUTS, out, _opts(executor=resume_with, workers=2, resume=True, index=index))
    assert _files(out) == reference
    assert res.progress["units_resumed"] == len(parts)
    assert res.progress["units_computed"] == res.progress["units_total"] - len(parts)
    if index:
        assert res.progress["units_computed"] == 0
    assert not (out / WORK_DIR).exists()
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]
    assert not _task_dirs(tmp)
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert m["counts"]["records"] == res.records == sum(s["records"] for s in m["shards"])
    if index:
        with sqlite3.connect(out / "akhbar.sqlite") as con:
            runs = con.execute("SELECT added, skipped FROM runs").fetchall()
        assert runs == [(res.articles, 0)]
