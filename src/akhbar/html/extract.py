"""HTML route: decoding and parsing for the stages ``html_decode`` and ``html_extract``
(:mod:`akhbar.stages.html`).

How the route goes (each step cheap next to trafilatura's own extraction):

1. ``html_decode``: bytes (gzip accepted, :func:`akhbar.gzipped.maybe_gunzip`) -> str with
   :func:`decode_html`;
2. ``html_extract``: :func:`parse_html` parses once with lxml (libxml2 caps nesting at 256
   levels, so hostile depth cannot recurse); :mod:`akhbar.html.render` renders the tree to text
   lines with their DOM context (``Page.text`` is that rendering and every ``Line`` spans one
   rendered line); ``trafilatura.bare_extraction`` (metadata off: htmldate has no Arabic months
   and is the slow part; comments off) parses the same page with trafilatura's own parser, with
   the same-result speedups of :mod:`akhbar.html.trafilatura_fast`, and its paragraphs vote which
   lines are main content; the Arabic news layer (:mod:`akhbar.html.article`) labels every line (title,
   dateline, byline, body, source, tags, related, navigation, share, ad, footer,
   other_boilerplate), vetoes trafilatura paragraphs that are furniture (repeated headline,
   dateline, byline, credit line, inline "اقرأ أيضاً" cards, comment rules, captions), and
   fills the main Article's metadata;
3. then the stages every page goes through (language, mentioned dates, quality, entities),
   with the same settings as text pages.
"""

from __future__ import annotations

import re
from typing import Any

from akhbar.page.decode import decode

#: Largest HTML accepted, in bytes (or characters for str input). Larger records are rejected
#: with reason "too_large" (trafilatura's own default ``MAX_FILE_SIZE`` is 20 MB).
MAX_HTML_SIZE = 20_000_000

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode HTML bytes to ``(text, encoding)``.

    Order: ``akhbar.page.decode.decode`` with the declared ``<meta charset>``; when that finds the
    bytes binary (``BinaryContent``: control bytes in the first 4 KiB) or the declared charset
    is unusable, the declared charset, then UTF-8, then charset-normalizer, unless NUL bytes are
    over 1% of the page. Raises ``UnicodeError`` when the bytes are not text (NUL-heavy binary).
    """
    head = data[:4096]
    m = _META_CHARSET.search(head)
    declared = m.group(1).decode("ascii", "replace").lower() if m else None
    try:
        dec = decode(data, declared=declared)
        return dec.text, dec.encoding or (declared or "utf-8")
    except ValueError:  # binary-looking head or a broken charset name: the checks below decide
        pass
    if data.count(b"\x00") > max(8, len(data) // 100):
        raise UnicodeError("binary content (NUL bytes)")
    for enc in ([declared] if declared else []) + ["utf-8"]:
        try:
            return data.decode(enc), enc
        except (LookupError, UnicodeDecodeError, ValueError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        return data.decode("utf-8", "replace"), "utf-8"
    return data.decode(best.encoding, "replace"), best.encoding


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
