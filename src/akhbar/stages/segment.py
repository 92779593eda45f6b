"""Text route, stages ``lines`` and ``segment``: the page's lines, their labels, and article drafts.

``lines``: :func:`akhbar.page.lines.split_lines` cuts the text into lines,
:func:`akhbar.page.lines.split_share_prefix` cuts share bars crawlers glued before a sentence, and
:func:`akhbar.page.lines.line_info` computes each line's features (cue phrases, length, dates,
punctuation; ``akhbar.page.lexicon`` holds the phrase tables).

``segment``: :func:`akhbar.page.segment.build` labels every line in context (title, dateline,
byline, body, source, tags, related_header, related, navigation, share, ad, footer,
other_boilerplate) and groups them into article drafts: the main story and each story appended
after "اقرأ أيضاً". With ``Settings.furniture`` (learned in a first pass over the input), lines
repeated across the site's pages are relabelled boilerplate
(:func:`akhbar.page.segment.apply_repeated`). Fills ``Page.lines``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from akhbar.model import Line, Page, RawRecord
from akhbar.page import metadata as md
from akhbar.page.lines import line_info, split_lines, split_share_prefix
from akhbar.page.segment import apply_repeated, build
from akhbar.stages.base import Settings


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
    page.work.infos = [line_info(text, sp) for sp in split_share_prefix(text, split_lines(text))]
    return page


def segment(page: Page, settings: Settings) -> Page:
    """Stage ``segment``: ``page.lines`` (every line with its label and score) and the article
    drafts in ``page.work`` (``segs``, ``drafts``). The record's own title and author fields
    (``meta["title"]``, ``meta["author"]``) help find the headline and byline lines."""
    text = page.text
    work = page.work
    segs, drafts = build(text, work.infos, meta_title=md.clean_title(page.meta.get("title")),
                         meta_author=page.meta.get("author"), line_model=settings.line_model, url=page.url)
    if settings.furniture is not None and drafts:
        n = apply_repeated(text, segs, drafts, settings.furniture, site_of(page),
                           affixes=settings.furniture_affixes)
        if n:
            page.signals["learned_furniture_segments"] = n
    page.lines = [Line(span=(s.start, s.end), label=s.label, score=s.score, text=text[s.start : s.end]) for s in segs]
    work.segs, work.drafts = segs, drafts
    return page
