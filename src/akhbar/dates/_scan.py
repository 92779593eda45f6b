"""The date scanner.

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

See :mod:`akhbar.dates.tables` for the sources of every name list.
"""

from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from hijridate import Gregorian, Hijri

from . import tables as T
from ._fold import REMOVABLE, Folded, fold_name

_I = re.IGNORECASE
NOT_LETTER_BEFORE = r"(?<![^\W\d_])"
NOT_LETTER_AFTER = r"(?![^\W\d_])"


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


# ----------------------------------------------------------------------------- lookups

_WS = re.compile(r"\s+")


@lru_cache(maxsize=8192)
def _key(s: str) -> str:
    """Lookup key of a name as found in text: folded (see ``_fold``), lower case, no
    whitespace (``تشرین 1`` == ``تشرين1``, ``أغسطس`` == ``اغسطس``). Cached: the set of
    distinct names met in text is small."""
    return _WS.sub("", fold_name(s))


_VAR = {"ا": "اأإآٱ", "ي": "يیىې", "ك": "كکڪ", "ه": "هةۀہھە"}
_DIG = {str(i): str(i) + chr(0x660 + i) + chr(0x6F0 + i) for i in range(10)}


def _uni(src: str) -> str:
    """Rewrite a regex written in folded form so it matches raw text: each of ا ي ك ه becomes
    the class of its spelling variants (أ إ آ ٱ / ی ى ې / ک / ة ۀ ہ ھ) and each ASCII digit
    literal or range the same digit in ASCII, Arabic-Indic and Persian (``[0-5]`` ->
    ``[0-5٠-٥۰-۵]``). Quantifiers ``{m,n}`` and group names are left alone. This replaces
    folding the input, which ``str.translate`` makes slow on Arabic text."""
    out: list[str] = []
    i, n, in_class = 0, len(src), False
    while i < n:
        c = src[i]
        if c == "\\":
            out.append(src[i : i + 2])
            if in_class and src[i + 1] == "-":
                out.append("\u2010-\u2015\u2212")  # any dash where a hyphen is allowed
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
                out.append(c)
            elif c in _DIG and i + 2 < n and src[i + 1] == "-" and src[i + 2] in _DIG:
                a, b = int(c), int(src[i + 2])
                out.append(f"{a}-{b}{chr(0x660 + a)}-{chr(0x660 + b)}{chr(0x6F0 + a)}-{chr(0x6F0 + b)}")
                i += 3
                continue
            else:
                out.append(_DIG.get(c) or _VAR.get(c) or c)
            i += 1
            continue
        if c == "[":
            in_class = True
            out.append(c)
            if src.startswith("^", i + 1):
                out.append("^")
                i += 1
        elif c == "{" and re.match(r"\{\d*,?\d*\}", src[i:]):
            j = src.index("}", i)
            out.append(src[i : j + 1])
            i = j
        elif src.startswith("(?P<", i) or src.startswith("(?P=", i):
            j = src.index(">" if src[i + 3] == "<" else ")", i)
            out.append(src[i : j + 1])
            i = j
        elif c in _DIG:
            out.append("[" + _DIG[c] + "]")
        elif c in _VAR:
            out.append("[" + _VAR[c] + "]")
        else:
            out.append(c)
        i += 1
    return "".join(out)


def _rx(src: str, flags: int = 0) -> re.Pattern:
    return re.compile(_uni(src), flags)


def _lookup(table: dict[int, tuple[str, ...]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for num, names in table.items():
        for n in names:
            out[_key(fold_name(n))] = num
    return out


def _names(names) -> list[str]:
    """Folded names with single spaces, for building alternations."""
    return [_WS.sub(" ", fold_name(n)) for n in names]


_GM_NAMES = _names(n for v in T.GREGORIAN_MONTHS.values() for n in v)
_HM_NAMES = _names(n for v in T.HIJRI_MONTHS.values() for n in v)
_WD_NAMES = _names(n for v in T.WEEKDAYS.values() for n in v)
GMONTH = _lookup(T.GREGORIAN_MONTHS)
HMONTH = _lookup(T.HIJRI_MONTHS)
WEEKDAY = _lookup(T.WEEKDAYS)
ZONES = {_key(fold_name(k)): v for k, v in T.ZONE_NAMES.items()}
AMPM = {_key(fold_name(k)): v for k, v in T.AMPM.items()}
UNITS = {_key(fold_name(k)): v for k, v in T.RELATIVE_UNITS.items()}


def _trie(names) -> str:
    """Regex of a character trie of ``names`` (spaces -> ``\\s*``): one branch per distinct
    next character, so matching costs O(name length) instead of O(number of names)."""
    root: dict = {}
    for n in set(names):
        node = root
        for ch in n:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [(r"\s*" if ch == " " else re.escape(ch)) + emit(child)
                for ch, child in sorted(node.items()) if ch != ""]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return "(?:" + body + ")?"
        return body

    return emit(root)


def _alt(names) -> str:
    """Alternation, longest first, spaces -> ``\\s*``."""
    return "|".join(re.escape(n).replace(r"\ ", r"\s*") for n in sorted(set(names), key=len, reverse=True))


# a month name ends either with a digit not followed by a digit, or a letter not followed by a letter
_MEND = r"(?:(?<=\d)(?!\d)|(?<!\d)" + NOT_LETTER_AFTER + ")"
_GM = "(?:" + _trie(_GM_NAMES) + ")" + _MEND
_HM = "(?:" + _trie(_HM_NAMES) + ")" + _MEND
_ERA = r"(?:\s*(?P<{0}>ميلاديه|ميلادي|هجريه|هجري|للهجره|ه|م|AD|H)" + NOT_LETTER_AFTER + r"\.?)?"
_DAY = r"(?<!\d)(?P<{0}>3[01]|[12]\d|0?[1-9])(?!\d)(?:\s*(?:st|nd|rd|th|er)" + NOT_LETTER_AFTER + ")?"
# optional "(من) عام" before a year: 20 يوليو (تموز) عام 2015, 25 ذي الحجة من عام 1425هـ
_Y4 = r"(?:(?:من\s+)?(?:عام|العام|لعام|للعام|سنه)\s+)?(?<!\d)(?P<{0}>[12]\d{{3}})(?!\d)"
_DUAL = r"(?:\s*\(\s*(?P<{0}>" + _GM + r")\s*\)|\s*[/\-]?\s*(?P<{0}_>" + _GM + r"))?"
_CLITIC = r"(?:[وبل]|وب|ول)?"

_UNITS_ALT = _alt(_names(T.RELATIVE_UNITS))
# without a number only singular/dual units are dates (منذ يومين); plurals are vague (قبل أسابيع)
_UNITS_WORD_ALT = _alt(_names(k for k in T.RELATIVE_UNITS if k not in T.VAGUE_PLURAL_UNITS))
_YR_CUES = ("عام", "العام", "لعام", "بعام", "وعام", "سنه", "السنه", "لسنه", "year")

# Patterns that start at a digit run.
AT_DIGIT = _rx(
    "|".join(
        [
            # numeric: 2025/11/08, 08-11-2025, 15.2.1443, 2017-01-26
            r"(?P<NUM>(?<![\d.:])(?P<n1>\d{1,4})(?P<sp>\s?)(?P<sep>[/.\-])(?P=sp)(?P<n2>\d{1,2})(?P=sp)(?P=sep)(?P=sp)"
            r"(?P<n3>\d{1,4})"
            r"(?!\d|[.:]\d)" + _ERA.format("nera") + ")",
            # day month [year]: 08 نوفمبر 2025, 8th, November 2025, 14 تشرين 1 2021, 17 مارس/ آذار 2020
            r"(?P<DMY>" + _DAY.format("dd") + r"\s*[,،.\-/]?\s*(?:(?:من|of)\s+)?(?:شهر\s+)?(?P<dm>" + _GM + ")"
            + _DUAL.format("dm2") + r"(?:\s*[,،.\-/]?\s*" + _Y4.format("dy") + _ERA.format("dera") + ")?)",
            # Hijri day month year: 25 شوال 1436هـ
            r"(?P<HDMY>" + _DAY.format("hd") + r"(?P<hsep>\s*[,،.\-]?\s*)(?:من\s+)?(?P<hm>" + _HM + r")"
            r"(?:\s*[,،.\-]?\s*" + _Y4.format("hy") + _ERA.format("hera") + ")?)",
            # 3 hours ago
            r"(?P<AGO>(?<!\d)(?P<an>\d{1,3})\s*(?P<au>minutes?|mins?|hours?|days?|weeks?)\s+ago"
            + NOT_LETTER_AFTER + ")",
        ]
    ),
    _I,
)
# Patterns that start at a word just before a digit run.
AT_WORD = _rx(
    "|".join(
        [
            # month day, year: ديسمبر 25, 2020 / November 8th, 2025
            r"(?P<MDY>" + _CLITIC + "(?P<mm>" + _GM + ")" + _DUAL.format("mm2")
            + r"\s*[.]?\s*" + _DAY.format("md") + r"\s*[,،]?\s*" + _Y4.format("my") + _ERA.format("mera") + ")",
            # month year: نوفمبر 2025
            r"(?P<MY>" + _CLITIC + "(?P<ym>" + _GM + ")" + _DUAL.format("ym2")
            + r"\s*[,،.\-/]?\s*" + _Y4.format("yy") + _ERA.format("yera") + ")",
            # Hijri month year: رمضان 1436هـ
            r"(?P<HMY>" + _CLITIC + "(?P<hmm>" + _HM + r")\s*[,،]?\s*" + _Y4.format("hmy")
            + _ERA.format("hmera") + ")",
            # year with a cue: عام 2015
            r"(?P<YR>(?:" + _alt(_YR_CUES) + r")\s+" + _Y4.format("yo") + _ERA.format("yoera") + ")",
            # منذ 3 ساعات
            r"(?P<REL>(?:منذ|قبل)\s+(?P<rn>\d{1,3})\s*(?P<ru>" + _UNITS_ALT + ")" + NOT_LETTER_AFTER + ")",
        ]
    ),
    _I,
)
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
DIGIT_RUN = re.compile(r"\d+")
TOKEN = re.compile(r"[^\W\d_]+|\d+")
_MONTH_KEYS = set(GMONTH) | set(HMONTH)
_LAST_TOKENS = {n.split(" ")[-1] for n in _GM_NAMES + _HM_NAMES if not n.split(" ")[-1].isdigit()} \
    | {c for c in ("عام", "العام", "لعام", "بعام", "وعام", "سنه", "السنه", "لسنه", "year", "منذ", "قبل")} \
    | {p + n for n in _GM_NAMES + _HM_NAMES if " " not in n for p in ("و", "ب", "ل", "وب", "ول")}
_RELATIVE_KINDS = frozenset({"REL", "RELW", "AGO", "YEST", "TODAY"})
_YEAR_GLUE = {"من", "عام", "العام", "لعام", "للعام", "سنه"}
ORDINAL = {_key(k): v for k, v in T.ORDINAL_DAYS.items()}
ORD_BEFORE = _rx(NOT_LETTER_BEFORE + r"(?P<o>" + _alt(_names(T.ORDINAL_DAYS)) + r")\s+(?:من\s+)?(?:شهر\s+)?$")
LABEL_QUICK = _rx("نشر|تحديث|تاريخ|منشور|محدث|publi|posted|updated|modifi|mis", _I)
_WORD_KEYS = _MONTH_KEYS | {_key(c) for c in _YR_CUES} | {"منذ", "قبل"}

_ZNAMES = _alt(_names(T.ZONE_NAMES))
_ZABBR = _alt(T.ZONE_ABBR)
_AMPM_ALT = _alt(_names(T.AMPM))
# a time just before a date: ٠٢:٠٠ الثلاثاء ١ / ١٢ / ٢٠٢٠ ; GMT 17:27 17.03.2020
TIME_BEFORE = _rx(
    r"(?:(?P<zabbr>" + _ZABBR + r")\s*)?(?<![\d:])(?P<h>[01]?\d|2[0-3])\s?:\s?(?P<mi>[0-5]\d)"
    r"(?::(?P<s>[0-5]\d))?(?!\d)(?:\s*(?P<ap>" + _AMPM_ALT + r")" + NOT_LETTER_AFTER + r")?"
    r"(?:\s*(?P<zafter>" + _ZABBR + r")" + NOT_LETTER_AFTER + r")?[\s,،|\-]*$",
    _I,
)
TIME = _rx(
    r"(?:T(?P<ch>[01]\d|2[0-3])(?P<cmi>[0-5]\d)(?P<cs>[0-5]\d)?(?!\d)"
    r"|(?:T|[\s,،|\-•·@/]*(?:(?P<tupd>اخر\s*تحديث|تم\s+التحديث|محدثه|updated|last\s+updated)\s*:?[\s|\-]*)?"
    r"(?:(?:في|علي|عند|at|à)\s+)?(?:(?:الساعه|الساعة|ساعه|h)\s*:?\s*)?)"
    r"(?<![\d:])(?P<h>[01]?\d|2[0-3])\s?[:h]\s?(?P<mi>[0-5]\d)(?:\s?:\s?(?P<s>[0-5]\d)(?:[.,]\d+)?)?(?!\d))"
    r"(?:\s*(?P<ap>" + _alt(_names(T.AMPM)) + r")" + NOT_LETTER_AFTER + r")?"
    r"(?:\s*\(?\s*(?:(?P<zabbr>" + _ZABBR + r")(?:\s*(?P<zsign>[+-])\s*(?P<zh>\d{1,2})(?::?(?P<zm>\d{2}))?)?"
    + NOT_LETTER_AFTER + r"|(?P<znum>[+-](?:[01]\d|2[0-3]):?[0-5]\d)(?!\d)"
    r"|ب?توقيت\s+(?P<zname>" + _ZNAMES + r")" + NOT_LETTER_AFTER
    + r"|ت\s?(?P<zspa>[مغ])" + NOT_LETTER_AFTER + r")\)?)?",
    _I,
)
LABEL_BEFORE = _rx(
    r"(?s:.*)" + NOT_LETTER_BEFORE + r"(?:(?P<upd>" + _alt(_names(T.UPDATED_CUES)) + r")|(?P<pub>" + _alt(_names(T.PUBLISHED_CUES)) + r"))"
    + NOT_LETTER_AFTER,
    _I,
)
DIRECTION = _rx(r"[\s)]*(?:(?P<past>الماضي|المنصرم|الفائت|المنقضي)|(?P<future>القادم|المقبل)"
                r"|(?P<current>الجاري|الحالي))" + NOT_LETTER_AFTER)
LINK_GAP = _rx(r"[\s,،\-()/|=]*(?:(?:ال)?موافق(?:ه)?\s*(?:ل)?|يوافق\s*)?[\s,،\-()/|:]*$", _I)
ONLY_PUNCT = re.compile(r"[\W\d_]*$")


# ----------------------------------------------------------------------------- helpers

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


def _is_hijri_year(y: int, era: str | None) -> bool:
    if era is not None:
        e = _key(era)
        if e.startswith("ه") or e == "h" or e == "للهجره":
            return True
        if e in ("م", "ميلادي", "ميلاديه", "ad"):
            return False
    return 1300 <= y <= 1500


def _mkey(g: str) -> str:
    return _key(g)


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


# ----------------------------------------------------------------------------- scanning

RAW_DIGITS = re.compile(r"\d+")
_LONG = 400  # characters: longer texts are scanned in windows around digits / relative words
_PAD = 72  # characters of context kept on each side of an anchor


def scan(text: str, reference=None) -> list[DateMatch]:
    """All dates in ``text`` in order (see :func:`akhbar.dates.find_dates`).

    Texts longer than ``_LONG`` characters are only folded and scanned in windows of
    ``_PAD`` characters around digit runs (and relative words when ``reference`` is given),
    so the cost follows the number of numbers, not the length of the text.
    """
    ref = as_reference(reference)
    n = len(text)
    if n <= _LONG:
        return _scan_window(text, ref, 0)
    spans = [(m.start(), m.end()) for m in RAW_DIGITS.finditer(text)]
    rel: list[tuple[int, str]] = []
    if ref is not None:
        rel = rel_positions(text)
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
            out.extend(_scan_window(text[w0:w1], ref, w0, _rel_in(rel, w0, w1)))
        w0, w1 = lo, hi
    if w1 > 0:
        out.extend(_scan_window(text[w0:w1], ref, w0, _rel_in(rel, w0, w1)))
    # drop matches cut by a window edge that a neighbouring window also found
    res: list[DateMatch] = []
    for dm in out:
        if res and dm.span[0] < res[-1].span[1]:
            continue
        res.append(dm)
    return res


def quick_has(text: str) -> bool:
    """Pre-check for :func:`akhbar.dates.has_date`: a date shape at some digit run, or a
    relative word. No objects are built; a superset of what :func:`scan` returns."""
    if REMOVABLE.search(text) is not None:
        text = REMOVABLE.sub("", text)
    for r in DIGIT_RUN.finditer(text):
        pos = r.start()
        if AT_DIGIT.match(text, pos) is not None:
            return True
        ws = _word_start(text, pos)
        if ws is not None and AT_WORD.match(text, ws) is not None:
            return True
    for qs, lit in rel_positions(text):
        if qs > 0 and text[qs - 1].isalpha():
            w0 = qs
            while w0 > 0 and w0 > qs - 4 and text[w0 - 1].isalpha():
                w0 -= 1
            if lit not in _AMS or _key(text[w0:qs]) not in _CLITIC_BEFORE:
                continue
            qs = w0
        if AT_REL.match(text, qs) is not None:
            return True
        r = AT_WORD.match(text, qs)
        if r is not None and r.lastgroup == "REL":
            return True
    return False


def _scan_window(text: str, ref, offset: int, rel: list[tuple[int, str]] | None = None) -> list[DateMatch]:
    """Dates in ``text`` (spans shifted by ``offset``). ``rel``: ``rel_positions(text)`` when the
    caller has it (used only when folding leaves ``text`` unchanged)."""
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
        built = _build(kind, m, F, ref, m.start(kind))
        if built is None:
            consumed = m.end()  # an invalid date (31 صفر 1443) is not re-read as صفر 1443
            continue
        cands.append((m.start(kind), kind, built))
        consumed = built[1]
    if ref is not None and (rel is None or F is not text):
        rel = rel_positions(F)
    if rel and ref is not None:
        for qs, lit in rel:
            if qs < consumed and any(c[0] <= qs < c[2][1] for c in cands):
                continue
            if lit in _AMS:
                # allow attached clitics (بالامس، وامس) and اول (من) امس before
                w0 = qs
                while w0 > 0 and w0 > qs - 4 and F[w0 - 1].isalpha():
                    w0 -= 1
                if _key(F[w0:qs]) not in _CLITIC_BEFORE:
                    continue
                m = AT_REL.match(F, w0)
                yb = YEST_BEFORE.search(F, max(0, w0 - 12), w0)
                start = yb.start() if yb is not None else w0
            else:
                if qs > 0 and F[qs - 1].isalpha():
                    continue
                m = AT_REL.match(F, qs)
                start = qs
            if m is not None:
                built = _build(m.lastgroup, m, F, ref, start)
                if built is not None:
                    cands.append((start, m.lastgroup, built))
        cands.sort(key=lambda c: c[0])
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
        if kind == "TODAY" and not tod_ok and dm.label is None \
                and not (ONLY_PUNCT.match(F, 0, s) and ONLY_PUNCT.match(F, e)):
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


_SEPS = frozenset(" ,،.-/()\n:\u2013\u2014\u00a0")


def _last_word(F: str, pos: int, lo: int = 0) -> tuple[int, int]:
    """(start, end) of the letter run ending at most 3 separator characters before ``pos``."""
    j = pos
    while j > lo and pos - j < 3 and F[j - 1] in _SEPS:
        j -= 1
    k = j
    while k > lo and j - k < 12 and F[k - 1].isalpha():
        k -= 1
    return k, j


def _word_start(F: str, pos: int) -> int | None:
    """Start of a month name / year cue / منذ ending just before the digit run at ``pos``."""
    j = pos
    while j > 0 and pos - j < 3 and F[j - 1] in _SEPS:
        j -= 1
    if j == 0:
        return None
    if F[j - 1].isdigit():
        if j < 2 or F[j - 1] not in "12١٢۱۲" or F[j - 2].isdigit():
            return None  # only تشرين 1 / كانون 2 style tokens end in a digit
    else:
        k = j
        while k > 0 and j - k < 12 and F[k - 1].isalpha():
            k -= 1
        if _key(F[k:j]) not in _LAST_TOKENS:
            return None
    toks = [(t.start(), t.group()) for t in TOKEN.finditer(F, max(0, pos - 40), pos)][-6:]
    best = None
    for k in (1, 2, 3):
        if k > len(toks):
            break
        key = _key("".join(t for _, t in toks[-k:]))
        if key in _WORD_KEYS or (key[:1] in "وبل" and key[1:] in _MONTH_KEYS) \
                or (key[:2] in ("وب", "ول") and key[2:] in _MONTH_KEYS):
            best = len(toks) - k
    if best is None:
        return None
    # a month before the year cue: أكتوبر من عام 2009, سبتمبر (أيلول) عام 2014
    j = best
    while j > 0 and j > best - 2 and _key(toks[j][1]) in _YEAR_GLUE:
        j -= 1
    if j < best:
        for k in (1, 2):
            i = j - k + 1
            if i >= 0 and _key("".join(t for _, t in toks[i : j + 1])) in _MONTH_KEYS:
                best = i
                break
    # a dual form before it: أيار/مايو 2015, نوفمبر (تشرين الثاني) 2025
    for k in (1, 2):
        i = best - k
        if i >= 0 and _key("".join(t for _, t in toks[i:best])) in _MONTH_KEYS:
            return toks[i][0]
    return toks[best][0]


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


def _day_match(d: _dt.date, F: str, e: int, s: int, calendar: str = "gregorian",
               hijri: str | None = None, inferred: bool = False):
    tm = _time(F, e, d)
    if tm is not None:
        v, prec, e, upd = tm
        return DateMatch(v, v.isoformat(), prec, (s, e), calendar, None, "updated" if upd else None,
                         hijri, inferred), e
    return DateMatch(d, d.isoformat(), "day", (s, e), calendar, None, None, hijri, inferred), e


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
