"""Tests for akhbar.dates: the shared bug-report cases and every documented feature."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from akhbar.dates import DateMatch, find_dates, fold_digits, has_date, parse_date

SHARED = Path(__file__).resolve().parents[2] / "shared"
CASES = SHARED / "cases" / "cases.jsonl"


def _tz(hours: int) -> dt.timezone:
    return dt.timezone(dt.timedelta(hours=hours))


def _date_cases() -> list[dict]:
    if not CASES.is_file():
        return []
    out = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if line.strip():
            case = json.loads(line)
            if case.get("kind") == "date":
                out.append(case)
    return out


# ------------------------------------------------------------------ shared cases (cases.jsonl)

@pytest.mark.parametrize("case", _date_cases(), ids=lambda c: c["id"])
def test_shared_date_case(case: dict) -> None:
    exp = case["expected"]
    m = parse_date(case["input"])
    assert m is not None
    assert m.value.isoformat() == exp["published"]
    value_date = m.value.date() if isinstance(m.value, dt.datetime) else m.value
    assert value_date.isoformat() == exp["published_date"]
    if "timezone" in exp and exp["timezone"] is None:
        assert isinstance(m.value, dt.datetime) and m.value.tzinfo is None
    if exp.get("weekday_consistent") is not None:
        assert m.weekday_ok is exp["weekday_consistent"]
    if "hijri_date" in exp:
        assert m.hijri == exp["hijri_date"]
    if "digits_normalized" in exp:
        assert fold_digits(case["input"]) == exp["digits_normalized"]
    for text, iso in exp.get("also", {}).items():
        got = parse_date(text)
        assert got is not None, text
        assert got.iso == iso, text


def test_shared_cases_present_when_shared_is() -> None:
    if not CASES.is_file():
        pytest.skip("../shared is not present")
    assert len(_date_cases()) >= 4


# ------------------------------------------------------------------ issue examples

@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("تاريخ النشر: 8th, November 2025 GMT", "2025-11-08", "day"),
        ("السبت 08 نوفمبر 2025", "2025-11-08", "day"),
        ("7 تشرين الثاني/نوفمبر 2025", "2025-11-07", "day"),
        ("2025/11/08", "2025-11-08", "day"),
        ("٢٣ ديسمبر ٢٠٢٥", "2025-12-23", "day"),
        ("جدة 25 شوال 1436هـ الموافق 10 أغسطس 2015م", "2015-08-10", "day"),
        ("Sun, 20 May 2018 13:22:10 +0400", "2018-05-20T13:22:10+04:00", "second"),
        ("2017-01-26T08:31:00+01:00", "2017-01-26T08:31:00+01:00", "second"),
        ("16/02/2015", "2015-02-16", "day"),
        ("08-11-2025", "2025-11-08", "day"),
        ("17 مارس/ آذار 2020", "2020-03-17", "day"),
        ("24 نيسان / أبريل 2020 09:22 مساءً", "2020-04-24T21:22:00", "minute"),
        ("ديسمبر 25, 2020", "2020-12-25", "day"),
        ("21 فيفري 2024", "2024-02-21", "day"),
        ("9 جانفي 2024", "2024-01-09", "day"),
        ("3 اوت 2022", "2022-08-03", "day"),
        ("14 يوليوز 2023", "2023-07-14", "day"),
        ("5 غشت 2019", "2019-08-05", "day"),
        ("12 شتنبر 2019", "2019-09-12", "day"),
        ("30 نونبر 2019", "2019-11-30", "day"),
        ("25 دجنبر 2019", "2019-12-25", "day"),
        ("1 يونيه 2020", "2020-06-01", "day"),
        ("20 أغسطوس 2020", "2020-08-20", "day"),
        ("3 كانون 2 2022", "2022-01-03", "day"),
        ("20 كانون 1 2021", "2021-12-20", "day"),
        ("14 تشرين الأول 2021", "2021-10-14", "day"),
        ("14 تشرين أول 2021", "2021-10-14", "day"),
        ("نوفمبر (تشرين الثاني) 2025", "2025-11", "month"),
        ("تشرين الثاني - نوفمبر 2025", "2025-11", "month"),
        ("November 8th, 2025", "2025-11-08", "day"),
        ("8 novembre 2025", "2025-11-08", "day"),
        ("1er janvier 2020", "2020-01-01", "day"),
        ("15 août 2021 à 18h40", "2021-08-15T18:40:00", "minute"),
        ("08.11.25", None, None),
        ("08/11/25", "2025-11-08", "day"),
        ("في عام 2015", "2015", "year"),
        ("رمضان 1436هـ", "2015-06-18", "month"),
        ("10 مارس 2020 الساعة 10:30 ص", "2020-03-10T10:30:00", "minute"),
        ("10 مارس 2020 الساعة 12:30 ص", "2020-03-10T00:30:00", "minute"),
        ("10 مارس 2020 - 9:15 م", "2020-03-10T21:15:00", "minute"),
        ("10 مارس 2020 - 1:15 ظهراً", "2020-03-10T13:15:00", "minute"),
        ("10 مارس 2020 - 21:15", "2020-03-10T21:15:00", "minute"),
        ("10 مارس 2020 10:30 UTC+3", "2020-03-10T10:30:00+03:00", "minute"),
        ("10 مارس 2020 10:30 بتوقيت غرينتش", "2020-03-10T10:30:00+00:00", "minute"),
        ("10 مارس 2020 10:30 بتوقيت مكة المكرمة", "2020-03-10T10:30:00+03:00", "minute"),
        ("10 مارس 2020 10:30 بتوقيت القاهرة", "2020-03-10T10:30:00", "minute"),
        ("2020-03-15 20:18:45 GST", "2020-03-15T20:18:45+04:00", "second"),
    ],
)
def test_formats(text: str, iso: str | None, precision: str | None) -> None:
    m = parse_date(text)
    if iso is None:
        assert m is None
        return
    assert m is not None, text
    assert m.iso == iso
    assert m.precision == precision


def test_tz_aware_only_with_zone() -> None:
    aware = parse_date("Sun, 20 May 2018 13:22:10 +0400")
    assert aware.value.tzinfo is not None and aware.value.utcoffset() == dt.timedelta(hours=4)
    naive = parse_date("10 مارس 2020 - 21:15")
    assert naive.value.tzinfo is None
    plain = parse_date("8th, November 2025 GMT")
    assert type(plain.value) is dt.date  # a zone without a time gives a date


def test_meem_after_year_is_ad_not_pm() -> None:
    m = parse_date("٢٢ سبتمبر ٢٠٢١م")
    assert m.iso == "2021-09-22" and m.precision == "day"
    m = parse_date("٢٢ سبتمبر ٢٠٢١م – ٩:٠٥ م")
    assert m.iso == "2021-09-22T21:05:00"


def test_hijri_conversion_and_calendar() -> None:
    m = parse_date("١٥/٢/١٤٤٣ هـ")
    assert m.calendar == "hijri" and m.hijri == "1443-02-15" and m.iso == "2021-09-22"
    m = parse_date("1443/02/15")
    assert m.calendar == "hijri" and m.iso == "2021-09-22"
    dates = find_dates("الرياض 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس")
    assert [d.calendar for d in dates] == ["hijri", "gregorian"]
    best = parse_date("الرياض 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس")
    assert best.calendar == "gregorian" and best.hijri == "1436-10-25"
    # Umm al-Qura (hijridate): Safar 1443 has 29 days, Rabi' al-Awwal 1443 has 30
    assert parse_date("30 صفر 1443") is None
    assert parse_date("30 ربيع الأول 1443").iso == "2021-11-05"


def test_yearless_gregorian_takes_year_from_hijri_pair() -> None:
    text = "من الخميس 28-2-1437هـ الموافق 10 ديسمبر"
    found = find_dates(text, reference="2025-11-09")
    assert [d.iso for d in found] == ["2015-12-10", "2015-12-10"]
    assert found[1].year_inferred and found[1].hijri == "1437-02-28" and found[1].weekday_ok is True


def test_hijri_weekday_beats_typo_in_gregorian() -> None:
    text = "الجمعة 16 رمضان 1436هـ الموافق 3 يونيو 2015م"
    m = parse_date(text)
    assert m.iso == "2015-07-03" and m.calendar == "hijri" and m.weekday_ok is True


def test_weekday_cross_check() -> None:
    assert parse_date("السبت 08 نوفمبر 2025").weekday_ok is True
    assert parse_date("الأحد 08 نوفمبر 2025").weekday_ok is False
    assert parse_date("08 نوفمبر 2025").weekday_ok is None
    assert parse_date("Sat, 08 Nov 2025").weekday_ok is True
    assert parse_date("يوم الأربعاء 05 جويلية 2023").weekday_ok is True


def test_labels_published_and_updated() -> None:
    text = "نشر في: 8 نوفمبر 2025 | آخر تحديث: 9 نوفمبر 2025 10:30 ص"
    found = find_dates(text)
    assert [d.label for d in found] == ["published", "updated"]
    assert parse_date(text).iso == "2025-11-08"
    assert parse_date("تم التحديث 9 نوفمبر 2025").label == "updated"
    assert parse_date("بتاريخ 9 نوفمبر 2025").label == "published"
    assert parse_date("نُشر 9 نوفمبر 2025").label == "published"
    assert parse_date("Updated: 9 November 2025").label == "updated"
    # the published one wins even when the updated one comes first
    text = "آخر تحديث: 9 نوفمبر 2025 - تاريخ النشر: 8 نوفمبر 2025"
    assert parse_date(text).iso == "2025-11-08"


def test_same_day_with_time_wins_only_for_same_day() -> None:
    assert parse_date("08/11/2025 ... 2025-11-08 10:30").iso == "2025-11-08T10:30:00"
    assert parse_date("08/11/2025 ... 2025-11-09 10:30").iso == "2025-11-08"


def test_relative_dates() -> None:
    ref = dt.datetime(2025, 11, 9, 12, 0)
    assert parse_date("منذ 3 ساعات", reference=ref).iso == "2025-11-09T09:00:00"
    assert parse_date("منذ 20 دقيقة", reference=ref).iso == "2025-11-09T11:40:00"
    assert parse_date("منذ يومين", reference=ref).iso == "2025-11-07"
    assert parse_date("قبل 3 أيام", reference=ref).iso == "2025-11-06"
    assert parse_date("منذ أسبوع", reference=ref).iso == "2025-11-02"
    assert parse_date("أمس", reference=ref).iso == "2025-11-08"
    assert parse_date("أول أمس", reference=ref).iso == "2025-11-07"
    assert parse_date("أمس الأول", reference=ref).iso == "2025-11-07"
    assert parse_date("اليوم", reference=ref).iso == "2025-11-09"
    assert parse_date("اليوم 10:30", reference=ref).iso == "2025-11-09T10:30:00"
    assert parse_date("3 hours ago", reference=ref).iso == "2025-11-09T09:00:00"
    assert parse_date("yesterday", reference="2025-11-09").iso == "2025-11-08"
    assert parse_date("منذ 3 ساعات", reference=dt.date(2025, 11, 9)).iso == "2025-11-09"
    m = parse_date("أمس", reference=ref)
    assert m.relative is True
    # no reference: relative dates are not resolved
    assert find_dates("منذ 3 ساعات") == []
    # names, not dates
    assert find_dates("عين اليوم – جدة", reference=ref) == []
    assert find_dates("صحيفة اليوم السابع", reference=ref) == []
    assert find_dates("قبل أسابيع", reference=ref) == []
    assert find_dates("منذ شهر أكتوبر", reference=ref) == []


def test_year_inference() -> None:
    m = parse_date("السبت 08 نوفمبر", reference="2025-11-09")
    assert m.iso == "2025-11-08" and m.year_inferred is True and m.precision == "day"
    # nearest in the past rather than the future
    assert parse_date("منذ 30 يناير", reference="2015-08-06").iso == "2015-01-30"
    # direction words
    assert parse_date("في 3 سبتمبر القادم", reference="2015-08-06").iso == "2015-09-03"
    assert parse_date("في 3 سبتمبر الماضي", reference="2015-08-06").iso == "2014-09-03"
    # a named weekday picks the year
    assert parse_date("الجمعة 3 يناير", reference="2020-06-01").iso == "2020-01-03"
    assert parse_date("08 نوفمبر") is None  # no year and no reference
    assert parse_date("08 نوفمبر 2025").year_inferred is False


def test_reference_types() -> None:
    for ref in (dt.date(2025, 11, 9), dt.datetime(2025, 11, 9, 12), "2025-11-09", "2025-11-09T12:00:00Z",
                "2025-11-09 18:52:49", "20251109120000", "Sun, 09 Nov 2025 12:00:00 GMT", "09/11/2025"):
        assert parse_date("أمس", reference=ref).iso == "2025-11-08"
    with pytest.raises(TypeError):
        find_dates("أمس", reference=20251109)
    with pytest.raises(ValueError):
        find_dates("أمس", reference="not a date")


def test_spans_point_into_the_input() -> None:
    text = "بيروت – نُشر الخميس 14 تشرین 1 2021، الساعة 16:20"
    m = parse_date(text)
    assert text[m.span[0] : m.span[1]] == "الخميس 14 تشرین 1 2021، الساعة 16:20"
    rlm = "\u200f"
    text = f"{rlm}الرياض {rlm}١٥{rlm}/{rlm}٢{rlm}/{rlm}١٤٤٣{rlm} هـ"  # RLM marks inside the number
    m = parse_date(text)
    assert m is not None and m.iso == "2021-09-22"
    assert text[m.span[0] : m.span[1]].startswith("١٥")
    text = "قال يوم 08 نوفمبر 2025 إن ... وفي 10 ديسمبر 2025 أيضا"
    assert [text[a:b] for a, b in (d.span for d in find_dates(text))] == ["08 نوفمبر 2025", "10 ديسمبر 2025"]


def test_tatweel_harakat_and_persian_letters() -> None:
    assert parse_date("10 أغســطس 2015").iso == "2015-08-10"
    assert parse_date("10 نُوفَمْبَر 2025").iso == "2025-11-10"
    assert parse_date("14 تشرین 1 2021").iso == "2021-10-14"  # Persian yeh
    assert parse_date("14 کانون 1 2021").iso == "2021-12-14"  # Persian kaf


def test_find_dates_order_and_not_numbers() -> None:
    text = "فاز الفريق 3 - 1 وسجل 2.5 هدف في 2015 بنسبة 12/5 ثم في 10 مارس 2020 و2021/04/05"
    found = find_dates(text)
    assert [d.iso for d in found] == ["2020-03-10", "2021-04-05"]
    assert [d.span[0] for d in found] == sorted(d.span[0] for d in found)


def test_find_dates_long_text_windows() -> None:
    filler = "كلام بلا أرقام في هذا السطر " * 40
    text = filler + "السبت 08 نوفمبر 2025" + filler + "نشر في 1 يناير 2024" + filler
    found = find_dates(text)
    assert [d.iso for d in found] == ["2025-11-08", "2024-01-01"]
    for d in found:
        assert d.span[1] - d.span[0] < 40
    assert text[found[0].span[0] : found[0].span[1]] == "السبت 08 نوفمبر 2025"
    assert found[1].label == "published"
    assert find_dates(filler * 5) == []


def test_fold_digits() -> None:
    assert fold_digits("۲۰23/۰۸/١٥") == "2023/08/15"
    assert fold_digits("abc") == "abc"
    assert len(fold_digits("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹")) == 20


def test_has_date() -> None:
    assert has_date("السبت 08 نوفمبر 2025")
    assert has_date("٢٣ ديسمبر ٢٠٢٥")
    assert has_date("2025/11/08")
    assert has_date("نوفمبر (تشرين الثاني) 2025")
    assert has_date("منذ 3 ساعات")
    assert has_date("أمس")
    assert has_date("10 أغســطس 2015")
    assert not has_date("وقال الوزير إن الحكومة ستعمل على ذلك")
    assert not has_date("فاز الفريق 3 - 1")
    assert not has_date("")


def test_datematch_shape() -> None:
    m = parse_date("السبت 08 نوفمبر 2025")
    assert isinstance(m, DateMatch)
    assert m.calendar == "gregorian" and m.label is None and m.hijri is None
    assert not hasattr(m, "__dict__")  # slots


def test_empty_and_garbage() -> None:
    assert parse_date("") is None
    assert find_dates("") == []
    assert parse_date("31 نوفمبر 2025") is None  # no 31 November: not re-read as نوفمبر 2025
    assert parse_date("31/02/2020") is None
    assert parse_date("99/99/9999") is None
    assert parse_date("مارس") is None


def test_hijri_day_month_without_year() -> None:
    # the Hijri year comes from the reference (Umm al-Qura), checked by a named weekday
    m = parse_date("نهاية دوام يوم الخميس ٤ ذي الحجة", reference="2015-07-21")
    assert m.iso == "2015-09-17" and m.hijri == "1436-12-04" and m.year_inferred and m.weekday_ok is True
    m = parse_date("الخميس ٤ ذي الحجة", reference="2025-11-09")
    assert m.iso == "2026-05-21" and m.weekday_ok is True
    assert parse_date("ينطلق في 27 شوال الجاري", reference="2015-08-06").iso == "2015-08-12"
    assert parse_date("26 رمضان") is None  # no year, no reference
    # صفر is also "zero": never a year-less date
    assert find_dates("فاز الفريق 2 صفر", reference="2015-08-06") == []
    assert find_dates("انتهت 4 - صفر", reference="2015-08-06") == []


def test_yearless_hijri_takes_year_from_gregorian_pair() -> None:
    found = find_dates("في 6 أغسطس (آب) 2012، الموافق 17 رمضان، حين", reference="2015-07-21")
    assert [(d.iso, d.calendar) for d in found] == [("2012-08-06", "gregorian"), ("2012-08-05", "hijri")]
    assert found[1].hijri == "1433-09-17" and found[0].hijri == "1433-09-17"
