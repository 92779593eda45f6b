"""The vectorized dedup signature equals its plain definition: word CRC-32s (``akhbar.corpus.wordhash``),
shingle hashes, datasketch's own MinHash update, the band keys and the exact key, computed the slow way."""

from __future__ import annotations

import hashlib
import random
import zlib

import numpy as np
import pytest
from datasketch import LeanMinHash, MinHash

from akhbar.corpus import dedup
from akhbar.corpus.dedup import Deduplicator, band_keys, signature, signature_from_words, words
from akhbar.corpus.dedup_dist import mix
from akhbar.corpus.wordhash import MAX_BYTES, crc32_words

TEXT = (
    "أعلنت وزارة الصحة، اليوم الاثنين، عن إطلاق حملة وطنية للتطعيم ضد شلل الأطفال تستهدف أكثر من مليوني "
    "طفل دون سن الخامسة في جميع المحافظات، وتستمر الحملة 5 أيام بمشاركة آلاف الفرق الطبية. COVID_19 ٢٠٢٤"
)
_ALPHABET = "ab_9\u0627\u0644\u0629\u064e\u00e9\U0001f600"


def _random_words(rng: random.Random, k: int) -> list[str]:
    sizes = [1, 2, 5, MAX_BYTES // 2 - 1, MAX_BYTES // 2, MAX_BYTES // 2 + 1, MAX_BYTES, 90]
    return ["".join(rng.choice(_ALPHABET) for _ in range(rng.choice(sizes))) for _ in range(k)]


def test_crc32_words_is_zlib_per_word() -> None:
    rng = random.Random(7)
    for _ in range(500):
        ws = _random_words(rng, rng.randint(1, 12))
        data = " ".join(ws).encode("utf-8")
        assert crc32_words(data).tolist() == [zlib.crc32(w.encode("utf-8")) for w in ws]
    for w in ("x" * MAX_BYTES, "x" * (MAX_BYTES + 1), "ب" * (MAX_BYTES // 2), "ب" * (MAX_BYTES // 2 + 1)):
        assert crc32_words(w.encode()).tolist() == [zlib.crc32(w.encode())]


@pytest.mark.parametrize("data", [b"", b" ", b"a  b", b" a", b"a ", b"  ", b"\x00 \xff\xfe"])
def test_crc32_words_empty_words_and_odd_bytes(data: bytes) -> None:
    assert crc32_words(data).tolist() == [zlib.crc32(w) for w in data.split(b" ")]


def _reference(ws: list[str], n: int = 3, num_perm: int = 128, seed: int = 1,
               min_shingles: int = 5, banding: tuple[int, int] | None = None):
    """The signature by its definition, one Python step per word and per shingle."""
    mult = [int(x) for x in dedup._MULT]
    crc = [zlib.crc32(w.encode("utf-8")) for w in ws]
    sh = {(sum(crc[i + k] * mult[k % len(mult)] for k in range(n)) % 2**64) >> 32 for i in range(len(ws) - n + 1)}
    exact = int.from_bytes(hashlib.blake2b(" ".join(ws).encode(), digest_size=8).digest(), "little") if ws else None
    if len(sh) < min_shingles:
        return exact, None, len(sh), None
    m = MinHash(num_perm=num_perm, seed=seed, hashfunc=lambda x: x)  # datasketch's own affine32 update
    m.update_batch(sorted(sh))
    hv = np.asarray(m.hashvalues, dtype=np.uint64)
    bands = None
    if banding is not None:
        b, r = banding
        with np.errstate(over="ignore"):
            bands = mix((hv[: b * r].reshape(b, r) * np.resize(dedup._BAND_MULT, r)).sum(axis=1, dtype=np.uint64))
    return exact, hv.tolist(), len(sh), None if bands is None else bands.tolist()


def _got(sig):
    return (sig.exact, None if sig.minhash is None else np.asarray(sig.minhash.hashvalues, np.uint64).tolist(),
            sig.n_shingles, None if sig.bands is None else sig.bands.tolist())


def test_signature_equals_its_definition() -> None:
    banding = Deduplicator().banding
    rng = random.Random(3)
    texts = [words(TEXT), words(TEXT)[:7], words(TEXT)[:4], [], ["وزارة"]]
    texts += [_random_words(rng, rng.randint(0, 40)) for _ in range(60)]
    for ws in texts:
        assert _got(signature_from_words(ws, banding=banding)) == _reference(ws, banding=banding)
        assert _got(signature_from_words(ws, shingle=1, num_perm=64, seed=9, min_shingles=0)) == \
            _reference(ws, n=1, num_perm=64, seed=9, min_shingles=0)


def test_words_with_spaces_or_empty_words_keep_their_own_hash() -> None:
    """``signature_from_words`` is public: words that are not ``words()`` tokens are hashed one by one."""
    for ws in (["a b", "c", "d", "e", "f", "g", "h"], ["", "x", "y", "z", "w", "v", "u"], ["a", "", "", "b", "c", "d"]):
        assert _got(signature_from_words(ws, min_shingles=1)) == _reference(ws, min_shingles=1)


def test_signature_is_lean_and_pickles_small() -> None:
    import pickle

    s = signature(TEXT)
    assert isinstance(s.minhash, LeanMinHash)
    assert s.minhash.jaccard(signature(TEXT + " إضافة").minhash) > 0.8
    assert len(pickle.dumps(s.minhash, protocol=5)) < 700


def test_band_keys_do_not_change_their_input() -> None:
    hv = np.asarray(signature(TEXT).minhash.hashvalues, dtype=np.uint64)
    before = hv.copy()
    band_keys(hv, *Deduplicator().banding)
    assert (hv == before).all()
