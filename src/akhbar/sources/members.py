"""Archive members (zip, tar) read by what they hold, so that no member vanishes unreported.

Issue 18: a tarball of plain ``.txt``/``.html`` pages gave no record and no rejection, and every
member of a zip was parsed as JSON (a zip of HTML pages gave one "bad_record" per page).

- :func:`page_member`: whether a member is read at all. README/LICENSE members, hidden, editor
  and AppleDouble files and anything under a hidden folder or ``__MACOSX/`` are not pages (the
  rules of a directory walk, ``akhbar.sources.skip_reason``).
- :func:`member_records`: the records of one member's bytes: a ``.jsonl``/``.ndjson`` member one
  record per line, JSON content (``[`` or ``{`` first, or a ``.json`` name) one per array element
  (``jsonfmt.iter_json_array``), an HTML page or a plain-text page one record (bytes, decoded
  later; ``content_type`` "text/html" for HTML), an empty member an "empty" rejection, one over
  its limit (``member_limit``: 20 MB for a page, 2 GB for JSON) a "too_large" rejection and anything else (an image, a nested archive) a
  "binary" rejection. Never raises.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import BinaryIO

from akhbar.model import RawRecord, Rejection, content_id

#: Largest archive member read as a page, in bytes (as ``akhbar.sources.html.MAX_HTML_BYTES``);
#: larger ones are "too_large" rejections, never read into memory past their first 4 KiB.
MAX_MEMBER_BYTES = 20_000_000
#: Largest JSON or JSON Lines member (many records: a SaudiNewsNet day is up to 13 MB).
MAX_JSON_MEMBER_BYTES = 2_000_000_000
#: Bytes read first to tell what a member holds.
HEAD_BYTES = 4096


def page_member(name: str) -> bool:
    """Whether the archive member called ``name`` (a ``/``-separated path) is read (module docstring)."""
    from akhbar.sources import skip_reason

    parts = [p for p in name.split("/") if p not in ("", ".")]
    if not parts:
        return False
    base = parts[-1]
    if base.upper().startswith(("README", "LICENSE")) or skip_reason(base) is not None:
        return False
    return not any(d == "__MACOSX" or skip_reason(d, is_dir=True) for d in parts[:-1])


def is_json_member(name: str, head: bytes) -> bool:
    """Whether a member is read as one JSON document: a ``.json`` name, or ``[``/``{`` first."""
    low = name.lower()
    if low.endswith((".json", ".json.gz")):
        return True
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"[", b"{")


def member_limit(name: str, head: bytes) -> int:
    """Largest size read of a member called ``name`` starting with ``head``: ``MAX_JSON_MEMBER_BYTES``
    for JSON and JSON Lines, else ``MAX_MEMBER_BYTES``."""
    if name.lower().endswith((".jsonl", ".ndjson")) or is_json_member(name, head):
        return MAX_JSON_MEMBER_BYTES
    return MAX_MEMBER_BYTES


def read_bounded(fh: BinaryIO, name: str, size: int) -> bytes:
    """A member's bytes from its open file ``fh``, or only its first ``HEAD_BYTES`` when ``size``
    is over ``member_limit`` (``member_records`` then rejects it as "too_large")."""
    head = fh.read(HEAD_BYTES)
    if size > member_limit(name, head):
        return head
    return head + fh.read()


def member_records(raw: bytes, where: str, name: str, size: int | None = None) -> Iterator[RawRecord | Rejection]:
    """Records of one archive member (module docstring); ``where`` is its source
    (``archive!member``), ``size`` its size (``raw`` holds only its head when it is too large:
    ``read_bounded``)."""
    from akhbar.sources.html import canonical_url, sniff_kind
    from akhbar.sources.jsonfmt import bounded_lines, iter_json_array, iter_jsonl_lines

    base = name.rsplit("/", 1)[-1] or name
    size = len(raw) if size is None else size
    limit = member_limit(name, raw[:HEAD_BYTES])
    if size > limit:
        yield Rejection(base, where, "too_large", f"{where}: {size:,} bytes, over {limit:,}")
        return
    if name.lower().endswith((".jsonl", ".ndjson")):
        yield from iter_jsonl_lines(bounded_lines(io.BytesIO(raw)), where)
        return
    if is_json_member(name, raw[:4096]):
        yield from iter_json_array(raw, where)
        return
    if not raw.strip():
        yield Rejection(base, where, "empty", f"{where}: empty member")
        return
    kind = sniff_kind(raw[:4096])
    stem = base.split(".")[0] or base
    rid = f"{stem}-{content_id(raw.hex()[:4096], str(len(raw)), size=8)}"
    if kind == "html":
        yield RawRecord(id=rid, source=where, content=raw, content_type="text/html", url=canonical_url(raw))
    elif kind == "text":
        yield RawRecord(id=rid, source=where, content=raw)
    else:
        yield Rejection(base, where, "binary", f"{where}: member is {kind}, not a page")
