"""Label every line of a page in context and group the lines into articles.

Input: the page text and its first-pass ``LineInfo`` list (``akhbar.page.lines``).
Output: the final list of labelled segments (a physical line may be split in two or
three segments when crawler text glued furniture to a sentence: a share bar or a
``NAME- سبق- جدة:`` byline before the first sentence, a back-link or an SMS
subscription line after the last one) and one ``Draft`` per article found.

The rules, in order, and the pages that justify them:

1. The main title is the line equal to the record's own title when one is given
   (SNN, ANT), else the last headline-like line before the first body run (SEED,
   GOLD renderings).
2. A body run starts at the first body-like line (>= 12 words, or a punctuated
   sentence) after the title and continues through body-like lines and short lines
   followed by body (intertitles), until a line the phrase tables mark as furniture
   (source, tags, share, related header, footer, subscription).
3. After a body run, a related header ("اقرأ أيضاً") followed by a headline and a
   body run opens a related article (SEED); followed by headlines only, it is a list
   of related links of the current article (CASE, GOLD).
4. Furniture fused to the first or last body line is cut off as its own segment
   (SNN gold: okaz share bar, sabq bylines, alweeam back-links, okaz/almadina SMS
   lines, aawsat "...المزيد", 3alyoum "سمات" tag lists).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from akhbar.page import lexicon as lx
from akhbar.page.lines import LineInfo

_SPACE = re.compile(r"\s+")


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


def _squash(s: str) -> str:
    return _SPACE.sub(" ", s).strip()


def _headline_like(li: LineInfo) -> bool:
    return li.kind in ("", "dateline_candidate") and 2 <= li.words <= 40 and not li.text.endswith(":")


def _continues_body(infos: list[LineInfo], i: int) -> bool:
    li = infos[i]
    if li.bodyish:
        return True
    if li.kind in ("", "dateline_candidate", "byline") and li.words <= 14:
        # intertitle or short paragraph: body when body follows
        nxt = next((x for x in infos[i + 1 : i + 3] if x.kind != "other_boilerplate"), None)
        return nxt is not None and nxt.bodyish
    return li.kind == "" and li.words > 14


class _Builder:
    def __init__(self, text: str, infos: list[LineInfo], meta_title: str | None, meta_author: str | None):
        self.text = text
        self.infos = infos
        self.meta_title = _squash(meta_title) if meta_title else None
        self.meta_author = _squash(html.unescape(meta_author)) if meta_author else None
        self.labels: list[str | None] = [None] * len(infos)
        self.owner: list[int | None] = [None] * len(infos)
        self.drafts: list[Draft] = []
        self.line_roles: dict[int, str] = {}

    # ---------------------------------------------------------------- structure
    def run(self) -> None:
        infos = self.infos
        n = len(infos)
        if n == 0:
            return
        _carry_empty_leads(infos)
        start = self._find_main_start()
        if start is None:
            return
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
            if _TRIVIAL.match(infos[i].text) and labels[i] in ("other_boilerplate", "navigation"):
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
            heads = [k for k in range(i, j) if _list_headline(infos[k])]
            in_list = len(heads) >= 2
            for k in range(i, j):
                li = infos[k]
                kind = li.kind
                if kind and kind not in ("dateline_candidate", "byline", "title"):
                    self.labels[k] = kind
                elif in_list and (_list_headline(li) or kind == "dateline_candidate"):
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
                if lj.bodyish:
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
        if len(between) == 1 and _overlap(infos[j + 1].text, " ".join(x.text for x in infos[k : k + 2])) >= 0.25:
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
                if lo <= len(li.text) <= hi and _squash(li.text) == mt:
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
            title_i = self._title_above(b)
        return title_i, b

    def _title_above(self, b: int) -> int | None:
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
                lj.kind == ""
                and _headline_like(lj)
                and lj.words >= 3
                and lj.arabic >= 0.6
                and not _BULLET_LINE.match(lj.text)
                and not _byline_shape(lj.text)
            ):
                cands.append(j)
        if not cands:
            return None
        lead = " ".join(infos[k].text for k in range(b, min(len(infos), b + 4)) if infos[k].bodyish)

        def overlap(j: int) -> float:
            return _overlap(infos[j].text, lead)

        anchor = next(
            (j for j in range(b - 1, lo, -1) if infos[j].kind in ("dateline", "dateline_candidate")), None
        )
        scored = [(overlap(j), j) for j in cands]
        if anchor is not None:
            above = [x for x in scored if x[1] < anchor and x[0] >= 0.25]
            if above:
                return max(above, key=lambda x: (x[0], x[1]))[1]
        best = max(scored, key=lambda x: (x[0], x[1]))
        if best[0] >= 0.25:
            return best[1]
        if anchor is not None:
            above = [j for j in cands if j < anchor]
            if above:
                return above[0]
        return cands[0]

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
                if _byline_shape(li.text):
                    k = "byline"
                elif t is not None and _squash(li.text) == _squash(infos[t].text):
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
        while i < n:
            li = infos[i]
            if li.kind == "" and lx.RELATED_LEAD.match(li.text) and li.words > 3 and i > b:
                self._set(i, "related", aidx)
                i += 1
                continue
            if _continues_body(infos, i):
                self._set(i, "body", aidx)
                i += 1
                continue
            if li.kind == "other_boilerplate" and li.words <= 12:
                # a photo credit or caption between paragraphs: the body goes on after it
                nxt = next((x for x in range(i + 1, min(n, i + 3)) if infos[x].bodyish), None)
                if nxt is not None and all(infos[x].kind in ("", "other_boilerplate") for x in range(i, nxt)):
                    for x in range(i, nxt):
                        self._set(x, "body" if infos[x].kind == "" and _continues_body(infos, x) else "other_boilerplate", aidx)
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
                if nxt < n and _headline_like(infos[nxt]) and not infos[nxt].text.rstrip().endswith("."):
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
            if not li.bodyish and _tagish_tail(li.text, self._body_text(d)):
                self._set(i, "tags", aidx)
                i += 1
                continue
            if li.bodyish and role == "main" and i + 1 < n and _continues_body(infos, i):
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


_BULLET_LINE = re.compile(r"^[*+•·]\s")
_TRIVIAL = re.compile(r"^[\W\d_]*$")
_EMPTY_LEAD = {"tags": lx.TAGS_LEAD, "source": lx.SOURCE_LEAD}


def _carry_empty_leads(infos: list[LineInfo]) -> None:
    """A lead with nothing after it ("الموضوع:", "المصدر:") labels the short lines under it
    (GOLD sputnik: "الموضوع:" then "فيروس "كورونا" ( 423 )"; albayan: "المصدر:" then
    "* (أبوظبي - البيان)")."""
    for i, li in enumerate(infos):
        rx = _EMPTY_LEAD.get(li.kind)
        if rx is None:
            continue
        m = rx.match(li.text)
        if not m or li.text[m.end() :].strip(" *:•"):
            continue
        limit = 1 if li.kind == "source" else 6
        for x in infos[i + 1 : i + 1 + limit]:
            if x.kind not in ("", "navigation") or x.bodyish or x.words > 8:
                break
            x.kind = li.kind
_WORDS = re.compile(r"\w+")


def _overlap(headline: str, text: str) -> float:
    """Share of the headline's words (3+ letters, search form) that occur in ``text``."""
    from akhbar.arabic import normalize

    words = {w for w in _WORDS.findall(normalize(text, "search")) if len(w) > 2}
    ws = [w for w in _WORDS.findall(normalize(headline, "search")) if len(w) > 2]
    return sum(1 for w in ws if w in words) / len(ws) if ws else 0.0


def _list_headline(li: LineInfo) -> bool:
    """A line that looks like an item of a list of headlines (3-30 words, no final period)."""
    w = li.words - (1 if _BULLET_LINE.match(li.text) else 0)
    return li.kind in ("", "navigation") and 4 <= w <= 30 and not li.text.rstrip().endswith((".", ":"))


def _byline_shape(t: str) -> bool:
    """``NAME - PLACE`` / ``PLACE ـ NAME`` / ``عين اليوم – متابعات``: 2-7 words around one dash."""
    if len(t) > 60:
        return False
    parts = [p for p in re.split(r"\s*[-–—ـ]\s*", t) if p.strip()]
    return 2 <= len(parts) <= 4 and all(1 <= len(p.split()) <= 4 for p in parts) and not re.search(r"[.،,؟?!]", t)


_TOKEN = re.compile(r"\S+")


def _tagish_tail(line: str, body: str) -> bool:
    """A short unpunctuated tail line whose words mostly occur in the body: a tag list (SEED)."""
    rest = lx.UI_PREFIX.sub("", line)
    words = rest.split()
    if not (1 <= len(words) <= 20) or re.search(r"[.،؟?!]", rest):
        return False
    if rest == line and len(words) < 2:
        return False
    from akhbar.arabic import normalize

    nb = set(normalize(body, "search").split())
    hits = sum(1 for w in words if normalize(w, "search") in nb)
    return hits / len(words) >= 0.4


def build(text: str, infos: list[LineInfo], *, meta_title: str | None = None, meta_author: str | None = None):
    """Label lines in context; return ``(segments, drafts)`` (see module docstring)."""
    bld = _Builder(text, infos, meta_title, meta_author)
    bld.run()
    segs = [Seg(li.start, li.end, lab or "other_boilerplate") for li, lab in zip(infos, bld.labels)]
    drafts = bld.drafts
    if drafts:
        _split_fused(text, segs, drafts, bld)
        _split_related_runs(text, segs, drafts)
    return segs, drafts


# ---------------------------------------------------------------------------- glued related lines
_ARABIC_RUN = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u064b-\u0652]{7,}")
_QUOTE_GLUE = re.compile(r'(?<=["”»])(?=["“«])')
_SENT_TAIL = re.compile(r'[.!؟?]["”»]?\s*$')


def split_glued_run(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the pieces of ``text[start:end]``, a run of headlines a crawler glued together.

    Boundaries: a closing quote directly followed by an opening quote (SEED ``لإلغائها""الحوار``)
    and a long word that is two frequent words glued (``الاتهاماتأوربان``; see
    ``akhbar.page.wordlist.split_glued``, with the page's own words as extra vocabulary).
    """
    from akhbar.page.wordlist import split_glued

    vocab = set(re.findall(r"[\u0621-\u064a\u0671-\u06d3]+", text))
    cuts = {m.start() for m in _QUOTE_GLUE.finditer(text, start, end)}
    for m in _ARABIC_RUN.finditer(text, start, end):
        w = m.group()
        v = vocab if text.count(w) <= 1 else vocab | {w}
        parts = split_glued(w, v - {w})
        if len(parts) == 2:
            cuts.add(m.start() + len(parts[0]))
    spans = []
    prev = start
    for c in sorted(cuts):
        if c > prev:
            spans.append((prev, c))
        prev = c
    spans.append((prev, end))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _split_related_runs(text: str, segs: list[Seg], drafts: list[Draft]) -> None:
    """A "Related <headline><headline>...<sentence>." line inside a body run (SEED): the headlines
    stay a ``related`` segment, a trailing sentence glued after them goes back to the body."""
    for d in drafts:
        for j in list(d.related):
            sg = segs[j]
            m = lx.RELATED_LEAD.match(text[sg.start : sg.end])
            if not m or not d.body or not (d.body[0] < j < d.body[-1] or j == d.body[-1] + 1):
                continue
            pieces = split_glued_run(text, sg.start + m.end(), sg.end)
            if len(pieces) < 2:
                continue
            ls, le = pieces[-1]
            last = text[ls:le]
            if not (_SENT_TAIL.search(last) and len(last.split()) >= 6 and last.startswith("و")):
                continue
            # cut the segment: headlines stay "related", the sentence becomes a body segment
            sg.end = pieces[-2][1]
            segs.insert(j + 1, Seg(ls, le, "body"))
            _shift(drafts, j + 1)
            d.body.append(j + 1)
            d.body.sort()


# ---------------------------------------------------------------------------- fused furniture
_SHARE_RUN_WORDS = lx.SHARE_WORDS | {"من", "خلال", "بلس", "جوجل", "اكتب", "رأيك"}
_EN_NAV = re.compile(r"^(?:(?:Next|Previous|Prev|Home|Menu|Search)\s+)+", re.IGNORECASE)
_FUSED_BYLINE = re.compile(r"^([^.،,؟?!:\n]{3,110}?)\s*:\s*(?=\S)")


def _split_fused(text: str, segs: list[Seg], drafts: list[Draft], bld: _Builder) -> None:
    main = drafts[0]
    if not main.body:
        return
    # prefixes of the first body line
    i0 = main.body[0]
    changed = True
    guard = 0
    while changed and guard < 5:
        guard += 1
        changed = False
        s = segs[i0]
        line = text[s.start : s.end]
        cut = _prefix_cut(line, bld, first=(guard == 1))
        if cut:
            n, label = cut
            # skip whitespace after the cut
            m = n
            while m < len(line) and line[m].isspace():
                m += 1
            if m >= len(line):
                break
            new = Seg(s.start, s.start + n, label)
            segs.insert(i0, new)
            s.start += m
            _shift(drafts, i0)
            _attach(main, label, i0)
            i0 += 1
            changed = True
    # suffixes of the last body lines of each article
    for d in drafts:
        if not d.body:
            continue
        j = d.body[-1]
        s = segs[j]
        line = text[s.start : s.end]
        cut = _suffix_cut(line)
        if cut is not None:
            n, label = cut
            e = n
            while e > 0 and line[e - 1].isspace():
                e -= 1
            if e == 0:
                s.label = label
                d.body.remove(j)
                _attach(d, label, j)
                continue
            tail = Seg(s.start + n, s.end, label)
            s.end = s.start + e
            segs.insert(j + 1, tail)
            _shift(drafts, j + 1)
            _attach(d, label, j + 1)


def _shift(drafts: list[Draft], at: int) -> None:
    for d in drafts:
        if d.title is not None and d.title >= at:
            d.title += 1
        for lst in (d.body, d.datelines, d.bylines, d.sources, d.tags, d.related, d.deck):
            for k, v in enumerate(lst):
                if v >= at:
                    lst[k] = v + 1


def _attach(d: Draft, label: str, i: int) -> None:
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


def _prefix_cut(line: str, bld: _Builder, first: bool) -> tuple[int, str] | None:
    # the record's own title repeated before the first sentence (SNN alriyadh)
    if bld.meta_title and first and len(bld.meta_title.split()) >= 4:
        mt = bld.meta_title
        if _squash(line[: len(mt) + 10]).startswith(mt) and len(line) > len(mt) + 20:
            k = _match_prefix_len(line, mt)
            if k:
                return k, "title"
    # share bar (SNN okaz "شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك")
    if lx.SHARE_LEAD.match(line):
        pos = 0
        last = 0
        for m in _TOKEN.finditer(line):
            w = m.group().strip(":،,").lower()
            if w in _SHARE_RUN_WORDS or m.start() == 0:
                last = m.end()
                pos += 1
            else:
                break
        if last and pos >= 2:
            return last, "share"
    m = _EN_NAV.match(line)
    if m and len(line) > m.end() + 5:
        return m.end() - 1 if line[m.end() - 1].isspace() else m.end(), "navigation"
    # the record's author field fused before the sentence (SNN sabq "سلطان السلمي- سبق- جدة:")
    if bld.meta_author and len(bld.meta_author) >= 4:
        k = _match_prefix_len(line, bld.meta_author)
        if k and len(line) > k + 20:
            return k, "byline"
    # a NAME- OUTLET- PLACE: or PLACE- OUTLET: prefix ending in a colon
    m = _FUSED_BYLINE.match(line)
    if m and len(line) > m.end() + 20:
        head = m.group(1)
        if len(head.split()) <= 14 and (
            any(c in head for c in lx.DASHES) or lx.BYLINE_LEAD.match(head + " ") or head.strip() in lx.OUTLET_TAGS
        ):
            return m.end() - 1 if line[m.end() - 1].isspace() else m.end(), "byline"
    # deck highlights, then "أجرى الحوار: NAME- تصوير: NAME- سبق- الرياض:" mid-line (SNN sabq)
    m = _OUTLET_BYLINE.search(line, 0, 1200)
    if m and len(line) > m.end() + 20:
        lead = lx.BYLINE_LEAD.search(line, 0, m.start() + 1) if first else None
        lead = _LEAD_ANY.search(line, 0, m.start() + 1)
        if lead and lead.start() > 0:
            k = lead.start()
            while k > 0 and line[k - 1].isspace():
                k -= 1
            return k, "title"
        return m.end(), "byline"
    return None


_OUTLET_BYLINE = re.compile(
    r"[-–ـ]\s*(?:" + "|".join(re.escape(t) for t in sorted(lx.OUTLET_TAGS, key=len, reverse=True)) + r")\s*[-–ـ]\s*[^:\n]{2,30}:"
)
_LEAD_ANY = re.compile(r"(?:أجرى|أجرت|أعد|كتب|حوار|بقلم)[^:]{0,15}:")


def _match_prefix_len(line: str, prefix: str) -> int:
    """Length in ``line`` of ``prefix`` allowing different whitespace; 0 when it does not match."""
    if prefix and not prefix[-1].isspace() and line.startswith(prefix):
        # the character walk below would return exactly this (same whitespace runs, nothing after)
        return len(prefix)
    i = j = 0
    while i < len(line) and j < len(prefix):
        if line[i].isspace() and prefix[j].isspace():
            while i < len(line) and line[i].isspace():
                i += 1
            while j < len(prefix) and prefix[j].isspace():
                j += 1
            continue
        if line[i] != prefix[j]:
            return 0
        i += 1
        j += 1
    return i if j == len(prefix) else 0


def _suffix_cut(line: str) -> tuple[int, str] | None:
    # furniture glued after the last sentence sits in the line's last few hundred characters
    off = max(0, len(line) - 600)
    if off:
        r = _suffix_cut(line[off:])
        return None if r is None else (r[0] + off, r[1])
    best: tuple[int, str] | None = None
    for search, label in (
        (lx.BACKLINK.search, "other_boilerplate"),
        (lx.OTHER_ARTICLES.search, "related"),
        (lx.subscription_search, "ad"),
    ):
        m = search(line)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), label)
    m = lx.tags_suffix_search(line)
    if m and (best is None or m.start() < best[0]) and len(line) - m.end() < 200:
        best = (m.start(), "tags")
    m = lx.more_link_suffix_search(line)
    if m and (best is None or m.start() < best[0]):
        best = (m.start(), "navigation")
    if best is not None:
        k = best[0]
        # an e-mail/handle glued right before an SMS line belongs to it
        if best[1] == "ad":
            m2 = re.search(r"(?:(?:تويتر|Twitter)\s*[:：]\s*)?\S*@\S*$", line[:k])
            if m2:
                k = m2.start()
        return k, best[1]
    return None


# ---------------------------------------------------------------------------- learned furniture
def apply_repeated(text: str, segs: list[Seg], drafts: list[Draft], learner, site: str, *, affixes: bool = True) -> int:
    """Relabel body segments that are furniture learned across a site's pages.

    ``learner`` is a frozen ``akhbar.corpus.repeated.RepeatedLines``. A body line repeated on many
    pages of ``site`` becomes ``other_boilerplate``; a repeated leading/trailing word run of the
    first or last body line is cut into its own ``other_boilerplate`` segment. Returns the number
    of segments changed.
    """
    changed = 0
    for d in drafts:
        for j in list(d.body):
            sg = segs[j]
            if learner.is_repeated(site, text[sg.start : sg.end]):
                sg.label = "other_boilerplate"
                d.body.remove(j)
                changed += 1
        for pos in (0, -1) if affixes else ():
            if not d.body:
                break
            j = d.body[pos]
            sg = segs[j]
            line = text[sg.start : sg.end]
            _, (s, e) = learner.strip_repeated_affixes(site, line)
            if (s, e) == (0, len(line)):
                continue
            changed += 1
            if s >= e:
                sg.label = "other_boilerplate"
                d.body.remove(j)
                continue
            start, end = sg.start, sg.end
            if e < len(line):
                segs.insert(j + 1, Seg(start + e, end, "other_boilerplate"))
                _shift(drafts, j + 1)
                sg.end = start + e
            if s > 0:
                segs.insert(j, Seg(start, start + s, "other_boilerplate"))
                _shift(drafts, j)
                segs[j + 1].start = start + s
    return changed
