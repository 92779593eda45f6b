"""Story clustering (akhbar.corpus.stories) over all SaudiNewsNet articles: speed, clusters, labelled pairs.

Runs StoryClusterer (default 3-day window) over the 31,030 articles in file order with
published = date_extracted (crawl day), publisher = source. Prints: seconds and articles/s (one core),
number of stories, size distribution, the largest multi-outlet stories; and for the hand-labelled pairs of
benchmarks/data/dedup_pairs.jsonl the share put in one story, per class (dup, partial and rewrite pairs
are the same story by construction; 'no' pairs mix template stories about different events, which must
not share a story, and different articles about one event, which may).

Usage: python benchmarks/dedup_stories.py [--threshold 0.35]
"""

from __future__ import annotations

import argparse
import collections
import json
import time
from pathlib import Path

from dedup_common import machine, saudinewsnet

from akhbar.corpus.stories import StoryClusterer

PAIRS = Path(__file__).resolve().parent / "data" / "dedup_pairs.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--threshold", type=float, default=None)
    args = ap.parse_args()
    print(f"machine: {machine()}")
    recs = list(saudinewsnet())
    kw = {} if args.threshold is None else {"threshold": args.threshold}
    sc = StoryClusterer(**kw)
    t = time.perf_counter()
    sid = {}
    for r in recs:
        sid[r["id"]] = sc.add(r["id"], r["title"], r["content"], r["date_extracted"][:10], (), r["source"])
    secs = time.perf_counter() - t
    size = collections.Counter(sid.values())
    outlets = collections.defaultdict(set)
    title = {r["id"]: r["title"] for r in recs}
    for r in recs:
        outlets[sid[r["id"]]].add(r["source"])
    print(f"threshold {sc.threshold}, window {sc.window_days} days: {len(recs)} articles in {secs:.1f} s "
          f"({len(recs) / secs:.0f}/s, {1000 * secs / len(recs):.2f} ms/article); live stories at end: {len(sc)}")
    hist = collections.Counter(min(v, 10) for v in size.values())
    print(f"stories: {len(size)}; size histogram (10 = 10+): {dict(sorted(hist.items()))}")
    print(f"articles in multi-article stories: {sum(v for v in size.values() if v > 1)}; "
          f"stories with >= 3 outlets: {sum(1 for s in outlets.values() if len(s) >= 3)}")
    print()
    print("| story (first title) | size | outlets |")
    print("|---|---|---|")
    for s, n in size.most_common(8):
        print(f"| {title[s][:70]} | {n} | {len(outlets[s])} |")
    pairs = [json.loads(x) for x in PAIRS.read_text().splitlines() if x.strip()]
    c = collections.Counter((p["class"], sid[p["a"]] == sid[p["b"]]) for p in pairs)
    print()
    print("| labelled class | pairs | same story |")
    print("|---|---|---|")
    for k in ("dup", "partial", "rewrite", "no"):
        n = c[(k, True)] + c[(k, False)]
        print(f"| {k} | {n} | {c[(k, True)]} ({c[(k, True)] / n:.2f}) |")


if __name__ == "__main__":
    main()
