"""Are two search stores equivalent? Same search results, same rows, same FTS5 index.

Usage: ``python benchmarks/store_equivalence.py A.sqlite B.sqlite [--out digest.json]``
(or ``--digest A.sqlite --out a.json`` then ``--compare a.json b.json``: a store built by another
checkout of akhbar digested by that checkout, compared here).

For a change to the store build (issue 19: a cheaper build), this checks that a store built
before and after gives the same answer to every question a user can ask. Compared, as canonical
JSON (``ensure_ascii=False``, sorted keys), byte for byte:

* ``find`` (all hits, with BM25 scores, snippets, highlights and copies) and ``search`` (first 50)
  for ``QUERIES``: Arabic words, phrases, OR, NOT and ``-word``, hamza-seat spellings, digits,
  Latin words with and without accents, and publisher, date, section and sort options;
* every row of ``articles`` (``doc`` compared decompressed: :func:`akhbar.store.build.unpack_doc`),
  ``pages`` (lines decompressed), ``publishers``, ``mentions``, ``spellings``, ``name_tokens``,
  ``rejections``, ``runs`` (without ``indexed_at`` and ``outdir``) and ``meta`` (without
  ``schema_version``);
* the FTS5 index itself: every ``(term, rowid, column, position)`` of an ``fts5vocab``
  ``instance`` table over ``fts``, which determines every MATCH and every BM25 score.

Prints one line per part (``same`` / ``DIFFERENT``) and exits 1 when any part differs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import sys
from pathlib import Path

from akhbar.store import build as B
from akhbar.store import open_store

#: (query, options) pairs asked of both stores.
QUERIES: list[tuple[str, dict]] = [
    ("السعودية", {}),
    ("الرياض", {"sort": "date"}),
    ("وزير الخارجية", {}),
    ('"وزير الخارجية"', {}),
    ('"خادم الحرمين الشريفين"', {}),
    ("النفط OR الذهب", {}),
    ("الهلال NOT النصر", {}),
    ("الاتحاد -الاوروبي", {}),
    ("مسئول", {}),
    ("مسؤول", {}),
    ("قايد", {}),
    ("الأمير محمد بن سلمان", {}),
    ("اليمن الحوثيين", {"date_from": "2015-07-22", "date_to": "2015-07-25"}),
    ("الإرهاب", {"publisher": "okaz"}),
    ("الإرهاب", {"publisher": "عكاظ"}),
    ("الملك", {"publisher": "sabq", "sort": "date"}),
    ("", {"publisher": "alriyadh"}),
    ("", {"date_from": "2015-07-23", "date_to": "2015-07-23"}),
    ("2015", {}),
    ("٢٠١٥", {}),
    ("iPhone", {}),
    ("Apple OR Google", {}),
    ("café", {}),
    ("cafe", {}),
    ("ÉTATS", {}),
    ("covid-19", {}),
    ("الصحة", {"section": "محليات"}),
    ("وبالأوروبي", {}),
    ("للبنان", {}),
    ('"الأمم المتحدة" OR "مجلس الأمن"', {"sort": "date"}),
    ("ترامب", {}),
    ("أوباما", {}),
]


def _canon(x: object) -> str:
    return json.dumps(x, ensure_ascii=False, sort_keys=True, default=str)


def _h(parts: list) -> str:
    d = hashlib.sha256()
    for p in parts:
        d.update(_canon(p).encode("utf-8"))
        d.update(b"\n")
    return d.hexdigest()


def digest(path: Path) -> dict[str, str]:
    """``{part: sha256}`` of everything :mod:`store_equivalence` compares in the store at ``path``."""
    out: dict[str, str] = {}
    st = open_store(path)
    res = []
    for q, opts in QUERIES:
        res.append([q, opts, st.find(q, limit=1000, **opts), st.search(q, limit=50, **opts)])
    out["queries"] = _h(res)
    out["query hits"] = str(sum(len(r[2]["hits"]) for r in res))
    st.close()
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    zd = B.doc_dict(con)
    cols = [r[1] for r in con.execute("PRAGMA table_info(articles)")]
    rows = []
    for r in con.execute("SELECT * FROM articles ORDER BY n"):
        d = dict(zip(cols, r))
        d["doc"] = B.unpack_doc(d["doc"], zd)
        rows.append(d)
    out["articles"] = _h(rows)
    pages = []
    for pid, n_lines, dct, data in con.execute("SELECT page_id, n_lines, dict, data FROM pages ORDER BY page_id"):
        pages.append([pid, n_lines, dct, B.unpack_lines(data, B.lines_dict(con, json.loads(dct), zd))])
    out["pages"] = _h(pages)
    for t, order in (("publishers", "key, publisher"), ("mentions", "canonical, article, type, text"),
                     ("spellings", "text, canonical"), ("name_tokens", "token, canonical"),
                     ("rejections", "id, source")):
        out[t] = _h([list(r) for r in con.execute(f"SELECT * FROM {t} ORDER BY {order}")])
    out["runs"] = _h([list(r) for r in con.execute("SELECT run, manifest, added, skipped FROM runs ORDER BY run")])
    out["meta"] = _h([[k, bytes(v).hex() if isinstance(v, bytes) else v] for k, v in
                      con.execute("SELECT key, value FROM meta WHERE key != 'schema_version' ORDER BY key")])
    con.close()
    con = sqlite3.connect(path)  # fts5vocab is a virtual table: created in a temp schema, store untouched
    con.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, 'fts', 'instance')")
    d = hashlib.sha256()
    n = 0
    for term, doc, col, off in con.execute("SELECT term, doc, col, offset FROM temp.v ORDER BY term, doc, col, offset"):
        d.update(f"{term}\t{doc}\t{col}\t{off}\n".encode())
        n += 1
    out["fts index"] = d.hexdigest()
    out["fts instances"] = str(n)
    con.close()
    return out


def compare(a: dict[str, str], b: dict[str, str]) -> int:
    bad = 0
    for k, v in a.items():
        same = v == b.get(k)
        bad += not same
        print(f"{k:14s} {'same' if same else 'DIFFERENT'}  {v[:16]}  {b.get(k, '')[:16]}")
    return 1 if bad else 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("stores", nargs="*", type=Path)
    ap.add_argument("--digest", type=Path, help="digest this store only (with --out)")
    ap.add_argument("--compare", nargs=2, type=Path, help="compare two digest files")
    ap.add_argument("--out", type=Path)
    a = ap.parse_args()
    if a.digest:
        d = digest(a.digest)
        text = json.dumps(d, indent=1)
        a.out.write_text(text, encoding="utf-8") if a.out else print(text)
        return 0
    if a.compare:
        return compare(*(json.loads(p.read_text(encoding="utf-8")) for p in a.compare))
    if len(a.stores) != 2:
        ap.error("give two stores, --digest STORE or --compare A.json B.json")
    return compare(digest(a.stores[0]), digest(a.stores[1]))


if __name__ == "__main__":
    sys.exit(main())
