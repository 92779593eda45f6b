"""The normalization steps and their fast path (``run_steps``).

A step is one of::

    ("re", pattern, repl)     pattern.sub(repl, text); repl a str or a function
    ("rep", old, new)         text.replace(old, new) (mapped like a literal regex)
    ("tr", table)             text.translate(table) (only on short texts / rare cases)
    ("trsub", pattern, table) translate only the runs that pattern finds
    ("squeeze", ch, pattern)  runs of ch -> one ch (mapped with pattern)
    ("spaces",)               horizontal whitespace collapse (see _collapse_spaces)
    ("lower",)                text.lower() after İ -> i and Σ -> σ (so it is per character)
    ("nfc",) / ("strip",)

``akhbar.arabic.stepchoice`` chooses the steps a text needs; ``run_steps`` applies them with C
string methods; ``akhbar.arabic.spanmap`` applies the same steps while tracking, for each output
character, its index in the input.  Speed: every step is guarded by a cheap test (``in`` on str
runs at GB/s; a regex search at ~100 MB/s), and the work itself uses str.replace / short regex
subs, never a per character dict translate on the whole text (that runs at ~10 MB/s).

Also here: the replacement callbacks the chooser puts into ``("re", ...)`` steps (RLM
half-space and ZWNJ rules, word-final Farsi yeh decided by the closed list of
``letters.alef_maqsura_words``, decimal digits to ASCII by the UCD ``Nd`` category).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from akhbar.arabic import letters as L
from akhbar.arabic.charclass import (
    A_SET,
    AM_SET,
    MARKS_RE,
    OTHER_SPACE_CHARS,
    PERSIAN_TABLE,
    SPACES,
    WORD_HEAD,
)


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


def rlm_halfspace(m: re.Match[str]) -> str:
    """RLM between two Arabic-script letters is a Persian half-space: ZWNJ (else kept,
    the control deletion removes it)."""
    a, b = _neighbours(m)
    return "\u200c" if a in AM_SET and b in A_SET and a and b else m.group(0)


def zwnj_clean(m: re.Match[str]) -> str:
    """ZWNJ run: one ZWNJ between two Arabic-script letters; deleted when exactly one side
    is Arabic script; left alone when neither side is (Indic scripts use it)."""
    a, b = _neighbours(m)
    ina, inb = (a in AM_SET and a != ""), (b in AM_SET and b != "")
    if ina and inb:
        return "\u200c"
    if ina or inb:
        return ""
    return m.group(0)


def zwnj_arabic(m: re.Match[str]) -> str:
    """In Arabic text a ZWNJ next to an Arabic-script letter has no role: deleted."""
    a, b = _neighbours(m)
    return "" if (a and a in AM_SET) or (b and b in AM_SET) else m.group(0)


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


def ascii_digits(m: re.Match[str]) -> str:
    return m.group(0).translate(_DECIMAL_DIGITS)


@lru_cache(maxsize=1)
def _closed_list_pairs() -> frozenset[str]:
    """The two letters before the final ى of every closed-list word (a cheap pre-filter)."""
    return frozenset(w[-3:-1] for w in L.alef_maqsura_words())


def fold_final_yeh(m: re.Match[str]) -> str:
    """Word-final ی: ى when its word is in the closed list, else ي (one character)."""
    s = m.start()
    pair = m.string[max(0, s - 2) : s].translate(PERSIAN_TABLE)
    if len(pair) == 2 and pair not in _closed_list_pairs() and not MARKS_RE.search(pair):
        return "\u064a"
    head = m.string[max(0, s - 40) : s][::-1]
    stem = head[: WORD_HEAD.match(head).end()][::-1]  # type: ignore[union-attr]
    key = MARKS_RE.sub("", stem.translate(PERSIAN_TABLE)) + "\u0649"
    return "\u0649" if key in L.alef_maqsura_words() else "\u064a"


def _lower(text: str) -> str:
    if "\u0130" in text:
        text = text.replace("\u0130", "i")
    if "\u03a3" in text:
        text = text.replace("\u03a3", "\u03c3")
    return text.lower()


def _collapse_spaces(text: str) -> str:
    """Fast path of the ("spaces",) step: per line, str.split() + " ".join.

    Each substring test is made once: squeezing space runs never creates a " \\n" or "\\n " that
    was not there, nor does replacing " \\n" create a "\\n " (on Arabic text each test is a scan
    of ~2 ns per character)."""
    dbl = "  " in text
    sp_nl = " \n" in text
    nl_sp = "\n " in text
    other = any(c in text for c in OTHER_SPACE_CHARS)
    if not (dbl or sp_nl or nl_sp or other) and text[:1] != " " and text[-1:] != " ":
        return text
    if not other:
        # U+0020 only: squeeze runs, then drop spaces next to a newline or at either end
        if dbl:
            if "    " in text:
                text = SPACES.sub(" ", text)
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


def run_steps(text: str, steps: list[tuple]) -> str:
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
