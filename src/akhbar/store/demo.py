"""A small demo refine output directory, for tests and for trying the web page.

``write_demo_outdir(path)`` writes ``articles.parquet`` (``ARTICLE_SCHEMA``),
``lines.parquet`` (``LINE_SCHEMA``), ``rejected.jsonl`` and ``manifest.json`` with
a handful of Arabic articles written for this project (not taken from any
dataset): one story told by three outlets, spelling variants (hamza, ى/ي, ة/ه,
diacritics, ال and clitics), entities with variant spellings, and one crafted
article whose title and body contain ``<script>`` (for escaping tests).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from akhbar.model import ARTICLE_SCHEMA, LINE_SCHEMA, content_id

XSS = '<script>alert("xss")</script>'


def _ent(text: str, typ: str, canonical: str, body: str) -> dict[str, Any]:
    i = body.find(text)
    return {"text": text, "type": typ, "span": [max(i, 0), max(i, 0) + len(text)], "canonical": canonical}


def _article(n: int, **kw: Any) -> dict[str, Any]:
    aid = content_id("demo", str(n))
    row: dict[str, Any] = {f.name: None for f in ARTICLE_SCHEMA}
    row.update(
        id=aid, page_id=content_id("demo-page", str(n)), record_id=f"demo-{n}", source=f"demo.jsonl:{n}",
        role="main", language="ar", agencies=[], authors=[], tags=[], body=[], body_spans=[], related=[],
        entities=[], mentioned_dates=[], signals=[], published_precision="day",
    )
    row.update(kw)
    if row["body"] and not row["body_spans"]:
        row["body_spans"] = [[0, len(p)] for p in row["body"]]
    return row


def demo_rows() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The demo ``(articles, lines)`` rows (dicts with ``ARTICLE_SCHEMA`` / ``LINE_SCHEMA`` fields)."""
    b1 = [
        "وصل رئيس الوزراء المجري فيكتور أوربان إلى الرياض في زيارة رسمية تستمر يومين.",
        (
            "وبحث أوربان مع المسؤولين السعوديين تعزيز التعاون الاقتصادي بين المجر والمملكة، "
            "وقال إن الاتحاد الأوروبي يتابع الزيارة باهتمام."
        ),
    ]
    b2 = [
        "استقبل خادم الحرمين الشريفين رئيس وزراء المجر فكتور اوربان في قصر اليمامة بالرياض.",
        "وتناولت المباحثات العلاقات الثنائية والأوضاع في المنطقة، ومشاركة المجر في مؤتمر الطاقة.",
    ]
    b3 = [
        "قال رئيس الوزراء المجري أوربان في مؤتمر صحفي إن بلاده ستوقع اتفاقية للطاقة مع السعودية.",
        "وأضاف أنّ المفاوضات مع الاتحاد الأوروبيّ حول الهجرة مستمرة.",
    ]
    b4 = [
        "أعلنت وزارة الصحة تسجيل حالات جديدة من الإنفلونزا الموسمية في مكة المكرمة والمدينة المنورة.",
        "ودعت الوزارة المواطنين إلى تلقي اللقاح في المراكز الصحية قبل موسم الحج.",
    ]
    b5 = [
        "يشارك المنتخب السعودي لكرة القدم في بطولة كأس آسيا، ويلتقي في مباراته الأولى منتخب الكويت.",
        "وقال مدرب المنتخب إن اللاعبين جاهزون للمباراة على ملعب مدينة الملك عبدالله.",
    ]
    b6 = [
        f"نص يحتوي على وسم برمجي {XSS} ويجب أن يظهر كنص عادي.",
        "<img src=x onerror=alert(1)> سطر ثان فيه وسم صورة.",
    ]
    story = content_id("demo-story", "orban-riyadh")
    orban = "فيكتور أوربان"
    arts = [
        _article(
            1, title="أوربان يصل إلى الرياض في زيارة رسمية", published="2025-11-10T09:30:00+03:00",
            published_precision="minute", publisher="okaz", agencies=["واس"], authors=["محمد العتيبي"],
            section="سياسة", tags=["المجر", "السعودية"], body=b1, story_id=story, url="https://www.okaz.com.sa/news/1",
            dateline_place="الرياض",
            related=[{"title": "المجر والسعودية توقعان مذكرة تفاهم", "url": "https://www.okaz.com.sa/news/0"}],
            entities=[_ent("فيكتور أوربان", "PER", orban, b1[0]), _ent("أوربان", "PER", orban, b1[1]),
                      _ent("الرياض", "LOC", "الرياض", b1[0]),
                      _ent("الاتحاد الأوروبي", "ORG", "الاتحاد الأوروبي", b1[1])],
            crawl_date="2025-11-10",
        ),
        _article(
            2, title="خادم الحرمين يستقبل رئيس وزراء المجر", published="2025-11-10", publisher="alriyadh",
            agencies=["واس"], section="محليات", body=b2, story_id=story, url="https://www.alriyadh.com/2",
            entities=[_ent("فكتور اوربان", "PER", orban, b2[0]), _ent("الرياض", "LOC", "الرياض", b2[0])],
            crawl_date="2025-11-10",
        ),
        _article(
            3, title="أوربان: اتفاقية للطاقة مع السعودية", published="2025-11-11", publisher="aawsat",
            section="سياسة", body=b3, story_id=story, url="https://aawsat.com/3",
            entities=[_ent("أوربان", "PER", orban, b3[0]),
                      _ent("الاتحاد الأوروبيّ", "ORG", "الاتحاد الأوروبي", b3[1])],
            crawl_date="2025-11-11",
        ),
        _article(
            4, title="الصحة: حالات إنفلونزا موسمية في مكة", published="2025-11-12", publisher="alyaum",
            section="صحة", body=b4, url="https://www.alyaum.com/4", authors=["سارة القحطاني"],
            entities=[_ent("مكة المكرمة", "LOC", "مكة المكرمة", b4[0]),
                      _ent("وزارة الصحة", "ORG", "وزارة الصحة", b4[0])],
            crawl_date="2025-11-12",
        ),
        _article(
            5, title="المنتخب السعودي يواجه الكويت في كأس آسيا", published="2025-11-13", publisher="okaz",
            section="رياضة", body=b5, url="https://www.okaz.com.sa/news/5",
            entities=[_ent("الكويت", "LOC", "الكويت", b5[0])], crawl_date="2025-11-13",
        ),
        _article(
            6, title=f"مقال اختبار {XSS}", published="2025-11-13", publisher="demo<b>pub</b>",
            section="اختبار", body=b6, url="javascript:alert(1)", tags=[XSS],
            authors=['"><script>alert(2)</script>'], crawl_date="2025-11-13",
            entities=[_ent("<script>", "MISC", "<script>x</script>", b6[0])],
        ),
    ]
    # lines of page 1: the original page, with boilerplate around the article
    page1 = [
        ("navigation", "الرئيسية | سياسة | اقتصاد | رياضة"),
        ("title", arts[0]["title"]),
        ("dateline", "الرياض - واس - 10 نوفمبر 2025"),
        ("body", b1[0]),
        ("body", b1[1]),
        ("share", "شارك من خلال تويتر فيسبوك"),
        ("related_header", "اقرأ أيضاً"),
        ("related", "المجر والسعودية توقعان مذكرة تفاهم"),
        ("footer", "جميع الحقوق محفوظة <عكاظ> 2025"),
    ]
    lines, pos = [], 0
    for i, (label, text) in enumerate(page1, 1):
        lines.append({"page_id": arts[0]["page_id"], "line_no": i, "start": pos, "end": pos + len(text),
                      "label": label, "score": 0.9, "text": text})
        pos += len(text) + 1
    lines.append({"page_id": arts[5]["page_id"], "line_no": 1, "start": 0, "end": len(b6[0]), "label": "body",
                  "score": 0.5, "text": b6[0]})
    return arts, lines


def write_demo_outdir(outdir: Path, rows: list[dict[str, Any]] | None = None) -> Path:
    """Write the demo refine output (or ``rows`` as articles) into ``outdir``; returns ``outdir``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    arts, lines = demo_rows()
    if rows is not None:
        arts = rows
    pq.write_table(pa.Table.from_pylist(arts, schema=ARTICLE_SCHEMA), outdir / "articles.parquet")
    pq.write_table(pa.Table.from_pylist(lines, schema=LINE_SCHEMA), outdir / "lines.parquet")
    rej = [
        {"id": "demo-r1", "source": "demo.jsonl:7", "reason": "empty", "message": "no text"},
        {"id": "demo-r2", "source": "demo.jsonl:8", "reason": "not_arabic", "message": "language en (0.98)"},
        {"id": "demo-r3", "source": "demo.jsonl:9", "reason": "not_arabic", "message": "language fa (0.91)"},
    ]
    with open(outdir / "rejected.jsonl", "w", encoding="utf-8") as f:
        f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rej)
    manifest = {"counts": {"records": len(arts) + len(rej), "articles": len(arts), "rejected": len(rej),
                           "rejected_by_reason": {"empty": 1, "not_arabic": 2}}}
    (outdir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return outdir
