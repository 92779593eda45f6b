"""Build (or extend) the SQLite store from a refine output directory.

The store is one SQLite file (standard-library ``sqlite3``, FTS5) holding:

* ``articles``: one row per article, the ``ARTICLE_SCHEMA`` fields (list and map
  columns as JSON text) plus ``n`` (integer key used by FTS5) and ``day``
  (``published[:10]``, or the crawl date when ``published`` is empty);
* ``lines``: ``LINE_SCHEMA`` rows, key ``(page_id, line_no)``;
* ``mentions``: one row per entity mention (``canonical``, ``type``, ``text``, article);
* ``rejections``: rows of ``rejected.jsonl``; ``runs``: one row per indexed directory
  with its ``manifest.json``;
* ``name_tokens``: ``(token, canonical)`` for every word of every entity mention and
  canonical name (query form), used to expand a query word that is one spelling of a
  name to the name's canonical form (so ``ترمب`` also finds articles whose entity
  stage merged ``ترامب`` into the same canonical);
* ``fts``: contentless FTS5 table over ``title`` and ``body`` in the search form of
  :func:`akhbar.store.text.index_terms`, and ``entities`` (the search-form words of
  the article's canonical entity names, one name per line).

Article ``id`` is the key: indexing a directory twice, or two directories that
share articles, adds each article once.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from akhbar.run.testhooks import kill_point
from akhbar.store.text import index_terms, query_core, search_tokens

STORE_NAME = "akhbar.sqlite"
SCHEMA_VERSION = "2"

#: Scalar ARTICLE_SCHEMA columns stored as they are.
SCALAR_COLS = (
    "id", "page_id", "record_id", "source", "url", "role", "language", "title", "published",
    "published_precision", "updated", "publisher", "dateline_place", "section", "dup_of",
    "near_dup_score", "story_id", "crawl_date",
)
#: List/struct/map ARTICLE_SCHEMA columns stored as JSON text.
JSON_COLS = (
    "title_span", "agencies", "authors", "tags", "body", "body_spans", "related", "entities",
    "mentioned_dates", "signals",
)

DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS articles (
  n INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE, page_id TEXT NOT NULL, record_id TEXT, source TEXT, url TEXT, role TEXT,
  language TEXT, title TEXT, published TEXT, published_precision TEXT, updated TEXT, publisher TEXT,
  dateline_place TEXT, section TEXT, dup_of TEXT, near_dup_score REAL, story_id TEXT, crawl_date TEXT,
  title_span TEXT, agencies TEXT, authors TEXT, tags TEXT, body TEXT, body_spans TEXT, related TEXT,
  entities TEXT, mentioned_dates TEXT, signals TEXT,
  day TEXT, run INTEGER
);
CREATE INDEX IF NOT EXISTS articles_day ON articles(day);
CREATE INDEX IF NOT EXISTS articles_publisher ON articles(publisher, day);
CREATE INDEX IF NOT EXISTS articles_section ON articles(section);
CREATE INDEX IF NOT EXISTS articles_story ON articles(story_id);
CREATE INDEX IF NOT EXISTS articles_page ON articles(page_id);
CREATE TABLE IF NOT EXISTS lines (
  page_id TEXT NOT NULL, line_no INTEGER NOT NULL, start INTEGER, "end" INTEGER, label TEXT,
  score REAL, text TEXT, PRIMARY KEY (page_id, line_no)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS mentions (
  article INTEGER NOT NULL, canonical TEXT NOT NULL, type TEXT, text TEXT
);
CREATE INDEX IF NOT EXISTS mentions_canonical ON mentions(canonical);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article);
CREATE INDEX IF NOT EXISTS mentions_text ON mentions(text);
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
  title, body, entities, content='', tokenize='unicode61 remove_diacritics 2'
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


def _json(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, list) and v and isinstance(v[0], tuple) and len(v[0]) == 2:
        # pyarrow map columns come back as [(key, value), ...]
        v = dict(v)
    return json.dumps(v, ensure_ascii=False)


def _day(row: dict[str, Any]) -> str | None:
    for key in ("published", "crawl_date"):
        v = row.get(key)
        if v and len(v) >= 10 and v[4] == "-" and v[7] == "-":
            return v[:10]
    return None


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
    pending = 0
    cols = SCALAR_COLS + JSON_COLS + ("day", "run")
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
        vals = [row.get(c) for c in SCALAR_COLS] + [_json(row.get(c)) for c in JSON_COLS]
        vals += [_day(row), run]
        cur.execute(sql, vals)
        n = cur.lastrowid
        body = "\n".join(p for p in (row.get("body") or []) if p)
        ents = [e for e in (row.get("entities") or []) if e and (e.get("canonical") or e.get("text"))]
        canon = sorted({e.get("canonical") or e.get("text") for e in ents})
        cur.execute(
            "INSERT INTO fts (rowid, title, body, entities) VALUES (?, ?, ?, ?)",
            (n, index_terms(row.get("title") or ""), index_terms(body),
             "\n".join(" ".join(search_tokens(c)) for c in canon)),
        )
        if ents:
            cur.executemany(
                "INSERT INTO mentions (article, canonical, type, text) VALUES (?, ?, ?, ?)",
                [(n, e.get("canonical") or e.get("text"), e.get("type"), e.get("text")) for e in ents],
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
    con.commit()
    return added, skipped


def _parquet_rows(path: Path, batch_size: int = 1000) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(path)
    for b in pf.iter_batches(batch_size=batch_size):
        yield from b.to_pylist()


def index_lines(con: sqlite3.Connection, rows: Iterable[dict[str, Any]]) -> int:
    """Add ``LINE_SCHEMA`` rows (existing ``(page_id, line_no)`` kept); returns rows offered."""
    n = 0
    buf = []
    sql = 'INSERT OR IGNORE INTO lines (page_id, line_no, start, "end", label, score, text) VALUES (?,?,?,?,?,?,?)'
    for r in rows:
        buf.append((r.get("page_id"), r.get("line_no"), r.get("start"), r.get("end"), r.get("label"),
                    r.get("score"), r.get("text")))
        n += 1
        if len(buf) >= 5000:
            con.executemany(sql, buf)
            buf.clear()
    if buf:
        con.executemany(sql, buf)
    con.commit()
    return n


def index_rejections(con: sqlite3.Connection, path: Path, run: int) -> int:
    """Add rows of a ``rejected.jsonl`` file (``Rejection.as_dict`` lines); bad lines are ignored."""
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
    con.commit()
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
    absent, extended when present.

    Returns ``{"store": str, "outdir": str, "added": int, "skipped": int, "lines": int,
    "rejections": int, "articles_total": int, "seconds": float}``; ``skipped`` counts
    articles already present. Raises ``FileNotFoundError`` when ``articles.parquet``
    is missing.
    """
    t0 = time.perf_counter()
    outdir = Path(outdir_or_store)
    if outdir.is_file():
        raise FileNotFoundError(f"{outdir} is a file; build_index needs a refine output directory")
    arts = _files(outdir, "articles", ".parquet")
    if not arts:
        raise FileNotFoundError(f"no articles.parquet (or articles-NNNNN.parquet shards) in {outdir}")
    store_path = Path(store_path) if store_path else outdir / STORE_NAME
    con = connect_rw(store_path)
    try:
        manifest = None
        mpath = outdir / "manifest.json"
        if mpath.exists():
            try:
                manifest = json.loads(mpath.read_text(encoding="utf-8"))
            except ValueError:
                manifest = None
        indexed_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
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
        if added:
            con.execute("INSERT INTO fts(fts) VALUES ('optimize')")
            con.commit()
        total = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        # one self-contained file again (no -wal/-shm), so readers with mode=ro need no write access
        con.execute("PRAGMA journal_mode=DELETE")
    finally:
        con.close()
    return {
        "store": str(store_path),
        "outdir": str(outdir),
        "added": added,
        "skipped": skipped,
        "lines": nlines,
        "rejections": nrej,
        "articles_total": total,
        "seconds": round(time.perf_counter() - t0, 3),
    }
