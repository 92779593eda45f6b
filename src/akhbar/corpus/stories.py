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
* a festival greeting (Eid) joins a greeting story only when their titles name the same sender
  (``akhbar.corpus.storygate``: different ministries' Eid receptions are one template, not one event);
* when the article or the story has no date, an article that names a day of the week in its title or
  lead (``اليوم الأربعاء``) joins the story only when it names one of the days most of the story's
  day-naming articles name (``akhbar.corpus.storygate.same_weekday``): the same kind of event on another
  day is another event. Between dated articles the window decides: reports published days apart name
  different days for one story (SaudiNewsNet's labelled pairs lose 6 of 145 same-story pairs to the gate);
* stories whose newest date is more than ``window_days`` older than the newest date seen are dropped,
  so memory is bounded by the number of stories alive in one window.

The default threshold was set on the labelled SaudiNewsNet pairs of ``benchmarks/data/dedup_pairs.jsonl``
(``benchmarks/dedup_stories.py``): copies, partial copies and rewrites of one wire story must share a
story; template stories about different events (congratulation cables to different countries, daily
weather bulletins on different days) must not.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from akhbar.corpus.dedup import words
from akhbar.corpus.storygate import is_greeting, same_sender, same_weekday
from akhbar.corpus.storykeys import WEEKDAY
from akhbar.corpus.storymodel import RARE_DF, StoryModel, features, load_model
from akhbar.corpus.storyterms import BUCKETS as _BUCKETS
from akhbar.corpus.storyterms import prior_df as _prior_df
from akhbar.corpus.storyterms import term_counts, terms, terms_from_words, title_terms

__all__ = ["StoryClusterer", "lead_text", "story_table", "term_counts", "terms", "terms_from_words", "title_terms"]

_NO_KEYS = np.empty(0, dtype=np.int32)
_NO_WEIGHTS = np.empty(0, dtype=np.float64)
_MAX_STORY_KEYS = 80  # entity keys / numbers kept per story
_MAX_TITLES = 5  # title vectors kept per story (its first articles)


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
    ents: dict[str, int]  # entity key -> articles naming it
    first_day: int | None
    last_day: int | None
    born: int  # articles added before this story started (expiry of undated stories)
    size: int = 1
    nums: dict[str, int] = field(default_factory=dict)  # event number -> articles giving it
    cues: dict[str, int] = field(default_factory=dict)  # event type -> articles with its cue words
    days: dict[str, int] = field(default_factory=dict)  # weekday key -> articles naming that day
    dayed: int = 0  # articles naming any day of the week
    outlets: set[str] = field(default_factory=set)
    indexed: list[int] = field(default_factory=list)  # buckets whose postings list this story (distinct)
    first_keys: np.ndarray = field(default_factory=lambda: _NO_KEYS)  # the first article's vector
    first_weights: np.ndarray = field(default_factory=lambda: _NO_WEIGHTS)
    titles: list[dict[int, float]] = field(default_factory=list)  # title vectors of the first _MAX_TITLES articles


@dataclass(slots=True)
class _Article:
    """One article as the clusterer sees it: vector, query terms, event keys, day."""

    keys: np.ndarray
    weights: np.ndarray
    top: list[int]
    ents: frozenset[str]
    nums: frozenset[str]
    cues: frozenset[str]
    day: int | None
    title: dict[int, float] = field(default_factory=dict)  # L2-normalized TF-IDF vector of the title alone
    days: frozenset[str] = frozenset()  # weekday keys (storykeys.WEEKDAY), split from the numbers
    rare: int = -1  # the article's rare terms (computed on first use)


class StoryClusterer:
    """Online event clustering (see module docstring); deterministic for a given input order.

    ``window_days``: days between an article and a story's first and newest articles for them to match,
    and the age after which stories are dropped; ``model``: the pair scorer
    (``akhbar.corpus.storymodel.StoryModel``, default the shipped one); ``threshold``: overrides the model's
    join probability; ``lead_words``: body words used; ``centroid_terms``: terms kept per story;
    ``candidates``: query terms used to find candidate stories; ``max_posting``: a query term shared by more
    live stories than this is too common to select candidates; ``min_shared``: a candidate story must be
    listed under at least this many of the article's query terms; ``max_scored``: only the most
    cosine-similar candidates are scored; ``undated_ttl``: a story that never had a date is dropped after this
    many later articles (so undated input cannot grow memory without bound); ``prior``: start from the shipped
    document frequencies (``story_df.npz``) so the first articles of a run get sensible weights;
    ``day_gate``: apply the weekday gate (``akhbar.corpus.storygate.same_weekday``; off only to collect the
    pair scorer's training examples, ``akhbar.corpus.build_story_model.page_examples``).
    """

    def __init__(
        self,
        window_days: int = 3,
        threshold: float | None = None,
        *,
        model: StoryModel | None = None,
        lead_words: int = 150,
        centroid_terms: int = 60,
        candidates: int = 12,
        max_posting: int = 300,
        min_shared: int = 2,
        max_scored: int = 8,
        undated_ttl: int = 5000,
        prior: bool = True,
        day_gate: bool = True,
    ) -> None:
        self.window_days = window_days
        self.model = model or load_model()
        self.threshold = self.model.threshold if threshold is None else threshold
        t = min(max(self.threshold, 1e-9), 1 - 1e-9)
        self._logit_t = math.log(t / (1 - t))
        self.lead_words = lead_words
        self.centroid_terms = centroid_terms
        self.candidates = candidates
        self.max_posting = max_posting
        self.min_shared = min_shared
        self.max_scored = max_scored
        self.undated_ttl = undated_ttl
        self.day_gate = day_gate
        if prior:
            df, n = _prior_df()
            self._df, self._n = df.copy(), n
        else:
            self._df, self._n = np.zeros(_BUCKETS, dtype=np.int32), 0
        self._adds = 0
        self._stories: dict[int, _Story] = {}
        self._by_sid: dict[str, int] = {}
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

    def _cosines(self, keys: np.ndarray, weights: np.ndarray, sts: list[_Story], first: bool = False) -> np.ndarray:
        """Dot products (float64 array, one per story) of the article's vector with each story centroid (with
        each story's first article when ``first``), all at once: every story bucket is looked up in the
        article's sorted buckets. Every story vector must have at least one bucket."""
        kk = [st.first_keys for st in sts] if first else [st.keys for st in sts]
        ks = np.concatenate(kk)
        ws = np.concatenate([st.first_weights for st in sts] if first else [st.weights for st in sts])
        pos = np.searchsorted(keys, ks)
        np.minimum(pos, len(keys) - 1, out=pos)
        prod = np.where(keys[pos] == ks, weights[pos] * ws, 0.0)
        starts = np.cumsum([0] + [len(k) for k in kk[:-1]])
        return np.add.reduceat(prod, starts)

    def prepare(self, tf: dict[int, int], published: str | None, entities: Iterable[str] = (),
                numbers: Iterable[str] = (), cues: Iterable[str] = (),
                title_tf: dict[int, int] | None = None) -> _Article:
        """The article's vector and keys (updates the document frequencies and the newest day seen).
        ``title_tf``: :func:`term_counts` of the title's terms alone (its buckets are also in ``tf``)."""
        keys, weights, top = self._vector(tf)
        day = _day(published)
        if day is not None and (self._max_day is None or day > self._max_day):
            self._max_day = day
        ents = frozenset(e.strip().lower() for e in entities if e and e.strip())
        nums = frozenset(numbers)
        days = frozenset(x for x in nums if x[:1] == WEEKDAY)
        return _Article(keys, weights, top, ents, nums - days if days else nums, frozenset(cues), day,
                        self._title_vector(title_tf) if title_tf else {}, days)

    def _title_vector(self, ttf: dict[int, int]) -> dict[int, float]:
        """``{bucket: weight}``: the L2-normalized TF-IDF vector of a title's term counts (no df update)."""
        n1, df = self._n + 1, self._df
        v = {h: (1.0 + math.log(c)) * math.log(n1 / (int(df[h]) + 0.5)) for h, c in ttf.items()}
        v = {h: w for h, w in v.items() if w > 0}
        norm = math.sqrt(sum(w * w for w in v.values())) or 1.0
        return {h: w / norm for h, w in v.items()}

    def candidates_of(self, art: _Article) -> list[tuple[int, float]]:
        """Live candidate stories of ``art`` with their cosines: ``[(story index, cosine)]``, the
        ``max_scored`` most similar (ties: oldest story first)."""
        hits: Counter[int] = Counter()
        for h in art.top:
            posting = self._index.get(h)
            if posting and len(posting) <= self.max_posting:
                hits.update(posting)
        stories, window, day = self._stories, self.window_days, art.day
        live: list[int] = []
        for cid in sorted(cid for cid, n in hits.items() if n >= self.min_shared):
            st = stories.get(cid)
            if st is None or not len(st.keys):
                continue
            if day is not None and st.first_day is not None and (
                abs(day - st.first_day) > window or abs(day - st.last_day) > window
            ):
                continue
            live.append(cid)
        if live and art.title and is_greeting(art.title):  # festival greetings: one sender, one story
            live = [cid for cid in live if same_sender(art.title, stories[cid].titles)]
        if live and art.days and self.day_gate:  # undated: another day of the week is another event of its kind
            live = [cid for cid in live if (day is not None and stories[cid].first_day is not None)
                    or same_weekday(art.days, stories[cid].days, stories[cid].dayed)]
        if not live or not len(art.keys):
            return []
        cos = self._cosines(art.keys, art.weights, [stories[c] for c in live]).tolist()
        ranked = sorted(zip(live, cos, strict=True), key=lambda p: (-p[1], p[0]))
        return ranked[: self.max_scored]

    def first_cosines(self, art: _Article, cands: list[tuple[int, float]]) -> list[float]:
        """Cosine of ``art`` with the first article of each candidate story (``candidates_of``'s list); a
        story of one article (or whose first article had no terms) gets its centroid cosine."""
        stories = self._stories
        out = [cos for _, cos in cands]
        idx = [i for i, (cid, _) in enumerate(cands) if stories[cid].size > 1 and len(stories[cid].first_keys)]
        if idx:
            dots = self._cosines(art.keys, art.weights, [stories[cands[i][0]] for i in idx], first=True).tolist()
            for i, d in zip(idx, dots, strict=True):
                out[i] = d
        return out

    def features(self, art: _Article, cid: int, cos: float, cos_first: float | None = None) -> list[float]:
        """The pair features (``akhbar.corpus.storymodel.FEATURES``) of ``art`` and live story ``cid``
        (``cos_first``: from :meth:`first_cosines`, computed here when None)."""
        st = self._stories[cid]
        gap = None if art.day is None or st.first_day is None else abs(art.day - st.first_day)
        shared = np.intersect1d(art.keys, st.keys, assume_unique=True)
        lim = RARE_DF * self._n
        rare = int(np.count_nonzero(self._df[shared] <= lim)) if len(shared) else 0
        if art.rare < 0:
            art.rare = int(np.count_nonzero(self._df[art.keys] <= lim)) if len(art.keys) else 0
        rare_frac = rare / art.rare if art.rare else 0.0
        if cos_first is None:
            cos_first = self.first_cosines(art, [(cid, cos)])[0] if len(art.keys) else cos
        tv = art.title
        title_cos = max((sum(w * t.get(h, 0.0) for h, w in tv.items()) for t in st.titles), default=0.0) if tv else 0.0
        return features(cos, cos_first, title_cos, rare, art.ents, st.ents, art.nums, st.nums, art.cues, st.cues, gap,
                        self.window_days, st.size, rare_frac)

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
        numbers: Iterable[str] | None = None,
        cues: Iterable[str] | None = None,
        title_tf: dict[int, int] | None = None,
    ) -> str:
        """Assign the article to a story and return the ``story_id`` (str: id of the story's first article).

        ``tf``, ``numbers``, ``cues``, ``title_tf``: the article's :func:`term_counts` (of the title and lead,
        and of the title alone, :func:`title_terms`) and event keys (``akhbar.corpus.storykeys.event_keys``)
        when computed elsewhere (a worker); then ``title`` and ``text`` are not read. ``entities``: entity keys (the lexicon pass's, plus the recognizer's canonical
        forms when it ran).
        """
        if tf is None or numbers is None or cues is None:
            tw, bw = words(title or ""), words(text)
            if tf is None:
                tf = term_counts(terms_from_words(tw, bw, self.lead_words))
                title_tf = term_counts(title_terms(tw))
            if numbers is None or cues is None:
                from akhbar.corpus.storykeys import event_keys

                ents, nums, cue = event_keys(tw, bw, lead_text(title, text))
                entities = [*entities, *ents]
                numbers = nums if numbers is None else numbers
                cues = cue if cues is None else cues
        art = self.prepare(tf, published, entities, numbers, cues, title_tf)
        best: tuple[float, int] | None = None
        model, lt = self.model, self._logit_t
        cands = self.candidates_of(art)
        for (cid, cos), cf in zip(cands, self.first_cosines(art, cands), strict=True):
            z = model.logit(self.features(art, cid, cos, cf))
            # the most probable story; ties go to the more similar, then older one (candidates are ranked so)
            if z >= lt and (best is None or z > best[0]):
                best = (z, cid)
        return self.assign(article_id, art, None if best is None else best[1], publisher)

    def assign(self, article_id: str, art: _Article, cid: int | None, publisher: str | None) -> str:
        """Put ``art`` into live story ``cid`` (None: a new story with id ``article_id``); returns its id."""
        if cid is None:
            cid = self._next
            self._next += 1
            st = _Story(article_id, _NO_KEYS, _NO_WEIGHTS, {}, art.day, art.day, self._adds,
                        first_keys=art.keys, first_weights=art.weights)
            self._stories[cid] = st
            self._by_sid[article_id] = cid
        else:
            st = self._stories[cid]
            st.size += 1
        self._merge(cid, st, art, publisher)
        self._adds += 1
        self._adds_since_gc += 1
        if self._adds_since_gc >= 500:
            self._gc()
        return st.sid

    def add_copy(self, story_id: str, published: str | None, publisher: str | None) -> None:
        """Count a copy (``dup_of``) of an article of story ``story_id`` in that story, if it is still live:
        its dates and outlet join the story; its words add nothing to the centroid."""
        cid = self._by_sid.get(story_id)
        st = None if cid is None else self._stories.get(cid)
        self._n += 1
        self._adds += 1
        if st is None:
            return
        st.size += 1
        day = _day(published)
        if day is not None:
            if self._max_day is None or day > self._max_day:
                self._max_day = day
            st.first_day = day if st.first_day is None else min(st.first_day, day)
            st.last_day = day if st.last_day is None else max(st.last_day, day)
        if publisher:
            st.outlets.add(publisher)

    def _merge(self, cid: int, st: _Story, art: _Article, publisher: str | None) -> None:
        # centroid + article, summed per bucket; the heaviest ``centroid_terms`` kept (ties: smaller bucket)
        uk, inv = np.unique(np.concatenate([st.keys, art.keys]), return_inverse=True)
        acc = np.bincount(inv, weights=np.concatenate([st.weights, art.weights]), minlength=len(uk))
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
        if art.title and len(st.titles) < _MAX_TITLES:
            st.titles.append(art.title)
        if len(st.ents) < _MAX_STORY_KEYS:
            for e in art.ents:
                st.ents[e] = st.ents.get(e, 0) + 1
        if len(st.nums) < _MAX_STORY_KEYS:
            for x in art.nums:
                st.nums[x] = st.nums.get(x, 0) + 1
        for x in art.cues:
            st.cues[x] = st.cues.get(x, 0) + 1
        if art.days:
            st.dayed += 1
            for x in art.days:
                st.days[x] = st.days.get(x, 0) + 1
        day = art.day
        if day is not None and (st.last_day is None or day > st.last_day):
            st.last_day = day
        if day is not None and (st.first_day is None or day < st.first_day):
            st.first_day = day
        if publisher:
            st.outlets.add(publisher)

    def _gc(self) -> None:
        """Drop stories older than the window, stories that never had a date after ``undated_ttl`` articles,
        and the index entries that point to dropped stories."""
        self._adds_since_gc = 0
        limit = None if self._max_day is None else self._max_day - self.window_days
        old = self._adds - self.undated_ttl
        dead = [cid for cid, st in self._stories.items()
                if (st.last_day is None and st.born < old)
                or (limit is not None and st.last_day is not None and st.last_day < limit)]
        index = self._index
        for cid in dead:
            st = self._stories.pop(cid)
            self._by_sid.pop(st.sid, None)
            for h in st.indexed:  # every posting that ever listed this story
                posting = index.get(h)
                if posting is not None:
                    posting.discard(cid)
                    if not posting:
                        del index[h]


def lead_text(title: str | None, text: str, chars: int = 600) -> str:
    """The search-normalized title and first ``chars`` characters of the body (str), where
    ``akhbar.corpus.storykeys.numbers`` reads the event numbers."""
    from akhbar import arabic

    return arabic.normalize(f"{title or ''}\n{text[:chars]}", "search")


from akhbar.corpus.storyview import story_table
