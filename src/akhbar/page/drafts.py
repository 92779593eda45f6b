"""The segmentation of a page's lines into article drafts: the main article and the related
stories appended after an "اقرأ أيضاً" header.

Owns the ``Seg`` (a labelled span) and ``Draft`` (indexes of one article's segments) records,
the index bookkeeping when a segment is inserted (``shift_indexes``, ``attach``), and
``DraftBuilder``, which applies rules 1-3 of ``akhbar.page.segment`` to the first-pass
``LineInfo`` list: the main title (the record's own title, else the headline above the first
body run; SEED, GOLD), body runs with intertitles, captions and inline read-also boxes (GOLD
elbaladtv, CASE), the article's tail furniture, a related article after a related header
(SEED) or a list of related links (CASE, GOLD), and the labels of lines outside every
article (GOLD tickers, most-read lists, footer menus).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from akhbar.page import lexicon as lx
from akhbar.page.lines import LineInfo
from akhbar.page.lineshape import (
    BULLET_LINE,
    TRIVIAL,
    byline_shape,
    carry_empty_leads,
    continues_body,
    dated_headline,
    headline_below,
    headline_like,
    headline_overlap,
    headline_twice_over_deck,
    list_headline,
    printed_twice,
    short_sentence,
    squash,
    tagish_tail,
    under_kicker,
)
from akhbar.page.titles import slug_line

#: Words a headline candidate needs when it shares no words with the lead (open-web development set)
MIN_BLIND_WORDS = 5


@dataclass(slots=True)
class Seg:
    """A labelled span of the page text."""

    start: int
    end: int
    label: str
    score: float = 0.5


@dataclass(slots=True)
class Draft:
    """Indexes into the segment list for one article."""

    role: str = "main"
    title: int | None = None
    body: list[int] = field(default_factory=list)
    datelines: list[int] = field(default_factory=list)
    bylines: list[int] = field(default_factory=list)
    sources: list[int] = field(default_factory=list)
    tags: list[int] = field(default_factory=list)
    related: list[int] = field(default_factory=list)
    deck: list[int] = field(default_factory=list)


def shift_indexes(drafts: list[Draft], at: int) -> None:
    for d in drafts:
        if d.title is not None and d.title >= at:
            d.title += 1
        for lst in (d.body, d.datelines, d.bylines, d.sources, d.tags, d.related, d.deck):
            for k, v in enumerate(lst):
                if v >= at:
                    lst[k] = v + 1


def attach(d: Draft, label: str, i: int) -> None:
    if label == "title" and d.title is None:
        d.title = i
        return
    {
        "byline": d.bylines,
        "dateline": d.datelines,
        "source": d.sources,
        "tags": d.tags,
        "related": d.related,
        "title": d.deck,
    }.get(label, []).append(i)


class DraftBuilder:
    def __init__(self, text: str, infos: list[LineInfo], meta_title: str | None, meta_author: str | None,
                 url: str | None = None):
        self.text = text
        self.url = url
        self.infos = infos
        self.meta_title = squash(meta_title) if meta_title else None
        self.meta_author = squash(html.unescape(meta_author)) if meta_author else None
        self.labels: list[str | None] = [None] * len(infos)
        self.owner: list[int | None] = [None] * len(infos)
        self.drafts: list[Draft] = []
        self.line_roles: dict[int, str] = {}
        #: ``(title, body_start)`` of the main article, once ``run`` found it.
        self.start: tuple[int | None, int] | None = None
        self._forced = False

    # ---------------------------------------------------------------- structure
    def run(self, start: tuple[int | None, int] | None = None) -> None:
        """Label the lines; ``start`` forces the main article's ``(title, body_start)`` (the
        learned line labeller's choice, ``akhbar.page.linemodel``) instead of the rules' choice."""
        infos = self.infos
        n = len(infos)
        if n == 0:
            return
        carry_empty_leads(infos)
        self._forced = start is not None
        if start is None:
            start = self._find_main_start()
        if start is None:
            return
        self.start = start
        t, b = start
        self._article(t, b, role="main", search_from=0)
        self._fill_unowned()
        self._smooth()

    def _smooth(self) -> None:
        """Context fixes on final labels (GOLD pages): bullets and counters take the label of
        the block they sit in; the menu block right before the copyright line is the footer."""
        infos = self.infos
        labels = self.labels
        n = len(infos)
        for i in range(1, n):
            if TRIVIAL.match(infos[i].text) and labels[i] in ("other_boilerplate", "navigation"):
                prev = labels[i - 1]
                if prev in ("share", "navigation", "footer", "related", "tags"):
                    labels[i] = prev
        last_footer = max((i for i in range(n) if labels[i] == "footer"), default=None)
        if last_footer is None:
            return
        i = last_footer - 1
        while i >= 0 and last_footer - i <= 60 and labels[i] in ("navigation", "footer", "other_boilerplate", "share") and self.owner[i] is None:
            i -= 1
        first = i + 1
        for k in range(first, n):
            if self.owner[k] is None and labels[k] in ("navigation", "other_boilerplate", "share", "related"):
                labels[k] = "footer"

    def _fill_unowned(self) -> None:
        """Lines outside every article: lists of headlines are ``related``, short links
        ``navigation``, the rest ``other_boilerplate`` (GOLD pages: tickers, most-read lists)."""
        infos = self.infos
        n = len(infos)
        i = 0
        while i < n:
            if self.labels[i] is not None:
                i += 1
                continue
            j = i
            while j < n and self.labels[j] is None:
                j += 1
            # run i..j of unowned lines
            heads = [k for k in range(i, j) if list_headline(infos[k])]
            in_list = len(heads) >= 2
            for k in range(i, j):
                li = infos[k]
                kind = li.kind
                if kind and kind not in ("dateline_candidate", "byline", "title"):
                    self.labels[k] = kind
                elif in_list and (list_headline(li) or kind == "dateline_candidate"):
                    self.labels[k] = "related"
                elif li.words <= 4 and not li.bodyish:
                    self.labels[k] = "navigation"
                else:
                    self.labels[k] = "other_boilerplate"
            i = j

    def _body_runs(self) -> list[tuple[int, int, int]]:
        """Runs ``(start, end, score)`` of body-like lines; score = characters of body-like lines.

        A run continues over at most two short non-furniture lines (intertitles, a caption)
        when body follows them."""
        infos = self.infos
        n = len(infos)
        runs = []
        i = 0
        while i < n:
            if not infos[i].bodyish:
                i += 1
                continue
            s = i
            score = 0
            j = i
            while j < n:
                lj = infos[j]
                if lj.bodyish or short_sentence(lj):
                    score += lj.end - lj.start
                    j += 1
                    continue
                if lj.kind in ("", "dateline_candidate", "other_boilerplate") and lj.words <= 25:
                    nxt = next((k for k in range(j + 1, min(n, j + 3)) if infos[k].bodyish), None)
                    if nxt is not None and all(
                        infos[k].kind in ("", "dateline_candidate", "other_boilerplate") for k in range(j, nxt)
                    ):
                        j = nxt
                        continue
                if lj.kind == "related_header":
                    k = self._inline_related_end(j)
                    if k is not None:
                        j = k
                        continue
                break
            runs.append((s, j, score))
            i = j
        return runs

    def _inline_related_end(self, j: int) -> int | None:
        """When the related header at ``j`` opens an inline read-also box inside a body (links,
        dates, then the body goes on; GOLD elbaladtv, CASE), the index of the body line after it.

        A header followed by one headline and body *about that headline* opens a related
        article instead (SEED), and None is returned."""
        infos = self.infos
        n = len(infos)
        k = next((x for x in range(j + 1, min(n, j + 9)) if infos[x].bodyish), None)
        if k is None or k == j + 1:
            return None
        between = range(j + 1, k)
        if any(infos[x].kind not in ("", "dateline_candidate", "navigation", "other_boilerplate") for x in between):
            return None
        if len(between) == 1 and headline_overlap(infos[j + 1].text, " ".join(x.text for x in infos[k : k + 2])) >= 0.25:
            return None
        return k

    def _find_main_start(self) -> tuple[int | None, int] | None:
        infos = self.infos
        n = len(infos)
        title_i = None
        if self.meta_title:
            mt = self.meta_title
            lo, hi = len(mt) * 0.8 - 2, len(mt) * 1.3 + 4
            for i, li in enumerate(infos[: min(n, 60)]):
                if lo <= len(li.text) <= hi and squash(li.text) == mt:
                    title_i = i
                    break
        body_from = title_i + 1 if title_i is not None else 0
        runs = [r for r in self._body_runs() if r[0] >= body_from]
        if runs:
            best = max(r[2] for r in runs)
            b = next(r[0] for r in runs if r[2] >= 0.5 * best)
        else:
            b = next((i for i in range(body_from, n) if infos[i].kind == "" and infos[i].words >= 3), None)
        if b is None:
            return None
        if title_i is None and not self.meta_title:
            nxt = self._body_after_headline(b)
            if nxt is not None:
                title_i, b = b, nxt
            else:
                title_i = self._title_above(b)
                if title_i is None:
                    below = headline_below(infos, b)
                    if below is not None:
                        title_i, b = below
        return title_i, b

    def _body_after_headline(self, b: int) -> int | None:
        """When the body-like line ``b`` is a headline (a question or exclamation, or ``..``
        separated clauses: ``فهل عليها كفارة أو فدية؟.. الإفتاء تجيب``, ``... ماذا قال؟``,
        ``معضلة الأسماء الـ «18»!``; open-web development set, several Egyptian, Bahraini outlets),
        the line its body starts at, else None.

        A headline: at most 20 words, no final single full stop and no full stop inside, ending in
        ``؟``/``!``, holding ``..``, or ending in a closing quote with no full stop at all
        (``بشأن امتحانات الثانوية العامة « لا تستر على أي فساد »``); the next body-like line
        follows within four lines (only lines of at most 8 words between: a byline, a label, a
        caption), is longer, and shares a third of the headline's words (a headline restates its
        lead)."""
        infos = self.infos
        li = infos[b]
        t = li.text.rstrip()
        if li.words > 20 or t.endswith(".") and not t.endswith("..") or ". " in t.replace(".. ", "").replace("... ", ""):
            return None
        if not (t[-1:] in "؟?!" or ".." in t or t[-1:] in "»”" and "." not in t):
            return None
        for k in range(b + 1, min(len(infos), b + 5)):
            lk = infos[k]
            if lk.bodyish and lk.words > 8:
                if lk.words <= li.words or lk.words < 12:
                    return None
                lead = " ".join(x.text for x in infos[k : k + 2])
                return k if headline_overlap(li.text, lead) >= 0.34 else None
            if lk.words > 8:
                return None
        return None

    def _title_above(self, b: int) -> int | None:
        """The headline above body start ``b`` (:meth:`_title_above_pick`), moved to the top of a
        block of headline lines under a speaker's kicker (``lineshape.under_kicker``)."""
        j = self._title_above_pick(b)
        return None if j is None else under_kicker(self.infos, j)

    def _title_above_pick(self, b: int) -> int | None:
        """The headline above body start ``b``.

        Candidates: headline-like, mostly Arabic lines within 20 lines above the body that are
        not bylines or list items. The candidate sharing the largest share of its words with the
        first body paragraphs wins (a headline restates the lead; a poll question, a caption or a
        ticker item does not; GOLD albayan, alyaum). Without overlap, the nearest candidate above
        the dateline (GOLD: h1, then date, caption, byline, share)."""
        infos = self.infos
        lo = max(-1, b - 20)
        cands = []
        for j in range(b - 1, lo, -1):
            lj = infos[j]
            if lj.kind in ("related_header", "footer"):
                break
            if (
                (lj.kind == "" or dated_headline(lj))
                and headline_like(lj)
                and lj.words >= 3
                and lj.arabic >= 0.6
                and not BULLET_LINE.match(lj.text)
                and not byline_shape(lj.text)
            ):
                cands.append(j)
        slugged = slug_line(self.infos, self.url, b, lo)
        if slugged is not None:
            return slugged
        if not cands:
            return None
        twice = headline_twice_over_deck(infos, cands)
        if twice is not None:
            return twice
        single = [j for j in cands if not printed_twice(self.infos, j)]
        if single:
            cands = single
        lead = " ".join(infos[k].text for k in range(b, min(len(infos), b + 4)) if infos[k].bodyish)

        def overlap(j: int) -> float:
            # a share of 1/2 from a 3-word masthead line ("رئيس مجلس الادارة") must not beat a
            # long headline that restates the lead: shares count fully from 6 words up
            share = headline_overlap(infos[j].text, lead)
            return share * min(1.0, 0.5 + infos[j].words / 12) if share >= 0.25 else share

        anchor = next(
            (j for j in range(b - 1, lo, -1)
             if infos[j].kind in ("dateline", "dateline_candidate") and not dated_headline(infos[j])), None
        )
        scored = [(overlap(j), j) for j in cands]
        if anchor is not None:
            above = [x for x in scored if x[1] < anchor and x[0] >= 0.25]
            if above:
                return max(above, key=lambda x: (x[0], x[1]))[1]
        best = max(scored, key=lambda x: (x[0], x[1]))
        if best[0] >= 0.25:
            return best[1]
        # without overlap a short line is a label or a masthead ("الثابت و الفاكس"), not a headline
        cands = [j for j in cands if infos[j].words >= MIN_BLIND_WORDS]
        if anchor is not None:
            above = [j for j in cands if j < anchor]
            if above:
                return above[0]
        return cands[0] if cands else None

    def _article(self, t: int | None, b: int, role: str, search_from: int) -> None:
        infos = self.infos
        n = len(infos)
        d = Draft(role=role, title=t)
        aidx = len(self.drafts)
        self.drafts.append(d)
        if t is not None:
            self._set(t, "title", aidx)
        # header zone between title and body
        lo = t + 1 if t is not None else max(search_from, b - 4)
        for i in range(lo, b):
            li = infos[i]
            if self.labels[i] is not None:
                continue
            k = li.kind
            if k == "dateline_candidate":
                k = "dateline"
            elif not k:
                if byline_shape(li.text):
                    k = "byline"
                elif t is not None and squash(li.text) == squash(infos[t].text):
                    k = "title"  # the headline repeated (GOLD alyaum, lbcgroup)
                elif t is not None and i == t + 1 and li.words >= 5 and role == "main":
                    k = "title"  # deck / standfirst right under the headline
                elif li.words <= 3:
                    k = "navigation"
                else:
                    k = "other_boilerplate"  # captions, "استمع", widgets
            self._set(i, k, aidx)
        # body run
        i = b
        if self._forced and role == "main":
            self._set(b, "body", aidx)  # the model's body start is body whatever its shape
            i = b + 1
        while i < n:
            li = infos[i]
            if li.kind == "" and lx.RELATED_LEAD.match(li.text) and li.words > 3 and i > b:
                self._set(i, "related", aidx)
                i += 1
                continue
            if continues_body(infos, i):
                self._set(i, "body", aidx)
                i += 1
                continue
            if li.kind == "other_boilerplate" and li.words <= 12:
                # a photo credit or caption between paragraphs: the body goes on after it
                nxt = next((x for x in range(i + 1, min(n, i + 3)) if infos[x].bodyish), None)
                if nxt is not None and all(infos[x].kind in ("", "other_boilerplate") for x in range(i, nxt)):
                    for x in range(i, nxt):
                        self._set(x, "body" if infos[x].kind == "" and continues_body(infos, x) else "other_boilerplate", aidx)
                    i = nxt
                    continue
            if li.kind == "related_header" and role == "main":
                k = self._inline_related_end(i)
                if k is not None:
                    self._set(i, "related_header", aidx)
                    for x in range(i + 1, k):
                        self._set(x, "related", aidx)
                    i = k
                    continue
            break
        # tail: furniture of this article, related links, or a related article
        while i < n:
            li = infos[i]
            k = li.kind
            if k == "related_header":
                nxt = i + 1
                if nxt < n and headline_like(infos[nxt]) and not infos[nxt].text.rstrip().endswith("."):
                    body_at = next((j for j in range(nxt + 1, min(n, nxt + 4)) if infos[j].bodyish), None)
                    if body_at is not None:
                        self._set(i, "related_header", aidx)
                        self._article(nxt, body_at, role="related", search_from=nxt)
                        return
                self._set(i, "related_header", aidx)
                i += 1
                while i < n and infos[i].kind in ("", "navigation", "dateline_candidate", "other_boilerplate") and not infos[i].bodyish and infos[i].words <= 30:
                    self._set(i, "related", aidx)
                    i += 1
                continue
            if k in ("source", "tags", "share", "ad", "footer", "navigation", "other_boilerplate", "byline"):
                self._set(i, k, aidx)
                i += 1
                continue
            if k == "dateline_candidate":
                self._set(i, "other_boilerplate", aidx)
                i += 1
                continue
            if not li.bodyish and tagish_tail(li.text, self._body_text(d)):
                self._set(i, "tags", aidx)
                i += 1
                continue
            if li.bodyish and role == "main" and i + 1 < n and continues_body(infos, i):
                # body resumed after a one-line interruption (e.g. an inline read-also)
                self._set(i, "body", aidx)
                i += 1
                continue
            break

    def _body_text(self, d: Draft) -> str:
        return " ".join(self.infos[j].text for j in d.body)

    def _set(self, i: int, label: str, aidx: int) -> None:
        self.labels[i] = label
        self.owner[i] = aidx
        d = self.drafts[aidx]
        {
            "body": d.body,
            "dateline": d.datelines,
            "byline": d.bylines,
            "source": d.sources,
            "tags": d.tags,
            "related": d.related,
        }.get(label, d.deck if label == "title" and d.title != i else [] ).append(i)
