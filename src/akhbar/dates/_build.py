"""Turning one grammar match into a :class:`~akhbar.dates._match.DateMatch`.

``_build`` reads the groups of an ``AT_DIGIT`` / ``AT_WORD`` / ``AT_REL`` match (numeric,
day-month-year, month-day-year, month-year, year with a cue, and the Hijri forms), checks
that the day exists and the year range (Gregorian 1800-2199, a year alone 1900-2199, Hijri by
era marker or 1300-1500), converts Hijri dates (:mod:`akhbar.dates._calendar`), infers a
missing year from the reference, and attaches a following time; the relative kinds are
resolved by :func:`akhbar.dates._relative.build_relative`.
"""

from __future__ import annotations

import datetime as _dt
import re

from ._calendar import _hijri_to_greg, _infer_hijri_year, _infer_year, _is_hijri_year, _two_digit_year
from ._grammar import DIRECTION, GMONTH, HMONTH, _mkey
from ._match import DateMatch, _day_match
from ._relative import build_relative


def _gregorian_day(y: int, mo: int, d: int, era: str | None, F: str, e: int, s: int):
    """A day-precision Gregorian match for year ``y`` (1800-2199, not marked or shaped Hijri), or None
    when the day does not exist."""
    if (era is not None and _is_hijri_year(y, era)) or not 1800 <= y <= 2199:
        return None
    try:
        dd = _dt.date(y, mo, d)
    except ValueError:
        return None
    dm, e = _day_match(dd, F, e, s)
    return dm, e, False


def _build(kind: str, m: re.Match, F: str, ref, s: int):
    """Turn one CORE match into (DateMatch, folded end, time-followed flag) or None."""
    e = m.end(kind)
    if kind == "NUM":
        a, b, c = m.group("n1"), m.group("n2"), m.group("n3")
        era = m.group("nera")
        if len(a) == 4 and len(c) <= 2:
            y, mo, d = int(a), int(b), int(c)
        elif len(a) <= 2 and len(c) in (2, 4):
            d, mo, y = int(a), int(b), int(c)
            if mo > 12 and d <= 12:
                d, mo = mo, d  # month-first (US) when day-first is impossible
            if len(c) == 2:
                if m.group("sep") == "." and era is None:
                    return None  # 1.2.25 is more often a version/score than a date
                y = _two_digit_year(y, ref)
        else:
            return None
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            return None
        if _is_hijri_year(y, era):
            g = _hijri_to_greg(y, mo, d)
            if g is None:
                return None
            dm, e = _day_match(g, F, e, s, "hijri", f"{y:04d}-{mo:02d}-{d:02d}")
            return dm, e, False
        return _gregorian_day(y, mo, d, None, F, e, s)
    if kind == "DMY":
        d = int(m.group("dd"))
        mo = GMONTH[_mkey(m.group("dm"))]
        ys = m.group("dy")
        if ys is None:
            if ref is None:
                return None
            dr = DIRECTION.match(F, e)
            dd, _ = _infer_year(mo, d, ref, None, dr.lastgroup if dr is not None else None)
            if dd is None:
                return None
            dm, e = _day_match(dd, F, e, s, inferred=True)
            return dm, e, False
        y = int(ys)
        return _gregorian_day(y, mo, d, m.group("dera"), F, e, s)
    if kind == "MDY":
        d = int(m.group("md"))
        mo = GMONTH[_mkey(m.group("mm"))]
        y = int(m.group("my"))
        return _gregorian_day(y, mo, d, m.group("mera"), F, e, s)
    if kind == "HDMY":
        d = int(m.group("hd"))
        mo = HMONTH[_mkey(m.group("hm"))]
        inferred = False
        if m.group("hy") is None:
            # 26 رمضان / الخميس ٤ ذي الحجة: the Hijri year from the reference; never صفر (also
            # "zero", as in the score 2 - صفر) and only with plain spaces between day and month
            if ref is None or mo == 2 or m.group("hsep").strip():
                return None
            dr = DIRECTION.match(F, e)
            y = _infer_hijri_year(mo, d, ref, dr.lastgroup if dr is not None else None)
            if y is None:
                return None
            inferred = True
        else:
            y = int(m.group("hy"))
            if not _is_hijri_year(y, m.group("hera")):
                return None
        g = _hijri_to_greg(y, mo, d)
        if g is None:
            return None
        dm, e = _day_match(g, F, e, s, "hijri", f"{y:04d}-{mo:02d}-{d:02d}", inferred)
        return dm, e, False
    if kind == "MY":
        y = int(m.group("yy"))
        mo = GMONTH[_mkey(m.group("ym"))]
        if _is_hijri_year(y, m.group("yera")) or not 1800 <= y <= 2199:
            return None
        v = _dt.date(y, mo, 1)
        return DateMatch(v, f"{y:04d}-{mo:02d}", "month", (s, e)), e, False
    if kind == "HMY":
        y = int(m.group("hmy"))
        mo = HMONTH[_mkey(m.group("hmm"))]
        if not _is_hijri_year(y, m.group("hmera")):
            return None
        g = _hijri_to_greg(y, mo, 1)
        if g is None:
            return None
        return DateMatch(g, g.isoformat(), "month", (s, e), "hijri", None, None, f"{y:04d}-{mo:02d}"), e, False
    if kind == "YR":
        y = int(m.group("yo"))
        era = m.group("yoera")
        if era is not None and _is_hijri_year(y, era):
            g = _hijri_to_greg(y, 1, 1)
            if g is None:
                return None
            return DateMatch(g, g.isoformat(), "year", (s, e), "hijri", None, None, f"{y:04d}"), e, False
        if not 1900 <= y <= 2199:
            return None
        return DateMatch(_dt.date(y, 1, 1), f"{y:04d}", "year", (s, e)), e, False
    return build_relative(kind, m, F, ref, s, e)
