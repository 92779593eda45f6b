"""Variant-merging benchmark: merge precision/recall on the variant-pair sets in benchmarks/data/.

Usage: ``python benchmarks/ner_variants.py [--verbose]``

Two sets (see benchmarks/data/entity_variants.md): ``entity_variants.jsonl`` (SaudiNewsNet and
ANT pairs, 2015-2018) and ``entity_variants_openweb.jsonl`` (pairs whose two spellings were both
seen in stored open-web pages). A pair (a, b, type) is *merged* when the two spellings get the
same key. Each set and their union are scored twice: ``canonical_form`` (rules + curated table,
what the pipeline uses) and ``rule_key`` (rules alone, no curated table: what generalizes to
names nobody curated). Also times ``canonical_form`` on all spellings (cache cleared).
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path

from akhbar.entities import merge

DATA_DIR = Path(__file__).resolve().parent / "data"
DATA = DATA_DIR / "entity_variants.jsonl"
OPENWEB = DATA_DIR / "entity_variants_openweb.jsonl"
SETS = (("old", DATA), ("openweb", OPENWEB))


def load(path: Path) -> list[dict]:
    """Rows of one JSON Lines pair file (``type``, ``a``, ``b``, ``same``, ...)."""
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def score(rows, fn, verbose=False):
    """``(precision, recall, tp, fp, fn)`` of the merge decisions ``fn(a, type) == fn(b, type)``."""
    tp = fp = fn_ = 0
    for r in rows:
        ka, kb = fn(r["a"], r["type"]), fn(r["b"], r["type"])
        merged = ka == kb
        if merged and r["same"]:
            tp += 1
        elif merged:
            fp += 1
            if verbose:
                print(f"  wrongly merged: {r['a']} | {r['b']}  -> {ka}")
        elif r["same"]:
            fn_ += 1
            if verbose:
                print(f"  not merged:     {r['a']} | {r['b']}  -> {ka} | {kb}")
    p = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn_) if tp + fn_ else 0.0
    return p, rc, tp, fp, fn_


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--verbose", action="store_true", help="list every wrong merge and missed merge")
    a = ap.parse_args(argv)
    sets = [(name, load(path)) for name, path in SETS if path.exists()]
    sets.append(("combined", [r for _, rows in sets for r in rows]))
    print(f"machine: {platform.node()} python {platform.python_version()}")
    for name, rows in sets:
        n_same = sum(r["same"] for r in rows)
        print(f"input {name}: {n_same} variant pairs, {len(rows) - n_same} look-alike pairs")
    print(f"{'set':9} {'method':32} {'P':>6} {'R':>6} {'TP':>4} {'FP':>4} {'FN':>4}")
    methods = (("canonical_form (rules + table)", merge.canonical_form), ("rule_key (rules only)", merge.rule_key))
    for name, rows in sets:
        for label, fn in methods:
            p, r, tp, fp, fn_ = score(rows, fn, a.verbose and name != "combined")
            print(f"{name:9} {label:32} {p:6.3f} {r:6.3f} {tp:4d} {fp:4d} {fn_:4d}")
    spellings = [(r[k], r["type"]) for r in sets[-1][1] for k in ("a", "b")]
    times = []
    for _ in range(5):
        merge.canonical_form.cache_clear()
        t0 = time.perf_counter()
        for s, t in spellings:
            merge.canonical_form(s, t)
        times.append(time.perf_counter() - t0)
    times.sort()
    print(f"speed: canonical_form, uncached, {len(spellings)} names, median of 5: {len(spellings) / times[2]:,.0f} names/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
