"""A hostile input directory never aborts a run and loses nothing (issue 18).

Corrupt zip members (deflate streams that do not inflate), JSON Lines members inside a zip,
lone surrogates in JSON text, 100,000-deep JSON nesting, a named pipe, a tarball of plain pages
(with hidden, README and binary members), UTF-16 with a BOM, a Parquet file without a page
column and NUL characters in JSON text, mixed with the good
pages of ``examples/``: ``akhbar.refine`` finishes, the manifest's counts add up to the records
present, and each hostile record ends as exactly one rejection with a sensible reason.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tarfile
import threading
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

import akhbar

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
DEEP = b"[" * 100_000 + b"]" * 100_000


def _records() -> list[dict]:
    return [json.loads(x) for x in (EXAMPLES / "03_records.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]


def _zip_with_corrupt_member(path: Path, members: dict[str, bytes], corrupt: str) -> None:
    """A zip of deflated ``members`` whose member ``corrupt`` has a deflate stream that does not
    inflate (first byte 0xFF: a block of the reserved type 3) while its header stays valid."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(corrupt)
    raw = bytearray(path.read_bytes())
    name_len = int.from_bytes(raw[info.header_offset + 26 : info.header_offset + 28], "little")
    extra_len = int.from_bytes(raw[info.header_offset + 28 : info.header_offset + 30], "little")
    start = info.header_offset + 30 + name_len + extra_len
    raw[start : start + info.compress_size] = b"\xff" * info.compress_size
    path.write_bytes(bytes(raw))


def _tar(path: Path, members: dict[str, bytes]) -> None:
    with tarfile.open(path, "w:gz") as tf:
        for name, data in members.items():
            ti = tarfile.TarInfo(name)
            ti.size = len(data)
            tf.addfile(ti, io.BytesIO(data))


def _hostile_dir(root: Path) -> tuple[Path, int]:
    """The input directory and the number of input records it holds."""
    recs = _records()
    assert len(recs) >= 4
    inp = root / "in"
    inp.mkdir()
    n = 0
    for f in ("01_crawler_page.txt", "02_wire_story.txt", "03_records.jsonl", "04_page.html"):
        shutil.copy(EXAMPLES / f, inp / f)
    n += 3 + len(recs)
    # zip of JSON arrays with a member that does not inflate, between two good members
    def arr(rs: list[dict]) -> bytes:
        return json.dumps(rs, ensure_ascii=False).encode("utf-8")

    _zip_with_corrupt_member(inp / "arrays.zip", {"a.json": arr(recs[:2]), "b.json": arr(recs[2:3]),
                                                  "c.json": arr(recs[3:4]), "d.json": DEEP}, "b.json")
    n += 2 + 1 + 1 + 1
    # zip of JSON Lines members: the corrupt one must not hide the members after it
    def lines(rs: list[dict]) -> bytes:
        return b"".join(json.dumps(r, ensure_ascii=False).encode("utf-8") + b"\n" for r in rs)

    _zip_with_corrupt_member(inp / "lines.zip", {"m1.jsonl": lines(recs[:2]), "m2.jsonl": lines(recs[2:3]),
                                                 "m3.jsonl": lines(recs[1:4])}, "m2.jsonl")
    n += 2 + 1 + 3
    # lone surrogates in JSON text (valid JSON: "\ud800" escapes)
    sur = dict(recs[0], id="sur-1", title=recs[0]["title"] + "\udc00")
    sur["text"] = recs[0]["text"].replace("\n", " \ud800\n", 1)
    body = json.dumps(sur, ensure_ascii=True).encode("ascii")
    assert b"\\ud800" in body
    (inp / "surrogates.jsonl").write_bytes(body + b"\n")
    n += 1
    # 100,000-deep nesting between two good lines
    (inp / "deep.jsonl").write_bytes(lines(recs[:1]) + DEEP + b"\n" + lines(recs[1:2]))
    n += 3
    (inp / "deep.json").write_bytes(DEEP)
    n += 1
    # a tarball of plain pages (not ANT files): each member a record, none lost silently
    _tar(inp / "pages.tar.gz", {"site/a.txt": (EXAMPLES / "01_crawler_page.txt").read_bytes(),
                                "site/b.html": (EXAMPLES / "04_page.html").read_bytes(),
                                "site/c.jsonl": lines(recs[:2]), "site/empty.txt": b"  \n",
                                "site/logo.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
                                "site/README.md": b"# about", "site/._a.txt": b"\x00\x05\x16\x07",
                                ".git/HEAD": b"ref: refs/heads/main\n"})
    n += 1 + 1 + 2 + 1 + 1
    # UTF-16 with a BOM (its NUL bytes are not binary)
    (inp / "utf16.txt").write_bytes((EXAMPLES / "02_wire_story.txt").read_text(encoding="utf-8").encode("utf-16"))
    n += 1
    # a Parquet file without a page column: one rejection per row
    pq.write_table(pa.table({"id": ["p1", "p2", "p3"], "views": [1, 2, 3]}), inp / "nopage.parquet")
    n += 3
    # NUL characters in a JSON record's title and text
    nul = dict(recs[0], id="nul-1", title="\x00" + recs[0]["title"] + "\x00\x07")
    nul["text"] = recs[0]["text"].replace(" ", "\x00 ", 3)
    (inp / "nul.jsonl").write_text(json.dumps(nul, ensure_ascii=False) + "\n", encoding="utf-8")
    n += 1
    # a named pipe: nothing will ever write to it
    if hasattr(os, "mkfifo"):
        os.mkfifo(inp / "pipe.txt")
        n += 1
    return inp, n


def _unblock_later(fifo: Path, seconds: float) -> threading.Timer:
    """Should a reader block on ``fifo`` (the bug), open it for writing after ``seconds`` so the
    reader sees end of file and the test fails instead of hanging."""

    def poke() -> None:
        try:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass  # no reader: nothing is blocked

    t = threading.Timer(seconds, poke)
    t.daemon = True
    t.start()
    return t


def test_hostile_directory_refines_and_accounts_for_every_record(tmp_path):
    inp, n_records = _hostile_dir(tmp_path)
    out = tmp_path / "out"
    timer = _unblock_later(inp / "pipe.txt", 30) if (inp / "pipe.txt").exists() else None
    try:
        akhbar.refine([inp], out)
    finally:
        if timer is not None:
            timer.cancel()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    c = manifest["counts"]
    rejected = [json.loads(x) for x in (out / "rejected.jsonl").read_text(encoding="utf-8").splitlines()]
    arts = pq.read_table(out / "articles.parquet").to_pylist()
    assert c["records"] == c["records_with_articles"] + c["rejected"] == n_records
    assert c["rejected"] == len(rejected)
    by_source = {}
    for r in rejected:
        by_source.setdefault(r["source"], []).append(r)

    def reasons(suffix: str) -> list[str]:
        return [r["reason"] for s, rs in by_source.items() if s.endswith(suffix) for r in rs]

    assert reasons("arrays.zip!b.json") == ["read_error"]
    assert reasons("lines.zip!m2.jsonl") == ["read_error"]
    assert reasons("arrays.zip!d.json") == ["bad_record"]
    assert reasons("deep.jsonl:2") == ["bad_record"]
    assert reasons("deep.json") == ["bad_record"]
    assert reasons("pages.tar.gz!site/empty.txt") == ["empty"]
    assert reasons("pages.tar.gz!site/logo.png") == ["binary"]
    assert reasons("nopage.parquet[0]") == reasons("nopage.parquet[2]") == ["bad_record"]
    assert [r["id"] for r in rejected if "nopage.parquet" in r["source"]] == ["p1", "p2", "p3"]
    assert not reasons("utf16.txt")
    for a in arts:  # no control character reaches any output field
        assert not any(c in str(v) for v in a.values() for c in "\x00\x07"), a["source"]
    if hasattr(os, "mkfifo"):
        (pipe,) = by_source[str(inp / "pipe.txt")]
        assert pipe["reason"] == "read_error" and "not a regular file" in pipe["message"]
    # the good members around the corrupt ones were all read
    sources = {a["source"] for a in arts} | {r["source"] for r in rejected}
    for member in ("arrays.zip!a.json[0]", "arrays.zip!a.json[1]", "arrays.zip!c.json[0]", "lines.zip!m1.jsonl:2",
                   "lines.zip!m3.jsonl:1", "lines.zip!m3.jsonl:3", "deep.jsonl:1", "deep.jsonl:3",
                   "pages.tar.gz!site/a.txt", "pages.tar.gz!site/b.html", "pages.tar.gz!site/c.jsonl:2",
                   "utf16.txt", "nul.jsonl:1"):
        assert any(s.endswith(member) for s in sources), member
    # lone surrogates were read as U+FFFD: the record is an article (or a rejection), never lost
    sur = [a for a in arts if a["source"].endswith("surrogates.jsonl:1")]
    assert sur or reasons("surrogates.jsonl:1")
    for a in sur:
        assert "\ufffd" in a["body"] or "\ufffd" in (a["title"] or "")
    for r in rejected:
        assert r["message"] and "\n" not in r["message"]


def test_pretty_printed_json_is_read_as_one_document(tmp_path):
    """Issue 17: a .json file holding one pretty-printed document gave one "bad_record" per line."""
    from akhbar.model import RawRecord, Rejection
    from akhbar.run.units import plan_units, read_unit
    from akhbar.sources import iter_inputs, sniff

    recs = _records()
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "a_object.json").write_text(json.dumps(recs[0], ensure_ascii=False, indent=2), encoding="utf-8")
    (inp / "b_array.json").write_text(json.dumps(recs[:2], ensure_ascii=False, indent=2), encoding="utf-8")
    (inp / "c_sidecar.json").write_text(json.dumps({"crawl": {"site": "x", "pages": [1, 2, 3]}}, indent=4))
    (inp / "d_lines.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs[:2]), encoding="utf-8")
    (inp / "e_broken_first.jsonl").write_text('{"id": "x", "text": "\n' + json.dumps(recs[2], ensure_ascii=False) + "\n",
                                              encoding="utf-8")
    (inp / "f_one_line.json").write_text(json.dumps(recs[3], ensure_ascii=False), encoding="utf-8")
    kinds = {p.name: sniff(p) for p in sorted(inp.iterdir())}
    assert kinds == {"a_object.json": "json", "b_array.json": "json", "c_sidecar.json": "json",
                     "d_lines.jsonl": "jsonl", "e_broken_first.jsonl": "jsonl", "f_one_line.json": "jsonl"}
    items = list(iter_inputs([inp]))
    by_file: dict[str, list] = {}
    for it in items:
        by_file.setdefault(Path(it.source.split(":")[0].split("[")[0]).name, []).append(it)
    assert [r.id for r in by_file["a_object.json"]] == [recs[0]["id"]]
    assert [r.id for r in by_file["b_array.json"]] == [recs[0]["id"], recs[1]["id"]]
    assert all(isinstance(r, RawRecord) for f in ("a_object.json", "b_array.json") for r in by_file[f])
    (side,) = by_file["c_sidecar.json"]
    assert isinstance(side, Rejection) and side.reason == "bad_record"
    assert [type(r).__name__ for r in by_file["d_lines.jsonl"]] == ["RawRecord", "RawRecord"]
    assert [type(r).__name__ for r in by_file["e_broken_first.jsonl"]] == ["Rejection", "RawRecord"]
    # the work units of a run read exactly the same records
    planned = [it for u in plan_units([inp]) for it in read_unit(u)]
    assert [(type(it), it.source) for it in planned] == [(type(it), it.source) for it in items]


def test_lone_surrogates_in_json_become_replacement_characters():
    from akhbar.sources.jsonfmt import iter_jsonl_lines

    line = b'{"id": "s\\ud800", "text": "\\u0646\\u0635 \\udfff", "title": "t\\ud83d", "metadata": {"source": "u\\udc00"}}'
    (rec,) = iter_jsonl_lines([line], "x.jsonl")
    assert (rec.id, rec.content, rec.meta["title"], rec.url) == ("s\ufffd", "نص \ufffd", "t\ufffd", "u\ufffd")
    deep = b"[" * 100_000 + b"]" * 100_000
    (rej,) = iter_jsonl_lines([deep], "x.jsonl")
    assert rej.reason == "bad_record" and "nested too deeply" in rej.message


def test_hidden_and_editor_files_are_skipped_and_counted(tmp_path):
    """``.DS_Store``, ``.git/``, AppleDouble ``._foo`` and editor leftovers in an input directory
    are not read as pages; the manifest counts them by reason (issue 18)."""
    inp = tmp_path / "in"
    (inp / "sub").mkdir(parents=True)
    shutil.copy(EXAMPLES / "01_crawler_page.txt", inp / "page.txt")
    shutil.copy(EXAMPLES / "02_wire_story.txt", inp / "sub" / "wire.txt")
    page = (EXAMPLES / "01_crawler_page.txt").read_bytes()
    (inp / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1" + bytes(range(256)))
    (inp / "sub" / "._wire.txt").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ")
    (inp / ".page.txt.swp").write_bytes(b"b0VIM 9.0" + bytes(64))
    (inp / "page.txt~").write_bytes(page)
    (inp / "#page.txt#").write_bytes(page)
    (inp / ".git" / "objects").mkdir(parents=True)
    (inp / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (inp / ".git" / "objects" / "ab").write_bytes(page)
    (inp / "README.md").write_text("# about these pages\n")
    out = tmp_path / "out"
    akhbar.refine([inp], out)
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    c = m["counts"]
    assert c["records"] == 2 and c["rejected"] == 0
    assert c["skipped_files_by_reason"] == {"appledouble": 1, "documentation": 1, "editor_file": 3,
                                            "hidden_directory": 1, "hidden_file": 1}
    assert c["skipped_files"] == 7
    assert sorted(Path(e["path"]).name for e in m["inputs"]) == ["page.txt", "wire.txt"]
    # a hidden file named on the command line is read: the user asked for it
    akhbar.refine([inp / "page.txt~"], tmp_path / "out2")
    c2 = json.loads((tmp_path / "out2" / "manifest.json").read_text(encoding="utf-8"))["counts"]
    assert c2["records"] == 1 and c2["skipped_files"] == 0


def test_an_earlier_output_inside_the_input_folder_is_not_read_back(tmp_path):
    """``refine in -o in/out`` then ``refine in -o other``: in/out (an akhbar output) is skipped
    and counted as "akhbar_output", not refined into articles made of its Parquet rows."""
    inp = tmp_path / "in"
    inp.mkdir()
    shutil.copy(EXAMPLES / "01_crawler_page.txt", inp / "page.txt")
    akhbar.refine([inp], inp / "out")
    akhbar.refine([inp], tmp_path / "other")
    m = json.loads((tmp_path / "other" / "manifest.json").read_text(encoding="utf-8"))
    assert m["counts"]["records"] == 1 and m["counts"]["rejected"] == 0
    assert m["counts"]["skipped_files_by_reason"] == {"akhbar_output": 1}
    assert [Path(e["path"]).name for e in m["inputs"]] == ["page.txt"]


def test_hostile_directory_through_the_cli_with_a_pool(tmp_path):
    """The same directory through ``akhbar refine`` with two worker processes: exit 0, no
    traceback, and the manifest's records equal the records present."""
    from typer.testing import CliRunner

    from akhbar.cli import app

    inp, n_records = _hostile_dir(tmp_path)
    out = tmp_path / "out"
    timer = _unblock_later(inp / "pipe.txt", 30) if (inp / "pipe.txt").exists() else None
    try:
        r = CliRunner().invoke(app, ["refine", str(inp), "-o", str(out), "--executor", "processes", "--workers", "2"])
    finally:
        if timer is not None:
            timer.cancel()
    assert r.exit_code == 0, (r.output[-2000:], r.exception)
    assert "Traceback" not in r.output
    c = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["counts"]
    assert c["records"] == c["records_with_articles"] + c["rejected"] == n_records
    assert (out / "akhbar.sqlite").is_file() and not (out / "index-error.txt").exists()
