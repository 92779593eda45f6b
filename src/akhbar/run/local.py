"""Run refine over input files: plan -> stage 1 (read + per-page stages, any executor) -> stage 2
(corpus passes + writers, in input order) -> manifest.

Outputs in OUTDIR (all UTF-8; see ``akhbar.run.writers`` and ``akhbar.run.manifest``):
- ``articles.parquet``: one row per article (``akhbar.model.ARTICLE_SCHEMA``);
- ``lines.parquet``: one row per page line (``LINE_SCHEMA``): page id, span, label, text;
- ``rejected.jsonl``: one JSON object per rejected input record: id, source, reason, message;
- ``manifest.json``: akhbar version, settings, inputs (path, bytes, sha256), counts by
  outcome (records = records with articles + rejected), seconds per stage, progress of the run
  (work units, shards, pages/s, per-worker pages and peak memory), the list of output files.

With ``shard_size=N`` the three data files are cut every N input records into shards
``articles-00000.parquet``, ``lines-00000.parquet``, ``rejected-00000.jsonl``, ... (shard k holds
records ``[k*N, (k+1)*N)`` in input order) and ``manifest.json`` lists every shard.

How a run goes (see ``docs/scale.md``), driven by ``refine_paths``:

1. **plan**: the inputs are cut into work units by file and record range
   (``akhbar.run.units.plan_units``), or a resume takes those of the interrupted run
   (``akhbar.run.workdir``);
2. **first pass** (``akhbar.run.firstpass``; ``learn_furniture``, on by default; skipped for
   standard input): the workers hash the lines of each text page of each unit, this process
   counts them in input order and freezes the site furniture table, saved as
   ``OUTDIR/.akhbar-work/furniture.pkl`` for a resume;
3. **stage 1**, in parallel: each unit is read and refined by one worker
   (``akhbar.run.worker.run_unit``: per-page stages, article/line rows, and for each main
   article its ``CorpusKeys``: MinHash signature and story term counts from one search
   normalization of the body) on the executor (``akhbar.run.executors.make_executor``): ``local``
   (this process), ``processes`` (a process pool) or ``ray`` (Ray tasks, local instance or
   cluster). Each finished unit is saved atomically (temporary name, then rename) under
   ``OUTDIR/.akhbar-work/parts/``;
4. **stage 2** (``akhbar.run.merge``), in this process, in input order: the corpus passes
   (``akhbar.run.corpus.CorpusPasses``: LSH lookups for duplicates, online story clustering) see
   every main article's keys in input order and fill ``dup_of``, ``near_dup_score``,
   ``dup_cluster_size`` (written by a last rewrite of the articles files, ``fill_cluster_sizes``) and
   ``story_id``; with the ``ray`` executor, duplicates are instead resolved on Ray Data once stage 1
   is done (``akhbar.run.ray_dedup``: no LSH index in this process) and stage 2 reads the results; rows go to the writers, whose files are written under temporary names and
   renamed when complete; then the manifest (``akhbar.run.manifest``, figures from
   ``akhbar.run.progress``); then the search store when asked for (``index``); then the work
   directory is removed.

Output order follows input order, ids are content hashes and stage 2 is one sequential pass, so
the same input gives byte-identical ``articles*.parquet``, ``lines*.parquet`` and
``rejected*.jsonl`` whatever the executor or worker count (``manifest.json`` also records
timings, executor and workers, which vary).

**Resume** (``resume=True``): after a crash or ``kill -9`` at any moment, the next run with the
same inputs and options reuses every saved unit, computes only the missing ones and replays
stage 2 over all of them (it is cheap: no page is refined again), so nothing is lost and
nothing is written twice (a kill while the store is built included: the store is built afresh
from the outputs). Pool workers end when the driver dies and never save a unit after that
(``akhbar.run.executors``); the temporary task folders of killed runs are removed at the start
of the next run. Inputs changed since the first attempt (size or modification time)
or different options make ``resume`` raise ``ValueError`` (see ``akhbar.run.workdir``).
"""

from __future__ import annotations

import resource
import time
from collections import Counter, deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

from akhbar.run.executors import clean_stale_task_dirs, make_executor
from akhbar.run.firstpass import furniture_settings
from akhbar.run.manifest import write_manifest
from akhbar.run.merge import Merger
from akhbar.run.options import OutdirInUse, RunOptions, RunResult
from akhbar.run.progress import RunStats, expected_records
from akhbar.run.testhooks import kill_point
from akhbar.run.workdir import WORK_DIR, WorkDir, fingerprint, resume_or_plan
from akhbar.run.worker import UnitConfig, UnitResult

__all__ = ["STATUS_EVERY", "WORK_DIR", "OutdirInUse", "RunOptions", "RunResult", "refine_paths"]

#: Seconds between two ``status`` reports.
STATUS_EVERY = 2.0


def _check_options(opts: RunOptions) -> None:
    if opts.executor not in ("local", "processes", "ray"):
        raise ValueError(f"unknown executor {opts.executor!r}: use local, processes or ray")
    if opts.shard_size is not None and opts.shard_size < 1:
        raise ValueError("shard_size must be >= 1")


def _prepare_outdir(out: Path) -> None:
    """Create ``out`` and check that it can be written (``OSError`` when not, ``NotADirectoryError``
    when ``out`` is an existing file)."""
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(20, "it is a file, not a directory (give a directory for the outputs)")
    out.mkdir(parents=True, exist_ok=True)
    probe = out / ".akhbar-write-test"
    probe.write_text("ok", encoding="utf-8")
    probe.unlink()


#: SQLite result codes of a failed write (a full disk, a file size limit, an I/O error, a file
#: that cannot be opened or written): the store build raises ``OSError`` for them.
_SQLITE_WRITE_ERRORS = ("SQLITE_FULL", "SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_READONLY")


def _build_index(out: Path) -> None:
    """The SQLite store of ``out`` (``akhbar.store.build_index``), built afresh from this run's
    outputs (an older store there is removed first). A write error (``OSError``, or SQLite's
    full-disk / I/O / cannot-open codes) raises ``OSError`` with no store file left, before the
    work directory is removed, so ``--resume`` builds the store again from the saved units (issue
    18: a full disk exited 0); any other failure goes to ``index-error.txt``."""
    import sqlite3

    from akhbar.run.writers import STORE_FILES

    for n in STORE_FILES:
        (out / n).unlink(missing_ok=True)
    try:
        from akhbar.store import build_index

        build_index(out)
    except (OSError, sqlite3.Error) as e:
        code = getattr(e, "sqlite_errorname", "") or ""
        if not isinstance(e, OSError) and not code.startswith(_SQLITE_WRITE_ERRORS):
            (out / "index-error.txt").write_text(f"{type(e).__name__}: {e}\n", encoding="utf-8")
            return
        for n in STORE_FILES:
            (out / n).unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise
        raise OSError(f"building the search store: {e} ({code})") from e
    except Exception as e:
        (out / "index-error.txt").write_text(f"{type(e).__name__}: {e}\n", encoding="utf-8")


def _ray_dedup(work: WorkDir, units: list, n_records: dict[int, int], opts: RunOptions, corpus: Any) -> None:
    """Resolve the duplicates of every saved unit on Ray Data (``akhbar.run.ray_dedup.dedup_parts``) and
    make ``corpus`` read the results (``DedupResults``). With ``opts.limit``, only the first ``limit``
    records count, as in stage 2. Units reused by a resume are read once here for their record count."""
    import shutil

    from akhbar.run.ray_dedup import DedupResults, dedup_parts

    parts, seen = [], 0
    for u in units:
        if opts.limit is not None and seen >= opts.limit:
            break
        n = n_records.get(u.index)
        if n is None:
            n = work.load(u.index).n_records
        keep = n if opts.limit is None else min(n, opts.limit - seen)
        seen += n
        parts.append((u.index, str(work.part(u.index)), keep))
    out = work.dir / "dedup"
    shutil.rmtree(out, ignore_errors=True)
    dedup_parts(parts, out, corpus.dedup.threshold, partitions=max(2, opts.workers))
    corpus.dedup = DedupResults(out)


def refine_paths(
    inputs: list[str | Path],
    outdir: str | Path,
    options: RunOptions | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    status: Callable[[dict[str, Any]], None] | None = None,
    **kw: Any,
) -> RunResult:
    """Refine every record of ``inputs`` into ``outdir`` (created if missing); see the module docstring.

    ``options`` (or keyword arguments of ``RunOptions``) choose the executor, workers, shards and
    resume. ``progress(records, articles)`` is called after each record computed in this run reaches
    stage 2 (the records of a unit reused by a resume come at once, in the ``status`` after its merge);
    ``status(dict)`` when a phase starts, after each unit of the first pass, after each unit
    reused by a resume is merged and otherwise about every ``STATUS_EVERY`` seconds, with phase
    ("planning", "first_pass", "refining", "writing", "store": ``akhbar.run.progress.PHASES``),
    records, articles, pages_per_second, units_done, units_total, units_resumed, shards_done,
    elapsed_seconds, records_total (input records of the plan, None when the plan cannot know:
    ``expected_records``), records_resumed_total (those of the reused units), records_resumed
    (those merged so far), first_pass_units_done; and at the end (phase "done", after the search
    store) with all of ``manifest.json["progress"]``, which adds executor, workers_requested,
    executor_startup_seconds, units_computed, parent_cpu_seconds (CPU of this process during the
    call), parent_peak_rss_mb and
    ``workers``: per worker ("host:pid") units, records, busy_seconds, pages_per_second,
    peak_rss_mb and cpu_seconds (the process's cumulative user + system CPU; for the local
    executor the worker is this process). Units reused by a resume report their first run's worker.

    An earlier run's outputs in ``outdir`` (store included) are removed first, or, with
    ``overwrite=False`` and no ``resume``, make this raise ``OutdirInUse`` (a ``FileExistsError``)
    before anything is written.

    Raises ``OSError`` when ``outdir`` cannot be created or written; ``ValueError`` for an unknown
    executor, or when ``resume`` finds a work directory of a run with other inputs or options;
    ``RuntimeError`` when the ray executor is asked for and Ray is not installed. Never raises on
    bad input (bad records become rows of ``rejected.jsonl``).
    """
    ru0 = resource.getrusage(resource.RUSAGE_SELF)
    opts = options or RunOptions(**kw)
    status = status or opts.status
    _check_options(opts)
    out = Path(outdir)
    if not opts.overwrite and not opts.resume:
        from akhbar.run.writers import previous_outputs

        found = previous_outputs(out)
        if found:
            raise OutdirInUse(out, found)
    _prepare_outdir(out)
    clean_stale_task_dirs()  # what pools of killed runs left in the temporary folder
    stats = RunStats(t_start=time.perf_counter(), ru0=ru0)

    def phase(name: str, res: RunResult | None = None) -> None:
        stats.phase = name
        if status is not None:
            status(stats.report(res, bool(opts.shard_size)))

    phase("planning")
    from akhbar.sources import expand

    skipped: Counter[str] = Counter()
    files = list(expand(inputs, skipped))
    if opts.resume and "-" in files:
        raise ValueError("resume cannot be used with standard input")

    # plan (or take the plan of the interrupted run)
    fp = fingerprint(files, opts)
    work = WorkDir(out)
    plan = work.load_plan() if opts.resume else None
    t_plan = time.perf_counter()
    cpu_plan = time.process_time()
    units, done = resume_or_plan(work, plan, fp, inputs, opts)
    kill_point("planned")
    stats.t_plan = time.perf_counter() - t_plan
    stats.cpu_plan = time.process_time() - cpu_plan
    stats.units_total = len(units)
    stats.units_resumed = stats.units_done = len(done)
    stats.records_total = expected_records(units, opts.limit)
    stats.records_resumed_total = sum(u.records for u in units if u.index in done)

    from akhbar.run.corpus import CorpusPasses

    corpus = CorpusPasses(dedup=opts.dedup, stories=opts.stories)
    corpus_params = corpus.params() if (corpus.dedup is not None or corpus.stories is not None) else None
    todo = deque(u for u in units if u.index not in done)
    window = max(2, 2 * opts.workers) if opts.executor != "local" else 1
    ahead = 4 * max(1, opts.workers) + 2
    # with Ray, duplicates are resolved on Ray Data once every unit is saved (akhbar.run.ray_dedup):
    # stage 2 waits for that, so stage 1 runs ahead without bound and keeps no result in memory
    distributed = opts.executor == "ray" and corpus.dedup is not None
    if distributed:
        ahead = len(units) + 1
    n_records: dict[int, int] = {}

    # first pass: site furniture (it leaves its executor up for stage 1)
    def first_pass_step(k: int) -> None:
        stats.first_pass_units_done = k
        if status is not None:
            status(stats.report(None, bool(opts.shard_size)))

    stats.phase = "first_pass"
    fpass = furniture_settings(opts, files, work, units, window, ahead, step=first_pass_step)
    executor = fpass.executor
    stats.startup += fpass.startup_seconds
    stats.t_learn = fpass.seconds

    # stage 1 on the executor, stage 2 in input order as the units come back
    cfg = UnitConfig(settings=fpass.settings, corpus_params=corpus_params, write_lines=opts.write_lines,
                     part_dir=None if opts.executor == "local" else str(work.parts))
    from akhbar.run.worker import run_unit, run_unit_saved

    task = run_unit if opts.executor == "local" else run_unit_saved
    if executor is not None and todo:
        s0 = executor.startup_seconds
        executor.switch(task, cfg)
        stats.startup += executor.startup_seconds - s0
    elif executor is None and todo:
        executor = make_executor(opts, task, cfg)
        stats.startup += executor.startup_seconds
    merger = Merger(out, opts, corpus)
    buffer: dict[int, UnitResult | None] = {}
    nxt = 0
    phase("refining", merger.res)
    last_status = time.perf_counter()

    def drain() -> None:
        """Merge the units that are next in input order and at hand (in memory or saved)."""
        nonlocal nxt, last_status
        while nxt < len(units) and not merger.stopped and not distributed:
            tp = time.process_time()
            if nxt in buffer:
                r = buffer.pop(nxt)
                if r is None:
                    r = work.load(nxt)
            elif nxt in done:
                r = work.load(nxt)
                stats.account(r)
            else:
                return
            reused = nxt in done
            # a reused unit's records reach the display with the status below, counted as reused in the
            # same report: per-record progress calls would show them as computed in no time
            merger.add(r, None if reused else progress)
            stats.cpu_merge += time.process_time() - tp
            if reused:
                stats.records_resumed += r.records
            nxt += 1
            kill_point("merge")
            # a reused unit is reported at once, so that a display can keep reused records out of its rate
            if status is not None and (reused or time.perf_counter() - last_status >= STATUS_EVERY):
                last_status = time.perf_counter()
                status(stats.report(merger.res, bool(opts.shard_size)))

    try:
        drain()
        while (todo or (executor is not None and executor.in_flight)) and not merger.stopped:
            assert executor is not None
            while todo and executor.in_flight < window and todo[0].index < nxt + ahead:
                executor.submit(todo.popleft())
            for r in executor.wait():
                tp = time.process_time()
                if not r.saved:
                    work.save(r)
                stats.account(r)
                stats.units_done += 1
                n_records[r.index] = r.n_records
                # receipts and results far ahead of the merge are read back from disk when their turn comes
                buffer[r.index] = r if (not r.saved and r.index < nxt + window and not distributed) else None
                stats.cpu_persist += time.process_time() - tp
                kill_point("stage1")
            drain()
        if distributed and not merger.stopped:
            td = time.process_time()
            _ray_dedup(work, units, n_records, opts, corpus)
            stats.cpu_merge += time.process_time() - td
            distributed = False
        drain()
    finally:
        if executor is not None:
            executor.close()

    # the end: counts and timings, manifest, work directory removed, index
    phase("writing", merger.res)
    res = merger.finish()
    stats.finish(res, opts, merger.t_corpus, merger.t_write)
    write_manifest(out, files, opts, res, skipped=dict(sorted(skipped.items())))
    kill_point("manifest")
    if opts.index:
        phase("store", res)
        t_store = time.perf_counter()
        _build_index(out)
        res.store_seconds = time.perf_counter() - t_store
    # removed last: a run killed while it builds the store resumes from every saved unit
    work.remove()
    if status is not None:
        status({**res.progress, "phase": "done"})
    return res
