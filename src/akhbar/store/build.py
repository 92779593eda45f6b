"""Build (or extend) the SQLite store from a refine output directory.

The store is one SQLite file (standard-library ``sqlite3``, FTS5) holding:

* ``articles``: one row per article, the scalar ``ARTICLE_SCHEMA`` fields plus ``n``
  (integer key used by FTS5), ``day`` (``published[:10]``, or the crawl date when
  ``published`` is empty) and ``doc``: the list and map fields (``body``, ``signals``,
  ``entities``...) as Zstandard-compressed JSON with a dictionary trained on the store's first
  articles (:func:`pack_doc`, :func:`make_doc_dict`);
* ``pages``: one row per page, its ``LINE_SCHEMA`` rows as zlib-compressed JSON, compressed
  with the bodies of the page's articles as preset dictionary (``dict`` lists their ids):
  article lines are the body again, so they cost almost nothing (:func:`pack_lines`);
* ``mentions``: ``(canonical, article, type, text, n)``: the ``n`` mentions of an entity
  written ``text`` in an article, clustered by ``canonical`` (no separate index: one row per
  distinct spelling and article, not per mention; ``type``/``text`` ``''`` when unknown);
* ``spellings``: ``(text, canonical)``: each mention text and the entities written that way;
* ``publishers``: ``(key, publisher)``: the search form of each outlet's name, its dataset
  source id (SaudiNewsNet ``okaz`` for عكاظ) and its web host (``okaz``, ``okaz com sa``),
  so ``--publisher okaz`` finds عكاظ;
* ``rejections``: rows of ``rejected.jsonl``; ``runs``: one row per indexed directory
  with its ``manifest.json``;
* ``name_tokens``: ``(token, canonical)`` for every word of every entity mention and
  canonical name (query form), used to expand a query word that is one spelling of a
  name to the name's canonical form (so ``ترمب`` also finds articles whose entity
  stage merged ``ترامب`` into the same canonical);
* ``fts``: contentless FTS5 table (``content=''``: the index only, no copy of the text)
  over ``title`` and ``body`` in the search form of :func:`akhbar.store.text.index_terms`,
  and ``entities`` (the search-form words of the article's canonical entity names, one
  name per line); tokenizer ``ascii``, the terms folded first (:mod:`akhbar.store.ftsfold`).

Nothing is stored twice: the text lives once, compressed (``doc``: Zstandard with the store's
trained dictionary; ``pages``: zlib against the page's article bodies), and the FTS5 index holds no
content (measured in ``benchmarks/store_size.py``).

Article ``id`` is the key: indexing a directory twice, or two directories that
share articles, adds each article once.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
import time
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from akhbar.run.testhooks import kill_point
from akhbar.store.docpack import (  # noqa: F401  (re-exported: importers use build.X)
    DOC_DICT_BYTES,
    DOC_DICT_SAMPLES,
    DOC_LEVEL,
    DOC_PARAMS,
    JSON_COLS,
    RAW_DICT_BYTES,
    _doc_obj,
    _zstd,
    doc_dict,
    make_doc_dict,
    pack_doc,
    unpack_doc,
)
from akhbar.store.publishers import publisher_keys
from akhbar.store.text import index_values, query_core, search_tokens

STORE_NAME = "akhbar.sqlite"
SCHEMA_VERSION = "7"  # 5: title_source, published_source (issue 13); 6: doc compressed with zstd (issue 19);
# 7: fts tokenizer ascii over terms folded as unicode61 folds them (akhbar.store.ftsfold, issue 19)
#: SQLite page size of a new store (16 KiB: 3% smaller than 4 KiB on a SaudiNewsNet day).
PAGE_SIZE = 16384

#: Scalar ARTICLE_SCHEMA columns stored as they are.
SCALAR_COLS = (
    "id", "page_id", "record_id", "source", "url", "role", "language", "title", "published",
    "published_precision", "updated", "publisher", "dateline_place", "section", "dup_of",
    "near_dup_score", "story_id", "crawl_date", "title_source", "published_source",
)

DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS articles (
  n INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE, page_id TEXT NOT NULL, record_id TEXT, source TEXT, url TEXT, role TEXT,
  language TEXT, title TEXT, published TEXT, published_precision TEXT, updated TEXT, publisher TEXT,
  dateline_place TEXT, section TEXT, dup_of TEXT, near_dup_score REAL, story_id TEXT, crawl_date TEXT,
  title_source TEXT, published_source TEXT, doc BLOB, day TEXT, run INTEGER
);
CREATE INDEX IF NOT EXISTS articles_day ON articles(day);
CREATE INDEX IF NOT EXISTS articles_publisher ON articles(publisher, day);
CREATE INDEX IF NOT EXISTS articles_section ON articles(section);
CREATE INDEX IF NOT EXISTS articles_story ON articles(story_id);
CREATE INDEX IF NOT EXISTS articles_page ON articles(page_id);
CREATE TABLE IF NOT EXISTS pages (page_id TEXT PRIMARY KEY, n_lines INTEGER, dict TEXT, data BLOB);
CREATE TABLE IF NOT EXISTS publishers (
  key TEXT NOT NULL, publisher TEXT NOT NULL, PRIMARY KEY (key, publisher)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS mentions (
  canonical TEXT NOT NULL, article INTEGER NOT NULL, type TEXT NOT NULL, text TEXT NOT NULL, n INTEGER,
  PRIMARY KEY (canonical, article, type, text)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS spellings (
  text TEXT NOT NULL, canonical TEXT NOT NULL, PRIMARY KEY (text, canonical)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rejections (
  id TEXT, source TEXT, reason TEXT, message TEXT, run INTEGER, PRIMARY KEY (id, source)
);
CREATE TABLE IF NOT EXISTS runs (
  run INTEGER PRIMARY KEY, outdir TEXT, indexed_at TEXT, manifest TEXT, added INTEGER, skipped INTEGER
);
CREATE TABLE IF NOT EXISTS name_tokens (
  token TEXT NOT NULL, canonical TEXT NOT NULL, PRIMARY KEY (token, canonical)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
  title, body, entities, content='', tokenize='ascii'
);
"""


def default_store_path(outdir_or_store: Path) -> Path:
    """``OUTDIR/akhbar.sqlite`` for a directory, the path itself for a file."""
    p = Path(outdir_or_store)
    return p / STORE_NAME if p.is_dir() else p


def connect_rw(store_path: Path) -> sqlite3.Connection:
    """Open (creating when needed) a writable store and make sure its tables exist."""
    store_path = Path(store_path)
    store_path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(store_path)
    con.execute(f"PRAGMA page_size={PAGE_SIZE}")  # a new file only: rows of ~2 KB pack better than in 4 KiB pages
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.executescript(DDL)
    con.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
    version = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
    if version != SCHEMA_VERSION:
        con.close()
        raise ValueError(f"{store_path}: store schema {version}, this akhbar writes {SCHEMA_VERSION}; "
                         "index into a new store file")
    return con


def _day(row: dict[str, Any]) -> str | None:
    for key in ("published", "crawl_date"):
        v = row.get(key)
        if v and len(v) >= 10 and v[4] == "-" and v[7] == "-":
            return v[:10]
    return None


def lines_dict(con: sqlite3.Connection, ids: list[str], zdict: bytes | None = None) -> bytes:
    """The preset dictionary for a page's lines: the bodies of articles ``ids`` (the last 32 KiB,
    all that zlib uses). ``zdict``: the store's :func:`doc_dict` (read when not given)."""
    parts = []
    if zdict is None:
        zdict = doc_dict(con)
    for aid in ids:
        r = con.execute("SELECT doc FROM articles WHERE id = ?", (aid,)).fetchone()
        if r:
            parts.append("\n".join(p for p in unpack_doc(r[0], zdict).get("body") or [] if p))
    return "\n".join(parts).encode("utf-8")[-32768:]


def pack_lines(rows: list[list[Any]], zdict: bytes) -> bytes:
    """``[[line_no, start, end, label, score, text], ...]`` as JSON, compressed against ``zdict``."""
    c = zlib.compressobj(6, zdict=zdict) if zdict else zlib.compressobj(6)
    return c.compress(json.dumps(rows, ensure_ascii=False).encode("utf-8")) + c.flush()


def unpack_lines(data: bytes, zdict: bytes) -> list[list[Any]]:
    """Inverse of :func:`pack_lines`."""
    d = zlib.decompressobj(zdict=zdict) if zdict else zlib.decompressobj()
    return json.loads(d.decompress(data) + d.flush())


def index_rows(
    con: sqlite3.Connection, rows: Iterable[dict[str, Any]], run: int | None = None, batch: int = 500
) -> tuple[int, int]:
    """Add ``ARTICLE_SCHEMA`` dict rows to the store; returns ``(added, skipped)``.

    A row whose ``id`` is already stored is skipped (counted in ``skipped``).
    Missing fields are stored as NULL. Commits every ``batch`` rows.
    """
    added = skipped = 0
    seen: set[str] = set()
    cur = con.cursor()
    zdict = doc_dict(con)
    if not zdict:
        it = iter(rows)
        head = list(itertools.islice(it, 1000))
        zdict = make_doc_dict(head)
        if zdict:
            cur.execute("INSERT OR REPLACE INTO meta VALUES ('doc_dict', ?)", (zdict,))
        rows = itertools.chain(head, it)
    pending = 0
    cols = SCALAR_COLS + ("doc", "day", "run")
    pubs: set[tuple[str, str]] = set()
    sql = f"INSERT INTO articles ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    for row in rows:
        aid = row.get("id")
        if not aid or aid in seen:
            skipped += 1
            continue
        seen.add(aid)
        if cur.execute("SELECT 1 FROM articles WHERE id = ?", (aid,)).fetchone():
            skipped += 1
            continue
        if row.get("page_id") is None:
            row = {**row, "page_id": aid}
        vals = [row.get(c) for c in SCALAR_COLS] + [pack_doc(row, zdict), _day(row), run]
        if row.get("publisher"):
            pubs.update((k, row["publisher"]) for k in publisher_keys(row["publisher"], row.get("url")))
        cur.execute(sql, vals)
        n = cur.lastrowid
        _body, ents, fts = index_values(row)
        cur.execute("INSERT INTO fts (rowid, title, body, entities) VALUES (?, ?, ?, ?)", (n, *fts))
        if ents:
            agg = Counter((e.get("canonical") or e.get("text"), e.get("type") or "", e.get("text") or "") for e in ents)
            cur.executemany(
                "INSERT INTO mentions (canonical, article, type, text, n) VALUES (?, ?, ?, ?, ?)",
                [(c, n, t, x, k) for (c, t, x), k in agg.items()],
            )
            cur.executemany(
                "INSERT OR IGNORE INTO spellings (text, canonical) VALUES (?, ?)",
                sorted({(x, c) for c, _t, x in agg if x}),
            )
            cur.executemany(
                "INSERT OR IGNORE INTO name_tokens (token, canonical) VALUES (?, ?)",
                [
                    (query_core(t), c)
                    for e in ents
                    for c in [e.get("canonical") or e.get("text")]
                    for t in search_tokens(f"{e.get('text') or ''} {c}")
                ],
            )
        added += 1
        pending += 1
        if pending >= batch:
            con.commit()
            pending = 0
    cur.executemany("INSERT OR IGNORE INTO publishers (key, publisher) VALUES (?, ?)", sorted(pubs))
    con.commit()
    return added, skipped


def _parquet_rows(path: Path, batch_size: int = 1000) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(path)
    for b in pf.iter_batches(batch_size=batch_size):
        yield from b.to_pylist()


def index_lines(con: sqlite3.Connection, rows: Iterable[dict[str, Any]]) -> int:
    """Add ``LINE_SCHEMA`` rows, one compressed ``pages`` row per page (existing ``(page_id,
    line_no)`` kept); returns rows offered. Index a page's articles first: their bodies are
    the dictionary its lines are compressed with."""
    n = 0
    page: str | None = None
    buf: list[list[Any]] = []
    for r in rows:
        if r.get("page_id") != page:
            if buf:
                _store_page(con, page, buf)
            page, buf = r.get("page_id"), []
        buf.append([r.get("line_no"), r.get("start"), r.get("end"), r.get("label"), r.get("score"), r.get("text")])
        n += 1
    if buf:
        _store_page(con, page, buf)
    con.commit()
    return n


def _store_page(con: sqlite3.Connection, page_id: str | None, rows: list[list[Any]]) -> None:
    if page_id is None:
        return
    zdict = doc_dict(con)
    old = con.execute("SELECT dict, data FROM pages WHERE page_id = ?", (page_id,)).fetchone()
    if old:
        have = unpack_lines(old[1], lines_dict(con, json.loads(old[0]), zdict))
        known = {r[0] for r in have}
        new = [r for r in rows if r[0] not in known]
        if not new:
            return
        rows = have + new
    seen: set[Any] = set()
    rows = [r for r in sorted(rows, key=lambda r: (r[0] is None, r[0] or 0)) if not (r[0] in seen or seen.add(r[0]))]
    ids = [r[0] for r in con.execute("SELECT id FROM articles WHERE page_id = ? ORDER BY n", (page_id,))]
    con.execute(
        "INSERT OR REPLACE INTO pages (page_id, n_lines, dict, data) VALUES (?, ?, ?, ?)",
        (page_id, len(rows), json.dumps(ids), pack_lines(rows, lines_dict(con, ids, zdict))),
    )


def index_rejections(con: sqlite3.Connection, path: Path, run: int) -> int:
    """Add rows of a ``rejected.jsonl`` file (``Rejection.as_dict`` lines); bad lines are ignored."""
    n = insert_rejections(con, path, run)
    con.commit()
    return n


def insert_rejections(con: sqlite3.Connection, path: Path, run: int) -> int:
    """:func:`index_rejections` without the commit (for a caller that holds a transaction)."""
    buf = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            try:
                d = json.loads(line)
            except ValueError:
                continue
            if isinstance(d, dict):
                buf.append((d.get("id"), d.get("source"), d.get("reason"), d.get("message"), run))
    con.executemany("INSERT OR IGNORE INTO rejections VALUES (?,?,?,?,?)", buf)
    return len(buf)


def _files(outdir: Path, stem: str, ext: str) -> list[Path]:
    """``stem+ext`` or its shards ``stem-NNNNN+ext`` (sorted) in a refine output directory."""
    single = outdir / f"{stem}{ext}"
    if single.exists():
        return [single]
    return sorted(p for p in outdir.glob(f"{stem}-*{ext}") if p.name[len(stem) + 1:-len(ext)].isdigit())


def build_index(outdir_or_store: Path, store_path: Path | None = None) -> dict[str, Any]:
    """Index a refine output directory into a store; incremental (article ``id`` is the key).

    ``outdir_or_store``: a refine output directory holding ``articles.parquet`` and
    optionally ``lines.parquet``, ``rejected.jsonl``, ``manifest.json`` (or the shards
    ``articles-NNNNN.parquet``, ``lines-NNNNN.parquet``, ``rejected-NNNNN.jsonl``).
    ``store_path``: the SQLite file (default ``OUTDIR/akhbar.sqlite``); created when
    absent (in one bulk pass under a temporary name: :mod:`akhbar.store.bulk`), extended when
    present (batched commits in WAL mode).

    Returns ``{"store": str, "outdir": str, "added": int, "skipped": int, "lines": int,
    "rejections": int, "articles_total": int, "seconds": float}`` (and ``replaced``: articles of an
    earlier indexing of the same directory taken out first, when its manifest changed:
    :mod:`akhbar.store.replace`); ``skipped`` counts articles already present. Raises
    ``FileNotFoundError`` when ``articles.parquet`` is missing.
    """
    t0 = time.perf_counter()
    outdir = Path(outdir_or_store)
    if outdir.is_file():
        raise FileNotFoundError(f"{outdir} is a file; build_index needs a refine output directory")
    arts = _files(outdir, "articles", ".parquet")
    if not arts:
        raise FileNotFoundError(f"no articles.parquet (or articles-NNNNN.parquet shards) in {outdir}")
    store_path = Path(store_path) if store_path else outdir / STORE_NAME
    manifest = None
    mpath = outdir / "manifest.json"
    if mpath.exists():
        try:
            manifest = json.loads(mpath.read_text(encoding="utf-8"))
        except ValueError:
            manifest = None
    indexed_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    if not store_path.exists():  # a new store: one bulk pass (akhbar.store.bulk)
        from akhbar.store.bulk import build_new

        got = build_new(outdir, store_path, arts, manifest, indexed_at)
        return {"store": str(store_path), "outdir": str(outdir), **got,
                "seconds": round(time.perf_counter() - t0, 3)}
    con = connect_rw(store_path)
    try:
        from akhbar.store.replace import remove_runs, runs_to_replace  # indexed before: its old articles go
        replaced = remove_runs(con, runs_to_replace(con, str(outdir.resolve()), manifest))
        # the run's row is written last, complete, in the transaction that ends the build: a build
        # killed midway leaves no run row (the rows it indexed carry the next run's number, which
        # the next build takes: a rebuild of the same directory then owns them)
        run = con.execute("SELECT coalesce(max(run), 0) + 1 FROM runs").fetchone()[0]
        added = skipped = nlines = nrej = 0
        for art in arts:
            a, s = index_rows(con, _parquet_rows(art), run=run)
            added, skipped = added + a, skipped + s
        kill_point("index")
        for path in _files(outdir, "lines", ".parquet"):
            nlines += index_lines(con, _parquet_rows(path, 20000))
        for path in _files(outdir, "rejected", ".jsonl"):
            nrej += index_rejections(con, path, run)
        con.execute(
            "INSERT INTO runs (run, outdir, indexed_at, manifest, added, skipped) VALUES (?, ?, ?, ?, ?, ?)",
            (run, str(outdir.resolve()), indexed_at,
             json.dumps(manifest, ensure_ascii=False) if manifest is not None else None, added, skipped),
        )
        con.commit()
        if added or replaced:
            con.execute("INSERT INTO fts(fts) VALUES ('optimize')")
            con.commit()
        total = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        # one self-contained file again (no -wal/-shm), so readers with mode=ro need no write access
        con.execute("PRAGMA journal_mode=DELETE")
        if added or replaced:
            con.execute("VACUUM")  # drop the free pages left by batched inserts
    finally:
        con.close()
    return {
        "store": str(store_path),
        "outdir": str(outdir),
        "added": added,
        "skipped": skipped,
        "replaced": replaced,
        "lines": nlines,
        "rejections": nrej,
        "articles_total": total,
        "seconds": round(time.perf_counter() - t0, 3),
    }
