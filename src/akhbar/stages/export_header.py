"""Text route, stage ``export_header``: a crawler's export header read as metadata, kept out of the body.

Runs after ``clean`` and before ``language``: :func:`akhbar.page.exportheader.read_header` finds
the header (`` date 2025-11-03 ``, trafilatura's YAML front matter, ``Title:``/``URL:``/``Date:``
key lines, WARC/WET headers) at the start of ``Page.text``. The text is not changed (spans stay
valid); ``PageWork.body_start`` tells the later stages where the page's own text starts, so the
header never reaches the body, the title line or the language guess. Its fields:

- ``Page.meta["export_header"]``: ``{"kinds", "span", <fields>}`` for audit;
- ``Page.url`` from the header's URL when the record gives none;
- ``Page.crawl_date`` from ``WARC-Date`` when the record gives none (a crawl date, never a date
  of publication);
- for the main story, :func:`header_meta` hands the title, author, date, site, tags and
  categories to the ``segment``, ``metadata`` and ``dates`` stages, under the record's own fields
  (a JSON record's ``title`` wins over the header's). A header date coarser than a day
  (`` date 2022-10 ``) is kept in ``Page.meta["export_header"]`` but dates no article: in the
  open-web development set (``benchmarks/data/openweb``) the pages with such a header show no
  date of their own.

Rejects "empty" when nothing follows the header.
"""

from __future__ import annotations

import re

from akhbar.model import Page
from akhbar.page.exportheader import read_header
from akhbar.stages.base import Settings, reject

_META_KEYS = {"title": "title", "author": "author", "date": "date"}
#: A header date that names a day: ISO ``YYYY-MM-DD`` first, or any other form (key lines,
#: front matter: ``3 نوفمبر 2025``, ``Mon, 03 Nov 2025 ...``) that is not a bare ``YYYY-MM``/``YYYY``.
_FULL_DAY = re.compile(r"(?!\d{4}(?:-\d\d)?\s*$)")


def export_header(page: Page, settings: Settings) -> Page:
    """Stage ``export_header``: ``page.work.header``/``body_start``, ``page.meta["export_header"]``,
    and ``page.url``/``page.crawl_date`` when the record lacks them (see module docstring)."""
    text = page.text
    h = read_header(text)
    if h is None:
        return page
    page.work.header = h
    page.work.body_start = h.end
    page.meta["export_header"] = {"kinds": list(h.kinds), "span": [0, h.end], **h.fields}
    url = h.get("url")
    if not page.url and isinstance(url, str) and "://" in url:
        page.url = url
    crawl = h.get("crawl_date")
    if page.crawl_date is None and isinstance(crawl, str) and crawl:
        page.crawl_date = crawl
    if not text[h.end :].strip():
        return reject(page, "empty", f"no text after the export header ({', '.join(h.kinds)})")
    return page


def header_meta(page: Page) -> dict:
    """The record's own fields (``page.meta``) completed with the export header's ``title``,
    ``author``, ``date``, ``site``, ``tags`` and ``categories`` (the record's win); ``page.meta``
    itself when the page has no header. For the main story only."""
    h = page.work.header if page.work is not None else None
    if h is None:
        return page.meta
    meta = dict(page.meta)
    for src, dst in _META_KEYS.items():
        v = h.get(src)
        if src == "date" and (not isinstance(v, str) or not _FULL_DAY.match(v)):
            continue  # a month (" date 2022-10 ") dates no article
        if v and not meta.get(dst):
            meta[dst] = v
    for name in ("site", "tags", "categories"):
        v = h.get(name)
        if v:
            meta["header_" + name] = v
    return meta


def header_title(page: Page) -> str | None:
    """The export header's title when the record gives none, else None."""
    h = page.work.header if page.work is not None else None
    if h is None or page.meta.get("title"):
        return None
    t = h.get("title")
    return t if isinstance(t, str) and t else None
