"""Text route, stages ``lines`` and ``segment``: the page's lines, their labels, and article drafts.

``lines``: :func:`akhbar.page.lines.split_lines` cuts the text into lines,
:func:`akhbar.page.lines.split_share_prefix` cuts share bars crawlers glued before a sentence, and
:func:`akhbar.page.lines.line_info` computes each line's features (cue phrases, length, dates,
punctuation; ``akhbar.page.lexicon`` holds the phrase tables). On a page with a crawler export
header (``export_header`` stage) only the text after it is split, and a headline the crawler fused
with the first paragraph on the header's line is cut off as its own line when the header's title
or the URL slug (:func:`akhbar.page.titles.slug_title`) spells it (:func:`split_fused_title`).

``segment``: :func:`akhbar.page.segment.build` labels every line in context (title, dateline,
byline, body, source, tags, related_header, related, navigation, share, ad, footer,
other_boilerplate) and groups them into article drafts: the main story and each story appended
after "اقرأ أيضاً". With ``Settings.furniture`` (learned in a first pass over the input), lines
repeated across the site's pages are relabelled boilerplate
(:func:`akhbar.page.segment.apply_repeated`). Fills ``Page.lines``; an export header's lines come
first, labelled ``other_boilerplate``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from akhbar.model import Line, Page, RawRecord
from akhbar.page import metadata as md
from akhbar.page.lines import line_info, split_lines, split_share_prefix
from akhbar.page.segment import apply_repeated, build
from akhbar.page.titles import slug_title, title_prefix_end
from akhbar.stages.base import Settings
from akhbar.stages.export_header import header_meta, header_title


def site_of(rec: RawRecord | Page) -> str:
    """The site a record or page belongs to, for furniture learned per site: its publisher/source
    id (``meta["publisher"]``), else the URL host (without "www."), else ""."""
    pub = rec.meta.get("publisher")
    if pub:
        return str(pub).strip().lower()
    if rec.url:
        host = urlsplit(rec.url).hostname or ""
        return host.removeprefix("www.")
    return ""


def lines(page: Page, settings: Settings) -> Page:
    """Stage ``lines``: ``page.work.infos``, one ``LineInfo`` (span and features) per line."""
    text = page.text
    spans = split_lines(text)
    start = page.work.body_start
    if start:
        spans = [(max(s, start), e) for s, e in spans if e > start]
        spans = split_fused_title(page, spans)
    page.work.infos = [line_info(text, sp) for sp in split_share_prefix(text, spans)]
    return page


#: Lines searched for the headline the URL slug spells, and the words a line may have past the
#: slug's (a CMS cuts long slugs; the headline's last words are missing from it).
_SLUG_LINES = 60
_SLUG_EXTRA_WORDS = 12
_SLUG_BODY_LINES = 3


def slug_line(page: Page) -> str | None:
    """The text of the line that starts with the URL slug's words (:func:`akhbar.page.titles.slug_title`,
    the last one maybe cut short) and runs at most 12 words past them, among the first 60 lines and
    before the third body-like line (tickers and teasers may come first; past the article's first
    paragraphs the slug's words are a subheading: CC sample, supraclinics.com): the headline the page
    prints, handed to the labeller as a known title. None when no line does.
    Open-web set ow-a-035: slug ``حرب-ابريل-دخلت-شهرها-الثلاثين-ماذا-فيه`` finds
    ``حرب ابريل دخلت شهرها الثلاثين: ماذا فيها من مفاجأت هذه المرة ؟!!``."""
    slug = slug_title(page.url)
    if not slug:
        return None
    text = page.text
    n = len(slug.split())
    bodyish = 0
    for li in page.work.infos[:_SLUG_LINES]:
        if n <= li.words <= n + _SLUG_EXTRA_WORDS and title_prefix_end(text, li.start, li.end, slug, truncated=True):
            return li.text
        bodyish += li.bodyish
        if bodyish >= _SLUG_BODY_LINES:
            return None  # a headline comes before the text: past it, the slug's words are a subheading
    return None


#: Words that must follow a fused headline on its line for the line to be cut (a shorter rest is
#: a kicker or a credit, left as it is).
_MIN_REST_WORDS = 3


def split_fused_title(page: Page, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The first line after an export header cut in two when it starts with the headline: the
    header's (or record's) title, else the URL slug's words (:func:`akhbar.page.titles.slug_title`;
    its last word may be cut short), followed by at least three more words. Large public page
    store exports: `` date 2025-11-03 <headline> <first paragraph>`` on one line."""
    if not spans:
        return spans
    s, e = spans[0]
    title = header_title(page) or md.clean_title(page.meta.get("title"))
    cut = title_prefix_end(page.text, s, e, title) if title else None
    if cut is None:
        slug = slug_title(page.url)
        cut = title_prefix_end(page.text, s, e, slug, truncated=True) if slug else None
    if cut is None or len(page.text[cut:e].split()) < _MIN_REST_WORDS:
        return spans
    nxt = cut
    while nxt < e and page.text[nxt].isspace():
        nxt += 1
    page.work.fused_title = (s, cut)
    return [(s, cut), (nxt, e), *spans[1:]]


def segment(page: Page, settings: Settings) -> Page:
    """Stage ``segment``: ``page.lines`` (every line with its label and score) and the article
    drafts in ``page.work`` (``segs``, ``drafts``). The record's own title and author fields
    (``meta["title"]``, ``meta["author"]``) help find the headline and byline lines."""
    text = page.text
    work = page.work
    meta = header_meta(page)
    fused = work.fused_title
    title = text[fused[0] : fused[1]] if fused else md.clean_title(meta.get("title")) or slug_line(page)
    segs, drafts = build(text, work.infos, meta_title=title, meta_author=meta.get("author"),
                         line_model=settings.line_model, url=page.url)
    if settings.furniture is not None and drafts:
        n = apply_repeated(text, segs, drafts, settings.furniture, site_of(page),
                           affixes=settings.furniture_affixes)
        if n:
            page.signals["learned_furniture_segments"] = n
    page.lines = [Line(span=(s.start, s.end), label=s.label, score=s.score, text=text[s.start : s.end]) for s in segs]
    if work.header is not None:
        page.lines[:0] = [Line(span=sp, label="other_boilerplate", score=1.0, text=text[sp[0] : sp[1]])
                          for sp in work.header.lines]
    work.segs, work.drafts = segs, drafts
    return page
