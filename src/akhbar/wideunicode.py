"""UTF-16 and UTF-32 detection from a file's first bytes, shared by the readers (``akhbar.sources``)
and ``akhbar.page.decode`` (issue 18: such files were refused as binary for their NUL bytes).

``wide_unicode(head) -> (codec, bom_length) | None``. Standard library only; never raises.
"""

from __future__ import annotations

import codecs

__all__ = ["wide_unicode"]

#: Wide-Unicode byte order marks, UTF-32 first (FF FE 00 00 also starts with the UTF-16 LE BOM).
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _printable(text: str) -> bool:
    """Fewer than 1 % control characters or surrogates (a wide-Unicode reading that is text)."""
    bad = sum(1 for c in text if (c < " " and c not in "\t\n\r\f") or "\ud800" <= c <= "\udfff")
    return bad <= 0.01 * len(text)


def _utf32_without_bom(head: bytes) -> str | None:
    """UTF-32 text without BOM: every 4-byte unit has its high byte NUL (code points stop at
    U+10FFFF) and a strict decode gives printable text."""
    head = head[: len(head) // 4 * 4]
    if len(head) < 16:
        return None
    for enc, hi in (("utf-32-le", 3), ("utf-32-be", 0)):
        if head[hi::4].count(0) == len(head) // 4:
            try:
                text = head.decode(enc)
            except UnicodeDecodeError:
                continue
            if _printable(text):
                return enc
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 text without BOM: NUL bytes on one parity only, and a strict decode that
    gives printable text (fewer than 1 % control characters)."""
    if len(head) < 8 or b"\x00" not in head:
        return None
    head = head[: len(head) // 2 * 2]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if even and odd:
        return None
    enc = "utf-16-le" if odd else "utf-16-be"
    try:
        text = head.decode(enc)
    except UnicodeDecodeError:
        return None
    return enc if _printable(text) else None


def wide_unicode(head: bytes) -> tuple[str, int] | None:
    """``(codec, bom_length)`` when ``head`` (the first bytes of a file, 1-4 KiB) is UTF-16 or
    UTF-32 text, else None.  A BOM decides (Unicode 15, section 23.8: FF FE 00 00 is UTF-32 LE,
    checked before the UTF-16 LE BOM FF FE); without one, UTF-32 when every 4-byte unit has a
    NUL high byte, UTF-16 when NUL bytes sit on one byte parity only, and in both cases a strict
    decode must give printable text.  Codecs: "utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be".
    Never raises.  Readers use it so that wide-Unicode files are read as text, not refused as
    binary for their NUL bytes."""
    for bom, enc in _WIDE_BOMS:
        if head.startswith(bom):
            return enc, len(bom)
    if b"\x00" not in head[:4096]:
        return None
    enc = _utf32_without_bom(head[:4096]) or _utf16_without_bom(head[:4096])
    return (enc, 0) if enc else None
