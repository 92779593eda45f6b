"""The per-page CPU bound (``Settings.max_page_cpu_seconds``) holds inside pool workers and on Ray:
a page over it is rejected as "timeout" naming its stage, the run goes on and every record is
accounted for (issue 18)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from akhbar.run.local import RunOptions, refine_paths
from akhbar.stages.base import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("bound") / "in"
    d.mkdir()
    for f in ("01_crawler_page.txt", "02_wire_story.txt", "04_page.html"):
        shutil.copy(EXAMPLES / f, d / f)
    story = (EXAMPLES / "02_wire_story.txt").read_text(encoding="utf-8")
    # ~2 MB of news lines: about a CPU-second of stages, far over the 0.25 s bound below
    big = "\n".join(f"{line} {i}" for i in range(4000) for line in story.splitlines() if line.strip())
    (d / "big.txt").write_text(big, encoding="utf-8")
    return d


@pytest.mark.parametrize("executor", ["processes", pytest.param("ray", marks=pytest.mark.slow)])
def test_page_over_the_bound_is_a_timeout_in_workers(inputs, tmp_path, executor):
    if executor == "ray":
        pytest.importorskip("ray")
    out = tmp_path / "out"
    opts = RunOptions(executor=executor, workers=2, unit_records=1,
                      settings=Settings(max_page_cpu_seconds=0.25))
    refine_paths([inputs], out, opts)
    counts = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["counts"]
    rejected = [json.loads(x) for x in (out / "rejected.jsonl").read_text(encoding="utf-8").splitlines()]
    (big,) = [r for r in rejected if r["source"].endswith("big.txt")]
    assert big["reason"] == "timeout" and "stage" in big["message"], big
    assert counts["records"] == 4 == counts["records_with_articles"] + counts["rejected"]
