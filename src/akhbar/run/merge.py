"""Stage 2 of a run, in the driver's process and in input order: the corpus passes, then the writers.

Unit results are taken in input order (``akhbar.run.local.refine_paths`` reorders them). The
corpus passes (``akhbar.run.corpus.CorpusPasses``: LSH lookups for duplicates, online story
clustering) see every main article's keys (``CorpusKeys``, computed in stage 1) in input order
and fill ``dup_of``, ``near_dup_score`` and ``story_id``; with ``drop_duplicates`` a record whose
main articles are all exact duplicates becomes a ``duplicate`` rejection. Rows then go to the
writers (``akhbar.run.writers``), a new shard every ``shard_size`` records.

Because this is one sequential pass over content-hashed rows in input order, the same input gives
byte-identical data files whatever the executor, worker count or work-unit size.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa

from akhbar.model import ARTICLE_SCHEMA, LINE_SCHEMA
from akhbar.run.options import RunOptions, RunResult
from akhbar.run.worker import UnitResult
from akhbar.run.writers import LineWriter, TableWriter, output_names

_COL_DUP = ARTICLE_SCHEMA.get_field_index("dup_of")
_COL_NEAR = ARTICLE_SCHEMA.get_field_index("near_dup_score")
_COL_STORY = ARTICLE_SCHEMA.get_field_index("story_id")
_COL_SIZE = ARTICLE_SCHEMA.get_field_index("dup_cluster_size")


class Merger:
    """Stage 2: feeds unit results, in unit order, through the corpus passes into the writers."""

    def __init__(self, out: Path, opts: RunOptions, corpus: Any) -> None:
        self.out = out
        self.opts = opts
        self.corpus = corpus
        self.res = RunResult(outdir=out)
        self.reasons: Counter[str] = Counter()
        self.roles: Counter[str] = Counter()
        self.shard = -1
        self.shard_records = 0
        self.shard_counts: dict[str, int] = {}
        self.aw: TableWriter | None = None
        self.lw: TableWriter | None = None
        self.rw: LineWriter | None = None
        self.t_corpus = 0.0
        self.t_write = 0.0
        self.stopped = False
        #: copies seen per original id (``dup_cluster_size`` of a streaming run, filled in by ``finish``)
        self.copies: Counter[str] = Counter()

    # files
    def _names(self, k: int) -> tuple[str, str, str]:
        return output_names(k, bool(self.opts.shard_size))

    def _open(self) -> None:
        self.shard += 1
        a, ln, r = self._names(self.shard)
        self.aw = TableWriter(self.out / a, ARTICLE_SCHEMA)
        self.lw = TableWriter(self.out / ln, LINE_SCHEMA) if self.opts.write_lines else None
        self.rw = LineWriter(self.out / r)
        self.shard_records = 0
        self.shard_counts = {"records": 0, "articles": 0, "rejected": 0}

    def _close(self) -> None:
        assert self.aw is not None and self.rw is not None
        self.aw.close()
        if self.lw is not None:
            self.lw.close()
        self.rw.close()
        a, ln, r = self._names(self.shard)
        files = [a] + ([ln] if self.lw is not None else []) + [r]
        self.res.outputs.extend(files)
        if self.opts.shard_size:
            self.res.shards.append({"shard": self.shard, **self.shard_counts, "files": files})
        self.aw = self.lw = self.rw = None

    def finish(self) -> RunResult:
        if self.aw is None and (self.shard < 0):
            self._open()
        if self.aw is not None:
            self._close()
        dedup = getattr(self.corpus, "dedup", None)
        if dedup is not None and not hasattr(dedup, "last_size"):
            from akhbar.run.writers import fill_cluster_sizes

            for name in self.res.outputs:
                if name.startswith("articles"):
                    fill_cluster_sizes(self.out / name, self.copies)
        self.res.reasons = dict(sorted(self.reasons.items()))
        self.res.roles = dict(sorted(self.roles.items()))
        if hasattr(self.corpus, "dup_counts"):
            self.res.duplicates, self.res.near_duplicates = self.corpus.dup_counts()
        return self.res

    # rows
    @staticmethod
    def _emit(r: UnitResult, writer: TableWriter | None, lw: TableWriter | None, art_rows: list[int],
              cols: tuple[list, list, list, list], line_range: tuple[int, int]) -> None:
        if writer is not None and art_rows:
            t = r.articles
            t = t.set_column(_COL_DUP, ARTICLE_SCHEMA.field(_COL_DUP), pa.array(cols[0], pa.string()))
            t = t.set_column(_COL_NEAR, ARTICLE_SCHEMA.field(_COL_NEAR), pa.array(cols[1], pa.float32()))
            t = t.set_column(_COL_STORY, ARTICLE_SCHEMA.field(_COL_STORY), pa.array(cols[2], pa.string()))
            t = t.set_column(_COL_SIZE, ARTICLE_SCHEMA.field(_COL_SIZE), pa.array(cols[3], pa.int32()))
            writer.add(t.take(pa.array(art_rows, pa.int64())))
        a, b = line_range
        if lw is not None and r.lines is not None and b > a:
            lw.add(r.lines.slice(a, b - a))

    def add(self, r: UnitResult, progress: Callable[[int, int], None] | None) -> None:
        """Merge one unit result (the next in input order)."""
        opts = self.opts
        n = r.articles.num_rows
        cols: tuple[list, list, list, list] = ([None] * n, [None] * n, [None] * n, [None] * n)
        dedup = getattr(self.corpus, "dedup", None)
        sized = hasattr(dedup, "last_size")
        if hasattr(dedup, "begin_unit"):
            dedup.begin_unit(r.index)
        roles = r.articles.column("role").to_pylist()
        art_rows: list[int] = []
        art_off = 0
        line_start = line_off = 0
        tw = time.perf_counter()
        tc_sum = 0.0
        for rej, reason, rid, src, na, nl, mains in r.entries:
            if opts.limit is not None and self.res.records >= opts.limit:
                self.stopped = True
                break
            if self.aw is None or (opts.shard_size and self.shard_records >= opts.shard_size):
                if self.aw is not None:
                    self._emit(r, self.aw, self.lw, art_rows, cols, (line_start, line_off))
                    art_rows, line_start = [], line_off
                    self._close()
                self._open()
            assert self.rw is not None
            self.res.records += 1
            self.shard_records += 1
            self.shard_counts["records"] += 1
            if rej is None and mains:
                tc = time.perf_counter()
                for k, aid, published, publisher, keys in mains:
                    row = art_off + k
                    cols[0][row], cols[1][row], cols[2][row] = self.corpus.process_article(aid, published, publisher,
                                                                                           keys)
                    if sized:
                        cols[3][row] = dedup.last_size
                    elif dedup is not None and cols[0][row] is not None:
                        self.copies[cols[0][row]] += 1
                tc_sum += time.perf_counter() - tc
                if opts.drop_duplicates and na and len(mains) == na and all(cols[0][art_off + m[0]] for m in mains):
                    first = cols[0][art_off + mains[0][0]]
                    rej = json.dumps({"id": rid, "source": src, "reason": "duplicate",
                                      "message": f"duplicate of article {first}"}, ensure_ascii=False)
                    reason = "duplicate"
            if rej is not None:
                self.rw.write(rej)
                self.reasons[reason] += 1
                self.res.rejected += 1
                self.shard_counts["rejected"] += 1
            else:
                self.res.pages_with_articles += 1
                art_rows.extend(range(art_off, art_off + na))
                self.res.articles += na
                self.shard_counts["articles"] += na
                for k in range(art_off, art_off + na):
                    self.roles[roles[k]] += 1
            art_off += na
            line_off += nl
            if progress is not None:
                progress(self.res.records, self.res.articles)
        self._emit(r, self.aw, self.lw, art_rows, cols, (line_start, line_off))
        self.t_corpus += tc_sum
        self.t_write += time.perf_counter() - tw - tc_sum
