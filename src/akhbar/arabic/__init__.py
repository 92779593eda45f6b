"""Arabic script knowledge: normalization, language identification, tokenization.

PLACEHOLDER (to be replaced by the full module of issue 4): the API below is fixed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_BIDI = dict.fromkeys(map(ord, "\u061c\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u0640"))
_FOLD = str.maketrans({"\u06a9": "\u0643", "\u06c1": "\u0647", "\u06c0": "\u0629", "\u06cc": "\u064a"})
_ALEF_MAQSURA_WORDS = {"علی": "على", "إلی": "إلى", "الی": "الى", "حتی": "حتى", "متی": "متى", "لدی": "لدى", "سوی": "سوى"}
_DIAC = re.compile("[\u064b-\u0652\u0670]")


@dataclass(slots=True)
class LanguageGuess:
    code: str
    script: str
    confidence: float


def normalize(text: str, form: str = "display", *, digits: str | None = None) -> str:
    t = unicodedata.normalize("NFC", text).translate(_BIDI)
    t = " ".join(_ALEF_MAQSURA_WORDS.get(w, w) for w in t.split(" "))
    t = t.translate(_FOLD)
    t = re.sub(r"[ \t\u00a0]+", " ", t).strip()
    if form == "search":
        t = _DIAC.sub("", t)
        t = t.translate(str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})).lower()
    return t


def identify_language(text: str) -> LanguageGuess:
    ar = sum(1 for c in text[:4000] if "\u0600" <= c <= "\u06ff")
    lat = sum(1 for c in text[:4000] if c.isascii() and c.isalpha())
    if ar >= lat:
        return LanguageGuess("ar", "Arab", 0.5)
    return LanguageGuess("en", "Latn", 0.5)
