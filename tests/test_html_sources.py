"""sniff_kind (input kind by content) and the .html/.htm/.html.gz reader."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest

from akhbar.model import RawRecord, Rejection
from akhbar.sources.html import canonical_url, iter_html_file, sniff_kind

PAGE = ('<!DOCTYPE html><html><head><link rel="canonical" href="https://example.com/2020/1/2/a">'
        "</head><body><p>نص</p></body></html>").encode()


def _parquet_bytes() -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    buf = io.BytesIO()
    pq.write_table(pa.table({"a": [1]}), buf)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
        (gzip.compress(b"WARC/1.1\r\nWARC-Type: response\r\n"), "warc"),
        (PAGE, "html"),
        (b"\xef\xbb\xbf  <html lang='ar'><body>", "html"),
        (gzip.compress(PAGE), "html"),
        (gzip.compress(b"just text in a gzip"), "gzip"),
        (b"PAR1\x15\x04", "parquet"),
        (b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        (b'[{"text": "a"}]', "json"),
        (b"PK\x03\x04\x14\x00", "zip"),
        ("خبر عاجل: نص عادي بلا وسوم\nسطر ثان".encode(), "text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(40)), "binary"),
        (b"", "text"),
        ("<div>نص</div>".encode("utf-16"), "html"),
    ],
)
def test_sniff_kind(data: bytes, kind: str) -> None:
    assert sniff_kind(data) == kind


def test_sniff_real_parquet() -> None:
    assert sniff_kind(_parquet_bytes()[:4096]) == "parquet"


def test_iter_html_file_plain_and_gz(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_bytes(PAGE)
    (r,) = iter_html_file(p)
    assert isinstance(r, RawRecord) and r.content_type == "text/html" and r.content == PAGE
    assert r.url == "https://example.com/2020/1/2/a" and r.source == str(p)
    g = tmp_path / "page.html.gz"
    g.write_bytes(gzip.compress(PAGE))
    (r2,) = iter_html_file(g)
    assert isinstance(r2, RawRecord) and r2.content == PAGE
    assert r.id.split("-")[1] == r2.id.split("-")[1]  # same content, same hash part


def test_iter_html_file_bad(tmp_path: Path) -> None:
    t = tmp_path / "trunc.html.gz"
    t.write_bytes(gzip.compress(PAGE * 50)[:-30])
    (r,) = iter_html_file(t)
    assert isinstance(r, Rejection) and r.reason == "read_error"
    e = tmp_path / "empty.htm"
    e.write_bytes(b"  \n")
    (r,) = iter_html_file(e)
    assert r.reason == "empty"
    b = tmp_path / "img.html"
    b.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    (r,) = iter_html_file(b)
    assert r.reason == "not_html"
    (r,) = iter_html_file(tmp_path / "missing.html")
    assert r.reason == "read_error"


def test_canonical_url() -> None:
    assert canonical_url(b'<meta property="og:url" content="https://a.com/x?a=1&amp;b=2">') == "https://a.com/x?a=1&b=2"
    assert canonical_url(b"<html></html>") is None
