"""Store FTS5 with the ascii tokenizer over pre-folded terms (akhbar.store.ftsfold): the same
tokens, matches and BM25 scores as SQLite's unicode61 tokenizer."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from akhbar.store import build_index, open_store
from akhbar.store.demo import demo_rows, write_demo_outdir
from akhbar.store.ftsfold import _table, fts_fold, probe_unicode61
from akhbar.store.text import entity_terms, index_terms, parse_search


def test_table_is_what_this_sqlite_unicode61_does():
    table, _ = _table()
    assert {chr(k): v for k, v in table.items()} == probe_unicode61()


def test_fold_examples():
    assert fts_fold("café naïve müller") == "cafe naive muller"
    assert fts_fold("الاوروبي iphone 2015") == "الاوروبي iphone 2015"
    assert fts_fold("a\u19b0b") == "a b"  # a separator for unicode61 (Mc in Unicode 6.1), a letter for Python
    assert index_terms("Café") == "cafe"
    assert entity_terms(["Zoë Müller", "دونالد ترامب"]) == "zoe muller\nدونالد ترامب"
    pos, _neg = parse_search('CAFÉ "naïve müller"').match()
    assert pos == '"cafe" AND NEAR("naive" "muller", 8)'


def _tokens(tokenize: str, texts: list[str], fold: bool) -> list[tuple]:
    con = sqlite3.connect(":memory:")
    con.execute(f"CREATE VIRTUAL TABLE f USING fts5(x, tokenize='{tokenize}')")
    con.execute("CREATE VIRTUAL TABLE v USING fts5vocab(f, instance)")
    for i, t in enumerate(texts, 1):
        con.execute("INSERT INTO f (rowid, x) VALUES (?, ?)", (i, fts_fold(t) if fold else t))
    return con.execute("SELECT term, doc, col, offset FROM v ORDER BY 1, 2, 3, 4").fetchall()


def test_ascii_over_folded_terms_indexes_what_unicode61_indexes():
    table, _ = _table()
    words = ["café", "ÉTATS", "x\u19b0y\u1cf2z", "وبالأوروبي", "2015", "mañana_über", "Ωmega", "ﬁne"]
    words += ["".join(chr(k) for k in list(table)[i:i + 7]) for i in range(0, len(table), 7)]
    texts = [index_terms(w) for w in words] + [" ".join(words), "\n".join(words)]
    assert _tokens("ascii", texts, True) == _tokens("unicode61 remove_diacritics 2", texts, False)


def test_accented_latin_found_in_both_build_paths(tmp_path: Path):
    arts, _lines = demo_rows()
    rows = [dict(arts[0], id="latin-1", title="Café Müller في الرياض", body=["زار naïve résumé المدينة."])]
    store_path = tmp_path / "s.sqlite"
    build_index(write_demo_outdir(tmp_path / "a", rows=arts[:2]), store_path)  # bulk path (new store)
    build_index(write_demo_outdir(tmp_path / "b", rows=rows), store_path)  # incremental path
    build_index(write_demo_outdir(tmp_path / "c", rows=rows), tmp_path / "t.sqlite")  # bulk path
    for p in (store_path, tmp_path / "t.sqlite"):
        st = open_store(p)
        for q in ("cafe", "CAFÉ", "muller", "Müller", '"naive resume"', "résumé الرياض"):
            assert [h["id"] for h in st.search(q)] == ["latin-1"], (p, q)
        assert st.search("cafe -muller") == []
        st.close()
