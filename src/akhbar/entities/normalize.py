"""Character- and token-level normalization used by the entity recognizer and merger.

These rules are deliberately self-contained (they do not call ``akhbar.arabic.normalize``)
so that the trained model's features and the merge keys stay stable when the display
normalizer changes. All functions take and return ``str`` and never raise.

Rules and their sources:

- Search folding (``fold``): diacritics (U+064B..U+0652, U+0670) and tatweel removed;
  hamza-carrying alefs أ إ آ ٱ -> ا; alef maqsura ى -> ي; ta marbuta ة -> ه; Persian/Urdu
  letters folded to Arabic (ک -> ك, ی -> ي, ۀ/ہ -> ه, گ -> ك, پ -> ب, چ -> ج, ژ -> ز, ڤ -> ف).
  This is the usual Arabic IR normalization (Larkey, Ballesteros & Connell 2002, "light
  stemming"; the same folding as Lucene's ArabicNormalizer).
- Proclitics (``strip_proclitics``): the conjunctions و ف, the prepositions ب ل ك and the
  article ال (with ل + ال written لل), as listed in standard grammars (e.g. Ryding 2005,
  *A Reference Grammar of Modern Standard Arabic*, ch. 7) and used by light stemmers.

Examples (before -> after)::

    fold("إسرائيلى")            -> "اسرائيلي"
    fold("قيرغيزستان")          -> "قيرغيزستان"
    strip_proclitics("وكازاخستان", known={"كازاخستان"}) -> ("و", "كازاخستان")
    strip_proclitics("بالولايات")                       -> ("ب", "الولايات")
    strip_proclitics("للأمم")                           -> ("", "للأمم")   # ل+ال: see restore_article
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_INVISIBLE = dict.fromkeys(
    map(
        ord,
        "\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff",
    )
)
_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ک": "ك",
        "ی": "ي",
        "ۀ": "ه",
        "ہ": "ه",
        "ۃ": "ه",
        "گ": "ك",
        "پ": "ب",
        "چ": "ج",
        "ژ": "ز",
        "ڤ": "ف",
        "ڨ": "ق",
        "٠": "0",
        "١": "1",
        "٢": "2",
        "٣": "3",
        "٤": "4",
        "٥": "5",
        "٦": "6",
        "٧": "7",
        "٨": "8",
        "٩": "9",
    }
)

#: Arabic letters (U+0621..U+064A plus the Persian/Urdu letters folded above).
ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")


def fold(text: str) -> str:
    """Search-fold ``text`` (see module docstring); lowercases Latin; keeps spaces as they are."""
    t = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    t = _DIACRITICS.sub("", t)
    return t.translate(_FOLD).lower()


_WAW_FA = ("و", "ف")
_PREP = ("ب", "ل", "ك")


def strip_proclitics(
    token: str, known: Container[str] = frozenset(), *, min_rest: int = 2, keep: Container[str] | None = None
) -> tuple[str, str]:
    """Split leading proclitics off one (unfolded or folded) token: returns ``(clitics, rest)``.

    A clitic sequence is stripped when what remains starts with the article ال (so
    ``وبالولايات`` -> ``("وب", "الولايات")``) or when the
    remainder (folded) is in ``known`` while the whole token (folded) is not. ``known``
    is a set of folded entity words (gazetteer, names learned from training data, or
    entities seen elsewhere in the same document); ``keep`` (default: ``known``) is the set of
    whole words never split (``لبنان``, ``وليد``). Tokens are never reduced below
    ``min_rest`` letters. Never raises.
    """
    f = fold(token)
    if f in (known if keep is None else keep):
        return "", token
    best = ("", token)
    # candidate prefixes, longest first: (و|ف)? (ب|ل|ك)?
    for i in (2, 1):
        if len(token) - i < min_rest:
            continue
        pre = f[:i]
        if i == 2 and not (pre[0] in _WAW_FA and pre[1] in _PREP):
            continue
        if i == 1 and pre not in _WAW_FA + _PREP:
            continue
        rest_f = f[i:]
        if rest_f in known:
            return token[:i], token[i:]
        if rest_f.startswith("ال") and len(rest_f) >= 4:
            return token[:i], token[i:]
    return best


def restore_article(token_folded: str, known: Container[str] = frozenset()) -> str:
    """``"للامم"`` -> ``"الامم"``: ل + ال is written لل, so the article is restored in merge keys.

    Folded input and output; a token in ``known`` (e.g. ``لله``) or shorter than 5 letters
    is returned unchanged. The span of an entity keeps the whole token (``للأمم``): the
    article's alef is not in the text, so no substring spells ``الأمم``.
    """
    if token_folded.startswith("لل") and len(token_folded) >= 5 and token_folded not in known:
        return "ا" + token_folded[1:]
    return token_folded
