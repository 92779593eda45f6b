"""Parquet datasets: one ``RawRecord`` per row, read in batches with pyarrow.

The page is taken from an ``html`` column (content_type "text/html"), else from a ``text``
or ``content`` column (content_type "text/plain", or "text/html" when the value itself is
markup: many crawl dumps store HTML in ``content``). Optional columns: ``id``, ``url``,
``title``, ``date`` (publication date, kept in ``meta``), and ``crawl_date`` / ``timestamp`` /
``fetch_time`` (the crawl date). Column names are matched case-insensitively.

Rows without any page text become ``Rejection("bad_record")``, and so does every row of a file
with no page column at all (one rejection per row, named by its ``id`` column when there is one,
so the manifest's ``records`` is the file's row count); an unreadable file or a corrupt row
group ``Rejection("read_error")`` (after the rows already yielded). Memory is
bounded by one batch (``BATCH_ROWS`` rows), whatever the file size.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from akhbar.model import RawRecord, Rejection

#: Rows per pyarrow batch.
BATCH_ROWS = 256

_HTML_COLS = ("html", "raw_html", "html_content")
_TEXT_COLS = ("text", "content", "body", "raw_content")
_ID_COLS = ("id", "doc_id", "uid", "record_id")
_URL_COLS = ("url", "link", "source_url")
_CRAWL_COLS = ("crawl_date", "timestamp", "fetch_time", "date_download", "date_extracted")
_META_COLS = ("title", "date", "author", "publisher", "source", "category", "language")


def _pick(names: dict[str, str], options: tuple[str, ...]) -> str | None:
    for o in options:
        if o in names:
            return names[o]
    return None


def _str(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, bytes):
        return v.decode("utf-8", "replace")
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return str(v)


def iter_parquet(path: str | Path) -> Iterator[RawRecord | Rejection]:
    """Stream the rows of a Parquet file as ``RawRecord`` s; never raises (see module docstring)."""
    import pyarrow.parquet as pq

    path = Path(path)
    try:
        pf = pq.ParquetFile(path)
    except Exception as e:
        yield Rejection(path.name, str(path), "read_error", f"{path}: {type(e).__name__}: {e}"[:300])
        return
    names = {n.lower(): n for n in pf.schema_arrow.names}
    html_col = _pick(names, _HTML_COLS)
    text_col = _pick(names, _TEXT_COLS)
    id_col = _pick(names, _ID_COLS)
    if html_col is None and text_col is None:
        yield from _rows_without_page(path, pf, id_col)
        return
    url_col = _pick(names, _URL_COLS)
    crawl_col = _pick(names, _CRAWL_COLS)
    meta_cols = [names[c] for c in _META_COLS if c in names and names[c] not in (id_col, url_col, crawl_col)]
    cols = [c for c in dict.fromkeys([html_col, text_col, id_col, url_col, crawl_col, *meta_cols]) if c]
    row = 0
    try:
        for batch in pf.iter_batches(batch_size=BATCH_ROWS, columns=cols):
            data = batch.to_pydict()
            for k in range(batch.num_rows):
                yield _row(path, row, data, k, html_col, text_col, id_col, url_col, crawl_col, meta_cols)
                row += 1
    except Exception as e:
        yield Rejection(f"{path.stem}[{row}]", f"{path}[{row}]", "read_error",
                        f"{path}: unreadable after {row} rows: {type(e).__name__}: {e}"[:300])


def _rows_without_page(path: Path, pf: Any, id_col: str | None) -> Iterator[Rejection]:
    """One "bad_record" rejection per row of a file that has no html/text/content column (only the
    ``id`` column is read, batch by batch); a corrupt row group ends with a "read_error"."""
    why = f"no html/text/content column (columns: {', '.join(pf.schema_arrow.names)[:200]})"
    row = 0
    try:
        batches = pf.iter_batches(batch_size=BATCH_ROWS, columns=[id_col]) if id_col else None
        if batches is None:
            for row in range(pf.metadata.num_rows):
                yield Rejection(f"{path.stem}[{row}]", f"{path}[{row}]", "bad_record", f"{path}[{row}]: {why}")
            return
        for batch in batches:
            for v in batch.column(0).to_pylist():
                rid = _str(v) or f"{path.stem}[{row}]"
                yield Rejection(rid, f"{path}[{row}]", "bad_record", f"{path}[{row}]: {why}")
                row += 1
    except Exception as e:
        yield Rejection(f"{path.stem}[{row}]", f"{path}[{row}]", "read_error",
                        f"{path}: unreadable after {row} rows: {type(e).__name__}: {e}"[:300])


def _row(path: Path, row: int, data: dict[str, list[Any]], k: int, html_col: str | None, text_col: str | None,
         id_col: str | None, url_col: str | None, crawl_col: str | None, meta_cols: list[str]) -> RawRecord | Rejection:
    where = f"{path}[{row}]"
    rid = _str(data[id_col][k]) if id_col else None
    rid = rid or f"{path.stem}[{row}]"
    html = data[html_col][k] if html_col else None
    text = data[text_col][k] if text_col else None
    content: bytes | str | None = None
    ctype = "text/plain"
    if isinstance(html, (str, bytes)) and html.strip():
        content, ctype = html, "text/html"
    elif isinstance(text, (str, bytes)) and text.strip():
        content = text
        head = text[:1024].lstrip() if isinstance(text, str) else text[:1024].lstrip().decode("utf-8", "ignore")
        low = head.lower()
        if low.startswith("<") and ("<html" in low or "<body" in low or "<div" in low or "<p" in low
                                    or "<!doctype" in low):
            ctype = "text/html"
    if content is None:
        return Rejection(rid, where, "bad_record", f"{where}: row has no html/text content")
    meta = {c: _str(data[c][k]) for c in meta_cols if data[c][k] is not None}
    return RawRecord(
        id=rid,
        source=where,
        content=content,
        content_type=ctype,
        url=_str(data[url_col][k]) if url_col else None,
        crawl_date=_str(data[crawl_col][k]) if crawl_col else None,
        meta=meta,
    )
