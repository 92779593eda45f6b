"""JSON inputs: JSON Lines (.jsonl, .jsonl.gz), JSON arrays (.json) and zip archives of JSON arrays
(or of pages: ``akhbar.sources.members``).

A record is a JSON object holding the page in ``text``, ``content`` or ``html`` (HTML is
routed to the HTML pipeline), plus optional fields used as metadata: ``id``, ``url``
(or ``source`` when it is a URL, or ``metadata.source``), ``title``, ``author``, ``date``
(or ``date_extracted``/``metadata.date`` as the crawl date), ``source``/``publisher``.

Formats seen: SaudiNewsNet (zip of one JSON array per day: source, url, date_extracted,
title, author, content); the Common Crawl sample (JSON array of {text, metadata:{date,
source}}). A record without any text field becomes a ``Rejection`` ("bad_record"); so does one
whose text field is not a string (the message names the field and its JSON type). A ``date``
given as a JSON number is read as YYYYMMDD or Unix time (``_date_text``).
"""

from __future__ import annotations

import gzip
import io
import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from akhbar.model import RawRecord, Rejection
from akhbar.wideunicode import wide_unicode

TEXT_FIELDS = ("text", "content", "body", "article")

_SURROGATE = re.compile("[\ud800-\udfff]")


def loads(data: bytes | str) -> Any:
    """``json.loads``; raises ``ValueError`` for invalid JSON, nesting too deep for the parser
    included (a 100,000-deep ``[[[...]]]`` raises ``RecursionError`` in ``json``)."""
    try:
        return json.loads(data)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def _text(v: Any) -> Any:
    """A string with its lone surrogates (JSON ``"\\ud800"`` escapes) as U+FFFD: they cannot be
    encoded to UTF-8, so Arrow, SQLite and crfsuite refuse them. Other values are returned as is."""
    if isinstance(v, str) and not v.isascii() and _SURROGATE.search(v):
        return _SURROGATE.sub("\ufffd", v)
    return v


def _json_type(v: Any) -> str:
    """The JSON name of a value's type, for messages: number, object, array, boolean, string."""
    if isinstance(v, bool):
        return "a boolean"
    if isinstance(v, (int, float)):
        return "a number"
    return {dict: "an object", list: "an array"}.get(type(v), "a string")


def _date_text(v: Any) -> Any:
    """A JSON number given as a date, as ISO text: ``20150721`` (YYYYMMDD, 1900-2100) ->
    ``"2015-07-21"``; otherwise Unix time in seconds (or milliseconds when > 10**11) ->
    ``"YYYY-MM-DDTHH:MM:SS+00:00"``. Strings and other values are returned as they are (a string
    is parsed later by the date reader); a number that is neither gives None."""
    import datetime as dt

    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return v
    if isinstance(v, int) and 19000101 <= v <= 21001231:
        try:
            return dt.date(v // 10000, v // 100 % 100, v % 100).isoformat()
        except ValueError:
            pass
    secs = v / 1000 if v > 10**11 else v
    if 0 < secs < 4102444800:  # before 2100-01-01
        return dt.datetime.fromtimestamp(int(secs), dt.UTC).isoformat()
    return None


def record_from_obj(obj: Any, rid: str, where: str) -> RawRecord | Rejection:
    """One JSON value -> ``RawRecord`` or ``Rejection`` (see module docstring). Lone surrogates in
    the strings used become U+FFFD."""
    if not isinstance(obj, dict):
        return Rejection(rid, where, "bad_record", f"{where}: expected a JSON object, got {type(obj).__name__}")
    obj = {_text(k): _text(v) for k, v in obj.items()}
    if isinstance(obj.get("metadata"), dict):
        obj["metadata"] = {_text(k): _text(v) for k, v in obj["metadata"].items()}
    if isinstance(obj.get("id"), (str, int)) and str(obj["id"]).strip():
        rid = str(obj["id"])
    meta_in = obj.get("metadata") if isinstance(obj.get("metadata"), dict) else {}
    html = obj.get("html")
    text = next((obj[k] for k in TEXT_FIELDS if isinstance(obj.get(k), str)), None)
    if not isinstance(html, str) and text is None:
        wrong = [k for k in ("html", *TEXT_FIELDS) if k in obj and obj[k] is not None]
        if wrong:
            what = ", ".join(f"{k} is {_json_type(obj[k])}" for k in wrong)
            return Rejection(rid, where, "bad_record", f"{where}: {what}, not a string")
        keys = ", ".join(sorted(map(str, obj))[:8])
        return Rejection(rid, where, "bad_record", f"{where}: no text, content or html field (fields: {keys})")
    src = obj.get("source") if isinstance(obj.get("source"), str) else None
    url = obj.get("url") or (meta_in.get("source") if isinstance(meta_in.get("source"), str) else None)
    if not url and src and src.startswith("http"):
        url, src = src, None
    crawl = obj.get("date_extracted") or obj.get("crawl_date") or meta_in.get("date")
    meta = {
        k: v
        for k, v in (
            ("title", obj.get("title")),
            ("author", obj.get("author")),
            ("date", _date_text(obj.get("date") or obj.get("published"))),
            ("publisher", obj.get("publisher") or src),
            ("category", obj.get("category") or obj.get("section")),
        )
        if isinstance(v, str) and v.strip()
    }
    if isinstance(html, str) and html.strip():
        return RawRecord(id=rid, source=where, content=html, content_type="text/html", url=url,
                         crawl_date=str(crawl) if crawl else None, meta=meta)
    return RawRecord(id=rid, source=where, content=text or "", url=url if isinstance(url, str) else None,
                     crawl_date=str(crawl) if crawl else None, meta=meta)


#: Longest JSON Lines line read, in bytes (a 20 MB HTML page escaped in JSON fits). A longer line
#: is one "too_large" rejection and is skipped in pieces, never held in memory whole (a gzip bomb
#: of one 10 GB line of zeros would otherwise take 10 GB).
MAX_LINE_BYTES = 64 << 20


class LongLine(int):
    """A line of this many bytes that ``bounded_lines`` skipped (over ``MAX_LINE_BYTES``)."""


def bounded_lines(f: Any, limit: int | None = None) -> Iterator[bytes | LongLine]:
    """The lines of the binary file ``f`` (plain or gzip), each at most ``limit`` bytes
    (``MAX_LINE_BYTES``) held at a time: a longer line comes as a ``LongLine`` of its length."""
    limit = limit or MAX_LINE_BYTES
    while True:
        line = f.readline(limit)
        if not line:
            return
        if len(line) < limit or line.endswith(b"\n"):
            yield line
            continue
        size = len(line)
        while True:
            piece = f.readline(limit)
            size += len(piece)
            if not piece or piece.endswith(b"\n"):
                break
        yield LongLine(size)


def jsonl_record(raw: bytes | LongLine, name: str, n: int) -> RawRecord | Rejection | None:
    """The record of line ``n`` (1-based) of the JSON Lines ``name``; None for a blank line."""
    stem = Path(name).name
    rid, where = f"{stem}:{n}", f"{name}:{n}"
    if isinstance(raw, LongLine):
        return Rejection(rid, where, "too_large", f"{where}: a line of {int(raw):,} bytes, over {MAX_LINE_BYTES:,}")
    if not raw.strip():
        return None
    try:
        obj = loads(raw)
    except ValueError as e:  # UnicodeDecodeError and "nested too deeply" included
        return Rejection(rid, where, "bad_record", f"{where}: invalid JSON ({str(e)[:80]})")
    return record_from_obj(obj, rid, where)


def iter_jsonl_lines(lines: Iterable[bytes | LongLine], name: str) -> Iterator[RawRecord | Rejection]:
    """Records of JSON Lines given as byte lines (or ``LongLine`` s); ``name`` prefixes ids and sources."""
    for n, raw in enumerate(lines, 1):
        rec = jsonl_record(raw, name, n)
        if rec is not None:
            yield rec


def iter_jsonl(path: Path) -> Iterator[RawRecord | Rejection]:
    """Records of a .jsonl or .jsonl.gz file, streamed; a truncated gzip ends with a "read_error" rejection."""
    with open(path, "rb") as f:
        head = f.read(4096)
    wide = wide_unicode(head) if head[:2] != b"\x1f\x8b" else None
    opener = gzip.open if head[:2] == b"\x1f\x8b" else open
    n = 0
    try:
        with opener(path, "rb") as f:
            lines: Iterable[bytes | LongLine] = bounded_lines(f)
            if wide is not None:  # UTF-16/32 JSON Lines: split the decoded text, lines as UTF-8
                text = f.read().decode(wide[0], "replace").lstrip("\ufeff")
                lines = (ln.encode("utf-8", "replace") for ln in io.StringIO(text, newline="\n"))
            for rec in iter_jsonl_lines(lines, str(path)):
                n += 1
                yield rec
    except (OSError, EOFError, zlib_error()) as e:
        yield Rejection(f"{path.name}:after-{n}", str(path), "read_error",
                        f"{path}: stream broken after {n} records ({type(e).__name__}: {e})")


def zlib_error():
    import zlib

    return zlib.error


def iter_json_array(data: bytes | str, name: str) -> Iterator[RawRecord | Rejection]:
    """Records of one JSON document: an array of objects, or a single object."""
    stem = Path(name).name
    try:
        doc = loads(data)
    except ValueError as e:  # UnicodeDecodeError and "nested too deeply" included
        yield Rejection(stem, name, "bad_record", f"{name}: invalid JSON ({str(e)[:80]})")
        return
    if isinstance(doc, dict):
        doc = [doc]
    if not isinstance(doc, list):
        yield Rejection(stem, name, "bad_record", f"{name}: JSON is neither an array nor an object")
        return
    for i, obj in enumerate(doc):
        yield record_from_obj(obj, f"{stem}[{i}]", f"{name}[{i}]")


#: Largest JSON document read once gunzipped, in bytes (``akhbar.sources.members.MAX_JSON_MEMBER_BYTES``).
MAX_JSON_BYTES = 2_000_000_000


def iter_json_file(path: Path) -> Iterator[RawRecord | Rejection]:
    """Records of a .json file (possibly gzipped; at most ``MAX_JSON_BYTES`` once gunzipped)."""
    from akhbar.gzipped import maybe_gunzip

    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        try:
            data = maybe_gunzip(data, MAX_JSON_BYTES)
        except ValueError as e:
            reason = "too_large" if "expands past" in str(e) else "read_error"
            yield Rejection(path.name, str(path), reason, f"{path}: {e}")
            return
    yield from iter_json_array(data, str(path))


class MemberError(OSError):
    """A zip member that cannot be read (bad CRC, a deflate stream that does not inflate,
    encryption, an unsupported compression method)."""


def read_member(zf: zipfile.ZipFile, member: str) -> bytes:
    """The bytes of one zip member; raises ``MemberError`` when they cannot be read, whatever
    the cause (``zlib.error``, ``BadZipFile``, ``RuntimeError`` for encryption,
    ``NotImplementedError`` for a compression method, ``lzma``/``bz2`` errors...)."""
    try:
        return zf.read(member)
    except Exception as e:
        raise MemberError(f"{type(e).__name__}: {e}".replace("\n", " ")[:200]) from e


def zip_members(zf: zipfile.ZipFile) -> list[str]:
    """The members of a zip that are read, in name order: files that
    ``akhbar.sources.members.page_member`` accepts (no folders, README/LICENSE, hidden files,
    ``__MACOSX/``)."""
    from akhbar.sources.members import page_member

    return [m for m in sorted(zf.namelist()) if not m.endswith("/") and page_member(m)]


def read_member_bounded(zf: zipfile.ZipFile, member: str) -> tuple[bytes, int]:
    """``(bytes, size)`` of one zip member, its bytes cut to its head when it is over its size
    limit (``akhbar.sources.members.read_bounded``); raises ``MemberError`` as ``read_member``."""
    from akhbar.sources.members import read_bounded

    try:
        size = zf.getinfo(member).file_size
        with zf.open(member) as fh:
            return read_bounded(fh, member, size), size
    except Exception as e:
        raise MemberError(f"{type(e).__name__}: {e}".replace("\n", " ")[:200]) from e


def iter_zip(path: Path) -> Iterator[RawRecord | Rejection]:
    """Records of every member of a zip archive, members in name order (``zip_members``): JSON
    arrays (SaudiNewsNet), JSON Lines, HTML and plain-text pages (``akhbar.sources.members``); a
    member that cannot be read is one "read_error" rejection and the next members are read."""
    from akhbar.sources.members import member_records

    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        yield Rejection(path.name, str(path), "read_error", f"{path}: not a readable zip ({e})")
        return
    with zf:
        for member in zip_members(zf):
            where = f"{path}!{member}"
            try:
                data, size = read_member_bounded(zf, member)
            except MemberError as e:
                yield Rejection(f"{path.name}!{member}", where, "read_error", f"{where}: {e}")
                continue
            # SaudiNewsNet records have no id: "<zip name>!<member>[<index>]" is stable and readable.
            yield from member_records(data, where, member, size)
