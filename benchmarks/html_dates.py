"""Publication dates of HTML pages: akhbar before htmldate, htmldate alone, and akhbar with htmldate.

Input: the real HTML pages under ``../shared`` that come with a publication date:

* ``gold``: the 11 hand-made gold pages (``../shared/gold/pages/*.html.json``: ``html``, ``url``,
  ``published_date``);
* ``fundus``: ``data/fundus-lbcgroup`` (fundus's own gold ``publishing_date``; the same HTML as
  the gold page lbcgroup-898682, scored here against fundus's answer, also to the second);
* ``cnn``: ``data/newspaper4k-cnn-arabic`` and its goose3 copy (the same page with whitespace
  differences; newspaper4k's gold date is null, the day is the gold page cnnarabic-syria-clashes's
  2013-08-03, the URL's ``/2013/middle_east/8/3/``);
* ``stripped``: the gold pages without their machine-readable dates and URL (every ``<meta>``,
  canonical link and JSON-LD script removed, no URL given): what is left is the page's own text and markup,
  where the visible dateline and htmldate's search meet;
* ``mediacloud`` (report only, never used to choose a rule): the 11 pages of
  ``data/htmldate-mediacloud`` (``gold.json``; 8 Arabic pages, also gold pages above, and 3
  Persian ones).

Per page: the gold day; each source akhbar reads alone (``machine``: the first JSON-LD /
``<meta>`` / microdata date; ``visible``: the dateline near the headline read by
``akhbar.dates``; ``url``: the date in the URL path), ``htmldate`` alone
(``htmldate.find_date(html, original_date=True, extensive_search=True, url=url)`` on the page's
own string, as a user calls it) and its fast mode (``extensive_search=False``), the fallback
as akhbar asks it (``akhbar.html.choices.htmldate_date``, asked here on every page), akhbar before
(``akhbar.html.choices.HTMLDATE`` off: the code before htmldate came in) and after (on), with
the source that won. Totals count right / answered per set for those and for two other rules
measured on the same candidates: ``hd>vis``: machine, then htmldate, then the visible dateline
and the URL; ``hd first``: htmldate wherever it answers, else akhbar.

``--speed``: CPU milliseconds per page (``time.process_time``, median of ``--runs`` runs, the
compared calls alternating) on the gold pages: ``trafilatura.extract(html, url=url)`` (its
defaults), the same ``with_metadata=True`` (htmldate inside, as ``benchmarks/html_speed.py``
calls it), ``refine_html`` before and after, htmldate alone, and the fallback as akhbar calls it
(``akhbar.html.choices.htmldate_date`` on the parsed tree: serialize + htmldate).

Usage: ``python benchmarks/html_dates.py [--speed] [--runs 5]``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

from akhbar import refine_html
from akhbar.html import choices

HD_MAX = choices.HTMLDATE_MAX_DAY  # a fixed latest day: htmldate's default is today


def _read(path: Path) -> str:
    raw = path.read_bytes()
    raw = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
    return raw.decode("utf-8", "replace")


def pages() -> list[tuple[str, str, str, str, str, str | None]]:
    """``(set, id, html, url, gold day, gold instant or None)`` for every page found."""
    out = []
    gold = SHARED / "gold" / "pages"
    cnn_day = None
    for gp in sorted(gold.glob("*.html.json")):
        g = json.loads(gp.read_text(encoding="utf-8"))
        out.append(("gold", g["id"], _read(SHARED / g["html"]), g["url"], g["published_date"], None))
        if g["id"] == "cnnarabic-syria-clashes":
            cnn_day = g["published_date"]
    fd = SHARED / "data" / "fundus-lbcgroup"
    if (fd / "LBCGroup.json").is_file():
        fj = json.loads((fd / "LBCGroup.json").read_text(encoding="utf-8"))["V1"]
        info = (fd / "meta.info").read_text(encoding="utf-8")
        url = next((w.strip('",') for w in info.split() if w.strip('",').startswith("http")), None)
        inst = fj["publishing_date"]
        out.append(("fundus", "LBCGroup_2026_01_08", _read(fd / "LBCGroup_2026_01_08.html.gz"), url, inst[:10], inst))
    nd = SHARED / "data" / "newspaper4k-cnn-arabic"
    if nd.is_dir() and cnn_day:
        url = json.loads((nd / "arabic_article.json").read_text(encoding="utf-8"))["url"]
        out.append(("cnn", "newspaper4k/arabic_article", _read(nd / "arabic_article.html"), url, cnn_day, None))
        out.append(("cnn", "goose3/test_cnn_arabic", _read(nd / "goose3" / "test_cnn_arabic.html"), url, cnn_day, None))
    for st, pid, html, _url, day, _ in [p for p in out if p[0] == "gold"]:
        out.append(("stripped", pid, _strip(html), None, day, None))
    md = SHARED / "data" / "htmldate-mediacloud"
    if (md / "gold.json").is_file():
        for r in json.loads((md / "gold.json").read_text(encoding="utf-8")):
            out.append(("mediacloud", r["file"], _read(md / r["file"]), r["url"], r["date"], None))
    return out


_META = re.compile(r"<meta\b[^>]*>|<link\b[^>]*canonical[^>]*>", re.IGNORECASE)
_LD = re.compile(r"<script[^>]*application/ld\+json[^>]*>.*?</script>", re.IGNORECASE | re.DOTALL)


def _strip(html: str) -> str:
    """``html`` without ``<meta>`` tags, canonical links and JSON-LD scripts."""
    return _META.sub("", _LD.sub("", html))


def _day(iso: str | None) -> str | None:
    return iso[:10] if iso else None


def _cands(evidence: dict) -> dict[str, str]:
    """First candidate per kind from ``evidence["published_candidates"]`` ("source=iso")."""
    out: dict[str, str] = {}
    for c in evidence.get("published_candidates") or ():
        src, _, iso = c.partition("=")
        kind = ("machine" if src.startswith(("jsonld", "meta")) else "visible" if src.startswith("visible")
                else src)
        out.setdefault(kind, iso)
    return out


def _instant(iso: str | None) -> object:
    import datetime as dt

    try:
        return dt.datetime.fromisoformat(iso.replace(" ", "T")) if iso else None
    except ValueError:
        return None


def _forced_fallback() -> dict:
    """Wrap ``choose_dates`` (as ``akhbar.html.article`` calls it) so that each page also records
    what :func:`akhbar.html.choices.htmldate_date` answers when asked as akhbar asks it (the
    article's lines guarded, teaser containers dropped, first-of-month answers confirmed), even
    where a source before it wins."""
    from akhbar.html import article

    seen: dict = {}
    orig = choices.choose_dates

    def wrapped(bag, blocks, keys, labels, rel_kind, start, end, url, crawl_date, signals, evidence):
        res = orig(bag, blocks, keys, labels, rel_kind, start, end, url, crawl_date, signals, evidence)
        keep = [blocks[i].el for i in range(max(0, start), min(len(blocks), end))
                if labels[i] in ("title", "body", "dateline")]
        d = choices.htmldate_date(bag.root, url, crawl_date, {}, keep)
        seen["fallback"] = d.iso[:10] if d else None
        return res

    article.choose_dates = wrapped
    return seen


_SEEN: dict = {}


def row(html: str, url: str) -> dict:
    from htmldate import find_date

    global _SEEN
    if not _SEEN:
        _SEEN = _forced_fallback()
        _SEEN["on"] = True
    choices.HTMLDATE = False
    before = refine_html(html, url=url)
    fallback = _SEEN.get("fallback")
    choices.HTMLDATE = True
    after = refine_html(html, url=url)
    ab = before.articles[0] if before.articles else None
    aa = after.articles[0] if after.articles else None
    c = _cands(before.meta.get("evidence") or {})
    return {
        "machine": _day(c.get("machine")), "visible": _day(c.get("visible")), "url": _day(c.get("url")),
        "htmldate": find_date(html, original_date=True, extensive_search=True, url=url, max_date=HD_MAX),
        "hd_fast": find_date(html, original_date=True, extensive_search=False, url=url, max_date=HD_MAX),
        "fallback": fallback,
        "before": _day(ab.published if ab else None), "after": _day(aa.published if aa else None),
        "after_iso": aa.published if aa else None, "source": aa.published_source if aa else None,
    }


def rules(r: dict) -> dict[str, str | None]:
    """The same candidates decided by the other rules (see module docstring)."""
    hd_vis = r["machine"] and r["before"] or r["htmldate"] or r["before"]
    return {"hd>vis": hd_vis, "hd first": r["htmldate"] or r["before"]}


COLS = ("machine", "visible", "url", "htmldate", "hd_fast", "fallback", "before", "after", "hd>vis", "hd first")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--speed", action="store_true", help="also CPU ms per page (gold pages)")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    import htmldate
    import trafilatura

    data = pages()
    if not data:
        print(f"no pages under {SHARED}")
        return
    print(f"machine: {platform.machine()} python {platform.python_version()} htmldate {htmldate.__version__} "
          f"trafilatura {trafilatura.__version__}")
    print(f"input: {len(data)} HTML pages under {SHARED}; a cell is the published day, '-' none, '*' wrong\n")
    hdr = f"{'set':10} {'page':28} {'gold':10} " + " ".join(f"{c:>11}" for c in COLS) + "  after's source"
    print(hdr)
    print("-" * len(hdr))
    tot: dict[str, dict[str, list[int]]] = {}
    for st, pid, html, url, gold, inst in data:
        r = row(html, url)
        r.update(rules(r))
        t = tot.setdefault(st, {c: [0, 0] for c in COLS})
        cells = []
        for c in COLS:
            v = r[c]
            t[c][0] += v == gold
            t[c][1] += v is not None
            cells.append(f"{'-' if v is None else v + ('' if v == gold else '*'):>11}")
        extra = ""
        if inst:
            same = _instant(r["after_iso"]) == _instant(inst)
            extra = f"  (instant {r['after_iso']} vs {inst}: {'same' if same else 'differs'})"
        print(f"{st:10} {pid[:28]:28} {gold:10} " + " ".join(cells) + f"  {r['source']}{extra}")
    print("-" * len(hdr))
    for st, t in tot.items():
        n = sum(1 for d in data if d[0] == st)
        note = " (report only)" if st == "mediacloud" else ""
        print(f"{st:10} right/answered of {n}{note}: " + ", ".join(f"{c} {t[c][0]}/{t[c][1]}" for c in COLS))
    print("\ncolumns: machine/visible/url = akhbar's sources alone; htmldate = find_date(original_date=True, "
          "extensive_search=True); hd_fast = extensive_search=False;\nfallback = htmldate as akhbar asks it "
          "(teaser containers dropped, a first-of-month answer confirmed by the fast search), whether or not "
          "it is needed;\nbefore = akhbar without htmldate, after = "
          "akhbar with htmldate (the default: machine > visible > url > htmldate);\nhd>vis = machine > htmldate > "
          "visible > url; hd first = htmldate, else akhbar")
    if args.speed:
        speed(data, args.runs)


def _cpu_paired(fns, runs: int) -> tuple[list[float], list[float]]:
    """Median CPU and wall milliseconds of each of ``fns``, run alternately ``runs`` times."""
    ts: list[list[float]] = [[] for _ in fns]
    ws: list[list[float]] = [[] for _ in fns]
    for _ in range(runs):
        for i, f in enumerate(fns):
            w = time.perf_counter()
            t = time.process_time()
            f()
            ts[i].append(time.process_time() - t)
            ws[i].append(time.perf_counter() - w)
    return [statistics.median(x) * 1000 for x in ts], [statistics.median(x) * 1000 for x in ws]


def speed(data, runs: int) -> None:
    import trafilatura
    from htmldate import find_date

    from akhbar.html.extract import parse_html

    gold = [d for d in data if d[0] == "gold"]
    for _, _, html, url, _, _ in gold[:3]:  # warm up imports and caches
        trafilatura.extract(html, url=url)
        refine_html(html, url=url)

    def akh(flag: bool, html: str, url: str) -> None:
        choices.HTMLDATE = flag
        refine_html(html, url=url)
        choices.HTMLDATE = True

    names = ("traf", "traf+meta", "before", "after", "htmldate", "fallback")
    print(f"\nCPU ms per page (median of {runs} runs, alternating), {len(gold)} gold pages")
    print(f"{'page':28} " + " ".join(f"{n:>10}" for n in names))
    sums = [0.0] * len(names)
    walls = [0.0] * len(names)
    for _, pid, html, url, _, _ in gold:
        root = parse_html(html)
        fns = [
            lambda html=html, url=url: trafilatura.extract(html, url=url),
            lambda html=html, url=url: trafilatura.extract(html, url=url, with_metadata=True, output_format="json"),
            lambda html=html, url=url: akh(False, html, url),
            lambda html=html, url=url: akh(True, html, url),
            lambda html=html, url=url: find_date(html, original_date=True, url=url, max_date=HD_MAX),
            lambda root=root, url=url: choices.htmldate_date(root, url, None, {}),
        ]
        ms, ws = _cpu_paired(fns, runs)
        sums = [a + b for a, b in zip(sums, ms)]
        walls = [a + b for a, b in zip(walls, ws)]
        print(f"{pid[:28]:28} " + " ".join(f"{m:10.1f}" for m in ms))
    n = len(gold)
    print(f"{'mean per page':28} " + " ".join(f"{s / n:10.1f}" for s in sums))
    print(f"{'mean wall ms per page':28} " + " ".join(f"{s / n:10.1f}" for s in walls))
    print("(this machine's CPU clock can read 0 for a call of 1-3 ms; wall times also count the load of other "
          "processes)")
    print(f"akhbar / trafilatura.extract (defaults): before {sums[2] / sums[0]:.2f}, after {sums[3] / sums[0]:.2f}; "
          f"/ with metadata: before {sums[2] / sums[1]:.2f}, after {sums[3] / sums[1]:.2f}; "
          f"after / before: {sums[3] / sums[2]:.3f}")
    print("fallback = what akhbar spends when it asks htmldate (only pages with no date of their own)")


if __name__ == "__main__":
    main()
