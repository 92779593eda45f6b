"""Store on real refine output: ANT v2.1 sample pages refined by akhbar, indexed, searched, served.

Reads ../shared/data/antcorpus-multisource/sample in place (skips when absent).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from akhbar.store import build_index, open_store
from akhbar.store.text import search_tokens

SHARED = Path(__file__).resolve().parents[2] / "shared"
SAMPLE = SHARED / "data" / "antcorpus-multisource" / "sample"

pytestmark = pytest.mark.real


@pytest.fixture(scope="module")
def refined(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SAMPLE.is_dir():
        pytest.skip(f"{SAMPLE} is not present")
    import akhbar

    files = sorted(SAMPLE.rglob("*.txt"))[:40]
    out = tmp_path_factory.mktemp("refined")
    akhbar.refine([str(f) for f in files], out, index=False)
    return out


def test_index_real_refine_output(refined: Path, tmp_path: Path):
    stats = build_index(refined, tmp_path / "s.sqlite")
    assert stats["added"] > 20 and stats["lines"] > stats["added"]
    again = build_index(refined, tmp_path / "s.sqlite")
    assert again["added"] == 0 and again["skipped"] == stats["added"]

    st = open_store(tmp_path / "s.sqlite")
    arts = [st.article(h["id"]) for h in st.search("", limit=1000)]
    assert len(arts) == stats["added"]
    found = 0
    for a in arts:
        assert st.lines(a["page_id"]), a["id"]
        words = [w for w in search_tokens(a["title"] or "") if len(w) > 3][:4]
        if len(words) < 2:
            continue
        # the title's words in search form (no hamza, ه for ة, no diacritics) find the article in the top 10
        q = " ".join(words)
        found += a["id"] in {h["id"] for h in st.search(q, limit=10)}
    assert found >= 0.95 * sum(1 for a in arts if len([w for w in search_tokens(a["title"] or "") if len(w) > 3]) >= 2)
    s = st.stats()
    assert s["articles"] == stats["added"] and s["per_publisher"]


def test_web_on_real_output(refined: Path, tmp_path: Path):
    pytest.importorskip("httpx")
    from fastapi.testclient import TestClient

    from akhbar.web import create_app

    build_index(refined, tmp_path / "s.sqlite")
    st = open_store(tmp_path / "s.sqlite")
    hit = st.search("", limit=1)[0]
    with TestClient(create_app(tmp_path / "s.sqlite")) as c:
        for path in ["/", f"/article/{hit['id']}", f"/article/{hit['id']}/original", "/stats", "/entities",
                     "/?q=" + (hit["title"] or "خبر").split()[0]]:
            r = c.get(path)
            assert r.status_code == 200, path
            assert "<script" not in r.text
