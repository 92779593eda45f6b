"""Plain-text pages: one file (or standard input) is one page, read as bytes and decoded later."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from akhbar.model import RawRecord, Rejection, content_id

#: Largest text file read as one page, in bytes. Larger files are rejected ("too_large").
MAX_TEXT_BYTES = 20_000_000


def iter_text_file(path: Path) -> Iterator[RawRecord | Rejection]:
    """One ``RawRecord`` (bytes content) for a text file; its id is the file name plus a content hash."""
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            yield Rejection(path.name, str(path), "too_large", f"{path}: {size:,} bytes, over {MAX_TEXT_BYTES:,}")
            return
        data = path.read_bytes()
    except OSError as e:
        yield Rejection(path.name, str(path), "read_error", f"{path}: {e.strerror or e}")
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
