"""OUTDIR/README.md, the Hugging Face dataset card of every refine output (akhbar.run.card): its
YAML parses, it loads with `datasets` (skipped when absent), it follows the real Parquet schema,
it is the same for any executor, and --overwrite / a user's own README.md are handled."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import akhbar
from akhbar.run.card import MARKER, is_card, loadable_features, size_category
from akhbar.run.options import OutdirInUse
from akhbar.run.writers import previous_outputs
from tests.conftest import EXAMPLES


def _front_matter(card: str) -> dict:
    yaml = pytest.importorskip("yaml")
    assert card.startswith("---\n")
    head, _, _ = card[4:].partition("\n---\n")
    return yaml.safe_load(head)


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("card") / "out"
    akhbar.refine([str(EXAMPLES)], out, index=True)
    return out


def test_card_yaml_and_sections(run: Path) -> None:
    card = (run / "README.md").read_text(encoding="utf-8")
    m = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    assert "README.md" in m["outputs"] and is_card(run / "README.md")
    meta = _front_matter(card)
    assert meta["language"][0] == "ar" and meta["license"] == "other"
    assert meta["size_categories"] == [size_category(m["counts"]["articles"])] == ["n<1K"]
    assert "text-generation" in meta["task_categories"] and meta["pretty_name"]
    cfgs = {c["config_name"]: c for c in meta["configs"]}
    assert cfgs["articles"]["default"] is True
    assert cfgs["articles"]["data_files"] == [{"split": "train", "path": "articles.parquet"}]
    assert cfgs["lines"]["data_files"][0]["path"] == "lines.parquet"
    schema = pq.read_schema(run / "articles.parquet")
    assert "signals" in schema.names and "signals" not in cfgs["articles"]["columns"]
    infos = {i["config_name"]: i["features"] for i in meta["dataset_info"]}
    assert infos["articles"] == loadable_features(schema)[1]
    for name in schema.names + pq.read_schema(run / "lines.parquet").names:  # every real column, described
        assert f"| `{name}` |" in card
    assert "(not described yet)" not in card
    c = m["counts"]
    for reason, n in c["rejected_by_reason"].items():
        assert f"| `{reason}` | {n} |" in card
    assert f"| input records read | {c['records']} |" in card and f"| articles | {c['articles']} |" in card
    assert "- first publication day: 2025-03-02" in card and "undated articles: 1 of 6" in card
    assert f"| exact duplicates (`dup_of` set, same normalized text) | {c['exact_duplicates']} |" in card
    assert f"akhbar {akhbar.__version__}" in card
    assert "| `executor` |" not in card and "| `languages` | `[\"ar\"]` |" in card


def test_card_loads_with_datasets(run: Path) -> None:
    datasets = pytest.importorskip("datasets")
    m = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    arts = datasets.load_dataset(str(run), split="train")
    assert arts.num_rows == m["counts"]["articles"]
    want = [n for n in pq.read_schema(run / "articles.parquet").names if n != "signals"]
    assert arts.column_names == want
    table = pq.read_table(run / "articles.parquet")
    assert arts["title"] == table["title"].to_pylist() and arts["body"] == table["body"].to_pylist()
    lines = datasets.load_dataset(str(run), "lines", split="train")
    assert lines.num_rows == pq.read_metadata(run / "lines.parquet").num_rows
    rej = datasets.load_dataset("json", data_files=str(run / "rejected*.jsonl"), split="train")
    assert rej.num_rows == m["counts"]["rejected"]


def test_card_identical_across_executors_and_shards(run: Path, tmp_path: Path) -> None:
    other = tmp_path / "procs"
    akhbar.refine([str(EXAMPLES)], other, executor="processes", workers=2)
    assert (other / "README.md").read_bytes() == (run / "README.md").read_bytes()
    sharded = tmp_path / "shards"
    akhbar.refine([str(EXAMPLES)], sharded, shard_size=2)
    meta = _front_matter((sharded / "README.md").read_text(encoding="utf-8"))
    cfgs = {c["config_name"]: c for c in meta["configs"]}
    assert cfgs["articles"]["data_files"][0]["path"] == "articles-*.parquet"
    datasets = pytest.importorskip("datasets")
    m = json.loads((sharded / "manifest.json").read_text(encoding="utf-8"))
    assert datasets.load_dataset(str(sharded), split="train").num_rows == m["counts"]["articles"]


def test_overwrite_and_foreign_readme(tmp_path: Path) -> None:
    out = tmp_path / "out"
    akhbar.refine([str(EXAMPLES)], out)
    for p in out.iterdir():  # a card alone still marks the directory as a run's output
        if p.name != "README.md":
            p.unlink()
    assert previous_outputs(out) == ["README.md"]
    with pytest.raises(OutdirInUse):
        akhbar.refine([str(EXAMPLES)], out, overwrite=False)
    akhbar.refine([str(EXAMPLES)], out, overwrite=True, write_lines=False)
    meta = _front_matter((out / "README.md").read_text(encoding="utf-8"))
    assert [c["config_name"] for c in meta["configs"]] == ["articles"]  # no lines file, no lines config
    # a README.md that akhbar did not write is neither a previous output, nor removed, nor replaced
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "README.md").write_text("# my notes\n", encoding="utf-8")
    assert previous_outputs(mine) == []
    akhbar.refine([str(EXAMPLES)], mine, overwrite=False)
    akhbar.refine([str(EXAMPLES)], mine, overwrite=True)
    assert (mine / "README.md").read_text(encoding="utf-8") == "# my notes\n"
    m = json.loads((mine / "manifest.json").read_text(encoding="utf-8"))
    assert "README.md" not in m["outputs"]
    assert MARKER not in (mine / "README.md").read_text(encoding="utf-8")
