"""Text route, stage ``metadata``: one ``Article`` per draft, with its body and metadata fields.

Each field has one function here, reading the lines the ``segment`` stage labelled, with the
parsing rules in :mod:`akhbar.page.metadata` (source lines, bylines, credits, tag clouds):

- :func:`_body`: body paragraphs and their spans (a draft with no body gives no article);
- :func:`_title`: the title line, the record's own title or the export header's (main story),
  else the URL slug (main story), else the first sentence; ``title_source`` says which
  (:mod:`akhbar.page.titles`);
- :func:`_publisher_agencies`: source lines ("المصدر: عربي21"), the record's publisher, the
  export header's site name, else the page URL's host (``akhbar.page.metadata.publisher_from_url``);
- :func:`_authors`: bylines ("كتب: ..."), datelines with credits, the record's author field,
  credits inline in the first/last paragraph ("(أ ف ب)");
- :func:`_tags_section`: tag clouds (only words the story uses; menus are not tags), section;
  else the export header's tags and categories;
- :func:`_related`: headlines of related-story lines, split where a crawler glued them.

Every string is display-normalized (:func:`akhbar.arabic.normalize`, form "display") as it is
extracted; comparisons between fields (an agency equal to the publisher is not an agency) are
made on the normalized forms. Dates are the ``dates`` stage's. Rejects "no_article" when no
draft has a body.
"""

from __future__ import annotations

import re

from akhbar.arabic import normalize
from akhbar.model import Article, Page, RelatedLink, content_id
from akhbar.page import lexicon as lx
from akhbar.page import metadata as md
from akhbar.page.segment import Draft, Seg, split_glued_run
from akhbar.page.titles import first_sentence_title, slug_title
from akhbar.stages.base import Settings, reject
from akhbar.stages.export_header import header_meta


def display(s: str) -> str:
    """Display normalization of an output string (Arabic rules; see ``akhbar.arabic.normalize``),
    C0 control characters deleted (``akhbar.controls.strip_controls``: record fields such as
    an author with a NUL)."""
    return normalize(md.strip_controls(s), "display", lang="ar")


def uniq(xs: list[str]) -> list[str]:
    """``xs`` without empty strings and repeats, in first-seen order."""
    out: list[str] = []
    for x in xs:
        if x and x not in out:
            out.append(x)
    return out


def metadata(page: Page, settings: Settings) -> Page:
    """Stage ``metadata``: ``page.articles`` from ``page.work.drafts`` (``page.work.draft_of`` maps
    each article to its draft). Only the main story (draft 0) reads the record's own fields
    (title, publisher, author, category)."""
    work = page.work
    for k, d in enumerate(work.drafts):
        a = _article(page, work.segs, d, k)
        if a is not None:
            page.articles.append(a)
            work.draft_of.append(k)
    if not page.articles:
        return reject(page, "no_article", f"no article body found in {len(page.lines)} lines")
    return page


def _article(page: Page, segs: list[Seg], d: Draft, k: int) -> Article | None:
    body_pairs = _body(page.text, segs, d)
    if not body_pairs:
        return None
    a = Article(id=content_id(page.id, d.role, str(k)), page_id=page.id, role=d.role, language=page.language,
                url=page.url)
    a.body = [b for b, _ in body_pairs]
    a.body_spans = [sp for _, sp in body_pairs]
    meta = header_meta(page) if k == 0 else {}
    _title(a, page, segs, d, meta, k == 0)
    agencies = _publisher_agencies(a, page.text, segs, d, meta)
    agencies += _authors(a, page.text, segs, d, meta)
    a.agencies = uniq([display(x) for x in agencies if x and x != a.publisher])
    _tags_section(a, page.text, segs, d, meta)
    _related(a, page.text, segs, d)
    return a


def _body(text: str, segs: list[Seg], d: Draft) -> list[tuple[str, tuple[int, int]]]:
    """``(paragraph, span)`` of the draft's body lines that are not empty once normalized."""
    spans = [(segs[i].start, segs[i].end) for i in d.body]
    return [(b, sp) for b, sp in ((display(text[s:e]), (s, e)) for s, e in spans) if b]


def _title(a: Article, page: Page, segs: list[Seg], d: Draft, meta: dict, main: bool) -> None:
    """``a.title``, ``a.title_span``, ``a.title_source``: the record's title (main story; "page" when a
    line of the page equals it, else "record"), else the export header's ("page"/"header" alike),
    else the title line ("page"), else the URL slug (main story, "url"), else the first sentence."""
    text = page.text
    if d.title is not None:
        s = segs[d.title]
        m = _wrapped(text, s.start, s.end)
        start, end = m.span("h") if m else (s.start, s.start + fused_byline_at(text[s.start : s.end]))
        a.title = display(text[start:end])
        a.title_span = (start, end)
        a.title_source = "page"
    if d.title is None and main:
        _wrapped_title(a, text, segs, d)
    given = md.clean_title(meta.get("title"))
    if given:
        if d.title is None:
            a.title_source = "record" if page.meta.get("title") else "header"
        a.title = display(given)
    if not a.title and main:
        slug = slug_title(page.url)
        if slug:
            a.title, a.title_source = display(slug), "url"
    if not a.title:
        a.title, a.title_source = first_sentence_title(a.body[0]), "first_sentence"


#: A byline a crawler fused to the end of a headline after ``..``, ``…`` or a spaced dash/bar:
#: ``... لعبور المرحلة الحساسة..بقلم: سعد بن طفلة العجمي`` (open-web development set, a Kuwaiti
#: portal). The byline words are those of ``akhbar.page.lexicon.BYLINE_LEAD`` that take a colon.
_FUSED_BYLINE = re.compile(r"(?:(?<!\.)\.{2,}|…|\s[-–—|/])\s*(?:بقلم|كتب(?:ت|ه|ها)?|[اأ]عد(?:ه|ت|ته)|تحرير)\s*[:：]")


def fused_byline_at(line: str) -> int:
    """Where a headline ``line`` ends when a byline was fused after it (:data:`_FUSED_BYLINE`),
    at least three words into the line; else ``len(line)``. Pure."""
    m = _FUSED_BYLINE.search(line)
    if m is None or len(line[: m.start()].split()) < 3:
        return len(line)
    return len(line[: m.start()].rstrip())


def _wrapped(text: str, start: int, end: int):
    """``lexicon.WRAPPED_HEADLINE`` matched at the first letter of ``text[start:end]``, or None."""
    while start < end and not text[start].isalpha():
        start += 1
    return lx.WRAPPED_HEADLINE.match(text, start, end) if start < end else None


def _wrapped_title(a: Article, text: str, segs: list[Seg], d: Draft) -> None:
    """The headline an aggregator's wrapper sentence holds (``lexicon.WRAPPED_HEADLINE``), on a
    furniture line above the body (at most 12 segments up): sets ``a.title`` ("page")."""
    first = d.body[0] if d.body else 0
    for j in range(max(0, first - 12), first):
        s = segs[j]
        if s.label != "other_boilerplate" or s.end - s.start > 600:
            continue
        m = _wrapped(text, s.start, s.end)
        if m:
            a.title = display(m.group("h"))
            a.title_span = m.span("h")
            a.title_source = "page"
            return


def _publisher_agencies(a: Article, text: str, segs: list[Seg], d: Draft, meta: dict) -> list[str]:
    """Sets ``a.publisher``; returns the agencies credited on source lines."""
    publisher = None
    agencies: list[str] = []
    for i in d.sources:
        s = segs[i]
        pub, ags = md.source_line_fields(text[s.start : s.end])
        publisher = publisher or pub
        agencies += ags
    if meta.get("publisher"):
        publisher = publisher or md.publisher_from_source(meta.get("publisher"))
    if meta.get("header_site"):
        publisher = publisher or str(meta["header_site"])
    publisher = publisher or md.publisher_from_url(a.url)  # the page's site (Common Crawl records: URL only)
    a.publisher = display(publisher) if publisher else None
    return agencies


def _authors(a: Article, text: str, segs: list[Seg], d: Draft, meta: dict) -> list[str]:
    """Sets ``a.authors`` and ``a.dateline_place``; returns the agencies credited on bylines,
    datelines, the author field and inline in the body."""
    authors: list[str] = []
    agencies: list[str] = []
    place = None
    bylines = set(d.bylines)
    for i in d.bylines + d.datelines:
        s = segs[i]
        line = text[s.start : s.end]
        agencies += md.agencies_in(line)
        if i in bylines:
            au, pl = md.authors_from_byline(line, publisher=a.publisher)
            authors += au
            place = place or pl
    if meta.get("author"):
        au, pl, ags = md.clean_author_field(meta.get("author"), publisher=a.publisher)
        if not authors:
            authors = au
        place = place or pl
        agencies += ags
    agencies += md.inline_credits(a.body[0][:300] + " " + a.body[-1][-200:])
    a.authors = uniq([display(x) for x in authors])
    a.dateline_place = place
    return agencies


def _tags_section(a: Article, text: str, segs: list[Seg], d: Draft, meta: dict) -> None:
    body_text = " ".join(a.body) + " " + (a.title or "")
    tags: list[str] = []
    for i in d.tags:
        s = segs[i]
        line = text[s.start : s.end]
        tags += md.split_tags(line, article_text=body_text)
        if a.section is None:
            a.section = md.section_from_cloud(line)
    if not tags and meta.get("header_tags"):
        tags = list(meta["header_tags"])
    a.tags = uniq([display(t) for t in tags])
    if a.section is None and meta.get("category"):
        a.section = meta.get("category")
    if a.section is None and meta.get("header_categories"):
        a.section = display(meta["header_categories"][0]) or None


def _related(a: Article, text: str, segs: list[Seg], d: Draft) -> None:
    for i in d.related:
        s = segs[i]
        m = lx.RELATED_LEAD.match(text[s.start : s.end])
        pieces = split_glued_run(text, s.start + m.end(), s.end) if m else [(s.start, s.end)]
        for ps, pe in pieces:
            line = display(text[ps:pe])
            if line:
                a.related.append(RelatedLink(title=line, span=(ps, pe)))
