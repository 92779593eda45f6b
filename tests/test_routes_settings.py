"""One settings object through every route (issue 14): text files, HTML files, WARC responses and
JSON Lines / Parquet records whose ``html`` field holds the page all honour ``languages``,
``quality``, ``entities``, ``mentioned_dates`` and the furniture learned in the first pass, through
``akhbar.refine``, the CLI and ``akhbar.refine_html`` / ``akhbar.refine_text``."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

import akhbar
from akhbar.pipeline import Settings
from akhbar.pipeline import refine_html as pipeline_refine_html

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
pytest.importorskip("warcio")
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def _html(title: str, paras: list[str], extra: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (f"<html><head><meta charset='utf-8'><title>{title}</title>{extra}</head>"
            f"<body><article><h1>{title}</h1>{body}</article></body></html>")


#: an Arabic article naming a person and a place (entities) and mentioning two dates
AR = _html("وزير المالية يعلن موازنة العام الجديد", [
    ("أعلن وزير المالية السعودي محمد الجدعان في الرياض يوم الثلاثاء تفاصيل موازنة العام الجديد التي تتضمن "
    "زيادة في الإنفاق على التعليم والصحة والبنية التحتية."),
    ("وأوضح الجدعان أن العجز المتوقع سينخفض إلى ثلاثة في المئة من الناتج المحلي الإجمالي بحلول 15 مارس 2025، "
    "وفق بيان صادر عن وزارة المالية."),
    ("وقال إن الحكومة ستواصل الإصلاحات الاقتصادية التي بدأت في 3 يناير 2024 بهدف تنويع مصادر الدخل وتقليل "
    "الاعتماد على النفط."),
])
FA = _html("افتتاح بیمارستان جدید در تهران", [
    ("وزیر بهداشت روز سه‌شنبه یک بیمارستان پانصد تختخوابی را در شمال تهران افتتاح کرد که بخشی از برنامه "
    "وزارتخانه برای گسترش خدمات درمانی است."),
    ("وی در مراسم افتتاح گفت که این بیمارستان بخش‌های قلب، سرطان و کودکان دارد و به بیش از یک میلیون نفر "
    "خدمت خواهد کرد."),
])
EN = _html("Saudi Arabia opens new hospital in Riyadh", [
    ("RIYADH (Reuters) - Saudi Arabia's health minister on Tuesday opened a 500-bed hospital in the north of "
    "the capital, part of a plan to expand health services."),
    ("The hospital has departments for cardiology, oncology and paediatrics and will serve more than a "
    "million people, the minister said at the opening ceremony."),
])
#: a price line without a single Arabic stop word: fails the quality filter (stopword_ratio)
LOW = _html("أسعار الذهب اليوم", [("سعر الذهب عيار 21 جرام 245 ريال سعودي مقابل 65 دولار أمريكي صباح الثلاثاء "
                                  "بالأسواق المحلية.")] * 4)
PAGES = {"ar": AR, "fa": FA, "en": EN, "low": LOW}
ROUTES = ("text", "html", "warc", "jsonl", "parquet")


def _text_of(html: str) -> str:
    return "\n".join(re.sub("<[^>]+>", "", x) for x in re.findall(r"<h1>.*?</h1>|<p>.*?</p>", html))


def _warc(path: Path, pages: dict[str, str], host: str, extra: bool = True) -> None:
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for k, h in pages.items():
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(
                f"https://{host}/{k}", "response", payload=io.BytesIO(h.encode()), http_headers=http,
                warc_headers_dict={"WARC-Date": "2025-06-01T10:00:00Z", "WARC-Record-ID": f"<urn:uuid:{k}>"}))
        for status in ("404 Not Found", "301 Moved Permanently", "500 Internal Server Error") if extra else ():
            code = status.split()[0]
            http = StatusAndHeaders(status, [("Content-Type", "text/html")], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(
                f"https://{host}/e{code}", "response", payload=io.BytesIO(AR.encode()), http_headers=http,
                warc_headers_dict={"WARC-Record-ID": f"<urn:uuid:http{code}>"}))


def _write_route(root: Path, route: str, pages: dict[str, str], host: str = "site.example") -> Path:
    d = root / route
    d.mkdir(parents=True, exist_ok=True)
    if route == "text":
        for k, h in pages.items():
            (d / f"{k}.txt").write_text(_text_of(h), encoding="utf-8")
    elif route == "html":
        for k, h in pages.items():
            (d / f"{k}.html").write_text(h, encoding="utf-8")
    elif route == "warc":
        _warc(d / "pages.warc.gz", pages, host, extra=pages is PAGES)
    elif route == "jsonl":
        with open(d / "pages.jsonl", "w", encoding="utf-8") as f:
            for k, h in pages.items():
                f.write(json.dumps({"id": k, "url": f"https://{host}/{k}", "date": "2025-06-01", "html": h},
                                   ensure_ascii=False) + "\n")
    else:
        pq.write_table(pa.table({"id": list(pages), "url": [f"https://{host}/{k}" for k in pages],
                                 "date": ["2025-06-01"] * len(pages), "html": list(pages.values())}),
                       d / "pages.parquet")
    return d


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("routes")
    for route in ROUTES:
        _write_route(root, route, PAGES)
    return root


def _key(rid: str, route: str) -> str:
    return rid.split("-")[0] if route in ("text", "html") else rid


def _results(out: Path) -> dict[str, dict[str, object]]:
    """route -> {page key: article row (dict) or rejection reason (str)}."""
    got: dict[str, dict[str, object]] = {r: {} for r in ROUTES}
    for row in pq.read_table(out / "articles.parquet").to_pylist():
        route = Path(row["source"].split("@")[0].split(":")[0].split("[")[0]).parent.name
        got[route][_key(row["record_id"], route)] = row
    for line in (out / "rejected.jsonl").read_text(encoding="utf-8").splitlines():
        rej = json.loads(line)
        route = Path(rej["source"].split("@")[0].split(":")[0].split("[")[0]).parent.name
        got[route][_key(rej["id"], route)] = rej["reason"]
    return got


def _check_default(got: dict) -> None:
    for route in ROUTES:
        r = got[route]
        assert r["fa"] == "not_arabic" and r["en"] == "not_arabic", route  # languages=("ar",)
        assert r["low"] == "low_quality", route  # quality on
        ar = r["ar"]
        assert isinstance(ar, dict), (route, ar)
        assert ar["entities"] == [], route  # entities off
        assert ar["mentioned_dates"] == ["2025-03-15", "2024-01-03"], route  # mentioned_dates on
    for code in ("404", "301", "500"):
        assert got["warc"][f"http{code}"] == "http_status"


def _check_changed(got: dict) -> None:
    """Under quality off, languages ar+fa, entities on, mentioned_dates off."""
    for route in ROUTES:
        r = got[route]
        assert isinstance(r["fa"], dict) and r["fa"]["language"] == "fa", route
        assert r["en"] == "not_arabic", route
        assert isinstance(r["low"], dict), route
        ar = r["ar"]
        assert {e["type"] for e in ar["entities"]} >= {"PER", "LOC"}, (route, ar["entities"])
        assert ar["mentioned_dates"] == [], route


def test_every_setting_on_every_route_library(inputs, tmp_path) -> None:
    out = tmp_path / "default"
    akhbar.refine([inputs], out, stories=False, dedup=False)
    _check_default(_results(out))
    out = tmp_path / "changed"
    akhbar.refine([inputs], out, stories=False, dedup=False, quality=False, languages=("ar", "fa"),
                  entities=True, mentioned_dates=False)
    _check_changed(_results(out))


def test_every_setting_on_every_route_cli(inputs, tmp_path) -> None:
    from typer.testing import CliRunner

    from akhbar.cli import app

    out = tmp_path / "cli"
    r = CliRunner().invoke(app, ["refine", str(inputs), "-o", str(out), "--no-quality", "--languages", "ar,fa",
                                 "--entities", "--no-index", "--no-stories", "--no-dedup"])
    assert r.exit_code == 0, r.output
    got = _results(out)
    for route in ROUTES:
        assert isinstance(got[route]["fa"], dict) and isinstance(got[route]["low"], dict), route
        assert got[route]["en"] == "not_arabic", route
        assert got[route]["ar"]["entities"], route
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["rejected_by_reason"]["http_status"] == 3


def test_html_field_records_keep_their_url_and_date(inputs, tmp_path) -> None:
    out = tmp_path / "rec"
    akhbar.refine([inputs / "jsonl", inputs / "parquet"], out, stories=False, dedup=False)
    rows = pq.read_table(out / "articles.parquet").to_pylist()
    assert len(rows) == 2
    for row in rows:
        assert row["url"] == "https://site.example/ar"
        assert (row["published"], row["published_source"]) == ("2025-06-01", "record")


def test_record_fields_fill_what_the_html_lacks() -> None:
    from akhbar.model import RawRecord
    from akhbar.pipeline import refine_record
    from akhbar.sources.jsonfmt import record_from_obj

    html = "<html><body><div>" + "".join(f"<p>{p}</p>" for p in re.findall(r"<p>(.*?)</p>", AR)) + "</div></body></html>"
    rec = record_from_obj({"html": html, "title": "عنوان من السجل", "date": "2025-06-01", "author": "محمد علي",
                           "publisher": "okaz", "url": "https://site.example/x"}, "r1", "t:1")
    assert isinstance(rec, RawRecord) and rec.content_type == "text/html"
    a = refine_record(rec, Settings(quality=False)).articles[0]
    assert (a.title, a.title_source) == ("عنوان من السجل", "record")
    assert (a.published, a.published_source) == ("2025-06-01", "record")
    assert a.authors == ["محمد علي"] and a.publisher
    # the page's own headline and JSON-LD date win over the record's
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2025-05-30"}</script>'
    rec = record_from_obj({"html": AR.replace("</head>", ld + "</head>"), "title": "عنوان من السجل",
                           "date": "2025-06-01"}, "r2", "t:2")
    a = refine_record(rec, Settings(quality=False)).articles[0]
    assert a.title_source == "page" and (a.published, a.published_source) == ("2025-05-30", "jsonld")


@pytest.mark.parametrize("fn", ["akhbar", "pipeline"])
def test_refine_html_passes_every_setting(fn) -> None:
    def run(html: str, **kw):
        if fn == "akhbar":
            return akhbar.refine_html(html, url="https://site.example/a", **kw)
        return pipeline_refine_html(html, url="https://site.example/a", settings=Settings(**{"quality": False, **kw}))

    assert run(FA).rejection.reason == "not_arabic"
    assert run(FA, languages=("ar", "fa")).rejection is None
    assert run(EN, languages=()).rejection is None
    assert run(LOW).rejection is None and run(LOW, quality=True).rejection.reason == "low_quality"
    a = run(AR).articles[0]
    assert a.entities == [] and a.mentioned_dates == ["2025-03-15", "2024-01-03"]
    a = run(AR, entities=True, mentioned_dates=False).articles[0]
    assert a.entities and a.mentioned_dates == []


def test_refine_text_passes_every_setting() -> None:
    assert akhbar.refine_text(_text_of(FA)).rejection.reason == "not_arabic"
    assert akhbar.refine_text(_text_of(FA), languages=("fa",)).rejection is None
    assert akhbar.refine_text(_text_of(LOW), quality=True).rejection.reason == "low_quality"
    a = akhbar.refine_text(_text_of(AR), entities=True, mentioned_dates=False).articles[0]
    assert a.entities and a.mentioned_dates == []


# ------------------------------------------------------------------------------- learned furniture

#: a sign-off printed inside the article of every page of a site
SIGN_OFF = "تابعوا آخر أخبار الموقع عبر قناتنا على تطبيق تلغرام وحساباتنا في مواقع التواصل الاجتماعي لمعرفة كل جديد."
TOPICS = ["افتتاح مستشفى جديد في مدينة الرياض", "ارتفاع أسعار النفط في الأسواق العالمية",
          "انطلاق معرض الكتاب الدولي في جدة", "هطول أمطار غزيرة على مناطق جنوب المملكة",
          "توقيع اتفاقية تعاون اقتصادي بين البلدين", "افتتاح طريق سريع يربط بين مدن المنطقة"]


def _site_pages(host: str) -> dict[str, str]:
    return {f"p{k}": _html(t, [
        f"أعلنت الجهات المختصة اليوم عن {t} في خطوة تهدف إلى تحسين الخدمات المقدمة للمواطنين والمقيمين.",
        f"وقال المسؤولون إن مشروع {t[::-1]} سيستكمل خلال الأشهر المقبلة وفق الخطة الزمنية المعتمدة.",
        SIGN_OFF], extra=f"<link rel='canonical' href='https://{host}/news/{k}'>") for k, t in enumerate(TOPICS)}


def test_learned_furniture_on_every_route(tmp_path) -> None:
    root = tmp_path / "in"
    for route in ROUTES:  # one site per route, so that each route learns from its own pages
        _write_route(root, route, _site_pages(f"{route}.example"), host=f"{route}.example")
    out = tmp_path / "out"
    akhbar.refine([root], out, stories=False, dedup=False)  # learn_furniture is on by default
    rows = pq.read_table(out / "articles.parquet").to_pylist()
    assert len(rows) == 6 * len(ROUTES)
    for row in rows:
        body = "\n".join(row["body"])
        assert SIGN_OFF not in body and "أعلنت الجهات المختصة" in body, row["source"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    by = {s["name"]: s for s in manifest["stages"]}
    assert by["html_furniture"]["pages"] == 6 * (len(ROUTES) - 1)
    # without the first pass the sign-off stays in the body, on the HTML route as on the text route
    out = tmp_path / "plain"
    akhbar.refine([root / "html", root / "text"], out, stories=False, dedup=False, learn_furniture=False)
    rows = pq.read_table(out / "articles.parquet").to_pylist()
    assert len(rows) == 12 and all(SIGN_OFF in row["body"] for row in rows)


def test_learned_furniture_library() -> None:
    from akhbar.model import RawRecord
    from akhbar.run.corpus import learn_furniture

    pages = _site_pages("lib.example")
    recs = [RawRecord(id=k, source=k, content=h, content_type="text/html", url=f"https://lib.example/{k}")
            for k, h in pages.items()]
    furniture = learn_furniture(recs)
    url = "https://lib.example/p0"
    page = akhbar.refine_html(pages["p0"], url=url)
    assert SIGN_OFF in page.articles[0].body
    page = akhbar.refine_html(pages["p0"], url=url, furniture=furniture)
    assert SIGN_OFF not in page.articles[0].body and page.signals["learned_furniture_segments"] == 1
    assert [ln.label for ln in page.lines if ln.text == SIGN_OFF] == ["other_boilerplate"]
    # a site whose every body paragraph is furniture has no article left (distinct long headlines:
    # pages whose longest line is the same count once, as copies of one page)
    same = {f"q{k}": _html(" ".join([t] * 3), [SIGN_OFF]) for k, t in enumerate(TOPICS)}
    recs = [RawRecord(id=k, source=k, content=h, content_type="text/html", url=f"https://same.example/{k}")
            for k, h in same.items()]
    page = akhbar.refine_html(same["q0"], url="https://same.example/q0", furniture=learn_furniture(recs))
    assert page.rejection is not None and page.rejection.reason == "no_article"
    assert "furniture" in page.rejection.message
