"""UTF-16 and UTF-32 inputs (LE/BE, with and without BOM) are read as text (issue 18): the same
articles as the UTF-8 file, never a "binary" rejection for their NUL bytes."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import akhbar
from akhbar.page.decode import decode, wide_unicode
from akhbar.sources import iter_inputs, sniff

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
AR = "أعلنت وزارة الصحة اليوم عن حالات جديدة في الرياض.\nالرياض - واس\n" * 3

#: (codec, BOM bytes written before the text); b"" = no BOM
WIDE = [
    ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE),
    ("utf-16-le", b""), ("utf-16-be", b""), ("utf-32-le", b""), ("utf-32-be", b""),
]
IDS = [f"{c}{'-bom' if b else ''}" for c, b in WIDE]


@pytest.mark.parametrize(("codec", "bom"), WIDE, ids=IDS)
def test_decode_wide_unicode(codec: str, bom: bytes) -> None:
    data = bom + AR.encode(codec)
    assert wide_unicode(data[:4096]) == (codec, len(bom))
    d = decode(data)
    assert (d.text, d.encoding) == (AR, codec)
    assert d.repairs == ([f"bom:{codec}"] if bom else [f"{codec[:6]}-without-bom:{codec}"])


def test_wide_unicode_leaves_other_bytes_alone() -> None:
    assert wide_unicode(AR.encode("utf-8")) is None
    assert wide_unicode(AR.encode("cp1256")) is None
    assert wide_unicode(codecs.BOM_UTF8 + AR.encode("utf-8")) is None
    assert wide_unicode(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4) is None
    assert wide_unicode(b"\x00" * 64) is None  # NULs alone: control characters, not text


@pytest.mark.parametrize(("codec", "bom"), WIDE, ids=IDS)
def test_sniff_reads_wide_files_by_their_text(tmp_path: Path, codec: str, bom: bytes) -> None:
    html = (EXAMPLES / "04_page.html").read_text(encoding="utf-8")
    rec = {"id": "r1", "text": AR + "\u2028" + AR}  # U+2028 inside a record is no line break
    cases = {
        "page.txt": (AR, "text", 1),
        "page.html": (html, "html", 1),
        "recs.jsonl": (json.dumps(rec, ensure_ascii=False) + "\n" + json.dumps(dict(rec, id="r2"), ensure_ascii=False) + "\n", "jsonl", 2),
        "recs.json": (json.dumps([rec, dict(rec, id="r2")], ensure_ascii=False, indent=1), "json", 2),
    }
    for name, (text, kind, n) in cases.items():
        p = tmp_path / name
        p.write_bytes(bom + text.encode(codec))
        assert sniff(p) == kind, name
        items = list(iter_inputs([p]))
        assert len(items) == n and all(not hasattr(x, "reason") for x in items), (name, items)
        if kind in ("jsonl", "json"):
            assert items[0].content == rec["text"]  # U+2028 kept inside the record


def _articles(out: Path) -> list[tuple[str, str]]:
    arts = pq.read_table(out / "articles.parquet").to_pylist()
    return sorted((Path(a["source"]).name, a["title"] or "", a["body"] or "") for a in arts)  # type: ignore[misc]


def test_wide_files_refine_like_utf8(tmp_path: Path) -> None:
    """Every example page written in each wide encoding gives the UTF-8 file's articles."""
    utf8, wide = tmp_path / "utf8", tmp_path / "wide"
    utf8.mkdir()
    wide.mkdir()
    pages = ("01_crawler_page.txt", "02_wire_story.txt", "04_page.html")
    for i, (codec, bom) in enumerate(WIDE):
        for f in pages:
            text = (EXAMPLES / f).read_text(encoding="utf-8")
            name = f"{i}-{f}"
            (utf8 / name).write_bytes(text.encode("utf-8"))
            (wide / name).write_bytes(bom + text.encode(codec))
    akhbar.refine([utf8], tmp_path / "o8", dedup=False)
    akhbar.refine([wide], tmp_path / "ow", dedup=False)
    m = json.loads((tmp_path / "ow" / "manifest.json").read_text(encoding="utf-8"))["counts"]
    assert m["rejected"] == 0 and m["records"] == len(WIDE) * len(pages)
    assert _articles(tmp_path / "ow") == _articles(tmp_path / "o8")
