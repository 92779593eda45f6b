"""CRC-32 of every word of a text in a few numpy operations (the word hashes of the dedup shingles).

:func:`crc32_words` returns, for each space-separated word of a UTF-8 byte string, exactly
``zlib.crc32(word)`` (the IEEE 802.3 / zlib CRC-32), without a Python call per word. It rests on
the linearity of CRC over GF(2): for a message ``m`` of ``L`` bytes,

    ``crc32(m) = crc32(L zero bytes) XOR (XOR over i of T[L - 1 - i][m[i]])``

where ``T[d][x] = crc32(x followed by d zero bytes) XOR crc32(d + 1 zero bytes)`` is the change that
byte ``x`` makes when ``d`` bytes follow it. ``T[0]`` is zlib's byte table and ``T[d + 1]`` is ``T[d]``
pushed through one more zero byte (``t0[r & 0xFF] ^ (r >> 8)``, the table-driven CRC step), so the
``MAX_BYTES x 256`` table is built with 64 numpy steps the first time it is needed. A word is then
one gather ``T[distance to its end, byte]`` per byte and one ``bitwise_xor.reduceat`` per word.
Words longer than ``MAX_BYTES`` bytes (rare: long Latin tokens) are hashed by ``zlib`` one by one.

Example (``tests/test_corpus_wordhash.py`` checks random and real words against ``zlib``)::

    >>> crc32_words("وزارة الصحة".encode()).tolist() == [zlib.crc32("وزارة".encode()), zlib.crc32("الصحة".encode())]
    True

Speed (CPU time, a shared 2-core machine): about 50 us for the 380 words (4 KB) of a mean
SaudiNewsNet main article, against about 95 us for the memoized ``zlib.crc32`` per word and the
conversion of the Python ints to an array that it replaces (``benchmarks/corpus_keys_speed.py``).
"""

from __future__ import annotations

import zlib

import numpy as np

__all__ = ["MAX_BYTES", "crc32_words"]

#: Longest word (UTF-8 bytes) hashed from the table; 32 Arabic letters.
MAX_BYTES = 64

_TABLE: np.ndarray | None = None  # (MAX_BYTES + 1) * 256 uint32, row 0 all zeros (separators)
_ZEROS: np.ndarray | None = None  # crc32 of 0 .. MAX_BYTES zero bytes


def _tables() -> tuple[np.ndarray, np.ndarray]:
    global _TABLE, _ZEROS
    if _TABLE is None or _ZEROS is None:
        t = np.zeros((MAX_BYTES + 1, 256), dtype=np.uint32)
        z1 = zlib.crc32(b"\0")
        t[1] = [zlib.crc32(bytes([x])) ^ z1 for x in range(256)]
        for d in range(2, MAX_BYTES + 1):
            r = t[d - 1]
            t[d] = t[1][r & 0xFF] ^ (r >> 8)
        _ZEROS = np.array([zlib.crc32(bytes(n)) for n in range(MAX_BYTES + 1)], dtype=np.uint32)
        _TABLE = t.ravel()
    return _TABLE, _ZEROS


def crc32_words(data: bytes) -> np.ndarray:
    """``zlib.crc32`` of each word of ``data`` (``uint32`` array, one value per word, in order).

    ``data``: words joined by single spaces (byte 0x20), e.g. ``" ".join(words).encode("utf-8")``;
    every byte that is not 0x20 belongs to a word. Empty ``data`` is one empty word (CRC 0); an empty
    word (two spaces in a row, or a space at either end) gets 0, as ``zlib.crc32(b"")`` does. Data of
    1 GiB or more (past the 32-bit index arithmetic) is hashed word by word.
    Never raises on any ``bytes``.
    """
    table, zeros = _tables()
    b = np.frombuffer(data, dtype=np.uint8)
    n = len(b)
    sep = np.flatnonzero(b == 32)
    nw = len(sep) + 1
    starts = np.empty(nw, dtype=np.int32)
    starts[0] = 0
    starts[1:] = sep + 1
    ends = np.empty(nw, dtype=np.int32)
    ends[:-1] = sep
    ends[-1] = n
    lens = ends - starts
    if n == 0 or n >= 1 << 30 or not lens.all():
        return _crc32_slow(data)
    seg = lens + 1  # each word's bytes and the separator after it (none after the last word)
    seg[-1] -= 1
    # distance of each byte to the last byte of its word (separators: -1, the zero row of the table)
    d = np.repeat(ends, seg) - np.arange(n, dtype=np.int32)
    np.minimum(d, MAX_BYTES, out=d)  # too long a word is clipped here and hashed again below
    x = np.bitwise_xor.reduceat(table[d * 256 + b], starts)
    long = lens > MAX_BYTES
    x ^= zeros[np.minimum(lens, MAX_BYTES)]
    if long.any():
        for k in np.flatnonzero(long).tolist():
            x[k] = zlib.crc32(data[starts[k] : ends[k]])
    return x


def _crc32_slow(data: bytes) -> np.ndarray:
    """The same as :func:`crc32_words`, one ``zlib.crc32`` per word (for data with empty words)."""
    return np.array([zlib.crc32(w) for w in data.split(b" ")], dtype=np.uint32)
