"""--resume: kill -9 a run at several moments, resume it, and get the bytes of an uninterrupted run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

import pytest

from akhbar.run.local import WORK_DIR, RunOptions, refine_paths

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SHARED = REPO.parent / "shared"
UNIT = 8


def _inputs() -> list[Path]:
    ins = [EXAMPLES]
    ant = SHARED / "data" / "antcorpus-multisource" / "sample"
    if ant.is_dir():
        ins.append(ant)
    return ins


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file() and p.suffix in (".parquet", ".jsonl")}


def _opts(**kw) -> RunOptions:
    return RunOptions(unit_records=UNIT, shard_size=40, **kw)


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("ref")
    refine_paths(_inputs(), out, _opts())
    files = _files(out)
    assert any(n.startswith("articles-") for n in files)
    return files


_CHILD = """
import json, sys
from akhbar.run.local import RunOptions, refine_paths
a = json.loads(sys.argv[1])
refine_paths(a["inputs"], a["out"], RunOptions(**a["opts"]))
"""


def _spawn(out: Path, **kw) -> subprocess.Popen:
    opts = {k: v for k, v in asdict(_opts(**kw)).items() if k not in ("settings", "status")}
    arg = json.dumps({"inputs": [str(p) for p in _inputs()], "out": str(out), "opts": opts})
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.Popen([sys.executable, "-c", _CHILD, arg], cwd=REPO, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _kill_when(proc: subprocess.Popen, cond, timeout: float = 120) -> bool:
    """SIGKILL the child's whole process group as soon as ``cond()``; False if it ended first."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            return False
        if cond():
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return True
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    raise AssertionError("child did not reach the kill point in time")


def _parts(out: Path) -> int:
    d = out / WORK_DIR / "parts"
    return len([p for p in d.iterdir() if p.suffix == ".pkl"]) if d.is_dir() else 0


def _units(out: Path) -> int:
    try:
        return len(json.loads((out / WORK_DIR / "plan.json").read_text(encoding="utf-8"))["units"])
    except (OSError, ValueError):
        return 10**9


POINTS = {
    "planned": lambda out: (out / WORK_DIR / "plan.json").exists(),
    # the first pass (site furniture) is done and saved; stage 1 has not saved a unit yet
    "furniture-learned": lambda out: (out / WORK_DIR / "furniture.pkl").exists(),
    "first-unit": lambda out: _parts(out) >= 1,
    "half": lambda out: _parts(out) >= _units(out) // 2,
    "writing-outputs": lambda out: any(p.name.endswith(".parquet") for p in out.iterdir()),
}


@pytest.mark.parametrize("point,executor,resume_with", [
    ("planned", "processes", "local"),
    ("furniture-learned", "processes", "local"),
    ("first-unit", "local", "processes"),
    ("half", "processes", "processes"),
    ("writing-outputs", "local", "local"),
])
def test_kill9_then_resume_gives_identical_bytes(reference, tmp_path, point, executor, resume_with):
    out = tmp_path / "out"
    proc = _spawn(out, executor=executor, workers=2)
    killed = _kill_when(proc, lambda: out.is_dir() and POINTS[point](out))
    if len(_inputs()) > 1:  # 100+ records in 14+ units: every kill point is reached mid-run
        assert killed, point
    if not killed:
        assert proc.returncode == 0, proc.stderr.read().decode() if proc.stderr else ""
    parts_before = _parts(out)
    res = refine_paths(_inputs(), out, _opts(executor=resume_with, workers=2, resume=True))
    assert _files(out) == reference
    assert not (out / WORK_DIR).exists()
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    if killed and parts_before:
        assert res.progress["units_resumed"] == parts_before
        assert res.progress["units_computed"] == res.progress["units_total"] - parts_before
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert m["counts"]["records"] == sum(s["records"] for s in m["shards"])


class _Crash(Exception):
    pass


@pytest.mark.parametrize("at", [1, 45, 10**9])
def test_crash_inside_stage2_then_resume(reference, tmp_path, at):
    """A deterministic crash point: the progress callback raises after ``at`` records reached stage 2."""
    out = tmp_path / "out"

    def boom(n: int, _arts: int) -> None:
        if n == at:
            raise _Crash

    try:
        refine_paths(_inputs(), out, _opts(), progress=boom)
    except _Crash:
        assert (out / WORK_DIR / "plan.json").exists()
    # debris a kill -9 can leave: a half-written part and half-written outputs
    parts = out / WORK_DIR / "parts"
    if parts.is_dir():
        (parts / "u-000001.pkl.tmp").write_bytes(b"\x80\x05garbage")
        (out / "articles-00000.parquet.tmp").write_bytes(b"PAR1")
    res = refine_paths(_inputs(), out, _opts(resume=True))
    assert _files(out) == reference
    assert res.records == json.loads((out / "manifest.json").read_text(encoding="utf-8"))["counts"]["records"]


def test_resume_refuses_other_options(tmp_path):
    out = tmp_path / "out"
    with pytest.raises(_Crash):
        refine_paths([EXAMPLES], out, RunOptions(unit_records=1), progress=lambda n, a: (_ for _ in ()).throw(_Crash()))
    with pytest.raises(ValueError, match="dedup"):
        refine_paths([EXAMPLES], out, RunOptions(unit_records=1, dedup=False, resume=True))
    # without resume the old work is discarded and the run starts over
    res = refine_paths([EXAMPLES], out, RunOptions(unit_records=1, dedup=False))
    assert res.progress["units_resumed"] == 0


def test_resume_of_a_finished_run_is_a_fresh_identical_run(reference, tmp_path):
    out = tmp_path / "out"
    refine_paths(_inputs(), out, _opts())
    res = refine_paths(_inputs(), out, _opts(resume=True))
    assert _files(out) == reference and res.progress["units_resumed"] == 0
