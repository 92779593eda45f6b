"""The HTML route on the 11 hand-made gold pages (shared/gold/pages); skipped when shared/ is absent."""

from __future__ import annotations

import json
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from akhbar import refine_html
from akhbar.arabic import normalize
from akhbar.html.cues import key

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD = SHARED / "gold" / "pages"
pytestmark = pytest.mark.real

IDS = sorted(p.name.removesuffix(".html.json") for p in GOLD.glob("*.html.json")) if GOLD.is_dir() else []


@cache
def _run(gid: str):
    g = json.loads((GOLD / f"{gid}.html.json").read_text(encoding="utf-8"))
    page = refine_html((SHARED / g["html"]).read_bytes(), url=g["url"])
    return g, page


def _norm(p: str) -> str:
    return " ".join(normalize(p, "display").split())


@pytest.fixture(params=IDS or [None])
def gold_page(request):
    if request.param is None:
        pytest.skip("shared/gold/pages not available")
    return _run(request.param)


def test_title_date_authors_tags(gold_page) -> None:
    g, page = gold_page
    assert page.rejection is None
    a = page.articles[0]
    assert a.title == " ".join(g["title"].split())
    assert a.published and a.published[:10] == g["published_date"]
    assert a.authors == g["authors"]
    assert a.tags == g["tags"]
    assert a.language == "ar"


def test_body_paragraphs(gold_page) -> None:
    g, page = gold_page
    body = page.articles[0].body
    want = Counter(_norm(p) for p in g["body_paragraphs"])
    tp = sum((Counter(_norm(p) for p in body) & want).values())
    precision, recall = tp / max(1, len(body)), tp / max(1, sum(want.values()))
    assert precision >= 0.9 and recall >= 0.9, (precision, recall)
    # related headlines never leak into the body
    text = key(" ".join(body))
    for h in g["related_headlines"]:
        if len(key(h)) > 25:
            assert key(h) not in text, h


def test_related_headlines_found(gold_page) -> None:
    g, page = gold_page
    ours = [key(r.title) for r in page.articles[0].related]
    found = sum(1 for h in g["related_headlines"] if any(key(h) in k or (len(k) > 5 and k in key(h)) for k in ours))
    assert found >= 0.85 * len(g["related_headlines"]), (found, len(g["related_headlines"]))


def test_lines_cover_text(gold_page) -> None:
    _, page = gold_page
    for ln in page.lines:
        assert page.text[ln.span[0]:ln.span[1]] == ln.text
    a = page.articles[0]
    for (s, e), p in zip(a.body_spans, a.body, strict=True):
        assert _norm(page.text[s:e]) == p


def test_other_shared_html_never_crash() -> None:
    pages = sorted((SHARED / "data" / "htmldate-mediacloud").glob("*/*.html"))
    if not pages:
        pytest.skip("shared/data not available")
    for p in pages:
        page = refine_html(p.read_bytes())
        assert page.rejection is None or page.rejection.reason != "internal_error", (p, page.rejection)
