"""Indexing an output directory again replaces what its earlier indexing added.

``akhbar index --store all.sqlite OUT1`` after ``OUT1`` was refined again must show OUT1's new
articles, not its old ones beside them (article ids are content hashes: a re-refined article with
other text is another article). The ``runs`` table records each indexed directory (``outdir``,
resolved) and its ``manifest.json``; every article, rejection and page line group carries the run
that added it. :func:`runs_to_replace` gives the earlier runs of a directory whose manifest changed
(an unchanged manifest: the directory was not refined again, so indexing it only adds what is
missing, as before), and :func:`remove_runs` takes out everything those runs added:

* their articles, with their FTS5 entries (the table is contentless: an entry is deleted by giving
  FTS5 the values that were indexed, computed again from the stored title, body and entities the way
  :func:`akhbar.store.build.index_rows` computed them), entity mentions and rejections;
* the line groups of pages left without any article; a page that keeps some articles is packed again
  against the bodies of those that remain (its lines are compressed with its articles' bodies);
* spellings no longer mentioned, the ``name_tokens`` of the entities they touched (recomputed from
  the mentions left), publisher keys of outlets left without any article, and the runs' rows.

An article the removed runs added that another indexed directory also holds goes with them and comes
back when that directory is indexed again (``akhbar index`` of every directory of the store, in
order, restores it; the ``runs`` table lists them).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from akhbar.store.build import doc_dict, lines_dict, pack_lines, unpack_doc, unpack_lines
from akhbar.store.text import index_values, query_core, search_tokens

__all__ = ["remove_runs", "runs_to_replace"]


def runs_to_replace(con: sqlite3.Connection, outdir: str, manifest: Any) -> list[int]:
    """Runs (ints, ascending) that indexed the directory ``outdir`` (its resolved path, as ``runs.outdir``
    holds it) with a manifest other than ``manifest`` (the directory's ``manifest.json`` now, None
    when it has none: then every earlier run of the directory is replaced)."""
    now = json.dumps(manifest, ensure_ascii=False) if manifest is not None else None
    rows = con.execute("SELECT run, manifest FROM runs WHERE outdir = ? ORDER BY run", (outdir,)).fetchall()
    if now is not None and rows and all(m == now for _r, m in rows):
        return []
    return [r for r, _m in rows]


def remove_runs(con: sqlite3.Connection, runs: list[int]) -> int:
    """Remove what ``runs`` added to the store open read-write on ``con`` (see the module docstring);
    returns the number of articles removed. No commit: the caller's transaction holds it."""
    if not runs:
        return 0
    zdict = doc_dict(con)
    marks = ",".join("?" * len(runs))
    arts = con.execute(f"SELECT n, id, page_id, title, doc FROM articles WHERE run IN ({marks})", runs).fetchall()
    gone = {aid for _n, aid, _p, _t, _d in arts}
    # pages that keep articles: unpack their lines while every body of their dictionary is still there
    keep: dict[str, list[list[Any]]] = {}
    for page_id in sorted({p for _n, _a, p, _t, _d in arts if p is not None}):
        r = con.execute("SELECT dict, data FROM pages WHERE page_id = ?", (page_id,)).fetchone()
        if r is None:
            continue
        left = [x for (x,) in con.execute("SELECT id FROM articles WHERE page_id = ? ORDER BY n", (page_id,))
                if x not in gone]
        if left:
            keep[page_id] = unpack_lines(r[1], lines_dict(con, json.loads(r[0]), zdict))
        con.execute("DELETE FROM pages WHERE page_id = ?", (page_id,))
    canonicals: set[str] = set()
    for n, _aid, _p, title, data in arts:
        _body, _ents, fts = index_values({**unpack_doc(data, zdict), "title": title})
        con.execute("INSERT INTO fts (fts, rowid, title, body, entities) VALUES ('delete', ?, ?, ?, ?)", (n, *fts))
        canonicals.update(c for (c,) in con.execute("SELECT DISTINCT canonical FROM mentions WHERE article = ?", (n,)))
        con.execute("DELETE FROM mentions WHERE article = ?", (n,))
    con.execute(f"DELETE FROM articles WHERE run IN ({marks})", runs)
    con.execute(f"DELETE FROM rejections WHERE run IN ({marks})", runs)
    con.execute(f"DELETE FROM runs WHERE run IN ({marks})", runs)
    for page_id, rows in keep.items():
        ids = [x for (x,) in con.execute("SELECT id FROM articles WHERE page_id = ? ORDER BY n", (page_id,))]
        con.execute("INSERT INTO pages (page_id, n_lines, dict, data) VALUES (?, ?, ?, ?)",
                    (page_id, len(rows), json.dumps(ids), pack_lines(rows, lines_dict(con, ids, zdict))))
    for c in sorted(canonicals):
        texts = [x for (x,) in con.execute("SELECT DISTINCT text FROM mentions WHERE canonical = ?", (c,))]
        con.execute("DELETE FROM spellings WHERE canonical = ?", (c,))
        con.execute("DELETE FROM name_tokens WHERE canonical = ?", (c,))
        con.executemany("INSERT OR IGNORE INTO spellings (text, canonical) VALUES (?, ?)", [(x, c) for x in texts if x])
        con.executemany("INSERT OR IGNORE INTO name_tokens (token, canonical) VALUES (?, ?)",
                        [(query_core(t), c) for x in texts for t in search_tokens(f"{x} {c}")])
    con.execute("DELETE FROM publishers WHERE publisher NOT IN "
                "(SELECT DISTINCT publisher FROM articles WHERE publisher IS NOT NULL)")
    return len(arts)
