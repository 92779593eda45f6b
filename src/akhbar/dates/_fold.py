"""Text preparation for date matching, keeping a way back to the caller's offsets.

1. *Removal* (:class:`Folded`, applied to the input): characters that may sit inside a date
   without meaning anything: bidi controls (U+200B-U+200F, U+202A-U+202E, U+2060-U+2069,
   U+061C, U+FEFF), soft hyphen, tatweel (U+0640) and Arabic harakat (U+064B-U+065F,
   U+0670, U+06D6-U+06ED). When the text has none (the common case) nothing is allocated;
   otherwise a compact copy and an offset map are built. Example: ``"نُشر <RLM>١٥/٢"`` (an
   RLM, U+200F, before the number) → ``"نشر ١٥/٢"``, spans mapped back to the input.
2. *Per-code-point folding* (``FOLD``, length-preserving; applied to table entries and to
   matched names before dictionary look-up, never to whole texts): Arabic-Indic
   (U+0660-U+0669) and Persian (U+06F0-U+06F9) digits to ASCII, Persian yeh/kaf and alef
   maqsura to Arabic yeh/kaf, hamzated alefs to bare alef, taa marbuta and heh variants to
   heh, Unicode spaces to a space, dashes to ``-``: ``"تشرین"`` → ``"تشرين"``, ``"أغسطس"`` →
   ``"اغسطس"``.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

#: Arabic-Indic and Persian digits -> ASCII (Unicode blocks Arabic U+0660.., Arabic ext. U+06F0..).
DIGITS = {0x0660 + i: 0x30 + i for i in range(10)} | {0x06F0 + i: 0x30 + i for i in range(10)}

_LETTERS = {
    "\u06cc": "\u064a", "\u0649": "\u064a", "\u06d0": "\u064a",  # ی ى ې -> ي
    "\u06a9": "\u0643", "\u06aa": "\u0643",  # ک ڪ -> ك
    "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",  # أ إ آ ٱ -> ا
    "\u0629": "\u0647", "\u06c0": "\u0647", "\u06c1": "\u0647", "\u06be": "\u0647", "\u06d5": "\u0647",
    "\u00a0": " ", "\u2000": " ", "\u2001": " ", "\u2002": " ", "\u2003": " ", "\u2004": " ",
    "\u2005": " ", "\u2006": " ", "\u2007": " ", "\u2008": " ", "\u2009": " ", "\u200a": " ",
    "\u202f": " ", "\u205f": " ", "\u3000": " ", "\t": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u066b": ".", "\u066c": ",", "\u2044": "/", "\u2215": "/",
}
FOLD = {ord(k): v for k, v in _LETTERS.items()} | {k: chr(v) for k, v in DIGITS.items()}
_DIGITS_ONLY = {k: chr(v) for k, v in DIGITS.items()}
_FOLD_CHARS = {chr(k): v for k, v in FOLD.items()}
_FOLD_RE = re.compile("[" + re.escape("".join(_FOLD_CHARS)) + "]")


def _fold(s: str) -> str:
    """``s.translate(FOLD)``, faster on long Arabic text (split on the few folded chars)."""
    parts = _FOLD_RE.split(s)
    if len(parts) == 1:
        return s
    out = [parts[0]]
    for c, p in zip(_FOLD_RE.findall(s), parts[1:], strict=True):
        out.append(_FOLD_CHARS[c])
        out.append(p)
    return "".join(out)

REMOVABLE = re.compile(
    "[\u00ad\u0640\u064b-\u065f\u0670\u06d6-\u06ed\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]+"
)


def fold_digits(s: str) -> str:
    """Arabic-Indic (U+0660-9) and Persian (U+06F0-9) digits to ASCII, per code point.

    Length-preserving: ``"۲۰23/۰۸/١٥"`` → ``"2023/08/15"``. Other characters are untouched.
    """
    return s.translate(_DIGITS_ONLY)


def fold_name(s: str) -> str:
    """Fold a table entry the way input text is folded (NFC, removal, letter map, lower case)."""
    s = unicodedata.normalize("NFC", s)
    return _fold(REMOVABLE.sub("", s)).lower()


class Folded:
    """``text`` without removable marks plus the map from its offsets back to ``text`` offsets.

    ``folded`` is ``text`` with the removable characters deleted (the same object when there
    are none; letters and digits are not changed); ``orig(i)``
    gives the offset in the original for a folded offset ``i`` (start offsets), and
    ``orig_end(j)`` for an end offset (so a span never swallows trailing removed marks).
    """

    __slots__ = ("_shift", "_starts", "folded", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        if REMOVABLE.search(text) is None:
            self.folded = text
            self._starts: list[int] | None = None
            self._shift: list[int] = []
            return
        parts: list[str] = []
        starts: list[int] = []  # folded offset where each kept segment starts
        shift: list[int] = []  # original - folded offset within that segment
        pos = 0
        flen = 0
        for m in REMOVABLE.finditer(text):
            if m.start() > pos:
                starts.append(flen)
                shift.append(pos - flen)
                parts.append(text[pos : m.start()])
                flen += m.start() - pos
            pos = m.end()
        if pos < len(text):
            starts.append(flen)
            shift.append(pos - flen)
            parts.append(text[pos:])
        self.folded = "".join(parts)
        self._starts = starts
        self._shift = shift

    def orig(self, i: int) -> int:
        """Original offset of folded start offset ``i``."""
        if self._starts is None:
            return i
        k = bisect_right(self._starts, i) - 1
        return i + (self._shift[k] if k >= 0 else 0)

    def orig_end(self, j: int) -> int:
        """Original offset of folded end offset ``j`` (exclusive end)."""
        if self._starts is None or j == 0:
            return j
        end = self.orig(j - 1) + 1
        text = self.text
        while end < len(text) and ("\u064b" <= text[end] <= "\u065f" or text[end] == "\u0640"):
            end += 1  # keep harakat/tatweel that trail the last letter (مساءً)
        return end
