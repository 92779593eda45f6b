"""Web/API load benchmark: 20 concurrent clients on loopback for 30 seconds.

Serves the benchmark store (benchmarks/out/search/akhbar.sqlite, built by
search_bench.py; or ``--store``) with ``akhbar.web.serve`` in a child process
(uvicorn, one worker, 127.0.0.1), then runs ``--clients`` threads, each with its
own keep-alive HTTP connection, for ``--seconds`` seconds. The request mix cycles
through: ``/api/search`` with a benchmark query (60 %), ``/api/articles/{id}`` (20 %),
the HTML search page ``/?q=`` (10 %), the HTML article page (10 %).

With ``--mix pages`` the mix is the HTML pages a reader opens, in equal parts: the overview
``/``, the search page ``/search?q=``, an article, a story (stories of 2+ articles), ``/stats``,
``/entities``; latency is then also reported per page kind (target: p95 <= 200 ms).

Prints requests/s, latency p50/p95/max, the error count (non-200 or
exception) and the server process's CPU seconds over the load window (from ``/proc``; "?" elsewhere). Bounded: the clients stop at the deadline, the server is stopped after.

Usage: ``python benchmarks/web_bench.py [--clients 20] [--seconds 30] [--store PATH] [--mix api|pages]``
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_corpus import OUT, machine

QUERIES = Path(__file__).resolve().parent / "data" / "search_queries.jsonl"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proc_cpu(pid: int) -> float | None:
    """CPU seconds (user + system) of process ``pid`` so far, from ``/proc`` (None elsewhere)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))] if xs else float("nan")


def main() -> None:
    import httpx

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--store", type=Path, default=OUT / "akhbar.sqlite")
    ap.add_argument("--mix", choices=("api", "pages"), default="api", help="request mix (see the docstring)")
    args = ap.parse_args()
    if not args.store.exists():
        sys.exit(f"no store at {args.store}: run benchmarks/search_bench.py first")

    with open(QUERIES, encoding="utf-8") as f:
        queries = [json.loads(line)["q"] for line in f if line.strip()]
    from akhbar.store import open_store

    st = open_store(args.store)
    ids = [r["id"] for q in queries[:20] for r in st.search(q, limit=3)]
    n_articles = st.stats()["articles"]
    stories = [r[0] for r in st.con.execute(
        "SELECT story_id FROM articles WHERE story_id IS NOT NULL GROUP BY story_id HAVING count(*) > 1 "
        "ORDER BY story_id LIMIT 200")] or [None]
    st.close()

    port = free_port()
    code = f"from akhbar.web import serve; serve({str(args.store)!r}, '127.0.0.1', {port}, log_level='warning')"
    server = subprocess.Popen([sys.executable, "-c", code], env={**os.environ})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(base + "/api/stats", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                sys.exit("server did not start")
            time.sleep(0.2)

        def page_plan(i: int) -> tuple[str, str]:
            k = i % 6
            if k == 0:
                return "overview", "/"
            if k == 1:
                return "search", "/search?" + str(httpx.QueryParams({"q": queries[(i * 7) % len(queries)]}))
            if k == 2:
                return "article", f"/article/{ids[(i * 3) % len(ids)]}"
            if k == 3 and stories[0] is not None:
                return "story", f"/story/{stories[i % len(stories)]}"
            if k == 4:
                return "stats", "/stats"
            return "entities", "/entities"

        def request_plan(i: int) -> tuple[str, str]:
            if args.mix == "pages":
                return page_plan(i)
            k = i % 10
            if k < 6:
                return "api", "/api/search?" + str(httpx.QueryParams({"q": queries[i % len(queries)], "limit": 10}))
            if k < 8:
                return "api", f"/api/articles/{ids[i % len(ids)]}"
            if k < 9:
                return "html", "/?" + str(httpx.QueryParams({"q": queries[(i * 7) % len(queries)]}))
            return "html", f"/article/{ids[(i * 3) % len(ids)]}"

        lat: list[float] = []
        by_kind: dict[str, list[float]] = {}
        errors: list[str] = []
        lock = threading.Lock()
        cpu0 = proc_cpu(server.pid)
        start = time.monotonic()
        stop_at = start + args.seconds

        def client(c: int) -> None:
            mine, errs, kinds = [], [], []
            i = c * 1009
            with httpx.Client(base_url=base, timeout=30) as h:
                while time.monotonic() < stop_at:
                    kind, path = request_plan(i)
                    i += 1
                    t = time.perf_counter()
                    try:
                        r = h.get(path)
                        if r.status_code != 200:
                            errs.append(f"{r.status_code} {path}")
                    except httpx.HTTPError as e:
                        errs.append(f"{type(e).__name__} {path}")
                    mine.append(time.perf_counter() - t)
                    kinds.append(kind)
            with lock:
                lat.extend(mine)
                for kd, x in zip(kinds, mine, strict=True):
                    by_kind.setdefault(kd, []).append(x)
                errors.extend(errs)

        threads = [threading.Thread(target=client, args=(c,)) for c in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=args.seconds + 60)
        elapsed = time.monotonic() - start
        cpu1 = proc_cpu(server.pid)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()

    print("# web/API load benchmark (benchmarks/web_bench.py)\n")
    print(f"- machine: {machine()} (clients and server share it; load average {os.getloadavg()[0]:.1f})")
    print(f"- store: {args.store} ({n_articles:,} articles); server: uvicorn, 1 worker, 127.0.0.1")
    mix = ("equal parts overview /, /search?q=, article, story, /stats, /entities" if args.mix == "pages" else
           "60% /api/search, 20% /api/articles/{id}, 10% HTML search page, 10% HTML article page")
    print(f"- load: {args.clients} concurrent keep-alive clients for {args.seconds:.0f} s; mix {mix}\n")
    cpu = (cpu1 - cpu0) if (cpu0 is not None and cpu1 is not None) else None
    cpu_s = f"{cpu:.1f} s" if cpu is not None else "?"
    cpu_req = f"{1000 * cpu / len(lat):.1f} ms" if (cpu is not None and lat) else "?"
    print("| requests | requests/s | p50 | p95 | max | errors | server CPU | server CPU/request |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| {len(lat):,} | {len(lat) / elapsed:,.1f} | {1000 * pct(lat, 50):.1f} ms | {1000 * pct(lat, 95):.1f} ms | "
          f"{1000 * max(lat, default=0):.1f} ms | {len(errors)} | {cpu_s} | {cpu_req} |")
    if len(by_kind) > 1:
        print("\n| page | requests | p50 | p95 | max |")
        print("|---|---:|---:|---:|---:|")
        for kd, xs in sorted(by_kind.items()):
            print(f"| {kd} | {len(xs):,} | {1000 * pct(xs, 50):.1f} ms | {1000 * pct(xs, 95):.1f} ms | "
                  f"{1000 * max(xs):.1f} ms |")
    if errors:
        print("\nfirst errors:", errors[:5])


if __name__ == "__main__":
    main()
