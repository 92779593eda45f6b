"""Data tables for date parsing: month and weekday names, time zones, label cues.

Every table is written in natural spelling (with hamza, taa marbuta, alef maqsura);
:mod:`akhbar.dates._grammar` folds them with the same length-preserving letter map it
applies to the input (see ``FOLD``), so variant spellings such as ``اغسطس`` for
``أغسطس`` or ``تشرین`` (Persian yeh) for ``تشرين`` match without being listed.

Sources:

* Modern Standard / Egyptian month names (يناير ... ديسمبر, يونيه, يوليه): Unicode CLDR
  ``ar`` and ``ar-EG`` locales (gregorian months, format wide).
* Levantine and Iraqi (Syriac-derived) names (كانون الثاني ... كانون الأول): CLDR ``ar-SY``,
  ``ar-LB``, ``ar-IQ``; the numbered forms (``تشرين 1``, ``كانون 2``) are from real Lebanese
  datelines (dateparser issue #1038, shared case ``date-levant-numbered-month``).
* Maghrebi (Algeria, Tunisia) French-derived names (جانفي، فيفري، أفريل، ماي، جوان، جويلية، أوت):
  CLDR ``ar-DZ``, ``ar-TN``; Moroccan (يوليوز، غشت، شتنبر، نونبر، دجنبر): CLDR ``ar-MA``.
* Spelling variants (أغسطوس, إبريل, مايّو ...): seen in the SaudiNewsNet and ANT corpora.
* Hijri month names: the twelve lunar months as used by the Umm al-Qura calendar
  (``hijridate`` package documentation), with common variants (ربيع الآخر, جمادى الآخرة).
* Solar Hijri (Persian) month names: CLDR ``fa`` (``SOLAR_HIJRI_MONTHS``).
* English and French names: CLDR ``en`` and ``fr`` (wide and abbreviated forms).
* Time-zone offsets: IANA tz database (Asia/Riyadh +03:00, Asia/Dubai +04:00, Asia/Qatar,
  Asia/Kuwait, Asia/Bahrain, Asia/Baghdad +03:00, Africa/Tunis and Africa/Algiers +01:00):
  only zones without daylight saving in the years our corpora cover; Cairo, Beirut,
  Damascus, Amman, Jerusalem and Rabat observe(d) DST, so a time stated in those zones is
  kept naive rather than given a possibly wrong offset.
* SPA wire abbreviations ``ت م`` (توقيت مكة, Makkah time) and ``ت غ`` (توقيت غرينتش, GMT):
  SaudiNewsNet ``was`` records (``20:26 ت م``).
* Relative-date words (units, ``مضت``, calendar periods with الماضي/المقبل ..., الآن، غداً):
  Standard Arabic as written in news; colloquial spellings (``من ساعتين``, ``امبارح``،
  ``مبارح``، ``بكرة``) are common Egyptian/Levantine/Gulf forms (the author's knowledge of
  dialect spelling; each table says which are read only in dateline-like strings).
* Label cues (نشر في، تاريخ النشر، آخر تحديث ...): seen on the gold pages in ``shared/gold``
  and the htmldate-mediacloud pages.
"""

from __future__ import annotations

#: Gregorian month number -> names (Arabic regional tables, then English, then French).
GREGORIAN_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("يناير", "ينايِر", "كانون الثاني", "كانون ثاني", "كانون ثان", "كانون 2", "جانفي", "جانفييه",
        "january", "jan", "janvier", "janv"),
    2: ("فبراير", "فبرايِر", "فبرير", "شباط", "فيفري", "فبراير",
        "february", "feb", "février", "fevrier", "févr", "fevr", "fév", "fev"),
    3: ("مارس", "آذار", "march", "mar", "mars"),
    4: ("أبريل", "إبريل", "ابريل", "أفريل", "افريل", "نيسان", "april", "apr", "avril", "avr"),
    5: ("مايو", "مايّو", "ماي", "أيار", "may", "mai"),
    6: ("يونيو", "يونيه", "يونيّو", "جوان", "حزيران", "june", "jun", "juin"),
    7: ("يوليو", "يوليه", "يوليوز", "جويلية", "جويليه", "تموز", "july", "jul", "juillet", "juil"),
    8: ("أغسطس", "أغسطوس", "اغسطس", "آب", "أوت", "غشت", "august", "aug", "août", "aout"),
    9: ("سبتمبر", "سيبتمبر", "شتنبر", "أيلول", "september", "sept", "sep", "septembre"),
    10: ("أكتوبر", "اكتوبر", "تشرين الأول", "تشرين أول", "تشرين 1", "october", "oct", "octobre"),
    11: ("نوفمبر", "نونبر", "تشرين الثاني", "تشرين ثاني", "تشرين ثان", "تشرين 2", "november", "nov", "novembre"),
    12: ("ديسمبر", "دجنبر", "كانون الأول", "كانون أول", "كانون 1", "december", "dec", "décembre",
         "decembre", "déc"),
}

#: Hijri month number -> names.
HIJRI_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("محرم", "المحرم", "محرّم"),
    2: ("صفر",),
    3: ("ربيع الأول", "ربيع أول", "ربيع الاول", "ربيع 1"),
    4: ("ربيع الثاني", "ربيع الآخر", "ربيع ثاني", "ربيع آخر", "ربيع 2"),
    5: ("جمادى الأولى", "جمادى الأول", "جمادى أولى", "جمادي الأولى", "جمادى 1"),
    6: ("جمادى الآخرة", "جمادى الثانية", "جمادى الآخر", "جمادى الثاني", "جمادى ثاني", "جمادى 2"),
    7: ("رجب",),
    8: ("شعبان",),
    9: ("رمضان",),
    10: ("شوال",),
    11: ("ذو القعدة", "ذي القعدة", "ذو القعده", "ذى القعدة"),
    12: ("ذو الحجة", "ذي الحجة", "ذى الحجة"),
}

#: Solar Hijri (Persian, Jalali) month number -> names: CLDR ``fa`` locale (persian calendar,
#: months, format wide); spellings with the Arabic yeh/kaf (تير، شهريور) fold to these.
SOLAR_HIJRI_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("فروردین",), 2: ("اردیبهشت",), 3: ("خرداد",), 4: ("تیر",), 5: ("مرداد", "امرداد"), 6: ("شهریور",),
    7: ("مهر",), 8: ("آبان",), 9: ("آذر",), 10: ("دی",), 11: ("بهمن",), 12: ("اسفند",),
}

#: Python weekday number (Monday=0) -> names (Arabic, English, French).
WEEKDAYS: dict[int, tuple[str, ...]] = {
    0: ("الاثنين", "الإثنين", "الأثنين", "الاتنين", "اثنين", "monday", "mon", "lundi"),
    1: ("الثلاثاء", "الثلاثا", "ثلاثاء", "tuesday", "tues", "tue", "mardi"),
    2: ("الأربعاء", "الاربعاء", "أربعاء", "wednesday", "wed", "mercredi"),
    3: ("الخميس", "خميس", "thursday", "thurs", "thur", "thu", "jeudi"),
    4: ("الجمعة", "جمعة", "friday", "fri", "vendredi"),
    5: ("السبت", "سبت", "saturday", "sat", "samedi"),
    6: ("الأحد", "الاحد", "أحد", "sunday", "sun", "dimanche"),
}

#: Named zones after ``بتوقيت`` / ``توقيت`` -> offset in minutes (IANA tz, no-DST zones only).
ZONE_NAMES: dict[str, int] = {
    "غرينتش": 0, "غرينيتش": 0, "جرينتش": 0, "جرينيتش": 0, "غرينيش": 0, "جرينيش": 0,
    "مكة المكرمة": 180, "مكة": 180, "السعودية": 180, "الرياض": 180, "جدة": 180,
    "الكويت": 180, "قطر": 180, "الدوحة": 180, "البحرين": 180, "المنامة": 180,
    "بغداد": 180, "العراق": 180,
    "الإمارات": 240, "أبوظبي": 240, "أبو ظبي": 240, "دبي": 240, "مسقط": 240,
    "تونس": 60, "الجزائر": 60,
}

#: Latin zone abbreviations -> offset in minutes. GST = Gulf Standard Time (+04:00, seen as
#: ``2020-03-15 20:18:45 GST`` on albayan.ae); EET/EEST/CET/CEST are fixed by definition.
#: AST is left out: Arabia Standard Time (+03) and Atlantic Standard Time (-04) collide.
ZONE_ABBR: dict[str, int] = {"gmt": 0, "utc": 0, "z": 0, "gst": 240, "eet": 120, "eest": 180,
                             "cet": 60, "cest": 120, "msk": 180}

#: SPA wire abbreviations after a time: ``ت م`` = توقيت مكة, ``ت غ`` = توقيت غرينتش.
ZONE_SPA: dict[str, int] = {"م": 180, "غ": 0}

#: Cues before a date saying it is the publication date.
PUBLISHED_CUES: tuple[str, ...] = (
    "تاريخ النشر", "نشر في", "نشرت في", "نشر بتاريخ", "تم النشر", "تم نشره", "نشره", "نشر", "نشرت",
    "منشور", "تاريخ الإضافة", "أضيف في", "أضيف بتاريخ",
    "بتاريخ", "تاريخ الخبر", "published", "posted", "publié le", "publie le", "publié",
    "date de publication",
)

#: Cues before a date saying it is the last-update date.
UPDATED_CUES: tuple[str, ...] = (
    "آخر تحديث", "اخر تحديث", "تم التحديث", "تم تحديثه", "تحديث", "محدث", "محدثة", "updated",
    "last updated", "last modified", "mis à jour", "mise à jour", "modifié le",
)

#: AM/PM words after a time -> "am" | "pm" | "noon" | "night".
AMPM: dict[str, str] = {
    "ص": "am", "صباحا": "am", "صباحاً": "am", "صباح": "am", "فجرا": "am", "فجراً": "am",
    "م": "pm", "مساء": "pm", "مساءً": "pm", "مساءا": "pm", "عصرا": "pm", "عصراً": "pm",
    "ظهرا": "noon", "ظهراً": "noon", "ليلا": "night", "ليلاً": "night",
    "am": "am", "a.m.": "am", "a.m": "am", "pm": "pm", "p.m.": "pm", "p.m": "pm",
}

#: Relative units (``منذ 3 ساعات``) -> (unit, amount for the bare singular / dual form).
#: Units: "second", "minute", "hour", "day", "week", "month", "year". Standard Arabic singular,
#: plural and dual forms (and the accusative يوماً ...), as written in news text.
RELATIVE_UNITS: dict[str, tuple[str, int]] = {
    "دقيقة": ("minute", 1), "دقائق": ("minute", 1), "دقيقه": ("minute", 1), "دقيقتين": ("minute", 2),
    "ساعة": ("hour", 1), "ساعات": ("hour", 1), "ساعتين": ("hour", 2),
    "يوم": ("day", 1), "أيام": ("day", 1), "يوما": ("day", 1), "يوماً": ("day", 1), "يومين": ("day", 2),
    "أسبوع": ("week", 1), "أسبوعا": ("week", 1), "أسبوعاً": ("week", 1), "أسابيع": ("week", 1), "أسبوعين": ("week", 2),
    "شهر": ("month", 1), "شهرا": ("month", 1), "شهراً": ("month", 1), "أشهر": ("month", 1), "شهور": ("month", 1), "شهرين": ("month", 2),
    "سنة": ("year", 1), "سنوات": ("year", 1), "سنين": ("year", 1), "عام": ("year", 1),
    "عاما": ("year", 1), "عاماً": ("year", 1),
    "أعوام": ("year", 1), "سنتين": ("year", 2), "عامين": ("year", 2),
    "ثانية": ("second", 1), "ثانيه": ("second", 1), "ثوان": ("second", 1), "ثواني": ("second", 1),
    "ثانيتين": ("second", 2),
    "second": ("second", 1), "seconds": ("second", 1), "secs": ("second", 1), "sec": ("second", 1),
    "minute": ("minute", 1), "minutes": ("minute", 1), "mins": ("minute", 1), "min": ("minute", 1),
    "hour": ("hour", 1), "hours": ("hour", 1), "day": ("day", 1), "days": ("day", 1),
    "week": ("week", 1), "weeks": ("week", 1),
}

_UNITS_ORD = ("الحادي", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع")
#: Ordinal day words before a month (``التاسع من سبتمبر``) -> day of month. Standard Arabic
#: masculine ordinals (agreeing with the implied يوم); 11-19 as ``الحادي عشر`` ..., 21-29 as
#: ``الحادي والعشرين`` ...; ``الأول``/``الاول`` for 1 (seen in SaudiNewsNet aawsat/alyaum).
ORDINAL_DAYS: dict[str, int] = {
    "الأول": 1, "الاول": 1, "العاشر": 10, "العشرين": 20, "الثلاثين": 30,
    **{w: i + 2 for i, w in enumerate(_UNITS_ORD[1:])},
    **{f"{w} عشر": i + 11 for i, w in enumerate(_UNITS_ORD)},
    **{f"{w} والعشرين": i + 21 for i, w in enumerate(_UNITS_ORD)},
    "الحادي والثلاثين": 31,
}

#: Plural units that, without a number, make a vague span (قبل أسابيع = "weeks ago"), not a date.
VAGUE_PLURAL_UNITS = frozenset(
    {"ثوان", "ثواني", "seconds", "دقائق", "ساعات", "أيام", "أسابيع", "أشهر", "شهور", "سنوات", "سنين", "أعوام", "minutes", "hours",
     "days", "weeks"}
)

#: Words after a duration saying it is past: ``3 ساعات مضت``, ``قبل 3 سنوات مضت``.
AGO_AFTER: tuple[str, ...] = ("مضت", "مضى", "خلت")

#: Calendar periods named with a direction word: ``الأسبوع الماضي``, ``العام المقبل``,
#: ``هذا الشهر``. Unit words (with the article) -> unit; direction words -> -1 / 0 / +1.
#: Standard Arabic; the directions are those already read after day-month dates
#: (``DIRECTION`` in :mod:`akhbar.dates._grammar`: الماضي، المنصرم، الفائت، القادم، المقبل،
#: الجاري، الحالي), with their feminine forms for ``السنة``.
CALENDAR_UNITS: dict[str, str] = {"الأسبوع": "week", "الشهر": "month", "العام": "year", "السنة": "year"}
CALENDAR_DIRECTIONS: dict[str, int] = {
    "الماضي": -1, "الماضية": -1, "المنصرم": -1, "المنصرمة": -1, "الفائت": -1, "الفائتة": -1,
    "المقبل": 1, "المقبلة": 1, "القادم": 1, "القادمة": 1,
    "الجاري": 0, "الجارية": 0, "الحالي": 0, "الحالية": 0,
}

#: "now" and "tomorrow" (read only in dateline-like strings, see :mod:`akhbar.dates._relative`).
#: ``بكرة`` / ``بكره``: Egyptian and Levantine colloquial "tomorrow".
NOW_WORDS: tuple[str, ...] = ("الآن", "الان", "now", "maintenant")
TOMORROW_WORDS: tuple[str, ...] = ("غدا", "غداً", "بكرة", "بكره", "tomorrow", "demain")

#: Colloquial "yesterday": Egyptian ``امبارح`` / ``إمبارح``, Levantine ``مبارح`` (beside
#: the Standard/Gulf ``أمس`` and ``البارحة`` of the ``YEST`` pattern). Dialect spellings as
#: written in Arabic web news and comments (the author's knowledge; SaudiNewsNet, in
#: Standard Arabic, has none).
COLLOQUIAL_YESTERDAY: tuple[str, ...] = ("امبارح", "إمبارح", "مبارح")
