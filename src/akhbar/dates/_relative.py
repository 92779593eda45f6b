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
from ._grammar import _GM, _HM, _I, _WD_NAMES, NOT_LETTER_AFTER, _alt, _key, _names, _rx
from ._match import DateMatch, _day_match, _time

UNITS = {_key(fold_name(k)): v for k, v in T.RELATIVE_UNITS.items()}
# without a number only singular/dual units are dates (منذ يومين); plurals are vague (قبل أسابيع)
_UNITS_WORD_ALT = _alt(_names(k for k in T.RELATIVE_UNITS if k not in T.VAGUE_PLURAL_UNITS))

# Relative dates without digits (only looked for when a reference is given).
AT_REL = _rx(
    "|".join(
        [
            r"(?P<RELW>(?:منذ|قبل)\s+(?P<rw>" + _UNITS_WORD_ALT + ")" + NOT_LETTER_AFTER
            + r"(?!\s*(?:\d|" + _GM + "|" + _HM + "|" + _alt(_WD_NAMES) + ")))",
            r"(?P<YEST>(?:(?:و|ف)?(?:ال|بال)?امس(?:\s+الاول)?|البارحه|yesterday|hier)" + NOT_LETTER_AFTER + ")",
            r"(?P<TODAY>(?:اليوم|today|aujourd'hui)" + NOT_LETTER_AFTER + ")",
        ]
    ),
    _I,
)
# Literal spellings that start a relative date; located with str.find (a C scan), which is
# ~10x faster on long Arabic text than a regex alternation of variant classes.
REL_LITERALS = ("امس", "أمس", "إمس", "آمس", "منذ", "قبل", "اليوم", "البارحة", "البارحه", "yesterday",
                "Yesterday", "YESTERDAY", "today", "Today", "TODAY", "hier", "Hier", "aujourd", "Aujourd")
_AMS = frozenset(("امس", "أمس", "إمس", "آمس"))


# REL_LITERALS by a character each of them contains: a literal is only looked for when its
# character is in the text (a one-character test costs ~1/8 of a literal search on Arabic text,
# and Arabic news bodies rarely hold y, h or j).
_REL_BY_CHAR: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("", ("امس", "أمس", "إمس", "آمس", "منذ", "قبل", "اليوم", "البارحة", "البارحه")),
    ("y", ("yesterday", "today", "Today")),
    ("Y", ("Yesterday", "YESTERDAY", "TODAY")),
    ("h", ("hier",)),
    ("H", ("Hier",)),
    ("j", ("aujourd", "Aujourd")),
)
assert sorted(x for _, g in _REL_BY_CHAR for x in g) == sorted(REL_LITERALS)
assert all(c in lit for c, g in _REL_BY_CHAR for lit in g)


def rel_positions(text: str) -> list[tuple[int, str]]:
    """Sorted (offset, literal) of every REL_LITERALS occurrence in ``text``."""
    out = []
    for c, group in _REL_BY_CHAR:
        if c and c not in text:
            continue
        for lit in group:
            i = text.find(lit)
            while i >= 0:
                out.append((i, lit))
                i = text.find(lit, i + 1)
    out.sort()
    return out


def has_rel_literal(text: str) -> bool:
    """Whether ``text`` contains any REL_LITERALS (a few C substring scans)."""
    for c, group in _REL_BY_CHAR:
        if c and c not in text:
            continue
        for lit in group:
            if lit in text:
                return True
    return False


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
_RELATIVE_KINDS = frozenset({"REL", "RELW", "AGO", "YEST", "TODAY"})


def build_relative(kind: str, m: re.Match, F: str, ref, s: int, e: int):
    """The date of a relative match (``REL``, ``RELW``, ``AGO``, ``YEST``, ``TODAY``) found in
    folded text ``F`` from ``s`` to ``e``, computed from ``ref``: (DateMatch, folded end,
    time-followed flag) as ``_build`` returns, or None (always without a reference)."""
    # relative dates need a reference
    if ref is None:
        return None
    rd = _ref_date(ref)
    if kind in ("REL", "RELW", "AGO"):
        if kind == "REL":
            n = int(m.group("rn"))
            unit = UNITS[_key(m.group("ru"))][0]
        elif kind == "RELW":
            unit, n = UNITS[_key(m.group("rw"))]
        else:
            n = int(m.group("an"))
            unit = UNITS[_key(m.group("au"))][0]
        if unit in ("minute", "hour"):
            if not isinstance(ref, _dt.datetime):
                return DateMatch(rd, rd.isoformat(), "day", (s, e)), e, False
            delta = _dt.timedelta(minutes=n) if unit == "minute" else _dt.timedelta(hours=n)
            v = (ref - delta).replace(second=0, microsecond=0)
            return DateMatch(v, v.isoformat(), "minute", (s, e)), e, False
        if unit in ("day", "week"):
            v = rd - _dt.timedelta(days=n * (7 if unit == "week" else 1))
            return DateMatch(v, v.isoformat(), "day", (s, e)), e, False
        if unit == "month":
            k = rd.year * 12 + rd.month - 1 - n
            v = _dt.date(k // 12, k % 12 + 1, 1)
            return DateMatch(v, v.strftime("%Y-%m"), "month", (s, e)), e, False
        v = _dt.date(rd.year - n, 1, 1)
        return DateMatch(v, f"{v.year:04d}", "year", (s, e)), e, False
    if kind == "YEST":
        w = F[s:e]
        n = 2 if ("اول" in _key(w)) else 1
        v = rd - _dt.timedelta(days=n)
        dm, e = _day_match(v, F, e, s)
        return dm, e, False
    if kind == "TODAY":
        tm = _time(F, e, rd)
        if tm is not None:
            v, prec, e, _ = tm
            return DateMatch(v, v.isoformat(), prec, (s, e)), e, True
        return DateMatch(rd, rd.isoformat(), "day", (s, e)), e, False
    return None
