"""Near-duplicate resolution on Ray Data, so that no driver holds the corpus's signatures.

Used by ``refine_paths`` with ``--executor ray`` (and deduplication on): stage 1 computes every main
article's MinHash signature and LSH band keys in the workers and saves them with its unit; then
``dedup_parts`` runs the steps of ``akhbar.corpus.dedup_dist`` as Ray Data keyed shuffles
(``groupby("bucket").map_groups``): read the parts (in Ray tasks) -> exact hashes -> band keys ->
candidate pairs -> the similarity test -> min-label propagation of roots over the parent edges ->
cluster sizes, and writes one small Parquet file of results per unit (``dedup/u-NNNNNN.parquet``:
``ordinal``, ``dup_of``, ``score``, ``kind``, ``size``, only the articles of clusters of two or more).
Stage 2 then reads them unit by unit in input order (``DedupResults``): the driver holds one unit's
results at a time. The results equal the streaming ``Deduplicator``'s (same ``dup_of``, score and
kind), so outputs are byte-identical to the local run.

Rows travel packed: a map task turns its rows into at most ``nb`` Arrow rows (one per bucket, every
column a list), so a shuffle moves a few rows per block rather than one per article and band (Ray Data's
hash shuffle costs about 6 us a row on two cores). Every packed row has the same schema (``SCHEMA``;
unused columns are empty lists), so datasets of different steps can be united and grouped together
(a reduce-side join). Reads and writes go through the file system: the parts directory and OUTDIR must
be visible to every Ray node (a local instance, or a cluster with shared storage).

Needs ``ray[data]`` (``pip install 'akhbar[ray]'``); this module imports Ray only inside functions.
"""

from __future__ import annotations

import functools
import os
import pickle
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from akhbar.corpus import dedup_dist as dd

#: Bits of a position (``pos``) for the article's ordinal within its unit; the unit index is above.
ORDINAL_BITS = 24
#: Buckets of every shuffle (groups of ``map_groups``).
BUCKETS = 64

_FIELDS: dict[str, pa.DataType] = {
    "pos": pa.int64(), "exact": pa.uint64(), "has_exact": pa.bool_(), "has_mh": pa.bool_(), "hv": pa.uint32(),
    "bands": pa.uint64(), "id": pa.string(), "i": pa.int64(), "j": pa.int64(), "hv_j": pa.uint32(),
    "band": pa.int64(), "key": pa.uint64(), "child": pa.int64(), "parent": pa.int64(), "score": pa.float64(),
    "kind": pa.int8(), "node": pa.int64(), "label": pa.int64(), "dup_of": pa.string(), "size": pa.int64(),
}
#: Schema of a packed row: target ``bucket``, row ``tag``, ``n`` (a count: labels changed), list columns.
SCHEMA = pa.schema([("bucket", pa.int64()), ("tag", pa.int8()), ("n", pa.int64())]
                   + [(k, pa.list_(t)) for k, t in _FIELDS.items()])
_2D = ("hv", "bands", "hv_j")
DOC, IDS, EDGE, INDEXED, BAND, PAIR, FPAIR, LABEL, OFFER, RESULT = range(10)


def pack(tag: int, key: np.ndarray, cols: dd.Cols, nb: int | None = BUCKETS, n: int = 0) -> pa.Table:
    """Packed rows of ``cols`` (numpy columns, 2-D ones flattened row-major): one per bucket of ``key``
    (``bucket_of(key, nb)``; with ``nb=None`` the key itself is the bucket)."""
    rows = len(key)
    if not rows:
        return SCHEMA.empty_table() if not n else _table([0], tag, np.zeros(2, np.int64), {}, [n])
    b = dd.bucket_of(key, nb) if nb else np.asarray(key, np.int64)
    o = np.argsort(b, kind="stable")
    bs = b[o]
    starts = np.flatnonzero(np.r_[True, bs[1:] != bs[:-1]])
    bounds = np.r_[starts, rows]
    ns = [n] + [0] * (len(starts) - 1)
    return _table(bs[starts], tag, bounds, {k: v[o] for k, v in cols.items()}, ns)


def _table(buckets, tag: int, bounds: np.ndarray, cols: dd.Cols, ns: list[int]) -> pa.Table:
    k = len(buckets)
    arrays = [pa.array(np.asarray(buckets, np.int64)), pa.array(np.full(k, tag, np.int8)), pa.array(ns, pa.int64())]
    for name, typ in _FIELDS.items():
        v = cols.get(name)
        if v is None:
            arrays.append(pa.ListArray.from_arrays(pa.array(np.zeros(k + 1, np.int32)), pa.array([], typ)))
            continue
        width = v.shape[1] if v.ndim == 2 else 1
        vals = pa.array(v.reshape(-1), typ) if typ != pa.string() else pa.array(list(v), typ)
        arrays.append(pa.ListArray.from_arrays(pa.array((bounds * width).astype(np.int32)), vals))
    return pa.Table.from_arrays(arrays, schema=SCHEMA)


def unpack(t: pa.Table, tag: int) -> dd.Cols:
    """The numpy columns of the rows of ``t`` with ``tag`` (empty dict when none)."""
    t = t.filter(pc.equal(t["tag"], tag))
    if not t.num_rows:
        return {}
    out: dd.Cols = {}
    for name in _FIELDS:
        v = pc.list_flatten(t[name]).combine_chunks() if t[name].num_chunks else None
        if v is None or not len(v):
            continue
        out[name] = v.to_numpy(zero_copy_only=False)
    if not out:
        return {}
    rows = min(len(v) for k, v in out.items() if k not in _2D)
    for k in _2D:
        if k in out:
            out[k] = out[k].reshape(rows, -1)
    return out


def _edges(c: dd.Cols) -> pa.Table:
    return pack(EDGE, c["parent"], c) if c else SCHEMA.empty_table()


def _exact(t: pa.Table) -> pa.Table:
    r = dd.exact_step(unpack(t, DOC))
    ix = r["indexed"]
    if not ix:
        return _edges(r["edges"])
    rows = dd.band_rows(ix)
    return pa.concat_tables([_edges(r["edges"]), pack(INDEXED, ix["pos"], ix), pack(BAND, rows["key"], rows)])


def _band(t: pa.Table) -> pa.Table:
    p = dd.band_step(unpack(t, BAND))["pairs"]
    return pack(PAIR, p["j"], p) if p else SCHEMA.empty_table()


def _fetch(t: pa.Table) -> pa.Table:
    p = dd.fetch_step(unpack(t, INDEXED), unpack(t, PAIR))["pairs"]
    return pack(FPAIR, p["i"], p) if p else SCHEMA.empty_table()


def _verify(t: pa.Table, threshold: float) -> pa.Table:
    return _edges(dd.verify_step(unpack(t, INDEXED), unpack(t, FPAIR), threshold)["edges"])


def _propagate(t: pa.Table) -> pa.Table:
    o = dd.propagate_step(unpack(t, EDGE), unpack(t, LABEL))["offers"]
    return pack(OFFER, o["child"], o) if o else SCHEMA.empty_table()


def _min(t: pa.Table) -> pa.Table:
    lab, changed = dd.min_step(unpack(t, OFFER), unpack(t, LABEL))
    return pack(LABEL, lab["node"], lab, n=changed) if lab else SCHEMA.empty_table()


def _by_label(t: pa.Table) -> pa.Table:
    lab = unpack(t, LABEL)
    return pack(LABEL, lab["label"], lab) if lab else SCHEMA.empty_table()


def _cluster(t: pa.Table) -> pa.Table:
    r = dd.cluster_step(unpack(t, LABEL), unpack(t, IDS))["results"]
    return pack(RESULT, r["pos"] >> ORDINAL_BITS, r, nb=None) if r else SCHEMA.empty_table()


def _keep(t: pa.Table, tags: tuple[int, ...]) -> pa.Table:
    return t.filter(pc.is_in(t["tag"], pa.array(tags, pa.int8())))


def _only(ds: Any, *tags: int) -> Any:
    """The packed rows of ``ds`` with one of ``tags`` (filtered per Arrow batch, not per Python row)."""
    return ds.map_batches(functools.partial(_keep, tags=tags), batch_format="pyarrow")


def _group(ds: Any, fn: Any, partitions: int) -> Any:
    try:
        grouped = ds.groupby("bucket", num_partitions=partitions)
    except TypeError:  # Ray releases before groupby(num_partitions=...) (tested with Ray 2.60)
        grouped = ds.groupby("bucket")
    return grouped.map_groups(fn, batch_format="pyarrow")


def resolve(source: Any, threshold: float, partitions: int = 4) -> tuple[Any, int]:
    """Run the steps on ``source`` (a Ray Dataset of packed ``DOC`` rows keyed by exact hash and ``IDS``
    rows keyed by position). Returns ``(results, rounds)``: a Ray Dataset of packed ``RESULT`` rows
    whose ``bucket`` is the unit index (``pos >> ORDINAL_BITS``), and the propagation rounds run.
    ``partitions``: shuffle partitions of each step."""
    src = source.materialize()
    docs = _only(src, DOC)
    ids = _only(src, IDS)
    ex = _group(docs, _exact, partitions).materialize()
    bands = _only(ex, BAND)
    indexed = _only(ex, INDEXED)
    pairs = _group(bands, _band, partitions)
    fpairs = _group(indexed.union(pairs), _fetch, partitions)
    near = _group(indexed.union(fpairs), functools.partial(_verify, threshold=threshold), partitions)
    edges = _only(ex, EDGE).union(near).materialize()
    labels = None
    rounds = 0
    while True:
        rounds += 1
        offers = _group(edges if labels is None else edges.union(labels), _propagate, partitions)
        new = _group(offers if labels is None else offers.union(labels), _min, partitions).materialize()
        labels = new
        if not (new.sum("n") or 0):
            break
    by_root = labels.map_batches(_by_label, batch_format="pyarrow")
    return _group(by_root.union(ids), _cluster, partitions), rounds


def _write_unit(t: pa.Table, out_dir: str) -> pa.Table:
    r = unpack(t, RESULT)
    unit = int(t["bucket"][0].as_py())
    o = np.argsort(r["pos"])
    tab = pa.table({"ordinal": pa.array((r["pos"][o] & ((1 << ORDINAL_BITS) - 1)).astype(np.int64)),
                    "dup_of": pa.array(list(r["dup_of"][o]), pa.string()), "score": pa.array(r["score"][o]),
                    "kind": pa.array(r["kind"][o]), "size": pa.array(r["size"][o])})
    path = Path(out_dir) / f"u-{unit:06d}.parquet"
    tmp = path.with_name(path.name + ".tmp")
    pq.write_table(tab, tmp)
    os.replace(tmp, path)
    return pa.table({"unit": [unit], "rows": [tab.num_rows]})


def write_results(results: Any, out_dir: str | Path, partitions: int = 4) -> int:
    """Write each unit's results to ``out_dir/u-NNNNNN.parquet`` (in Ray tasks); returns the rows written."""
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    done = _group(results, functools.partial(_write_unit, out_dir=str(out_dir)), partitions)
    return int(done.sum("rows") or 0)


def _load_part(batch: dict[str, np.ndarray]) -> pa.Table:
    """Packed ``DOC`` and ``IDS`` rows of the parts named in ``batch`` (``unit``, ``path``, ``entries``:
    records of the unit that the run keeps, for ``--limit``)."""
    out = []
    for unit, path, keep in zip(batch["unit"], batch["path"], batch["entries"], strict=True):
        with open(path, "rb") as f:
            r = pickle.load(f)
        sigs, aids = [], []
        for e in r.entries[: int(keep)]:
            for m in e[6]:
                aids.append(m[1])
                sigs.append(m[4].sig if m[4] is not None else None)
        out.append(signature_rows(int(unit) << ORDINAL_BITS, sigs, aids))
    return pa.concat_tables(out)


def signature_rows(pos0: int, sigs: list[Any], aids: list[str]) -> pa.Table:
    """Packed ``DOC`` rows (keyed by exact hash) and ``IDS`` rows (keyed by position) of articles at
    positions ``pos0, pos0 + 1, ...`` with dedup ``Signature``s ``sigs`` (None: not compared) and ids ``aids``."""
    n = len(sigs)
    pos = np.arange(pos0, pos0 + n, dtype=np.int64)
    ids = pack(IDS, pos, {"pos": pos, "id": np.array(aids, dtype=object)})
    use = [k for k, s in enumerate(sigs) if s is not None and s.exact is not None]
    if not use:
        return ids
    mh = next((sigs[k] for k in use if sigs[k].minhash is not None), None)
    width = len(mh.minhash.hashvalues) if mh else 1
    nbands = len(mh.bands) if mh is not None and mh.bands is not None else 1
    hv = np.zeros((len(use), width), np.uint32)
    bands = np.zeros((len(use), nbands), np.uint64)
    has_mh = np.zeros(len(use), bool)
    for r, k in enumerate(use):
        s = sigs[k]
        if s.minhash is not None:
            hv[r], bands[r], has_mh[r] = s.minhash.hashvalues, s.bands, True
    exact = np.array([sigs[k].exact for k in use], np.uint64)
    docs = {"pos": pos[use], "exact": exact, "has_exact": np.ones(len(use), bool), "has_mh": has_mh,
            "hv": hv, "bands": bands}
    return pa.concat_tables([ids, pack(DOC, exact, docs)])


def dedup_parts(parts: list[tuple[int, str, int]], out_dir: str | Path, threshold: float,
                partitions: int = 4) -> dict[str, int]:
    """Resolve the duplicates of the saved units ``parts`` (``(unit index, part path, records kept)``)
    on the running Ray instance and write each unit's results to ``out_dir``. Returns ``rows`` (results
    written) and ``rounds`` (propagation rounds)."""
    import ray.data as rd

    ctx = rd.DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False
    items = [{"unit": u, "path": p, "entries": k} for u, p, k in parts]
    source = rd.from_items(items, override_num_blocks=max(1, min(len(items), 8 * partitions)))
    source = source.map_batches(_load_part, batch_size=1, batch_format="numpy")
    results, rounds = resolve(source, threshold, partitions)
    return {"rows": write_results(results, out_dir, partitions), "rounds": rounds}


class DedupResults:
    """Stage 2's view of ``dedup_parts``'s output, in the shape of ``Deduplicator.check``: call
    ``begin_unit(i)`` before each unit, then ``check(article_id, sig=...)`` for each main article in
    order. Holds one unit's results. ``last_size``: ``dup_cluster_size`` of the last article checked."""

    def __init__(self, out_dir: str | Path) -> None:
        self.dir = Path(out_dir)
        self._rows: dict[int, tuple[str | None, float, int, int]] = {}
        self._k = 0
        self.last_size: int | None = None

    def begin_unit(self, index: int) -> None:
        p = self.dir / f"u-{index:06d}.parquet"
        self._k = 0
        self._rows = {}
        if p.exists():
            t = pq.read_table(p).to_pydict()
            self._rows = {o: (d, s, k, z) for o, d, s, k, z in
                          zip(t["ordinal"], t["dup_of"], t["score"], t["kind"], t["size"], strict=True)}

    def check(self, article_id: str, text: str | None = None, *, sig: Any = None) -> Any:
        from akhbar.corpus.dedup import DupResult

        k = self._k
        self._k += 1
        got = self._rows.get(k)
        if got is None:
            self.last_size = 1
            return DupResult(None, None, None)
        dup, score, kind, size = got
        self.last_size = int(size)
        if dup is None:
            return DupResult(None, None, None)
        return DupResult(dup, float(score), "exact" if kind == dd.KIND_EXACT else "near")
