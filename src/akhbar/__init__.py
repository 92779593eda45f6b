"""akhbar: refine raw Arabic news pages into clean, structured article records.

Public API: ``refine_text``, ``refine_html``, ``refine``, ``pipeline_stages`` and the data model
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
    "pipeline_stages",
    "refine",
    "refine_html",
    "refine_text",
]


def refine_text(text: str, *, url: str | None = None, crawl_date=None, **settings) -> Page:
    """Refine one crawler-extracted text page into a ``Page`` with lines and articles.

    ``text``: the page as ``str`` (for bytes use ``akhbar.page.decode`` first or ``refine``).
    ``url``: the page URL if known (used for ids and publisher hints).
    ``crawl_date``: ``datetime.date``/``datetime``/ISO string; the reference for
    relative and year-less dates. ``settings``: fields of ``akhbar.pipeline.Settings``
    (``entities=True``, ``languages=("ar", "fa")``, ``quality=True``, ...); by default every
    stage but the quality filter runs. Never raises on bad text: a page with no article comes
    back with ``Page.rejection`` set. Raises ``TypeError`` for an unknown setting.
    """
    from akhbar.pipeline import refine_text as _rt

    return _rt(text, url=url, crawl_date=crawl_date, settings=_settings(settings))


def refine_html(html: str | bytes, *, url: str | None = None, crawl_date=None, **settings) -> Page:
    """Refine one HTML page (``str`` or ``bytes``, gzip accepted) into a ``Page``.

    Same settings and defaults as :func:`refine_text`; the page goes through the HTML route's
    first stages (``html_decode``, ``html_extract``) and then the same stages as a text page
    (see ``akhbar.html.extract``). Never raises on bad input.
    """
    from akhbar.pipeline import refine_html as _rh

    return _rh(html, url=url, crawl_date=crawl_date, settings=_settings(settings))


def _settings(kw: dict):
    if not kw:
        return None
    import dataclasses

    from akhbar.pipeline import Settings

    known = {f.name for f in dataclasses.fields(Settings)}
    unknown = sorted(set(kw) - known)
    if unknown:
        raise TypeError(f"unknown setting(s): {', '.join(unknown)}")
    return Settings(**{"quality": False, **kw})


def pipeline_stages(settings=None, route: str = "text"):
    """The named stages a page of ``route`` ("text" or "html") goes through, in order
    (``list[akhbar.pipeline.Stage]``: ``name``, ``owns``, ``rejects``, ``module``); see
    ``akhbar.pipeline``. ``settings``: an ``akhbar.pipeline.Settings`` (default settings if None)."""
    from akhbar.pipeline import pipeline_stages as _ps

    return _ps(settings, route)


def refine(inputs, outdir, **options):
    """Refine input files/directories into ``outdir`` (Parquet, JSONL, manifest); see akhbar.run.local.

    ``inputs``: list of paths (str or Path); ``outdir``: created if missing. ``options``: any field of
    ``akhbar.run.local.RunOptions`` (``executor``, ``workers``, ``dedup``, ``stories``, ``shard_size``,
    ``resume``, ``index``, ``limit``, ...) or of ``akhbar.pipeline.Settings`` (``entities``,
    ``quality``, ``languages``, ...), e.g. ``refine(["pages/"], "out", entities=True, index=True)``.
    Unlike the CLI, the SQLite search store is built only with ``index=True``. Returns the
    ``RunResult`` (counts, seconds, output files). Raises ``TypeError`` for an unknown option,
    ``OSError`` when ``outdir`` cannot be written.
    """
    import dataclasses

    from akhbar.pipeline import Settings
    from akhbar.run.local import RunOptions, refine_paths

    run_fields = {f.name for f in dataclasses.fields(RunOptions)}
    setting_fields = {f.name for f in dataclasses.fields(Settings)} - {"furniture"}
    unknown = sorted(set(options) - run_fields - setting_fields)
    if unknown:
        raise TypeError(f"unknown refine option(s): {', '.join(unknown)}")
    run_kw = {k: v for k, v in options.items() if k in run_fields}
    set_kw = {k: v for k, v in options.items() if k in setting_fields and k not in run_fields}
    if set_kw:
        run_kw["settings"] = dataclasses.replace(run_kw.get("settings") or Settings(), **set_kw)
    return refine_paths(inputs, outdir, RunOptions(**run_kw))
