"""``akhbar index`` of an output directory indexed before, after it was refined again, replaces that
directory's articles (its old ones do not stay beside the new); an unchanged directory adds only
what is missing. The store after a replacement equals one built afresh from the same directories."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from akhbar.store import build_index, open_store
from akhbar.store.demo import demo_rows, write_demo_outdir

ARTS, LINES = demo_rows()
PAGE = ARTS[0]["page_id"]


def _outdirs(tmp_path: Path) -> tuple[Path, Path, list[dict]]:
    """OUT1 (ARTS 0-3) and OUT2 (ARTS 2-5 and one more article on ARTS[0]'s page); and OUT1's rows
    once refined again: ARTS[0] with another text (a new id, same page), ARTS[1] gone."""
    extra = {**ARTS[4], "id": "demo-extra-on-page", "page_id": PAGE, "title": "مقال آخر في الصفحة نفسها"}
    d1 = write_demo_outdir(tmp_path / "out1", rows=ARTS[:4])
    d2 = write_demo_outdir(tmp_path / "out2", rows=ARTS[2:] + [extra])
    new0 = {**ARTS[0], "id": "demo-rerefined-0", "title": "أوربان يختتم زيارته إلى الرياض",
            "body": ["اختتم رئيس الوزراء المجري زيارته إلى الرياض بعد مباحثات طويلة حول الطاقة والبيريسترويكا."]}
    return d1, d2, [new0, ARTS[2], ARTS[3]]


def _rerefine(d1: Path, rows: list[dict]) -> None:
    write_demo_outdir(d1, rows=rows)
    m = json.loads((d1 / "manifest.json").read_text(encoding="utf-8"))
    m["seconds"] = {"total": 1.234}  # a refine records its timings: a new refine writes another manifest
    (d1 / "manifest.json").write_text(json.dumps(m), encoding="utf-8")


def _state(path: Path) -> dict:
    """What a reader can see of a store, independent of row numbers and run numbers."""
    con = sqlite3.connect(path)
    con.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, fts, col)")
    st = open_store(path)
    out = {
        "ids": sorted(r[0] for r in con.execute("SELECT id FROM articles")),
        "vocab": sorted(con.execute("SELECT term, col, doc, cnt FROM temp.v")),
        "mentions": sorted(con.execute(
            "SELECT m.canonical, a.id, m.type, m.text, m.n FROM mentions m JOIN articles a ON a.n = m.article")),
        "spellings": sorted(con.execute("SELECT text, canonical FROM spellings")),
        "name_tokens": sorted(con.execute("SELECT token, canonical FROM name_tokens")),
        "publishers": sorted(con.execute("SELECT key, publisher FROM publishers")),
        "pages": {p: st.lines(p) for (p,) in con.execute("SELECT page_id FROM pages")},
        "rejections": sorted(con.execute("SELECT id, source, reason FROM rejections")),
        "search": {q: sorted(h["id"] for h in st.search(q, limit=50))
                   for q in ("أوربان", "الرياض", "الطاقة", "البيريسترويكا", "خادم الحرمين", "")},
    }
    stats = st.stats()
    out["stats"] = {k: stats[k] for k in ("articles", "pages", "entities", "per_publisher", "per_day")}
    out["runs"] = [r["outdir"] for r in stats["runs"]]
    st.close()
    con.close()
    return out


def test_reindexing_a_rerefined_output_replaces_its_articles(tmp_path: Path):
    d1, d2, new_rows = _outdirs(tmp_path)
    store = tmp_path / "all.sqlite"
    build_index(d1, store)
    build_index(d2, store)
    _rerefine(d1, new_rows)
    got = build_index(d1, store)
    assert got["replaced"] == 4 and got["added"] == 3
    again = build_index(d2, store)  # unchanged: nothing replaced, nothing missing
    assert (again["replaced"], again["added"]) == (0, 0)

    st = open_store(store)
    ids = {r[0] for r in st.con.execute("SELECT id FROM articles")}
    assert ARTS[0]["id"] not in ids and ARTS[1]["id"] not in ids and "demo-rerefined-0" in ids
    assert [h["id"] for h in st.search("البيريسترويكا")] == ["demo-rerefined-0"]
    assert not st.search("اليمامة")  # only in ARTS[1]'s body
    assert len(st.lines(PAGE)) == len([x for x in LINES if x["page_id"] == PAGE])  # the page kept its lines
    st.close()

    fresh = tmp_path / "fresh.sqlite"
    build_index(d1, fresh)
    build_index(d2, fresh)
    a, b = _state(store), _state(fresh)
    assert a.pop("runs") == [str(d2.resolve()), str(d1.resolve()), str(d2.resolve())]  # each indexing is a run
    assert b.pop("runs") == [str(d1.resolve()), str(d2.resolve())]
    for k in b:
        assert a[k] == b[k], k


def test_an_unchanged_output_indexed_again_adds_only_what_is_missing(tmp_path: Path):
    d1, d2, _ = _outdirs(tmp_path)
    store = tmp_path / "s.sqlite"
    build_index(d1, store)
    build_index(d2, store)
    before = _state(store)
    got = build_index(d1, store)
    assert (got["replaced"], got["added"], got["skipped"]) == (0, 0, 4)
    after = _state(store)
    assert after.pop("runs")[:2] == before.pop("runs")
    assert after == before


@pytest.mark.parametrize("manifest", [True, False])
def test_replacing_the_only_output_of_a_store(tmp_path: Path, manifest: bool):
    d1, _d2, new_rows = _outdirs(tmp_path)
    store = tmp_path / "one.sqlite"
    if not manifest:  # without a manifest an output indexed again is always replaced
        build_index(d1, store)
        (d1 / "manifest.json").unlink()
        got = build_index(d1, store)
        assert got["replaced"] == 4 and got["added"] == 4
        return
    build_index(d1, store)
    _rerefine(d1, new_rows)
    got = build_index(d1, store)
    assert got["replaced"] == 4 and got["articles_total"] == 3
    fresh = tmp_path / "fresh.sqlite"
    build_index(d1, fresh)
    a, b = _state(store), _state(fresh)
    assert a.pop("runs") == b.pop("runs") == [str(d1.resolve())]
    assert a == b


def test_cli_index_of_several_outputs_replaces_a_rerefined_one(tmp_path: Path):
    from typer.testing import CliRunner

    from akhbar.cli import app

    d1, d2, new_rows = _outdirs(tmp_path)
    store = tmp_path / "all.sqlite"
    r = CliRunner().invoke(app, ["index", "--store", str(store), str(d1), str(d2)])
    assert r.exit_code == 0, r.output
    first = json.loads(r.stdout)
    assert [x["outdir"] for x in first] == [str(d1), str(d2)] and first[1]["articles_total"] == 7
    _rerefine(d1, new_rows)
    r = CliRunner().invoke(app, ["index", "--store", str(store), str(d1), str(d2)])
    assert r.exit_code == 0, r.output
    again = json.loads(r.stdout)
    assert (again[0]["replaced"], again[0]["added"], again[1]["replaced"], again[1]["added"]) == (4, 3, 0, 0)
    assert again[1]["articles_total"] == 6
    one = CliRunner().invoke(app, ["index", "--store", str(store), str(d2)])
    assert json.loads(one.stdout)["added"] == 0  # one directory: one JSON object, as before
