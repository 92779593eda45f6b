"""The date scanner: finds candidate matches in a text, resolves overlaps and attaches context.

Owns :func:`scan` (windowing of long texts), :func:`as_reference`, the :func:`quick_has`
pre-check and ``_scan_window``, which collects the candidate matches of one window, keeps
them in order of position (one overlapping an earlier kept match is dropped) and adds what
surrounds each: weekday, ordinal day, time before, label cue, Hijri/Gregorian pairing.

Design (measured in ``benchmarks/dates_speed.py``):

* Every stated date has a digit, so scanning is *anchored at digit runs* (``\\d+`` also
  matches Arabic-Indic and Persian digits, and ``int()`` reads them, even mixed): at each
  run, ``AT_WORD`` is tried at a month name / year cue / ``منذ`` just before it (found with
  dictionary look-ups on the preceding tokens), else ``AT_DIGIT`` at the run itself. Text
  without digits costs one ``\\d`` search. Relative words (أمس، اليوم، منذ يومين) are found
  with ``str.find`` and only when a reference is given.
* Patterns are written in folded form (bare alef, ``ي``, ``ه``, ASCII digits) and rewritten
  by ``_uni`` into classes of spelling variants (أ/إ/آ, ی/ى, ک, ة, ٠-٩/۰-۹), so the input
  is never translated (``str.translate`` costs ~0.1 us per Arabic character); only
  bidi marks, tatweel and harakat are removed (:class:`akhbar.dates._fold.Folded`, which
  keeps the offset map for spans). Matched names are folded for dictionary look-up
  (``_key``, cached). Month alternations are character tries (``_trie``).
* After a core match: a time (and zone) after it (``TIME``) or just before it
  (``TIME_BEFORE``), a weekday before it, a label cue before it (``LABEL_BEFORE``), an
  ordinal day word before a month-year, and Hijri/Gregorian pairing (``LINK_GAP``).

Where the parts live:

* :mod:`akhbar.dates._grammar`: name look-ups, ``_uni`` / ``_key`` / ``_trie``, every pattern
  above except ``AT_REL``, and the tokenizing that anchors ``AT_WORD`` (``_word_start``);
* :mod:`akhbar.dates._calendar`: Hijri conversion, Hijri-year test, year inference;
* :mod:`akhbar.dates._relative`: relative dates (literal search, ``AT_REL``, resolution);
* :mod:`akhbar.dates._match`: :class:`~akhbar.dates._match.DateMatch` and time-of-day reading;
* :mod:`akhbar.dates._build`: one grammar match -> one ``DateMatch``.

See :mod:`akhbar.dates.tables` for the sources of every name list.
"""

from __future__ import annotations

import datetime as _dt
import re

from hijridate import Gregorian

from ._build import _build
from ._calendar import _hijri_to_greg, _infer_hijri_year, _infer_year
from ._fold import REMOVABLE, Folded
from ._grammar import (
    _LAST_TOKENS_NOREF,
    _WORD_KEYS_NOREF,
    AT_DIGIT,
    AT_WORD,
    DIGIT_RUN,
    DIRECTION,
    LABEL_BEFORE,
    LABEL_QUICK,
    LINK_GAP,
    ONLY_PUNCT,
    ORD_BEFORE,
    ORDINAL,
    TIME_BEFORE,
    WEEKDAY,
    _key,
    _last_word,
    _word_start,
)
from ._match import DateMatch, _time_value
from ._relative import (
    _AMS,
    _CLITIC_BEFORE,
    _RELATIVE_KINDS,
    _WEAK_MAX,
    AT_REL,
    DATELINE_ONLY,
    WEAK,
    _rel_in,
    noref_positions,
    noref_unit,
    rel_kind,
    rel_match,
    rel_positions,
)


def as_reference(reference) -> _dt.date | _dt.datetime | None:
    """Coerce ``reference`` to a date/datetime.

    Accepts ``None``, ``date``, ``datetime``, or a string: ISO 8601 (``2015-08-10``,
    ``2015-08-10 18:52:49``, ``...Z``), a 14-digit WARC date (``20241003094020``, UTC), or
    anything :func:`scan` reads with day precision or finer (RFC-822, ``10/08/2015``,
    Arabic text).

    Raises:
        TypeError: for any other type; ValueError: for a string holding no such date.
    """
    if reference is None or isinstance(reference, _dt.date):
        return reference
    if isinstance(reference, str):
        s = reference.strip()
        try:
            if len(s) == 10:
                return _dt.date.fromisoformat(s)
            return _dt.datetime.fromisoformat(s)  # Python >= 3.11 reads "Z"
        except ValueError:
            pass
        if len(s) == 14 and s.isdigit():
            return _dt.datetime.strptime(s, "%Y%m%d%H%M%S").replace(tzinfo=_dt.UTC)
        found = [m for m in scan(s) if m.precision in ("day", "minute", "second")] if len(s) <= 200 else []
        if found:
            return found[0].value
        raise ValueError(f"reference: no date in {reference!r}")
    raise TypeError(f"reference must be date, datetime, str or None, not {type(reference).__name__}")


RAW_DIGITS = re.compile(r"\d+")
_CHECKED_LITS = frozenset(("بعد", "سبوع", "لشهر", "لعام", "لسن"))
_LONG = 400  # characters: longer texts are scanned in windows around digits / relative words
_PAD = 72  # characters of context kept on each side of an anchor


def scan(text: str, reference=None, digits: list[tuple[int, int]] | None = None) -> list[DateMatch]:
    """All dates in ``text`` in order (see :func:`akhbar.dates.find_dates`).

    Texts longer than ``_LONG`` characters are only folded and scanned in windows of
    ``_PAD`` characters around digit runs (and relative words when ``reference`` is given),
    so the cost follows the number of numbers, not the length of the text. ``digits``: the
    spans of ``RAW_DIGITS`` in ``text`` when the caller has them (a new list, used up here).
    """
    ref = as_reference(reference)
    n = len(text)
    if n <= _LONG:
        return _scan_window(text, ref, 0)
    spans = digits if digits is not None else [m.span() for m in RAW_DIGITS.finditer(text)]
    rel: list[tuple[int, str]] = []
    if ref is not None:
        # a calendar-period word without its direction / هذا (لعام is in most bodies) and بعد
        # before a digit (the digit's window reads بعد 3 أيام) start no window and are not
        # tried again in one: checked once here on the whole raw text, one anchored match each
        rel = [(i, lit) for i, lit in rel_positions(text) if lit not in _CHECKED_LITS or rel_match(text, i, lit)]
        spans.extend((i, i + len(lit)) for i, lit in rel)
        spans.sort()
    out: list[DateMatch] = []
    w0 = w1 = -1
    for a, b in spans:
        lo, hi = max(0, a - _PAD), min(n, b + _PAD)
        if lo <= w1:
            w1 = max(w1, hi)
            continue
        if w1 > 0:
            out.extend(_scan_window(text[w0:w1], ref, w0, _rel_in(rel, w0, w1), False))
        w0, w1 = lo, hi
    if w1 > 0:
        out.extend(_scan_window(text[w0:w1], ref, w0, _rel_in(rel, w0, w1), False))
    # drop matches cut by a window edge that a neighbouring window also found
    res: list[DateMatch] = []
    for dm in out:
        if res and dm.span[0] < res[-1].span[1]:
            continue
        res.append(dm)
    return res


def quick_has(text: str) -> bool:
    """Pre-check for :func:`akhbar.dates.has_date`: a date shape at some digit run, or a
    relative word read without a reference (منذ، قبل، أمس، اليوم ...; not the forms added
    with the calendar periods: بعد، مضت، الأسبوع الماضي، امبارح، الآن، غداً). No objects are
    built; a superset of what :func:`scan` returns without a reference."""
    if REMOVABLE.search(text) is not None:
        text = REMOVABLE.sub("", text)
    for r in DIGIT_RUN.finditer(text):
        pos = r.start()
        m = AT_DIGIT.match(text, pos)
        if m is not None and m.lastgroup != "MADT":  # MADT (3 ساعات مضت) excludes the later branches
            return True
        ws = _word_start(text, pos, _LAST_TOKENS_NOREF, _WORD_KEYS_NOREF)
        if ws is not None and (m := AT_WORD.match(text, ws)) is not None \
                and (m.lastgroup != "REL" or noref_unit(m.group("ru"))):
            return True
    for qs, lit in noref_positions(text):
        if qs > 0 and text[qs - 1].isalpha():
            w0 = qs
            while w0 > 0 and w0 > qs - 4 and text[w0 - 1].isalpha():
                w0 -= 1
            if lit not in _AMS or _key(text[w0:qs]) not in _CLITIC_BEFORE:
                continue
            qs = w0
        m = AT_REL.match(text, qs)
        if m is not None and m.lastgroup != "CAL" and (m.lastgroup != "RELW" or noref_unit(m.group("rw"))):
            return True
        r = AT_WORD.match(text, qs)
        if r is not None and r.lastgroup == "REL" and noref_unit(r.group("ru")):
            return True
    return False


def _build_safe(kind: str, m: re.Match, F: str, ref, s: int):
    """``_build``, or None when the date leaves the calendar (year 1-9999): a relative or
    Hijri shift from a reference near either end, ``منذ 999 سنة`` read in year 500. Text never
    makes :func:`scan` raise."""
    try:
        return _build(kind, m, F, ref, s)
    except (OverflowError, ValueError):
        return None


def _scan_window(text: str, ref, offset: int, rel: list[tuple[int, str]] | None = None,
                 whole: bool = True) -> list[DateMatch]:
    """Dates in ``text`` (spans shifted by ``offset``). ``rel``: ``rel_positions(text)`` when the
    caller has it (used only when folding leaves ``text`` unchanged). ``whole``: ``text`` is
    the caller's whole text, not a window of a longer one (the dateline-only forms need it)."""
    fo = Folded(text)
    F = fo.folded
    out: list[tuple[int, int, DateMatch, int]] = []  # (fstart, fend, match, weekday)
    cands: list[tuple[int, str, tuple]] = []
    consumed = 0
    search = DIGIT_RUN.search
    while (r := search(F, consumed)) is not None:
        pos = r.start()
        consumed = r.end()  # next digit run at the earliest after this one
        m = None
        ws = _word_start(F, pos)
        if ws is not None:
            m = AT_WORD.match(F, ws)
            if m is not None and m.start(m.lastgroup) != ws:
                m = None
        if m is None:
            m = AT_DIGIT.match(F, pos)
        if m is None:
            continue
        kind = m.lastgroup
        built = _build_safe(kind, m, F, ref, m.start(kind))
        if built is None:
            consumed = m.end()  # an invalid date (31 صفر 1443) is not re-read as صفر 1443
            continue
        cands.append((m.start(kind), rel_kind(m) if kind == "REL" else kind, built))
        consumed = built[1]
    if ref is not None and (rel is None or F is not text):
        rel = rel_positions(F)
    if rel and ref is not None:
        for qs, lit in rel:
            if qs < consumed and any(c[0] <= qs < c[2][1] for c in cands):
                continue
            if lit == "بعد" and not whole and LABEL_QUICK.search(F, max(0, qs - 50), qs) is None:
                continue  # بعد يومين in a window of a long text is kept only after a label cue (below)
            found = rel_match(F, qs, lit)
            if found is not None:
                start, m = found
                built = _build_safe(m.lastgroup, m, F, ref, start)
                if built is not None:
                    cands.append((start, rel_kind(m), built))
        cands.sort(key=lambda c: c[0])
    if ref is not None and whole and not cands and len(F) <= _WEAK_MAX:
        # الآن، غداً، من ساعتين: dateline-like strings only (checked below, DATELINE_ONLY)
        m = WEAK.search(F)
        if m is not None:
            built = _build_safe(m.lastgroup, m, F, ref, m.start(m.lastgroup))
            if built is not None:
                cands.append((m.start(m.lastgroup), m.lastgroup, built))
    prev_end = 0
    for s, kind, (dm, e, tod_ok) in cands:
        if s < prev_end:
            continue
        if kind in _RELATIVE_KINDS:
            dm.relative = True
        # weekday before
        wd = None
        ws = s
        if kind in ("NUM", "DMY", "HDMY", "MDY"):
            k, j = _last_word(F, s, prev_end)
            if k < j:
                wd = WEEKDAY.get(_key(F[k:j]))
                if wd is not None:
                    ws = k
                    k2, j2 = _last_word(F, k, prev_end)
                    if _key(F[k2:j2]) == "يوم":
                        ws = k2
        # an ordinal day word before a month-year: التاسع من سبتمبر (أيلول) عام 2014
        if kind == "MY":
            ob = ORD_BEFORE.search(F, max(prev_end, s - 32), s)
            if ob is not None:
                try:
                    v = dm.value.replace(day=ORDINAL[_key(ob.group("o"))])
                except ValueError:
                    v = None
                if v is not None:
                    dm.value, dm.iso, dm.precision = v, v.isoformat(), "day"
                    ws = ob.start()
        # a time just before the date: ٠٢:٠٠ الثلاثاء ١ / ١٢ / ٢٠٢٠
        if dm.precision == "day" and kind in ("NUM", "DMY", "HDMY", "MDY"):
            lo = max(prev_end, ws - 32)
            tb = TIME_BEFORE.search(F, lo, ws) if F.find(":", lo, ws) >= 0 else None
            if tb is not None:
                dm.value, dm.precision = _time_value(tb, dm.value)
                dm.iso = dm.value.isoformat()
                ws = tb.start()
        # label before
        lo = max(prev_end, ws - 48)
        if dm.label is None and LABEL_QUICK.search(F, lo, ws) is not None:
            lab = LABEL_BEFORE.search(F, lo, ws)
            if lab is not None:
                dm.label = "updated" if lab.group("upd") else "published"
        if kind in DATELINE_ONLY and not tod_ok and dm.label is None \
                and not ((whole or kind == "TODAY") and ONLY_PUNCT.match(F, 0, s) and ONLY_PUNCT.match(F, e)):
            continue
        if kind == "HDMY" and dm.year_inferred and wd is not None:
            hy_, hm_, hd_ = (int(x) for x in dm.hijri.split("-"))
            dr = DIRECTION.match(F, e)
            y2 = _infer_hijri_year(hm_, hd_, ref, dr.lastgroup if dr is not None else None, wd)
            g2 = _hijri_to_greg(y2, hm_, hd_) if y2 is not None else None
            if g2 is not None and y2 != hy_:
                v = dm.value
                dm.value = _dt.datetime.combine(g2, v.timetz()) if isinstance(v, _dt.datetime) else g2
                dm.iso, dm.hijri = dm.value.isoformat(), f"{y2:04d}-{hm_:02d}-{hd_:02d}"
        if kind == "DMY" and dm.year_inferred and wd is not None:
            # re-infer with the weekday as a hint
            v = dm.value
            dr = DIRECTION.match(F, e)
            d2, _ = _infer_year(v.month, v.day, ref, wd, dr.lastgroup if dr is not None else None)
            if d2 is not None and d2 != (v.date() if isinstance(v, _dt.datetime) else v):
                dm.value = v.replace(year=d2.year)
                dm.iso = dm.value.isoformat()
        if wd is not None:
            dm.weekday_ok = dm.value.weekday() == wd
        out.append((ws, e, dm, wd if wd is not None else -1))
        prev_end = e
    # link Hijri and Gregorian equivalents (... هـ الموافق ... م)
    for i in range(len(out) - 1):
        a, b = out[i][2], out[i + 1][2]
        if {a.calendar, b.calendar} != {"hijri", "gregorian"} or a.precision == "year" or b.precision == "year":
            continue
        if out[i + 1][0] - out[i][1] > 24 or not LINK_GAP.match(F, out[i][1], out[i + 1][0]):
            continue
        h, g = (a, b) if a.calendar == "hijri" else (b, a)
        if h.year_inferred and not g.year_inferred and h.precision != "month":
            # 6 أغسطس 2012، الموافق 17 رمضان: the Hijri year comes from the Gregorian date
            gv = g.value.date() if isinstance(g.value, _dt.datetime) else g.value
            _, hm_, hd_ = (int(x) for x in h.hijri.split("-"))
            try:
                gy_h = Gregorian(gv.year, gv.month, gv.day).to_hijri().year
            except (ValueError, OverflowError):
                gy_h = None
            if gy_h is not None:
                conv = [(abs((c - gv).days), y, c) for y in (gy_h - 1, gy_h, gy_h + 1)
                        if (c := _hijri_to_greg(y, hm_, hd_)) is not None]
                if conv:
                    _, y2, c2 = min(conv)
                    v = h.value
                    h.value = _dt.datetime.combine(c2, v.timetz()) if isinstance(v, _dt.datetime) else c2
                    h.iso, h.hijri = h.value.isoformat(), f"{y2:04d}-{hm_:02d}-{hd_:02d}"
        if g.hijri is None:
            g.hijri = h.hijri
        if g.year_inferred and h.precision != "month":
            # 28-2-1437هـ الموافق 10 ديسمبر: the year comes from the Hijri date, not the reference
            hv = h.value.date() if isinstance(h.value, _dt.datetime) else h.value
            best = None
            for y in (hv.year - 1, hv.year, hv.year + 1):
                try:
                    c = g.value.replace(year=y)
                except ValueError:
                    continue
                cd = c.date() if isinstance(c, _dt.datetime) else c
                if best is None or abs((cd - hv).days) < abs(((best.date() if isinstance(best, _dt.datetime)
                                                                else best) - hv).days):
                    best = c
            if best is not None and best != g.value:
                g.value, g.iso = best, best.isoformat()
        wdi = out[i][3]
        if g.weekday_ok is None and wdi >= 0 and a is h:
            g.weekday_ok = g.value.weekday() == wdi
        if g.label is None:
            g.label = h.label
        if h.label is None:
            h.label = g.label
    res: list[DateMatch] = []
    for s, e, dm, _ in out:
        dm.span = (offset + fo.orig(s), offset + fo.orig_end(e))
        res.append(dm)
    return res
