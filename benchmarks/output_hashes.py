"""Hashes of every data output of `akhbar refine` on the real inputs in ../shared, for refactors.

A refactor that must not change behaviour runs this before and after and compares the tables
(``--save before.json`` then ``--compare before.json``). Each input set is refined in a fresh
output directory with ``--no-index`` (the SQLite store is derived from the same rows); the hash
is sha256 of the bytes of ``articles*.parquet``, ``lines*.parquet`` and ``rejected*.jsonl``
(the manifest holds timings and is left out; its counts are compared instead).

Input sets (each skipped when absent): SaudiNewsNet (all 18 zips, default run; the first 1,000
records with ``--entities``), the two ANT samples, the Common Crawl trafilatura sample, the
HTML gold pages (text and HTML), the seed, the HTML pages of htmldate-mediacloud, fundus,
newspaper4k and trafilatura-assabah (default and ``--entities``), ``examples/`` and
``cases/cases.jsonl``.

Usage: python benchmarks/output_hashes.py [--save FILE] [--compare FILE] [--only NAME,...]
Prints a Markdown table: set, records, articles, rejected, sha256 prefix per file, CPU seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("AKHBAR_SHARED", ROOT.parent / "shared"))
D = SHARED / "data"

SETS: dict[str, tuple[list[Path], dict]] = {
    "snn": ([*sorted((D / "saudinewsnet").glob("*.zip"))], {}),
    "snn-entities": ([*sorted((D / "saudinewsnet").glob("*.zip"))], {"entities": True, "limit": 1000}),
    "ant": ([D / "antcorpus-jawharafm" / "sample", D / "antcorpus-multisource" / "sample"], {}),
    "cc": ([D / "cc-arabic-trafilatura-sample"], {}),
    "gold": ([SHARED / "gold" / "pages"], {}),
    "seed": ([SHARED / "seeds"], {}),
    "html": (
        [D / "htmldate-mediacloud", D / "fundus-lbcgroup", D / "newspaper4k-cnn-arabic", D / "trafilatura-assabah"],
        {},
    ),
    "html-entities": (
        [D / "htmldate-mediacloud", D / "fundus-lbcgroup", D / "newspaper4k-cnn-arabic", D / "trafilatura-assabah"],
        {"entities": True},
    ),
    "examples": ([ROOT / "examples"], {}),
    "cases": ([SHARED / "cases" / "cases.jsonl"], {}),
}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_set(name: str, inputs: list[Path], kw: dict) -> dict:
    """Refine one input set into a temporary directory; returns counts and per-file hashes."""
    import akhbar

    with tempfile.TemporaryDirectory() as out:
        c0 = time.process_time()
        r = akhbar.refine([str(p) for p in inputs], out, index=False, **kw)
        cpu = time.process_time() - c0
        files = {}
        for p in sorted(Path(out).iterdir()):
            if p.suffix in (".parquet", ".jsonl"):
                files[p.name] = _sha(p)
        return {"records": r.records, "articles": r.articles, "rejected": r.rejected, "files": files, "cpu": cpu}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--save")
    ap.add_argument("--compare")
    ap.add_argument("--only", default="")
    a = ap.parse_args()
    only = {s for s in a.only.split(",") if s}
    res: dict[str, dict] = {}
    for name, (inputs, kw) in SETS.items():
        if only and name not in only:
            continue
        if not all(p.exists() for p in inputs):
            print(f"skip {name}: input absent")
            continue
        res[name] = run_set(name, inputs, kw)
    print("| set | records | articles | rejected | files (sha256[:12]) | CPU s |")
    print("|---|---:|---:|---:|---|---:|")
    for name, r in res.items():
        files = ", ".join(f"{k} {v[:12]}" for k, v in r["files"].items())
        print(f"| {name} | {r['records']} | {r['articles']} | {r['rejected']} | {files} | {r['cpu']:.1f} |")
    if a.save:
        Path(a.save).write_text(json.dumps(res, indent=1, ensure_ascii=False), encoding="utf-8")
    if a.compare:
        old = json.loads(Path(a.compare).read_text(encoding="utf-8"))
        diff = 0
        for name, r in res.items():
            o = old.get(name)
            if o is None:
                continue
            for k in ("records", "articles", "rejected", "files"):
                if o[k] != r[k]:
                    diff += 1
                    print(f"DIFFERS {name} {k}: {o[k]} -> {r[k]}")
        print("identical" if not diff else f"{diff} differences")
        return 1 if diff else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
