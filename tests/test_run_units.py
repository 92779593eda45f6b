"""Work units: reading every unit of a plan, in order, gives exactly ``iter_inputs`` (ids, sources, contents)."""

from __future__ import annotations

import gzip
import json
import zipfile
from pathlib import Path

import pytest

from akhbar.model import RawRecord
from akhbar.run.units import WorkUnit, plan_units, read_unit
from akhbar.sources import iter_inputs

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TEXT = "أعلنت وزارة الصحة اليوم عن حملة وطنية للتطعيم ضد الحصبة في جميع المحافظات."


def _via_units(inputs, **kw) -> tuple[list, list[WorkUnit]]:
    units = plan_units(inputs, **kw)
    assert [u.index for u in units] == list(range(len(units)))
    return [it for u in units for it in read_unit(u)], units


@pytest.mark.parametrize("n", [1, 2, 3, 1000])
def test_examples_any_unit_size(n):
    got, _ = _via_units([EXAMPLES], unit_records=n)
    assert got == list(iter_inputs([EXAMPLES]))


def test_jsonl_ranges_keep_line_numbers(tmp_path):
    lines = []
    for i in range(23):
        if i % 7 == 3:
            lines.append("")  # blank lines count in line numbers but give no record
        elif i % 5 == 4:
            lines.append("{not json")
        else:
            lines.append(json.dumps({"text": f"{TEXT} {i}", "url": f"https://x.test/{i}"}, ensure_ascii=False))
    p = tmp_path / "a.jsonl"
    p.write_text("\n".join(lines), encoding="utf-8")  # no final newline
    g = tmp_path / "b.jsonl.gz"
    g.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8")))
    for n in (1, 4, 5, 100):
        got, units = _via_units([tmp_path], unit_records=n)
        assert got == list(iter_inputs([tmp_path]))
        assert [u.kind for u in units if u.paths[0].endswith(".gz")] == ["files"]  # gzip: whole file
    ids = [it.record_id if hasattr(it, "record_id") else it.id for it in got]
    assert "a.jsonl:23" in ids and "a.jsonl:4" not in ids


def test_zip_members_split_by_record_range(tmp_path):
    z = tmp_path / "days.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("2015-01-02.json", json.dumps([{"content": f"{TEXT} {i}", "title": "t"} for i in range(11)]))
        zf.writestr("2015-01-01.json", json.dumps([{"content": TEXT}, {"nothing": 1}, 5]))
        zf.writestr("broken.json", "[{")
        zf.writestr("single.json", json.dumps({"content": TEXT}))
        zf.writestr("empty.json", "[]")
    for n in (1, 3, 4, 50):
        got, units = _via_units([z], unit_records=n)
        assert got == list(iter_inputs([z]))
    assert len(units) == 5


def test_limit_stops_planning(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text("".join(json.dumps({"text": TEXT}) + "\n" for _ in range(100)), encoding="utf-8")
    units = plan_units([p], unit_records=10, limit=25)
    assert sum(u.records for u in units) == 30


def test_unit_json_round_trip(tmp_path):
    units = plan_units([EXAMPLES], unit_records=2)
    assert [WorkUnit.from_json(u.as_json()) for u in units] == units


@pytest.mark.real
def test_real_inputs_read_identically(shared):
    d = shared / "data"
    inputs = [d / "saudinewsnet" / "2015-07-23.zip", d / "antcorpus-jawharafm" / "antcorpus.data-v1.1.tar.gz",
              d / "antcorpus-jawharafm" / "sample",
              d / "antcorpus-multisource" / "sample", d / "cc-arabic-trafilatura-sample", d / "fundus-lbcgroup"]
    got, units = _via_units(inputs, unit_records=200)
    assert got == list(iter_inputs(inputs))
    assert len(got) > 1000
    assert sum(u.kind == "zip" for u in units) >= 5
    assert sum(u.kind == "tar" for u in units) == 8


def _ant_tar(path: Path, n: int) -> None:
    import io
    import tarfile

    with tarfile.open(path, "w:gz") as tf:
        def add(name: str, text: str) -> None:
            data = text.encode("utf-8")
            ti = tarfile.TarInfo(name)
            ti.size = len(data)
            tf.addfile(ti, io.BytesIO(data))

        add("ant/README.txt", "<DOC>not a page</DOC>")
        for i in range(n):
            if i % 6 == 5:
                add(f"ant/notes-{i}.md", "skip me")
            add(f"ant/politic/doc-{i}.txt",
                f"<DOC><DOCNO>d{i}</DOCNO><TITLE>عنوان {i}</TITLE><TEXT>{TEXT} {i}</TEXT></DOC>")
        add("ant/empty.txt", "no doc here")


@pytest.mark.parametrize("n", [1, 3, 4, 1000])
def test_tarball_split_by_member_range(tmp_path, n):
    t = tmp_path / "ant.tar.gz"
    _ant_tar(t, 30)
    got, units = _via_units([t], unit_records=n)
    assert got == list(iter_inputs([t]))
    # 30 ANT documents, and the 5 notes-*.md and empty.txt members read as plain-text pages (issue 18:
    # members that are not ANT files are records, as in a directory walk; README.txt is skipped)
    assert len(got) == 36
    plain = [it for it in got if it.source.endswith((".md", "!ant/empty.txt"))]
    assert len(plain) == 6 and all(isinstance(it, RawRecord) and isinstance(it.content, bytes) for it in plain)
    from akhbar.run.units import TAR_MAX_UNITS

    assert len(units) == (1 if n == 1000 else TAR_MAX_UNITS if n == 1 else -(-36 // max(n, 5)))


def test_truncated_tarball_reads_like_iter_inputs(tmp_path):
    t = tmp_path / "ant.tar.gz"
    _ant_tar(t, 30)
    t.write_bytes(t.read_bytes()[: len(t.read_bytes()) // 2])
    got, _ = _via_units([t], unit_records=2)
    assert got == list(iter_inputs([t]))
    assert sum(getattr(it, "reason", None) == "read_error" for it in got) <= 1


def _warc(path: Path, n: int, gz: bool = True) -> None:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    html = f"<html><head><title>خبر</title></head><body><article><p>{TEXT}</p></article></body></html>"
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "test"}))
        for i in range(n):
            if i % 4 == 1:
                w.write_record(w.create_warc_record(f"https://x.test/{i}", "request",
                                                    payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            ctype, body = ("image/png", b"\x89PNG\r\n\x1a\n" + bytes(range(64))) if i % 5 == 3 else \
                ("text/html; charset=utf-8", html.replace("خبر", f"خبر {i}").encode("utf-8"))
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(f"https://x.test/{i}", "response", payload=io.BytesIO(body),
                                                http_headers=http))


@pytest.mark.parametrize("gz", [True, False])
@pytest.mark.parametrize("n", [1, 3, 100])
def test_warc_split_by_record_byte_range(tmp_path, gz, n):
    p = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    _warc(p, 11, gz)
    got, units = _via_units([p], unit_records=n)
    assert got == list(iter_inputs([p]))
    assert len(got) == 11
    assert len(units) == -(-11 // n) and all(u.kind == ("warc" if n < 11 else "files") for u in units)


def test_whole_file_gzip_warc_is_not_split(tmp_path):
    import gzip as gz

    p = tmp_path / "crawl.warc"
    _warc(p, 9, gz=False)
    q = tmp_path / "whole.warc.gz"
    q.write_bytes(gz.compress(p.read_bytes()))
    p.unlink()
    got, units = _via_units([q], unit_records=2)
    assert got == list(iter_inputs([q]))
    assert [u.kind for u in units] == ["files"]


@pytest.mark.parametrize("n", [1, 2, 100])
def test_utf16_jsonl_and_zip_of_pages_read_as_iter_inputs(tmp_path, n):
    """Issue 18: a UTF-16 JSON Lines file was cut at byte offsets (every record rejected, one more
    counted); a zip of HTML/text pages gave one "bad_record" per page."""
    d = tmp_path / "in"
    d.mkdir()
    ex = Path(__file__).resolve().parents[1] / "examples"
    (d / "r16.jsonl").write_bytes((ex / "03_records.jsonl").read_text(encoding="utf-8").encode("utf-16"))
    with zipfile.ZipFile(d / "pages.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("site/a.html", (ex / "04_page.html").read_bytes())
        zf.writestr("site/b.txt", (ex / "01_crawler_page.txt").read_bytes())
        zf.writestr("site/c.json", json.dumps([{"id": "j1", "text": TEXT}], ensure_ascii=False))
        zf.writestr("site/empty.txt", b"")
        zf.writestr("__MACOSX/site/._a.html", b"\x00\x05\x16\x07")
        zf.writestr("site/README.md", b"# about")
    got, _ = _via_units([d], unit_records=n)
    assert got == list(iter_inputs([d]))
    kinds = [(type(it).__name__, getattr(it, "reason", None), it.source.rsplit("/", 1)[-1]) for it in got]
    assert kinds == [("RawRecord", None, "a.html"), ("RawRecord", None, "b.txt"), ("RawRecord", None, "c.json[0]"),
                     ("Rejection", "empty", "empty.txt"),
                     ("RawRecord", None, "r16.jsonl:1"), ("RawRecord", None, "r16.jsonl:2"),
                     ("RawRecord", None, "r16.jsonl:3"), ("Rejection", "bad_record", "r16.jsonl:4")]
    assert got[0].content_type == "text/html" and got[1].content_type == "text/plain"


def test_archive_members_over_the_page_limit_are_too_large(tmp_path, monkeypatch):
    """A page member over ``MAX_MEMBER_BYTES`` is one "too_large" rejection, read no further than its
    head; a JSON member holding many records has its own, larger limit."""
    import io
    import tarfile

    from akhbar.sources import members

    monkeypatch.setattr(members, "MAX_MEMBER_BYTES", 5_000)
    d = tmp_path / "in"
    d.mkdir()
    big = ("<html><body>" + "<p>" + TEXT * 100 + "</p>" * 1 + "</body></html>").encode("utf-8")
    arr = json.dumps([{"id": f"r{i}", "text": TEXT * 3} for i in range(40)], ensure_ascii=False).encode("utf-8")
    assert len(big) > 5_000 and len(arr) > 5_000
    with zipfile.ZipFile(d / "a.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("big.html", big)
        zf.writestr("day.json", arr)
    with tarfile.open(d / "b.tar.gz", "w:gz") as tf:
        for name, data in (("big.html", big), ("day.json", arr)):
            ti = tarfile.TarInfo(name)
            ti.size = len(data)
            tf.addfile(ti, io.BytesIO(data))
    got, _ = _via_units([d], unit_records=7)
    assert got == list(iter_inputs([d]))
    for archive in ("a.zip", "b.tar.gz"):
        mine = [it for it in got if f"{archive}!" in it.source]
        assert [(type(it).__name__, getattr(it, "reason", None)) for it in mine[:1]] == [("Rejection", "too_large")]
        assert len(mine) == 41 and all(isinstance(it, RawRecord) for it in mine[1:])


@pytest.mark.parametrize("n", [1, 2, 100])
def test_a_json_lines_line_over_the_limit_is_too_large(tmp_path, monkeypatch, n):
    """A line over ``MAX_LINE_BYTES`` (a gzip bomb of one huge line) is one "too_large" rejection,
    read in pieces; the lines around it are read, by ``iter_inputs`` and by the work units alike."""
    from akhbar.sources import jsonfmt

    monkeypatch.setattr(jsonfmt, "MAX_LINE_BYTES", 1_000)
    good = [json.dumps({"id": f"g{i}", "text": TEXT}, ensure_ascii=False).encode("utf-8") for i in range(3)]
    huge = json.dumps({"id": "huge", "text": TEXT * 200}, ensure_ascii=False).encode("utf-8")
    data = b"\n".join([good[0], huge, good[1], b"0" * 5_000, good[2]]) + b"\n"
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.jsonl").write_bytes(data)
    (d / "b.jsonl.gz").write_bytes(gzip.compress(data))
    got, _ = _via_units([d], unit_records=n)
    assert got == list(iter_inputs([d]))
    for f in ("a.jsonl", "b.jsonl.gz"):
        mine = [(type(it).__name__, getattr(it, "reason", None), it.source.rsplit(":", 1)[-1])
                for it in got if f in it.source]
        assert mine == [("RawRecord", None, "1"), ("Rejection", "too_large", "2"), ("RawRecord", None, "3"),
                        ("Rejection", "too_large", "4"), ("RawRecord", None, "5")], f
