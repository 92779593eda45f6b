"""The Arabic news layer on top of trafilatura: line labels and the main ``Article`` of an HTML page.

Input: the rendered lines (:class:`akhbar.html.render.Block`) and the parsed tree. Output: the
``Page`` filled in place: ``lines`` (one :class:`akhbar.model.Line` per rendered line, labels as in
``shared/gold/pages/README.md``), ``articles`` (one main article), ``signals`` and
``meta["evidence"]`` (why each metadata value was chosen, for audit).

This module owns :func:`build_article`, which runs the steps in order; each step lives in its own
module with its rules:

1. body vote (:mod:`akhbar.html.body`); when the labels leave no body line, the text route's
   vote on the rendering (:mod:`akhbar.html.fallback`, signal ``text_route_fallback``);
2. headline, publisher, site names (:mod:`akhbar.html.headline`);
3. related and other link lists (:mod:`akhbar.html.lists`);
4. line labels (:mod:`akhbar.html.labels`);
5. bylines, authors, agency credits, dateline place (:mod:`akhbar.html.bylines`);
6. dates, tags, section (:mod:`akhbar.html.choices`); the language is the ``language`` stage's.

Rules, each measured on the gold pages by ``benchmarks/html_gold.py``:

* body = lines whose text equals a paragraph of ``trafilatura.bare_extraction`` minus furniture
  vetoed by zone (comment dialogs, captions, share bars, related cards) or by cue (the repeated
  headline, dateline, byline, ``--(بترا)`` credit line, ``اقرأ أيضاً`` lead, comment-policy text);
* title = the ``<h1>`` that matches ``og:title``/JSON-LD/``<title>``; else those with the
  site-name affix stripped (inner hyphens kept); a page with none gets the URL slug's words, else
  its first sentence, and ``title_source`` says which ("page", "url", "first_sentence");
* ``published_source``: "jsonld", "html_meta", "time_element", "page" (visible) or "url";
* published/updated = JSON-LD, then ``<meta>``/microdata/RDFa, then the visible dateline near the
  headline (via ``akhbar.dates``), then the URL; on a calendar-day conflict the value with a
  local (non-UTC) offset or the one agreeing with the visible dateline wins (``date_conflict``
  signal); never a date from a related block;
* related = links of blocks headed by ``اقرأ أيضاً``/``أخبار ذات صلة``/``الأكثر قراءة``... or
  inside ``related``-like containers, in page order, never in the body.
"""

from __future__ import annotations

from typing import Any

from akhbar.arabic import normalize
from akhbar.controls import strip_controls
from akhbar.html.body import first_long_body, trafilatura_paragraphs, vote_body
from akhbar.html.bylines import find_authors, find_credits, not_name_keys
from akhbar.html.choices import choose_dates, choose_section, choose_tags, reference_date
from akhbar.html.cues import key
from akhbar.html.headline import choose_publisher, choose_title, site_name_keys
from akhbar.html.labels import article_region, label_lines
from akhbar.html.lists import mark_lists, related_links
from akhbar.html.meta import HEADER_TIME_KEY, MetaBag, collect
from akhbar.html.render import Block, Opener, resolve_zones
from akhbar.model import Article, Line, Page, Rejection, content_id
from akhbar.page.titles import first_sentence_title, slug_title

#: Rendered lines above which trafilatura (with its readability and jusText fallbacks, each a few
#: times slower per line than our own walk) is not asked: the body vote then falls back to long,
#: link-poor prose lines (``vote_body``), linear in the lines. The real HTML pages in ../shared/data
#: render to at most 497 lines; 10,000 tiny paragraphs take trafilatura about 1 s of CPU
#: (issue 18, ``benchmarks/html_pathological.py``).
MAX_TRAFILATURA_LINES = 10_000


def build_article(page: Page, root: Any, blocks: list[Block], openers: list[Opener], *, url: str | None,
                  crawl_date: Any, html: str | None = None) -> None:
    """Label ``blocks`` and build the main Article into ``page`` (in place). See module docstring."""
    bag = collect(root)
    url = _page_url(page, bag, url)
    keys = [key(b.text) for b in blocks]
    site_keys = site_name_keys(bag, url)
    evidence: dict[str, Any] = {}
    signals: dict[str, Any] = {}

    # 1. trafilatura votes for body (not on a page of more lines than any article page has)
    if len(blocks) <= MAX_TRAFILATURA_LINES:
        paras = trafilatura_paragraphs(html if html is not None else root, url)
    else:
        paras = []
        signals["trafilatura_skipped_lines"] = len(blocks)
    cand = vote_body(blocks, keys, paras, signals)

    # 2. headline; then the article container's zones go
    title, title_src = choose_title(bag, blocks, keys, site_keys, first_long_body(keys, cand))
    evidence["title"] = title_src
    tkey = key(title) if title else None
    title_lines = {i for i in range(len(blocks)) if tkey and keys[i] == tkey}
    title_idx = min(title_lines) if title_lines else None
    _drop_container_zones(blocks, openers, cand, title_idx)

    # 3-4. related / other lists in page order, then one label per line
    rel_kind = mark_lists(blocks, keys, cand)
    labels = label_lines(blocks, keys, cand, rel_kind, title_lines, tkey)
    # nothing left: the text route on the rendering (akhbar.html.fallback), within the same bound
    # of lines as trafilatura (the text route's segmentation is not linear on 100,000 tiny lines)
    if "body" not in labels and len(blocks) <= MAX_TRAFILATURA_LINES:
        cand2 = _text_route_vote(page.text, url, blocks, keys)
        if cand2 is not None:
            signals["text_route_fallback"] = 1.0
            _drop_container_zones(blocks, openers, [a or b for a, b in zip(cand, cand2, strict=True)], title_idx)
            cand = cand2
            rel_kind = mark_lists(blocks, keys, cand)
            labels = label_lines(blocks, keys, cand, rel_kind, title_lines, tkey)
    start, end = article_region(labels, title_idx)

    # 5. bylines and authors, credit lines and wire datelines
    pub = choose_publisher(bag, site_keys)
    bad_name_keys = not_name_keys(site_keys, pub, tkey)
    authors, place = find_authors(bag, blocks, keys, labels, rel_kind, start, end, bad_name_keys)
    evidence["authors"] = "visible byline / metadata name shown on the page"
    agencies, place = find_credits(blocks, labels, start, end, place, bad_name_keys, site_keys)

    # 6. dates, tags, section, related links
    crawl_date = reference_date(crawl_date, signals)
    published, updated = choose_dates(bag, blocks, keys, labels, rel_kind, start, end, url, crawl_date,
                                      signals, evidence)
    tags = choose_tags(bag, blocks, labels)
    section = choose_section(bag, blocks, labels, tkey)
    related = related_links(blocks, rel_kind, tkey)

    # 7. lines; the article, or the rejection when no line is body
    page.lines = [Line(span=(b.start, b.end), label=labels[i], score=1.0 if cand[i] else 0.5, text=b.text)
                  for i, b in enumerate(blocks)]
    body_idx = [i for i in range(len(blocks)) if labels[i] == "body"]
    if bag.lang:  # the language stage compares it with the language of the body
        evidence["html_lang"] = bag.lang
    page.signals.update(signals)
    page.meta["evidence"] = evidence
    if not body_idx:
        page.rejection = Rejection(page.record_id or page.id, page.source or (url or ""), "no_article",
                                   f"no main text found ({len(paras)} trafilatura paragraphs, {len(blocks)} lines)")
        return
    body = [_display(blocks[i].text) for i in body_idx]
    title = strip_controls(title) if title else title  # metadata titles (og:title, <title>) too
    title_source = "page" if title else None
    if not title:
        title, title_source = derived_title(url, body[0])
    pub, place, section = (strip_controls(x) if x else x for x in (pub, place, section))
    authors, agencies, tags = ([strip_controls(x) for x in xs] for xs in (authors, agencies, tags))
    for r in related:
        r.title = strip_controls(r.title)
    page.articles = [Article(
        id=content_id(page.id, "main"), page_id=page.id, role="main", url=url, title=title,
        title_span=(blocks[title_idx].start, blocks[title_idx].end) if title_idx is not None else None,
        title_source=title_source,
        published=published.iso if published else None,
        published_precision=published.precision if published else None,
        published_source=date_source(published.source) if published else None,
        updated=updated.iso if updated else None,
        publisher=pub, authors=authors, agencies=agencies, dateline_place=place, section=section, tags=tags,
        body=body,
        body_spans=[(blocks[i].start, blocks[i].end) for i in body_idx],
        related=related,
        signals={k: float(v) for k, v in signals.items() if isinstance(v, (int, float))},
    )]


def _text_route_vote(text: str, url: str | None, blocks: list[Block], keys: list[str]) -> list[bool] | None:
    """The body vote of the text route's main article (:func:`akhbar.html.fallback.text_route_body`)
    on ``blocks``, or None when it finds no body or none of its paragraphs matches a line."""
    from akhbar.html.fallback import text_route_body

    paras = text_route_body(text, url)
    if not paras:
        return None
    sig: dict[str, Any] = {}
    cand = vote_body(blocks, keys, paras, sig)
    return None if sig.get("fallback_body") else cand


def derived_title(url: str | None, first_paragraph: str) -> tuple[str, str]:
    """``(title, title_source)`` of a page that prints no headline: the URL slug's words ("url"),
    else the first sentence ("first_sentence"); see :mod:`akhbar.page.titles`."""
    slug = slug_title(url)
    if slug:
        return _display(slug), "url"
    return first_sentence_title(first_paragraph), "first_sentence"


def date_source(evidence: str) -> str:
    """``Article.published_source`` for a ``DateInfo.source`` of :func:`akhbar.html.choices.choose_dates`:
    ``"jsonld:datePublished"`` -> "jsonld", ``"meta:time:header"`` -> "time_element", other
    ``"meta:..."`` -> "html_meta", ``"visible:N"`` -> "page", ``"url"`` -> "url"."""
    if evidence.startswith("jsonld"):
        return "jsonld"
    if evidence.startswith("meta:" + HEADER_TIME_KEY):
        return "time_element"
    if evidence.startswith("meta:"):
        return "html_meta"
    if evidence.startswith("visible"):
        return "page"
    return "url" if evidence.startswith("url") else evidence


def _page_url(page: Page, bag: MetaBag, url: str | None) -> str | None:
    """``url``, else the page's canonical / ``og:url`` (then also set as ``page.url``) when absolute."""
    if not url:
        url = bag.canonical or bag.first("og:url")
        if url and "://" in url:
            page.url = url
        else:
            url = None
    return url


def _drop_container_zones(blocks: list[Block], openers: list[Opener], cand: list[bool],
                          title_idx: int | None) -> None:
    """Zones of an element holding both the headline and body text are the article container's
    (LBCI's ``PrintThis`` share wrapper, ASP.NET's page-wide ``<form>``): drop them (in place)."""
    if title_idx is not None:
        invalid = {
            k for k, op in enumerate(openers)
            if op.first <= title_idx < op.end and any(cand[j] for j in range(title_idx, op.end))
        }
        resolve_zones(blocks, openers, invalid)


def _display(text: str) -> str:
    return normalize(strip_controls(text), "display")
