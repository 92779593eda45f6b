"""The corpus views of a store: stories, entities, facets and counts (the web page's side panels).

Mixed into :class:`akhbar.store.store.Store`, whose connection (``con``), memo (``memo``) and
``doc`` decoding (``_doc``) they use; search and single articles stay in ``store.py``.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from akhbar.store.text import search_tokens


class CorpusViews:
    """Story, entity and statistics queries of a :class:`akhbar.store.store.Store`."""

    def story(self, story_id: str) -> list[dict[str, Any]]:
        """Articles of a story across outlets, oldest first: ``{id, title, published, day, publisher,
        section, url, lead}`` (``lead``: first body paragraph)."""
        rows = self.con.execute(
            "SELECT id, title, published, day, publisher, section, url, doc FROM articles "
            "WHERE story_id = ? ORDER BY day IS NULL, day, published, n",
            (story_id,),
        )
        out = []
        for r in rows:
            d = dict(r)
            body = self._doc(d.pop("doc")).get("body") or []
            d["lead"] = body[0] if body else ""
            out.append(d)
        return out

    def entity(self, canonical: str) -> dict[str, Any]:
        """An entity by canonical name: ``{canonical, name, types: {type: n}, variants: [{text, count}],
        mentions: int, articles: [{id, title, day, publisher}] (newest first, at most 200),
        per_day: [[day, n_articles]]}``. ``name`` is the most frequent spelling (for display: a
        canonical key may be a folded form such as دنلد ترمب). ``mentions`` is 0 for an unknown name."""
        rows = self.con.execute(
            "SELECT m.type, m.text, m.n, a.id, a.title, a.day, a.publisher FROM mentions m "
            "JOIN articles a ON a.n = m.article WHERE m.canonical = ? ORDER BY a.day DESC, a.n DESC",
            (canonical,),
        ).fetchall()
        types: Counter[str] = Counter()
        variants: Counter[str] = Counter()
        arts: dict[str, dict[str, Any]] = {}
        for r in rows:
            types[r["type"] or "?"] += r["n"]
            variants[r["text"] or canonical] += r["n"]
            arts.setdefault(r["id"], {"id": r["id"], "title": r["title"], "day": r["day"], "publisher": r["publisher"]})
        per_day = Counter(a["day"] for a in arts.values() if a["day"])
        return {
            "canonical": canonical,
            "name": variants.most_common(1)[0][0] if variants else canonical,
            "types": dict(types.most_common()),
            "variants": [{"text": t, "count": c} for t, c in variants.most_common()],
            "mentions": sum(r["n"] for r in rows),
            "n_articles": len(arts),
            "articles": list(arts.values())[:200],
            "per_day": sorted([d, n] for d, n in per_day.items()),
        }

    def entities(self, prefix: str = "", limit: int = 50, type: str | None = None) -> list[dict[str, Any]]:
        """Most mentioned entities (``{canonical, name, type, articles}``), optionally those whose
        canonical search form (or display name) starts with ``prefix`` and of one ``type``
        (PER/LOC/ORG/MISC). ``type`` is the majority type of an entity's mentions (ties: PER, LOC,
        ORG, MISC), ``name`` its most frequent spelling (``canonical`` is a merge key: link with
        it, never show it). Stop-entities (God, currency names:
        ``akhbar.entities.merge.is_stop_entity``) are left out."""
        from akhbar.entities.merge import is_stop_entity

        order = {"PER": 0, "LOC": 1, "ORG": 2, "MISC": 3}
        votes = self.con.execute(
            "SELECT canonical, coalesce(nullif(type, ''), 'MISC') AS type, sum(n) AS n FROM mentions "
            "GROUP BY canonical, 2"
        ).fetchall()
        major: dict[str, tuple[int, int, str]] = {}
        for r in votes:
            cand = (-r["n"], order.get(r["type"], 9), r["type"])
            if r["canonical"] not in major or cand < major[r["canonical"]]:
                major[r["canonical"]] = cand
        rows = self.con.execute(
            "SELECT canonical, count(DISTINCT article) AS articles FROM mentions "
            "GROUP BY canonical ORDER BY articles DESC, canonical"
        ).fetchall()
        p = " ".join(search_tokens(prefix)) if prefix else ""
        out = []
        for r in rows:
            d = dict(r)
            d["type"] = major[d["canonical"]][2] if d["canonical"] in major else None
            if type and d["type"] != type:
                continue
            d["name"] = self._name(d["canonical"])
            if is_stop_entity(d["name"], d["canonical"]):
                continue
            if prefix and not (
                " ".join(search_tokens(d["canonical"])).startswith(p) or d["name"].startswith(prefix)
                or " ".join(search_tokens(d["name"])).startswith(p)
            ):
                continue
            out.append(d)
            if len(out) >= limit:
                break
        return out

    def _name(self, canonical: str) -> str:
        """The most frequent mention text of an entity (its display name)."""
        r = self.con.execute(
            "SELECT text FROM mentions WHERE canonical = ? AND text != '' GROUP BY text "
            "ORDER BY sum(n) DESC, text LIMIT 1",
            (canonical,),
        ).fetchone()
        return r[0] if r else canonical

    def facets(self) -> dict[str, list[str]]:
        """Distinct publishers and sections, most frequent first (for filter menus; computed once per store version)."""
        return self.memo("facets", self._facets)

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
        ``{reason: n}`` mapping under ``rejections``/``rejected``) are summed instead. Computed once per store version
        (:meth:`akhbar.store.store.Store.memo`).
        """
        return self.memo("stats", self._stats)

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
            "lines": one("SELECT coalesce(sum(n_lines), 0) FROM pages"),
            "per_day": [list(r) for r in c.execute(
                "SELECT day, count(*) FROM articles WHERE day IS NOT NULL GROUP BY day ORDER BY day")],
            "per_publisher": [list(r) for r in _counts(c, "publisher")],
            "languages": dict(_counts(c, "language")),
            "sections": dict(_counts(c, "section")),
            "rejections": rej,
            "runs": runs,
        }


def _counts(con: Any, col: str) -> list[tuple[str, int]]:
    """``[(value, articles)]`` of one ``articles`` column, most frequent first (ties: value order),
    NULL counted as ``"?"``. Grouped on the bare column, so that an index on it (publisher,
    section) gives the groups in order without a sort (a third of the time of grouping on
    ``coalesce(col, '?')``)."""
    n: Counter[str] = Counter()
    for v, k in con.execute(f"SELECT {col}, count(*) FROM articles GROUP BY {col}"):
        n["?" if v is None else v] += k
    return sorted(n.items(), key=lambda kv: (-kv[1], kv[0]))
