"""Arabic news-page cues for the HTML route: lead phrases, headings and class-name hints.

Every table here is data, not logic. Sources:

* "gold" = the 11 hand-read pages in ``shared/gold/pages`` (headings and prefixes seen on
  sputnik, almadenahnews, albayan, youm7, akhbarelyom, beirutobserver, alyaum, elbaladtv,
  assabah, CNN Arabic, LBCI);
* "case" = ``shared/cases/cases.jsonl`` case ``bp-read-also-tags-share-related`` (variants
  listed in its notes, from trafilatura issues #584 and #80);
* class-name hints follow the boilerplate class lists of trafilatura (``htmlprocessing`` /
  ``xpaths.py``) and jusText, narrowed to the names seen on the gold pages.

All phrases are compared after :func:`key` (alef/yeh/teh-marbuta folding, tanween and
diacritics dropped), so one entry covers ``اقرأ أيضاً``, ``إقرأ ايضا`` and ``اقرا أيضا``.
"""

from __future__ import annotations

import re

_FOLD = str.maketrans(
    {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ی": "ي", "ک": "ك",
        "\u0640": None, "\u200f": None, "\u200e": None, "\ufeff": None, "\u200c": None,
        "\u200b": None, "\u200d": None, "\u2060": None, "\xad": None,
        **{chr(c): None for c in (*range(0x064B, 0x0653), 0x0670)},  # harakat, tanween, superscript alef
        **{c: " " for c in ":：-–—_|»«\"'“”‘’()[]{}.,،؛;!؟?*•·…/\\\t\n\r\u00a0"},
    }
)


def key(text: str) -> str:
    """Fold ``text`` for phrase lookup: Arabic letter variants, diacritics and punctuation removed;
    invisible format characters (soft hyphen, zero-width space/joiners, word joiner, bidi marks)
    dropped, since trafilatura drops them from its paragraphs (nypost, comwrap pages of the
    article-extraction benchmark, ``benchmarks/html_aeb.py``).

    ``"إقرأ أيضاً:"`` -> ``"اقرا ايضا"``. Pure function on ``str``; never raises.
    """
    return " ".join(text.translate(_FOLD).lower().split())


#: Headings / lead phrases of blocks that recommend other articles, with the gold ``kind``.
#: Source: gold pages (related_blocks headings) + case notes.
RELATED_HEADINGS: dict[str, str] = {
    key(k): v
    for k, v in {
        "اقرأ أيضا": "read_also",
        "اقرأ كذلك": "read_also",
        "طالع أيضا": "read_also",
        "شاهد أيضا": "read_also",
        "يهمك أيضا": "read_also",
        "قد يهمك": "read_also",
        "قد يعجبك": "read_also",
        "انظر أيضا": "read_also",
        "يمكنك أيضا قراءة": "read_also",
        "اقرأ المزيد": "read_also",
        "مواضيع ذات صلة": "related",
        "أخبار ذات صلة": "related",
        "مقالات ذات صلة": "related",
        "مواضيع ذات علاقة": "related",
        "أخبار ذات علاقة": "related",
        "الموضوعات المتعلقة": "related",
        "مواضيع متعلقة": "related",
        "أخبار متعلقة": "related",
        "ذات صلة": "related",
        "الأكثر قراءة": "most_read",
        "اكثر قراءة": "most_read",
        "الأكثر مشاهدة": "most_read",
        "الأكثر تصفحا": "most_read",
        "الأكثر تداولا": "most_read",
        "الأكثر تعليقا": "most_read",
        "اختيارات القراء": "most_read",
        "زوارنا يقرأون الآن": "most_read",
        "اخترنا لكم": "editors_picks",
        "مقالات مختارة": "editors_picks",
        "مختارات": "editors_picks",
        "ترشيحاتنا": "editors_picks",
        "مختارات اليوم السابع": "editors_picks",
        "مختارات المحرر": "editors_picks",
        "مواضيع ساخنة اخرى": "hot_topics",
        "مواضيع ساخنة": "hot_topics",
    }.items()
}

#: Headings of other-article lists that are *not* recommendations (gold kinds latest/ticker/...).
OTHER_LIST_HEADINGS: dict[str, str] = {
    key(k): v
    for k, v in {
        "آخر الأخبار": "latest",
        "أخر الأخبار": "latest",
        "اخر الاخبار": "latest",
        "أحدث الأخبار": "latest",
        "آخر الاخبار": "latest",
        "عاجل": "ticker",
        "مولتيميديا": "multimedia",
        "بالفيديو": "section_list",
        "مقالات": "section_list",
        "التالي": "prev_next",
        "السابق": "prev_next",
    }.items()
}

#: "More"/"all" links at the foot of lists: navigation, never headlines (gold: sputnik, youm7).
MORE_LINKS = frozenset(
    key(k)
    for k in ("كل الأخبار", "جميع الأخبار", "المزيد", "عرض المزيد", "عرض الكل", "اقرأ المزيد", "المزيد من الأخبار",
              "more", "read more", "view all")
)

#: Headings that introduce the article's tag links. Source: gold (akhbarelyom, sputnik,
#: elbaladtv), case (``الوسوم:``).
TAG_HEADINGS = frozenset(
    key(k)
    for k in (
        "الوسوم", "وسوم", "الكلمات الدالة", "الكلمات الدلالية", "كلمات دالة", "كلمات مفتاحية",
        "الكلمات المفتاحية", "تاجز", "تاغز", "العلامات", "مواضيع", "الموضوع", "Tags", "Keywords",
    )
)

#: Words of share/follow widgets. Source: gold (youm7 ``مشاركة``, sputnik ``انسخ الرابط``), case.
SHARE_WORDS = frozenset(
    key(k)
    for k in (
        "شارك", "شارك الخبر", "مشاركة", "شارك المقال", "شاركها", "انشر", "طباعة", "اطبع", "نسخ الرابط",
        "انسخ الرابط", "فيسبوك", "فيس بوك", "تويتر", "واتساب", "واتس اب", "تيليغرام", "تليجرام", "لينكد إن",
        "إيميل", "البريد الإلكتروني", "تابعنا", "تابعونا", "facebook", "twitter", "whatsapp", "telegram",
        "linkedin", "email", "print", "share", "استمع", "تعليقات", "تعليق", "أضف تعليق", "أرسل",
    )
)

#: Author prefixes stripped from bylines (gold: youm7 ``كتبت``, assabah ``حوار:``; issue: ``بقلم``).
BYLINE_PREFIXES = tuple(
    sorted(
        (
            "بقلم", "كتب", "كتبت", "كتبه", "كتبها", "حوار", "أجرى الحوار", "إعداد", "اعداد", "تحرير",
            "تقرير", "ترجمة", "متابعة", "تصوير", "المحرر", "الكاتب", "الكاتبة", "By", "by",
        ),
        key=len,
        reverse=True,
    )
)

#: Lead phrases of visible datelines (gold: almadenahnews ``تم نشره``, albayan ``التاريخ:``,
#: CNN ``آخر تحديث``). The second field marks updated stamps.
DATELINE_LEADS: dict[str, str] = {
    key(k): v
    for k, v in {
        "تم نشره": "published",
        "نشر في": "published",
        "نشر بتاريخ": "published",
        "تاريخ النشر": "published",
        "نشر": "published",
        "التاريخ": "published",
        "بتاريخ": "published",
        "آخر تحديث": "updated",
        "اخر تحديث": "updated",
        "تم التحديث": "updated",
        "محدثة": "updated",
        "تحديث": "updated",
    }.items()
}

#: Sentences of comment-policy / newsletter / cookie boilerplate that sit inside article
#: containers (gold: CNN Arabic comment notice, sputnik rules dialog; general cookie prompts).
BOILERPLATE_PHRASES = tuple(
    key(k)
    for k in (
        "الآراء الواردة أدناه",
        "لا تعبر عن رأي",
        "ترحب شبكة",
        "مراجعة التعليقات",
        "إرشادات الاستخدام",
        "يتم حذف تعليق",
        "إذا كان التعليق",
        "اشترك في النشرة",
        "اشترك في نشرتنا",
        "النشرة البريدية",
        "ملفات تعريف الارتباط",
        "الكوكيز",
        "جميع الحقوق محفوظة",
        "حقوق النشر محفوظة",
        "we use cookies",
        "this website uses cookies",
        "accept cookies",
        "subscribe to our newsletter",
    )
)

#: A digit of any script the pages use: ASCII, Arabic-Indic (U+0660..) and Extended (U+06F0..).
DIGIT = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]")

#: A character of the Arabic Unicode block (U+0600..U+06FF).
ARABIC = re.compile(r"[\u0600-\u06ff]")

#: Credit lines of agencies/outlets standing alone (gold: almadenahnews ``--(بترا)``,
#: albayan ``المصدر:``). Matched against the whole folded line.
SOURCE_LINE = re.compile(r"^\s*(?:[-–—]+\s*)?\(\s*[^()]{2,40}\)\s*(?:[-–—]+\s*)?$|^\s*(?:المصدر|المصادر|مصدر)\s*[:：]")

#: Zone hints from class/id names. Class and id values are split into lower-case words (on
#: ``-``, ``_``, spaces and camelCase: ``jeg_post_tags`` -> ``jeg post tags``, ``writeBy`` ->
#: ``write by``); a hint matches whole words, ``*`` marks a word prefix. Source: the
#: trafilatura/jusText boilerplate class lists, narrowed to the names seen on the gold pages
#: (``jeg_post_tags``, ``b-inject``, ``window-comments-rules``, ``jnews_inline_related_post``,
#: ``most-read``, ``post-meta-author``, ``writeBy``, ``cnn_strytmstmp``...). Measured: single
#: words such as ``rules``, ``print`` or a bare ``time`` prefix mislabel article containers
#: (beirutobserver ``content-rules``, LBCI ``PrintThis``/``timetoread_pos``), so they are absent.
ZONE_HINTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("comment", ("comment*", "disqus*", "modal*", "popup*", "login*", "register*", "signin", "sign in",
                 "dialog*", "respond")),
    ("cookie", ("cookie*", "consent*", "gdpr*")),
    ("newsletter", ("newsletter*", "subscribe*", "subscription*")),
    ("share", ("share*", "sharing", "social*", "addthis*", "sharethis*", "follow us", "addtoany", "a2a*")),
    (
        "related",
        (
            "related*", "read also", "readalso", "more news", "morenews", "most read", "mostread", "popular*",
            "recommend*", "trending*", "inject*", "similar*", "mostviewed", "most viewed", "editor pick*",
            "picks", "also", "yarpp*",
        ),
    ),
    ("tags", ("tags*", "tag", "taglist", "tagcloud", "keywords*", "post tags")),
    ("caption", ("caption*", "credit*", "photo desc", "img desc", "article image", "figcaption")),
    ("author", ("author*", "byline*", "writer*", "write by", "writeby", "reporter*", "editor name")),
    ("date", ("date", "dates", "dateline", "datetime", "time", "timestamp*", "publish*", "published", "created",
              "strytmstmp", "pubdate", "updated")),
    ("breadcrumb", ("breadcrumb*",)),
    ("lead", ("article lead", "lead", "story lead", "article intro")),
    ("nav", ("nav*", "menu*", "topbar", "top bar", "masthead*", "mega menu")),
    ("footer", ("footer*", "copyright*")),
    ("ad", ("ad", "ads", "advert*", "adsbygoogle", "dfp*", "banner*", "sponsor*", "adslot*", "ad slot",
            "google ad*", "ad container", "ad unit")),
    ("sidebar", ("sidebar*", "side bar", "widget*", "ticker*", "latest*")),
)

#: Tags that open a zone by themselves.
TAG_ZONES = {"nav": "nav", "footer": "footer", "aside": "sidebar", "figcaption": "caption"}
