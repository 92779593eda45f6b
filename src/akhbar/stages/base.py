"""What every stage shares: the run's ``Settings``, the ``Stage`` record, ``PageWork`` and ``reject``.

A stage is a pure function ``(page: Page, settings: Settings) -> Page``: it reads what earlier
stages left on the page, adds its own fields and returns the page. It rejects a page by setting
``page.rejection`` (with :func:`reject`); the driver (:class:`akhbar.pipeline.Pipeline`) then stops
the page there and counts the rejection under the stage's name. Stages keep no state between
pages, so any executor (one process, a pool, Ray) runs them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from akhbar.model import Page, Rejection

#: Pages longer than this (characters, after decoding) are rejected as "too_large".
MAX_PAGE_CHARS = 2_000_000


def _shipped_line_model():
    from akhbar.page.linemodel import LineModel

    return LineModel.shipped()


@dataclass(slots=True)
class Settings:
    """What the per-page stages do.

    ``languages``: page languages kept (ISO 639-1 codes; others are rejected as "not_arabic"; an
    empty tuple keeps every language); ``entities``: run NER on each article
    (False: off; True or ``"fast"``: the default tagger; ``"accurate"``: the encoder tagger, about
    30x slower, see ``akhbar/entities/model/MODEL_CARD.md``); ``quality``: compute
    quality signals and reject pages failing ``akhbar.quality.check``; ``mentioned_dates``: scan
    bodies for dates; ``max_page_chars``: longer decoded pages are rejected ("too_large");
    ``furniture``: a frozen ``akhbar.corpus.repeated.RepeatedLines`` learned in a first pass over
    the input (lines repeated across a site's pages are labelled boilerplate); ``furniture_affixes``:
    also cut learned leading/trailing word runs (less precise than whole repeated lines);
    ``max_page_cpu_seconds``: CPU seconds a page's stages may use before the page is rejected as
    "timeout" (None or 0: no bound; see ``akhbar.pipeline.Pipeline``); ``line_model``: the learned
    line labeller (``akhbar.page.linemodel.LineModel``) that chooses each text page's headline and
    body start; the shipped model by default, None for the rules alone; ``html_engine``: how HTML
    pages are read, "trafilatura" (default: the DOM rendered to lines, trafilatura's body vote and
    the Arabic news layer, :mod:`akhbar.html.article`) or "resiliparse" (about 10x faster per page,
    lower body F1: resiliparse's main-content text through the text route, :mod:`akhbar.html.fast`;
    needs the optional ``resiliparse`` package).
    The same settings apply to text and HTML pages.
    """

    languages: tuple[str, ...] = ("ar",)
    entities: bool | str = False
    quality: bool = True
    mentioned_dates: bool = True
    max_page_chars: int = MAX_PAGE_CHARS
    furniture: object | None = field(default=None, repr=False)
    furniture_affixes: bool = False
    max_page_cpu_seconds: float | None = 10.0
    line_model: object | None = field(default_factory=_shipped_line_model, repr=False)
    html_engine: str = "trafilatura"


@dataclass(slots=True)
class PageWork:
    """Intermediate results one stage hands to the next; not part of the output.

    ``content``: the record's raw content (``bytes`` or ``str``) until a decode stage replaces it;
    ``html``: decoded HTML text (HTML route); ``infos``: ``akhbar.page.lines.LineInfo`` per line
    (``lines`` stage); ``segs``/``drafts``: labelled segments and article drafts
    (``akhbar.page.segment``; ``segment`` stage); ``draft_of``: for each article, the index of the
    draft it came from (``metadata`` stage; draft 0 is the page's main story); ``header``: the
    crawler export header (``akhbar.page.exportheader.ExportHeader``) and ``body_start``: the offset
    (characters) of the page's own text after it (``export_header`` stage; 0 without a header);
    ``fused_title``: the span of a headline cut from the first paragraph it was fused with
    (``lines`` stage), else None.
    """

    content: bytes | str | None = None
    html: str | None = None
    infos: list[Any] = field(default_factory=list)
    segs: list[Any] = field(default_factory=list)
    drafts: list[Any] = field(default_factory=list)
    draft_of: list[int] = field(default_factory=list)
    header: Any = None
    body_start: int = 0
    fused_title: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Stage:
    """One named per-page stage: ``fn(page, settings) -> page``; ``owns``: the fields it fills
    (for a reader looking for the stage behind a field); ``rejects``: the rejection reasons it can
    give; ``doc``: one line on what it does."""

    name: str
    fn: Callable[[Page, Settings], Page]
    owns: tuple[str, ...] = ()
    rejects: tuple[str, ...] = ()
    doc: str = ""

    @property
    def module(self) -> str:
        """The module that holds the stage's function (where to read and change it)."""
        return self.fn.__module__


def reject(page: Page, reason: str, message: str) -> Page:
    """Set ``page.rejection`` (reason from ``akhbar.model.REJECTION_REASONS``) and return the page."""
    page.rejection = Rejection(page.record_id, page.source, reason, message)
    return page
