"""akhbar as `datatrove <https://github.com/huggingface/datatrove>`_ pipeline steps.

A FineWeb-style pipeline (reader -> extractor -> filters -> writer) can use these as they are::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    from akhbar.integrations.datatrove import AkhbarHtmlExtractor, AkhbarQualityFilter

    LocalPipelineExecutor(pipeline=[WarcReader("crawl/"), AkhbarHtmlExtractor(), AkhbarQualityFilter(),
                                    JsonlWriter("out/")], tasks=4).run()

=========================  =================================================================================
step                       what it does with a ``Document``
=========================  =================================================================================
:class:`AkhbarHtmlExtractor`  ``text`` is HTML: akhbar's HTML route (in place of datatrove's ``Trafilatura``);
                              ``text`` becomes the main article's body, its metadata goes into ``metadata``
:class:`AkhbarTextRefiner`    ``text`` is crawler text (a whole page rendered as text): akhbar's text route
                              (line labels, furniture cut, metadata); ``text`` becomes the main article's body
:class:`AkhbarQualityFilter`  ``BaseFilter``: :func:`akhbar.quality.signals` of ``text`` (one paragraph a line)
                              and :func:`akhbar.quality.check`; drops with the failed signal as the reason
:class:`AkhbarLanguageFilter` ``BaseFilter``: akhbar's language identification (Arabic vs Persian vs Urdu vs
                              others); drops other languages with reason ``not_arabic``
:class:`AkhbarDateAnnotator`  sets ``metadata["published"]`` (and precision, updated) with akhbar's dates;
                              never changes ``text``, never drops
=========================  =================================================================================

The extractor and the refiner run one :class:`akhbar.pipeline.Pipeline` per task (the same driver as
``akhbar refine``, ``refine_text`` and ``refine_html``: nothing of the pipeline is repeated here) with
``Settings(quality=False)`` by default, so that the quality decision is the filter's and counted there.
A page akhbar rejects (``not_arabic``, ``no_article``, ``timeout`` past ``Settings.max_page_cpu_seconds``,
``internal_error``, ...) is dropped, counted as datatrove's ``dropped`` and ``dropped_<reason>`` stats,
and handed to ``exclusion_writer`` (if given) with ``metadata["filter_reason"]`` and the one-line
``metadata["akhbar_rejection"]``. No step raises on a bad document.

What each step reads from ``Document.metadata`` (datatrove readers put every field but ``text`` and
``id`` there): ``url``; the crawl date, the reference for relative dates: ``crawl_date``,
``date_extracted`` or ``date`` (datatrove's ``WarcReader`` sets ``date`` to the WARC-Date); the record's
own ``title``, ``author``, ``published`` (publication date), ``publisher`` (or ``source`` when it is not a
URL, as SaudiNewsNet's ``"source": "aawsat"``) and ``section``/``category``, used as akhbar uses them
in JSON records (``akhbar.sources.jsonfmt``). The date keys are arguments of every step
(``published_keys``, ``crawl_date_keys``): akhbar's own JSON records call the publication date ``date``.

What the extractor and the refiner write into ``Document.metadata`` (JSON-serialisable values only):
every field of the article's Parquet row (:func:`akhbar.model.article_row`: ``title``, ``published``,
``published_precision``, ``updated``, ``publisher``, ``agencies``, ``authors``, ``dateline_place``,
``section``, ``tags``, ``related``, ``entities``, ``mentioned_dates``, ``language``, ``role`` and any
field added to the row later) except the text itself (``body``, spans), the corpus-pass fields
(``dup_of``, ``near_dup_score``, ``story_id``) and the record fields the document already has
(``url``, ``crawl_date``, ``source``, ``record_id``); the article ``id`` as ``akhbar_id``, its
``page_id`` as ``akhbar_page_id``, and ``Article.signals`` as ``quality_signals`` (a dict).
With ``split_articles=True`` each further article of the page (a "اقرأ أيضاً" story appended to the
main one) becomes a document of its own, id ``<doc id>/<n>``.

Steps are plain picklable objects (the pipeline is built inside ``run``), so multi-process executors
(``LocalPipelineExecutor(workers=N)``, Slurm, Ray) ship them as datatrove's own steps.
Needs ``pip install 'akhbar[datatrove]'``; raises ``ImportError`` with that hint when datatrove is absent.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

try:
    from datatrove.data import Document, DocumentsPipeline
    from datatrove.pipeline.base import PipelineStep
    from datatrove.pipeline.filters.base_filter import BaseFilter
    from datatrove.utils.typeshelper import StatHints
except ImportError as e:  # pragma: no cover - exercised only without the extra
    raise ImportError("akhbar.integrations.datatrove needs datatrove: pip install 'akhbar[datatrove]'") from e

from akhbar import quality as q
from akhbar.model import Page, RawRecord, Rejection, article_row
from akhbar.pipeline import Pipeline, Settings

__all__ = ["AkhbarDateAnnotator", "AkhbarHtmlExtractor", "AkhbarLanguageFilter", "AkhbarQualityFilter",
           "AkhbarTextRefiner", "article_metadata", "record_of"]

#: ``metadata`` keys read as the crawl date, first present wins (datatrove's readers: ``date``).
CRAWL_DATE_KEYS = ("crawl_date", "date_extracted", "date")
#: ``metadata`` keys read as the record's own publication date, first present wins.
PUBLISHED_KEYS = ("published",)
#: Article-row fields not copied into ``metadata`` (the text, spans, corpus-pass and record fields).
_NOT_METADATA = frozenset({"id", "page_id", "record_id", "source", "url", "crawl_date", "body", "body_spans",
                           "title_span", "dup_of", "near_dup_score", "story_id", "signals"})


def _str(v: Any) -> str | None:
    return v if isinstance(v, str) and v.strip() else None


def record_of(doc: Document, html: bool, published_keys: tuple[str, ...] = PUBLISHED_KEYS,
              crawl_date_keys: tuple[str, ...] = CRAWL_DATE_KEYS) -> RawRecord:
    """The akhbar ``RawRecord`` of a datatrove ``Document`` (see the module docstring for the
    metadata keys read; ``published_keys`` / ``crawl_date_keys`` name the publication and crawl
    date keys, a key in both counts as published). ``html``: route the page to akhbar's HTML
    pipeline. Never raises on odd metadata values (non-strings are ignored)."""
    md = doc.metadata or {}
    url = _str(md.get("url"))
    published = next((v for k in published_keys if (v := _str(md.get(k)))), None)
    crawl = next((str(md[k]) for k in crawl_date_keys if k not in published_keys and md.get(k) not in (None, "")),
                 None)
    src = _str(md.get("source"))
    if src and src.startswith(("http://", "https://")):
        url, src = url or src, None
    meta = {k: v for k, v in (("title", _str(md.get("title"))), ("author", _str(md.get("author"))),
                              ("date", published),
                              ("publisher", _str(md.get("publisher")) or src),
                              ("category", _str(md.get("section")) or _str(md.get("category")))) if v}
    text = doc.text if isinstance(doc.text, (str, bytes)) else ""
    return RawRecord(id=str(doc.id), source=str(md.get("file_path") or "datatrove"), content=text,
                     content_type="text/html" if html else "text/plain", url=url, crawl_date=crawl, meta=meta)


def article_metadata(page: Page, n: int = 0) -> dict[str, Any]:
    """``Document.metadata`` entries for article ``n`` of ``page`` (see the module docstring):
    a dict of JSON-serialisable values (str, float, None, lists and dicts of them)."""
    a = page.articles[n]
    row = article_row(page, a)
    out = {k: v for k, v in row.items() if k not in _NOT_METADATA}
    out["akhbar_id"] = a.id
    out["akhbar_page_id"] = page.id
    out["quality_signals"] = dict(row["signals"])
    return out


class _AkhbarRefine(PipelineStep):
    """Shared run loop of the extractor and the refiner (``route`` set by the subclass)."""

    type = "🛢 - EXTRAC"
    html = False

    def __init__(self, settings: Settings | None = None, *, split_articles: bool = False,
                 include_title: bool = False, exclusion_writer=None, published_keys: tuple[str, ...] = PUBLISHED_KEYS,
                 crawl_date_keys: tuple[str, ...] = CRAWL_DATE_KEYS) -> None:
        super().__init__()
        self.settings = settings if settings is not None else Settings(quality=False)
        self.keys = (tuple(published_keys), tuple(crawl_date_keys))
        self.split_articles = split_articles
        self.include_title = include_title
        self.exclusion_writer = exclusion_writer

    def _text(self, page: Page, n: int) -> str:
        a = page.articles[n]
        body = "\n".join(a.body)
        return f"{a.title}\n{body}" if self.include_title and a.title else body

    def _refine(self, pipe: Pipeline, doc: Document) -> Page:
        try:
            return pipe(record_of(doc, self.html, *self.keys))
        except Exception as e:  # record_of or the driver itself: drop the document, never stop the task
            page = Page(id="", text="", record_id=str(doc.id))
            page.rejection = Rejection(str(doc.id), "datatrove", "internal_error", f"{type(e).__name__}: {e}"[:300])
            return page

    def _documents(self, doc: Document, page: Page) -> Iterator[Document]:
        n_out = len(page.articles) if self.split_articles else 1
        for n in range(n_out):
            out = doc if n == 0 else Document(text="", id=f"{doc.id}/{n}", metadata=dict(doc.metadata))
            out.text = self._text(page, n)
            out.metadata.update(article_metadata(page, n))
            if not out.metadata.get("url") and page.articles[n].url:
                out.metadata["url"] = page.articles[n].url
            yield out

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        """Refine every document of ``data``; yields the kept ones (see the module docstring)."""
        pipe = Pipeline(self.settings)
        with self.exclusion_writer if self.exclusion_writer else contextlib.nullcontext() as writer:
            for doc in data:
                self.stat_update(StatHints.total)
                with self.track_time():
                    page = self._refine(pipe, doc)
                    if page.rejection is None and not (page.articles and page.articles[0].body):
                        page.rejection = Rejection(str(doc.id), "datatrove", "no_article", "no article body")
                    docs = [] if page.rejection is not None else list(self._documents(doc, page))
                if page.rejection is not None:
                    reason = page.rejection.reason
                    self.stat_update(StatHints.dropped, f"dropped_{reason}")
                    if writer:
                        doc.metadata["filter_reason"] = reason
                        doc.metadata["akhbar_rejection"] = page.rejection.message
                        writer.write(doc, rank)
                    continue
                self.stat_update("articles", value=len(page.articles))
                for out in docs:
                    self.stat_update(StatHints.forwarded)
                    self.update_doc_stats(out)
                    yield out


class AkhbarHtmlExtractor(_AkhbarRefine):
    """HTML in ``Document.text`` -> the main article's text, with akhbar's metadata in ``metadata``.

    In place of datatrove's ``Trafilatura`` step. ``settings``: ``akhbar.pipeline.Settings``
    (default ``Settings(quality=False)``: every stage but the quality filter; pages not in
    ``settings.languages``, Arabic by default, are dropped as ``not_arabic``). ``split_articles``:
    one document per article of the page (default: the main article only). ``include_title``: the
    title as the text's first line (default: body paragraphs only, one a line, as trafilatura
    gives). ``exclusion_writer``: a datatrove writer for the dropped documents.
    ``published_keys`` / ``crawl_date_keys``: the ``metadata`` keys of the record's publication
    date and crawl date (default ``("published",)`` and :data:`CRAWL_DATE_KEYS`; for records in
    akhbar's JSON convention, where ``date`` is the publication date, pass ``published_keys=("date",)``).
    """

    name = "📰 akhbar HTML extractor"
    html = True


class AkhbarTextRefiner(_AkhbarRefine):
    """Crawler text in ``Document.text`` (a page rendered as text, menus and all) -> the main
    article's body, with akhbar's metadata; same arguments as :class:`AkhbarHtmlExtractor`."""

    name = "📰 akhbar text refiner"
    html = False


class AkhbarQualityFilter(BaseFilter):
    """Keeps documents that pass akhbar's Arabic-aware quality rules (:func:`akhbar.quality.check`).

    ``text`` is read as body paragraphs, one a line (what the extractor and datatrove's
    ``Trafilatura`` write). ``filter`` returns ``True`` or ``(False, signal_name)``, the first failed
    signal (``word_count``, ``stopword_ratio``, ``end_punct_frac``, ...); datatrove counts it as
    ``dropped_<signal_name>``. ``thresholds``: ``{signal: (min, max)}`` replacing
    :data:`akhbar.quality.THRESHOLDS` (default: akhbar's, chosen on the ANT corpora and the gold
    pages). ``store_signals``: put the signals into ``metadata["quality_signals"]`` (kept documents
    and, for ``exclusion_writer``, dropped ones, with ``metadata["akhbar_rejection"]``).
    """

    name = "📰 akhbar quality"

    def __init__(self, thresholds: dict[str, tuple[float | None, float | None]] | None = None,
                 store_signals: bool = True, exclusion_writer=None) -> None:
        super().__init__(exclusion_writer)
        self.thresholds = thresholds
        self.store_signals = store_signals

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        text = doc.text if isinstance(doc.text, str) else ""
        sig = q.signals(None, text.split("\n"))
        if self.store_signals:
            old = doc.metadata.get("quality_signals")
            doc.metadata["quality_signals"] = {**old, **sig} if isinstance(old, dict) else sig
        keep, name, value = q.check(sig, self.thresholds)
        if keep:
            return True
        doc.metadata["akhbar_rejection"] = f"quality signal {name}={value:.3f} failed"
        return False, str(name)


class AkhbarLanguageFilter(BaseFilter):
    """Keeps documents whose language akhbar identifies as one of ``languages`` (ISO 639-1 codes,
    default ``("ar",)``); sets ``metadata["language"]`` and ``metadata["language_score"]`` (as
    datatrove's ``LanguageFilter`` does) from :func:`akhbar.stages.language.page_language` (the
    language stage's identifier: code lines left out, Arabic vs Persian vs Urdu told apart).
    Drops others with reason ``not_arabic`` (akhbar's rejection reason)."""

    name = "📰 akhbar language"

    def __init__(self, languages: tuple[str, ...] = ("ar",), exclusion_writer=None) -> None:
        super().__init__(exclusion_writer)
        self.languages = tuple(languages)

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        from akhbar.stages.language import page_language

        guess = page_language(doc.text if isinstance(doc.text, str) else "")
        doc.metadata["language"] = guess.code
        doc.metadata["language_score"] = round(float(guess.confidence), 4)
        return True if guess.code in self.languages else (False, "not_arabic")


class AkhbarDateAnnotator(PipelineStep):
    """Publication date into ``metadata``: ``published`` (ISO 8601, as precise as the page says),
    ``published_precision`` (``year``/``month``/``day``/``minute``/...) and ``updated``; None when
    akhbar finds none. ``html``: ``text`` is HTML (dates from its meta tags, JSON-LD, ``<time>``
    and dateline); otherwise crawler or extracted text (dateline lines, the record's ``published``,
    a date in the URL), with the crawl date (see the module docstring) as the reference for relative
    dates. Never changes ``text`` and never drops a document; stats: ``dated``, ``undated``,
    ``precision_<p>``, and ``akhbar_<reason>`` when akhbar rejected the page (it stays undated).
    ``overwrite``: replace a ``published`` already in ``metadata`` (default False: keep it).
    ``published_keys`` / ``crawl_date_keys``: as for :class:`AkhbarHtmlExtractor`.
    """

    name = "📰 akhbar dates"
    type = "✍️ - ANNOTA"

    def __init__(self, html: bool = False, overwrite: bool = False, published_keys: tuple[str, ...] = PUBLISHED_KEYS,
                 crawl_date_keys: tuple[str, ...] = CRAWL_DATE_KEYS) -> None:
        super().__init__()
        self.html = html
        self.overwrite = overwrite
        self.keys = (tuple(published_keys), tuple(crawl_date_keys))

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        """Annotate every document of ``data`` and yield it."""
        # every language (a date is a date), no quality or mentioned-dates work
        pipe = Pipeline(Settings(languages=(), quality=False, mentioned_dates=False))
        for doc in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                self._annotate(pipe, doc)
            self.stat_update(StatHints.forwarded)
            yield doc

    def _annotate(self, pipe: Pipeline, doc: Document) -> None:
        if doc.metadata.get("published") and not self.overwrite:
            self.stat_update("dated", "kept_existing")
            return
        try:
            page = pipe(record_of(doc, self.html, *self.keys))
        except Exception as e:
            page = Page(id="", text="")
            page.rejection = Rejection(str(doc.id), "datatrove", "internal_error", str(e))
        a = page.articles[0] if page.rejection is None and page.articles else None
        if page.rejection is not None:
            self.stat_update(f"akhbar_{page.rejection.reason}")
        for k in ("published", "published_precision", "updated"):
            doc.metadata[k] = getattr(a, k) if a is not None else None
        if a is not None and a.published:
            self.stat_update("dated", f"precision_{a.published_precision}")
        else:
            self.stat_update("undated")
