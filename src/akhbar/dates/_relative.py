"""Relative dates: ``منذ 3 ساعات``, ``قبل يومين``, ``أمس``, ``أول أمس``, ``اليوم``, ``3 hours ago``.

Owns the relative-unit dictionary (``UNITS``), the pattern of relative dates without digits
(``AT_REL``; the digit forms ``REL`` and ``AGO`` are branches of ``AT_WORD`` / ``AT_DIGIT``
in :mod:`akhbar.dates._grammar`), the literal search that finds where one may start
(``REL_LITERALS``, :func:`rel_positions`, :func:`has_rel_literal`, ``_rel_in``) and
:func:`build_relative`, which computes the date from the reference. Relative dates are only
looked for when a reference is given. The unit names and the vague plurals (قبل أسابيع) are
in :mod:`akhbar.dates.tables` (``RELATIVE_UNITS``, ``VAGUE_PLURAL_UNITS``).
"""

from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_left

from . import tables as T
from ._calendar import _ref_date
from ._fold import fold_name
from ._grammar import (
    _GM,
    _HM,
    _I,
    _WD_NAMES,
    NOT_LETTER_AFTER,
    NOT_LETTER_BEFORE,
    _alt,
    _key,
    _last_word,
    _names,
    _rx,
)
from ._match import DateMatch, _day_match, _time

UNITS = {_key(fold_name(k)): v for k, v in T.RELATIVE_UNITS.items()}
# without a number only singular/dual units are dates (منذ يومين); plurals are vague (قبل أسابيع)
_UNITS_WORD_ALT = _alt(_names(k for k in T.RELATIVE_UNITS if k not in T.VAGUE_PLURAL_UNITS))
_UNITS_ALT = _alt(_names(T.RELATIVE_UNITS))
_AGO = r"(?:" + _alt(_names(T.AGO_AFTER)) + ")" + NOT_LETTER_AFTER
CAL_UNITS = {_key(fold_name(k))[2:]: v for k, v in T.CALENDAR_UNITS.items()}  # without ال
CAL_DIRS = {_key(fold_name(k)): v for k, v in T.CALENDAR_DIRECTIONS.items()}
_YEST_WORDS = _alt(_names(T.COLLOQUIAL_YESTERDAY))

# Relative dates without digits (only looked for when a reference is given).
AT_REL = _rx(
    "|".join(
        [
            r"(?P<RELW>[وف]?(?P<rwp>منذ|قبل|بعد)\s+(?P<rw>" + _UNITS_WORD_ALT + ")" + NOT_LETTER_AFTER
            + r"(?!\s*(?:\d|" + _GM + "|" + _HM + "|" + _alt(_WD_NAMES) + r"))(?:\s+" + _AGO + ")?)",
            r"(?P<YEST>(?:(?:و|ف)?(?:ال|بال)?امس(?:\s+الاول)?|البارحه|" + _YEST_WORDS + "|yesterday|hier)"
            + NOT_LETTER_AFTER + ")",
            r"(?P<TODAY>(?:اليوم|today|aujourd'hui)" + NOT_LETTER_AFTER + ")",
            # الأسبوع الماضي، العام المقبل، للعام الجاري; هذا/هذه before is found by THIS_BEFORE
            r"(?P<CAL>(?:[وفب]?ال|[وف]?لل)(?P<cu>" + _alt(CAL_UNITS) + ")" + NOT_LETTER_AFTER
            + r"(?:\s+(?P<cd>" + _alt(CAL_DIRS) + ")" + NOT_LETTER_AFTER + ")?)",
        ]
    ),
    _I,
)
THIS_BEFORE = _rx(r"(?:^|(?<=\s))(?:هذا|هذه)\s+$")

# Forms read only in dateline-like strings (see DATELINE_ONLY): الآن، غداً، من ساعتين، ساعتين مضت.
WEAK = _rx(
    "|".join(
        [
            NOT_LETTER_BEFORE + r"(?P<NOW>(?:" + _alt(_names(T.NOW_WORDS)) + ")" + NOT_LETTER_AFTER + ")",
            NOT_LETTER_BEFORE + r"(?P<TMRW>(?:" + _alt(_names(T.TOMORROW_WORDS)) + ")" + NOT_LETTER_AFTER + ")",
            NOT_LETTER_BEFORE + r"(?P<RELC>من\s+(?:(?P<cn>\d{1,3})\s*(?P<cnu>" + _UNITS_ALT + ")|(?P<cw>"
            + _UNITS_WORD_ALT + "))" + NOT_LETTER_AFTER + r"(?:\s+" + _AGO + ")?)",
            NOT_LETTER_BEFORE + r"(?P<DAGO>(?P<dw>" + _UNITS_WORD_ALT + ")" + NOT_LETTER_AFTER + r"\s+" + _AGO + ")",
        ]
    ),
    _I,
)
#: Relative kinds accepted only in a dateline-like string: the whole text is the expression
#: (but for punctuation and digits), or a label cue (نشر) comes before it, or a time after it.
#: ``RELF`` is REL / RELW with بعد (بعد يومين): in body prose it is nearly always narrative, after
#: an event told before (يوماً بعد يوم، وبعد عام تسلل، بعد 17 عاما قضاها), measured on SaudiNewsNet.
DATELINE_ONLY = frozenset({"TODAY", "NOW", "TMRW", "RELC", "DAGO", "RELF"})


def rel_kind(m: re.Match) -> str:
    """The kind of a relative match: its group name, but ``RELF`` for a future REL / RELW (بعد)."""
    k = m.lastgroup
    if k == "REL" and _key(m.group("rp")) == "بعد" or k == "RELW" and _key(m.group("rwp")) == "بعد":
        return "RELF"
    return k
_WEAK_MAX = 80  # characters: WEAK is only searched in texts (windows) this short

# Literal spellings that start (or lie inside) a relative date; located with str.find (a C
# scan), which is ~6x faster on long Arabic text than one regex alternation (measured on
# SaudiNewsNet bodies). Each find costs a pass over the text, so one literal covers several
# spellings where it can: "مس" for امس/أمس/إمس/آمس (checked by the letter before), "بارح"
# for البارحة/امبارح/مبارح, "سبوع"/"لشهر"/"لعام"/"لسن" for the calendar periods.
REL_LITERALS = ("مس", "منذ", "قبل", "بعد", "اليوم", "بارح", "سبوع", "لشهر", "لعام", "لسن", "yesterday",
                "Yesterday", "YESTERDAY", "today", "Today", "TODAY", "hier", "Hier", "aujourd", "Aujourd")
_AMS = frozenset(("امس", "أمس", "إمس", "آمس"))
_ALEFS = "اأإآ"
_CAL_LITS = frozenset(("سبوع", "لشهر", "لعام", "لسن"))
_PREP_LITS = frozenset(("منذ", "قبل", "بعد"))


# A calendar period is a date only with a direction word after it (الماضي، المقبل ...) or
# هذا/هذه before it, so its literals (لعام is in most bodies) are only looked for when one of
# these stems is in the text (_has_direction: a few C substring scans, stopping at the first
# found; the stems cover ي/ى, ة/ه and the feminine forms).
_DIR = "\x00dir"
# most frequent first (SaudiNewsNet bodies): the scan stops at the first one found
_DIR_STEMS = ("هذا", "هذه", "حال", "ماض", "جار", "مقبل", "قادم", "منصرم", "فائت", "فايت", "هذة")


def _has_direction(text: str) -> bool:
    for w in _DIR_STEMS:
        if w in text:
            return True
    return False


# REL_LITERALS by a character each of them contains: a literal is only looked for when its
# character is in the text (a one-character test costs ~1/8 of a literal search on Arabic text,
# and Arabic news bodies rarely hold y, h or j).
_REL_BY_CHAR: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("", ("مس", "منذ", "قبل", "بعد", "اليوم", "بارح")),
    (_DIR, ("سبوع", "لشهر", "لعام", "لسن")),
    ("y", ("yesterday", "today", "Today")),
    ("Y", ("Yesterday", "YESTERDAY", "TODAY")),
    ("h", ("hier",)),
    ("H", ("Hier",)),
    ("j", ("aujourd", "Aujourd")),
)
assert sorted(x for _, g in _REL_BY_CHAR for x in g) == sorted(REL_LITERALS)
assert all(c in lit or c == _DIR for c, g in _REL_BY_CHAR for lit in g)


# What :func:`akhbar.dates.has_date` (no reference) looks for: the relative words it read before
# the calendar periods, بعد, مضت, امبارح and the dateline-only forms were added (those need a
# reference to be a date at all, and a body line such as "جلسات الأسبوع الماضي:" is no dateline).
_NOREF_BY_CHAR: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("", ("امس", "أمس", "إمس", "آمس", "منذ", "قبل", "اليوم", "البارحة", "البارحه")),
    *_REL_BY_CHAR[1:],
)


def noref_positions(text: str) -> list[tuple[int, str]]:
    """Sorted (offset, literal) of every ``_NOREF_BY_CHAR`` literal in ``text``."""
    out: list[tuple[int, str]] = []
    for c, group in _NOREF_BY_CHAR:
        if c and c not in text:
            continue
        for lit in group:
            _find_all(text, lit, out)
    out.sort()
    return out


def _find_all(text: str, lit: str, out: list[tuple[int, str]]) -> None:
    """Append ``(offset, lit)`` for every occurrence of ``lit`` in ``text``."""
    i = text.find(lit)
    while i >= 0:
        out.append((i, lit))
        i = text.find(lit, i + 1)


def noref_unit(word: str) -> bool:
    """Whether the unit ``word`` of a relative match counts for :func:`akhbar.dates.has_date`
    (any unit but a second: ``منذ ثانية`` is read by ``find_dates`` with a reference only)."""
    u = UNITS.get(_key(fold_name(word)))
    return u is None or u[0] != "second"


def has_noref_literal(text: str) -> bool:
    """Whether ``text`` contains any ``_NOREF_BY_CHAR`` literal (a few C substring scans)."""
    for c, group in _NOREF_BY_CHAR:
        if c and c not in text:
            continue
        for lit in group:
            if lit in text:
                return True
    return False


def rel_positions(text: str) -> list[tuple[int, str]]:
    """Sorted (offset, literal) of every relative-date literal in ``text``: the REL_LITERALS,
    with "مس" reported as the امس spelling it ends (other hits dropped) and "بارح" as
    البارح / (ا)مبارح from where that word starts."""
    out = []
    for c, group in _REL_BY_CHAR:
        if c and (c not in text if c != _DIR else not _has_direction(text)):
            continue
        for lit in group:
            if lit not in ("مس", "بارح"):
                _find_all(text, lit, out)
                continue
            i = text.find(lit)
            if lit == "مس":
                while i >= 0:
                    if i > 0 and text[i - 1] in _ALEFS:
                        out.append((i - 1, text[i - 1 : i + 2]))
                    i = text.find(lit, i + 1)
                continue
            if lit == "بارح":
                while i >= 0:
                    if text.startswith("ال", i - 2):
                        out.append((i - 2, "البارح"))
                    elif i > 0 and text[i - 1] == "م":
                        j = i - 2 if i > 1 and text[i - 2] in _ALEFS else i - 1
                        out.append((j, text[j : i + 4]))
                    i = text.find(lit, i + 1)
    out.sort()
    return out


def has_rel_literal(text: str) -> bool:
    """Whether ``text`` may hold a relative date: any REL_LITERALS (a few C substring scans),
    or in a short text (``_WEAK_MAX``) a dateline-only form (الآن، غداً، من ساعتين)."""
    for c, group in _REL_BY_CHAR:
        if c and (c not in text if c != _DIR else not _has_direction(text)):
            continue
        for lit in group:
            if lit in text:
                return True
    return len(text) <= _WEAK_MAX and WEAK.search(text) is not None


def rel_match(F: str, qs: int, lit: str):
    """(start, match) of the relative date that the literal ``lit`` found at ``qs`` in ``F``
    belongs to (an ``AT_REL`` match), or None. Handles what may precede the literal: clitics
    (بالأمس، ومنذ، للعام), ``أول (من)`` before أمس, ``هذا``/``هذه`` before a calendar period."""
    if lit in _AMS:
        # allow attached clitics (بالامس، وامس) and اول (من) امس before
        w0 = qs
        while w0 > 0 and w0 > qs - 4 and F[w0 - 1].isalpha():
            w0 -= 1
        if _key(F[w0:qs]) not in _CLITIC_BEFORE:
            return None
        m = AT_REL.match(F, w0)
        if m is None:
            return None
        yb = YEST_BEFORE.search(F, max(0, w0 - 12), w0)
        return (yb.start() if yb is not None else w0), m
    if lit in _CAL_LITS:
        w0 = qs
        while w0 > 0 and w0 > qs - 4 and F[w0 - 1].isalpha():
            w0 -= 1
        if w0 > 0 and F[w0 - 1].isalpha():
            return None
        m = AT_REL.match(F, w0)
        if m is None or m.lastgroup != "CAL":
            return None
        tb = THIS_BEFORE.search(F, max(0, w0 - 10), w0)
        if tb is None:
            if m.group("cd") is None:
                return None
            if _key(m.group("cu")) == "عام":
                # الأمين العام الحالي: العام after a definite noun is the adjective "general"
                k, j = _last_word(F, w0)
                if _key(F[k:j]).startswith("ال"):
                    return None
            return w0, m
        return tb.start(), m
    w0 = qs
    if qs > 0 and F[qs - 1].isalpha():
        # ومنذ، فقبل، وبعد: one attached conjunction before a preposition
        if lit not in _PREP_LITS or F[qs - 1] not in "وف" or (qs > 1 and F[qs - 2].isalpha()):
            return None
        w0 = qs - 1
    m = AT_REL.match(F, w0)
    return None if m is None else (w0, m)


def _rel_in(rel: list[tuple[int, str]], lo: int, hi: int) -> list[tuple[int, str]]:
    """``rel_positions(text[lo:hi])`` from ``rel = rel_positions(text)``: the occurrences lying
    wholly inside ``[lo, hi)``, shifted by ``-lo`` (the order is kept)."""
    k = bisect_left(rel, (lo, ""))
    out = []
    for i, lit in rel[k:]:
        if i >= hi:
            break
        if i + len(lit) <= hi:
            out.append((i - lo, lit))
    return out


YEST_BEFORE = _rx(r"(?:^|(?<=\s))(?P<p>اول\s+(?:من\s+)?)$")
_CLITIC_BEFORE = ("", "و", "ف", "ال", "بال", "وال", "وبال", "فال")
_RELATIVE_KINDS = frozenset({"REL", "RELF", "RELW", "AGO", "MADT", "YEST", "TODAY", "CAL", "NOW", "TMRW", "RELC", "DAGO"})
# بعد 3 أيام من الحادث / على وفاته: after an event named next, not after the reference
_EVENT_AFTER = _rx(r"\s+(?:من|علي)" + NOT_LETTER_AFTER)


def _shift(ref, rd: _dt.date, unit: str, n: int, s: int, e: int):
    """The match for ``n`` units (negative: in the past) from the reference; its precision
    is that of the unit: minute for second/minute/hour offsets from a datetime reference (day
    from a date reference), day for days and weeks, month, year."""
    if unit in ("second", "minute", "hour"):
        if not isinstance(ref, _dt.datetime):
            return DateMatch(rd, rd.isoformat(), "day", (s, e)), e, False
        delta = _dt.timedelta(**{unit + "s": n})
        v = (ref + delta).replace(second=0, microsecond=0)
        return DateMatch(v, v.isoformat(), "minute", (s, e)), e, False
    if unit in ("day", "week"):
        v = rd + _dt.timedelta(days=n * (7 if unit == "week" else 1))
        return DateMatch(v, v.isoformat(), "day", (s, e)), e, False
    if unit == "month":
        k = rd.year * 12 + rd.month - 1 + n
        v = _dt.date(k // 12, k % 12 + 1, 1)
        return DateMatch(v, v.strftime("%Y-%m"), "month", (s, e)), e, False
    v = _dt.date(rd.year + n, 1, 1)
    return DateMatch(v, f"{v.year:04d}", "year", (s, e)), e, False


def build_relative(kind: str, m: re.Match, F: str, ref, s: int, e: int):
    """The date of a relative match found in folded text ``F`` from ``s`` to ``e``, computed
    from ``ref``: (DateMatch, folded end, time-followed flag) as ``_build`` returns, or None
    (always without a reference, and when the result leaves the calendar: year 1-9999).

    Kinds: ``REL`` (منذ/قبل/بعد + number + unit), ``RELW`` (the same with a singular or dual
    unit word: منذ يومين، بعد ساعة), ``AGO`` (3 hours ago), ``MADT`` (3 ساعات مضت),
    ``YEST`` (أمس، أول أمس، البارحة، امبارح), ``TODAY``, ``CAL`` (الأسبوع الماضي، هذا الشهر،
    العام المقبل), and the dateline-only ``NOW`` (الآن), ``TMRW`` (غداً), ``RELC``
    (من ساعتين) and ``DAGO`` (ساعتين مضت)."""
    if ref is None:
        return None
    try:
        return _build_relative(kind, m, F, ref, s, e)
    except (OverflowError, ValueError):
        return None  # منذ 999999 يوم, or a reference near year 1 / 9999


def _build_relative(kind: str, m: re.Match, F: str, ref, s: int, e: int):
    rd = _ref_date(ref)
    if kind == "RELF":
        kind = m.lastgroup
    if kind in ("REL", "RELW") and F[s] in "وف" and _EVENT_AFTER.match(F, e):
        return None  # وقبل يومين من الانتخابات: before an event named next
    if kind == "REL":
        if _key(m.group("rp")) == "بعد":
            if _EVENT_AFTER.match(F, e):
                return None
            return _shift(ref, rd, UNITS[_key(m.group("ru"))][0], int(m.group("rn")), s, e)
        return _shift(ref, rd, UNITS[_key(m.group("ru"))][0], -int(m.group("rn")), s, e)
    if kind == "RELW":
        unit, n = UNITS[_key(m.group("rw"))]
        if _key(m.group("rwp")) == "بعد":
            if _EVENT_AFTER.match(F, e):
                return None
            return _shift(ref, rd, unit, n, s, e)
        return _shift(ref, rd, unit, -n, s, e)
    if kind == "AGO":
        return _shift(ref, rd, UNITS[_key(m.group("au"))][0], -int(m.group("an")), s, e)
    if kind == "MADT":
        return _shift(ref, rd, UNITS[_key(m.group("mu"))][0], -int(m.group("mn")), s, e)
    if kind == "RELC":
        if m.group("cw") is not None:
            unit, n = UNITS[_key(m.group("cw"))]
        else:
            unit, n = UNITS[_key(m.group("cnu"))][0], int(m.group("cn"))
        return _shift(ref, rd, unit, -n, s, e)
    if kind == "DAGO":
        unit, n = UNITS[_key(m.group("dw"))]
        return _shift(ref, rd, unit, -n, s, e)
    if kind == "CAL":
        cd = m.group("cd")
        return _shift(ref, rd, CAL_UNITS[_key(m.group("cu"))], CAL_DIRS[_key(cd)] if cd else 0, s, e)
    if kind == "YEST":
        w = F[s:e]
        n = 2 if ("اول" in _key(w)) else 1
        v = rd - _dt.timedelta(days=n)
        dm, e = _day_match(v, F, e, s)
        return dm, e, False
    if kind == "TMRW":
        dm, e = _day_match(rd + _dt.timedelta(days=1), F, e, s)
        return dm, e, dm.precision != "day"
    if kind == "NOW":
        if isinstance(ref, _dt.datetime):
            v = ref.replace(second=0, microsecond=0)
            return DateMatch(v, v.isoformat(), "minute", (s, e)), e, False
        return DateMatch(rd, rd.isoformat(), "day", (s, e)), e, False
    if kind == "TODAY":
        tm = _time(F, e, rd)
        if tm is not None:
            v, prec, e, _ = tm
            return DateMatch(v, v.isoformat(), prec, (s, e)), e, True
        return DateMatch(rd, rd.isoformat(), "day", (s, e)), e, False
    return None
