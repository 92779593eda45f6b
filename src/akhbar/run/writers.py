"""The data files of a run: names, shards, writers, atomic renames.

Outputs in OUTDIR (all UTF-8):
- ``articles.parquet``: one row per article (``akhbar.model.ARTICLE_SCHEMA``);
- ``lines.parquet``: one row per page line (``LINE_SCHEMA``): page id, span, label, text;
- ``rejected.jsonl``: one JSON object per rejected input record: id, source, reason, message.

With ``shard_size=N`` the three data files are cut every N input records into shards
``articles-00000.parquet``, ``lines-00000.parquet``, ``rejected-00000.jsonl``, ... (shard k holds
records ``[k*N, (k+1)*N)`` in input order); see ``output_names``.

Every file is written under a temporary name (``NAME.tmp``) and renamed when complete, so a crash
never leaves a truncated file under its final name. Parquet row groups hold exactly ``BATCH_ROWS``
rows (the last one shorter), so the bytes do not depend on how the input was cut into work units.
"""

from __future__ import annotations

import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

#: Rows buffered before a Parquet row group is written.
BATCH_ROWS = 2000


def atomic_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via ``path.tmp`` and a rename."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def output_names(k: int, sharded: bool) -> tuple[str, str, str]:
    """Names of the articles, lines and rejected files of shard ``k`` (single files when not ``sharded``)."""
    if sharded:
        return f"articles-{k:05d}.parquet", f"lines-{k:05d}.parquet", f"rejected-{k:05d}.jsonl"
    return "articles.parquet", "lines.parquet", "rejected.jsonl"


#: The search store a run builds in OUTDIR (``akhbar.store.STORE_NAME``) and what SQLite and the
#: index step leave next to it.
STORE_FILES = ("akhbar.sqlite", "akhbar.sqlite.tmp", "akhbar.sqlite-wal", "akhbar.sqlite-shm", "akhbar.sqlite-journal",
               "index-error.txt")


def _is_output(p: Path) -> bool:
    n = p.name
    if n == "README.md":  # the dataset card, never a README that akhbar did not write
        from akhbar.run.card import is_card

        return is_card(p)
    return (n.startswith(("articles", "lines", "rejected")) and n.endswith((".parquet", ".jsonl", ".tmp"))
            or n in ("manifest.json", "manifest.json.tmp", "README.md.tmp") or n in STORE_FILES)


def previous_outputs(out: Path) -> list[str]:
    """Names of what an earlier run left in ``out``: data files, manifest, dataset card (a
    ``README.md`` akhbar wrote), search store, and ``.akhbar-work`` (an interrupted run); empty when
    ``out`` is missing or holds none of them."""
    if not out.is_dir():
        return []
    return sorted(p.name for p in out.iterdir() if (p.is_file() and _is_output(p)) or p.name == ".akhbar-work")


def clean_outputs(out: Path) -> None:
    """Remove the data files, their temporary files, the manifest, the dataset card and the search
    store of an earlier run in ``out``, so that nothing of it can disagree with the new run's outputs
    (a README.md akhbar did not write stays)."""
    for p in out.iterdir():
        if p.is_file() and _is_output(p):
            p.unlink()


class TableWriter:
    """Parquet writer to ``path`` via ``path.tmp``; row groups of exactly ``BATCH_ROWS`` rows (the last
    one shorter), so the file's bytes do not depend on how the input was cut into work units."""

    def __init__(self, path: Path, schema: pa.Schema) -> None:
        self.path = path
        self.tmp = path.with_name(path.name + ".tmp")
        self.schema = schema
        self.buf: list[pa.Table] = []
        self.n = 0
        self.writer = pq.ParquetWriter(str(self.tmp), schema, compression="zstd")

    def add(self, t: pa.Table) -> None:
        if t.num_rows:
            self.buf.append(t)
            self.n += t.num_rows
            if self.n >= BATCH_ROWS:
                self._write(final=False)

    def _write(self, final: bool) -> None:
        t = pa.concat_tables(self.buf)
        k = t.num_rows if final else t.num_rows - t.num_rows % BATCH_ROWS
        for a in range(0, k, BATCH_ROWS):
            self.writer.write_table(t.slice(a, min(BATCH_ROWS, k - a)).combine_chunks())
        rest = t.slice(k)
        self.buf, self.n = ([rest] if rest.num_rows else []), rest.num_rows

    def flush(self) -> None:
        if self.buf:
            self._write(final=True)

    def close(self) -> None:
        self.flush()
        self.writer.close()
        os.replace(self.tmp, self.path)


class LineWriter:
    """Text file written to ``path`` via ``path.tmp``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.tmp = path.with_name(path.name + ".tmp")
        self.f = open(self.tmp, "w", encoding="utf-8")  # noqa: SIM115 - closed in close()

    def write(self, line: str) -> None:
        self.f.write(line + "\n")

    def close(self) -> None:
        self.f.close()
        os.replace(self.tmp, self.path)


def fill_cluster_sizes(path: Path, copies: dict[str, int]) -> None:
    """Rewrite the articles file ``path`` with ``dup_cluster_size`` filled for every main article:
    ``1 + copies[original id]``, the original being ``dup_of`` or the article itself (``copies``: later
    copies of each original, as the streaming deduplicator found them). Other rows keep a null. Row
    groups are rewritten as ``TableWriter`` writes them, so the bytes equal those of a run that knew
    the sizes while it wrote (the Ray deduplication, ``akhbar.run.ray_dedup``)."""
    from akhbar.model import ARTICLE_SCHEMA as schema  # not the file's: its serialized Arrow schema differs

    pf = pq.ParquetFile(str(path))
    col = schema.get_field_index("dup_cluster_size")
    w = TableWriter(path, schema)
    try:
        for g in range(pf.num_row_groups):
            t = pf.read_row_group(g).cast(schema)
            ids, dups, roles = (t.column(c).to_pylist() for c in ("id", "dup_of", "role"))
            sizes = [None if r != "main" else 1 + copies.get(d or i, 0) for i, d, r in zip(ids, dups, roles)]
            w.add(t.set_column(col, schema.field(col), pa.array(sizes, pa.int32())))
    except BaseException:
        w.writer.close()
        w.tmp.unlink(missing_ok=True)
        raise
    w.close()
