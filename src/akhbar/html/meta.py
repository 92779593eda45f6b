"""Machine-readable metadata of an HTML page: ``<meta>``, JSON-LD, microdata, RDFa, ``<time>``.

:func:`collect` reads the tree once and returns a :class:`MetaBag`; :func:`parse_machine_date`
parses the ISO 8601 variants found on real pages (``2020-06-03T03:01+0400``,
``2020-12-01 02:00:00``, ``2026-01-08T11:42:50Z``) and hands anything else (Arabic text in
``article:published_time``, as on akhbarelyom) to :func:`akhbar.dates.parse_date`.
Property names follow Open Graph (ogp.me, ``article:*``), schema.org (``datePublished``,
``dateModified``, ``headline``, ``author``, ``articleSection``, ``keywords``) and Dublin Core
(``dc.date``, ``dc:date``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

from akhbar.dates import parse_date

#: Meta/itemprop names giving the publication date, most trusted first (after JSON-LD).
#: Sources: Open Graph (``article:published_time``, ``og:*``), schema.org via ``itemprop``
#: (``datePublished``, ``dateCreated``), Dublin Core / DCMI terms (``DC.date.issued``,
#: ``dcterms.created``, ``dcterms.issued``, ``DC.date.created``), Sailthru (``sailthru.date``),
#: Parse.ly (``parsely-pub-date``), rNews (``rnews:datePublished``), cXense
#: (``cXenseParse:recs:publishtime``), Highwire/Google Scholar (``citation_publication_date``),
#: and publishers' own names (``pubdate``, ``publishdate``, ``article.published``, ``date`` ...).
#: ``time:header`` is the first ``<time datetime>`` in the ``<header>`` of an ``<article>``
#: (collected by :func:`collect`; used only when no other name gives a date).
PUBLISHED_KEYS = (
    "article:published_time", "og:published_time", "og:article:published_time", "datepublished",
    "pubdate", "publishdate", "publish-date", "publish_date", "article.published", "dc.date.issued",
    "dc.date", "dc:date", "dcterms.date", "dcterms.created", "sailthru.date", "parsely-pub-date",
    "date", "datecreated", "article:published", "publication_date", "original-publish-date",
    # added (issue 14, "Dates from HTML"): DCMI, rNews, cXense, Highwire, publishers' names
    "dcterms.issued", "dc.date.created", "dc.created", "rnews:datepublished", "cxenseparse:recs:publishtime",
    "citation_publication_date", "citation_date", "date_published", "article_date_original",
)
#: The header ``<time datetime>`` of the article: a fallback after every name above.
HEADER_TIME_KEY = "time:header"
#: Names giving the last-update time: Open Graph (``article:modified_time``, ``og:updated_time``,
#: ``og:article:modified_time``), schema.org (``dateModified``), Dublin Core / DCMI
#: (``DC.date.modified``, ``dcterms.modified``), sitemap-style ``lastmod``, HTTP ``Last-Modified``
#: (as ``http-equiv``), Parse.ly / Sailthru-style publisher names.
UPDATED_KEYS = (
    "article:modified_time", "og:updated_time", "datemodified", "lastmod", "last-modified",
    "dc.date.modified", "dcterms.modified", "article:modified",
    "og:article:modified_time", "article.updated", "modified_time",
)

_ISO = re.compile(
    r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2})?\s*(?:[A-Z]{2,5})?\s*$"
)


@dataclass(slots=True)
class DateInfo:
    """A parsed date: ``iso`` string, ``precision`` ("day" | "minute" | "second"), the calendar
    ``day`` as written (the page's wall clock), ``offset`` in minutes (None when not stated)."""

    iso: str
    precision: str
    day: dt.date
    offset: int | None
    source: str = ""
    when: dt.datetime | None = None


@dataclass(slots=True)
class MetaBag:
    """Everything machine-readable: ``metas`` maps lower-cased names to values in page order;
    ``jsonld`` holds article-like JSON-LD objects; ``title_tag``; ``lang``; ``canonical``;
    ``root``: the lxml tree it was read from (for the htmldate fallback of
    :func:`akhbar.html.choices.choose_dates`; never modified)."""

    metas: dict[str, list[str]] = field(default_factory=dict)
    jsonld: list[dict[str, Any]] = field(default_factory=list)
    title_tag: str = ""
    lang: str | None = None
    canonical: str | None = None
    root: Any = None

    def first(self, *names: str) -> str | None:
        for n in names:
            for v in self.metas.get(n, ()):
                if v and v.strip():
                    return v.strip()
        return None

    def ld(self, name: str) -> list[Any]:
        out = []
        for obj in self.jsonld:
            if name in obj:
                out.append(obj[name])
        return out


_ARTICLE_TYPES = ("article", "newsarticle", "reportagenewsarticle", "blogposting", "webpage", "analysisnewsarticle",
                  "opinionnewsarticle", "liveblogposting", "creativework", "backgroundnewsarticle",
                  # schema.org Article subtypes also used for news pages
                  "reviewnewsarticle", "askpublicnewsarticle", "report", "socialmediaposting", "techarticle")


def _walk_ld(data: Any, out: list[dict[str, Any]]) -> None:
    todo = [data]
    while todo:
        d = todo.pop()
        if isinstance(d, list):
            todo.extend(reversed(d))
        elif isinstance(d, dict):
            if "@graph" in d:
                todo.append(d["@graph"])
            t = d.get("@type")
            types = [t] if isinstance(t, str) else (t if isinstance(t, list) else [])
            if any(isinstance(x, str) and x.lower() in _ARTICLE_TYPES for x in types):
                out.append(d)


def collect(root: Any) -> MetaBag:
    """Read ``<meta>``, ``<title>``, ``<link rel=canonical>``, JSON-LD and itemprop/RDFa date
    attributes from an lxml tree. Malformed JSON-LD is skipped; never raises."""
    bag = MetaBag(root=root)
    metas = bag.metas
    bag.lang = root.get("lang") if isinstance(root.tag, str) else None
    for el in root.iter("meta", "title", "link", "script", "time", "span", "abbr", "div", "p"):
        tag = el.tag
        if tag == "meta":
            name = el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv")
            content = el.get("content")
            if name and content is not None:
                metas.setdefault(name.strip().lower(), []).append(content)
        elif tag == "title":
            if not bag.title_tag:
                bag.title_tag = " ".join("".join(el.itertext()).split())
        elif tag == "link":
            if (el.get("rel") or "").lower() == "canonical" and el.get("href"):
                bag.canonical = el.get("href")
        elif tag == "script":
            if (el.get("type") or "").lower() == "application/ld+json" and el.text:
                raw = el.text.strip()
                try:
                    data = json.loads(raw, strict=False)
                except ValueError:
                    try:
                        data = json.loads(re.sub(r"[\x00-\x1f]", " ", raw))
                    except ValueError:
                        continue
                _walk_ld(data, bag.jsonld)
        else:
            prop = el.get("itemprop") or el.get("property")
            if prop:
                val = el.get("datetime") or el.get("content")
                if val:
                    metas.setdefault(prop.strip().lower(), []).append(val)
            elif tag == "time" and el.get("datetime") and el.get("pubdate") is not None:
                metas.setdefault("pubdate", []).append(el.get("datetime"))
            elif tag == "time" and el.get("datetime") and HEADER_TIME_KEY not in metas and _in_article_header(el):
                metas[HEADER_TIME_KEY] = [el.get("datetime")]
    return bag


def _in_article_header(el: Any) -> bool:
    """Whether ``el`` lies in a ``<header>`` inside an ``<article>`` (not in an aside or teaser list)."""
    header = found = False
    for anc in el.iterancestors():
        tag = anc.tag if isinstance(anc.tag, str) else ""
        if tag in ("aside", "nav", "footer"):
            return False
        if tag == "header":
            header = True
        elif tag == "article":
            found = found or header
    return found


def _offset(z: str | None) -> int | None:
    if not z:
        return None
    if z == "Z":
        return 0
    sign = -1 if z[0] == "-" else 1
    digits = z[1:].replace(":", "")
    hh = int(digits[:2])
    mm = int(digits[2:4]) if len(digits) >= 4 else 0
    return sign * (hh * 60 + mm)


def parse_machine_date(value: str, *, source: str = "", reference: Any = None) -> DateInfo | None:
    """Parse an ISO 8601-like date string from metadata; else try ``akhbar.dates.parse_date``.

    ``"2020-06-03T03:01+0400"`` -> ``DateInfo(iso="2020-06-03T03:01:00+04:00", precision="minute",
    day=2020-06-03, offset=240)``. A time of exactly ``00:00:00`` is treated as a date-only
    placeholder (precision "day"), as on assabah's ``dc:date``. Returns None when unparseable.
    """
    if not value or len(value) > 200:
        return None
    m = _ISO.match(value)
    if m:
        y, mo, d, hh, mi, ss, z = m.groups()
        try:
            day = dt.date(int(y), int(mo), int(d))
        except ValueError:
            return None
        if not (1990 <= day.year <= 2100):
            return None
        if hh is None or (hh in ("0", "00") and mi == "00" and (ss in (None, "00"))):
            return DateInfo(day.isoformat(), "day", day, None, source)
        try:
            t = dt.time(int(hh), int(mi), int(ss or 0))
        except ValueError:
            return DateInfo(day.isoformat(), "day", day, None, source)
        off = _offset(z)
        if off is not None and not -14 * 60 <= off <= 14 * 60:  # no zone is further than UTC±14:00
            off = None
        iso = f"{day.isoformat()}T{t.isoformat()}"
        when = dt.datetime.combine(day, t)
        if off is not None:
            iso += "+00:00" if off == 0 else f"{'+' if off > 0 else '-'}{abs(off) // 60:02d}:{abs(off) % 60:02d}"
            when = when.replace(tzinfo=dt.timezone(dt.timedelta(minutes=off)))
        return DateInfo(iso, "second" if ss else "minute", day, off, source, when)
    return parse_text_date(value, source=source, reference=reference)


def parse_text_date(text: str, *, source: str = "", reference: Any = None) -> DateInfo | None:
    """Parse a human-written date (Arabic or other) through ``akhbar.dates.parse_date``.

    Returns None when the dates module finds nothing, or a date past the calendar's range.
    """
    try:
        m = parse_date(text, reference=reference)
    except (ValueError, OverflowError):
        return None
    return dateinfo_from_match(m, source) if m is not None else None


def dateinfo_from_match(m: Any, source: str) -> DateInfo | None:
    """Convert an ``akhbar.dates.DateMatch`` to :class:`DateInfo` (None if its value is odd)."""
    value = m.value
    iso = m.iso
    if value is None or not iso:
        return None
    off = None
    when = None
    if isinstance(value, dt.datetime):
        day = value.date()
        when = value
        if value.tzinfo is not None:
            delta = value.utcoffset()
            off = int(delta.total_seconds() // 60) if delta is not None else None
    elif isinstance(value, dt.date):
        day = value
    else:
        return None
    return DateInfo(iso, m.precision or "day", day, off, source, when)


_URL_DATE = re.compile(r"/((?:19|20)\d{2})/(?:[a-z_\-]+/)?(\d{1,2})/(\d{1,2})(?:/|$|-)")
_URL_DATE_COMPACT = re.compile(r"/((?:19|20)\d{2})-?(\d{2})-?(\d{2})(?:\d{2,})?(?:[-/_]|$)")


def url_date(url: str | None) -> DateInfo | None:
    """Publication day encoded in a URL path: ``/2020/8/24/``, ``/2013/middle_east/8/3/``,
    ``/2020-06-03-1.3874341``, ``/202003171044893040-``. Returns None when absent or invalid."""
    if not url:
        return None
    for rx in (_URL_DATE, _URL_DATE_COMPACT):
        m = rx.search(url)
        if m:
            try:
                day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
            return DateInfo(day.isoformat(), "day", day, None, "url")
    return None
