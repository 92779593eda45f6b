"""`akhbar refine` scale-out options: --executor/--workers, --shard-size, --resume (exit codes, files)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
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


def test_progress_plain_lines_when_stderr_is_not_a_terminal(tmp_path, monkeypatch):
    """Not a terminal (CliRunner, CI, pipes): a few plain lines on standard error, no live bar, no
    escape codes; one per phase (a short run past QUIET_SECONDS, set to 0 here), then a done line."""
    from akhbar import cli_progress

    monkeypatch.setattr(cli_progress, "QUIET_SECONDS", 0.0)
    out = tmp_path / "out"
    r = CliRunner().invoke(app, ["refine", str(EXAMPLES), "-o", str(out)])
    assert r.exit_code == 0, r.output
    lines = r.stderr.splitlines()
    assert lines and all(x.startswith("akhbar refine: ") for x in lines), r.stderr
    assert "\x1b" not in r.stderr and "\r" not in r.stderr
    text = "\n".join(lines)
    for phase in ("planning", "furniture first pass", "refining", "writing outputs", "building the search store"):
        assert f"akhbar refine: {phase}" in text, text
    assert "units" in text  # examples/ holds text files: the plan knows units, not records
    assert lines[-1].startswith("akhbar refine: done: 7 records, 6 articles in "), lines[-1]
    assert len(lines) <= 12, text
    assert "akhbar refine" in r.stdout  # the result table still goes to standard output


def test_progress_quiet_on_a_short_run(tmp_path, monkeypatch):
    """Nothing on standard error during a run's first QUIET_SECONDS (a long value here, so that a
    slow machine does not matter): a short run prints only its result."""
    from akhbar import cli_progress

    monkeypatch.setattr(cli_progress, "QUIET_SECONDS", 1e9)
    r = CliRunner().invoke(app, ["refine", str(EXAMPLES), "-o", str(tmp_path / "out"), "--no-index"])
    assert r.exit_code == 0, r.output
    assert r.stderr == ""


def test_progress_bar_figures_and_reused_units():
    """The live bar's figures: done/total records, %, rate of the pages computed in this run (reused
    units of a resume are shown apart and kept out of the rate), ETA; phases without a total pulse."""
    import io

    from rich.console import Console

    from akhbar.cli_progress import RefineDisplay

    now = [100.0]
    buf = io.StringIO()
    con = Console(file=buf, force_terminal=True, width=160, color_system=None)
    with RefineDisplay(con, clock=lambda: now[0]) as d:
        assert d.live
        d.status({"phase": "planning", "records": 0})
        assert d.figures()["total"] is None
        base = {"units_done": 4, "units_total": 10, "units_resumed": 4, "records_total": 1000,
                "records_resumed_total": 400}
        d.status({**base, "phase": "refining", "records": 0, "records_resumed": 0})
        d.status({**base, "phase": "refining", "records": 400, "records_resumed": 400})  # replayed at once
        now[0] += 10.0
        d.progress(600, 550)  # 200 pages computed in 10 s
        f = d.figures()
        assert (f["done"], f["total"], f["reused"]) == (600, 1000, 400)
        assert f["rate"] == pytest.approx(20.0) and f["eta"] == pytest.approx(20.0)
        d.progress_bar.refresh()
        shown = buf.getvalue()
        assert "refining" in shown and "600/1,000 records" in shown and "400 reused" in shown
        assert "20 pages/s" in shown and "ETA 0:00:20" in shown and "60%" in shown
        d.status({"phase": "store", "records": 1000})
        d.progress_bar.refresh()
        assert "building the search store" in buf.getvalue()


def test_summary_shows_store_seconds_apart(tmp_path):
    """The summary's seconds and pages/s cover the refine; the search store's build time is its own row."""
    out = tmp_path / "out"
    r = CliRunner().invoke(app, ["refine", str(EXAMPLES), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "search store seconds" in r.output
    r = CliRunner().invoke(app, ["refine", str(EXAMPLES), "-o", str(tmp_path / "o2"), "--no-index"])
    assert r.exit_code == 0 and "search store seconds" not in r.output


def test_no_mentioned_dates_flag_reaches_the_pages(tmp_path):
    import pyarrow.parquet as pq

    def mentioned(*flags):
        out = tmp_path / ("o" + "".join(flags))
        r = CliRunner().invoke(app, ["refine", str(EXAMPLES), "-o", str(out), "--no-index", *flags])
        assert r.exit_code == 0, r.output
        m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        rows = pq.read_table(out / "articles.parquet", columns=["mentioned_dates"]).to_pylist()
        return m["settings"]["mentioned_dates"], sum(len(r["mentioned_dates"] or []) for r in rows)

    on, n_on = mentioned()
    off, n_off = mentioned("--no-mentioned-dates")
    assert on is True and off is False
    assert n_on > 0 and n_off == 0
