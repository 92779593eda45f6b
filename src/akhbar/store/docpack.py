"""Article ``doc`` blobs of the store: the list and map fields of an article as Zstandard-compressed
JSON, with a dictionary trained on the store's first articles (moved out of
:mod:`akhbar.store.build`, which re-exports every name, to keep modules under 500 lines).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import Counter
from typing import Any

#: Bytes of the dictionary every ``doc`` is compressed with: a trained Zstandard dictionary
#: (:func:`make_doc_dict`; 64 KiB: 2% smaller docs than 32 KiB on 10,000 SaudiNewsNet articles).
DOC_DICT_BYTES = 65536
#: Bytes of the raw-content dictionary used when training fails (too few or too small docs).
RAW_DICT_BYTES = 32768
#: Zstandard level the ``doc`` dictionary is trained for (9: docs 9% smaller than 3, ``benchmarks/store_size.py``).
DOC_LEVEL = 9
#: Zstandard parameters ``doc`` is compressed with: level 9's for a few-KB doc and a 64 KiB dictionary
#: with search_log 3 (not 5) and min_match 5 (not 4): 10k SNN docs 9.59 -> 9.64 MB at half the CPU.
DOC_PARAMS = {"window_log": 17, "chain_log": 16, "hash_log": 17, "search_log": 3, "min_match": 5,
              "target_length": 16, "strategy": 5, "write_checksum": 0, "write_dict_id": 0, "write_content_size": 1}
#: Docs of the first rows a store indexes that its ``doc`` dictionary is trained on.
DOC_DICT_SAMPLES = 1000
#: List/struct/map ARTICLE_SCHEMA columns, stored together in ``doc`` (compressed JSON).
JSON_COLS = (
    "title_span", "agencies", "authors", "tags", "body", "body_spans", "related", "entities",
    "mentioned_dates", "signals",
)


def make_doc_dict(rows: list[dict[str, Any]]) -> bytes:
    """The dictionary ``doc`` is compressed with (:func:`pack_doc`), from ``rows`` (the first
    ``DOC_DICT_SAMPLES`` rows a store indexes): a Zstandard dictionary of ``DOC_DICT_BYTES`` trained on
    their docs (``zstandard.train_dictionary``, fastCOVER with fixed ``k=256, d=8, accel=5``:
    deterministic, ~0.2 CPU-s; accel 1: twice that, docs 0.06% smaller). When training fails (a handful
    of small docs), a raw-content dictionary instead: the most frequent body words of ``rows`` (most frequent last), then two docs without their body (the
    field names and signal keys every doc repeats). Empty bytes when ``rows`` has nothing to learn from."""
    import zstandard

    docs = [json.dumps(_doc_obj(r), ensure_ascii=False).encode("utf-8") for r in rows[:DOC_DICT_SAMPLES]]
    if sum(map(len, docs)) >= 8 * DOC_DICT_BYTES:  # fastCOVER wants ~10x the dictionary size of samples
        try:
            return zstandard.train_dictionary(DOC_DICT_BYTES, docs, k=256, d=8, accel=5, level=DOC_LEVEL).as_bytes()
        except zstandard.ZstdError:
            pass
    cnt: Counter[str] = Counter()
    for r in rows:
        for p in r.get("body") or []:
            if p:
                cnt.update(p.split())
    words = [w for w, n in cnt.most_common(8000) if n > 1]
    skeletons = [json.dumps({k: v for k, v in _doc_obj(r).items() if k != "body"}, ensure_ascii=False)
                 for r in rows[:2]]
    return (" ".join(reversed(words)) + "".join(skeletons)).encode("utf-8")[-RAW_DICT_BYTES:]


def doc_dict(con: sqlite3.Connection) -> bytes:
    """The store's dictionary for ``doc`` (``meta.doc_dict``; empty when it has none)."""
    r = con.execute("SELECT value FROM meta WHERE key = 'doc_dict'").fetchone()
    return bytes(r[0]) if r and r[0] else b""


def pack_doc(row: dict[str, Any], zdict: bytes = b"") -> bytes:
    """The list/map fields of an article row as Zstandard-compressed JSON (empty ones left out),
    compressed with the dictionary ``zdict`` (:func:`doc_dict`: a trained dictionary, or raw content)."""
    return _zstd(zdict)[0].compress(json.dumps(_doc_obj(row), ensure_ascii=False).encode("utf-8"))


def _doc_obj(row: dict[str, Any]) -> dict[str, Any]:
    doc = {}
    for c in JSON_COLS:
        v = row.get(c)
        if v is None or v == []:
            continue
        if isinstance(v, list) and v and isinstance(v[0], tuple) and len(v[0]) == 2:
            v = dict(v)  # pyarrow map columns come back as [(key, value), ...]
        doc[c] = v
    return doc


_ZSTD = threading.local()


def _zstd(zdict: bytes) -> tuple[Any, Any]:
    """This thread's ``(ZstdCompressor, ZstdDecompressor)`` for ``zdict`` (zstandard objects are not
    thread-safe; the dictionary is loaded once per thread and dictionary)."""
    cache = getattr(_ZSTD, "c", None)
    if cache is None:
        cache = _ZSTD.c = {}
    got = cache.get(zdict)
    if got is None:
        import zstandard

        if len(cache) >= 4:
            cache.clear()
        d = zstandard.ZstdCompressionDict(zdict) if zdict else None  # DICT_TYPE_AUTO: trained or raw content
        params = zstandard.ZstdCompressionParameters(**DOC_PARAMS)
        if d is not None:
            d.precompute_compress(compression_params=params)
        got = cache[zdict] = (
            zstandard.ZstdCompressor(dict_data=d, compression_params=params),
            zstandard.ZstdDecompressor(dict_data=d),
        )
    return got


def unpack_doc(data: bytes | None, zdict: bytes = b"") -> dict[str, Any]:
    """Inverse of :func:`pack_doc`: ``{field: value}`` for the non-empty list/map fields."""
    if not data:
        return {}
    return json.loads(_zstd(zdict)[1].decompress(data))
