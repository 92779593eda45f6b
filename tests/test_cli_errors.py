"""The CLI as a new user meets it: every error one line with a non-zero exit and no traceback,
re-runs into an existing OUTDIR refused unless --overwrite (and then the store agrees with the
Parquet), Ctrl-C says how to resume, ``--help`` fits 80 columns (issue 17)."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

import akhbar
from akhbar.cli import app
from akhbar.run.local import WORK_DIR, OutdirInUse

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
COMMANDS = ["refine", "show", "stats", "stages", "index", "search", "serve", "stories", "entities"]


def _run(*args: str, **kw):
    return CliRunner().invoke(app, [str(a) for a in args], **kw)


def _one_line_error(r, code: int) -> str:
    """The error message of a failed command: exit ``code``, one line, no traceback."""
    assert r.exit_code == code, (r.exit_code, r.output, r.exception)
    assert isinstance(r.exception, SystemExit), r.exception  # not an uncaught exception
    msg = r.stderr.strip()
    assert msg and "\n" not in msg, r.stderr
    assert "Traceback" not in r.output
    return msg


@pytest.fixture(scope="module")
def outdir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("cli") / "out-with-a-long-directory-name-so-that-messages-pass-80-columns"
    r = _run("refine", EXAMPLES, "-o", out)
    assert r.exit_code == 0, r.output
    return out


@pytest.fixture()
def not_output(tmp_path) -> Path:
    d = tmp_path / "just-a-directory-that-is-not-a-refine-output-of-akhbar"
    d.mkdir()
    (d / "notes.txt").write_text("x", encoding="utf-8")
    return d


@pytest.mark.parametrize("cmd", [["stats"], ["show"], ["stories"], ["entities"], ["index"], ["serve"], ["search", "x"]])
def test_not_an_output_directory(cmd, not_output):
    args = [cmd[0], not_output, *cmd[1:]]
    msg = _one_line_error(_run(*args), 1)
    assert str(not_output) in msg


def test_serve_and_search_on_a_missing_store(tmp_path):
    missing = tmp_path / "nowhere" / "akhbar.sqlite"
    for args in (["serve", missing], ["search", missing, "x"]):
        msg = _one_line_error(_run(*args), 1)
        assert "no akhbar store" in msg and "akhbar index" in msg


def test_serve_on_a_bad_or_busy_port(outdir):
    import socket

    assert "0-65535" in _one_line_error(_run("serve", outdir, "--port", "99999"), 1)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        msg = _one_line_error(_run("serve", outdir, "--port", str(port)), 1)
        assert f"127.0.0.1:{port}" in msg


def test_search_on_an_interrupted_run_points_to_resume(tmp_path):
    d = tmp_path / "out"
    (d / ".akhbar-work").mkdir(parents=True)
    msg = _one_line_error(_run("search", d, "x"), 1)
    assert "interrupted run" in msg and "--resume" in msg


def test_search_query_starting_with_a_dash_hints_at_double_dash(outdir):
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-c", "from akhbar.cli import main; main()", "search", str(outdir),
                        '-"سعود الفيصل"'], capture_output=True, text=True, timeout=120, check=False)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    msg = r.stderr.strip()
    assert "\n" not in msg and "akhbar search OUTDIR -- '-word'" in msg


def test_refine_into_a_file_says_it_is_a_file(tmp_path):
    f = tmp_path / "afile"
    f.write_text("x", encoding="utf-8")
    msg = _one_line_error(_run("refine", EXAMPLES, "-o", f), 1)
    assert "is a file, not a directory" in msg and "File exists" not in msg


def test_search_bad_query_and_bad_date(outdir):
    assert "no word" in _one_line_error(_run("search", outdir, "!! ؟"), 2)
    assert "--from" in _one_line_error(_run("search", outdir, "x", "--from", "yesterday"), 2)


def test_show_a_rejected_record_says_why(outdir):
    rej = json.loads((outdir / "rejected.jsonl").read_text(encoding="utf-8").splitlines()[0])
    for rid in (rej["id"], rej["source"]):
        msg = _one_line_error(_run("show", outdir, "--id", rid), 1)
        assert "was rejected" in msg and rej["reason"] in msg


def test_show_marks_a_crawl_date_and_keeps_urls_whole(tmp_path):
    from akhbar.store.demo import demo_rows, write_demo_outdir

    arts, _ = demo_rows()
    url = "https://example.com/" + "%D9%85%D8%B5%D8%B1-" * 12
    row = {**arts[0], "published": None, "published_source": None, "crawl_date": "2015-07-23", "url": url}
    d = write_demo_outdir(tmp_path / "o", rows=[row])
    r = _run("show", d, "--id", row["id"])
    assert r.exit_code == 0, r.output
    assert "crawl date 2015-07-23, not a publication date" in r.output
    assert url in r.output  # one line, not hard-wrapped at 80 columns


def test_show_unknown_id_exits_1_and_arabic_stays_readable(outdir):
    msg = _one_line_error(_run("show", outdir, "--id", "مقال-غير-موجود"), 1)
    assert "مقال-غير-موجود" in msg and str(outdir) in msg


def test_index_prints_json(outdir):
    r = _run("index", outdir)
    assert r.exit_code == 0, r.output
    info = json.loads(r.stdout)
    assert info["articles_total"] >= 1 and info["added"] == 0


def test_refine_refuses_an_existing_output(outdir):
    before = {p.name: p.stat().st_mtime_ns for p in outdir.iterdir()}
    msg = _one_line_error(_run("refine", EXAMPLES, "-o", outdir), 1)
    assert "--overwrite" in msg
    assert {p.name: p.stat().st_mtime_ns for p in outdir.iterdir()} == before  # nothing touched
    assert "exclude" in _one_line_error(_run("refine", EXAMPLES, "-o", outdir, "--overwrite", "--resume"), 2)


def test_refine_refuses_an_interrupted_run(tmp_path):
    out = tmp_path / "out"
    (out / WORK_DIR).mkdir(parents=True)
    msg = _one_line_error(_run("refine", EXAMPLES, "-o", out), 1)
    assert "--resume" in msg and "--overwrite" in msg


def _store_ids(out: Path) -> set[str]:
    r = _run("search", out, "", "--json", "--limit", "1000")
    assert r.exit_code == 0, r.output
    hits = json.loads(r.stdout)["hits"]
    return {h["id"] for h in hits} | {c["id"] for h in hits for c in h["copies"]}


def _parquet_ids(out: Path) -> set[str]:
    import pyarrow.parquet as pq

    return set(pq.read_table(out / "articles.parquet", columns=["id"]).column("id").to_pylist())


def test_overwrite_leaves_a_store_that_agrees_with_the_parquet(tmp_path):
    out = tmp_path / "out"
    assert _run("refine", EXAMPLES, "-o", out).exit_code == 0
    first = _store_ids(out)
    one = min(EXAMPLES.glob("*.txt"))
    r = _run("refine", one, "-o", out, "--overwrite")
    assert r.exit_code == 0, r.output
    ids = _store_ids(out)
    assert ids and ids < first  # the first run's other articles are gone from the store
    assert ids == _parquet_ids(out)
    for i in ids:  # every id search returns, show finds
        assert _run("show", out, "--id", i).exit_code == 0


def test_api_overwrites_by_default_and_refuses_when_asked(tmp_path):
    out = tmp_path / "out"
    akhbar.refine([EXAMPLES], out, index=True)
    one = min(EXAMPLES.glob("*.txt"))
    akhbar.refine([one], out, index=True)  # the API's default: replace, store included
    assert _store_ids(out) == _parquet_ids(out)
    with pytest.raises(OutdirInUse) as e:
        akhbar.refine([EXAMPLES], out, overwrite=False)
    assert not e.value.interrupted and "articles.parquet" in e.value.found


def test_resume_of_a_finished_run_does_nothing(outdir):
    before = (outdir / "articles.parquet").stat().st_mtime_ns
    r = _run("refine", EXAMPLES, "-o", outdir, "--resume")
    assert r.exit_code == 0 and "nothing to resume" in r.output
    assert (outdir / "articles.parquet").stat().st_mtime_ns == before


def test_ctrl_c_says_how_to_resume(tmp_path, monkeypatch):
    from akhbar.run import merge

    out = tmp_path / "out dir"
    real_add = merge.Merger.add
    calls = {"n": 0}

    def add(self, r, progress):
        calls["n"] += 1
        if calls["n"] == 1:
            raise KeyboardInterrupt
        return real_add(self, r, progress)

    monkeypatch.setattr(merge.Merger, "add", add)
    r = _run("refine", EXAMPLES, "-o", out, "--no-dedup", "--workers", "1")
    msg = _one_line_error(r, 130)
    assert "interrupted" in msg and "--resume" in msg
    cmd = shlex.split(msg.split("finish it with: ", 1)[1])
    assert cmd[:2] == ["akhbar", "refine"] and "--no-dedup" in cmd and str(out) in cmd
    assert (out / WORK_DIR).is_dir()
    monkeypatch.setattr(merge.Merger, "add", real_add)
    r = _run(*cmd[1:])
    assert r.exit_code == 0, r.output
    assert (out / "articles.parquet").is_file() and not (out / WORK_DIR).exists()


@pytest.mark.parametrize("cmd", [[], *([c] for c in COMMANDS)])
def test_help_fits_80_columns(cmd):
    r = _run(*cmd, "--help", env={"COLUMNS": "80"})
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert max(len(x) for x in lines) <= 80, r.output
    assert "…" not in r.output, r.output  # no option name or command summary cut
    if cmd == ["search"]:
        for opt in ("--from", "--to", "--publisher", "--section", "--entity", "--limit", "--json"):
            line = next(x for x in lines if x.strip().startswith(opt))
            assert len(line.split()) > 2, line  # a help text after the option and its type


def test_entity_filter_on_a_run_without_entities_says_so(outdir: Path) -> None:
    # new-user trial: "--entity X" on a store without entities printed "no results" (exit 0)
    msg = _one_line_error(_run("search", outdir, "السعودية", "--entity", "السعودية"), 1)
    assert "--entities" in msg


def test_stats_on_an_interrupted_output_says_resume(tmp_path: Path) -> None:
    # new-user trial: the message named a Python exception (FileNotFoundError)
    (tmp_path / WORK_DIR).mkdir(parents=True)
    msg = _one_line_error(_run("stats", tmp_path), 1)
    assert "interrupted" in msg and "--resume" in msg and "Error" not in msg
    msg = _one_line_error(_run("stats", tmp_path / "missing"), 1)
    assert "no such directory" in msg


@pytest.mark.parametrize("argv", [["refine"], ["bogus"], ["refine", "--workers", "abc", "x", "-o", "y"],
                                  ["show"], ["search"], ["refine", "x", "-o", "y", "--no-such-option"],
                                  ["refine", "x", "-o", "y", "--limit", "-1"]])
def test_usage_errors_are_one_line(argv, monkeypatch, capsys):
    """click's three-line usage errors (usage, hint, error) become one line with exit status 2,
    as the installed ``akhbar`` entry point runs them (``app()`` with no arguments)."""
    import sys

    monkeypatch.setattr(sys, "argv", ["akhbar", *argv])
    with pytest.raises(SystemExit) as e:
        app()
    assert e.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err and "\n" not in err, err
    assert err.startswith("akhbar") and "--help" in err and "Traceback" not in err


def test_entry_point_runs_a_command_and_returns_its_status(monkeypatch, capsys):
    import sys

    monkeypatch.setattr(sys, "argv", ["akhbar", "stages"])
    with pytest.raises(SystemExit) as e:
        app()
    assert e.value.code in (0, None)
    assert "segment" in capsys.readouterr().out
