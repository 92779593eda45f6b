"""WARC reader: HTML responses become RawRecords; other payloads and truncation become Rejections."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from akhbar import refine_html
from akhbar.model import RawRecord, Rejection
from akhbar.sources.warc import iter_warc

HTML = (
    "<html><head><title>خبر - موقع</title></head><body><article><h1>وزير المالية يعلن موازنة العام الجديد</h1>"
    "<p>أعلن وزير المالية اليوم تفاصيل موازنة العام الجديد التي تتضمن زيادة في الإنفاق على التعليم والصحة والبنية التحتية.</p>"
    "<p>وأوضح الوزير أن العجز المتوقع سينخفض إلى ثلاثة في المئة من الناتج المحلي الإجمالي بحلول نهاية العام.</p>"
    "</article></body></html>"
).encode()


def _write(path: Path, gz: bool = True) -> None:
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "test"}))
        req = w.create_warc_record("https://example.com/a", "request", payload=io.BytesIO(b"GET /a HTTP/1.1\r\n\r\n"))
        w.write_record(req)
        for url, ctype, body in [
            ("https://example.com/2024/03/05/a", "text/html; charset=utf-8", HTML),
            ("https://example.com/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(range(256))),
            ("https://example.com/b", "text/html", HTML),
        ]:
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                       warc_headers_dict={"WARC-Date": "2024-03-05T10:00:00Z"})
            w.write_record(rec)


def test_iter_warc_records(tmp_path: Path) -> None:
    p = tmp_path / "crawl.warc.gz"
    _write(p)
    items = list(iter_warc(p))
    assert len(items) == 3  # warcinfo and request are not pages
    assert isinstance(items[0], RawRecord) and isinstance(items[2], RawRecord)
    r = items[0]
    assert r.content_type == "text/html"
    assert r.url == "https://example.com/2024/03/05/a"
    assert r.crawl_date == "2024-03-05T10:00:00Z"
    assert r.source.startswith(str(p) + "@") and int(r.source.rsplit("@", 1)[1]) > 0
    assert r.meta["charset"] == "utf-8"
    assert isinstance(items[1], Rejection) and items[1].reason == "not_html"
    # stable ids
    assert [getattr(x, "id", getattr(x, "record_id", None)) for x in items] == [
        getattr(x, "id", getattr(x, "record_id", None)) for x in iter_warc(p)
    ]
    page = refine_html(r.content, url=r.url, crawl_date=r.crawl_date)
    assert page.rejection is None
    assert page.articles[0].title == "وزير المالية يعلن موازنة العام الجديد"
    assert len(page.articles[0].body) == 2


def test_uncompressed_warc(tmp_path: Path) -> None:
    p = tmp_path / "crawl.warc"
    _write(p, gz=False)
    kinds = [type(x).__name__ for x in iter_warc(p)]
    assert kinds == ["RawRecord", "Rejection", "RawRecord"]


def test_truncated_warc_gz(tmp_path: Path) -> None:
    p = tmp_path / "crawl.warc.gz"
    _write(p)
    data = p.read_bytes()
    t = tmp_path / "trunc.warc.gz"
    t.write_bytes(data[: len(data) - 150])
    items = list(iter_warc(t))
    assert items, "never a silent drop"
    assert isinstance(items[-1], Rejection) and items[-1].reason == "read_error"
    assert isinstance(items[0], RawRecord)


def test_garbage_and_missing(tmp_path: Path) -> None:
    g = tmp_path / "garbage.warc.gz"
    g.write_bytes(gzip.compress(b"this is not a warc file at all\n" * 10))
    items = list(iter_warc(g))
    assert len(items) == 1 and items[0].reason == "read_error"
    items = list(iter_warc(tmp_path / "missing.warc"))
    assert len(items) == 1 and items[0].reason == "read_error"


def test_http_error_responses_are_rejected_not_refined(tmp_path: Path) -> None:
    p = tmp_path / "errors.warc.gz"
    with open(p, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for url, status, body in [("https://example.com/gone", "404 Not Found", b"<html><body>not found</body></html>"),
                                  ("https://example.com/moved", "301 Moved Permanently", b"<html>moved</html>"),
                                  ("https://example.com/ok", "200 OK", HTML)]:
            http = StatusAndHeaders(status, [("Content-Type", "text/html")], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))
    items = list(iter_warc(p))
    assert [getattr(x, "reason", None) for x in items] == ["http_status", "http_status", None]
    assert "HTTP 404" in items[0].message and "https://example.com/gone" in items[0].message


def test_only_http_200_responses_are_pages(tmp_path: Path) -> None:
    """Issue 14: any status but 200 is "http_status" with "HTTP <status>" in the message (2xx other
    than 200 included: 204 has no page, 206 is part of one); a ``resource`` record (no HTTP
    exchange) and a 200 ``text/plain`` response are pages as before."""
    p = tmp_path / "statuses.warc"
    statuses = ["404 Not Found", "410 Gone", "500 Internal Server Error", "302 Found", "204 No Content",
                "206 Partial Content", "200 OK"]
    with open(p, "wb") as fh:
        w = WARCWriter(fh, gzip=False)
        for i, status in enumerate(statuses):
            http = StatusAndHeaders(status, [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(f"https://example.com/{i}", "response", payload=io.BytesIO(HTML),
                                                http_headers=http))
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record("https://example.com/t.txt", "response", http_headers=http,
                                            payload=io.BytesIO("خبر نصي عن موازنة العام الجديد".encode())))
        w.write_record(w.create_warc_record("file:///site/a.html", "resource", payload=io.BytesIO(HTML),
                                            warc_content_type="text/html"))
    items = list(iter_warc(p))
    assert [getattr(x, "reason", None) for x in items] == ["http_status"] * 6 + [None, None, None]
    for x, status in zip(items[:6], statuses[:6], strict=True):
        assert f"HTTP {status.split()[0]}" in x.message and "\n" not in x.message
    assert [x.content_type for x in items[6:]] == ["text/html", "text/plain", "text/html"]
    assert items[6].meta["http_status"] == 200 and "http_status" not in items[8].meta


def test_a_wrong_content_length_writes_nothing_to_stderr(tmp_path: Path, capfd) -> None:
    """warcio prints a three-line warning per record whose Content-Length is off; a run's terminal
    (and its one-line errors) must not fill with them. The records are read as before."""
    from akhbar.run.units import plan_units, read_unit
    from akhbar.sources import iter_inputs

    p = tmp_path / "crawl.warc"
    _write(p, gz=False)
    data = p.read_bytes()
    head_end = data.index(b"\r\n\r\n", data.index(b"WARC-Type: response")) + 4
    i = data.rindex(b"Content-Length: ", 0, head_end)
    j = data.index(b"\r\n", i)
    n = int(data[i + 16 : j])
    p.write_bytes(data[:i] + b"Content-Length: " + str(n - 7).encode() + data[j:])
    capfd.readouterr()
    items = list(iter_inputs([p]))
    units = [it for u in plan_units([p], unit_records=1) for it in read_unit(u)]
    err = capfd.readouterr().err
    assert "WARNING" not in err and "Content-Length" not in err, err
    assert items and [(type(x).__name__, x.source) for x in items] == [(type(x).__name__, x.source) for x in units]
