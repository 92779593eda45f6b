"""Parquet reader: html / text / content columns, optional id/url/date columns, bad rows and files."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from akhbar.model import RawRecord, Rejection
from akhbar.sources import parquet as pqsrc
from akhbar.sources.parquet import iter_parquet

HTML = "<html><body><h1>عنوان</h1><p>نص الخبر</p></body></html>"


def test_html_column_with_metadata(tmp_path: Path) -> None:
    p = tmp_path / "pages.parquet"
    pq.write_table(pa.table({
        "id": ["a1", None, "a3"],
        "URL": ["https://x.com/1", "https://x.com/2", None],
        "html": [HTML, "", HTML.encode("utf-8")],
        "title": ["عنوان", None, "ت"],
        "crawl_date": ["2024-01-01", "2024-01-02", None],
    }), p)
    items = list(iter_parquet(p))
    assert len(items) == 3
    a, b, c = items
    assert isinstance(a, RawRecord) and a.content_type == "text/html" and a.id == "a1"
    assert a.url == "https://x.com/1" and a.crawl_date == "2024-01-01" and a.meta["title"] == "عنوان"
    assert a.source == f"{p}[0]"
    assert isinstance(b, Rejection) and b.reason == "bad_record" and b.source == f"{p}[1]"
    assert isinstance(c, RawRecord) and c.id == "a3" and isinstance(c.content, bytes)


def test_text_and_content_columns(tmp_path: Path) -> None:
    p = tmp_path / "t.parquet"
    pq.write_table(pa.table({"text": ["نص عادي", "<html><body><p>نص</p></body></html>"]}), p)
    items = list(iter_parquet(p))
    assert [i.content_type for i in items] == ["text/plain", "text/html"]
    assert items[0].id == "t[0]"
    p2 = tmp_path / "c.parquet"
    pq.write_table(pa.table({"content": ["نص"], "url": ["u"]}), p2)
    (r,) = iter_parquet(p2)
    assert r.content == "نص" and r.url == "u"


def test_batches_and_order(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(pqsrc, "BATCH_ROWS", 7)
    p = tmp_path / "many.parquet"
    pq.write_table(pa.table({"text": [f"نص {i}" for i in range(50)]}), p, row_group_size=10)
    items = list(iter_parquet(p))
    assert [i.content for i in items] == [f"نص {i}" for i in range(50)]
    assert items[49].source.endswith("[49]")


def test_no_page_column_and_corrupt_file(tmp_path: Path) -> None:
    p = tmp_path / "x.parquet"
    pq.write_table(pa.table({"foo": [1, 2, 3]}), p)
    rs = list(iter_parquet(p))  # one rejection per row: every record accounted for (issue 18)
    assert [(r.reason, r.record_id, r.source) for r in rs] == [("bad_record", f"x[{i}]", f"{p}[{i}]") for i in range(3)]
    assert all(isinstance(r, Rejection) and "no html/text/content column" in r.message for r in rs)
    p_id = tmp_path / "y.parquet"
    pq.write_table(pa.table({"ID": ["a", None, "c"], "foo": [1, 2, 3]}), p_id, row_group_size=2)
    assert [r.record_id for r in iter_parquet(p_id)] == ["a", "y[1]", "c"]
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"PAR1" + b"\x00" * 100)
    (r,) = iter_parquet(bad)
    assert isinstance(r, Rejection) and r.reason == "read_error"
    (r,) = iter_parquet(tmp_path / "missing.parquet")
    assert r.reason == "read_error"
