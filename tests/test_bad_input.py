"""Bad input never crashes a run and never disappears: each record ends as articles or one rejection."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from akhbar.run.local import refine_paths


def _run(tmp_path: Path, files: dict[str, bytes]) -> tuple[dict, list[dict], list[dict]]:
    inp = tmp_path / "in"
    inp.mkdir()
    for name, data in files.items():
        (inp / name).write_bytes(data)
    out = tmp_path / "out"
    refine_paths([inp], out)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    rejected = [json.loads(x) for x in (out / "rejected.jsonl").read_text(encoding="utf-8").splitlines()]
    arts = pq.read_table(out / "articles.parquet").to_pylist()
    c = manifest["counts"]
    assert c["records"] == c["records_with_articles"] + c["rejected"]
    assert c["rejected"] == len(rejected)
    return manifest, rejected, arts


ARTICLE = (
    "أعلنت وزارة الصحة اليوم عن حملة وطنية للتطعيم ضد الحصبة تستهدف الأطفال دون سن الخامسة في جميع المحافظات، "
    "وتستمر الحملة أسبوعين بمشاركة مئات الفرق الطبية.\n"
    "وقال المتحدث باسم الوزارة إن اللقاحات متوفرة مجانا في المراكز الصحية، داعيا الأهالي إلى التعاون مع الفرق الزائرة."
)


@pytest.mark.parametrize(
    "name,data,reason",
    [
        ("empty.txt", b"", "empty"),
        ("spaces.txt", b"   \n\n\t  \n", "empty"),
        ("binary.txt", bytes(range(256)) * 40, "binary"),
        ("english.txt", b"The ministry announced a new vaccination campaign today across all provinces. " * 5, "not_arabic"),
    ],
)
def test_single_bad_file(tmp_path, name, data, reason):
    _, rejected, arts = _run(tmp_path, {name: data})
    assert not arts
    assert [r["reason"] for r in rejected] == [reason]
    assert rejected[0]["id"] and rejected[0]["message"] and "\n" not in rejected[0]["message"]


def test_invalid_utf8_is_decoded_best_effort(tmp_path):
    more = "\nوأضاف أن الحملة ستشمل المدارس ورياض الأطفال في المدن والقرى، وأن فرقا متنقلة ستزور المناطق النائية."
    data = ARTICLE.encode("utf-8") + b"\xff\xfe\xfa" + more.encode("utf-8")
    _, rejected, arts = _run(tmp_path, {"bad.txt": data})
    assert len(arts) + len(rejected) >= 1
    assert arts, rejected


def test_windows_1256_page(tmp_path):
    _, rejected, arts = _run(tmp_path, {"cp1256.txt": ARTICLE.encode("cp1256")})
    assert arts and not rejected
    assert "وزارة الصحة" in " ".join(arts[0]["body"])


def test_ten_megabyte_single_line(tmp_path):
    line = ("كلمة " * 2_100_000).encode("utf-8")  # ~ 21 MB? keep it at ~10 MB below
    line = line[: 10 * 1024 * 1024]
    manifest, rejected, arts = _run(tmp_path, {"huge.txt": line})
    assert manifest["counts"]["records"] == 1
    assert len(arts) + len(rejected) == 1


def test_truncated_gzip_jsonl(tmp_path):
    recs = "".join(json.dumps({"id": f"r{i}", "text": ARTICLE}, ensure_ascii=False) + "\n" for i in range(50))
    gz = gzip.compress(recs.encode("utf-8"))
    manifest, rejected, _ = _run(tmp_path, {"dump.jsonl.gz": gz[: len(gz) // 2]})
    assert any(r["reason"] == "read_error" for r in rejected)
    assert manifest["counts"]["records"] >= 1


def test_json_with_wrong_fields(tmp_path):
    lines = [
        json.dumps({"id": "a", "text": ARTICLE}, ensure_ascii=False),
        json.dumps({"id": "b", "headline": "بلا نص"}, ensure_ascii=False),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "c", "text": 42}),
    ]
    _, rejected, arts = _run(tmp_path, {"mixed.jsonl": ("\n".join(lines) + "\n").encode("utf-8")})
    assert len(arts) == 1
    assert sorted(r["reason"] for r in rejected) == ["bad_record"] * 4
    assert {r["id"] for r in rejected} >= {"b"}


def test_unwritable_outdir_raises(tmp_path):
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(OSError):
        refine_paths([tmp_path], f / "sub")
