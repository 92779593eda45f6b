"""Counts, in the unlabelled news of ../shared/data (SaudiNewsNet 2015), of each entry of
akhbar/data/ner_patterns.json: how often each head noun occurs (with a proclitic or not) and how
often it is followed by a definite word (the pattern ``apply`` uses), and how often each country
name occurs. Shows that every entry is news vocabulary, not a fit to the open-web gold lists.

Usage: ``python benchmarks/ner_patterns_counts.py [--files N]`` (default: all 19 SaudiNewsNet zips).
"""

from __future__ import annotations

import argparse
import json
import zipfile
from collections import Counter
from pathlib import Path

from akhbar.entities.features import tokenize
from akhbar.entities.normalize import fold
from akhbar.entities.patterns import CLITICS, tables

SNN = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "saudinewsnet"


def texts(n_files: int):
    for z in sorted(SNN.resolve().glob("*.zip"))[:n_files]:
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                if name.endswith(".json"):
                    for rec in json.loads(zf.read(name)):
                        yield rec.get("content") or ""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=19)
    a = ap.parse_args(argv)
    if not SNN.exists():
        print("../shared/data/saudinewsnet not available")
        return 0
    t = tables()
    heads = t["org"] | t["loc"] | t["org_def"]
    seen, framed, countries = Counter(), Counter(), Counter()
    n = 0
    for text in texts(a.files):
        n += 1
        f = [fold(w) for w, _, _ in tokenize(text)]
        for i, w in enumerate(f):
            for cl in CLITICS:
                if w.startswith(cl) and w[len(cl) :] in heads:
                    h = w[len(cl) :]
                    seen[h] += 1
                    framed[h] += i + 1 < len(f) and f[i + 1].startswith("ال")
                    break
            for cl in CLITICS:
                if w.startswith(cl) and (w[len(cl) :],) in t["countries"]:
                    countries[w[len(cl) :]] += 1
                    break
    print(f"articles: {n}")
    print(f"{'head':16} {'seen':>7} {'+ال':>7}")
    for h in sorted(heads, key=lambda h: -seen[h]):
        print(f"{h:16} {seen[h]:7d} {framed[h]:7d}")
    one = sorted(c[0] for c in t["countries"] if len(c) == 1)
    print("countries never seen:", [c for c in one if not countries[c]])
    print("countries:", ", ".join(f"{c} {countries[c]}" for c in sorted(one, key=lambda c: -countries[c])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
