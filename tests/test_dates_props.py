"""Property tests (hypothesis): format random dates in every supported style, parse them back."""

from __future__ import annotations

import datetime as dt

from hijridate import Gregorian
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from akhbar.dates import find_dates, fold_digits, has_date, parse_date
from akhbar.dates.tables import GREGORIAN_MONTHS, HIJRI_MONTHS, WEEKDAYS

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DATES = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31))
# Hijri dates inside hijridate's Umm al-Qura range (1343-1500 AH) and our Hijri year range
HDATES = st.dates(min_value=dt.date(1937, 3, 14), max_value=dt.date(2076, 11, 16))
DIGITS = st.sampled_from(["ascii", "arabic", "persian", "mixed"])
ARABIC_NAMES = {m: [n for n in names if not n.isascii()] for m, names in GREGORIAN_MONTHS.items()}
LATIN_NAMES = {m: [n for n in names if n.isascii()] for m, names in GREGORIAN_MONTHS.items()}
AR_WEEKDAYS = {w: [n for n in names if n.startswith("ال")] for w, names in WEEKDAYS.items()}


def digits(s: str, how: str, salt: int = 0) -> str:
    """Write the ASCII digits of ``s`` in another digit system (``mixed``: per code point)."""
    out = []
    for i, ch in enumerate(s):
        if ch.isdigit():
            k = how if how != "mixed" else ("ascii", "arabic", "persian")[(i + salt) % 3]
            base = {"ascii": 0x30, "arabic": 0x660, "persian": 0x6F0}[k]
            ch = chr(base + int(ch))
        out.append(ch)
    return "".join(out)


@SETTINGS
@given(DATES, DIGITS, st.data())
def test_day_month_year_every_month_name(d: dt.date, how: str, data) -> None:
    name = data.draw(st.sampled_from(ARABIC_NAMES[d.month] + LATIN_NAMES[d.month]))
    day = data.draw(st.sampled_from([str(d.day), f"{d.day:02d}"]))
    text = digits(f"{day} {name} {d.year}", how)
    m = parse_date(text)
    assert m is not None, text
    assert m.value == d and m.precision == "day" and m.calendar == "gregorian"
    assert has_date(text)


@SETTINGS
@given(DATES, st.data())
def test_dual_month_forms(d: dt.date, data) -> None:
    a = data.draw(st.sampled_from(ARABIC_NAMES[d.month]))
    b = data.draw(st.sampled_from(ARABIC_NAMES[d.month]))
    form = data.draw(st.sampled_from(["{d} {a}/{b} {y}", "{d} {a} / {b} {y}", "{d} {a} ({b}) {y}",
                                      "{d} {a} - {b} {y}", "{d} {a}/ {b} {y}"]))
    text = form.format(d=d.day, a=a, b=b, y=d.year)
    m = parse_date(text)
    assert m is not None and m.value == d, text
    assert text[m.span[0]:m.span[1]].endswith(str(d.year))


@SETTINGS
@given(DATES, DIGITS, st.data())
def test_month_day_comma_year(d: dt.date, how: str, data) -> None:
    name = data.draw(st.sampled_from(ARABIC_NAMES[d.month] + LATIN_NAMES[d.month]))
    text = digits(f"{name} {d.day}, {d.year}", how)
    m = parse_date(text)
    assert m is not None and m.value == d, text


@SETTINGS
@given(DATES, DIGITS, st.sampled_from(["{y}/{m:02d}/{d:02d}", "{y}-{m:02d}-{d:02d}", "{d:02d}-{m:02d}-{y}",
                                        "{d}/{m}/{y}", "{d:02d}.{m:02d}.{y}", "{d} / {m} / {y}"]))
def test_numeric(d: dt.date, how: str, form: str) -> None:
    text = digits(form.format(y=d.year, m=d.month, d=d.day), how)
    m = parse_date(text)
    assert m is not None and m.value == d, text


@SETTINGS
@given(st.datetimes(min_value=dt.datetime(1970, 1, 1), max_value=dt.datetime(2090, 1, 1)),
       st.integers(min_value=-12, max_value=14))
def test_iso_and_rfc822(t: dt.datetime, off: int) -> None:
    t = t.replace(microsecond=0, tzinfo=dt.timezone(dt.timedelta(hours=off)))
    m = parse_date(t.isoformat())
    assert m is not None and m.value == t and m.value.utcoffset() == t.utcoffset()
    sign = "+" if off >= 0 else "-"
    rfc = t.strftime("%a, %d %b %Y %H:%M:%S ") + f"{sign}{abs(off):02d}00"
    m = parse_date(rfc)
    assert m is not None and m.value == t and m.weekday_ok is True, rfc
    gmt = t.astimezone(dt.UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")
    m = parse_date(gmt)
    assert m is not None and m.value == t, gmt


@SETTINGS
@given(st.datetimes(min_value=dt.datetime(1970, 1, 1), max_value=dt.datetime(2090, 1, 1)), DIGITS, st.data())
def test_weekday_and_12h_time(t: dt.datetime, how: str, data) -> None:
    t = t.replace(second=0, microsecond=0)
    wd = data.draw(st.sampled_from(AR_WEEKDAYS[t.weekday()]))
    name = data.draw(st.sampled_from(ARABIC_NAMES[t.month]))
    h12 = t.hour % 12 or 12
    ampm = data.draw(st.sampled_from(["ص", "صباحاً"] if t.hour < 12 else ["م", "مساءً"]))
    sep = data.draw(st.sampled_from([" - ", " ", "، الساعة ", " | "]))
    text = digits(f"{wd}، {t.day} {name} {t.year}م{sep}{h12}:{t.minute:02d} {ampm}", how)
    m = parse_date(text)
    assert m is not None, text
    assert m.value == t and m.weekday_ok is True and m.value.tzinfo is None, text


@SETTINGS
@given(HDATES, DIGITS, st.data())
def test_hijri_textual_and_numeric(g: dt.date, how: str, data) -> None:
    h = Gregorian(g.year, g.month, g.day).to_hijri()
    if not 1300 <= h.year <= 1500:
        return
    name = data.draw(st.sampled_from(HIJRI_MONTHS[h.month]))
    mark = data.draw(st.sampled_from(["هـ", " هـ", "ه", " هجري"]))
    text = digits(f"{h.day} {name} {h.year}{mark}", how)
    m = parse_date(text)
    assert m is not None, text
    assert m.value == g and m.calendar == "hijri" and m.hijri == f"{h.year:04d}-{h.month:02d}-{h.day:02d}"
    text = digits(f"{h.day}/{h.month}/{h.year} هـ", how)
    m = parse_date(text)
    assert m is not None and m.value == g, text


@SETTINGS
@given(HDATES)
def test_hijri_with_gregorian_equivalent(g: dt.date) -> None:
    h = Gregorian(g.year, g.month, g.day).to_hijri()
    if not 1300 <= h.year <= 1500:
        return
    text = f"الرياض {h.day} {HIJRI_MONTHS[h.month][0]} {h.year} هـ الموافق {g.day} {ARABIC_NAMES[g.month][0]} {g.year} م"
    m = parse_date(text)
    assert m is not None and m.value == g and m.calendar == "gregorian"
    assert m.hijri == f"{h.year:04d}-{h.month:02d}-{h.day:02d}"


@SETTINGS
@given(st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2090, 1, 1)),
       st.integers(min_value=3, max_value=10), st.sampled_from(["ساعات", "دقائق", "أيام"]))
def test_relative(ref: dt.datetime, n: int, unit: str) -> None:
    ref = ref.replace(second=0, microsecond=0)
    m = parse_date(f"منذ {n} {unit}", reference=ref)
    assert m is not None and m.relative
    if unit == "ساعات":
        assert m.value == ref - dt.timedelta(hours=n)
    elif unit == "دقائق":
        assert m.value == ref - dt.timedelta(minutes=n)
    else:
        assert m.value == ref.date() - dt.timedelta(days=n)


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("0123456789٠١٢٣٤٥٦٧٨٩/-.:، منذأمسيونيوشوالهـمص\u200f\u0640")),
               max_size=60))
def test_never_raises_and_spans_valid(text: str) -> None:
    ref = dt.datetime(2025, 11, 9, 12, 0)
    found = find_dates(text, reference=ref)
    last = 0
    for m in found:
        a, b = m.span
        assert last <= a < b <= len(text)
        last = b
    # has_date is documented as a superset of find_dates *without* a reference: forms that only a
    # reference makes dates ("الآن", "ألأن") are left out on purpose (a line naming a period is no
    # dateline)
    if find_dates(text):
        assert has_date(text)
    assert fold_digits(text).count("/") == text.count("/")


@SETTINGS
@given(st.text(max_size=200))
def test_arbitrary_text(text: str) -> None:
    find_dates(text)
    parse_date(text, reference="2025-11-09")
    has_date(text)


FILLER = st.sampled_from([
    "وقال الوزير إن الحكومة ستواصل العمل ", "فاز الفريق 3 - 1 في المباراة ", "ارتفع المؤشر 2.5 في المائة ",
    "\n", "، ", "أمس ", "منذ يومين ", "اليوم ", "صحيفة اليوم ", "قبل أن ", "عام 2015 ",
])
PIECES = st.sampled_from([
    "السبت 08 نوفمبر 2025", "2025/11/08 10:30", "٢٣ ديسمبر ٢٠٢٥", "25 شوال 1436 هـ الموافق 10 أغسطس 2015 م",
    "Sun, 20 May 2018 13:22:10 +0400", "نشر في: 8 نوفمبر 2025", "17 مارس/ آذار 2020", "منذ 3 ساعات",
])


@SETTINGS
@given(st.lists(st.one_of(FILLER, PIECES), min_size=5, max_size=60))
def test_windowed_scan_equals_full_scan(parts: list[str]) -> None:
    from akhbar.dates import _scan

    text = "".join(parts)
    ref = dt.datetime(2025, 11, 9, 12, 0)
    full = _scan._scan_window(text, _scan.as_reference(ref), 0)
    got = find_dates(text, reference=ref)
    assert [(m.iso, m.span, m.label) for m in got] == [(m.iso, m.span, m.label) for m in full]
