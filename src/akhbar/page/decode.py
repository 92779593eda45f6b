"""Bytes -> text for news pages: BOM, UTF-8, windows-1256, mojibake repair, binary refusal.

``decode(data, declared=None) -> Decoded(text, encoding, repairs)``

Order (issue 4; cases enc-windows-1256-read-as-latin):

1. Binary refusal: known magic numbers (PNG, JPEG, GIF, PDF, ZIP, gzip, ...), NUL bytes
   outside UTF-16/32 (``wide_unicode``), or more than 10 % control bytes in the first 4 KiB raise
   ``BinaryContent`` (a ``ValueError``) with a one-line message.
2. BOM (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) wins over everything.
3. Strict UTF-8.  Valid UTF-8 is never re-read as windows-1256, whatever the declared
   charset says (jawah/charset_normalizer#174).  UTF-8 with a handful of broken bytes
   (at most 5 % as many U+FFFD as valid non-ASCII characters) is kept as UTF-8 with U+FFFD.
4. Arabic single-byte check: if most non-ASCII bytes decode to Arabic letters under
   windows-1256, the page is windows-1256, even when a charset of iso-8859-1 / windows-1252
   is declared (old Arabic sites lie; chardet/chardet#80, #137).
5. The declared charset when it decodes without error, else charset-normalizer's best
   guess, else windows-1252 with replacement.
6. Mojibake repair on the resulting text (``repair_mojibake``): UTF-8 read as
   cp1252/latin-1 (``Ø§Ù„`` -> ``ال``, via ftfy) and windows-1256 read as latin-1/cp1252
   (``ÇáÚÑÈíÉ`` -> ``العربية``, own rule: ftfy 6.3 leaves it unchanged).  C1 controls and
   soft hyphens are left in place until the repair has run, since they are bytes of the
   mojibake (0x81 پ, 0x8D چ, 0x90 گ, 0xAD in ح = D8 AD).

``decode`` does not clean the text (bidi controls, tatweel, NFC): call
``akhbar.arabic.clean_text`` on ``Decoded.text`` afterwards.  Never raises anything but
``BinaryContent``.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from akhbar.wideunicode import wide_unicode

__all__ = ["BinaryContent", "Decoded", "decode", "repair_mojibake", "wide_unicode"]


class BinaryContent(ValueError):
    """The bytes are not text (image, archive, PDF, executable, ...)."""


@dataclass(slots=True)
class Decoded:
    """``text``: decoded (and repaired) str; ``encoding``: Python codec name actually used
    (e.g. "utf-8", "windows-1256"); ``repairs``: short machine-readable notes of what was
    fixed or overridden, e.g. ["bom:utf-8", "declared-charset-overridden:iso-8859-1"]."""

    text: str
    encoding: str
    repairs: list[str] = field(default_factory=list)


# --- binary detection ---------------------------------------------------------------------
# Magic numbers: the file(1) magic database / WHATWG MIME Sniffing standard, section 7.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf\x27\x1c", "7-zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"\x00\x00\x01\x00", "ICO image"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"\x1aE\xdf\xa3", "Matroska/WebM media"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2 (MS Office) document"),
)
_RIFF = re.compile(rb"^RIFF....(WEBP|WAVE|AVI )", re.DOTALL)
_FTYP = re.compile(rb"^....ftyp", re.DOTALL)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _binary_reason(data: bytes) -> str | None:
    head = data[:4096]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    if _RIFF.match(head):
        return "RIFF media"
    if _FTYP.match(head):
        return "ISO media (MP4/HEIF)"
    n_ctrl = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if b"\x00" in head:
        return f"NUL bytes ({head.count(0)} in the first {len(head)} bytes)"
    if head and n_ctrl > 0.10 * len(head):
        return f"{n_ctrl} control bytes in the first {len(head)} bytes"
    return None


# --- charsets -----------------------------------------------------------------------------
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]")


#: A charset label as HTTP headers and meta tags write them (IANA names and aliases); anything
#: else (NUL bytes, spaces, markup, 1 KB of junk) is not a charset and is treated as undeclared.
_CHARSET_LABEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:+-]{0,39}")
#: Python codecs that are no page charset: they would raise UnicodeError on any byte (undefined),
#: turn ``\\ud800`` escapes into lone surrogates (unicode-escape) or are meant for host names.
_NOT_CHARSETS = frozenset(["undefined", "unicode-escape", "raw-unicode-escape", "idna", "punycode", "charmap"])


def _codec(name: str | None) -> str | None:
    """Python codec name for a declared charset (WHATWG label aliases: latin-1 -> cp1252), or None
    when ``name`` is missing or not a usable text charset (junk, NUL bytes, ``base64``...)."""
    if not name or not isinstance(name, str):
        return None
    n = name.strip().strip("\"'").lower()
    if not _CHARSET_LABEL.fullmatch(n):
        return None
    if n in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii", "iso8859-1", "l1"):
        n = "windows-1252"  # WHATWG Encoding Standard: these labels mean windows-1252
    try:
        info = codecs.lookup(n)
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
        return None
    return info.name


_HIGH_BYTES = bytes(range(128, 256))


def _cp1256_share(data: bytes) -> float:
    """Share of non-ASCII bytes that decode to Arabic letters under windows-1256."""
    data = data[:65536]  # a bounded sample (bytes)
    hi = len(data) - len(data.translate(None, _HIGH_BYTES))
    if hi == 0:
        return 0.0
    text = data.decode("cp1256", errors="replace")
    return len(_ARABIC_LETTER.findall(text)) / hi


def decode(data: bytes, *, declared: str | None = None) -> Decoded:
    """Decode a page's bytes to text (bytes -> Decoded).

    ``declared``: the charset from the HTTP header or the page's meta tag, if known; when
    None, a ``<meta charset>`` in the first 2 KiB is used as the declared charset.  The
    declared charset is only trusted when the bytes agree (see the module docstring); a
    ``declared`` that is no usable charset name (junk, NUL characters, a non-text codec such as
    ``base64``) is treated as undeclared.
    Raises ``TypeError`` when ``data`` is not bytes-like and ``BinaryContent`` (ValueError) for
    non-text bytes; never raises otherwise.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"decode() needs bytes, not {type(data).__name__}")
    data = bytes(data)
    if not data:
        return Decoded("", "utf-8", [])
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(enc, errors="replace")
            return _finish(text, enc, [f"bom:{enc}"])
    wide = wide_unicode(data[:4096])
    if wide is not None:  # UTF-16/32 without BOM (a BOM was handled above)
        enc = wide[0]
        return _finish(data.decode(enc, errors="replace"), enc, [f"{enc[:6]}-without-bom:{enc}"])
    why = _binary_reason(data)
    if why is not None:
        raise BinaryContent(f"binary content: {why}")
    repairs: list[str] = []
    if declared is None:
        m = _META_CHARSET.search(data[:2048])
        if m:
            declared = m.group(1).decode("ascii", "replace")
    dec_codec = _codec(declared)
    # 3. UTF-8 first
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if dec_codec and dec_codec != "utf-8" and not data.isascii():
            repairs.append(f"declared-charset-ignored:{declared}")
        return _finish(text, "utf-8", repairs)
    text = data.decode("utf-8", errors="replace")
    n_bad = text.count("\ufffd")
    n_multi = len(text) - len(text.encode("ascii", "ignore"))  # non-ASCII characters
    # mostly valid UTF-8 with a few broken bytes (a truncated or spliced page): keep UTF-8.
    # A single-byte page read as UTF-8 has nearly all its non-ASCII bytes broken instead.
    if n_bad <= max(1.0, 0.05 * (n_multi - n_bad)) and n_multi - n_bad >= 4 * n_bad:
        repairs.append(f"utf-8-invalid-bytes-replaced:{n_bad}")
        if dec_codec and dec_codec != "utf-8":
            repairs.append(f"declared-charset-ignored:{declared}")
        return _finish(text, "utf-8", repairs)
    # 4. windows-1256 when the bytes say so
    if _cp1256_share(data) >= 0.7:
        text = data.decode("cp1256", errors="replace")
        if dec_codec == "cp1256" or _reads_as_arabic(text):
            if dec_codec and dec_codec != "cp1256":
                repairs.append(f"declared-charset-overridden:{declared}")
            return _finish(text, "windows-1256", repairs)
    # 5. declared, windows-1252 when it reads as Latin text, detector, fallback
    if dec_codec and dec_codec != "utf-8":
        try:
            return _finish(data.decode(dec_codec), _pretty(dec_codec), repairs)
        except (UnicodeError, LookupError):
            repairs.append(f"declared-charset-failed:{declared}")
    if not dec_codec and _cp1252_plausible(data):
        return _finish(data.decode("cp1252"), "windows-1252", repairs + ["guessed:windows-1252"])
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
    except Exception:
        best = None
    if best is not None and best.encoding:
        enc = best.encoding
        repairs.append(f"detected:{enc}")
        return _finish(data.decode(enc, errors="replace"), _pretty(enc), repairs)
    repairs.append("fallback:windows-1252")
    return _finish(data.decode("cp1252", errors="replace"), "windows-1252", repairs)


_LATIN_TEXT_HIGH = re.compile("[\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u20ac\u0152\u0153]")


def _cp1252_plausible(data: bytes) -> bool:
    """Bytes that decode under windows-1252 to Latin letters and common punctuation (>= 90 %
    of the non-ASCII characters, and at most 20 % non-ASCII characters overall)."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    hi = [c for c in text if ord(c) > 0x7F]
    if not hi or len(hi) > 0.2 * len(text):
        return False
    return len(_LATIN_TEXT_HIGH.findall("".join(hi))) >= 0.9 * len(hi)


_ARABIC_RUN = re.compile("[\u0600-\u06ff\u0750-\u077f]+")


def _reads_as_arabic(text: str) -> bool:
    """Arabic-script words, not just Arabic letters (KOI8-R read as cp1256 is letters only).
    Judged on the Arabic runs alone, so HTML markup around them does not count."""
    from akhbar.arabic.langid import identify_language

    runs = _ARABIC_RUN.findall(text, 0, 400_000)[:3000]
    g = identify_language(" ".join(runs))
    return g.script == "Arab" and g.confidence >= 0.5


def _pretty(codec_name: str) -> str:
    n = codecs.lookup(codec_name).name
    return {"cp1256": "windows-1256", "cp1252": "windows-1252", "utf_8": "utf-8"}.get(n, n)


def _finish(text: str, encoding: str, repairs: list[str]) -> Decoded:
    fixed, more, _src = repair_mojibake(text)
    return Decoded(fixed, encoding, repairs + more)


# --- mojibake --------------------------------------------------------------------------------
# Characters a windows-1252 / latin-1 reading of a byte >= 0x80 can produce.
_CP1252_HIGH = "".join(
    bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0x100)
)
# ... and what a latin-1 reading gives (the C1 controls U+0080-U+009F).
_MOJI_RUN = re.compile("[\u0080-\u009f" + re.escape(_CP1252_HIGH) + "]+")
_QUICK = re.compile("[\u00c0-\u00ff][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]|[\u00c0-\u00ff]{2}")
_UTF8_MOJI = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")
_HAS_ARABIC = re.compile("[\u0600-\u06ff]")
_RESIDUE = re.compile("[\u00c0-\u00ff]")


def _to_bytes(run: str) -> bytes:
    """Inverse of a cp1252 reading, latin-1 for the five bytes cp1252 leaves undefined."""
    out = bytearray()
    for ch in run:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            out.append(ord(ch))  # U+0080-U+00FF as latin-1 (0x81, 0x8D, 0x8F, 0x90, 0x9D)
    return bytes(out)


def repair_mojibake(text: str) -> tuple[str, list[str], str | None]:
    """Repair text that was decoded with the wrong single-byte charset.

    Returns ``(text, repairs, source_encoding)``; ``source_encoding`` is the encoding the
    text really had ("utf-8" or "windows-1256"), or None when nothing was repaired.

    * windows-1256 read as latin-1/cp1252 (own rule)::

        "ÃÚáäÊ æÒÇÑÉ ÇáÕÍÉ" -> "أعلنت وزارة الصحة"   (repairs ["mojibake:windows-1256-as-latin-1"])

      Every run of cp1252-range characters is encoded back (cp1252, latin-1 for
      0x81/0x8D/0x8F/0x90/0x9D) and decoded as cp1256; taken only when the text has no
      Arabic yet, at least 4 such characters, and >= 80 % of them become Arabic letters.
      French text (é è à ç keep their code points in cp1256) is left alone.
    * UTF-8 read as cp1252/latin-1 (ftfy ``fix_encoding``)::

        "Ø§Ù„Ø­ÙƒÙˆÙ…Ø©" -> "الحكومة"   (repairs ["mojibake:utf-8-as-windows-1252"])

    Never raises.
    """
    # every mojibake of interest holds a character of U+00C0-U+00FF (UTF-8 lead byte 0xC3):
    # checked on the bytes first, which is much cheaper than a regex scan
    if text.isascii() or b"\xc3" not in text.encode("utf-8", "surrogatepass") or not _QUICK.search(text):
        return text, [], None
    # Two hypotheses, each tried when its pattern shows; the one that leaves the least
    # Latin-1 residue (U+00C0-U+00FF) wins, and only if it removes most of it.
    cands: list[tuple[int, str, list[str], str]] = []
    residue = len(_RESIDUE.findall(text))
    if len(_UTF8_MOJI.findall(text)) >= 2:  # UTF-8 read as a single-byte charset
        try:
            import ftfy

            fixed, expl = ftfy.fix_encoding_and_explain(text)
        except Exception:  # a repair library bug must not stop decoding
            fixed, expl = text, None
        if fixed != text and expl:
            enc = next((arg for step, arg in expl if step == "encode"), "windows-1252")
            enc = {"sloppy-windows-1252": "windows-1252"}.get(enc, enc)
            cands.append((len(_RESIDUE.findall(fixed)), fixed, [f"mojibake:utf-8-as-{enc}"], "utf-8"))
    if not _HAS_ARABIC.search(text):  # windows-1256 read as latin-1 / cp1252 (own rule)
        fixed = _cp1256_as_latin1(text)
        if fixed is not None:
            cands.append((len(_RESIDUE.findall(fixed)), fixed, ["mojibake:windows-1256-as-latin-1"], "windows-1256"))
    if not cands:
        return text, [], None
    best = min(cands, key=lambda c: c[0])
    if best[0] > 0.5 * residue:
        return text, [], None
    return best[1], best[2], best[3]


def _cp1256_as_latin1(text: str) -> str | None:
    """The text re-read as windows-1256, or None when that does not give Arabic."""
    runs = _MOJI_RUN.findall(text)
    n = sum(len(r) for r in runs)
    if n < 4:
        return None
    cand = {r: _to_bytes(r).decode("cp1256", errors="replace") for r in set(runs)}
    n_ar = sum(len(_ARABIC_LETTER.findall(cand[r])) for r in runs)
    if n_ar < 0.7 * n:
        return None
    fixed = _MOJI_RUN.sub(lambda m: cand[m.group(0)], text)
    return fixed if _reads_as_arabic(fixed) else None
