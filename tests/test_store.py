"""Store: build_index (incremental), Arabic-aware search, records, stats, read-only access."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from akhbar.store import StoreError, build_index, open_store
from akhbar.store.demo import demo_rows, write_demo_outdir
from akhbar.store.text import (
    fts_match,
    hamza_forms,
    index_terms,
    make_snippet,
    mark,
    parse_query,
    prefix_forms,
    query_core,
    query_terms,
    search_tokens,
)


@pytest.fixture(scope="module")
def outdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = write_demo_outdir(tmp_path_factory.mktemp("demo"))
    build_index(d)
    return d


@pytest.fixture(scope="module")
def store(outdir: Path):
    s = open_store(outdir)
    yield s
    s.close()


ARTS, _LINES = demo_rows()
ORBAN1, ORBAN2, ORBAN3, HEALTH, FOOTBALL, XSS_ART = (a["id"] for a in ARTS)


def ids(results: list[dict]) -> set[str]:
    return {r["id"] for r in results}


# ------------------------------------------------------------------------------------------- text
def test_prefix_forms_strip_clitics_and_article():
    forms = prefix_forms("وبالاوروبي")
    assert forms[0] == "وبالاوروبي"
    assert set(forms) == {"وبالاوروبي", "بالاوروبي", "الاوروبي", "اوروبي"}
    assert "لبنان" in prefix_forms("للبنان")
    assert "لبنان" in prefix_forms("وللبنان")
    # too short to strip: the word stays whole
    assert prefix_forms("الله") == ("الله",)
    assert prefix_forms("وزير")[0] == "وزير"


def test_query_core_removes_only_the_article():
    assert query_core("الاوروبي") == "اوروبي"
    assert query_core("والسعوديه") == "سعوديه"
    assert query_core("لبنان") == "لبنان"
    assert query_core("الام") == "الام"  # 2 letters left: kept


def test_search_tokens_fold_hamza_maqsura_marbuta_diacritics_digits():
    assert search_tokens("الأوروبيّ") == ["الاوروبي"]
    assert search_tokens("إلى مكةَ ٢٠١٥") == ["الي", "مكه", "2015"]
    assert search_tokens("") == []


def test_every_prefixed_form_contains_the_query_core():
    # the core of any query spelling is among the index forms of any document spelling
    doc_forms = ["الأوروبي", "أوروبي", "والأوروبي", "بالأوروبي", "للأوروبي", "الاوروبى", "الأُوروبيّ"]
    for q in ["الاوروبي", "اوروبي", "أوروبى", "الأوروبيّ", "والاوروبي"]:
        core = query_core(search_tokens(q)[0])
        for d in doc_forms:
            assert core in index_terms(d).split(), (q, d)


def test_parse_query_phrases_and_punctuation():
    groups, terms = parse_query('"الاتحاد الأوروبي" أوربان')
    assert groups == [[("اتحاد",), ("اوروبي",)], [("اوربان",)]]
    assert terms == {"اتحاد", "اوروبي", "اوربان"}
    assert parse_query("!!! ؟") == ([], set())


def test_mark():
    assert mark("قال الرئيس اليوم", [[4, 10]]) == "قال «الرئيس» اليوم"
    assert mark("ab cd", [[3, 5], [0, 2]], "[", "]") == "[ab] [cd]"


def test_hamza_seat_variants_meet():
    assert hamza_forms("مسئول") == ("مسئول", "مسءول", "مسيول")
    assert query_terms("المسؤول") == ("مسءول", "مسوول")
    assert query_terms("قايد") == ("قايد",)
    for q, d in [("مسئول", "المسؤول"), ("مسؤول", "ومسئول"), ("قايد", "قائد"), ("قائد", "قايد")]:
        assert set(query_terms(search_tokens(q)[0])) & set(index_terms(d).split()), (q, d)
    groups, _ = parse_query("المسئول")
    assert fts_match(groups) == '("مسءول" OR "مسيول")'


def test_snippet_highlights_the_display_words():
    body = ["في البداية كلام.", "وقال إن الاتحاد الأوروبيّ يتابع الزيارة."]
    snip, hl = make_snippet("عنوان", body, {"اوروبي"})
    assert [snip[s:e] for s, e in hl] == ["الأوروبيّ"]
    snip, hl = make_snippet("عنوان", body, {"غير"})
    assert hl == [] and snip.startswith("في البداية")


# ------------------------------------------------------------------------------------------- build
def test_build_index_is_incremental(tmp_path: Path):
    d1 = write_demo_outdir(tmp_path / "a", rows=ARTS[:4])
    d2 = write_demo_outdir(tmp_path / "b", rows=ARTS[2:])
    store_path = tmp_path / "s.sqlite"
    s1 = build_index(d1, store_path)
    assert (s1["added"], s1["skipped"]) == (4, 0)
    s2 = build_index(d2, store_path)
    assert (s2["added"], s2["skipped"]) == (2, 2)
    s3 = build_index(d2, store_path)
    assert (s3["added"], s3["skipped"]) == (0, 4)
    assert s3["articles_total"] == 6
    st = open_store(store_path)
    assert st.stats()["articles"] == 6
    assert len(st.stats()["runs"]) == 3
    # the FTS index holds each article once
    assert len(st.search("أوربان")) == 3


def test_sharded_outdir_and_manifest_reasons(tmp_path: Path):
    import shutil

    d = write_demo_outdir(tmp_path / "one")
    sh = tmp_path / "sharded"
    sh.mkdir()
    import pyarrow.parquet as pq

    t = pq.read_table(d / "articles.parquet")
    pq.write_table(t.slice(0, 4), sh / "articles-00000.parquet")
    pq.write_table(t.slice(4), sh / "articles-00001.parquet")
    shutil.copy(d / "lines.parquet", sh / "lines-00000.parquet")
    shutil.copy(d / "manifest.json", sh / "manifest.json")  # no rejected*.jsonl: reasons from the manifest
    st = build_index(sh)
    assert (st["added"], st["lines"], st["rejections"]) == (6, 10, 0)
    s = open_store(sh)
    assert s.stats()["rejections"] == {"not_arabic": 2, "empty": 1}
    assert len(s.lines(ARTS[0]["page_id"])) == 9


def test_other_schema_version_is_refused(tmp_path: Path):
    d = write_demo_outdir(tmp_path / "d")
    build_index(d)
    con = sqlite3.connect(d / "akhbar.sqlite")
    con.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    with pytest.raises(ValueError, match="schema"):
        build_index(d)


def test_default_store_path_and_missing(tmp_path: Path, outdir: Path):
    assert (outdir / "akhbar.sqlite").is_file()
    with pytest.raises(FileNotFoundError):
        build_index(tmp_path / "nothing")
    with pytest.raises(FileNotFoundError):
        open_store(tmp_path)


# ------------------------------------------------------------------------------------------- search
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("الاوروبي", {ORBAN1, ORBAN3}),  # hamza folded, ال stripped
        ("اوروبى", {ORBAN1, ORBAN3}),  # alef maqsura
        ("الأوروبيّ", {ORBAN1, ORBAN3}),  # diacritics
        ("مكه", {HEALTH}),  # teh marbuta
        ("وزاره الصحه", {HEALTH}),
        ("لقاح", {HEALTH}),  # bare query finds اللقاح
        ("الرياض", {ORBAN1, ORBAN2}),  # finds بالرياض
        ("اوربان", {ORBAN1, ORBAN2, ORBAN3}),
        ("الطاقه", {ORBAN2, ORBAN3}),  # finds للطاقة
        ('"الاتحاد الاوروبي"', {ORBAN1, ORBAN3}),
        ("كرة القدم", {FOOTBALL}),
    ],
)
def test_search_variants(store, query: str, expected: set[str]):
    assert ids(store.search(query)) == expected


@pytest.mark.parametrize("query", ["فكتور", "فيكتور", "أوربان"])
def test_entity_spellings_expand_to_the_canonical_name(store, query):
    # ORBAN2 writes "فكتور اوربان", ORBAN1 "فيكتور أوربان": the entities stage merged both
    res = store.search(query)
    assert ids(res) == {ORBAN1, ORBAN2, ORBAN3}
    # the articles holding a spelling of the query word show it highlighted (ORBAN3 only has أوربان)
    marked = {r["id"]: [r["snippet"][a:b] for a, b in r["highlights"]] for r in res}
    if query != "أوربان":
        assert {w for w in marked[ORBAN1] + marked[ORBAN2]} == {"فيكتور", "فكتور"}


def test_entity_expansion_combines_with_other_words(store):
    assert ids(store.search("فكتور الطاقة")) == {ORBAN2, ORBAN3}
    assert store.count("فكتور") == 3


def test_search_no_suffix_stemming(store):
    # مصر must not match مصري (only prefixes are handled); المجر matches المجر but not المجري
    assert ids(store.search("المجري")) == {ORBAN1, ORBAN3}


def test_title_weighted_above_body(store):
    res = store.search("اتفاقية")  # title of ORBAN3; body of none other
    assert res[0]["id"] == ORBAN3
    res = store.search("أوربان")
    # ORBAN1 and ORBAN3 have it in the title, ORBAN2 only in the body
    assert res[-1]["id"] == ORBAN2


def test_search_result_shape_and_highlight(store):
    r = store.search("الاوروبي")[0]
    assert set(r) >= {"id", "title", "published", "publisher", "snippet", "highlights", "score"}
    assert r["highlights"]
    marked = [search_tokens(r["snippet"][s:e])[0] for s, e in r["highlights"]]
    assert any(w.endswith("اوروبي") for w in marked)
    # other marked words belong to the matched entity (الاتحاد الأوروبي)
    assert set(marked) <= {"الاوروبي", "الاتحاد"}
    assert r["score"] > 0


def test_filters(store):
    assert ids(store.search("اوربان", publisher="okaz")) == {ORBAN1}
    assert ids(store.search("اوربان", date_from="2025-11-11")) == {ORBAN3}
    assert ids(store.search("اوربان", date_to="2025-11-10")) == {ORBAN1, ORBAN2}
    assert ids(store.search("", section="صحة")) == {HEALTH}
    assert ids(store.search("", entity="فيكتور أوربان")) == {ORBAN1, ORBAN2, ORBAN3}
    assert ids(store.search("", entity="فكتور اوربان")) == {ORBAN1, ORBAN2, ORBAN3}  # a mention spelling
    assert store.search("", entity="nobody") == []
    assert ids(store.search("الاتحاد", entity="فيكتور أوربان")) == {ORBAN1, ORBAN3}
    assert len(store.search("")) == 6  # browse, newest first
    assert store.search("")[0]["published"] >= store.search("")[-1]["published"]


def test_limit_offset(store):
    a = store.search("", limit=2)
    b = store.search("", limit=2, offset=2)
    assert len(a) == 2 and len(b) == 2 and not ids(a) & ids(b)


@pytest.mark.parametrize(
    "kwargs",
    [{"date_from": "2025-13-01"}, {"date_to": "yesterday"}, {"limit": 0}, {"limit": 10**6}, {"offset": -1}],
)
def test_bad_arguments_raise_store_error(store, kwargs):
    with pytest.raises(StoreError):
        store.search("اوربان", **kwargs)


@pytest.mark.parametrize("query", ['"', "AND OR NOT", "NEAR(", "*", "a:b", '"unterminated', "()", "^x"])
def test_fts_syntax_is_never_exposed(store, query):
    assert isinstance(store.search(query), list)


# ------------------------------------------------------------------------------------------- records
def test_article_lines_story_entity(store):
    a = store.article(ORBAN1)
    assert a["title"] == ARTS[0]["title"]
    assert a["agencies"] == ["واس"] and a["tags"] == ["المجر", "السعودية"]
    assert a["body"] == ARTS[0]["body"]
    assert a["related"][0]["url"].startswith("https://")
    assert store.article("missing") is None
    lines = store.lines(a["page_id"])
    assert [ln["line_no"] for ln in lines] == list(range(1, 10))
    assert lines[0]["label"] == "navigation"
    story = store.story(a["story_id"])
    # oldest first by day (a date without time sorts before a time on the same day)
    assert [s["id"] for s in story] == [ORBAN2, ORBAN1, ORBAN3]
    assert store.story("nope") == []
    e = store.entity("فيكتور أوربان")
    assert e["n_articles"] == 3
    assert {v["text"] for v in e["variants"]} == {"فيكتور أوربان", "أوربان", "فكتور اوربان"}
    assert e["per_day"] == [["2025-11-10", 2], ["2025-11-11", 1]]
    assert store.entity("nobody")["mentions"] == 0


def test_stats(store):
    s = store.stats()
    assert s["articles"] == 6 and s["stories"] == 1
    assert s["rejections"] == {"not_arabic": 2, "empty": 1}
    assert dict(s["per_publisher"])["okaz"] == 2
    assert s["languages"] == {"ar": 6}
    assert s["per_day"][0] == ["2025-11-10", 2]


def test_store_file_is_self_contained(outdir: Path, tmp_path: Path):
    # no WAL side files after indexing; a read-only copy in a read-only directory opens
    assert not (outdir / "akhbar.sqlite-wal").exists()
    ro = tmp_path / "ro"
    ro.mkdir()
    (ro / "s.sqlite").write_bytes((outdir / "akhbar.sqlite").read_bytes())
    (ro / "s.sqlite").chmod(0o444)
    ro.chmod(0o555)
    try:
        assert open_store(ro / "s.sqlite").stats()["articles"] == 6
    finally:
        ro.chmod(0o755)


def test_store_is_read_only(store):
    with pytest.raises(sqlite3.OperationalError):
        store.con.execute("DELETE FROM articles")


def test_snippet_never_starts_inside_the_first_word() -> None:
    # new-user trial: "دمرت القوات ..." was shown as "… مرت القوات" (another word) when the match
    # window began inside the body's first word
    from akhbar.store.text import make_snippet

    for first in ("دمرت", "ودمرت", "فدمرتها", "دمرتها"):
        body = [first + " القوات الحوثي " + "كلمة " * 30]
        snip, hl = make_snippet(None, body, {"الحوثي"}, width=60)
        assert snip.startswith(first), snip
        assert [snip[s:e] for s, e in hl] == ["الحوثي"]
