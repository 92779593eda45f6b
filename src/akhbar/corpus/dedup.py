"""Exact and near-duplicate detection over a stream of articles (corpus pass).

Call :meth:`Deduplicator.check` once per article **in input order**; the first
occurrence of a text is the original, later copies get ``dup_of`` = the id of
that original.

* **exact**: BLAKE2b (8 bytes) of the word sequence of the *search-normalized*
  text (``akhbar.arabic.normalize(text, "search")``: diacritics, tatweel and
  bidi controls removed, alef/yeh/teh-marbuta/Persian letters folded), words
  joined by one space. Two texts that differ only in punctuation, spacing,
  harakat, tatweel or ی/ي are exact duplicates. A text with no word is never
  an exact duplicate of anything.
* **near**: MinHash (datasketch, 128 permutations, seed 1) of the set of word
  *n*-gram shingles (default 3) of the same word sequence, indexed by LSH banding
  (``b`` bands of ``r`` rows, chosen by ``datasketch.MinHashLSH``'s optimal-parameter
  search for ``threshold - LSH_MARGIN``); each band's ``r`` values are mixed into one
  64-bit band key (:func:`band_keys`, computable in a worker), and one dict per band
  maps a key to the articles that have it. Candidates (articles sharing at least one
  band key, as ``MinHashLSH.query`` returns) are kept when the Jaccard similarity
  estimated from the two signatures is ``>= threshold``. Texts with fewer than
  ``min_shingles`` shingles are never near-matched (an empty or tiny shingle
  set gives a degenerate signature that would collide with every other short
  text: ChenghaoMou/text-dedup#90, case ``dedup-arabic-shingles``).

Words are runs of letters, digits and combining marks, so a diacritized word
such as ``الصحّة`` stays one token (splitting on ``\\W`` cuts it at the shadda,
which drops Jaccard between a story and its own copy from 0.867 to 0.135 in
that case). Example::

    >>> d = Deduplicator()
    >>> d.check("a", "أعلنت وزارة الصحة اليوم ...")        # original
    DupResult(dup_of=None, score=None, kind=None)
    >>> d.check("b", "أعلنـــت وزارة الصحّة اليوم ...")     # same after normalization
    DupResult(dup_of='a', score=1.0, kind='exact')

Memory: per kept signature, ``num_perm`` 32-bit values (512 bytes at 128) plus
one dict entry per band (32 bands at the default threshold) and one 8-byte exact
hash: about 2.2 KB per article in all, against about 9 KB with ``MinHashLSH``'s dict
storage (``tracemalloc``, 9,760 SaudiNewsNet articles); nothing proportional to text
size is stored. Words are hashed with CRC-32 (``zlib.crc32`` of their UTF-8 bytes, deterministic
across processes, unlike ``hash()``; all words of a text at once with numpy,
:mod:`akhbar.corpus.wordhash`), a shingle's hash combines its words' hashes, and the shingle hashes
are mixed by datasketch's ``affine32`` permutations, whose first step is the MurmurHash3 finalizer
(``tests/test_corpus_wordhash.py`` checks the whole signature against datasketch's own update).
The signature holds a ``LeanMinHash`` (hash values and seed), what workers ship to the detector.

The default threshold (0.52 at 3-word shingles) was chosen on 135 hand-labelled
SaudiNewsNet candidate pairs (``benchmarks/data/dedup_pairs.jsonl``, scored by
``benchmarks/dedup_accuracy.py``): precision 0.982, recall 0.931 (0.50: 0.965/0.948;
0.55: 0.981/0.897).
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, NamedTuple

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from akhbar import arabic
from akhbar.corpus.dedup_dist import mix_inplace
from akhbar.corpus.wordhash import crc32_words

__all__ = ["Deduplicator", "DupResult", "Signature", "shingles", "signature", "words"]

#: A word: letters/digits/underscore (``\w``) plus Arabic combining marks (harakat U+064B–U+065F,
#: superscript alef U+0670, Quranic marks U+0610–U+061A, U+06D6–U+06ED) so diacritized words stay whole.
_WORD = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]+")

DEFAULT_THRESHOLD = 0.52
DEFAULT_MIN_SHINGLES = 5
LSH_MARGIN = 0.15


class DupResult(NamedTuple):
    """Result of :meth:`Deduplicator.check`.

    ``dup_of``: id of the original (first occurrence) or None; ``score``: Jaccard
    similarity of the word-shingle sets (1.0 for exact, MinHash estimate for near);
    ``kind``: "exact", "near" or None.
    """

    dup_of: str | None
    score: float | None
    kind: Literal["exact", "near"] | None


@dataclass(slots=True)
class Signature:
    """Precomputed, picklable per-article dedup signature (compute in a worker, pass to ``check``).

    ``exact``: 8-byte BLAKE2b of the normalized word sequence as an ``int`` (None when the text has no
    word); ``minhash``: datasketch ``LeanMinHash`` (a ``MinHash``) or None when the text has fewer than the minimum shingles;
    ``n_shingles``: size of the shingle set; ``bands``: the LSH band keys (``uint64`` array of shape
    ``(b,)``, :func:`band_keys`) when the banding was known where the signature was computed, else None
    (the detector computes them).
    """

    exact: int | None
    minhash: MinHash | None
    n_shingles: int
    bands: np.ndarray | None = None


def words(text: str) -> list[str]:
    """Words of the search-normalized ``text`` (list of str), diacritized words kept whole.

    Uses ``akhbar.arabic.normalize(text, "search")`` then the word pattern above (punctuation dropped).
    """
    return _WORD.findall(arabic.normalize(text, "search"))


def shingles(text: str, n: int = 3) -> set[str]:
    """Set of word ``n``-grams (words joined by one space) of the search-normalized ``text``.

    A text of fewer than ``n`` words yields an empty set, never a shorter shingle.

    >>> sorted(shingles("ارتفاع أسعار الذهب اليوم", 3))
    ['ارتفاع اسعار الذهب', 'اسعار الذهب اليوم']
    """
    return _shingle_list(words(text), n)


def _shingle_list(ws: list[str], n: int) -> set[str]:
    if len(ws) < n:
        return set()
    if n == 1:
        return set(ws)
    return {" ".join(ws[i : i + n]) for i in range(len(ws) - n + 1)}


_TEMPLATES: dict[tuple[int, int], MinHash] = {}

# Odd 64-bit multipliers for combining word hashes into a shingle hash (golden-ratio and
# MurmurHash3/xxHash constants); the high 32 bits of the sum are the shingle's hash.
_MULT = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x85EBCA77C2B2AE63,
     0x27D4EB2F165667C5, 0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x94D049BB133111EB],
    dtype=np.uint64,
)
# MurmurHash3 fmix32 constants (Appleby, smhasher), as in datasketch's affine32 scheme.
_F1, _F2 = np.uint32(0x85EBCA6B), np.uint32(0xC2B2AE35)
_S16, _S13 = np.uint32(16), np.uint32(13)
_CHUNK = 4096  # shingles per numpy block, bounds temporary memory to _CHUNK * num_perm * 4 bytes


def _template(num_perm: int, seed: int) -> MinHash:
    key = (num_perm, seed)
    t = _TEMPLATES.get(key)
    if t is None:
        t = _TEMPLATES[key] = MinHash(num_perm=num_perm, seed=seed)
    return t


def _shingle_hashes(ws: list[str], n: int, data: bytes | None = None) -> np.ndarray:
    """Unique 32-bit hashes (sorted ``uint32`` array) of the word ``n``-gram shingles of ``ws``.

    Each word is hashed with CRC-32 of its UTF-8 bytes (:func:`akhbar.corpus.wordhash.crc32_words`, all
    words at once; ``data``: ``" ".join(ws).encode("utf-8")`` when the caller has it); a shingle hash is
    the high 32 bits of ``sum(word_hash[i + k] * _MULT[k])`` mod 2**64, computed for all shingles at once.
    """
    if len(ws) < n:
        return np.empty(0, dtype=np.uint32)
    if data is None:
        data = " ".join(ws).encode("utf-8")
    wh = crc32_words(data)
    if len(wh) != len(ws):  # a word with a space in it (not one of ``words``): one CRC per word
        wh = np.array([zlib.crc32(w.encode("utf-8")) for w in ws], dtype=np.uint32)
    wh = wh.astype(np.uint64)
    m = len(ws) - n + 1
    acc = wh[:m] * _MULT[0]
    for k in range(1, n):
        acc += wh[k : k + m] * _MULT[k % len(_MULT)]
    return _sorted_unique((acc >> np.uint64(32)).astype(np.uint32))


def _sorted_unique(x: np.ndarray) -> np.ndarray:
    """``np.unique(x)`` of a 1-d array (sorted distinct values), by one sort and one mask."""
    if len(x) < 2:
        return x
    x = np.sort(x)
    keep = np.empty(len(x), dtype=bool)
    keep[0] = True
    np.not_equal(x[1:], x[:-1], out=keep[1:])
    return x[keep]


def _minhash_values(hv: np.ndarray, num_perm: int, seed: int) -> np.ndarray:
    """MinHash values (``uint32`` array of ``num_perm``, scheme affine32) of 32-bit element hashes ``hv``.

    Same arithmetic as ``MinHash.update_batch`` in datasketch 2.x: MurmurHash3 fmix32, then the
    affine permutations ``a * h + b`` mod 2**32 drawn from ``seed``, then the column minimum, for all
    elements at once (in blocks of ``_CHUNK``).
    """
    t = _template(num_perm, seed)
    a, b = t.permutations
    out = np.full(num_perm, 0xFFFFFFFF, dtype=np.uint32)
    for start in range(0, len(hv), _CHUNK):
        h = hv[start : start + _CHUNK]
        h = h ^ (h >> _S16)
        h *= _F1
        h ^= h >> _S13
        h *= _F2
        h ^= h >> _S16
        x = h.reshape(-1, 1) * a
        x += b
        np.minimum(out, x.min(axis=0), out=out)
    return out


def _minhash_from_hashes(hv: np.ndarray, num_perm: int, seed: int) -> LeanMinHash:
    """datasketch ``LeanMinHash`` of :func:`_minhash_values` (hash values and seed, no permutations:
    what the workers ship and the detector reads)."""
    return LeanMinHash(seed=seed, hashvalues=_minhash_values(hv, num_perm, seed), scheme="affine32")


def _minhash_of(sh: Iterable[str], num_perm: int, seed: int) -> MinHash:
    """MinHash of a set of string shingles (CRC-32 hashed); used for the public shingle API and tests."""
    hv = np.unique(np.array([zlib.crc32(s.encode("utf-8")) for s in sh], dtype=np.uint32))
    return _minhash_from_hashes(hv, num_perm, seed)


def signature(
    text: str,
    *,
    num_perm: int = 128,
    shingle: int = 3,
    seed: int = 1,
    min_shingles: int = DEFAULT_MIN_SHINGLES,
) -> Signature:
    """Compute the :class:`Signature` of ``text`` (pure function; safe in worker processes).

    The parameters must equal those of the :class:`Deduplicator` that will receive it.
    """
    return signature_from_words(words(text), num_perm=num_perm, shingle=shingle, seed=seed,
                                min_shingles=min_shingles)


def signature_from_words(
    ws: list[str],
    *,
    num_perm: int = 128,
    shingle: int = 3,
    seed: int = 1,
    min_shingles: int = DEFAULT_MIN_SHINGLES,
    banding: tuple[int, int] | None = None,
) -> Signature:
    """:func:`signature` of a text given its :func:`words` (list of str), so a caller that also needs the
    words (story clustering) normalizes the text once. ``banding``: ``(bands, rows)`` of the receiving
    detector (``Deduplicator.banding``) to precompute the band keys too."""
    data = " ".join(ws).encode("utf-8")
    hv = _shingle_hashes(ws, shingle, data)
    mh = _minhash_from_hashes(hv, num_perm, seed) if len(hv) >= min_shingles else None
    bands = band_keys(mh.hashvalues, *banding) if (mh is not None and banding is not None) else None
    exact = int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little") if ws else None
    return Signature(exact, mh, len(hv), bands)


# Odd 64-bit multipliers for mixing the rows of a band (SplitMix64 / xxHash64 primes).
_BAND_MULT = np.array([0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB, 0x9FB21C651E98DF25,
                       0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x85EBCA77C2B2AE63, 0x27D4EB2F165667C5],
                      dtype=np.uint64)
_BAND_ROWS: dict[int, np.ndarray] = {}  # rows -> the multipliers of one band


def band_keys(hashvalues: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """LSH band keys of a MinHash signature: ``uint64`` array of shape ``(bands,)``.

    Band ``i`` covers ``hashvalues[i*rows:(i+1)*rows]`` (the ranges of ``datasketch.MinHashLSH``); its
    values are multiplied by odd 64-bit constants, summed modulo 2**64 and passed through the SplitMix64
    finalizer (Steele, Lea & Flood, *Fast splittable pseudorandom number generators*, 2014), so equal
    bands give equal keys and different bands collide with probability about 2**-64.
    """
    m = _BAND_ROWS.get(rows)
    if m is None:
        m = _BAND_ROWS[rows] = np.resize(_BAND_MULT, rows)
    h = np.array(hashvalues, dtype=np.uint64)[: bands * rows].reshape(bands, rows)  # a copy: changed below
    h *= m  # integer arrays wrap modulo 2**64 without a warning (only numpy scalars warn)
    return mix_inplace(h.sum(axis=1, dtype=np.uint64))


class Deduplicator:
    """Streaming exact + near-duplicate detector (see module docstring).

    ``threshold``: minimum estimated Jaccard (0..1) of word-shingle sets for a near duplicate;
    ``num_perm``: MinHash permutations; ``shingle``: words per shingle; ``seed``: MinHash seed;
    ``min_shingles``: texts with fewer shingles are never near-matched; ``index_duplicates``: also index
    near duplicates so later texts can match them (default False: only originals are indexed, every
    duplicate is compared with originals directly, which avoids chains A~B~C linking A and C whose
    similarity is below the threshold, and keeps memory proportional to the number of originals).
    Deterministic: the same inputs in the same order give the same results.
    """

    def __init__(
        self,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        num_perm: int = 128,
        shingle: int = 3,
        seed: int = 1,
        min_shingles: int = DEFAULT_MIN_SHINGLES,
        index_duplicates: bool = True,
        chain_min: float = 0.0,
    ) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError("threshold must be in (0, 1]")
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle = shingle
        self.seed = seed
        self.min_shingles = min_shingles
        self.index_duplicates = index_duplicates
        self.chain_min = chain_min
        # The LSH banding is tuned for a lower similarity than the decision threshold, so that pairs just
        # above the threshold are almost never missed (with bands tuned at the threshold itself, a pair at
        # Jaccard 0.52 was missed about a third of the time); candidates are then verified on the signature.
        self.lsh_threshold = max(0.05, threshold - LSH_MARGIN)
        lsh = MinHashLSH(threshold=self.lsh_threshold, num_perm=num_perm)  # only for its (b, r) choice
        #: ``(bands, rows)`` of the LSH banding; pass it to ``signature_from_words(banding=...)`` in a worker
        self.banding: tuple[int, int] = (lsh.b, lsh.r)
        # one dict per band: band key -> index of the article with it, or a list of indices (several)
        self._tables: list[dict[int, int | list[int]]] = [{} for _ in range(lsh.b)]
        self._exact: dict[int, int] = {}
        self._ids: list[str] = []
        self._root: list[int] = []  # index of the original for each seen article (itself if original)
        self._sigs: list[np.ndarray | None] = []

    def __len__(self) -> int:
        return len(self._ids)

    def signature(self, text: str) -> Signature:
        """:func:`signature` with this detector's parameters."""
        return signature(
            text, num_perm=self.num_perm, shingle=self.shingle, seed=self.seed, min_shingles=self.min_shingles
        )

    def check(self, article_id: str, text: str | None = None, *, sig: Signature | None = None) -> DupResult:
        """Register one article and say whether it duplicates an earlier one.

        Pass the body ``text`` or a precomputed ``sig`` (from :func:`signature` with the same parameters).
        The original is the earliest article of the group; a near duplicate points to the root of its
        best-scoring earlier match (ties: earliest). Raises ``ValueError`` if neither text nor sig is given.
        """
        if sig is None:
            if text is None:
                raise ValueError("check() needs text or sig")
            sig = self.signature(text)
        idx = len(self._ids)
        self._ids.append(article_id)
        result = DupResult(None, None, None)
        root = idx
        if sig.exact is not None:
            first = self._exact.get(sig.exact)
            if first is None:
                self._exact[sig.exact] = idx
            else:
                root = self._root[first]
                result = DupResult(self._ids[root], 1.0, "exact")
        hv = None
        if sig.minhash is not None:
            hv = np.asarray(sig.minhash.hashvalues, dtype=np.uint32)  # values are < 2**32
            keys = (sig.bands if sig.bands is not None else band_keys(hv, *self.banding)).tolist()
            if result.kind is None:
                scored = []
                for cand in self._query(keys):
                    score = float(np.count_nonzero(hv == self._sigs[cand])) / len(hv)
                    if score >= self.threshold:
                        scored.append((-score, self._root[cand], cand))
                for neg_score, r, cand in sorted(scored):
                    # a match through an earlier duplicate must also resemble that duplicate's original
                    if r == cand or self._score(hv, r) >= self.chain_min:
                        root = r
                        result = DupResult(self._ids[r], -neg_score, "near")
                        break
            if result.kind is None or (self.index_duplicates and result.kind == "near"):
                self._insert(keys, idx)
                self._sigs.append(hv)
            else:
                self._sigs.append(None)
        else:
            self._sigs.append(None)
        self._root.append(root)
        return result

    def _query(self, keys: list[int]) -> set[int]:
        """Indices of indexed articles sharing at least one band key with ``keys``."""
        out: set[int] = set()
        for table, k in zip(self._tables, keys, strict=True):
            v = table.get(k)
            if v is None:
                continue
            if isinstance(v, int):
                out.add(v)
            else:
                out.update(v)
        return out

    def _insert(self, keys: list[int], idx: int) -> None:
        for table, k in zip(self._tables, keys, strict=True):
            v = table.get(k)
            if v is None:
                table[k] = idx
            elif isinstance(v, int):
                table[k] = [v, idx]
            else:
                v.append(idx)

    def _score(self, hv: np.ndarray, other: int) -> float:
        ohv = self._sigs[other]
        return 0.0 if ohv is None else float(np.count_nonzero(hv == ohv)) / len(hv)
