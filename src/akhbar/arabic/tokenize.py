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
import sys
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=1)
def _mark_class() -> str:
    """Regex bracket body of all combining marks (UCD general category M*)."""
    parts: list[str] = []
    start = prev = None
    for cp in range(0x300, sys.maxunicode + 1):
        if unicodedata.category(chr(cp))[0] == "M":
            if start is None:
                start = prev = cp
            elif cp == prev + 1:
                prev = cp
            else:
                parts.append(_rng(start, prev))
                start = prev = cp
        elif cp > 0x1E94F and start is None:
            break
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
