"""What a new user met in the first hour (a README-only trial): contradictory options refused in one
line, ``--workers N`` without an executor, ``--entities fast``, an empty input folder, a text field
of the wrong JSON type, a date given as a JSON number, the summary's rate on slow runs."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from akhbar.cli import app
from akhbar.cli_progress import summary_table
from akhbar.run.options import RunResult
from akhbar.sources.jsonfmt import record_from_obj

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _refine(*args: str):
    return CliRunner().invoke(app, ["refine", *args])


@pytest.mark.parametrize(("flags", "says"), [
    (["--no-dedup", "--drop-duplicates"], "--drop-duplicates needs duplicates marked"),
    (["--executor", "local", "--workers", "2"], "--workers 2 needs --executor processes or ray"),
])
def test_contradictory_options_are_refused_in_one_line(tmp_path, flags, says):
    r = _refine(str(EXAMPLES), "-o", str(tmp_path / "o"), *flags)
    assert r.exit_code == 2 and says in r.output and "Traceback" not in r.output
    assert not (tmp_path / "o").exists()


def test_workers_alone_runs_the_process_pool(tmp_path):
    out = tmp_path / "o"
    r = _refine(str(EXAMPLES), "-o", str(out), "--workers", "2", "--no-index")
    assert r.exit_code == 0, r.output
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert m["progress"]["executor"] == "processes"


def test_entities_fast_is_the_default_tagger_not_an_input(tmp_path):
    out = tmp_path / "o"
    r = _refine(str(EXAMPLES / "01_crawler_page.txt"), "-o", str(out), "--entities", "fast", "--no-index")
    assert r.exit_code == 0, r.output
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert m["settings"]["entities"] is True


def test_an_empty_input_folder_warns(tmp_path):
    (tmp_path / "empty").mkdir()
    r = _refine(str(tmp_path / "empty"), "-o", str(tmp_path / "o"), "--no-index")
    assert r.exit_code == 0
    assert "no input records found" in r.output


@pytest.mark.parametrize(("value", "kind"), [(12345, "a number"), ({"a": "نص"}, "an object"), (["x"], "an array")])
def test_a_text_field_of_another_type_is_named(value, kind):
    rej = record_from_obj({"text": value}, "r1", "f.jsonl:1")
    assert rej.reason == "bad_record" and rej.message == f"f.jsonl:1: text is {kind}, not a string"


@pytest.mark.parametrize(("value", "published"), [
    (20150721, "2015-07-21"),
    (1437436800, "2015-07-21T00:00:00+00:00"),
    (1437436800000, "2015-07-21T00:00:00+00:00"),
    ("2015-07-21", "2015-07-21"),
])
def test_a_date_given_as_a_number_is_read(value, published):
    rec = record_from_obj({"text": "نص", "date": value}, "r1", "f.jsonl:1")
    assert rec.meta["date"] == published


def test_a_date_number_that_is_no_date_is_dropped():
    assert "date" not in record_from_obj({"text": "نص", "date": -5}, "r1", "f").meta
    assert "date" not in record_from_obj({"text": "نص", "date": True}, "r1", "f").meta


def test_a_numeric_date_reaches_the_article(tmp_path):
    src = tmp_path / "d.jsonl"
    body = ("قال وزير الخارجية إن المملكة ترحب بالاتفاق الجديد بين الطرفين وتأمل أن يسهم في تحقيق "
            "الاستقرار في المنطقة خلال الفترة المقبلة.")
    src.write_text(json.dumps({"text": body, "date": 20150721}, ensure_ascii=False) + "\n", encoding="utf-8")
    r = _refine(str(src), "-o", str(tmp_path / "o"), "--no-index")
    assert r.exit_code == 0, r.output
    rows = pq.read_table(tmp_path / "o" / "articles.parquet", columns=["published"]).to_pylist()
    assert rows and rows[0]["published"].startswith("2015-07-21")


def test_summary_rate_below_one_page_per_second_is_not_zero():
    from rich.console import Console

    res = RunResult(outdir=Path("o"))
    res.records, res.seconds = 3, 12.0
    con = Console(width=80, record=True)
    con.print(summary_table(res))
    text = con.export_text()
    assert "pages/s (wall)" in text and "0.25" in text and "seconds (wall)" in text
