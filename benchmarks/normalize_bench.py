"""Speed of akhbar.arabic normalization (MB/s of UTF-8 input, one core), beside camel-tools.

Inputs (read in place from ../shared/data):
* ``arabic``: SaudiNewsNet article texts (title + content), first ``--mb`` MB of UTF-8;
* ``arabic-fa-keys``: the same text with ي/ك written as ی/ک (Arabic typed on a Persian
  keyboard; a synthetic worst case that runs language id + the Persian-letter fold);
* ``html``: the htmldate-mediacloud HTML pages, repeated (ASCII-heavy markup + Arabic).

Functions timed: ``clean_text``, ``normalize(display)``, ``normalize(search)``,
``normalize_with_map`` (on a 1/20 slice; it is pure Python per character), and, where
importable, camel-tools 1.6 ``normalize_unicode`` (NFKC), ``dediac_ar`` and the alef /
alef maqsura / teh marbuta normalizers (what its docs suggest for search).  camel-tools'
full install pulls torch and transformers, so it is not a project dependency: install its
pure-Python utils beside the venv with
``pip install --no-deps --target DIR camel-tools emoji`` and run with
``CAMEL_TOOLS_PATH=DIR``.

Each cell is the median of ``--runs`` runs, as wall time and as CPU time of this process
(the development machine is shared, so CPU time is the steadier one-core figure); texts are
processed per article (one call per article / page), as the pipeline does.

Usage: python benchmarks/normalize_bench.py [--mb 4] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def arabic_docs(mb: float) -> list[str]:
    out: list[str] = []
    size = 0
    for z in sorted((DATA / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            arts = json.loads(zf.read(zf.namelist()[0]))
        for a in arts:
            t = (a.get("title") or "") + "\n" + (a.get("content") or "")
            out.append(t)
            size += len(t.encode("utf-8"))
            if size >= mb * 1e6:
                return out
    return out


def html_docs(mb: float) -> list[str]:
    from akhbar.page.decode import decode

    pages = [decode(p.read_bytes()).text for p in sorted((DATA / "htmldate-mediacloud").rglob("*.html"))]
    out: list[str] = []
    size = 0
    while size < mb * 1e6:
        for p in pages:
            out.append(p)
            size += len(p.encode("utf-8"))
    return out


def camel_functions() -> dict[str, object]:
    extra = os.environ.get("CAMEL_TOOLS_PATH")
    if extra:
        sys.path.insert(0, extra)
    try:
        from camel_tools.utils.dediac import dediac_ar
        from camel_tools.utils.normalize import (
            normalize_alef_ar,
            normalize_alef_maksura_ar,
            normalize_teh_marbuta_ar,
            normalize_unicode,
        )
    except ImportError:
        return {}

    def camel_search(t: str) -> str:
        return normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(dediac_ar(normalize_unicode(t)))))

    return {
        "camel normalize_unicode": normalize_unicode,
        "camel dediac_ar": dediac_ar,
        "camel unicode+dediac+alef+maksura+teh": camel_search,
    }


def bench(fn, docs: list[str], runs: int) -> tuple[float, float, int]:
    """Median wall seconds, median CPU seconds of this process (one core: the machine is
    shared, so CPU time is the steadier measure), peak traced memory of one call."""
    walls, cpus = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        for d in docs:
            fn(d)
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    tracemalloc.start()
    fn(docs[0])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(walls), statistics.median(cpus), peak


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=4.0)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    from akhbar.arabic import clean_text, normalize, normalize_with_map

    ar = arabic_docs(args.mb)
    fa_keys = [d.replace("ي", "ی").replace("ك", "ک") for d in ar]
    inputs = {"arabic": ar, "arabic-fa-keys": fa_keys, "html": html_docs(args.mb)}
    funcs: dict[str, object] = {
        "clean_text": clean_text,
        "normalize display": normalize,
        "normalize search": lambda t: normalize(t, "search"),
        "normalize display lang=ar": lambda t: normalize(t, lang="ar"),
    }
    funcs.update(camel_functions())
    print(f"machine: {platform.machine()} {platform.processor() or ''}, python {platform.python_version()}, one core;"
          f" {os.cpu_count()} CPUs (shared), load average {os.getloadavg()[0]:.1f} at start")
    for name, docs in inputs.items():
        mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
        print(f"input {name}: {len(docs)} docs, {mb:.2f} MB UTF-8, {sum(map(len, docs)) / 1e6:.2f} M chars")
    print()
    print("| function | input | median wall s | MB/s (wall) | median CPU s | MB/s (CPU) | peak KiB per call |")
    print("|---|---|---|---|---|---|---|")
    for name, docs in inputs.items():
        mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
        for fname, fn in funcs.items():
            if fname.startswith("camel") and name == "html":
                continue
            wall, cpu, peak = bench(fn, docs, args.runs)
            print(f"| {fname} | {name} | {wall:.3f} | {mb / wall:,.1f} | {cpu:.3f} | {mb / cpu:,.1f} | {peak / 1024:,.0f} |")
        sub = docs[: max(1, len(docs) // 20)]
        mbs = sum(len(d.encode("utf-8")) for d in sub) / 1e6
        wall, cpu, peak = bench(normalize_with_map, sub, max(1, args.runs // 2))
        print(f"| normalize_with_map display | {name} (1/20) | {wall:.3f} | {mbs / wall:,.1f} | {cpu:.3f} |"
              f" {mbs / cpu:,.1f} | {peak / 1024:,.0f} |")


if __name__ == "__main__":
    main()
