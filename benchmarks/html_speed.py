"""Speed of the HTML route against ``trafilatura.extract`` on the same real pages, in CPU time.

Input: the 11 gold pages' HTML (``../shared/gold/pages/*.html.json`` name them) plus, when
present, the other ``../shared/data/htmldate-mediacloud/ar/*.html`` pages (``--all``).
For each page, ``--runs`` rounds (default 15), each running the three calls one after the other
(so load from other processes on a shared machine hits them alike), timed with
``time.process_time`` (CPU seconds, not wall time):

* ``trafilatura.extract(html, url=...)``: trafilatura's defaults (no metadata; the goal of issue
  14 compares with this one);
* ``trafilatura.extract(html, url=..., with_metadata=True, output_format="json")``;
* ``akhbar.refine_html(html, url=..., html_engine=ENGINE)``: the default engine (trafilatura, htmldate
  included) unless ``--engine resiliparse`` (issue 14's goal for it: >= 100 pages per CPU-second).

trafilatura runs its own code: akhbar installs same-result speedups of trafilatura's internals
while it asks trafilatura (:mod:`akhbar.html.trafilatura_fast`), and they are uninstalled before
each trafilatura call here.

Printed per page: the median CPU milliseconds of each call and akhbar's ratios; totals: the sums
of per-page medians and of per-page minimums (the least-loaded estimate on a busy machine),
pages/s, the ratios akhbar / ``extract`` (goal <= 1.0: the ratio of summed medians) and akhbar /
``extract`` with metadata, and the per-page ratios' geometric mean and median.
A breakdown of akhbar's own steps follows (default engine: parse, render, metadata collect,
trafilatura; resiliparse engine: parse, main-content text, metadata read).

Usage: ``python benchmarks/html_speed.py [--runs 15] [--all] [--engine trafilatura|resiliparse]``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))


def pages(all_pages: bool) -> list[tuple[str, str, str]]:
    out = []
    seen = set()
    for gp in sorted((SHARED / "gold" / "pages").glob("*.html.json")):
        g = json.loads(gp.read_text(encoding="utf-8"))
        raw = (SHARED / g["html"]).read_bytes()
        raw = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
        out.append((g["id"], raw.decode("utf-8", "replace"), g["url"]))
        seen.add((SHARED / g["html"]).resolve())
    if all_pages:
        for p in sorted((SHARED / "data" / "htmldate-mediacloud" / "ar").glob("*.html")):
            if p.resolve() not in seen:
                out.append((p.stem, p.read_bytes().decode("utf-8", "replace"), None))
    return out


def med(fn, runs: int) -> float:
    ts = []
    for _ in range(runs):
        t = time.process_time()
        fn()
        ts.append(time.process_time() - t)
    return statistics.median(ts)


def rounds(fns, runs: int) -> list[list[float]]:
    """CPU seconds of each of ``fns`` in each of ``runs`` rounds (the functions alternate)."""
    out: list[list[float]] = [[] for _ in fns]
    for _ in range(runs):
        for k, fn in enumerate(fns):
            t = time.process_time()
            fn()
            out[k].append(time.process_time() - t)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--all", action="store_true", help="also the other htmldate-mediacloud Arabic pages")
    ap.add_argument("--engine", default="trafilatura", choices=("trafilatura", "resiliparse"),
                    help="akhbar's HTML engine (Settings.html_engine)")
    args = ap.parse_args()
    engine = args.engine
    import trafilatura

    from akhbar import refine_html

    try:
        from akhbar.html.trafilatura_fast import uninstall
    except ImportError:  # an akhbar from before it (for before/after tables)
        def uninstall() -> None:
            return None

    def traf(html, url):
        uninstall()
        return trafilatura.extract(html, url=url)

    def traf_meta(html, url):
        uninstall()
        return trafilatura.extract(html, url=url, with_metadata=True, output_format="json")

    data = pages(args.all)
    for _, html, url in data:  # warm up (imports, lazy tables, stoplists, htmldate caches)
        traf(html, url)
        traf_meta(html, url)
        refine_html(html, url=url, html_engine=engine)
    print(f"machine: {platform.machine()} python {platform.python_version()} trafilatura {trafilatura.__version__}")
    print(f"input: {len(data)} real Arabic HTML pages from {SHARED / 'data'}; {args.runs} rounds each; "
          f"akhbar engine {engine}; CPU ms (time.process_time)\n")
    print(f"{'page':30} {'KB':>5} {'extract':>8} {'+meta':>8} {'akhbar':>8} {'/extract':>9} {'/+meta':>7}")
    med_sum = [0.0, 0.0, 0.0]
    min_sum = [0.0, 0.0, 0.0]
    size = 0
    page_ratios = []
    for pid, html, url in data:
        ts = rounds([lambda html=html, url=url: traf(html, url),
                     lambda html=html, url=url: traf_meta(html, url),
                     lambda html=html, url=url: refine_html(html, url=url, html_engine=engine)], args.runs)
        meds = [statistics.median(t) for t in ts]
        page_ratios.append(meds[2] / meds[0])
        for k in range(3):
            med_sum[k] += meds[k]
            min_sum[k] += min(ts[k])
        kb = len(html.encode("utf-8")) / 1024
        size += len(html.encode("utf-8"))
        print(f"{pid[:30]:30} {kb:5.0f} {meds[0] * 1000:8.1f} {meds[1] * 1000:8.1f} {meds[2] * 1000:8.1f} "
              f"{meds[2] / meds[0]:9.2f} {meds[2] / meds[1]:7.2f}")
    n = len(data)
    for name, tot in (("TOTAL medians", med_sum), ("TOTAL minimums", min_sum)):
        print(f"{name:30} {size / 1024:5.0f} {tot[0] * 1000:8.1f} {tot[1] * 1000:8.1f} {tot[2] * 1000:8.1f} "
              f"{tot[2] / tot[0]:9.2f} {tot[2] / tot[1]:7.2f}")
    print(f"\nper page (medians): extract {med_sum[0] / n * 1000:.1f} ms, extract+metadata "
          f"{med_sum[1] / n * 1000:.1f} ms, akhbar {med_sum[2] / n * 1000:.1f} ms ({n / med_sum[2]:.1f} pages/s)")
    goal = "goal: the resiliparse engine >= 100 pages per CPU-second" if engine == "resiliparse" else "goal <= 1.0"
    print(f"akhbar / trafilatura.extract CPU: {med_sum[2] / med_sum[0]:.2f} (medians), "
          f"{min_sum[2] / min_sum[0]:.2f} (minimums); {goal}")
    print(f"akhbar / trafilatura.extract per page: geometric mean {statistics.geometric_mean(page_ratios):.2f}, "
          f"median {statistics.median(page_ratios):.2f}, pages above 1.0: {sum(r > 1 for r in page_ratios)} of {n} "
          "(akhbar's own steps cost a few ms a page, so small pages have the higher ratios)")
    print(f"akhbar / trafilatura.extract with metadata CPU: {med_sum[2] / med_sum[1]:.2f} (medians), "
          f"{min_sum[2] / min_sum[1]:.2f} (minimums)")
    (_breakdown_fast if engine == "resiliparse" else _breakdown)(data, args.runs)


def _breakdown(data, runs: int) -> None:
    from akhbar.html.body import trafilatura_paragraphs
    from akhbar.html.extract import parse_html
    from akhbar.html.meta import collect
    from akhbar.html.render import render

    parse = rend = meta = traf = 0.0
    for _, html, url in data:
        parse += med(lambda html=html: parse_html(html), runs)
        root = parse_html(html)
        rend += med(lambda root=root: render(root), runs)
        meta += med(lambda root=root: collect(root), runs)
        traf += med(lambda html=html, url=url: trafilatura_paragraphs(html, url), runs)
    n = len(data)
    print(f"akhbar stages (medians, CPU ms per page): lxml parse {parse / n * 1000:.1f}, render {rend / n * 1000:.1f}, "
          f"metadata collect {meta / n * 1000:.1f}, trafilatura.bare_extraction {traf / n * 1000:.1f}")


def _breakdown_fast(data, runs: int) -> None:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    from akhbar.html.fast import read_meta

    parse = text = meta = 0.0
    for _, html, _url in data:
        parse += med(lambda html=html: HTMLTree.parse(html), runs)
        tree = HTMLTree.parse(html)
        text += med(lambda tree=tree: extract_plain_text(tree, main_content=True), runs)
        meta += med(lambda tree=tree, html=html: read_meta(tree, html), runs)
    print(f"resiliparse engine steps (sum of medians, CPU ms): HTMLTree.parse {parse * 1000:.1f}, "
          f"extract_plain_text(main_content=True) {text * 1000:.1f}, read_meta {meta * 1000:.1f}; "
          f"the rest is akhbar's text stages")


if __name__ == "__main__":
    main()
