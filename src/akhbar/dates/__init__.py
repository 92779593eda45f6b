"""Arabic (and English/French) date parsing for news datelines and article bodies.

Public API (fixed; the pipeline relies on it):

* :func:`find_dates` ``(text, *, reference=None) -> list[DateMatch]``: every date in order.
* :func:`parse_date` ``(text, *, reference=None) -> DateMatch | None``: the best date of a
  dateline-like string (:func:`best_date` makes the same choice among matches already found).
* :class:`DateMatch`: ``value``, ``iso``, ``precision``, ``span``, ``calendar``,
  ``weekday_ok``, ``label``, ``hijri``, ``year_inferred``, ``relative``.
* :func:`fold_digits`, the cheap pre-check :func:`has_date`, and :func:`as_reference` (a
  reference as a date/datetime; raises ``ValueError``/``TypeError`` when unusable).

Examples (input → ``iso``)::

    تاريخ النشر: 8th, November 2025 GMT             → 2025-11-08 (label "published")
    بيروت – نُشر الخميس 14 تشرین 1 2021، الساعة 16:20 → 2021-10-14T16:20:00 (Persian yeh, numbered month)
    الأربعاء ١٥ صفر ١٤٤٣هـ الموافق ٢٢ سبتمبر ٢٠٢١م – ٩:٠٥ م → 2021-09-22T21:05:00 (hijri "1443-02-15")
    Sun, 20 May 2018 13:22:10 +0400                → 2018-05-20T13:22:10+04:00
    منذ 3 ساعات (reference 2025-11-08T12:00)        → 2025-11-08T09:00:00

Tables and their sources are in :mod:`akhbar.dates.tables`; folding in
:mod:`akhbar.dates._fold`; the grammar in :mod:`akhbar.dates._grammar`; the scanner in
:mod:`akhbar.dates._scan` (which lists the other parts).
"""

from __future__ import annotations

import datetime as _dt
import re

from ._calendar import _jalali_to_greg
from ._fold import fold_digits
from ._grammar import JALALI, JMONTH, PERSIAN_GATE, _key
from ._match import DateMatch, _day_match
from ._relative import has_noref_literal as _has_noref_literal
from ._relative import has_rel_literal as _has_rel_literal
from ._scan import _LONG, RAW_DIGITS, as_reference, scan
from ._scan import quick_has as _quick_has

__all__ = ["DateMatch", "as_reference", "best_date", "find_dates", "fold_digits", "has_date", "parse_date"]


def find_dates(text: str, *, reference=None) -> list[DateMatch]:
    """Every date mentioned in ``text``, in order of position.

    Args:
        text: any text (a dateline, a whole article body, a meta tag value).
        reference: ``date``, ``datetime``, ISO 8601 string or ``None``: the crawl or page
            date. Needed to resolve relative dates (``منذ 3 ساعات``, ``أمس``) and day-month
            dates without a year (``year_inferred=True``); without it those are skipped.

    Returns:
        ``list[DateMatch]`` ordered by ``span[0]``; spans are character offsets into ``text``.

    Raises:
        TypeError / ValueError: when ``reference`` has another type / is an unparseable string.

    Cost: a text with no digit (and no relative word when ``reference`` is given) returns
    after one regex search (5 KB in ~10 us); otherwise the work follows the digit runs:
    ~15 us CPU per dateline, ~200 us per 5 KB of news body (``benchmarks/dates_speed.py``).
    """
    # a long text is scanned at its digit runs: found once here, handed to scan
    digits = [m.span() for m in RAW_DIGITS.finditer(text)] if len(text) > _LONG else None
    if (not digits if digits is not None else _DIGIT.search(text) is None) \
            and (reference is None or not _has_rel_literal(text)):
        if reference is not None:
            as_reference(reference)  # still validate the argument
        return []
    found = scan(text, reference, digits)
    if len(text) <= _SHORT or _has_persian(text):
        found = _solar_hijri(text, found)
    return found


#: The characters of ``PERSIAN_GATE`` (Persian letters and digits): one substring test each is
#: cheaper than one regex scan of a body.
_PERSIAN_CHARS = tuple(dict.fromkeys(
    c for c in map(chr, range(0x600, 0x700)) if PERSIAN_GATE.match(c)))


def _has_persian(text: str) -> bool:
    """``PERSIAN_GATE.search(text) is not None``."""
    for c in _PERSIAN_CHARS:
        if c in text:
            return True
    return False


_SHORT = 200  # a dateline-like string: read for Solar Hijri dates even without Persian letters


def _solar_hijri(text: str, found: list[DateMatch]) -> list[DateMatch]:
    """Add the Solar Hijri (Persian) dates of ``text`` (``2 تیر 1399``, ``۱۲ اردیبهشت ۱۴۰۲``)
    not overlapping ``found``; ``calendar`` is ``"solar_hijri"``, ``value`` the Gregorian date
    (:func:`akhbar.dates._calendar._jalali_to_greg`), with a following time read as for any date.
    Run only on short strings and texts with Persian letters or digits (``find_dates``)."""
    extra: list[DateMatch] = []
    for m in JALALI.finditer(text):
        s, e = m.span()
        if any(f.span[0] < e and s < f.span[1] for f in found):
            continue
        d = _jalali_to_greg(int(m.group("jy")), JMONTH[_key(m.group("jm"))], int(m.group("jd")))
        if d is None:
            continue
        dm, _ = _day_match(d, text, e, s, "solar_hijri")
        extra.append(dm)
    if not extra:
        return found
    return sorted(found + extra, key=lambda f: f.span[0])


_RANK_LABEL = {"published": 0, None: 1, "updated": 2}
_RANK_PREC = {"second": 0, "minute": 0, "day": 0, "month": 1, "year": 2}


def parse_date(text: str, *, reference=None) -> DateMatch | None:
    """The single best date of a dateline-like string, or ``None``.

    Choice among :func:`find_dates` results, in this order: a date labelled published
    beats an unlabelled one, which beats one labelled updated; day (or finer) precision
    beats month, which beats year; a date stated in the text beats one computed from
    ``reference`` (أمس، منذ 3 ساعات); a date whose named weekday disagrees loses (so
    ``الجمعة 16 رمضان 1436هـ الموافق 3 يونيو 2015م``, a real typo for 3 July, yields the
    Hijri date, a Friday); Gregorian beats Hijri (a Hijri date given with its
    Gregorian equivalent yields the Gregorian one, carrying ``hijri``); then the first in
    the text. Finally, a later match of the *same calendar day* with a time replaces the
    chosen one (so ``2025-11-08 ... 08/11/2025 10:30`` gives the time).
    """
    return best_date(find_dates(text, reference=reference))


def best_date(found: list[DateMatch]) -> DateMatch | None:
    """The match :func:`parse_date` chooses among ``found`` (a :func:`find_dates` result, in
    text order; see there for the ranking), or ``None`` when ``found`` is empty: for a caller
    that already has the matches of its string."""
    if not found:
        return None
    if len(found) == 1:
        return found[0]
    best = min(
        range(len(found)),
        key=lambda i: (
            _RANK_LABEL.get(found[i].label, 1),
            _RANK_PREC[found[i].precision],
            found[i].relative,
            found[i].weekday_ok is False,
            found[i].calendar != "gregorian",
            i,
        ),
    )
    b = found[best]
    if b.precision == "day":
        for f in found:
            if f.precision in ("minute", "second") and isinstance(f.value, _dt.datetime) \
                    and f.value.date() == b.value and f.label == b.label:
                return f
    return b


_DIGIT = re.compile(r"\d")


def has_date(text: str) -> bool:
    """Cheap pre-check: may ``text`` contain a date? Returns a bool.

    Compiled regexes only, no objects built: text without a digit or a relative word is
    rejected by one regex search; otherwise each digit run is tested with the same anchored
    patterns :func:`find_dates` uses (numeric shape, month name before/after, any digit
    system, Persian letters, harakat/bidi marks). True for relative words (``منذ``، ``أمس``)
    too, although :func:`find_dates` needs a ``reference`` to resolve them; but not the forms
    that only a reference makes dates (``بعد يومين``، ``3 ساعات مضت``، ``الأسبوع الماضي``،
    ``هذا العام``، ``امبارح``، ``الآن``، ``غداً``): a body line naming a period is no dateline.
    A superset of :func:`find_dates` results without a reference (some shapes it accepts are
    later rejected, e.g. ``1/2/3``).
    """
    if _DIGIT.search(text) is None:
        return _has_noref_literal(text) and _quick_has(text)
    return _quick_has(text)
