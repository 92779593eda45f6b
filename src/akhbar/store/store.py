"""Read-only access to a store: search, article, lines, story, entity, stats.

Opened with SQLite's ``mode=ro`` URI, so nothing done through :class:`Store`
can change the file. One connection per thread (the web server runs handlers in
a thread pool).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, Self

from akhbar.store.build import JSON_COLS, STORE_NAME
from akhbar.store.text import fts_match, make_snippet, parse_query, query_core, search_tokens

#: Seconds that ``stats()`` and ``facets()`` results are reused (a store can grow while served).
CACHE_SECONDS = 30.0
#: BM25 column weights (title, body): a title hit counts 4x a body hit.
BM25_WEIGHTS = (4.0, 1.0, 2.0)
#: A query word is expanded to canonical entity names only when it belongs to at most this many.
MAX_NAME_EXPANSIONS = 3
MAX_LIMIT = 1000

_SUMMARY = "a.id, a.title, a.published, a.publisher, a.section, a.story_id, a.day, a.url, a.body"


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
        raise FileNotFoundError(f"no akhbar store at {p} (run `akhbar index OUTDIR` first)")
    return p


class Store:
    """A read-only akhbar store (SQLite file). Results are plain ``dict``s, JSON-ready."""

    def __init__(self, path: Path | str):
        self.path = resolve_store_path(path)
        self._local = threading.local()
        self._cache: dict[str, tuple[float, Any]] = {}

    def _cached(self, key: str, fn: Callable[[], Any]) -> Any:
        hit = self._cache.get(key)
        now = time.monotonic()
        if hit is not None and now - hit[0] < CACHE_SECONDS:
            return hit[1]
        value = fn()
        self._cache[key] = (now, value)
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
    ) -> list[dict[str, Any]]:
        """Articles matching ``query`` (Arabic-aware, see akhbar.store.text), best first.

        Filters: ``date_from``/``date_to`` (inclusive ISO dates on the article day),
        ``publisher``, ``section`` (exact), ``entity`` (a canonical entity name, or any
        spelling found in a mention: the articles of every entity written that way).
        An empty query with filters lists matching articles newest first.
        Returns dicts ``{id, title, published, publisher, section, story_id, url,
        snippet, highlights, score}``: ``snippet`` is plain text, ``highlights`` a list of
        ``[start, end]`` character offsets of matched words in it, ``score`` the BM25
        relevance (higher is better; 0.0 for a browse without a query).
        Raises :class:`StoreError` on a bad date or a limit outside 1..1000.
        """
        d_from = _check_date("date_from", date_from)
        d_to = _check_date("date_to", date_to)
        if not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
            raise StoreError(f"limit must be an integer in 1..{MAX_LIMIT}")
        if not isinstance(offset, int) or offset < 0:
            raise StoreError("offset must be a non-negative integer")
        groups, cores = parse_query(query or "")
        names = self._name_expansions(groups, cores)
        where, args = [], []
        if d_from:
            where.append("a.day >= ?")
            args.append(d_from)
        if d_to:
            where.append("a.day <= ?")
            args.append(d_to)
        if publisher:
            where.append("a.publisher = ?")
            args.append(publisher)
        if section:
            where.append("a.section = ?")
            args.append(section)
        if entity:
            where.append(
                "a.n IN (SELECT article FROM mentions WHERE canonical = ? OR canonical IN "
                "(SELECT canonical FROM mentions WHERE text = ?))"
            )
            args += [entity, entity]
        if groups:
            w1, w2, w3 = BM25_WEIGHTS
            sql = (
                f"SELECT {_SUMMARY}, -bm25(fts, {w1}, {w2}, {w3}) AS score FROM fts JOIN articles a "
                f"ON a.n = fts.rowid WHERE fts MATCH ? {''.join(' AND ' + w for w in where)} "
                "ORDER BY bm25(fts, ?, ?, ?) LIMIT ? OFFSET ?"
            )
            params = [fts_match(groups, names), *args, w1, w2, w3, limit, offset]
        elif (query or "").strip():
            return []  # the query had only punctuation: nothing can match
        else:
            sql = (
                f"SELECT {_SUMMARY}, 0.0 AS score FROM articles a "
                f"{'WHERE ' + ' AND '.join(where) if where else ''} "
                "ORDER BY a.day DESC, a.n DESC LIMIT ? OFFSET ?"
            )
            params = [*args, limit, offset]
        out = []
        for r in self.con.execute(sql, params):
            body = json.loads(r["body"]) if r["body"] else []
            snippet, hl = make_snippet(r["title"], body, cores)
            out.append(
                {
                    "id": r["id"],
                    "title": r["title"],
                    "published": r["published"] or r["day"],
                    "publisher": r["publisher"],
                    "section": r["section"],
                    "story_id": r["story_id"],
                    "url": r["url"],
                    "snippet": snippet,
                    "highlights": [list(h) for h in hl],
                    "score": round(float(r["score"]), 4),
                }
            )
        return out

    def count(self, query: str) -> int:
        """Number of articles matching ``query`` (no filters)."""
        groups, cores = parse_query(query or "")
        if not groups:
            return 0
        names = self._name_expansions(groups, set(cores))
        return self.con.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (fts_match(groups, names),)).fetchone()[0]

    def _name_expansions(self, groups: list, cores: set[str]) -> list[list[str]]:
        """Canonical names (search-form words) to add to each one-word group, from ``name_tokens``.

        A query word that is a word of an entity's mentions or canonical name (as merged
        by the entities stage: ترمب, ترامب → دونالد ترامب) also matches the articles that
        mention that entity in any spelling, when the word belongs to
        1..MAX_NAME_EXPANSIONS names (a common word such as محمد belongs to more and is
        not expanded). The words of the names' mentions that are spellings of the query
        word (same letters once long vowels are dropped: ترامب ~ ترمب) are added to
        ``cores`` so that snippets highlight them.
        """
        out: list[list[str]] = [[] for _ in groups]
        for i, g in enumerate(groups):
            if len(g) != 1:
                continue
            alts = g[0]
            rows = self.con.execute(
                f"SELECT DISTINCT canonical FROM name_tokens WHERE token IN ({','.join('?' * len(alts))}) LIMIT ?",
                (*alts, MAX_NAME_EXPANSIONS + 1),
            ).fetchall()
            if not 1 <= len(rows) <= MAX_NAME_EXPANSIONS:
                continue
            for (canonical,) in rows:
                words = search_tokens(canonical)
                if not words:
                    continue
                out[i].append(" ".join(words))
                skeletons = {_skeleton(a) for a in alts}
                for (text,) in self.con.execute(
                    "SELECT DISTINCT text FROM mentions WHERE canonical = ? LIMIT 50", (canonical,)
                ):
                    cores.update(c for t in search_tokens(text or "") if _skeleton(c := query_core(t)) in skeletons)
        return out

    # -- records ----------------------------------------------------------------------------------
    def _article_dict(self, r: sqlite3.Row) -> dict[str, Any]:
        d = dict(r)
        d.pop("n", None)
        d.pop("run", None)
        for c in JSON_COLS:
            d[c] = json.loads(d[c]) if d.get(c) else ([] if c not in ("title_span", "signals") else None)
        return d

    def article(self, id: str) -> dict[str, Any] | None:
        """The full article (all ``ARTICLE_SCHEMA`` fields, lists decoded, plus ``day``) or ``None``."""
        r = self.con.execute("SELECT * FROM articles WHERE id = ?", (id,)).fetchone()
        return self._article_dict(r) if r else None

    def lines(self, page_id: str) -> list[dict[str, Any]]:
        """``LINE_SCHEMA`` rows of a page in line order (empty when the store has no lines for it)."""
        rows = self.con.execute(
            'SELECT page_id, line_no, start, "end", label, score, text FROM lines WHERE page_id = ? '
            "ORDER BY line_no",
            (page_id,),
        )
        return [dict(r) for r in rows]

    def page_articles(self, page_id: str) -> list[dict[str, Any]]:
        """Summaries (id, title, role) of the articles found on one page."""
        rows = self.con.execute("SELECT id, title, role FROM articles WHERE page_id = ? ORDER BY n", (page_id,))
        return [dict(r) for r in rows]

    def story(self, story_id: str) -> list[dict[str, Any]]:
        """Articles of a story across outlets, oldest first: ``{id, title, published, day, publisher,
        section, url, lead}`` (``lead``: first body paragraph)."""
        rows = self.con.execute(
            "SELECT id, title, published, day, publisher, section, url, body FROM articles "
            "WHERE story_id = ? ORDER BY day IS NULL, day, published, n",
            (story_id,),
        )
        out = []
        for r in rows:
            d = dict(r)
            body = json.loads(d.pop("body") or "[]")
            d["lead"] = body[0] if body else ""
            out.append(d)
        return out

    def entity(self, canonical: str) -> dict[str, Any]:
        """An entity by canonical name: ``{canonical, name, types: {type: n}, variants: [{text, count}],
        mentions: int, articles: [{id, title, day, publisher}] (newest first, at most 200),
        per_day: [[day, n_articles]]}``. ``name`` is the most frequent spelling (for display: a
        canonical key may be a folded form such as دنلد ترمب). ``mentions`` is 0 for an unknown name."""
        rows = self.con.execute(
            "SELECT m.type, m.text, a.id, a.title, a.day, a.publisher FROM mentions m "
            "JOIN articles a ON a.n = m.article WHERE m.canonical = ? ORDER BY a.day DESC, a.n DESC",
            (canonical,),
        ).fetchall()
        types: Counter[str] = Counter()
        variants: Counter[str] = Counter()
        arts: dict[str, dict[str, Any]] = {}
        for r in rows:
            types[r["type"] or "?"] += 1
            variants[r["text"] or canonical] += 1
            arts.setdefault(r["id"], {"id": r["id"], "title": r["title"], "day": r["day"], "publisher": r["publisher"]})
        per_day = Counter(a["day"] for a in arts.values() if a["day"])
        return {
            "canonical": canonical,
            "name": variants.most_common(1)[0][0] if variants else canonical,
            "types": dict(types.most_common()),
            "variants": [{"text": t, "count": c} for t, c in variants.most_common()],
            "mentions": len(rows),
            "n_articles": len(arts),
            "articles": list(arts.values())[:200],
            "per_day": sorted([d, n] for d, n in per_day.items()),
        }

    def entities(self, prefix: str = "", limit: int = 50) -> list[dict[str, Any]]:
        """Most mentioned entities (``{canonical, name, type, articles}``), optionally those whose
        canonical search form (or display name) starts with ``prefix``."""
        rows = self.con.execute(
            "SELECT canonical, max(type) AS type, count(DISTINCT article) AS articles FROM mentions "
            "GROUP BY canonical ORDER BY articles DESC, canonical LIMIT ?",
            (limit if not prefix else 100000,),
        ).fetchall()
        out = [dict(r) for r in rows]
        if prefix:
            p = " ".join(search_tokens(prefix))
            out = [
                d for d in out
                if " ".join(search_tokens(d["canonical"])).startswith(p) or self._name(d["canonical"]).startswith(prefix)
            ][:limit]
        for d in out:
            d["name"] = self._name(d["canonical"])
        return out

    def _name(self, canonical: str) -> str:
        """The most frequent mention text of an entity (its display name)."""
        r = self.con.execute(
            "SELECT text FROM mentions WHERE canonical = ? AND text IS NOT NULL GROUP BY text "
            "ORDER BY count(*) DESC, text LIMIT 1",
            (canonical,),
        ).fetchone()
        return r[0] if r else canonical

    def facets(self) -> dict[str, list[str]]:
        """Distinct publishers and sections, most frequent first (for filter menus; cached briefly)."""
        return self._cached("facets", self._facets)

    def _facets(self) -> dict[str, list[str]]:
        pubs = [r[0] for r in self.con.execute(
            "SELECT publisher FROM articles WHERE publisher IS NOT NULL GROUP BY publisher ORDER BY count(*) DESC")]
        secs = [r[0] for r in self.con.execute(
            "SELECT section FROM articles WHERE section IS NOT NULL GROUP BY section ORDER BY count(*) DESC")]
        return {"publishers": pubs, "sections": secs}

    def stats(self) -> dict[str, Any]:
        """Store statistics: ``{articles, pages, stories, entities, lines, per_day: [[day, n]],
        per_publisher: [[publisher, n]], languages: {code: n}, sections: {name: n},
        rejections: {reason: n}, runs: [{run, outdir, indexed_at, added, skipped, manifest}]}``.

        ``rejections`` counts ``rejected.jsonl`` rows; when none were indexed, the
        reason counts found in the manifests (``counts.rejected_by_reason``, or a
        ``{reason: n}`` mapping under ``rejections``/``rejected``) are summed instead. Cached for ``CACHE_SECONDS``.
        """
        return self._cached("stats", self._stats)

    def _stats(self) -> dict[str, Any]:
        c = self.con

        def one(sql: str) -> int:
            return c.execute(sql).fetchone()[0]

        runs = []
        for r in c.execute("SELECT run, outdir, indexed_at, added, skipped, manifest FROM runs ORDER BY run"):
            d = dict(r)
            d["manifest"] = json.loads(d["manifest"]) if d["manifest"] else None
            runs.append(d)
        rej = dict(c.execute("SELECT coalesce(reason, '?'), count(*) FROM rejections GROUP BY 1 ORDER BY 2 DESC"))
        if not rej:
            agg: Counter[str] = Counter()
            for r in runs:
                m = r["manifest"] if isinstance(r["manifest"], dict) else {}
                counts = m.get("counts") if isinstance(m.get("counts"), dict) else {}
                for v in (counts.get("rejected_by_reason"), m.get("rejections"), m.get("rejected"), m.get("reasons")):
                    if isinstance(v, dict):
                        for k, n in v.items():
                            if isinstance(n, int):
                                agg[k] += n
                        break
            rej = dict(agg.most_common())
        return {
            "articles": one("SELECT count(*) FROM articles"),
            "pages": one("SELECT count(DISTINCT page_id) FROM articles"),
            "stories": one("SELECT count(DISTINCT story_id) FROM articles WHERE story_id IS NOT NULL"),
            "entities": one("SELECT count(DISTINCT canonical) FROM mentions"),
            "lines": one("SELECT count(*) FROM lines"),
            "per_day": [list(r) for r in c.execute(
                "SELECT day, count(*) FROM articles WHERE day IS NOT NULL GROUP BY day ORDER BY day")],
            "per_publisher": [list(r) for r in c.execute(
                "SELECT coalesce(publisher, '?'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC")],
            "languages": dict(c.execute(
                "SELECT coalesce(language, '?'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC")),
            "sections": dict(c.execute(
                "SELECT coalesce(section, '?'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC")),
            "rejections": rej,
            "runs": runs,
        }


def open_store(path_or_outdir: Path | str) -> Store:
    """Open a store read-only: a store file, or a refine output directory holding ``akhbar.sqlite``.

    Raises ``FileNotFoundError`` when there is no store there.
    """
    return Store(path_or_outdir)
