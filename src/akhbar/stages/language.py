"""Stage ``language``: ``Page.language`` (and each article's), and the ``Settings.languages`` filter.

The text route identifies the whole page before any line is labelled (a page in another language
costs nothing more); the HTML route identifies the main content its extraction found. Either
way :func:`page_language` runs :func:`akhbar.arabic.identify_language`. When that says the text
is not in Arabic script although it holds Arabic-script letters, the language of the prose is
wanted, not that of code pasted into the page (an Arabic article carrying a JavaScript, CSS or
JSON blob, a base64 image or a list of links): the lines that look like code
(:func:`code_line`) are left out and the prose identified again; and when Arabic-script letters
are at least 40% of the prose's letters (an Arabic article with an English list: SaudiNewsNet
al-Riyadh polls), it runs once more on the Arabic-script lines only. Pages identified in Arabic
script at once (nearly all of an Arabic corpus) pay nothing for either.
"""

from __future__ import annotations

import re

from akhbar.arabic import identify_language
from akhbar.arabic.langid import LanguageGuess
from akhbar.model import Page
from akhbar.stages.base import Settings, reject

_AR_LETTER = re.compile(r"[\u0620-\u064a\u0671-\u06d3\u06fa-\u06ff]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_ARABIC_SCRIPT = ("ar", "fa", "ur")
#: characters that are rare in prose and common in code: braces, brackets, semicolons, =, <, >, $, \\, |
_CODE_CHARS = re.compile(r"[{}\[\];=<>$\\|]")
#: code constructs (not bare English words such as "function" or "return" in prose)
_CODE_WORDS = re.compile(r"\bfunction\s*\w*\s*\(|\b(?:var|let|const)\s+[\w$]+\s*=|\btypeof\b|\bundefined\b|=>|&&|\|\||"
                         r"[\w$\])]\.[\w$]+\(|\d+px\b|#[0-9a-fA-F]{3,6}\b|</?\w+[ >]")
_URL_LINE = re.compile(r"\s*(?:\S+\s*[:|]\s*)?(?:https?://|www\.)\S+\s*")
_LONG_TOKEN = re.compile(r"[A-Za-z0-9+/=_%.\-]{40,}")
#: Characters of main content the HTML route identifies (as ``akhbar.html`` always did).
HTML_SAMPLE_CHARS = 5000


def code_line(line: str) -> bool:
    """Whether a line looks like code rather than prose: JavaScript, CSS or JSON (braces,
    semicolons, ``=``, ``function``/``var``, ``"key":``), a bare URL, or a long base64-like
    token; a line with more Arabic-script than Latin letters is never code."""
    s = line.strip()
    if not s:
        return False
    n = len(s)
    if _URL_LINE.fullmatch(s):
        return True
    long_tok = sum(len(m) for m in _LONG_TOKEN.findall(s))
    if long_tok >= 0.5 * n:
        return True
    ar = len(_AR_LETTER.findall(s))
    if ar and ar >= len(_LATIN_LETTER.findall(s)):
        return False
    marks = len(_CODE_CHARS.findall(s)) + 2 * s.count('":') + len(_CODE_WORDS.findall(s))
    return marks >= 3 and marks >= 0.03 * n


def prose(text: str) -> str:
    """``text`` without its code lines (:func:`code_line`)."""
    return "\n".join(ln for ln in text.split("\n") if not code_line(ln))


def page_language(text: str) -> LanguageGuess:
    """Language of a page's text (see module docstring); never raises."""
    guess = identify_language(text)
    if guess.code in _ARABIC_SCRIPT or not _AR_LETTER.search(text):
        return guess
    kept = prose(text)
    if len(kept) < len(text):
        g1 = identify_language(kept)
        if g1.code in _ARABIC_SCRIPT:
            return g1
        if g1.code != "und":
            guess, text = g1, kept
    ar = len(_AR_LETTER.findall(text))
    la = len(_LATIN_LETTER.findall(text))
    if ar and ar >= 0.4 * (ar + la):
        lines = [ln for ln in text.split("\n") if len(_AR_LETTER.findall(ln)) > len(_LATIN_LETTER.findall(ln))]
        g2 = identify_language("\n".join(lines))
        if g2.code in _ARABIC_SCRIPT:
            return g2
    return guess


def language(page: Page, settings: Settings) -> Page:
    """Stage ``language``: sets ``page.language`` (and ``Article.language`` of articles already
    built); rejects "not_arabic" when the language is not in ``settings.languages`` (an empty
    tuple keeps all). An HTML page whose ``<html lang>`` names another language gets the signal
    ``lang_attr_mismatch``. Text: the whole page after its export header, if any; HTML (articles already extracted): the main
    content's lines, at most ``HTML_SAMPLE_CHARS`` characters."""
    if page.articles:
        body = "\n".join(ln.text for ln in page.lines if ln.label == "body")
        guess = page_language(body[:HTML_SAMPLE_CHARS] if body.strip() else page.text[:HTML_SAMPLE_CHARS])
    else:
        start = page.work.body_start if page.work is not None else 0  # after a crawler export header
        guess = page_language(page.text[start:] if start else page.text)
    page.language = guess.code
    html_lang = page.meta.get("evidence", {}).get("html_lang")  # the HTML route's <html lang>
    mismatch = bool(html_lang and guess.code and not html_lang.lower().startswith(guess.code))
    if mismatch:
        page.signals["lang_attr_mismatch"] = 1.0
    for a in page.articles:
        a.language = guess.code
        if mismatch:
            a.signals["lang_attr_mismatch"] = 1.0
    if settings.languages and guess.code not in settings.languages:
        return reject(page, "not_arabic", f"language identified as {guess.code} (confidence {guess.confidence:.2f})")
    return page
