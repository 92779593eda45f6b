"""Bulk build of a new store: the cheap path of :func:`akhbar.store.build.build_index`.

A store file that does not exist yet is built in one pass, in one transaction, under a
temporary name (``akhbar.sqlite.tmp``, renamed when complete, so a killed build never leaves a
half-written store under the store's name):

* pragmas for a file nobody else can see: ``journal_mode=OFF``, ``synchronous=OFF``,
  ``locking_mode=EXCLUSIVE``, a 256 MB page cache (SQLite's "bulk load" advice: no rollback
  journal is needed when a failed build is thrown away);
* articles, FTS5 rows and mentions inserted with ``executemany`` in batches of ``BATCH`` rows;
  ``n`` is assigned here (1, 2, ...: what SQLite would assign), so no row is read back;
* the FTS5 index is merged once at the end (``automerge`` off and a 64 MiB ``hashsize`` while
  loading, one ``optimize``, then both back to their defaults for later incremental builds);
* the secondary indexes on ``articles`` are created after the rows are in (one sort each);
* each page's lines are stored as soon as its articles are (``articles*.parquet`` and
  ``lines*.parquet`` are both in input order), compressed against the bodies just indexed,
  so no article is read back and decompressed (the incremental path reads them from the store).

The rows, the FTS5 terms and the compressed blobs are the ones :func:`index_rows` and
:func:`index_lines` write, so searches give the same results (checked by the store and search
tests and ``benchmarks/output_hashes.py``). Speed: ``benchmarks/refine_speed.py`` ("store" row).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections import Counter, OrderedDict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from akhbar.run.testhooks import kill_point
from akhbar.store import build as B
from akhbar.store.text import index_values, query_core, search_tokens

#: Rows per ``executemany`` batch.
BATCH = 1000
#: Bytes of terms FTS5 holds in memory before it writes them out as a segment while a new store is
#: loaded (``hashsize``; SQLite's default is 1 MiB): fewer, larger segments to write and merge. On
#: 10,000 SaudiNewsNet articles (one segment at 64 MiB) FTS5 CPU -25%, peak memory +50 MB.
FTS_HASH_BYTES = 64 << 20
#: SQLite's own ``hashsize``, set back when the load is done (for later incremental builds).
FTS_DEFAULT_HASH_BYTES = 1 << 20
#: Pages whose lines dictionary is kept while the lines of earlier pages are stored.
WINDOW = 4096
#: Line groups of pages not found among the articles read so far, held before more articles are read.
HOLD = 64

_INDEX_DDL = [ln for ln in B.DDL.splitlines() if ln.startswith("CREATE INDEX")]
_TABLE_DDL = "\n".join(ln for ln in B.DDL.splitlines() if not ln.startswith("CREATE INDEX"))
_COLS = B.SCALAR_COLS + ("n", "doc", "day", "run")
_SQL_ART = f"INSERT INTO articles ({', '.join(_COLS)}) VALUES ({', '.join('?' * len(_COLS))})"
_SQL_FTS = "INSERT INTO fts (rowid, title, body, entities) VALUES (?, ?, ?, ?)"
_SQL_MEN = "INSERT INTO mentions (canonical, article, type, text, n) VALUES (?, ?, ?, ?, ?)"
_SQL_SPELL = "INSERT OR IGNORE INTO spellings (text, canonical) VALUES (?, ?)"
_SQL_TOK = "INSERT OR IGNORE INTO name_tokens (token, canonical) VALUES (?, ?)"


def tmp_path(store_path: Path) -> Path:
    """Where a new store is built before it is renamed to ``store_path``."""
    return store_path.with_name(store_path.name + ".tmp")


def connect_bulk(path: Path) -> sqlite3.Connection:
    """A new, empty store file at ``path`` (removed first when present) set up for loading."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    con = sqlite3.connect(path, isolation_level=None)
    for p in (f"page_size={B.PAGE_SIZE}", "journal_mode=OFF", "synchronous=OFF", "locking_mode=EXCLUSIVE",
              "cache_size=-262144", "temp_store=MEMORY"):
        con.execute(f"PRAGMA {p}")
    con.executescript(_TABLE_DDL)
    con.execute("INSERT INTO meta VALUES ('schema_version', ?)", (B.SCHEMA_VERSION,))
    con.execute("INSERT INTO fts(fts, rank) VALUES ('automerge', 0)")
    con.execute("INSERT INTO fts(fts, rank) VALUES ('hashsize', ?)", (FTS_HASH_BYTES,))
    return con


class BulkLoader:
    """Loads article and line rows into a store opened by :func:`connect_bulk`, in one transaction
    (``begin`` ... ``finish``). ``add_articles`` and ``add_lines`` take ``ARTICLE_SCHEMA`` and
    ``LINE_SCHEMA`` dict rows in input order; the lines of a page go in once its articles are in."""

    def __init__(self, con: sqlite3.Connection, run: int) -> None:
        self.con = con
        self.run = run
        self.zdict = b""
        self.n = 0
        self.added = self.skipped = 0
        self.seen: set[str] = set()
        self.pubs: set[tuple[str, str]] = set()
        self.recent: OrderedDict[str, tuple[list[str], list[str]]] = OrderedDict()
        self.buf: dict[str, list] = {"art": [], "fts": [], "men": [], "spell": [], "tok": []}
        con.execute("BEGIN")

    def add_articles(self, rows: list[dict[str, Any]]) -> None:
        if not self.zdict:
            self.zdict = B.make_doc_dict(rows[:1000])
            if self.zdict:
                self.con.execute("INSERT OR REPLACE INTO meta VALUES ('doc_dict', ?)", (self.zdict,))
        buf = self.buf
        for row in rows:
            aid = row.get("id")
            if not aid or aid in self.seen:
                self.skipped += 1
                continue
            self.seen.add(aid)
            if row.get("page_id") is None:
                row = {**row, "page_id": aid}
            self.n += 1
            n = self.n
            buf["art"].append([row.get(c) for c in B.SCALAR_COLS] + [n, B.pack_doc(row, self.zdict), B._day(row), self.run])
            pub = row.get("publisher")
            if pub:
                self.pubs.update((k, pub) for k in B.publisher_keys(pub, row.get("url")))
            body, ents, fts = index_values(row)
            buf["fts"].append((n, *fts))
            if ents:
                agg = Counter((e.get("canonical") or e.get("text"), e.get("type") or "", e.get("text") or "")
                              for e in ents)
                buf["men"].extend((c, n, t, x, k) for (c, t, x), k in agg.items())
                buf["spell"].extend(sorted({(x, c) for c, _t, x in agg if x}))
                buf["tok"].extend((query_core(t), c) for e in ents for c in [e.get("canonical") or e.get("text")]
                                  for t in search_tokens(f"{e.get('text') or ''} {c}"))
            ids, bodies = self.recent.setdefault(row["page_id"], ([], []))
            ids.append(aid)
            bodies.append(body)
            self.added += 1
        while len(self.recent) > WINDOW:
            self.recent.popitem(last=False)
        self._flush()

    def _flush(self) -> None:
        """Insert the buffered rows, each table in the order the incremental path inserts them."""
        cur, buf = self.con.cursor(), self.buf
        cur.executemany(_SQL_ART, buf["art"])
        cur.executemany(_SQL_FTS, buf["fts"])
        cur.executemany(_SQL_MEN, buf["men"])
        cur.executemany(_SQL_SPELL, buf["spell"])
        cur.executemany(_SQL_TOK, buf["tok"])
        for v in buf.values():
            v.clear()

    def add_page_lines(self, page_id: str | None, rows: list[list[Any]]) -> None:
        """Store one page's lines (``[line_no, start, end, label, score, text]`` rows)."""
        if page_id is None:
            return
        got = self.recent.pop(page_id, None)
        if got is None or self.con.execute("SELECT 1 FROM pages WHERE page_id = ?", (page_id,)).fetchone():
            B._store_page(self.con, page_id, rows)  # not aligned with the articles: the general path
            return
        ids, bodies = got
        seen: set[Any] = set()
        rows = [r for r in sorted(rows, key=lambda r: (r[0] is None, r[0] or 0))
                if not (r[0] in seen or seen.add(r[0]))]
        zd = "\n".join(bodies).encode("utf-8")[-32768:]
        self.con.execute("INSERT INTO pages (page_id, n_lines, dict, data) VALUES (?, ?, ?, ?)",
                         (page_id, len(rows), json.dumps(ids), B.pack_lines(rows, zd)))

    def finish(self) -> None:
        self._flush()
        self.con.executemany("INSERT OR IGNORE INTO publishers (key, publisher) VALUES (?, ?)", sorted(self.pubs))


_LINE_COLS = ("line_no", "start", "end", "label", "score", "text")


def _pages(paths: list[Path], size: int = 20000) -> Iterator[tuple[str | None, list[list[Any]]]]:
    """Line rows of the ``lines*.parquet`` files ``paths`` as ``[line_no, start, end, label, score,
    text]`` lists, grouped by consecutive ``page_id`` (read column by column: no dict per row; a
    missing column reads as None)."""
    import pyarrow.parquet as pq

    page: str | None = None
    buf: list[list[Any]] = []
    for p in paths:
        pf = pq.ParquetFile(p)
        names = set(pf.schema_arrow.names)
        for b in pf.iter_batches(batch_size=size):
            none = [None] * b.num_rows
            pids = b.column("page_id").to_pylist() if "page_id" in names else none
            cols = [b.column(c).to_pylist() if c in names else none for c in _LINE_COLS]
            for pid, *row in zip(pids, *cols):
                if pid != page:
                    if buf:
                        yield page, buf
                    page, buf = pid, []
                buf.append(row)
    if buf:
        yield page, buf


def _batches(paths: list[Path], size: int) -> Iterator[list[dict[str, Any]]]:
    import pyarrow.parquet as pq

    for p in paths:
        for b in pq.ParquetFile(p).iter_batches(batch_size=size):
            yield b.to_pylist()


def build_new(outdir: Path, store_path: Path, arts: list[Path], manifest: Any, indexed_at: str) -> dict[str, int]:
    """Build the store ``store_path`` (which must not exist) from the outputs in ``outdir``
    (``arts``: its ``articles*.parquet`` files); returns ``{"added", "skipped", "lines",
    "rejections", "articles_total"}``. Raises ``sqlite3.Error`` or ``OSError`` (the temporary
    file is then removed)."""
    tmp = tmp_path(store_path)
    try:
        con = connect_bulk(tmp)
    except BaseException:  # a full disk while the tables are made: no temporary file left
        tmp.unlink(missing_ok=True)
        raise
    try:
        ld = BulkLoader(con, run=1)
        pages = _pages(B._files(outdir, "lines", ".parquet"))
        nlines = 0
        held: list[tuple[str | None, list[list[Any]]]] = []  # line groups of pages not (yet) seen in the articles

        def put(group: tuple[str | None, list[list[Any]]]) -> None:
            nonlocal nlines
            ld.add_page_lines(*group)
            nlines += len(group[1])

        for rows in _batches(arts, BATCH):
            ld.add_articles(rows)
            last = max((i for i, h in enumerate(held) if h[0] in ld.recent), default=-1)
            for h in held[:last + 1]:
                put(h)
            del held[:last + 1]
            # both files are in input order: a page held before one whose articles are in has no article
            for group in pages:
                if group[0] in ld.recent:
                    for h in held:
                        put(h)
                    held.clear()
                    put(group)
                else:
                    held.append(group)
                    if len(held) >= HOLD:
                        break
        kill_point("index")
        ld.finish()
        for group in held:
            put(group)
        for group in pages:
            put(group)
        nrej = 0
        for path in B._files(outdir, "rejected", ".jsonl"):
            nrej += B.insert_rejections(con, path, 1)
        con.execute("INSERT INTO fts(fts) VALUES ('optimize')")
        con.execute("INSERT INTO fts(fts, rank) VALUES ('automerge', 4)")
        con.execute("INSERT INTO fts(fts, rank) VALUES ('hashsize', ?)", (FTS_DEFAULT_HASH_BYTES,))
        for stmt in _INDEX_DDL:
            con.execute(stmt)
        con.execute(
            "INSERT INTO runs (run, outdir, indexed_at, manifest, added, skipped) VALUES (?, ?, ?, ?, ?, ?)",
            (1, str(outdir.resolve()), indexed_at,
             json.dumps(manifest, ensure_ascii=False) if manifest is not None else None, ld.added, ld.skipped),
        )
        con.execute("COMMIT")
        con.execute("VACUUM")  # the pages of the FTS5 segments that 'optimize' merged
        con.execute("PRAGMA journal_mode=DELETE")
        con.close()
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, store_path)
    return {"added": ld.added, "skipped": ld.skipped, "lines": nlines, "rejections": nrej,
            "articles_total": ld.added}
