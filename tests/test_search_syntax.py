"""Search (issue 17, items 6 and 9): query syntax, hit count, copies folded, sort, publisher
by id, a CLI that does not import pyarrow, a store that keeps the text once (compressed)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from akhbar.cli import app
from akhbar.store import build_index, open_store
from akhbar.store.demo import demo_rows, write_demo_outdir
from akhbar.store.text import parse_search

ARTS, _LINES = demo_rows()
ORBAN1, ORBAN2, ORBAN3, HEALTH, FOOTBALL, XSS_ART = (a["id"] for a in ARTS)
COPY = "copy-of-orban1"
OUTLETS = {"okaz": "عكاظ", "alriyadh": "الرياض", "aawsat": "الشرق الأوسط", "alyaum": "اليوم"}


@pytest.fixture(scope="module")
def outdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # outlets by their Arabic names (as refine writes SaudiNewsNet), plus a copy of ORBAN1 (dup_of)
    rows = [{**a, "publisher": OUTLETS.get(a["publisher"], a["publisher"])} for a in ARTS]
    rows.append({**rows[0], "id": COPY, "dup_of": ORBAN1, "publisher": "سبق", "url": "https://sabq.org/x",
                 "published": "2025-11-10T10:00:00+03:00"})
    d = write_demo_outdir(tmp_path_factory.mktemp("syntax"), rows=rows)
    build_index(d)
    return d


@pytest.fixture(scope="module")
def store(outdir: Path):
    s = open_store(outdir)
    yield s
    s.close()


def ids(hits: list[dict]) -> set[str]:
    return {h["id"] for h in hits}


# ----------------------------------------------------------------------------------------- syntax
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("أوربان", {ORBAN1, ORBAN2, ORBAN3, COPY}),
        ("أوربان الطاقة", {ORBAN2, ORBAN3}),  # implicit AND (للطاقة too)
        ("الإنفلونزا OR الكويت", {HEALTH, FOOTBALL}),
        ("أوربان -الطاقة", {ORBAN1, COPY}),
        ("أوربان NOT الطاقة", {ORBAN1, COPY}),
        ("الرياض OR مكة -أوربان", {HEALTH}),
        ('"خادم الحرمين"', {ORBAN2}),
        ('أوربان -"زيارة رسمية"', {ORBAN2, ORBAN3}),
        ('"رئيس الوزراء المجري', {ORBAN1, ORBAN3, COPY}),  # unbalanced quote: phrase to the end
        ("AND أوربان AND الطاقة OR", {ORBAN2, ORBAN3}),  # stray operators ignored
    ],
)
def test_boolean_syntax(store, query: str, expected: set[str]):
    assert ids(store.search(query, limit=50)) == expected


def test_only_excluded_words_browse_the_rest(store):
    got = ids(store.search("-أوربان", limit=50))
    assert got == {HEALTH, FOOTBALL, XSS_ART}


@pytest.mark.parametrize(
    "query", ['"', '""', "OR", "NOT", "-", 'a"b', "NEAR(a b)", "a:b OR", '"x OR y', "^x*", "(a OR b", "-(", "أ OR -"]
)
def test_no_input_is_an_fts_syntax_error(store, query: str):
    assert isinstance(store.search(query), list)
    assert isinstance(store.find(query)["total"], int)


def test_parse_search_quotes_every_term():
    pos, neg = parse_search('أوربان OR "خادم الحرمين" -الطاقة').match()
    assert pos == '("اوربان" OR NEAR("خادم" "حرمين", 8))'
    assert neg == '"طاقه"'


# ----------------------------------------------------------------------------------------- results
def test_find_counts_and_folds_copies(store):
    r = store.find("أوربان")
    assert (r["total"], r["results"]) == (4, 3)
    first = next(h for h in r["hits"] if h["id"] == ORBAN1)
    assert [c["id"] for c in first["copies"]] == [COPY]
    assert all(h["id"] != COPY for h in r["hits"])  # shown under its original only
    assert store.find("لاتوجدكلمة") == {**store.find("لاتوجدكلمة"), "total": 0, "results": 0, "hits": []}


def test_sort_by_date(store):
    hits = store.search("أوربان OR الكويت OR مكة", sort="date", limit=50)
    days = [h["published"][:10] for h in hits]
    assert days == sorted(days, reverse=True) and hits[0]["id"] == FOOTBALL


@pytest.mark.parametrize("name", ["okaz", "OKAZ", "عكاظ", "okaz.com.sa"])
def test_publisher_by_source_id_name_or_host(store, name: str):
    assert ids(store.search("", publisher=name, limit=50)) == {ORBAN1, FOOTBALL}


def test_publisher_arabic_without_hamza(store):
    assert ids(store.search("", publisher="الشرق الاوسط")) == {ORBAN3}
    assert ids(store.search("", publisher="aawsat")) == {ORBAN3}


# ----------------------------------------------------------------------------------------- CLI
runner = CliRunner()


def test_cli_count_copies_and_no_results(outdir: Path):
    r = runner.invoke(app, ["search", str(outdir), "أوربان"])
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[0].startswith("4 articles (3 after folding 1 copy)")
    assert "+ 1 copy (سبق)" in r.stdout
    r = runner.invoke(app, ["search", str(outdir), "لاتوجدكلمة", "--publisher", "okaz"])
    assert r.exit_code == 0 and r.stdout.strip() == "no results for 'لاتوجدكلمة' with --publisher okaz"


def test_cli_json_has_count_sort_and_copies(outdir: Path):
    r = runner.invoke(app, ["search", str(outdir), "أوربان OR الكويت", "--json", "--sort", "date",
                            "--publisher", "okaz"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["total"] == 2 and d["sort"] == "date" and [h["id"] for h in d["hits"]] == [FOOTBALL, ORBAN1]
    assert "عكاظ" in r.stdout  # Arabic stays readable
    r = runner.invoke(app, ["search", str(outdir), "x", "--sort", "size"])
    assert r.exit_code == 2 and "--sort" in r.output and "Traceback" not in r.output


def test_cli_help_documents_the_syntax_in_80_columns():
    r = runner.invoke(app, ["search", "--help"], terminal_width=80, env={"COLUMNS": "80"})
    assert r.exit_code == 0
    for word in ("OR", "NOT", "-word", '"a phrase"', "--sort", "okaz", "copies"):
        assert word in r.stdout, word
    assert max(len(line) for line in r.stdout.splitlines()) <= 80


# ----------------------------------------------------------------------------------------- speed, size
def test_cli_search_imports_neither_pyarrow_nor_pydantic(outdir: Path):
    # the costs found by benchmarks/cli_search_speed.py: pyarrow (~0.5 s, via akhbar.model) and
    # typer's pydantic-based parameter parsing (~0.3 s); `akhbar search` needs neither
    code = (
        "import sys; sys.argv = ['akhbar', 'search', sys.argv[1], 'أوربان', '--limit', '2']\n"
        "from akhbar.cli import app\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('pyarrow', 'pydantic') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(outdir)], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("[]"), out.stdout + out.stderr
    assert "4 articles" in out.stdout


@pytest.mark.parametrize(
    "argv",
    [
        ["أوربان"],
        ["أوربان", "--publisher", "okaz", "--sort=date"],
        ["لاتوجدكلمة"],
        ["أوربان OR الكويت", "--json", "--limit", "1"],
        ["!!"],
        ["x", "--from", "yesterday"],
    ],
)
def test_fast_path_prints_what_typer_prints(outdir: Path, argv: list[str]):
    from akhbar.cli_search import fast_search_args

    assert fast_search_args([str(outdir), *argv]) is not None
    typer_run = runner.invoke(app, ["search", str(outdir), *argv])
    code = "import sys; from akhbar.cli import app; sys.argv = ['akhbar', 'search', *sys.argv[1:]]; app()"
    fast = subprocess.run([sys.executable, "-c", code, str(outdir), *argv], capture_output=True, text=True,
                          check=False)
    assert fast.returncode == typer_run.exit_code
    if fast.returncode == 0:
        assert fast.stdout.split() == typer_run.stdout.split()


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["s", "q", "--limit", "0"], ["s", "q", "--limit", "x"], ["s", "q", "--bogus"], ["s"],
     ["s", "q", "extra"], ["s", "q", "--sort"], ["s", "q", "--json=1"], ["s", "q", "--limit", "2", "--limit", "3"],
     ["s", "--", "-q"]],
)
def test_fast_path_leaves_anything_unusual_to_typer(argv: list[str]):
    from akhbar.cli_search import fast_search_args

    assert fast_search_args(argv) is None


def test_store_keeps_text_once_compressed(outdir: Path, store):
    con = sqlite3.connect(outdir / "akhbar.sqlite")
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "lines" not in tables  # page lines live compressed in `pages`
    fts_sql = con.execute("SELECT sql FROM sqlite_master WHERE name = 'fts'").fetchone()[0]
    assert "content=''" in fts_sql
    con.close()
    raw = (outdir / "akhbar.sqlite").read_bytes()
    for a in ARTS[:5]:
        assert a["body"][0].encode("utf-8") not in raw  # body text stored compressed only
    # and still read back exactly
    assert store.article(ORBAN1)["body"] == ARTS[0]["body"]
    assert [ln["text"] for ln in store.lines(ARTS[0]["page_id"])] == [
        ln["text"] for ln in _LINES if ln["page_id"] == ARTS[0]["page_id"]
    ]


# ------------------------------------------------------- a crawl date is never shown as published
@pytest.fixture(scope="module")
def crawl_only_outdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rows = [{**a, "published": None, "published_source": None, "crawl_date": "2015-07-23"} for a in ARTS[:1]]
    d = write_demo_outdir(tmp_path_factory.mktemp("crawlonly"), rows=rows)
    build_index(d)
    return d


def test_crawl_date_is_not_published_in_search(crawl_only_outdir: Path):
    with open_store(crawl_only_outdir) as s:
        (hit,) = s.search("")
        assert hit["published"] is None and hit["day"] == "2015-07-23"
        (hit,) = s.find("")["hits"]
        assert hit["published"] is None and hit["day"] == "2015-07-23"
    r = runner.invoke(app, ["search", str(crawl_only_outdir), ""])
    assert r.exit_code == 0 and "2015-07-23 (crawl date)" in r.output
    r = runner.invoke(app, ["search", str(crawl_only_outdir), "", "--json"])
    (hit,) = json.loads(r.output)["hits"]
    assert hit["published"] is None and hit["day"] == "2015-07-23"


def test_crawl_date_marked_on_the_web_search_page(crawl_only_outdir: Path):
    from fastapi.testclient import TestClient

    from akhbar.web import create_app

    with TestClient(create_app(crawl_only_outdir)) as c:
        page = c.get("/search", params={"q": ""}).text
        assert "(تاريخ الجمع)" in page
        api = c.get("/api/search", params={"q": "أوربان"}).json()
        assert all(h["published"] is None and h["day"] == "2015-07-23" for h in api["results"])


@pytest.mark.parametrize("name", ["www.okaz.com.sa", "https://www.okaz.com.sa/news/1", "m.okaz.com.sa"])
def test_publisher_by_web_address(store, name: str):
    assert ids(store.search("", publisher=name, limit=50)) == {ORBAN1, FOOTBALL}


def test_outlet_stored_by_its_id_is_found_by_its_name(tmp_path):
    # the HTML route may store an outlet by its site id (alyaum); its Arabic name finds it too
    d = write_demo_outdir(tmp_path / "raw", rows=[a for a in ARTS if a["publisher"] == "alyaum"])
    build_index(d)
    with open_store(d) as s:
        assert ids(s.search("", publisher="اليوم")) == {HEALTH}
        assert ids(s.search("", publisher="alyaum")) == {HEALTH}
