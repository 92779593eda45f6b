"""Phrase tables for labelling the lines of Arabic news pages.

Every table was read off real pages, and says where:

- SNN  = ../shared/data/saudinewsnet (14 Saudi papers, 2015; crawler text) and the
         hand-marked furniture in ../shared/gold/saudinewsnet_dev.jsonl;
- GOLD = the 11 pages of ../shared/gold/pages (inscriptis renderings with a label
         per line: albayan, youm7, sputnik, akhbarelyom, almadenahnews, lbcgroup, ...);
- SEED = ../shared/seeds/000_d212a791d4e52f7e.txt (Euronews Arabic / Arabi21);
- CASE = ../shared/cases/cases.jsonl (bp-read-also-tags-share-related).

Patterns are matched on the *display* form of a line (NFC, tatweel and bidi
controls already removed by decoding); hamza and alef variants are written
into the patterns themselves (``[اأإ]``) so no second normalization is needed.
"""

from __future__ import annotations

import re

A = "[اأإآ]"  # any alef
Y = "[يىی]"  # yeh / alef maqsura / Farsi yeh
H = "[ةه]"  # teh marbuta / heh

# --- related-story headers ("read also") ------------------------------------------------
# SEED "إقرأ أيضاً:"; CASE lists اقرأ/اقرا/إقرأ أيضا/أيضاً/ايضا, طالع أيضا, شاهد أيضا, يهمك أيضا,
# قد يهمك, مواضيع ذات صلة, أخبار ذات صلة; GOLD (youm7 "اقرأ أيضا", albayan "مواضيع ذات صلة",
# sputnik "الأكثر قراءة", akhbarelyom "الأكثر مشاهدة"); SNN alwatan "بنود مترابطة - 1".
RELATED_HEADER = re.compile(
    rf"^\W*(?:{A}قر{A}\s+{A}يض{A}ً?|طالع\s+{A}يض{A}ً?|شاهد\s+{A}يض{A}ً?|{Y}همك\s+{A}يض{A}ً?|قد\s+{Y}همك"
    rf"|(?:مواضيع|{A}خبار|مق{A}لات|قصص|روابط|موضوعات|بنود)\s+(?:ذات\s+صل{H}|متعلق{H}|مشابه{H}|مترابط{H})"
    rf"|{A}ل{A}كثر\s+(?:قر{A}ء{H}|مش{A}هد{H}|تد{A}ول{A}|تعليق{A})|{A}خترن{A}\s+لك|ننصحك\s+بقر{A}ء{H}|"
    rf"Related|Read\s+(?:also|more)|More\s+(?:from|on)|Recommended|Most\s+(?:read|viewed))"
    # the tail (separator, counter "- 1") is written so that each whitespace run has one way to
    # match: the former ``\s*[:：\-–]?\s*(?:-?\s*\d+)?\s*$`` split a run of spaces among four
    # ``\s*`` and took cubic time on a long run before a letter (issue 18)
    r"(?!\w)\s*(?:[:：\-–]\s*)?(?:(?:-\s*)?\d+\s*)?$",
    re.IGNORECASE,
)
#: The same lead phrases at the start of a longer line ("Related <headlines...>", "اقرأ أيضاً: <headline>").
RELATED_LEAD = re.compile(
    rf"^\W*(?:{A}قر{A}\s+{A}يض{A}ً?|طالع\s+{A}يض{A}ً?|شاهد\s+{A}يض{A}ً?|{Y}همك\s+{A}يض{A}ً?|Related|Read\s+also)(?!\w)\s*[:：\-–]?\s*",
    re.IGNORECASE,
)

# --- tags ------------------------------------------------------------------------------
# SEED "كلمات دلالية:"; GOLD "الكلمات الدالة :", "الكلمات الدلالية:", "الموضوع:", "تاجز:", "الوسوم:";
# SNN 3alyoum "سمات ..." glued after the last sentence.
TAGS_LEAD = re.compile(
    rf"^\W*(?:{A}?ل?كلم{A}ت\s+{A}?ل?د(?:{A}ل|ل{A}ل)(?:ي)?{H}|{A}?ل?وسوم|{A}?ل?علام{A}ت|{A}?ل?موضوع|{A}?ل?مو{A}ضيع|ت{A}جز|"
    rf"{A}?ل?كلم{A}ت\s+{A}ل?مفت{A}حي{H}|Tags|Keywords|سم{A}ت)\s*[:：]\s*",
    re.IGNORECASE,
)


def tags_lead_match(t: str) -> re.Match[str] | None:
    """``TAGS_LEAD.match(t)``, skipped when ``t`` has no colon (every match ends in one)."""
    return TAGS_LEAD.match(t) if ":" in t or "：" in t else None


TAGS_SUFFIX = re.compile(r"(?<=[.!؟?»\"”])\s+سمات\s+(?=\S)")


def tags_suffix_search(t: str) -> re.Match[str] | None:
    """``TAGS_SUFFIX.search(t)``, skipped when "سمات" is absent (the pattern starts with a lookbehind,
    so a plain search tries every position)."""
    return TAGS_SUFFIX.search(t) if "سمات" in t else None

# --- source / credit lines ---------------------------------------------------------------
# SEED "المصدر: عربي21", "المصادر الإضافية • AP"; GOLD albayan "المصدر:", almadenahnews "--(بترا)".
SOURCE_LEAD = re.compile(
    rf"^\W*(?:{A}ل?مصدر|{A}ل?مص{A}در(?:\s+{A}ل?{A}ض{A}في{H})?|مصدر\s+{A}لخبر|{A}لمصدر\s+{A}لرئيسي|Source|Sources)\s*[:：•·\-–]?\s*",
    re.IGNORECASE,
)
AGENCY_CREDIT_LINE = re.compile(r"^\s*-{1,3}\s*\(([^()]{2,20})\)\s*$")

# --- wire-service markers (SNN was/SPA) ---------------------------------------------------
AGENCY_MARKER = re.compile(r"^\s*(?://\s*(?:يتبع|انتهى|انتهي)\s*//|\d{1,2}:\d{2}\s*ت\s*م|واس|يتبع\s*\.{2,})\s*$")

# --- dateline labels ---------------------------------------------------------------------
# SEED "تاريخ النشر:"; GOLD "التاريخ:", "تم نشره", "آخر تحديث"; cases "نُشر", "بتاريخ".
DATELINE_LEAD = re.compile(
    rf"^\W*(?:ت{A}ريخ\s+{A}ل?نشر|{A}ل?ت{A}ريخ|تم\s+نشره?|نُ?شر(?:ت)?(?:\s+في)?|بت{A}ريخ|{A}خر\s+تحديث|تم\s+{A}ل?تحديث|"
    r"Published|Updated|Date)\b\s*[:：]?\s*",
    re.IGNORECASE,
)

# --- share / follow / comment widgets ---------------------------------------------------
# GOLD (albayan, youm7, sputnik, elbaladtv, lbcgroup, almadenahnews), SNN okaz, SEED.
SHARE_WORDS = frozenset(
    ["شارك", "شاركها", "شارك_الخبر", "مشاركة", "مشاركه", "تغريد", "غرد", "واتساب", "واتس_اب", "وتساب", "فيسبوك", "فيس_بوك", "فيسبوك", "تويتر", "جوجل_بلس", "جوجل", "بلس", "لينكد_إن", "لينكدإن", "لينكدين", "إنستجرام", "انستجرام", "إينستاجرام", "انستغرام", "يوتيوب", "تيليغرام", "تلغرام", "تليجرام", "طباعة", "اطبع", "نسخ", "الرابط", "انسخ", "رابط", "مختصر", "تعليق", "تعليقات", "التعليقات", "اضف", "أضف", "تعليقاً", "تعليقا", "واقرأ", "القراء", "اكتب", "رأيك", "تابعنا", "تابعونا", "تابعوا", "عبر", "على", "بريد", "إلكتروني", "ارسل", "أرسل", "لصديق", "حفظ", "المفضلة", "محادثة", "RSS", "facebook", "twitter", "whatsapp", "telegram", "linkedin", "instagram", "youtube", "pinterest", "email", "print", "share", "tweet", "copy", "short", "url", "link", "messenger", "reddit", "pin", "interest", "whats", "app", "google", "plus", "snapchat", "tiktok", "x"]
)
SHARE_LEAD = re.compile(
    rf"^\W*(?:شارك(?:\s+(?:من\s+خل{A}ل|{A}لخبر|هذ{A}\s+{A}لخبر|{A}لم[قو]{A}ل))?|مش{A}رك{H}\s+{A}لخبر|تابعون{A}|تابعن{A}|تابعوا|{A}نضم|Share(?:\s+on)?|Follow\s+us)\b",
    re.IGNORECASE,
)

# --- navigation / site furniture ----------------------------------------------------------
# GOLD albayan/youm7 menus; SEED "انتقل إلى اختصارات الوصول", "Loader Search", "ابحث".
NAV_PHRASES = (
    "تخطى قائمة التنقل",
    "انتقل إلى اختصارات الوصول",
    "انتقل الى اختصارات الوصول",
    "تخطي إلى المحتوى",
    "الرئيسية",
    "القائمة",
    "ابحث",
    "بحث",
    "Loader Search",
    "Search",
    "Menu",
    "Home",
    "تسجيل الدخول",
    "دخول",
    "English",
    "Français",
    "Next Previous",
    "السابق التالي",
    "المزيد",
    "عرض المزيد",
    "كل الأخبار",
    "جميع الأخبار",
    "أعلى",
)
NAV_LINE = re.compile(
    r"^\W*(?:"
    + "|".join(re.escape(p) for p in sorted(NAV_PHRASES, key=len, reverse=True))
    + r")(?:\s+(?:"
    + "|".join(re.escape(p) for p in sorted(NAV_PHRASES, key=len, reverse=True))
    + r"|مفاتيح|اليوم))*\W*$",
    re.IGNORECASE,
)
#: Breadcrumbs: "الرئيسية القارات السبع", "الرئيسية تقارير مصرية" (GOLD alyaum, youm7).
#: (The separator and the spaces around it have one way to match: ``\s*[>›»/|،]?\s+`` split a
#: whitespace run between two quantifiers, quadratic when nothing follows it.)
BREADCRUMB = re.compile(r"^\W*(?:الرئيسية|الصفحة الرئيسية|Home)(?:\s*[>›»/|،]\s+|\s+)\S")

#: Leading UI words glued before a tag list (SEED "انتقل إلى اختصارات الوصول شارك محادثة المجر ...").
UI_PREFIX = re.compile(
    rf"^(?:\s*(?:{A}نتقل\s+{A}[لى]{Y}?\s+{A}ختص{A}ر{A}ت\s+{A}لوصول|شارك|محادث{H}|تعليق(?:{A}ت)?|طب{A}ع{H}|Share|Print))+\s*",
    re.IGNORECASE,
)

# --- footer ------------------------------------------------------------------------------
FOOTER_LINE = re.compile(
    rf"(?:جميع\s+{A}ل?حقوق\s+محفوظ{H}|كل\s+{A}ل?حقوق\s+محفوظ{H}|حقوق\s+{A}ل?نشر|©\s*(?:19|20)\d\d|(?:19|20)\d\d\s*©|Copyright|All\s+rights\s+reserved|"
    rf"سي{A}س{H}\s+{A}ل?خصوصي{H}|{A}تصل\s+بن{A}|{A}علن\s+معن{A}|من\s+نحن|شروط\s+{A}ل?{A}ستخد{A}م|Privacy\s+Policy)",
    re.IGNORECASE,
)

#: Photo credits (GOLD sputnik "© REUTERS / EGYPTIAN HEALTH MINISTRY").
# --- a newspaper's masthead (Egyptian, Qatari, Libyan outlets of the open-web development set) -----
#: "رئيس مجلس الإدارة" / "رئيس مجلسي الإدارة والتحرير" / "رئيس التحرير: NAME" / "مستشار التحريرNAME":
#: the masthead printed above every article; the bare label's next line is a name
MASTHEAD = re.compile(
    rf"^\s*(?:نائب\s+)?(?:رئيس\s+(?:مجلس{Y}?\s+{A}ل{A}د{A}ر{H}(?:\s+و\s*(?:رئيس\s+)?{A}لتحرير)?|{A}لتحرير)|"
    rf"مستش{A}ر\s+{A}لتحرير|مدير\s+{A}لتحرير|{A}لمدير\s+{A}لع{A}م)(?:\s*[:：]|\s|(?=[\u0621-\u064a])|$)"
)
#: A view counter ("عدد القراءات 2470", "المحرر: | عدد المشاهدات: 8"; open-web: Yemeni and Iraqi
#: outlets) and Blogger's label-page banner ("إظهار الرسائل ذات التسميات قرطاج. إظهار كافة الرسائل";
#: two Blogger sites of the open-web set): page furniture
PAGE_WIDGET = re.compile(
    r"(?:عدد\s+(?:ال)?(?:مشاهدات|قراءات|زيارات)|(?:ال)?مشاهدات|(?:ال)?قراءات)\s*(?:[:：]\s*)?[0-9\u0660-\u0669]"
    r"|^\s*إظهار\s+(?:الرسائل|المشاركات)\s+ذات\s+التسميات"
    # an audio player's label (open-web development set: aawsat.com "استمع إلى المقالة")
    r"|^\s*استمع\s+[إا]لى\s+(?:ال)?(?:مقال[ةه]?|خبر|تقرير)\s*$"
)
PHOTO_CREDIT = re.compile(r"^\s*(?:©\s*[A-Za-z]|\(?(?:تصوير|الصورة|Photo|Getty Images|AFP PHOTO)\b)")

# --- subscription / contact lines (SNN okaz, almadina) --------------------------------------
SUBSCRIPTION = re.compile(
    rf"(?:للتو{A}صل\s+(?:مع\s+{A}لك{A}تب\s+)?{A}رسل|للتو{A}صل\s+مع\s+{A}لك{A}تب|{A}شترك\s+في\s+{A}لنشر{H}|"
    rf"sms\s+{A}لى\s+\d)",
    re.IGNORECASE,
)


def subscription_search(t: str) -> re.Match[str] | None:
    """``SUBSCRIPTION.search(t)``, skipped when ``t`` lacks the literal every branch needs
    (للتو, شترك, or the m/M of "sms": no other character matches "m" under IGNORECASE).
    The full search starts a match attempt at every alef, so it is the cost of a line."""
    if "للتو" in t or "شترك" in t or "m" in t or "M" in t:
        return SUBSCRIPTION.search(t)
    return None


# Both written so that matching is linear (issue 18): EMAIL starts only at the first character of a
# run of address characters (a later start finds nothing an earlier one does not: the same match,
# without rescanning the run from every position); CONTACT_LINE splits its token at the first "@"
# (``\S*@\S*`` tried every "@" of a token, quadratic on "@@@@...").
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.]+")
CONTACT_LINE = re.compile(rf"^\s*(?:(?:تويتر|Twitter|{A}ل?بريد(?:\s+{A}ل?{A}لكتروني)?|email|e-mail)\s*[:：]\s*)?[^\s@]*@\S*\s*$", re.IGNORECASE)

# --- "more" links (SNN aawsat) -------------------------------------------------------------
#: A match never starts right after a space, nor at the second dot of a run of dots: the leftmost
#: match starts earlier anyway, and the lookarounds keep the search from rescanning every run of
#: spaces and dots from each of its positions (quadratic on a line of dots, issue 18).
MORE_LINK_SUFFIX = re.compile(rf"(?:(?<!\s)(?!(?<=\.)\.)\s*\.{{2,}}\s*{A}لمزيد|(?<!\s)\s*{A}لمزيد\s*\.{{2,}})\s*$")


def more_link_suffix_search(t: str) -> re.Match[str] | None:
    """``MORE_LINK_SUFFIX.search(t)``, skipped when ``t`` lacks "لمزيد" or ".." (both branches need them;
    the pattern starts with ``\\s*``, so a plain search tries every position)."""
    if "لمزيد" in t and ".." in t:
        return MORE_LINK_SUFFIX.search(t)
    return None


MORE_LINK_LINE = re.compile(rf"^\s*(?:لقر{A}ء{H}\s+\S+(?:\s+\S+)?\s+ك{A}مل{A}ً?\s+{A}نقر\s+هن{A}|{A}ضغط\s+هن{A}|{A}قر{A}\s+{A}لمزيد|\.{{2,}}{A}لمزيد|{A}لمزيد\.{{2,}})\s*$")

# --- back-link lines (SNN alweeam "رابط الخبر بصحيفة الوئام: <title>") ----------------------
BACKLINK = re.compile(rf"رابط\s+{A}لخبر\s+بصحيف{H}\s+\S+\s*[:：]")

# --- "other articles by the writer" (SNN aljazirah) ---------------------------------------
OTHER_ARTICLES = re.compile(rf"مق{A}لات\s+{A}خرى\s+للك{A}تب")

# --- bylines -------------------------------------------------------------------------------
# GOLD "كتب ضحى عرفة", "كتبت أسماء نصار", "حوار: آسيا العتروس"; SNN "أجرى الحوار:", "بقلم".
BYLINE_LEAD = re.compile(
    rf"^\W*(?:كتب(?:ت|ه|ها)?|بقلم|{A}عد(?:ه|ت|ته)|حو{A}ر|{A}جرى\s+{A}لحو{A}ر|ترجم{H}|تحرير|By)\s*[:：\-–]?\s+",
    re.IGNORECASE,
)
DASHES = "-–—ـ"

# --- section / menu words (SEED tag cloud, GOLD menus) ---------------------------------------
# Site section names that appear on every page of a site: never an article tag.
MENU_WORDS = frozenset(
    ["سياسة", "اقتصاد", "رياضة", "مقالات", "صحافة", "أفكار", "عالم", "الفن", "تكنولوجيا", "صحة", "تفاعلي", "ثقافة", "فن", "فنون", "منوعات", "مجتمع", "محليات", "دوليات", "عربي", "دولي", "أخبار", "الأخبار", "الرئيسية", "فيديو", "صور", "مقابلات", "تحقيقات", "آراء", "رأي", "قضايا", "وآراء", "اقتصادية", "رياضية", "علوم", "تقنية", "سياحة", "سيارات", "مرأة", "المرأة", "أسرة", "ترفيه", "بيئة", "تعليم", "حوادث", "عاجل", "المزيد", "في"]
)

# --- news agencies (credited wires) ----------------------------------------------------------
# Sources: the agencies credited in SNN gold `credited_agencies` (واس، أ.ف.ب، ا ف ب، رويترز),
# GOLD `credited_sources` (بترا), SEED (AP) plus the main Arab national agencies (members of FANA,
# the Federation of Arab News Agencies) and the international wires.
AGENCIES: dict[str, str] = {
    # canonical: regex (matched as a whole token run)
    "واس": r"واس",
    "أ.ف.ب": rf"{A}\s?\.?\s?ف\s?\.?\s?ب|فرانس\s+برس|الفرنسية",
    "رويترز": r"رويترز|Reuters",
    "أ.ب": rf"{A}\s?\.\s?ب|{A}سوشيتد\s+برس|AP|Associated\s+Press",
    "د.ب.أ": rf"د\s?\.?\s?ب\s?\.?\s?{A}|الألمانية",
    "بترا": r"بترا",
    "وام": r"وام",
    "قنا": r"قنا",
    "كونا": r"كونا",
    "سانا": r"سانا",
    "واج": r"واج",
    "وات": r"وات",
    "ومع": r"ومع",
    "الأناضول": rf"{A}ل{A}ن{A}ضول",
    "شينخوا": r"شينخوا",
    "سبوتنيك": r"سبوتنيك",
    "بنا": r"بنا",
    "العمانية": r"العمانية",
    "أ ش أ": rf"{A}\s?ش\s?{A}",
    "AFP": r"AFP",
    "يونهاب": r"يونهاب",
    "تاس": r"تاس",
}
AGENCY_RE = {k: re.compile(rf"(?<![\w]){v}(?![\w])") for k, v in AGENCIES.items()}

# Words in a dateline/byline prefix that are the publisher's own tag, not an agency (SNN gold notes).
OUTLET_TAGS = frozenset(
    ["سبق", "الوئام", "عين اليوم", "الشرق الأوسط", "«الشرق الأوسط»", "اليوم", "عكاظ", "المدينة", "الرياض", "الجزيرة",
     "الوطن", "الاقتصادية", "الرياضية", "البيان", "متابعات", "خاص"]
)

#: Lines written by a page's UI in English (SEED "Loader Search"; GOLD "Trending Plus", "Short URL Copy"):
#: one to six words of Latin letters (and ``+&/|.-``), each starting with a letter.
#: Written so that each character has one way to match (words are separated by required
#: whitespace): the former ``(?:[A-Za-z][...]*\s*){1,6}`` let a run of letters be cut into words
#: in exponentially many ways, and backtracked for seconds on a long slug (issue 18).
ENGLISH_UI = re.compile(r"^[A-Za-z][A-Za-z+&/|.-]*(?:\s+[A-Za-z][A-Za-z+&/|.-]*){0,5}\s*$")

# --- disclaimers and aggregator wrappers (open-web development set, benchmarks/data/openweb):
# "المقالات لا تُعبر عن وجهة نظر الموقع" (opinion pages), "هذا الخبر بعنوان ... لا يتحمل موقعنا
# مضمونه" (aggregators re-publishing a wire), "انت الأن تتابع خبر ..." (dotgulf), "تم نشر هذا الخبر
# ... ولا يتحمل" ; matched anywhere in a line of at most 60 words.
#: An aggregator's wrapper sentence around the headline it re-publishes: "انت الأن تتابع خبر
#: <headline> والأن مع التفاصيل" (open-web development set: news.dotgulf.com, a template on every
#: page of that aggregator). Group ``h`` is the headline; use ``.match`` at the line's first letter.
WRAPPED_HEADLINE = re.compile(
    rf"{A}نت\s+{A}ل{A}?ن\s+تت{A}بع\s+خبر\s+(?P<h>\S.*?\S)\s+و{A}ل{A}?ن\s+مع\s+{A}لتف{A}صيل\W*$"
)

DISCLAIMER = re.compile(
    rf"(?:لا\s+(?:تُ?عبر|يُ?عبر)\s+(?:بالضرور{H}\s+)?عن\s+(?:وجه{H}\s+نظر|ر{A}ي)\s+{A}ل(?:موقع|صحيف{H}|جريد{H}|قن{A}{H})"
    rf"|لا\s+يتحمل\s+(?:{A}ل)?موقع(?:ن{A})?\s+|هذ{A}\s+{A}لخبر\s+بعنو{A}ن|{A}نت\s+{A}ل{A}?ن\s+تت{A}بع\s+خبر"
    rf"|{A}لمق{A}ل{A}ت\s+لا\s+تُ?عبر"
    # cookie banners and listing counters ("هذا الموقع يستخدم ملف تعريف الارتباط Cookie",
    # "مجموع المقالات : 355", "إجمالي نتائج البحث: 617")
    rf"|يستخدم\s+(?:ملف{A}?ت?|ملف)\s+(?:تعريف\s+{A}ل{A}رتب{A}ط|{A}ل?كوكيز)|(?:مجموع|عدد)\s+{A}لمق{A}لات\s*:"
    rf"|(?:{A}جم{A}لي|عدد)\s+نت{A}ئج\s+{A}لبحث)"
)


#: Literals one of which every ``DISCLAIMER`` match holds (عبر: "لا تعبر"; خبر: "هذا الخبر",
#: "تتابع خبر"; لمق: "مجموع المقالات"; لبحث: "نتائج البحث").
_DISCLAIMER_NEEDS = ("عبر", "خبر", "يتحمل", "يستخدم", "لمق", "لبحث")


def disclaimer_search(t: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
    """``DISCLAIMER.search(t, pos, endpos)``, skipped when ``t`` holds none of the literals every
    branch needs (a few substring tests instead of a search that tries eight branches at every
    alef, lam, yeh ... of a body line)."""
    for lit in _DISCLAIMER_NEEDS:
        if lit in t:
            return DISCLAIMER.search(t, pos, len(t) if endpos is None else endpos)
    return None
