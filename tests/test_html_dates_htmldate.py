"""htmldate under akhbar's HTML dates (issue 14): asked only when the page gives no date of its own.

Synthetic pages written for these tests; the order of the sources is measured on real pages by
``benchmarks/html_dates.py``.
"""

from __future__ import annotations

import pytest

from akhbar import refine_html
from akhbar.html import choices

pytest.importorskip("htmldate")

_TITLE = "وزراء الخارجية العرب يجتمعون في القاهرة"
_BODY = "".join(
    f"<p>هذه فقرة رقم {i} من نص الخبر الطويل عن اجتماع وزراء الخارجية العرب في القاهرة لمناقشة الأوضاع "
    "الإقليمية والتعاون الاقتصادي بين الدول.</p>" for i in range(6))
#: a date only htmldate reads: a publishing-system data layer in an inline script (not JSON-LD)
_JS = '<script>var dataLayer = {"datePublished": "2021-03-10T09:00:00+03:00"};</script>'


def _page(head: str = "", header: str = "", tail: str = "") -> str:
    return (f'<html lang="ar"><head><title>{_TITLE}</title>{head}</head><body><article><header><h1>{_TITLE}</h1>'
            f"{header}</header>{_BODY}</article>{tail}</body></html>")


def _refine(html: str, url: str = "https://example.com/news/abc", **kw):
    page = refine_html(html, url=url, **kw)
    assert page.articles, page.rejection
    return page, page.articles[0]


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """Records every ``htmldate.find_date`` call (the real function still answers)."""
    import htmldate

    seen: list[dict] = []
    real = htmldate.find_date

    def spy(*a, **kw):
        seen.append(kw)
        return real(*a, **kw)

    monkeypatch.setattr(htmldate, "find_date", spy)
    return seen


@pytest.mark.parametrize("where", [
    {"head": _JS},
    {"tail": '<abbr class="published" title="2021-03-10T09:00:00">x</abbr>'},
    {"tail": '<img src="https://example.com/uploads/2021/03/10/photo.jpg">'},
])
def test_htmldate_dates_a_page_that_gives_no_date_of_its_own(where: dict, calls: list[dict]) -> None:
    page, a = _refine(_page(**where))
    assert a.published == "2021-03-10" and a.published_precision == "day"
    assert a.published_source == "htmldate"
    assert page.meta["evidence"]["published"] == "htmldate"
    assert page.meta["evidence"]["published_candidates"] == ["htmldate=2021-03-10"]
    assert calls and calls[0]["original_date"] is True and calls[0]["url"] == "https://example.com/news/abc"


@pytest.mark.parametrize(("kw", "source", "iso"), [
    ({"head": '<meta property="article:published_time" content="2021-02-01T08:00:00+02:00">'}, "html_meta",
     "2021-02-01T08:00:00+02:00"),
    ({"header": '<span class="date">الاثنين 1 فبراير 2021</span>'}, "page", "2021-02-01"),
    ({"header": '<span class="date">۱۳ بهمن ۱۳۹۹</span>'}, "page", "2021-02-01"),  # Solar Hijri
])
def test_the_page_own_date_wins_and_htmldate_is_not_asked(kw: dict, source: str, iso: str, calls: list[dict]) -> None:
    kw["head"] = kw.get("head", "") + _JS
    _, a = _refine(_page(**kw))
    assert (a.published, a.published_source) == (iso, source)
    assert calls == []


def test_url_date_wins_over_htmldate(calls: list[dict]) -> None:
    page, a = _refine(_page(head=_JS), url="https://example.com/2021/2/1/story")
    assert (a.published, a.published_source) == ("2021-02-01", "url")
    assert "url=2021-02-01" in page.meta["evidence"]["published_candidates"]
    assert calls == []


def test_copyright_year_alone_is_no_publication_day() -> None:
    # htmldate's extensive search answers 2019-01-01 from the copyright year; its search without
    # the year/month fallbacks finds nothing, so the page stays undated
    _, a = _refine(_page(tail="<footer>© 2019 example</footer>"))
    assert a.published is None and a.published_source is None


def test_htmldate_not_after_the_crawl_day(calls: list[dict]) -> None:
    _, a = _refine(_page(head=_JS), crawl_date="2021-03-11")
    assert a.published == "2021-03-10"
    assert calls[0]["max_date"] == "2021-03-12"
    _, a = _refine(_page(head=_JS), crawl_date="2021-03-01")  # a date 9 days after the crawl: refused
    assert a.published is None


def test_without_crawl_date_the_latest_day_is_fixed(calls: list[dict]) -> None:
    _refine(_page(head=_JS))
    assert calls[0]["max_date"] == choices.HTMLDATE_MAX_DAY  # never today's date: same output any day


def test_htmldate_error_costs_only_the_date(monkeypatch: pytest.MonkeyPatch) -> None:
    import htmldate

    def boom(*a, **kw):
        raise RuntimeError("htmldate failed")

    monkeypatch.setattr(htmldate, "find_date", boom)
    page, a = _refine(_page(head=_JS))
    assert a.published is None and a.body
    assert page.signals["htmldate_error"] == 1.0


def test_switch_off(monkeypatch: pytest.MonkeyPatch, calls: list[dict]) -> None:
    monkeypatch.setattr(choices, "HTMLDATE", False)
    _, a = _refine(_page(head=_JS))
    assert a.published is None and calls == []


def test_tree_is_not_modified() -> None:
    import lxml.etree

    from akhbar.html.extract import parse_html

    root = parse_html(_page(head=_JS, tail="<footer>© 2019 example</footer>"))
    before = lxml.etree.tostring(root)
    d = choices.htmldate_date(root, None, None, {})
    assert d is not None and d.iso == "2021-03-10" and d.source == "htmldate"
    assert lxml.etree.tostring(root) == before


def test_teaser_dates_are_not_htmldate_input() -> None:
    teaser = ('<aside><article><header><a href="/x">خبر آخر</a>'
              '<time datetime="2019-03-05T09:00:00+03:00">قديم</time></header></article></aside>')
    _, a = _refine(_page(tail=teaser + '<div class="related-posts"><a href="/y">خبر ثالث</a>'
                         '<span class="date">2018-07-09</span></div>'))
    assert a.published is None
    _, a = _refine(_page(head=_JS, tail=teaser))
    assert a.published == "2021-03-10"


def test_a_container_holding_the_article_is_kept() -> None:
    # the whole story inside a "widget" (a sidebar-like class): its own date stays visible to htmldate
    html = _page(tail="").replace("<article>", '<div class="widget-area"><article>').replace(
        "</article>", '<abbr class="published" title="2021-03-10T09:00:00">x</abbr></article></div>')
    _, a = _refine(html)
    assert (a.published, a.published_source) == ("2021-03-10", "htmldate")
