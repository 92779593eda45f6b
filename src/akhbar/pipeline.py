"""The per-page pipeline: named stages ``Page -> Page``, composed by one small driver.

A record takes one of two routes, chosen by its ``content_type``; both end in the same stages
with the same ``Settings``::

    text: decode -> clean -> export_header -> language -> lines -> segment -> metadata -> dates
          -> mentioned_dates -> quality -> entities
    html: html_decode -> html_extract -> html_record -> html_furniture -> language -> mentioned_dates
          -> quality -> entities
    html (Settings.html_engine "resiliparse", akhbar.html.fast):
          html_decode -> html_fast -> clean -> language -> lines -> segment -> metadata -> dates
          -> html_fast_sources -> mentioned_dates -> quality -> entities

``mentioned_dates``, ``quality`` and ``entities`` run when their setting is on (``entities`` is
off by default); ``html_furniture`` when ``Settings.furniture`` holds the table the run's first
pass learned (the text route applies it in ``segment``). Every setting applies to both routes,
whatever the input (text files, HTML files, WARC records, JSON/Parquet ``text`` or ``html``
fields): the route depends only on the record's ``content_type``. :func:`pipeline_stages` lists a route's stages with the fields each one fills
(``python -m akhbar stages`` prints the table); each stage's function lives in
``akhbar/stages/<module>.py`` and only reads what earlier stages left on the page.

:class:`Pipeline` runs them: it builds the ``Page`` from the ``RawRecord``, calls each stage,
stops a page at the first stage that rejects it, turns an exception inside a stage into a
rejection ("internal_error", naming the stage), bounds the CPU time of each page
(``Settings.max_page_cpu_seconds``, default 10 s: a page past it is rejected as "timeout" and
the run goes on), and keeps the statistics, in the style of datatrove's per-step stats: per
stage, the pages it saw, the pages it rejected and its CPU seconds (thread CPU time). Stages
keep no state, so any executor can run the pipeline.

The CPU bound is a ``SIGPROF`` interval timer (``setitimer(ITIMER_PROF)``, process CPU time)
armed for each page; the handler raises :class:`PageTimeout` (a ``BaseException``, so that no
stage's ``except Exception`` swallows it) between two Python bytecodes or inside a regular
expression match (``re`` checks signals). It works in the main thread of a process (the local
run, pool workers and Ray workers run pages there); in another thread pages are not bounded.
"""

from __future__ import annotations

import datetime as dt
import signal
import threading
import time
import traceback
from dataclasses import dataclass

from akhbar.model import Page, RawRecord, Rejection, content_id
from akhbar.stages import dates as s_dates
from akhbar.stages import decode as s_decode
from akhbar.stages import entities as s_entities
from akhbar.stages import export_header as s_export_header
from akhbar.stages import html as s_html
from akhbar.stages import html_corpus as s_html_corpus
from akhbar.stages import language as s_language
from akhbar.stages import metadata as s_metadata
from akhbar.stages import quality as s_quality
from akhbar.stages import segment as s_segment
from akhbar.stages.base import MAX_PAGE_CHARS, PageWork, Settings, Stage

__all__ = ["MAX_PAGE_CHARS", "PageTimeout", "Pipeline", "Settings", "Stage", "StageStats", "pipeline_stages", "refine_html",
           "refine_record", "refine_text"]

DECODE = Stage("decode", s_decode.decode, ("Page.encoding", "Page.text (raw)"), ("binary", "too_large"),
               "bytes -> text (charset detection, mojibake repair)")
CLEAN = Stage("clean", s_decode.clean, ("Page.text", "Page.id"), ("empty",),
              "NFC, bidi controls, tatweel, Persian/Urdu letter forms")
EXPORT_HEADER = Stage("export_header", s_export_header.export_header,
                      ("Page.meta[export_header]", "Page.url (if none)", "Page.crawl_date (if none)"), ("empty",),
                      "crawler export header (date field, YAML front matter, key lines, WARC) read as metadata")
HTML_DECODE = Stage("html_decode", s_html.html_decode, ("Page.encoding",),
                    ("too_large", "read_error", "empty", "binary", "bad_record"), "HTML bytes (gzip) -> HTML text")
HTML_EXTRACT = Stage("html_extract", s_html.html_extract,
                     ("Page.text", "Page.id", "Page.lines", "Page.articles", "Article.title", "Article.title_source",
                      "Article.body", "Article.published", "Article.published_source", "Article.updated", "Article.publisher", "Article.authors",
                      "Article.agencies", "Article.section", "Article.tags", "Article.related"),
                     ("empty", "too_large", "bad_record", "no_article"),
                     "render the DOM to lines, trafilatura + Arabic cues label them, main article metadata")
HTML_RECORD = Stage("html_record", s_html_corpus.html_record,
                    ("Article.title (if none)", "Article.published (if none)", "Article.authors (if none)",
                     "Article.publisher (if none)", "Article.section (if none)"), (),
                    "the record's own title, date, author, publisher and category where the HTML gave none")
HTML_FURNITURE = Stage("html_furniture", s_html_corpus.html_furniture, ("Article.body", "Page.lines"), ("no_article",),
                       "body paragraphs repeated across the site's pages (learned furniture) leave the body")
HTML_FAST = Stage("html_fast", s_html.html_fast, ("Page.text", "Page.url (if none)", "(HTML metadata as an export header)"),
                  ("empty", "too_large"), "resiliparse engine: main-content text and <head>/JSON-LD metadata")
HTML_FAST_SOURCES = Stage("html_fast_sources", s_html.html_fast_sources,
                          ("Article.title_source", "Article.published_source"), (),
                          "resiliparse engine: title and date sources named after the HTML metadata")
LANGUAGE = Stage("language", s_language.language, ("Page.language", "Article.language"), ("not_arabic",),
                 "identify the language; keep Settings.languages")
LINES = Stage("lines", s_segment.lines, ("(line features)",), (), "split lines, cut glued share bars, line features")
SEGMENT = Stage("segment", s_segment.segment, ("Page.lines",), (),
                "label every line in context, group lines into article drafts, learned site furniture")
METADATA = Stage("metadata", s_metadata.metadata,
                 ("Page.articles", "Article.title", "Article.title_source", "Article.body", "Article.publisher", "Article.agencies",
                  "Article.authors", "Article.dateline_place", "Article.section", "Article.tags", "Article.related"),
                 ("no_article",), "one article per draft: body and metadata fields")
DATES = Stage("dates", s_dates.dates, ("Article.published", "Article.published_precision",
                                       "Article.published_source", "Article.updated"), (),
              "dateline, record date, export header date or URL date of each article")
MENTIONED_DATES = Stage("mentioned_dates", s_dates.mentioned_dates, ("Article.mentioned_dates",), (),
                        "dates mentioned in each body")
QUALITY = Stage("quality", s_quality.quality, ("Article.signals",), ("low_quality",),
                "Arabic-aware quality signals and filter")
ENTITIES = Stage("entities", s_entities.entities, ("Article.entities",), (), "named entities (PER, LOC, ORG, MISC)")

ROUTES: dict[str, tuple[Stage, ...]] = {
    "text": (DECODE, CLEAN, EXPORT_HEADER, LANGUAGE, LINES, SEGMENT, METADATA, DATES),
    "html": (HTML_DECODE, HTML_EXTRACT, HTML_RECORD, HTML_FURNITURE, LANGUAGE),
}
#: The HTML route's stages with ``Settings.html_engine == "resiliparse"`` (:mod:`akhbar.html.fast`):
#: resiliparse's main text goes through the text route's stages.
HTML_FAST_ROUTE = (HTML_DECODE, HTML_FAST, CLEAN, LANGUAGE, LINES, SEGMENT, METADATA, DATES, HTML_FAST_SOURCES)


def pipeline_stages(settings: Settings | None = None, route: str = "text") -> list[Stage]:
    """The stages a page of ``route`` ("text" or "html") goes through under ``settings``, in order.

    ``[s.name for s in pipeline_stages()]`` is the text route's stage list (``html_furniture``
    only with ``settings.furniture``); each ``Stage`` has
    ``owns`` (the fields it fills), ``rejects`` (its rejection reasons) and ``module``. The HTML
    route's first stages follow ``Settings.html_engine`` (:data:`HTML_FAST_ROUTE` for "resiliparse",
    whose learned furniture is applied in ``segment`` as on text pages).
    Raises ``ValueError`` for an unknown route or HTML engine.
    """
    if route not in ROUTES:
        raise ValueError(f"unknown route {route!r} (expected one of: {', '.join(ROUTES)})")
    st = settings or Settings()
    if st.html_engine not in ("trafilatura", "resiliparse"):
        raise ValueError(f"unknown HTML engine {st.html_engine!r} (expected one of: trafilatura, resiliparse)")
    stages = HTML_FAST_ROUTE if route == "html" and st.html_engine == "resiliparse" else ROUTES[route]
    out = [s for s in stages if s is not HTML_FURNITURE or st.furniture is not None]
    if st.mentioned_dates:
        out.append(MENTIONED_DATES)
    if st.quality:
        out.append(QUALITY)
    if st.entities:
        out.append(ENTITIES)
    return out


@dataclass(slots=True)
class StageStats:
    """What one stage did over the pages a driver ran: ``pages`` it saw, ``rejected`` by it,
    ``cpu_seconds`` spent in it (thread CPU time, seconds)."""

    pages: int = 0
    rejected: int = 0
    cpu_seconds: float = 0.0

    def as_dict(self) -> dict[str, float]:
        return {"pages": self.pages, "rejected": self.rejected, "cpu_seconds": round(self.cpu_seconds, 3)}


class PageTimeout(BaseException):
    """A page used more CPU time than ``Settings.max_page_cpu_seconds`` (a ``BaseException``, as
    ``KeyboardInterrupt``: raised by the CPU-time signal wherever the page is)."""


class _CpuBound:
    """Arms a process-CPU-time timer for one page at a time (see the module docstring)."""

    armed = False
    installed = False

    @staticmethod
    def usable() -> bool:
        return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()

    @staticmethod
    def arm(seconds: float) -> None:
        if not _CpuBound.installed:  # once per Pipeline (signal.getsignal costs ~5 us: not per page)
            signal.signal(signal.SIGPROF, _on_sigprof)
            _CpuBound.installed = True
        _CpuBound.armed = True
        signal.setitimer(signal.ITIMER_PROF, seconds)

    @staticmethod
    def disarm() -> None:
        _CpuBound.armed = False
        signal.setitimer(signal.ITIMER_PROF, 0)


def _on_sigprof(signum, frame) -> None:
    if _CpuBound.armed:
        _CpuBound.armed = False
        raise PageTimeout


class Pipeline:
    """Runs the per-page stages on records and keeps per-stage statistics.

    ``Pipeline(settings)(record) -> Page``: the page with its lines and articles, or with
    ``rejection`` set. Never raises: an exception inside a stage becomes reason "internal_error"
    (or "bad_record" for a structure too deeply nested, "too_large" for memory), with a one-line
    message naming the stage, or "timeout" past ``Settings.max_page_cpu_seconds``. ``stats``: stage
    name -> ``StageStats`` in one order for both routes (a route's own first stages, then the
    shared ones); ``names`` those stage names. Raises ``ValueError`` for an unknown
    ``Settings.html_engine`` and :class:`akhbar.html.fast.EngineUnavailable` (an ``ImportError``)
    when the resiliparse engine is asked for without the resiliparse package.
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        if self.settings.html_engine != "trafilatura":  # a missing engine: one clear error, before any page
            from akhbar.html.fast import require

            require(self.settings.html_engine)
        _CpuBound.installed = False  # (re)install the SIGPROF handler at the first page
        self.routes = {r: tuple(pipeline_stages(self.settings, r)) for r in ROUTES}
        # one order for both routes: a route's own stages stand before the first stage they share
        names: list[str] = []
        for stages in self.routes.values():
            at = 0
            for s in stages:
                if s.name in names:
                    at = names.index(s.name) + 1
                else:
                    names.insert(at, s.name)
                    at += 1
        self.stats: dict[str, StageStats] = {n: StageStats() for n in names}

    @property
    def names(self) -> list[str]:
        return list(self.stats)

    def __call__(self, rec: RawRecord) -> Page:
        limit = self.settings.max_page_cpu_seconds
        if not limit or not _CpuBound.usable():
            return self._run(rec, None)
        _CpuBound.arm(limit)
        try:
            return self._run(rec, limit)
        except PageTimeout:  # the signal came while a failure was being recorded
            return _timeout(rec, "pipeline", limit)
        finally:
            _CpuBound.disarm()

    def _run(self, rec: RawRecord, limit: float | None) -> Page:
        stages = self.routes["html" if rec.content_type == "text/html" else "text"]
        page = Page(id=content_id(rec.id, "record"), text="", url=rec.url, source=rec.source, record_id=rec.id,
                    crawl_date=rec.crawl_date, meta=dict(rec.meta), work=PageWork(content=rec.content))
        settings = self.settings
        stats = self.stats
        clock = time.thread_time
        stage = stages[0]
        t = clock()
        try:
            for stage in stages:
                page = stage.fn(page, settings)
                t1 = clock()
                s = stats[stage.name]
                s.pages += 1
                s.cpu_seconds += t1 - t
                t = t1
                if page.rejection is not None:
                    s.rejected += 1
                    break
            _CpuBound.armed = False
        except PageTimeout:
            s = stats[stage.name]
            s.pages += 1
            s.rejected += 1
            s.cpu_seconds += clock() - t
            page = _timeout(rec, stage.name, limit)
        except Exception as e:  # a bug in a stage must not stop the run
            _CpuBound.armed = False
            s = stats[stage.name]
            s.pages += 1
            s.rejected += 1
            s.cpu_seconds += clock() - t
            page = _failed(rec, stage.name, e)
        page.work = None
        return page


def _timeout(rec: RawRecord, stage: str, limit: float | None) -> Page:
    page = Page(id=content_id(rec.id, "timeout"), text="", url=rec.url, source=rec.source, record_id=rec.id)
    page.rejection = Rejection(rec.id, rec.source, "timeout",
                               f"stage {stage}: over the per-page limit of {limit:g} CPU seconds")
    return page


def _failed(rec: RawRecord, stage: str, e: Exception) -> Page:
    page = Page(id=content_id(rec.id, "error"), text="", url=rec.url, source=rec.source, record_id=rec.id)
    msg = f"{type(e).__name__}: {e}".replace("\n", " ")[:300]
    if isinstance(e, RecursionError):
        reason = "bad_record"
    elif isinstance(e, MemoryError):
        reason = "too_large"
    else:
        reason = "internal_error"
        tb = traceback.extract_tb(e.__traceback__)[-1]
        msg = f"{msg} at {tb.filename}:{tb.lineno}"
    page.rejection = Rejection(rec.id, rec.source, reason, f"stage {stage}: {msg}")
    return page


def refine_record(rec: RawRecord, settings: Settings | None = None) -> Page:
    """Refine one ``RawRecord`` into a ``Page`` (see :class:`Pipeline`). Never raises."""
    return Pipeline(settings)(rec)


def _iso(d) -> str | None:
    if d is None:
        return None
    if isinstance(d, (dt.date, dt.datetime)):
        return d.isoformat()
    return str(d)


def refine_text(text: str, *, url: str | None = None, crawl_date=None, settings: Settings | None = None) -> Page:
    """Refine one crawler-text page (``str``) into a ``Page``; see ``akhbar.refine_text``.

    ``settings`` defaults to ``Settings(quality=False)``: every stage but the quality filter.
    """
    rec = RawRecord(id=content_id(url or "", text), source=url or "<text>", content=text, url=url,
                    crawl_date=_iso(crawl_date))
    return refine_record(rec, settings or Settings(quality=False))


def refine_html(html: str | bytes, *, url: str | None = None, crawl_date=None,
                settings: Settings | None = None) -> Page:
    """Refine one HTML page (``str``, or ``bytes``, gzip accepted) into a ``Page``; see ``akhbar.refine_html``.

    ``settings`` defaults to ``Settings(quality=False)``, as for ``refine_text``.
    """
    n = str(len(html)) if isinstance(html, (str, bytes, bytearray)) else "0"
    rec = RawRecord(id=content_id("html", url or "", n), source=url or "<html>", content=html,
                    content_type="text/html", url=url, crawl_date=_iso(crawl_date))
    return refine_record(rec, settings or Settings(quality=False))
