"""Whole-store figures and query groups computed once per store version: what is shown does not change.

``/stats`` (and the overview, ``stats``, ``facets``) are computed once per store version
(``Store.memo``, keyed on the store file's identity, size and modification time); ``Store.find``
keeps the match groups of recent queries. Cached and uncached output must be byte-identical, and a
store extended while served must be counted again.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient

from akhbar.store import Store, build_index, open_store
from akhbar.store.demo import demo_rows, write_demo_outdir
from akhbar.web import create_app

ARTS, _ = demo_rows()


def _uncached(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ``memo`` call computes afresh, and ``find`` keeps no groups."""
    monkeypatch.setattr(Store, "memo", lambda self, key, fn: fn())
    monkeypatch.setattr("akhbar.store.store.FIND_CACHE_QUERIES", 0)


def test_stats_page_identical_cached_and_uncached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    d = write_demo_outdir(tmp_path / "out")
    build_index(d)
    with TestClient(create_app(d)) as c:
        first, second = c.get("/stats"), c.get("/stats")
        overview = c.get("/")
    with monkeypatch.context() as m:
        _uncached(m)
        with TestClient(create_app(d)) as c:
            plain = c.get("/stats")
            plain_overview = c.get("/")
    assert first.status_code == second.status_code == plain.status_code == 200
    assert first.content == second.content == plain.content
    assert first.headers["content-type"] == plain.headers["content-type"] == "text/html; charset=utf-8"
    assert first.headers["content-security-policy"] == plain.headers["content-security-policy"]
    assert overview.content == plain_overview.content


def test_store_extended_while_served_is_counted_again(tmp_path: Path):
    store = tmp_path / "s.sqlite"
    build_index(write_demo_outdir(tmp_path / "a", rows=ARTS[:3]), store)
    with TestClient(create_app(store)) as c:
        assert c.get("/api/stats").json()["articles"] == 3
        before = c.get("/stats").text
        n_before = c.get("/search").text.count('<a class="title"')
        build_index(write_demo_outdir(tmp_path / "b", rows=ARTS[3:]), store)
        assert c.get("/api/stats").json()["articles"] == len(ARTS)
        after = c.get("/stats").text
        counts = re.search(r'id="stats-counts">\s*<div><b>(.*?)</b>', after)
        assert after != before and counts and re.sub(r"<[^>]+>", "", counts.group(1)) == str(len(ARTS))
        assert c.get("/search").text.count('<a class="title"') == len(ARTS) > n_before


def _with_copies(tmp_path: Path) -> Path:
    rows = [dict(r) for r in ARTS]
    rows[1]["dup_of"] = rows[0]["id"]  # a copy of the first Orban article
    rows[2]["dup_of"] = rows[0]["id"]
    d = write_demo_outdir(tmp_path / "dups", rows=rows)
    build_index(d)
    return d


@pytest.mark.parametrize("query", ["أوربان", "", "الرياض", "المجر OR الكويت", "-أوربان", "!!"])
def test_find_cached_equals_uncached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, query: str):
    d = _with_copies(tmp_path)
    calls = [{}, {"offset": 1, "limit": 1}, {"sort": "date"}, {"publisher": "okaz"}, {"date_from": "2015-01-01"}]
    st = open_store(d)
    cached = [[json.dumps(st.find(query, **kw), ensure_ascii=False, sort_keys=True) for kw in calls]
              for _ in range(2)]
    assert cached[0] == cached[1]
    with monkeypatch.context() as m:
        _uncached(m)
        fresh = [json.dumps(open_store(d).find(query, **kw), ensure_ascii=False, sort_keys=True) for kw in calls]
    assert cached[0] == fresh


def test_find_groups_copies_under_the_original(tmp_path: Path):
    d = _with_copies(tmp_path)
    st = open_store(d)
    for _ in range(2):  # computed, then from the cache
        got = st.find("أوربان")
        assert got["total"] == 3 and got["results"] == 1
        (hit,) = got["hits"]
        assert hit["id"] == ARTS[0]["id"]
        assert sorted(c["id"] for c in hit["copies"]) == sorted(r["id"] for r in ARTS[1:3])
        assert hit["highlights"] and hit["score"] >= 0


def test_memo_computes_once_per_version(tmp_path: Path):
    d = write_demo_outdir(tmp_path / "out")
    build_index(d)
    st = open_store(d)
    calls = []
    assert st.memo("k", lambda: calls.append(1) or len(calls)) == 1
    assert st.memo("k", lambda: calls.append(1) or len(calls)) == 1
    assert len(calls) == 1
    v = st.version()
    assert v == st.version() and v[0] is not None
