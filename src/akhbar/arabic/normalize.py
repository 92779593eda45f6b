"""Arabic-script normalization that never changes meaning, with offset maps.

Three entry points, all on ``str`` (offsets are in characters, i.e. code points):

``clean_text(text)``
    The cheap decode-time cleaning of a whole page, applied before anything else.  Keeps
    lines (newlines are never removed or added; CR LF / CR / U+2028 / U+2029 become LF).
    Examples::

        "\\u200fأعلنت الحكومة\\u200e"          -> "أعلنت الحكومة"      (bidi marks, UAX #9)
        "ﻣﺠﻠﺲ ﺍﻟﻮﺯﺭﺍﺀ"                       -> "مجلس الوزراء"       (presentation forms)
        "الحكـــومة"                        -> "الحكومة"            (tatweel)
        "می‌خواهد" (ZWNJ between letters)    -> unchanged

``normalize(text, "display")``
    Safe for showing and storing: ``clean_text`` plus, for Arabic text only, the Persian /
    Urdu letter fold (ک -> ك, ہ ھ -> ه, ۀ ۃ -> ة, ی -> ي, but word-final ی -> ى for words in
    a closed list), ZWNJ deleted in Arabic text, whitespace collapsed::

        "وزارة الخارجیة فی کابول بناء علی طلب"  -> "وزارة الخارجية في كابول بناء على طلب"
        "دولت می‌خواهد" (Persian)               -> unchanged

``normalize(text, "search")``
    For matching and indexing only, never shown: display form, then diacritics removed,
    أ إ آ ٱ -> ا, ى -> ي, ة -> ه, Persian letters folded whatever the language, ZWNJ
    removed, Latin lowercased, all decimal digits ASCII::

        "إلى المُسْتَشْفَى ٢٠٢٤" -> "الي المستشفي 2024"

``normalize_with_map`` returns the same string as ``normalize`` plus, for each output
index ``i``, the index in the input of the character it came from (length
``len(out) + 1``, the last entry being ``len(text)``), so spans survive normalization.

Rules and sources: see ``akhbar.arabic.letters``; issue 4 and the cases
norm-persian-urdu-letters-in-arabic, norm-presentation-forms-from-pdf,
norm-strip-bidi-controls, seg-zwnj-persian.  A ی is never mapped to ى outside the closed
list, ي is never mapped to ى, and ى is never mapped to ا.

The work is split by responsibility: ``akhbar.arabic.charclass`` (character classes),
``akhbar.arabic.stepchoice`` (which steps a text needs), ``akhbar.arabic.steps`` (the steps
and their fast path), ``akhbar.arabic.spanmap`` (the same steps with an offset map).  This
module holds the entry points, the cache for short strings and the display form's one-scan
"nothing to change" test.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Literal

from akhbar.arabic.charclass import DISPLAY_ACTS_ON, HAS_ARABIC_LETTER
from akhbar.arabic.spanmap import run_steps_mapped
from akhbar.arabic.stepchoice import steps_clean, steps_normalize
from akhbar.arabic.steps import run_steps

Form = Literal["display", "search"]


def clean_text(text: str) -> str:
    """Cheap, line-preserving cleaning of a whole decoded page (str -> str).

    NFC; presentation forms folded (per character, Farsi yeh forms -> ی); RLM between two
    Arabic letters turned into ZWNJ (Persian half-space), then bidi controls (U+061C,
    U+200E, U+200F, U+202A-U+202E, U+2066-U+2069), ZWSP U+200B, BOM U+FEFF and tatweel
    U+0640 deleted; ZWNJ kept only between two Arabic-script letters (a ZWNJ with no
    Arabic neighbour, e.g. in Indic text, is left alone); CR LF / CR / U+2028 / U+2029 /
    NEL / VT / FF / U+001C-U+001E become LF; runs of horizontal whitespace (tab, NBSP,
    U+2000-U+200A, ...) become one space, and spaces at the start or end of a line are
    dropped.  Newlines are never collapsed, so the line structure is kept (one LF in, one
    LF out).  NFC is applied last, since the deletions can bring a base letter and a mark
    together.  ASCII-only text takes a fast path (only newline/space fixes).  Speed: see
    ``benchmarks/normalize_bench.py`` (~100 MB/s of Arabic UTF-8 per core, CPU time).
    Never raises on any str.

    Soft hyphens and C1 controls are not touched: a mojibake repair needs them, and that
    runs in ``akhbar.page.decode`` before this.
    """
    return run_steps(text, steps_clean(text))


def normalize(
    text: str,
    form: str = "display",
    *,
    digits: str | None = None,
    lang: str | None = None,
) -> str:
    """Normalize Arabic-script text without changing its meaning (str -> str).

    ``form``: "display" (safe to show and store) or "search" (matching only).
    ``digits``: None/"keep" keeps digits as written in display form; "ascii" writes
    Arabic-Indic and Persian digits (and ٫ ٬) as ASCII.  The search form always writes all
    decimal digits as ASCII.
    ``lang``: the text's language if known ("ar" folds Persian/Urdu letters and deletes
    ZWNJ; "fa", "ur" and others keep them); None decides with ``identify_language`` (only
    when the text contains Persian letters or ZWNJ).  Pass the page language when
    normalizing short strings such as titles.

    Display whitespace: runs containing a newline become one "\\n", other runs one space,
    ends stripped.  Search whitespace: every run becomes one space.
    Raises ValueError for an unknown ``form`` or ``digits``.
    """
    if len(text) <= _CACHE_MAX_LEN:
        return _normalize_short(text, form, digits, lang)
    if form == "display" and (digits is None or digits == "keep") and _display_unchanged(text):
        return text
    return run_steps(text, steps_normalize(text, form, digits, lang))


def _display_unchanged(text: str) -> bool:
    """True when ``normalize(text, "display")`` (digits kept, any ``lang``) returns ``text``
    itself: no character any display step acts on (``DISPLAY_ACTS_ON``), no double space, no
    space at either end, already NFC. One regex scan instead of the ~50 substring tests that
    choosing the steps costs (a body paragraph of a page already cleaned by ``clean_text`` is
    the common case: ~3 us instead of ~13 us for 450 characters)."""
    return (
        DISPLAY_ACTS_ON.search(text) is None
        and "  " not in text
        and text[:1] != " "
        and text[-1:] != " "
        and unicodedata.is_normalized("NFC", text)
    )


_CACHE_MAX_LEN = 48  # characters: words and short names, which callers normalize one by one


@lru_cache(maxsize=65536)
def _normalize_short(text: str, form: str, digits: str | None, lang: str | None) -> str:
    return run_steps(text, steps_normalize(text, form, digits, lang))


def normalize_with_map(
    text: str,
    form: str = "display",
    *,
    digits: str | None = None,
    lang: str | None = None,
) -> tuple[str, list[int]]:
    """``normalize`` plus an offset map: ``(normalized, offsets)``.

    ``offsets[i]`` is the index in ``text`` of the character that produced
    ``normalized[i]``; ``len(offsets) == len(normalized) + 1`` and ``offsets[-1] ==
    len(text)``, so a normalized span ``(s, e)`` maps back to ``(offsets[s], offsets[e])``.
    Offsets are non-decreasing.  Slower than ``normalize`` (pure Python per character).
    """
    return run_steps_mapped(text, steps_normalize(text, form, digits, lang))


def map_span(offsets: list[int], span: tuple[int, int]) -> tuple[int, int]:
    """Map a normalized ``(start, end)`` span back to the original text: ``(offsets[s], offsets[e])``."""
    s, e = span
    return offsets[s], offsets[e]


def has_arabic_letters(text: str) -> bool:
    """True when ``text`` contains at least one Arabic-script letter."""
    return HAS_ARABIC_LETTER.search(text) is not None
