"""WARC reader (``.warc``, ``.warc.gz``): one ``RawRecord`` per HTML response, streamed with warcio.

Format: ISO 28500 (WARC 1.0/1.1) as read by ``warcio.ArchiveIterator`` (gzip per record or
whole-file, chunked and ``Content-Encoding`` payloads decoded by warcio). Only ``response``
and ``resource`` records are pages; ``warcinfo``, ``request``, ``metadata``, ``revisit`` and
``conversion`` records describe other things and are skipped (they are not input pages).

Which records become pages (issue 14):

* a ``response`` record with an HTTP status line becomes a page only with status **200**; any
  other status (404, 410, 500, a 301/302 redirect, 204, 206 partial content...) is a rejection
  with reason ``"http_status"`` and ``HTTP <status>`` in its message: an error page or a redirect
  stub is not the article, whatever its payload says;
* its payload must then be HTML (``text/html``, ``application/xhtml+xml``, or markup when the
  HTTP type is missing or generic), or plain text (``text/plain``: a page the text route reads,
  as a plain ``.txt`` input is); anything else is ``"not_html"``;
* a ``resource`` record (a file archived without an HTTP exchange: ``wget --warc-file`` of local
  files, ``warcit``) has no HTTP status; its WARC ``Content-Type`` decides in the same way.

For every page record the reader yields exactly one item:

* ``RawRecord`` with ``content`` (payload bytes), ``content_type`` "text/html" (or "text/plain"
  for ``text/plain`` payloads), ``url`` = ``WARC-Target-URI``, ``crawl_date`` = ``WARC-Date``,
  ``id`` = the record's ``WARC-Record-ID`` uuid, ``source`` = ``"<path>@<byte offset>"``,
  ``meta["charset"]`` from the HTTP ``Content-Type`` charset, ``meta["http_status"]``;
* or ``Rejection``: ``"http_status"`` (a response whose HTTP status is not 200: ``HTTP 404`` in
  the message), ``"not_html"`` (payload neither HTML nor text: images, PDF, JSON...),
  ``"empty"`` (no payload), ``"too_large"``, or ``"read_error"`` when the
  archive is truncated or corrupt (iteration stops there, after the records already read).

Memory: one record's payload at a time (at most ``MAX_PAYLOAD`` bytes), whatever the file size.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from akhbar.model import RawRecord, Rejection, content_id

#: Largest payload read, in bytes; larger records are rejected ("too_large").
MAX_PAYLOAD = 20_000_000

_PAGE_TYPES = ("response", "resource")
#: The one HTTP status of a response record that is a page (see the module docstring).
PAGE_STATUS = 200
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-:.]+)", re.IGNORECASE)


def archive_iterator(fh: Any) -> Any:
    """``warcio.ArchiveIterator`` over ``fh`` that writes nothing to stderr: warcio prints a
    three-line warning for every record whose ``Content-Length`` is not followed by a blank line
    (a hostile or damaged WARC filled a run's terminal with them); the records are read as warcio
    reads them either way."""
    return _quiet_class()(fh)


@functools.lru_cache(maxsize=1)
def _quiet_class() -> type:
    from warcio.archiveiterator import ArchiveIterator

    class QuietArchiveIterator(ArchiveIterator):
        INC_RECORD = ""  # the warning's text: nothing is written

    return QuietArchiveIterator


def _payload_kind(content_type: str, head: bytes) -> str:
    """"html", "text" or "other" from the HTTP content type, checked against the first bytes."""
    ct = content_type.lower()
    from akhbar.sources.html import sniff_kind

    sniffed = sniff_kind(head) if head else "binary"
    if "html" in ct or "xhtml" in ct:
        return "html" if sniffed not in ("binary", "zip", "parquet", "gzip") else "other"
    if sniffed == "html":
        return "html"
    if ct.startswith("text/plain") and sniffed == "text":
        return "text"
    if not ct and sniffed == "text":
        return "text"
    return "other"


def iter_warc(path: str | Path, start: int = 0, stop: int | None = None) -> Iterator[RawRecord | Rejection]:
    """Stream the page records of a WARC file; never raises (see module docstring).

    ``start``/``stop``: byte offsets (int) of the first record to read and of the first record not to
    read (None: to the end), so a work unit reads only its records (``akhbar.run.units``); ``start``
    must be the offset of a record. The file-type check and the trailing-bytes check are made by the
    unit that starts at 0 and the unit that reads to the end.
    """
    from warcio.exceptions import ArchiveLoadFailed

    path = Path(path)
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed in finally; generator keeps it open while streaming
    except OSError as e:
        yield Rejection(path.name, str(path), "read_error", f"{path}: {e.strerror or e}")
        return
    n_pages = 0
    offset = start
    try:
        from akhbar.sources.html import sniff_kind

        size = path.stat().st_size
        if start == 0:
            kind = sniff_kind(fh.read(4096))
            if kind != "warc":
                yield Rejection(path.name, f"{path}@0", "read_error",
                                f"{path}: not a WARC file (content looks like {kind})")
                return
        fh.seek(start)
        it = archive_iterator(fh)
        while True:
            try:
                rec = next(it)
            except StopIteration:
                break
            offset = it.offset
            if stop is not None and offset >= stop:
                return
            where = f"{path}@{offset}"
            if rec.rec_type not in _PAGE_TYPES:
                continue
            n_pages += 1
            yield _page_record(rec, where, path)
        if it.offset < size:  # warcio stops quietly at a member cut inside its headers
            offset = it.offset
            raise EOFError(f"{size - it.offset} trailing bytes do not form a complete record")
    except (ArchiveLoadFailed, EOFError, OSError, ValueError) as e:
        where = f"{path}@{offset}"
        msg = f"{where}: truncated or corrupt WARC after {n_pages} page records: {type(e).__name__}: {e}"
        yield Rejection(f"{path.name}@{offset}", where, "read_error", msg.replace("\n", " ")[:300])
    except Exception as e:
        where = f"{path}@{offset}"
        msg = f"{where}: unreadable WARC after {n_pages} page records: {type(e).__name__}: {e}"
        yield Rejection(f"{path.name}@{offset}", where, "read_error", msg.replace("\n", " ")[:300])
    finally:
        fh.close()


def _page_record(rec, where: str, path: Path) -> RawRecord | Rejection:
    h = rec.rec_headers
    url = h.get_header("WARC-Target-URI")
    date = h.get_header("WARC-Date")
    rid = (h.get_header("WARC-Record-ID") or "").strip("<>")
    rid = rid.removeprefix("urn:uuid:") or content_id(str(path.name), where)
    status = None
    ctype = ""
    if rec.http_headers is not None:
        ctype = rec.http_headers.get_header("Content-Type") or ""
        try:
            status = int(rec.http_headers.get_statuscode() or 0) or None
        except (TypeError, ValueError):
            status = None
    else:
        ctype = h.get_header("Content-Type") or ""
    # stream errors inside one record (bad chunking, gzip Content-Encoding) stop the archive
    data = rec.content_stream().read(MAX_PAYLOAD + 1)
    if len(data) > MAX_PAYLOAD:
        return Rejection(rid, where, "too_large", f"{where}: payload over {MAX_PAYLOAD:,} bytes ({url})")
    if getattr(rec.raw_stream, "limit", 0):  # Content-Length promised more bytes than the file holds
        return Rejection(rid, where, "read_error", f"{where}: record truncated ({len(data)} payload bytes read, {url})")
    if rec.rec_type == "response" and rec.http_headers is not None and status != PAGE_STATUS:
        # an error page, a redirect stub or a partial body: not the article
        return Rejection(rid, where, "http_status", f"{where}: HTTP {status or rec.http_headers.statusline!r}, "
                                                    f"not a page ({url})")
    if not data.strip():
        extra = f" (HTTP {status})" if status else ""
        return Rejection(rid, where, "empty", f"{where}: no payload{extra} ({url})")
    kind = _payload_kind(ctype, data[:2048])
    if kind == "other":
        return Rejection(rid, where, "not_html", f"{where}: payload is {ctype or 'unknown type'}, not HTML ({url})")
    meta: dict[str, object] = {"warc_type": rec.rec_type}
    if status:
        meta["http_status"] = status
    m = _CHARSET.search(ctype)
    if m:
        meta["charset"] = m.group(1).lower()
    return RawRecord(
        id=rid,
        source=where,
        content=data,
        content_type="text/html" if kind == "html" else "text/plain",
        url=url,
        crawl_date=date,
        meta=meta,
    )
