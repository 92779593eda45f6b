"""Relative and colloquial dates (issue 17, item 5) and dates out of the calendar's range (issue 18).

Every form is resolved against a fixed reference: ``REF`` (a datetime, Sunday 2025-11-09 12:00)
or ``DAY`` (the same day as a date).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from akhbar.dates import find_dates, has_date, parse_date

REF = dt.datetime(2025, 11, 9, 12, 0)
DAY = dt.date(2025, 11, 9)

# (text, iso, precision) with reference REF
PAST = [
    ("منذ 3 ساعات", "2025-11-09T09:00:00", "minute"),
    ("منذ ٣ ساعات", "2025-11-09T09:00:00", "minute"),
    ("منذ ساعة", "2025-11-09T11:00:00", "minute"),
    ("منذ 5 دقائق", "2025-11-09T11:55:00", "minute"),
    ("منذ ٥ دقائق", "2025-11-09T11:55:00", "minute"),
    ("منذ دقيقة", "2025-11-09T11:59:00", "minute"),
    ("منذ 30 ثانية", "2025-11-09T11:59:00", "minute"),
    ("منذ ٣٠ ثانية", "2025-11-09T11:59:00", "minute"),
    ("منذ ثانيتين", "2025-11-09T11:59:00", "minute"),
    ("منذ يومين", "2025-11-07", "day"),
    ("منذ أسبوع", "2025-11-02", "day"),
    ("منذ أسبوعين", "2025-10-26", "day"),
    ("منذ شهر", "2025-10", "month"),
    ("منذ شهرين", "2025-09", "month"),
    ("منذ سنتين", "2023", "year"),
    ("منذ ساعتين", "2025-11-09T10:00:00", "minute"),
    ("ومنذ 3 ساعات", "2025-11-09T09:00:00", "minute"),
    ("ومنذ يومين", "2025-11-07", "day"),
    ("قبل 3 ساعات", "2025-11-09T09:00:00", "minute"),
    ("قبل ساعتين", "2025-11-09T10:00:00", "minute"),
    ("قبل 3 سنوات مضت", "2022", "year"),
    ("3 ساعات مضت", "2025-11-09T09:00:00", "minute"),
    ("٣ ساعات مضت", "2025-11-09T09:00:00", "minute"),
    ("5 أيام مضت", "2025-11-04", "day"),
    ("ساعتين مضت", "2025-11-09T10:00:00", "minute"),
    ("يومين مضت", "2025-11-07", "day"),
    ("أسبوعين مضت", "2025-10-26", "day"),
    ("شهرين مضت", "2025-09", "month"),
    ("من ساعتين", "2025-11-09T10:00:00", "minute"),
    ("من 3 ساعات", "2025-11-09T09:00:00", "minute"),
    ("من يومين", "2025-11-07", "day"),
    ("3 hours ago", "2025-11-09T09:00:00", "minute"),
    ("الآن", "2025-11-09T12:00:00", "minute"),
    ("الان", "2025-11-09T12:00:00", "minute"),
    ("اليوم", "2025-11-09", "day"),
    ("أمس", "2025-11-08", "day"),
    ("البارحة", "2025-11-08", "day"),
    ("أول أمس", "2025-11-07", "day"),
    ("امبارح", "2025-11-08", "day"),
    ("إمبارح", "2025-11-08", "day"),
    ("مبارح", "2025-11-08", "day"),
    ("الأسبوع الماضي", "2025-11-02", "day"),
    ("الاسبوع الماضي", "2025-11-02", "day"),
    ("هذا الأسبوع", "2025-11-09", "day"),
    ("الشهر الماضي", "2025-10", "month"),
    ("الشهر الجاري", "2025-11", "month"),
    ("هذا الشهر", "2025-11", "month"),
    ("العام الماضي", "2024", "year"),
    ("السنة الماضية", "2024", "year"),
    ("العام المنصرم", "2024", "year"),
    ("هذا العام", "2025", "year"),
    ("هذه السنة", "2025", "year"),
    ("العام الحالي", "2025", "year"),
]
FUTURE = [
    ("غدا", "2025-11-10", "day"),
    ("غداً", "2025-11-10", "day"),
    ("بكرة", "2025-11-10", "day"),
    ("غداً 10:00", "2025-11-10T10:00:00", "minute"),
    ("بعد يومين", "2025-11-11", "day"),
    ("بعد ساعة", "2025-11-09T13:00:00", "minute"),
    ("بعد 3 ساعات", "2025-11-09T15:00:00", "minute"),
    ("بعد ٣ ساعات", "2025-11-09T15:00:00", "minute"),
    ("بعد 10 دقائق", "2025-11-09T12:10:00", "minute"),
    ("بعد 30 ثانية", "2025-11-09T12:00:00", "minute"),
    ("بعد أسبوعين", "2025-11-23", "day"),
    ("بعد شهرين", "2026-01", "month"),
    ("بعد 3 سنوات", "2028", "year"),
    ("الأسبوع المقبل", "2025-11-16", "day"),
    ("الأسبوع القادم", "2025-11-16", "day"),
    ("خلال الأسبوع المقبل", "2025-11-16", "day"),
    ("الشهر المقبل", "2025-12", "month"),
    ("العام المقبل", "2026", "year"),
    ("السنة القادمة", "2026", "year"),
]


@pytest.mark.parametrize(("text", "iso", "prec"), PAST + FUTURE)
def test_form(text: str, iso: str, prec: str) -> None:
    m = parse_date(text, reference=REF)
    assert m is not None, text
    assert (m.iso, m.precision, m.relative) == (iso, prec, True)
    # the same as the only match of find_dates, spanning the expression's words
    (f,) = find_dates(text, reference=REF)
    assert f.iso == iso and text[f.span[0] : f.span[1]].strip() == text[f.span[0] : f.span[1]]


@pytest.mark.parametrize(("text", "iso"), [
    ("منذ 3 ساعات", "2025-11-09"), ("بعد 3 ساعات", "2025-11-09"), ("منذ 30 ثانية", "2025-11-09"),
    ("الآن", "2025-11-09"), ("منذ يومين", "2025-11-07"), ("غداً", "2025-11-10"),
])
def test_date_reference_gives_day_precision(text: str, iso: str) -> None:
    m = parse_date(text, reference=DAY)
    assert (m.iso, m.precision) == (iso, "day")


@pytest.mark.parametrize("text", [s for s, _, _ in PAST + FUTURE if s != "3 hours ago"])
def test_no_reference_no_date(text: str) -> None:
    assert find_dates(text) == []
    assert parse_date(text) is None


def test_in_sentences() -> None:
    got = [m.iso for m in find_dates("قال الوزير الأسبوع الماضي إن المشروع سينتهي العام المقبل", reference=REF)]
    assert got == ["2025-11-02", "2026"]
    m = parse_date("الرياض - نشر منذ 3 ساعات", reference=REF)
    assert m.iso == "2025-11-09T09:00:00"
    assert [m.iso for m in find_dates("وقع الحادث قبل 3 سنوات مضت في جدة", reference=REF)] == ["2022"]


@pytest.mark.parametrize("text", [
    # today / now in body prose: a word, not a dateline
    "قال الوزير اليوم إن المشروع", "الآن يمكن للمواطنين التسجيل", "وأصبح الآن أكثر",
    # غدا is also a verb ("became"), غداء lunch
    "غدا الأمر واضحا للجميع", "تناول الغداء",
    # من + duration in prose: "more than 3 hours", a range
    "استمر الاجتماع أكثر من 3 ساعات", "أكثر من ساعتين", "يعمل من ساعتين إلى ثلاث",
    # بعد + duration + من/على: after an event, not after the reference
    "بعد 3 أيام من الحادث", "بعد يومين على وفاته", "وقبل يومين من الانتخابات",
    # بعد + duration in prose is narrative (dateline-only, RELF)
    "وانصرف إلى الدراسة. وبعد عام، تسلل مع عمه", "تزداد يوما بعد يوم", "غادر بعد 17 عاما قضاها في ليفربول",
    # العام after a definite noun is the adjective "general"
    "الأمين العام الحالي للأمم المتحدة", "المدير العام المقبل للشركة",
    # a bare duration, a vague plural
    "ساعتين", "يومين", "قبل أسابيع", "منذ سنوات",
])
def test_not_dates(text: str) -> None:
    assert find_dates(text, reference=REF) == [], text


def test_dateline_only_forms_need_a_short_text() -> None:
    # alone, after a label cue, or with a time after: read
    assert parse_date("نشر الآن", reference=REF).iso == "2025-11-09T12:00:00"
    assert parse_date("| الآن |", reference=REF).iso == "2025-11-09T12:00:00"
    assert parse_date("اليوم 10:30", reference=REF).iso == "2025-11-09T10:30:00"
    # inside a long body: never
    body = ("كلام " * 100) + "\nالآن\n" + ("كلام " * 100) + "\nمن ساعتين\n" + "غداً"
    assert find_dates(body, reference=REF) == []


def test_datetime_with_zone_reference() -> None:
    ref = dt.datetime(2025, 11, 9, 12, 0, tzinfo=dt.UTC)
    m = parse_date("منذ 3 ساعات", reference=ref)
    assert m.value == dt.datetime(2025, 11, 9, 9, 0, tzinfo=dt.UTC)


# ----------------------------------------------------------------------------- out of range (issue 18)

@pytest.mark.parametrize("ref", [dt.date(1, 1, 1), dt.datetime(1, 1, 1, 0, 5), dt.date(1, 1, 3),
                                 dt.date(9999, 12, 31), dt.datetime(9999, 12, 31, 23, 59)])
@pytest.mark.parametrize("text", [
    "منذ 3 ساعات", "بعد 3 ساعات", "أمس", "أول أمس", "غداً", "منذ أسبوع", "بعد أسبوع", "منذ شهر", "بعد شهر",
    "منذ سنتين", "بعد سنتين", "العام الماضي", "العام المقبل", "الشهر المقبل", "الأسبوع الماضي", "منذ 999 يوم",
    "25 رمضان", "30 ديسمبر", "15/2/25", "الخميس ٤ ذي الحجة", "الآن",
])
def test_out_of_range_never_raises(ref, text: str) -> None:
    for m in find_dates(text, reference=ref):
        assert 0 <= m.span[0] < m.span[1] <= len(text)
    parse_date(text, reference=ref)


def test_huge_offsets_skipped() -> None:
    assert find_dates("منذ 999999 يوم", reference=REF) == []
    assert find_dates("منذ 999 سنة", reference=dt.date(500, 1, 1)) == []
    assert find_dates("بعد 999 سنة", reference=dt.date(9500, 1, 1)) == []
    # the surrounding dates are still read
    got = find_dates("نشر في 8 نوفمبر 2025 منذ 999 سنة", reference=dt.date(500, 1, 1))
    assert [m.iso for m in got] == ["2025-11-08"]


def test_bad_reference_still_raises() -> None:
    with pytest.raises(TypeError):
        find_dates("منذ 3 ساعات", reference=20251109)
    with pytest.raises(ValueError):
        find_dates("منذ 3 ساعات", reference="not a date")
    with pytest.raises(ValueError):
        parse_date("الآن", reference="not a date")


_WORDS = ["منذ", "قبل", "بعد", "من", "أمس", "أول", "اليوم", "الآن", "غداً", "البارحة", "امبارح", "ساعة", "ساعات",
          "ساعتين", "دقيقة", "دقائق", "ثانية", "يوم", "يومين", "أيام", "أسبوع", "أسبوعين", "شهر", "شهرين", "سنة",
          "سنتين", "عام", "مضت", "الأسبوع", "الشهر", "العام", "السنة", "الماضي", "الماضية", "المقبل", "القادم",
          "هذا", "هذه", "الجاري", "رمضان", "شوال", "صفر", "ذي الحجة", "يناير", "ديسمبر", "الخميس", "عام", "هـ", "م",
          "نشر", "آخر تحديث", "ago", "hours", "yesterday", "0", "1", "12", "31", "999", "1443", "2025", "99999",
          "٣", "٢٠٢٥", "۱۴۴۳"]
_SEPS = [" ", " ", "  ", "/", "-", ".", ":", "، ", "\n", "\u200f", "\u0640", "(", ")"]
_TEXT = st.lists(st.one_of(st.sampled_from(_WORDS), st.sampled_from(_SEPS)), max_size=30).map("".join)
_REFS = st.one_of(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
                  st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31, 23, 59)))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT, _REFS)
def test_never_raises_any_reference(text: str, ref) -> None:
    """Random text of Arabic date words, digits and separators, references in years 1-9999:
    find_dates never raises and every span indexes the text, in order, without overlap."""
    last = 0
    found = find_dates(text, reference=ref)
    for m in found:
        a, b = m.span
        assert last <= a < b <= len(text)
        last = b
    if find_dates(text):
        assert has_date(text)
    parse_date(text, reference=ref)


@pytest.mark.parametrize("text", ["الأسبوع الماضي", "جلسات الأسبوع الماضي:", "هذا العام", "العام المقبل",
                                  "بعد يومين", "بعد 3 أيام", "3 ساعات مضت", "ومنذ 3 ساعات", "امبارح", "الآن",
                                  "غداً", "منذ ثانية"])
def test_has_date_ignores_new_relative_forms(text: str) -> None:
    """has_date (no reference) answers as before the relative forms were added: a body line
    naming a period is no dateline (the text route labels has_date lines as datelines)."""
    assert not has_date(text)


@pytest.mark.parametrize("text", ["منذ 3 ساعات", "قبل يومين", "أمس", "بالأمس", "اليوم", "البارحة"])
def test_has_date_keeps_old_relative_forms(text: str) -> None:
    assert has_date(text)
