"""Corpus passes applied to the stream of refined pages, in input order, with bounded state.

- exact and near-duplicates (``akhbar.corpus.dedup.Deduplicator``): sets ``Article.dup_of``
  and ``Article.near_dup_score``;
- story clustering (``akhbar.corpus.stories.StoryClusterer``, when present): sets ``Article.story_id``.

Only articles of role "main" are compared; related stories appended to a page are usually
copies of other pages' main stories and would otherwise mark those as duplicates.
"""

from __future__ import annotations

from akhbar.model import Page


class CorpusPasses:
    """Stateful streaming passes; call ``process(page)`` for each accepted page in input order."""

    def __init__(self, *, dedup: bool = True, stories: bool = True) -> None:
        self.dedup = None
        self.stories = None
        self.n_exact = 0
        self.n_near = 0
        if dedup:
            from akhbar.corpus.dedup import Deduplicator

            self.dedup = Deduplicator()
        if stories:
            try:
                from akhbar.corpus.stories import StoryClusterer
            except ImportError:  # story clustering not installed in this build
                StoryClusterer = None
            if StoryClusterer is not None:
                self.stories = StoryClusterer()

    def process(self, page: Page) -> None:
        """Annotate the articles of ``page`` in place."""
        for a in page.articles:
            if a.role != "main":
                continue
            if self.dedup is not None:
                r = self.dedup.check(a.id, "\n".join(a.body))
                if r.dup_of is not None:
                    a.dup_of = r.dup_of
                    a.near_dup_score = r.score
                    if r.kind == "exact":
                        self.n_exact += 1
                    else:
                        self.n_near += 1
            if self.stories is not None:
                a.story_id = self.stories.add(
                    a.id,
                    a.title or "",
                    "\n".join(a.body),
                    a.published,
                    [e.canonical or e.text for e in a.entities],
                    a.publisher,
                )

    def dup_counts(self) -> tuple[int, int]:
        """``(exact duplicates, near duplicates)`` seen so far."""
        return self.n_exact, self.n_near


def learn_furniture(items) -> object:
    """First pass for site furniture: observe the lines of every text record, per site.

    ``items``: an iterable of ``RawRecord | Rejection`` (rejections and HTML records are skipped:
    the HTML route labels furniture from the page structure). Returns a frozen
    ``akhbar.corpus.repeated.RepeatedLines`` to put in ``Settings.furniture`` for the second pass.
    Costs about one decode and one line split per record; memory is bounded per site.
    """
    from akhbar.arabic import clean_text
    from akhbar.corpus.repeated import RepeatedLines
    from akhbar.model import RawRecord
    from akhbar.page.decode import decode
    from akhbar.page.lines import split_lines
    from akhbar.page.pipeline import site_of

    learner = RepeatedLines(max_entries=200_000)  # lossy counting keeps the first pass near 20 MB a site
    for it in items:
        if not isinstance(it, RawRecord) or it.content_type != "text/plain":
            continue
        content = it.content
        if isinstance(content, bytes):
            try:
                content = decode(content).text
            except ValueError:
                continue
        text = clean_text(content)
        learner.observe(site_of(it), [text[s:e] for s, e in split_lines(text)])
    learner.freeze()
    return learner
