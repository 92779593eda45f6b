"""Text route, stages ``decode`` and ``clean``: raw content -> ``Page.text``.

``decode``: bytes -> str with :func:`akhbar.page.decode.decode` (BOMs, declared charset,
UTF-8, windows-1256 ...; rejects binary content as "binary"); a str that is UTF-8 read as
cp1252/latin-1 (``Ø§Ù„`` for ``ال``) is repaired with :func:`akhbar.page.decode.repair_mojibake`.
C0 control characters (NUL ..., DEL; not tab or line breaks) are deleted
(``akhbar.controls.strip_controls``). Pages over ``Settings.max_page_chars`` characters are
rejected as "too_large".

``clean``: :func:`akhbar.arabic.clean_text` (NFC, bidi controls, tatweel, Persian/Urdu letter
forms in Arabic text; line breaks kept), then the page id (a content hash of the URL or record id
and the cleaned text). A page with nothing left is rejected as "empty".
"""

from __future__ import annotations

import re

from akhbar.arabic import clean_text
from akhbar.controls import strip_controls
from akhbar.model import Page, content_id
from akhbar.page.decode import decode as decode_bytes
from akhbar.page.decode import repair_mojibake
from akhbar.stages.base import Settings, reject

#: A cp1252/latin-1 lead byte of a UTF-8 Arabic letter followed by a continuation byte.
_MOJI = re.compile("[ÃÇÚáäÊØÙÈ][\u0080-\u00ff]")
_MOJI_LEADS = "ÃÇÚáäÊØÙÈ"


def _looks_mojibake(text: str) -> bool:
    head = text[:2000]
    # the pattern's first character is one of nine: nine substring tests (C scans) skip the search
    return any(c in head for c in _MOJI_LEADS) and bool(_MOJI.search(head))


def decode(page: Page, settings: Settings) -> Page:
    """Stage ``decode``: ``page.work.content`` (bytes or str) -> ``page.text``, ``page.encoding``
    (``"str"``, ``"str(cp1252)"`` after a mojibake repair, or the codec of the bytes) and, when
    repaired, ``page.signals["repairs"]``. Rejects "binary" and "too_large"."""
    content = page.work.content
    page.work.content = None
    if isinstance(content, str):
        text, enc, repairs = content, "str", []
        if _looks_mojibake(text):
            text, repairs, src = repair_mojibake(text)
            if src:
                enc = f"str({src})"
    else:
        try:
            dec = decode_bytes(content, declared=page.meta.get("charset"))
        except ValueError as e:  # BinaryContent
            page.id = content_id(page.record_id, "binary")
            return reject(page, "binary", str(e).split("\n")[0][:300])
        text, enc, repairs = dec.text, dec.encoding, list(dec.repairs)
    text = strip_controls(text)  # NUL and other C0 controls (a JSON record's "\u0000"): never text
    if len(text) > settings.max_page_chars:
        page.id = content_id(page.record_id, "large")
        return reject(page, "too_large",
                      f"page has {len(text):,} characters, over the limit of {settings.max_page_chars:,}")
    page.text = text
    page.encoding = enc
    if repairs:
        page.signals["repairs"] = repairs
    return page


def clean(page: Page, settings: Settings) -> Page:
    """Stage ``clean``: ``page.text`` -> its clean form (see module docstring) and ``page.id``.
    Rejects "empty" when no text is left."""
    text = clean_text(page.text)
    page.text = text
    page.id = content_id(page.url or page.record_id, text)
    if not text.strip():
        return reject(page, "empty", "no text after decoding")
    return page
