"""Peak memory of streaming a WARC through the HTML route, at two WARC sizes.

Builds ``.warc.gz`` files with warcio from the real pages (the 11 gold pages under
``../shared/data``; each copy gets its own URL and record id), ``--small`` and ``--large``
copies of the set (default 2 and 8), then in a fresh subprocess per run measures the peak
resident set size (``ru_maxrss`` of the child, KiB -> MiB) and wall time of:

* ``reader``: ``akhbar.sources.warc.iter_warc`` -> ``akhbar.refine_html`` for every record,
  results dropped (what this module owns);
* ``cli``: ``akhbar refine WARC -o OUT --no-index`` (the whole pipeline with writers),
  skipped with a note if the CLI fails.

Peak memory independent of size means the large run's peak stays within a few MiB of the
small run's (a process that kept pages would grow with the record count).

Usage: ``python benchmarks/warc_memory.py [--small 2] [--large 8] [--no-cli]``.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PY = sys.executable

_READER = """
import resource, sys, time
sys.path.insert(0, {src!r})
from akhbar import refine_html
from akhbar.sources.warc import iter_warc
from akhbar.model import RawRecord
t = time.perf_counter(); n = arts = rej = 0
for it in iter_warc({warc!r}):
    n += 1
    if isinstance(it, RawRecord):
        p = refine_html(it.content, url=it.url, crawl_date=it.crawl_date)
        arts += len(p.articles); rej += p.rejection is not None
    else:
        rej += 1
print(n, arts, rej, time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def real_pages() -> list[tuple[str, bytes]]:
    out = []
    for gp in sorted((SHARED / "gold" / "pages").glob("*.html.json")):
        g = json.loads(gp.read_text(encoding="utf-8"))
        raw = (SHARED / g["html"]).read_bytes()
        out.append((g["url"], gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw))
    return out


def build_warc(path: Path, pages: list[tuple[str, bytes]], copies: int) -> int:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    n = 0
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for c in range(copies):
            for url, body in pages:
                http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
                rec = w.create_warc_record(f"{url}#copy{c}", "response", payload=io.BytesIO(body), http_headers=http,
                                           warc_headers_dict={"WARC-Date": "2026-01-09T00:00:00Z"})
                w.write_record(rec)
                n += 1
    return n


def run_reader(warc: Path) -> dict:
    code = _READER.format(src=str(ROOT / "src"), warc=str(warc))
    out = subprocess.run([PY, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    n, arts, rej, secs, rss = out[-5:]
    return {"records": int(n), "articles": int(arts), "rejected": int(rej), "seconds": float(secs),
            "peak_mib": int(rss) / 1024}


def run_cli(warc: Path, outdir: Path) -> dict | str:
    akhbar = Path(PY).with_name("akhbar")
    cmd = [str(akhbar), "refine", str(warc), "-o", str(outdir), "--no-index"]
    code = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
            f"r = subprocess.run({cmd!r}, capture_output=True, text=True); "
            "print(r.returncode, time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
            "sys.stderr.write(r.stderr[-400:])")
    p = subprocess.run([PY, "-c", code], check=False, capture_output=True, text=True)
    try:
        rc, secs, rss = p.stdout.split()[-3:]
    except ValueError:
        return f"failed: {p.stderr[-200:]}"
    if rc != "0":
        return f"exit {rc}: {p.stderr.strip()[-200:]}"
    return {"seconds": float(secs), "peak_mib": int(rss) / 1024}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--small", type=int, default=2)
    ap.add_argument("--large", type=int, default=8)
    ap.add_argument("--no-cli", action="store_true")
    args = ap.parse_args()
    pages = real_pages()
    print(f"machine: {platform.machine()} python {platform.python_version()}")
    print(f"input: WARCs built with warcio from {len(pages)} real Arabic pages ({SHARED / 'data'}), "
          f"{args.small} and {args.large} copies\n")
    print(f"{'mode':7} {'records':>8} {'WARC MB':>8} {'seconds':>8} {'pages/s':>8} {'peak MiB':>9}")
    with tempfile.TemporaryDirectory() as td:
        rows = {}
        for copies in (args.small, args.large):
            warc = Path(td) / f"pages-{copies}.warc.gz"
            n = build_warc(warc, pages, copies)
            mb = warc.stat().st_size / 1e6
            r = run_reader(warc)
            rows[("reader", copies)] = r
            print(f"{'reader':7} {n:8d} {mb:8.1f} {r['seconds']:8.1f} {n / r['seconds']:8.1f} {r['peak_mib']:9.1f}"
                  f"   ({r['articles']} articles, {r['rejected']} rejected)")
            if not args.no_cli:
                c = run_cli(warc, Path(td) / f"out-{copies}")
                if isinstance(c, str):
                    print(f"{'cli':7} {n:8d} {mb:8.1f}   akhbar refine {c}")
                else:
                    rows[("cli", copies)] = c
                    print(f"{'cli':7} {n:8d} {mb:8.1f} {c['seconds']:8.1f} {n / c['seconds']:8.1f} {c['peak_mib']:9.1f}")
        for mode in ("reader", "cli"):
            a, b = rows.get((mode, args.small)), rows.get((mode, args.large))
            if a and b:
                print(f"{mode}: peak at {args.large}x / peak at {args.small}x = {b['peak_mib'] / a['peak_mib']:.2f} "
                      f"(records x{args.large / args.small:.0f})")


if __name__ == "__main__":
    main()
