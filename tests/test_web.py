"""Web app: pages render RTL, API returns JSON, params validated (422), text escaped, nothing external."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient

from akhbar.store import build_index
from akhbar.store.demo import XSS, demo_rows, write_demo_outdir
from akhbar.web import create_app

ARTS, _ = demo_rows()
ORBAN1, XSS_ART = ARTS[0], ARTS[5]
ORBAN = "فيكتور أوربان"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    d = write_demo_outdir(tmp_path_factory.mktemp("web"))
    build_index(d)
    with TestClient(create_app(d)) as c:
        yield c


def pages() -> list[str]:
    return [
        "/",
        "/?q=" + quote("الاوروبي"),
        f"/article/{ORBAN1['id']}",
        f"/article/{ORBAN1['id']}/original",
        f"/article/{XSS_ART['id']}",
        f"/article/{XSS_ART['id']}/original",
        f"/story/{ORBAN1['story_id']}",
        "/entity/" + quote(ORBAN),
        "/entities",
        "/stories",
        "/stats",
    ]


@pytest.mark.parametrize("path", pages())
def test_pages_render_rtl_without_external_resources(client, path):
    r = client.get(path)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"].startswith("text/html")
    assert '<html lang="ar" dir="rtl">' in r.text
    # nothing loaded from another origin, and no script at all
    assert not re.search(r'(src|href)="(https?:)?//', r.text.replace('href="https://www.okaz', ""))
    assert "<script" not in r.text
    assert "script-src" not in r.headers["content-security-policy"]
    assert "default-src 'none'" in r.headers["content-security-policy"]


def test_search_page_shows_highlighted_results(client):
    r = client.get("/", params={"q": "الاوروبي"})
    assert ORBAN1["title"] in r.text
    assert "<mark>الأوروبي</mark>" in r.text or "<mark>الأوروبيّ</mark>" in r.text


def test_search_page_filters(client):
    r = client.get("/", params={"q": "أوربان", "publisher": "aawsat"})
    assert ARTS[2]["title"] in r.text and ORBAN1["title"] not in r.text
    r = client.get("/", params={"entity": ORBAN, "from": "2025-11-11", "to": "2025-11-30"})
    assert ARTS[2]["title"] in r.text and ORBAN1["title"] not in r.text


def test_empty_form_fields_mean_no_filter(client):
    # what a browser sends when the form's date and menu fields are left empty
    r = client.get("/?q=" + quote("أوربان") + "&from=&to=&publisher=&section=&entity=")
    assert r.status_code == 200 and ORBAN1["title"] in r.text
    r = client.get("/api/search?q=" + quote("أوربان") + "&from=&to=")
    assert r.status_code == 200 and len(r.json()["results"]) == 3


def test_search_page_pagination(client):
    t = client.get("/", params={"limit": 2}).text
    assert "offset=2" in t and "limit=2" in t
    t = client.get("/", params={"limit": 2, "offset": 2}).text
    assert "offset=0" in t and "offset=4" in t
    t = client.get("/", params={"limit": 2, "offset": 4}).text
    assert "offset=6" not in t  # last page: 6 articles


def test_article_page_content(client):
    t = client.get(f"/article/{ORBAN1['id']}").text
    for s in [ORBAN1["title"], "واس", "محمد العتيبي", "المجر", ORBAN1["body"][1][:30], "/entity/" + quote(ORBAN, safe=""),
              f"/story/{ORBAN1['story_id']}", "المجر والسعودية توقعان مذكرة تفاهم", "/original"]:
        assert s in t, s


def test_original_view_marks_boilerplate(client):
    t = client.get(f"/article/{ORBAN1['id']}/original").text
    assert re.search(r'class="boiler" data-label="navigation"', t)
    assert re.search(r'class="content" data-label="body"', t)
    assert "جميع الحقوق محفوظة &lt;عكاظ&gt; 2025" in t


def test_story_and_entity_pages(client):
    t = client.get(f"/story/{ORBAN1['story_id']}").text
    assert all(a["title"] in t for a in ARTS[:3])
    assert "<svg" in t and "okaz" in t and "aawsat" in t
    t = client.get("/entity/" + quote(ORBAN)).text
    assert "فكتور اوربان" in t and "<svg" in t


def test_stories_page_lists_stories_with_their_outlets(client):
    t = client.get("/stories").text
    assert f'href="/story/{ORBAN1["story_id"]}"' in t and 'href="/stories"' in t
    assert "okaz" in t and "aawsat" in t
    assert 'id="stories"' in client.get("/stories?offset=0").text
    late = client.get("/stories?offset=5000")
    assert late.status_code == 200 and 'id="nostories"' in late.text
    assert client.get("/stories?offset=-1").status_code == 422


def test_xss_is_escaped_everywhere(client):
    for path in [f"/article/{XSS_ART['id']}", "/?q=" + quote("وسم"), "/stats", "/?q=" + quote(XSS),
                 f"/article/{XSS_ART['id']}/original", "/entities", "/entity/" + quote("<script>x</script>")]:
        r = client.get(path)
        assert r.status_code == 200, path
        assert "<script" not in r.text.lower(), path
        assert "<img src=x" not in r.text.lower(), path
        assert 'href="javascript:' not in r.text.lower(), path
    t = client.get(f"/article/{XSS_ART['id']}").text
    assert "&lt;script&gt;alert(" in t
    assert "demo&lt;b&gt;pub&lt;/b&gt;" in t


def test_api_search_and_records(client):
    r = client.get("/api/search", params={"q": "الاوروبي", "limit": 5})
    assert r.status_code == 200
    body = r.json()
    assert {h["id"] for h in body["results"]} == {ORBAN1["id"], ARTS[2]["id"]}
    assert body["results"][0]["highlights"]
    assert client.get(f"/api/articles/{ORBAN1['id']}").json()["agencies"] == ["واس"]
    assert len(client.get(f"/api/articles/{ORBAN1['id']}/lines").json()) == 9
    assert len(client.get(f"/api/pages/{ORBAN1['page_id']}/lines").json()) == 9
    assert len(client.get(f"/api/stories/{ORBAN1['story_id']}").json()["articles"]) == 3
    assert client.get("/api/entities/" + quote(ORBAN)).json()["n_articles"] == 3
    assert client.get("/api/entities").json()[0]["canonical"]
    assert client.get("/api/stats").json()["rejections"] == {"not_arabic": 2, "empty": 1}
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get("/api/stories/nope").status_code == 404
    assert client.get("/api/entities/nobody").status_code == 404


def test_openapi_schema_local_and_no_cdn_docs(client):
    spec = client.get("/openapi.json").json()
    assert "/api/search" in spec["paths"] and "/api/stats" in spec["paths"]
    assert client.get("/docs").status_code == 404  # Swagger UI would load from a CDN


@pytest.mark.parametrize(
    "path",
    [
        "/api/search?from=2025-13-01",
        "/api/search?to=notadate",
        "/api/search?limit=100000",
        "/api/search?limit=0",
        "/api/search?offset=-5",
        "/api/search?q=" + "ا" * 600,
        "/?from=31/12/2025",
        "/?limit=999999999999999999999",
        "/?offset=abc",
        "/entities?prefix=" + "x" * 300,
    ],
)
def test_bad_params_give_422(client, path):
    r = client.get(path)
    assert r.status_code == 422, (path, r.status_code)


def test_html_errors_are_pages(client):
    r = client.get("/?from=bad")
    assert r.status_code == 422 and "text/html" in r.headers["content-type"] and 'dir="rtl"' in r.text
    r = client.get("/article/none")
    assert r.status_code == 404 and "text/html" in r.headers["content-type"]


def test_html_errors_are_in_arabic(client):
    r = client.get("/search", params={"q": "x", "from": "2015-13-01"})
    assert r.status_code == 422 and "«من»" in r.text and "2015-13-01" in r.text
    assert "Input should be" not in r.text
    r = client.get("/nosuch")
    assert r.status_code == 404 and "الصفحة غير موجودة" in r.text and "Not Found" not in r.text
    r = client.get("/article/none")
    assert "لا يوجد مقال بهذا المعرّف" in r.text and "no such article" not in r.text


def test_weird_queries_never_500(client):
    for q in ['"', "NEAR(", "*", "AND", "()", "^", "\x00", "؟؟", "' OR 1=1 --"]:
        assert client.get("/api/search", params={"q": q}).status_code == 200, q
        assert client.get("/", params={"q": q}).status_code == 200, q


def test_create_app_missing_store(tmp_path: Path):
    with pytest.raises(FileNotFoundError):
        create_app(tmp_path)
