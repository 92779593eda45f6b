"""The fast HTML engine (``--html-engine resiliparse``, :mod:`akhbar.html.fast`; issue 14, item 4):
the option reaches the route, the output is deterministic, a missing resiliparse is one clear
error, and on the 11 gold pages titles and dates stay 11/11 with body F1 >= 0.95. Tests that run
the engine skip when resiliparse is not installed; the gold test skips without shared/."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from akhbar import refine_html
from akhbar.arabic import normalize
from akhbar.cli import app
from akhbar.html.fast import EngineUnavailable, require
from akhbar.model import RawRecord
from akhbar.pipeline import Pipeline, Settings, pipeline_stages

try:
    require("resiliparse")
    HAVE_RP = True
except EngineUnavailable:
    HAVE_RP = False
needs_rp = pytest.mark.skipif(not HAVE_RP, reason="resiliparse not installed (pip install 'akhbar[fast]')")
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "04_page.html"
SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD = SHARED / "gold" / "pages"

PAGE = """<!doctype html><html lang="ar"><head><meta charset="utf-8">
<title>الحكومة تعلن خطة جديدة للنقل العام | موقع الاختبار</title>
<meta property="og:site_name" content="موقع الاختبار">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "الحكومة تعلن خطة جديدة للنقل العام",
 "datePublished": "2024-03-05T10:30:00+02:00", "author": {"@type": "Person", "name": "سارة علي"}}</script>
</head><body><nav><a href="/">الرئيسية</a> <a href="/a">سياسة</a> <a href="/b">اقتصاد</a></nav>
<article><h1>الحكومة تعلن خطة جديدة للنقل العام</h1>
<p>أعلنت الحكومة اليوم خطة جديدة لتطوير شبكة النقل العام في العاصمة تشمل خطوط حافلات سريعة ومحطات جديدة للقطارات
 خلال السنوات الخمس المقبلة، بتكلفة تقديرية تبلغ ملياري دولار بحسب بيان رسمي.</p>
<p>وقال وزير النقل في مؤتمر صحفي إن المرحلة الأولى من الخطة ستبدأ في الصيف المقبل وستركز على الأحياء الأكثر
 ازدحاماً، مضيفاً أن الحكومة ستطرح مناقصات للشركات المحلية والأجنبية قبل نهاية العام.</p>
</article><footer>جميع الحقوق محفوظة</footer></body></html>"""


def test_the_option_chooses_the_html_route_stages() -> None:
    fast = [s.name for s in pipeline_stages(Settings(html_engine="resiliparse"), "html")]
    assert fast[:3] == ["html_decode", "html_fast", "clean"] and "html_extract" not in fast
    assert "segment" in fast and "dates" in fast and fast[-1] == "quality"
    default = [s.name for s in pipeline_stages(Settings(), "html")]
    assert "html_extract" in default and "html_fast" not in default
    text = [s.name for s in pipeline_stages(Settings(html_engine="resiliparse"), "text")]
    assert text == [s.name for s in pipeline_stages(Settings(), "text")]  # text pages are not affected
    with pytest.raises(ValueError, match="unknown HTML engine"):
        pipeline_stages(Settings(html_engine="lynx"), "html")


def test_unknown_engine_is_refused(tmp_path) -> None:
    with pytest.raises(ValueError, match="unknown HTML engine 'lynx'"):
        refine_html(PAGE, html_engine="lynx")
    r = CliRunner().invoke(app, ["refine", str(EXAMPLE), "-o", str(tmp_path / "out"), "--html-engine", "lynx"])
    assert r.exit_code == 2 and "unknown HTML engine" in r.stderr and "Traceback" not in r.output


def test_missing_resiliparse_is_one_clear_error(monkeypatch, tmp_path) -> None:
    monkeypatch.setitem(sys.modules, "resiliparse.extract.html2text", None)  # import fails as if absent
    with pytest.raises(EngineUnavailable, match=r"pip install 'akhbar\[fast\]'"):
        require("resiliparse")
    with pytest.raises(EngineUnavailable):
        refine_html(PAGE, html_engine="resiliparse")
    r = CliRunner().invoke(app, ["refine", str(EXAMPLE), "-o", str(tmp_path / "out"), "--html-engine", "resiliparse"])
    assert r.exit_code == 2, r.output
    msg = r.stderr.strip()
    assert "resiliparse" in msg and "\n" not in msg and "Traceback" not in r.output
    assert not (tmp_path / "out").exists()
    require("trafilatura")  # the default engine needs nothing more


@needs_rp
def test_fast_engine_article_and_metadata() -> None:
    pl = Pipeline(Settings(html_engine="resiliparse", quality=False))
    page = pl(RawRecord(id="r1", source="t", content=PAGE.encode(), content_type="text/html",
                        url="https://example.com/news/1"))
    assert page.rejection is None
    assert pl.stats["html_fast"].pages == 1 and "html_extract" not in pl.stats
    a = page.articles[0]
    assert a.title == "الحكومة تعلن خطة جديدة للنقل العام" and a.title_source == "page"
    assert a.published == "2024-03-05T10:30:00+02:00" and a.published_source == "jsonld"
    assert a.authors == ["سارة علي"] and a.publisher == "موقع الاختبار"
    assert len(a.body) == 2 and a.body[0].startswith("أعلنت الحكومة") and a.language == "ar"
    assert not any("الحقوق" in b or "الرئيسية" in b for b in a.body)
    assert page.meta["evidence"]["published"] == "jsonld:datePublished"


@needs_rp
def test_fast_engine_on_the_example_page_and_url_date() -> None:
    page = refine_html(EXAMPLE.read_bytes(), html_engine="resiliparse")
    a = page.articles[0]
    assert a.title == "المنتخب الوطني يتأهل إلى نهائي البطولة العربية"
    assert a.published == "2025-12-18T21:40:00+03:00" and a.published_source == "html_meta"
    assert a.tags == ["كرة القدم", "المنتخب الوطني"]  # the printed tags line, cut by the keywords
    bare = PAGE.replace('"datePublished": "2024-03-05T10:30:00+02:00", ', "")
    b = refine_html(bare, url="http://arabic.example.com/2013/middle_east/8/3/x/index.html",
                    html_engine="resiliparse").articles[0]
    assert (b.published, b.published_source) == ("2013-08-03", "url")


@needs_rp
def test_fast_engine_rejects_an_empty_page() -> None:
    page = refine_html("<html><head><title>x</title></head><body> </body></html>", html_engine="resiliparse")
    assert page.rejection is not None and page.rejection.reason == "empty"


@needs_rp
def test_fast_engine_is_deterministic(tmp_path) -> None:
    runs = [refine_html(EXAMPLE.read_bytes(), html_engine="resiliparse") for _ in range(2)]
    assert runs[0] == runs[1]
    outs = []
    for w, ex in ((1, "local"), (2, "processes")):
        out = tmp_path / f"o{w}"
        r = CliRunner().invoke(app, ["refine", str(EXAMPLE.parent), "-o", str(out), "--html-engine", "resiliparse",
                                     "--workers", str(w), "--executor", ex, "--no-index"])
        assert r.exit_code == 0, r.output
        assert json.loads((out / "manifest.json").read_text())["settings"]["html_engine"] == "resiliparse"
        outs.append((out / "articles.parquet").read_bytes())
    assert outs[0] == outs[1]


def _norm(p: str) -> str:
    return " ".join(normalize(p, "display").split())


@needs_rp
@pytest.mark.real
def test_fast_engine_on_the_gold_pages() -> None:
    if not GOLD.is_dir():
        pytest.skip("shared/gold/pages not available")
    titles = dates = tp = npred = ngold = 0
    n = 0
    for gp in sorted(GOLD.glob("*.html.json")):
        g = json.loads(gp.read_text(encoding="utf-8"))
        page = refine_html((SHARED / g["html"]).read_bytes(), url=g["url"], html_engine="resiliparse")
        assert page.rejection is None, (g["id"], page.rejection)
        a = page.articles[0]
        n += 1
        titles += a.title == " ".join(g["title"].split())
        dates += (a.published or "")[:10] == g["published_date"]
        want = Counter(_norm(p) for p in g["body_paragraphs"])
        tp += sum((Counter(_norm(p) for p in a.body) & want).values())
        npred += len(a.body)
        ngold += sum(want.values())
    assert n == 11 and titles == 11 and dates == 11
    p, r = tp / npred, tp / ngold
    assert 2 * p * r / (p + r) >= 0.95, (p, r)  # measured 0.98 (resiliparse 2.0.1); the default engine 1.00


@needs_rp
@pytest.mark.parametrize("html", [
    "<div>" * 100_000 + "<p>" + "نص عربي طويل " * 20 + "</p>" + "</div>" * 100_000,  # main content: O(depth^2.5)
    "<meta" * 300_000,  # a <meta> with no end, over and over
    "<html><head><script type=application/ld+json>{" + "x" * 1_000_000 + "<p>نص</p>",  # a script never closed
    "<script type=application/ld+json>" + "[" * 100_000 + "]" * 100_000 + "</script><p>" + "نص عربي " * 30 + "</p>",
    "<meta " + "a" * 500_000 + ">" + "<meta name=x " + "b=c " * 100_000 + ">",  # huge tags
], ids=["deep", "meta_spam", "unclosed_script", "deep_jsonld", "huge_tags"])
def test_fast_engine_on_hostile_html_is_quick(html) -> None:
    import time

    t = time.process_time()
    page = refine_html(html, html_engine="resiliparse")
    assert time.process_time() - t < 5.0
    assert page.rejection is None or page.rejection.reason in ("empty", "no_article", "not_arabic", "low_quality")
