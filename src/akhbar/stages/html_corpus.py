"""HTML route, stages ``html_record`` and ``html_furniture``: what lies outside the page itself.

``html_record``: the input record's own fields (a JSON Lines or Parquet record's ``title``,
``date``, ``author``, ``publisher``/``source`` and ``category``, kept in ``Page.meta`` by the
readers in :mod:`akhbar.sources`) fill what the HTML did not give, so an ``html`` field is read
with the same fields as a ``text`` field (issue 14). The page's own structured data wins (JSON-LD,
``<meta>``, the visible headline and dateline): a record's field is a crawler's copy of it.

* title: the record's (``akhbar.page.metadata.clean_title``) when the page printed none (title
  derived from the URL slug or the first sentence); ``title_source`` "record";
* published: the record's date (:func:`akhbar.dates.parse_date`, relative to the crawl date) when
  the page gave none or only a date in its URL; ``published_source`` "record", as on the text
  route (``akhbar.stages.dates``);
* authors, publisher, section: the record's when the page gave none (``clean_author_field``,
  ``publisher_from_source``; the text route's ``metadata`` stage reads them the same way).

``html_furniture`` (only with ``Settings.furniture``, the table the run's first pass learned):
a body paragraph whose folded text is a line repeated across the site's pages
(:meth:`akhbar.corpus.repeated.RepeatedLines.is_repeated`; the site is
:func:`akhbar.stages.segment.site_of`) is relabelled ``other_boilerplate`` and leaves the body, as
the text route's ``segment`` stage does (``akhbar.page.segment.apply_repeated``). Whole lines only:
the learned leading/trailing word runs (``Settings.furniture_affixes``) cut crawler text fused on
one line, which rendered HTML paragraphs are not. A page whose every body paragraph is learned
furniture is rejected "no_article". :func:`html_lines` gives the first pass an HTML page's lines.
"""

from __future__ import annotations

from typing import Any

from akhbar.arabic import normalize
from akhbar.controls import strip_controls
from akhbar.model import Page
from akhbar.stages.base import Settings, reject

#: ``title_source`` values of a title the page did not print (``akhbar.html.article.derived_title``).
_DERIVED_TITLE = (None, "url", "first_sentence")


def html_lines(content: Any) -> list[str] | None:
    """The rendered lines of an HTML record's ``content`` (``bytes``, gzip accepted, or ``str``), as
    the ``html_extract`` stage renders them (:func:`akhbar.html.render.render`), for the furniture
    first pass (``akhbar.run.corpus.furniture_lines``); None when nothing renders or the content
    cannot be decoded, parsed or is over ``akhbar.html.extract.MAX_HTML_SIZE``. Never raises."""
    from akhbar.gzipped import maybe_gunzip
    from akhbar.html.extract import MAX_HTML_SIZE, decode_html, parse_html
    from akhbar.html.render import render

    try:
        if isinstance(content, (bytes, bytearray, memoryview)):
            data = bytes(content)
            if len(data) > MAX_HTML_SIZE:
                return None
            html, _ = decode_html(maybe_gunzip(data, MAX_HTML_SIZE))
        elif isinstance(content, str):
            html = content
        else:
            return None
        if len(html) > MAX_HTML_SIZE:
            return None
        root = parse_html(html, [])
        if root is None:
            return None
        text, blocks, _ = render(root)
        return [text[b.start : b.end] for b in blocks] or None
    except Exception:  # a page the stages would reject: no furniture to learn from it
        return None


def html_record(page: Page, settings: Settings) -> Page:
    """Stage ``html_record``: the record's title, date, authors, publisher and section where the
    HTML gave none (see module docstring)."""
    meta = page.meta
    if not page.articles or not any(meta.get(k) for k in ("title", "date", "author", "publisher", "category")):
        return page
    from akhbar.page import metadata as md

    a = page.articles[0]
    if a.title_source in _DERIVED_TITLE and meta.get("title"):
        title = md.clean_title(str(meta["title"]))
        if title:
            a.title, a.title_source, a.title_span = _display(title), "record", None
    if meta.get("date") and (a.published is None or a.published_source == "url"):
        from akhbar import dates as dp
        from akhbar.stages.dates import reference

        given = dp.parse_date(str(meta["date"]), reference=reference(page))
        if given is not None:
            a.published = given.iso
            a.published_precision = given.precision + ("-inferred-year" if given.year_inferred else "")
            a.published_source = "record"
    if not a.publisher and meta.get("publisher"):
        a.publisher = md.publisher_from_source(str(meta["publisher"]))
    if not a.authors and meta.get("author"):
        authors, place, _ = md.clean_author_field(str(meta["author"]), publisher=a.publisher)
        a.authors = list(dict.fromkeys(_display(x) for x in authors if x))
        a.dateline_place = a.dateline_place or place
    if not a.section and meta.get("category"):
        a.section = _display(str(meta["category"])) or None
    return page


def html_furniture(page: Page, settings: Settings) -> Page:
    """Stage ``html_furniture``: body paragraphs that are site furniture learned in the run's first
    pass leave the main article's body (see module docstring); rejects "no_article" when none is left."""
    learner = settings.furniture
    if learner is None or not page.articles:
        return page
    from akhbar.stages.segment import site_of

    site = site_of(page)
    a = page.articles[0]
    spans = a.body_spans or []
    if len(spans) != len(a.body):
        return page
    drop = {i for i, (s, e) in enumerate(spans) if learner.is_repeated(site, page.text[s:e])}
    if not drop:
        return page
    dropped = {spans[i] for i in drop}
    for ln in page.lines:
        if ln.label == "body" and ln.span in dropped:
            ln.label = "other_boilerplate"
    a.body = [b for i, b in enumerate(a.body) if i not in drop]
    a.body_spans = [sp for i, sp in enumerate(spans) if i not in drop]
    page.signals["learned_furniture_segments"] = len(drop)
    if not a.body:
        page.articles = []
        return reject(page, "no_article", f"every body paragraph ({len(drop)}) is furniture learned "
                                          f"across the pages of site {site!r}")
    return page


def _display(s: str) -> str:
    return normalize(strip_controls(s), "display", lang="ar")
