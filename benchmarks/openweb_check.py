"""Validate the open-web development set (``benchmarks/data/openweb/pages_*.jsonl``).

Every evidence string must be a substring of the page text; see
``benchmarks/data/openweb/README.md`` for the fields.

Usage::

    python benchmarks/openweb_check.py            # check, print counts; exit 1 on any error
    python benchmarks/openweb_check.py --fill     # also fill sha256 and outlet in place
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

DATA = Path(__file__).resolve().parent / "data" / "openweb"
KINDS = {"newspaper", "tv", "agency", "portal", "aggregator", "blog", "government", "digest", "other"}
PAGE_KINDS = {"article", "opinion", "live", "ticker", "listing", "digest", "interview", "other"}
DATE_NONE = {"no_date_shown", "site_header_only", "update_only", "other_article_only"}
CREDIT_KINDS = {"byline", "dateline", "agency", "source"}
ENTITY_TYPES = {"PER", "LOC", "ORG"}
REQUIRED = ("id", "query", "url", "country", "kind", "page_kind", "text", "title", "date",
            "credits", "boilerplate_before_body", "body_start", "entities")


def outlet_of(url: str) -> str:
    """The URL's host, lower case, without ``www.``/``m.``/``amp.`` prefixes."""
    host = (urlsplit(url).hostname or "").lower()
    for prefix in ("www.", "m.", "amp.", "ar."):
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix):]
    return host


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check(rec: dict) -> list[str]:
    """Problems with one record (empty when valid)."""
    errs = [f"missing {k}" for k in REQUIRED if k not in rec]
    if errs:
        return errs
    text = rec["text"]
    if not isinstance(text, str) or not text.strip():
        return ["empty text"]
    if rec.get("sha256") and rec["sha256"] != sha256(text):
        errs.append("sha256 does not match text")
    if not re.fullmatch(r"[A-Z]{2}", rec["country"] or ""):
        errs.append(f"bad country {rec['country']!r}")
    if rec["kind"] not in KINDS:
        errs.append(f"bad kind {rec['kind']!r}")
    if rec["page_kind"] not in PAGE_KINDS:
        errs.append(f"bad page_kind {rec['page_kind']!r}")

    def sub(name: str, s) -> None:
        if s is None:
            return
        if not isinstance(s, str) or not s.strip():
            errs.append(f"{name}: empty string")
        elif s not in text:
            errs.append(f"{name} not in text: {s[:60]!r}")

    sub("export_header", rec.get("export_header"))
    sub("title", rec["title"])
    if rec["date"] is not None:
        if not re.fullmatch(r"(19|20)\d\d-\d\d-\d\d", rec["date"]):
            errs.append(f"bad date {rec['date']!r}")
        if not rec.get("date_evidence"):
            errs.append("date without date_evidence")
        sub("date_evidence", rec.get("date_evidence"))
    elif rec.get("date_none") not in DATE_NONE:
        errs.append(f"date is null but date_none is {rec.get('date_none')!r}")
    for c in rec["credits"]:
        if c.get("kind") not in CREDIT_KINDS:
            errs.append(f"bad credit kind {c.get('kind')!r}")
        sub("credit", c.get("text"))
    for b in rec["boilerplate_before_body"]:
        sub("boilerplate", b)
    sub("body_start", rec["body_start"])
    if rec["body_start"] is not None and len(rec["body_start"].split()) > 8:
        errs.append("body_start longer than 8 tokens")
    if len(rec["entities"]) > 8:
        errs.append("more than 8 entities")
    for e in rec["entities"]:
        if e.get("type") not in ENTITY_TYPES:
            errs.append(f"bad entity type {e.get('type')!r}")
        sub("entity", e.get("text"))
    return errs


def load(data: Path = DATA) -> list[dict]:
    """All records of all parts, in file then line order."""
    out = []
    for path in sorted(data.glob("pages_*.jsonl")):
        with path.open(encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if line.strip():
                    rec = json.loads(line)
                    rec["_file"] = f"{path.name}:{n}"
                    out.append(rec)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fill", action="store_true", help="fill sha256 and outlet in place")
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args(argv)
    if args.fill:
        for path in sorted(args.data.glob("pages_*.jsonl")):
            recs = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
            for r in recs:
                r["sha256"] = sha256(r["text"])
                r["outlet"] = outlet_of(r["url"])
            path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs),
                            encoding="utf-8")
    recs = load(args.data)
    bad = 0
    ids, urls, shas = collections.Counter(), collections.Counter(), collections.Counter()
    for r in recs:
        errs = check(r)
        ids[r.get("id")] += 1
        urls[r.get("url")] += 1
        shas[sha256(r["text"]) if isinstance(r.get("text"), str) else None] += 1
        for e in errs:
            bad += 1
            print(f"{r['_file']} {r.get('id')}: {e}")
    for name, c in (("id", ids), ("url", urls), ("text", shas)):
        for k, n in c.items():
            if n > 1:
                bad += 1
                print(f"duplicate {name}: {str(k)[:80]} ({n}x)")
    outlets = collections.Counter(r.get("outlet") or outlet_of(r["url"]) for r in recs)
    countries = collections.Counter(r.get("country") for r in recs)
    print(f"{len(recs)} pages, {len(outlets)} outlets, {len(countries)} countries, {bad} problems")
    print("countries:", dict(countries.most_common()))
    print("kinds:", dict(collections.Counter(r.get("kind") for r in recs).most_common()))
    print("page kinds:", dict(collections.Counter(r.get("page_kind") for r in recs).most_common()))
    print("with export header:", sum(1 for r in recs if r.get("export_header")),
          "| with title:", sum(1 for r in recs if r.get("title")),
          "| with date:", sum(1 for r in recs if r.get("date")),
          "| with body:", sum(1 for r in recs if r.get("body_start")))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
