"""Fast paths added for speed give exactly the results of the code paths they short-cut.

Each test compares a fast path with the general computation on random strings built from the
characters the rules care about (Arabic letters, marks, controls, Persian letters, odd spaces).
"""

from __future__ import annotations

import importlib
import random

from akhbar.arabic import charclass as C
from akhbar.arabic import letters as L
from akhbar.arabic import spanmap as M
from akhbar.arabic import stepchoice as P
from akhbar.arabic import steps as S

N = importlib.import_module("akhbar.arabic.normalize")

_LETTERS = "ابتثجحخدذرسشصضطظعغفقكلمنهوي ءأإآةى"
_SPECIAL = [
    "\u0651", "\u064b", "\u0654", "\u0653", "\u0640", "\u200c", "\u200f", "\u200e", "\ufeff", "\u06cc",
    "\u06a9", "\u06c0", "\ufe8d", "\ufb50", "\u00a0", "\t", "\n", "\r", "\u2028", "\u0670", "  ", "\x1c",
    "\u3000", "e\u0301", "\u0627\u0653", " ", "،", "٣", "۳", "a", "Z",
]


def _random_text(rng: random.Random, n: int, rate: float) -> str:
    return "".join(rng.choice(_SPECIAL) if rng.random() < rate else rng.choice(_LETTERS) for _ in range(n))


def test_display_fast_path_equals_steps() -> None:
    rng = random.Random(7)
    fast = 0
    for i in range(6000):
        t = _random_text(rng, rng.randint(49, 120), 0.01 if i % 2 else 0.1)
        fast += N._display_unchanged(t)
        for lang in (None, "ar", "fa"):
            for digits in (None, "keep"):
                assert N.normalize(t, "display", digits=digits, lang=lang) == S.run_steps(
                    t, P.steps_normalize(t, "display", digits, lang)
                ), (t, lang, digits)
    assert fast > 300  # the fast path was exercised


# --- the step choosers as they were before the one-scan ``_rare_present`` (the oracle) --------------
def _old_steps_clean(text: str, spaces: bool = True) -> list[tuple]:
    steps: list[tuple] = []
    if any(c in text for c in C.NEWLINE_CHARS):
        steps.append(("re", C.NEWLINES, "\n"))
    if text.isascii():
        if spaces:
            steps.extend(P._space_steps(text, False))
        return steps
    if P._has_presentation(text):
        steps.append(("trsub", C.PRESENTATION_RUN, L.presentation_table()))
    if "\u200f" in text:
        steps.append(("re", C.RLM_RUN, S.rlm_halfspace))
    present = [c for c in C.CONTROL_CHARS if c in text]
    if len(present) > 3:
        steps.append(("re", C.CONTROLS, ""))
    else:
        steps.extend(("rep", c, "") for c in present)
    if "\u200c" in text or "\u200f" in text:
        steps.append(("re", C.ZWNJ_RUN, S.zwnj_clean))
    steps.append(("nfc",))
    if spaces:
        steps.extend(P._space_steps(text, False))
    return steps


def _old_steps_normalize(text: str, form: str, digits: str | None, lang: str | None) -> list[tuple]:
    steps = _old_steps_clean(text, spaces=False)
    has_arabic = not text.isascii() and C.HAS_ARABIC_SCRIPT.search(text) is not None
    # the later steps are chosen on the cleaned text (issue 18: idempotency); always cleaning is
    # the simple form of the chooser's "only when a clean step would change something"
    probe = S.run_steps(text, steps) if has_arabic else text
    persian = has_arabic and any(c in probe for c in C.PERSIAN_CHARS)
    if has_arabic and lang is None and (persian or "\u200c" in probe):
        from akhbar.arabic.langid import identify_language

        lang = identify_language(probe).code
    if has_arabic and lang == "ar":
        if "\u200c" in probe or "\u200f" in probe:
            steps.append(("re", C.ZWNJ_RUN, S.zwnj_arabic))
        if persian:
            if "\u06cc" in probe:
                steps.append(("re", C.FINAL_YEH, S.fold_final_yeh))
            steps.extend(("rep", a, b) for a, b in L.PERSIAN_TO_ARABIC.items() if a in probe)
    steps.extend(P._space_steps(text, form == "display"))
    if form == "search":
        if has_arabic:
            steps.extend(("rep", c, "") for c in C.COMMON_MARKS if c in probe)
            if C.RARE_MARKS.search(probe) if len(probe) < 4096 else any(c in probe for c in C.RARE_MARK_CHARS):
                steps.append(("re", C.RARE_MARKS, ""))
            steps.extend(("rep", a, b) for a, b in C.SEARCH_REPLACE)
        steps.append(("rep", "\u200c", ""))
        steps.append(("lower",))
        steps.append(("re", C.NONASCII_DIGITS, S.ascii_digits))
        steps.append(("rep", "\n", " "))
        steps.append(("squeeze", " ", C.SPACES))
    elif digits == "ascii" and has_arabic:
        steps.append(("re", C.ARABIC_DIGITS, S.ascii_digits))
        steps.extend(("rep", a, b) for a, b in L.DIGIT_SEPARATORS.items())
    if form == "search" or (has_arabic and lang == "ar"):
        steps.append(("nfc",))
    steps.append(("strip",))
    return steps


_POOL = _SPECIAL + [
    "\ufdfa", "\ufef7", "\u2066", "\u202b", "\u061c", "\u200b", "\u0610", "\u06d6", "\u08d3", "\u0655",
    "\u06d5\u0654", "\u06c1", "\u06be", "\u06c3", "\u0671", "\u066b", "\u066c", "\u0966", "\u07c1", "\uff13",
    "\u0130", "\u03a3", "Ab", "\u0410", "\x85", "\x0b", "\u2029", "\u00a0\u00a0", "\n\n", " \n ", "\u3000",
    "   ", " \n", "\n ", "\u200c ", " \u064b ", "\u2009", "\x1f", "\t\n",
]


def test_step_choosers_equal_the_old_ones_on_results() -> None:
    rng = random.Random(11)
    for i in range(6000):
        n = rng.choice((5, 30, 60, 200, 4200)) if i % 50 == 0 else rng.randint(1, 120)
        t = "".join(rng.choice(_POOL) if rng.random() < 0.08 else rng.choice(_LETTERS) for _ in range(n))
        if i % 7 == 0:
            t = "".join(rng.choice("ab Cd\n1٢") for _ in range(n))  # ASCII or near-ASCII
        elif i % 3 == 0:
            t = rng.choice(("", " ", "\n")) + t + rng.choice(("", " ", " \n"))
        assert N.clean_text(t) == S.run_steps(t, _old_steps_clean(t)), t
        for form, digits, lang in (("search", None, None), ("display", None, None), ("display", "ascii", "ar"),
                                   ("search", None, "ar"), ("display", None, "fa")):
            old = _old_steps_normalize(t, form, digits, lang)
            assert N.normalize(t, form, digits=digits, lang=lang) == S.run_steps(t, old), (t, form, digits, lang)
            if i % 5 == 0:
                assert N.normalize_with_map(t, form, digits=digits, lang=lang) == M.run_steps_mapped(t, old)


def test_no_step_before_digit_folding_makes_or_removes_a_nonascii_digit() -> None:
    """What lets the search form skip the digit step when the text has no non-ASCII digit."""
    import sys
    import unicodedata

    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        if not c.isdecimal():
            assert not any(x.isdecimal() for x in unicodedata.normalize("NFC", c) + c.lower()), hex(cp)
        elif unicodedata.decomposition(c):
            assert unicodedata.decomposition(c).startswith("<"), hex(cp)  # no digit is a canonical composite
    assert not any(x.isdecimal() for v in L.presentation_table().values() for x in v)


def _old_collapse_spaces(text: str) -> str:
    if ("  " not in text and " \n" not in text and "\n " not in text and text[:1] != " " and text[-1:] != " "
            and not any(c in text for c in C.OTHER_SPACE_CHARS)):
        return text
    if not any(c in text for c in C.OTHER_SPACE_CHARS):
        if "  " in text:
            if "    " in text:
                text = C.SPACES.sub(" ", text)
            while "  " in text:
                text = text.replace("  ", " ")
        if " \n" in text:
            text = text.replace(" \n", "\n")
        if "\n " in text:
            text = text.replace("\n ", "\n")
        if text[:1] == " ":
            text = text[1:]
        if text[-1:] == " ":
            text = text[:-1]
        return text
    if "\n" not in text:
        return " ".join(text.split())
    return "\n".join([" ".join(line.split()) for line in text.split("\n")])


def test_collapse_spaces_tests_each_substring_once() -> None:
    rng = random.Random(3)
    pieces = [" ", "  ", "\n", "a", "ب", "\u00a0", "    ", " \n ", "\n\n", "\t"]
    for _ in range(30000):
        t = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert S._collapse_spaces(t) == _old_collapse_spaces(t), t


def test_lazy_decimal_table_equals_the_full_one() -> None:
    import sys

    full = L.decimal_digit_table()
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    assert every.translate(S._DecimalDigitsLazy()) == every.translate(full)


def test_table_from_rows_equals_from_pylist() -> None:
    import pyarrow as pa

    from akhbar import refine_text
    from akhbar.model import ARTICLE_SCHEMA, LINE_SCHEMA, article_row, line_rows, table_from_rows

    page = refine_text("عنوان الخبر هنا\n" + "أعلنت الحكومة اليوم عن خطة جديدة لدعم الاقتصاد، وقال الوزير إنها تبدأ في 3 مارس 2024. " * 3)
    for rows, schema in ((line_rows(page), LINE_SCHEMA), ([article_row(page, a) for a in page.articles], ARTICLE_SCHEMA),
                         ([], LINE_SCHEMA), ([{"page_id": "x", "extra": 1}], LINE_SCHEMA)):
        assert table_from_rows(rows, schema).equals(pa.Table.from_pylist(rows, schema=schema))
