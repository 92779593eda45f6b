"""HTML route: cases from shared/cases.jsonl (input_format "html"), bad input, metadata rules."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from akhbar import refine_html
from akhbar.html.bylines import clean_author
from akhbar.html.headline import strip_site_affix
from akhbar.html.meta import parse_machine_date, url_date
from akhbar.model import REJECTION_REASONS, Page

SHARED = Path(__file__).resolve().parents[2] / "shared"
CASES = SHARED / "cases" / "cases.jsonl"


def _html_cases() -> list[dict]:
    if not CASES.is_file():
        return []
    out = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if line.strip():
            c = json.loads(line)
            if c.get("input_format") == "html":
                out.append(c)
    return out


@pytest.mark.real
@pytest.mark.parametrize("case", _html_cases() or [None], ids=lambda c: c["id"] if c else "no-cases")
def test_html_case(case: dict | None) -> None:
    if case is None:
        pytest.skip("shared/cases/cases.jsonl not available")
    exp = case["expected"]
    page = refine_html(case["input"])
    assert page.rejection is None, page.rejection
    a = page.articles[0]
    if "title" in exp:
        assert a.title == exp["title"]
    if "body_paragraphs" in exp:
        assert a.body == exp["body_paragraphs"]
    if "tags" in exp:
        assert a.tags == exp["tags"]
    if "related" in exp:
        assert [{"title": r.title, "url": r.url} for r in a.related] == exp["related"]
    body = "\n".join(a.body)
    for s in exp.get("body_must_not_contain", []):
        assert s not in body, s
    # every line is labelled, spans cover Page.text
    for ln in page.lines:
        assert page.text[ln.span[0]:ln.span[1]] == ln.text


PAGE = """<!DOCTYPE html><html lang="en-US" dir="rtl"><head>
<title>الحكومة تقر خطة جديدة للنقل العام - صحيفة المثال</title>
<meta property="og:site_name" content="صحيفة المثال">
<meta property="article:published_time" content="2020-12-24T23:59:50+00:00">
<meta property="article:tag" content="النقل,الحكومة، المدن">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"الحكومة تقر خطة جديدة للنقل العام","datePublished":"2020-12-25T01:59:50+02:00",
"dateModified":"2020-12-25T01:30:00+02:00","author":{"@type":"Person","name":"بقلم سارة علي"},
"articleSection":"محليات"}</script></head><body>
<header class="site-header"><nav class="main-menu"><a href="/">الرئيسية</a><a href="/local">محليات</a></nav></header>
<div class="cookie-notice">نستخدم ملفات تعريف الارتباط لتحسين تجربتك</div>
<article><h1>الحكومة تقر خطة جديدة للنقل العام</h1>
<div class="post-author">بقلم سارة علي</div>
<div class="post-date">2020/12/25 - 1:59 صباحًا</div>
<div class="entry-content">
<p>أقرت الحكومة في اجتماعها الأسبوعي خطة شاملة لتطوير شبكة النقل العام في المدن الكبرى، تشمل شراء حافلات كهربائية جديدة وتوسيع خطوط القطارات.</p>
<p>وقال المتحدث باسم الحكومة إن الخطة ستنفذ على ثلاث مراحل تبدأ مطلع العام المقبل، وإن كلفتها الإجمالية تتجاوز مليار دولار.</p>
<div class="related-posts"><h3>اقرأ أيضاً</h3><ul>
<li><a href="https://example.com/2019/01/01/old">افتتاح خط قطار جديد في العاصمة عام 2019</a> <span class="date">2019/01/01</span></li>
</ul></div>
<p>وأضاف أن الحكومة ستطرح مناقصات دولية لشراء الحافلات قبل نهاية الربع الأول، مع إعطاء الأولوية للشركات المحلية.</p>
</div>
<div class="share-buttons">شارك فيسبوك تويتر واتساب</div>
<div class="newsletter-box">اشترك في النشرة البريدية</div>
</article>
<footer>جميع الحقوق محفوظة © 2020</footer></body></html>"""


def test_full_page_metadata_and_labels() -> None:
    page = refine_html(PAGE.encode("utf-8"), url="https://example.com/news/123")
    assert page.rejection is None
    a = page.articles[0]
    assert a.title == "الحكومة تقر خطة جديدة للنقل العام"
    # local date (JSON-LD +02:00) wins over the UTC meta date of the previous day
    assert a.published.startswith("2020-12-25")
    assert page.signals.get("date_conflict") == 1.0
    assert page.signals.get("updated_before_published") == 1.0
    assert a.authors == ["سارة علي"]
    assert a.tags == []  # meta tags that are not visible links are not the page's tags
    assert a.section == "محليات"
    assert a.language == "ar" and page.language == "ar"  # not the wrong lang="en-US"
    assert page.signals.get("lang_attr_mismatch") == 1.0
    assert len(a.body) == 3
    assert [r.title for r in a.related] == ["افتتاح خط قطار جديد في العاصمة عام 2019"]
    body = a.text
    for s in ("شارك", "النشرة", "ملفات تعريف", "جميع الحقوق", "افتتاح خط"):
        assert s not in body
    labels = {ln.text: ln.label for ln in page.lines}
    assert labels["الحكومة تقر خطة جديدة للنقل العام"] == "title"
    assert labels["بقلم سارة علي"] == "byline"
    assert labels["شارك فيسبوك تويتر واتساب"] == "share"
    assert labels["جميع الحقوق محفوظة © 2020"] == "footer"
    assert labels["الرئيسيةمحليات"] == "navigation"  # adjacent links glue, as in crawler text
    assert labels["افتتاح خط قطار جديد في العاصمة عام 2019 2019/01/01"] == "related"
    assert all(ln.label for ln in page.lines)
    for a_span, para in zip(a.body_spans, a.body, strict=True):
        assert " ".join(page.text[a_span[0]:a_span[1]].split()) == para


def test_gzip_bytes_accepted() -> None:
    page = refine_html(gzip.compress(PAGE.encode("utf-8")))
    assert page.rejection is None
    assert page.articles[0].title == "الحكومة تقر خطة جديدة للنقل العام"


def test_never_from_related_date() -> None:
    html = """<html><body><article><h1>عنوان الخبر الرئيسي اليوم</h1>
    <p>نص طويل بما يكفي ليكون فقرة من متن الخبر الرئيسي الذي نختبره هنا في هذا الاختبار القصير جدا.</p>
    <p>فقرة ثانية من المتن تحتوي على تفاصيل إضافية حول الموضوع الذي يتناوله الخبر الرئيسي.</p>
    <div class="related"><h3>أخبار ذات صلة</h3><a href="/2019/05/05/x">خبر قديم من عام ألفين وتسعة عشر</a>
    <span>2019-05-05</span></div></article></body></html>"""
    page = refine_html(html, url="https://example.com/news/1")
    a = page.articles[0]
    assert a.published is None or not a.published.startswith("2019")


def _assert_rejected_or_page(page: Page) -> None:
    assert isinstance(page, Page)
    if page.rejection is not None:
        assert page.rejection.reason in REJECTION_REASONS
        assert page.rejection.message


@pytest.mark.parametrize(
    "html",
    [
        "",
        b"",
        "<html><body></body></html>",
        "<html><body><div><p>unclosed <b>tags <i>everywhere<div></span></p></table>",
        "<<<>>> not html at all &&&; <",
        "<html><body>" + "<div>" * 100_000 + "نص" + "</div>" * 100_000 + "</body></html>",
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20,
        b"\x1f\x8b\x08\x00" + b"\x00" * 10,  # truncated gzip
        "<html><body><script>var x = '<p>not text</p>';</script><style>p{}</style></body></html>",
        "<?xml version='1.0' encoding='utf-8'?><html><body><p>نص قصير</p></body></html>",
    ],
    ids=["empty-str", "empty-bytes", "no-text", "malformed", "garbage", "deep-nesting", "png", "trunc-gzip",
         "script-only", "xml-decl"],
)
def test_bad_input_never_crashes(html: str | bytes) -> None:
    page = refine_html(html)
    _assert_rejected_or_page(page)


def test_no_text_is_rejected_empty() -> None:
    page = refine_html("<html><body><div></div></body></html>")
    assert page.rejection is not None and page.rejection.reason == "empty"


def test_binary_rejected() -> None:
    page = refine_html(b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02" * 500)
    assert page.rejection is not None and page.rejection.reason in ("binary", "empty", "no_article")


def test_strip_site_affix_keeps_inner_hyphens() -> None:
    assert strip_site_affix("وزير الرى يشهد توقيع عقد - اليوم السابع", {"اليوم السابع"}) == "وزير الرى يشهد توقيع عقد"
    assert strip_site_affix("المدينة نيوز - أميركا :50 الفا", {"المدينة نيوز"}) == "أميركا :50 الفا"
    assert strip_site_affix("غزة - رام الله: اتفاق جديد - Sputnik Arabic", set()) == "غزة - رام الله: اتفاق جديد"


def test_clean_author() -> None:
    assert clean_author("كتبت أسماء نصار") == "أسماء نصار"
    assert clean_author("حوار: آسيا العتروس") == "آسيا العتروس"
    assert clean_author("بقلم: سمير عطا الله") == "سمير عطا الله"
    assert clean_author("حسام أبو العلا - القاهرة") == "حسام أبو العلا"


def test_machine_dates() -> None:
    d = parse_machine_date("2020-06-03T03:01+0400")
    assert d.iso == "2020-06-03T03:01:00+04:00" and d.offset == 240
    assert parse_machine_date("2026-01-08T11:42:50Z").iso == "2026-01-08T11:42:50+00:00"
    assert parse_machine_date("2020-12-01 02:00:00").iso == "2020-12-01T02:00:00"
    d = parse_machine_date("2019-02-08T00:00:00+01:00")
    assert d.iso == "2019-02-08" and d.precision == "day"
    assert parse_machine_date("garbage") is None
    assert url_date("https://www.youm7.com/story/2020/8/24/slug/4943459").iso == "2020-08-24"
    assert url_date("http://arabic.cnn.com/2013/middle_east/8/3/syria.clashes/index.html").iso == "2013-08-03"
    assert url_date("https://example.com/news/123") is None


def test_deep_nesting_reason_and_partial_text() -> None:
    deep = "<html><body>" + "<div>" * 100_000 + "نص" + "</div>" * 100_000 + "</body></html>"
    page = refine_html(deep)
    assert page.rejection is not None and page.rejection.reason == "bad_record"
    assert "depth" in page.rejection.message
    # text before the depth limit still makes an article; the limit is flagged
    html = ("<html><body><h1>عنوان خبر مهم اليوم</h1><p>" + "جملة عربية طويلة في متن الخبر. " * 12 + "</p>"
            + "<div>" * 400 + "نص عميق" + "</div>" * 400 + "</body></html>")
    page = refine_html(html)
    assert page.rejection is None and page.signals.get("parser_limit") == 1.0
    assert page.articles[0].title == "عنوان خبر مهم اليوم"


def test_bad_crawl_date_does_not_break_dates() -> None:
    html = """<html><head><meta property="article:published_time" content="2021-05-06T10:00:00+03:00"></head>
    <body><h1>خبر اختبار التاريخ هنا</h1><p>فقرة من متن الخبر طويلة بما يكفي لكي تعتبر متنا حقيقيا للخبر المنشور اليوم.</p>
    </body></html>"""
    page = refine_html(html, crawl_date="not a date")
    assert page.articles[0].published == "2021-05-06T10:00:00+03:00"
    assert page.signals.get("bad_crawl_date") == 1.0


def test_render_blocks_zones_and_links() -> None:
    import lxml.html

    from akhbar.html.render import class_zones, render

    root = lxml.html.document_fromstring(
        "<html><body><div class='entry-content no-share'><p>فقرة <b>أولى</b></p>"
        "<p style='display: none'>مخفي</p><p hidden>مخفي أيضا</p>"
        "<a href='/x'><span>قسم</span><h2>عنوان خبر آخر</h2></a>"
        "<div class='jeg_post_tags'><a href='/tag/a'>وسم</a></div>line<br>break</div>"
        "<script>var a = 1;</script></body></html>"
    )
    text, blocks, _ = render(root)
    assert text.split("\n") == ["فقرة أولى", "قسم", "عنوان خبر آخر", "وسم", "line", "break"]
    assert blocks[0].zones == frozenset()  # "no-share" does not open a share zone
    assert blocks[1].anchors == [("قسم", "/x")] and blocks[2].anchors == [("عنوان خبر آخر", "/x")]
    assert blocks[2].heading == 2
    assert "tags" in blocks[3].zones
    for b in blocks:
        assert text[b.start:b.end] == b.text
    assert class_zones("window-comments-rules modalWindow") == {"comment"}
    assert class_zones("timetoread_pos") == frozenset()
    assert class_zones("MostRead") == {"related"}
    assert class_zones("writeBy") == {"author"}


def test_body_survives_different_paragraph_splits() -> None:
    p1 = "أعلنت الحكومة اليوم عن خطة جديدة لتطوير التعليم في جميع المحافظات خلال العام المقبل بتكلفة كبيرة."
    p2 = "وقال الوزير إن الخطة تشمل بناء مدارس جديدة وتدريب المعلمين على المناهج الحديثة في كل المراحل."
    html = (f"<html><body><h1>الحكومة تعلن خطة التعليم الجديدة</h1><div>{p1}<span style='display:block'>{p2}</span>"
            f"</div><p>{p2.replace('الوزير', 'المتحدث')}</p><p>{p1.replace('الحكومة', 'الوزارة')}</p></body></html>")
    body = refine_html(html).articles[0].body
    assert len(body) == 3 and body[0].startswith(p1) and body[0].endswith(p2)


def test_a_zone_offset_past_a_day_is_ignored_not_an_error() -> None:
    from akhbar.html.meta import parse_machine_date

    d = parse_machine_date("2020-06-03T03:01+9999")
    assert d is not None and d.offset is None and d.iso == "2020-06-03T03:01:00"
    assert parse_machine_date("2020-06-03T03:01+0400").offset == 240


@pytest.mark.parametrize("engine", ["default", "h1"])
def test_control_characters_never_reach_the_article(engine):
    """Issue 18 (found by benchmarks/fuzz.py): a control byte in ``<title>``/``og:title``, a heading or
    a meta author reached the article's fields; they are deleted (``akhbar.controls``)."""
    from akhbar.controls import CONTROLS

    html = (Path(__file__).resolve().parents[1] / "examples" / "04_page.html").read_text(encoding="utf-8")
    html = html.replace("المنتخب الوطني", "المن\x01تخب الوطني")  # <title>, og:title, <h1>
    html = html.replace("<head>", '<head><meta name="author" content="ليلى\x07 حسن">', 1)
    if engine == "h1":
        html = html.replace("<h1", "<h1>&#7;&#1;</h1><h1", 1)
    page = refine_html(html.encode("utf-8"), url="https://example.com/a")
    assert page.rejection is None and page.articles
    a = page.articles[0]
    assert "المنتخب الوطني" in a.title
    for v in (page.text, a.title, a.publisher or "", a.section or "", *a.authors, *a.tags, *a.agencies, *a.body):
        assert not CONTROLS.search(v), repr(v)
