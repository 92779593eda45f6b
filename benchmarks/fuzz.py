"""Long fuzzing runs of the public functions: mutations of real pages, counted crashes and hangs.

The CI suite (``tests/fuzz/``) checks the same properties on a few hundred hypothesis examples;
this script runs many more. A seeded, deterministic mutation engine (byte flips, cuts, repeats,
insertions of hostile pieces: bidi controls, lone surrogates, NUL, Persian letters, tatweel runs,
long Latin slugs, deep markup; splices of two seeds) works on a corpus seeded from real pages:
SaudiNewsNet and ANT texts, the gold HTML pages, ``../shared/cases`` and ``examples/``.

Functions: ``read_inputs`` (mutated input files of every kind, ``tests/fuzz/strategies.input_file_seeds``,
through ``akhbar.sources.iter_inputs`` and through the work units of a run, which must read the
same records), ``refine_text``, ``refine_html``, ``decode``, ``normalize`` (with ``clean_text``),
``find_dates`` (with ``parse_date``, ``has_date``, ``fold_digits``), ``identify_language``,
``identify_lines``, ``tokenize`` (with ``has_arabic_letters``), ``normalize_with_map`` (with
``map_span``), ``as_reference`` (documented ``TypeError``/``ValueError`` allowed),
``canonical_form`` and ``recognize``.

Per function it counts inputs, crashes (an exception the function does not document), hangs
(over ``--hang`` CPU seconds, measured with ``time.process_time``; the refine functions are also
bounded by their own per-page limit and then show ``timeout`` rejections) and, for
``refine_text``/``refine_html``, ``internal_error`` rejections. Crashing inputs (``repr`` and the
traceback's last line) and inputs rejected as ``internal_error`` are written to ``benchmarks/out/fuzz/``.

Usage: python benchmarks/fuzz.py [--n 100000] [--only refine_text,decode,...] [--seed 0] [--hang 10] [--jobs N]
       python benchmarks/fuzz.py --engine atheris --only NAME [--n RUNS] [--max-len 20000]
``--engine atheris`` (where ``pip install atheris`` works; not a dependency of akhbar) runs
coverage-guided libFuzzer over one function instead, its akhbar modules instrumented, its corpus
seeded with the same real pages; text functions get the fuzzer's bytes decoded as UTF-8 with
``surrogateescape`` (invalid bytes become lone surrogates), ``refine_html`` and ``decode`` the bytes.
``--jobs N`` runs chunks of inputs in N worker processes; the inputs are made in the parent in the
order one process makes them, so the findings do not depend on N (inputs/CPU-s sums the workers).

``recognize`` (entities) is the slow function: about 13 inputs per CPU-second (each input is up to
3,000 characters, ~450 tokens; 60 % of the time is the numpy BiLSTM recurrence in
``entities.neural.emissions``, one step per token of the longest sentence of each batch, and
most of the rest the CRF marginals and the token vectors: the model's own cost, not a fuzzing
artefact). 100,000 inputs are ~2 CPU-hours: run it as ``--only recognize --jobs 16`` (about 8
minutes on 16 cores), or with fewer inputs; shortening the inputs would leave the whole-text
passes (dictionary pass, name resolution over the text) less exercised.
Prints a Markdown table: function, inputs, crashes, hangs, internal_error, timeout, max CPU ms,
inputs per CPU-second.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import platform
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
OUT = ROOT / "benchmarks" / "out" / "fuzz"


def _strategies():
    """``tests/fuzz/strategies.py`` (the hostile pieces the CI suite uses), loaded by path."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("akhbar_fuzz_strategies", ROOT / "tests" / "fuzz" / "strategies.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


ATOMS: list[str] = _strategies().ATOMS
EXTRA = ["<div>" * 300, "[" * 2000, "a" * 5000, "ـ" * 3000, "\ud800\udc00\ud800", "\x00" * 50,
         "منذ 999999 يوم", "١٤٤٥/٩/٣٠ هـ", "0001-01-01", "9999-12-31T23:59:59+14:00"]


def seed_corpus(limit: int = 400) -> tuple[list[str], list[bytes]]:
    """Texts and HTML pages to mutate (real pages when ../shared is present)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    html = [p.read_bytes() for p in sorted((ROOT / "examples").glob("*.html"))]
    if SHARED.is_dir():
        from akhbar.model import RawRecord
        from akhbar.run.units import plan_units, read_unit

        inputs = sorted((SHARED / "data" / "saudinewsnet").glob("*.zip"))[:1]
        inputs += [SHARED / "data" / "antcorpus-multisource" / "sample"]
        for u in plan_units([str(p) for p in inputs if p.exists()]):
            for it in read_unit(u):
                if isinstance(it, RawRecord) and isinstance(it.content, str):
                    texts.append(it.content)
                if len(texts) >= limit:
                    break
            if len(texts) >= limit:
                break
        gold = SHARED / "gold" / "pages"
        for p in sorted(gold.glob("*.html.json")):
            try:
                html.append(json.loads(p.read_text(encoding="utf-8"))["html"].encode("utf-8"))
            except (KeyError, ValueError, TypeError):
                continue
        cases = SHARED / "cases" / "cases.jsonl"
        if cases.exists():
            for line in cases.read_text(encoding="utf-8").splitlines():
                c = json.loads(line)
                (html if c.get("input_format") == "html" else texts).append(
                    c["input"].encode("utf-8") if c.get("input_format") == "html" else c["input"])
    return texts, html


def mutate_text(rng: random.Random, texts: list[str]) -> str:
    t = rng.choice(texts)
    if rng.random() < 0.1:
        u = rng.choice(texts)
        t = t[: rng.randrange(len(t) + 1)] + u[rng.randrange(len(u) + 1):]
    for _ in range(rng.randrange(1, 6)):
        i = rng.randrange(len(t) + 1)
        op = rng.random()
        if op < 0.3:
            t = t[:i] + t[i + rng.randrange(1, 300):]
        elif op < 0.7:
            piece = rng.choice(ATOMS) * rng.choice((1, 1, 2, 10, 100)) if rng.random() < 0.8 else rng.choice(EXTRA)
            t = t[:i] + piece + t[i:]
        elif op < 0.85:
            j = min(len(t), i + rng.randrange(1, 200))
            t = t[:j] + t[i:j] * rng.randrange(2, 6) + t[j:]
        else:
            t = t[:i] + chr(rng.randrange(0x20, 0x110000)) + t[i:]
    return t


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randrange(1, 8)):
        if not b:
            break
        i = rng.randrange(len(b))
        op = rng.random()
        if op < 0.4:
            b[i] = rng.randrange(256)
        elif op < 0.6:
            del b[i: i + rng.randrange(1, 500)]
        else:
            b[i:i] = rng.choice([b"<div>" * 50, b"</p>", b"\x00", b"<<", b"&#x0;", b'<meta charset="\x00">',
                                 rng.choice(ATOMS).encode("utf-8", "surrogatepass"), b"\xd8", b"\xff\xfe"])
    if rng.random() < 0.05:
        import gzip

        b = bytearray(gzip.compress(bytes(b)))
        if rng.random() < 0.5:
            b = b[: rng.randrange(len(b) + 1)]
    return bytes(b)


def targets(texts: list[str], html: list[bytes]):
    """name -> (make_input(rng), call(input) -> rejection reason or None, documented exceptions)."""
    import akhbar
    from akhbar.arabic import (
        clean_text,
        has_arabic_letters,
        identify_language,
        identify_lines,
        map_span,
        normalize,
        normalize_with_map,
        tokenize,
    )
    from akhbar.dates import as_reference, find_dates, fold_digits, has_date, parse_date
    from akhbar.entities import canonical_form, recognize
    from akhbar.page.decode import BinaryContent, decode

    refs = [None, "2025-11-08", dt.date(1, 1, 1), dt.datetime(9999, 12, 31, 23, 0), "not a date", 20251108]

    from akhbar.controls import CONTROLS

    def checked(p):
        """The page's rejection reason; raises when a control character reached its text or titles."""
        if p.rejection is None and (CONTROLS.search(p.text) or any(CONTROLS.search(a.title or "") for a in p.articles)):
            raise AssertionError("a C0 control character in the output text")
        return p.rejection.reason if p.rejection else None

    def rt(t):
        return checked(akhbar.refine_text(t[0], crawl_date=t[1]))

    def rh(b):
        return checked(akhbar.refine_html(b, url="https://example.com/a/1"))

    def norm(t):
        for form in ("display", "search"):
            once = normalize(t, form)
            if normalize(once, form) != once:
                raise AssertionError(f"normalize({form}) not idempotent")
        c = clean_text(t)
        if clean_text(c) != c:
            raise AssertionError("clean_text not idempotent")

    def dates(t):
        for ref in (None, "2025-11-08", dt.date(1, 1, 2), dt.date(9999, 12, 30)):
            found = find_dates(t, reference=ref)
            for m in found:
                if not 0 <= m.span[0] < m.span[1] <= len(t):
                    raise AssertionError("span outside the text")
            if ref is None and found and not has_date(t):
                raise AssertionError("has_date missed a date find_dates reads")
            parse_date(t[:300], reference=ref)
        if len(fold_digits(t)) != len(t):
            raise AssertionError("fold_digits changed the length")

    def tok(t):
        last = 0
        for w, (s, e) in tokenize(t):
            if not (last <= s < e <= len(t)) or t[s:e] != w:
                raise AssertionError("token span does not index the text")
            last = e
        has_arabic_letters(t)

    def nmap(t):
        for form in ("display", "search"):
            out, off = normalize_with_map(t, form)
            if out != normalize(t, form):
                raise AssertionError(f"normalize_with_map({form}) differs from normalize")
            if len(off) != len(out) + 1 or off[-1] != len(t) or any(a > b for a, b in itertools.pairwise(off)):
                raise AssertionError("bad offset map")
            map_span(off, (0, len(out)))

    def lines(t):
        for (s, e), _g in identify_lines(t):
            if not 0 <= s <= e <= len(t) or "\n" in t[s:e]:
                raise AssertionError("line span is not a line")

    def canon(t):
        for kind in ("PER", "LOC", "ORG", "MISC"):
            if canonical_form(t, kind) != canonical_form(t, kind):
                raise AssertionError("canonical_form not deterministic")

    def ner(t):
        for e in recognize(t[:3000]):
            if t[e.span[0]: e.span[1]] != e.text:
                raise AssertionError("entity span does not index the text")

    files = _strategies().input_file_seeds()

    def make_dir(r):
        names = r.sample(sorted(files), r.randrange(1, 4))
        return {n: (mutate_bytes(r, files[n]) if r.random() < 0.9 else files[n]) for n in names}, r.choice((1, 2, 100))

    def read_inputs(x):
        """Every input file read without an exception, and the work units of a run read exactly
        the records ``iter_inputs`` reads (same kinds, same sources, same order)."""
        import logging
        import shutil
        import tempfile

        from akhbar.run.units import plan_units, read_unit
        from akhbar.sources import iter_inputs

        logging.getLogger("warcio").setLevel(logging.CRITICAL)
        d = Path(tempfile.mkdtemp(prefix="akhbar-fuzz-"))
        try:
            for n, b in x[0].items():
                (d / n).write_bytes(b)
            a = [(type(it).__name__, it.source) for it in iter_inputs([d])]
            b = [(type(it).__name__, it.source) for u in plan_units([d], unit_records=x[1]) for it in read_unit(u)]
        finally:
            shutil.rmtree(d, ignore_errors=True)
        if a != b:
            raise AssertionError("work units read other records than iter_inputs")

    return {
        "read_inputs": (make_dir, read_inputs, ()),
        "refine_text": (lambda r: (mutate_text(r, texts), r.choice(refs)), rt, (TypeError,)),
        "refine_html": (lambda r: mutate_bytes(r, r.choice(html)), rh, ()),
        "decode": (lambda r: mutate_bytes(r, mutate_text(r, texts).encode(r.choice(["utf-8", "cp1256", "utf-16"]),
                                                                            "replace")),
                   lambda b: decode(b, declared=None) and None, (BinaryContent,)),
        "normalize": (lambda r: mutate_text(r, texts)[:4000], norm, ()),
        "find_dates": (lambda r: mutate_text(r, texts)[:4000], dates, ()),
        "identify_language": (lambda r: mutate_text(r, texts), lambda t: identify_language(t) and None, ()),
        "identify_lines": (lambda r: mutate_text(r, texts), lines, ()),
        "tokenize": (lambda r: mutate_text(r, texts), tok, ()),
        "normalize_with_map": (lambda r: mutate_text(r, texts)[:4000], nmap, ()),
        "as_reference": (lambda r: mutate_text(r, texts)[: r.choice((10, 20, 40, 80))] if r.random() < 0.9
                         else r.choice(refs), lambda x: as_reference(x) and None, (TypeError, ValueError)),
        "canonical_form": (lambda r: mutate_text(r, texts)[: r.choice((5, 20, 60, 300))], canon, ()),
        "recognize": (lambda r: mutate_text(r, texts), ner, ()),
    }


#: Inputs per work chunk handed to a worker process (``--jobs``).
CHUNK = 100
_TARGETS: dict = {}


def _init_worker(texts: list[str], html: list[bytes]) -> None:
    _TARGETS.update(targets(texts, html))


def _run_chunk(job: tuple[str, int, list, float]) -> dict:
    """Run one function on a chunk of inputs (``k0`` is the index of the first); returns counts,
    the worst CPU seconds, the chunk's CPU seconds and the crashing / internal_error inputs."""
    name, k0, xs, hang = job
    _make, call, documented = _TARGETS[name]
    r = {"crashes": [], "hangs": 0, "internal": [], "timeouts": 0, "worst": 0.0}
    c_all = time.process_time()
    for k, x in enumerate(xs, k0):
        c0 = time.process_time()
        try:
            reason = call(x)
        except documented:
            reason = None
        except Exception as e:
            last = traceback.format_exc().strip().splitlines()[-1]
            r["crashes"].append((k, repr(x), last, f"{type(e).__name__}: {str(e)[:120]}"))
            continue
        spent = time.process_time() - c0
        r["worst"] = max(r["worst"], spent)
        r["hangs"] += spent > hang
        if reason == "internal_error":
            r["internal"].append((k, repr(x)))
        elif reason == "timeout":
            r["timeouts"] += 1
    r["cpu"] = time.process_time() - c_all
    return r


def _chunks(name: str, make, n: int, seed: int, hang: float):
    """The inputs of one function, in the order a single process makes them (so ``--jobs`` never
    changes which inputs run), cut into chunks."""
    rng = random.Random(f"{seed}:{name}")
    for k0 in range(0, n, CHUNK):
        yield name, k0, [make(rng) for _ in range(min(CHUNK, n - k0))], hang


def _bounded_imap(pool, jobs, ahead: int):
    """``pool.imap(_run_chunk, jobs)`` with at most ``ahead`` chunks made and not yet returned
    (``imap`` would make every input up front: gigabytes of mutated HTML for 100,000 inputs)."""
    from collections import deque

    pending: deque = deque()
    for job in jobs:
        pending.append(pool.apply_async(_run_chunk, (job,)))
        if len(pending) >= ahead:
            yield pending.popleft().get()
    while pending:
        yield pending.popleft().get()


#: Functions whose atheris input is the fuzzer's bytes themselves (the others get them decoded as
#: UTF-8 with ``surrogateescape``: invalid bytes become lone surrogates).
_BYTE_TARGETS = frozenset({"refine_html", "decode"})


def _from_bytes(name: str, data: bytes):
    """The input of function ``name`` made from the fuzzer's bytes (``--engine atheris``)."""
    if name in _BYTE_TARGETS:
        return data
    text = data.decode("utf-8", "surrogateescape")
    if name == "refine_text":
        return text, "2025-11-08"
    if name == "as_reference":
        return text[:80]
    if name == "recognize":
        return text[:3000]
    return text


def run_atheris(name: str, n: int, seed: int, hang: float, max_len: int) -> int:
    """Coverage-guided fuzzing of one function with atheris (libFuzzer): ``n`` runs from a corpus
    seeded with the real pages (``seed_corpus``, written to ``benchmarks/out/fuzz/atheris-<name>/``,
    where libFuzzer also keeps the inputs that found new coverage). The akhbar modules are
    instrumented; crashes are recorded like the mutation engine's and fuzzing goes on. Prints the
    same table (one row) when libFuzzer ends."""
    import atheris

    with atheris.instrument_imports(include=["akhbar"]):
        import akhbar
        import akhbar.arabic
        import akhbar.dates
        import akhbar.entities
        import akhbar.page.decode
        import akhbar.pipeline  # noqa: F401
    texts, html = seed_corpus()
    _init_worker(texts, html)
    if name not in _TARGETS or name == "read_inputs":
        sys.exit(f"--engine atheris fuzzes one function of: {', '.join(k for k in _TARGETS if k != 'read_inputs')}")
    _make, call, documented = _TARGETS[name]
    corpus = OUT / f"atheris-{name}"
    corpus.mkdir(parents=True, exist_ok=True)
    for k, x in enumerate(html if name in _BYTE_TARGETS else texts):
        data = x if isinstance(x, bytes) else x.encode("utf-8", "surrogateescape")
        (corpus / f"seed-{k:04d}").write_bytes(data[:max_len])
    r = {"n": 0, "crashes": 0, "hangs": 0, "internal": 0, "timeouts": 0, "worst": 0.0, "cpu": 0.0}

    def one(data: bytes) -> None:
        x = _from_bytes(name, data)
        c0 = time.process_time()
        reason = None
        try:
            reason = call(x)
        except documented:
            pass
        except Exception as e:
            r["crashes"] += 1
            if r["crashes"] <= 20:
                last = traceback.format_exc().strip().splitlines()[-1]
                (OUT / f"atheris-{name}-crash-{r['crashes']}.txt").write_text(f"{x!r}\n{last}\n", encoding="utf-8",
                                                                               errors="replace")
                print(f"crash {name}: {type(e).__name__}: {str(e)[:120]}", file=sys.stderr)
        spent = time.process_time() - c0
        r["n"] += 1
        r["cpu"] += spent
        r["worst"] = max(r["worst"], spent)
        r["hangs"] += spent > hang
        r["internal"] += reason == "internal_error"
        r["timeouts"] += reason == "timeout"
        if r["n"] == n:  # libFuzzer ends the process itself after its last run (no atexit)
            table()

    def table() -> None:
        from importlib.metadata import version

        print(f"\natheris {version('atheris')} (libFuzzer), {name}, seed {seed}, corpus {corpus}\n")
        print("| function | inputs | crashes | hangs | internal_error | timeout | max CPU ms | inputs/CPU-s |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        print(f"| {name} (atheris) | {r['n']:,} | {r['crashes']} | {r['hangs']} | {r['internal']} | {r['timeouts']} | "
              f"{r['worst'] * 1000:,.0f} | {r['n'] / r['cpu'] if r['cpu'] else 0:,.0f} |", flush=True)

    atheris.Setup([sys.argv[0], f"-runs={n}", f"-seed={seed + 1}", f"-max_len={max_len}", "-timeout=120",
                   "-rss_limit_mb=8192", "-print_final_stats=1", str(corpus)], one)
    atheris.Fuzz()
    return 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000, help="inputs per function")
    ap.add_argument("--only", default="")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--hang", type=float, default=10.0, help="CPU seconds that count as a hang")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes (same inputs, same findings)")
    ap.add_argument("--engine", choices=("mutate", "atheris"), default="mutate",
                    help="the seeded mutation engine, or coverage-guided atheris (one function: --only NAME)")
    ap.add_argument("--max-len", type=int, default=20_000, help="longest atheris input, in bytes")
    a = ap.parse_args()
    if a.engine == "atheris":
        return run_atheris(a.only, a.n, a.seed, a.hang, a.max_len)
    texts, html = seed_corpus()
    only = {x for x in a.only.split(",") if x}
    print(f"machine: {platform.machine()}, Python {platform.python_version()}; seed corpus: "
          f"{len(texts)} texts, {len(html)} HTML pages; {a.n:,} inputs per function, seed {a.seed}, "
          f"{a.jobs} job(s)\n")
    rows = []
    OUT.mkdir(parents=True, exist_ok=True)
    _init_worker(texts, html)
    pool = None
    if a.jobs > 1:
        import multiprocessing as mp

        pool = mp.get_context("fork").Pool(a.jobs, _init_worker, (texts, html))
    for name, (make, _call, _doc) in _TARGETS.items():
        if only and name not in only:
            continue
        jobs = _chunks(name, make, a.n, a.seed, a.hang)
        results = _bounded_imap(pool, jobs, 4 * a.jobs) if pool is not None else map(_run_chunk, jobs)
        crashes = hangs = internal = timeouts = 0
        worst = cpu = 0.0
        for r in results:  # in input order whatever the number of jobs
            for k, x, last, msg in r["crashes"]:
                crashes += 1
                if crashes <= 20:
                    (OUT / f"{name}-{k}.txt").write_text(f"{x}\n{last}\n", encoding="utf-8", errors="replace")
                    print(f"crash {name} #{k}: {msg}", file=sys.stderr)
            for k, x in r["internal"]:
                internal += 1
                if internal <= 20:
                    (OUT / f"{name}-{k}-internal_error.txt").write_text(f"{x}\n", encoding="utf-8", errors="replace")
            hangs, timeouts = hangs + r["hangs"], timeouts + r["timeouts"]
            worst, cpu = max(worst, r["worst"]), cpu + r["cpu"]
        rows.append((name, a.n, crashes, hangs, internal, timeouts, worst * 1000, a.n / cpu if cpu else 0))
    if pool is not None:
        pool.close()
        pool.join()
    print("| function | inputs | crashes | hangs | internal_error | timeout | max CPU ms | inputs/CPU-s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r[0]} | {r[1]:,} | {r[2]} | {r[3]} | {r[4]} | {r[5]} | {r[6]:,.0f} | {r[7]:,.0f} |")
    return 1 if any(r[2] or r[3] or r[4] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
