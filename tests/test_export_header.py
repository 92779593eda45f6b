"""Crawler export headers (stage ``export_header``), ``title_source`` and ``published_source``.

Fixtures are small invented pages in the shapes crawler exports write (issue 13): the
`` date 2025-11-03 `` field of a large public page store (with and without the headline fused on
the same line), trafilatura's ``--with-metadata`` YAML front matter, ``Title:``/``URL:`` key lines
(and Arabic keys), WARC/WET headers; and the texts that only look like them.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

import akhbar
from akhbar.model import RawRecord, article_row
from akhbar.page.exportheader import read_header
from akhbar.page.titles import slug_title, title_prefix_end
from akhbar.pipeline import Settings, pipeline_stages, refine_record

HEADLINE = "وزير الخارجية يبحث مع نظيره المصري تطورات الأوضاع في المنطقة"
P1 = ("أكد وزير الخارجية خلال اتصال هاتفي مع نظيره المصري اليوم ضرورة العمل المشترك لوقف التصعيد "
      "في المنطقة، وبحث الجانبان سبل تعزيز العلاقات الثنائية.")
P2 = "وأضاف الوزير أن الجهود الدبلوماسية مستمرة من أجل إحلال السلام في المنطقة وحماية المدنيين."
SLUG_URL = "https://news.example.com/world/20431/" + quote("-".join(HEADLINE.split()))


def _main(text: str, **kw):
    page = akhbar.refine_text(text, **kw)
    assert page.rejection is None, page.rejection
    return page, page.articles[0]


def _no_header_text_in_body(page, needle: str) -> None:
    for a in page.articles:
        assert all(needle not in b for b in a.body), a.body
        assert needle not in (a.title or "")


# ----------------------------------------------------------------------------- the date field

def test_date_field_fused_with_first_paragraph() -> None:
    page, a = _main(f" date 2025-11-03 {P1}\n\n{P2}")
    assert page.meta["export_header"]["kinds"] == ["date_field"]
    assert page.meta["export_header"]["date"] == "2025-11-03"
    assert a.body[0].startswith("أكد وزير الخارجية") and a.body[1] == P2
    assert (a.published, a.published_precision, a.published_source) == ("2025-11-03", "day", "export_header")
    assert a.title_source == "first_sentence"
    _no_header_text_in_body(page, "date 2025")
    assert page.lines[0].text == "date 2025-11-03" and page.lines[0].label == "other_boilerplate"


def test_date_field_fused_headline_split_by_url_slug() -> None:
    page, a = _main(f" date 2025-11-03 {HEADLINE} {P1}\n\n{P2}", url=SLUG_URL)
    assert a.title == HEADLINE and a.title_source == "page"
    assert a.body[0].startswith("أكد وزير الخارجية")
    assert a.published == "2025-11-03" and a.published_source == "export_header"
    assert [ln.label for ln in page.lines[:3]] == ["other_boilerplate", "title", "body"]


def test_date_field_headline_on_its_own_line() -> None:
    _page, a = _main(f" date 2025-11-03\n{HEADLINE}\n\n{P1}\n\n{P2}")
    assert a.title == HEADLINE and a.title_source == "page"
    assert a.body[0] == P1 and a.published_source == "export_header"


def test_date_field_month_only_is_a_header_but_no_publication_date() -> None:
    page, a = _main(f" date 2022-10 {P1}\n\n{P2}")
    assert page.meta["export_header"]["date"] == "2022-10"
    assert a.body[0].startswith("أكد وزير") and a.published is None and a.published_source is None


def test_page_dateline_with_time_beats_the_header_date() -> None:
    _page, a = _main(f" date 2025-11-03 {HEADLINE}\nالرياض - الثلاثاء 4 نوفمبر 2025 10:30\n\n{P1}\n\n{P2}")
    assert a.published.startswith("2025-11-04T10:30") and a.published_source == "page"


def test_page_day_beats_header_day_and_same_day_keeps_page() -> None:
    _, a = _main(f" date 2025-11-04 {HEADLINE}\nالرياض - الاثنين 3 نوفمبر 2025\n\n{P1}\n\n{P2}")
    assert (a.published, a.published_source) == ("2025-11-03", "page")
    _, a = _main(f" date 2025-11-03 {HEADLINE}\nالرياض - الاثنين 3 نوفمبر 2025\n\n{P1}\n\n{P2}")
    assert (a.published, a.published_source) == ("2025-11-03", "page")


def test_relative_page_date_gives_way_to_the_header() -> None:
    _, a = _main(f" date 2025-10-25 {HEADLINE}\nمنذ 43 دقيقة\n\n{P1}\n\n{P2}", crawl_date="2026-01-10T12:00:00")
    assert (a.published, a.published_source) == ("2025-10-25", "export_header")


def test_header_day_is_the_reference_for_a_year_less_dateline() -> None:
    _, a = _main(f" date 2025-11-04 {HEADLINE}\nدبي في 3 نوفمبر\n\n{P1}\n\n{P2}")
    assert (a.published, a.published_source) == ("2025-11-03", "page")


# ----------------------------------------------------------------------------- other shapes

FRONT = """---
title: "الحكومة: خطة جديدة للنقل العام"
author: محمد علي
url: https://example.com/news/1
hostname: example.com
description: خطة للنقل
sitename: صحيفة المثال
date: 2025-11-03
categories: ['اقتصاد']
tags: ['نقل', 'حكومة']
fingerprint: 1a2b3c
---
"""


def test_trafilatura_front_matter() -> None:
    page, a = _main(FRONT + f"{P1}\n\n{P2}")
    h = page.meta["export_header"]
    assert h["kinds"] == ["front_matter"] and h["site"] == "صحيفة المثال" and h["tags"] == ["نقل", "حكومة"]
    assert a.title == "الحكومة: خطة جديدة للنقل العام" and a.title_source == "header" and a.title_span is None
    assert a.published_source == "export_header" and a.published == "2025-11-03"
    assert a.authors == ["محمد علي"] and a.publisher == "صحيفة المثال"
    assert a.tags == ["نقل", "حكومة"] and a.section == "اقتصاد"
    assert page.url == "https://example.com/news/1" == a.url
    assert a.body == [P1, P2]
    assert sum(1 for ln in page.lines if ln.label == "other_boilerplate") == 12


def test_front_matter_title_printed_on_the_page_is_page() -> None:
    fm = "---\ntitle: " + HEADLINE + "\ndate: 2025-11-03\n---\n"
    _, a = _main(fm + f"{HEADLINE}\n\n{P1}\n\n{P2}")
    assert a.title == HEADLINE and a.title_source == "page" and a.title_span is not None


def test_key_lines_and_reader_export() -> None:
    text = (f"Title: {HEADLINE}\nURL Source: https://example.com/a/1\nPublished Time: 2025-11-03T09:30:00+03:00\n\n"
            f"Markdown Content:\n{HEADLINE}\n\n{P1}\n\n{P2}")
    page, a = _main(text)
    assert page.meta["export_header"]["kinds"] == ["key_lines"]
    assert a.title == HEADLINE and a.title_source == "page"
    assert a.published == "2025-11-03T09:30:00+03:00" and a.published_source == "export_header"
    assert page.url == "https://example.com/a/1"
    _no_header_text_in_body(page, "Markdown Content")


def test_arabic_key_lines_at_the_start() -> None:
    text = f"العنوان: {HEADLINE}\nالتاريخ: 3 نوفمبر 2025\nالرابط: https://example.com/b/2\n\n{P1}\n\n{P2}"
    page, a = _main(text)
    assert page.meta["export_header"]["kinds"] == ["key_lines"]
    assert a.title == HEADLINE and a.title_source == "header"
    assert (a.published, a.published_source) == ("2025-11-03", "export_header")
    assert a.body == [P1, P2]


def test_warc_header_date_is_the_crawl_date_not_publication() -> None:
    text = ("WARC/1.0\nWARC-Type: conversion\nWARC-Target-URI: " + SLUG_URL + "\n"
            "WARC-Date: 2025-11-05T10:00:00Z\nWARC-Record-ID: <urn:uuid:1234>\nContent-Type: text/plain\n"
            f"Content-Length: 512\n\n{P1}\n\n{P2}")
    page, a = _main(text)
    assert page.meta["export_header"]["kinds"] == ["warc"]
    assert page.crawl_date == "2025-11-05T10:00:00Z" and page.url == SLUG_URL
    assert a.published is None and a.published_source is None
    assert a.title == HEADLINE and a.title_source == "url"
    assert a.body == [P1, P2]
    assert article_row(page, a)["crawl_date"] == "2025-11-05T10:00:00Z"


def test_stacked_warc_and_date_field() -> None:
    text = f"WARC/1.0\nWARC-Type: conversion\nWARC-Date: 2025-11-05T10:00:00Z\n\n date 2025-11-03 {P1}\n\n{P2}"
    h = read_header(text)
    assert h.kinds == ["warc", "date_field"] and h.fields["date"] == "2025-11-03"
    assert text[h.end :].startswith("أكد")


def test_record_fields_win_over_the_header() -> None:
    rec = RawRecord(id="r1", source="t.jsonl:1", content=f" date 2025-11-03 {P1}\n\n{P2}",
                    meta={"title": "عنوان السجل", "date": "2025-10-01"})
    a = refine_record(rec, Settings(quality=False)).articles[0]
    assert (a.title, a.title_source) == ("عنوان السجل", "record")
    assert (a.published, a.published_source) == ("2025-10-01", "record")


def test_header_only_page_is_rejected_empty() -> None:
    page = akhbar.refine_text(" date 2025-11-03 ")
    assert page.rejection is not None and page.rejection.reason == "empty"


# ----------------------------------------------------------------------------- false positives

@pytest.mark.parametrize("text", [
    "date palms are the main crop of the oasis, farmers said on Monday.",
    "Date 2025-11-03 written with a capital letter is not the store's field.",
    " date 2025-13-40 is not a date",
    "Title: the only key line\nThe story goes on here and never names a URL or a date.",
    "Title: something\nAuthor: someone\nno anchor: neither a URL nor a date",
    "التاريخ: 3 نوفمبر 2025\n" + P1,
    "العنوان: عنوان ما\nالكاتب: فلان\n" + P1,
    "---\n" + P1 + "\n---\n",
    "---\ntitle: no closing line\n" + P1,
    "WARC/1.0 is a format\n" + P1,
    P1 + "\nTitle: " + HEADLINE + "\nURL: https://example.com/x\nDate: 2025-11-03",
])
def test_not_a_header(text: str) -> None:
    assert read_header(text) is None


def test_article_starting_with_a_title_line_in_the_middle_keeps_it() -> None:
    text = f"{HEADLINE}\n\n{P1}\n\nTitle: {HEADLINE}\nURL: https://example.com/x\n\n{P2}"
    page, a = _main(text)
    assert "export_header" not in page.meta and a.body[0] == P1


# ----------------------------------------------------------------------------- titles

def test_slug_title_rules() -> None:
    assert slug_title(SLUG_URL) == HEADLINE
    assert slug_title("https://example.com/6693541") is None
    assert slug_title("https://example.com/news/some-english-words-here") is None
    assert slug_title("https://example.com/a/" + quote("كلمة-واحدة") + ".html") is None  # two words
    assert slug_title(None) is None and slug_title("not a url") is None
    cut = "https://example.com/" + quote("تشكيل-لجنة-علمية-لمراجعة-مشروع-الترمي")
    assert slug_title(cut) == "تشكيل لجنة علمية لمراجعة مشروع"  # 197 encoded characters: a cut slug


def test_title_prefix_end_folds_and_truncates() -> None:
    text = "الحكومة: تعلن خطة جديدة للنقل العام اليوم وتقول إن"
    end = title_prefix_end(text, 0, len(text), "الحكومة تعلن خطة جديدة للنقل العا", truncated=True)
    assert text[:end] == "الحكومة: تعلن خطة جديدة للنقل العام"
    assert title_prefix_end(text, 0, len(text), "الحكومة ترفض") is None


def test_title_sources_without_header() -> None:
    _, a = _main(f"{P1}\n\n{P2}")
    assert a.title_source == "first_sentence"
    _, a = _main(f"{P1}\n\n{P2}", url=SLUG_URL)
    assert (a.title, a.title_source) == (HEADLINE, "url")
    _, a = _main(f"{HEADLINE}\n\n{P1}\n\n{P2}")
    assert (a.title, a.title_source) == (HEADLINE, "page")


def test_slug_finds_the_printed_headline_line() -> None:
    printed = HEADLINE + ": تفاصيل"
    _page, a = _main(f"القائمة الرئيسية\n{printed}\n\n{P1}\n\n{P2}", url=SLUG_URL)
    assert (a.title, a.title_source) == (printed, "page")


# ----------------------------------------------------------------------------- HTML route, schema

def _html(head: str, body: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in (P1, P2, P1.replace("أكد", "قال"), P2.replace("وأضاف", "وتابع")))
    return f'<html lang="ar"><head><meta charset="utf-8">{head}</head><body><article>{body}{paras}</article></body></html>'


def test_html_title_and_published_sources() -> None:
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2025-11-03T08:00:00+03:00"}</script>'
    a = akhbar.refine_html(_html(f"<title>{HEADLINE}</title>{ld}", f"<h1>{HEADLINE}</h1>")).articles[0]
    assert (a.title_source, a.published_source) == ("page", "jsonld")
    meta = '<meta property="article:published_time" content="2025-11-03T08:00:00+03:00">'
    a = akhbar.refine_html(_html(f"<title>{HEADLINE}</title>{meta}", f"<h1>{HEADLINE}</h1>")).articles[0]
    assert a.published_source == "html_meta"
    a = akhbar.refine_html(_html("", f'<h1>{HEADLINE}</h1><div class="date">الاثنين 3 نوفمبر 2025 - 10:30</div>')
                           ).articles[0]
    assert (a.published, a.published_source) == ("2025-11-03T10:30:00", "page")
    a = akhbar.refine_html(_html("", f"<h1>{HEADLINE}</h1>"), url="https://example.com/2025/11/03/abc").articles[0]
    assert (a.published, a.published_source) == ("2025-11-03", "url")
    a = akhbar.refine_html(_html("", "")).articles[0]
    assert a.title_source == "first_sentence" and a.title.startswith("أكد وزير") and a.published_source is None
    a = akhbar.refine_html(_html("", ""), url=SLUG_URL).articles[0]
    assert (a.title, a.title_source) == (HEADLINE, "url")


def test_schema_and_rows_carry_both_fields() -> None:
    from akhbar.model import ARTICLE_SCHEMA

    assert "title_source" in ARTICLE_SCHEMA.names and "published_source" in ARTICLE_SCHEMA.names
    page, a = _main(f" date 2025-11-03 {P1}\n\n{P2}")
    row = article_row(page, a)
    assert row["title_source"] == "first_sentence" and row["published_source"] == "export_header"


def test_stage_is_listed_between_clean_and_language() -> None:
    names = [s.name for s in pipeline_stages()]
    assert names.index("clean") < names.index("export_header") < names.index("language") < names.index("lines")


def test_deterministic() -> None:
    text = FRONT + f"{P1}\n\n{P2}"
    rows = [article_row(p, p.articles[0]) for p in (akhbar.refine_text(text), akhbar.refine_text(text))]
    assert rows[0] == rows[1]
