"""The entity index (issue 16, item 5): one type per entity, display names (never merge keys),
no merges of different places or people, transliteration variants merged, stop-entities out,
a type filter on ``akhbar entities`` and the web page."""

from __future__ import annotations

import pytest

from akhbar.entities.merge import EntityIndex, canonical_form, is_stop_entity


def _m(text: str, typ: str) -> dict:
    return {"text": text, "type": typ, "canonical": canonical_form(text, typ)}


def _index(*mentions: tuple[str, str], article: str = "a1") -> list[dict]:
    idx = EntityIndex()
    idx.add(article, [_m(t, ty) for t, ty in mentions])
    return idx.merged()


def test_one_type_per_entity_by_majority():
    rows = _index(*[("الرياض", "LOC")] * 5, ("الرياض", "ORG"), ("أوباما", "PER"), ("أوباما", "ORG"), ("أوباما", "PER"))
    names = [r["name"] for r in rows]
    assert len(names) == len(set(names)) == 2  # neither الرياض nor أوباما twice
    by = {r["name"]: r for r in rows}
    assert by["الرياض"]["type"] == "LOC" and by["الرياض"]["types"] == {"LOC": 5, "ORG": 1}
    assert by["أوباما"]["type"] == "PER"


def test_index_shows_no_merge_keys():
    rows = _index(("دونالد ترامب", "PER"), ("دونالد ترمب", "PER"), ("دونالد ترامب", "PER"), ("جو بايدن", "PER"))
    for r in rows:
        assert r["name"] in r["variants"]  # a surface form, not the key (دنلد ترمب)
    assert rows[0]["name"] == "دونالد ترامب" and rows[0]["canonical"] != rows[0]["name"]


@pytest.mark.parametrize("typ", ["LOC", "PER", "ORG"])
def test_riyadh_and_ar_rass_stay_apart(typ):
    assert canonical_form("الرياض", typ) != canonical_form("الرس", typ)
    assert len(_index(("الرياض", typ), ("الرس", typ))) == 2


def test_mazar_is_not_egypt():
    assert canonical_form("مزار شريف", "LOC") != canonical_form("مصر", "LOC").split(" ")[0] + " شريف"
    assert not canonical_form("مزار", "LOC").startswith("مصر")


def test_salman_does_not_swallow_mohammed_bin_salman():
    rows = _index(("سلمان", "PER"), ("محمد بن سلمان", "PER"), ("محمد بن سلمان", "PER"))
    assert sorted(r["name"] for r in rows) == ["سلمان", "محمد بن سلمان"]


def test_family_name_still_merged_when_unambiguous():
    rows = _index(("ترامب", "PER"), ("دونالد ترامب", "PER"))
    assert len(rows) == 1 and rows[0]["count"] == 2


def test_transliteration_variants_merged():
    assert canonical_form("بايدن", "PER") == canonical_form("بادين", "PER")
    assert canonical_form("مزار شريف", "LOC") == canonical_form("مزار الشريف", "LOC")
    assert canonical_form("أسود الأطلس", "ORG") == canonical_form("أسود أطلس", "ORG")
    assert canonical_form("أسود الأطلس", "MISC") == canonical_form("أسود أطلس", "MISC")
    rows = _index(("بيتر سيارتو", "PER"), ("بيتر سيارتو", "PER"), ("بيتر سيجارتو", "PER"))
    assert len(rows) == 1 and rows[0]["name"] == "بيتر سيارتو"


def test_look_alike_full_names_stay_apart():
    rows = _index(("علي محمود", "PER"), ("علي محمد", "PER"), ("جون كيري", "PER"), ("جون كيلي", "PER"))
    assert len(rows) == 4


@pytest.mark.parametrize("text", ["الله", "ريال", "الريال", "دولار", "دولارات", "يورو", "جنيه", "دينار", "درهم"])
def test_stop_entities_left_out(text):
    assert is_stop_entity(text, canonical_form(text, "PER"))
    assert _index((text, "PER"), (text, "MISC")) == []


@pytest.mark.parametrize("text", ["عبد الله", "نصر الله", "الرياض", "دبي"])
def test_names_are_not_stop_entities(text):
    assert not is_stop_entity(text, canonical_form(text, "PER"))


def test_web_entities_type_filter_and_no_keys(tmp_path):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from akhbar.store import build_index
    from akhbar.store.demo import write_demo_outdir
    from akhbar.web import create_app

    d = write_demo_outdir(tmp_path)
    build_index(d)
    with TestClient(create_app(d)) as c:
        t = c.get("/entities?type=ORG").text
        assert "وزارة الصحة" in t and "الكويت" not in t
        assert all(e["type"] == "LOC" for e in c.get("/api/entities?type=LOC").json())
        assert c.get("/api/entities?type=XYZ").status_code == 422
        t = c.get("/entities?type=").text
        assert "الكويت" in t and "وزارة الصحة" in t
        assert "&lt;script&gt;x&lt;/script&gt;" not in t  # the MISC entity's key is not shown


def test_cli_entities_type_filter(tmp_path):
    pytest.importorskip("pyarrow")
    from typer.testing import CliRunner

    from akhbar.cli import app
    from akhbar.store.demo import write_demo_outdir

    d = write_demo_outdir(tmp_path)
    r = CliRunner().invoke(app, ["entities", str(d), "--type", "ORG"])
    assert r.exit_code == 0, r.output
    assert "وزارة الصحة" in r.output and "الكويت" not in r.output
    assert CliRunner().invoke(app, ["entities", str(d), "--type", "XYZ"]).exit_code == 2
