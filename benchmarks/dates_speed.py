"""Speed of akhbar.dates beside dateparser on the same real datelines (prints a table).

Inputs (read in place from ../shared):
* datelines: SPA (was) first lines of SaudiNewsNet records, the ANT ``<TIME>`` fields
  (RFC-822, ISO 8601, DD/MM/YYYY), and the hand-read table
  ``benchmarks/data/dates_real_strings.jsonl`` (visible page datelines, meta values, body
  sentences with dates);
* bodies: SaudiNewsNet article contents (``find_dates`` over the whole text);
* lines: the same bodies split in lines (``has_date`` pre-check).

Reported: medians of several runs, wall and CPU (``time.process_time``) microseconds per
item, throughput, the dateparser ratio, agreement of the two on the day, peak RSS.
One process, one core. dateparser is the ``bench`` extra (``pip install -e .[bench]``).

Usage: python benchmarks/dates_speed.py [--runs 5] [--dateparser-sample 400]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import random
import re
import resource
import statistics
import sys
import tarfile
import time
import warnings
import zipfile
from pathlib import Path

from akhbar.dates import find_dates, has_date, parse_date

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def load_datelines(max_ant: int = 3000) -> list[str]:
    lines: list[str] = []
    for z in sorted(SHARED.glob("data/saudinewsnet/*.zip")):
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                for art in json.loads(zf.read(name)):
                    if art["source"] == "was":
                        first = next((ln for ln in art["content"].split("\n") if ln.strip()), "")
                        if len(first) <= 160:
                            lines.append(first.strip())
    for path in sorted(SHARED.glob("data/antcorpus-*/*.tar.*")):
        n = 0
        with tarfile.open(path) as tf:
            for member in tf:
                if member.isfile() and member.name.endswith(".txt"):
                    raw = tf.extractfile(member).read().decode("utf-8", "replace")
                    m = re.search(r"<TIME>(.*?)</TIME>", raw, re.DOTALL)
                    if m:
                        lines.append(m.group(1).strip())
                        n += 1
                    if n >= max_ant // 2:
                        break
    table = REPO / "benchmarks/data/dates_real_strings.jsonl"
    for row in table.read_text(encoding="utf-8").splitlines():
        if row.strip():
            lines.append(json.loads(row)["text"])
    return lines


def load_bodies(n: int = 2000) -> list[str]:
    out: list[str] = []
    for z in sorted(SHARED.glob("data/saudinewsnet/*.zip")):
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                out.extend(a["content"] for a in json.loads(zf.read(name)))
        if len(out) >= n:
            break
    return out[:n]


def bench(fn, items: list, runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds for one pass of ``fn`` over ``items``."""
    walls, cpus = [], []
    for _ in range(runs):
        w0, c0 = time.perf_counter(), time.process_time()
        for x in items:
            fn(x)
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    return statistics.median(walls), statistics.median(cpus)


def _day(v):
    return v.date() if isinstance(v, dt.datetime) else v


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--dateparser-sample", type=int, default=400, help="datelines given to dateparser")
    args = ap.parse_args()
    if not (SHARED / "data").is_dir():
        sys.exit("../shared/data is not present")
    datelines = load_datelines()
    bodies = load_bodies()
    lines = [ln for b in bodies for ln in b.split("\n") if ln.strip()]
    print(f"machine: {platform.machine()} python {platform.python_version()} ({platform.platform()}), one process")
    print(f"inputs: {len(datelines)} datelines (SPA, ANT TIME, table), {len(bodies)} SaudiNewsNet bodies "
          f"({sum(map(len, bodies)) / 1e6:.2f} M chars), {len(lines)} body lines; medians of {args.runs} runs")
    print()
    for x in datelines[:50]:
        parse_date(x)  # warm the caches
    rows = []
    w, c = bench(parse_date, datelines, args.runs)
    rows.append(("parse_date (akhbar)", len(datelines), w, c))
    ref = "2015-08-10"
    w, c = bench(lambda x: find_dates(x, reference=ref), datelines, args.runs)
    rows.append(("find_dates (akhbar, reference)", len(datelines), w, c))
    w, c = bench(has_date, lines, args.runs)
    rows.append(("has_date per body line", len(lines), w, c))
    w, c = bench(find_dates, bodies, max(1, args.runs // 2))
    rows.append(("find_dates per body", len(bodies), w, c))
    w, c = bench(lambda x: find_dates(x, reference=ref), bodies, max(1, args.runs // 2))
    rows.append(("find_dates per body (reference)", len(bodies), w, c))
    nodate = [b for b in bodies if not re.search(r"\d", b)]
    if nodate:
        w, c = bench(find_dates, nodate, args.runs)
        rows.append(("find_dates per body without digits", len(nodate), w, c))

    random.seed(0)
    sample = random.sample(datelines, min(args.dateparser_sample, len(datelines)))
    ratio_line = "dateparser not installed (pip install -e .[bench])"
    agree = None
    try:
        import dateparser

        warnings.simplefilter("ignore")
        dateparser.parse("1 January 2020")  # load its language data before timing
        runs_dp = max(1, min(3, args.runs))
        w_dp, c_dp = bench(dateparser.parse, sample, runs_dp)
        rows.append(("dateparser.parse (sample)", len(sample), w_dp, c_dp))
        w_us, c_us = bench(parse_date, sample, args.runs)
        rows.append(("parse_date on the same sample", len(sample), w_us, c_us))
        ratio_line = (f"parse_date is {w_dp / w_us:.0f}x faster than dateparser.parse (wall), "
                      f"{c_dp / c_us:.0f}x (CPU), on the same {len(sample)} datelines")
        agree = [0, 0, 0, 0]  # both, agree, ours only, theirs only
        differ: list[str] = []
        for x in sample:
            a, b = parse_date(x), dateparser.parse(x)
            if a and b:
                agree[0] += 1
                agree[1] += _day(a.value) == b.date()
                if _day(a.value) != b.date() and len(differ) < 4:
                    differ.append(f"{x[:60]!r}: akhbar {a.iso}, dateparser {b.isoformat()}")
            elif a:
                agree[2] += 1
            elif b:
                agree[3] += 1
    except ImportError:
        pass
    print(f"{'what':38} {'items':>7} {'wall us/item':>13} {'cpu us/item':>12} {'items/s (wall)':>15} "
          f"{'items/s (CPU)':>14}")
    for name, n, w, c in rows:
        print(f"{name:38} {n:7d} {w / n * 1e6:13.1f} {c / n * 1e6:12.1f} {n / w:15,.0f} {n / c:14,.0f}")
    chars = sum(map(len, bodies))
    body_row = next(r for r in rows if r[0] == "find_dates per body")
    print(f"\nbody scan: {chars / body_row[2] / 1e6:.1f} M chars/s; "
          f"{body_row[2] / chars * 5000 * 1e6:.0f} us per 5,000 chars of body")
    print(ratio_line)
    if agree:
        print(f"same strings, day agreement: both parsed {agree[0]}, same day {agree[1]}, "
              f"only akhbar {agree[2]}, only dateparser {agree[3]}")
        for line in differ:
            print("   differ:", line)
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
