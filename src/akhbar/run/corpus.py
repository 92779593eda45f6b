"""Corpus passes applied to the stream of refined pages, in input order, with bounded state.

- exact and near-duplicates (``akhbar.corpus.dedup.Deduplicator``): sets ``Article.dup_of``
  and ``Article.near_dup_score``;
- story clustering (``akhbar.corpus.stories.StoryClusterer``, when present): sets ``Article.story_id``;
  a copy (``dup_of``) goes into the story of the article it copies, so duplicates and stories agree.

Only articles of role "main" are compared; related stories appended to a page are usually
copies of other pages' main stories and would otherwise mark those as duplicates.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from akhbar.model import Article, Page


class CorpusKeys(NamedTuple):
    """What the corpus passes need of one main article, computed in a worker (``corpus_keys``):
    ``sig``: dedup ``Signature`` or None; ``tf``: story term counts ``{bucket: count}`` or None;
    ``entities``: entity keys (the story lexicon pass's merge keys, plus the recognizer's canonical forms
    when ``--entities`` ran); ``numbers``, ``cues``: event numbers and event types
    (``akhbar.corpus.storykeys.event_keys``); ``title_tf``: story term counts of the title alone."""

    sig: Any
    tf: dict[int, int] | None
    entities: tuple[str, ...]
    numbers: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    title_tf: dict[int, int] | None = None


#: ``article id -> story id`` remembered for this many recent articles, so a copy joins its original's story
STORY_OF_MAX = 200_000


class CorpusPasses:
    """Stateful streaming passes; call ``process(page)`` for each accepted page in input order (or
    ``process_article`` with precomputed ``CorpusKeys``)."""

    def __init__(self, *, dedup: bool = True, stories: bool = True) -> None:
        self.dedup = None
        self.stories = None
        self.n_exact = 0
        self.n_near = 0
        self._story_of: dict[str, str] = {}
        if dedup:
            from akhbar.corpus.dedup import Deduplicator

            self.dedup = Deduplicator()
        if stories:
            from akhbar.corpus.stories import StoryClusterer

            self.stories = StoryClusterer()

    def params(self) -> dict[str, Any]:
        """What a worker needs to compute ``CorpusKeys`` (picklable dict): dedup signature parameters
        and LSH banding (``dedup``: dict or None) and the story lead length (``lead_words``: int or None)."""
        d = self.dedup
        return {
            "dedup": None if d is None else {"num_perm": d.num_perm, "shingle": d.shingle, "seed": d.seed,
                                             "min_shingles": d.min_shingles, "banding": d.banding},
            "lead_words": None if self.stories is None else self.stories.lead_words,
        }

    def process(self, page: Page) -> None:
        """Annotate the main articles of ``page`` in place (``dup_of``, ``near_dup_score``, ``story_id``)."""
        params = self.params()
        for a in page.articles:
            if a.role == "main":
                a.dup_of, a.near_dup_score, a.story_id = self.process_article(
                    a.id, story_date(a, page), a.publisher, corpus_keys(a, params))

    def process_article(self, article_id: str, published: str | None, publisher: str | None,
                        keys: CorpusKeys) -> tuple[str | None, float | None, str | None]:
        """One main article, in input order: ``(dup_of, near_dup_score, story_id)`` (each None when the
        pass is off or finds nothing). ``published``: the article's date for the story window
        (``story_date``). A copy of an article seen in the last ``STORY_OF_MAX`` articles takes that
        article's story."""
        dup_of = score = story = None
        if self.dedup is not None:
            r = self.dedup.check(article_id, sig=keys.sig)
            if r.dup_of is not None:
                dup_of, score = r.dup_of, r.score
                if r.kind == "exact":
                    self.n_exact += 1
                else:
                    self.n_near += 1
        if self.stories is not None:
            story = self._story_of.get(dup_of) if dup_of is not None else None
            if story is not None:
                self.stories.add_copy(story, published, publisher)
            else:
                story = self.stories.add(article_id, None, "", published, keys.entities, publisher,
                                         tf=keys.tf or {}, numbers=keys.numbers, cues=keys.cues,
                                         title_tf=keys.title_tf or {})
            memo = self._story_of
            memo[article_id] = story
            if len(memo) > STORY_OF_MAX:
                del memo[next(iter(memo))]  # the oldest entry (dicts keep insertion order)
        return dup_of, score, story

    def dup_counts(self) -> tuple[int, int]:
        """``(exact duplicates, near duplicates)`` seen so far."""
        return self.n_exact, self.n_near


def story_date(a: Article, page: Page) -> str | None:
    """The date that places an article in the story window (ISO string or None): its ``published``
    date, else the page's crawl date, an upper bound of the publication date. Without it, undated
    articles (69 % of SaudiNewsNet's main articles: the crawler text rarely carries a dateline) would
    match stories of any age and their stories would never leave the window."""
    return a.published or page.crawl_date


def corpus_keys(a: Article, params: dict[str, Any]) -> CorpusKeys:
    """``CorpusKeys`` of one article (pure; ``params`` from ``CorpusPasses.params``): the body is
    search-normalized once (``akhbar.corpus.dedup.words``) for both the signature and the story terms."""
    from akhbar.corpus.dedup import signature_from_words, words

    ws = words("\n".join(a.body))
    sig = None if params["dedup"] is None else signature_from_words(ws, **params["dedup"])
    tf = None
    ner = tuple(e.canonical or e.text for e in a.entities)
    if params["lead_words"] is None:
        return CorpusKeys(sig, tf, ner)
    from akhbar.corpus.stories import lead_text, term_counts, terms_from_words, title_terms
    from akhbar.corpus.storykeys import event_keys

    tw = words(a.title or "")
    tf = term_counts(terms_from_words(tw, ws, params["lead_words"]))
    ents, nums, cues = event_keys(tw, ws, lead_text(a.title, "\n".join(a.body[:6])))
    return CorpusKeys(sig, tf, tuple(dict.fromkeys(ents + ner)), nums, cues, term_counts(title_terms(tw)))


def furniture_lines(item) -> tuple[str, list[str]] | None:
    """``(site, lines)`` of a record as the first pass sees them, or None for a rejection or
    undecodable bytes. ``item``: ``RawRecord | Rejection``. A text record: decoded, ``clean_text``,
    split into lines. An HTML record (``content_type`` "text/html"): its rendered lines
    (:func:`akhbar.stages.html_corpus.html_lines`: the same lines the ``html_extract`` stage labels),
    so the ``html_furniture`` stage can drop body paragraphs repeated across a site's pages."""
    from akhbar.arabic import clean_text
    from akhbar.model import RawRecord
    from akhbar.page.decode import decode
    from akhbar.page.lines import split_lines
    from akhbar.stages.segment import site_of

    if not isinstance(item, RawRecord):
        return None
    if item.content_type == "text/html":
        from akhbar.stages.html_corpus import html_lines

        got = html_lines(item.content)
        return None if got is None else (site_of(item), got)
    if item.content_type != "text/plain":
        return None
    content = item.content
    if isinstance(content, bytes):
        try:
            content = decode(content).text
        except ValueError:
            return None
    text = clean_text(content)
    return site_of(item), [text[s:e] for s, e in split_lines(text)]


def learn_furniture(items) -> object:
    """First pass for site furniture, in this process: observe the lines of every text and HTML record, per site.

    ``items``: an iterable of ``RawRecord | Rejection`` (see ``furniture_lines`` for what is read).
    Returns a frozen ``akhbar.corpus.repeated.RepeatedLines`` to put in ``Settings.furniture`` for the
    second pass. ``refine_paths`` runs the same pass on its executor (``akhbar.run.worker.furniture_unit``:
    the hashing in the workers, the counting in input order in the parent) and gets the same table.
    Costs about one decode and one line split per record; memory is bounded per site.
    """
    from akhbar.corpus.repeated import RepeatedLines

    learner = RepeatedLines(max_entries=200_000)  # lossy counting keeps the first pass near 20 MB a site
    for it in items:
        got = furniture_lines(it)
        if got is not None:
            learner.observe(*got)
    learner.freeze()
    return learner
