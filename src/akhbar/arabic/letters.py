"""Arabic-script letter, mark, control and digit tables.

Every table here is data with its source:

* Code point ranges and categories: The Unicode Standard 15.1, chapter 9.2 (Arabic) and
  the UCD (``unicodedata`` of the running Python).
* Bidi controls: Unicode Standard Annex #9 (UAX #9), section 2 "Explicit directional
  formatting characters" (LRE/RLE/PDF/LRO/RLO U+202A-U+202E, isolates U+2066-U+2069,
  implicit marks LRM U+200E, RLM U+200F, ALM U+061C).
* Persian/Urdu letter folding: the letters that Persian (ISIRI 9147 keyboard) and Urdu
  keyboards produce in place of the Arabic ones (CAMeL-Lab/camel_tools#117,
  meilisearch/charabia#382; case norm-persian-urdu-letters-in-arabic).
* Presentation forms: UCD compatibility decompositions (``<initial>``, ``<medial>``,
  ``<final>``, ``<isolated>``) of U+FB50-U+FDFF and U+FE70-U+FEFE, taken per character
  (case norm-presentation-forms-from-pdf).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib import resources

# --- character classes (regex bracket bodies, no brackets) ---------------------------

#: Arabic-script letters (general category L*), base and presentation blocks.
ARABIC_LETTERS = (
    "\u0620-\u063f\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff"
    "\u0750-\u077f\u0870-\u0887\u0889-\u088e\u08a0-\u08c9\ufb50-\ufbb1\ufbd3-\ufd3d"
    "\ufd50-\ufd8f\ufd92-\ufdc7\ufdf0-\ufdfb\ufe70-\ufe74\ufe76-\ufefc"
)
#: Arabic combining marks (harakat, tanwin, shadda, sukun, dagger alef, Quranic marks).
ARABIC_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u0898-\u089f\u08ca-\u08e1\u08e3-\u08ff"
#: Tatweel (kashida), U+0640: a stretching glyph, no letter.
TATWEEL = "\u0640"
#: Letters + marks + tatweel: what may sit inside one Arabic-script word.
ARABIC_WORD = ARABIC_LETTERS + ARABIC_MARKS + TATWEEL

#: Characters always deleted from stored text: ALM, LRM, RLM, LRE..RLO, LRI..PDI (UAX #9),
#: zero-width space U+200B, BOM / zero-width no-break space U+FEFF, tatweel U+0640.
DELETE_CONTROLS = "\u061c\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\u0640"
ZWNJ = "\u200c"
RLM = "\u200f"

#: Presentation-form blocks (Arabic Presentation Forms-A and -B).
PRESENTATION = "\ufb50-\ufdff\ufe70-\ufefe"

# --- Persian / Urdu letters folded to Arabic in Arabic text ---------------------------

#: Context-free folds applied to Arabic-language text only.  Word-final ی (U+06CC) is
#: decided separately (closed list, see ``alef_maqsura_words``).
PERSIAN_TO_ARABIC = {
    "\u06a9": "\u0643",  # ک KEHEH -> ك KAF
    "\u06aa": "\u0643",  # ڪ SWASH KAF -> ك
    "\u06c1": "\u0647",  # ہ HEH GOAL -> ه
    "\u06be": "\u0647",  # ھ HEH DOACHASHMEE -> ه
    "\u06d5": "\u0647",  # ە AE (Kurdish heh) -> ه
    "\u06c0": "\u0629",  # ۀ HEH WITH YEH ABOVE -> ة (word-final in Arabic typed on fa keyboards)
    "\u06c3": "\u0629",  # ۃ TEH MARBUTA GOAL -> ة
    "\u06cc": "\u064a",  # ی FARSI YEH -> ي (non-final; final handled by closed list)
}
FARSI_YEH = "\u06cc"

# --- search form ------------------------------------------------------------------------

#: Hamza-carrying and wasla alef forms folded to bare alef in the search form.
ALEF_FORMS = {"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
              "\u0672": "\u0627", "\u0673": "\u0627"}
SEARCH_LETTERS = {
    "\u0649": "\u064a",  # ى -> ي
    "\u0629": "\u0647",  # ة -> ه
    **PERSIAN_TO_ARABIC,
    "\u06c0": "\u0647",  # ۀ -> ه (as ة -> ه)
    "\u06c3": "\u0647",  # ۃ -> ه
    **ALEF_FORMS,
}
#: Arabic decimal and thousands separators (U+066B, U+066C) written as ASCII with digits="ascii".
DIGIT_SEPARATORS = {"\u066b": ".", "\u066c": ","}


def _ranges(body: str) -> list[tuple[int, int]]:
    out, i = [], 0
    while i < len(body):
        if i + 2 < len(body) and body[i + 1] == "-":
            out.append((ord(body[i]), ord(body[i + 2])))
            i += 3
        else:
            out.append((ord(body[i]), ord(body[i])))
            i += 1
    return out


def codepoints(body: str) -> list[int]:
    """All code points of a regex bracket body such as ``"\\u0600-\\u0605\\u061c"``."""
    return [c for a, b in _ranges(body) for c in range(a, b + 1)]


@lru_cache(maxsize=1)
def presentation_table() -> dict[int, str]:
    """Fold table for presentation forms: code point -> base letters (str, maybe empty).

    Per-character NFKC (UCD compatibility decomposition), with the tatweel and the space
    that the isolated/medial harakat forms U+FE70-U+FE7F decompose to removed, so that
    only the mark remains.  The Farsi yeh forms U+FBFC-U+FBFF become ی U+06CC, which the
    Persian-letter fold then decides by position (final: closed list; else ي).
    Characters without a decomposition (e.g. U+FD3E ornate parenthesis) are left alone.
    U+FEFF (BOM) is deleted.
    """
    table: dict[int, str] = {}
    for cp in codepoints(PRESENTATION):
        ch = chr(cp)
        if cp == 0xFEFF:
            table[cp] = ""
            continue
        if not unicodedata.decomposition(ch).startswith("<"):
            continue
        base = unicodedata.normalize("NFKC", ch)
        if base == ch:
            continue
        if 0xFE70 <= cp <= 0xFE7F:
            base = base.replace(" ", "").replace(TATWEEL, "")
        table[cp] = base
    return table


@lru_cache(maxsize=1)
def decimal_digit_table() -> dict[int, str]:
    """Every Unicode decimal digit (category Nd, BMP and SMP) -> its ASCII digit."""
    table: dict[int, str] = {}
    for cp in range(0x80, 0x20000):
        ch = chr(cp)
        if unicodedata.category(ch) == "Nd":
            table[cp] = str(unicodedata.decimal(ch))
    return table


@lru_cache(maxsize=1)
def alef_maqsura_words() -> frozenset[str]:
    """Closed list of undiacritized Arabic words that end in ى (U+0649).

    Source: ``akhbar/data/arabic_alef_maqsura_words.txt`` (SaudiNewsNet + ANT counts and a
    hand list; built by ``benchmarks/normalize_build_tables.py``).
    """
    text = resources.files("akhbar").joinpath("data/arabic_alef_maqsura_words.txt").read_text("utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))
