"""Bounded gunzip shared by the readers (``akhbar.sources``) and the HTML route (``akhbar.html``).

A module of its own so that readers import nothing from the extraction layers.
"""

from __future__ import annotations

import zlib

#: Default output limit of :func:`maybe_gunzip`, in bytes (the HTML route's ``MAX_HTML_SIZE``).
MAX_GUNZIP_BYTES = 20_000_000


def maybe_gunzip(data: bytes, limit: int = MAX_GUNZIP_BYTES) -> bytes:
    """Gunzip ``data`` if it starts with the gzip magic ``1f 8b``, else return it unchanged;
    at most ``limit`` bytes out.

    Raises ``ValueError`` on a corrupt or truncated stream, or output over ``limit`` bytes.
    """
    if data[:2] != b"\x1f\x8b":
        return data
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(data, limit + 1)
    except zlib.error as e:
        raise ValueError(f"corrupt gzip: {e}") from e
    if len(out) > limit:
        raise ValueError(f"gzip expands past {limit} bytes")
    if not d.eof:
        raise ValueError("truncated gzip stream")
    return out
