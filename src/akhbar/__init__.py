"""akhbar: refine raw Arabic news pages into clean, structured article records.

Public API: ``refine_text``, ``refine_html``, ``refine`` and the data model
(``Page``, ``Article``, ``Line``, ``Entity``, ``Rejection``).
"""

from akhbar.model import Article, Entity, Line, Page, RawRecord, Rejection, RelatedLink

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Entity",
    "Line",
    "Page",
    "RawRecord",
    "Rejection",
    "RelatedLink",
    "__version__",
    "refine",
    "refine_html",
    "refine_text",
]


def refine_text(text: str, *, url: str | None = None, crawl_date=None) -> Page:
    """Refine one crawler-extracted text page into a ``Page`` with lines and articles.

    ``text``: the page as ``str`` (for bytes use ``akhbar.page.decode`` first or ``refine``).
    ``url``: the page URL if known (used for ids and publisher hints).
    ``crawl_date``: ``datetime.date``/``datetime``/ISO string; the reference for
    relative and year-less dates. Never raises on bad text: a page with no
    article comes back with ``Page.rejection`` set.
    """
    from akhbar.page.pipeline import refine_text as _rt

    return _rt(text, url=url, crawl_date=crawl_date)


def refine_html(html: str | bytes, *, url: str | None = None, crawl_date=None) -> Page:
    """Refine one HTML page (str or bytes) into a ``Page``; see akhbar.html."""
    from akhbar.html.extract import refine_html as _rh

    return _rh(html, url=url, crawl_date=crawl_date)


def refine(inputs, outdir, **options):
    """Refine input files/directories into ``outdir`` (Parquet, JSONL, manifest); see akhbar.run.local.

    ``inputs``: list of paths (str or Path); ``outdir``: created if missing. ``options``: any field of
    ``akhbar.run.local.RunOptions`` (``executor``, ``workers``, ``dedup``, ``stories``, ``shard_size``,
    ``resume``, ``index``, ``limit``, ...) or of ``akhbar.page.pipeline.Settings`` (``entities``,
    ``quality``, ``languages``, ...), e.g. ``refine(["pages/"], "out", entities=True, index=True)``.
    Unlike the CLI, the SQLite search store is built only with ``index=True``. Returns the
    ``RunResult`` (counts, seconds, output files). Raises ``TypeError`` for an unknown option,
    ``OSError`` when ``outdir`` cannot be written.
    """
    import dataclasses

    from akhbar.page.pipeline import Settings
    from akhbar.run.local import RunOptions, refine_paths

    run_fields = {f.name for f in dataclasses.fields(RunOptions)}
    setting_fields = {f.name for f in dataclasses.fields(Settings)} - {"timings", "furniture"}
    unknown = sorted(set(options) - run_fields - setting_fields)
    if unknown:
        raise TypeError(f"unknown refine option(s): {', '.join(unknown)}")
    run_kw = {k: v for k, v in options.items() if k in run_fields}
    set_kw = {k: v for k, v in options.items() if k in setting_fields and k not in run_fields}
    if set_kw:
        run_kw["settings"] = dataclasses.replace(run_kw.get("settings") or Settings(), **set_kw)
    return refine_paths(inputs, outdir, RunOptions(**run_kw))
