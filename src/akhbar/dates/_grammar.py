"""Lexicon and regex grammar of the date scanner.

Owns:

* look-up keys of names as found in text (``_key``: folded, lower case, no whitespace) and
  the name -> number dictionaries built from :mod:`akhbar.dates.tables` (``GMONTH``,
  ``HMONTH``, ``WEEKDAY``, ``ZONES``, ``AMPM``, ``ORDINAL``);
* the pattern builders: ``_uni`` (a regex written in folded form rewritten into classes of
  spelling variants, so the input is never translated), ``_rx``, ``_trie`` (month
  alternations as character tries), ``_alt``;
* the patterns: ``AT_DIGIT`` (shapes starting at a digit run), ``AT_WORD`` (shapes starting
  at a month name / year cue / ``منذ``، ``قبل``، ``بعد`` (also with و/ف) just before one; ``MADT``
  is ``3 ساعات مضت``), ``TIME`` and ``TIME_BEFORE`` (a
  time and zone after / before a date), ``LABEL_BEFORE`` (published / updated cues),
  ``ORD_BEFORE`` (ordinal day words), ``DIRECTION`` (الماضي، القادم ...), ``LINK_GAP``
  (Hijri/Gregorian pairing);
* the tokenizing that anchors ``AT_WORD`` and finds a weekday: ``_word_start``, ``_last_word``.

Relative-date patterns without digits are in :mod:`akhbar.dates._relative`. Every name
list and its source is in :mod:`akhbar.dates.tables`; character folding (``fold_name``) in
:mod:`akhbar.dates._fold`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import tables as T
from ._fold import fold_name

_I = re.IGNORECASE
NOT_LETTER_BEFORE = r"(?<![^\W\d_])"
NOT_LETTER_AFTER = r"(?![^\W\d_])"


# ----------------------------------------------------------------------------- lookups

_WS = re.compile(r"\s+")


@lru_cache(maxsize=8192)
def _key(s: str) -> str:
    """Lookup key of a name as found in text: folded (see ``_fold``), lower case, no
    whitespace (``تشرین 1`` == ``تشرين1``, ``أغسطس`` == ``اغسطس``). Cached: the set of
    distinct names met in text is small."""
    return _WS.sub("", fold_name(s))


def _mkey(g: str) -> str:
    return _key(g)


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

# ----------------------------------------------------------------------------- patterns

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
_AGO_AFTER = _alt(_names(T.AGO_AFTER))
_REL_PREPS = ("منذ", "قبل", "بعد", "ومنذ", "فمنذ", "وقبل", "فقبل", "وبعد", "فبعد")
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
            # 3 ساعات مضت
            r"(?P<MADT>(?<!\d)(?P<mn>\d{1,3})\s*(?P<mu>" + _UNITS_ALT + ")" + NOT_LETTER_AFTER
            + r"\s+(?:" + _AGO_AFTER + ")" + NOT_LETTER_AFTER + ")",
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
            # منذ 3 ساعات, ومنذ 3 ساعات, قبل 3 سنوات مضت, بعد 3 ساعات
            r"(?P<REL>[وف]?(?P<rp>منذ|قبل|بعد)\s+(?P<rn>\d{1,3})\s*(?P<ru>" + _UNITS_ALT + ")" + NOT_LETTER_AFTER
            + r"(?:\s+(?:" + _AGO_AFTER + ")" + NOT_LETTER_AFTER + ")?)",
        ]
    ),
    _I,
)


# Solar Hijri day month year (Persian pages): 2 تیر 1399, ۱۲ اردیبهشت ۱۴۰۲. Read only by the
# separate pass of :func:`akhbar.dates.find_dates`, gated by ``PERSIAN_GATE``, so Arabic text
# is not scanned for these words.
JMONTH = _lookup(T.SOLAR_HIJRI_MONTHS)
JALALI = _rx(
    _DAY.format("jd") + r"\s*[,،.\-]?\s*(?:ماه\s+)?(?P<jm>" + _trie(_names(n for v in T.SOLAR_HIJRI_MONTHS.values() for n in v))
    + ")" + _MEND + r"\s*[,،.\-]?\s*(?:سال\s+)?(?<!\d)(?P<jy>1[34]\d\d)(?!\d)(?:\s*(?:هـ?\s*\.?\s*ش|هجري\s+شمسي|شمسي)"
    + NOT_LETTER_AFTER + r"\.?)?",
    _I,
)
#: Persian letters (پ چ ژ گ ی ک) or digits (۰-۹): a text worth the Solar Hijri pass.
PERSIAN_GATE = re.compile("[\u067e\u0686\u0698\u06af\u06cc\u06a9\u06f0-\u06f9]")

DIGIT_RUN = re.compile(r"\d+")
TOKEN = re.compile(r"[^\W\d_]+|\d+")
_MONTH_KEYS = set(GMONTH) | set(HMONTH)
_LAST_TOKENS = {n.split(" ")[-1] for n in _GM_NAMES + _HM_NAMES if not n.split(" ")[-1].isdigit()} \
    | {c for c in ("عام", "العام", "لعام", "بعام", "وعام", "سنه", "السنه", "لسنه", "year", *_REL_PREPS)} \
    | {p + n for n in _GM_NAMES + _HM_NAMES if " " not in n for p in ("و", "ب", "ل", "وب", "ول")}
# has_date (no reference) reads only the relative forms it read before بعد and و/ف + منذ/قبل
_LAST_TOKENS_NOREF = _LAST_TOKENS - set(_REL_PREPS) | {"منذ", "قبل"}
_YEAR_GLUE = {"من", "عام", "العام", "لعام", "للعام", "سنه"}
ORDINAL = {_key(k): v for k, v in T.ORDINAL_DAYS.items()}
ORD_BEFORE = _rx(NOT_LETTER_BEFORE + r"(?P<o>" + _alt(_names(T.ORDINAL_DAYS)) + r")\s+(?:من\s+)?(?:شهر\s+)?$")
LABEL_QUICK = _rx("نشر|تحديث|تاريخ|منشور|محدث|publi|posted|updated|modifi|mis", _I)
_WORD_KEYS = _MONTH_KEYS | {_key(c) for c in _YR_CUES} | set(_REL_PREPS)
_WORD_KEYS_NOREF = _MONTH_KEYS | {_key(c) for c in _YR_CUES} | {"منذ", "قبل"}

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


# ----------------------------------------------------------------------------- tokens

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


def _word_start(F: str, pos: int, last_tokens=_LAST_TOKENS, word_keys=_WORD_KEYS) -> int | None:
    """Start of a month name / year cue / منذ ending just before the digit run at ``pos``.
    ``last_tokens`` / ``word_keys``: the words accepted (``_LAST_TOKENS_NOREF`` /
    ``_WORD_KEYS_NOREF`` for :func:`akhbar.dates.has_date`: no بعد, no attached و/ف)."""
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
        if _key(F[k:j]) not in last_tokens:
            return None
    toks = [(t.start(), t.group()) for t in TOKEN.finditer(F, max(0, pos - 40), pos)][-6:]
    best = None
    for k in (1, 2, 3):
        if k > len(toks):
            break
        key = _key("".join(t for _, t in toks[-k:]))
        if key in word_keys or (key[:1] in "وبل" and key[1:] in _MONTH_KEYS) \
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
