"""Stage ``language``: ``Page.language`` (and each article's), and the ``Settings.languages`` filter.

The text route identifies the whole page before any line is labelled (a page in another language
costs nothing more); the HTML route identifies the main content its extraction found. Either
way :func:`page_language` runs :func:`akhbar.arabic.identify_language`, and when that says the
text is not in Arabic script although Arabic-script letters are at least 40% of its letters (an
Arabic article with an embedded script or an English list: SaudiNewsNet al-Riyadh polls), it
runs again on the Arabic-script lines only.
"""

from __future__ import annotations

import re

from akhbar.arabic import identify_language
from akhbar.arabic.langid import LanguageGuess
from akhbar.model import Page
from akhbar.stages.base import Settings, reject

_AR_LETTER = re.compile(r"[\u0620-\u064a\u0671-\u06d3\u06fa-\u06ff]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
#: Characters of main content the HTML route identifies (as ``akhbar.html`` always did).
HTML_SAMPLE_CHARS = 5000


def page_language(text: str) -> LanguageGuess:
    """Language of a page's text (see module docstring); never raises."""
    guess = identify_language(text)
    if guess.code in ("ar", "fa", "ur"):
        return guess
    ar = len(_AR_LETTER.findall(text))
    la = len(_LATIN_LETTER.findall(text))
    if ar and ar >= 0.4 * (ar + la):
        lines = [ln for ln in text.split("\n") if len(_AR_LETTER.findall(ln)) > len(_LATIN_LETTER.findall(ln))]
        g2 = identify_language("\n".join(lines))
        if g2.code in ("ar", "fa", "ur"):
            return g2
    return guess


def language(page: Page, settings: Settings) -> Page:
    """Stage ``language``: sets ``page.language`` (and ``Article.language`` of articles already
    built); rejects "not_arabic" when the language is not in ``settings.languages`` (an empty
    tuple keeps all). Text: the whole page; HTML (articles already extracted): the main
    content's lines, at most ``HTML_SAMPLE_CHARS`` characters."""
    if page.articles:
        body = "\n".join(ln.text for ln in page.lines if ln.label == "body")
        guess = page_language(body[:HTML_SAMPLE_CHARS] if body.strip() else page.text[:HTML_SAMPLE_CHARS])
    else:
        guess = page_language(page.text)
    page.language = guess.code
    for a in page.articles:
        a.language = guess.code
    if settings.languages and guess.code not in settings.languages:
        return reject(page, "not_arabic", f"language identified as {guess.code} (confidence {guess.confidence:.2f})")
    return page
