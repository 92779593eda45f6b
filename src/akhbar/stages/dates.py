"""Stages ``dates`` (text route) and ``mentioned_dates`` (both routes): the dates of each article.

``dates``: ``published`` / ``published_precision`` / ``updated`` from the draft's dateline
lines (:func:`akhbar.dates.find_dates` finds every date, :func:`akhbar.dates.parse_date` ranks
them: a "published" label, precision, weekday check, Gregorian first), else the record's own
date field (main story), else the crawler export header's date (main story; ``export_header``
stage), else a date in the URL path (main story); ``published_source`` says which ("page",
"record", "export_header", "url"). The export header's date gives way to the page's only when
the page's is at least a full day (not a month, not a year guessed from the crawl date); when both
name the same day, the one with a time wins. A story appended after the main one ("اقرأ أيضاً")
is dated relative to the page: the crawl date, else the main story's date, is the reference for
its relative and year-less dates.

``mentioned_dates``: every date in the body (ISO days, in order of first mention), relative
to the article's own date when it has a day, else to the page's reference.

An unparseable crawl date (``"not a date"``) is no reference: relative and year-less dates
are then left unresolved, and the page gets the signal ``bad_crawl_date``.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from akhbar import dates as dp
from akhbar.model import Article, Page
from akhbar.page.segment import Draft, Seg
from akhbar.stages.base import Settings
from akhbar.stages.export_header import header_meta

#: A date in a URL path: SaudiNewsNet al-Jazirah ``/2015/20150721/``, al-Bayan ``/2020-06-03-``.
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|\D)")


def url_date(url: str) -> str | None:
    """The ISO day written in a URL path, or None."""
    m = _URL_DATE.search(url)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


def reference(page: Page) -> str | None:
    """The page's crawl date as a reference for relative dates, or None when absent or unparseable."""
    ref = page.crawl_date
    if ref is None:
        return None
    if not _usable_reference(ref):
        page.signals["bad_crawl_date"] = 1.0
        return None
    return ref


@lru_cache(maxsize=1024)
def _usable_reference(ref: str) -> bool:
    try:
        dp.as_reference(ref)
    except (ValueError, TypeError):
        return False
    return True


def dates(page: Page, settings: Settings) -> Page:
    """Stage ``dates``: ``published``, ``published_precision`` and ``updated`` of every article."""
    work = page.work
    crawl = reference(page)
    main_published = None
    for a, k in zip(page.articles, work.draft_of):
        ref = crawl or (main_published if k else None)
        _article_dates(a, page, work.segs, work.drafts[k], header_meta(page) if k == 0 else {}, ref)
        if k == 0 and a.published and len(a.published) >= 10:
            main_published = a.published
    return page


def _article_dates(a: Article, page: Page, segs: list[Seg], d: Draft, meta: dict, ref) -> None:
    text = page.text
    published = updated = None
    for i in d.datelines:
        s = segs[i]
        line = text[s.start : s.end]
        found = dp.find_dates(line, reference=ref)
        if not found:
            continue
        if updated is None:
            updated = next((m for m in found if m.label == "updated"), None)
        if published is None and any(m.label != "updated" for m in found):
            published = dp.parse_date(line, reference=ref)
    source = "page" if published is not None else None
    from_header = not page.meta.get("date")  # meta["date"] then comes from the export header
    if meta.get("date") and (published is None or from_header):
        given = dp.parse_date(str(meta["date"]), reference=ref)
        if given is not None and (published is None or _better(given, published)):
            published, source = given, "export_header" if from_header else "record"
    if published is None and page.url and d.role == "main":
        day = url_date(page.url)
        if day:
            a.published, a.published_precision, a.published_source = day, "day", "url"
    if published is not None:
        a.published = published.iso
        a.published_precision = published.precision + ("-inferred-year" if published.year_inferred else "")
        a.published_source = source
    if updated is not None:
        a.updated = updated.iso


_DAY_OR_BETTER = ("day", "minute", "second")


def _better(given, page_date) -> bool:
    """Whether an export header's date ``given`` beats the page's ``page_date`` (both ``DateMatch``):
    the page's is coarser than a day or has a guessed year, or both name the same day and only the
    header's has a time."""
    if page_date.precision not in _DAY_OR_BETTER or page_date.year_inferred:
        return True
    return given.iso[:10] == page_date.iso[:10] and given.precision in ("minute", "second")


def mentioned_dates(page: Page, settings: Settings) -> Page:
    """Stage ``mentioned_dates``: ``Article.mentioned_dates`` of every article."""
    crawl = reference(page)
    main_published = None
    drafts = page.work.draft_of or range(len(page.articles))  # the HTML route builds one article
    for a, k in zip(page.articles, drafts):
        own = a.published if a.published and len(a.published) >= 10 else None
        ref = own or crawl or (main_published if k else None)
        # one scan of the whole body (find_dates skips digit-free stretches cheaply)
        seen: list[str] = []
        for m in dp.find_dates("\n".join(a.body), reference=ref):
            iso = m.iso[:10]
            if iso not in seen:
                seen.append(iso)
        a.mentioned_dates = seen
        if k == 0 and own:
            main_published = own
    return page
