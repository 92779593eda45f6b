"""Metadata choices of the main article: published/updated dates, tags and section.

Owns :func:`reference_date` (the crawl date as a reference for ``akhbar.dates``),
:func:`choose_dates` (which also labels visible dateline lines), :func:`choose_tags`,
:func:`choose_section`. Inputs: the page's metadata
(:class:`akhbar.html.meta.MetaBag`), the rendered lines and their labels.

Rules, each measured on the gold pages by ``benchmarks/html_gold.py`` (dates right, per page and
on the htmldate-mediacloud date gold):

* published/updated = JSON-LD, then ``<meta>``/microdata/RDFa, then the visible dateline near the
  headline (via ``akhbar.dates``: Arabic and Persian month names, Hijri and Solar Hijri), then the
  URL, then htmldate's original-date reading of the page (:func:`htmldate_date`, asked only when
  none of the others gives a date, so it costs nothing on pages that date themselves); on a
  calendar-day conflict the value with a local (non-UTC) offset or the one agreeing with the
  visible dateline wins (``date_conflict`` signal); never a date from a related block; a "Z"
  stamp equal to the visible local wall clock is local time (youm7); ``updated_before_published``
  flags an update older than publication. ``evidence["published"]`` names the source that won
  (``Article.published_source``: jsonld, html_meta, time_element, page, url, htmldate) and
  ``evidence["published_candidates"]`` the others akhbar read. The order against htmldate is
  measured by ``benchmarks/html_dates.py``: where they disagree akhbar's source was right every
  time (machine date vs htmldate: assabah; URL vs htmldate's copyright-year guess: CNN Arabic,
  two copies; visible dateline vs htmldate, on the gold pages stripped of their metadata:
  alyaum), htmldate first would lose 1-2 of the 11 gold pages and both CNN copies;
* tags = the links of the tags lines (not category links or story counters such as
  ``كورونا (423)``; LBCI's chips with an empty overlay link count), else the ``article:tag`` /
  ``news_keywords`` / ``keywords`` values shown as links on the page;
* section = the last breadcrumb that is not home or the headline, JSON-LD ``articleSection``,
  ``article:section``, then a category link in the tags row;

The language is the ``language`` stage's (:mod:`akhbar.stages.language`), which compares it with
``<html lang>`` (``evidence["html_lang"]``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from akhbar.dates import find_dates
from akhbar.html.cues import DIGIT, TAG_HEADINGS, key
from akhbar.html.meta import (
    HEADER_TIME_KEY,
    PUBLISHED_KEYS,
    UPDATED_KEYS,
    DateInfo,
    MetaBag,
    dateinfo_from_match,
    parse_machine_date,
    url_date,
)
from akhbar.html.render import Block

_CATEGORY_HREF = re.compile(r"/(?:category|categories|section|sections|cat)/", re.IGNORECASE)
_COUNT = re.compile(r"\(\s*[0-9\u0660-\u0669]+\s*\)")  # story links with an article count: "كورونا (423)"
_ZONE_WORDS = re.compile(r"GMT|UTC|غرينتش|جرينتش|بتوقيت|ت\.?غ", re.IGNORECASE)
_HOME_KEYS = frozenset(key(k) for k in ("الرئيسية", "الصفحة الرئيسية", "الرئيسيه", "home", "Home"))

#: Whether :func:`choose_dates` asks htmldate when the page gives no date of its own (a switch
#: for ``benchmarks/html_dates.py``, which measures akhbar with and without it).
HTMLDATE = True
#: htmldate's latest accepted day when the crawl date is unknown (a fixed day, not today's).
HTMLDATE_MAX_DAY = "2099-12-31"
#: Containers htmldate does not see (the zones ``choose_dates`` never takes a visible date from).
HTMLDATE_DROP_ZONES = frozenset({"related", "sidebar", "comment"})


# ---------------------------------------------------------------- dates

def reference_date(crawl_date: Any, signals: dict[str, Any]) -> Any:
    """``crawl_date`` as something ``akhbar.dates`` accepts (date/datetime/ISO string), or None.

    A malformed string (not ISO 8601) is dropped with signal ``bad_crawl_date`` instead of
    making every visible-date lookup fail.
    """
    if crawl_date is None or hasattr(crawl_date, "year"):
        return crawl_date
    if isinstance(crawl_date, str):
        d = parse_machine_date(crawl_date)
        if d is not None and not d.source:
            return d.when.isoformat() if d.when else d.day.isoformat()
    signals["bad_crawl_date"] = 1.0
    return None


def choose_dates(bag: MetaBag, blocks: list[Block], keys: list[str], labels: list[str], rel_kind: list[str | None],
                 start: int, end: int, url: str | None, crawl_date: Any, signals: dict[str, Any],
                 evidence: dict[str, Any]) -> tuple[DateInfo | None, DateInfo | None]:
    """``(published, updated)`` of the article in lines ``start .. end``; the visible dateline
    lines used are labelled ``dateline`` (in place); ``evidence`` gets the sources and candidates."""
    def parsed(values, source: str) -> list[DateInfo]:
        return [d for v in values if (d := parse_machine_date(v, source=source, reference=crawl_date))]

    pub_c = parsed(_ld_strings(bag, "datePublished"), "jsonld:datePublished")
    for name in PUBLISHED_KEYS:
        pub_c += parsed(bag.metas.get(name, ()), f"meta:{name}")
    if not pub_c:  # the <time datetime> in the article's <header>, only when no name gives a date
        pub_c = parsed(bag.metas.get(HEADER_TIME_KEY, ()), f"meta:{HEADER_TIME_KEY}")
    upd_c = parsed(_ld_strings(bag, "dateModified"), "jsonld:dateModified")
    for name in UPDATED_KEYS:
        upd_c += parsed(bag.metas.get(name, ()), f"meta:{name}")

    # visible dateline near the headline, never inside related blocks
    vis_pub: DateInfo | None = None
    vis_zone = False  # the visible dateline names its zone (GMT, UTC, +03:00)
    vis_upd: DateInfo | None = None
    lo, hi = max(0, start), min(len(blocks), end + 6)
    order = list(range(lo, hi)) + [i for i in range(len(blocks)) if "date" in blocks[i].zones and not lo <= i < hi]
    for i in order:
        b = blocks[i]
        if rel_kind[i] or labels[i] in ("related", "navigation", "footer", "body", "title") or b.zones & {
                "sidebar", "related", "comment"}:
            continue
        if len(b.text) > 160 or not DIGIT.search(b.text):
            continue
        found = _find_dates(b.text, crawl_date)
        if not found:
            continue
        labels[i] = "dateline"
        for m in found:
            d = dateinfo_from_match(m, f"visible:{i + 1}")
            if d is None:
                continue
            lab = m.label
            before = key(b.text[: m.span[0]])
            is_upd = lab == "updated" or any(w in before.split()[-3:] for w in ("تحديث", "محدثه", "محدث"))
            if is_upd:
                vis_upd = vis_upd or d
            elif vis_pub is None:
                vis_pub = d
                vis_zone = d.offset is not None or bool(_ZONE_WORDS.search(b.text))
        if vis_pub and vis_upd:
            break
        if vis_pub and i >= hi:
            break

    ev: list[str] = [f"{d.source}={d.iso}" for d in pub_c]
    if vis_pub:
        ev.append(f"{vis_pub.source}={vis_pub.iso}")
    url_day = url_date(url)
    if url_day:
        ev.append(f"url={url_day.iso}")
    published: DateInfo | None = None
    if pub_c:
        days = {d.day for d in pub_c}
        if len(days) > 1:
            signals["date_conflict"] = 1.0
            local = [d for d in pub_c if d.offset not in (None, 0)]
            agree = [d for d in pub_c if vis_pub and d.day == vis_pub.day]
            published = agree[0] if agree else (local[0] if local else pub_c[0])
        else:
            published = pub_c[0]
        if published.precision == "day":
            richer = [d for d in pub_c if d.day == published.day and d.precision != "day"]
            if richer:
                published = richer[0]
        # a "Z" stamp that equals the visible local wall clock is mislabelled local time (youm7)
        if (published.offset == 0 and vis_pub is not None and not vis_zone and vis_pub.when is not None
                and published.when
                and vis_pub.day == published.day and vis_pub.when.hour == published.when.hour
                and vis_pub.when.minute == published.when.minute):
            iso = published.iso.replace("+00:00", "")
            published = DateInfo(iso, published.precision, published.day, None, published.source + "(local)")
    elif vis_pub:
        published = vis_pub
    else:
        published = url_day
    if published is None and HTMLDATE:  # the generic reading: only where nothing above gave a date
        keep = [blocks[i].el for i in range(lo, min(len(blocks), end)) if labels[i] in ("title", "body", "dateline")]
        published = htmldate_date(bag.root, url, crawl_date, signals, keep)
        if published is not None:
            ev.append(f"{published.source}={published.iso}")
    updated = upd_c[0] if upd_c else vis_upd
    # an update older than publication (dateModified before datePublished: swapped fields, or a
    # page republished under a new date) is only a signal: published stays datePublished
    if published and updated and _before(updated, published):
        signals["updated_before_published"] = 1.0
        evidence["updated_before_published"] = f"{updated.source}={updated.iso} < {published.source}={published.iso}"
    evidence["published"] = published.source if published else None
    evidence["published_candidates"] = ev
    evidence["updated"] = updated.source if updated else None
    return published, updated


def htmldate_date(root: Any, url: str | None, crawl_date: Any, signals: dict[str, Any],
                  keep: list[Any] = ()) -> DateInfo | None:
    """The publication day htmldate finds in the page (``source="htmldate"``, precision "day"), or None.

    ``htmldate.find_date(html, original_date=True, extensive_search=True, url=url)`` (htmldate's
    and trafilatura's default search) on a copy of the tree serialized without the related,
    sidebar and comment containers (:data:`HTMLDATE_DROP_ZONES`, by class/id/tag as
    :func:`akhbar.html.render.element_zones` names them; never one holding an element of ``keep``,
    the article's title/body/dateline lines): akhbar never dates a story from a teaser, and
    htmldate would (an ``<aside>`` teaser's ``<time>``). htmldate accepts a tree only as an
    ``lxml.html.HtmlElement`` (and deep-copies it before pruning), while ``root`` is a plain
    ``lxml.etree`` tree (see :func:`akhbar.html.extract.parse_html`); from a string htmldate
    parses its own tree and prunes it in place, so ``root`` is never modified. The latest
    accepted day is the crawl day + 1 (akhbar's rule for dates after the crawl), else
    :data:`HTMLDATE_MAX_DAY`, never today: the answer does not depend on the day of the run.
    The extensive search falls back to a year or month alone as ``YYYY-01-01`` /
    ``YYYY-MM-01`` (a copyright year: CNN Arabic's page gives ``2013-01-01`` for 2013-08-03,
    ``benchmarks/html_dates.py``); such a first-of-month answer is kept only when htmldate's
    search without those fallbacks (``extensive_search=False``) gives the same day. Any error of
    htmldate costs only this date (signal ``htmldate_error``). CPU cost when asked: 13.5 ms a
    page on average over the gold pages (htmldate alone 5 ms), 46 ms on the slowest (almadenahnews:
    both searches run); the first call in a process also loads htmldate's external date parser
    (about 0.5 s once) (``benchmarks/html_dates.py --speed``).
    """
    if root is None:
        return None
    from htmldate import find_date

    cd = crawl_date if crawl_date is None or hasattr(crawl_date, "year") else parse_machine_date(str(crawl_date))
    day = cd.day if isinstance(cd, DateInfo) else cd
    if isinstance(day, dt.datetime):
        day = day.date()
    latest = (day + dt.timedelta(days=1)).isoformat() if isinstance(day, dt.date) else HTMLDATE_MAX_DAY
    try:
        html = _htmldate_input(root, keep)
        found = find_date(html, original_date=True, extensive_search=True, url=url, max_date=latest)
        if found and found.endswith("-01"):
            found = found if find_date(html, original_date=True, extensive_search=False, url=url,
                                       max_date=latest) == found else None
    except Exception:  # a third-party fallback must not cost the page
        signals["htmldate_error"] = 1.0
        return None
    return parse_machine_date(found, source="htmldate") if found else None


def _htmldate_input(root: Any, keep: list[Any]) -> str:
    """``root`` serialized as HTML, without the containers of :data:`HTMLDATE_DROP_ZONES` that hold
    none of ``keep`` (emptied in a copy: their tail text stays)."""
    import copy

    import lxml.etree

    from akhbar.html.render import element_zones

    # the elements themselves, not id(): lxml keeps one proxy per node only while it is referenced
    guarded = {a for el in keep for a in el.iterancestors()} | set(keep)
    tree = root.getroottree()
    # the elements that can open a dropped zone: a class or id (``cues.ZONE_HINTS``) or ``<aside>``
    zoned = root.xpath("descendant-or-self::*[@class or @id or self::aside]")
    drop = [tree.getpath(el) for el in zoned if el not in guarded and element_zones(el) & HTMLDATE_DROP_ZONES]
    if drop:
        root = copy.deepcopy(root)
        ctree = root.getroottree()
        for path in drop:  # document order: a container inside one already emptied is found no more
            for el in ctree.xpath(path):
                el.clear(keep_tail=True)
    return lxml.etree.tostring(root, method="html", encoding="unicode")


def _before(a: DateInfo, b: DateInfo) -> bool:
    """Whether ``a`` is earlier than ``b`` (by the calendar day when one is naive and one aware)."""
    if a.when and b.when:
        try:
            return a.when < b.when
        except TypeError:  # naive vs aware
            pass
    return a.day < b.day


def _ld_strings(bag: MetaBag, name: str) -> list[str]:
    """String values of JSON-LD ``name``: plain, in a list, or as ``{"@value": ...}``."""
    out: list[str] = []
    for v in bag.ld(name):
        for x in (v if isinstance(v, list) else [v]):
            if isinstance(x, dict):
                x = x.get("@value")
            if isinstance(x, str):
                out.append(x)
    return out


def _find_dates(text: str, crawl_date: Any) -> list[Any]:
    try:
        return find_dates(text, reference=crawl_date)
    except (ValueError, OverflowError):  # a date past the calendar's range must not cost the page
        return []


# ---------------------------------------------------------------- tags, section

def _split_tags(v: str) -> list[str]:
    return [t.strip() for t in re.split(r"\s*[,،;؛]\s*", v) if t.strip()]


def choose_tags(bag: MetaBag, blocks: list[Block], labels: list[str]) -> list[str]:
    """The tags shown on the page: links of the ``tags`` lines, else metadata keywords shown as links."""
    out: list[str] = []
    seen: set[str] = set()
    for i, b in enumerate(blocks):
        if labels[i] != "tags":
            continue
        items = [(t, h) for t, h in b.anchors if t]
        if not items and len(b.text.split()) <= 4 and "tags" in b.zones:
            # chips whose link is an empty overlay (<a href=..></a>text), as on LBCI
            items = [(b.text, next((h for _, h in b.anchors if h), None))]
        for text, href in items:
            k = key(text)
            if not k or k in TAG_HEADINGS or k in seen or len(text) > 60 or _COUNT.search(text):
                continue
            if href and _CATEGORY_HREF.search(href):
                continue
            seen.add(k)
            out.append(text)
    if out:
        return out
    anchor_keys = {key(t) for b in blocks for t, _ in b.anchors}
    for name in ("article:tag", "news_keywords", "keywords"):
        vals = [t for v in bag.metas.get(name, ()) for t in _split_tags(v)]
        vis = [t for t in vals if key(t) in anchor_keys]
        for t in vis:
            if key(t) not in seen:
                seen.add(key(t))
                out.append(t)
        if out:
            return out
    return out


def choose_section(bag: MetaBag, blocks: list[Block], labels: list[str], tkey: str | None) -> str | None:
    """Most specific section: breadcrumb (last crumb that is not home or the headline), JSON-LD
    ``articleSection``, ``article:section``, then a category link in the tags row."""
    crumbs = [t for b in blocks if "breadcrumb" in b.zones for t, _ in b.anchors if t]
    crumbs = [c for c in crumbs if key(c) not in _HOME_KEYS and key(c) != tkey and len(c) <= 40]
    if crumbs:
        return crumbs[-1]
    for v in bag.ld("articleSection"):
        if isinstance(v, list):
            v = next((x for x in v if isinstance(x, str)), None)
        if isinstance(v, str) and v.strip():
            return v.strip()
    sec = bag.first("article:section")
    if sec:
        return sec
    for i, b in enumerate(blocks):
        if labels[i] == "tags" and len(b.text.split()) <= 4:
            for _t, h in b.anchors:
                if h and _CATEGORY_HREF.search(h):
                    return b.text
    return None

