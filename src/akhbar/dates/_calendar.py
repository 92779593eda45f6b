"""Calendar arithmetic: Hijri -> Gregorian conversion and the year of a date stated without one.

* Hijri dates are converted with the Umm al-Qura calendar of the ``hijridate`` package
  (``_hijri_to_greg``, cached); a year is Hijri when an era marker says so (هـ، هجري،
  للهجرة، H) or, unmarked, when it lies in 1300-1500 (``_is_hijri_year``).
* Solar Hijri (Persian, Jalali) dates are converted arithmetically (``_jalali_to_greg``): the
  33-year-cycle day count of the ``jalali_to_gregorian`` function of the JDF library
  (jdf.scr.ir, the algorithm most Persian software uses), agreeing with the official
  astronomical calendar for 1178-1633 SH; day numbers are anchored to 1 Farvardin 1399 =
  2020-03-20.
* Two-digit years: the POSIX ``strptime %y`` pivot, or the century nearest the reference
  (``_two_digit_year``).
* Day-month dates without a year take the reference year +-1 (``_infer_year``,
  ``_infer_hijri_year``): the nearest to the reference, days after it counted twice,
  obeying direction words (الماضي، القادم، الجاري) and a named weekday.
"""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache

from hijridate import Gregorian, Hijri

from ._grammar import _key


def _ref_date(ref) -> _dt.date:
    return ref.date() if isinstance(ref, _dt.datetime) else ref


def _two_digit_year(yy: int, ref) -> int:
    """POSIX ``strptime %y`` pivot (69-99 -> 19xx, 00-68 -> 20xx), or nearest century to ``ref``."""
    if ref is not None:
        base = _ref_date(ref).year
        best = min((c + yy for c in (1900, 2000, 2100)), key=lambda y: (abs(y - base - 10), y))
        return best
    return 2000 + yy if yy < 69 else 1900 + yy


@lru_cache(maxsize=4096)
def _hijri_to_greg(y: int, m: int, d: int) -> _dt.date | None:
    try:
        g = Hijri(y, m, d).to_gregorian()
        return _dt.date(g.year, g.month, g.day)
    except (ValueError, OverflowError):
        return None


def _jalali_days(jy: int, jm: int, jd: int) -> int:
    """Continuous day number of a Solar Hijri date (JDF's ``jalali_to_gregorian`` day count)."""
    y = jy + 1595
    days = -355668 + 365 * y + (y // 33) * 8 + ((y % 33) + 3) // 4 + jd
    return days + ((jm - 1) * 31 if jm < 7 else (jm - 7) * 30 + 186)


_JALALI_ANCHOR = _dt.date(2020, 3, 20).toordinal() - _jalali_days(1399, 1, 1)


@lru_cache(maxsize=1024)
def _jalali_to_greg(y: int, m: int, d: int) -> _dt.date | None:
    """Gregorian date of Solar Hijri ``y-m-d`` (``2 تیر 1399`` -> 2020-06-22), None when the day
    does not exist (months 1-6 have 31 days, 7-11 have 30, Esfand 29 or 30 in a leap year)."""
    if not (1 <= m <= 12 and 1 <= d <= 31) or (m > 6 and d > 30):
        return None
    if m == 12 and d == 30 and _jalali_days(y + 1, 1, 1) - _jalali_days(y, 12, 1) != 30:
        return None
    try:
        return _dt.date.fromordinal(_jalali_days(y, m, d) + _JALALI_ANCHOR)
    except (ValueError, OverflowError):
        return None


def _is_hijri_year(y: int, era: str | None) -> bool:
    if era is not None:
        e = _key(era)
        if e.startswith("ه") or e == "h" or e == "للهجره":
            return True
        if e in ("م", "ميلادي", "ميلاديه", "ad"):
            return False
    return 1300 <= y <= 1500


def _infer_year(month: int, day: int, ref, weekday: int | None, direction: str | None = None
                ) -> tuple[_dt.date | None, bool]:
    """Pick the year (reference year +-1) for a day-month date without a year.

    A named weekday must agree when it can; ``direction`` ("past" for الماضي/المنصرم,
    "future" for القادم/المقبل, "current" for الجاري/الحالي, the words that follow such dates
    in news text) restricts the choice; otherwise the nearest date wins, with days after the
    reference counted twice (news mostly reports the past; "30 يناير" read in August
    is the January before, "3 سبتمبر" read in August the coming one)."""
    rd = _ref_date(ref)
    cands = []
    for y in (rd.year - 1, rd.year, rd.year + 1):
        try:
            cands.append(_dt.date(y, month, day))
        except ValueError:
            continue
    if not cands:
        return None, False
    if direction == "current":
        cands = [c for c in cands if c.year == rd.year] or cands
    elif direction == "past":
        cands = [c for c in cands if c <= rd] or cands
    elif direction == "future":
        cands = [c for c in cands if c >= rd] or cands
    if weekday is not None:
        good = [c for c in cands if c.weekday() == weekday]
        if good:
            cands = good
    return min(cands, key=lambda c: ((rd - c).days if c <= rd else 2 * (c - rd).days, c)), True


def _infer_hijri_year(month: int, day: int, ref, direction: str | None, weekday: int | None = None
                      ) -> int | None:
    """Hijri year (that of the reference, +-1) putting ``day month`` nearest the reference,
    by the same rule as :func:`_infer_year` (past preferred, direction words obeyed)."""
    rd = _ref_date(ref)
    try:
        hy = Gregorian(rd.year, rd.month, rd.day).to_hijri().year
    except (ValueError, OverflowError):
        return None
    best = None
    for y in (hy - 1, hy, hy + 1):
        g = _hijri_to_greg(y, month, day)
        if g is None:
            continue
        if direction == "past" and g > rd or direction == "future" and g < rd \
                or direction == "current" and y != hy:
            continue
        cost = (rd - g).days if g <= rd else 2 * (g - rd).days
        if weekday is not None and g.weekday() != weekday:
            cost += 10_000  # a named weekday that does not fit loses to any that does
        if best is None or cost < best[0]:
            best = (cost, y)
    return best[1] if best is not None else None
