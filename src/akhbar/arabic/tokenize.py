"""Word tokenization with character spans, for Arabic-script and other text.

Rules (case seg-zwnj-persian; alpheios-project/alpheios-core#491, fnl/syntok#18):

* a word is a run of letters, digits and combining marks (any script), so diacritized
  Arabic (``المُسْتَشْفَى``) and tatweel-stretched words stay whole;
* a ZWNJ (U+200C) or ZWJ (U+200D) between two word characters joins them, so Persian
  ``می‌خواهد`` and ``قیمت‌ها`` are one token each;
* an apostrophe between two Latin letters joins them (``l'État``, ``don't``);
* numbers keep their inner decimal/thousands separators (``2,500.75``, ``٣٫٥``);
* every other non-space character (punctuation, symbols) is a token of its own.

Example::

    tokenize("دولت می‌خواهد، قیمت‌ها!")
    -> [("دولت", (0, 4)), ("می‌خواهد", (5, 13)), ("،", (13, 14)), ("قیمت‌ها", (15, 22)), ("!", (22, 23))]
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Blocks scanned for combining marks: Latin, Greek, Cyrillic, Hebrew, Arabic, Syriac, Thaana,
#: N'Ko, Indic, ... up to U+1FFF, combining marks for symbols, variation selectors and
#: half marks.  (Marks of supplementary-plane scripts are not word characters here.)
_MARK_BLOCKS = ((0x0300, 0x1FFF), (0x20D0, 0x20FF), (0x302A, 0x302F), (0x3099, 0x309A), (0xA66F, 0xA6F1),
                (0xA802, 0xABED), (0xFB1E, 0xFB1E), (0xFE00, 0xFE0F), (0xFE20, 0xFE2F))


@lru_cache(maxsize=1)
def _mark_class() -> str:
    """Regex bracket body of the combining marks (UCD general category M*) in _MARK_BLOCKS."""
    parts: list[str] = []
    for lo, hi in _MARK_BLOCKS:
        start = prev = None
        for cp in range(lo, hi + 1):
            if unicodedata.category(chr(cp))[0] == "M":
                if start is not None and cp == prev + 1:
                    prev = cp
                    continue
                if start is not None:
                    parts.append(_rng(start, prev))
                start = prev = cp
        if start is not None:
            parts.append(_rng(start, prev))
    return "".join(parts)


def _rng(a: int, b: int | None) -> str:
    b = a if b is None else b
    return f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}"


@lru_cache(maxsize=1)
def _token_re() -> re.Pattern[str]:
    m = _mark_class()
    wc = f"(?:[^\\W_]|[{m}\u0640])"
    digit_sep = "[.,\u066b\u066c]"
    number = f"\\d+(?:{digit_sep}\\d+)*"
    word = f"{wc}+(?:(?:[\u200c\u200d]+|['\u2019](?=[A-Za-z\u00c0-\u024f])){wc}+)*"
    return re.compile(f"{number}(?![^\\W\\d_])|{word}|[^\\s\u200c\u200d]")


def tokenize(text: str, *, punctuation: bool = True) -> list[tuple[str, tuple[int, int]]]:
    """Split ``text`` into tokens: ``[(token, (start, end)), ...]`` with character offsets.

    ``punctuation=False`` drops tokens that hold no letter or digit.  Whitespace, ZWNJ and
    ZWJ outside words are never tokens.  Never raises.
    """
    out = []
    for mt in _token_re().finditer(text):
        tok = mt.group(0)
        if not punctuation and len(tok) == 1 and not tok.isalnum():
            continue
        out.append((tok, mt.span()))
    return out
