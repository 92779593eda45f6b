"""Table-driven test: real date strings from ../shared/data with hand-read expected values.

The table (``benchmarks/data/dates_real_strings.jsonl``: ``source``, ``text``, ``reference``,
``expected`` = ISO of :func:`parse_date`, ``null`` when the string holds no date) was written
by reading each string taken from SaudiNewsNet, the ANT corpora (TEXT and TIME fields), the
htmldate-mediacloud pages and the gold pages; the strings are copied verbatim (with their
context cut at both ends), so the table itself needs no ../shared.
A second test checks that every table string still occurs in ../shared (skipped when absent).
"""

from __future__ import annotations

import glob
import gzip
import json
import zipfile
from pathlib import Path

import pytest

from akhbar.dates import find_dates, has_date, parse_date

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
TABLE = REPO / "benchmarks" / "data" / "dates_real_strings.jsonl"
ROWS = [json.loads(line) for line in TABLE.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_table_size() -> None:
    assert len({r["text"] for r in ROWS}) >= 150
    assert sum(r["expected"] is not None for r in ROWS) >= 150


@pytest.mark.parametrize("row", ROWS, ids=[f"{i}-{r['source']}" for i, r in enumerate(ROWS)])
def test_real_string(row: dict) -> None:
    m = parse_date(row["text"], reference=row["reference"])
    got = m.iso if m is not None else None
    assert got == row["expected"], row["text"]
    if row["expected"] is not None:
        assert has_date(row["text"])
        a, b = m.span
        assert 0 <= a < b <= len(row["text"])


def _shared_texts() -> str:
    parts: list[str] = []
    for z in sorted(glob.glob(str(SHARED / "data/saudinewsnet/*.zip"))):
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                for art in json.loads(zf.read(name)):
                    parts.append(art["content"])
    for f in glob.glob(str(SHARED / "data/antcorpus-*/sample/**/*.txt"), recursive=True):
        parts.append(Path(f).read_text(encoding="utf-8", errors="replace"))
    for f in glob.glob(str(SHARED / "gold/pages/*.txt")):
        parts.append(Path(f).read_text(encoding="utf-8"))
    for f in glob.glob(str(SHARED / "data/htmldate-mediacloud/ar/*.html")):
        parts.append(Path(f).read_text(encoding="utf-8"))
    for f in glob.glob(str(SHARED / "data/*/*.html")):
        parts.append(Path(f).read_text(encoding="utf-8", errors="replace"))
    lbc = SHARED / "data/fundus-lbcgroup/LBCGroup_2026_01_08.html.gz"
    if lbc.is_file():
        parts.append(gzip.decompress(lbc.read_bytes()).decode("utf-8", "replace"))
    return "\n".join(parts)


@pytest.mark.real
def test_table_strings_come_from_shared() -> None:
    if not (SHARED / "data").is_dir():
        pytest.skip("../shared is not present")
    corpus = _shared_texts()
    missing = []
    for r in ROWS:
        # the table cut context at word edges and may drop quotes; check a long inner piece
        t = r["text"].strip().strip('"«»')
        piece = t if len(t) <= 24 else t[len(t) // 2 - 12 : len(t) // 2 + 12]
        if piece not in corpus:
            missing.append(r["text"])
    assert len(missing) <= 3, missing  # a row or two had typographic quotes dropped by hand


@pytest.mark.real
def test_has_date_covers_find_dates_on_gold_lines() -> None:
    pages = sorted(glob.glob(str(SHARED / "gold/pages/*.txt")))
    if not pages:
        pytest.skip("../shared is not present")
    n = 0
    for f in pages:
        for line in Path(f).read_text(encoding="utf-8").splitlines():
            # relative forms added with the calendar periods (غدا، الأسبوع الماضي) need the
            # reference: has_date, which has none, does not count them
            if any(not m.relative for m in find_dates(line, reference="2020-06-01")):
                n += 1
                assert has_date(line), line
    assert n >= 50
