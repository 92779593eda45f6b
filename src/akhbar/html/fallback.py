"""The HTML route's last fallback: akhbar's text route on the page's text rendering.

Order of the body sources of an HTML page (:func:`akhbar.html.article.build_article`):

1. ``trafilatura.bare_extraction`` with its own fallbacks on (``fast=False``, the default:
   readability-lxml and jusText compared with its own extraction, then its baseline on the
   uncleaned tree), matched to the rendered lines by :func:`akhbar.html.body.vote_body`; when no
   line matches, long link-poor prose lines outside boilerplate zones (``fallback_body``);
2. when the Arabic layer's labels leave no body line (everything trafilatura gave was furniture:
   menu items, a share bar, or the article sits in a container trafilatura drops, such as
   ``<aside>``): :func:`text_route_body`, the text route's stages ``clean``, ``lines``,
   ``segment`` and ``metadata`` (:mod:`akhbar.stages`) run on ``Page.text`` (pages of at most
   ``MAX_TRAFILATURA_LINES`` rendered lines, the bound trafilatura has), the page rendered
   one block a line, as on a crawler's text; its main article's body paragraphs vote the lines
   (signal ``text_route_fallback``);
3. the page is rejected ("no_article") only when all of them find nothing.
"""

from __future__ import annotations

from akhbar.model import Page


def text_route_body(text: str, url: str | None) -> list[str]:
    """Body paragraphs of the main article the text route finds in ``text`` (the rendered page,
    one block a line), each the cleaned text of one of its lines (not display-normalized, so that
    they match the rendered lines after :func:`akhbar.html.cues.key`). ``[]`` when the text route
    finds no article. Every language is kept (the ``language`` stage decides later); no learned
    furniture. Pure; never raises on text."""
    from akhbar.stages import decode as s_decode
    from akhbar.stages import metadata as s_metadata
    from akhbar.stages import segment as s_segment
    from akhbar.stages.base import PageWork, Settings

    settings = Settings(languages=(), quality=False, mentioned_dates=False, max_page_cpu_seconds=None)
    page = Page(id="fallback", text=text, url=url, work=PageWork())
    for fn in (s_decode.clean, s_segment.lines, s_segment.segment, s_metadata.metadata):
        page = fn(page, settings)
        if page.rejection is not None:
            return []
    main = next((a for a in page.articles if a.role == "main"), None)
    if main is None:
        return []
    return [" ".join(page.text[s:e].split()) for s, e in main.body_spans]
