"""Character classes of the Arabic normalizer: character tuples and sets, precompiled patterns.

Pure data, built from the tables of ``akhbar.arabic.letters`` (code points and their sources:
The Unicode Standard 15.1 ch. 9.2, the UCD, UAX #9 for the bidi controls) and used by the step
chooser (``akhbar.arabic.stepchoice``), the steps (``akhbar.arabic.steps``,
``akhbar.arabic.spanmap``) and the display fast path of ``akhbar.arabic.normalize``.  Classes
first defined here:

* newline characters other than LF: the line boundaries of Python's ``str.splitlines``
  (CR, VT, FF, U+001C-U+001E, NEL U+0085, U+2028, U+2029);
* horizontal whitespace other than U+0020: ``str.isspace`` (UCD White_Space) minus newlines;
* common marks (harakat, tanwin, shadda, sukun: U+064B-U+0652, dagger alef U+0670) and the
  rarer marks (the rest of ``letters.ARABIC_MARKS``);
* the rare characters whose presence decides which steps a text needs (``RARE_CLASS``) and
  the characters some display step acts on (``DISPLAY_ACTS_ON``).
"""

from __future__ import annotations

import re

from akhbar.arabic import letters as L

_A = L.ARABIC_LETTERS
_AM = L.ARABIC_LETTERS + L.ARABIC_MARKS

# --- precompiled patterns and fast checks ---------------------------------------------
# Speed: every step is guarded by a cheap test (``in`` on str runs at GB/s; a regex search
# at ~100 MB/s), and the work itself uses str.replace / short regex subs, never a per
# character dict translate on the whole text (that runs at ~10 MB/s).
HAS_ARABIC_LETTER = re.compile(f"[{_A}]")
HAS_ARABIC_SCRIPT = re.compile(f"[{_A}{L.ARABIC_MARKS}\u0600-\u06ff]")
PRESENTATION_CHAR = re.compile(f"[{L.PRESENTATION}]")
PRESENTATION_RUN = re.compile(f"[{L.PRESENTATION}]+")
CONTROL_CHARS = tuple(chr(c) for c in L.codepoints(L.DELETE_CONTROLS))
CONTROLS = re.compile(f"[{L.DELETE_CONTROLS}]+")
# ZWNJ / RLM rules look at the neighbours of each run (patterns start with the literal, so
# the regex engine skips fast to them; the context test is a frozenset lookup).
AM_SET = frozenset(chr(c) for c in L.codepoints(_AM))
A_SET = frozenset(chr(c) for c in L.codepoints(_A))
RLM_RUN = re.compile("\u200f+")
ZWNJ_RUN = re.compile("\u200c+")
NEWLINE_CHARS = ("\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e")
NEWLINES = re.compile("\r\n?|[\u2028\u2029\x85\x0b\x0c\x1c-\x1e]")
# horizontal whitespace other than U+0020 (str.isspace, UCD White_Space, minus newlines)
OTHER_SPACE_CHARS = ("\t", "\x1f", "\u00a0", "\u1680", *(chr(c) for c in range(0x2000, 0x200B)),
                     "\u202f", "\u205f", "\u3000")
OTHER_SPACES = re.compile("[" + "".join(OTHER_SPACE_CHARS) + "]")
SPACES = re.compile(" {2,}")
NEWLINE_RUN = re.compile("\n{2,}")
PERSIAN_CHARS = tuple(L.PERSIAN_TO_ARABIC)
_AWF = "\u0610-\u061a\u0620-\u0669\u066e-\u06d3\u06d5-\u06ff\u0750-\u077f\u08a0-\u08ff"  # word chars, no punctuation
# a Farsi yeh at the end of a word (optionally followed by marks); the pattern starts with
# the literal so the engine skips fast; the word is read backwards in the callback
FINAL_YEH = re.compile(f"\u06cc(?=[{L.ARABIC_MARKS}]*(?![{_AWF}]))")
WORD_HEAD = re.compile(f"[{_AWF}]*")
MARKS_RE = re.compile(f"[{L.ARABIC_MARKS}{L.TATWEEL}]")
COMMON_MARKS = tuple(chr(c) for c in range(0x064B, 0x0653)) + ("\u0670",)  # harakat, tanwin, shadda, sukun, dagger alef
RARE_MARK_CHARS = tuple(chr(c) for c in L.codepoints(L.ARABIC_MARKS) if chr(c) not in COMMON_MARKS)
RARE_MARKS = re.compile("[" + "".join(RARE_MARK_CHARS) + "]+")
NONASCII_DIGITS = re.compile(r"[^\x00-\x7f\D]+")
ARABIC_DIGITS = re.compile("[\u0660-\u0669\u06f0-\u06f9]+")
PERSIAN_TABLE = str.maketrans(L.PERSIAN_TO_ARABIC)
SEARCH_REPLACE = tuple(L.SEARCH_LETTERS.items()) + tuple(L.DIGIT_SEPARATORS.items())
NON_SPACE_RUN = re.compile(r"[^ \n]+")
EDGE_SPACES = re.compile(r"\A +| +\Z")

# The characters whose presence decides which steps a text needs (newline forms, presentation
# forms, RLM, ZWNJ, deleted controls and tatweel, Persian/Urdu letters, harakat and other
# marks, horizontal whitespace other than U+0020): one regex scan collects those present
# (``stepchoice._rare_present``) instead of ~45 substring tests, each a full scan of a text
# that has none of them.
RARE_CLASS = (
    "".join(NEWLINE_CHARS) + L.PRESENTATION + L.ZWNJ + L.RLM + L.DELETE_CONTROLS + "".join(PERSIAN_CHARS)
    + "".join(COMMON_MARKS) + "".join(RARE_MARK_CHARS) + "".join(OTHER_SPACE_CHARS)
)
RARE_RUNS = re.compile(f"[{RARE_CLASS}]+")
#: the same plus every decimal digit (``\\d``: Unicode Nd, as ``str.isdecimal``)
RARE_OR_DIGIT_RUNS = re.compile(f"[{RARE_CLASS}\\d]+")
PRESENTATION_SET = frozenset(chr(c) for c in L.codepoints(L.PRESENTATION))

#: Any character that some display step acts on: newlines (LF included: display squeezes
#: LF runs), presentation forms, deleted controls and tatweel, ZWNJ, RLM, Persian/Urdu
#: letters, horizontal whitespace other than U+0020.
DISPLAY_ACTS_ON = re.compile(
    "[\n" + "".join(NEWLINE_CHARS) + L.PRESENTATION + L.DELETE_CONTROLS + L.ZWNJ + L.RLM
    + "".join(PERSIAN_CHARS) + "".join(OTHER_SPACE_CHARS) + "]"
)
