"""Plain-text pages: one file (or standard input) is one page, read as bytes and decoded later."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from akhbar.model import RawRecord, Rejection, content_id

#: Largest text file read as one page, in bytes. Larger files are rejected ("too_large").
MAX_TEXT_BYTES = 20_000_000


def read_file_bounded(path: Path, max_bytes: int) -> bytes | Rejection:
    """The bytes of ``path``, or a rejection: "too_large" over ``max_bytes`` bytes (checked before
    reading), "read_error" when it cannot be read. Never raises."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return Rejection(path.name, str(path), "too_large", f"{path}: {size:,} bytes, over {max_bytes:,}")
        return path.read_bytes()
    except OSError as e:
        return Rejection(path.name, str(path), "read_error", f"{path}: {e.strerror or e}")


def iter_text_file(path: Path) -> Iterator[RawRecord | Rejection]:
    """One ``RawRecord`` (bytes content) for a text file; its id is the file name plus a content hash."""
    data = read_file_bounded(path, MAX_TEXT_BYTES)
    if isinstance(data, Rejection):
        yield data
        return
    yield RawRecord(id=f"{path.stem}-{content_id(data.hex()[:4096], size=8)}", source=str(path), content=data)


def iter_stdin(stream: BinaryIO) -> Iterator[RawRecord | Rejection]:
    """Standard input as one page (or, when it starts with "{", as JSON Lines)."""
    data = stream.read(MAX_TEXT_BYTES + 1)
    if data.lstrip()[:1] == b"{":
        from akhbar.sources.jsonfmt import iter_jsonl_lines

        yield from iter_jsonl_lines(data.splitlines(), "<stdin>")
        return
    if len(data) > MAX_TEXT_BYTES:
        yield Rejection("stdin", "<stdin>", "too_large", f"<stdin>: over {MAX_TEXT_BYTES:,} bytes")
        return
    yield RawRecord(id=f"stdin-{content_id(data.hex()[:4096], size=8)}", source="<stdin>", content=data)
