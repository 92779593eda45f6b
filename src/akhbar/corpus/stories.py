"""Story clustering: articles about the same event across outlets within a time window (corpus pass).

:meth:`StoryClusterer.add` is called once per article **in input order** and returns a ``story_id``:
the id of the first article of the story, so ids are deterministic and need no counter. The approach
is the single-pass "online clustering" used for topic detection and tracking (Allan et al., *Topic
Detection and Tracking Pilot Study*, 1998; the Europe Media Monitor clusters news the same way):

* an article is a TF-IDF vector over the words of its title (counted twice) and the first
  ``lead_words`` words of its body, after ``akhbar.corpus.dedup.words`` (search-normalized Arabic,
  diacritics kept inside words), a light clitic strip (``و``/``ف``/``ب``/``ل``/``ك`` + ``ال``, then ``ال``)
  and the Arabic stop words of ``akhbar.quality`` removed; terms are hashed into ``2**20`` buckets
  (CRC-32) and document frequencies are learned online, so memory does not grow with the vocabulary;
* a story keeps the summed (then L2-normalized) vectors of its articles, truncated to its
  ``centroid_terms`` heaviest terms, its entities and its newest date;
* candidate stories are those indexed (under their ``2 * candidates`` heaviest terms) under at least
  ``min_shared`` of the article's ``candidates`` heaviest terms;
* the article joins the most similar live candidate story when ``cosine + entity_weight * entity_jaccard >=
  threshold`` and the article's date is within ``window_days`` of both the story's first and newest
  dates, so a story spans at most the window and daily template bulletins do not chain into one story
  (an article or story without a date matches on text alone; the refine run gives an undated
  article its page's crawl date, ``akhbar.run.corpus.story_date``); otherwise it starts a new story;
* stories whose newest date is more than ``window_days`` older than the newest date seen are dropped,
  so memory is bounded by the number of stories alive in one window.

The default threshold was set on the labelled SaudiNewsNet pairs of ``benchmarks/data/dedup_pairs.jsonl``
(``benchmarks/dedup_stories.py``): copies, partial copies and rewrites of one wire story must share a
story; template stories about different events (congratulation cables to different countries, daily
weather bulletins on different days) must not.
"""

from __future__ import annotations

import functools
import math
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import filterfalse
from pathlib import Path
from typing import Any

import numpy as np

from akhbar.corpus.dedup import words

__all__ = ["StoryClusterer", "story_table", "term_counts", "terms", "terms_from_words"]

_BUCKETS = 1 << 20
_NO_KEYS = np.empty(0, dtype=np.int32)
_NO_WEIGHTS = np.empty(0, dtype=np.float64)
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
    return tw * 2 + list(filter(None, map(cache.__getitem__, lead)))


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


def _day(published: str | None) -> int | None:
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


@dataclass(slots=True)
class _Story:
    sid: str
    keys: np.ndarray  # centroid buckets, ascending (int32)
    weights: np.ndarray  # their L2-normalized weights (float64), aligned with ``keys``
    ents: set[str]
    first_day: int | None
    last_day: int | None
    size: int = 1
    outlets: set[str] = field(default_factory=set)
    indexed: list[int] = field(default_factory=list)  # buckets whose postings list this story (distinct)


class StoryClusterer:
    """Online story clustering (see module docstring); deterministic for a given input order.

    ``window_days``: days between an article and a story's newest article for them to match, and the age
    after which stories are dropped; ``threshold``: minimum similarity (cosine + entity bonus, 0..~1.2);
    ``lead_words``: body words used; ``entity_weight``: weight of the entity Jaccard bonus;
    ``centroid_terms``: terms kept per story; ``candidates``: query terms used to find candidate stories;
    ``max_posting``: a query term shared by more live stories than this is too common to select candidates;
    ``min_shared``: a candidate story must be listed under at least this many of the article's query
    terms (2 halves the candidate search on all SaudiNewsNet, 305 -> 175 us per article, and changes
    0.17 % of assignments; the labelled pairs of ``benchmarks/dedup_stories.py`` are unchanged).
    """

    def __init__(
        self,
        window_days: int = 3,
        threshold: float = 0.35,
        *,
        lead_words: int = 150,
        entity_weight: float = 0.2,
        centroid_terms: int = 60,
        candidates: int = 12,
        max_posting: int = 300,
        min_shared: int = 2,
    ) -> None:
        self.window_days = window_days
        self.threshold = threshold
        self.lead_words = lead_words
        self.entity_weight = entity_weight
        self.centroid_terms = centroid_terms
        self.candidates = candidates
        self.max_posting = max_posting
        self.min_shared = min_shared
        self._df = np.zeros(_BUCKETS, dtype=np.int32)
        self._n = 0
        self._stories: dict[int, _Story] = {}
        self._index: dict[int, set[int]] = {}
        self._next = 0
        self._max_day: int | None = None
        self._adds_since_gc = 0

    def __len__(self) -> int:
        """Number of live stories."""
        return len(self._stories)

    def _vector(self, tf: dict[int, int]) -> tuple[np.ndarray, np.ndarray, list[int]]:
        """The article's L2-normalized TF-IDF vector as ``(buckets ascending, weights)`` (positive weights
        only) and its ``candidates`` heaviest buckets (ties: smaller bucket first); updates the document
        frequencies."""
        self._n += 1
        if not tf:
            return _NO_KEYS, _NO_WEIGHTS, []
        hs = np.fromiter(tf.keys(), dtype=np.int32, count=len(tf))
        cs = np.fromiter(tf.values(), dtype=np.float64, count=len(tf))
        # document frequencies first, so a term's weight never depends on whether it was seen before
        self._df[hs] += 1  # the buckets of one article are distinct
        w = (1.0 + np.log(cs)) * np.log((self._n + 1) / (self._df[hs] + 0.5))
        norm = math.sqrt(float(np.dot(w, w))) or 1.0
        keep = w > 0
        hs, w = hs[keep], w[keep] / norm
        top = hs[np.lexsort((hs, -w))[: self.candidates]].tolist()
        order = np.argsort(hs, kind="stable")
        return hs[order], w[order], top

    def _cosines(self, keys: np.ndarray, weights: np.ndarray, sts: list[_Story]) -> np.ndarray:
        """Dot products (float64 array, one per story) of the article's vector with each story centroid,
        all at once: every centroid bucket is looked up in the article's sorted buckets."""
        ks = np.concatenate([st.keys for st in sts])
        ws = np.concatenate([st.weights for st in sts])
        pos = np.searchsorted(keys, ks)
        np.minimum(pos, len(keys) - 1, out=pos)
        prod = np.where(keys[pos] == ks, weights[pos] * ws, 0.0)
        starts = np.cumsum([0] + [len(st.keys) for st in sts[:-1]])  # every centroid has at least one bucket
        return np.add.reduceat(prod, starts)

    def add(
        self,
        article_id: str,
        title: str | None,
        text: str,
        published: str | None,
        entities: Iterable[str] = (),
        publisher: str | None = None,
        *,
        tf: dict[int, int] | None = None,
    ) -> str:
        """Assign the article to a story and return the ``story_id`` (str: id of the story's first article).

        ``tf``: the article's :func:`term_counts` of its :func:`terms` when computed elsewhere (a worker);
        then ``title`` and ``text`` are not read.
        """
        if tf is None:
            tf = term_counts(terms(title, text, self.lead_words))
        keys, weights, top = self._vector(tf)
        ents = {e.strip().lower() for e in entities if e and e.strip()}
        day = _day(published)
        if day is not None and (self._max_day is None or day > self._max_day):
            self._max_day = day
        hits: Counter[int] = Counter()
        for h in top:
            posting = self._index.get(h)
            if posting and len(posting) <= self.max_posting:
                hits.update(posting)
        cands = [cid for cid, n in hits.items() if n >= self.min_shared]
        best: tuple[float, int] | None = None
        stories, window, threshold = self._stories, self.window_days, self.threshold
        live: list[int] = []
        for cid in sorted(cands):
            st = stories.get(cid)
            if st is None or not len(st.keys):
                continue
            if day is not None and st.first_day is not None and (
                abs(day - st.first_day) > window or abs(day - st.last_day) > window
            ):
                continue
            live.append(cid)
        if live and len(keys):
            sts = [stories[cid] for cid in live]
            for cid, st, cos in zip(live, sts, self._cosines(keys, weights, sts).tolist(), strict=True):
                if ents and st.ents:
                    cos += self.entity_weight * len(ents & st.ents) / len(ents | st.ents)
                # the most similar story; ties go to the oldest (smallest id: candidates are in id order)
                if cos >= threshold and (best is None or cos > best[0]):
                    best = (cos, cid)
        if best is None:
            cid = self._next
            self._next += 1
            st = _Story(article_id, _NO_KEYS, _NO_WEIGHTS, set(), day, day)
            self._stories[cid] = st
        else:
            cid = best[1]
            st = self._stories[cid]
            st.size += 1
        self._merge(cid, st, keys, weights, ents, day, publisher)
        self._adds_since_gc += 1
        if self._adds_since_gc >= 500:
            self._gc()
        return st.sid

    def _merge(self, cid: int, st: _Story, keys: np.ndarray, weights: np.ndarray, ents: set[str],
               day: int | None, publisher: str | None) -> None:
        # centroid + article, summed per bucket; the heaviest ``centroid_terms`` kept (ties: smaller bucket)
        uk, inv = np.unique(np.concatenate([st.keys, keys]), return_inverse=True)
        acc = np.bincount(inv, weights=np.concatenate([st.weights, weights]), minlength=len(uk))
        order = np.lexsort((uk, -acc))[: self.centroid_terms]
        kk, kw = uk[order], acc[order]
        norm = math.sqrt(float(np.dot(kw, kw))) or 1.0
        by_key = np.argsort(kk, kind="stable")
        st.keys, st.weights = kk[by_key], kw[by_key] / norm
        index = self._index
        for h in kk[: self.candidates * 2].tolist():
            posting = index.get(h)
            if posting is None:
                index[h] = {cid}
                st.indexed.append(h)
            elif cid not in posting:
                posting.add(cid)
                st.indexed.append(h)
        if len(st.ents) < 200:
            st.ents |= ents
        if day is not None and (st.last_day is None or day > st.last_day):
            st.last_day = day
        if day is not None and (st.first_day is None or day < st.first_day):
            st.first_day = day
        if publisher:
            st.outlets.add(publisher)

    def _gc(self) -> None:
        """Drop stories older than the window and index entries that point to dropped stories."""
        self._adds_since_gc = 0
        if self._max_day is None:
            return
        limit = self._max_day - self.window_days
        dead = [cid for cid, st in self._stories.items() if st.last_day is not None and st.last_day < limit]
        if not dead:
            return
        index = self._index
        for cid in dead:
            for h in self._stories.pop(cid).indexed:  # every posting that ever listed this story
                posting = index.get(h)
                if posting is not None:
                    posting.discard(cid)
                    if not posting:
                        del index[h]


def story_table(articles_parquet_path: str | Path) -> list[dict[str, Any]]:
    """Story clusters of an ``articles.parquet`` (columns ``id, title, publisher, published, story_id``).

    Returns a list of dicts ``{story_id, size, outlets, first_date, last_date, title}``, largest story first
    (ties: earliest first date, then story id). ``outlets`` is the sorted list of distinct publishers;
    dates are ``YYYY-MM-DD`` (None when no article has one); ``title`` is the title of the story's first
    article (the one whose id is the story id), else the first non-empty title. Articles without a
    ``story_id`` are their own story. Raises ``FileNotFoundError`` if the file is missing.
    """
    import pyarrow.parquet as pq

    cols = ["id", "title", "publisher", "published", "story_id"]
    table = pq.read_table(articles_parquet_path, columns=cols).to_pydict()
    groups: dict[str, dict[str, Any]] = {}
    for aid, title, pub, published, sid in zip(*(table[c] for c in cols)):
        sid = sid or aid
        g = groups.get(sid)
        if g is None:
            g = groups[sid] = {"story_id": sid, "size": 0, "outlets": set(), "dates": [], "title": None,
                               "first_title": None}
        g["size"] += 1
        if pub:
            g["outlets"].add(pub)
        if published and len(published) >= 10:
            g["dates"].append(published[:10])
        if title and g["first_title"] is None:
            g["first_title"] = title
        if aid == sid and title:
            g["title"] = title
    out = []
    for g in groups.values():
        out.append({
            "story_id": g["story_id"],
            "size": g["size"],
            "outlets": sorted(g["outlets"]),
            "first_date": min(g["dates"]) if g["dates"] else None,
            "last_date": max(g["dates"]) if g["dates"] else None,
            "title": g["title"] or g["first_title"],
        })
    out.sort(key=lambda r: (-r["size"], r["first_date"] or "9999", r["story_id"]))
    return out
