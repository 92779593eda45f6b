"""The :class:`DateMatch` record, and the time of day attached to a matched date.

``_time`` and ``_time_value`` read a ``TIME`` / ``TIME_BEFORE`` match (patterns in
:mod:`akhbar.dates._grammar`): 24-hour or 12-hour clock with a day-part word
(``tables.AMPM``), and a zone: Latin abbreviation (``tables.ZONE_ABBR``), numeric offset,
``بتوقيت`` + a named zone (``tables.ZONE_NAMES``) or the SPA wire forms ``ت م`` / ``ت غ``
(``tables.ZONE_SPA``); the sources of these tables are in :mod:`akhbar.dates.tables`.
``_day_match`` makes the day-precision match, or a finer one when a time follows.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache

from . import tables as T
from ._grammar import AMPM, TIME, ZONES, _key


@dataclass(slots=True)
class DateMatch:
    """One date found in a text.

    Fields:
        value: ``datetime.date``, or ``datetime.datetime`` when a time is stated (tz-aware
            when a zone/offset is stated or known, naive otherwise). For a Hijri date this is
            the Gregorian equivalent (Umm al-Qura, via ``hijridate``).
        iso: ISO 8601 string: ``value.isoformat()`` for day/minute/second precision,
            ``"YYYY-MM"`` for month and ``"YYYY"`` for year precision (Gregorian dates).
        precision: ``"year" | "month" | "day" | "minute" | "second"``.
        span: ``(start, end)`` character offsets (Python ``str`` indices) into the input,
            covering an attached weekday name and time.
        calendar: ``"gregorian"`` or ``"hijri"`` (the calendar the text states).
        weekday_ok: whether a weekday named next to the date agrees with it; ``None`` if none.
        label: ``"published"`` / ``"updated"`` when a cue (نشر في، آخر تحديث ...) precedes it.
        hijri: ``"YYYY-MM-DD"`` (or ``"YYYY-MM"``) Hijri date stated in the text: on a Hijri
            match, or on a Gregorian match given with its Hijri equivalent (``... هـ الموافق``).
        year_inferred: True when the text had no year and it was taken from ``reference``.
        relative: True for a date computed from ``reference`` (منذ 3 ساعات، أمس، اليوم).
    """

    value: _dt.date | _dt.datetime
    iso: str
    precision: str
    span: tuple[int, int]
    calendar: str = "gregorian"
    weekday_ok: bool | None = None
    label: str | None = None  # "published" | "updated" | None
    hijri: str | None = None
    year_inferred: bool = False
    relative: bool = False


# ----------------------------------------------------------------------------- time of day

def _time(F: str, pos: int, d: _dt.date):
    """Match a time (and zone) right after a date ending at ``pos``.

    Returns ``(datetime, precision, end, is_update)`` or None; ``is_update`` when the time is
    introduced by an update cue (``..., آخر تحديث 14:00``)."""
    t = TIME.match(F, pos)
    if t is None:
        return None
    value, prec = _time_value(t, d)
    return value, prec, t.end(), t.group("tupd") is not None


@lru_cache(maxsize=256)
def _tz(minutes: int) -> _dt.timezone:
    return _dt.timezone(_dt.timedelta(minutes=minutes))


_GROUP_IDX: dict[int, tuple[int, ...]] = {}  # id(pattern) -> group positions; patterns live forever
_TIME_GROUPS = ("ch", "cmi", "cs", "h", "mi", "s", "ap", "zafter", "zabbr", "zsign", "zh", "zm", "znum", "zname",
                "zspa")


def _time_value(t: re.Match, d: _dt.date) -> tuple[_dt.datetime, str]:
    """(datetime on day ``d``, precision) from a TIME or TIME_BEFORE match."""
    idx = _GROUP_IDX.get(id(t.re))  # id: hashing a Pattern hashes its whole compiled code
    if idx is None:
        gi = t.re.groupindex
        idx = _GROUP_IDX[id(t.re)] = tuple(gi.get(g, 0) - 1 for g in _TIME_GROUPS)
    groups = t.groups()
    ch, cmi, cs, h, mi, sec, ap, zafter, zabbr, zsign, zh, zm, znum, zname, zspa = (
        groups[i] if i >= 0 else None for i in idx
    )
    if ch is not None:
        hh, mm = int(ch), int(cmi)
        sec = cs
    else:
        hh, mm = int(h), int(mi)
    if ap is not None:
        kind = AMPM.get(_key(ap))
        if kind == "am" and hh == 12:
            hh = 0
        elif kind == "pm" and hh < 12 or kind == "noon" and hh < 11 or kind == "night" and 6 <= hh < 12:
            hh += 12
    off = None
    if zafter is not None:
        off = T.ZONE_ABBR[zafter.lower()]
    elif zabbr is not None:
        off = T.ZONE_ABBR[zabbr.lower()]
        if zsign:
            off = int(zh) * 60 + int(zm or 0)
            if zsign == "-":
                off = -off
    elif znum is not None:
        z = znum.replace(":", "")
        off = int(z[1:3]) * 60 + int(z[3:5])
        if z[0] == "-":
            off = -off
    elif zname is not None:
        off = ZONES.get(_key(zname))
    elif zspa is not None:
        off = T.ZONE_SPA[_key(zspa)]
    tz = _tz(off) if off is not None and -840 <= off <= 840 else None
    value = _dt.datetime(d.year, d.month, d.day, hh, mm, int(sec or 0), tzinfo=tz)
    return value, ("second" if sec is not None else "minute")


def _day_match(d: _dt.date, F: str, e: int, s: int, calendar: str = "gregorian",
               hijri: str | None = None, inferred: bool = False):
    tm = _time(F, e, d)
    if tm is not None:
        v, prec, e, upd = tm
        return DateMatch(v, v.isoformat(), prec, (s, e), calendar, None, "updated" if upd else None,
                         hijri, inferred), e
    return DateMatch(d, d.isoformat(), "day", (s, e), calendar, None, None, hijri, inferred), e
