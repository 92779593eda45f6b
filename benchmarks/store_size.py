"""What the search store holds, table by table, next to the Parquet files it indexes.

Builds the store of a refine output directory into a temporary file (or reads ``--store``)
and prints the bytes per table/index (SQLite ``dbstat``), the total, and its ratio to
``articles.parquet`` and to ``articles.parquet + lines.parquet``.

Usage: ``python benchmarks/store_size.py OUTDIR [--store FILE]``
(e.g. ``akhbar refine ../shared/data/saudinewsnet/2015-07-21.zip -o OUT --no-index`` first).
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
from pathlib import Path

from akhbar.store import build_index


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--store", type=Path, help="an existing store of OUTDIR (default: build a fresh one)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as td:
        store = args.store
        if store is None:
            store = Path(td) / "s.sqlite"
            info = build_index(args.outdir, store)
            print(f"built: {info['added']:,} articles, {info['lines']:,} lines in {info['seconds']:.1f} s")
        con = sqlite3.connect(store)
        n = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        rows = con.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").fetchall()
        con.close()
        size = store.stat().st_size
    arts = sum(p.stat().st_size for p in args.outdir.glob("articles*.parquet"))
    lines = sum(p.stat().st_size for p in args.outdir.glob("lines*.parquet"))
    print("\n| table or index | MB | share |\n|---|---:|---:|")
    for name, b in rows:
        if b >= 10_000:
            print(f"| {name} | {b / 1e6:.2f} | {b / size:.0%} |")
    print(f"\n- store: {size / 1e6:.1f} MB for {n:,} articles")
    print(f"- articles.parquet: {arts / 1e6:.1f} MB: store = {size / arts:.1f}x")
    print(f"- articles.parquet + lines.parquet: {(arts + lines) / 1e6:.1f} MB: store = {size / (arts + lines):.1f}x")


if __name__ == "__main__":
    main()
