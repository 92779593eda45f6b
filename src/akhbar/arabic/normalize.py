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
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Literal

from akhbar.arabic import letters as L

Form = Literal["display", "search"]

_A = L.ARABIC_LETTERS
_AW = L.ARABIC_WORD  # letters + marks + tatweel
_AM = L.ARABIC_LETTERS + L.ARABIC_MARKS

# --- precompiled patterns -------------------------------------------------------------
_HAS_ARABIC_LETTER = re.compile(f"[{_A}]")
_HAS_ARABIC_SCRIPT = re.compile(f"[{_A}{L.ARABIC_MARKS}\u0600-\u06ff]")
_PRESENTATION = re.compile(f"[{L.PRESENTATION}]")
_CONTROLS = re.compile(f"[{L.DELETE_CONTROLS}]+")
_RLM_HALFSPACE = re.compile(f"(?<=[{_AM}])\u200f(?=[{_A}])")
_ZWNJ_RUN_INSIDE = re.compile(f"(?<=[{_AM}])\u200c{{2,}}(?=[{_A}])")
_ZWNJ_STRAY = re.compile(f"(?<=[{_AM}])\u200c+(?![{_AM}\u200c])|(?<![{_AM}\u200c])\u200c+(?=[{_AM}])")
_ZWNJ_ARABIC = re.compile(f"(?<=[{_AM}])\u200c+|\u200c+(?=[{_AM}])")
_NEWLINES = re.compile("\r\n?|[\u2028\u2029\x85]")
_HSPACE = "\t \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
# runs of 2+ horizontal spaces, or one that is not U+0020 (so single spaces are not touched)
_HSPACE_RUN = re.compile(f"[{_HSPACE}]{{2,}}|[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_SPACE_AROUND_NL = re.compile(" \n ?|\n ")
_WS_ANY = re.compile(r"\s{2,}|[^\S ]")
_WS_DISPLAY = re.compile(r"\s{2,}|[^\S \n]")
_PERSIAN_LETTERS = re.compile("[\u06a9\u06aa\u06c1\u06be\u06d5\u06c0\u06c3\u06cc]")
# a word that contains a final Farsi yeh (optionally followed by marks)
_FINAL_YEH_WORD = re.compile(f"[{_AW}]*\u06cc[{L.ARABIC_MARKS}{L.TATWEEL}]*(?![{_AW}])")
_MARKS_RE = re.compile(f"[{L.ARABIC_MARKS}{L.TATWEEL}]")

# --- translate tables -------------------------------------------------------------------
_PERSIAN_TABLE = str.maketrans(L.PERSIAN_TO_ARABIC)
_DIGITS_ARABIC = {0x0660 + i: str(i) for i in range(10)} | {0x06F0 + i: str(i) for i in range(10)}
_DISPLAY_DIGITS = str.maketrans({**_DIGITS_ARABIC, **{ord(k): v for k, v in L.DIGIT_SEPARATORS.items()}})
_SEARCH_TABLE: dict[int, str] | None = None


def _search_table() -> dict[int, str]:
    global _SEARCH_TABLE
    if _SEARCH_TABLE is None:
        t: dict[int, str] = {}
        t.update(L.lowercase_table())
        t.update(L.decimal_digit_table())
        t.update({ord(k): v for k, v in L.DIGIT_SEPARATORS.items()})
        t.update({cp: "" for cp in L.codepoints(L.ARABIC_MARKS)})
        t.update({ord(k): v for k, v in L.SEARCH_LETTERS.items()})
        t[0x200C] = ""
        _SEARCH_TABLE = t
    return _SEARCH_TABLE


def _collapse_display(m: re.Match[str]) -> str:
    """A whitespace run: one newline if it holds one, else one space."""
    return "\n" if "\n" in m.group(0) else " "


def _fold_final_yeh(m: re.Match[str]) -> str:
    """Word ending in ی: ى when the word is in the closed list, else ي (same length)."""
    w = m.group(0)
    i = w.rindex("\u06cc")
    key = _MARKS_RE.sub("", w[:i].translate(_PERSIAN_TABLE)) + "\u0649"
    return w[:i] + ("\u0649" if key in L.alef_maqsura_words() else "\u064a") + w[i + 1 :]


# --- step machinery ---------------------------------------------------------------------
# A step is ("tr", table) | ("re", pattern, repl) | ("nfc",) | ("strip",).  The fast path
# applies them with str.translate / pattern.sub; the mapped path applies the same steps
# while tracking, for each output character, its index in the input.

Repl = str | Callable[[re.Match[str]], str]


def _map_translate(text: str, m: list[int], table: dict[int, str]) -> tuple[str, list[int]]:
    out: list[str] = []
    nm: list[int] = []
    for ch, src in zip(text, m):
        r = table.get(ord(ch), ch)
        if r is None:
            continue
        if isinstance(r, int):
            r = chr(r)
        out.append(r)
        nm.extend([src] * len(r))
    return "".join(out), nm


def _map_sub(text: str, m: list[int], pat: re.Pattern[str], repl: Repl) -> tuple[str, list[int]]:
    out: list[str] = []
    nm: list[int] = []
    pos = 0
    for mt in pat.finditer(text):
        s, e = mt.span()
        out.append(text[pos:s])
        nm.extend(m[pos:s])
        r = repl(mt) if callable(repl) else repl
        out.append(r)
        if len(r) == e - s:
            nm.extend(m[s:e])
        else:
            nm.extend([m[s] if s < len(m) else m[-1]] * len(r))
        pos = e
    out.append(text[pos:])
    nm.extend(m[pos:])
    return "".join(out), nm


def _map_nfc(text: str, m: list[int]) -> tuple[str, list[int]]:
    if unicodedata.is_normalized("NFC", text):
        return text, m
    # clusters: a starter plus its following non-starters; merge neighbours that compose.
    clusters: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or unicodedata.combining(text[i]) == 0:
            clusters.append((start, i))
            start = i
    merged: list[tuple[int, int]] = []
    for c in clusters:
        if merged:
            a0, a1 = merged[-1]
            joined = unicodedata.normalize("NFC", text[a0 : c[1]])
            if joined != unicodedata.normalize("NFC", text[a0:a1]) + unicodedata.normalize("NFC", text[c[0] : c[1]]):
                merged[-1] = (a0, c[1])
                continue
        merged.append(c)
    out: list[str] = []
    nm: list[int] = []
    for a, b in merged:
        piece = unicodedata.normalize("NFC", text[a:b])
        out.append(piece)
        nm.extend(m[a : a + len(piece)] if len(piece) <= b - a else [m[a]] * len(piece))
    return "".join(out), nm


def _map_strip(text: str, m: list[int]) -> tuple[str, list[int]]:
    s = len(text) - len(text.lstrip())
    e = len(text.rstrip())
    if e <= s:
        return "", []
    return text[s:e], m[s:e]


# --- the pipeline -----------------------------------------------------------------------


def _steps_clean(text: str, spaces: bool = True) -> list[tuple]:
    """Steps of clean_text that this text needs (cheap checks decide); ``spaces``: add the
    line-preserving whitespace fixes."""
    steps: list[tuple] = []
    if "\r" in text or "\u2028" in text or "\u2029" in text or "\x85" in text:
        steps.append(("re", _NEWLINES, "\n"))
    if text.isascii():
        if spaces:
            steps.append(("re", _HSPACE_RUN, " "))
            steps.append(("re", _SPACE_AROUND_NL, "\n"))
        return steps
    if _PRESENTATION.search(text):
        steps.append(("tr", L.presentation_table()))
    steps.append(("nfc",))
    if "\u200f" in text:
        steps.append(("re", _RLM_HALFSPACE, "\u200c"))
    if _CONTROLS.search(text):
        steps.append(("re", _CONTROLS, ""))
    if "\u200c" in text:
        if "\u200c\u200c" in text:
            steps.append(("re", _ZWNJ_RUN_INSIDE, "\u200c"))
        steps.append(("re", _ZWNJ_STRAY, ""))
    if spaces:
        steps.append(("re", _HSPACE_RUN, " "))
        steps.append(("re", _SPACE_AROUND_NL, "\n"))
    return steps


def _steps_normalize(text: str, form: str, digits: str | None, lang: str | None) -> list[tuple]:
    if form not in ("display", "search"):
        raise ValueError(f"form must be 'display' or 'search', not {form!r}")
    if digits not in (None, "ascii", "keep"):
        raise ValueError(f"digits must be None, 'keep' or 'ascii', not {digits!r}")
    steps = _steps_clean(text, spaces=False)
    has_arabic = not text.isascii() and _HAS_ARABIC_SCRIPT.search(text) is not None
    probe = text
    if has_arabic and _PRESENTATION.search(text):
        probe = text.translate(L.presentation_table())
    if has_arabic and lang is None and (_PERSIAN_LETTERS.search(probe) or "\u200c" in probe):
        from akhbar.arabic.langid import identify_language

        lang = identify_language(probe).code
    if has_arabic and lang == "ar":
        if "\u200c" in probe:
            steps.append(("re", _ZWNJ_ARABIC, ""))
        if _PERSIAN_LETTERS.search(probe):
            if "\u06cc" in probe:
                steps.append(("re", _FINAL_YEH_WORD, _fold_final_yeh))
            steps.append(("tr", _PERSIAN_TABLE))
    if form == "search":
        steps.append(("tr", _search_table()))
        steps.append(("re", _WS_ANY, " "))
    else:
        steps.append(("re", _WS_DISPLAY, _collapse_display))
        if digits == "ascii":
            steps.append(("tr", _DISPLAY_DIGITS))
    steps.append(("strip",))
    return steps


def _run(text: str, steps: list[tuple]) -> str:
    for st in steps:
        kind = st[0]
        if kind == "tr":
            text = text.translate(st[1])
        elif kind == "re":
            text = st[1].sub(st[2], text)
        elif kind == "nfc":
            if not unicodedata.is_normalized("NFC", text):
                text = unicodedata.normalize("NFC", text)
        else:
            text = text.strip()
    return text


def _run_mapped(text: str, steps: list[tuple]) -> tuple[str, list[int]]:
    n = len(text)
    m = list(range(n))
    for st in steps:
        kind = st[0]
        if kind == "tr":
            text, m = _map_translate(text, m, st[1])
        elif kind == "re":
            text, m = _map_sub(text, m, st[1], st[2])
        elif kind == "nfc":
            text, m = _map_nfc(text, m)
        else:
            text, m = _map_strip(text, m)
    m.append(n)
    return text, m


# --- public API -------------------------------------------------------------------------


def clean_text(text: str) -> str:
    """Cheap, line-preserving cleaning of a whole decoded page (str -> str).

    NFC; presentation forms folded (per character, Farsi yeh forms -> ی); RLM between two
    Arabic letters turned into ZWNJ (Persian half-space), then bidi controls (U+061C,
    U+200E, U+200F, U+202A-U+202E, U+2066-U+2069), ZWSP U+200B, BOM U+FEFF and tatweel
    U+0640 deleted; ZWNJ kept only between two Arabic-script letters (a ZWNJ with no
    Arabic neighbour, e.g. in Indic text, is left alone); CR LF / CR / U+2028 / U+2029 /
    NEL become LF; runs of horizontal spaces become one space and spaces next to a newline
    are dropped.  Newlines are never collapsed, so line structure is kept.  ASCII-only text
    takes a fast path (only newline/space fixes).  Never raises on any str.
    """
    return _run(text, _steps_clean(text))


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
    return _run(text, _steps_normalize(text, form, digits, lang))


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
    return _run_mapped(text, _steps_normalize(text, form, digits, lang))


def map_span(offsets: list[int], span: tuple[int, int]) -> tuple[int, int]:
    """Map a normalized ``(start, end)`` span back to the original text: ``(offsets[s], offsets[e])``."""
    s, e = span
    return offsets[s], offsets[e]


def has_arabic_letters(text: str) -> bool:
    """True when ``text`` contains at least one Arabic-script letter."""
    return _HAS_ARABIC_LETTER.search(text) is not None
