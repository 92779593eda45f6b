"""Validate the development story set in benchmarks/data/stories/ (issue 15).

Checks ``events.jsonl`` and ``pages.jsonl``: JSON shape, field values, unique
event ids, page ids and URLs, that every page's event exists, that ``title`` and
``date_evidence`` are exact substrings of ``text``, that ``sha256`` is the hex
SHA-256 of ``text`` encoded as UTF-8 and ``outlet`` is the URL host (lower case,
without ``www.``/``m.``/``amp.``), and that every main event is reported by at
least 5 pages from at least 5 distinct outlets (one page per outlet per event).

Usage: ``python benchmarks/stories_check.py [--fill] [--dir DIR]``; ``--fill``
rewrites ``sha256`` and ``outlet`` from ``text`` and ``url``. Exit status 1 on
any problem. Prints counts of events, pages, outlets and negatives by kind.
"""
from __future__ import annotations

import argparse
import collections
import hashlib
import json
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_DIR = Path(__file__).resolve().parent / "data" / "stories"
ROLES = {"main", "negative", "unrelated"}
NEG_KINDS = {"same_actors_other_event", "same_kind_other_date", "preview_vs_result", "follow_up"}
PAGE_KEYS = ["id", "event", "role", "negative_of", "negative_kind", "query", "url", "outlet",
             "sha256", "text", "title", "date", "date_evidence", "notes"]
EVENT_KEYS = ["event", "description", "date", "kind"]
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MIN_PAGES = 5


def outlet_of(url: str) -> str:
    """Return the URL's host, lower case, without a ``www.``/``m.``/``amp.`` prefix."""
    host = (urlsplit(url).hostname or "").lower()
    for prefix in ("www.", "m.", "amp."):
        host = host.removeprefix(prefix)
    return host


def _load(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise SystemExit(f"{path}:{n}: bad JSON: {exc}") from exc
    return rows


def check(events: list[dict], pages: list[dict]) -> list[str]:
    """Return a list of problems (empty when the set is valid)."""
    errs: list[str] = []
    ev_ids: dict[str, dict] = {}
    for e in events:
        if sorted(e) != sorted(EVENT_KEYS):
            errs.append(f"event {e.get('event')}: keys {sorted(e)}")
        if e.get("event") in ev_ids:
            errs.append(f"duplicate event id {e.get('event')}")
        ev_ids[e.get("event")] = e
        if not DATE_RE.match(str(e.get("date"))):
            errs.append(f"event {e.get('event')}: bad date {e.get('date')}")
    seen_ids, seen_urls = set(), set()
    per_event: dict[str, list[dict]] = collections.defaultdict(list)
    for p in pages:
        pid = p.get("id")
        if sorted(p) != sorted(PAGE_KEYS):
            errs.append(f"{pid}: keys {sorted(set(p) ^ set(PAGE_KEYS))}")
            continue
        if not re.match(r"^st-\d{4}$", pid or "") or pid in seen_ids:
            errs.append(f"{pid}: bad or duplicate id")
        seen_ids.add(pid)
        if p["url"] in seen_urls:
            errs.append(f"{pid}: duplicate url {p['url']}")
        seen_urls.add(p["url"])
        text = p["text"]
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != p["sha256"]:
            errs.append(f"{pid}: sha256 mismatch (run --fill)")
        if p["outlet"] != outlet_of(p["url"]):
            errs.append(f"{pid}: outlet {p['outlet']} != {outlet_of(p['url'])}")
        for key in ("title", "date_evidence"):
            if p[key] is not None and p[key] not in text:
                errs.append(f"{pid}: {key} not a substring of text: {p[key]!r}")
        if p["date"] is not None and not DATE_RE.match(p["date"]):
            errs.append(f"{pid}: bad date {p['date']}")
        if (p["date"] is None) != (p["date_evidence"] is None):
            errs.append(f"{pid}: date and date_evidence must both be set or both null")
        role = p["role"]
        if role not in ROLES:
            errs.append(f"{pid}: bad role {role}")
        if role == "unrelated":
            if p["event"] is not None or p["negative_of"] or p["negative_kind"]:
                errs.append(f"{pid}: unrelated page with event/negative fields")
            continue
        if p["event"] not in ev_ids:
            errs.append(f"{pid}: unknown event {p['event']}")
        if role == "negative":
            if p["negative_kind"] not in NEG_KINDS:
                errs.append(f"{pid}: bad negative_kind {p['negative_kind']}")
            if p["negative_of"] not in ev_ids or p["negative_of"] == p["event"]:
                errs.append(f"{pid}: bad negative_of {p['negative_of']}")
        elif p["negative_of"] is not None or p["negative_kind"] is not None:
            errs.append(f"{pid}: main page with negative fields")
        per_event[p["event"]].append(p)
    for ev, ps in per_event.items():
        mains = [p for p in ps if p["role"] == "main"]
        if not mains:
            continue
        outlets = [p["outlet"] for p in mains]
        dup = sorted(o for o, c in collections.Counter(outlets).items() if c > 1)
        if dup:
            errs.append(f"{ev}: more than one main page from {dup}")
        if len(set(outlets)) < MIN_PAGES:
            errs.append(f"{ev}: main pages from only {len(set(outlets))} outlets (< {MIN_PAGES})")
    for ev in ev_ids:
        if ev not in per_event:
            errs.append(f"event {ev} has no page")
    return errs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--fill", action="store_true", help="fill sha256 and outlet")
    args = ap.parse_args(argv)
    events = _load(args.dir / "events.jsonl")
    pages = _load(args.dir / "pages.jsonl")
    if args.fill:
        for p in pages:
            p["sha256"] = hashlib.sha256(p["text"].encode("utf-8")).hexdigest()
            p["outlet"] = outlet_of(p["url"])
        tmp = args.dir / "pages.jsonl.tmp"
        with tmp.open("w", encoding="utf-8") as fh:
            for p in pages:
                fh.write(json.dumps(p, ensure_ascii=False) + "\n")
        tmp.replace(args.dir / "pages.jsonl")
    errs = check(events, pages)
    for e in errs:
        print("ERROR", e)
    roles = collections.Counter(p.get("role") for p in pages)
    mains = {p["event"] for p in pages if p.get("role") == "main"}
    neg_of = {p["negative_of"] for p in pages if p.get("role") == "negative"}
    kinds = collections.Counter(p.get("negative_kind") for p in pages if p.get("role") == "negative")
    outlets = {p.get("outlet") for p in pages}
    print(f"events {len(events)} (main {len(mains)}, with negatives {len(neg_of & mains)}); "
          f"pages {len(pages)} (main {roles['main']}, negative {roles['negative']}, "
          f"unrelated {roles['unrelated']}); outlets {len(outlets)}; dated {sum(1 for p in pages if p.get('date'))}")
    print("negatives by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    print("problems", len(errs))
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
