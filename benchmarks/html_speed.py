"""Speed of the HTML route against ``trafilatura.extract`` on the same real pages.

Input: the 11 gold pages' HTML (``../shared/gold/pages/*.html.json`` name them) plus, when
present, the other ``../shared/data/htmldate-mediacloud/ar/*.html`` pages (``--all``).
For each page: the median over ``--runs`` runs (default 7, the two run alternately) of
``trafilatura.extract(html, url=..., with_metadata=True, output_format="json")`` and of
``akhbar.refine_html(html, url=..., html_engine=ENGINE)`` (both from the same decoded ``str``), in
milliseconds of CPU time (``time.process_time``: the process's user + system CPU, so load from
other processes on a shared machine does not count), and their ratio. Totals: pages per
CPU-second, MB per CPU-second and the ratio of summed medians (issue 14's goals: the default
engine <= 1.0x trafilatura; ``--engine resiliparse`` >= 100 pages per CPU-second).
A breakdown of akhbar's own steps is printed for the total (default engine: parse, render,
metadata+labels, trafilatura; resiliparse engine: parse, main-content text, metadata read).

Usage: ``python benchmarks/html_speed.py [--runs 5] [--all] [--engine trafilatura|resiliparse]``.
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


#: The clock: CPU time of this process (seconds).
CLOCK = time.process_time


def med(fn, runs: int) -> float:
    ts = []
    for _ in range(runs):
        t = CLOCK()
        fn()
        ts.append(CLOCK() - t)
    return statistics.median(ts)


def paired(fa, fb, runs: int) -> tuple[float, float]:
    """Medians of ``fa`` and ``fb`` run alternately (a, b, a, b, ...), so that load from other
    processes on a shared machine hits both alike."""
    ta, tb = [], []
    for _ in range(runs):
        t = CLOCK()
        fa()
        ta.append(CLOCK() - t)
        t = CLOCK()
        fb()
        tb.append(CLOCK() - t)
    return statistics.median(ta), statistics.median(tb)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--all", action="store_true", help="also the other htmldate-mediacloud Arabic pages")
    ap.add_argument("--engine", default="trafilatura", choices=("trafilatura", "resiliparse"),
                    help="akhbar's HTML engine (Settings.html_engine)")
    args = ap.parse_args()
    engine = args.engine
    import trafilatura

    from akhbar import refine_html

    data = pages(args.all)
    # warm up both (imports, lazy tables, htmldate caches)
    for _, html, url in data[:3]:
        trafilatura.extract(html, url=url, with_metadata=True, output_format="json")
        refine_html(html, url=url, html_engine=engine)
    print(f"machine: {platform.machine()} python {platform.python_version()} trafilatura {trafilatura.__version__}")
    print(f"input: {len(data)} real Arabic HTML pages from {SHARED / 'data'}; median of {args.runs} runs each; "
          f"akhbar engine {engine}; CPU milliseconds\n")
    print(f"{'page':30} {'KB':>6} {'trafilatura ms':>15} {'akhbar ms':>10} {'ratio':>6}")
    tt = ta = 0.0
    size = 0
    for pid, html, url in data:
        t_t, t_a = paired(lambda html=html, url=url: trafilatura.extract(html, url=url, with_metadata=True,
                                                                         output_format="json"),
                          lambda html=html, url=url: refine_html(html, url=url, html_engine=engine), args.runs)
        tt += t_t
        ta += t_a
        size += len(html.encode("utf-8"))
        print(f"{pid[:30]:30} {len(html.encode('utf-8')) / 1024:6.0f} {t_t * 1000:15.1f} {t_a * 1000:10.1f} "
              f"{t_a / t_t:6.2f}")
    n = len(data)
    print(f"{'TOTAL':30} {size / 1024:6.0f} {tt * 1000:15.1f} {ta * 1000:10.1f} {ta / tt:6.2f}")
    print(f"\nthroughput per CPU-second: trafilatura {n / tt:.1f} pages ({size / tt / 1e6:.2f} MB); "
          f"akhbar {n / ta:.1f} pages ({size / ta / 1e6:.2f} MB); CPU per page: trafilatura {tt / n * 1000:.1f} ms, "
          f"akhbar {ta / n * 1000:.1f} ms")
    goal = "goal >= 100 pages per CPU-second" if engine == "resiliparse" else "goal <= 1.0"
    print(f"akhbar / trafilatura CPU time: {ta / tt:.2f} ({goal})")
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
    print(f"akhbar stages (sum of medians, ms): lxml parse {parse * 1000:.1f}, render {rend * 1000:.1f}, "
          f"metadata collect {meta * 1000:.1f}, trafilatura.bare_extraction {traf * 1000:.1f}")


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
