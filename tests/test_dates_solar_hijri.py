"""Solar Hijri (Persian) dates in akhbar.dates (issue 14): conversion and reading."""

from __future__ import annotations

import datetime as dt

import pytest

from akhbar.dates import find_dates, parse_date
from akhbar.dates._calendar import _jalali_to_greg


@pytest.mark.parametrize(("jalali", "greg"), [
    ((1399, 1, 1), dt.date(2020, 3, 20)), ((1403, 1, 1), dt.date(2024, 3, 20)), ((1404, 1, 1), dt.date(2025, 3, 21)),
    ((1399, 4, 2), dt.date(2020, 6, 22)), ((1402, 2, 12), dt.date(2023, 5, 2)), ((1357, 11, 22), dt.date(1979, 2, 11)),
    ((1399, 12, 30), dt.date(2021, 3, 20)), ((1403, 12, 30), dt.date(2025, 3, 20)), ((1400, 10, 1), dt.date(2021, 12, 22)),
])
def test_jalali_to_gregorian(jalali: tuple[int, int, int], greg: dt.date) -> None:
    assert _jalali_to_greg(*jalali) == greg


def test_jalali_invalid_days() -> None:
    assert _jalali_to_greg(1400, 12, 30) is None  # 1400 is not a leap year
    assert _jalali_to_greg(1400, 7, 31) is None
    assert _jalali_to_greg(1400, 13, 1) is None


@pytest.mark.parametrize(("text", "iso"), [
    ("2 تير 1399", "2020-06-22"),                      # Arabic yeh
    ("2 تیر 1399", "2020-06-22"),                      # Persian yeh
    ("۱۲ اردیبهشت ۱۴۰۲", "2023-05-02"),
    ("تهران - ۱۲ اردیبهشت ۱۴۰۲ - ۱۰:۳۰", "2023-05-02T10:30:00"),
    ("۱ فروردین ۱۴۰۳ هـ.ش", "2024-03-20"),
    ("۲۲ بهمن ۱۳۵۷", "1979-02-11"),
])
def test_solar_hijri_read(text: str, iso: str) -> None:
    m = parse_date(text)
    assert m is not None and m.iso == iso and m.calendar == "solar_hijri"


def test_solar_hijri_in_long_persian_text() -> None:
    text = "این خبر در تهران منتشر شد. " * 20 + "روز ۵ مهر ۱۴۰۱ جلسه برگزار شد."
    found = find_dates(text)
    assert [m.iso for m in found] == ["2022-09-27"]
    assert text[found[0].span[0]:found[0].span[1]] == "۵ مهر ۱۴۰۱"


def test_arabic_text_unchanged() -> None:
    assert [m.iso for m in find_dates("الأحد 5 يوليو 2020")] == ["2020-07-05"]
    assert find_dates("30 اسفند 1400") == []  # no such day
    long_ar = "قال الوزير في المؤتمر الصحفي إن الاجتماع ناجح. " * 10 + "وذكر أن 5 مهر 1400 ريال دفعت."
    assert find_dates(long_ar) == []  # long Arabic text: no Solar Hijri pass


@pytest.mark.parametrize("text", [
    "تير", "دي", "10 دي", "دي 1399", "تير 1399", "5 تير", "ذهب إلى مهر 5 مهر",  # no day + month + year
    "1 فروردين 1299", "5 مرداد 2020",  # a year outside the Solar Hijri range read (1300-1450)
])
def test_solar_hijri_needs_day_month_and_year(text: str) -> None:
    assert parse_date(text) is None
    assert find_dates(text) == []


def test_solar_hijri_with_arabic_letter_forms() -> None:
    for text in ("12 دي 1399", "12 دى 1399", "۱۲ دی ۱۳۹۹"):  # Arabic yeh, alef maqsura, Persian yeh
        m = parse_date(text)
        assert m is not None and (m.iso, m.calendar) == ("2021-01-01", "solar_hijri")
    found = find_dates("قال دي ميستورا 12 دي 1399")  # the name's "دي" is not a month
    assert [m.iso for m in found] == ["2021-01-01"]
