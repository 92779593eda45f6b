"""Stage ``entities``: named entities (PER, LOC, ORG, MISC) of every article.

:func:`akhbar.entities.recognize` on the body paragraphs joined by ``"\\n"`` (spans point into
that joined string); the model (a BiLSTM-CRF fused with a CRF, shipped in the package; see
``akhbar/entities/model/MODEL_CARD.md``) loads once per process, at the first page.
"""

from __future__ import annotations

from akhbar.model import Page
from akhbar.stages.base import Settings


def entities(page: Page, settings: Settings) -> Page:
    """Stage ``entities``: ``Article.entities`` of every article."""
    from akhbar.entities import recognize  # numpy and the model's code only in runs that use them

    tagger = "accurate" if settings.entities == "accurate" else "fast"
    for a in page.articles:
        a.entities = recognize("\n".join(a.body), tagger)
    return page
