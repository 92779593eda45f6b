"""Stage ``quality``: Arabic-aware quality signals of every article, and the page's quality filter.

Signals and thresholds are :mod:`akhbar.quality`'s (chosen on the ANT corpora and the gold pages
with ``benchmarks/quality_filters.py``). The main story decides: a page whose main article fails
:func:`akhbar.quality.check` is rejected as "low_quality" with the failed signal and its value.
Signals the extraction already left on an article (the HTML route's trafilatura counts) are kept.
"""

from __future__ import annotations

from akhbar import quality as q
from akhbar.model import Page
from akhbar.stages.base import Settings, reject


def quality(page: Page, settings: Settings) -> Page:
    """Stage ``quality``: ``Article.signals`` of every article; rejects "low_quality"."""
    main = page.articles[0]
    sig = q.signals(main.title, main.body)
    for a in page.articles:
        s = sig if a is main else q.signals(a.title, a.body)
        a.signals = {**a.signals, **s} if a.signals else s
    keep, name, value = q.check(sig)
    if not keep:
        return reject(page, "low_quality", f"quality signal {name}={value:.3f} failed")
    return page
