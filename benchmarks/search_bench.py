"""Search benchmark: recall@10 of akhbar's store vs plain FTS5, query latency, indexing speed.

Corpus: SaudiNewsNet (31,030 articles) + ANT v1.1 Jawhara FM + ANT v2.1 multisource
(41,686 articles), loaded by search_corpus.py (title + text lines as body; not
``akhbar refine`` output yet). Queries: benchmarks/data/search_queries.jsonl (made by
search_make_queries.py; each with the articles it must find).

* akhbar: ``akhbar.store`` (FTS5 over akhbar's search form + prefix/hamza-seat forms,
  BM25 title 4 : body 1).
* plain FTS5: the same articles in an FTS5 table with the ``unicode61`` tokenizer over
  the raw title and body (no akhbar normalization), query words AND-ed, same BM25 weights.

Prints: machine, input, indexing speed (articles/s, SaudiNewsNet alone), store size,
recall@10 per query kind for both, query latency p50/p95 (median of ``--runs`` passes),
peak memory (max RSS). Everything is bounded (fixed query set, fixed number of passes).

Usage: ``python benchmarks/search_bench.py [--runs 5] [--index-runs 1] [--rebuild]``
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_corpus import OUT, machine, prepare

from akhbar.store import build_index, open_store

QUERIES = Path(__file__).resolve().parent / "data" / "search_queries.jsonl"
STORE = OUT / "akhbar.sqlite"
PLAIN = OUT / "plain.sqlite"


def load_queries() -> list[dict]:
    with open(QUERIES, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def build_store(dirs: dict[str, Path], rebuild: bool) -> dict[str, dict]:
    if STORE.exists() and not rebuild:
        return {}
    for p in STORE.parent.glob(STORE.name + "*"):
        p.unlink()
    return {name: build_index(d, STORE) for name, d in dirs.items()}


def time_index_snn(snn_dir: Path, runs: int) -> list[tuple[float, float]]:
    """(wall, CPU) seconds to index all SaudiNewsNet into a fresh store, ``runs`` times.

    CPU time (this process) is reported beside wall time because the machine is shared.
    """
    out = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as td:
            t0, c0 = time.perf_counter(), time.process_time()
            st = build_index(snn_dir, Path(td) / "s.sqlite")
            out.append((time.perf_counter() - t0, time.process_time() - c0))
            assert st["added"] == 31030
    return out


def build_plain(dirs: dict[str, Path], rebuild: bool) -> None:
    """Plain FTS5 (unicode61, raw text) over the same articles; ``ids`` maps rowid -> article id."""
    if PLAIN.exists() and not rebuild:
        return
    import pyarrow.parquet as pq

    PLAIN.unlink(missing_ok=True)
    con = sqlite3.connect(PLAIN)
    con.execute("CREATE TABLE ids (n INTEGER PRIMARY KEY, id TEXT UNIQUE)")
    con.execute("CREATE VIRTUAL TABLE fts USING fts5(title, body, content='', tokenize='unicode61')")
    seen: set[str] = set()
    for d in dirs.values():
        for b in pq.ParquetFile(d / "articles.parquet").iter_batches(2000, columns=["id", "title", "body"]):
            for r in b.to_pylist():
                if r["id"] in seen:
                    continue
                seen.add(r["id"])
                n = con.execute("INSERT INTO ids (id) VALUES (?)", (r["id"],)).lastrowid
                con.execute("INSERT INTO fts (rowid, title, body) VALUES (?, ?, ?)",
                            (n, r["title"] or "", "\n".join(r["body"] or [])))
    con.commit()
    con.close()


def plain_search(con: sqlite3.Connection, q: str, limit: int = 10) -> list[str]:
    words = [w.replace('"', "") for w in q.split() if w.replace('"', "")]
    if not words:
        return []
    match = " AND ".join(f'"{w}"' for w in words)
    rows = con.execute(
        "SELECT ids.id FROM fts JOIN ids ON ids.n = fts.rowid WHERE fts MATCH ? ORDER BY bm25(fts, 4.0, 1.0) LIMIT ?",
        (match, limit),
    )
    return [r[0] for r in rows]


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="latency passes over all queries (median reported)")
    ap.add_argument("--index-runs", type=int, default=1, help="timed SaudiNewsNet indexing runs (fresh store each)")
    ap.add_argument("--rebuild", action="store_true", help="rebuild the benchmark stores")
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args()

    dirs = prepare()
    queries = load_queries()
    t0 = time.perf_counter()
    built = build_store(dirs, args.rebuild)
    build_s = time.perf_counter() - t0
    build_plain(dirs, args.rebuild)
    index_times = time_index_snn(dirs["snn"], args.index_runs) if args.index_runs > 0 else []

    store = open_store(STORE)
    plain = sqlite3.connect(f"{PLAIN.resolve().as_uri()}?mode=ro", uri=True)
    n_articles = store.stats()["articles"]

    # ---- recall@10
    rec: dict[str, dict[str, list[float]]] = {"akhbar": defaultdict(list), "plain": defaultdict(list)}
    misses = []
    for q in queries:
        must = set(q["must"])
        got_a = [r["id"] for r in store.search(q["q"], limit=10)]
        got_p = plain_search(plain, q["q"])
        for name, got in (("akhbar", got_a), ("plain", got_p)):
            r = len(must & set(got)) / len(must)
            rec[name][q["kind"]].append(r)
            rec[name]["all"].append(r)
        if len(must & set(got_a)) < len(must):
            misses.append((q["q"], sorted(must - set(got_a))))

    # ---- latency (seconds per query, median over passes of each query's time)
    lat: dict[str, list[float]] = {"akhbar": [], "plain": []}
    per_q: dict[str, dict[int, list[float]]] = {"akhbar": defaultdict(list), "plain": defaultdict(list)}
    for _ in range(args.runs):
        for i, q in enumerate(queries):
            t = time.perf_counter()
            store.search(q["q"], limit=10)
            per_q["akhbar"][i].append(time.perf_counter() - t)
            t = time.perf_counter()
            plain_search(plain, q["q"])
            per_q["plain"][i].append(time.perf_counter() - t)
    for name in lat:
        lat[name] = [statistics.median(v) for v in per_q[name].values()]

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size_mb = STORE.stat().st_size / 1e6
    plain_mb = PLAIN.stat().st_size / 1e6

    print("# search benchmark (benchmarks/search_bench.py)\n")
    print(f"- machine: {machine()}")
    print(f"- input: {n_articles:,} articles (SaudiNewsNet 31,030 + ANT {n_articles - 31030:,}), "
          f"{len(queries)} queries ({QUERIES.name})")
    print(f"- store: {size_mb:,.0f} MB (plain FTS5 store: {plain_mb:,.0f} MB)")
    if built:
        print(f"- benchmark store built in {build_s:,.0f} s: "
              + ", ".join(f"{k} {v['added']:,} articles in {v['seconds']:,.0f} s" for k, v in built.items()))
    if index_times:
        med = statistics.median(w for w, _ in index_times)
        cpu = statistics.median(c for _, c in index_times)
        print(f"- indexing SaudiNewsNet (build_index from articles.parquet into a new store), {len(index_times)} "
              f"run(s): median wall {med:,.1f} s = **{31030 / med:,.0f} articles/s**; median CPU {cpu:,.1f} s = "
              f"{31030 / cpu:,.0f} articles/CPU-s (wall runs: " + ", ".join(f"{w:.1f}" for w, _ in index_times)
              + f" s; load average at the end {os.getloadavg()[0]:.1f})")
    print(f"- peak memory (max RSS of this process): {peak_mb:,.0f} MB\n")

    kinds = ["all"] + sorted(k for k in rec["akhbar"] if k != "all")
    print("| query kind | queries | recall@10 akhbar | recall@10 plain FTS5 | full-recall queries akhbar | plain |")
    print("|---|---:|---:|---:|---:|---:|")
    for k in kinds:
        a, p = rec["akhbar"][k], rec["plain"][k]
        print(f"| {k} | {len(a)} | {statistics.mean(a):.3f} | {statistics.mean(p):.3f} | "
              f"{sum(x == 1.0 for x in a)} | {sum(x == 1.0 for x in p)} |")
    print()
    print(f"| engine | query latency p50 | p95 | max | (median of {args.runs} passes per query, limit 10, "
          "akhbar includes snippets) |")
    print("|---|---:|---:|---:|---|")
    for name in ("akhbar", "plain"):
        xs = lat[name]
        print(f"| {name} | {1000 * pct(xs, 50):.1f} ms | {1000 * pct(xs, 95):.1f} ms | {1000 * max(xs):.1f} ms | |")
    if misses and args.show_misses:
        print("\nakhbar misses:")
        for q, m in misses:
            print(" ", q, m)
    ok = statistics.mean(rec["akhbar"]["all"]) >= 0.95
    print(f"\nrecall@10 >= 0.95: {'yes' if ok else 'NO'}")


if __name__ == "__main__":
    main()
