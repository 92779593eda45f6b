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
from functools import lru_cache
from typing import Literal

from akhbar.arabic import letters as L

Form = Literal["display", "search"]

_A = L.ARABIC_LETTERS
_AM = L.ARABIC_LETTERS + L.ARABIC_MARKS

# --- precompiled patterns and fast checks ---------------------------------------------
# Speed: every step is guarded by a cheap test (``in`` on str runs at GB/s; a regex search
# at ~100 MB/s), and the work itself uses str.replace / short regex subs, never a per
# character dict translate on the whole text (that runs at ~10 MB/s).
_HAS_ARABIC_LETTER = re.compile(f"[{_A}]")
_HAS_ARABIC_SCRIPT = re.compile(f"[{_A}{L.ARABIC_MARKS}\u0600-\u06ff]")
_PRESENTATION = re.compile(f"[{L.PRESENTATION}]")
_PRESENTATION_RUN = re.compile(f"[{L.PRESENTATION}]+")
_CONTROL_CHARS = tuple(chr(c) for c in L.codepoints(L.DELETE_CONTROLS))
_CONTROLS = re.compile(f"[{L.DELETE_CONTROLS}]+")
# ZWNJ / RLM rules look at the neighbours of each run (patterns start with the literal, so
# the regex engine skips fast to them; the context test is a frozenset lookup).
_AM_SET = frozenset(chr(c) for c in L.codepoints(_AM))
_A_SET = frozenset(chr(c) for c in L.codepoints(_A))
_RLM_RUN = re.compile("\u200f+")
_ZWNJ_RUN = re.compile("\u200c+")
_NEWLINE_CHARS = ("\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e")
_NEWLINES = re.compile("\r\n?|[\u2028\u2029\x85\x0b\x0c\x1c-\x1e]")
# horizontal whitespace other than U+0020 (str.isspace, UCD White_Space, minus newlines)
_OTHER_SPACE_CHARS = ("\t", "\x1f", "\u00a0", "\u1680", *(chr(c) for c in range(0x2000, 0x200B)),
                      "\u202f", "\u205f", "\u3000")
_OTHER_SPACES = re.compile("[" + "".join(_OTHER_SPACE_CHARS) + "]")
_SPACES = re.compile(" {2,}")
_NEWLINE_RUN = re.compile("\n{2,}")
_PERSIAN_CHARS = tuple(L.PERSIAN_TO_ARABIC)
_AWF = "\u0610-\u061a\u0620-\u0669\u066e-\u06d3\u06d5-\u06ff\u0750-\u077f\u08a0-\u08ff"  # word chars, no punctuation
# a Farsi yeh at the end of a word (optionally followed by marks); the pattern starts with
# the literal so the engine skips fast; the word is read backwards in the callback
_FINAL_YEH = re.compile(f"\u06cc(?=[{L.ARABIC_MARKS}]*(?![{_AWF}]))")
_WORD_HEAD = re.compile(f"[{_AWF}]*")
_MARKS_RE = re.compile(f"[{L.ARABIC_MARKS}{L.TATWEEL}]")
_COMMON_MARKS = tuple(chr(c) for c in range(0x064B, 0x0653)) + ("\u0670",)  # harakat, tanwin, shadda, sukun, dagger alef
_RARE_MARK_CHARS = tuple(chr(c) for c in L.codepoints(L.ARABIC_MARKS) if chr(c) not in _COMMON_MARKS)
_RARE_MARKS = re.compile("[" + "".join(_RARE_MARK_CHARS) + "]+")
_NONASCII_DIGITS = re.compile(r"[^\x00-\x7f\D]+")
_ARABIC_DIGITS = re.compile("[\u0660-\u0669\u06f0-\u06f9]+")
_PERSIAN_TABLE = str.maketrans(L.PERSIAN_TO_ARABIC)
_SEARCH_REPLACE = tuple(L.SEARCH_LETTERS.items()) + tuple(L.DIGIT_SEPARATORS.items())


def _has_presentation(text: str) -> bool:
    """Any U+FB50-U+FDFF / U+FE70-U+FEFE?  Checked on the UTF-8 bytes first: these code
    points start with byte 0xEF, which Arabic and Latin text rarely contain."""
    if b"\xef" not in text.encode("utf-8", "surrogatepass"):
        return False
    return _PRESENTATION.search(text) is not None


def _nfc(text: str) -> str:
    """NFC, line by line for the lines that need it (a newline never composes, so this
    equals NFC of the whole text, and is faster when few lines need work)."""
    if unicodedata.is_normalized("NFC", text):
        return text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not unicodedata.is_normalized("NFC", line):
            words = line.split(" ")  # a space never composes either
            for j, w in enumerate(words):
                if not unicodedata.is_normalized("NFC", w):
                    words[j] = unicodedata.normalize("NFC", w)
            lines[i] = " ".join(words)
    return "\n".join(lines)


def _squeeze(text: str, ch: str, pattern: re.Pattern[str]) -> str:
    """Runs of ``ch`` -> one ``ch``: str.replace (each pass halves the runs) for short runs,
    the regex when long runs exist (HTML indentation)."""
    two = ch + ch
    if two not in text:
        return text
    if ch * 4 in text:
        return pattern.sub(ch, text)
    while two in text:
        text = text.replace(two, ch)
    return text


def _translate_run(table: dict[int, str]) -> Callable[[re.Match[str]], str]:
    def f(m: re.Match[str]) -> str:
        return m.group(0).translate(table)

    return f


def _neighbours(m: re.Match[str]) -> tuple[str, str]:
    s, e = m.span()
    t = m.string
    return (t[s - 1] if s > 0 else ""), (t[e] if e < len(t) else "")


def _rlm_halfspace(m: re.Match[str]) -> str:
    """RLM between two Arabic-script letters is a Persian half-space: ZWNJ (else kept,
    the control deletion removes it)."""
    a, b = _neighbours(m)
    return "\u200c" if a in _AM_SET and b in _A_SET and a and b else m.group(0)


def _zwnj_clean(m: re.Match[str]) -> str:
    """ZWNJ run: one ZWNJ between two Arabic-script letters; deleted when exactly one side
    is Arabic script; left alone when neither side is (Indic scripts use it)."""
    a, b = _neighbours(m)
    ina, inb = (a in _AM_SET and a != ""), (b in _AM_SET and b != "")
    if ina and inb:
        return "\u200c"
    if ina or inb:
        return ""
    return m.group(0)


def _zwnj_arabic(m: re.Match[str]) -> str:
    """In Arabic text a ZWNJ next to an Arabic-script letter has no role: deleted."""
    a, b = _neighbours(m)
    return "" if (a and a in _AM_SET) or (b and b in _AM_SET) else m.group(0)


def _collapse_display(m: re.Match[str]) -> str:
    """A whitespace run: one newline if it holds one, else one space."""
    return "\n" if "\n" in m.group(0) else " "


class _DecimalDigitsLazy(dict):
    """``L.decimal_digit_table()`` filled on demand: the same mapping (Nd code points in
    U+0080-U+1FFFF -> ASCII digit) without building all of it (~10 ms per process, when the
    first page with a non-ASCII digit is search-normalized)."""

    def __missing__(self, cp: int) -> str:
        ch = chr(cp)
        if 0x80 <= cp < 0x20000 and unicodedata.category(ch) == "Nd":
            v = self[cp] = str(unicodedata.decimal(ch))
            return v
        raise KeyError(cp)  # str.translate keeps the character


_DECIMAL_DIGITS = _DecimalDigitsLazy()


def _ascii_digits(m: re.Match[str]) -> str:
    return m.group(0).translate(_DECIMAL_DIGITS)


@lru_cache(maxsize=1)
def _closed_list_pairs() -> frozenset[str]:
    """The two letters before the final ى of every closed-list word (a cheap pre-filter)."""
    return frozenset(w[-3:-1] for w in L.alef_maqsura_words())


def _fold_final_yeh(m: re.Match[str]) -> str:
    """Word-final ی: ى when its word is in the closed list, else ي (one character)."""
    s = m.start()
    pair = m.string[max(0, s - 2) : s].translate(_PERSIAN_TABLE)
    if len(pair) == 2 and pair not in _closed_list_pairs() and not _MARKS_RE.search(pair):
        return "\u064a"
    head = m.string[max(0, s - 40) : s][::-1]
    stem = head[: _WORD_HEAD.match(head).end()][::-1]  # type: ignore[union-attr]
    key = _MARKS_RE.sub("", stem.translate(_PERSIAN_TABLE)) + "\u0649"
    return "\u0649" if key in L.alef_maqsura_words() else "\u064a"


# --- step machinery ---------------------------------------------------------------------
# A step is one of
#   ("re", pattern, repl)     pattern.sub(repl, text); repl a str or a function
#   ("rep", old, new)         text.replace(old, new) (mapped like a literal regex)
#   ("tr", table)             text.translate(table) (only on short texts / rare cases)
#   ("trsub", pattern, table) translate only the runs that pattern finds
#   ("squeeze", ch, pattern) runs of ch -> one ch (mapped with pattern)
#   ("spaces",)               horizontal whitespace collapse (see _collapse_spaces)
#   ("lower",)                text.lower() after İ -> i and Σ -> σ (so it is per character)
#   ("nfc",) / ("strip",)
# The fast path applies them with C string methods; the mapped path applies the same steps
# while tracking, for each output character, its index in the input.

Repl = str | Callable[[re.Match[str]], str]
_LITERAL_RE: dict[str, re.Pattern[str]] = {}


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


def _map_trsub(text: str, m: list[int], pat: re.Pattern[str], table: dict[int, str]) -> tuple[str, list[int]]:
    """Translate (per character, so the map stays exact) only the runs ``pat`` finds."""
    out: list[str] = []
    nm: list[int] = []
    pos = 0
    for mt in pat.finditer(text):
        s, e = mt.span()
        out.append(text[pos:s])
        nm.extend(m[pos:s])
        piece, pm = _map_translate(mt.group(0), m[s:e], table)
        out.append(piece)
        nm.extend(pm)
        pos = e
    out.append(text[pos:])
    nm.extend(m[pos:])
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
            nm.extend([m[s] if s < len(m) else (m[-1] if m else 0)] * len(r))
        pos = e
    out.append(text[pos:])
    nm.extend(m[pos:])
    return "".join(out), nm


_NON_SPACE_RUN = re.compile(r"[^ \n]+")


def _map_nfc(text: str, m: list[int]) -> tuple[str, list[int]]:
    if unicodedata.is_normalized("NFC", text):
        return text, m
    out: list[str] = []
    nm: list[int] = []
    pos = 0
    for mt in _NON_SPACE_RUN.finditer(text):  # a space or newline never composes
        s, e = mt.span()
        w = mt.group(0)
        if unicodedata.is_normalized("NFC", w):
            continue
        out.append(text[pos:s])
        nm.extend(m[pos:s])
        piece, pm = _map_nfc_word(w, m[s:e])
        out.append(piece)
        nm.extend(pm)
        pos = e
    out.append(text[pos:])
    nm.extend(m[pos:])
    return "".join(out), nm


def _map_nfc_word(text: str, m: list[int]) -> tuple[str, list[int]]:
    """NFC of one word with its map: clusters (a starter and its non-starters), merged
    with the previous cluster when they compose."""
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


def _lower(text: str) -> str:
    if "\u0130" in text:
        text = text.replace("\u0130", "i")
    if "\u03a3" in text:
        text = text.replace("\u03a3", "\u03c3")
    return text.lower()


def _map_lower(text: str, m: list[int]) -> tuple[str, list[int]]:
    out: list[str] = []
    nm: list[int] = []
    for ch, src in zip(text, m):
        r = "i" if ch == "\u0130" else "\u03c3" if ch == "\u03a3" else ch.lower()
        out.append(r)
        nm.extend([src] * len(r))
    return "".join(out), nm


# --- the pipeline -----------------------------------------------------------------------


_EDGE_SPACES = re.compile(r"\A +| +\Z")


def _space_steps(text: str, display_newlines: bool) -> list[tuple]:
    """Whitespace steps: horizontal whitespace runs -> one space, none at a line's start or
    end; with ``display_newlines`` also runs of newlines -> one.  (Newline characters other
    than LF were turned into LF before.)"""
    steps: list[tuple] = [("spaces",)]
    if display_newlines:
        steps.append(("squeeze", "\n", _NEWLINE_RUN))
    return steps


def _collapse_spaces(text: str) -> str:
    """Fast path of the ("spaces",) step: per line, str.split() + " ".join.

    Each substring test is made once: squeezing space runs never creates a " \\n" or "\\n " that
    was not there, nor does replacing " \\n" create a "\\n " (on Arabic text each test is a scan
    of ~2 ns per character)."""
    dbl = "  " in text
    sp_nl = " \n" in text
    nl_sp = "\n " in text
    other = any(c in text for c in _OTHER_SPACE_CHARS)
    if not (dbl or sp_nl or nl_sp or other) and text[:1] != " " and text[-1:] != " ":
        return text
    if not other:
        # U+0020 only: squeeze runs, then drop spaces next to a newline or at either end
        if dbl:
            if "    " in text:
                text = _SPACES.sub(" ", text)
            while "  " in text:
                text = text.replace("  ", " ")
        if sp_nl:
            text = text.replace(" \n", "\n")
        if nl_sp:
            text = text.replace("\n ", "\n")
        if text[:1] == " ":
            text = text[1:]
        if text[-1:] == " ":
            text = text[:-1]
        return text
    if "\n" not in text:
        return " ".join(text.split())
    return "\n".join([" ".join(line.split()) for line in text.split("\n")])


#: Mapped equivalent of ("spaces",): the same result through regex steps.
_SPACES_MAPPED: tuple[tuple, ...] = (
    ("re", _OTHER_SPACES, " "),
    ("re", _SPACES, " "),
    ("rep", " \n", "\n"),
    ("rep", "\n ", "\n"),
    ("re", _EDGE_SPACES, ""),
)


# The characters whose presence decides which steps a text needs (newline forms, presentation
# forms, RLM, ZWNJ, deleted controls and tatweel, Persian/Urdu letters, harakat and other
# marks, horizontal whitespace other than U+0020): one regex scan collects those present (``_rare_present``) instead of ~45 substring
# tests, each a full scan of a text that has none of them.
_RARE_CLASS = (
    "".join(_NEWLINE_CHARS) + L.PRESENTATION + L.ZWNJ + L.RLM + L.DELETE_CONTROLS + "".join(_PERSIAN_CHARS)
    + "".join(_COMMON_MARKS) + "".join(_RARE_MARK_CHARS) + "".join(_OTHER_SPACE_CHARS)
)
_RARE_RUNS = re.compile(f"[{_RARE_CLASS}]+")
#: the same plus every decimal digit (``\\d``: Unicode Nd, as ``str.isdecimal``)
_RARE_OR_DIGIT_RUNS = re.compile(f"[{_RARE_CLASS}\\d]+")
_PRESENTATION_SET = frozenset(chr(c) for c in L.codepoints(L.PRESENTATION))


def _rare_present(text: str, digits: bool = False) -> frozenset[str]:
    """The ``_RARE_CLASS`` characters of ``text`` (with ``digits``: also its decimal digits)."""
    runs = (_RARE_OR_DIGIT_RUNS if digits else _RARE_RUNS).findall(text)
    return frozenset("".join(runs)) if runs else frozenset()


def _has_nonascii_digit(present: frozenset[str]) -> bool:
    """Whether ``present`` (from ``_rare_present(..., digits=True)``) holds a non-ASCII decimal digit,
    i.e. whether ``_NONASCII_DIGITS`` can match the text."""
    return any(c.isdecimal() and not c.isascii() for c in present)


def _steps_clean(text: str, spaces: bool = True, present: frozenset[str] | None = None) -> list[tuple]:
    """Steps of clean_text that this text needs (cheap checks decide); ``spaces``: add the
    line-preserving whitespace fixes; ``present``: ``_rare_present(text)`` of a non-ASCII text,
    if the caller has it (``_steps_normalize``)."""
    steps: list[tuple] = []
    if present is None:
        # a whole page: ~25 substring tests are cheaper than collecting the rare characters
        if any(c in text for c in _NEWLINE_CHARS):
            steps.append(("re", _NEWLINES, "\n"))
        if text.isascii():
            if spaces:
                steps.extend(_space_steps(text, False))
            return steps
        has_presentation = _has_presentation(text)
        rlm = "\u200f" in text
        controls = [c for c in _CONTROL_CHARS if c in text]
        zwnj = "\u200c" in text
    else:
        if not present.isdisjoint(_NEWLINE_CHARS):
            steps.append(("re", _NEWLINES, "\n"))
        has_presentation = not present.isdisjoint(_PRESENTATION_SET)
        rlm = "\u200f" in present
        controls = [c for c in _CONTROL_CHARS if c in present]
        zwnj = "\u200c" in present
    if has_presentation:
        steps.append(("trsub", _PRESENTATION_RUN, L.presentation_table()))
    if rlm:
        steps.append(("re", _RLM_RUN, _rlm_halfspace))
    if len(controls) > 3:
        steps.append(("re", _CONTROLS, ""))
    else:
        steps.extend(("rep", c, "") for c in controls)
    if zwnj or rlm:
        steps.append(("re", _ZWNJ_RUN, _zwnj_clean))
    steps.append(("nfc",))  # after the deletions, which can bring a base and a mark together
    if spaces:
        steps.extend(_space_steps(text, False))
    return steps


def _steps_normalize(text: str, form: str, digits: str | None, lang: str | None) -> list[tuple]:
    if form not in ("display", "search"):
        raise ValueError(f"form must be 'display' or 'search', not {form!r}")
    if digits not in (None, "ascii", "keep"):
        raise ValueError(f"digits must be None, 'keep' or 'ascii', not {digits!r}")
    if text.isascii():
        # no Arabic script: only the newline, whitespace and (search) case steps apply
        steps = _steps_clean(text, spaces=False)
        has_arabic = False
        probe = text
        present = pp = frozenset()
    else:
        present = _rare_present(text, digits=form == "search")
        steps = _steps_clean(text, spaces=False, present=present)
        has_arabic = _HAS_ARABIC_SCRIPT.search(text) is not None
        probe = text
        pp = present  # the rare characters of probe
        if has_arabic and any(st[0] == "trsub" for st in steps):
            probe = text.translate(L.presentation_table())
            pp = _rare_present(probe, digits=form == "search")
    persian = has_arabic and not pp.isdisjoint(_PERSIAN_CHARS)
    if has_arabic and lang is None and (persian or "\u200c" in pp):
        from akhbar.arabic.langid import identify_language

        lang = identify_language(probe).code
    if has_arabic and lang == "ar":
        if "\u200c" in pp or "\u200f" in pp:  # an RLM half-space became a ZWNJ
            steps.append(("re", _ZWNJ_RUN, _zwnj_arabic))
        if persian:
            if "\u06cc" in pp:
                steps.append(("re", _FINAL_YEH, _fold_final_yeh))
            steps.extend(("rep", a, b) for a, b in L.PERSIAN_TO_ARABIC.items() if a in pp)
    if form == "search" and not text.isascii() and present.isdisjoint(_OTHER_SPACE_CHARS):
        # only U+0020 and LF: the search steps below (LF -> space, squeeze, strip) leave every
        # whitespace run one space, as they would after the line-preserving collapse
        pass
    else:
        steps.extend(_space_steps(text, form == "display"))
    if form == "search":
        if has_arabic:
            steps.extend(("rep", c, "") for c in _COMMON_MARKS if c in pp)
            if not pp.isdisjoint(_RARE_MARK_CHARS):
                steps.append(("re", _RARE_MARKS, ""))
            steps.extend(("rep", a, b) for a, b in _SEARCH_REPLACE)  # each guarded by ``in``
        steps.append(("rep", "\u200c", ""))  # ZWNJ: no role when matching (any script)
        steps.append(("lower",))
        # no step before this one makes or removes a non-ASCII decimal digit (presentation forms,
        # NFC and lower() never yield one; tests/test_fastpaths.py), so the text's digits decide
        if text.isascii() or _has_nonascii_digit(pp):
            steps.append(("re", _NONASCII_DIGITS, _ascii_digits))
        steps.append(("rep", "\n", " "))
        steps.append(("squeeze", " ", _SPACES))
    elif digits == "ascii" and has_arabic:
        steps.append(("re", _ARABIC_DIGITS, _ascii_digits))
        steps.extend(("rep", a, b) for a, b in L.DIGIT_SEPARATORS.items())
    if form == "search" or (has_arabic and lang == "ar"):
        steps.append(("nfc",))  # letter folds can make composable pairs (ي + hamza above)
    steps.append(("strip",))
    return steps


def _run(text: str, steps: list[tuple]) -> str:
    for st in steps:
        kind = st[0]
        if kind == "rep":
            if st[1] in text:
                text = text.replace(st[1], st[2])
        elif kind == "re":
            text = st[1].sub(st[2], text)
        elif kind == "tr":
            text = text.translate(st[1])
        elif kind == "lower":
            text = _lower(text)
        elif kind == "spaces":
            text = _collapse_spaces(text)
        elif kind == "squeeze":
            text = _squeeze(text, st[1], st[2])
        elif kind == "trsub":
            text = st[1].sub(_translate_run(st[2]), text)
        elif kind == "nfc":
            text = _nfc(text)
        else:
            text = text.strip()
    return text


def _run_mapped(text: str, steps: list[tuple]) -> tuple[str, list[int]]:
    n = len(text)
    m = list(range(n))
    expanded: list[tuple] = []
    for st in steps:
        expanded.extend(_SPACES_MAPPED if st[0] == "spaces" else (st,))
    for st in expanded:
        kind = st[0]
        if kind == "rep":
            if st[1] in text:
                pat = _LITERAL_RE.get(st[1])
                if pat is None:
                    pat = _LITERAL_RE.setdefault(st[1], re.compile(re.escape(st[1])))
                text, m = _map_sub(text, m, pat, st[2])
        elif kind == "re":
            text, m = _map_sub(text, m, st[1], st[2])
        elif kind == "squeeze":
            text, m = _map_sub(text, m, st[2], st[1])
        elif kind == "trsub":
            text, m = _map_trsub(text, m, st[1], st[2])
        elif kind == "tr":
            text, m = _map_translate(text, m, st[1])
        elif kind == "lower":
            text, m = _map_lower(text, m)
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
    if len(text) <= _CACHE_MAX_LEN:
        return _normalize_short(text, form, digits, lang)
    if form == "display" and (digits is None or digits == "keep") and _display_unchanged(text):
        return text
    return _run(text, _steps_normalize(text, form, digits, lang))


#: Any character that some display step acts on: newlines (LF included: display squeezes
#: LF runs), presentation forms, deleted controls and tatweel, ZWNJ, RLM, Persian/Urdu
#: letters, horizontal whitespace other than U+0020.
_DISPLAY_ACTS_ON = re.compile(
    "[\n" + "".join(_NEWLINE_CHARS) + L.PRESENTATION + L.DELETE_CONTROLS + L.ZWNJ + L.RLM
    + "".join(_PERSIAN_CHARS) + "".join(_OTHER_SPACE_CHARS) + "]"
)


def _display_unchanged(text: str) -> bool:
    """True when ``normalize(text, "display")`` (digits kept, any ``lang``) returns ``text``
    itself: no character any display step acts on (``_DISPLAY_ACTS_ON``), no double space, no
    space at either end, already NFC. One regex scan instead of the ~50 substring tests that
    choosing the steps costs (a body paragraph of a page already cleaned by ``clean_text`` is
    the common case: ~3 us instead of ~13 us for 450 characters)."""
    return (
        _DISPLAY_ACTS_ON.search(text) is None
        and "  " not in text
        and text[:1] != " "
        and text[-1:] != " "
        and unicodedata.is_normalized("NFC", text)
    )


_CACHE_MAX_LEN = 48  # characters: words and short names, which callers normalize one by one


@lru_cache(maxsize=65536)
def _normalize_short(text: str, form: str, digits: str | None, lang: str | None) -> str:
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
