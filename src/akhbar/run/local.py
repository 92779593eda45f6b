"""Run refine over input files: read -> per-page stages -> corpus passes -> writers.

Outputs in OUTDIR (all UTF-8):
- ``articles.parquet``: one row per article (``akhbar.model.ARTICLE_SCHEMA``);
- ``lines.parquet``: one row per page line (``LINE_SCHEMA``): page id, span, label, text;
- ``rejected.jsonl``: one JSON object per rejected input record: id, source, reason, message;
- ``manifest.json``: akhbar version, settings, inputs (path, bytes, sha256), counts by
  outcome (records = records with articles + rejected), seconds per stage.

Output order follows input order and ids are content hashes, so the same input gives
byte-identical ``articles.parquet``, ``lines.parquet`` and ``rejected.jsonl`` whatever the
executor or worker count (``manifest.json`` also records timings, which vary).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from akhbar import __version__
from akhbar.model import ARTICLE_SCHEMA, LINE_SCHEMA, Page, RawRecord, Rejection, article_row, line_rows
from akhbar.page.pipeline import Settings, refine_record
from akhbar.sources import expand, iter_inputs

BATCH_ROWS = 2000


@dataclass
class RunOptions:
    """Options of one refine run. ``executor``: "local" | "processes" | "ray"; ``workers``: pool size."""

    executor: str = "local"
    workers: int = 1
    write_lines: bool = True
    dedup: bool = True
    stories: bool = True
    drop_duplicates: bool = False
    index: bool = False
    settings: Settings = field(default_factory=Settings)
    limit: int | None = None


@dataclass
class RunResult:
    """What a run did: counts and where the files are."""

    outdir: Path
    records: int = 0
    pages_with_articles: int = 0
    rejected: int = 0
    articles: int = 0
    seconds: float = 0.0
    reasons: dict[str, int] = field(default_factory=dict)
    roles: dict[str, int] = field(default_factory=dict)
    duplicates: int = 0
    near_duplicates: int = 0
    stage_seconds: dict[str, float] = field(default_factory=dict)


class _Writer:
    def __init__(self, path: Path, schema: pa.Schema):
        self.path = path
        self.schema = schema
        self.rows: list[dict[str, Any]] = []
        self.writer = pq.ParquetWriter(str(path), schema, compression="zstd")

    def add(self, rows: list[dict[str, Any]]) -> None:
        self.rows.extend(rows)
        if len(self.rows) >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def close(self) -> None:
        self.flush()
        self.writer.close()


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _pages_local(items: Iterable[RawRecord | Rejection], settings: Settings) -> Iterator[RawRecord | Rejection | Page]:
    for it in items:
        if isinstance(it, Rejection):
            yield it
        else:
            yield refine_record(it, settings)


def _refine_one(args: tuple[RawRecord, Settings]) -> Page:
    return refine_record(*args)


def _pages_processes(items: Iterable[RawRecord | Rejection], settings: Settings, workers: int):
    import multiprocessing as mp

    ctx = mp.get_context("spawn" if os.name == "nt" else "fork")
    settings_nt = Settings(**{**asdict(settings), "timings": None})
    with ctx.Pool(workers) as pool:
        def gen():
            for it in items:
                yield it

        # Rejections pass through the pool untouched so that order is preserved.
        for out in pool.imap(_refine_or_pass, ((it, settings_nt) for it in gen()), chunksize=32):
            yield out


def _refine_or_pass(args: tuple[RawRecord | Rejection, Settings]):
    it, st = args
    return it if isinstance(it, Rejection) else refine_record(it, st)


def refine_paths(
    inputs: list[str | Path],
    outdir: str | Path,
    options: RunOptions | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    **kw: Any,
) -> RunResult:
    """Refine every record of ``inputs`` into ``outdir`` (created if missing).

    Raises ``OSError`` when ``outdir`` cannot be created or written; never raises on bad
    input (bad records become rows of ``rejected.jsonl``). ``progress(records, articles)`` is
    called after each record.
    """
    opts = options or RunOptions(**kw)
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    probe = out / ".akhbar-write-test"
    probe.write_text("ok", encoding="utf-8")
    probe.unlink()
    t_start = time.perf_counter()
    settings = opts.settings
    settings.timings = {} if opts.executor == "local" else None
    res = RunResult(outdir=out)
    files = [p for p in expand(inputs)]
    items: Iterable[RawRecord | Rejection] = iter_inputs(inputs)
    if opts.limit:
        import itertools

        items = itertools.islice(items, opts.limit)
    if opts.executor == "processes" and opts.workers > 1:
        pages = _pages_processes(items, settings, opts.workers)
    elif opts.executor == "ray":
        from akhbar.run.ray_exec import pages_ray

        pages = pages_ray(items, settings, opts.workers)
    else:
        pages = _pages_local(items, settings)

    from akhbar.run.corpus import CorpusPasses

    corpus = CorpusPasses(dedup=opts.dedup, stories=opts.stories)
    aw = _Writer(out / "articles.parquet", ARTICLE_SCHEMA)
    lw = _Writer(out / "lines.parquet", LINE_SCHEMA) if opts.write_lines else None
    reasons: Counter[str] = Counter()
    roles: Counter[str] = Counter()
    t_corpus = 0.0
    t_write = 0.0
    with open(out / "rejected.jsonl", "w", encoding="utf-8") as rej:
        for item in pages:
            res.records += 1
            tw = time.perf_counter()
            if isinstance(item, Rejection):
                rej.write(json.dumps(item.as_dict(), ensure_ascii=False) + "\n")
                reasons[item.reason] += 1
                res.rejected += 1
            else:
                page = item
                if page.rejection is None:
                    tc = time.perf_counter()
                    corpus.process(page)
                    t_corpus += time.perf_counter() - tc
                    if opts.drop_duplicates and page.articles and all(a.dup_of for a in page.articles):
                        page.rejection = Rejection(page.record_id, page.source, "duplicate",
                                                   f"duplicate of article {page.articles[0].dup_of}")
                if page.rejection is not None:
                    rej.write(json.dumps(page.rejection.as_dict(), ensure_ascii=False) + "\n")
                    reasons[page.rejection.reason] += 1
                    res.rejected += 1
                else:
                    res.pages_with_articles += 1
                    aw.add([article_row(page, a) for a in page.articles])
                    for a in page.articles:
                        roles[a.role] += 1
                    res.articles += len(page.articles)
                if lw is not None and page.lines:
                    lw.add(line_rows(page))
            t_write += time.perf_counter() - tw
            if progress is not None:
                progress(res.records, res.articles)
    aw.close()
    if lw is not None:
        lw.close()
    res.seconds = time.perf_counter() - t_start
    res.reasons = dict(sorted(reasons.items()))
    res.roles = dict(sorted(roles.items()))
    res.duplicates, res.near_duplicates = corpus.dup_counts()
    stage = dict(settings.timings or {})
    stage["corpus"] = t_corpus
    stage["write"] = t_write - t_corpus
    res.stage_seconds = {k: round(v, 3) for k, v in stage.items()}
    _manifest(out, files, opts, res)
    if opts.index:
        try:
            from akhbar.store import build_index

            build_index(out)
        except Exception as e:  # the refine output stands even if indexing fails
            (out / "index-error.txt").write_text(f"{type(e).__name__}: {e}\n", encoding="utf-8")
    return res


def _manifest(out: Path, files: list, opts: RunOptions, res: RunResult) -> None:
    inputs = []
    for p in files:
        if p == "-":
            inputs.append({"path": "-", "bytes": None, "sha256": None})
            continue
        try:
            inputs.append({"path": str(p), "bytes": p.stat().st_size, "sha256": _sha256(p)})
        except OSError as e:
            inputs.append({"path": str(p), "bytes": None, "sha256": None, "error": str(e)})
    st = asdict(opts.settings)
    st.pop("timings", None)
    manifest = {
        "akhbar_version": __version__,
        "settings": {
            "executor": opts.executor,
            "workers": opts.workers,
            "dedup": opts.dedup,
            "stories": opts.stories,
            "drop_duplicates": opts.drop_duplicates,
            **{k: list(v) if isinstance(v, tuple) else v for k, v in st.items()},
        },
        "inputs": inputs,
        "counts": {
            "records": res.records,
            "records_with_articles": res.pages_with_articles,
            "rejected": res.rejected,
            "articles": res.articles,
            "articles_by_role": res.roles,
            "rejected_by_reason": res.reasons,
            "exact_duplicates": res.duplicates,
            "near_duplicates": res.near_duplicates,
        },
        "seconds": {"total": round(res.seconds, 3), "by_stage": res.stage_seconds},
        "pages_per_second": round(res.records / res.seconds, 1) if res.seconds else None,
        "outputs": ["articles.parquet", "lines.parquet", "rejected.jsonl", "manifest.json"],
    }
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
