"""Web page for Arabic readers: bidi isolation, Arabic labels, overview landing page, story page."""

from __future__ import annotations

import copy
import itertools
import re
from html.parser import HTMLParser
from urllib.parse import quote

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient

from akhbar.model import LINE_LABELS, REJECTION_REASONS
from akhbar.store import build_index
from akhbar.store.demo import demo_rows, write_demo_outdir
from akhbar.web import charts, create_app, labels
from akhbar.web.bidi import date, isolate, ltr, num

ARTS, _ = demo_rows()
ORBAN1 = ARTS[0]
NO_DATE = ARTS[1]  # published removed below: dated only by its crawl date
LATIN = "قالت وكالة Reuters في 2015-07-21 إن COVID-19 انتشر، انظر https://example.com/a?b=1."


def _rows() -> list[dict]:
    rows = copy.deepcopy(ARTS)
    rows[1]["published"] = None
    rows[1]["published_precision"] = None
    rows[0]["body"] = [*rows[0]["body"], LATIN]
    return rows


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    d = write_demo_outdir(tmp_path_factory.mktemp("webui"), _rows())
    build_index(d)
    with TestClient(create_app(d)) as c:
        yield c


class _Unisolated(HTMLParser):
    """Text of ``<body>`` that is outside every ``<bdi>`` (and outside svg/option/textarea)."""

    SKIP = frozenset({"svg", "option", "textarea", "head"})
    VOID = frozenset({"br", "img", "input", "meta", "link", "hr", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if "bdi" in self.stack or any(t in self.SKIP for t in self.stack) or "body" not in self.stack:
            return
        self.texts.append(data)


def unisolated(html: str) -> list[str]:
    p = _Unisolated()
    p.feed(html)
    return p.texts


def pages() -> list[str]:
    return [
        "/", "/search", "/search?q=" + quote("الاوروبي"), f"/article/{ORBAN1['id']}",
        f"/article/{ORBAN1['id']}/original", f"/article/{NO_DATE['id']}", f"/article/{ARTS[5]['id']}",
        f"/story/{ORBAN1['story_id']}", "/entity/" + quote("فيكتور أوربان"), "/entities", "/stats",
    ]


# --------------------------------------------------------------------------------------- bidi
def test_isolate_wraps_latin_dates_urls_but_not_plain_numbers():
    h = str(isolate(LATIN))
    assert "<bdi>Reuters</bdi>" in h
    assert '<bdi dir="ltr">2015-07-21</bdi>' in h
    assert "<bdi>COVID-19</bdi>" in h
    assert "<bdi>https://example.com/a?b=1</bdi>." in h  # the sentence's full stop stays outside
    assert str(isolate("عام 2015 و3.5 مليون")) == "عام 2015 و3.5 مليون"
    assert str(isolate("<b>x</b>")) == "&lt;<bdi>b</bdi>&gt;<bdi>x</bdi>&lt;/<bdi>b</bdi>&gt;"


def test_value_filters():
    assert str(date("2015-07-21T10:30:00+03:00")) == (
        '<bdi dir="ltr" class="date"><time datetime="2015-07-21T10:30:00+03:00">2015-07-21 10:30</time></bdi>')
    assert str(date(None)) == "" and str(ltr("")) == ""
    assert str(num(12345)) == '<bdi dir="ltr">12,345</bdi>'
    assert str(ltr("<x>")) == '<bdi dir="ltr">&lt;x&gt;</bdi>'


@pytest.mark.parametrize("path", pages())
def test_no_latin_date_or_url_outside_an_isolate(client, path):
    r = client.get(path)
    assert r.status_code == 200, r.text[:300]
    for t in unisolated(r.text):
        assert not re.search(r"[A-Za-z]", t), (path, t)
        assert not re.search(r"\d[-/:]\d", t), (path, t)


def test_dates_in_lists_are_isolated(client):
    t = client.get("/search").text
    assert re.search(r'<bdi dir="ltr" class="date"><time datetime="2025-11-1\d[^"]*">2025-11-1\d', t)
    t = client.get(f"/story/{ORBAN1['story_id']}").text
    assert t.count('class="date"') >= 6  # header range, outlets table, list


# --------------------------------------------------------------------------------------- labels
def test_every_code_has_an_arabic_label():
    assert set(LINE_LABELS) <= set(labels.LINE_LABELS)
    assert set(REJECTION_REASONS) <= set(labels.REJECTION_REASONS)
    for table in labels.KINDS.values():
        for v in table.values():
            assert re.search(r"[\u0600-\u06FF]", v), v


def test_codes_are_not_shown_in_english(client):
    for path in ["/", "/stats", f"/article/{ORBAN1['id']}", f"/article/{ORBAN1['id']}/original", "/entities",
                 "/entity/" + quote("فيكتور أوربان")]:
        text = " ".join(unisolated(client.get(path).text))
        for code in ("not_arabic", "navigation", "LOC", "PER", "ORG", "body", "main"):
            assert code not in text, (path, code)
    t = client.get("/").text
    assert "ليس عربيًا" in t and "فارغ" in t
    t = client.get(f"/article/{ORBAN1['id']}/original").text
    assert "تنقل" in t and "المتن" in t
    assert ">شخص<" in client.get(f"/article/{ORBAN1['id']}").text


# --------------------------------------------------------------------------------------- overview
def test_overview_is_the_landing_page(client):
    t = client.get("/").text
    assert 'id="overview-counts"' in t
    counts = {label: b for b, label in re.findall(r'<b><bdi dir="ltr">([\d,]+)</bdi></b>([^<]+)</div>', t)}
    assert counts["مقالًا"] == "6" and counts["ناشرًا"] == "5" and counts["سجلًا مرفوضًا"] == "3", counts
    assert "2025-11-10" in t and "2025-11-13" in t  # date range
    assert f'href="/story/{ORBAN1["story_id"]}"' in t and "3</bdi> مقالات من" in t  # top story
    assert 'id="top-entities"' in t and "/entity/" + quote("فيكتور أوربان", safe="") in t
    assert 'id="latest"' in t and 'action="/search"' in t
    assert "تاريخ الجمع" in t  # one article has no publication date


def test_query_on_root_still_searches(client):
    t = client.get("/", params={"q": "الاوروبي"}).text
    assert 'id="results"' in t and 'id="overview-counts"' not in t
    t = client.get("/search", params={"limit": 2}).text
    assert "/search?" in t and "offset=2" in t


def test_crawl_date_is_marked(client):
    t = client.get(f"/article/{NO_DATE['id']}").text
    assert 'class="crawl-date"' in t and "ليس تاريخ النشر" in t
    t = client.get(f"/article/{ORBAN1['id']}").text
    assert 'class="crawl-date"' not in t


# --------------------------------------------------------------------------------------- story
def test_story_page_outlets_and_timeline(client):
    t = client.get(f"/story/{ORBAN1['story_id']}").text
    table = t[t.index('id="story-outlets"'):t.index("</table>", t.index('id="story-outlets"'))]
    for pub in ("okaz", "alriyadh", "aawsat"):
        assert f"<bdi>{pub}</bdi>" in table
    assert t.count("<circle") == 3
    assert "(تاريخ الجمع)" in t


def _label_boxes(svg: str) -> list[tuple[float, float, float]]:
    out = []
    for x, y, text in re.findall(r'<text x="([\d.]+)" y="([\d.]+)" font-size="13" text-anchor="middle" '
                                 r'unicode-bidi="plaintext">([^<]*)</text>', svg):
        w = charts.TL_CHAR_W * len(text)
        out.append((float(y), float(x) - w / 2, float(x) + w / 2))
    return out


@pytest.mark.parametrize("same_time", [True, False])
def test_timeline_labels_do_not_overlap(same_time):
    names = ["الشرق الأوسط", "الرياض", "عكاظ", "سبق", "اليوم", "المدينة", "الوطن", "الجزيرة", "الاقتصادية",
             "الوئام", "okaz.com.sa", "Al Arabiya English"]
    items = [(("2015-07-21" if same_time else f"2015-07-21T10:{i:02d}"), n, f"a-{i}") for i, n in enumerate(names)]
    svg = str(charts.timeline(items))
    xs = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)]
    assert len(xs) == len(names) and min(b - a for a, b in itertools.pairwise(xs)) >= 10
    boxes = _label_boxes(svg)
    assert len(boxes) >= 6
    for i, (y1, l1, r1) in enumerate(boxes):
        for y2, l2, r2 in boxes[i + 1:]:
            assert y1 != y2 or r1 <= l2 or r2 <= l1, (boxes,)


def test_search_page_counts_and_folds_copies(tmp_path) -> None:
    # new-user trial: the web search page showed no hit count and listed copies as results,
    # and a query with no word (q=!!) showed an empty form without a message
    rows = _rows()
    copy_row = copy.deepcopy(rows[0])
    copy_row.update(id="c0a1c0a1c0a1c0a1", dup_of=rows[0]["id"], near_dup_score=0.9, publisher="نسخة")
    rows.append(copy_row)
    d = write_demo_outdir(tmp_path, rows)
    build_index(d)
    with TestClient(create_app(d)) as c:
        html = c.get("/search", params={"q": "أوربان"}).text
        assert 'id="count"' in html and "بعد طيّ" in html
        # the copy is folded: linked once, from its original's "copies" line, never as a result
        assert html.count("c0a1c0a1c0a1c0a1") == 1
        assert 'class="meta copies"' in html
        bad = c.get("/search", params={"q": "!!"})
        assert bad.status_code == 200 and 'id="badquery"' in bad.text


@pytest.mark.parametrize(("n", "noun", "want"), [
    (1, "مقال", "1 مقال"), (2, "مقال", "مقالان"), (3, "نسخة", "3 نسخ"), (5, "نسخة", "5 نسخ"),
    (10, "مصدر", "10 مصادر"), (11, "نسخة", "11 نسخة"), (14, "مقال", "14 مقالًا"), (100, "مقال", "100 مقال"),
    (103, "مقال", "103 مقالات"), (1250, "مقال", "1,250 مقالًا"),
])
def test_counted_nouns_agree_with_the_number(n, noun, want):
    import re

    from akhbar.web.labels import counted

    assert re.sub(r"<[^>]+>", "", str(counted(n, noun))) == want
