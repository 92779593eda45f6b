"""Cheap pre-checks that skip a regex scan must give what the scan gives (issue 13 speed work).

Each pre-check is a necessary condition (substring tests) for a pattern; these tests compare the
checked function with the plain pattern on strings made of the pattern's own pieces, on
neighbours of them and on real-looking text.
"""

from __future__ import annotations

import itertools
import re

from hypothesis import given
from hypothesis import strategies as st

from akhbar import controls
from akhbar import dates as dp
from akhbar.dates._grammar import PERSIAN_GATE
from akhbar.page import lexicon as lx

# --- strip_controls ---------------------------------------------------------------------------

_CONTROLISH = "".join(chr(c) for c in range(0x20)) + "\x7f\x85\xa0\u200f\u2028 \nابc"


@given(st.text(alphabet=_CONTROLISH, max_size=30))
def test_strip_controls_is_the_pattern_sub(s: str) -> None:
    assert controls.strip_controls(s) == controls.CONTROLS.sub("", s)


def test_control_chars_are_the_pattern_class() -> None:
    every = [chr(i) for i in range(0x3000)]
    assert sorted(c for c in every if controls.CONTROLS.fullmatch(c)) == sorted(controls._CONTROL_CHARS)


# --- DISCLAIMER -------------------------------------------------------------------------------

_DISCLAIMERS = [
    "المقالات المنشورة لا تعبر بالضرورة عن وجهة نظر الموقع",
    "هذه المادة لا يُعبر عن رأي الصحيفة",
    "لا يتحمل الموقع أي مسؤولية",
    "لا يتحمل موقعنا ",
    "هذا الخبر بعنوان قرار جديد",
    "انت الان تتابع خبر عاجل",
    "أنت الآن تتابع خبر وصول الوفد",
    "المقالات لا تُعبر عن رأي",
    "هذا الموقع يستخدم ملفات تعريف الارتباط Cookie",
    "يستخدم ملف الكوكيز",
    "مجموع المقالات : 355",
    "عدد المقالات:",
    "إجمالي نتائج البحث: 617",
    "عدد نتائج البحث",
]
_NOT = [
    "",
    "قال الوزير إن الحكومة ستعمل خلال الأيام المقبلة على تنفيذ القرار",
    "عبر الحدود",
    "الخبر",
    "لا تعبر",
    "نتائج البحث",
    "مجموع المقالات",
]


def test_disclaimer_search_matches_the_pattern() -> None:
    for t in _DISCLAIMERS + _NOT:
        for pos, end in ((0, None), (0, 120), (3, 40)):
            got = lx.disclaimer_search(t, pos, end)
            want = lx.DISCLAIMER.search(t, pos, len(t) if end is None else end)
            assert (got.span() if got else None) == (want.span() if want else None), (t, pos, end)
    assert all(lx.disclaimer_search(t) for t in _DISCLAIMERS)


@given(st.lists(st.sampled_from(_DISCLAIMERS + _NOT + [" ", "ـ", "x", "\n"]), max_size=4))
def test_disclaimer_search_on_joined_pieces(parts: list[str]) -> None:
    t = " ".join(parts)
    got, want = lx.disclaimer_search(t), lx.DISCLAIMER.search(t)
    assert (got.span() if got else None) == (want.span() if want else None)


# --- find_dates: Persian gate and a long text's digit runs -------------------------------------

def test_persian_chars_are_the_gate_class() -> None:
    every = [chr(i) for i in range(0x3000)]
    assert sorted(c for c in every if PERSIAN_GATE.fullmatch(c)) == sorted(dp._PERSIAN_CHARS)
    for c in every[0x600:0x700]:
        assert dp._has_persian("متن " + c) == (PERSIAN_GATE.search("متن " + c) is not None)


_FILL = "وقال المتحدث في بيان صدر اليوم إن الاجتماع سيعقد بعد أسبوعين في العاصمة. " * 6


def test_long_text_dates_as_short_pieces() -> None:
    """A long body (scanned at its digit runs) finds the dates each of its pieces finds alone."""
    pieces = ["في 12 مارس 2021", "يوم 2015/07/21", "الأربعاء ١٥ صفر ١٤٤٣هـ", "منذ 3 ساعات", "2 تیر 1399"]
    for a, b in itertools.permutations(pieces, 2):
        text = _FILL + a + " " + _FILL + b + " " + _FILL
        assert len(text) > 400
        got = [m.iso for m in dp.find_dates(text, reference="2021-03-20")]
        want = [m.iso for p in (a, b) for m in dp.find_dates(" " + p + " ", reference="2021-03-20")]
        assert got == want, (a, b)
    # no digit at all, with and without a relative word
    assert dp.find_dates(_FILL.replace("اليوم", "الحين")) == []
    text = _FILL + "وصل الوفد منذ يومين. " + _FILL
    got = [m.iso for m in dp.find_dates(text, reference="2021-03-20")]
    assert got == [m.iso for m in dp.find_dates("وصل الوفد منذ يومين", reference="2021-03-20")] == ["2021-03-18"]


def test_digit_spans_are_the_raw_pattern() -> None:
    text = _FILL + "٣ و 45 و ۱۲ و x9y " + _FILL
    assert [m.span() for m in re.finditer(r"\d+", text)] == [m.span() for m in dp.RAW_DIGITS.finditer(text)]



# --- fused: the short first line's tests --------------------------------------------------------

@given(st.text(alphabet='ab كتب-–ـ"«.!؟?…:»”\n\t\x1f', max_size=40))
def test_short_first_line_tests(line: str) -> None:
    from akhbar.page.fused import _SENTENCE_TAIL, _WORDS

    old = len(_WORDS.findall(line)) >= 8 or _SENTENCE_TAIL.search(line) is not None \
        or not any(c in line for c in '-–ـ"«')
    new = not any(c in line for c in '-–ـ"«') \
        or _SENTENCE_TAIL.search(line, max(0, len(line.rstrip()) - 2)) is not None \
        or len(list(itertools.islice(_WORDS.finditer(line), 8))) >= 8
    assert old == new


@given(st.lists(st.sampled_from(["الكلمات", " ", "الدلالية", "وسوم", "Tags", "TAGS", ":", "：", "-", "x", "سمات"]),
                max_size=8).map("".join))
def test_tags_lead_match_is_the_pattern(t: str) -> None:
    got, want = lx.tags_lead_match(t), lx.TAGS_LEAD.match(t)
    assert (got.span() if got else None) == (want.span() if want else None)


def test_best_date_is_parse_date() -> None:
    """``best_date`` on a line's matches chooses what ``parse_date`` on the line chooses."""
    lines = ["", "الرياض 12 مارس 2021", "نشر في 2025-11-08 آخر تحديث 2025-11-09 10:30",
             "الجمعة 16 رمضان 1436هـ الموافق 3 يونيو 2015م", "2025-11-08 ... 08/11/2025 10:30", "منذ 3 ساعات",
             "أمس الجمعة 31 تموز-يوليو 2015", "١٥ صفر ١٤٤٣هـ - ٢٢ سبتمبر ٢٠٢١م"]
    for t in lines:
        got = dp.best_date(dp.find_dates(t, reference="2021-03-20T12:00"))
        want = dp.parse_date(t, reference="2021-03-20T12:00")
        assert (got.iso, got.span, got.label) == (want.iso, want.span, want.label) if want else got is None


@given(st.lists(st.sampled_from(["اليوم", "أمس", "امس", "مسؤول", " ", "، ", "(", "ال", "الثلاثاء", "15", "x"]),
                max_size=8).map("".join))
def test_today_precheck(first: str) -> None:
    """``lead_date`` searches ``_TODAY`` only when one of its three words is in the line."""
    from akhbar.stages.dates import _TODAY

    if _TODAY.search(first) is not None:
        assert "اليوم" in first or "أمس" in first or "امس" in first
