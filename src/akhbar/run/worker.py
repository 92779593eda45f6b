"""Stage 1 of a run, executed by any worker: read one work unit and refine every record of it.

(``furniture_unit`` is the optional first pass: the hashed lines of each page of a unit, which the
parent counts in input order to learn site furniture before stage 1.)

``run_unit(unit, config) -> UnitResult`` is a pure function of its arguments (plus the input
files), so the local loop, a process pool and Ray tasks all call it and get equal results. The
result is compact to ship between processes: article and line rows as Arrow tables (pickled
out of band), rejections as ready-made JSON lines, and for each main article the few things the
corpus passes need, including its MinHash signature computed here, in parallel, with the
parameters of the parent's ``Deduplicator``.
"""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import resource
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from akhbar.model import (
    ARTICLE_SCHEMA,
    LINE_SCHEMA,
    Article,
    Page,
    Rejection,
    article_row,
    line_rows,
    table_from_rows,
)
from akhbar.pipeline import Pipeline, Settings
from akhbar.run.corpus import story_date
from akhbar.run.units import WorkUnit, read_unit


@dataclass(slots=True)
class UnitConfig:
    """What stage 1 needs to know: page ``settings``; ``corpus_params`` (``CorpusPasses.params()`` of the
    parent: dedup signature parameters and story lead length) or None to skip the corpus keys;
    ``write_lines``: build line rows; ``part_dir``: when set, ``run_unit_saved`` writes each result
    there itself (workers that share the parent's file system) and ships only a receipt."""

    settings: Settings
    corpus_params: dict[str, Any] | None = None
    write_lines: bool = True
    part_dir: str | None = None


@dataclass(slots=True)
class UnitResult:
    """Stage-1 output of one unit.

    ``entries``: one tuple per input record, in input order:
    ``(rejection_json | None, reason | None, record_id, source, n_articles, n_lines, mains)`` where
    ``rejection_json`` is the ``rejected.jsonl`` line (no newline) of a rejected record,
    ``n_articles``/``n_lines`` count its rows in ``articles``/``lines``, and ``mains`` lists
    ``(article index in the page, article id, story date, publisher, CorpusKeys | None)`` for its "main"
    articles (``akhbar.run.corpus.CorpusKeys``: dedup signature, story term counts, entity keys).
    ``articles``: ``ARTICLE_SCHEMA`` rows of accepted pages (corpus columns still empty);
    ``lines``: ``LINE_SCHEMA`` rows of every page (None when lines are not written);
    ``timings``: seconds of the unit's own steps (read, rows, signatures); ``stages``: per page
    stage, ``[pages, rejected, cpu_seconds]`` (``akhbar.pipeline.StageStats``) summed over the unit,
    in pipeline order; ``seconds``: wall time of the unit;
    ``worker``: "host:pid"; ``peak_rss_mb``: the worker's peak resident memory so far (MiB);
    ``cpu_seconds``: the worker process's user + system CPU seconds so far (cumulative);
    ``n_records``: input records of the unit; ``saved``: this is a receipt (no rows): the full
    result is in the part file.
    """

    index: int
    entries: list[tuple[Any, ...]]
    articles: pa.Table | None
    lines: pa.Table | None
    timings: dict[str, float] = field(default_factory=dict)
    stages: dict[str, list[float]] = field(default_factory=dict)
    seconds: float = 0.0
    worker: str = ""
    peak_rss_mb: float = 0.0
    cpu_seconds: float = 0.0
    n_records: int = 0
    saved: bool = False

    @property
    def records(self) -> int:
        return self.n_records

    def receipt(self) -> UnitResult:
        """The same result without its rows (``saved=True``)."""
        return dataclasses.replace(self, entries=[], articles=None, lines=None, saved=True)


def part_path(part_dir: str | Path, index: int) -> Path:
    """Where the result of unit ``index`` is saved: ``part_dir/u-NNNNNN.pkl``."""
    return Path(part_dir) / f"u-{index:06d}.pkl"


#: In a pool worker, ``alive() -> bool`` of the process that owns the pool (set by the pool's
#: initializer, ``executors._init_worker``); None in the driver's own process.
_PARENT_ALIVE: Callable[[], bool] | None = None


def set_parent_check(alive: Callable[[], bool] | None) -> None:
    """Make ``save_part`` check ``alive()`` before it renames a part (see ``_PARENT_ALIVE``)."""
    global _PARENT_ALIVE
    _PARENT_ALIVE = alive


def save_part(r: UnitResult, part_dir: str | Path) -> None:
    """Pickle ``r`` to its part file atomically (temporary name, then ``os.replace``).

    In a pool worker whose parent has died, the part is not renamed into place and the worker
    ends: an orphan never writes into a run that is no longer running (a resume computes the unit)."""
    path = part_path(part_dir, r.index)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        pickle.dump(r, f, protocol=5)
    if _PARENT_ALIVE is not None and not _PARENT_ALIVE():
        tmp.unlink(missing_ok=True)
        os._exit(1)
    os.replace(tmp, path)


def load_part(part_dir: str | Path, index: int) -> UnitResult:
    """Inverse of ``save_part``. Raises ``OSError`` when the part is missing."""
    with open(part_path(part_dir, index), "rb") as f:
        return pickle.load(f)


def run_unit_saved(unit: WorkUnit, config: UnitConfig) -> UnitResult:
    """``run_unit``, then, when ``config.part_dir`` is set, save the result and return its receipt."""
    r = run_unit(unit, config)
    if config.part_dir is None:
        return r
    save_part(r, config.part_dir)
    return r.receipt()


def _lean(sig: Any) -> Any:
    """The signature with a ``LeanMinHash`` (seed + 32-bit values: about 0.5 KiB pickled instead of 3 KiB);
    ``akhbar.corpus.dedup`` already makes them lean, so this is a check that costs nothing."""
    from datasketch import LeanMinHash

    if sig.minhash is None or isinstance(sig.minhash, LeanMinHash):
        return sig

    return dataclasses.replace(sig, minhash=LeanMinHash(sig.minhash))


def _table(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    return table_from_rows(rows, schema)


def run_unit(unit: WorkUnit, config: UnitConfig) -> UnitResult:
    """Read and refine one unit (see module docstring). Never raises on bad input: reader and stage
    failures are rejections."""
    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    pipe = Pipeline(config.settings)
    keys_fn = None
    if config.corpus_params is not None:
        from akhbar.run.corpus import corpus_keys

        params = config.corpus_params

        def keys_fn(a: Article) -> Any:
            k = corpus_keys(a, params)
            return k._replace(sig=_lean(k.sig)) if k.sig is not None else k

    entries: list[tuple[Any, ...]] = []
    arows: list[dict[str, Any]] = []
    lrows: list[dict[str, Any]] = []
    t_read = t_sig = t_rows = 0.0
    it = read_unit(unit)
    while True:
        tr = time.perf_counter()
        item = next(it, None)
        t_read += time.perf_counter() - tr
        if item is None:
            break
        if isinstance(item, Rejection):
            entries.append((json.dumps(item.as_dict(), ensure_ascii=False), item.reason, item.record_id, item.source,
                            0, 0, ()))
            continue
        page: Page = pipe(item)
        tw = time.perf_counter()
        lr = line_rows(page) if (config.write_lines and page.lines) else []
        lrows.extend(lr)
        if page.rejection is not None:
            rj = page.rejection
            entries.append((json.dumps(rj.as_dict(), ensure_ascii=False), rj.reason, page.record_id,
                            page.source, 0, len(lr), ()))
            t_rows += time.perf_counter() - tw
            continue
        arows.extend(article_row(page, a) for a in page.articles)
        t_rows += time.perf_counter() - tw
        ts = time.perf_counter()
        mains: list[tuple[int, str, str | None, str | None, Any]] = []
        for k, a in enumerate(page.articles):
            if a.role == "main":
                mains.append((k, a.id, story_date(a, page), a.publisher, keys_fn(a) if keys_fn is not None else None))
        t_sig += time.perf_counter() - ts
        entries.append((None, None, page.record_id, page.source, len(page.articles), len(lr), tuple(mains)))
    tw = time.perf_counter()
    articles = _table(arows, ARTICLE_SCHEMA)
    lines = _table(lrows, LINE_SCHEMA) if config.write_lines else None
    t_rows += time.perf_counter() - tw
    timings["read"] = timings.get("read", 0.0) + t_read
    timings["signatures"] = timings.get("signatures", 0.0) + t_sig
    timings["rows"] = timings.get("rows", 0.0) + t_rows
    ru = resource.getrusage(resource.RUSAGE_SELF)
    stages = {k: [v.pages, v.rejected, v.cpu_seconds] for k, v in pipe.stats.items()}
    return UnitResult(index=unit.index, entries=entries, articles=articles, lines=lines, timings=timings, stages=stages,
                      seconds=time.perf_counter() - t0, worker=f"{socket.gethostname()}:{os.getpid()}",
                      peak_rss_mb=round(ru.ru_maxrss / 1024, 1),  # ru_maxrss is in KiB on Linux
                      cpu_seconds=round(ru.ru_utime + ru.ru_stime, 3), n_records=len(entries))


@dataclass(slots=True)
class FurnitureResult:
    """First-pass output of one unit: ``pages`` holds one entry per input record, in input order:
    ``(site, fingerprint, line_keys, affix_keys)`` from ``RepeatedLines.page_keys`` for a text page, or
    None (rejected record, HTML page, no countable line). ``seconds``, ``worker``, ``peak_rss_mb`` and
    ``cpu_seconds`` as in ``UnitResult``."""

    index: int
    pages: list[tuple[str, int | None, list[int], list[int]] | None]
    seconds: float = 0.0
    worker: str = ""
    peak_rss_mb: float = 0.0
    cpu_seconds: float = 0.0

    @property
    def records(self) -> int:
        return len(self.pages)


def furniture_unit(unit: WorkUnit, learner: Any) -> FurnitureResult:
    """First pass over one unit: decode, clean and split each text page (render each HTML page) and
    hash its lines with ``learner.page_keys`` (``learner``: an unfrozen
    ``akhbar.corpus.repeated.RepeatedLines`` whose parameters are used; it is not modified); see
    ``akhbar.run.corpus.furniture_lines``. Pure; never raises on bad input (undecodable records give
    None)."""
    from akhbar.run.corpus import furniture_lines

    t0 = time.perf_counter()
    pages: list[tuple[str, int | None, list[int], list[int]] | None] = []
    for it in read_unit(unit):
        got = furniture_lines(it)
        keys = learner.page_keys(got[1]) if got is not None else None
        pages.append(None if keys is None else (got[0], *keys))
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return FurnitureResult(index=unit.index, pages=pages, seconds=time.perf_counter() - t0,
                           worker=f"{socket.gethostname()}:{os.getpid()}", peak_rss_mb=round(ru.ru_maxrss / 1024, 1),
                           cpu_seconds=round(ru.ru_utime + ru.ru_stime, 3))
