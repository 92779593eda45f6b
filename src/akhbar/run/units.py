"""Work units: the input split into pieces that any worker can read on its own, in input order.

A run's input (files, directories, archives, standard input) is planned once, in the parent,
into a list of ``WorkUnit``\\ s. Concatenating ``read_unit(u)`` for every unit in plan order gives
exactly the records of ``akhbar.sources.iter_inputs(inputs)`` (same ids, sources, contents and
order; ``tests/test_run_units.py`` checks this on every real input kind we ship). Each unit is
read only by the worker that refines it; the parent never ships page contents.

How each input is cut (``unit_records`` = target records per unit, default ``UNIT_RECORDS``):

| input | unit | how the worker reaches its piece |
|---|---|---|
| plain JSON Lines | a range of lines ``[start, stop)`` (1-based line numbers, blank lines count) | seeks to the byte offset of its first line |
| zip of JSON arrays / JSON Lines (SaudiNewsNet) | one member, records ``[start, stop)`` | inflates and parses that member (kept for the next unit of the same member) |
| tarball of ANT files (.tar.gz, .tar.xz) | members ``[start, stop)`` (at most ``TAR_MAX_UNITS`` units per tarball) | streams the archive from its start, skipping earlier members unread, and stops after its last member |
| WARC (.warc, or .warc.gz compressed record by record, as crawlers write them) | page records ``[start, stop)``, as the byte range from the first of them to the next unit's first | seeks to its byte offset and reads records until the next unit's |
| anything else (text, HTML, loose ANT, JSON, .jsonl.gz, whole-file-gzip WARC, Parquet) | a run of consecutive whole files, at most ``unit_records`` files or ``unit_bytes`` bytes | reads those files with ``iter_inputs`` |
| standard input (``-``) | one unit carrying the bytes read by the parent | |

Planning costs one pass over line breaks of plain JSON Lines, one parse of each zip member
(to count records: about 0.1 ms per SaudiNewsNet record on this machine, under 1 % of the
per-page cost), one pass over the record headers of each WARC (payloads are skipped, not
parsed; the first record of every unit is then read again once to check that the file can be
entered there) and one listing pass over each tarball (5.4 s for the 31,526 members of ANT
v2.1's 16 MB .tar.xz), and nothing for other files. A compressed tarball cannot be entered in
the middle, so each tar unit decompresses the archive up to its first member: with
``TAR_MAX_UNITS`` = 8 units per tarball that repeats about 3.5 passes of decompression in all.
A tarball that cannot be listed to its end (truncated) is one unit, read by ``iter_inputs``.
"""

from __future__ import annotations

import io
import sys
import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from akhbar.model import RawRecord, Rejection
from akhbar.sources import expand, iter_inputs, sniff
from akhbar.sources.ant import is_ant_member as _tar_member_ok

#: Target number of input records per work unit (about 3 s of work at 11 ms per page).
UNIT_RECORDS = 256
#: Largest number of input bytes grouped into one unit of whole files.
UNIT_BYTES = 8 << 20
#: Most units a tarball is cut into (each re-decompresses the archive up to its first member).
TAR_MAX_UNITS = 8

Item = RawRecord | Rejection


@dataclass(frozen=True, slots=True)
class WorkUnit:
    """One independently readable piece of the input.

    ``index``: position in the plan (0-based; output order); ``kind``: "files" | "jsonl" | "zip" |
    "tar" | "stdin"; ``paths``: input files (one for "jsonl"/"zip"/"tar"); ``member``: zip member name;
    ``start``/``stop``: record range (0-based element index for "zip", 1-based line numbers for
    "jsonl", 0-based index among candidate members for "tar"; for "warc" ``stop`` is the byte
    offset where the next unit starts, or the file size); ``offset``: byte offset of line ``start`` ("jsonl"); ``records``: records expected
    (exact for "jsonl"/"zip", the file count for "files"); ``data``: standard input bytes ("stdin").
    """

    index: int
    kind: str  # "files" | "jsonl" | "zip" | "tar" | "warc" | "stdin"
    paths: tuple[str, ...] = ()
    member: str | None = None
    start: int = 0
    stop: int = 0
    offset: int = 0
    records: int = 0
    data: bytes | None = field(default=None, repr=False)

    def as_json(self) -> dict[str, Any]:
        """JSON-serialisable form (for the run's plan file); ``data`` is left out."""
        return {"index": self.index, "kind": self.kind, "paths": list(self.paths), "member": self.member,
                "start": self.start, "stop": self.stop, "offset": self.offset, "records": self.records}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> WorkUnit:
        """Inverse of ``as_json``."""
        return cls(index=d["index"], kind=d["kind"], paths=tuple(d["paths"]), member=d["member"],
                   start=d["start"], stop=d["stop"], offset=d["offset"], records=d["records"])


def _byte_lines(p: Path) -> bool:
    """Whether a JSON Lines file can be cut at byte offsets of its line breaks: not gzipped and
    not UTF-16/32 (``iter_jsonl`` splits those on their decoded text; cut by bytes, a UTF-16
    file's records were all rejected and one more counted)."""
    from akhbar.wideunicode import wide_unicode

    try:
        with open(p, "rb") as f:
            head = f.read(4096)
    except OSError:
        return False
    return head[:2] != b"\x1f\x8b" and wide_unicode(head) is None


def _jsonl_ranges(p: Path, n: int) -> list[tuple[int, int, int]]:
    """``(first line, stop line, byte offset of first line)`` of consecutive ranges of ``n`` lines."""
    from akhbar.sources.jsonfmt import LongLine, bounded_lines

    out: list[tuple[int, int, int]] = []
    start, offset, pos, line = 1, 0, 0, 0
    with open(p, "rb") as f:
        for raw in bounded_lines(f):  # a huge line is skipped in pieces, not held whole
            line += 1
            pos += int(raw) if isinstance(raw, LongLine) else len(raw)
            if line - start + 1 >= n:
                out.append((start, line + 1, offset))
                start, offset = line + 1, pos
    if line >= start:
        out.append((start, line + 1, offset))
    return out




def _tar_count(p: Path) -> int | None:
    """Number of candidate members of a tarball, or None when it cannot be listed to its end."""
    n = 0
    try:
        with tarfile.open(p, "r|*") as tf:
            for m in tf:
                n += _tar_member_ok(m)
    except (tarfile.TarError, OSError, EOFError, ValueError):
        return None
    return n


def _warc_id(rec: Any) -> str:
    return rec.rec_headers.get_header("WARC-Record-ID") or ""


def _warc_ranges(p: Path, n: int) -> list[tuple[int, int, int]] | None:
    """``(first byte, next unit's first byte, page records)`` of ranges of ``n`` page records of a WARC,
    or None when it cannot be split (not record-by-record seekable, truncated, unreadable)."""
    from akhbar.sources.warc import _PAGE_TYPES, archive_iterator

    starts: list[tuple[int, str]] = []
    k = 0
    try:
        size = p.stat().st_size
        with open(p, "rb") as fh:
            it = archive_iterator(fh)
            for rec in it:
                if rec.rec_type not in _PAGE_TYPES:
                    continue
                if k % n == 0:
                    starts.append((it.offset, _warc_id(rec)))
                k += 1
            if it.offset < size or k == 0:
                return None
            for off, rid in starts[1:]:  # whole-file gzip has no usable offsets: check we can enter there
                fh.seek(off)
                first = next(iter(archive_iterator(fh)), None)
                if first is None or _warc_id(first) != rid:
                    return None
    except Exception:
        return None
    bounds = [o for o, _ in starts] + [size]
    return [(bounds[i], bounds[i + 1], min(n, k - i * n)) for i in range(len(starts))]


def _zip_members(p: Path) -> list[tuple[str, int]] | None:
    """``(member, records)`` of a zip in ``iter_zip`` order, or None when it cannot be planned.
    A member that cannot be read or parsed is one record (its "read_error" or "bad_record")."""
    from akhbar.sources.jsonfmt import MemberError, loads, read_member_bounded, zip_members
    from akhbar.sources.members import is_json_member

    try:
        with zipfile.ZipFile(p) as zf:
            out = []
            for m in zip_members(zf):
                if m.lower().endswith((".jsonl", ".ndjson")):
                    return None  # rare in practice; read the whole zip as one unit
                try:
                    data, size = read_member_bounded(zf, m)
                    if len(data) < size or not is_json_member(m, data[:4096]):
                        out.append((m, -1))  # a page or a member too large: one record or one rejection
                        continue
                    doc = loads(data)
                except (MemberError, ValueError):
                    out.append((m, -1))  # one "read_error" or "bad_record" rejection
                    continue
                out.append((m, len(doc) if isinstance(doc, list) else -1))
            return out
    except Exception:  # any zip that cannot be planned is one unit, whose reader reports it
        return None


def plan_units(
    inputs: list[str | Path],
    *,
    unit_records: int = UNIT_RECORDS,
    unit_bytes: int = UNIT_BYTES,
    limit: int | None = None,
    stdin: io.BufferedIOBase | None = None,
) -> list[WorkUnit]:
    """Cut ``inputs`` into work units (see module docstring), in input order.

    Planning stops once the planned units hold ``limit`` records or more. Raises nothing on bad
    input: files that cannot be planned finely become one "files" unit, whose reader reports them.
    """
    if unit_records < 1:
        raise ValueError("unit_records must be >= 1")
    units: list[WorkUnit] = []
    group: list[str] = []
    group_bytes = 0
    planned = 0

    def add(**kw: Any) -> None:
        nonlocal planned
        units.append(WorkUnit(index=len(units), **kw))
        planned += kw.get("records", 0)

    def flush() -> None:
        nonlocal group, group_bytes
        if group:
            add(kind="files", paths=tuple(group), records=len(group))
        group, group_bytes = [], 0

    for p in expand(inputs):
        if limit is not None and planned + len(group) >= limit:
            break
        if p == "-":
            flush()
            data = (stdin or sys.stdin.buffer).read()
            add(kind="stdin", paths=("-",), data=data, records=1)
            continue
        assert isinstance(p, Path)
        kind = sniff(p)
        fine: list[dict[str, Any]] | None = None
        if kind == "jsonl" and _byte_lines(p):
            fine = [{"kind": "jsonl", "paths": (str(p),), "start": a, "stop": b, "offset": o, "records": b - a}
                    for a, b, o in _jsonl_ranges(p, unit_records)]
        elif kind == "warc":
            ranges = _warc_ranges(p, unit_records)
            if ranges is not None and len(ranges) > 1:
                fine = [{"kind": "warc", "paths": (str(p),), "offset": a, "stop": b, "records": r}
                        for a, b, r in ranges]
        elif kind == "tar":
            n = _tar_count(p)
            if n:
                step = max(unit_records, -(-n // TAR_MAX_UNITS))
                fine = [{"kind": "tar", "paths": (str(p),), "start": a, "stop": min(a + step, n),
                         "records": min(a + step, n) - a} for a in range(0, n, step)]
        elif kind == "zip":
            members = _zip_members(p)
            if members is not None:
                fine = []
                for m, n in members:
                    if n < 0:
                        fine.append({"kind": "zip", "paths": (str(p),), "member": m, "start": 0, "stop": -1, "records": 1})
                        continue
                    for a in range(0, max(n, 1), unit_records):
                        fine.append({"kind": "zip", "paths": (str(p),), "member": m, "start": a,
                                         "stop": min(a + unit_records, n), "records": min(a + unit_records, n) - a})
        if fine is not None:
            flush()
            for kw in fine:
                if limit is not None and planned >= limit:
                    break
                add(**kw)
            continue
        try:
            size = p.stat().st_size
        except OSError:
            size = 0
        if group and (len(group) >= unit_records or group_bytes + size > unit_bytes):
            flush()
        group.append(str(p))
        group_bytes += size
    flush()
    return units


# -- reading -----------------------------------------------------------------------------------

_MEMBER_CACHE: dict[str, Any] = {}


def _member_doc(path: str, member: str) -> tuple[Any, Exception | None]:
    """The parsed JSON of a zip member, or ``(None, error)``: a ``ValueError`` when it does not
    parse, another exception when it cannot be read."""
    from akhbar.sources.jsonfmt import loads, read_member

    key = f"{path}!{member}"
    if _MEMBER_CACHE.get("key") == key:
        return _MEMBER_CACHE["doc"], None
    try:
        with zipfile.ZipFile(path) as zf:
            data = read_member(zf, member)
    except Exception as e:  # not a ValueError: read_member raises MemberError (an OSError)
        return None, e if not isinstance(e, ValueError) else OSError(str(e))
    try:
        doc = loads(data)
    except ValueError as e:
        return None, e
    _MEMBER_CACHE.clear()
    _MEMBER_CACHE.update(key=key, doc=doc)  # one member per process: consecutive units share it
    return doc, None


def _zip_member_whole(path: str, member: str) -> Iterator[Item]:
    """The records of one whole zip member, as ``iter_zip`` reads it (``members.member_records``)."""
    from akhbar.sources.jsonfmt import MemberError, read_member_bounded
    from akhbar.sources.members import member_records

    where = f"{path}!{member}"
    try:
        with zipfile.ZipFile(path) as zf:
            data, size = read_member_bounded(zf, member)
    except (MemberError, OSError, zipfile.BadZipFile, KeyError) as e:
        yield Rejection(f"{Path(path).name}!{member}", where, "read_error", f"{where}: {e}")
        return
    yield from member_records(data, where, member, size)


def _read_zip(u: WorkUnit) -> Iterator[Item]:
    from akhbar.sources.jsonfmt import record_from_obj

    path, member = u.paths[0], u.member or ""
    if u.stop < 0:  # a whole member: a page, a single object, or one that cannot be read or parsed
        yield from _zip_member_whole(path, member)
        return
    where = f"{path}!{member}"
    doc, err = _member_doc(path, member)
    if err is not None and not isinstance(err, (ValueError, UnicodeDecodeError)):
        yield Rejection(f"{Path(path).name}!{member}", where, "read_error", f"{where}: {err}")
        return
    if err is not None or not isinstance(doc, list):
        yield from _zip_member_whole(path, member)
        return
    stem = Path(where).name
    for i in range(u.start, u.stop):
        yield record_from_obj(doc[i], f"{stem}[{i}]", f"{where}[{i}]")


def _read_jsonl(u: WorkUnit) -> Iterator[Item]:
    from akhbar.sources.jsonfmt import bounded_lines, jsonl_record

    path = u.paths[0]
    stem = Path(path).name
    n = u.start
    try:
        with open(path, "rb") as f:
            f.seek(u.offset)
            for raw in bounded_lines(f):
                if n >= u.stop:
                    break
                rec = jsonl_record(raw, path, n)
                if rec is not None:
                    yield rec
                n += 1
    except OSError as e:
        yield Rejection(f"{stem}:after-{n - 1}", path, "read_error",
                        f"{path}: stream broken after {n - 1} records ({type(e).__name__}: {e})")


def _read_tar(u: WorkUnit) -> Iterator[Item]:
    from akhbar.sources.ant import iter_tar

    yield from iter_tar(Path(u.paths[0]), start=u.start, stop=u.stop)


def _read_warc(u: WorkUnit) -> Iterator[Item]:
    from akhbar.sources.warc import iter_warc

    yield from iter_warc(u.paths[0], start=u.offset, stop=u.stop)


def read_unit(u: WorkUnit) -> Iterator[Item]:
    """The records of one unit, in input order (``RawRecord | Rejection``); never raises on bad input."""
    if u.kind == "files":
        yield from iter_inputs(list(u.paths))
    elif u.kind == "jsonl":
        yield from _read_jsonl(u)
    elif u.kind == "zip":
        yield from _read_zip(u)
    elif u.kind == "tar":
        yield from _read_tar(u)
    elif u.kind == "warc":
        yield from _read_warc(u)
    elif u.kind == "stdin":
        from akhbar.sources.text import iter_stdin

        yield from iter_stdin(io.BytesIO(u.data or b""))
    else:
        raise ValueError(f"unknown work unit kind {u.kind!r}")
