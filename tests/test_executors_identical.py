"""Same input, same bytes: local, processes (2 workers) and ray (local instance, 2 workers) write
byte-identical articles/lines/rejected files, single or sharded, and the same rows as a plain
sequential reference (read -> refine_record -> CorpusPasses in input order)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from akhbar.model import Rejection, article_row, line_rows
from akhbar.pipeline import Settings, refine_record
from akhbar.run.corpus import CorpusPasses, learn_furniture
from akhbar.run.local import RunOptions, refine_paths
from akhbar.sources import iter_inputs

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SHARED = Path(__file__).resolve().parents[2] / "shared"


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())
            if p.suffix in (".parquet", ".jsonl") and p.is_file()}


def _reference(inputs, limit=None) -> tuple[list[dict], list[dict], list[dict]]:
    """The run as one loop, in input order (what every executor must reproduce)."""
    import itertools

    corpus = CorpusPasses()
    arts, lines, rej = [], [], []
    # first pass: site furniture learned from the same records (RunOptions.learn_furniture)
    items = iter_inputs(inputs)
    st = Settings(furniture=learn_furniture(itertools.islice(items, limit) if limit is not None else items))
    for n, it in enumerate(iter_inputs(inputs)):
        if limit is not None and n >= limit:
            break
        if isinstance(it, Rejection):
            rej.append(it.as_dict())
            continue
        page = refine_record(it, st)
        if page.rejection is None:
            corpus.process(page)
            arts += [article_row(page, a) for a in page.articles]
        else:
            rej.append(page.rejection.as_dict())
        lines += line_rows(page)
    # dup_cluster_size: the original and its copies, counted over the whole run
    copies = Counter(a["dup_of"] for a in arts if a["role"] == "main" and a["dup_of"])
    for a in arts:
        a["dup_cluster_size"] = 1 + copies.get(a["dup_of"] or a["id"], 0) if a["role"] == "main" else None
    return arts, lines, rej


def _rows(out: Path, stem: str) -> list[dict]:
    files = sorted(out.glob(f"{stem}*.parquet"))
    return [r for f in files for r in pq.read_table(f).to_pylist()]


def _rejected(out: Path) -> list[dict]:
    return [json.loads(x) for f in sorted(out.glob("rejected*.jsonl"))
            for x in f.read_text(encoding="utf-8").splitlines()]


def _close(a: list[dict], b: list[dict]) -> None:
    assert len(a) == len(b)
    for x, y in zip(a, b):
        for k in x:
            if isinstance(x[k], float) and y[k] is not None:
                assert abs(x[k] - y[k]) < 1e-6, k
            elif k == "signals":
                assert [n for n, _ in x[k]] == [n for n, _ in y[k]]
            else:
                assert x[k] == y[k], k


@pytest.fixture(scope="module")
def inputs() -> list[Path]:
    ins = [EXAMPLES]
    d = SHARED / "data"
    if (d / "saudinewsnet").is_dir():
        ins += [d / "antcorpus-jawharafm" / "sample", d / "antcorpus-multisource" / "sample",
                d / "saudinewsnet" / "2015-07-23.zip"]
    return ins


LIMIT = 220  # records: examples + ANT samples + the first SaudiNewsNet records
UNIT = 16  # small units: many of them, out-of-order completion


@pytest.fixture(scope="module")
def local_run(inputs, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("local")
    res = refine_paths(inputs, out, RunOptions(limit=LIMIT, unit_records=UNIT))
    assert res.records == min(LIMIT, res.records) and res.records >= 7
    assert res.progress["units_total"] >= 3
    return out


def test_local_matches_sequential_reference(inputs, local_run):
    arts, lines, rej = _reference(inputs, LIMIT)
    _close(_rows(local_run, "articles"), arts)
    _close(_rows(local_run, "lines"), lines)
    assert _rejected(local_run) == rej
    m = json.loads((local_run / "manifest.json").read_text(encoding="utf-8"))
    assert m["counts"]["records"] == m["counts"]["records_with_articles"] + m["counts"]["rejected"]
    assert not (local_run / ".akhbar-work").exists()


def test_processes_two_workers_byte_identical(inputs, local_run, tmp_path):
    res = refine_paths(inputs, tmp_path, RunOptions(executor="processes", workers=2, limit=LIMIT, unit_records=UNIT))
    assert _files(tmp_path) == _files(local_run)
    assert len(res.progress["workers"]) == 2  # both workers did units
    m = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert m["progress"]["units_done"] == m["progress"]["units_total"]
    assert m["progress"]["pages_per_second"] > 0


def test_worker_count_and_unit_size_do_not_change_bytes(inputs, local_run, tmp_path, monkeypatch):
    import akhbar.run.writers as run_writers

    monkeypatch.setattr(run_writers, "BATCH_ROWS", 50)  # many row groups, cut inside units
    refine_paths(inputs, tmp_path / "b", RunOptions(limit=LIMIT, unit_records=100))
    refine_paths(inputs, tmp_path / "c", RunOptions(executor="processes", workers=3, limit=LIMIT, unit_records=7))
    assert _files(tmp_path / "b") == _files(tmp_path / "c")
    assert len(pq.ParquetFile(tmp_path / "b" / "lines.parquet").metadata.row_group(0).to_dict()["columns"]) == 7
    meta = pq.ParquetFile(tmp_path / "b" / "lines.parquet").metadata
    assert meta.row_group(0).num_rows == min(50, meta.num_rows)  # examples alone make fewer lines
    assert _rows(tmp_path / "b", "articles") == _rows(local_run, "articles")


def test_shards_identical_across_executors_and_equal_to_single_files(inputs, local_run, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    refine_paths(inputs, a, RunOptions(limit=LIMIT, unit_records=UNIT, shard_size=100))
    refine_paths(inputs, b, RunOptions(executor="processes", workers=2, limit=LIMIT, unit_records=UNIT, shard_size=100))
    fa = _files(a)
    assert fa == _files(b)
    m = json.loads((a / "manifest.json").read_text(encoding="utf-8"))
    n = m["counts"]["records"]
    assert len(m["shards"]) == -(-n // 100)
    assert [s["records"] for s in m["shards"]][:-1] == [100] * (len(m["shards"]) - 1)
    listed = {f for s in m["shards"] for f in s["files"]}
    assert listed == set(fa) and set(m["outputs"]) == listed | {"manifest.json", "README.md"}
    # the shards hold exactly the rows of the single-file run, in order
    assert _rows(a, "articles") == _rows(local_run, "articles")
    assert _rows(a, "lines") == _rows(local_run, "lines")
    assert _rejected(a) == _rejected(local_run)


def test_drop_duplicates_same_across_executors(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    ra = refine_paths([EXAMPLES], a, RunOptions(drop_duplicates=True, unit_records=1))
    refine_paths([EXAMPLES], b, RunOptions(executor="processes", workers=2, drop_duplicates=True, unit_records=1))
    assert _files(a) == _files(b)
    assert ra.reasons.get("duplicate", 0) == ra.duplicates >= 1


def test_ray_two_workers_byte_identical(inputs, local_run, tmp_path):
    pytest.importorskip("ray")
    res = refine_paths(inputs, tmp_path, RunOptions(executor="ray", workers=2, limit=LIMIT, unit_records=UNIT))
    assert _files(tmp_path) == _files(local_run)
    assert res.progress["executor"] == "ray" and res.progress["executor_startup_seconds"] > 0
