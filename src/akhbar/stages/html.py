"""HTML route, stages ``html_decode`` and ``html_extract``: HTML -> ``Page`` with lines and its article.

``html_decode``: the record's bytes (gzip accepted) or str -> decoded HTML in ``page.work.html``
(:func:`akhbar.html.extract.decode_html`); rejects "too_large" (over
``akhbar.html.extract.MAX_HTML_SIZE`` bytes or characters), "read_error" (corrupt gzip),
"empty", "binary".

``html_extract``: parse, render and label (:mod:`akhbar.html`): ``Page.text`` is the page
rendered one block a line, ``Page.lines`` label every line, ``Page.articles`` holds the main
article with its metadata (title, dates, publisher, authors, agencies, section, tags, body,
related) and ``Page.meta["evidence"]`` says which source gave the title and dates. Rejects
"empty" (nothing renders), "too_large"/"bad_record" (past the parser's limits) and "no_article"
(no main text). After these two stages an HTML page goes through the same stages as a text page.
"""

from __future__ import annotations

from akhbar.controls import strip_controls
from akhbar.gzipped import maybe_gunzip
from akhbar.model import Page, content_id
from akhbar.stages.base import Settings, reject

# akhbar.html (lxml, trafilatura) is imported by the stages themselves, so a run over text pages
# never loads it.


def html_decode(page: Page, settings: Settings) -> Page:
    """Stage ``html_decode``: ``page.work.content`` -> ``page.work.html`` and ``page.encoding``."""
    from akhbar.html.extract import MAX_HTML_SIZE, decode_html

    html = page.work.content
    page.work.content = None
    page.id = content_id("html", page.url or "", str(len(html)))
    if isinstance(html, (bytes, bytearray, memoryview)):
        data = bytes(html)
        if len(data) > MAX_HTML_SIZE:
            return reject(page, "too_large", f"{len(data)} bytes > {MAX_HTML_SIZE}")
        try:
            data = maybe_gunzip(data, MAX_HTML_SIZE)
        except ValueError as e:
            return reject(page, "read_error", str(e))
        if not data.strip():
            return reject(page, "empty", "no bytes")
        try:
            page.work.html, page.encoding = decode_html(data)
        except UnicodeError as e:
            return reject(page, "binary", str(e))
    elif isinstance(html, str):
        if len(html) > MAX_HTML_SIZE:
            return reject(page, "too_large", f"{len(html)} characters > {MAX_HTML_SIZE}")
        page.work.html = html
    else:
        return reject(page, "bad_record", f"expected str or bytes, got {type(html).__name__}")
    return page


def html_extract(page: Page, settings: Settings) -> Page:
    """Stage ``html_extract``: ``page.text``, ``page.lines``, ``page.articles`` (see module docstring)."""
    from akhbar.html.article import build_article
    from akhbar.html.extract import parse_html
    from akhbar.html.render import render

    text = page.work.html
    page.work.html = None
    limits: list[str] = []
    root = parse_html(text, limits)
    if limits:
        page.signals["parser_limit"] = 1.0
        page.meta["parser_limits"] = limits[:3]
    if root is None:
        return reject(page, "empty", "no HTML content")
    rendered, blocks, openers = render(root)
    page.text = rendered
    page.id = content_id("html", page.url or "", rendered)
    if not rendered.strip():
        if limits:
            reason = "too_large" if "limit" in limits[0].lower() else "bad_record"
            return reject(page, reason, f"no text within the HTML parser's limits: {limits[0]}")
        return reject(page, "empty", "page renders to no text")
    build_article(page, root, blocks, openers, url=page.url, crawl_date=page.crawl_date, html=text)
    return page


def html_fast(page: Page, settings: Settings) -> Page:
    """Stage ``html_fast`` (``Settings.html_engine == "resiliparse"``, :mod:`akhbar.html.fast`):
    ``page.work.html`` -> ``page.text`` (resiliparse's main-content text, one block a line),
    ``page.work.header`` (title, date, author, site, tags, section from the page's metadata, used
    by the text route's stages like a crawler export header) and ``page.meta["evidence"]``.
    Rejects "empty" (no text), "too_large" (over ``Settings.max_page_chars``). Raises
    :class:`akhbar.html.fast.EngineUnavailable` without resiliparse."""
    from akhbar.html.fast import extract, header_of

    html = page.work.html
    page.work.html = None
    text, bag, main = extract(html)
    text = strip_controls(text)  # (akhbar.controls: never part of a text)
    if not text.strip():
        return reject(page, "empty", "page renders to no text")
    if len(text) > settings.max_page_chars:
        return reject(page, "too_large", f"main text has {len(text):,} characters, over the limit of "
                                         f"{settings.max_page_chars:,}")
    page.text = text
    header, evidence = header_of(bag)
    page.work.header = header
    if not main:
        page.signals["html_main_content_empty"] = 1.0
    if bag.lang:
        evidence["html_lang"] = bag.lang
    if not page.url:
        url = bag.canonical or bag.first("og:url")
        if url and "://" in url:
            page.url = url
    page.meta["evidence"] = evidence
    return page


def html_fast_sources(page: Page, settings: Settings) -> Page:
    """Stage ``html_fast_sources`` (last of the resiliparse engine's own stages): the main article's
    ``title_source``/``published_source`` say "page"/"jsonld"/"html_meta" where the text route's
    stages wrote "header"/"export_header" for the HTML metadata of :func:`html_fast`; the title
    is the metadata's as printed (the text route's display form drops tatweel); a printed tags line
    is cut into the ``keywords``/``article:tag`` items it shows; a page with no date gets the date
    in its URL (:func:`akhbar.html.meta.url_date`, source "url")."""
    from akhbar.html.fast import published_source
    from akhbar.html.meta import url_date
    from akhbar.page.metadata import clean_title
    from akhbar.stages.metadata import display

    ev = page.meta.get("evidence") or {}
    header = page.work.header
    for a, k in zip(page.articles, page.work.draft_of):
        if k != 0:  # the HTML metadata is the main story's
            continue
        title = clean_title(header.get("title")) if header is not None and not page.meta.get("title") else None
        if title and a.title_source in ("header", "page"):
            a.title = title  # as the page prints it (the default engine's title; tatweel kept)
            a.title_source = "page"
        if a.tags and a.title and all(t in a.title for t in a.tags):
            a.tags = []  # the headline's words read as a tags line (resiliparse text on alyaum, assabah)
        tags = header.get("tags") if header is not None else None
        if tags and a.tags:  # the printed tags line, cut into items by the metadata keywords it shows
            shown = " ".join(a.tags)
            vis = [t for t in (display(str(x)) for x in tags) if t and t in shown]
            if vis:
                a.tags = vis
        if a.published_source == "export_header" and ev.get("published"):
            a.published_source = published_source(ev["published"])
        if a.published is None:
            d = url_date(page.url)  # the HTML route's URL forms (``/2013/middle_east/8/3/``)
            if d is not None:
                a.published, a.published_precision, a.published_source = d.iso, "day", "url"
    return page
