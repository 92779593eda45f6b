"""Per-page stages for text pages, composed: RawRecord -> Page (articles) or Page with a Rejection.

Each stage is a pure function of its input (no global mutable state), so any
executor (in-process, process pool, Ray) can run ``refine_record``.

Stages, in order: decode -> clean (NFC, bidi controls, tatweel) -> language
identification -> line labels -> segmentation into articles -> metadata
(title, dates, publisher, agencies, authors, section, tags) -> display
normalization of every output string -> quality signals -> entities (optional).
"""

from __future__ import annotations

import datetime as dt
import re
import time
import traceback
from dataclasses import dataclass, field

from akhbar import arabic
from akhbar.model import Article, Line, Page, RawRecord, Rejection, RelatedLink, content_id
from akhbar.page import lexicon as lx
from akhbar.page import metadata as md
from akhbar.page.lines import line_info, split_lines, split_share_prefix
from akhbar.page.segment import Draft, Seg, apply_repeated, build, split_glued_run

#: Pages longer than this (characters, after decoding) are rejected as "too_large".
MAX_PAGE_CHARS = 2_000_000


@dataclass(slots=True)
class Settings:
    """What ``refine_record`` does. ``languages``: page languages kept (others are rejected as
    "not_arabic"); ``entities``: run NER on each article; ``quality``: compute quality signals and
    reject pages failing ``akhbar.quality.check``; ``mentioned_dates``: scan bodies for dates."""

    languages: tuple[str, ...] = ("ar",)
    entities: bool = False
    quality: bool = True
    mentioned_dates: bool = True
    max_page_chars: int = MAX_PAGE_CHARS
    #: a frozen ``akhbar.corpus.repeated.RepeatedLines`` learned in a first pass over the input
    furniture: object | None = field(default=None, repr=False)
    #: also cut learned leading/trailing word runs (less precise than whole repeated lines)
    furniture_affixes: bool = False
    timings: dict[str, float] | None = field(default=None, repr=False)


DEFAULT = Settings()


def refine_text(text: str, *, url: str | None = None, crawl_date=None, settings: Settings | None = None) -> Page:
    """Refine one crawler-text page (see ``akhbar.refine_text``)."""
    rec = RawRecord(id=content_id(url or "", text), source=url or "<text>", content=text, url=url,
                    crawl_date=_iso(crawl_date))
    return refine_record(rec, settings or Settings(quality=False))


def site_of(rec: RawRecord) -> str:
    """The site a record belongs to, for furniture learned per site: its publisher/source id, else
    the URL host (without "www."), else "" ."""
    pub = rec.meta.get("publisher")
    if pub:
        return str(pub).strip().lower()
    if rec.url:
        from urllib.parse import urlsplit

        host = urlsplit(rec.url).hostname or ""
        return host.removeprefix("www.")
    return ""


def _iso(d) -> str | None:
    if d is None:
        return None
    if isinstance(d, (dt.date, dt.datetime)):
        return d.isoformat()
    return str(d)


def refine_record(rec: RawRecord, settings: Settings = DEFAULT) -> Page:
    """Refine one ``RawRecord`` into a ``Page``. Never raises: failures become ``Page.rejection``."""
    try:
        if rec.content_type == "text/html":
            from akhbar.html.extract import refine_html

            page = refine_html(rec.content, url=rec.url, crawl_date=rec.crawl_date)
            page.record_id = rec.id
            page.source = rec.source
            page.meta.update(rec.meta)
            if page.rejection is not None:
                page.rejection.record_id = rec.id
                page.rejection.source = rec.source
            return page
        return _refine_text_record(rec, settings)
    except Exception as e:  # a bug in a stage must not stop the run
        msg = f"{type(e).__name__}: {e}".replace("\n", " ")[:300]
        tb = traceback.extract_tb(e.__traceback__)[-1]
        page = Page(id=content_id(rec.id, "error"), text="", url=rec.url, source=rec.source, record_id=rec.id)
        page.rejection = Rejection(rec.id, rec.source, "internal_error", f"{msg} at {tb.filename}:{tb.lineno}")
        return page


def _decode(rec: RawRecord) -> tuple[str, str, list[str]]:
    content = rec.content
    if isinstance(content, str):
        text, enc, repairs = content, "str", []
        rep = getattr(_decode_mod(), "repair_mojibake", None)
        if rep is not None and _looks_mojibake(text):
            text, repairs, src = rep(text)
            if src:
                enc = f"str({src})"
        return text, enc, repairs
    dec = _decode_mod().decode(content, declared=rec.meta.get("charset"))
    return dec.text, dec.encoding, list(dec.repairs)


_MOJI = re.compile("[ÃÇÚáäÊØÙÈ][\u0080-\u00ff]")


def _looks_mojibake(text: str) -> bool:
    head = text[:2000]
    # the pattern's first character is one of nine: nine substring tests (C scans) skip the search
    return any(c in head for c in _MOJI_LEADS) and bool(_MOJI.search(head))


_MOJI_LEADS = "ÃÇÚáäÊØÙÈ"


def _decode_mod():
    try:
        from akhbar.page import decode
    except ImportError:  # pragma: no cover - decode.py is always shipped
        from akhbar.page import _decode_fallback as decode
    return decode


_TIMER = time.perf_counter


def _clean(text: str) -> str:
    f = getattr(arabic, "clean_text", None)
    if f is not None:
        return f(text)
    return arabic.normalize(text, "display") if "\n" not in text else "\n".join(
        arabic.normalize(x, "display") for x in text.split("\n")
    )


def _refine_text_record(rec: RawRecord, st: Settings) -> Page:
    tm = st.timings
    t0 = _TIMER()
    try:
        raw, encoding, repairs = _decode(rec)
    except ValueError as e:  # BinaryContent and friends
        page = Page(id=content_id(rec.id, "binary"), text="", url=rec.url, source=rec.source, record_id=rec.id)
        page.rejection = Rejection(rec.id, rec.source, "binary", str(e).split("\n")[0][:300])
        return page
    if len(raw) > st.max_page_chars:
        page = Page(id=content_id(rec.id, "large"), text="", url=rec.url, source=rec.source, record_id=rec.id)
        page.rejection = Rejection(rec.id, rec.source, "too_large",
                                   f"page has {len(raw):,} characters, over the limit of {st.max_page_chars:,}")
        return page
    text = _clean(raw)
    page = Page(
        id=content_id(rec.url or rec.id, text),
        text=text,
        url=rec.url,
        source=rec.source,
        record_id=rec.id,
        crawl_date=rec.crawl_date,
        encoding=encoding,
        meta=dict(rec.meta),
    )
    if repairs:
        page.signals["repairs"] = repairs
    t1 = _TIMER()
    if tm is not None:
        tm["decode"] = tm.get("decode", 0.0) + t1 - t0
    if not text.strip():
        page.rejection = Rejection(rec.id, rec.source, "empty", "no text after decoding")
        return page
    lang = _page_language(text)
    page.language = lang.code
    t2 = _TIMER()
    if tm is not None:
        tm["language"] = tm.get("language", 0.0) + t2 - t1
    if st.languages and lang.code not in st.languages:
        page.rejection = Rejection(rec.id, rec.source, "not_arabic",
                                   f"language identified as {lang.code} (confidence {lang.confidence:.2f})")
        return page
    meta = rec.meta
    title_given = md.clean_title(meta.get("title"))
    infos = [line_info(text, sp) for sp in split_share_prefix(text, split_lines(text))]
    segs, drafts = build(text, infos, meta_title=title_given, meta_author=meta.get("author"))
    if st.furniture is not None and drafts:
        n = apply_repeated(text, segs, drafts, st.furniture, site_of(rec), affixes=st.furniture_affixes)
        if n:
            page.signals["learned_furniture_segments"] = n
    page.lines = [Line(span=(s.start, s.end), label=s.label, score=s.score, text=text[s.start : s.end]) for s in segs]
    t3 = _TIMER()
    if tm is not None:
        tm["lines"] = tm.get("lines", 0.0) + t3 - t2
    for k, d in enumerate(drafts):
        a = _article(page, segs, d, k, title_given if k == 0 else None, lang.code, st.mentioned_dates)
        if a is not None:
            page.articles.append(a)
            if k == 0 and a.published and len(a.published) >= 10:
                page.meta["_main_published"] = a.published
    page.meta.pop("_main_published", None)
    t4 = _TIMER()
    if tm is not None:
        tm["metadata"] = tm.get("metadata", 0.0) + t4 - t3
    if not page.articles:
        page.rejection = Rejection(rec.id, rec.source, "no_article",
                                   f"no article body found in {len(page.lines)} lines")
        return page
    if st.quality:
        _quality(page, rec)
        if page.rejection is not None:
            return page
    if st.entities:
        _entities(page)
    if tm is not None:
        tm["enrich"] = tm.get("enrich", 0.0) + _TIMER() - t4
    return page


_AR_LETTER = re.compile(r"[\u0620-\u064a\u0671-\u06d3\u06fa-\u06ff]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")


def _page_language(text: str):
    """Language of a page: ``identify_language`` on the page, or, when that is not Arabic-script
    but Arabic-script letters are at least 40% of the page's letters (an Arabic article with an
    embedded script or an English list: SNN alriyadh polls), on its Arabic-script lines only."""
    guess = arabic.identify_language(text)
    if guess.code in ("ar", "fa", "ur"):
        return guess
    ar = len(_AR_LETTER.findall(text))
    la = len(_LATIN_LETTER.findall(text))
    if ar and ar >= 0.4 * (ar + la):
        lines = [ln for ln in text.split("\n") if len(_AR_LETTER.findall(ln)) > len(_LATIN_LETTER.findall(ln))]
        g2 = arabic.identify_language("\n".join(lines))
        if g2.code in ("ar", "fa", "ur"):
            return g2
    return guess


def _quality(page: Page, rec: RawRecord) -> None:
    try:
        from akhbar import quality
    except ImportError:
        return
    main = page.articles[0]
    sig = quality.signals(main.title, main.body)
    for a in page.articles:
        a.signals = sig if a is main else quality.signals(a.title, a.body)
    keep, name, value = quality.check(sig)
    if not keep:
        page.rejection = Rejection(rec.id, rec.source, "low_quality", f"quality signal {name}={value:.3f} failed")


def _entities(page: Page) -> None:
    from akhbar import entities

    for a in page.articles:
        a.entities = entities.recognize("\n".join(a.body))


def _disp(s: str) -> str:
    return arabic.normalize(s, "display", lang="ar") if _has_lang_kw() else arabic.normalize(s, "display")


_LANG_KW: bool | None = None


def _has_lang_kw() -> bool:
    global _LANG_KW
    if _LANG_KW is None:
        import inspect

        _LANG_KW = "lang" in inspect.signature(arabic.normalize).parameters
    return _LANG_KW


def _article(
    page: Page, segs: list[Seg], d: Draft, k: int, title_given: str | None, lang: str, mentioned: bool = True
) -> Article | None:
    text = page.text
    body_spans = [(segs[i].start, segs[i].end) for i in d.body]
    body = [_disp(text[s:e]) for s, e in body_spans]
    body_pairs = [(b, sp) for b, sp in zip(body, body_spans) if b]
    if not body_pairs:
        return None
    body = [b for b, _ in body_pairs]
    body_spans = [sp for _, sp in body_pairs]
    a = Article(id=content_id(page.id, d.role, str(k)), page_id=page.id, role=d.role, language=lang, url=page.url)
    a.body = body
    a.body_spans = body_spans
    meta = page.meta if k == 0 else {}
    # title
    if d.title is not None:
        s = segs[d.title]
        a.title = _disp(text[s.start : s.end])
        a.title_span = (s.start, s.end)
    if title_given and k == 0:
        a.title = _disp(title_given)
    if not a.title:
        first = body[0]
        cut = re.split(r"(?<=[.!؟?])\s", first, maxsplit=1)[0]
        words = cut.split()
        a.title = " ".join(words[:14]) + (" …" if len(words) > 14 else "")
    # publisher, agencies
    publisher = None
    agencies: list[str] = []
    for i in d.sources:
        s = segs[i]
        pub, ags = md.source_line_fields(text[s.start : s.end])
        publisher = publisher or pub
        agencies += ags
    if k == 0 and meta.get("publisher"):
        publisher = publisher or md.publisher_from_source(meta.get("publisher"))
    a.publisher = _disp(publisher) if publisher else None
    # authors and dateline place
    authors: list[str] = []
    place = None
    for i in d.bylines + d.datelines:
        s = segs[i]
        line = text[s.start : s.end]
        agencies += md.agencies_in(line)
        if i in d.bylines:
            au, pl = md.authors_from_byline(line, publisher=a.publisher)
            authors += au
            place = place or pl
    if k == 0 and meta.get("author"):
        au, pl, ags = md.clean_author_field(meta.get("author"), publisher=a.publisher)
        if not authors:
            authors = au
        place = place or pl
        agencies += ags
    if body:
        agencies += md.inline_credits(body[0][:300] + " " + body[-1][-200:])
    a.authors = _uniq([_disp(x) for x in authors])
    a.agencies = _uniq([_disp(x) for x in agencies if x and x != a.publisher])
    a.dateline_place = place
    # tags and section
    body_text = " ".join(body) + " " + (a.title or "")
    tags: list[str] = []
    for i in d.tags:
        s = segs[i]
        line = text[s.start : s.end]
        tags += md.split_tags(line, article_text=body_text)
        if a.section is None:
            a.section = md.section_from_cloud(line)
    a.tags = _uniq([_disp(t) for t in tags])
    if a.section is None and k == 0 and meta.get("category"):
        a.section = meta.get("category")
    # related links
    for i in d.related:
        s = segs[i]
        m = lx.RELATED_LEAD.match(text[s.start : s.end])
        pieces = split_glued_run(text, s.start + m.end(), s.end) if m else [(s.start, s.end)]
        for ps, pe in pieces:
            line = _disp(text[ps:pe])
            if line:
                a.related.append(RelatedLink(title=line, span=(ps, pe)))
    # dates
    _dates(a, page, segs, d, meta, mentioned)
    return a


def _uniq(xs: list[str]) -> list[str]:
    out: list[str] = []
    for x in xs:
        if x and x not in out:
            out.append(x)
    return out


def _dates(a: Article, page: Page, segs: list[Seg], d: Draft, meta: dict, mentioned: bool = True) -> None:
    from akhbar import dates

    # a story appended after the main one is dated by the page: the main article's date is its reference
    ref = page.crawl_date or page.meta.get("_main_published")
    text = page.text
    published = updated = None
    for i in d.datelines:
        s = segs[i]
        line = text[s.start : s.end]
        found = dates.find_dates(line, reference=ref)
        if not found:
            continue
        if updated is None:
            updated = next((m for m in found if getattr(m, "label", None) == "updated"), None)
        if published is None and any(getattr(m, "label", None) != "updated" for m in found):
            # parse_date ranks the candidates (published label, precision, weekday check, Gregorian first)
            published = dates.parse_date(line, reference=ref)
    if published is None and meta.get("date"):
        m = dates.parse_date(str(meta["date"]), reference=ref)
        if m is not None:
            published = m
    if published is None and page.url and d.role == "main":
        m = _url_date(page.url)
        if m:
            a.published, a.published_precision = m, "day"
    if published is not None:
        a.published = published.iso
        a.published_precision = published.precision + (
            "-inferred-year" if getattr(published, "year_inferred", False) else ""
        )
    if updated is not None:
        a.updated = updated.iso
    if mentioned:
        # one scan of the whole body (find_dates skips digit-free stretches cheaply)
        seen: list[str] = []
        body = "\n".join(a.body)
        for m in dates.find_dates(body, reference=a.published if a.published and len(a.published) >= 10 else ref):
            iso = m.iso[:10]
            if iso not in seen:
                seen.append(iso)
        a.mentioned_dates = seen


_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|\D)")


def _url_date(url: str) -> str | None:
    """A date written in the URL path (SNN al-jazirah "/2015/20150721/", albayan "/2020-06-03-")."""
    m = _URL_DATE.search(url)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None
