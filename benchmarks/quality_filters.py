"""Quality filters of akhbar.quality on clean news (both ANT corpora) and on junk pages, beside datatrove.

Clean news: every article of ANT v2.1 multisource (31,525) and ANT v1.1 Jawhara FM (10,161); body =
<TEXT> split on newlines, title = <TITLE>. Goal: keep >= 99%.
Junk: pages cut from the labelled lines of ../shared/gold/pages (11 real pages): for each page, one
"menu" (its navigation lines), one "link list" (related + related_header lines), one "tag cloud"
(tags lines), one "footer/share" (footer, share, ad, other_boilerplate) when the page has >= 3 such
lines. Goal: reject.
Side by side: the fraction datatrove's GopherQualityFilter() and C4QualityFilter() drop with their
defaults (datatrove 0.10, English defaults; documents get text = "\\n".join(body)).
Also: microseconds per article for akhbar.quality.signals + check (median of runs).

Usage: python benchmarks/quality_filters.py [--limit N] [--no-datatrove]
"""

from __future__ import annotations

import argparse
import collections
import json
import statistics
import time

from dedup_common import ANT_JAWHARA, ANT_MULTI, SHARED, ant, machine

from akhbar.quality import check, signals

PAGES = SHARED / "gold" / "pages"
JUNK_KINDS = {
    "menu": {"navigation"},
    "link list": {"related", "related_header"},
    "tag cloud": {"tags"},
    "footer/share/ads": {"footer", "share", "ad", "other_boilerplate"},
}


def junk_pages() -> list[tuple[str, str, list[str]]]:
    out = []
    for gj in sorted(PAGES.glob("*.html.json")):
        g = json.loads(gj.read_text(encoding="utf-8"))
        lines = (PAGES / (g["id"] + ".txt")).read_text(encoding="utf-8").split("\n")
        labels = {int(n): lab for n, lab in g["text_lines"]}
        for kind, labs in JUNK_KINDS.items():
            sel = [lines[n - 1] for n, lab in sorted(labels.items()) if lab in labs and n - 1 < len(lines)]
            if len(sel) >= 3:
                out.append((kind, g["id"], sel))
    return out


def run_datatrove(docs: list[tuple[str, list[str]]]) -> tuple[float, float, collections.Counter]:
    from datatrove.data import Document
    from datatrove.pipeline.filters import C4QualityFilter, GopherQualityFilter

    g, c = GopherQualityFilter(), C4QualityFilter()
    g_drop = c_drop = 0
    reasons: collections.Counter = collections.Counter()
    for i, (_, body) in enumerate(docs):
        text = "\n".join(body)
        r = g.filter(Document(text=text, id=str(i)))
        if r is not True:
            g_drop += 1
            reasons["gopher:" + (r[1] if isinstance(r, tuple) else "drop")] += 1
        r = c.filter(Document(text=text, id=str(i)))
        if r is not True:
            c_drop += 1
            reasons["c4:" + (r[1] if isinstance(r, tuple) else "drop")] += 1
    return g_drop / len(docs), c_drop / len(docs), reasons


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0, help="articles per ANT corpus (0 = all)")
    ap.add_argument("--dt-limit", type=int, default=3000, help="articles per corpus for datatrove (0 = all)")
    ap.add_argument("--no-datatrove", action="store_true")
    args = ap.parse_args()
    print(f"machine: {machine()}")
    sets: list[tuple[str, list[tuple[str, list[str]]]]] = []
    for name, path in (("ANT multisource v2.1", ANT_MULTI), ("ANT Jawhara FM v1.1", ANT_JAWHARA)):
        docs = [(d["title"], [x.strip() for x in d["text"].split("\n") if x.strip()]) for d in ant(path)]
        if args.limit:
            docs = docs[: args.limit]
        sets.append((name, docs))
    junk = junk_pages()
    for kind in JUNK_KINDS:
        sets.append((f"junk: {kind}", [(None, body) for k, _, body in junk if k == kind]))
    print()
    print("| input | docs | akhbar keeps | akhbar rejects by signal | datatrove Gopher drops | datatrove C4 drops |")
    print("|---|---|---|---|---|---|")
    all_reasons = collections.Counter()
    for name, docs in sets:
        fails = collections.Counter()
        for title, body in docs:
            keep, sig, _ = check(signals(title, body))
            if not keep:
                fails[sig] += 1
        kept = 1 - sum(fails.values()) / len(docs)
        if args.no_datatrove:
            gd = cd = float("nan")
        else:
            sample = docs if not args.dt_limit else docs[:: max(1, len(docs) // args.dt_limit)]
            gd, cd, reasons = run_datatrove(sample)
            all_reasons.update({f"{name} {k}": v for k, v in reasons.items()})
        top = ", ".join(f"{k} {v}" for k, v in fails.most_common(4))
        print(f"| {name} | {len(docs)} | {kept:.4f} | {top} | {gd:.3f} | {cd:.3f} |")
    if all_reasons:
        print()
        print("datatrove reasons (sampled docs):")
        for k, v in sorted(all_reasons.items()):
            print(f"  {k}: {v}")
    # speed
    docs = sets[0][1][:5000]
    times = []
    for _ in range(5):
        t = time.perf_counter()
        for title, body in docs:
            check(signals(title, body))
        times.append((time.perf_counter() - t) / len(docs) * 1e6)
    words = statistics.mean(sum(len(x.split()) for x in b) for _, b in docs)
    print()
    print(f"speed: signals+check median {statistics.median(times):.1f} us/article over {len(docs)} ANT articles"
          f" (mean {words:.0f} words), 5 runs, one core")


if __name__ == "__main__":
    main()
