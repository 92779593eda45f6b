"""Stages ``dates`` (text route) and ``mentioned_dates`` (both routes): the dates of each article.

``dates``: ``published`` / ``published_precision`` / ``updated`` from the draft's dateline
lines (:func:`akhbar.dates.find_dates` finds every date, :func:`akhbar.dates.parse_date` ranks
them: a "published" label, precision, weekday check, Gregorian first), else the record's own
date field (main story), else the crawler export header's date (main story; ``export_header``
stage), else a date in the URL path (main story); ``published_source`` says which ("page",
"record", "export_header", "url"). Without a crawl date, the export header's day is the main
story's reference for relative and year-less dates. The export header's date gives way to the
page's when the page's names a day (``دبي في 3 نوفمبر / وام /`` under `` date 2025-11-04 ``: the
wire's dateline, open-web set ow-b-044), except a relative date (``منذ 43 دقيقة`` counts from the
crawl, not from publication), a year guessed more than :data:`INFERRED_YEAR_DAYS` days away from
the header's date, or the same day without a time when the header has one.
A story appended after the main one ("اقرأ أيضاً") is dated relative to the page: the crawl date,
else the main story's date, is the reference for its relative and year-less dates.

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
from akhbar.dates.tables import WEEKDAYS
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
    head_ref = _header_day(page) if crawl is None else None
    for a, k in zip(page.articles, work.draft_of):
        ref = crawl or (main_published if k else head_ref)
        _article_dates(a, page, work.segs, work.drafts[k], header_meta(page) if k == 0 else {}, ref, crawl)
        if k == 0 and a.published and len(a.published) >= 10:
            main_published = a.published
    return page


def _dateline_order(d: Draft) -> list[int]:
    """The draft's dateline segments, the ones between the headline and the body first (nearest
    the body first), then the others in page order: a site clock printed above the masthead
    (``2026-01-26`` then ``أهم الأخبار`` then ``بنغازي – 19 مايو 2025م``; open-web development
    set) must not beat the article's own dateline."""
    if not d.body:
        return list(d.datelines)
    b = d.body[0]
    top = d.title if d.title is not None else -1
    near = sorted((i for i in d.datelines if top < i < b), reverse=True)
    return near + [i for i in d.datelines if i not in near]


def _not_after_crawl(m: dp.DateMatch | None, crawl: str | None) -> dp.DateMatch | None:
    """``m``, or None when it falls more than a day after the crawl date ``crawl`` (a page cannot be
    published after it was fetched: such a date is a deadline or an event in the text, e.g. SNN
    alweeam "حتى 1436/10/30 ه" read on a page crawled on 2015-07-21). The day of slack covers
    time zones."""
    if m is None or not crawl:
        return m
    last = _last_publishable_day(crawl)
    v = m.value
    return None if last is not None and dt.date(v.year, v.month, v.day) > last else m


@lru_cache(maxsize=1024)
def _last_publishable_day(crawl: str) -> dt.date | None:
    """The crawl day plus one (time zones), or None when ``crawl`` is no usable date."""
    try:
        c = dp.as_reference(crawl)
        return dt.date(c.year, c.month, c.day) + dt.timedelta(days=1)
    except (ValueError, TypeError, OverflowError):
        return None


def _article_dates(a: Article, page: Page, segs: list[Seg], d: Draft, meta: dict, ref, crawl: str | None) -> None:
    text = page.text
    published = updated = None
    for i in _dateline_order(d):
        s = segs[i]
        line = text[s.start : s.end]
        found = dp.find_dates(line, reference=ref)
        if not found:
            continue
        if updated is None:
            updated = next((m for m in found if m.label == "updated"), None)
        if published is None and any(m.label != "updated" for m in found):
            published = dp.best_date(found)  # parse_date(line), without scanning the line again
    published = _not_after_crawl(published, crawl)
    source = "page" if published is not None else None
    from_header = not page.meta.get("date")  # meta["date"] then comes from the export header
    if published is None and d.role == "main" and (from_header or not meta.get("date")):
        # a date line near the headline is the page's own date: it meets the header date below
        published = _not_after_crawl(lead_date(text, segs, d, ref) or tail_date(text, segs, d, ref), crawl)
        source = "page" if published is not None else None
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


#: labels of the lines above the body where a page's own date line may sit unlabelled
_LEAD_LABELS = frozenset({"other_boilerplate", "navigation", "source", "byline", "title", "dateline"})
#: "اليوم الثلاثاء 15 مارس 2022" / "أمس الجمعة 31 تموز-يوليو 2015" in the first sentence
#: what may stand beside a date on a line that is a date alone: a weekday name, punctuation
_WEEKDAY_LEFT = re.compile(r"[\s\W]+|" + "|".join(sorted({w for ws in WEEKDAYS.values() for w in ws}, key=len, reverse=True)))
_TODAY = re.compile(r"(?:^|\s)(?:ال)?(اليوم|أمس|امس)\s*[،,]?\s*(?:\(|ال)")


def lead_date(text: str, segs: list[Seg], d: Draft, ref) -> dp.DateMatch | None:
    """The main story's date when no dateline gave one: a short line with a full date (day
    precision or finer, not an update date) among the lines between the headline and the body
    start and the two lines above the headline, or the five lines above the body when no headline
    was found (the nearest wins: ``• Admin الجمعة 13 سبتمبر 2019``, ``- 2024/04/12 10:41``, a byline with ``| 27.10.2025``,
    ``المصدر : بوابه الجمهوريه 2/3/2021``), else a full date announced as today ("اليوم الثلاثاء 15
    مارس 2022") or yesterday ("أمس الجمعة ...": the next day) in the first body sentence. Seen on
    the open-web development set (``benchmarks/data/openweb``). None when there is none."""
    if not d.body:
        return None
    b = d.body[0]
    # a site clock sits higher, above the masthead: two lines above the headline, or five above
    # the body when there is no headline
    top = d.title - 2 if d.title is not None and d.title < b else b - 5
    if d.title is not None and d.title < b:
        # the headline printed more than once (Blogger label pages print it, a photo alt, then
        # again): the site clock rule counts from its first copy
        head = text[segs[d.title].start : segs[d.title].end]
        first = next((i for i in range(max(0, d.title - 8), d.title)
                      if text[segs[i].start : segs[i].end] == head), d.title)
        top = first - 2
    for i in range(b - 1, max(-1, top - 1), -1):
        s = segs[i]
        if s.end - s.start > 160 or s.label not in _LEAD_LABELS and s.label != "related":
            continue
        line = text[s.start : s.end]
        found = [m for m in dp.find_dates(line, reference=ref)
                 if m.label != "updated" and not m.relative and m.precision in ("day", "minute", "second")]
        if found and s.label == "related" and _WEEKDAY_LEFT.sub("", line[: found[0].span[0]] + line[found[0].span[1] :]):
            continue  # in a list of other articles only a line that is a date alone (Blogger's date header)
        if found:
            return found[0]
    s = segs[b]
    first = text[s.start : min(s.end, s.start + 300)]
    m = _TODAY.search(first) if "اليوم" in first or "أمس" in first or "امس" in first else None
    if m:
        found = [x for x in dp.find_dates(first[m.start() :], reference=ref)
                 if not x.relative and x.precision == "day" and x.span[0] <= 16]
        if found:
            x = found[0]
            if m.group(1) != "اليوم":
                try:
                    day = x.value + dt.timedelta(days=1)
                except OverflowError:
                    return None
                return dp.DateMatch(value=day, iso=day.isoformat(), precision="day", span=x.span)
            return x
    return None


#: labels of the lines right after a body where its date line may sit
_TAIL_LABELS = frozenset({"other_boilerplate", "navigation", "dateline", "byline", "source", "share"})


def tail_date(text: str, segs: list[Seg], d: Draft, ref) -> dp.DateMatch | None:
    """The main story's date printed right after its body, when neither a dateline nor
    :func:`lead_date` gave one: one of the two lines after the body's last line that is a full
    date alone (day precision or finer, nothing beside it but a weekday name and punctuation:
    ``أربعاء, 10/12/2025 - 15:51``, ``09 تشرين الثاني / نوفمبر 2017``; open-web development set,
    Mauritanian, Lebanese and Qatari outlets). A list of other articles (``related``) stops the
    search. None when there is none."""
    if not d.body:
        return None
    last = max(d.body)
    for i in range(last + 1, min(len(segs), last + 3)):
        s = segs[i]
        if s.label not in _TAIL_LABELS:
            return None
        if s.end - s.start > 60:
            continue
        line = text[s.start : s.end]
        found = [m for m in dp.find_dates(line, reference=ref)
                 if m.label != "updated" and not m.relative and m.precision in _DAY_OR_BETTER]
        if len(found) == 1 and not _WEEKDAY_LEFT.sub("", line[: found[0].span[0]] + line[found[0].span[1] :]):
            return found[0]
    return None


_DAY_OR_BETTER = ("day", "minute", "second")
#: Days between a page date whose year was guessed and the export header's date past which the
#: guess is not trusted (a year-less dateline is within days of its header date on the open-web set).
INFERRED_YEAR_DAYS = 45
_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def _header_day(page: Page) -> str | None:
    """The export header's ISO day (``YYYY-MM-DD``), when it gives one that is a valid date."""
    h = page.meta.get("export_header")
    v = h.get("date") if h else None
    if not isinstance(v, str) or not _ISO_DAY.match(v) or not _usable_reference(v[:10]):
        return None
    return v[:10]


def _better(given, page_date) -> bool:
    """Whether an export header's date ``given`` beats the page's ``page_date`` (both ``DateMatch``;
    see the module docstring for the rule)."""
    if page_date.precision not in _DAY_OR_BETTER or page_date.relative:
        return True
    g, p = given.value, page_date.value
    apart = abs((dt.date(g.year, g.month, g.day) - dt.date(p.year, p.month, p.day)).days)
    if page_date.year_inferred and apart > INFERRED_YEAR_DAYS:
        return True
    return apart == 0 and given.precision in ("minute", "second") and page_date.precision == "day"


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
