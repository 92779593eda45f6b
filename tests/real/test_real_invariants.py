"""Invariants of `refine` over real pages from ../shared/data (skipped when ../shared is absent).

Runs > 1,000 real pages: one SaudiNewsNet day, the ANT samples and the Common Crawl sample.
"""

from __future__ import annotations

import json
import re

import pyarrow.parquet as pq
import pytest

from akhbar.page import lexicon as lx
from akhbar.run.local import refine_paths


@pytest.fixture(scope="module")
def real_run(shared, tmp_path_factory):
    data = shared / "data"
    inputs = [
        data / "saudinewsnet" / "2015-07-22.zip",
        data / "antcorpus-multisource" / "sample",
        data / "antcorpus-jawharafm" / "sample",
        data / "cc-arabic-trafilatura-sample",
    ]
    out = tmp_path_factory.mktemp("real")
    res = refine_paths(inputs, out)
    return res, out


def test_counts_add_up(real_run):
    _, out = real_run
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    c = m["counts"]
    assert c["records"] >= 1000
    assert c["records"] == c["records_with_articles"] + c["rejected"]
    rejected = (out / "rejected.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(rejected) == c["rejected"]
    assert c["records_with_articles"] / c["records"] > 0.95
    assert "internal_error" not in c["rejected_by_reason"]


_SHARE_BAR = re.compile(r"^(?:شارك(?:\s+من\s+خلال)?|تابعونا|Share)\b.*(?:تويتر|فيسبوك|واتساب|Twitter|Facebook)", re.IGNORECASE)


def test_articles_are_clean(real_run):
    _, out = real_run
    rows = pq.read_table(out / "articles.parquet", columns=["id", "title", "body", "role"]).to_pylist()
    assert rows
    for r in rows:
        assert r["title"] and r["title"].strip(), r["id"]
        assert r["body"] and all(p.strip() for p in r["body"]), r["id"]
        for p in r["body"]:
            assert not _SHARE_BAR.match(p), (r["id"], p[:80])
            assert not lx.SUBSCRIPTION.search(p), (r["id"], p[:80])
            assert not lx.NAV_LINE.match(p), (r["id"], p[:80])


def test_lines_cover_every_page(real_run):
    _, out = real_run
    lines = pq.read_table(out / "lines.parquet", columns=["page_id", "label"]).to_pylist()
    arts = pq.read_table(out / "articles.parquet", columns=["page_id"]).to_pylist()
    with_lines = {x["page_id"] for x in lines}
    assert {a["page_id"] for a in arts} <= with_lines
