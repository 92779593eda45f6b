"""HTML files (``.html``, ``.htm``, ``.html.gz``) and content sniffing for every input kind.

:func:`sniff_kind` tells an input's kind from its first bytes (magic numbers: gzip ``1f 8b``,
zip ``PK\\x03\\x04``, Parquet ``PAR1``, ``WARC/`` version line; markup and JSON by their first
non-blank characters), so a WARC named ``.gz`` or HTML named ``.txt`` is read correctly.
:func:`iter_html_file` yields one ``RawRecord`` per HTML file.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from pathlib import Path

from akhbar.gzipped import maybe_gunzip
from akhbar.model import RawRecord, Rejection, content_id
from akhbar.wideunicode import wide_unicode

#: Largest HTML file read (after gunzip), in bytes; larger ones are rejected ("too_large").
MAX_HTML_BYTES = 20_000_000

_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title", b"<div", b"<p>",
                 b"<article", b"<script", b"<!--", b"<table", b"<span", b"<a ", b"<h1", b"<p ")
_CANONICAL = re.compile(
    rb"""<link[^>]+rel=["']?canonical["']?[^>]*href=["']([^"'>\s]+)|<link[^>]+href=["']([^"'>\s]+)["'][^>]*rel=["']?canonical"""
    rb"""|<meta[^>]+property=["']og:url["'][^>]*content=["']([^"'>\s]+)""",
    re.IGNORECASE,
)


def _gunzip_head(data: bytes, n: int = 4096) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, n)
    except zlib.error:
        return b""


def sniff_kind(first_bytes: bytes) -> str:
    """Kind of an input from its first bytes (give at least 1-4 KiB).

    Returns one of "warc", "html", "gzip", "parquet", "jsonl", "json", "zip", "text", "binary".
    Gzip data is peeked into: gzipped WARC gives "warc", gzipped HTML "html", anything else
    gzipped "gzip". ``b"WARC/1.0\\r\\n..."`` -> "warc"; ``b"<!DOCTYPE html>"`` -> "html";
    ``b'{"text": ...}'`` -> "jsonl". Never raises.
    """
    head = first_bytes or b""
    if head[:4] == b"PAR1":
        return "parquet"
    if head[:4] == b"PK\x03\x04":
        return "zip"
    if head[:2] == b"\x1f\x8b":
        inner = _gunzip_head(head)
        if not inner:
            return "gzip"
        k = sniff_kind(inner)
        return k if k in ("warc", "html") else "gzip"
    s = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if s.startswith(b"WARC/"):
        return "warc"
    wide = wide_unicode(head)  # UTF-16/32, with or without BOM: sniff the decoded text
    if wide is not None:
        s = head[wide[1] :].decode(wide[0], "ignore").encode("utf-8", "ignore").lstrip(b"\xef\xbb\xbf \t\r\n")
    elif b"\x00" in head[:1024]:
        return "binary"
    low = s[:1024].lower()
    if low.startswith(b"<") and any(m in low for m in _HTML_MARKERS):
        return "html"
    if low.startswith(b"<?xml") and (b"<html" in low or b"xhtml" in low):
        return "html"
    if s[:1] == b"[":
        return "json"
    if s[:1] == b"{":
        first_line = s.split(b"\n", 1)[0].rstrip()
        return "jsonl" if first_line.endswith(b"}") or b"\n{" in s else "json"
    if b"<html" in low or b"<body" in low:
        return "html"
    try:
        s[:1024].decode("utf-8")
        return "text"
    except UnicodeDecodeError as e:
        if e.start >= len(s[:1024]) - 4:  # a character cut at the sample's end
            return "text"
    bad = sum(1 for c in s[:1024] if c < 9 or 13 < c < 32)
    return "binary" if bad > 8 else "text"


def canonical_url(data: bytes) -> str | None:
    """The page's ``<link rel=canonical>`` or ``og:url`` from its first 200 KB, or None."""
    m = _CANONICAL.search(data[:200_000])
    if not m:
        return None
    raw = next(g for g in m.groups() if g)
    try:
        return raw.decode("utf-8").replace("&amp;", "&")
    except UnicodeDecodeError:
        return None


def iter_html_file(path: str | Path) -> Iterator[RawRecord | Rejection]:
    """One ``RawRecord`` (bytes, content_type "text/html") for an HTML file, gzipped or not.

    ``url`` is the page's canonical URL when it states one; ``id`` is the file stem plus a
    content hash; ``source`` the path. A truncated gzip gives a "read_error" rejection, a file
    that is not HTML "not_html", an empty one "empty". Never raises.
    """
    from akhbar.sources.text import read_file_bounded

    path = Path(path)
    data = read_file_bounded(path, MAX_HTML_BYTES)
    if isinstance(data, Rejection):
        yield data
        return
    stem = path.name.split(".")[0] or path.name
    if data[:2] == b"\x1f\x8b":
        try:
            data = maybe_gunzip(data, MAX_HTML_BYTES)
        except ValueError as e:
            yield Rejection(path.name, str(path), "read_error", f"{path}: {e}")
            return
    if not data.strip():
        yield Rejection(path.name, str(path), "empty", f"{path}: empty file")
        return
    kind = sniff_kind(data[:4096])
    if kind not in ("html", "text"):
        yield Rejection(path.name, str(path), "not_html", f"{path}: content is {kind}, not HTML")
        return
    yield RawRecord(
        id=f"{stem}-{content_id(data.hex()[:4096], str(len(data)), size=8)}",
        source=str(path),
        content=data,
        content_type="text/html" if kind == "html" else "text/plain",
        url=canonical_url(data),
    )
