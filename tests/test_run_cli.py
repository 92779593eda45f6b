"""`akhbar refine` scale-out options: --executor/--workers, --shard-size, --resume (exit codes, files)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from akhbar.cli import app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_sharded_parallel_refine(tmp_path):
    out = tmp_path / "out"
    r = CliRunner().invoke(app, ["refine", str(EXAMPLES), "-o", str(out), "--executor", "processes",
                                 "--workers", "2", "--shard-size", "3", "--no-index"])
    assert r.exit_code == 0, r.output
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [s["shard"] for s in m["shards"]] == [0, 1, 2]
    assert sum(s["records"] for s in m["shards"]) == m["counts"]["records"] == 7
    for f in m["outputs"]:
        assert (out / f).is_file()
    assert not (out / "articles.parquet").exists()
    assert m["progress"]["executor"] == "processes" and m["progress"]["units_done"] == m["progress"]["units_total"]


def test_resume_with_other_options_exits_1(tmp_path):
    out = tmp_path / "out"
    work = out / ".akhbar-work"
    work.mkdir(parents=True)
    (work / "plan.json").write_text(json.dumps({"fingerprint": {"dedup": False}, "units": []}), encoding="utf-8")
    r = CliRunner().invoke(app, ["refine", str(EXAMPLES), "-o", str(out), "--resume", "--no-index"])
    assert r.exit_code == 1
    assert "resume" in r.output


def test_resume_flag_on_fresh_outdir_runs(tmp_path):
    out = tmp_path / "out"
    r = CliRunner().invoke(app, ["refine", str(EXAMPLES), "-o", str(out), "--resume", "--no-index"])
    assert r.exit_code == 0, r.output
    assert (out / "articles.parquet").is_file() and not (out / ".akhbar-work").exists()
