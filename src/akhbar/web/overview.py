"""The landing page's numbers: what is in a store, at a glance (read-only queries, cached).

:func:`overview` ``(store) -> dict`` returns::

    {articles, publishers, pages, stories, entities,           # counts (int)
     languages: [[code, n]], per_publisher: [[name, n]],       # most frequent first
     rejections: [[reason, n]], rejected: int,                  # rejected input records by reason
     published_from, published_to: "YYYY-MM-DD" | None,         # range of the articles' own dates
     published_n: int,                                          # articles that carry a date
     crawl_only: int, crawl_from, crawl_to,                     # articles dated only by the crawl
     top_stories: [{story_id, articles, publishers, first, last, title, outlets: [name]}],
     top_entities: [{canonical, name, type, articles}],        # [] when no entity was stored
     latest: [search hits]}                                     # newest articles (Store.search)

Stories use only ``story_id``, ``published``, ``day`` and ``publisher`` of the ``articles`` table
(the story stage's other fields may change). ``top_stories`` are those reported by the most
distinct outlets (ties: more articles, then story id), at least 2 articles each. Results are
computed once per store version (``Store.memo``: again when the store is extended or replaced
while served); nothing here raises on an empty store.
"""

from __future__ import annotations

from typing import Any

from akhbar.store import Store

TOP_STORIES = 10
TOP_ENTITIES = 15
LATEST = 8


def overview(store: Store) -> dict[str, Any]:
    """The overview of ``store`` (see the module docstring), computed once per store version."""
    return store.memo("web.overview", lambda: _compute(store))


def story_list(store: Store, limit: int, offset: int = 0) -> list[dict[str, Any]]:
    """Stories of at least 2 articles, reported by the most distinct outlets first (ties: more
    articles, then story id), rows ``offset .. offset+limit``: ``[{story_id, articles, publishers,
    first, last, title, outlets: [name]}]`` (``first``/``last``: ``YYYY-MM-DD`` text, the
    publication date or else the crawl day; ``title``: the earliest article's title or None).
    Computed once per store version and page."""
    return store.memo(f"web.stories.{limit}.{offset}", lambda: _stories(store, limit, offset))


def _stories(store: Store, limit: int, offset: int) -> list[dict[str, Any]]:
    c = store.con
    stories = [dict(r) for r in c.execute(
        "SELECT story_id, count(*) AS articles, count(DISTINCT publisher) AS publishers, "
        "min(coalesce(nullif(published, ''), day)) AS first, max(coalesce(nullif(published, ''), day)) AS last "
        "FROM articles WHERE story_id IS NOT NULL AND story_id != '' GROUP BY story_id HAVING count(*) > 1 "
        "ORDER BY publishers DESC, articles DESC, story_id LIMIT ? OFFSET ?", (limit, offset))]
    for st in stories:
        rows = c.execute(
            "SELECT title, publisher FROM articles WHERE story_id = ? "
            "ORDER BY day IS NULL, day, published, n", (st["story_id"],)).fetchall()
        st["title"] = next((r["title"] for r in rows if r["title"]), None)
        st["outlets"] = sorted({r["publisher"] for r in rows if r["publisher"]})
    return stories


def _compute(store: Store) -> dict[str, Any]:
    s = store.stats()
    c = store.con
    pub = c.execute(
        "SELECT min(substr(published, 1, 10)), max(substr(published, 1, 10)), count(*) FROM articles "
        "WHERE published IS NOT NULL AND published != ''").fetchone()
    crawl = c.execute(
        "SELECT min(day), max(day), count(*) FROM articles WHERE (published IS NULL OR published = '')").fetchone()
    stories = story_list(store, TOP_STORIES)
    rejections = sorted(s["rejections"].items(), key=lambda kv: (-kv[1], kv[0]))
    return {
        "articles": s["articles"],
        "publishers": len(store.facets()["publishers"]),
        "pages": s["pages"],
        "stories": s["stories"],
        "entities": s["entities"],
        "languages": sorted(s["languages"].items(), key=lambda kv: (-kv[1], kv[0])),
        "per_publisher": s["per_publisher"],
        "rejections": rejections,
        "rejected": sum(n for _, n in rejections),
        "published_from": pub[0], "published_to": pub[1], "published_n": pub[2],
        "crawl_from": crawl[0], "crawl_to": crawl[1], "crawl_only": crawl[2],
        "top_stories": stories,
        "top_entities": store.entities("", TOP_ENTITIES) if s["entities"] else [],
        "latest": store.search("", limit=LATEST),
    }


__all__ = ["overview", "story_list"]
