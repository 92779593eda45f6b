"""Read-only access to a store: search, article, lines, story, entity, stats.

Opened with SQLite's ``mode=ro`` URI, so nothing done through :class:`Store`
can change the file. One connection per thread (the web server runs handlers in
a thread pool). Whole-store figures (``stats``, ``facets``) and the match groups of recent
queries (``find``) are computed once per store version (:meth:`Store.version`: the file's
identity, size and modification time), so a store that does not change while served is counted
once, and one that is extended or replaced is counted again.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any, Self

from akhbar.store.build import (
    JSON_COLS,
    SCHEMA_VERSION,
    STORE_NAME,
    doc_dict,
    lines_dict,
    unpack_doc,
    unpack_lines,
)
from akhbar.store.publishers import query_publisher_keys
from akhbar.store.text import (
    SearchQuery,
    make_snippet,
    parse_search,
    query_core,
    search_tokens,
)
from akhbar.store.views import CorpusViews

#: ``find`` keeps the match groups of this many recent queries (per store version) ...
FIND_CACHE_QUERIES = 256
#: ... holding at most this many matching articles in all (a query with more is not kept).
FIND_CACHE_MATCHES = 200_000
#: BM25 column weights (title, body): a title hit counts 4x a body hit.
BM25_WEIGHTS = (4.0, 1.0, 2.0)
#: A query word is expanded to canonical entity names only when it belongs to at most this many.
MAX_NAME_EXPANSIONS = 3
MAX_LIMIT = 1000

_SUMMARY = "a.n, a.id, a.title, a.published, a.publisher, a.section, a.story_id, a.day, a.url, a.dup_of, a.doc"
#: ``sort`` values of :meth:`Store.search`: BM25 relevance (best first) or date (newest first).
SORTS = ("relevance", "date")
_DATE_ORDER = "a.day IS NULL, a.day DESC, a.published DESC, a.n DESC"


def _skeleton(word: str) -> str:
    """``word`` without its non-initial long vowels ا و ي (ترامب → ترمب, فيكتور → فكتر): spellings of one
    transliterated name usually differ only there."""
    return word[:1] + "".join(c for c in word[1:] if c not in "اوي")


class StoreError(ValueError):
    """Bad argument to a store query (e.g. a malformed date); message says which."""


def _check_date(name: str, v: str | dt.date | None) -> str | None:
    if v is None or v == "":
        return None
    if isinstance(v, dt.date):
        return v.isoformat()[:10]
    try:
        return dt.date.fromisoformat(str(v)[:10]).isoformat()
    except ValueError:
        raise StoreError(f"{name}: not an ISO date (YYYY-MM-DD): {v!r}") from None


def resolve_store_path(path_or_outdir: Path | str) -> Path:
    """The store file for a store file or a refine output directory; ``FileNotFoundError`` if none."""
    p = Path(path_or_outdir)
    if p.is_dir():
        p = p / STORE_NAME
    if not p.is_file():
        if (p.parent / ".akhbar-work").is_dir():  # akhbar.run.workdir.WORK_DIR: a run was interrupted
            raise FileNotFoundError(f"no akhbar store at {p}: {p.parent} holds an interrupted run "
                                    "(finish it with `akhbar refine ... --resume`)")
        raise FileNotFoundError(f"no akhbar store at {p} (run `akhbar index OUTDIR` first)")
    return p


class Store(CorpusViews):
    """A read-only akhbar store (SQLite file). Results are plain ``dict``s, JSON-ready."""

    def __init__(self, path: Path | str):
        self.path = resolve_store_path(path)
        self._local = threading.local()
        self._cache: dict[str, tuple[Any, Any]] = {}
        self._lock = threading.Lock()
        self._key_locks: dict[str, threading.Lock] = {}
        self._groups_cache: OrderedDict[tuple, tuple[Any, Any]] = OrderedDict()
        self._groups_matches = 0

    def version(self) -> tuple[Any, ...]:
        """The store's version as the file system shows it: ``(device, inode, size, mtime_ns)`` of the
        store file and of its ``-wal`` file (``None`` when absent). It changes when the store is
        extended (``akhbar index`` into it), rebuilt or replaced; two ``stat`` calls, no SQL."""
        out: list[Any] = []
        for p in (self.path, self.path.with_name(self.path.name + "-wal")):
            try:
                st = os.stat(p)
            except OSError:
                out.append(None)
                continue
            out.append((st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns))
        return tuple(out)

    def memo(self, key: str, fn: Callable[[], Any]) -> Any:
        """``fn()`` computed once per store version (:meth:`version`) and kept under ``key`` (str);
        concurrent first callers of one key wait for one computation. For whole-store figures
        (``stats``, ``facets``, the web pages built from them) that would otherwise be recounted per
        request. Exceptions of ``fn`` propagate and nothing is kept."""
        v = self.version()
        hit = self._cache.get(key)
        if hit is not None and hit[0] == v:
            return hit[1]
        with self._lock:
            lock = self._key_locks.setdefault(key, threading.Lock())
        with lock:
            hit = self._cache.get(key)
            if hit is not None and hit[0] == v:
                return hit[1]
            value = fn()
            self._cache[key] = (v, value)
            return value


    # -- connection -------------------------------------------------------------------------------
    @property
    def con(self) -> sqlite3.Connection:
        """This thread's read-only connection (opened on first use)."""
        c = getattr(self._local, "con", None)
        if c is None:
            c = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
            c.row_factory = sqlite3.Row
            c.execute("PRAGMA query_only = 1")  # read-only twice over (mode=ro + query_only)
            try:
                v = c.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            except sqlite3.Error:
                v = None
            if not v or v[0] != SCHEMA_VERSION:
                c.close()
                raise sqlite3.DatabaseError(
                    f"store schema {v[0] if v else '?'}, this akhbar reads {SCHEMA_VERSION}: "
                    "index the output directory again into a new store (akhbar index OUTDIR --store NEW)")
            self._local.con = c
        return c

    def close(self) -> None:
        """Close this thread's connection."""
        c = getattr(self._local, "con", None)
        if c is not None:
            c.close()
            self._local.con = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- search -----------------------------------------------------------------------------------
    def search(
        self,
        query: str,
        *,
        date_from: str | dt.date | None = None,
        date_to: str | dt.date | None = None,
        publisher: str | None = None,
        section: str | None = None,
        entity: str | None = None,
        limit: int = 20,
        offset: int = 0,
        sort: str = "relevance",
    ) -> list[dict[str, Any]]:
        """Articles matching ``query`` (Arabic-aware, see akhbar.store.text), best first.

        ``query`` syntax (:func:`akhbar.store.text.parse_search`): words (all must occur),
        ``"a phrase"``, ``a OR b``, ``NOT a`` / ``-a``. Filters: ``date_from``/``date_to``
        (inclusive ISO dates on the article day), ``publisher`` (the outlet's name, or its
        source id or web host: ``okaz`` finds عكاظ), ``section`` (exact), ``entity`` (a
        canonical entity name, or any spelling found in a mention: the articles of every
        entity written that way). ``sort``: ``"relevance"`` (BM25, the default) or ``"date"``
        (newest first). An empty query (or one with only ``NOT`` words) lists matching
        articles newest first.
        Returns dicts ``{id, title, published, day, publisher, section, story_id, url, dup_of,
        snippet, highlights, score}``: ``published`` is the publication date the page gave
        (ISO str, or None), ``day`` the article's day (``YYYY-MM-DD``: the publication day, else
        the crawl day, else None; a crawl day is never returned as ``published``); ``snippet`` is plain text, ``highlights`` a list of
        ``[start, end]`` character offsets of matched words in it, ``score`` the BM25
        relevance (higher is better; 0.0 for a browse without a query).
        Raises :class:`StoreError` on a bad date, sort or a limit outside 1..1000.
        """
        self._check_page(limit, offset)
        q = parse_search(query or "")
        if q.empty and (query or "").strip():
            return []  # the query had only punctuation: nothing can match
        sql, params = self._select(q, _SUMMARY, sort, date_from, date_to, publisher, section, entity)
        rows = self.con.execute(f"{sql} LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
        return [self._hit(r, q) for r in rows]

    def find(
        self,
        query: str,
        *,
        date_from: str | dt.date | None = None,
        date_to: str | dt.date | None = None,
        publisher: str | None = None,
        section: str | None = None,
        entity: str | None = None,
        limit: int = 20,
        offset: int = 0,
        sort: str = "relevance",
    ) -> dict[str, Any]:
        """:meth:`search` with a hit count and duplicates collapsed under their original.

        Matching articles are grouped by original (``dup_of``, else the article itself);
        each group is one result, ranked where its best article ranks, shown as the
        original when the original matches (else the best copy), with the others in
        ``copies``. Returns ``{query, sort, total, results, offset, hits}``: ``total``
        matching articles, ``results`` groups; ``hits`` (at most ``limit`` from
        ``offset``) are :meth:`search` dicts plus ``copies: [{id, title, published,
        publisher, url}]``.
        """
        self._check_page(limit, offset)
        q = parse_search(query or "")
        out: dict[str, Any] = {"query": query or "", "sort": sort, "total": 0, "results": 0, "offset": offset,
                               "hits": []}
        if q.empty and (query or "").strip():
            return out
        args = (sort, _check_date("date_from", date_from), _check_date("date_to", date_to), publisher or None,
                section or None, entity or None)
        total, groups, terms = self._groups(q, query or "", *args)
        q.terms = set(terms)  # the query's words and the spellings its names were expanded to
        out["total"], out["results"] = total, len(groups)
        page = groups[offset:offset + limit]
        if not page:
            return out
        ns = [members[lead][0] for _k, members, lead in page]
        ns += [m[0] for _k, members, lead in page for i, m in enumerate(members) if i != lead]
        rows = {}
        for i in range(0, len(ns), 500):
            chunk = ns[i:i + 500]
            for r in self.con.execute(
                f"SELECT {_SUMMARY} FROM articles a "
                f"WHERE a.n IN ({','.join('?' * len(chunk))})", chunk
            ):
                rows[r["n"]] = r
        for _key, members, lead in page:
            n0, score = members[lead]
            hit = self._hit(rows[n0], q, score)
            hit["copies"] = [
                {k: rows[n][k] for k in ("id", "title", "published", "publisher", "url")}
                for i, (n, _s) in enumerate(members) if i != lead
            ]
            out["hits"].append(hit)
        return out

    def _groups(self, q: SearchQuery, query: str, *args: Any) -> tuple[int, list[tuple], frozenset[str]]:
        """``(total, groups, terms)`` of a :meth:`find` query (``args``: sort, the two checked dates,
        publisher, section, entity): ``groups`` in rank order, each ``(key, members, lead)`` with
        ``members`` ``[(n, score)]`` in rank order and ``lead`` the index of the member shown
        (the original when it matches, else the best copy); ``terms`` are ``q.terms`` once the
        query's names are expanded. Kept per store version for the last ``FIND_CACHE_QUERIES``
        queries (paging through a query, or a query asked again, reads no match twice)."""
        key = (query, *args)
        v = self.version()
        with self._lock:
            hit = self._groups_cache.get(key)
            if hit is not None and hit[0] == v:
                self._groups_cache.move_to_end(key)
                return hit[1]
        sql, params = self._select(q, "a.n, a.id, a.dup_of", *args)
        by_key: dict[str, list[tuple[int, float]]] = {}
        leads: dict[str, int] = {}
        total = 0
        for n, aid, dup, score in self.con.execute(sql, params):
            gk = dup or aid
            members = by_key.setdefault(gk, [])
            if aid == gk and gk not in leads:
                leads[gk] = len(members)
            members.append((n, score))
            total += 1
        value = (total, [(gk, members, leads.get(gk, 0)) for gk, members in by_key.items()], frozenset(q.terms))
        if total <= FIND_CACHE_MATCHES:
            with self._lock:
                old = self._groups_cache.pop(key, None)
                if old is not None:
                    self._groups_matches -= old[1][0]
                self._groups_cache[key] = (v, value)
                self._groups_matches += total
                while self._groups_cache and (len(self._groups_cache) > FIND_CACHE_QUERIES
                                              or self._groups_matches > FIND_CACHE_MATCHES):
                    _k, (_v, old_value) = self._groups_cache.popitem(last=False)
                    self._groups_matches -= old_value[0]
        return value

    @staticmethod
    def _check_page(limit: int, offset: int) -> None:
        if not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
            raise StoreError(f"limit must be an integer in 1..{MAX_LIMIT}")
        if not isinstance(offset, int) or offset < 0:
            raise StoreError("offset must be a non-negative integer")

    def _select(
        self, q: SearchQuery, cols: str, sort: str, date_from: Any, date_to: Any, publisher: str | None,
        section: str | None, entity: str | None,
    ) -> tuple[str, list[Any]]:
        """SQL (without LIMIT) and parameters selecting ``cols`` (plus ``score``) of the matching articles."""
        if sort not in SORTS:
            raise StoreError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
        d_from = _check_date("date_from", date_from)
        d_to = _check_date("date_to", date_to)
        where, args = [], []
        if d_from:
            where.append("a.day >= ?")
            args.append(d_from)
        if d_to:
            where.append("a.day <= ?")
            args.append(d_to)
        if publisher:
            keys = query_publisher_keys(publisher) or [""]
            where.append("(a.publisher = ? OR a.publisher IN (SELECT publisher FROM publishers WHERE key IN ("
                         + ",".join("?" * len(keys)) + ")))")
            args += [publisher, *keys]
        if section:
            where.append("a.section = ?")
            args.append(section)
        if entity:
            where.append(
                "a.n IN (SELECT article FROM mentions WHERE canonical IN "
                "(SELECT ? UNION SELECT canonical FROM spellings WHERE text = ?))"
            )
            args += [entity, entity]
        pos, neg = q.match(self._name_expansions(q))
        if neg:
            where.append("a.n NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
            args.append(neg)
        if pos:
            w1, w2, w3 = BM25_WEIGHTS
            order = "score DESC, a.n" if sort == "relevance" else _DATE_ORDER
            sql = (
                f"SELECT {cols}, -bm25(fts, {w1}, {w2}, {w3}) AS score FROM fts JOIN articles a "
                f"ON a.n = fts.rowid WHERE fts MATCH ? {''.join(' AND ' + w for w in where)} ORDER BY {order}"
            )
            return sql, [pos, *args]
        sql = (
            f"SELECT {cols}, 0.0 AS score FROM articles a {'WHERE ' + ' AND '.join(where) if where else ''} "
            f"ORDER BY {_DATE_ORDER}"
        )
        return sql, args

    def _hit(self, r: sqlite3.Row, q: SearchQuery, score: float | None = None) -> dict[str, Any]:
        body = self._doc(r["doc"]).get("body") or []
        snippet, hl = make_snippet(r["title"], body, set(q.terms))
        return {
            "id": r["id"],
            "title": r["title"],
            "published": r["published"],
            "day": r["day"],
            "publisher": r["publisher"],
            "section": r["section"],
            "story_id": r["story_id"],
            "url": r["url"],
            "dup_of": r["dup_of"],
            "snippet": snippet,
            "highlights": [list(h) for h in hl],
            "score": round(float(r["score"] if score is None else score), 4),
        }

    def count(self, query: str) -> int:
        """Number of articles matching ``query`` (no filters)."""
        q = parse_search(query or "")
        if q.empty:
            return 0
        sql, params = self._select(q, "a.n", "relevance", None, None, None, None, None)
        return self.con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]

    def _name_expansions(self, q: SearchQuery) -> dict[tuple[str, ...], list[str]]:
        """Canonical names (search-form words) to add to each one-word item of ``q``, from ``name_tokens``.

        A query word that is a word of an entity's mentions or canonical name (as merged
        by the entities stage: ترمب, ترامب → دونالد ترامب) also matches the articles that
        mention that entity in any spelling, when the word belongs to
        1..MAX_NAME_EXPANSIONS names (a common word such as محمد belongs to more and is
        not expanded). The words of the names' mentions that are spellings of the query
        word (same letters once long vowels are dropped: ترامب ~ ترمب) are added to
        ``q.terms`` so that snippets highlight them. Computed once per query.
        """
        done = getattr(q, "_names", None)
        if done is not None:
            return done
        out: dict[tuple[str, ...], list[str]] = {}
        for alts in q.words():
            if alts in out:
                continue
            out[alts] = []
            rows = self.con.execute(
                f"SELECT DISTINCT canonical FROM name_tokens WHERE token IN ({','.join('?' * len(alts))}) LIMIT ?",
                (*alts, MAX_NAME_EXPANSIONS + 1),
            ).fetchall()
            if not 1 <= len(rows) <= MAX_NAME_EXPANSIONS:
                continue
            skeletons = {_skeleton(a) for a in alts}
            for (canonical,) in rows:
                words = search_tokens(canonical)
                if not words:
                    continue
                out[alts].append(" ".join(words))
                for (text,) in self.con.execute(
                    "SELECT DISTINCT text FROM mentions WHERE canonical = ? LIMIT 50", (canonical,)
                ):
                    q.terms.update(c for t in search_tokens(text or "") if _skeleton(c := query_core(t)) in skeletons)
        q._names = out  # type: ignore[attr-defined]
        return out

    def _zdict(self) -> bytes:
        """The store's ``doc`` dictionary (written once, with the first articles: cached)."""
        z = self._cache.get("zdict")
        if z is None:
            z = (0.0, doc_dict(self.con))
            self._cache["zdict"] = z
        return z[1]

    def _doc(self, data: bytes | None) -> dict[str, Any]:
        return unpack_doc(data, self._zdict())

    # -- records ----------------------------------------------------------------------------------
    def _article_dict(self, r: sqlite3.Row) -> dict[str, Any]:
        d = dict(r)
        d.pop("n", None)
        d.pop("run", None)
        doc = self._doc(d.pop("doc", None))
        for c in JSON_COLS:
            d[c] = doc.get(c) or ([] if c not in ("title_span", "signals") else None)
        return d

    def article(self, id: str) -> dict[str, Any] | None:
        """The full article (all ``ARTICLE_SCHEMA`` fields, lists decoded, plus ``day``) or ``None``."""
        r = self.con.execute("SELECT * FROM articles WHERE id = ?", (id,)).fetchone()
        return self._article_dict(r) if r else None

    def lines(self, page_id: str) -> list[dict[str, Any]]:
        """``LINE_SCHEMA`` rows of a page in line order (empty when the store has no lines for it)."""
        r = self.con.execute("SELECT dict, data FROM pages WHERE page_id = ?", (page_id,)).fetchone()
        if r is None:
            return []
        rows = unpack_lines(r["data"], lines_dict(self.con, json.loads(r["dict"]), self._zdict()))
        keys = ("line_no", "start", "end", "label", "score", "text")
        return [{"page_id": page_id, **dict(zip(keys, x, strict=True))} for x in rows]

    def page_articles(self, page_id: str) -> list[dict[str, Any]]:
        """Summaries (id, title, role) of the articles found on one page."""
        rows = self.con.execute("SELECT id, title, role FROM articles WHERE page_id = ? ORDER BY n", (page_id,))
        return [dict(r) for r in rows]


def open_store(path_or_outdir: Path | str) -> Store:
    """Open a store read-only: a store file, or a refine output directory holding ``akhbar.sqlite``.

    Raises ``FileNotFoundError`` when there is no store there.
    """
    return Store(path_or_outdir)
