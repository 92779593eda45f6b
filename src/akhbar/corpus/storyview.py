"""Stories of a refine output, read back from ``articles.parquet``: outlets, first report, timeline.

:func:`story_table` groups the articles by ``story_id`` and orders each story's articles by publication
day (undated articles last), ties by input order (the row order of the Parquet file, which is the input
order), so ``first_seen`` (the first report) and each article's ``rank`` in its story are deterministic.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["story_ranks", "story_table"]


def story_table(articles_parquet_path: str | Path, timeline: int = 10) -> list[dict[str, Any]]:
    """Story clusters of an ``articles.parquet`` (columns ``id, title, publisher, published, story_id``,
    and ``dup_of`` when present).

    Returns a list of dicts ``{story_id, size, outlets, first_date, last_date, title, first_seen, timeline}``,
    largest story first (ties: earliest first date, then story id). ``outlets`` is the sorted list of
    distinct publishers; dates are ``YYYY-MM-DD`` (None when no article has one); ``title`` is the title of
    the story's first article (the one whose id is the story id), else the first non-empty title;
    ``first_seen`` is the first report ``{id, publisher, date, title}``: the earliest publication day,
    ties by input order; ``timeline`` lists the first ``timeline`` articles in that order as
    ``{rank, id, publisher, date, title, dup_of, crawl_date}`` (rank 1 = ``first_seen``; ``date`` is the
    publication day, ``crawl_date`` the crawl day, shown only as such, never as ``date``); ``ranks`` maps every article id
    of the story to its rank (int, 1-based, the same order). Articles without a
    ``story_id`` are their own story. Raises ``FileNotFoundError`` if the file is missing.
    """
    import pyarrow.parquet as pq

    cols = ["id", "title", "publisher", "published", "story_id"]
    names = set(pq.read_schema(articles_parquet_path).names)
    has_dup = "dup_of" in names
    extra = [c for c in ("dup_of", "crawl_date") if c in names]
    table = pq.read_table(articles_parquet_path, columns=cols + extra).to_pydict()
    dups = table["dup_of"] if has_dup else [None] * len(table["id"])
    crawl = {aid: (c[:10] if c and len(c) >= 10 else None)
             for aid, c in zip(table["id"], table.get("crawl_date") or [None] * len(table["id"]))}
    groups: dict[str, dict[str, Any]] = {}
    for n, (aid, title, pub, published, sid, dup) in enumerate(zip(*(table[c] for c in cols), dups)):
        sid = sid or aid
        g = groups.get(sid)
        if g is None:
            g = groups[sid] = {"story_id": sid, "outlets": set(), "members": [], "title": None, "first_title": None}
        day = published[:10] if published and len(published) >= 10 else None
        g["members"].append((day is None, day or "", n, aid, pub, day, title, dup))
        if pub:
            g["outlets"].add(pub)
        if title and g["first_title"] is None:
            g["first_title"] = title
        if aid == sid and title:
            g["title"] = title
    out = []
    for g in groups.values():
        members = g["members"] = sorted(g["members"])
        dates = [m[5] for m in members if m[5]]
        line = [{"rank": k + 1, "id": m[3], "publisher": m[4], "date": m[5], "title": m[6], "dup_of": m[7],
                 "crawl_date": crawl.get(m[3])}
                for k, m in enumerate(members[:timeline])]
        first = members[0]
        out.append({
            "story_id": g["story_id"],
            "size": len(members),
            "outlets": sorted(g["outlets"]),
            "first_date": min(dates) if dates else None,
            "last_date": max(dates) if dates else None,
            "title": g["title"] or g["first_title"],
            "first_seen": {"id": first[3], "publisher": first[4], "date": first[5], "title": first[6]},
            "timeline": line,
            "ranks": {m[3]: k + 1 for k, m in enumerate(members)},
        })
    out.sort(key=lambda r: (-r["size"], r["first_date"] or "9999", r["story_id"]))
    return out


def story_ranks(articles_parquet_path: str | Path) -> dict[str, int]:
    """``{article id: story_rank}`` of an ``articles.parquet``: each article's 1-based place in its story by
    publication day (undated last), ties by input order, as in :func:`story_table`'s timeline.

    A post-pass over the written output, not a column of the corpus pass: that pass writes each article as it
    arrives, and a later input can be an earlier report, so the final rank is only known at the end.
    Raises ``FileNotFoundError`` if the file is missing."""
    return {aid: r for s in story_table(articles_parquet_path, timeline=0) for aid, r in s["ranks"].items()}
