"""Benchmark corpus for the store: SaudiNewsNet and the ANT corpora as ARTICLE_SCHEMA rows.

Until ``akhbar refine`` output is available for them, records are turned into
article rows directly (title, body = the text's non-empty lines, publisher = the
source id, published = the crawl or feed date, section = the ANT category), read in
place from ../shared/data (never copied).

Ids: SaudiNewsNet ``snn-<source>-<zip date>-<index>`` (the scheme of
../shared/gold/saudinewsnet_dev.jsonl), ANT ``ant-<DOCNO>``.

``python benchmarks/search_corpus.py`` writes benchmarks/out/search/{snn,ant}/articles.parquet
(git-ignored) and prints counts.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import dedup_common

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SNN_DIR = SHARED / "data" / "saudinewsnet"
ANT_MULTI = SHARED / "data" / "antcorpus-multisource" / "antcorpus.multisource.data-v2.1.tar.xz"
ANT_JAWHARA = SHARED / "data" / "antcorpus-jawharafm" / "antcorpus.data-v1.1.tar.gz"
OUT = ROOT / "benchmarks" / "out" / "search"

_TAG = {t: re.compile(rf"<{t}>(.*?)</{t}>", re.DOTALL) for t in ("DOCNO", "TITLE", "TEXT", "SRC", "TIME", "URL", "CAT",
                                                           "AUTHOR")}


def machine() -> str:
    """One line: CPU model, cores, Python, SQLite versions."""
    import sqlite3

    return f"{dedup_common.machine()}, SQLite {sqlite3.sqlite_version}"


def _row(**kw: Any) -> dict[str, Any]:
    row = {"role": "main", "language": "ar", "agencies": [], "authors": [], "tags": [], "related": [],
           "entities": [], "mentioned_dates": [], "body_spans": []}
    row.update(kw)
    return row


def _paras(text: str) -> list[str]:
    return [ln.strip() for ln in (text or "").splitlines() if ln.strip()]


def saudinewsnet_rows() -> Iterator[dict[str, Any]]:
    """All 31,030 SaudiNewsNet records as article rows, in file order."""
    for r in dedup_common.saudinewsnet():
        aid = r["id"]
        member = r["file"][: -len(".zip")] + ".json"
        date = (r.get("date_extracted") or "")[:10] or None
        yield _row(
            id=aid, page_id=aid, record_id=aid, source=f"{r['file']}!{member}[{r['index']}]", url=r.get("url"),
            title=(r.get("title") or "").strip() or None, published=date, published_precision="day",
            publisher=r.get("source"), authors=[r["author"].strip()] if (r.get("author") or "").strip()
            else [], body=_paras(r.get("content")), crawl_date=date,
        )


def _ant_date(s: str) -> str | None:
    s = (s or "").strip()
    if not s:
        return None
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", s)
    if m:
        return f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        return m[0]
    try:
        return email.utils.parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError):
        return None


def ant_rows(path: Path) -> Iterator[dict[str, Any]]:
    """ANT articles of one tarball as article rows, sorted by member name (``dedup_common.ant``)."""
    for f in dedup_common.ant(path):
        aid = "ant-" + f["id"]
        day = _ant_date(f["time"])
        yield _row(
            id=aid, page_id=aid, record_id=aid, source=f"{path.name}!{f['member']}", url=f["url"] or None,
            title=f["title"] or None, published=day, published_precision="day" if day else None,
            publisher=f["src"] or None, section=f["cat"] or None, body=_paras(f["text"]), crawl_date=day,
        )


def write_outdir(rows: Iterator[dict[str, Any]], outdir: Path) -> int:
    """Write rows as ``outdir/articles.parquet`` (ARTICLE_SCHEMA); returns the row count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from akhbar.model import ARTICLE_SCHEMA

    outdir.mkdir(parents=True, exist_ok=True)
    names = [f.name for f in ARTICLE_SCHEMA]
    n = 0
    with pq.ParquetWriter(outdir / "articles.parquet", ARTICLE_SCHEMA) as w:
        batch: list[dict[str, Any]] = []
        for r in rows:
            batch.append({k: r.get(k) for k in names})
            if len(batch) >= 2000:
                w.write_table(pa.Table.from_pylist(batch, schema=ARTICLE_SCHEMA))
                n += len(batch)
                batch = []
        if batch:
            w.write_table(pa.Table.from_pylist(batch, schema=ARTICLE_SCHEMA))
            n += len(batch)
    (outdir / "manifest.json").write_text(
        json.dumps({"articles": n, "written": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    "note": "benchmark loader, not akhbar refine"}, ensure_ascii=False), encoding="utf-8")
    return n


def prepare(force: bool = False) -> dict[str, Path]:
    """Write the benchmark output directories when missing; returns ``{"snn": dir, "ant": dir}``."""
    if not SNN_DIR.is_dir():
        sys.exit(f"missing {SNN_DIR}")
    dirs = {"snn": OUT / "snn", "ant": OUT / "ant"}
    if force or not (dirs["snn"] / "articles.parquet").exists():
        write_outdir(saudinewsnet_rows(), dirs["snn"])
    if force or not (dirs["ant"] / "articles.parquet").exists():

        def both() -> Iterator[dict[str, Any]]:
            yield from ant_rows(ANT_JAWHARA)
            yield from ant_rows(ANT_MULTI)

        write_outdir(both(), dirs["ant"])
    return dirs


if __name__ == "__main__":
    import pyarrow.parquet as pq

    for name, d in prepare(force="--force" in sys.argv).items():
        print(name, d, pq.ParquetFile(d / "articles.parquet").metadata.num_rows, "rows")
