"""Dates from HTML metadata (issue 14): synthetic pages written for these tests."""

from __future__ import annotations

import pytest

from akhbar import refine_html

_BODY = "".join(
    f"<p>هذه فقرة رقم {i} من نص الخبر الطويل عن اجتماع وزراء الخارجية العرب في القاهرة لمناقشة الأوضاع "
    "الإقليمية والتعاون الاقتصادي بين الدول.</p>" for i in range(6))
_TITLE = "وزراء الخارجية العرب يجتمعون في القاهرة"


def _page(head: str = "", header: str = "", aside: str = "") -> str:
    return (f'<html lang="ar"><head><title>{_TITLE}</title>{head}</head><body>{aside}<article><header>'
            f"<h1>{_TITLE}</h1>{header}</header>{_BODY}</article></body></html>")


def _refine(html: str):
    page = refine_html(html, url="https://example.com/news/abc")
    assert page.articles, page.rejection
    return page, page.articles[0]


def _ld(obj: str) -> str:
    return f'<script type="application/ld+json">{obj}</script>'


@pytest.mark.parametrize("published", ['"2021-03-10T09:00:00+03:00"', '["2021-03-10T09:00:00+03:00"]',
                                       '{"@value": "2021-03-10T09:00:00+03:00"}'])
def test_jsonld_published_kept_when_modified_is_earlier(published: str) -> None:
    obj = '{"@type": "NewsArticle", "datePublished": ' + published + ', "dateModified": "2021-03-01T08:00:00+03:00"}'
    page, a = _refine(_page(_ld(obj)))
    assert a.published == "2021-03-10T09:00:00+03:00"
    assert a.updated == "2021-03-01T08:00:00+03:00"
    assert page.signals.get("updated_before_published") == 1.0
    assert "jsonld:dateModified" in page.meta["evidence"]["updated_before_published"]


def test_jsonld_report_type_read() -> None:
    _, a = _refine(_page(_ld('{"@type": "Report", "datePublished": "2021-03-10T09:00:00Z"}')))
    assert a.published == "2021-03-10T09:00:00+00:00"


@pytest.mark.parametrize("meta", [
    '<meta property="article:published_time" content="2021-03-10T09:00:00+03:00">',
    '<meta property="og:published_time" content="2021-03-10T09:00:00+03:00">',
    '<meta name="pubdate" content="2021-03-10T09:00:00+03:00">',
    '<meta name="publishdate" content="2021-03-10T09:00:00+03:00">',
    '<meta name="date" content="2021-03-10T09:00:00+03:00">',
    '<meta name="DC.date.issued" content="2021-03-10T09:00:00+03:00">',
    '<meta name="dcterms.created" content="2021-03-10T09:00:00+03:00">',
    '<meta name="dcterms.issued" content="2021-03-10T09:00:00+03:00">',
    '<meta name="DC.date.created" content="2021-03-10T09:00:00+03:00">',
    '<meta itemprop="datePublished" content="2021-03-10T09:00:00+03:00">',
    '<meta name="sailthru.date" content="2021-03-10T09:00:00+03:00">',
    '<meta name="parsely-pub-date" content="2021-03-10T09:00:00+03:00">',
    '<meta name="article.published" content="2021-03-10T09:00:00+03:00">',
    '<meta name="publish-date" content="2021-03-10T09:00:00+03:00">',
    '<meta property="rnews:datePublished" content="2021-03-10T09:00:00+03:00">',
    '<meta name="cXenseParse:recs:publishtime" content="2021-03-10T09:00:00+03:00">',
    '<meta name="citation_publication_date" content="2021-03-10T09:00:00+03:00">',
])
def test_head_date_meta_read(meta: str) -> None:
    _, a = _refine(_page(meta))
    assert a.published == "2021-03-10T09:00:00+03:00"


@pytest.mark.parametrize("meta", [
    '<meta property="og:updated_time" content="2021-03-11T09:00:00+03:00">',
    '<meta property="og:article:modified_time" content="2021-03-11T09:00:00+03:00">',
    '<meta name="DC.date.modified" content="2021-03-11T09:00:00+03:00">',
])
def test_head_updated_meta_read(meta: str) -> None:
    _, a = _refine(_page('<meta property="article:published_time" content="2021-03-10T09:00:00+03:00">' + meta))
    assert a.updated == "2021-03-11T09:00:00+03:00"


def test_time_in_article_header_read() -> None:
    _, a = _refine(_page(header='<time datetime="2021-03-10T09:00:00+03:00">منذ ساعتين</time>'))
    assert a.published == "2021-03-10T09:00:00+03:00"
    _, a = _refine(_page(header='<time itemprop="datePublished" datetime="2021-03-10T09:00:00+03:00">أمس</time>'))
    assert a.published == "2021-03-10T09:00:00+03:00"


def test_header_time_loses_to_meta_and_ignores_teasers() -> None:
    _, a = _refine(_page('<meta property="article:published_time" content="2021-03-09T09:00:00+03:00">',
                         header='<time datetime="2021-03-10T09:00:00+03:00">منذ ساعتين</time>'))
    assert a.published == "2021-03-09T09:00:00+03:00"
    teaser = ('<aside><article><header><a href="/x">خبر آخر</a>'
              '<time datetime="2019-01-01T09:00:00+03:00">قديم</time></header></article></aside>')
    _, a = _refine(_page(aside=teaser))
    assert a.published is None or not a.published.startswith("2019")
