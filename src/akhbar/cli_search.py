"""``akhbar search``: its help text, the fast path that parses a plain command line without
typer, and the search itself (``akhbar.store.Store.find``) printed for a person or as JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from akhbar.cli_common import console
from akhbar.cli_common import fail as _fail

SEARCH_HELP = """Arabic-aware full-text search: hamza forms, alef maqsura, teh marbuta,
diacritics and prefixes (و ف ب ك ل ال) are folded, so الأوروبي finds
والاوروبي; word endings are kept (مصر does not find مصري).

\b
Query syntax:
  word1 word2        both words (implicit AND)
  "a phrase"         the words next to each other, in order
  word1 OR word2     either word (OR binds tighter: a b OR c = a AND (b OR c))
  -word, NOT word    leave out articles with the word (or -"a phrase")
  ""                 empty query: browse (with the filters), newest first
Operators are upper-case; other punctuation only separates words, and an
unbalanced quote runs to the end, so no query is a syntax error.

\b
Results: the number of matching articles, then the hits; copies of an
article (near-duplicates, dup_of) are folded under their original
("+ N copies"). --sort relevance (BM25, title weighted) or date (newest
first). --publisher takes the outlet's name (عكاظ) or its source id or web
host (okaz). --json prints {total, results, hits: [..., copies]}.

\b
Examples:
  akhbar search out 'الحوثي OR الحوثيين -عدن'
  akhbar search out '"مجلس الأمن"' --publisher aawsat --sort date
"""


#: ``akhbar search`` options the fast path reads: option -> (parameter, takes a value).
_SEARCH_OPTS = {
    "--from": ("date_from", True), "--to": ("date_to", True), "--publisher": ("publisher", True),
    "--section": ("section", True), "--entity": ("entity", True), "--sort": ("sort", True),
    "--limit": ("limit", True), "--json": ("as_json", False),
}


def fast_search_args(argv: list[str]) -> dict | None:
    """The arguments of a plain, valid ``akhbar search`` command line, or ``None`` for anything
    else (``--help``, an unknown or repeated option, a missing value, a bad ``--limit``...), which
    typer then handles as always. Parsing with typer costs ~0.3 s of CPU (it imports pydantic and
    builds a validator per parameter), three times the search itself; the fast path skips it."""
    out: dict = {"date_from": None, "date_to": None, "publisher": None, "section": None, "entity": None,
                 "sort": "relevance", "limit": 10, "as_json": False}
    pos: list[str] = []
    seen: set[str] = set()
    i = 0
    while i < len(argv):
        a = argv[i]
        if a.startswith("-") and a != "-":
            name, _, val = a.partition("=")
            if name not in _SEARCH_OPTS or name in seen:
                return None
            seen.add(name)
            key, takes = _SEARCH_OPTS[name]
            if not takes:
                if val:
                    return None
                out[key] = True
            else:
                if not val:
                    i += 1
                    if i >= len(argv):
                        return None
                    val = argv[i]
                out[key] = val
        else:
            pos.append(a)
        i += 1
    if len(pos) != 2:
        return None
    try:
        out["limit"] = int(out["limit"])
    except ValueError:
        return None
    if not 1 <= out["limit"] <= 1000:
        return None
    out["store"], out["query"] = Path(pos[0]), pos[1]
    return out


def _has_mentions(st) -> bool:
    """Whether the store ``st`` holds any entity mention (a run with ``--entities``)."""
    import sqlite3

    try:
        return st.con.execute("SELECT 1 FROM mentions LIMIT 1").fetchone() is not None
    except sqlite3.Error:
        return True  # cannot tell: say nothing more than "no results"


def search_impl(
    store: Path, query: str, date_from: str | None, date_to: str | None, publisher: str | None,
    section: str | None, entity: str | None, sort: str, limit: int, as_json: bool,
) -> None:
    import sqlite3

    from akhbar.store import StoreError, open_store
    from akhbar.store.text import parse_search

    if query.strip() and parse_search(query).empty:
        raise _fail(f"bad query {query!r}: it has no word to search for", 2)
    if sort not in ("relevance", "date"):
        raise _fail(f"bad option: --sort must be relevance or date, not {sort!r}", 2)
    try:
        st = open_store(store)
        res = st.find(query, date_from=date_from, date_to=date_to, publisher=publisher, section=section,
                      entity=entity, limit=limit, sort=sort)
    except FileNotFoundError as e:
        raise _fail(str(e)) from None
    except StoreError as e:
        raise _fail("bad option: " + str(e).replace("date_from", "--from").replace("date_to", "--to"), 2) from None
    except sqlite3.Error as e:
        raise _fail(f"cannot read the store {store}: {e}") from None
    if as_json:
        sys.stdout.write(json.dumps(res, ensure_ascii=False, indent=1) + "\n")
        return
    from rich.text import Text

    total, groups = res["total"], res["results"]
    if not total:
        if entity and not _has_mentions(st):
            raise _fail(f"--entity {entity}: the store holds no entities (entity recognition is off by "
                        "default; run akhbar refine with --entities)")
        console.print(Text(f"no results for {query!r}" + _filters_note(date_from, date_to, publisher, section,
                                                                       entity)))
        return
    head = f"{total} article{'s' if total != 1 else ''}"
    if groups != total:
        head += f" ({groups} after folding {total - groups} cop{'ies' if total - groups != 1 else 'y'})"
    if len(res["hits"]) < groups:
        head += f", showing {len(res['hits'])}"
    console.print(Text(head, style="bold"))
    for h in res["hits"]:
        console.print()
        line = Text(h.get("title") or "", style="bold")
        when = (h.get("published") or "")[:10] or (f"{h['day']} (crawl date)" if h.get("day") else "")
        line.append(f"  {when} {h.get('publisher') or ''}", style="dim")
        console.print(line)
        snip = Text("  " + (h.get("snippet") or ""))
        for a, b in h.get("highlights") or []:
            snip.stylize("bold yellow", a + 2, b + 2)
        console.print(snip)
        console.print(Text(f"  {h.get('id')}", style="dim"))
        copies = h.get("copies") or []
        if copies:
            n = len(copies)
            pubs = "، ".join(dict.fromkeys(c.get("publisher") or "?" for c in copies))
            console.print(Text(f"  + {n} cop{'ies' if n != 1 else 'y'} ({pubs}): "
                               + " ".join(c["id"] for c in copies[:5]) + (" …" if n > 5 else ""), style="dim"))


def _filters_note(date_from: str | None, date_to: str | None, publisher: str | None, section: str | None,
                  entity: str | None) -> str:
    f = {"--from": date_from, "--to": date_to, "--publisher": publisher, "--section": section, "--entity": entity}
    used = [f"{k} {v}" for k, v in f.items() if v]
    return f" with {', '.join(used)}" if used else ""
