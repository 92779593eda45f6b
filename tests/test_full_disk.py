"""A write error (a full disk) during ``akhbar refine``: one line on stderr, exit 1, and a state that
``--resume`` finishes byte-identical to an uninterrupted run, with no temporary file left (issue 18).

The write error is made with a file size limit (``RLIMIT_FSIZE``, ``SIGXFSZ`` ignored: writes past
it fail with ``EFBIG``, as they fail with ``ENOSPC`` on a full disk) at three points: the work
directory's first files, the Parquet outputs, and the search store.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_FSIZE semantics")


def _refine_cli(out: Path, *extra: str, limit: int | None = None) -> subprocess.CompletedProcess:
    def pre() -> None:
        if limit is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.run([sys.executable, "-m", "akhbar.cli", "refine", str(EXAMPLES), "-o", str(out), *extra],
                          check=False, preexec_fn=pre, env=env, capture_output=True, text=True, timeout=300)


def _data(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.suffix in (".parquet", ".jsonl")}


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("ref") / "out"
    r = _refine_cli(out)
    assert r.returncode == 0, r.stderr[-2000:]
    return out


@pytest.mark.parametrize("where", ["work", "outputs", "store"])
def test_write_error_then_resume(reference, tmp_path, where):
    limit = {"work": 1_000, "outputs": (reference / "articles.parquet").stat().st_size // 2,
             "store": (reference / "akhbar.sqlite").stat().st_size // 2}[where]
    out = tmp_path / "out"
    r = _refine_cli(out, limit=limit)
    assert r.returncode == 1, (r.returncode, r.stderr[-2000:])
    last = r.stderr.strip().splitlines()[-1]
    assert "Traceback" not in r.stderr and last.startswith(f"cannot write to {out}:"), r.stderr[-2000:]
    assert "--resume" in last
    if where == "store":
        assert "search store" in last
    assert not [p.name for p in out.iterdir() if p.name.startswith("akhbar.sqlite") or p.name == "index-error.txt"]
    r = _refine_cli(out, "--resume")
    assert r.returncode == 0, r.stderr[-2000:]
    assert _data(out) == _data(reference)
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in reference.iterdir())
    assert (out / "akhbar.sqlite").stat().st_size > 0
