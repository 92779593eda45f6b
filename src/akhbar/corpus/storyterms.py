"""Index terms of story clustering: words of a title and lead, clitics stripped, stop words dropped, hashed.

Moved out of ``akhbar.corpus.stories`` (which re-exports them) so that module stays small. All functions are
pure with bounded memos and never raise. See ``akhbar.corpus.stories`` for how the terms are weighted.
"""

from __future__ import annotations

import functools
import zlib
from collections import Counter
from collections.abc import Sequence
from itertools import filterfalse
from pathlib import Path

import numpy as np

from akhbar.corpus.dedup import words

__all__ = ["BUCKETS", "bucket", "prior_df", "term_counts", "terms", "terms_from_words", "title_terms"]

_BUCKETS = 1 << 20
BUCKETS = _BUCKETS  # hash buckets of the index terms
_PREFIXES = ("وال", "فال", "بال", "كال", "لل", "ال")


@functools.cache
def _stop_words() -> frozenset[str]:
    from akhbar.quality import stop_words_search_form

    return stop_words_search_form()


def _strip(w: str) -> str:
    for p in _PREFIXES:
        if w.startswith(p) and len(w) - len(p) >= 3:
            return w[len(p) :]
    return w


def terms(title: str | None, text: str, lead_words: int = 150) -> list[str]:
    """Index terms (list of str) of an article: title words twice, then the first ``lead_words`` body words.

    Stop words and words shorter than 2 characters are dropped; clitics stripped as described above.
    """
    return terms_from_words(words(title or ""), words(text), lead_words)


def terms_from_words(title_words: list[str], body_words: list[str], lead_words: int = 150) -> list[str]:
    """:func:`terms` from the :func:`akhbar.corpus.dedup.words` of the title and of the whole body (the
    body's words are also what the duplicate signature hashes, so a worker normalizes the body once)."""
    cache = _TERMS
    if len(cache) > _TERMS_MAX:
        cache.clear()
    lead = body_words[:lead_words]
    for w in filterfalse(cache.__contains__, {*title_words, *lead}):
        _term(w)
    tw = list(filter(None, map(cache.__getitem__, title_words)))
    lt = list(filter(None, map(cache.__getitem__, lead)))
    return tw * 2 + lt


def title_terms(title_words: list[str]) -> list[str]:
    """Index terms (list of str) of a title alone, from its :func:`akhbar.corpus.dedup.words` (as in
    :func:`terms_from_words`, once)."""
    return [t for w in title_words if (t := _TERMS.get(w) if w in _TERMS else _term(w))]


#: word -> index term ("" for a stop word or a one-letter word): a memo (news vocabulary is Zipfian),
#: cleared when it passes ``_TERMS_MAX`` entries so memory stays bounded (about 30 MB).
_TERMS: dict[str, str] = {}
_TERMS_MAX = 200_000


def _term(w: str) -> str:
    t = "" if (len(w) <= 1 or w in _stop_words()) else _strip(w)
    _TERMS[w] = t
    return t


def term_counts(toks: Sequence[str]) -> dict[int, int]:
    """Term frequencies of ``toks`` by hash bucket: ``{bucket: count}`` (CRC-32 of the UTF-8 term modulo
    ``2**20``), in first-occurrence order. Pure, so it can be computed in a worker and passed to
    :meth:`StoryClusterer.add` as ``tf``."""
    cache = _BUCKET
    if len(cache) > _TERMS_MAX:
        cache.clear()
    for t in filterfalse(cache.__contains__, set(toks)):
        cache[t] = zlib.crc32(t.encode("utf-8")) & (_BUCKETS - 1)
    return dict(Counter(map(cache.__getitem__, toks)))  # counted in first-occurrence order, in C


_BUCKET: dict[str, int] = {}


def bucket(term: str) -> int:
    """The hash bucket (int, ``0 <= b < BUCKETS``) of one index term, as :func:`term_counts` computes it."""
    return zlib.crc32(term.encode("utf-8")) & (_BUCKETS - 1)


@functools.cache
def prior_df() -> tuple[np.ndarray, int]:
    """The shipped document frequencies (``akhbar/data/story_df.npz``: ``buckets``, ``counts``, ``n``) as a
    dense ``2**20`` array and the number of documents; zeros and 0 when the file is absent."""
    df = np.zeros(_BUCKETS, dtype=np.int32)
    path = Path(__file__).resolve().parents[1] / "data" / "story_df.npz"
    if not path.exists():
        return df, 0
    with np.load(path) as z:
        df[z["buckets"]] = z["counts"]
        return df, int(z["n"])
