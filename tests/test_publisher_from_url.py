"""A record that gives no publisher but a URL (the Common Crawl JSON sample) takes its publisher from the
URL's host: a known outlet's name for its site (okaz.com.sa -> عكاظ), else the host."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import akhbar
from akhbar.page.metadata import publisher_from_url, site_host
from akhbar.pipeline import refine_record
from akhbar.sources.jsonfmt import record_from_obj

BODY = (
    "أعلنت وزارة الصحة اليوم تسجيل حالات جديدة من الإنفلونزا الموسمية في عدد من المدن، ودعت المواطنين إلى "
    "تلقي اللقاح في المراكز الصحية القريبة منهم قبل بداية فصل الشتاء.\n"
    "وقال المتحدث باسم الوزارة إن المراكز ستعمل طوال أيام الأسبوع لاستقبال المراجعين، وإن اللقاح متوفر "
    "مجانا لكبار السن والأطفال والمصابين بالأمراض المزمنة."
)


def _cc(url: str, **extra) -> dict:
    """A record shaped like the Common Crawl sample's: {text, metadata: {date, source (URL), labels}}."""
    return {"text": BODY, "metadata": {"date": "2024-10-03T10:12:30Z", "source": url,
                                       "labels": {"language": "ar", "language_score": 0.99}}, **extra}


@pytest.mark.parametrize("url, want", [
    ("https://www.okaz.com.sa/news/local/2170000", "عكاظ"),
    ("https://arabic.cnn.com/world/article/2024/10/03/x", "سي إن إن بالعربية"),
    ("http://alotaibi-gis.com/page/2/", "alotaibi-gis.com"),
    ("http://WWW.News.Example.COM.:8080/a?b=c", "news.example.com"),
    ("http://192.168.0.1/x", None),
    ("http://[::1]/x", None),
    ("ftp://example.com/x", None),
    ("http://", None),
    ("http://a b.com/", None),
    ("not a url", None),
    ("", None),
    (None, None),
    (7, None),
])
def test_publisher_from_url(url, want):
    assert publisher_from_url(url) == want


def test_site_host_strips_the_labels_the_store_strips():
    assert site_host("https://m.okaz.com.sa/x") == "okaz.com.sa"
    assert site_host("https://www.m.alriyadh.com/") == "alriyadh.com"
    assert site_host("https://www/") == "www"  # a lone label is kept


def test_common_crawl_record_gets_its_publisher_from_the_url():
    rec = record_from_obj(_cc("http://alotaibi-gis.com/page/2/"), "cc-1", "sample.json")
    assert rec.url == "http://alotaibi-gis.com/page/2/" and not rec.meta.get("publisher")
    page = refine_record(rec)
    assert page.articles and {a.publisher for a in page.articles} == {"alotaibi-gis.com"}


def test_a_known_outlet_and_the_record_own_publisher_win():
    page = refine_record(record_from_obj(_cc("https://www.okaz.com.sa/news/1"), "cc-2", "s.json"))
    assert page.articles[0].publisher == "عكاظ"
    own = refine_record(record_from_obj(_cc("https://www.okaz.com.sa/news/1", publisher="sabq"), "cc-3", "s.json"))
    assert own.articles[0].publisher == "سبق"
    no_url = refine_record(record_from_obj({"text": BODY}, "cc-4", "s.json"))
    assert no_url.articles[0].publisher is None


def test_refine_of_a_common_crawl_json_file(tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "processed_CC-MAIN-sample.json").write_text(json.dumps(
        [_cc("http://news.example-site.com/ar/1"), _cc("https://www.alriyadh.com/2")], ensure_ascii=False),
        encoding="utf-8")
    akhbar.refine([src], tmp_path / "out", dedup=False)
    rows = pq.read_table(tmp_path / "out" / "articles.parquet", columns=["url", "publisher"]).to_pylist()
    assert {r["url"]: r["publisher"] for r in rows} == {
        "http://news.example-site.com/ar/1": "news.example-site.com", "https://www.alriyadh.com/2": "الرياض"}


def test_publisher_from_url_never_raises_on_any_text():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from akhbar.page.metadata import SNN_PUBLISHERS

    @settings(max_examples=300, deadline=None)
    @given(st.one_of(st.text(), st.text().map(lambda s: "http://" + s), st.text().map(lambda s: "https://www." + s)))
    def check(url: str) -> None:
        got = publisher_from_url(url)
        # a known outlet's Arabic name (which may hold a space: الشرق الأوسط), else a bare host
        assert got is None or got in SNN_PUBLISHERS.values() or (
            got and got.isprintable() and not any(c.isspace() for c in got))
        assert got is None or got == publisher_from_url(url)  # deterministic

    check()
