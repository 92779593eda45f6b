"""HTML route: ``refine_html(html) -> Page`` with the same lines, labels and Article as the text route.

Steps (each cheap next to trafilatura's own extraction):

1. decode bytes (gzip, ``akhbar.page.decode.decode`` when present, else meta charset / UTF-8),
   parse once with lxml (libxml2 caps nesting at 256 levels, so hostile depth cannot recurse);
2. render the tree to text lines with their DOM context (:mod:`akhbar.html.render`);
   ``Page.text`` is that rendering and every ``Line`` spans one rendered line;
3. run ``trafilatura.bare_extraction`` (metadata off: htmldate has no Arabic months and is the
   slow part) on the same tree; its paragraphs vote which lines are main content;
4. the Arabic news layer (:mod:`akhbar.html.article`) labels every line (title, dateline, byline,
   body, source, tags, related, navigation, share, ad, footer, other_boilerplate), vetoes
   trafilatura paragraphs that are furniture (repeated headline, dateline, byline, credit line,
   inline "اقرأ أيضاً" cards, comment rules, captions), and fills the Article metadata.

Bad input never raises: undecodable bytes, empty pages and pages without an article come back
as a ``Page`` with ``rejection`` set (reasons from ``akhbar.model.REJECTION_REASONS``); an
unexpected exception becomes reason ``internal_error`` with the exception in the message.
"""

from __future__ import annotations

import re
import zlib
from typing import Any

from akhbar.model import Page, Rejection, content_id

#: Largest HTML accepted, in bytes (or characters for str input). Larger records are rejected
#: with reason "too_large" (trafilatura's own default ``MAX_FILE_SIZE`` is 20 MB).
MAX_HTML_SIZE = 20_000_000

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def _reject(page: Page, reason: str, message: str) -> Page:
    page.rejection = Rejection(page.record_id or page.id, page.source or (page.url or ""), reason, message)
    return page


def maybe_gunzip(data: bytes, limit: int = MAX_HTML_SIZE) -> bytes:
    """Gunzip ``data`` if it starts with the gzip magic ``1f 8b``; at most ``limit`` bytes out.

    Raises ``ValueError`` on a corrupt or truncated stream, or output over ``limit``.
    """
    if data[:2] != b"\x1f\x8b":
        return data
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(data, limit + 1)
    except zlib.error as e:
        raise ValueError(f"corrupt gzip: {e}") from e
    if len(out) > limit:
        raise ValueError(f"gzip expands past {limit} bytes")
    if not d.eof:
        raise ValueError("truncated gzip stream")
    return out


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode HTML bytes to ``(text, encoding)``.

    Order: ``akhbar.page.decode.decode`` (the project decoder, when importable), then the
    declared ``<meta charset>``, then UTF-8, then charset-normalizer. Raises ``UnicodeError``
    when the bytes are not text (NUL-heavy binary).
    """
    head = data[:4096]
    m = _META_CHARSET.search(head)
    declared = m.group(1).decode("ascii", "replace").lower() if m else None
    try:
        from akhbar.page.decode import decode as _project_decode

        res = _project_decode(data, declared=declared)
        text, enc = _unpack_decoded(res)
        if text is not None:
            return text, enc or (declared or "utf-8")
    except Exception:  # noqa: S110 - missing or failing project decoder: local fallback below
        pass
    if data.count(b"\x00") > max(8, len(data) // 100):
        raise UnicodeError("binary content (NUL bytes)")
    for enc in ([declared] if declared else []) + ["utf-8"]:
        try:
            return data.decode(enc), enc
        except (LookupError, UnicodeDecodeError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        return data.decode("utf-8", "replace"), "utf-8"
    return data.decode(best.encoding, "replace"), best.encoding


def _unpack_decoded(res: Any) -> tuple[str | None, str | None]:
    if isinstance(res, str):
        return res, None
    if isinstance(res, tuple) and res and isinstance(res[0], str):
        return res[0], res[1] if len(res) > 1 and isinstance(res[1], str) else None
    text = getattr(res, "text", None)
    if isinstance(text, str):
        return text, getattr(res, "encoding", None)
    return None, None


def parse_html(text: str, limits: list[str] | None = None) -> Any:
    """Parse HTML text with lxml; returns the root element or None when nothing parses.

    libxml2's safety limits stay on (nesting depth 256, 10 MB text nodes): content past them is
    dropped by the parser, never recursed into. When ``limits`` is a list, the limit messages
    the parser reported are appended to it (for the page's signals and rejection message).
    """
    import lxml.etree

    text = _XML_DECL.sub("", text, count=1).replace("\x00", "")
    if not text.strip():
        return None
    # plain lxml.etree elements: no Python-level class lookup per element (see article.trafilatura_paragraphs)
    parser = lxml.etree.HTMLParser()
    try:
        root = lxml.etree.fromstring(text, parser)
    except (lxml.etree.XMLSyntaxError, lxml.etree.ParserError, ValueError):
        root = None
    if limits is not None:
        limits.extend(
            e.message.strip() for e in parser.error_log
            if e.level_name == "FATAL" and ("depth" in e.message or "limit" in e.message.lower())
        )
    return root


def refine_html(html: str | bytes, *, url: str | None = None, crawl_date: Any = None) -> Page:
    """Refine one HTML page into a ``Page`` with labelled lines and its main ``Article``.

    ``html``: the page as ``str`` or raw ``bytes`` (gzip accepted). ``url``: page URL (ids,
    URL dates, relative links are kept as given). ``crawl_date``: ``date``/``datetime``/ISO
    string, the reference for year-less visible dates. Returns a ``Page`` whose ``text`` is the
    rendering (one line per block), ``lines`` label every line, ``articles`` holds one main
    article (or none, with ``rejection`` set). Never raises.
    """
    page = Page(id=content_id("html", url or "", str(len(html))), text="", url=url)
    page.crawl_date = crawl_date.isoformat() if hasattr(crawl_date, "isoformat") else crawl_date
    try:
        return _refine(html, page, url, crawl_date)
    except RecursionError as e:
        page.articles = []
        return _reject(page, "bad_record", f"HTML too deeply nested: {e}")
    except MemoryError as e:
        page.articles = []
        return _reject(page, "too_large", f"out of memory: {e}")
    except Exception as e:
        page.articles = []
        return _reject(page, "internal_error", f"{type(e).__name__}: {e}")


def _refine(html: str | bytes, page: Page, url: str | None, crawl_date: Any) -> Page:
    from akhbar.html.article import build_article
    from akhbar.html.render import render

    if isinstance(html, (bytes, bytearray, memoryview)):
        data = bytes(html)
        if len(data) > MAX_HTML_SIZE:
            return _reject(page, "too_large", f"{len(data)} bytes > {MAX_HTML_SIZE}")
        try:
            data = maybe_gunzip(data)
        except ValueError as e:
            return _reject(page, "read_error", str(e))
        if not data.strip():
            return _reject(page, "empty", "no bytes")
        try:
            text, page.encoding = decode_html(data)
        except UnicodeError as e:
            return _reject(page, "binary", str(e))
    elif isinstance(html, str):
        if len(html) > MAX_HTML_SIZE:
            return _reject(page, "too_large", f"{len(html)} characters > {MAX_HTML_SIZE}")
        text = html
    else:
        return _reject(page, "bad_record", f"expected str or bytes, got {type(html).__name__}")

    limits: list[str] = []
    root = parse_html(text, limits)
    if limits:
        page.signals["parser_limit"] = 1.0
        page.meta["parser_limits"] = limits[:3]
    if root is None:
        return _reject(page, "empty", "no HTML content")
    rendered, blocks, openers = render(root)
    page.text = rendered
    page.id = content_id("html", url or "", rendered)
    if not rendered.strip():
        if limits:
            reason = "too_large" if "limit" in limits[0].lower() else "bad_record"
            return _reject(page, reason, f"no text within the HTML parser's limits: {limits[0]}")
        return _reject(page, "empty", "page renders to no text")
    build_article(page, root, blocks, openers, url=url, crawl_date=crawl_date, html=text)
    return page
